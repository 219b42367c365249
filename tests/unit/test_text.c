/* test_text.c — the article inside plain text: paragraphs, boilerplate, echoes. */
#include "harness.h"
#include "annals.h"

#include <string.h>

static an_doc *doc_of(const char *text) {
  an_error error = {0};
  return an_doc_from_buffer(text, strlen(text), AN_INPUT_TEXT, "test", &error);
}

static char *paragraph(const an_doc *doc, size_t i) {
  static char out[2048];
  snprintf(out, sizeof out, "%.*s", (int)doc->paragraphs[i].length, doc->text + doc->paragraphs[i].offset);
  return out;
}

static void test_boilerplate_lines_dropped(void) {
  an_doc *doc = doc_of("A Title Here\n\nFirst paragraph of the story.\n\nFollow example.com on Google News to keep up\n"
                       "Exit mobile version\n\nShare this article\n");
  CHECK(doc != NULL);
  CHECK_INT(doc->paragraph_count, 1);
  CHECK_STR(doc->title, "A Title Here");
  CHECK_STR(paragraph(doc, 0), "First paragraph of the story.");
  an_doc_free(doc);
}

static void test_echoed_subtitle_dropped(void) {
  an_doc *doc = doc_of("Title\n\nThe foreign minister will travel to Paris next week for talks, officials said\n\n"
                       "Opening paragraph.\n\nThe foreign minister will travel to Paris next week for talks, officials said. "
                       "He will also meet bankers.\n");
  CHECK_INT(doc->paragraph_count, 2);
  CHECK_STR(paragraph(doc, 0), "Opening paragraph.");
  CHECK(strstr(paragraph(doc, 1), "He will also meet") != NULL);
  an_doc_free(doc);
}

static void test_verbatim_repeat_dropped(void) {
  an_doc *doc = doc_of("The same long paragraph is repeated twice in the body of this page.\n\nOther text.\n\n"
                       "The same long paragraph is repeated twice in the body of this page.\n");
  CHECK_INT(doc->paragraph_count, 2);
  an_doc_free(doc);
  /* short lines (list items) may repeat: they are kept */
  doc = doc_of("Intro text of the story.\n\n1 cup flour\n\nMore text.\n\n1 cup flour\n");
  CHECK_INT(doc->paragraph_count, 4);
  an_doc_free(doc);
}

static void test_spans_are_original_bytes(void) {
  const char *text = "Heading\n\n  Indented line one\ncontinues here.\n";
  an_doc *doc = doc_of(text);
  CHECK_INT(doc->paragraph_count, 1);
  CHECK_STR(doc->title, "Heading");
  CHECK_STR(paragraph(doc, 0), "Indented line one\ncontinues here.");
  CHECK(doc->paragraphs[0].offset == 11);
  an_doc_free(doc);
}

static void test_bad_input_is_an_error(void) {
  an_error error = {0};
  const char junk[] = "abc\0\x01\x02\x03";
  CHECK(an_doc_from_buffer(junk, sizeof junk, AN_INPUT_AUTO, "junk.bin", &error) == NULL);
  CHECK(strstr(error.message, "junk.bin") != NULL);
  const char bad_utf8[] = "caf\xC3 ok \xFF\xFE";
  CHECK(an_doc_from_buffer(bad_utf8, strlen(bad_utf8), AN_INPUT_TEXT, "bad.txt", &error) == NULL);
  CHECK(strstr(error.message, "bad.txt") && strstr(error.message, "UTF-8"));
  an_doc *empty = an_doc_from_buffer("", 0, AN_INPUT_TEXT, "empty.txt", &error);
  CHECK(empty != NULL && empty->paragraph_count == 0);
  an_doc_free(empty);
}

int main(void) {
  RUN(test_boilerplate_lines_dropped);
  RUN(test_echoed_subtitle_dropped);
  RUN(test_verbatim_repeat_dropped);
  RUN(test_spans_are_original_bytes);
  RUN(test_bad_input_is_an_error);
  return harness_finish();
}
