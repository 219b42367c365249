/*
 * fuzz_tabari.c — libFuzzer harness for the TABARI loaders and coder.  The
 * input is cut at lines "====" into up to five parts: a .verbs file, an
 * .actors file, an .agents file, an .options file and a sentence.  The
 * files go into a temp folder with a .project naming them, the project is
 * loaded with an_tabari_load_project, and the sentence (and a fixed one) is
 * coded with an_tabari_code_sentence; every event span must lie inside the
 * text.
 */
#include "fuzz_common.h"
#include "tabari/tabari.h"

#include <sys/stat.h>

enum { PART_VERBS, PART_ACTORS, PART_AGENTS, PART_OPTIONS, PART_SENTENCE, PART_COUNT };

static const char *const part_files[PART_SENTENCE] = {"f.verbs", "f.actors", "f.agents", "f.options"};
static const char *const part_tags[PART_SENTENCE] = {"verbsfile", "actorsfile", "agentsfile", "optionsfile"};

static const char fixed_sentence[] =
    "NORLAND ACCUSED SUDLAND OF SPYING AND THE PRESIDENT MET OSTRIA , SUDLAND AND RUSSIA ON MONDAY.";

typedef struct part { const char *bytes; size_t length; } part;

/* Cuts data at "\n====\n" into parts (OUT); later parts stay empty. */
static void split_parts(const uint8_t *data, size_t size, part parts[PART_COUNT]) {
  static const char separator[] = "\n====\n";
  const char *at = (const char *)data, *end = at + size;
  memset(parts, 0, PART_COUNT * sizeof parts[0]);
  for (int index = 0; index < PART_COUNT; index++) {
    const char *found = index < PART_COUNT - 1
        ? memmem(at, (size_t)(end - at), separator, sizeof separator - 1) : NULL;
    parts[index].bytes = at;
    parts[index].length = (size_t)((found ? found : end) - at);
    if (!found) return;
    at = found + sizeof separator - 1;
  }
}

static int write_file(const char *folder, const char *name, const char *bytes, size_t length) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", folder, name);
  FILE *file = fopen(path, "wb");
  if (!file) return -1;
  size_t wrote = fwrite(bytes, 1, length, file);
  return fclose(file) == 0 && wrote == length ? 0 : -1;
}

/* Codes text[0..length) as one sentence of a document; traps on bad spans. */
static void code_sentence(const an_tabari_dict *dict, const char *text, size_t length) {
  an_doc *doc = an_doc_new();
  if (!doc) return;
  doc->text = malloc(length + 1);
  if (doc->text) {
    if (length) memcpy(doc->text, text, length);
    doc->text[length] = '\0';
    doc->text_length = length;
    an_events events = {0};
    an_span sentence = {0, length};
    an_error error = {0};
    if (an_tabari_code_sentence(dict, doc, sentence, "1995-01-01", &events, &error) == AN_OK)
      fuzz_check_events(doc, &events);
    an_events_clear(&events);
  }
  an_doc_free(doc);
}

/* Writes the parts and the project into folder; loads and codes. */
static void load_and_code(const char *folder, const part parts[PART_COUNT]) {
  char project[4096];
  size_t used = (size_t)snprintf(project, sizeof project, "Fuzz project\n");
  for (int index = 0; index < PART_SENTENCE; index++) {
    if (write_file(folder, part_files[index], parts[index].bytes, parts[index].length) != 0) return;
    used += (size_t)snprintf(project + used, sizeof project - used, "<%s> %s\n", part_tags[index],
                             part_files[index]);
  }
  if (write_file(folder, "f.project", project, used) != 0) return;
  char path[512];
  snprintf(path, sizeof path, "%s/f.project", folder);
  an_error error = {0};
  an_tabari_dict *dict = an_tabari_load_project(path, NULL, NULL, &error);
  if (!dict) return;
  (void)an_tabari_summary(dict);
  code_sentence(dict, fixed_sentence, sizeof fixed_sentence - 1);
  code_sentence(dict, parts[PART_SENTENCE].bytes, parts[PART_SENTENCE].length);
  an_tabari_dict_free(dict);
}

static void remove_folder(const char *folder) {
  char path[512];
  for (int index = 0; index < PART_SENTENCE; index++) {
    snprintf(path, sizeof path, "%s/%s", folder, part_files[index]);
    unlink(path);
  }
  snprintf(path, sizeof path, "%s/f.project", folder);
  unlink(path);
  rmdir(folder);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  part parts[PART_COUNT];
  split_parts(data, size, parts);
  const char *tmp = getenv("TMPDIR");
  char folder[256];
  snprintf(folder, sizeof folder, "%s/annals-fuzz-tabari-XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(folder)) return 0;
  load_and_code(folder, parts);
  remove_folder(folder);
  return 0;
}
