/*
 * code_speed.c — annals' own coder (dict/) on news sentences: each <Text> of
 * a PETRARCH XML file is one document, replicated to N sentences.  Prints
 * sentences/s, events, dictionary load time and peak RSS.  With N = 0 it
 * only loads (for callgrind's baseline).
 *
 * usage: code_speed DICT_DIR FILE.xml N
 */
#include "annals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The <Text> elements of the file, whitespace folded. */
static size_t read_texts(const char *path, char ***out) {
  size_t length = 0;
  FILE *file = fopen(path, "rb");
  if (!file) return 0;
  fseek(file, 0, SEEK_END);
  length = (size_t)ftell(file);
  fseek(file, 0, SEEK_SET);
  char *data = malloc(length + 1);
  if (!data || fread(data, 1, length, file) != length) { fclose(file); free(data); return 0; }
  fclose(file);
  data[length] = '\0';
  size_t count = 0, capacity = 128;
  char **texts = malloc(capacity * sizeof *texts);
  for (char *p = data; (p = strstr(p, "<Text>")); ) {
    p += 6;
    char *end = strstr(p, "</Text>");
    if (!end) break;
    char *text = malloc((size_t)(end - p) + 1);
    size_t n = 0;
    for (char *q = p; q < end; q++) {
      char c = (*q == '\n' || *q == '\t') ? ' ' : *q;
      if (c == ' ' && (n == 0 || text[n - 1] == ' ')) continue;
      text[n++] = c;
    }
    text[n] = '\0';
    if (count == capacity) texts = realloc(texts, (capacity *= 2) * sizeof *texts);
    texts[count++] = text;
    p = end;
  }
  free(data);
  *out = texts;
  return count;
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: code_speed DICT_DIR FILE.xml N\n"); return 2; }
  long n = atol(argv[3]);
  an_error error = {0};
  double start = now();
  an_dict *dict = an_dict_load(argv[1], NULL, NULL, &error);
  if (!dict) { fprintf(stderr, "%s\n", error.message); return 2; }
  double loaded = now();
  char **texts = NULL;
  size_t count = read_texts(argv[2], &texts);
  if (!count) { fprintf(stderr, "%s: no <Text>\n", argv[2]); return 2; }
  an_coder *coder = an_coder_new(dict, &error);
  an_coder_set_default_date(coder, "2024-11-26");
  long events = 0;
  an_events list = {0};
  double coding = 0;
  for (long i = 0; i < n; i++) {
    const char *text = texts[(size_t)i % count];
    an_doc *doc = an_doc_from_buffer(text, strlen(text), AN_INPUT_TEXT, "bench", &error);
    if (!doc) continue;
    double t0 = now();
    list.count = 0;
    an_coder_code(coder, doc, &list, &error);
    coding += now() - t0;
    events += (long)list.count;
    an_doc_free(doc);
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  if (n > 0)
    printf("annals coder: %ld sentences, %ld events, %.0f sentences/s (coding only), load %.3f s, peak RSS %.1f MB\n",
           n, events, (double)n / coding, loaded - start, (double)usage.ru_maxrss / 1024.0);
  an_events_clear(&list);
  an_coder_free(coder);
  an_dict_free(dict);
  for (size_t i = 0; i < count; i++) free(texts[i]);
  free(texts);
  return 0;
}
