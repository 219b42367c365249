/* test_segment.c — tokens and sentences as spans over the text. */
#include "harness.h"
#include "segment/segment.h"

#include <stdlib.h>
#include <string.h>

static an_segmentation seg;

static void segment(const char *text) {
  an_segmentation_reset(&seg);
  an_span whole = {0, strlen(text)};
  CHECK_INT(an_segment_paragraph(&seg, text, whole), AN_OK);
}

static char *token_text(const char *text, size_t index) {
  static char out[256];
  snprintf(out, sizeof out, "%.*s", (int)seg.tokens[index].length, text + seg.tokens[index].offset);
  return out;
}

static char *sentence_text(const char *text, size_t index) {
  static char out[1024];
  snprintf(out, sizeof out, "%.*s", (int)seg.sentences[index].span.length, text + seg.sentences[index].span.offset);
  return out;
}

static void test_abbreviations_do_not_split(void) {
  const char *text = "The U.S. Army and Gen. Smith met on Jan. 5 in No. 2 Street. Then they left.";
  segment(text);
  CHECK_INT(seg.sentence_count, 2);
  CHECK_STR(sentence_text(text, 1), "Then they left.");
  CHECK_STR(token_text(text, 1), "U.S.");
}

static void test_decimals_and_numbers(void) {
  const char *text = "Prices rose 3.5 percent to 2,000 dollars. Markets fell.";
  segment(text);
  CHECK_INT(seg.sentence_count, 2);
  CHECK_STR(token_text(text, 2), "3.5");
  CHECK_STR(token_text(text, 5), "2,000");
}

static void test_possessive_is_its_own_token(void) {
  const char *text = "South Korea\xE2\x80\x99s Ministry and Yoon's office.";
  segment(text);
  CHECK_STR(token_text(text, 1), "Korea");
  CHECK_STR(token_text(text, 2), "\xE2\x80\x99s");
  CHECK(seg.tokens[2].flags & AN_TOKEN_POSSESSIVE);
  CHECK_STR(token_text(text, 5), "Yoon");
  CHECK_STR(token_text(text, 6), "'s");
}

static void test_hyphenated_word_is_one_token(void) {
  const char *text = "Shin Won-sik sent non-lethal aid.";
  segment(text);
  CHECK_STR(token_text(text, 1), "Won-sik");
  CHECK_STR(token_text(text, 3), "non-lethal");
}

static void test_quotes_close_sentences(void) {
  const char *text = "\"We will fight,\" he said. \"Never.\" She left.";
  segment(text);
  CHECK_INT(seg.sentence_count, 3);
  CHECK_STR(sentence_text(text, 1), "\"Never.\"");
}

static void test_spans_point_at_bytes(void) {
  const char *text = "  Kyiv asked Seoul for aid.  ";
  segment(text);
  CHECK_INT(seg.sentence_count, 1);
  CHECK_INT(seg.sentences[0].span.offset, 2);
  CHECK_STR(sentence_text(text, 0), "Kyiv asked Seoul for aid.");
  CHECK(seg.tokens[0].flags & AN_TOKEN_CAPITALIZED);
}

static void test_dotted_abbreviation_ends_sentence_before_starter(void) {
  const char *text = "He flew to the U.S. The talks began.";
  segment(text);
  CHECK_INT(seg.sentence_count, 2);
}

static void test_hostile_input(void) {
  size_t length = 200000;
  char *text = malloc(length + 1);
  for (size_t i = 0; i < length; i++) text[i] = (char)((i * 7919) % 255 + 1);
  text[length] = '\0';
  segment(text);
  size_t covered = 0;
  for (size_t i = 0; i < seg.sentence_count; i++) {
    CHECK(seg.sentences[i].token_count <= AN_SENTENCE_MAX_TOKENS);
    covered += seg.sentences[i].token_count;
  }
  CHECK_INT(covered, seg.token_count);
  for (size_t i = 0; i < seg.token_count; i++) {
    CHECK(seg.tokens[i].offset + seg.tokens[i].length <= length);
    if (seg.tokens[i].offset + seg.tokens[i].length > length) break;
  }
  memset(text, 'a', length);
  segment(text); /* one enormous word: split at the token limit */
  CHECK(seg.token_count >= length / AN_TOKEN_MAX_LENGTH);
  free(text);
}

int main(void) {
  an_segmentation_init(&seg);
  RUN(test_abbreviations_do_not_split);
  RUN(test_decimals_and_numbers);
  RUN(test_possessive_is_its_own_token);
  RUN(test_hyphenated_word_is_one_token);
  RUN(test_quotes_close_sentences);
  RUN(test_spans_point_at_bytes);
  RUN(test_dotted_abbreviation_ends_sentence_before_starter);
  RUN(test_hostile_input);
  an_segmentation_clear(&seg);
  return harness_finish();
}
