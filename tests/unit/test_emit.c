/* test_emit.c — the event record out: CAMEO table lookups, JSON, TSV, GDELT. */
#include "harness.h"
#include "annals.h"
#include "emit/emit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static an_doc *sample_doc(void) {
  const char *text = "Headline\n\nUkraine asked Seoul for weapons, Reuters said.\n";
  an_error error = {0};
  an_doc *doc = an_doc_from_buffer(text, strlen(text), AN_INPUT_TEXT, "sample.txt", &error);
  doc->url = strdup("https://example.com/2024/11/26/story");
  doc->published = strdup("2024-11-26");
  return doc;
}

static an_event sample_event(void) {
  an_event event;
  memset(&event, 0, sizeof event);
  strcpy(event.id, "00000000000000ab");
  event.sentence = (an_span){10, 46};
  event.verb = (an_span){18, 5};
  event.has_source = event.has_target = 1;
  strcpy(event.source.code, "UKR");
  strcpy(event.source.country, "UKR");
  event.source.span = (an_span){10, 7};
  strcpy(event.target.code, "KORGOV");
  strcpy(event.target.country, "KOR");
  strcpy(event.target.agent, "GOV");
  event.target.span = (an_span){24, 5};
  strcpy(event.code, "0232");
  event.status = AN_STATUS_REPORTED;
  strcpy(event.attribution[0], "Reuters");
  event.attribution_count = 1;
  strcpy(event.date, "2024-11-27");
  event.date_precision = AN_PRECISION_DAY;
  strcpy(event.pattern, "dict/verbs.txt:12");
  event.confidence = 1.0;
  return event;
}

static void test_cameo_table(void) {
  CHECK_STR(an_cameo_name("0232"), "Appeal for military aid");
  CHECK(an_cameo_goldstein("190") < -9.0);
  CHECK_INT(an_cameo_quad_class("040"), 1);
  CHECK_INT(an_cameo_quad_class("072"), 2);
  CHECK_INT(an_cameo_quad_class("111"), 3);
  CHECK_INT(an_cameo_quad_class("190"), 4);
  CHECK(an_cameo_name("999") == NULL);
  const char *type, *mode, *context;
  CHECK_INT(an_cameo_plover("042", &type, &mode, &context), AN_OK);
  CHECK_STR(type, "CONSULT");
  CHECK_STR(mode, "visit");
}

static void test_json_record(void) {
  an_doc *doc = sample_doc();
  an_event event = sample_event();
  char *text = an_event_to_json(doc, &event);
  json_error_t parse_error;
  json_t *record = json_loads(text, 0, &parse_error);
  CHECK(record != NULL);
  CHECK_STR(json_string_value(json_object_get(record, "sentence")), "Ukraine asked Seoul for weapons, Reuters said.");
  CHECK_STR(json_string_value(json_object_get(json_object_get(record, "target"), "text")), "Seoul");
  CHECK_STR(json_string_value(json_object_get(record, "root")), "02");
  CHECK_STR(json_string_value(json_object_get(record, "status")), "reported");
  CHECK_STR(json_string_value(json_object_get(record, "date_precision")), "day");
  CHECK_STR(json_string_value(json_array_get(json_object_get(record, "attribution"), 0)), "Reuters");
  CHECK_STR(json_string_value(json_object_get(json_object_get(record, "article"), "published")), "2024-11-26");
  CHECK(json_integer_value(json_object_get(record, "quad_class")) == 1);
  json_decref(record);
  free(text);
  an_doc_free(doc);
}

static int count_char(const char *text, char c) {
  int n = 0;
  for (; *text; text++) n += *text == c;
  return n;
}

static void test_tsv_and_gdelt_rows(void) {
  an_doc *doc = sample_doc();
  an_event event = sample_event();
  char *buffer = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buffer, &size);
  an_emit_header(out, AN_FORMAT_TSV);
  an_emit_event(out, AN_FORMAT_TSV, doc, &event);
  fclose(out);
  char *second = strchr(buffer, '\n') + 1;
  CHECK_INT(count_char(buffer, '\t'), 2 * 22);
  CHECK(strstr(second, "\t0232\t02\t1\t") != NULL);
  free(buffer);
  out = open_memstream(&buffer, &size);
  an_emit_event(out, AN_FORMAT_GDELT, doc, &event);
  fclose(out);
  CHECK_INT(count_char(buffer, '\t'), AN_GDELT_COLUMNS - 1);
  CHECK(strstr(buffer, "\t20241127\t202411\t2024\t") != NULL);
  CHECK(strstr(buffer, "https://example.com/2024/11/26/story\n") != NULL);
  free(buffer);
  an_doc_free(doc);
}

static void test_format_names(void) {
  CHECK_INT(an_format_parse("jsonl"), AN_FORMAT_JSONL);
  CHECK_INT(an_format_parse("gdelt"), AN_FORMAT_GDELT);
  CHECK_INT(an_format_parse("xml"), -1);
  CHECK_STR(an_status_name(AN_STATUS_NEGATED), "negated");
}

int main(void) {
  RUN(test_cameo_table);
  RUN(test_json_record);
  RUN(test_tsv_and_gdelt_rows);
  RUN(test_format_names);
  return harness_finish();
}
