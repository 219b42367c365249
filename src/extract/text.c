/*
 * text.c — the article inside plain text: paragraphs, boilerplate lines
 * dropped, echoed paragraphs dropped, a title guessed.
 *
 * The text itself is never rewritten: paragraphs are spans into doc->text,
 * so every later span still points at the input's bytes.
 */
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* Beyond this many paragraphs, echo detection (quadratic) is skipped. */
#define AN_ECHO_CHECK_MAX_PARAGRAPHS 2000
/* Lines longer than this are never boilerplate. */
#define AN_BOILERPLATE_MAX_LINE 240
/* Bytes of a line compared with the boilerplate phrases (longer than any). */
#define AN_BOILERPLATE_HEAD 31
/* A title is one short line without a sentence's closing period. */
#define AN_TITLE_MAX_LENGTH 200

typedef struct paragraph_list {
  an_span *items;
  size_t count, capacity;
} paragraph_list;

static int list_push(paragraph_list *list, size_t offset, size_t length) {
  if (an_array_reserve((void **)&list->items, &list->capacity, list->count, sizeof *list->items, 32))
    return AN_ERROR_MEMORY;
  list->items[list->count].offset = offset;
  list->items[list->count].length = length;
  list->count++;
  return AN_OK;
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

/* Trims blanks at both ends of text[*start, *end). */
static void trim(const char *text, size_t *start, size_t *end) {
  while (*start < *end && is_blank(text[*start])) (*start)++;
  while (*end > *start && is_blank(text[*end - 1])) (*end)--;
}

/* Lines that are site furniture, not article: phrases general to news sites. */
static bool is_boilerplate_line(const char *line, size_t length) {
  if (length == 0 || length > AN_BOILERPLATE_MAX_LINE) return false;
  /* the phrases are short: lowercase only the line's head for them */
  /* every phrase starts with one of these bytes (lowercase) */
  char first = line[0] >= 'A' && line[0] <= 'Z' ? (char)(line[0] + 32) : line[0];
  if (!first || !strchr("escrawtmjdlf\xc2", first)) return false;
  char head[AN_BOILERPLATE_HEAD + 1];
  an_lowercase_copy(head, sizeof head, line, length);
  static const char *const exact_starts[] = {
      "exit mobile version", "skip to content", "skip to main content", "share this article",
      "share on facebook", "share on twitter", "share on x", "click here to", "sign up for",
      "subscribe to our", "subscribe now", "read more:", "read also:", "also read:", "related:",
      "related articles", "related stories", "advertisement", "all rights reserved", "copyright",
      "\xc2\xa9", "we use cookies", "this website uses cookies", "accept cookies", "most read",
      "trending now", "join our", "download our app", "log in to", "sign in to", NULL};
  for (size_t i = 0; exact_starts[i]; i++)
    if (head[0] == exact_starts[i][0] && an_starts_with(head, exact_starts[i])) return true;
  static const char *const networks[] = {"google news", "twitter", "facebook", "instagram",
                                         "telegram", "linkedin", "youtube", "whatsapp",
                                         "tiktok", "threads", NULL};
  if ((head[0] == 'f' && an_starts_with(head, "follow ")) || (head[0] == 'l' && an_starts_with(head, "like us on"))) {
    char lower[AN_BOILERPLATE_MAX_LINE + 1];
    an_lowercase_copy(lower, sizeof lower, line, length);
    for (size_t i = 0; networks[i]; i++)
      if (strstr(lower, networks[i])) return true;
  }
  return false;
}

/* Splits text into paragraphs at blank lines, and at line ends that close a
 * sentence; drops boilerplate lines. */
static int split_paragraphs(const char *text, size_t length, paragraph_list *out) {
  size_t start = 0;
  while (start < length) {
    const char *newline = memchr(text + start, '\n', length - start);
    size_t line_end = newline ? (size_t)(newline - text) : length;
    /* Grow the paragraph line by line until a blank line or a closed sentence. */
    size_t end = line_end;
    for (;;) {
      size_t a = start, b = end;
      trim(text, &a, &b);
      char last = b > a ? text[b - 1] : '.';
      bool closed = last == '.' || last == '!' || last == '?' || last == '"' || last == ':' ||
                    (b - a >= 3 && (unsigned char)text[b - 3] == 0xE2);
      if (end >= length || closed) break;
      size_t next = end + 1;
      const char *next_newline = memchr(text + next, '\n', length - next);
      size_t next_end = next_newline ? (size_t)(next_newline - text) : length;
      size_t c = next, d = next_end;
      trim(text, &c, &d);
      if (c == d || is_boilerplate_line(text + c, d - c)) break;
      end = next_end;
    }
    size_t a = start, b = end;
    trim(text, &a, &b);
    if (b > a && !is_boilerplate_line(text + a, b - a) && list_push(out, a, b - a) != AN_OK)
      return AN_ERROR_MEMORY;
    start = end + 1;
  }
  return AN_OK;
}

/* Paragraphs shorter than this are never dropped as repeats: list items and
 * short lines repeat legitimately. */
#define AN_ECHO_MIN_LENGTH 60
/* Bytes hashed to find where a paragraph may be echoed. */
#define AN_ECHO_PROBE 40

/* The paragraph without its closing period or blanks. */
static size_t core_length(const char *text, an_span p) {
  size_t length = p.length;
  while (length > 0 && (text[p.offset + length - 1] == '.' || is_blank(text[p.offset + length - 1]))) length--;
  return length;
}

typedef struct probe_set {
  uint64_t *hashes;    /* hash | 1 of a sentence start; 0 = empty slot */
  uint32_t *paragraph; /* which paragraph that sentence start is in */
  size_t mask;
} probe_set;

static void probe_add(probe_set *set, uint64_t hash, uint32_t paragraph) {
  size_t slot = (size_t)hash & set->mask;
  while (set->hashes[slot]) {
    if (set->hashes[slot] == hash && set->paragraph[slot] == paragraph) return;
    slot = (slot + 1) & set->mask;
  }
  set->hashes[slot] = hash;
  set->paragraph[slot] = paragraph;
}

static uint64_t probe_hash(const char *bytes) { return an_hash64(bytes, AN_ECHO_PROBE, 3) | 1; }

/* Hashes the first bytes of every sentence of every paragraph: an echoed
 * paragraph starts where a paragraph or a sentence starts. */
static bool build_probes(const char *text, const paragraph_list *list, probe_set *set) {
  size_t capacity = 64;
  for (size_t i = 0; i < list->count; i++) capacity += list->items[i].length / 16;
  size_t slots = 1024;
  while (slots < capacity * 2) slots *= 2;
  set->hashes = calloc(slots, sizeof *set->hashes);
  set->paragraph = calloc(slots, sizeof *set->paragraph);
  set->mask = slots - 1;
  if (!set->hashes || !set->paragraph) return false;
  for (size_t i = 0; i < list->count; i++) {
    an_span q = list->items[i];
    for (size_t k = 0; k + AN_ECHO_PROBE <= q.length; k++) {
      bool starts = k == 0 || (k >= 2 && text[q.offset + k - 1] == ' ' &&
                               (text[q.offset + k - 2] == '.' || text[q.offset + k - 2] == '?' ||
                                text[q.offset + k - 2] == '!'));
      if (starts) probe_add(set, probe_hash(text + q.offset + k), (uint32_t)i);
    }
  }
  return true;
}

/* Is paragraph p's text (without its final period) inside a longer paragraph q? */
static bool echoed_in(const char *text, an_span p, an_span q) {
  size_t length = core_length(text, p);
  if (q.length <= length) return false;
  return memmem(text + q.offset, q.length, text + p.offset, length) != NULL;
}

/* Should paragraph i go: repeated verbatim after an earlier copy, or echoed
 * inside a longer paragraph (as a subtitle is echoed in the body)?  Only
 * paragraphs where its first words also start a sentence are compared. */
static bool is_echo(const char *text, const paragraph_list *list, const probe_set *probes, size_t i) {
  an_span p = list->items[i];
  if (core_length(text, p) < AN_ECHO_MIN_LENGTH) return false;
  uint64_t hash = probe_hash(text + p.offset);
  for (size_t slot = (size_t)hash & probes->mask; probes->hashes[slot]; slot = (slot + 1) & probes->mask) {
    size_t j = probes->paragraph[slot];
    if (probes->hashes[slot] != hash || j == i) continue;
    an_span q = list->items[j];
    bool same = p.length == q.length && !memcmp(text + p.offset, text + q.offset, p.length);
    if (same ? j < i : echoed_in(text, p, q)) return true;
  }
  return false;
}

/* Drops repeated and echoed paragraphs; the longer or earlier copy stays. */
static void drop_echoes(const char *text, paragraph_list *list) {
  if (list->count < 2 || list->count > AN_ECHO_CHECK_MAX_PARAGRAPHS) return;
  probe_set probes = {0};
  if (build_probes(text, list, &probes)) {
    bool *drop = calloc(list->count, sizeof *drop);
    for (size_t i = 0; drop && i < list->count; i++) drop[i] = is_echo(text, list, &probes, i);
    size_t kept = 0;
    for (size_t i = 0; drop && i < list->count; i++)
      if (!drop[i]) list->items[kept++] = list->items[i];
    if (drop) list->count = kept;
    free(drop);
  }
  free(probes.hashes);
  free(probes.paragraph);
}

/* A first line that reads as a headline becomes the title, and leaves the
 * body: headlines are metadata (as an HTML page's <h1> is), and their
 * clipped grammar is not coded. */
static void take_title(an_doc *doc, paragraph_list *list) {
  if (list->count < 2) return;
  an_span first = list->items[0];
  if (first.length > AN_TITLE_MAX_LENGTH || memchr(doc->text + first.offset, '\n', first.length)) return;
  char last = doc->text[first.offset + first.length - 1];
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '"') return;
  bool same_as_title = doc->title && strlen(doc->title) == first.length &&
                       !memcmp(doc->title, doc->text + first.offset, first.length);
  if (doc->title && !same_as_title) return;
  if (!doc->title) doc->title = an_strndup(doc->text + first.offset, first.length);
  memmove(list->items, list->items + 1, (list->count - 1) * sizeof list->items[0]);
  list->count--;
}

int an_extract_text(an_doc *doc, an_error *error) {
  paragraph_list list = {0};
  if (!doc->text) return an_error_set(error, AN_ERROR_USAGE, "document has no text");
  if (split_paragraphs(doc->text, doc->text_length, &list) != AN_OK) {
    free(list.items);
    return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", doc->origin ? doc->origin : "document");
  }
  drop_echoes(doc->text, &list);
  take_title(doc, &list);
  free(doc->paragraphs);
  doc->paragraphs = list.items;
  doc->paragraph_count = list.count;
  return AN_OK;
}
