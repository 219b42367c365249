/*
 * fuzz_dict.c — libFuzzer harness for the dictionary loader: the input,
 * after an "@kind actors|agents|verbs|cues" line, is written to a temp file
 * and loaded with an_dict_load_file into a fresh dictionary; the dictionary
 * then codes a fixed sentence and the input itself as a text document, and
 * every event span must lie inside its text.
 */
#include "fuzz_common.h"
#include "match/dict.h"

static const char *const kinds[] = {"actors", "agents", "verbs", "cues"};

static const char fixed_text[] =
    "South Korean President Yoon Suk Yeol met with Japan's prime minister in Seoul on "
    "Wednesday, and Russia attacked Ukraine. The UN did not condemn the strike, officials said.\n";

/* Codes text with coder (a document built from the bytes). */
static void code_text(an_coder *coder, const char *text, size_t length) {
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer(text, length, AN_INPUT_TEXT, "fuzz", &error);
  if (!doc) return;
  an_events events = {0};
  if (an_coder_code(coder, doc, &events, &error) == AN_OK) fuzz_check_events(doc, &events);
  an_events_clear(&events);
  an_doc_free(doc);
}

/* Loads "@kind KIND\n" + data as one dictionary file and codes with it. */
static void load_as(const uint8_t *data, size_t size, const char *kind) {
  size_t header_length = strlen("@kind ") + strlen(kind) + 1;
  char *bytes = malloc(header_length + size + 1);
  if (!bytes) return;
  snprintf(bytes, header_length + 1, "@kind %s\n", kind);
  memcpy(bytes + header_length, data, size);
  char path[256];
  int made = fuzz_write_temp((const uint8_t *)bytes, header_length + size, ".txt", path, sizeof path);
  free(bytes);
  if (made != 0) return;
  an_dict *dict = an_dict_new();
  an_error error = {0};
  if (dict && an_dict_load_file(dict, path, NULL, NULL, &error) == AN_OK) {
    (void)an_dict_summary(dict);
    an_coder *coder = an_coder_new(dict, &error);
    if (coder) {
      code_text(coder, fixed_text, sizeof fixed_text - 1);
      code_text(coder, (const char *)data, size);
      an_coder_free(coder);
    }
  }
  an_dict_free(dict);
  unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) load_as(data, size, kinds[i]);
  return 0;
}
