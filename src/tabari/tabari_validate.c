/*
 * tabari_validate.c — validation suites.  TABARI records are a "YYMMDD ID"
 * line, the text, and a slash-star comment whose {...} items give the
 * expected events ({SRC / TGT / CODE}), {---} no event, {###} discard,
 * {+++} anything, -{...} an item to ignore, {OPTION: ...} an option change.
 * PETRARCH records are <Sentence> elements with <EventCoding> children,
 * <Text>, and <Config> option changes.  Each record is coded and compared
 * as a set of (source, target, code) triples.
 */
#include "tabari/tabari_validate.h"
#include "tabari/tabari_code.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define TB_MAX_EXPECTED 64
#define TB_MAX_SUITE_BYTES (64u << 20)

typedef struct triple { char source[40], target[40], code[16]; } triple;

typedef struct record {
  char id[64];
  uint32_t date;
  const char *text; size_t text_length;
  triple expected[TB_MAX_EXPECTED]; size_t expected_count;
  int expect_none, expect_discard, expect_anything, has_expectation;
} record;

const char *an_tabari_project_textfile(const an_tabari_dict *dict) {
  return dict ? dict->textfile : NULL;
}

static char *read_file(const char *path, size_t *length, an_error *error) {
  FILE *stream = fopen(path, "rb");
  if (!stream) { an_error_set(error, AN_ERROR_IO, "%s: cannot open", path); return NULL; }
  size_t capacity = 1 << 16, used = 0;
  char *buffer = malloc(capacity + 1);
  while (buffer) {
    size_t got = fread(buffer + used, 1, capacity - used, stream);
    used += got;
    if (used < capacity) break;
    if (capacity >= TB_MAX_SUITE_BYTES) { free(buffer); buffer = NULL; break; }
    char *bigger = realloc(buffer, capacity * 2 + 1);
    if (!bigger) { free(buffer); buffer = NULL; break; }
    buffer = bigger;
    capacity *= 2;
  }
  fclose(stream);
  if (!buffer) { an_error_set(error, AN_ERROR_LIMIT, "%s: too large or out of memory", path); return NULL; }
  buffer[used] = '\0';
  *length = used;
  return buffer;
}

static void copy_trimmed(char *out, size_t size, const char *start, const char *end) {
  while (start < end && isspace((unsigned char)*start)) start++;
  while (end > start && isspace((unsigned char)end[-1])) end--;
  size_t n = 0;
  for (; start < end && n + 1 < size; start++)
    if (!isspace((unsigned char)*start)) out[n++] = (char)toupper((unsigned char)*start);
  out[n] = '\0';
}

/* Reads one {...} item of a TABARI comment. */
static void read_item(record *r, tb_options *options, const char *open, const char *close) {
  char body[512];
  size_t length = (size_t)(close - open - 1);
  if (length >= sizeof body) length = sizeof body - 1;
  memcpy(body, open + 1, length);
  body[length] = '\0';
  char *option = strstr(body, "OPTION:");
  if (option) { tb_options_apply(options, option + 7); return; }
  char squeezed[512];
  copy_trimmed(squeezed, sizeof squeezed, body, body + length);
  if (!strcmp(squeezed, "---")) { r->expect_none = r->has_expectation = 1; return; }
  if (!strcmp(squeezed, "###")) { r->expect_discard = r->has_expectation = 1; return; }
  if (!strcmp(squeezed, "+++")) { r->expect_anything = r->has_expectation = 1; return; }
  char *first = strchr(body, '/');
  char *second = first ? strchr(first + 1, '/') : NULL;
  if (!second || r->expected_count >= TB_MAX_EXPECTED) return;
  triple *t = &r->expected[r->expected_count++];
  copy_trimmed(t->source, sizeof t->source, body, first);
  copy_trimmed(t->target, sizeof t->target, first + 1, second);
  copy_trimmed(t->code, sizeof t->code, second + 1, body + length);
  r->has_expectation = 1;
}

static void read_comment(record *r, tb_options *options, const char *start, const char *end) {
  for (const char *c = start; c < end; c++) {
    if (*c != '{') continue;
    const char *close = memchr(c, '}', (size_t)(end - c));
    if (!close) close = end; /* an item left open runs to the comment's end */
    int ignored = c > start && c[-1] == '-';
    if (!ignored) read_item(r, options, c, close);
    c = close;
  }
}

static int is_header(const char *line) {
  for (int i = 0; i < 6; i++)
    if (!isdigit((unsigned char)line[i])) return 0;
  return line[6] == ' ' || line[6] == '\t';
}

static int same_triple(const triple *a, const triple *b) {
  return !strcmp(a->source, b->source) && !strcmp(a->target, b->target) && !strcmp(a->code, b->code);
}

/* Distinct triples of the coded events. */
static size_t got_triples(const an_events *events, triple *out, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < events->count && n < max; i++) {
    triple t;
    snprintf(t.source, sizeof t.source, "%s", events->items[i].has_source ? events->items[i].source.code : "---");
    snprintf(t.target, sizeof t.target, "%s", events->items[i].has_target ? events->items[i].target.code : "---");
    snprintf(t.code, sizeof t.code, "%s", events->items[i].code);
    int seen = 0;
    for (size_t j = 0; j < n; j++) seen |= same_triple(&out[j], &t);
    if (!seen) out[n++] = t;
  }
  return n;
}

static int contains(const triple *list, size_t count, const triple *t) {
  for (size_t i = 0; i < count; i++)
    if (same_triple(&list[i], t)) return 1;
  return 0;
}

static void print_triples(FILE *report, const char *label, const triple *list, size_t count) {
  fprintf(report, "    %s:", label);
  if (!count) fprintf(report, " (none)");
  for (size_t i = 0; i < count; i++)
    fprintf(report, " {%s / %s / %s}", list[i].source, list[i].target, list[i].code);
  fprintf(report, "\n");
}

static const char *outcome_name(tb_outcome outcome) {
  static const char *const names[] = {"no event", "events", "discarded", "complex"};
  return names[outcome];
}

/* Codes one record and prints its verdict.  Returns 1 pass, 0 fail. */
static int judge(const an_tabari_dict *dict, const tb_options *options, const record *r,
                 char *forward, FILE *report, int verbose) {
  an_events events = {0};
  tb_outcome outcome = TB_OUTCOME_NONE;
  an_span span = {0, r->text_length};
  tb_code_sentence_forward(dict, options, r->text, span, r->date, options->forward ? forward : NULL,
                           &events, &outcome, NULL);
  triple got[TB_MAX_EXPECTED];
  size_t got_count = got_triples(&events, got, TB_MAX_EXPECTED);
  free(events.items);
  int pass = 1;
  if (r->expect_anything || !r->has_expectation) pass = 1;
  else if (r->expect_discard) pass = outcome == TB_OUTCOME_DISCARD;
  else if (r->expect_none && !r->expected_count) pass = got_count == 0;
  else {
    pass = 1;
    for (size_t i = 0; i < r->expected_count && pass; i++) pass = contains(got, got_count, &r->expected[i]);
    for (size_t i = 0; i < got_count && pass; i++) pass = contains(r->expected, r->expected_count, &got[i]);
  }
  fprintf(report, "%s %s\n", pass ? "PASS" : "FAIL", r->id);
  if (!pass || verbose) {
    if (r->expect_discard) fprintf(report, "    expected: discard\n");
    else if (r->expect_none && !r->expected_count) fprintf(report, "    expected: no event\n");
    else print_triples(report, "expected", r->expected, r->expected_count);
    print_triples(report, "got", got, got_count);
    if (!pass) fprintf(report, "    outcome: %s\n    text: %.*s\n", outcome_name(outcome),
                       (int)(r->text_length > 300 ? 300 : r->text_length), r->text);
  }
  return pass;
}

/* Reads the story (text under N) and sentence number (digits under S) of
 * the idinfo after a header's date with a FORWARD sequence format (manual
 * 8.4.1: ^ a leading blank, * any character).  A non-numeric sentence
 * number is 0.  Returns 0 when the format has no N or no S. */
static int sequence_numbers(const char *format, const char *idinfo, const char *end,
                            char *story, size_t story_size, long *sentence) {
  size_t story_length = 0;
  int has_story = 0, has_sentence = 0, numeric = 1;
  *sentence = 0;
  const char *p = idinfo;
  for (const char *f = format; *f; f++) {
    char c = p < end ? *p : '\0';
    if (p < end) p++;
    if (*f == 'N') {
      has_story = 1;
      if (story_length + 1 < story_size) story[story_length++] = c;
    } else if (*f == 'S') {
      has_sentence = 1;
      if (isdigit((unsigned char)c)) *sentence = *sentence * 10 + (c - '0');
      else numeric = 0;
      if (*sentence > 32767) numeric = 0;
    }
  }
  story[story_length] = '\0';
  if (!numeric) *sentence = 0;
  return has_story && has_sentence;
}

/* Should the forwarded actor survive into the record with header line
 * [header, line_end)?  Same story and the next sentence (manual 8.4);
 * without a usable format, the same id up to its last '-'. */
static int continues_story(const tb_options *options, const char *header, const char *line_end,
                           const char *id, char *last_story, size_t story_size,
                           long *last_sentence) {
  char story[64];
  long sentence = 0;
  int follows;
  if (sequence_numbers(options->forward_format, header + 6, line_end, story, sizeof story, &sentence)) {
    follows = !strcmp(story, last_story) && sentence == *last_sentence + 1;
  } else {
    snprintf(story, sizeof story, "%s", id);
    char *dash = strrchr(story, '-');
    if (dash) *dash = '\0';
    follows = !strcmp(story, last_story);
  }
  snprintf(last_story, story_size, "%s", story);
  *last_sentence = sentence;
  return follows;
}

static int validate_tabari(an_tabari_dict *dict, char *suite, int flags, FILE *report,
                           an_tabari_validation *result) {
  tb_options *options = &dict->options;
  record *r = calloc(1, sizeof *r);
  if (!r) return AN_ERROR_MEMORY;
  char *cursor = suite;
  int stopped = 0;
  char forward[40] = "", last_story[64] = "";
  long last_sentence = 0;
  while (*cursor) {
    char *line_end = strchr(cursor, '\n');
    if (!line_end) line_end = cursor + strlen(cursor);
    if (!is_header(cursor)) { cursor = *line_end ? line_end + 1 : line_end; continue; }
    memset(r, 0, sizeof *r);
    r->date = tb_date_value(cursor, 6);
    copy_trimmed(r->id, sizeof r->id, cursor + 7, line_end);
    char *text = *line_end ? line_end + 1 : line_end;
    char *comment = strstr(text, "/*");
    char *next = text;
    /* the record ends at the next header line */
    char *scan = text;
    char *record_end = NULL;
    while (*scan) {
      if (is_header(scan) && scan != text) { record_end = scan; break; }
      char *nl = strchr(scan, '\n');
      if (!nl) break;
      scan = nl + 1;
      if (is_header(scan)) { record_end = scan; break; }
    }
    if (!record_end) record_end = text + strlen(text);
    if (!comment || comment >= record_end) { /* items without an opening slash-star */
      comment = NULL;
      char *item = strstr(text, "\\n");
      char *brace = strchr(text, '{');
      if (brace && brace < record_end && (!item || brace < item)) item = brace;
      if (item && item < record_end) {
        char *close = strstr(item, "*/");
        if (!close || close > record_end) close = record_end;
        read_comment(r, options, item, close);
        record_end = item; /* the text stops here */
      }
    }
    char *text_end = comment ? comment : record_end;
    if (comment && comment < record_end) {
      char *close = strstr(comment + 2, "*/");
      if (!close || close > record_end) close = record_end;
      read_comment(r, options, comment + 2, close);
    }
    r->text = text;
    r->text_length = (size_t)(text_end - text);
    next = record_end;
    if (!comment) { /* skip to the real end of the record */
      next = record_end;
      while (*next && !is_header(next)) { char *nl = strchr(next, '\n'); next = nl ? nl + 1 : next + strlen(next); }
    }
    if (r->text_length && memmem(text, r->text_length, "is the end of the standard validation records", 45)) {
      if (!(flags & AN_TABARI_VALIDATE_ALL)) { stopped = 1; break; }
    }
    if (!continues_story(options, cursor, line_end, r->id, last_story, sizeof last_story,
                         &last_sentence))
      forward[0] = '\0';
    if (judge(dict, options, r, forward, report, flags & AN_TABARI_VALIDATE_VERBOSE)) result->passed++;
    else result->failed++;
    cursor = next;
  }
  (void)stopped;
  free(r);
  return AN_OK;
}

/* ---- PETRARCH XML ------------------------------------------------------- */

/* Copies attribute name="value" of the tag [tag, tag_end) into out. */
static int attribute(const char *tag, const char *tag_end, const char *name, char *out, size_t size) {
  size_t name_length = strlen(name);
  for (const char *c = tag; c + name_length + 2 < tag_end; c++) {
    if (strncmp(c, name, name_length) || c[name_length] != '=' || !isspace((unsigned char)c[-1])) continue;
    const char *value = c + name_length + 1;
    char quote = *value;
    if (quote != '"' && quote != '\'') return 0;
    const char *end = memchr(value + 1, quote, (size_t)(tag_end - value - 1));
    if (!end) return 0;
    copy_trimmed(out, size, value + 1, end);
    return 1;
  }
  return 0;
}

static void petrarch_config(tb_options *options, const char *tag, const char *tag_end) {
  char name[64], value[64], line[160];
  if (!attribute(tag, tag_end, "option", name, sizeof name)) return;
  if (!attribute(tag, tag_end, "value", value, sizeof value)) value[0] = '\0';
  snprintf(line, sizeof line, "SET: %s = %s", name, value);
  tb_options_apply(options, line);
}

static int validate_petrarch(an_tabari_dict *dict, char *suite, int flags, FILE *report,
                             an_tabari_validation *result) {
  record *r = calloc(1, sizeof *r);
  if (!r) return AN_ERROR_MEMORY;
  char *cursor = suite;
  while ((cursor = strchr(cursor, '<'))) {
    char *tag_end = strchr(cursor, '>');
    if (!tag_end) break;
    if (!strncmp(cursor, "<Config", 7)) { petrarch_config(&dict->options, cursor, tag_end); cursor = tag_end; continue; }
    if (strncmp(cursor, "<Sentence", 9) || !isspace((unsigned char)cursor[9])) { cursor = tag_end; continue; }
    char *close = strstr(tag_end, "</Sentence>");
    if (!close) break;
    memset(r, 0, sizeof *r);
    char date[16] = "";
    attribute(cursor, tag_end, "id", r->id, sizeof r->id);
    if (attribute(cursor, tag_end, "date", date, sizeof date)) r->date = tb_date_value(date, strlen(date));
    for (char *c = tag_end; (c = strstr(c, "<EventCoding")) && c < close; c++) {
      char *end = strchr(c, '>');
      char noevents[16];
      if (attribute(c, end, "noevents", noevents, sizeof noevents) && !strcasecmp(noevents, "TRUE")) {
        r->expect_none = r->has_expectation = 1;
        continue;
      }
      if (r->expected_count >= TB_MAX_EXPECTED) continue;
      triple *t = &r->expected[r->expected_count];
      if (attribute(c, end, "sourcecode", t->source, sizeof t->source) &&
          attribute(c, end, "targetcode", t->target, sizeof t->target) &&
          attribute(c, end, "eventcode", t->code, sizeof t->code)) {
        r->expected_count++;
        r->has_expectation = 1;
      }
    }
    char *text = strstr(tag_end, "<Text>");
    char *text_end = text ? strstr(text, "</Text>") : NULL;
    if (text && text_end && text_end < close) {
      r->text = text + 6;
      r->text_length = (size_t)(text_end - text - 6);
      if (judge(dict, &dict->options, r, NULL, report, flags & AN_TABARI_VALIDATE_VERBOSE)) result->passed++;
      else result->failed++;
    }
    cursor = close + 11;
  }
  free(r);
  return AN_OK;
}

int an_tabari_validate(an_tabari_dict *dict, const char *suite_path, int flags, FILE *report,
                       an_tabari_validation *result, an_error *error) {
  memset(result, 0, sizeof *result);
  size_t length;
  char *suite = read_file(suite_path, &length, error);
  if (!suite) return error ? error->code : AN_ERROR_IO;
  int status = (flags & AN_TABARI_VALIDATE_PETRARCH)
                   ? validate_petrarch(dict, suite, flags, report, result)
                   : validate_tabari(dict, suite, flags, report, result);
  free(suite);
  if (status) an_error_set(error, status, "%s: out of memory", suite_path);
  return status;
}
