/*
 * fuzz_reader.c — libFuzzer harness for the reader entry point: the input
 * is written to a temp file and read with an_reader_open/an_reader_next as
 * AUTO, as WARC and as JSON Lines, every document to the end (errors of one
 * record included: the reader must go on or end).
 *
 * A one-document file costs a 256 MB buffer reservation per read (the
 * reader reserves AN_READ_WHOLE_FILE_LIMIT up front), which under ASan
 * means ~100 ms of shadow memory writes; so AUTO runs on every input that
 * sniffs as a stream (WARC, JSON Lines) but only on one input in 256
 * of the rest, which fuzz_document covers through an_doc_from_buffer.
 */
#include "fuzz_common.h"

/* Enough calls for any record count the input can hold, so a reader that
 * never ends is caught as a hang rather than looping forever. */
#define FUZZ_READER_MAX_CALLS 100000

static void read_as(const char *path, size_t size, an_input_kind kind) {
  an_error error = {0};
  an_reader *reader = an_reader_open(path, kind, &error);
  if (!reader) return;
  int errors = 0;
  for (int call = 0; call < FUZZ_READER_MAX_CALLS; call++) {
    an_doc *doc = NULL;
    an_error_clear(&error);
    int status = an_reader_next(reader, &doc, &error);
    if (status != AN_OK) {
      if (doc) __builtin_trap(); /* an error hands out no document */
      /* each failed record consumes input: more errors than bytes is a loop */
      if ((size_t)++errors > size + 16) __builtin_trap();
      continue;
    }
    if (!doc) break;
    if (doc->text_length && !doc->text) __builtin_trap();
    for (size_t i = 0; i < doc->paragraph_count; i++)
      if (!fuzz_span_inside(doc->paragraphs[i], doc->text_length)) __builtin_trap();
    an_doc_free(doc);
  }
  an_reader_close(reader);
}

/* True when AUTO would read data as a stream.  (gzip is not: forced WARC
 * and JSONL unzip too, and AUTO on a gzipped page is the slow whole path.) */
static int sniffs_as_stream(const uint8_t *data, size_t size) {
  size_t i = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (i < size && strchr(" \t\r\n", data[i]) && data[i]) i++;
  if (size - i >= 7 && !memcmp(data + i, "WARC/1.", 7)) return 1;
  return i < size && data[i] == '{';
}

/* One input in 256, chosen by content so runs are reproducible. */
static int sampled(const uint8_t *data, size_t size) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < size; i++) hash = (hash ^ data[i]) * 16777619u;
  return (hash & 255) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[256];
  if (fuzz_write_temp(data, size, ".in", path, sizeof path) != 0) return 0;
#ifdef FUZZ_READER_ALWAYS_AUTO /* the regression test reads every file as AUTO */
  (void)sniffs_as_stream; (void)sampled;
  read_as(path, size, AN_INPUT_AUTO);
#else
  if (sniffs_as_stream(data, size) || sampled(data, size)) read_as(path, size, AN_INPUT_AUTO);
#endif
  read_as(path, size, AN_INPUT_WARC);
  read_as(path, size, AN_INPUT_JSONL);
  unlink(path);
  return 0;
}
