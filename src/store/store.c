/*
 * store.c — the store handle: opening a SQLite file or a PostgreSQL URL,
 * idempotent and crash-safe ingest of documents with their coded mentions.
 *
 * A document and its mentions commit in the same transaction as the
 * documents row that marks it done, so a run killed at any moment and run
 * again neither loses nor duplicates: documents already stored are skipped.
 * Merged events are recomputed from mentions by merge.c (docs/merging.md).
 */
#include "core/core.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers over the engine ops ---- */

long long an_db_column_int(an_db *db, an_db_statement *statement, int column) {
  const char *text = db->ops->column_text(statement, column);
  return text ? strtoll(text, NULL, 10) : 0;
}

double an_db_column_double(an_db *db, an_db_statement *statement, int column) {
  const char *text = db->ops->column_text(statement, column);
  return text ? strtod(text, NULL) : 0.0;
}

int an_db_query_int(an_db *db, const char *sql, const char *parameter, long long *out,
                    an_error *error) {
  *out = 0;
  an_db_statement *statement = db->ops->prepare(db, sql, error);
  if (!statement) return AN_ERROR_DATABASE;
  if (parameter) db->ops->bind_text(statement, 1, parameter);
  int step = db->ops->step(statement, error);
  if (step == AN_DB_ROW) *out = an_db_column_int(db, statement, 0);
  db->ops->finalize(statement);
  return step == AN_DB_FAILED ? AN_ERROR_DATABASE : AN_OK;
}

/* ---- merge rules shared with merge.c ---- */

const char *an_store_status_group(an_status status) {
  switch (status) {
  case AN_STATUS_ASSERTED:
  case AN_STATUS_REPORTED: return "occurred";
  case AN_STATUS_PLANNED: return "planned";
  case AN_STATUS_NEGATED: return "negated";
  case AN_STATUS_DENIED: return "denied";
  case AN_STATUS_HYPOTHETICAL: return "hypothetical";
  }
  return "occurred";
}

int an_store_precision_rank(an_precision precision) {
  switch (precision) {
  case AN_PRECISION_DAY: return 1;
  case AN_PRECISION_WEEK: return 2;
  case AN_PRECISION_MONTH: return 3;
  case AN_PRECISION_YEAR: return 4;
  case AN_PRECISION_NONE: return 5;
  }
  return 5;
}

static const char *status_text(an_status status) {
  static const char *const names[] = {"asserted", "reported", "planned",
                                      "negated",  "denied",   "hypothetical"};
  return (unsigned)status < 6 ? names[status] : "asserted";
}

static const char *precision_text(an_precision precision) {
  static const char *const names[] = {"none", "day", "week", "month", "year"};
  return (unsigned)precision < 5 ? names[precision] : "none";
}

/* ---- statements ---- */

static const char find_document_sql[] = "SELECT COUNT(*) FROM documents WHERE id = ?";
static const char insert_document_sql[] =
    "INSERT INTO documents (id, url, outlet, published, title, origin, mention_count,"
    " duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
static const char insert_copy_sql[] =
    "INSERT INTO document_copies (document_id, url, outlet) VALUES (?, ?, ?)"
    " ON CONFLICT DO NOTHING";
static const char insert_mention_sql[] =
    "INSERT INTO mentions (id, document_id, outlet_key, article_date, url,"
    " sentence_start, sentence_end, sentence,"
    " source_code, source_country, source_agent, source_start, source_end, source_text,"
    " target_code, target_country, target_agent, target_start, target_end, target_text,"
    " verb_start, verb_end, verb_text, code, family, status, status_rank, attribution,"
    " date, date_precision, precision_rank, merge_prefix, merge_date, group_key, event_id,"
    " pattern, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
static const char insert_dirty_sql[] =
    "INSERT INTO dirty_groups (group_key) VALUES (?) ON CONFLICT DO NOTHING";

static void finalize_statements(an_store *store) {
  an_db_statement **all[] = {&store->find_document, &store->insert_document,
                             &store->insert_copy, &store->insert_mention, &store->insert_dirty};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (*all[i]) store->db->ops->finalize(*all[i]);
    *all[i] = NULL;
  }
}

static int prepare_statements(an_store *store, an_error *error) {
  an_db *db = store->db;
  store->find_document = db->ops->prepare(db, find_document_sql, error);
  if (store->read_only) return store->find_document ? AN_OK : AN_ERROR_DATABASE;
  store->insert_document = db->ops->prepare(db, insert_document_sql, error);
  store->insert_copy = db->ops->prepare(db, insert_copy_sql, error);
  store->insert_mention = db->ops->prepare(db, insert_mention_sql, error);
  store->insert_dirty = db->ops->prepare(db, insert_dirty_sql, error);
  bool ready = store->find_document && store->insert_document && store->insert_copy &&
               store->insert_mention && store->insert_dirty;
  return ready ? AN_OK : AN_ERROR_DATABASE;
}

/* ---- open / close ---- */

static bool is_postgres_url(const char *location) {
  return an_starts_with(location, "postgresql://") || an_starts_with(location, "postgres://");
}

an_store *an_store_open(const char *location, int flags, an_error *error) {
  if (!location || !*location) {
    an_error_set(error, AN_ERROR_USAGE, "no store given (a file path or postgresql:// URL)");
    return NULL;
  }
  an_store *store = calloc(1, sizeof *store);
  if (!store) {
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", location);
    return NULL;
  }
  store->read_only = (flags & AN_STORE_READ_ONLY) != 0;
  store->db = is_postgres_url(location) ? an_postgres_open(location, error)
                                        : an_sqlite_open(location, store->read_only, error);
  if (!store->db || an_schema_prepare(store->db, store->read_only, error) != AN_OK ||
      prepare_statements(store, error) != AN_OK) {
    an_store_close(store);
    return NULL;
  }
  return store;
}

void an_store_close(an_store *store) {
  if (!store) return;
  if (store->in_batch) an_store_commit(store, NULL);
  if (store->db) {
    finalize_statements(store);
    store->db->ops->close(store->db);
  }
  free(store);
}

/* ---- transactions ---- */

static int begin_batch(an_store *store, an_error *error) {
  if (store->in_batch) return AN_OK;
  if (store->db->ops->exec(store->db, "BEGIN", error)) return AN_ERROR_DATABASE;
  store->in_batch = true;
  store->batch_documents = 0;
  return AN_OK;
}

static void rollback_batch(an_store *store) {
  if (!store->in_batch) return;
  store->db->ops->exec(store->db, "ROLLBACK", NULL);
  store->in_batch = false;
  store->batch_documents = 0;
}

int an_store_commit(an_store *store, an_error *error) {
  if (!store->in_batch) return AN_OK;
  if (store->db->ops->exec(store->db, "COMMIT", error)) {
    rollback_batch(store);
    return AN_ERROR_DATABASE;
  }
  store->in_batch = false;
  store->batch_documents = 0;
  return AN_OK;
}

int an_store_has_document(an_store *store, const char *id, int *found, an_error *error) {
  an_db *db = store->db;
  *found = 0;
  db->ops->reset(store->find_document);
  db->ops->bind_text(store->find_document, 1, id);
  int step = db->ops->step(store->find_document, error);
  if (step == AN_DB_ROW) *found = an_db_column_int(db, store->find_document, 0) > 0;
  db->ops->reset(store->find_document);
  return step == AN_DB_FAILED ? AN_ERROR_DATABASE : AN_OK;
}

/* ---- one document ---- */

/* Runs a prepared insert once and resets it. */
static int run_insert(an_db *db, an_db_statement *statement, an_error *error) {
  int step = db->ops->step(statement, error);
  db->ops->reset(statement);
  return step == AN_DB_FAILED ? AN_ERROR_DATABASE : AN_OK;
}

static int insert_document(an_store *store, const an_doc *doc, size_t mention_count,
                           const char *original_id, an_error *error) {
  an_db *db = store->db;
  an_db_statement *statement = store->insert_document;
  db->ops->bind_text(statement, 1, doc->id);
  db->ops->bind_text(statement, 2, doc->url);
  db->ops->bind_text(statement, 3, doc->outlet);
  db->ops->bind_text(statement, 4, doc->published);
  db->ops->bind_text(statement, 5, doc->title);
  db->ops->bind_text(statement, 6, doc->origin);
  db->ops->bind_int(statement, 7, (long long)mention_count);
  db->ops->bind_text(statement, 8, original_id);
  if (run_insert(db, statement, error)) return AN_ERROR_DATABASE;
  if (!doc->url) return AN_OK;
  /* Every URL an article ran under: its own, and those of its near
   * duplicates (which are not coded again; docs/schema.md). */
  db->ops->bind_text(store->insert_copy, 1, original_id ? original_id : doc->id);
  db->ops->bind_text(store->insert_copy, 2, doc->url);
  db->ops->bind_text(store->insert_copy, 3, doc->outlet);
  return run_insert(db, store->insert_copy, error);
}

/* Binds a span as start/end and its text (NULL when out of the text). */
static void bind_span(an_db *db, an_db_statement *statement, int index, const an_doc *doc,
                      an_span span, char **text_out) {
  bool inside = doc->text && span.length > 0 && span.offset <= doc->text_length &&
                span.length <= doc->text_length - span.offset;
  *text_out = inside ? an_strndup(doc->text + span.offset, span.length) : NULL;
  if (inside) {
    db->ops->bind_int(statement, index, (long long)span.offset);
    db->ops->bind_int(statement, index + 1, (long long)(span.offset + span.length));
  } else {
    db->ops->bind_text(statement, index, NULL);
    db->ops->bind_text(statement, index + 1, NULL);
  }
  db->ops->bind_text(statement, index + 2, *text_out);
}

/* The keys merging groups by (docs/merging.md). */
typedef struct mention_keys {
  char family[4];
  char merge_prefix[11];
  char group_key[160];
  char event_id[176];
  char attribution[AN_MAX_ATTRIBUTION * 50];
  char outlet_key[300];
} mention_keys;

static void make_family(char family[4], const char *code) {
  size_t length = strlen(code);
  family[0] = length > 0 ? code[0] : '0';
  family[1] = length > 1 ? code[1] : '0';
  family[2] = length > 2 ? code[2] : '0';
  family[3] = '\0';
}

static void make_keys(mention_keys *keys, const an_doc *doc, const an_event *event) {
  make_family(keys->family, event->code);
  size_t prefix = strlen(event->date);
  if (event->date_precision == AN_PRECISION_WEEK || event->date_precision == AN_PRECISION_MONTH)
    prefix = prefix < 7 ? prefix : 7;
  else if (event->date_precision == AN_PRECISION_YEAR) prefix = prefix < 4 ? prefix : 4;
  else if (event->date_precision == AN_PRECISION_NONE) prefix = 0;
  memcpy(keys->merge_prefix, event->date, prefix);
  keys->merge_prefix[prefix] = '\0';
  snprintf(keys->group_key, sizeof keys->group_key, "%s|%s|%s|%s",
           event->has_source ? event->source.code : "", event->has_target ? event->target.code : "",
           keys->family, an_store_status_group(event->status));
  snprintf(keys->event_id, sizeof keys->event_id, "%s|%s", keys->group_key, event->date);
  keys->attribution[0] = '\0';
  for (int i = 0; i < event->attribution_count && i < AN_MAX_ATTRIBUTION; i++) {
    if (i) strcat(keys->attribution, "; ");
    strncat(keys->attribution, event->attribution[i], 48);
  }
  if (doc->outlet && *doc->outlet) an_copy_string(keys->outlet_key, sizeof keys->outlet_key, doc->outlet);
  else snprintf(keys->outlet_key, sizeof keys->outlet_key, "document:%s", doc->id);
}

static void bind_actor(an_db *db, an_db_statement *statement, int index, const an_doc *doc,
                       const an_actor *actor, int present, char **text_out) {
  db->ops->bind_text(statement, index, present ? actor->code : "");
  db->ops->bind_text(statement, index + 1, present ? actor->country : NULL);
  db->ops->bind_text(statement, index + 2, present ? actor->agent : NULL);
  an_span none = {0, 0};
  bind_span(db, statement, index + 3, doc, present ? actor->span : none, text_out);
}

static int insert_mention(an_store *store, const an_doc *doc, const an_event *event,
                          an_error *error) {
  an_db *db = store->db;
  an_db_statement *statement = store->insert_mention;
  mention_keys keys;
  make_keys(&keys, doc, event);
  char *texts[4] = {NULL, NULL, NULL, NULL};
  db->ops->bind_text(statement, 1, event->id);
  db->ops->bind_text(statement, 2, doc->id);
  db->ops->bind_text(statement, 3, keys.outlet_key);
  db->ops->bind_text(statement, 4, doc->published);
  db->ops->bind_text(statement, 5, doc->url ? doc->url : doc->origin);
  bind_span(db, statement, 6, doc, event->sentence, &texts[0]);
  bind_actor(db, statement, 9, doc, &event->source, event->has_source, &texts[1]);
  bind_actor(db, statement, 15, doc, &event->target, event->has_target, &texts[2]);
  bind_span(db, statement, 21, doc, event->verb, &texts[3]);
  db->ops->bind_text(statement, 24, event->code);
  db->ops->bind_text(statement, 25, keys.family);
  db->ops->bind_text(statement, 26, status_text(event->status));
  db->ops->bind_int(statement, 27, (long long)event->status);
  db->ops->bind_text(statement, 28, keys.attribution);
  db->ops->bind_text(statement, 29, event->date);
  db->ops->bind_text(statement, 30, precision_text(event->date_precision));
  db->ops->bind_int(statement, 31, an_store_precision_rank(event->date_precision));
  db->ops->bind_text(statement, 32, keys.merge_prefix);
  db->ops->bind_text(statement, 33, event->date);
  db->ops->bind_text(statement, 34, keys.group_key);
  db->ops->bind_text(statement, 35, keys.event_id);
  db->ops->bind_text(statement, 36, event->pattern);
  db->ops->bind_double(statement, 37, event->confidence);
  int code = run_insert(db, statement, error);
  for (int i = 0; i < 4; i++) free(texts[i]);
  if (code) return code;
  db->ops->bind_text(store->insert_dirty, 1, keys.group_key);
  return run_insert(db, store->insert_dirty, error);
}

static int add_rows(an_store *store, const an_doc *doc, const an_events *events, an_error *error) {
  size_t count = events ? events->count : 0;
  if (insert_document(store, doc, count, NULL, error)) return AN_ERROR_DATABASE;
  for (size_t i = 0; i < count; i++)
    if (insert_mention(store, doc, &events->items[i], error)) return AN_ERROR_DATABASE;
  return AN_OK;
}

/* Adds doc: its mentions (events), or, when original_id is given, only its
 * row and its URL as a copy of the original. */
static int add_document(an_store *store, const an_doc *doc, const an_events *events,
                        const char *original_id, int *added, an_error *error) {
  if (added) *added = 0;
  if (store->read_only)
    return an_error_set(error, AN_ERROR_USAGE, "%s: opened read-only", store->db->location);
  if (!doc || !doc->id)
    return an_error_set(error, AN_ERROR_USAGE, "%s: a document without an id",
                        store->db->location);
  if (begin_batch(store, error)) return AN_ERROR_DATABASE;
  int found = 0;
  if (an_store_has_document(store, doc->id, &found, error)) goto failed;
  if (found) return AN_OK;
  int code = original_id ? insert_document(store, doc, 0, original_id, error)
                         : add_rows(store, doc, events, error);
  if (code) goto failed;
  if (added) *added = 1;
  if (++store->batch_documents >= AN_STORE_BATCH_DOCUMENTS) return an_store_commit(store, error);
  return AN_OK;
failed:
  rollback_batch(store);
  return AN_ERROR_DATABASE;
}

int an_store_add(an_store *store, const an_doc *doc, const an_events *events, int *added,
                 an_error *error) {
  return add_document(store, doc, events, NULL, added, error);
}

int an_store_add_duplicate(an_store *store, const an_doc *doc, const char *original_id,
                           int *added, an_error *error) {
  if (!original_id)
    return an_error_set(error, AN_ERROR_USAGE, "%s: a duplicate without its original",
                        store->db->location);
  return add_document(store, doc, NULL, original_id, added, error);
}
