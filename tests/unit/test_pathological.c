/*
 * test_pathological.c — hostile input under a wall-clock bound (style.md
 * practice 11).  Each case builds a pathological input (100k nested tags, a
 * 50 MB line, a 10k-token sentence, ...), turns it into a document and codes
 * it with the dictionary in dict/; the case fails when it takes longer than
 * AN_PATHOLOGICAL_SECONDS (scaled under sanitizers) or when any event or
 * paragraph span leaves the text.  Then every file in
 * tests/data/fuzz-regressions/ (inputs that once crashed a fuzz/ harness)
 * runs through all five harnesses again.
 */
#define FUZZ_READER_ALWAYS_AUTO 1
#define FUZZ_DICT_DIR "dict"

/* The harnesses, each under its own name (their helpers are all distinct). */
#define LLVMFuzzerTestOneInput fuzz_document_one
#include "../../fuzz/fuzz_document.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reader_one
#include "../../fuzz/fuzz_reader.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_dict_one
#include "../../fuzz/fuzz_dict.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_tabari_one
#include "../../fuzz/fuzz_tabari.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_dates_one
#include "../../fuzz/fuzz_dates.c"
#undef LLVMFuzzerTestOneInput

#include "harness.h"

#include <dirent.h>
#include <time.h>

/* Wall-clock bound of one case in a normal build. */
#ifndef AN_PATHOLOGICAL_SECONDS
#define AN_PATHOLOGICAL_SECONDS 10.0
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define AN_PATHOLOGICAL_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define AN_PATHOLOGICAL_SANITIZED 1
#endif
#ifdef AN_PATHOLOGICAL_SANITIZED
#define AN_PATHOLOGICAL_SCALE 6.0 /* ASan + UBSan run several times slower */
#else
#define AN_PATHOLOGICAL_SCALE 1.0
#endif

#define AN_REGRESSION_FOLDER "tests/data/fuzz-regressions"
#define AN_REGRESSION_MAX_BYTES ((size_t)16 * 1024 * 1024)

static double now_seconds(void) {
  struct timespec clock;
  clock_gettime(CLOCK_MONOTONIC, &clock);
  return (double)clock.tv_sec + (double)clock.tv_nsec / 1e9;
}

/* A growable byte string for building inputs. */
typedef struct text_builder { char *bytes; size_t length, capacity; int failed; } text_builder;

static void builder_add(text_builder *builder, const char *bytes, size_t length) {
  if (builder->failed) return;
  if (builder->length + length + 1 > builder->capacity) {
    size_t capacity = builder->capacity ? builder->capacity : 4096;
    while (capacity < builder->length + length + 1) capacity *= 2;
    char *grown = realloc(builder->bytes, capacity);
    if (!grown) { builder->failed = 1; return; }
    builder->bytes = grown;
    builder->capacity = capacity;
  }
  memcpy(builder->bytes + builder->length, bytes, length);
  builder->length += length;
  builder->bytes[builder->length] = '\0';
}

static void builder_repeat(text_builder *builder, const char *piece, size_t times) {
  size_t length = strlen(piece);
  for (size_t i = 0; i < times; i++) builder_add(builder, piece, length);
}

static void builder_string(text_builder *builder, const char *text) {
  builder_add(builder, text, strlen(text));
}

/* Counts spans outside the text of doc (events and paragraphs). */
static size_t spans_outside(const an_doc *doc, const an_events *events) {
  size_t bad = 0, length = doc->text_length;
  for (size_t i = 0; i < doc->paragraph_count; i++)
    bad += !fuzz_span_inside(doc->paragraphs[i], length);
  for (size_t i = 0; i < events->count; i++) {
    const an_event *event = &events->items[i];
    bad += (size_t)(!fuzz_span_inside(event->sentence, length) + !fuzz_span_inside(event->verb, length));
    bad += event->has_source && !fuzz_span_inside(event->source.span, length);
    bad += event->has_target && !fuzz_span_inside(event->target.span, length);
  }
  return bad;
}

/* Builds a document from bytes as kind, codes it, checks spans and time.
 * A document refused with an error value is fine (refusing is an answer);
 * expect_doc says whether this input must give one. */
static void code_bounded(const char *label, const char *bytes, size_t length, an_input_kind kind,
                         int expect_doc) {
  double start = now_seconds();
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer(bytes, length, kind, label, &error);
  if (expect_doc) CHECK(doc != NULL);
  if (!doc) {
    CHECK(error.code != AN_OK);
    CHECK(error.message[0] != '\0');
  }
  size_t events_found = 0;
  int had_doc = doc != NULL;
  if (doc) {
    an_coder *coder = an_coder_new(fuzz_dictionary(), &error);
    CHECK(coder != NULL);
    an_events events = {0};
    if (coder) {
      int status = an_coder_code(coder, doc, &events, &error);
      CHECK(status == AN_OK || status == AN_ERROR_LIMIT);
      CHECK_INT(spans_outside(doc, &events), 0);
      events_found = events.count;
    }
    an_events_clear(&events);
    an_coder_free(coder);
    an_doc_free(doc);
  }
  double seconds = now_seconds() - start;
  fprintf(stderr, "  %-34s %9zu bytes  %6zu events  %6.2f s%s\n", label, length, events_found,
          seconds, had_doc ? "" : "  (refused: an error value)");
  CHECK(seconds < AN_PATHOLOGICAL_SECONDS * AN_PATHOLOGICAL_SCALE);
}

static void code_builder(const char *label, text_builder *builder, an_input_kind kind,
                         int expect_doc) {
  CHECK(!builder->failed);
  if (!builder->failed) code_bounded(label, builder->bytes, builder->length, kind, expect_doc);
  free(builder->bytes);
}

static void test_nested_tags(void) {
  text_builder html = {0};
  builder_string(&html, "<html><body>");
  builder_repeat(&html, "<div>", 100000);
  builder_string(&html, "<p>Russia attacked Ukraine on Monday, officials said.</p>");
  builder_repeat(&html, "</div>", 100000);
  builder_string(&html, "</body></html>\n");
  code_builder("100k nested <div>", &html, AN_INPUT_AUTO, 0);
  text_builder unclosed = {0};
  builder_string(&unclosed, "<html><body>");
  builder_repeat(&unclosed, "<span><b><i>", 34000);
  builder_string(&unclosed, "Russia attacked Ukraine.");
  code_builder("100k unclosed inline tags", &unclosed, AN_INPUT_AUTO, 0);
}

static void test_fifty_megabyte_line(void) {
  text_builder text = {0};
  const char *piece = "the talks went on through the night and the delegates ";
  builder_repeat(&text, piece, (size_t)50 * 1024 * 1024 / strlen(piece));
  builder_string(&text, "Russia attacked Ukraine.");
  code_builder("50 MB single line", &text, AN_INPUT_TEXT, 1);
}

static void test_long_sentence_of_actors(void) {
  text_builder text = {0};
  builder_string(&text, "Russia attacked Ukraine");
  builder_repeat(&text, " and France and Germany and Japan attacked China", 1500);
  builder_string(&text, ".\n");
  code_builder("10k-token sentence of actors", &text, AN_INPUT_TEXT, 1);
  text_builder verbs = {0};
  builder_repeat(&verbs, "Russia attacked Ukraine and France met Germany and ", 1000);
  builder_string(&verbs, "Japan condemned China.\n");
  code_builder("10k tokens of actors and verbs", &verbs, AN_INPUT_TEXT, 1);
}

static void test_ten_thousand_commas(void) {
  text_builder text = {0};
  builder_string(&text, "Russia");
  builder_repeat(&text, ",", 10000);
  builder_string(&text, " attacked Ukraine");
  builder_repeat(&text, ", France", 10000);
  builder_string(&text, ".\n");
  code_builder("10k commas", &text, AN_INPUT_TEXT, 1);
}

static void test_possessives(void) {
  text_builder text = {0};
  builder_repeat(&text, "Korea's ", 5000);
  builder_string(&text, "president met Japan's prime minister.\n");
  code_builder("5k possessives", &text, AN_INPUT_TEXT, 1);
}

static void test_repeated_abbreviation(void) {
  text_builder text = {0};
  builder_repeat(&text, "U.S. ", (size_t)1024 * 1024 / 5);
  builder_string(&text, "forces attacked Syria.\n");
  code_builder("1 MB of U.S.", &text, AN_INPUT_TEXT, 1);
}

static void test_many_paragraphs(void) {
  text_builder text = {0};
  builder_repeat(&text, "Russia\n\n", 50000);
  builder_repeat(&text, "Ukraine\n\n", 50000);
  code_builder("100k one-word paragraphs", &text, AN_INPUT_TEXT, 1);
  text_builder html = {0};
  builder_string(&html, "<html><body>");
  builder_repeat(&html, "<p>Russia</p>", 100000);
  builder_string(&html, "</body></html>");
  code_builder("100k one-word <p>", &html, AN_INPUT_AUTO, 0);
}

static void test_repeated_quotes(void) {
  text_builder straight = {0};
  builder_repeat(&straight, "\"", 100000);
  builder_string(&straight, "Russia attacked Ukraine");
  builder_repeat(&straight, "\"", 100000);
  builder_string(&straight, " the minister said.\n");
  code_builder("200k straight quotes", &straight, AN_INPUT_TEXT, 1);
  text_builder nested = {0};
  builder_repeat(&nested, "He said \xE2\x80\x9C", 10000);
  builder_string(&nested, "Russia attacked Ukraine");
  builder_repeat(&nested, "\xE2\x80\x9D", 10000);
  builder_string(&nested, ".\n");
  code_builder("10k nested curly quotes", &nested, AN_INPUT_TEXT, 1);
}

static void test_invalid_utf8_in_html(void) {
  text_builder html = {0};
  builder_string(&html, "<html><head><meta charset=\"utf-8\"><title>T\xC3</title></head><body>");
  builder_repeat(&html, "<p>Russia attacked \xFF\xFE Ukraine \xC0\xAF on \xED\xA0\x80 Monday.</p>", 2000);
  builder_string(&html, "<p>France met \xF4\x90\x80\x80 Germany.\xE2\x82</p></body></html>");
  code_builder("invalid UTF-8 inside HTML (AUTO)", &html, AN_INPUT_AUTO, 0);
  text_builder again = {0};
  builder_string(&again, "<p>Russia attacked \xFF Ukraine.</p>\x80\x80<p>\xC3</p>");
  code_builder("invalid UTF-8 inside HTML (HTML)", &again, AN_INPUT_HTML, 0);
}

/* 100k nested arrays in one JSON line: refused or read, and the next line
 * still comes out as a document. */
static void test_deep_json_lines(void) {
  text_builder lines = {0};
  builder_string(&lines, "{\"text\":");
  builder_repeat(&lines, "[", 100000);
  builder_repeat(&lines, "]", 100000);
  builder_string(&lines, "}\n{\"text\":\"Russia attacked Ukraine.\"}\n");
  CHECK(!lines.failed);
  char path[256];
  double start = now_seconds();
  if (lines.failed ||
      fuzz_write_temp((const uint8_t *)lines.bytes, lines.length, ".jsonl", path, sizeof path)) {
    free(lines.bytes);
    CHECK(0);
    return;
  }
  an_error error = {0};
  an_reader *reader = an_reader_open(path, AN_INPUT_AUTO, &error);
  CHECK(reader != NULL);
  int documents = 0, errors = 0;
  for (int call = 0; reader && call < 10; call++) {
    an_doc *doc = NULL;
    if (an_reader_next(reader, &doc, &error) != AN_OK) { errors++; continue; }
    if (!doc) break;
    if (doc->text && strstr(doc->text, "Russia attacked Ukraine")) documents++;
    an_doc_free(doc);
  }
  an_reader_close(reader);
  unlink(path);
  free(lines.bytes);
  double seconds = now_seconds() - start;
  fprintf(stderr, "  %-34s %9s        %d errors  %6.2f s\n", "100k nested JSON arrays", "", errors,
          seconds);
  CHECK_INT(documents, 1);
  CHECK(seconds < AN_PATHOLOGICAL_SECONDS * AN_PATHOLOGICAL_SCALE);
}

/* Reads a whole file (at most AN_REGRESSION_MAX_BYTES); caller frees. */
static char *read_file(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  char *bytes = malloc(AN_REGRESSION_MAX_BYTES);
  *length = bytes ? fread(bytes, 1, AN_REGRESSION_MAX_BYTES, file) : 0;
  fclose(file);
  return bytes;
}

static void test_fuzz_regressions(void) {
  DIR *folder = opendir(AN_REGRESSION_FOLDER);
  if (!folder) SKIP(AN_REGRESSION_FOLDER " is absent");
  int files = 0;
  for (struct dirent *item; (item = readdir(folder));) {
    if (item->d_name[0] == '.' || !strcmp(item->d_name, "README.md")) continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", AN_REGRESSION_FOLDER, item->d_name);
    size_t length = 0;
    char *bytes = read_file(path, &length);
    CHECK(bytes != NULL);
    if (!bytes) continue;
    double start = now_seconds();
    const uint8_t *data = (const uint8_t *)bytes;
    fuzz_document_one(data, length);
    fuzz_reader_one(data, length);
    fuzz_dict_one(data, length);
    fuzz_tabari_one(data, length);
    fuzz_dates_one(data, length);
    double seconds = now_seconds() - start;
    fprintf(stderr, "  regression %-40s %6.2f s\n", item->d_name, seconds);
    CHECK(seconds < AN_PATHOLOGICAL_SECONDS * AN_PATHOLOGICAL_SCALE);
    free(bytes);
    files++;
  }
  closedir(folder);
  fprintf(stderr, "  %d regression inputs\n", files);
}

int main(void) {
  FILE *probe = fopen("dict/verbs.txt", "r");
  if (!probe) {
    fprintf(stderr, "test_pathological: run from the repository root (dict/ not found)\n");
    printf("0 passed, 1 failed\n");
    return 1;
  }
  fclose(probe);
  RUN(test_nested_tags);
  RUN(test_fifty_megabyte_line);
  RUN(test_long_sentence_of_actors);
  RUN(test_ten_thousand_commas);
  RUN(test_possessives);
  RUN(test_repeated_abbreviation);
  RUN(test_many_paragraphs);
  RUN(test_repeated_quotes);
  RUN(test_invalid_utf8_in_html);
  RUN(test_deep_json_lines);
  RUN(test_fuzz_regressions);
  return harness_finish();
}
