/*
 * fuzz_document.c — libFuzzer harness for the document entry point:
 * an_doc_from_buffer (as AUTO, TEXT and HTML) and then an_coder_code with
 * the dictionary in dict/, checking that every event span lies in the text.
 */
#include "fuzz_common.h"

/* Builds the document as kind and codes it; traps on a broken span. */
static void code_as(const uint8_t *data, size_t size, an_input_kind kind, an_coder *coder) {
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer((const char *)data, size, kind, "fuzz", &error);
  if (!doc) return;
  if (doc->text_length && !doc->text) __builtin_trap();
  for (size_t i = 0; i < doc->paragraph_count; i++)
    if (!fuzz_span_inside(doc->paragraphs[i], doc->text_length)) __builtin_trap();
  an_events events = {0};
  an_coder_set_default_date(coder, "2024-11-27");
  if (an_coder_code(coder, doc, &events, &error) == AN_OK) fuzz_check_events(doc, &events);
  an_events_clear(&events);
  an_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static an_coder *coder;
  if (!coder) {
    an_error error = {0};
    coder = an_coder_new(fuzz_dictionary(), &error);
    if (!coder) return 0;
  }
  code_as(data, size, AN_INPUT_AUTO, coder);
  code_as(data, size, AN_INPUT_TEXT, coder);
  code_as(data, size, AN_INPUT_HTML, coder);
  return 0;
}
