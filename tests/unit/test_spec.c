/*
 * test_spec.c — runs the spec-style cases (tests/spec, files ending .spec) through the
 * library: each case is a text (with its publication date) and the events it
 * must give, one "SOURCE TARGET CODE STATUS [DATE]" line each (countries;
 * "-" for no target).  The same files run through the CLI in
 * tests/cli/spec.sh.
 *
 *   ### a name
 *   date: 2024-11-26
 *   text lines...
 *   ---
 *   UKR KOR 042 reported
 *   ===
 */
#include "harness.h"
#include "annals.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CASE_TEXT 65536
#define MAX_EVENTS 64

typedef struct spec_case {
  char name[256];
  char date[16];
  char text[MAX_CASE_TEXT];
  char expected[MAX_EVENTS][96];
  int expected_count;
} spec_case;

static an_dict *dictionary;

static int compare_strings(const void *a, const void *b) { return strcmp(a, b); }

/* "UKR KOR 042 reported [2024-11-27]" for an event. */
static void describe(const an_event *event, char *out, size_t capacity) {
  snprintf(out, capacity, "%s %s %s %s%s%s", event->has_source ? event->source.country : "-",
           event->has_target ? event->target.country : "-", event->code, an_status_name(event->status),
           event->date[0] ? " " : "", event->date);
}

static void run_case(spec_case *c) {
  harness.current_name = c->name;
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer(c->text, strlen(c->text), AN_INPUT_TEXT, c->name, &error);
  CHECK(doc != NULL);
  if (!doc) return;
  if (c->date[0]) doc->published = strdup(c->date);
  an_coder *coder = an_coder_new(dictionary, &error);
  an_events events = {0};
  CHECK_INT(an_coder_code(coder, doc, &events, &error), AN_OK);
  char got[MAX_EVENTS][96];
  int got_count = 0;
  for (size_t i = 0; i < events.count && got_count < MAX_EVENTS; i++) {
    char line[96];
    describe(&events.items[i], line, sizeof line);
    bool duplicate = false;
    for (int k = 0; k < got_count; k++) duplicate |= !strcmp(got[k], line);
    if (!duplicate) strcpy(got[got_count++], line);
  }
  qsort(got, (size_t)got_count, sizeof got[0], compare_strings);
  qsort(c->expected, (size_t)c->expected_count, sizeof c->expected[0], compare_strings);
  bool same = got_count == c->expected_count;
  for (int i = 0; same && i < got_count; i++) same = !strcmp(got[i], c->expected[i]);
  if (!same) {
    harness.current_failed++;
    fprintf(stderr, "  FAIL %s\n    expected:\n", c->name);
    for (int i = 0; i < c->expected_count; i++) fprintf(stderr, "      %s\n", c->expected[i]);
    fprintf(stderr, "    got:\n");
    for (int i = 0; i < got_count; i++) fprintf(stderr, "      %s\n", got[i]);
  }
  an_events_clear(&events);
  an_coder_free(coder);
  an_doc_free(doc);
}

static void finish_case(spec_case *c) {
  if (!c->name[0]) return;
  harness.current_failed = 0;
  harness.current_skipped = 0;
  run_case(c);
  if (harness.current_failed) harness.failed++;
  else harness.passed++;
}

/* Reads one spec file, running each case as it closes. */
static void run_file(const char *path) {
  FILE *file = fopen(path, "r");
  if (!file) { fprintf(stderr, "cannot open %s\n", path); harness.failed++; return; }
  static spec_case c;
  memset(&c, 0, sizeof c);
  enum { NONE, TEXT, EVENTS } state = NONE;
  char line[4096];
  while (fgets(line, sizeof line, file)) {
    if (!strncmp(line, "### ", 4)) {
      memset(&c, 0, sizeof c);
      line[strcspn(line, "\n")] = '\0';
      snprintf(c.name, sizeof c.name, "%.60s: %.180s", strrchr(path, '/') + 1, line + 4);
      state = TEXT;
    } else if (state == TEXT && !strncmp(line, "date: ", 6)) {
      sscanf(line + 6, "%15s", c.date);
    } else if (state == TEXT && !strcmp(line, "---\n")) {
      state = EVENTS;
    } else if (state == TEXT) {
      strncat(c.text, line, sizeof c.text - strlen(c.text) - 1);
    } else if (state == EVENTS && !strcmp(line, "===\n")) {
      finish_case(&c);
      state = NONE;
    } else if (state == EVENTS && line[0] != '\n' && c.expected_count < MAX_EVENTS) {
      line[strcspn(line, "\n")] = '\0';
      snprintf(c.expected[c.expected_count++], sizeof c.expected[0], "%.90s", line);
    }
  }
  fclose(file);
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  an_error error = {0};
  setenv("WNSEARCHDIR", getenv("WNSEARCHDIR") ? getenv("WNSEARCHDIR") : "/usr/share/wordnet", 0);
  dictionary = an_dict_load("dict", NULL, NULL, &error);
  if (!dictionary) {
    fprintf(stderr, "cannot load dict/: %s\n", error.message);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  DIR *folder = opendir("tests/spec");
  char *names[128];
  size_t count = 0;
  for (struct dirent *item; folder && (item = readdir(folder)) && count < 128;)
    if (strstr(item->d_name, ".spec")) names[count++] = strdup(item->d_name);
  if (folder) closedir(folder);
  qsort(names, count, sizeof names[0], compare_names);
  for (size_t i = 0; i < count; i++) {
    char path[512];
    snprintf(path, sizeof path, "tests/spec/%s", names[i]);
    run_file(path);
    free(names[i]);
  }
  an_dict_free(dictionary);
  return harness_finish();
}
