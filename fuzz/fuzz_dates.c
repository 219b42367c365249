/*
 * fuzz_dates.c — libFuzzer harness for the date finder: an_date_find on the
 * input (not NUL-terminated: ASan catches any read past it) against a fixed
 * and a fuzzed publication date, in each tense; the span found must lie in
 * the text and the date must be well formed for its precision.
 */
#include "fuzz_common.h"
#include "resolve/dates.h"

#include <ctype.h>

/* Traps unless mention is consistent with a text of length bytes. */
static void check_mention(const an_date_mention *mention, size_t length) {
  if (!fuzz_span_inside(mention->span, length)) __builtin_trap();
  size_t date_length = strnlen(mention->date, sizeof mention->date);
  if (date_length == sizeof mention->date) __builtin_trap();
  static const size_t expected[] = {0, 10, 10, 7, 4}; /* by an_precision */
  if ((unsigned)mention->precision > AN_PRECISION_YEAR) __builtin_trap();
  if (date_length != expected[mention->precision]) __builtin_trap();
  for (size_t i = 0; i < date_length; i++) {
    int dash = i == 4 || i == 7;
    if (dash ? mention->date[i] != '-' : !isdigit((unsigned char)mention->date[i])) __builtin_trap();
  }
}

static void find_in(const char *text, size_t length, const char *published) {
  static const an_tense tenses[] = {AN_TENSE_UNKNOWN, AN_TENSE_PAST, AN_TENSE_FUTURE};
  for (size_t i = 0; i < sizeof tenses / sizeof tenses[0]; i++) {
    an_date_mention mention;
    if (an_date_find(text, length, published, tenses[i], &mention)) check_mention(&mention, length);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* an exact-size copy, so reads past the end are caught */
  char *text = malloc(size ? size : 1);
  if (!text) return 0;
  memcpy(text, data, size);
  find_in(text, size, "2024-11-27");
  find_in(text, size, "0001-01-01");
  find_in(text, size, "9999-12-31T23:59:59Z");
  find_in(text, size, NULL);
  /* the first 24 bytes (NUL-terminated) as the publication date */
  char published[25];
  size_t head = size < 24 ? size : 24;
  memcpy(published, data, head);
  published[head] = '\0';
  find_in(text, size, published);
  free(text);
  return 0;
}
