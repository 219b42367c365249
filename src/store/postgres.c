/*
 * postgres.c — the PostgreSQL engine of the store, through libpq.  Statements
 * are the same SQL as SQLite's with '?' rewritten to $1, $2 ...; parameters
 * travel as text and PostgreSQL infers their types from the columns.
 */
#include "core/core.h"
#include "store/store.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

enum { AN_POSTGRES_MAX_PARAMETERS = 64 };

typedef struct postgres_db {
  an_db base;        /* must be first */
  PGconn *connection; /* owned */
} postgres_db;

typedef struct postgres_statement {
  postgres_db *db;                               /* borrowed */
  char *sql;                                     /* owned, $n placeholders */
  int parameter_count;
  char *values[AN_POSTGRES_MAX_PARAMETERS];      /* owned; NULL = SQL NULL */
  PGresult *result;                              /* owned, after the first step */
  int row;                                       /* current row, -1 before */
} postgres_statement;

static void set_postgres_error(an_error *error, postgres_db *db, const PGresult *result) {
  const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(db->connection);
  char text[400];
  an_copy_string(text, sizeof text, message && *message ? message : "unknown error");
  size_t length = strlen(text);
  while (length && (text[length - 1] == '\n' || text[length - 1] == ' ')) text[--length] = '\0';
  an_error_set(error, AN_ERROR_DATABASE, "%s: %s", db->base.location, text);
}

static int postgres_exec(an_db *base, const char *sql, an_error *error) {
  postgres_db *db = (postgres_db *)base;
  PGresult *result = PQexec(db->connection, sql);
  ExecStatusType status = PQresultStatus(result);
  int code = AN_OK;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    set_postgres_error(error, db, result);
    code = AN_ERROR_DATABASE;
  }
  PQclear(result);
  return code;
}

/* Rewrites '?' placeholders to $n (our SQL has no '?' inside literals). */
static char *rewrite_placeholders(const char *sql, int *count) {
  size_t length = strlen(sql);
  if (length > AN_STORE_SQL_LIMIT) return NULL;
  char *out = malloc(length * 3 + 1);
  if (!out) return NULL;
  size_t used = 0;
  *count = 0;
  for (const char *p = sql; *p; p++) {
    if (*p == '?' && *count < AN_POSTGRES_MAX_PARAMETERS)
      used += (size_t)sprintf(out + used, "$%d", ++*count);
    else out[used++] = *p;
  }
  out[used] = '\0';
  return out;
}

static an_db_statement *postgres_prepare(an_db *base, const char *sql, an_error *error) {
  postgres_statement *statement = calloc(1, sizeof *statement);
  if (!statement || !(statement->sql = rewrite_placeholders(sql, &statement->parameter_count))) {
    free(statement);
    an_error_set(error, AN_ERROR_MEMORY, "%s: cannot prepare statement", base->location);
    return NULL;
  }
  statement->db = (postgres_db *)base;
  statement->row = -1;
  return (an_db_statement *)statement;
}

static int set_value(an_db_statement *handle, int index, char *value) {
  postgres_statement *statement = (postgres_statement *)handle;
  if (index < 1 || index > statement->parameter_count) {
    free(value);
    return AN_ERROR_USAGE;
  }
  free(statement->values[index - 1]);
  statement->values[index - 1] = value;
  return AN_OK;
}

static int postgres_bind_text(an_db_statement *handle, int index, const char *text) {
  char *copy = text ? an_strdup(text) : NULL;
  if (text && !copy) return AN_ERROR_MEMORY;
  return set_value(handle, index, copy);
}

static int postgres_bind_int(an_db_statement *handle, int index, long long value) {
  char text[32];
  snprintf(text, sizeof text, "%lld", value);
  return postgres_bind_text(handle, index, text);
}

static int postgres_bind_double(an_db_statement *handle, int index, double value) {
  char text[40];
  snprintf(text, sizeof text, "%.17g", value);
  return postgres_bind_text(handle, index, text);
}

static int postgres_step(an_db_statement *handle, an_error *error) {
  postgres_statement *statement = (postgres_statement *)handle;
  if (!statement->result) {
    statement->result =
        PQexecParams(statement->db->connection, statement->sql, statement->parameter_count, NULL,
                     (const char *const *)statement->values, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(statement->result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      set_postgres_error(error, statement->db, statement->result);
      return AN_DB_FAILED;
    }
  }
  statement->row++;
  return statement->row < PQntuples(statement->result) ? AN_DB_ROW : AN_DB_DONE;
}

static const char *postgres_column_text(an_db_statement *handle, int column) {
  postgres_statement *statement = (postgres_statement *)handle;
  if (!statement->result || statement->row < 0 || statement->row >= PQntuples(statement->result) ||
      column >= PQnfields(statement->result) ||
      PQgetisnull(statement->result, statement->row, column))
    return NULL;
  return PQgetvalue(statement->result, statement->row, column);
}

static int postgres_reset(an_db_statement *handle) {
  postgres_statement *statement = (postgres_statement *)handle;
  PQclear(statement->result);
  statement->result = NULL;
  statement->row = -1;
  for (int i = 0; i < statement->parameter_count; i++) {
    free(statement->values[i]);
    statement->values[i] = NULL;
  }
  return AN_OK;
}

static void postgres_finalize(an_db_statement *handle) {
  postgres_statement *statement = (postgres_statement *)handle;
  if (!statement) return;
  postgres_reset(handle);
  free(statement->sql);
  free(statement);
}

static void postgres_close(an_db *base) {
  postgres_db *db = (postgres_db *)base;
  if (!db) return;
  PQfinish(db->connection);
  free(db);
}

static const an_db_ops postgres_ops = {
    "postgresql",     postgres_exec,        postgres_prepare, postgres_bind_text,
    postgres_bind_int, postgres_bind_double, postgres_step,    postgres_column_text,
    postgres_reset,   postgres_finalize,    postgres_close,
};

/* The URL for messages, without a password ("user:secret@" → "user@"). */
static void redact_url(char *out, size_t capacity, const char *url) {
  an_copy_string(out, capacity, url);
  char *scheme_end = strstr(out, "://");
  char *at = scheme_end ? strchr(scheme_end + 3, '@') : NULL;
  char *colon = scheme_end ? strchr(scheme_end + 3, ':') : NULL;
  if (at && colon && colon < at) memmove(colon, at, strlen(at) + 1);
}

an_db *an_postgres_open(const char *url, an_error *error) {
  postgres_db *db = calloc(1, sizeof *db);
  if (!db) {
    an_error_set(error, AN_ERROR_MEMORY, "out of memory");
    return NULL;
  }
  db->base.ops = &postgres_ops;
  redact_url(db->base.location, sizeof db->base.location, url);
  db->connection = PQconnectdb(url);
  if (!db->connection || PQstatus(db->connection) != CONNECTION_OK) {
    if (db->connection) set_postgres_error(error, db, NULL);
    else an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", db->base.location);
    postgres_close(&db->base);
    return NULL;
  }
  PGresult *result = PQexec(db->connection, "SET client_min_messages = warning");
  PQclear(result);
  return &db->base;
}
