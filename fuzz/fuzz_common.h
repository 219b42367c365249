/*
 * fuzz_common.h — helpers shared by the libFuzzer harnesses in fuzz/: a
 * dictionary loaded once per process, temp files holding the input, and the
 * invariant every harness checks on coded events (each span lies inside the
 * document text).  Harnesses trap on a broken invariant so libFuzzer saves
 * the input; the library itself never aborts.
 */
#ifndef AN_FUZZ_COMMON_H
#define AN_FUZZ_COMMON_H

#include "annals.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_DICT_DIR
#define FUZZ_DICT_DIR "dict"
#endif

/* The dictionary in dict/ (or $ANNALS_FUZZ_DICT), loaded on first use and
 * kept for the life of the process (never freed: libFuzzer never returns). */
static inline const an_dict *fuzz_dictionary(void) {
  static an_dict *dict;
  static int tried;
  if (!tried) {
    tried = 1;
    const char *dir = getenv("ANNALS_FUZZ_DICT");
    an_error error = {0};
    dict = an_dict_load(dir ? dir : FUZZ_DICT_DIR, NULL, NULL, &error);
    if (!dict) {
      fprintf(stderr, "fuzz: cannot load dictionary: %s\n", error.message);
      exit(2);
    }
  }
  return dict;
}

/* True when span lies inside [0, length). */
static inline int fuzz_span_inside(an_span span, size_t length) {
  return span.offset <= length && span.length <= length - span.offset;
}

/* Traps unless every span of every event lies inside the text of doc. */
static inline void fuzz_check_events(const an_doc *doc, const an_events *events) {
  for (size_t i = 0; i < events->count; i++) {
    const an_event *event = &events->items[i];
    size_t length = doc->text_length;
    if (!fuzz_span_inside(event->sentence, length) || !fuzz_span_inside(event->verb, length))
      __builtin_trap();
    if (event->has_source && !fuzz_span_inside(event->source.span, length)) __builtin_trap();
    if (event->has_target && !fuzz_span_inside(event->target.span, length)) __builtin_trap();
  }
}

/* Writes bytes to a fresh temp file whose name ends in suffix; fills path
 * (OUT, at least 64 bytes).  Returns 0, or -1 when the file cannot be made.
 * The caller unlinks path. */
static inline int fuzz_write_temp(const uint8_t *bytes, size_t length, const char *suffix,
                                  char *path, size_t capacity) {
  const char *tmp = getenv("TMPDIR");
  snprintf(path, capacity, "%s/annals-fuzz-XXXXXX%s", tmp ? tmp : "/tmp", suffix);
  int fd = mkstemps(path, (int)strlen(suffix));
  if (fd < 0) return -1;
  size_t done = 0;
  while (done < length) {
    ssize_t wrote = write(fd, bytes + done, length - done);
    if (wrote <= 0) { close(fd); unlink(path); return -1; }
    done += (size_t)wrote;
  }
  close(fd);
  return 0;
}

#endif /* AN_FUZZ_COMMON_H */
