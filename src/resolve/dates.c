/*
 * dates.c — the date resolver: a small scanner over the bytes of a sentence
 * and a set of hand-written matchers for English news time expressions.  See
 * dates.h for the contract.
 *
 * How it works
 *   1. A scanner cuts text[0..length) into tokens: lowercased words (a period
 *      after a month abbreviation is kept in the token), numbers (with an
 *      ordinal suffix "27th", and a flag when glued to other characters, as
 *      in "F-16", "2,000", "1990s", "$2024"), ISO dates, punctuation.
 *   2. A window of tokens slides over the text (3 behind, 6 ahead), so the
 *      whole scan is linear and needs no allocation.  At every token each
 *      matcher tries to read an expression starting there.
 *   3. Each expression is resolved against the publication date and tense;
 *      the most specific resolved one wins (day > week > month > year >
 *      unresolved), the first one among equals.
 *
 * Ambiguous words are only taken with date context: month names must be
 * capitalised and stand next to a day number, a year, a preposition or
 * modifier ("in", "last", "early", "of" ...), or be used as an adjective
 * after an article ("an October interview", but not "the March on
 * Washington"); bare four-digit years need a preposition ("in 2022").
 */
#include "resolve/dates.h"

#include <stdio.h>
#include <string.h>

/* ---- calendar arithmetic ------------------------------------------------ */

enum { YEAR_FIRST = 1, YEAR_LAST = 9999 };

static bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int an_date_days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return days[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
}

bool an_date_valid(int year, int month, int day) {
  return year >= YEAR_FIRST && year <= YEAR_LAST && day >= 1 &&
         day <= an_date_days_in_month(year, month);
}

/* Days in the years before year (year >= 1). */
static long days_before_year(int year) {
  long before = year - 1;
  return before * 365 + before / 4 - before / 100 + before / 400;
}

static long days_before_month(int year, int month) {
  static const int cumulative[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return cumulative[month - 1] + (month > 2 && is_leap_year(year) ? 1 : 0);
}

/* Day number of a valid date: 0001-01-01 is day 1 (a Monday). */
static long date_to_ordinal(int year, int month, int day) {
  return days_before_year(year) + days_before_month(year, month) + day;
}

static bool date_from_ordinal(long ordinal, int *year, int *month, int *day) {
  if (ordinal < 1 || ordinal > date_to_ordinal(YEAR_LAST, 12, 31)) return false;
  int found = (int)((ordinal - 1) * 400 / 146097) + 1; /* 146097 days in 400 years */
  while (found > YEAR_FIRST && days_before_year(found) >= ordinal) found--;
  while (found < YEAR_LAST && days_before_year(found + 1) < ordinal) found++;
  long rest = ordinal - days_before_year(found);
  int found_month = 12;
  while (found_month > 1 && days_before_month(found, found_month) >= rest) found_month--;
  *year = found;
  *month = found_month;
  *day = (int)(rest - days_before_month(found, found_month));
  return true;
}

int an_date_weekday(int year, int month, int day) {
  if (!an_date_valid(year, month, day)) return 0;
  return (int)((date_to_ordinal(year, month, day) - 1) % 7);
}

bool an_date_add_days(int *year, int *month, int *day, long days) {
  if (!an_date_valid(*year, *month, *day)) return false;
  return date_from_ordinal(date_to_ordinal(*year, *month, *day) + days, year, month, day);
}

static int parse_digits(const char *text, int count) {
  int value = 0;
  for (int i = 0; i < count; i++) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool an_date_parse(const char *text, int *year, int *month, int *day) {
  if (!text) return false;
  /* Checked left to right, so a short string stops at its NUL. */
  int parsed_year = parse_digits(text, 4);
  if (parsed_year < 0 || text[4] != '-') return false;
  int parsed_month = parse_digits(text + 5, 2);
  if (parsed_month < 0 || text[7] != '-') return false;
  int parsed_day = parse_digits(text + 8, 2);
  if (parsed_day < 0) return false;
  if (text[10] != '\0' && text[10] != 'T' && text[10] != ' ') return false;
  if (!an_date_valid(parsed_year, parsed_month, parsed_day)) return false;
  *year = parsed_year;
  *month = parsed_month;
  *day = parsed_day;
  return true;
}

/* ---- tokens --------------------------------------------------------------- */

#define AN_DATE_WORD_MAX 16 /* longer words are kept as "" (no date word is that long) */
#define AN_DATE_BEHIND 3    /* tokens a matcher may look back */
#define AN_DATE_AHEAD 8     /* tokens a matcher may look ahead (the longest form reads 7) */
#define AN_DATE_WINDOW (AN_DATE_BEHIND + 1 + AN_DATE_AHEAD)

typedef enum token_kind {
  TOKEN_NONE = 0, /* before the start or after the end of the text */
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_ISO, /* 2024-11-27 */
  TOKEN_PUNCT
} token_kind;

typedef struct date_token {
  token_kind kind;
  size_t offset, length;       /* bytes in the text */
  char word[AN_DATE_WORD_MAX]; /* WORD: lowercased letters, "" when too long */
  char punct;                  /* PUNCT: the byte, or 0 for a multi-byte character */
  int value;                   /* NUMBER: value, -1 when more than 4 digits */
  int digits;                  /* NUMBER: count of digits */
  bool capitalised;            /* WORD: first letter uppercase */
  bool dotted;                 /* WORD: a period was absorbed ("Nov.") */
  bool ordinal;                /* NUMBER: st/nd/rd/th suffix absorbed */
  bool attached;               /* NUMBER: glued to letters or symbols: not a date */
  bool hyphen_before;          /* NUMBER: directly after '-' ("F-16", "mid-2022") */
  int year, month, day;        /* ISO: the date; WORD: month of a month name (0: none) */
  bool abbreviation;           /* WORD: a month abbreviation ("Nov") */
  int weekday;                 /* WORD: 0 (Monday) .. 6, -1 when not a weekday */
  int count;                   /* WORD: value of a count word ("two", "a"), 0 when none */
  an_precision unit;           /* WORD: day(s) .. year(s), NONE otherwise */
} date_token;

typedef struct date_scanner {
  const char *text;
  size_t length;
  size_t position;
} date_scanner;

static bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static char lower(unsigned char c) { return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c); }

static int byte_at(const date_scanner *scanner, size_t position) {
  return position < scanner->length ? (unsigned char)scanner->text[position] : -1;
}

typedef struct name_entry {
  const char *name;
  int value;
  bool abbreviation;
} name_entry;

static const name_entry month_names[] = {
    {"january", 1, false},  {"jan", 1, true},       {"february", 2, false}, {"feb", 2, true},
    {"march", 3, false},    {"mar", 3, true},       {"april", 4, false},    {"apr", 4, true},
    {"may", 5, false},      {"june", 6, false},     {"jun", 6, true},       {"july", 7, false},
    {"jul", 7, true},       {"august", 8, false},   {"aug", 8, true},       {"september", 9, false},
    {"sept", 9, true},      {"sep", 9, true},       {"october", 10, false}, {"oct", 10, true},
    {"november", 11, false}, {"nov", 11, true},     {"december", 12, false}, {"dec", 12, true},
    {NULL, 0, false}};

static const name_entry weekday_names[] = {
    {"monday", 0, false}, {"tuesday", 1, false},  {"wednesday", 2, false}, {"thursday", 3, false},
    {"friday", 4, false}, {"saturday", 5, false}, {"sunday", 6, false},    {NULL, 0, false}};

static const name_entry count_words[] = {
    {"a", 1, false},     {"an", 1, false},     {"one", 1, false},   {"two", 2, false},
    {"three", 3, false}, {"four", 4, false},   {"five", 5, false},  {"six", 6, false},
    {"seven", 7, false}, {"eight", 8, false},  {"nine", 9, false},  {"ten", 10, false},
    {"eleven", 11, false}, {"twelve", 12, false}, {NULL, 0, false}};

/* Equal strings; the first byte is compared inline since most words differ there. */
static bool same_word(const char *left, const char *right) {
  return left[0] == right[0] && strcmp(left, right) == 0;
}

static const name_entry *find_name(const name_entry *table, const char *word) {
  for (; table->name; table++)
    if (same_word(table->name, word)) return table;
  return NULL;
}

static bool in_list(const char *const *list, const char *word) {
  for (; *list; list++)
    if (same_word(*list, word)) return true;
  return false;
}

/* Looks the word up once, so matchers compare numbers, not strings. */
static void classify_word(date_token *token) {
  static const char *const days[] = {"day", "days", NULL};
  static const char *const weeks[] = {"week", "weeks", NULL};
  static const char *const months[] = {"month", "months", NULL};
  static const char *const years[] = {"year", "years", NULL};
  token->weekday = -1;
  if (token->word[0] == '\0' || strlen(token->word) > 9) return; /* "september", "wednesday" */
  const name_entry *entry = find_name(month_names, token->word);
  if (entry) {
    token->month = entry->value;
    token->abbreviation = entry->abbreviation;
  }
  entry = find_name(weekday_names, token->word);
  if (entry) token->weekday = entry->value;
  entry = find_name(count_words, token->word);
  if (entry) token->count = entry->value;
  if (in_list(days, token->word)) token->unit = AN_PRECISION_DAY;
  else if (in_list(weeks, token->word)) token->unit = AN_PRECISION_WEEK;
  else if (in_list(months, token->word)) token->unit = AN_PRECISION_MONTH;
  else if (in_list(years, token->word)) token->unit = AN_PRECISION_YEAR;
}

static void scan_word(date_scanner *scanner, date_token *token) {
  size_t start = scanner->position, count = 0;
  while (scanner->position < scanner->length &&
         is_letter((unsigned char)scanner->text[scanner->position])) {
    if (count < AN_DATE_WORD_MAX - 1) token->word[count] = lower((unsigned char)scanner->text[scanner->position]);
    count++;
    scanner->position++;
  }
  if (count >= AN_DATE_WORD_MAX) token->word[0] = '\0';
  token->kind = TOKEN_WORD;
  token->capitalised = scanner->text[start] >= 'A' && scanner->text[start] <= 'Z';
  classify_word(token);
  if (token->abbreviation && byte_at(scanner, scanner->position) == '.') {
    scanner->position++;
    token->dotted = true;
  }
}

/* ISO date "YYYY-MM-DD" right after four digits at start; fills the token. */
static bool scan_iso_tail(date_scanner *scanner, size_t start, date_token *token) {
  size_t at = start + 4;
  if (at + 6 > scanner->length || scanner->text[at] != '-' || scanner->text[at + 3] != '-') return false;
  int month = parse_digits(scanner->text + at + 1, 2), day = parse_digits(scanner->text + at + 4, 2);
  if (month < 0 || day < 0) return false;
  if (byte_at(scanner, at + 6) >= 0 && is_digit((unsigned char)byte_at(scanner, at + 6))) return false;
  if (!an_date_valid(token->value, month, day)) return false;
  token->kind = TOKEN_ISO;
  token->year = token->value;
  token->month = month;
  token->day = day;
  scanner->position = at + 6;
  return true;
}

static void scan_ordinal_suffix(date_scanner *scanner, date_token *token) {
  static const char *const suffixes[] = {"st", "nd", "rd", "th", NULL};
  size_t at = scanner->position;
  if (at + 2 > scanner->length) return;
  char suffix[3] = {lower((unsigned char)scanner->text[at]), lower((unsigned char)scanner->text[at + 1]), 0};
  int after = byte_at(scanner, at + 2);
  if (!in_list(suffixes, suffix) || (after >= 0 && is_letter((unsigned char)after))) return;
  token->ordinal = true;
  scanner->position = at + 2;
}

/* Whether the bytes around a number glue it to something that is not a date. */
static void mark_attachment(const date_scanner *scanner, size_t start, date_token *token) {
  if (start > 0) {
    unsigned char before = (unsigned char)scanner->text[start - 1];
    if (before == '-') token->hyphen_before = true;
    else if (is_letter(before) || is_digit(before) || strchr("$.,/:#@_+", before)) token->attached = true;
  }
  int after = byte_at(scanner, scanner->position);
  int next = byte_at(scanner, scanner->position + 1);
  if (after < 0) return;
  if (is_letter((unsigned char)after) || is_digit((unsigned char)after) || strchr("%-/:_", after))
    token->attached = true;
  if ((after == '.' || after == ',') && next >= 0 && is_digit((unsigned char)next))
    token->attached = true;
}

static void scan_number(date_scanner *scanner, date_token *token) {
  size_t start = scanner->position;
  token->kind = TOKEN_NUMBER;
  while (byte_at(scanner, scanner->position) >= 0 &&
         is_digit((unsigned char)scanner->text[scanner->position])) {
    if (token->digits < 4) token->value = token->value * 10 + (scanner->text[scanner->position] - '0');
    token->digits++;
    scanner->position++;
  }
  if (token->digits > 4) token->value = -1;
  bool glued = start > 0 && (is_letter((unsigned char)scanner->text[start - 1]) ||
                             is_digit((unsigned char)scanner->text[start - 1]));
  if (token->digits == 4 && !glued && scan_iso_tail(scanner, start, token)) return;
  scan_ordinal_suffix(scanner, token);
  mark_attachment(scanner, start, token);
}

/* One punctuation mark: an ASCII byte or one UTF-8 character (at most 4 bytes). */
static void scan_punct(date_scanner *scanner, date_token *token) {
  unsigned char first = (unsigned char)scanner->text[scanner->position++];
  token->kind = TOKEN_PUNCT;
  if (first < 0x80) {
    token->punct = (char)first;
    return;
  }
  for (int extra = 0; extra < 3; extra++) {
    int next = byte_at(scanner, scanner->position);
    if (next < 0x80 || next > 0xBF) break;
    scanner->position++;
  }
}

/* Reads the next token into *token.  Returns false at the end of the text. */
static bool scan_token(date_scanner *scanner, date_token *token) {
  memset(token, 0, sizeof *token);
  while (scanner->position < scanner->length &&
         ((unsigned char)scanner->text[scanner->position] <= ' ' ||
          scanner->text[scanner->position] == 0x7f))
    scanner->position++;
  if (scanner->position >= scanner->length) return false;
  token->offset = scanner->position;
  unsigned char first = (unsigned char)scanner->text[scanner->position];
  if (is_letter(first)) scan_word(scanner, token);
  else if (is_digit(first)) scan_number(scanner, token);
  else scan_punct(scanner, token);
  token->length = scanner->position - token->offset;
  return true;
}

/* ---- token window ---------------------------------------------------------- */

/* tokens[AN_DATE_BEHIND] is the current token; those before and after it are
 * its neighbours (kind TOKEN_NONE outside the text). */
typedef struct date_window {
  date_scanner scanner;
  date_token tokens[AN_DATE_WINDOW];
} date_window;

static void window_fill(date_window *window, size_t index) {
  if (!scan_token(&window->scanner, &window->tokens[index]))
    memset(&window->tokens[index], 0, sizeof window->tokens[index]);
}

static void window_init(date_window *window, const char *text, size_t length) {
  memset(window, 0, sizeof *window);
  window->scanner.text = text;
  window->scanner.length = length;
  for (size_t i = AN_DATE_BEHIND; i < AN_DATE_WINDOW; i++) window_fill(window, i);
}

static void window_advance(date_window *window) {
  memmove(&window->tokens[0], &window->tokens[1], (AN_DATE_WINDOW - 1) * sizeof window->tokens[0]);
  window_fill(window, AN_DATE_WINDOW - 1);
}

/* ---- token predicates -------------------------------------------------------- */

static bool is_word(const date_token *token, const char *word) {
  return token->kind == TOKEN_WORD && same_word(token->word, word);
}

static bool is_word_in(const date_token *token, const char *const *list) {
  return token->kind == TOKEN_WORD && token->word[0] && in_list(list, token->word);
}

static bool is_punct(const date_token *token, char punct) {
  return token->kind == TOKEN_PUNCT && token->punct == punct;
}

static bool is_free_number(const date_token *token) {
  return token->kind == TOKEN_NUMBER && !token->attached && !token->hyphen_before &&
         token->value >= 0;
}

static size_t token_end(const date_token *token) { return token->offset + token->length; }

/* Day of month 1..31 written "27" or "27th"; 0 otherwise. */
static int token_day(const date_token *token) {
  if (!is_free_number(token) || token->digits > 2) return 0;
  return token->value >= 1 && token->value <= 31 ? token->value : 0;
}

/* A four-digit year in range, or 0.  "mid-2022" passes (hyphen after "mid"). */
static int token_year(const date_token *token) {
  if (token->kind != TOKEN_NUMBER || token->attached || token->ordinal || token->digits != 4) return 0;
  if (token->hyphen_before && !(is_punct(token - 1, '-') && is_word(token - 2, "mid"))) return 0;
  return token->value >= AN_DATE_YEAR_MIN && token->value <= AN_DATE_YEAR_MAX ? token->value : 0;
}

/* Month 1..12 of a capitalised month name, or 0.  An abbreviation without
 * its period counts only before a number ("Nov 27"). */
static int token_month(const date_token *token) {
  if (token->kind != TOKEN_WORD || !token->capitalised || token->month == 0) return 0;
  if (token->abbreviation && !token->dotted && !is_free_number(token + 1)) return 0;
  return token->month;
}

/* Weekday 0 (Monday) .. 6, or -1. */
static int token_weekday(const date_token *token) {
  return token->kind == TOKEN_WORD ? token->weekday : -1;
}

/* The count of "two days ago", "in 3 weeks", "a year ago"; -1 when none. */
static int token_count(const date_token *token) {
  if (token->kind == TOKEN_WORD) return token->count > 0 ? token->count : -1;
  if (!is_free_number(token) || token->ordinal) return -1;
  return token->value >= 1 && token->value <= AN_DATE_MAX_COUNT ? token->value : -1;
}

/* The unit of a count, as the precision it dates to; NONE when not a unit. */
static an_precision token_unit(const date_token *token) {
  return token->kind == TOKEN_WORD ? token->unit : AN_PRECISION_NONE;
}

/* ---- expressions ------------------------------------------------------------------ */

typedef enum expression_kind {
  EXPRESSION_ABSOLUTE,     /* year known; month and day 0 when absent */
  EXPRESSION_MONTH_DAY,    /* "November 27": year from publication and tense */
  EXPRESSION_MONTH,        /* "in October": year from publication and tense */
  EXPRESSION_DAY_OF_MONTH, /* "on the 27th": month from publication and tense */
  EXPRESSION_WEEKDAY,      /* "on Wednesday", "last Monday" */
  EXPRESSION_OFFSET        /* count units from publication: "last week", "two days ago" */
} expression_kind;

typedef enum direction {
  DIRECTION_PLAIN = 0, /* by tense */
  DIRECTION_LAST,      /* strictly before publication */
  DIRECTION_NEXT,      /* strictly after publication */
  DIRECTION_THIS,      /* weekday: by tense, future when unknown; month: publication year */
  DIRECTION_WEEK       /* weekday: in the week count weeks from publication ("Monday last week") */
} direction;

typedef struct date_expression {
  expression_kind kind;
  size_t start, end;  /* bytes of the expression in the text */
  int year, month, day;
  int weekday;        /* WEEKDAY: 0 = Monday */
  an_precision unit;  /* OFFSET: DAY, WEEK, MONTH or YEAR */
  int count;          /* OFFSET: signed count of units */
  direction direction;
  an_tense cue;       /* tense the words imply ("as early as"), used when the caller's is unknown */
} date_expression;

static const char *const times_of_day[] = {"morning", "afternoon", "evening", "night", NULL};

static void expression_start(date_expression *expression, expression_kind kind, const date_token *first,
                             const date_token *last) {
  memset(expression, 0, sizeof *expression);
  expression->kind = kind;
  expression->start = first->offset;
  expression->end = token_end(last);
}

static bool set_offset(date_expression *expression, const date_token *first, const date_token *last,
                       an_precision unit, int count) {
  expression_start(expression, EXPRESSION_OFFSET, first, last);
  expression->unit = unit;
  expression->count = count;
  return true;
}

/* Words before the expression that say it lies ahead: "as early as", "until". */
static an_tense tense_cue(const date_token *anchor) {
  static const char *const future_words[] = {"until", "till", "starting", "beginning", NULL};
  if (is_word_in(anchor - 1, future_words)) return AN_TENSE_FUTURE;
  if (is_word(anchor - 3, "as") && (is_word(anchor - 2, "early") || is_word(anchor - 2, "soon")) &&
      is_word(anchor - 1, "as"))
    return AN_TENSE_FUTURE;
  if (is_word(anchor - 3, "no") && is_word(anchor - 2, "later") && is_word(anchor - 1, "than"))
    return AN_TENSE_FUTURE;
  return AN_TENSE_UNKNOWN;
}

/* A weekday token (optionally followed by "night", "morning" ...). */
static bool weekday_expression(const date_token *first, const date_token *weekday, direction which,
                               date_expression *expression) {
  int day = token_weekday(weekday);
  if (day < 0) return false;
  const date_token *last = is_word_in(weekday + 1, times_of_day) ? weekday + 1 : weekday;
  int week = 0;
  if (token_unit(last + 2) == AN_PRECISION_WEEK && (is_word(last + 1, "last") || is_word(last + 1, "next"))) {
    week = is_word(last + 1, "last") ? -1 : 1;
    last += 2;
  }
  expression_start(expression, EXPRESSION_WEEKDAY, first, last);
  expression->weekday = day;
  expression->direction = week ? DIRECTION_WEEK : which;
  expression->count = week;
  return true;
}

/* Month name at token (with its day and year when present).  context says
 * whether the words before already make it a date. */
static bool month_expression(const date_token *first, const date_token *month_token, bool context,
                             direction which, date_expression *expression) {
  int month = token_month(month_token);
  if (month == 0) return false;
  int day = token_day(month_token + 1);
  if (day > 0 && day <= an_date_days_in_month(2024, month)) { /* 2024: Feb 29 may exist */
    const date_token *after = month_token + 2;
    if (is_punct(after, ',') && token_year(after + 1)) after++;
    int year = token_year(after);
    if (year && !an_date_valid(year, month, day)) return false;
    expression_start(expression, year ? EXPRESSION_ABSOLUTE : EXPRESSION_MONTH_DAY, first,
                     year ? after : month_token + 1);
    expression->year = year;
    expression->month = month;
    expression->day = day;
    return true;
  }
  int year = token_year(month_token + 1);
  if (!year && !context) return false;
  expression_start(expression, year ? EXPRESSION_ABSOLUTE : EXPRESSION_MONTH, first,
                   year ? month_token + 1 : month_token);
  expression->year = year;
  expression->month = month;
  expression->direction = which;
  return true;
}

/* "an October interview", "the May elections" — not "the March on Washington". */
static bool month_used_as_adjective(const date_token *month_token) {
  static const char *const articles[] = {"a", "an", "the", NULL};
  static const char *const function_words[] = {
      "on", "in", "of", "to", "for", "and", "or", "with", "at", "by", "from", "the", "a", "an",
      "is", "was", "were", "are", "will", "would", "has", "had", "have", "s", "that", "which",
      "against", "through", "into", "toward", "towards", "as", "but", "be", NULL};
  const date_token *next = month_token + 1;
  return is_word_in(month_token - 1, articles) && next->kind == TOKEN_WORD && !next->capitalised &&
         next->word[0] && !in_list(function_words, next->word);
}

static bool match_month(const date_token *anchor, date_expression *expression) {
  static const char *const context_words[] = {"in", "of", "since", "until", "till", "by", "during",
                                              "from", "through", "throughout", "last", "next",
                                              "this", "early", "mid", "late", NULL};
  bool context = is_word_in(anchor - 1, context_words) || month_used_as_adjective(anchor);
  return month_expression(anchor, anchor, context, DIRECTION_PLAIN, expression);
}

/* "early October", "mid-October 2023", "late 2022". */
static bool match_part_of_period(const date_token *anchor, date_expression *expression) {
  static const char *const parts[] = {"early", "mid", "late", NULL};
  if (!is_word_in(anchor, parts)) return false;
  const date_token *next = is_punct(anchor + 1, '-') ? anchor + 2 : anchor + 1;
  if (month_expression(anchor, next, true, DIRECTION_PLAIN, expression)) return true;
  int year = token_year(next);
  if (!year) return false;
  expression_start(expression, EXPRESSION_ABSOLUTE, anchor, next);
  expression->year = year;
  return true;
}

/* "27 November 2024", "27th of November", "5 Nov." */
static bool match_day_month(const date_token *anchor, date_expression *expression) {
  int day = token_day(anchor);
  if (day == 0) return false;
  const date_token *month_token = is_word(anchor + 1, "of") ? anchor + 2 : anchor + 1;
  int month = token_month(month_token);
  if (month == 0 || day > an_date_days_in_month(2024, month)) return false;
  int year = token_year(month_token + 1);
  if (year && !an_date_valid(year, month, day)) return false;
  expression_start(expression, year ? EXPRESSION_ABSOLUTE : EXPRESSION_MONTH_DAY, anchor,
                   year ? month_token + 1 : month_token);
  expression->year = year;
  expression->month = month;
  expression->day = day;
  return true;
}

/* "on the 27th" (not "the 27th of November": that is match_day_month's). */
static bool match_the_ordinal(const date_token *anchor, date_expression *expression) {
  if (!is_word(anchor - 1, "on") || !is_word(anchor, "the")) return false;
  const date_token *number = anchor + 1;
  if (!number->ordinal || token_day(number) == 0) return false;
  if (token_month(number + 1) || (is_word(number + 1, "of") && token_month(number + 2))) return false;
  expression_start(expression, EXPRESSION_DAY_OF_MONTH, anchor, number);
  expression->day = number->value;
  return true;
}

/* "in 2022", "since 2019", "of 2023". */
static bool match_year(const date_token *anchor, date_expression *expression) {
  static const char *const context_words[] = {"in", "of", "since", "until", "till", "by", "during",
                                              "from", "through", "throughout", NULL};
  int year = token_year(anchor);
  if (!year || !is_word_in(anchor - 1, context_words)) return false;
  expression_start(expression, EXPRESSION_ABSOLUTE, anchor, anchor);
  expression->year = year;
  return true;
}

static bool match_iso(const date_token *anchor, date_expression *expression) {
  if (anchor->kind != TOKEN_ISO) return false;
  expression_start(expression, EXPRESSION_ABSOLUTE, anchor, anchor);
  expression->year = anchor->year;
  expression->month = anchor->month;
  expression->day = anchor->day;
  return true;
}

/* today, tonight, yesterday, tomorrow ("USA Today" is not a date). */
static bool match_day_word(const date_token *anchor, date_expression *expression) {
  if (is_word(anchor, "today") || is_word(anchor, "tonight")) {
    const date_token *before = anchor - 1;
    if (anchor->capitalised && before->kind == TOKEN_WORD && before->capitalised) return false;
    return set_offset(expression, anchor, anchor, AN_PRECISION_DAY, 0);
  }
  if (is_word(anchor, "yesterday")) return set_offset(expression, anchor, anchor, AN_PRECISION_DAY, -1);
  if (is_word(anchor, "tomorrow")) return set_offset(expression, anchor, anchor, AN_PRECISION_DAY, 1);
  return false;
}

/* "the day before yesterday", "the day after tomorrow", "the day before",
 * "the previous day" (the last two read against publication). */
static bool match_the_day(const date_token *anchor, date_expression *expression) {
  if (!is_word(anchor, "the")) return false;
  if (is_word(anchor + 1, "previous") && is_word(anchor + 2, "day"))
    return set_offset(expression, anchor, anchor + 2, AN_PRECISION_DAY, -1);
  if (!is_word(anchor + 1, "day")) return false;
  if (is_word(anchor + 2, "before") && is_word(anchor + 3, "yesterday"))
    return set_offset(expression, anchor, anchor + 3, AN_PRECISION_DAY, -2);
  if (is_word(anchor + 2, "after") && is_word(anchor + 3, "tomorrow"))
    return set_offset(expression, anchor, anchor + 3, AN_PRECISION_DAY, 2);
  if (is_word(anchor + 2, "before") && anchor[3].kind != TOKEN_NUMBER && !token_month(anchor + 3))
    return set_offset(expression, anchor, anchor + 2, AN_PRECISION_DAY, -1);
  return false;
}

/* After "this"/"last"/"next" (at word): week, month, year, a weekday, a month. */
static bool match_after_modifier(const date_token *first, const date_token *word, int count,
                                 direction which, date_expression *expression) {
  an_precision unit = token_unit(word);
  if (unit == AN_PRECISION_DAY) return false; /* "this day", "next day": not from publication */
  if (unit != AN_PRECISION_NONE) return set_offset(expression, first, word, unit, count);
  if (weekday_expression(first, word, which, expression)) return true;
  return month_expression(first, word, true, which, expression);
}

/* "this morning", "this week", "this Thursday", "this past Friday", "this coming Monday". */
static bool match_this(const date_token *first, const date_token *anchor, date_expression *expression) {
  static const char *const parts_of_day[] = {"morning", "afternoon", "evening", NULL};
  if (!is_word(anchor, "this")) return false;
  const date_token *next = anchor + 1;
  if (is_word_in(next, parts_of_day)) return set_offset(expression, first, next, AN_PRECISION_DAY, 0);
  if (is_word(next, "past")) return weekday_expression(first, next + 1, DIRECTION_LAST, expression);
  if (is_word(next, "coming")) return weekday_expression(first, next + 1, DIRECTION_NEXT, expression);
  return match_after_modifier(first, next, 0, DIRECTION_THIS, expression);
}

/* "last night", "last week", "next Tuesday", "last October", "earlier this month". */
static bool match_modifier(const date_token *anchor, date_expression *expression) {
  static const char *const nights[] = {"night", "evening", NULL};
  if (is_word(anchor, "earlier") || is_word(anchor, "later")) {
    if (is_word(anchor + 1, "today")) return set_offset(expression, anchor, anchor + 1, AN_PRECISION_DAY, 0);
    return match_this(anchor, anchor + 1, expression);
  }
  if (is_word(anchor, "this")) return match_this(anchor, anchor, expression);
  if (is_word(anchor, "last")) {
    if (is_word_in(anchor + 1, nights)) return set_offset(expression, anchor, anchor + 1, AN_PRECISION_DAY, -1);
    return match_after_modifier(anchor, anchor + 1, -1, DIRECTION_LAST, expression);
  }
  if (is_word(anchor, "next")) return match_after_modifier(anchor, anchor + 1, 1, DIRECTION_NEXT, expression);
  return false;
}

/* "two days ago", "a year ago", "3 weeks from now". */
static bool match_ago(const date_token *anchor, date_expression *expression) {
  int count = token_count(anchor);
  an_precision unit = token_unit(anchor + 1);
  if (count < 0 || unit == AN_PRECISION_NONE) return false;
  if (is_word(anchor + 2, "ago")) return set_offset(expression, anchor, anchor + 2, unit, -count);
  if (is_word(anchor + 2, "from") && is_word(anchor + 3, "now"))
    return set_offset(expression, anchor, anchor + 3, unit, count);
  return false;
}

/* "in two days", "in a week", "in 3 months". */
static bool match_in_count(const date_token *anchor, date_expression *expression) {
  if (!is_word(anchor, "in")) return false;
  int count = token_count(anchor + 1);
  an_precision unit = token_unit(anchor + 2);
  if (count < 0 || unit == AN_PRECISION_NONE || is_word(anchor + 3, "of")) return false; /* "in a week of talks" */
  return set_offset(expression, anchor, anchor + 2, unit, count);
}

static bool match_weekday(const date_token *anchor, date_expression *expression) {
  return weekday_expression(anchor, anchor, DIRECTION_PLAIN, expression);
}

typedef bool (*matcher)(const date_token *anchor, date_expression *expression);

/* Tries every matcher at anchor, longest forms first. */
static bool match_expression(const date_token *anchor, date_expression *expression) {
  static const matcher matchers[] = {match_iso,       match_day_word,       match_the_day,
                                     match_modifier,  match_ago,            match_in_count,
                                     match_weekday,   match_part_of_period, match_day_month,
                                     match_month,     match_the_ordinal,    match_year};
  for (size_t i = 0; i < sizeof matchers / sizeof matchers[0]; i++) {
    if (matchers[i](anchor, expression)) {
      expression->cue = tense_cue(anchor);
      return true;
    }
  }
  return false;
}

/* ---- resolution --------------------------------------------------------------------- */

typedef struct civil_date {
  int year, month, day;
} civil_date;

static bool add_days(civil_date *date, long days) {
  return an_date_add_days(&date->year, &date->month, &date->day, days);
}

static bool resolve_weekday(const date_expression *expression, civil_date published, an_tense tense,
                            civil_date *result) {
  int published_weekday = an_date_weekday(published.year, published.month, published.day);
  int back = (published_weekday - expression->weekday + 7) % 7;   /* to the last one on or before */
  int forward = (expression->weekday - published_weekday + 7) % 7; /* to the next one on or after */
  long days;
  switch (expression->direction) {
  case DIRECTION_LAST: days = -(back == 0 ? 7 : back); break;
  case DIRECTION_NEXT: days = forward == 0 ? 7 : forward; break;
  case DIRECTION_THIS: days = tense == AN_TENSE_PAST ? -back : forward; break;
  case DIRECTION_WEEK: days = 7L * expression->count - published_weekday + expression->weekday; break;
  default: days = tense == AN_TENSE_FUTURE ? forward : -back; break;
  }
  *result = published;
  return add_days(result, days);
}

/* Month index (year * 12 + month - 1) of a month name, by direction and tense. */
static long resolve_month_index(const date_expression *expression, civil_date published, an_tense tense) {
  long published_index = (long)published.year * 12 + published.month - 1;
  long index = (long)published.year * 12 + expression->month - 1;
  switch (expression->direction) {
  case DIRECTION_THIS: return index;
  case DIRECTION_LAST: return index >= published_index ? index - 12 : index;
  case DIRECTION_NEXT: return index <= published_index ? index + 12 : index;
  default:
    if (tense == AN_TENSE_FUTURE) return index < published_index ? index + 12 : index;
    return index > published_index ? index - 12 : index;
  }
}

/* The year of "November 27": not after publication when past, not before
 * when future, and the nearest when the tense is unknown. */
static bool resolve_month_day(const date_expression *expression, civil_date published, an_tense tense,
                              civil_date *result) {
  long target = date_to_ordinal(published.year, published.month, published.day);
  bool found = false;
  long best_distance = 0;
  for (int year = published.year - 1; year <= published.year + 1; year++) {
    if (!an_date_valid(year, expression->month, expression->day)) continue;
    long distance = date_to_ordinal(year, expression->month, expression->day) - target;
    if ((tense == AN_TENSE_PAST && distance > 0) || (tense == AN_TENSE_FUTURE && distance < 0)) continue;
    long magnitude = distance < 0 ? -distance : distance;
    if (found && magnitude >= best_distance) continue;
    found = true;
    best_distance = magnitude;
    *result = (civil_date){year, expression->month, expression->day};
  }
  return found;
}

/* "on the 27th": this month or the one before (past) / after (future). */
static bool resolve_day_of_month(const date_expression *expression, civil_date published, an_tense tense,
                                 civil_date *result) {
  int step = tense == AN_TENSE_FUTURE ? 1 : -1;
  bool later = expression->day > published.day, earlier = expression->day < published.day;
  long index = (long)published.year * 12 + published.month - 1;
  if ((step < 0 && later) || (step > 0 && earlier)) index += step;
  for (int tries = 0; tries < 12; tries++, index += step) {
    civil_date candidate = {(int)(index / 12), (int)(index % 12) + 1, expression->day};
    if (an_date_valid(candidate.year, candidate.month, candidate.day)) {
      *result = candidate;
      return true;
    }
  }
  return false;
}

static bool resolve_offset(const date_expression *expression, civil_date published, civil_date *result) {
  *result = published;
  long index;
  switch (expression->unit) {
  case AN_PRECISION_DAY: return add_days(result, expression->count);
  case AN_PRECISION_WEEK:
    if (!add_days(result, 7L * expression->count)) return false;
    return add_days(result, -an_date_weekday(result->year, result->month, result->day));
  case AN_PRECISION_MONTH:
    index = (long)published.year * 12 + published.month - 1 + expression->count;
    *result = (civil_date){(int)(index / 12), (int)(index % 12) + 1, 1};
    return true;
  default:
    result->year += expression->count;
    return true;
  }
}

static an_precision intrinsic_precision(const date_expression *expression) {
  switch (expression->kind) {
  case EXPRESSION_ABSOLUTE:
    return expression->day ? AN_PRECISION_DAY : expression->month ? AN_PRECISION_MONTH : AN_PRECISION_YEAR;
  case EXPRESSION_MONTH: return AN_PRECISION_MONTH;
  case EXPRESSION_OFFSET: return expression->unit;
  default: return AN_PRECISION_DAY;
  }
}

/* Resolves an expression that needs the publication date. */
static bool resolve_relative(const date_expression *expression, civil_date published, an_tense tense,
                             civil_date *result) {
  long index;
  switch (expression->kind) {
  case EXPRESSION_WEEKDAY: return resolve_weekday(expression, published, tense, result);
  case EXPRESSION_MONTH_DAY: return resolve_month_day(expression, published, tense, result);
  case EXPRESSION_DAY_OF_MONTH: return resolve_day_of_month(expression, published, tense, result);
  case EXPRESSION_MONTH:
    index = resolve_month_index(expression, published, tense);
    *result = (civil_date){(int)(index / 12), (int)(index % 12) + 1, 1};
    return true;
  default: return resolve_offset(expression, published, result);
  }
}

static void format_date(civil_date date, an_precision precision, an_date_mention *out) {
  if (date.year < YEAR_FIRST || date.year > YEAR_LAST) return;
  if (precision == AN_PRECISION_YEAR) snprintf(out->date, sizeof out->date, "%04d", date.year);
  else if (precision == AN_PRECISION_MONTH)
    snprintf(out->date, sizeof out->date, "%04d-%02d", date.year, date.month);
  else snprintf(out->date, sizeof out->date, "%04d-%02d-%02d", date.year, date.month, date.day);
  out->precision = precision;
}

static void resolve(const date_expression *expression, const civil_date *published, an_tense tense,
                    an_date_mention *out) {
  memset(out, 0, sizeof *out);
  out->span.offset = expression->start;
  out->span.length = expression->end - expression->start;
  an_tense effective = tense != AN_TENSE_UNKNOWN ? tense : expression->cue;
  if (expression->kind == EXPRESSION_WEEKDAY && expression->direction == DIRECTION_THIS &&
      effective == AN_TENSE_UNKNOWN)
    effective = AN_TENSE_FUTURE; /* "this Thursday" mostly looks ahead */
  civil_date result = {expression->year, expression->month, expression->day};
  if (expression->kind != EXPRESSION_ABSOLUTE &&
      (!published || !resolve_relative(expression, *published, effective, &result)))
    return;
  format_date(result, intrinsic_precision(expression), out);
}

/* Higher is better: resolved day 4 .. resolved year 1, unresolved 0. */
static int mention_rank(const an_date_mention *mention) {
  return mention->precision == AN_PRECISION_NONE ? 0 : 5 - (int)mention->precision;
}

bool an_date_find(const char *text, size_t length, const char *published, an_tense tense,
                  an_date_mention *out) {
  if (!out) return false;
  memset(out, 0, sizeof *out);
  if (!text || length == 0) return false;
  civil_date publication;
  bool has_publication = an_date_parse(published, &publication.year, &publication.month, &publication.day);
  date_window window;
  window_init(&window, text, length);
  int best_rank = -1;
  size_t skip_until = 0;
  for (; window.tokens[AN_DATE_BEHIND].kind != TOKEN_NONE; window_advance(&window)) {
    const date_token *anchor = &window.tokens[AN_DATE_BEHIND];
    date_expression expression;
    if (anchor->offset < skip_until || !match_expression(anchor, &expression)) continue;
    skip_until = expression.end;
    an_date_mention mention;
    resolve(&expression, has_publication ? &publication : NULL, tense, &mention);
    int rank = mention_rank(&mention);
    if (rank > best_rank) {
      *out = mention;
      best_rank = rank;
    }
    if (rank == 4) break; /* a resolved day: nothing beats it */
  }
  return best_rank >= 0;
}
