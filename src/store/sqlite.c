/*
 * sqlite.c — the SQLite engine of the store: a file, WAL journal, busy
 * timeout, and the checks made before anything is written (the file must be
 * empty or an SQLite database; it must be writable unless opened read-only).
 */
#include "core/core.h"
#include "store/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { AN_SQLITE_BUSY_MS = 10000 };

typedef struct sqlite_db {
  an_db base;      /* must be first */
  sqlite3 *handle; /* owned */
} sqlite_db;

typedef struct sqlite_statement {
  sqlite_db *db;          /* borrowed */
  sqlite3_stmt *statement; /* owned */
} sqlite_statement;

static void set_sqlite_error(an_error *error, sqlite_db *db, const char *what) {
  int code = sqlite3_extended_errcode(db->handle);
  const char *hint = "";
  if ((code & 0xff) == SQLITE_FULL) hint = " (disk or size limit full; nothing of this batch was kept)";
  if ((code & 0xff) == SQLITE_READONLY) hint = " (the file is read-only)";
  if ((code & 0xff) == SQLITE_NOTADB) hint = " (not an SQLite database)";
  an_error_set(error, AN_ERROR_DATABASE, "%s: %s: %s%s", db->base.location, what,
               sqlite3_errmsg(db->handle), hint);
}

static int sqlite_exec(an_db *base, const char *sql, an_error *error) {
  sqlite_db *db = (sqlite_db *)base;
  if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) != SQLITE_OK) {
    set_sqlite_error(error, db, "statement failed");
    return AN_ERROR_DATABASE;
  }
  return AN_OK;
}

static an_db_statement *sqlite_prepare(an_db *base, const char *sql, an_error *error) {
  sqlite_db *db = (sqlite_db *)base;
  sqlite_statement *statement = calloc(1, sizeof *statement);
  if (!statement) {
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", base->location);
    return NULL;
  }
  statement->db = db;
  if (sqlite3_prepare_v2(db->handle, sql, -1, &statement->statement, NULL) != SQLITE_OK) {
    set_sqlite_error(error, db, "cannot prepare");
    free(statement);
    return NULL;
  }
  return (an_db_statement *)statement;
}

static int sqlite_bind_text(an_db_statement *handle, int index, const char *text) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  int result = text ? sqlite3_bind_text(statement->statement, index, text, -1, SQLITE_TRANSIENT)
                    : sqlite3_bind_null(statement->statement, index);
  return result == SQLITE_OK ? AN_OK : AN_ERROR_DATABASE;
}

static int sqlite_bind_int(an_db_statement *handle, int index, long long value) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  return sqlite3_bind_int64(statement->statement, index, value) == SQLITE_OK ? AN_OK
                                                                             : AN_ERROR_DATABASE;
}

static int sqlite_bind_double(an_db_statement *handle, int index, double value) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  return sqlite3_bind_double(statement->statement, index, value) == SQLITE_OK ? AN_OK
                                                                              : AN_ERROR_DATABASE;
}

static int sqlite_step(an_db_statement *handle, an_error *error) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  int result = sqlite3_step(statement->statement);
  if (result == SQLITE_ROW) return AN_DB_ROW;
  if (result == SQLITE_DONE) return AN_DB_DONE;
  set_sqlite_error(error, statement->db, "statement failed");
  return AN_DB_FAILED;
}

static const char *sqlite_column_text(an_db_statement *handle, int column) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  return (const char *)sqlite3_column_text(statement->statement, column);
}

static int sqlite_reset(an_db_statement *handle) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  sqlite3_reset(statement->statement);
  sqlite3_clear_bindings(statement->statement);
  return AN_OK;
}

static void sqlite_finalize(an_db_statement *handle) {
  sqlite_statement *statement = (sqlite_statement *)handle;
  if (!statement) return;
  sqlite3_finalize(statement->statement);
  free(statement);
}

static void sqlite_close(an_db *base) {
  sqlite_db *db = (sqlite_db *)base;
  if (!db) return;
  sqlite3_close_v2(db->handle);
  free(db);
}

static const an_db_ops sqlite_ops = {
    "sqlite",       sqlite_exec,         sqlite_prepare, sqlite_bind_text,
    sqlite_bind_int, sqlite_bind_double, sqlite_step,    sqlite_column_text,
    sqlite_reset,   sqlite_finalize,     sqlite_close,
};

/* A non-empty file must start with SQLite's 16-byte header.  Refusing here
 * means SQLite never touches (or journals over) a foreign file. */
static int check_header(const char *path, an_error *error) {
  FILE *file = fopen(path, "rb");
  if (!file) return AN_OK; /* absent: created later (or open reports it) */
  char header[16] = {0};
  size_t got = fread(header, 1, sizeof header, file);
  fclose(file);
  if (got == 0) return AN_OK;
  if (got < sizeof header || memcmp(header, "SQLite format 3", 16) != 0)
    return an_error_set(error, AN_ERROR_FORMAT,
                        "%s: not an annals store (not an SQLite database); nothing was written",
                        path);
  return AN_OK;
}

static int open_handle(sqlite_db *db, const char *path, bool read_only, an_error *error) {
  struct stat info;
  bool exists = stat(path, &info) == 0;
  if (read_only && !exists)
    return an_error_set(error, AN_ERROR_IO, "%s: no such store", path);
  if (!read_only && exists && access(path, W_OK) != 0)
    return an_error_set(error, AN_ERROR_IO, "%s: the store is read-only (%s); nothing was written",
                        path, strerror(errno));
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path, &db->handle, flags, NULL) != SQLITE_OK) {
    an_error_set(error, AN_ERROR_IO, "%s: cannot open: %s", path,
                 db->handle ? sqlite3_errmsg(db->handle) : "out of memory");
    return AN_ERROR_IO;
  }
  sqlite3_busy_timeout(db->handle, AN_SQLITE_BUSY_MS);
  if (!read_only && sqlite3_db_readonly(db->handle, "main") == 1)
    return an_error_set(error, AN_ERROR_IO, "%s: the store is read-only; nothing was written",
                        path);
  return AN_OK;
}

an_db *an_sqlite_open(const char *path, bool read_only, an_error *error) {
  if (check_header(path, error) != AN_OK) return NULL;
  sqlite_db *db = calloc(1, sizeof *db);
  if (!db) {
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
    return NULL;
  }
  db->base.ops = &sqlite_ops;
  an_copy_string(db->base.location, sizeof db->base.location, path);
  if (open_handle(db, path, read_only, error) != AN_OK) {
    sqlite_close(&db->base);
    return NULL;
  }
  return &db->base;
}

int an_sqlite_limit_pages(an_db *base, long long max_pages, an_error *error) {
  if (base->ops != &sqlite_ops)
    return an_error_set(error, AN_ERROR_USAGE, "%s: not a SQLite store", base->location);
  char sql[64];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", max_pages);
  return sqlite_exec(base, sql, error);
}
