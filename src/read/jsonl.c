/*
 * jsonl.c — JSON Lines to documents.  Each line is an object with "url",
 * "date" (or "published"), "title", and "text" or "html"; every other field
 * is kept as doc->metadata (a JSON object text).  A line that is not JSON,
 * not an object, has no text, or is longer than AN_JSONL_LINE_LIMIT is an
 * error for that line ("file:LINE: ...") and reading goes on.
 */
#include "read/read_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *string_field(json_t *object, const char *name) {
  json_t *value = json_object_get(object, name);
  return json_is_string(value) ? json_string_value(value) : NULL;
}

/* Fields the reader uses; the rest go to metadata. */
static bool is_known_field(const char *name) {
  static const char *const known[] = {"url", "date", "published", "title", "text", "html", NULL};
  for (size_t i = 0; known[i]; i++)
    if (!strcmp(name, known[i])) return true;
  return false;
}

/* The other fields as one compact JSON object text, or NULL when none. */
static char *metadata_of(json_t *object) {
  json_t *rest = json_object();
  if (!rest) return NULL;
  const char *key;
  json_t *value;
  json_object_foreach(object, key, value) {
    if (!is_known_field(key)) json_object_set(rest, key, value);
  }
  char *text = json_object_size(rest) ? json_dumps(rest, JSON_COMPACT | JSON_PRESERVE_ORDER)
                                      : NULL;
  json_decref(rest);
  char *copy = an_strdup(text); /* jansson's allocator is not ours to free with free() */
  free(text);
  return copy;
}

static int line_error(an_error *error, int code, const an_stream *stream,
                      const an_jsonl_state *state, const char *what) {
  return an_error_set(error, code, "%s:%zu: %s", stream->name, state->line_number, what);
}

/* Builds the document of one parsed line. */
static int object_to_doc(an_stream *stream, an_jsonl_state *state, json_t *object,
                         an_doc **out, an_error *error) {
  const char *html = string_field(object, "html");
  const char *text = string_field(object, "text");
  if (!html && !text)
    return line_error(error, AN_ERROR_FORMAT, stream, state,
                      "no \"text\" or \"html\" string field");
  char origin[1100];
  snprintf(origin, sizeof origin, "%s:%zu", stream->name, state->line_number);
  const char *body = text ? text : html;
  json_t *body_value = json_object_get(object, text ? "text" : "html");
  size_t length = json_string_length(body_value);
  an_doc *doc = an_doc_from_buffer(body, length, text ? AN_INPUT_TEXT : AN_INPUT_HTML, origin,
                                   error);
  if (!doc) return error ? error->code : AN_ERROR_FORMAT;
  const char *title = string_field(object, "title");
  const char *date = string_field(object, "date");
  if (!date) date = string_field(object, "published");
  char day[11];
  int status = AN_OK;
  if (date && an_read_date_prefix(date, day)) {
    free(doc->published);
    if (!(doc->published = an_strdup(day))) status = AN_ERROR_MEMORY;
  }
  if (title && *title) {
    free(doc->title);
    if (!(doc->title = an_strdup(title))) status = AN_ERROR_MEMORY;
  }
  if (status == AN_OK) status = an_read_finish_doc(doc, string_field(object, "url"), NULL, NULL);
  if (status == AN_OK) {
    doc->metadata = metadata_of(object);
    *out = doc;
    return AN_OK;
  }
  an_doc_free(doc);
  return line_error(error, AN_ERROR_MEMORY, stream, state, "out of memory");
}

static bool is_blank(const an_buffer *line) {
  for (size_t i = 0; i < line->size; i++)
    if (!strchr(" \t\r\f\v", line->data[i])) return false;
  return true;
}

int an_jsonl_next(an_stream *stream, an_jsonl_state *state, an_doc **out, an_error *error) {
  *out = NULL;
  bool too_long = false;
  for (;;) {
    if (!an_stream_read_line(stream, &state->line, AN_JSONL_LINE_LIMIT, &too_long))
      return an_stream_take_failure(stream, error);
    state->line_number++;
    if (too_long) {
      char what[120];
      snprintf(what, sizeof what, "line longer than the limit of %zu bytes; skipped",
               AN_JSONL_LINE_LIMIT);
      an_buffer_clear(&state->line);
      return line_error(error, AN_ERROR_LIMIT, stream, state, what);
    }
    if (!is_blank(&state->line)) break;
  }
  json_error_t parse_error;
  json_t *object = json_loadb(state->line.data, state->line.size,
                              JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &parse_error);
  if (state->line.capacity > AN_STREAM_WINDOW) an_buffer_clear(&state->line);
  if (!object) {
    char what[300];
    snprintf(what, sizeof what, "not JSON: %s (column %d)", parse_error.text,
             parse_error.column);
    return line_error(error, AN_ERROR_FORMAT, stream, state, what);
  }
  int status = json_is_object(object)
                   ? object_to_doc(stream, state, object, out, error)
                   : line_error(error, AN_ERROR_FORMAT, stream, state, "not a JSON object");
  json_decref(object);
  return status;
}

void an_jsonl_state_clear(an_jsonl_state *state) { an_buffer_clear(&state->line); }
