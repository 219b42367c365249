/*
 * test_tabari.c — unit tests of the TABARI / PETRARCH loaders and coder on
 * the small dictionaries in tests/data/tabari/, plus the shared TABARI
 * validation suite and full dictionary sets when ../shared is present.
 */
#include "harness.h"
#include "tabari/tabari_code.h"
#include "tabari/tabari_validate.h"

#include <stdlib.h>
#include <string.h>

static int warnings;
static void count_warning(void *context, const char *message) {
  (void)context; (void)message;
  warnings++;
}

static an_tabari_dict *mini(void) {
  warnings = 0;
  return an_tabari_load_project("tests/data/tabari/mini.project", count_warning, NULL, NULL);
}

/* Codes text; returns the events (caller frees items). */
static an_events code(const an_tabari_dict *dict, const char *text, uint32_t date, tb_outcome *outcome) {
  an_events events = {0};
  an_span span = {0, strlen(text)};
  tb_code_sentence(dict, NULL, text, span, date, &events, outcome, NULL);
  return events;
}

static void test_project_loads_and_counts(void) {
  an_tabari_dict *dict = mini();
  CHECK(dict != NULL);
  if (!dict) return;
  CHECK_INT(warnings, 3); /* one bad line in each of actors, agents, verbs */
  const char *summary = an_tabari_summary(dict);
  CHECK(strstr(summary, "actors 6") != NULL);
  CHECK(strstr(summary, "agents 3") != NULL);
  CHECK(strstr(summary, "synsets 1") != NULL);
  CHECK(strstr(summary, "malformed 3") != NULL);
  an_tabari_dict_free(dict);
}

static void test_missing_project_is_an_error(void) {
  an_error error = {0};
  CHECK(an_tabari_load_project("tests/data/tabari/none.project", NULL, NULL, &error) == NULL);
  CHECK_INT(error.code, AN_ERROR_IO);
}

static void test_simple_event_spans(void) {
  an_tabari_dict *dict = mini();
  const char *text = "Norland accused Sudland of spying on Monday.";
  tb_outcome outcome;
  an_events events = code(dict, text, 19950101, &outcome);
  CHECK_INT(events.count, 1);
  CHECK_INT(outcome, TB_OUTCOME_EVENTS);
  if (events.count == 1) {
    an_event *e = &events.items[0];
    CHECK_STR(e->source.code, "NRL");
    CHECK_STR(e->target.code, "SDL");
    CHECK_STR(e->code, "112");
    CHECK_INT(e->status, AN_STATUS_ASSERTED);
    CHECK_INT(e->verb.offset, 8);
    CHECK_INT(e->verb.length, 7); /* "accused" */
    CHECK_INT(e->target.span.offset, 16);
    CHECK(!strncmp(e->pattern, "mini.verbs:", 11));
  }
  free(events.items);
  an_tabari_dict_free(dict);
}

static void test_agents_compounds_paired(void) {
  an_tabari_dict *dict = mini();
  an_events events = code(dict, "The Norland president met Ostria and Sudland in the capital.", 19950101, NULL);
  CHECK_INT(events.count, 2);
  if (events.count == 2) {
    CHECK_STR(events.items[0].source.code, "NRLGOVPRS");
    CHECK_STR(events.items[0].source.country, "NRL");
    CHECK_STR(events.items[1].target.code, "SDL");
  }
  free(events.items);
  events = code(dict, "Norland and Sudland met in the capital today.", 19950101, NULL);
  CHECK_INT(events.count, 2); /* % with a paired code: both directions */
  free(events.items);
  an_tabari_dict_free(dict);
}

static void test_passive_synset_discard_dates(void) {
  an_tabari_dict *dict = mini();
  an_events events = code(dict, "Ostria was attacked by the Sudland army on Friday.", 19950101, NULL);
  CHECK_INT(events.count, 1);
  if (events.count) { CHECK_STR(events.items[0].source.code, "SDLMIL"); CHECK_STR(events.items[0].code, "195"); }
  free(events.items);
  events = code(dict, "Norland will send money to Ostria next week.", 19950101, NULL);
  CHECK_INT(events.count, 1);
  if (events.count) CHECK_STR(events.items[0].code, "070");
  free(events.items);
  tb_outcome outcome;
  events = code(dict, "Norland will play football with Ostria next week.", 19950101, &outcome);
  CHECK_INT(outcome, TB_OUTCOME_DISCARD);
  CHECK_INT(events.count, 0);
  free(events.items);
  events = code(dict, "King Olaf accused Sudland of breaking the treaty.", 19950601, NULL);
  if (events.count) CHECK_STR(events.items[0].source.code, "NRLGOV");
  free(events.items);
  events = code(dict, "Olaf the Tall accused Sudland of breaking the treaty.", 20050601, NULL);
  CHECK_INT(events.count, 1);
  if (events.count) CHECK_STR(events.items[0].source.code, "NRLELI");
  free(events.items);
  an_tabari_dict_free(dict);
}

/* ---- TABARI rules on tests/data/tabari/rules.* ---- */

static an_tabari_dict *rules(void) {
  warnings = 0;
  return an_tabari_load_project("tests/data/tabari/rules.project", count_warning, NULL, NULL);
}

/* Codes text and checks it gives exactly one event SOURCE/TARGET/CODE. */
static void check_one(const an_tabari_dict *dict, const char *text, const char *source,
                      const char *target, const char *event_code) {
  an_events events = code(dict, text, 19950101, NULL);
  CHECK_INT(events.count, 1);
  if (events.count == 1) {
    CHECK_STR(events.items[0].source.code, source);
    CHECK_STR(events.items[0].target.code, target);
    CHECK_STR(events.items[0].code, event_code);
  }
  free(events.items);
}

static void test_rules_load(void) {
  an_tabari_dict *dict = rules();
  CHECK(dict != NULL);
  if (!dict) return;
  CHECK_INT(warnings, 0);
  an_tabari_dict_free(dict);
}

/* FORWARD: a pronoun before any actor takes the first named actor of the
 * previous sentence, without its agent. */
static void test_forward_pronouns(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  tb_options options = dict->options;
  options.forward = 1;
  char forward[40] = "";
  const char *texts[] = {"The Norland president accused Sudland of lying.",
                         "He promised aid to Ostria later.",
                         "Later it promised more aid to Westmark."};
  const char *expected[][3] = {{"NRLGOVPRS", "SDL", "112"}, {"NRL", "OST", "050"}, {"OST", "WMK", "050"}};
  const char *forwarded[] = {"NRL", "OST", "WMK"};
  for (size_t i = 0; i < 3; i++) {
    an_events events = {0};
    an_span span = {0, strlen(texts[i])};
    tb_code_sentence_forward(dict, &options, texts[i], span, 19950101, forward, &events, NULL, NULL);
    CHECK_INT(events.count, 1);
    if (events.count == 1) {
      CHECK_STR(events.items[0].source.code, expected[i][0]);
      CHECK_STR(events.items[0].target.code, expected[i][1]);
      CHECK_STR(events.items[0].code, expected[i][2]);
    }
    CHECK_STR(forward, forwarded[i]);
    free(events.items);
  }
  an_tabari_dict_free(dict);
}

/* The validation runner forwards only to the next sentence of the same
 * story, read with the FORWARD sequence format. */
static void test_forward_sequence_in_suite(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  FILE *sink = fopen("/dev/null", "w");
  an_tabari_validation result;
  CHECK_INT(an_tabari_validate(dict, "tests/data/tabari/forward.text", 0, sink, &result, NULL), AN_OK);
  CHECK_INT(result.passed, 6);
  CHECK_INT(result.failed, 0);
  fclose(sink);
  an_tabari_dict_free(dict);
}

/* FORMER before the actor or the agent makes the agent ELI. */
static void test_former_agents(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Norland judges accused Sudland of bias yesterday.", "NRLJUD", "SDL", "112");
  check_one(dict, "Norland former judges accused Sudland of bias yesterday.", "NRLELI", "SDL", "112");
  check_one(dict, "Former judges of Norland accused former Sudland activists of bias.", "NRLELI",
            "ELISDL", "112");
  an_tabari_dict_free(dict);
}

/* An actor passed over by '^' is never a default source or target. */
static void test_skipped_actor_not_default(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Norland was Westmark for Sudland scolding next week.", "NRL", "SDL", "164");
  an_tabari_dict_free(dict);
}

/* No actor before the verb (PRIOR off): the source is the first member of
 * the compound after it and the target the next member. */
static void test_source_after_verb_is_one_member(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Officials promised aid to Sudland and Ostria on Monday.", "SDL", "OST", "050");
  an_tabari_dict_free(dict);
}

/* Passive voice: WAS/WERE/BEEN before the verb and BY after it, also
 * across one modifier (manual 7.9, PASV-04). */
static void test_passive_with_modifier(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Ostria was accused by Sudland of spying on Monday.", "SDL", "OST", "112");
  check_one(dict, "Ostria was accused openly by Sudland of spying on Monday.", "SDL", "OST", "112");
  an_tabari_dict_free(dict);
}

/* A dominant code ([042!]) drops the sentence's ordinary events. */
static void test_dominant_code(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  tb_options options = dict->options;
  options.code_by = 2; /* CODE ALL: every verb of a clause is coded */
  const char *text = "Norland promised to visit Sudland on Monday.";
  an_events events = {0};
  an_span span = {0, strlen(text)};
  tb_code_sentence(dict, &options, text, span, 19950101, &events, NULL, NULL);
  CHECK_INT(events.count, 1);
  if (events.count == 1) CHECK_STR(events.items[0].code, "042");
  free(events.items);
  an_tabari_dict_free(dict);
}

/* A target found before the verb is not a member of the source's own
 * compound while another actor is there ("them" = the source: CODEBY-08). */
static void test_target_outside_source_compound(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  tb_options options = dict->options;
  options.code_by = 2;
  const char *text = "Norland and Sudland urged Ostria on Monday to assist them today.";
  an_events events = {0};
  an_span span = {0, strlen(text)};
  tb_code_sentence(dict, &options, text, span, 19950101, &events, NULL, NULL);
  CHECK_INT(events.count, 4);
  for (size_t i = 0; i < events.count; i++) CHECK_STR(events.items[i].target.code, "OST");
  free(events.items);
  an_tabari_dict_free(dict);
}

/* A pronoun whose actor is in a dropped comma clause refers to nothing. */
static void test_pronoun_into_dropped_clause(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Norland officials said, Sudland crowds burned down its embassy in Ostria on Monday.",
            "SDL", "OST", "222");
  an_tabari_dict_free(dict);
}

/* WORD_ followed by a blank is a whole word, not adjacent to what follows;
 * WORD_* is adjacent to the verb. */
static void test_underscore_connectors(void) {
  an_tabari_dict *dict = rules();
  if (!dict) { CHECK(0); return; }
  check_one(dict, "Norland runs into an angry Sudland crowd today.", "SDL", "NRL", "190");
  check_one(dict, "Norland was in on dance with Sudland today.", "NRL", "SDL", "075");
  an_events events = code(dict, "Norland was inside on dance with Sudland today.", 19950101, NULL);
  CHECK_INT(events.count, 0); /* IN_ is a whole word: INSIDE does not match */
  free(events.items);
  an_tabari_dict_free(dict);
}

static void test_hostile_sentence(void) {
  an_tabari_dict *dict = mini();
  size_t length = 200000;
  char *text = malloc(length + 1);
  for (size_t i = 0; i < length; i++) text[i] = "Norland and , accused x "[i % 24];
  text[length] = '\0';
  an_events events = code(dict, text, 0, NULL);
  CHECK(events.count <= 64 * 4);
  free(events.items);
  free(text);
  an_tabari_dict_free(dict);
}

static void test_mini_suite(void) {
  an_tabari_dict *dict = mini();
  FILE *sink = fopen("/dev/null", "w");
  an_tabari_validation result;
  CHECK_INT(an_tabari_validate(dict, "tests/data/tabari/mini.text", 0, sink, &result, NULL), AN_OK);
  CHECK_INT(result.passed, 9);
  CHECK_INT(result.failed, 0);
  CHECK_INT(an_tabari_validate(dict, "tests/data/tabari/mini.text", AN_TABARI_VALIDATE_ALL, sink, &result, NULL), AN_OK);
  CHECK_INT(result.failed, 1); /* MINI-11 after the end marker expects a wrong code on purpose */
  fclose(sink);
  an_tabari_dict_free(dict);
}

static void test_shared_validation(void) {
  const char *shared = harness_shared();
  if (!shared) SKIP("../shared not present");
  char path[512];
  snprintf(path, sizeof path, "%s/peers/tabari/validate/Validate.project", shared);
  an_tabari_dict *dict = an_tabari_load_project(path, NULL, NULL, NULL);
  CHECK(dict != NULL);
  if (!dict) return;
  FILE *sink = fopen("/dev/null", "w");
  an_tabari_validation result;
  an_tabari_validate(dict, dict->textfile, 0, sink, &result, NULL);
  fclose(sink);
  CHECK(result.passed >= 445); /* issue 3 asks 440; 448 at the last measure */
  an_tabari_dict_free(dict);
}

static void test_shared_petrarch_loads(void) {
  const char *shared = harness_shared();
  if (!shared) SKIP("../shared not present");
  char path[512];
  snprintf(path, sizeof path, "%s/peers/phoenix/dictionaries", shared);
  warnings = 0;
  an_tabari_dict *dict = an_tabari_load_petrarch(path, count_warning, NULL, NULL);
  CHECK(dict != NULL);
  if (!dict) return;
  CHECK(dict->counts[TB_ROOT_ACTOR] > 10000);
  CHECK(dict->verb_count > 400); /* verb blocks (synonyms share one) */
  CHECK(warnings < 100);
  an_tabari_dict_free(dict);
}

int main(void) {
  RUN(test_project_loads_and_counts);
  RUN(test_missing_project_is_an_error);
  RUN(test_simple_event_spans);
  RUN(test_agents_compounds_paired);
  RUN(test_passive_synset_discard_dates);
  RUN(test_rules_load);
  RUN(test_forward_pronouns);
  RUN(test_forward_sequence_in_suite);
  RUN(test_former_agents);
  RUN(test_skipped_actor_not_default);
  RUN(test_source_after_verb_is_one_member);
  RUN(test_passive_with_modifier);
  RUN(test_dominant_code);
  RUN(test_target_outside_source_compound);
  RUN(test_pronoun_into_dropped_clause);
  RUN(test_underscore_connectors);
  RUN(test_hostile_sentence);
  RUN(test_mini_suite);
  RUN(test_shared_validation);
  RUN(test_shared_petrarch_loads);
  return harness_finish();
}
