/*
 * test_coder.c — the coder with annals' own dictionaries (dict/): each kind
 * of time expression still dates the event (the coder only asks the date
 * resolver about sentences that may hold a date), sentences without one stay
 * undated, and event ids are stable within a run.
 */
#include "annals.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>

typedef struct dated_case {
  const char *words; /* after "Russia attacked Ukraine " */
  const char *date;  /* expected event date ("" none) with publication 2024-11-26 */
} dated_case;

static const dated_case cases[] = {
    {"on Monday", "2024-11-25"},     {"last week", "2024-11-18"},     {"in 2022", "2022"},
    {"on Nov. 27", "2023-11-27"},    {"on the 27th", "2024-10-27"},   {"two days ago", "2024-11-24"},
    {"yesterday", "2024-11-25"},     {"on 2024-11-20", "2024-11-20"}, {"in mid-October", "2024-10"},
    {"this morning", "2024-11-26"},  {"in two weeks", "2024-12-09"},  {"the day before yesterday", "2024-11-24"},
    {"in may", ""},                  {"in the Mayor's office", ""},   {"near 12 towns", ""},
};

/* Codes one sentence; returns the number of events, the first one in *first. */
static size_t code_one(an_coder *coder, const char *text, an_event *first) {
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer(text, strlen(text), AN_INPUT_TEXT, "test", &error);
  if (!doc) return 0;
  an_events events = {0};
  size_t count = 0;
  if (an_coder_code(coder, doc, &events, &error) == AN_OK && events.count > 0) {
    *first = events.items[0];
    count = events.count;
  }
  an_events_clear(&events);
  an_doc_free(doc);
  return count;
}

/* The coder over dict/ with publication 2024-11-26; NULL without dict/. */
static an_coder *open_coder(an_dict **dict) {
  an_error error = {0};
  *dict = an_dict_load("dict", NULL, NULL, &error);
  an_coder *coder = *dict ? an_coder_new(*dict, &error) : NULL;
  if (coder) an_coder_set_default_date(coder, "2024-11-26");
  return coder;
}

static void close_coder(an_coder *coder, an_dict *dict) {
  an_coder_free(coder);
  an_dict_free(dict);
}

static void test_dates(void) {
  an_dict *dict;
  an_coder *coder = open_coder(&dict);
  if (!coder) { an_dict_free(dict); SKIP("no dict/ directory"); }
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[160];
    snprintf(text, sizeof text, "Russia attacked Ukraine %s.", cases[i].words);
    an_event event;
    memset(&event, 0, sizeof event);
    CHECK(code_one(coder, text, &event) >= 1);
    CHECK_STR(event.code, "190");
    CHECK_STR(event.date, cases[i].date);
  }
  close_coder(coder, dict);
}

static void test_ids(void) {
  an_dict *dict;
  an_coder *coder = open_coder(&dict);
  if (!coder) { an_dict_free(dict); SKIP("no dict/ directory"); }
  an_event a, b, c;
  memset(&a, 0, sizeof a);
  b = c = a;
  CHECK(code_one(coder, "Russia attacked Ukraine on Monday.", &a) == 1);
  CHECK(code_one(coder, "Russia attacked Ukraine on Monday.", &b) == 1);
  CHECK(code_one(coder, "Ukraine attacked Russia on Monday.", &c) == 1);
  CHECK_INT((int)strlen(a.id), 16);
  CHECK_STR(a.id, b.id);
  CHECK(strcmp(a.id, c.id) != 0);
  CHECK_STR(a.pattern, b.pattern);
  CHECK(strstr(a.pattern, "verbs.txt:") != NULL);
  close_coder(coder, dict);
}

int main(void) {
  RUN(test_dates);
  RUN(test_ids);
  return harness_finish();
}
