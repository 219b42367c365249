/*
 * extract_speed.c — throughput of an_extract_html (parse + extract) over
 * .html / .html.gz pages: the pages are read and decompressed first, then
 * each is extracted AN_BENCH_ROUNDS times; prints MB/s of HTML per core and
 * the slowest page.  Built and run by bench/extract-speed.
 *
 *   extract_speed FILE...
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "annals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum { AN_BENCH_ROUNDS = 5, AN_BENCH_MAX_PAGE = 64 * 1024 * 1024 };

typedef struct page {
  char *bytes;
  size_t length;
  const char *name;
} page;

static char *read_page(const char *path, size_t *length) {
  gzFile file = gzopen(path, "rb"); /* reads plain files too */
  if (!file) return NULL;
  size_t capacity = 1 << 16, used = 0;
  char *bytes = malloc(capacity);
  int got;
  while (bytes && (got = gzread(file, bytes + used, (unsigned)(capacity - used))) > 0) {
    used += (size_t)got;
    if (used == capacity && capacity < AN_BENCH_MAX_PAGE) {
      char *grown = realloc(bytes, capacity * 2);
      if (!grown) { free(bytes); bytes = NULL; break; }
      bytes = grown;
      capacity *= 2;
    } else if (used == capacity) {
      break;
    }
  }
  gzclose(file);
  *length = used;
  return bytes;
}

static double now(void) {
  struct timespec clock;
  clock_gettime(CLOCK_MONOTONIC, &clock);
  return (double)clock.tv_sec + (double)clock.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: extract_speed FILE...\n");
    return 2;
  }
  page *pages = calloc((size_t)argc, sizeof *pages);
  size_t count = 0, total = 0;
  for (int i = 1; i < argc; i++) {
    size_t length;
    char *bytes = read_page(argv[i], &length);
    if (!bytes) { fprintf(stderr, "extract_speed: %s: cannot read\n", argv[i]); continue; }
    pages[count++] = (page){bytes, length, argv[i]};
    total += length;
  }
  double elapsed = 0, slowest = 0;
  const char *slowest_name = "";
  int failures = 0;
  for (int round = 0; round < AN_BENCH_ROUNDS; round++) {
    for (size_t i = 0; i < count; i++) {
      an_doc *doc = an_doc_new();
      an_error error = {0};
      double start = now();
      int status = an_extract_html(pages[i].bytes, pages[i].length, doc, &error);
      double took = now() - start;
      elapsed += took;
      if (took > slowest) { slowest = took; slowest_name = pages[i].name; }
      if (status != AN_OK && round == 0) {
        fprintf(stderr, "extract_speed: %s: %s\n", pages[i].name, error.message);
        failures++;
      }
      an_doc_free(doc);
    }
  }
  double megabytes = (double)total * AN_BENCH_ROUNDS / 1e6;
  printf("pages %zu, %.1f MB of HTML, %d rounds\n", count, (double)total / 1e6, AN_BENCH_ROUNDS);
  printf("slowest page %.2f ms (%s)\n", slowest * 1e3, slowest_name);
  printf("throughput %.1f MB/s per core (parse + extract)\n", megabytes / elapsed);
  for (size_t i = 0; i < count; i++) free(pages[i].bytes);
  free(pages);
  return failures ? 1 : 0;
}
