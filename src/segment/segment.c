/*
 * segment.c — tokenizer and sentence splitter.  See segment.h.
 *
 * Words are runs of letters, digits and non-ASCII letters; inner hyphens and
 * apostrophes stay inside a word ("Won-sik", "don't"), a possessive 's is its
 * own token, dotted abbreviations ("U.S.") and title abbreviations ("Gen.")
 * keep their periods.  A sentence ends at . ! ? (with closing quotes) when
 * the next token can start a sentence.
 */
#include "segment/segment.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* Abbreviations that take a period and do not end a sentence, each in
 * eight zero-padded bytes (compared whole). */
static const char title_abbreviations[][8] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "rep", "sen",
    "gov", "pres", "st", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "vs", "prof", "rev", "fig",
    "vol", "gens", "cmdr", "brig", "lieut", "messrs", "mt", "ft", "approx", "dept", "est"};

/* Words that usually start a new sentence after a dotted abbreviation. */
static const char *const sentence_starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "but", "in",
    "on", "its", "his", "her", "their", "there", "officials", "however", "meanwhile", NULL};

void an_segmentation_init(an_segmentation *segmentation) {
  memset(segmentation, 0, sizeof *segmentation);
}

void an_segmentation_clear(an_segmentation *segmentation) {
  free(segmentation->tokens);
  free(segmentation->sentences);
  an_segmentation_init(segmentation);
}

void an_segmentation_reset(an_segmentation *segmentation) {
  segmentation->token_count = 0;
  segmentation->sentence_count = 0;
}

static bool in_list(const char *const *list, const char *word) {
  for (size_t i = 0; list[i]; i++)
    if (!strcmp(list[i], word)) return true;
  return false;
}

/* Multi-byte punctuation: returns its length at p, or 0. */
static size_t punctuation_length(const unsigned char *p, size_t left) {
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
      (p[2] >= 0x90 && p[2] <= 0xA6))
    return 3; /* dashes, curly quotes, ellipsis */
  if (left >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) return 2; /* « » */
  return 0;
}

static bool is_ascii_alnum(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

static bool is_space_at(const unsigned char *p, size_t left, size_t *width) {
  if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
    *width = 1;
    return true;
  }
  if (*p < 0x80) return false;
  if (left >= 2 && p[0] == 0xC2 && p[1] == 0xA0) { *width = 2; return true; }
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || (p[2] >= 0x80 && p[2] <= 0x8B))) {
    *width = 3;
    return true;
  }
  return false;
}

/* A non-ASCII byte is part of a word unless it starts punctuation or space. */
static bool is_high_word_byte(const unsigned char *p, size_t left) {
  size_t width;
  return !punctuation_length(p, left) && !is_space_at(p, left, &width);
}

static inline bool is_word_byte(const unsigned char *p, size_t left) {
  unsigned char c = *p;
  return c < 0x80 ? is_ascii_alnum(c) : is_high_word_byte(p, left);
}

static bool is_apostrophe(const unsigned char *p, size_t left, size_t *width) {
  if (*p == '\'') { *width = 1; return true; }
  if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) { *width = 3; return true; }
  return false;
}

static inline int push_token(an_segmentation *s, size_t offset, size_t length, uint32_t flags) {
  if (s->token_count >= s->token_capacity &&
      an_array_reserve((void **)&s->tokens, &s->token_capacity, s->token_count, sizeof *s->tokens, 256))
    return AN_ERROR_MEMORY;
  an_token *token = &s->tokens[s->token_count++];
  token->offset = (uint32_t)offset;
  token->length = (uint32_t)length;
  token->flags = flags;
  token->word = token->lemma = 0;
  return AN_OK;
}

/* What word_flags reads from a word's bytes, gathered while scanning it. */
typedef struct letter_count {
  int letters;  /* ASCII letters */
  bool lower;   /* any of them lowercase */
} letter_count;

/* Skips ASCII letters from u[i], eight bytes at a time while eight can be
 * read before limit; or-s them into *seen.  Returns where it stopped (the
 * caller's byte loop goes on from there). */
static size_t letters_at(const unsigned char *u, size_t i, size_t limit, unsigned *seen) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
  const uint64_t high = 0x8080808080808080ULL;
  while (i + 8 <= limit) {
    uint64_t chunk;
    memcpy(&chunk, u + i, 8);
    if (chunk & high) break; /* non-ASCII: byte by byte */
    uint64_t folded = chunk | 0x2020202020202020ULL;
    /* bit 7 of each byte: 'a' <= folded <= 'z' */
    uint64_t letters = (folded + 0x1F1F1F1F1F1F1F1FULL) & ~(folded + 0x0505050505050505ULL) & high;
    uint64_t others = ~letters & high;
    size_t count = others ? (size_t)__builtin_ctzll(others) / 8 : 8;
    uint64_t taken = count == 8 ? chunk : chunk & ((1ULL << (8 * count)) - 1);
    *seen |= (taken & 0x2020202020202020ULL) ? 0x20u : 0u;
    i += count;
    if (count < 8) break;
  }
#else
  (void)u; (void)limit; (void)seen;
#endif
  return i;
}

/* Scans a word starting at text[start]; returns its end (exclusive) and
 * counts its letters into *count.  Runs of ASCII letters, the bulk of any
 * word, take the tight inner loop. */
static size_t scan_word(const char *text, size_t start, size_t end, letter_count *count) {
  const unsigned char *u = (const unsigned char *)text;
  size_t limit = end - start > AN_TOKEN_MAX_LENGTH ? start + AN_TOKEN_MAX_LENGTH : end;
  size_t i = start;
  unsigned seen = 0; /* the letters' bits or-ed: 0x20 is set when one is lowercase */
  while (i < limit) {
    size_t run = i;
    i = letters_at(u, i, limit, &seen);
    while (i < limit && (unsigned)((u[i] | 32) - 'a') < 26u) seen |= u[i++];
    count->letters += (int)(i - run);
    if (i >= limit) break;
    size_t width;
    unsigned char c = u[i];
    if ((unsigned)(c - '0') < 10u) { i++; continue; }
    if (c >= 0x80 && is_high_word_byte(u + i, end - i)) { i++; continue; }
    if (c == '-' && i + 1 < end && is_word_byte(u + i + 1, end - i - 1)) { i++; continue; }
    if ((c == ',' || c == '.') && i > start && u[i - 1] >= '0' && u[i - 1] <= '9' &&
        i + 1 < end && u[i + 1] >= '0' && u[i + 1] <= '9') { i++; continue; }
    if (is_apostrophe(u + i, end - i, &width) && i + width < end &&
        is_word_byte(u + i + width, end - i - width)) {
      /* 's followed by a non-word byte is a possessive: stop before it. */
      bool possessive = (u[i + width] == 's' || u[i + width] == 'S') &&
                        (i + width + 1 >= end || !is_word_byte(u + i + width + 1, end - i - width - 1));
      if (possessive) break;
      i += width;
      continue;
    }
    break;
  }
  if (seen & 0x20) count->lower = true;
  return i;
}

/* "U.S.", "U.N.", "e.g.": single letters joined by periods. */
static size_t scan_dotted(const char *text, size_t start, size_t end) {
  size_t i = start;
  int letters = 0;
  while (i + 1 < end && ((text[i] | 32) >= 'a' && (text[i] | 32) <= 'z') && text[i + 1] == '.') {
    i += 2;
    letters++;
    if (i < end && ((text[i] | 32) < 'a' || (text[i] | 32) > 'z')) break;
    if (i + 1 < end && text[i + 1] != '.') break;
  }
  return letters >= 2 ? i : start;
}

static uint32_t flags_of(const char *text, size_t start, letter_count count) {
  uint32_t flags = AN_TOKEN_WORD;
  unsigned char first = (unsigned char)text[start];
  if (first >= '0' && first <= '9') flags = AN_TOKEN_NUMBER;
  if (first >= 'A' && first <= 'Z') flags |= AN_TOKEN_CAPITALIZED;
  if (!count.lower && count.letters >= 2) flags |= AN_TOKEN_UPPERCASE;
  return flags;
}

static uint32_t word_flags(const char *text, size_t start, size_t end) {
  letter_count count = {0, false};
  for (size_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 'a' && c <= 'z') count.lower = true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) count.letters++;
  }
  return flags_of(text, start, count);
}

/* Does a title abbreviation ("Gen") end at text[end] followed by '.'? */
static bool takes_period(const char *text, size_t start, size_t end, size_t limit) {
  if (end >= limit || text[end] != '.' || end - start > 6) return false;
  char lower[8] = {0};
  an_lowercase_copy(lower, sizeof lower, text + start, end - start);
  if (!strcmp(lower, "no"))  /* "No. 2" only */
    return end + 2 < limit && text[end + 1] == ' ' && text[end + 2] >= '0' && text[end + 2] <= '9';
  for (size_t i = 0; i < sizeof title_abbreviations / sizeof title_abbreviations[0]; i++)
    if (!memcmp(title_abbreviations[i], lower, sizeof lower)) return true;
  return false;
}

static int tokenize(an_segmentation *s, const char *text, size_t start, size_t end) {
  const unsigned char *u = (const unsigned char *)text;
  size_t i = start;
  while (i < end) {
    size_t width;
    if (u[i] == ' ') { i++; continue; }
    if ((u[i] < 0x80 && u[i] > ' ') ? false : is_space_at(u + i, end - i, &width)) { i += width; continue; }
    int status;
    if (is_word_byte(u + i, end - i)) {
      size_t dotted = i + 1 < end && u[i + 1] == '.' ? scan_dotted(text, i, end) : i;
      if (dotted > i) {
        status = push_token(s, i, dotted - i, word_flags(text, i, dotted) | AN_TOKEN_ABBREVIATION);
        i = dotted;
      } else {
        letter_count count = {0, false};
        size_t word_end = scan_word(text, i, end, &count);
        uint32_t flags = flags_of(text, i, count);
        if (takes_period(text, i, word_end, end)) {
          word_end++;
          flags |= AN_TOKEN_ABBREVIATION;
        }
        status = push_token(s, i, word_end - i, flags);
        i = word_end;
      }
    } else if (is_apostrophe(u + i, end - i, &width) && s->token_count > 0 &&
               s->tokens[s->token_count - 1].offset + s->tokens[s->token_count - 1].length == i &&
               (s->tokens[s->token_count - 1].flags & AN_TOKEN_WORD)) {
      size_t length = width;
      if (i + width < end && (u[i + width] == 's' || u[i + width] == 'S') &&
          (i + width + 1 >= end || !is_word_byte(u + i + width + 1, end - i - width - 1)))
        length++;
      status = push_token(s, i, length, AN_TOKEN_POSSESSIVE);
      i += length;
    } else {
      size_t length = punctuation_length(u + i, end - i);
      if (!length) {
        length = 1;
        while (i + length < end && (u[i + length] & 0xC0) == 0x80) length++;
      }
      status = push_token(s, i, length, AN_TOKEN_PUNCT);
      i += length;
    }
    if (status != AN_OK) return status;
  }
  return AN_OK;
}

static bool is_terminal(const char *text, const an_token *token) {
  if (!(token->flags & AN_TOKEN_PUNCT)) return false;
  const char *p = text + token->offset;
  return (token->length == 1 && (*p == '.' || *p == '!' || *p == '?')) ||
         (token->length == 3 && !memcmp(p, "\xE2\x80\xA6", 3));
}

static bool is_closing(const char *text, const an_token *token) {
  if (!(token->flags & AN_TOKEN_PUNCT)) return false;
  const char *p = text + token->offset;
  if (token->length == 1) return *p == '"' || *p == '\'' || *p == ')' || *p == ']';
  return token->length == 3 && (!memcmp(p, "\xE2\x80\x9D", 3) || !memcmp(p, "\xE2\x80\x99", 3));
}

/* Can this token begin a sentence? */
static bool can_start(const char *text, const an_token *token) {
  unsigned char c = (unsigned char)text[token->offset];
  if (token->flags & (AN_TOKEN_CAPITALIZED | AN_TOKEN_NUMBER)) return true;
  if (token->flags & AN_TOKEN_PUNCT) return c == '"' || c == '(' || c == '[' || c == 0xE2 || c == '\'';
  return c >= 0x80;
}

static bool starter_word(const char *text, const an_token *token) {
  char lower[16];
  if (token->length >= sizeof lower) return false;
  an_lowercase_copy(lower, sizeof lower, text + token->offset, token->length);
  return in_list(sentence_starters, lower);
}

static int push_sentence(an_segmentation *s, size_t first, size_t last) {
  if (an_array_reserve((void **)&s->sentences, &s->sentence_capacity, s->sentence_count, sizeof *s->sentences, 64))
    return AN_ERROR_MEMORY;
  an_sentence *sentence = &s->sentences[s->sentence_count++];
  sentence->first_token = first;
  sentence->token_count = last - first;
  const an_token *a = &s->tokens[first], *b = &s->tokens[last - 1];
  sentence->span.offset = a->offset;
  sentence->span.length = b->offset + b->length - a->offset;
  return AN_OK;
}

/* Where does the sentence that starts at token `first` end (exclusive)? */
static size_t sentence_end(const an_segmentation *s, const char *text, size_t first, size_t limit) {
  for (size_t i = first; i < limit; i++) {
    if (i - first + 1 >= AN_SENTENCE_MAX_TOKENS) return i + 1;
    const an_token *token = &s->tokens[i];
    bool dotted_end = (token->flags & AN_TOKEN_ABBREVIATION) && (token->flags & AN_TOKEN_UPPERCASE) &&
                      i + 1 < limit && starter_word(text, &s->tokens[i + 1]);
    if (!is_terminal(text, token) && !dotted_end) continue;
    size_t end = i + 1;
    /* closing marks stick to the period: a quote after a space opens the next sentence */
    while (end < limit && (is_terminal(text, &s->tokens[end]) || is_closing(text, &s->tokens[end])) &&
           s->tokens[end].offset == s->tokens[end - 1].offset + s->tokens[end - 1].length)
      end++;
    if (end >= limit || can_start(text, &s->tokens[end])) return end;
  }
  return limit;
}

int an_segment_paragraph(an_segmentation *s, const char *text, an_span paragraph) {
  size_t first = s->token_count;
  int status = tokenize(s, text, paragraph.offset, paragraph.offset + paragraph.length);
  if (status != AN_OK) return status;
  size_t limit = s->token_count;
  while (first < limit) {
    size_t end = sentence_end(s, text, first, limit);
    if ((status = push_sentence(s, first, end)) != AN_OK) return status;
    first = end;
  }
  return AN_OK;
}

size_t an_token_normalize(const char *text, const an_token *token, char *out, size_t capacity) {
  size_t written = 0;
  const unsigned char *p = (const unsigned char *)text + token->offset;
  for (size_t i = 0; i < token->length && written + 1 < capacity; i++) {
    unsigned char c = p[i];
    if (c == 0xE2 && i + 2 < token->length && p[i + 1] == 0x80 && (p[i + 2] == 0x99 || p[i + 2] == 0x98)) {
      out[written++] = '\'';
      i += 2;
      continue;
    }
    out[written++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  out[written] = '\0';
  return written;
}
