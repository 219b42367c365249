/*
 * harness.h — the unit-test harness: CHECK macros that count, and a closing
 * line "N passed, N failed" that tests/run adds up.  One binary per module.
 *
 *   #include "harness.h"
 *   static void test_something(void) { CHECK(1 + 1 == 2); CHECK_STR(a, "b"); }
 *   int main(void) { RUN(test_something); return harness_finish(); }
 *
 * A test passes when none of its CHECKs failed.  SKIP("why") ends the current
 * test as skipped (counted apart, and said).
 */
#ifndef AN_HARNESS_H
#define AN_HARNESS_H

#include <stdio.h>
#include <string.h>

typedef struct harness_state {
  int passed, failed, skipped;
  int current_failed; /* CHECKs failed in the running test */
  int current_skipped;
  const char *current_name;
} harness_state;

static harness_state harness; /* one per test binary: the harness is the program */

#define CHECK(condition)                                                     \
  do {                                                                       \
    if (!(condition)) {                                                      \
      harness.current_failed++;                                              \
      fprintf(stderr, "  FAIL %s: %s:%d: %s\n", harness.current_name,        \
              __FILE__, __LINE__, #condition);                               \
    }                                                                        \
  } while (0)

#define CHECK_STR(actual, expected)                                          \
  do {                                                                       \
    const char *a_ = (actual), *e_ = (expected);                             \
    if (!a_ || !e_ || strcmp(a_, e_) != 0) {                                 \
      harness.current_failed++;                                              \
      fprintf(stderr, "  FAIL %s: %s:%d: %s is \"%s\", expected \"%s\"\n",   \
              harness.current_name, __FILE__, __LINE__, #actual,             \
              a_ ? a_ : "(null)", e_ ? e_ : "(null)");                       \
    }                                                                        \
  } while (0)

#define CHECK_INT(actual, expected)                                          \
  do {                                                                       \
    long long a_ = (long long)(actual), e_ = (long long)(expected);          \
    if (a_ != e_) {                                                          \
      harness.current_failed++;                                              \
      fprintf(stderr, "  FAIL %s: %s:%d: %s is %lld, expected %lld\n",       \
              harness.current_name, __FILE__, __LINE__, #actual, a_, e_);    \
    }                                                                        \
  } while (0)

#define SKIP(why)                                                            \
  do {                                                                       \
    harness.current_skipped = 1;                                             \
    fprintf(stderr, "  SKIP %s: %s\n", harness.current_name, why);           \
    return;                                                                  \
  } while (0)

#define RUN(test)                                                            \
  do {                                                                       \
    harness.current_name = #test;                                            \
    harness.current_failed = 0;                                              \
    harness.current_skipped = 0;                                             \
    test();                                                                  \
    if (harness.current_skipped) harness.skipped++;                          \
    else if (harness.current_failed) harness.failed++;                       \
    else harness.passed++;                                                   \
  } while (0)

static inline int harness_finish(void) {
  if (harness.skipped)
    printf("%d passed, %d failed, %d skipped\n", harness.passed,
           harness.failed, harness.skipped);
  else
    printf("%d passed, %d failed\n", harness.passed, harness.failed);
  return harness.failed ? 1 : 0;
}

/* The shared data folder (../shared) when present, else NULL: tests that need
 * it SKIP and say so. */
static inline const char *harness_shared(void) {
  static const char *candidates[] = {"../shared", NULL}; /* beside the repository */
  for (int i = 0; candidates[i]; i++) {
    char probe[256];
    snprintf(probe, sizeof probe, "%s/design.md", candidates[i]);
    FILE *f = fopen(probe, "r");
    if (f) { fclose(f); return candidates[i]; }
  }
  return NULL;
}

#endif
