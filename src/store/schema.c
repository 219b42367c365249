/*
 * schema.c — the store's tables (docs/schema.md) as SQL text both engines
 * accept, the schema_version table, the migrations from each older version,
 * and the checks made before anything is written: a store that is not ours
 * or is newer than this build is refused untouched.
 */
#include "core/core.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* Version 1: every table.  Types are ones SQLite and PostgreSQL both know. */
static const char schema_version_1[] =
    "CREATE TABLE schema_version ("
    " application TEXT NOT NULL,"
    " version INTEGER NOT NULL);"
    "CREATE TABLE documents ("
    " id TEXT PRIMARY KEY,"
    " url TEXT, outlet TEXT, published TEXT, title TEXT, origin TEXT,"
    " duplicate_of TEXT, mention_count INTEGER NOT NULL);"
    "CREATE TABLE document_copies ("
    " document_id TEXT NOT NULL, url TEXT NOT NULL, outlet TEXT,"
    " PRIMARY KEY (document_id, url));"
    "CREATE TABLE mentions ("
    " id TEXT PRIMARY KEY,"
    " document_id TEXT NOT NULL, outlet_key TEXT NOT NULL, article_date TEXT, url TEXT,"
    " sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL, sentence TEXT,"
    " source_code TEXT NOT NULL, source_country TEXT, source_agent TEXT,"
    " source_start BIGINT, source_end BIGINT, source_text TEXT,"
    " target_code TEXT NOT NULL, target_country TEXT, target_agent TEXT,"
    " target_start BIGINT, target_end BIGINT, target_text TEXT,"
    " verb_start BIGINT, verb_end BIGINT, verb_text TEXT,"
    " code TEXT NOT NULL, family TEXT NOT NULL,"
    " status TEXT NOT NULL, status_rank INTEGER NOT NULL, attribution TEXT,"
    " date TEXT NOT NULL, date_precision TEXT NOT NULL, precision_rank INTEGER NOT NULL,"
    " merge_prefix TEXT NOT NULL, merge_date TEXT NOT NULL,"
    " group_key TEXT NOT NULL, event_id TEXT NOT NULL,"
    " pattern TEXT, confidence DOUBLE PRECISION NOT NULL);"
    "CREATE INDEX mentions_group ON mentions (group_key);"
    "CREATE INDEX mentions_event ON mentions (event_id);"
    "CREATE INDEX mentions_document ON mentions (document_id);"
    "CREATE TABLE events ("
    " id TEXT PRIMARY KEY, group_key TEXT NOT NULL,"
    " source_code TEXT NOT NULL, source_country TEXT, source_agent TEXT, source_name TEXT,"
    " target_code TEXT NOT NULL, target_country TEXT, target_agent TEXT, target_name TEXT,"
    " code TEXT, family TEXT NOT NULL, status TEXT NOT NULL,"
    " date TEXT NOT NULL, date_precision TEXT NOT NULL,"
    " num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL,"
    " num_sources INTEGER NOT NULL,"
    " first_seen TEXT, last_seen TEXT, confidence DOUBLE PRECISION NOT NULL, url TEXT);"
    "CREATE INDEX events_group ON events (group_key);"
    "CREATE INDEX events_date ON events (date);"
    "CREATE INDEX events_code ON events (code);"
    "CREATE TABLE actors ("
    " code TEXT PRIMARY KEY, country TEXT, agent TEXT, name TEXT,"
    " mention_count INTEGER NOT NULL);"
    "CREATE TABLE dirty_groups (group_key TEXT PRIMARY KEY);"
    "INSERT INTO schema_version (application, version) VALUES ('annals', 1);";

/* migrations[v] brings a store from version v to v + 1; [0] creates it. */
static const char *const migrations[AN_STORE_SCHEMA_CURRENT] = {schema_version_1};

static const char *const our_tables[] = {"documents", "mentions", "events", "actors"};

/* Does a table of this name exist?  The query differs per engine. */
static int table_exists(an_db *db, const char *name, bool *exists, an_error *error) {
  const char *sql = strcmp(db->ops->name, "sqlite") == 0
                        ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
                        : "SELECT COUNT(*) FROM information_schema.tables"
                          " WHERE table_schema = current_schema() AND table_name = ?";
  long long count = 0;
  int code = an_db_query_int(db, sql, name, &count, error);
  *exists = count > 0;
  return code;
}

static int count_sqlite_tables(an_db *db, long long *count, an_error *error) {
  return an_db_query_int(db, "SELECT COUNT(*) FROM sqlite_master", NULL, count, error);
}

/* Reads the version of an existing annals store; refuses foreign ones. */
static int read_version(an_db *db, int *version, an_error *error) {
  an_db_statement *statement =
      db->ops->prepare(db, "SELECT application, MAX(version) FROM schema_version"
                           " GROUP BY application", error);
  if (!statement) return AN_ERROR_DATABASE;
  int step = db->ops->step(statement, error);
  const char *application = step == AN_DB_ROW ? db->ops->column_text(statement, 0) : NULL;
  int code = AN_OK;
  if (step == AN_DB_FAILED) code = AN_ERROR_DATABASE;
  else if (!application || strcmp(application, "annals") != 0)
    code = an_error_set(error, AN_ERROR_FORMAT,
                        "%s: not an annals store (its schema_version belongs to '%s');"
                        " nothing was written", db->location, application ? application : "");
  else *version = (int)an_db_column_int(db, statement, 1);
  db->ops->finalize(statement);
  return code;
}

/* What the store holds now: 0 for a fresh one, else its schema version. */
static int current_version(an_db *db, int *version, an_error *error) {
  bool has_version = false;
  *version = 0;
  if (table_exists(db, "schema_version", &has_version, error)) return AN_ERROR_DATABASE;
  if (has_version) return read_version(db, version, error);
  bool foreign = false;
  if (strcmp(db->ops->name, "sqlite") == 0) {
    long long tables = 0;
    if (count_sqlite_tables(db, &tables, error)) return AN_ERROR_DATABASE;
    foreign = tables > 0;
  } else {
    for (size_t i = 0; i < sizeof our_tables / sizeof our_tables[0] && !foreign; i++)
      if (table_exists(db, our_tables[i], &foreign, error)) return AN_ERROR_DATABASE;
  }
  if (foreign)
    return an_error_set(error, AN_ERROR_FORMAT,
                        "%s: not an annals store (it has tables but no schema_version);"
                        " nothing was written", db->location);
  return AN_OK;
}

static int migrate(an_db *db, int from, an_error *error) {
  if (db->ops->exec(db, "BEGIN", error)) return AN_ERROR_DATABASE;
  for (int version = from; version < AN_STORE_SCHEMA_CURRENT; version++) {
    if (db->ops->exec(db, migrations[version], error)) goto failed;
    if (version > 0) {
      char sql[96];
      snprintf(sql, sizeof sql, "UPDATE schema_version SET version = %d", version + 1);
      if (db->ops->exec(db, sql, error)) goto failed;
    }
  }
  if (strcmp(db->ops->name, "sqlite") == 0) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", AN_STORE_APPLICATION_ID);
    if (db->ops->exec(db, sql, error)) goto failed;
  }
  if (db->ops->exec(db, "COMMIT", error)) goto failed;
  return AN_OK;
failed:
  db->ops->exec(db, "ROLLBACK", NULL);
  return AN_ERROR_DATABASE;
}

static int sqlite_settings(an_db *db, an_error *error) {
  if (db->ops->exec(db, "PRAGMA journal_mode = WAL", error)) return AN_ERROR_DATABASE;
  return db->ops->exec(db, "PRAGMA synchronous = NORMAL", error);
}

int an_schema_prepare(an_db *db, bool read_only, an_error *error) {
  int version = 0;
  if (current_version(db, &version, error)) return error ? error->code : AN_ERROR_DATABASE;
  if (version > AN_STORE_SCHEMA_CURRENT)
    return an_error_set(error, AN_ERROR_FORMAT,
                        "%s: the store has schema version %d, newer than this annals (%d);"
                        " upgrade annals; nothing was written",
                        db->location, version, AN_STORE_SCHEMA_CURRENT);
  if (read_only) {
    if (version == 0)
      return an_error_set(error, AN_ERROR_FORMAT, "%s: empty, not an annals store", db->location);
    if (version < AN_STORE_SCHEMA_CURRENT)
      return an_error_set(error, AN_ERROR_FORMAT,
                          "%s: schema version %d is older; run 'annals ingest' on it to migrate",
                          db->location, version);
    return AN_OK;
  }
  if (strcmp(db->ops->name, "sqlite") == 0 && sqlite_settings(db, error))
    return AN_ERROR_DATABASE;
  if (version < AN_STORE_SCHEMA_CURRENT) return migrate(db, version, error);
  return AN_OK;
}
