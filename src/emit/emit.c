/*
 * emit.c — events out: the JSON record of design.md (with libjansson), TSV
 * and CSV; CAMEO codebook lookups over the generated table.
 */
#include "core/core.h"
#include "emit/cameo.h"
#include "emit/emit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const an_cameo_entry *an_cameo_find(const char *code) {
  size_t low = 0, high = an_cameo_entry_count;
  while (low < high) {
    size_t middle = (low + high) / 2;
    int order = strcmp(an_cameo_entries[middle].code, code);
    if (order == 0) return &an_cameo_entries[middle];
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return NULL;
}

const char *an_cameo_name(const char *code) {
  const an_cameo_entry *entry = an_cameo_find(code);
  return entry ? entry->name : NULL;
}

double an_cameo_goldstein(const char *code) {
  const an_cameo_entry *entry = an_cameo_find(code);
  return entry ? entry->goldstein : 0.0;
}

int an_cameo_quad_class(const char *code) {
  const an_cameo_entry *entry = an_cameo_find(code);
  return entry ? entry->quad_class : 0;
}

int an_cameo_plover(const char *code, const char **type, const char **mode, const char **context) {
  const an_cameo_entry *entry = an_cameo_find(code);
  if (!entry) return AN_ERROR_NOT_FOUND;
  *type = entry->plover_type;
  *mode = entry->plover_mode;
  *context = entry->plover_context;
  return AN_OK;
}

const char *an_status_name(an_status status) {
  static const char *const names[] = {"asserted", "reported", "planned",
                                      "negated", "denied", "hypothetical"};
  return (unsigned)status < 6 ? names[status] : "asserted";
}

const char *an_precision_name(an_precision precision) {
  static const char *const names[] = {"none", "day", "week", "month", "year"};
  return (unsigned)precision < 5 ? names[precision] : "none";
}

int an_format_parse(const char *name) {
  static const char *const names[] = {"jsonl", "tsv", "csv", "gdelt"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(name, names[i])) return i;
  if (!strcmp(name, "json")) return AN_FORMAT_JSONL;
  return -1;
}

static json_t *string_or_null(const char *text) {
  return text && *text ? json_string(text) : json_null();
}

/* A JSON string of text[span], with invalid UTF-8 replaced (jansson needs
 * valid UTF-8; documents are checked on input, this is a second guard). */
static json_t *span_string(const an_doc *doc, an_span span) {
  if (span.offset > doc->text_length || span.length > doc->text_length - span.offset)
    return json_null();
  json_t *value = json_stringn(doc->text + span.offset, span.length);
  return value ? value : json_string("");
}

static json_t *actor_json(const an_doc *doc, const an_actor *actor, int present) {
  if (!present) return json_null();
  json_t *object = json_object();
  json_object_set_new(object, "code", json_string(actor->code));
  json_object_set_new(object, "country", string_or_null(actor->country));
  json_object_set_new(object, "agent", string_or_null(actor->agent));
  json_object_set_new(object, "text", span_string(doc, actor->span));
  json_object_set_new(object, "span", json_pack("[II]", (json_int_t)actor->span.offset,
                                                 (json_int_t)(actor->span.offset + actor->span.length)));
  return object;
}

static json_t *article_json(const an_doc *doc) {
  json_t *object = json_object();
  json_object_set_new(object, "id", string_or_null(doc->id));
  json_object_set_new(object, "url", string_or_null(doc->url));
  json_object_set_new(object, "outlet", string_or_null(doc->outlet));
  json_object_set_new(object, "published", string_or_null(doc->published));
  json_object_set_new(object, "title", string_or_null(doc->title));
  json_object_set_new(object, "origin", string_or_null(doc->origin));
  return object;
}

static json_t *plover_json(const char *code) {
  const char *type, *mode, *context;
  if (an_cameo_plover(code, &type, &mode, &context) != AN_OK || !*type) return json_null();
  json_t *object = json_object();
  json_object_set_new(object, "type", json_string(type));
  json_object_set_new(object, "mode", json_string(mode));
  json_object_set_new(object, "context", json_string(context));
  return object;
}

static json_t *event_json(const an_doc *doc, const an_event *event) {
  json_t *object = json_object();
  char root[3] = {event->code[0], event->code[1], '\0'};
  json_object_set_new(object, "id", json_string(event->id));
  json_object_set_new(object, "article", article_json(doc));
  json_object_set_new(object, "sentence", span_string(doc, event->sentence));
  json_object_set_new(object, "span", json_pack("[II]", (json_int_t)event->sentence.offset,
                                                 (json_int_t)(event->sentence.offset + event->sentence.length)));
  json_object_set_new(object, "source", actor_json(doc, &event->source, event->has_source));
  json_object_set_new(object, "target", actor_json(doc, &event->target, event->has_target));
  json_object_set_new(object, "code", json_string(event->code));
  json_object_set_new(object, "name", string_or_null(an_cameo_name(event->code)));
  json_object_set_new(object, "root", json_string(root));
  json_object_set_new(object, "quad_class", json_integer(an_cameo_quad_class(event->code)));
  json_object_set_new(object, "goldstein", json_real(an_cameo_goldstein(event->code)));
  json_object_set_new(object, "plover", plover_json(event->code));
  json_object_set_new(object, "status", json_string(an_status_name(event->status)));
  json_t *attribution = json_array();
  for (int i = 0; i < event->attribution_count; i++)
    json_array_append_new(attribution, json_string(event->attribution[i]));
  json_object_set_new(object, "attribution", attribution);
  json_object_set_new(object, "date", string_or_null(event->date));
  json_object_set_new(object, "date_precision", event->date[0] ? json_string(an_precision_name(event->date_precision)) : json_null());
  json_object_set_new(object, "verb", span_string(doc, event->verb));
  json_object_set_new(object, "verb_span", json_pack("[II]", (json_int_t)event->verb.offset,
                                                      (json_int_t)(event->verb.offset + event->verb.length)));
  json_object_set_new(object, "pattern", string_or_null(event->pattern));
  json_object_set_new(object, "confidence", json_real(event->confidence));
  return object;
}

char *an_event_to_json(const an_doc *doc, const an_event *event) {
  json_t *object = event_json(doc, event);
  if (!object) return NULL;
  char *text = json_dumps(object, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
  json_decref(object);
  return text;
}

static const char *const table_columns[] = {
    "id", "article_id", "url", "published", "sentence_start", "sentence_end", "source_code",
    "source_country", "source_agent", "source_text", "target_code", "target_country",
    "target_agent", "target_text", "code", "root", "quad_class", "goldstein", "status",
    "attribution", "date", "date_precision", "pattern", NULL};

int an_emit_header(FILE *out, an_format format) {
  if (format != AN_FORMAT_TSV && format != AN_FORMAT_CSV) return AN_OK;
  char separator = format == AN_FORMAT_TSV ? '\t' : ',';
  for (size_t i = 0; table_columns[i]; i++) {
    if (i) fputc(separator, out);
    fputs(table_columns[i], out);
  }
  fputc('\n', out);
  return ferror(out) ? AN_ERROR_IO : AN_OK;
}

/* Writes one field: TSV replaces tabs and newlines with spaces; CSV quotes. */
static void put_field(FILE *out, an_format format, const char *text, size_t length, bool first) {
  if (!first) fputc(format == AN_FORMAT_TSV ? '\t' : ',', out);
  if (format == AN_FORMAT_CSV) fputc('"', out);
  for (size_t i = 0; i < length; i++) {
    char c = text[i];
    if (format == AN_FORMAT_TSV && (c == '\t' || c == '\n' || c == '\r')) c = ' ';
    if (format == AN_FORMAT_CSV && c == '"') fputc('"', out);
    fputc(c, out);
  }
  if (format == AN_FORMAT_CSV) fputc('"', out);
}

static void put_string(FILE *out, an_format format, const char *text, bool first) {
  put_field(out, format, text ? text : "", text ? strlen(text) : 0, first);
}

static void put_span(FILE *out, an_format format, const an_doc *doc, an_span span, bool present) {
  if (!present || span.offset + span.length > doc->text_length) put_string(out, format, "", false);
  else put_field(out, format, doc->text + span.offset, span.length, false);
}

static void put_actor(FILE *out, an_format format, const an_doc *doc, const an_actor *actor, int present) {
  put_string(out, format, present ? actor->code : "", false);
  put_string(out, format, present ? actor->country : "", false);
  put_string(out, format, present ? actor->agent : "", false);
  put_span(out, format, doc, actor->span, present);
}

static int emit_table_row(FILE *out, an_format format, const an_doc *doc, const an_event *event) {
  char number[64];
  char root[3] = {event->code[0], event->code[1], '\0'};
  put_string(out, format, event->id, true);
  put_string(out, format, doc->id, false);
  put_string(out, format, doc->url, false);
  put_string(out, format, doc->published, false);
  snprintf(number, sizeof number, "%zu", event->sentence.offset);
  put_string(out, format, number, false);
  snprintf(number, sizeof number, "%zu", event->sentence.offset + event->sentence.length);
  put_string(out, format, number, false);
  put_actor(out, format, doc, &event->source, event->has_source);
  put_actor(out, format, doc, &event->target, event->has_target);
  put_string(out, format, event->code, false);
  put_string(out, format, root, false);
  snprintf(number, sizeof number, "%d", an_cameo_quad_class(event->code));
  put_string(out, format, number, false);
  snprintf(number, sizeof number, "%.1f", an_cameo_goldstein(event->code));
  put_string(out, format, number, false);
  put_string(out, format, an_status_name(event->status), false);
  an_buffer joined;
  an_buffer_init(&joined);
  for (int i = 0; i < event->attribution_count; i++) {
    if (i) an_buffer_append_string(&joined, "; ");
    an_buffer_append_string(&joined, event->attribution[i]);
  }
  put_string(out, format, joined.data, false);
  an_buffer_clear(&joined);
  put_string(out, format, event->date, false);
  put_string(out, format, event->date[0] ? an_precision_name(event->date_precision) : "", false);
  put_string(out, format, event->pattern, false);
  fputc('\n', out);
  return ferror(out) ? AN_ERROR_IO : AN_OK;
}

int an_emit_event(FILE *out, an_format format, const an_doc *doc, const an_event *event) {
  if (format == AN_FORMAT_TSV || format == AN_FORMAT_CSV) return emit_table_row(out, format, doc, event);
  if (format == AN_FORMAT_GDELT) return an_emit_gdelt(out, doc, event);
  char *text = an_event_to_json(doc, event);
  if (!text) return AN_ERROR_MEMORY;
  fputs(text, out);
  fputc('\n', out);
  free(text);
  return ferror(out) ? AN_ERROR_IO : AN_OK;
}

void an_events_clear(an_events *events) {
  free(events->items);
  events->items = NULL;
  events->count = events->capacity = 0;
}
