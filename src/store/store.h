/*
 * store.h — internals of the event store: one small database interface with
 * two engines behind it (SQLite in sqlite.c, PostgreSQL in postgres.c), the
 * schema and its migrations (schema.c), document ingest (store.c), merging of
 * mentions into events (merge.c) and output of stored events (output.c).
 *
 * SQL is written once, with '?' placeholders; the PostgreSQL engine rewrites
 * them to $1, $2 ...  Every value goes through a bound parameter.
 */
#ifndef AN_STORE_H
#define AN_STORE_H

#include "annals.h"
#include <stdbool.h>

/* Documents per transaction while ingesting.  Each document's rows and its
 * "done" mark (the documents row) always commit together. */
#define AN_STORE_BATCH_DOCUMENTS 200
/* The schema this build writes.  Older stores are migrated; newer refused. */
#define AN_STORE_SCHEMA_CURRENT 1
/* SQLite's application_id for annals stores: "anna". */
#define AN_STORE_APPLICATION_ID 0x616E6E61
/* Longest SQL statement text the PostgreSQL rewrite accepts. */
#define AN_STORE_SQL_LIMIT 8192

/* Step results. */
enum { AN_DB_DONE = 0, AN_DB_ROW = 1, AN_DB_FAILED = -1 };

typedef struct an_db an_db;
typedef struct an_db_statement an_db_statement;

/* One engine's operations.  Text given to bind_text is copied.  column_text
 * returns NULL for SQL NULL; the text is borrowed until the next step,
 * reset or finalize. */
typedef struct an_db_ops {
  const char *name; /* "sqlite" or "postgresql" */
  int (*exec)(an_db *db, const char *sql, an_error *error);
  an_db_statement *(*prepare)(an_db *db, const char *sql, an_error *error);
  int (*bind_text)(an_db_statement *statement, int index, const char *text);
  int (*bind_int)(an_db_statement *statement, int index, long long value);
  int (*bind_double)(an_db_statement *statement, int index, double value);
  int (*step)(an_db_statement *statement, an_error *error);
  const char *(*column_text)(an_db_statement *statement, int column);
  int (*reset)(an_db_statement *statement);
  void (*finalize)(an_db_statement *statement);
  void (*close)(an_db *db);
} an_db_ops;

/* The common head of both engines' handles. */
struct an_db {
  const an_db_ops *ops;
  char location[256]; /* path or URL without password, for messages */
};

/* Opens a SQLite file (created when absent unless read_only).  Checks that
 * the file is an SQLite database before anything is written.  Caller closes
 * with db->ops->close. */
an_db *an_sqlite_open(const char *path, bool read_only, an_error *error);
/* Opens a PostgreSQL connection from a postgresql:// URL. */
an_db *an_postgres_open(const char *url, an_error *error);
/* Limits a SQLite store to max_pages pages (tests simulate a full disk). */
int an_sqlite_limit_pages(an_db *db, long long max_pages, an_error *error);

/* Helpers over the ops.  column_int parses the text form (0 for NULL). */
long long an_db_column_int(an_db *db, an_db_statement *statement, int column);
double an_db_column_double(an_db *db, an_db_statement *statement, int column);
/* Runs one query returning one integer; parameter (may be NULL) binds ?1. */
int an_db_query_int(an_db *db, const char *sql, const char *parameter, long long *out,
                    an_error *error);

/* Schema: creates or migrates, after checking the store is ours and not
 * newer.  Writes nothing when the check fails.  read_only: check only. */
int an_schema_prepare(an_db *db, bool read_only, an_error *error);

/* Merging (merge.c): recomputes the events of every group touched since the
 * last merge (the dirty_groups table), in one transaction. */
int an_merge_dirty(an_db *db, an_error *error);

/* The store handle. */
struct an_store {
  an_db *db;                        /* owned */
  bool read_only;
  bool in_batch;                    /* a transaction is open */
  int batch_documents;              /* documents in the open transaction */
  an_db_statement *find_document;   /* owned prepared statements */
  an_db_statement *insert_document;
  an_db_statement *insert_copy;
  an_db_statement *insert_mention;
  an_db_statement *insert_dirty;
};

/* Status groups and ranks (merge rules, docs/merging.md). */
const char *an_store_status_group(an_status status);
int an_store_precision_rank(an_precision precision);

#endif
