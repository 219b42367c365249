/*
 * tabari_speed.c — throughput of the TABARI coder: loads a .project, codes
 * the <Text> sentences of a PETRARCH XML file replicated to N sentences,
 * prints load time, sentences/s, events and peak RSS.  Built and run by
 * bench/tabari-speed against build/libannals.a.
 *   tabari_speed FILE.project FILE.xml N
 */
#include "tabari/tabari_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_SENTENCES 100000

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_all(const char *path) {
  FILE *stream = fopen(path, "rb");
  if (!stream) return NULL;
  fseek(stream, 0, SEEK_END);
  long length = ftell(stream);
  fseek(stream, 0, SEEK_SET);
  char *buffer = malloc((size_t)length + 1);
  if (buffer && fread(buffer, 1, (size_t)length, stream) != (size_t)length) { free(buffer); buffer = NULL; }
  if (buffer) buffer[length] = '\0';
  fclose(stream);
  return buffer;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: tabari_speed FILE.project FILE.xml N\n"); return 2; }
  long wanted = atol(argv[3]);
  double start = now();
  an_error error = {0};
  an_tabari_dict *dict = an_tabari_load_project(argv[1], NULL, NULL, &error);
  if (!dict) { fprintf(stderr, "%s\n", error.message); return 2; }
  double loaded = now();
  char *xml = read_all(argv[2]);
  if (!xml) { fprintf(stderr, "cannot read %s\n", argv[2]); return 2; }
  static an_span spans[MAX_SENTENCES];
  size_t count = 0;
  for (char *c = xml; (c = strstr(c, "<Text>")) && count < MAX_SENTENCES; c += 6) {
    char *end = strstr(c, "</Text>");
    if (!end) break;
    spans[count].offset = (size_t)(c + 6 - xml);
    spans[count].length = (size_t)(end - c - 6);
    count++;
  }
  if (!count) { fprintf(stderr, "no <Text> in %s\n", argv[2]); return 2; }
  an_events events = {0};
  size_t total_events = 0;
  double coding = now();
  for (long i = 0; i < wanted; i++) {
    events.count = 0;
    tb_code_sentence(dict, NULL, xml, spans[(size_t)i % count], 20080801, &events, NULL, NULL);
    total_events += events.count;
  }
  double done = now();
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  printf("tabari: %s\n", an_tabari_summary(dict));
  printf("tabari: load %.3f s\n", loaded - start);
  if (wanted > 0)
    printf("tabari: %ld sentences (%zu distinct) in %.3f s: %.0f sentences/s, %zu events\n",
           wanted, count, done - coding, (double)wanted / (done - coding), total_events);
  printf("tabari: peak RSS %.1f MB\n", (double)usage.ru_maxrss / 1024.0);
  free(events.items);
  free(xml);
  an_tabari_dict_free(dict);
  return 0;
}
