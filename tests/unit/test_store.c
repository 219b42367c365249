/*
 * test_store.c — the event store with synthetic coded documents: merge
 * rules, idempotence, order independence, a real SIGKILL in the middle of an
 * ingest, foreign and newer files refused untouched, a full disk, a
 * read-only file, and the PostgreSQL round trip (tests/pg/pg.sh).
 */
#include "harness.h"
#include "store/store.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_TEST_EVENTS = 8, CRASH_DOCUMENTS = 2000 };

static char temp_dir[256];

/* ---- building synthetic documents ---- */

typedef struct test_doc {
  an_doc *doc;
  an_event items[MAX_TEST_EVENTS];
  an_events events;
} test_doc;

static char *copy(const char *text) { return text ? strdup(text) : NULL; }

static void doc_init(test_doc *out, const char *id, const char *outlet, const char *published) {
  memset(out, 0, sizeof *out);
  out->doc = an_doc_new();
  out->doc->id = copy(id);
  out->doc->outlet = copy(outlet);
  out->doc->published = copy(published);
  char url[200];
  snprintf(url, sizeof url, "https://%s/%s", outlet ? outlet : "unknown", id);
  out->doc->url = copy(url);
  out->doc->text = copy("Russian forces attacked Ukraine. Macron met Scholz.");
  out->doc->text_length = strlen(out->doc->text);
  out->events.items = out->items;
}

static void doc_event(test_doc *out, const char *source, const char *target, const char *code,
                      an_status status, const char *date, an_precision precision) {
  an_event *event = &out->items[out->events.count];
  memset(event, 0, sizeof *event);
  snprintf(event->id, sizeof event->id, "%.8s%02zu%.6s", out->doc->id, out->events.count, code);
  event->sentence = (an_span){0, 32};
  event->verb = (an_span){15, 8};
  event->has_source = source != NULL;
  event->has_target = target != NULL;
  if (source) {
    snprintf(event->source.code, sizeof event->source.code, "%s", source);
    snprintf(event->source.country, sizeof event->source.country, "%.3s", source);
    snprintf(event->source.agent, sizeof event->source.agent, "%s", source + 3);
    event->source.span = (an_span){0, 14};
  }
  if (target) {
    snprintf(event->target.code, sizeof event->target.code, "%s", target);
    snprintf(event->target.country, sizeof event->target.country, "%.3s", target);
    event->target.span = (an_span){24, 7};
  }
  snprintf(event->code, sizeof event->code, "%s", code);
  event->status = status;
  snprintf(event->date, sizeof event->date, "%s", date);
  event->date_precision = precision;
  snprintf(event->pattern, sizeof event->pattern, "dict/verbs.txt:%zu", out->events.count + 1);
  event->confidence = 0.5 + 0.1 * (double)out->events.count;
  out->events.count++;
}

static void doc_clear(test_doc *out) { an_doc_free(out->doc); }

/* The merge-rule set: one attack told by 3 articles of 2 outlets (one
 * reported, one month-dated), a denial of it, a meeting coded 04 and 040. */
enum { RULE_DOCS = 5 };
static void rule_docs(test_doc docs[RULE_DOCS]) {
  doc_init(&docs[0], "a1", "reuters.com", "2024-11-26");
  doc_event(&docs[0], "RUSMIL", "UKR", "190", AN_STATUS_ASSERTED, "2024-11-25", AN_PRECISION_DAY);
  doc_event(&docs[0], "RUSMIL", "UKR", "190", AN_STATUS_ASSERTED, "2024-11-25", AN_PRECISION_DAY);
  doc_init(&docs[1], "b1", "bbc.co.uk", "2024-11-25");
  doc_event(&docs[1], "RUSMIL", "UKR", "190", AN_STATUS_REPORTED, "2024-11-25", AN_PRECISION_DAY);
  doc_init(&docs[2], "b2", "bbc.co.uk", "2024-11-27");
  doc_event(&docs[2], "RUSMIL", "UKR", "190", AN_STATUS_REPORTED, "2024-11", AN_PRECISION_MONTH);
  doc_event(&docs[2], "RUSMIL", "UKR", "190", AN_STATUS_DENIED, "2024-11-25", AN_PRECISION_DAY);
  doc_init(&docs[3], "c1", "lemonde.fr", "2024-11-26");
  doc_event(&docs[3], "FRAGOV", "DEUGOV", "04", AN_STATUS_ASSERTED, "2024-11-26", AN_PRECISION_DAY);
  doc_event(&docs[3], "FRAGOV", "DEUGOV", "040", AN_STATUS_PLANNED, "2024-11-26", AN_PRECISION_DAY);
  doc_event(&docs[3], "FRAGOV", "DEUGOV", "040", AN_STATUS_ASSERTED, "2024-11-26", AN_PRECISION_DAY);
  doc_init(&docs[4], "c2", NULL, NULL);
  doc_event(&docs[4], "FRAGOV", NULL, "173", AN_STATUS_ASSERTED, "", AN_PRECISION_NONE);
}

/* ---- store helpers ---- */

static void temp_path(char *out, size_t capacity, const char *name) {
  snprintf(out, capacity, "%s/%s", temp_dir, name);
}

static int ingest(const char *location, test_doc *docs, const int *order, int count) {
  an_error error = {0};
  an_store *store = an_store_open(location, 0, &error);
  if (!store) {
    fprintf(stderr, "  open: %s\n", error.message);
    return -1;
  }
  int added_total = 0;
  for (int i = 0; i < count; i++) {
    int added = 0;
    int index = order ? order[i] : i;
    if (an_store_add(store, docs[index].doc, &docs[index].events, &added, &error)) {
      fprintf(stderr, "  add: %s\n", error.message);
      added_total = -1;
      break;
    }
    added_total += added;
  }
  if (added_total >= 0 && an_store_merge(store, &error)) {
    fprintf(stderr, "  merge: %s\n", error.message);
    added_total = -1;
  }
  an_store_close(store);
  return added_total;
}

/* The whole store exported as TSV (caller frees), or NULL. */
static char *export_text(const char *location, an_format format) {
  an_error error = {0};
  an_store *store = an_store_open(location, AN_STORE_READ_ONLY, &error);
  if (!store) {
    fprintf(stderr, "  export open: %s\n", error.message);
    return NULL;
  }
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&text, &size);
  int code = an_store_write(store, NULL, out, format, NULL, &error);
  fclose(out);
  an_store_close(store);
  if (code) {
    fprintf(stderr, "  export: %s\n", error.message);
    free(text);
    return NULL;
  }
  return text;
}

static long long sql_int(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  long long value = -1;
  sqlite3_stmt *statement = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql, -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW)
    value = sqlite3_column_int64(statement, 0);
  else fprintf(stderr, "  sql %s: %s\n", sql, sqlite3_errmsg(db));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

static char *file_bytes(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  char *bytes = malloc(1 << 20);
  *length = fread(bytes, 1, 1 << 20, file);
  fclose(file);
  return bytes;
}

/* ---- tests ---- */

static void test_merge_rules(void) {
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "rules.db");
  CHECK_INT(ingest(path, docs, NULL, RULE_DOCS), RULE_DOCS);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM documents"), 5);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM mentions"), 9);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM events"), 5);
  const char *attack = "SELECT %s FROM events WHERE source_code = 'RUSMIL' AND status = 'asserted'";
  char sql[300];
  snprintf(sql, sizeof sql, attack, "num_mentions");
  CHECK_INT(sql_int(path, sql), 4);
  snprintf(sql, sizeof sql, attack, "num_articles");
  CHECK_INT(sql_int(path, sql), 3);
  snprintf(sql, sizeof sql, attack, "num_sources");
  CHECK_INT(sql_int(path, sql), 2);
  snprintf(sql, sizeof sql, attack, "date = '2024-11-25' AND date_precision = 'day'");
  CHECK_INT(sql_int(path, sql), 1);
  snprintf(sql, sizeof sql, attack, "first_seen = '2024-11-25' AND last_seen = '2024-11-27'");
  CHECK_INT(sql_int(path, sql), 1);
  CHECK_INT(sql_int(path, "SELECT num_mentions FROM events WHERE status = 'denied'"), 1);
  CHECK_INT(sql_int(path, "SELECT num_mentions FROM events WHERE source_code = 'FRAGOV'"
                          " AND status = 'asserted' AND family = '040'"), 2);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM events WHERE status = 'planned'"), 1);
  CHECK_INT(sql_int(path, "SELECT num_sources FROM events WHERE code = '173'"), 1);
  CHECK_INT(sql_int(path, "SELECT mention_count FROM actors WHERE code = 'RUSMIL'"), 5);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM schema_version WHERE version = 1"), 1);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

static void test_idempotent(void) {
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "twice.db");
  CHECK_INT(ingest(path, docs, NULL, RULE_DOCS), RULE_DOCS);
  char *first = export_text(path, AN_FORMAT_TSV);
  CHECK_INT(ingest(path, docs, NULL, RULE_DOCS), 0);
  char *second = export_text(path, AN_FORMAT_TSV);
  CHECK(first && second);
  if (first && second) CHECK_STR(second, first);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM mentions"), 9);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM documents"), 5);
  free(first);
  free(second);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

static void test_order_independent(void) {
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char forward[300], backward[300], mixed[300];
  temp_path(forward, sizeof forward, "forward.db");
  temp_path(backward, sizeof backward, "backward.db");
  temp_path(mixed, sizeof mixed, "mixed.db");
  const int reverse[RULE_DOCS] = {4, 3, 2, 1, 0};
  const int shuffled[RULE_DOCS] = {2, 0, 4, 1, 3};
  ingest(forward, docs, NULL, RULE_DOCS);
  ingest(backward, docs, reverse, RULE_DOCS);
  /* The shuffled store gets its documents in two runs. */
  ingest(mixed, docs, shuffled, 2);
  ingest(mixed, docs, shuffled + 2, 3);
  char *one = export_text(forward, AN_FORMAT_JSONL);
  char *two = export_text(backward, AN_FORMAT_JSONL);
  char *three = export_text(mixed, AN_FORMAT_JSONL);
  CHECK(one && two && three);
  if (one && two && three) {
    CHECK_STR(two, one);
    CHECK_STR(three, one);
  }
  free(one);
  free(two);
  free(three);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

static void test_gdelt_columns(void) {
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "gdelt.db");
  ingest(path, docs, NULL, RULE_DOCS);
  char *text = export_text(path, AN_FORMAT_GDELT);
  CHECK(text != NULL);
  int rows = 0;
  for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
    int tabs = 0;
    for (char *p = line; *p; p++) tabs += *p == '\t';
    CHECK_INT(tabs + 1, 61);
    char *fields[61] = {0};
    char *cursor = line;
    for (int i = 0; i < 61 && cursor; i++) {
      fields[i] = cursor;
      cursor = strchr(cursor, '\t');
      if (cursor) *cursor++ = '\0';
    }
    CHECK(fields[0] && strtoull(fields[0], NULL, 10) > 0);           /* GlobalEventID */
    CHECK(fields[26] && strlen(fields[26]) >= 2);                      /* EventCode */
    CHECK(fields[31] && atoi(fields[31]) >= 1);                        /* NumMentions */
    CHECK(fields[60] && strncmp(fields[60], "https://", 8) == 0 ? 1 : fields[60] != NULL);
    if (fields[1] && *fields[1]) CHECK_INT(strlen(fields[1]), 8);      /* SQLDATE */
    rows++;
  }
  CHECK_INT(rows, 5);
  free(text);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

static void test_foreign_file(void) {
  char path[300];
  temp_path(path, sizeof path, "notes.txt");
  FILE *file = fopen(path, "w");
  fputs("These are my notes, not a database.\n", file);
  fclose(file);
  an_error error = {0};
  CHECK(an_store_open(path, 0, &error) == NULL);
  CHECK(strstr(error.message, "not an annals store") != NULL);
  size_t length = 0;
  char *bytes = file_bytes(path, &length);
  CHECK_INT(length, 36);
  free(bytes);

  temp_path(path, sizeof path, "other.db");
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  sqlite3_exec(db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')",
               NULL, NULL, NULL);
  sqlite3_close(db);
  size_t before_length = 0, after_length = 0;
  char *before = file_bytes(path, &before_length);
  an_error_clear(&error);
  CHECK(an_store_open(path, 0, &error) == NULL);
  CHECK(strstr(error.message, "not an annals store") != NULL);
  char *after = file_bytes(path, &after_length);
  CHECK_INT(after_length, before_length);
  CHECK(before && after && memcmp(before, after, before_length) == 0);
  free(before);
  free(after);
}

static void test_newer_schema(void) {
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "newer.db");
  ingest(path, docs, NULL, 1);
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); UPDATE schema_version SET version = 99;"
                   " PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close(db);
  size_t before_length = 0, after_length = 0;
  char *before = file_bytes(path, &before_length);
  an_error error = {0};
  CHECK(an_store_open(path, 0, &error) == NULL);
  CHECK(strstr(error.message, "newer") != NULL);
  CHECK(an_store_open(path, AN_STORE_READ_ONLY, &error) == NULL);
  char *after = file_bytes(path, &after_length);
  CHECK_INT(after_length, before_length);
  CHECK(before && after && memcmp(before, after, before_length) == 0);
  free(before);
  free(after);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

/* Many documents with varied actors, codes, dates and outlets. */
static void generated_doc(test_doc *out, int number) {
  static const char *const actors[] = {"RUSMIL", "UKRGOV", "FRAGOV", "DEUGOV", "USAGOV", "CHN"};
  static const char *const codes[] = {"190", "040", "036", "111", "0431", "173"};
  char id[32], outlet[32], date[16];
  snprintf(id, sizeof id, "gen%05d", number);
  snprintf(outlet, sizeof outlet, "outlet%d.example", number % 7);
  snprintf(date, sizeof date, "2024-%02d-%02d", 1 + number % 3, 1 + number % 5);
  doc_init(out, id, outlet, date);
  for (int i = 0; i < 3; i++) {
    int pick = (number / 3 + i) % 6;
    doc_event(out, actors[pick], actors[(pick + 1 + i) % 6], codes[(number + i) % 6],
              i == 2 ? AN_STATUS_REPORTED : AN_STATUS_ASSERTED, date,
              i == 1 ? AN_PRECISION_MONTH : AN_PRECISION_DAY);
    if (i == 1) out->items[1].date[7] = '\0';
  }
}

static int ingest_generated(const char *location, int count) {
  test_doc *docs = calloc((size_t)count, sizeof *docs);
  for (int i = 0; i < count; i++) generated_doc(&docs[i], i);
  int added = ingest(location, docs, NULL, count);
  for (int i = 0; i < count; i++) doc_clear(&docs[i]);
  free(docs);
  return added;
}

static void test_sigkill_resume(void) {
  char whole[300], killed[300];
  temp_path(whole, sizeof whole, "whole.db");
  temp_path(killed, sizeof killed, "killed.db");
  CHECK_INT(ingest_generated(whole, CRASH_DOCUMENTS), CRASH_DOCUMENTS);
  pid_t child = fork();
  if (child == 0) {
    ingest_generated(killed, CRASH_DOCUMENTS);
    _exit(0);
  }
  /* Kill once some batches are in, but before the end. */
  struct timespec pause = {0, 2000000};
  for (int i = 0; i < 2000; i++) {
    nanosleep(&pause, NULL);
    struct stat info;
    char wal[320];
    snprintf(wal, sizeof wal, "%s-wal", killed);
    if (stat(wal, &info) == 0 && info.st_size > 200000) break;
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  long long partial = sql_int(killed, "SELECT COUNT(*) FROM documents");
  fprintf(stderr, "  (killed after %lld of %d documents)\n", partial, CRASH_DOCUMENTS);
  CHECK(partial < CRASH_DOCUMENTS);
  CHECK_INT(ingest_generated(killed, CRASH_DOCUMENTS), CRASH_DOCUMENTS - partial);
  char *expected = export_text(whole, AN_FORMAT_TSV);
  char *actual = export_text(killed, AN_FORMAT_TSV);
  CHECK(expected && actual && strcmp(expected, actual) == 0);
  CHECK_INT(sql_int(killed, "SELECT COUNT(*) FROM mentions"),
            sql_int(whole, "SELECT COUNT(*) FROM mentions"));
  free(expected);
  free(actual);
}

static void test_disk_full(void) {
  char path[300];
  temp_path(path, sizeof path, "full.db");
  an_error error = {0};
  an_store *store = an_store_open(path, 0, &error);
  CHECK(store != NULL);
  if (!store) return;
  CHECK_INT(an_sqlite_limit_pages(store->db, 60, &error), AN_OK);
  int code = AN_OK, stored = 0;
  for (int i = 0; i < 3000 && code == AN_OK; i++) {
    test_doc doc;
    generated_doc(&doc, i);
    code = an_store_add(store, doc.doc, &doc.events, NULL, &error);
    stored += code == AN_OK;
    doc_clear(&doc);
  }
  CHECK_INT(code, AN_ERROR_DATABASE);
  CHECK(strstr(error.message, "full") != NULL);
  an_store_close(store);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM documents") % AN_STORE_BATCH_DOCUMENTS, 0);
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM mentions"),
            sql_int(path, "SELECT COALESCE(SUM(mention_count), 0) FROM documents"));
  CHECK_INT(sql_int(path, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
            1);
  store = an_store_open(path, 0, &error); /* still a valid store */
  CHECK(store != NULL);
  an_store_close(store);
}

static void test_read_only(void) {
  if (geteuid() == 0) SKIP("running as root: file permissions do not bind");
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "readonly.db");
  ingest(path, docs, NULL, 2);
  chmod(path, 0444);
  an_error error = {0};
  CHECK(an_store_open(path, 0, &error) == NULL);
  CHECK(strstr(error.message, "read-only") != NULL);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
}

static void test_postgres_round_trip(void) {
  char command[400], url[400] = "";
  snprintf(command, sizeof command, "tests/pg/pg.sh start %.200s/pg 2>/dev/null", temp_dir);
  FILE *pipe = popen(command, "r");
  if (!pipe || !fgets(url, sizeof url, pipe)) url[0] = '\0';
  int status = pipe ? pclose(pipe) : -1;
  url[strcspn(url, "\n")] = '\0';
  if (status != 0 || !url[0]) SKIP("no PostgreSQL server could be started (tests/pg/pg.sh)");
  test_doc docs[RULE_DOCS];
  rule_docs(docs);
  char path[300];
  temp_path(path, sizeof path, "compare.db");
  const int reverse[RULE_DOCS] = {4, 3, 2, 1, 0};
  CHECK_INT(ingest(url, docs, reverse, RULE_DOCS), RULE_DOCS);
  CHECK_INT(ingest(url, docs, NULL, RULE_DOCS), 0);
  ingest(path, docs, NULL, RULE_DOCS);
  char *from_postgres = export_text(url, AN_FORMAT_JSONL);
  char *from_sqlite = export_text(path, AN_FORMAT_JSONL);
  CHECK(from_postgres && from_sqlite);
  if (from_postgres && from_sqlite) CHECK_STR(from_postgres, from_sqlite);
  free(from_postgres);
  free(from_sqlite);
  for (int i = 0; i < RULE_DOCS; i++) doc_clear(&docs[i]);
  snprintf(command, sizeof command, "tests/pg/pg.sh stop %s/pg", temp_dir);
  CHECK_INT(system(command), 0);
}

int main(void) {
  snprintf(temp_dir, sizeof temp_dir, "/tmp/annals-store-XXXXXX");
  if (!mkdtemp(temp_dir)) return 1;
  RUN(test_merge_rules);
  RUN(test_idempotent);
  RUN(test_order_independent);
  RUN(test_gdelt_columns);
  RUN(test_foreign_file);
  RUN(test_newer_schema);
  RUN(test_sigkill_resume);
  RUN(test_disk_full);
  RUN(test_read_only);
  RUN(test_postgres_round_trip);
  char command[300];
  snprintf(command, sizeof command, "rm -rf %s", temp_dir);
  if (system(command) != 0) fprintf(stderr, "cannot remove %s\n", temp_dir);
  return harness_finish();
}
