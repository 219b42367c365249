/*
 * output.c — stored events out: counts, the filtered selection behind
 * `annals query` and `annals export` (JSON Lines, CSV, TSV, GDELT 2.0 Events
 * rows through emit/emit.h), and the summary printed after an ingest.
 */
#include "core/core.h"
#include "emit/emit.h"
#include "store/store.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { AN_STORE_FILTER_PARAMETERS = 12, AN_STORE_TOP_LIMIT = 100 };

/* Columns of the selection, in order. */
enum {
  COLUMN_ID, COLUMN_DATE, COLUMN_PRECISION, COLUMN_SOURCE_CODE, COLUMN_SOURCE_COUNTRY,
  COLUMN_SOURCE_AGENT, COLUMN_SOURCE_NAME, COLUMN_TARGET_CODE, COLUMN_TARGET_COUNTRY,
  COLUMN_TARGET_AGENT, COLUMN_TARGET_NAME, COLUMN_CODE, COLUMN_STATUS, COLUMN_MENTIONS,
  COLUMN_ARTICLES, COLUMN_SOURCES, COLUMN_FIRST_SEEN, COLUMN_LAST_SEEN, COLUMN_CONFIDENCE,
  COLUMN_URL, COLUMN_COUNT
};

static const char *const column_names[COLUMN_COUNT] = {
    "id", "date", "date_precision", "source_code", "source_country", "source_agent",
    "source_name", "target_code", "target_country", "target_agent", "target_name", "code",
    "status", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
    "confidence", "url"};

/* One selected row: borrowed column texts ("" for NULL). */
typedef struct event_row {
  const char *value[COLUMN_COUNT];
} event_row;

int an_store_count(an_store *store, an_store_counts *out, an_error *error) {
  an_db *db = store->db;
  memset(out, 0, sizeof *out);
  if (an_store_commit(store, error)) return AN_ERROR_DATABASE;
  if (an_db_query_int(db, "SELECT COUNT(*) FROM documents", NULL, &out->documents, error) ||
      an_db_query_int(db, "SELECT COUNT(*) FROM mentions", NULL, &out->mentions, error) ||
      an_db_query_int(db, "SELECT COUNT(*) FROM events", NULL, &out->events, error) ||
      an_db_query_int(db, "SELECT COUNT(*) FROM actors", NULL, &out->actors, error))
    return AN_ERROR_DATABASE;
  return AN_OK;
}

/* ---- the selection ---- */

typedef struct selection {
  an_buffer sql;
  char *parameters[AN_STORE_FILTER_PARAMETERS]; /* owned */
  int parameter_count;
} selection;

/* "X%" with LIKE's wildcards in X escaped by '!'. */
static char *like_prefix(const char *text) {
  an_buffer buffer;
  an_buffer_init(&buffer);
  for (const char *p = text; *p; p++) {
    if (*p == '%' || *p == '_' || *p == '!') an_buffer_append_char(&buffer, '!');
    an_buffer_append_char(&buffer, *p);
  }
  an_buffer_append_char(&buffer, '%');
  return an_buffer_detach(&buffer);
}

static void add_condition(selection *query, const char *condition, const char *value,
                          int uses, bool prefix) {
  if (!value || !*value) return;
  an_buffer_printf(&query->sql, " AND %s", condition);
  for (int i = 0; i < uses && query->parameter_count < AN_STORE_FILTER_PARAMETERS; i++)
    query->parameters[query->parameter_count++] = prefix ? like_prefix(value) : an_strdup(value);
}

static void build_selection(selection *query, const an_store_filter *filter) {
  an_buffer_init(&query->sql);
  query->parameter_count = 0;
  an_buffer_append_string(&query->sql, "SELECT ");
  for (int i = 0; i < COLUMN_COUNT; i++)
    an_buffer_printf(&query->sql, "%s%s", i ? ", " : "", column_names[i]);
  an_buffer_append_string(&query->sql, " FROM events WHERE 1 = 1");
  if (filter) {
    add_condition(query, "(source_code LIKE ? ESCAPE '!' OR target_code LIKE ? ESCAPE '!')",
                  filter->actor, 2, true);
    add_condition(query, "(source_country = ? OR target_country = ?)", filter->country, 2, false);
    add_condition(query, "code LIKE ? ESCAPE '!'", filter->code, 1, true);
    add_condition(query, "status = ?", filter->status, 1, false);
    add_condition(query, "date >= ?", filter->since, 1, false);
    add_condition(query, "date <= ?", filter->until, 1, false);
  }
  an_buffer_append_string(&query->sql, " ORDER BY date, id");
  if (filter && filter->limit > 0) an_buffer_printf(&query->sql, " LIMIT %lld", filter->limit);
}

static void clear_selection(selection *query) {
  an_buffer_clear(&query->sql);
  for (int i = 0; i < query->parameter_count; i++) free(query->parameters[i]);
}

/* ---- formats ---- */

static json_t *actor_json(const event_row *row, int code_column) {
  const char *code = row->value[code_column];
  if (!*code) return json_null();
  json_t *actor = json_object();
  json_object_set_new(actor, "code", json_string(code));
  json_object_set_new(actor, "country", json_string(row->value[code_column + 1]));
  json_object_set_new(actor, "agent", json_string(row->value[code_column + 2]));
  json_object_set_new(actor, "name", json_string(row->value[code_column + 3]));
  return actor;
}

static void set_text(json_t *object, const char *key, const char *text) {
  json_object_set_new(object, key, *text ? json_string(text) : json_null());
}

static int write_json(FILE *out, const event_row *row) {
  json_t *object = json_object();
  const char *code = row->value[COLUMN_CODE];
  char root[3] = {code[0], code[0] ? code[1] : '\0', '\0'};
  json_object_set_new(object, "id", json_string(row->value[COLUMN_ID]));
  set_text(object, "date", row->value[COLUMN_DATE]);
  json_object_set_new(object, "date_precision", json_string(row->value[COLUMN_PRECISION]));
  json_object_set_new(object, "source", actor_json(row, COLUMN_SOURCE_CODE));
  json_object_set_new(object, "target", actor_json(row, COLUMN_TARGET_CODE));
  json_object_set_new(object, "code", json_string(code));
  json_object_set_new(object, "root", json_string(root));
  json_object_set_new(object, "quad_class", json_integer(an_cameo_quad_class(code)));
  json_object_set_new(object, "goldstein", json_real(an_cameo_goldstein(code)));
  json_object_set_new(object, "status", json_string(row->value[COLUMN_STATUS]));
  json_object_set_new(object, "num_mentions", json_integer(atoll(row->value[COLUMN_MENTIONS])));
  json_object_set_new(object, "num_articles", json_integer(atoll(row->value[COLUMN_ARTICLES])));
  json_object_set_new(object, "num_sources", json_integer(atoll(row->value[COLUMN_SOURCES])));
  set_text(object, "first_seen", row->value[COLUMN_FIRST_SEEN]);
  set_text(object, "last_seen", row->value[COLUMN_LAST_SEEN]);
  json_object_set_new(object, "confidence", json_real(atof(row->value[COLUMN_CONFIDENCE])));
  set_text(object, "url", row->value[COLUMN_URL]);
  char *text = json_dumps(object, JSON_COMPACT | JSON_REAL_PRECISION(6));
  json_decref(object);
  if (!text) return AN_ERROR_MEMORY;
  fprintf(out, "%s\n", text);
  free(text);
  return AN_OK;
}

static void write_field(FILE *out, const char *text, bool csv) {
  bool quote = csv && strpbrk(text, ",\"\n\r") != NULL;
  if (quote) fputc('"', out);
  for (const char *p = text; *p; p++) {
    if (csv && *p == '"') fputc('"', out);
    if (!csv && (*p == '\t' || *p == '\n' || *p == '\r')) fputc(' ', out);
    else fputc(*p, out);
  }
  if (quote) fputc('"', out);
}

static void write_delimited(FILE *out, const char *const *values, int count, bool csv) {
  for (int i = 0; i < count; i++) {
    if (i) fputc(csv ? ',' : '\t', out);
    write_field(out, values[i], csv);
  }
  fputc('\n', out);
}

/* A GDELT row through the shared writer: the actor names become the text of
 * a small document whose spans point at them. */
static int write_gdelt(FILE *out, const event_row *row) {
  an_buffer text;
  an_buffer_init(&text);
  an_buffer_printf(&text, "%s %s", row->value[COLUMN_SOURCE_NAME], row->value[COLUMN_TARGET_NAME]);
  an_doc doc;
  memset(&doc, 0, sizeof doc);
  doc.text = text.data;
  doc.text_length = text.size;
  doc.url = (char *)row->value[COLUMN_URL];
  doc.published = (char *)row->value[COLUMN_FIRST_SEEN];
  an_event event;
  memset(&event, 0, sizeof event);
  an_copy_string(event.code, sizeof event.code, row->value[COLUMN_CODE]);
  an_copy_string(event.date, sizeof event.date, row->value[COLUMN_DATE]);
  const int columns[2] = {COLUMN_SOURCE_CODE, COLUMN_TARGET_CODE};
  an_actor *actors[2] = {&event.source, &event.target};
  size_t offset = 0;
  for (int side = 0; side < 2; side++) {
    an_copy_string(actors[side]->code, sizeof actors[side]->code, row->value[columns[side]]);
    an_copy_string(actors[side]->country, sizeof actors[side]->country, row->value[columns[side] + 1]);
    an_copy_string(actors[side]->agent, sizeof actors[side]->agent, row->value[columns[side] + 2]);
    size_t length = strlen(row->value[columns[side] + 3]);
    actors[side]->span = (an_span){offset, length};
    offset += length + 1;
  }
  event.has_source = row->value[COLUMN_SOURCE_CODE][0] != '\0';
  event.has_target = row->value[COLUMN_TARGET_CODE][0] != '\0';
  char added[20] = "";
  const char *seen = row->value[COLUMN_FIRST_SEEN];
  if (strlen(seen) >= 10)
    snprintf(added, sizeof added, "%.4s%.2s%.2s000000", seen, seen + 5, seen + 8);
  an_gdelt_counts counts = {atol(row->value[COLUMN_MENTIONS]), atol(row->value[COLUMN_SOURCES]),
                            atol(row->value[COLUMN_ARTICLES]), added[0] ? added : NULL,
                            (an_hash64(row->value[COLUMN_ID], strlen(row->value[COLUMN_ID]), 0) &
                             0x1FFFFFFFFFFFFFULL) | 1};
  int code = an_emit_gdelt_row(out, &doc, &event, &counts);
  an_buffer_clear(&text);
  return code;
}

static int write_row(FILE *out, an_format format, const event_row *row) {
  switch (format) {
  case AN_FORMAT_JSONL: return write_json(out, row);
  case AN_FORMAT_GDELT: return write_gdelt(out, row);
  case AN_FORMAT_CSV:
  case AN_FORMAT_TSV: write_delimited(out, row->value, COLUMN_COUNT, format == AN_FORMAT_CSV);
  }
  return ferror(out) ? AN_ERROR_IO : AN_OK;
}

static int run_selection(an_store *store, an_db_statement *statement, FILE *out,
                         an_format format, long long *written, an_error *error) {
  an_db *db = store->db;
  int step;
  while ((step = db->ops->step(statement, error)) == AN_DB_ROW) {
    event_row row;
    for (int i = 0; i < COLUMN_COUNT; i++) {
      const char *value = db->ops->column_text(statement, i);
      row.value[i] = value ? value : "";
    }
    if (write_row(out, format, &row))
      return an_error_set(error, AN_ERROR_IO, "cannot write the events");
    (*written)++;
  }
  return step == AN_DB_FAILED ? AN_ERROR_DATABASE : AN_OK;
}

int an_store_write(an_store *store, const an_store_filter *filter, FILE *out, an_format format,
                   long long *written, an_error *error) {
  long long count = 0;
  if (!store->read_only && an_store_merge(store, error)) return AN_ERROR_DATABASE;
  selection query;
  build_selection(&query, filter);
  an_db *db = store->db;
  an_db_statement *statement = db->ops->prepare(db, query.sql.data, error);
  int code = statement ? AN_OK : AN_ERROR_DATABASE;
  for (int i = 0; statement && i < query.parameter_count; i++)
    db->ops->bind_text(statement, i + 1, query.parameters[i]);
  if (!code && (format == AN_FORMAT_CSV || format == AN_FORMAT_TSV))
    write_delimited(out, column_names, COLUMN_COUNT, format == AN_FORMAT_CSV);
  if (!code) code = run_selection(store, statement, out, format, &count, error);
  if (statement) db->ops->finalize(statement);
  clear_selection(&query);
  if (written) *written = count;
  return code;
}

/* ---- summary ---- */

static int write_top(an_store *store, FILE *out, const char *title, const char *sql, int top,
                     bool with_name, an_error *error) {
  an_db *db = store->db;
  an_db_statement *statement = db->ops->prepare(db, sql, error);
  if (!statement) return AN_ERROR_DATABASE;
  db->ops->bind_int(statement, 1, top);
  fprintf(out, "top %s:", title);
  int step, rank = 0;
  while ((step = db->ops->step(statement, error)) == AN_DB_ROW) {
    const char *code = db->ops->column_text(statement, 0);
    const char *name = with_name ? an_cameo_name(code ? code : "") : NULL;
    fprintf(out, "%s %s", rank++ ? "," : "", code ? code : "");
    if (name) fprintf(out, " (%s)", name);
    fprintf(out, " %lld", an_db_column_int(db, statement, 1));
  }
  fprintf(out, "%s\n", rank ? "" : " none");
  db->ops->finalize(statement);
  return step == AN_DB_FAILED ? AN_ERROR_DATABASE : AN_OK;
}

int an_store_write_summary(an_store *store, FILE *out, int top, an_error *error) {
  an_store_counts counts;
  if (top < 1 || top > AN_STORE_TOP_LIMIT) top = 5;
  if (!store->read_only && an_store_merge(store, error)) return AN_ERROR_DATABASE;
  if (an_store_count(store, &counts, error)) return AN_ERROR_DATABASE;
  fprintf(out, "documents %lld, mentions %lld, events %lld, actors %lld\n", counts.documents,
          counts.mentions, counts.events, counts.actors);
  if (write_top(store, out, "actors (mentions)",
                "SELECT code, mention_count FROM actors ORDER BY mention_count DESC, code LIMIT ?",
                top, false, error))
    return AN_ERROR_DATABASE;
  return write_top(store, out, "event codes (events)",
                   "SELECT code, COUNT(*) FROM events GROUP BY code"
                   " ORDER BY COUNT(*) DESC, code LIMIT ?",
                   top, true, error);
}
