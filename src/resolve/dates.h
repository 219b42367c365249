/*
 * dates.h — finds the time expression that dates an event in a sentence
 * ("as early as Wednesday", "earlier this month", "an October interview",
 * "Nov. 27, 2024", "two weeks ago", "in 2022") and resolves it against the
 * publication date into "YYYY-MM-DD", "YYYY-MM" or "YYYY" with a precision.
 *
 * Internal to the library (not exported).  No allocation, no globals: every
 * function works on the caller's buffers and reads only [text, text+length).
 */
#ifndef AN_RESOLVE_DATES_H
#define AN_RESOLVE_DATES_H

#include "annals.h"
#include <stdbool.h>
#include <stddef.h>

/* Whether the event of the sentence lies before or after publication. */
typedef enum an_tense {
  AN_TENSE_UNKNOWN = 0, /* read as past, unless the words say otherwise */
  AN_TENSE_PAST,
  AN_TENSE_FUTURE      /* planned, scheduled, expected */
} an_tense;

/* One resolved time expression. */
typedef struct an_date_mention {
  an_span span;           /* the date words, offsets relative to the text passed */
  char date[11];          /* "YYYY-MM-DD" (day; week: its Monday), "YYYY-MM", "YYYY" or "" */
  an_precision precision; /* AN_PRECISION_NONE when the words could not be resolved */
} an_date_mention;

/* Largest count read in "N days ago" / "in N weeks"; larger is not a date. */
#define AN_DATE_MAX_COUNT 1000
/* Four-digit numbers read as years (with date context). */
#define AN_DATE_YEAR_MIN 1800
#define AN_DATE_YEAR_MAX 2199

/* Finds the time expression in text[0..length) that dates the event of a
 * sentence, resolved against published ("YYYY-MM-DD", optionally followed by
 * "T..." or " ..."; may be NULL or malformed: then only absolute dates
 * resolve, relative ones come back with precision NONE and date "" but still
 * report their span).  tense chooses between the previous and the next
 * "Wednesday", "December", "November 27".
 *
 * When several expressions are present, the one that resolves to the most
 * specific precision wins (day > week > month > year > unresolved), and among
 * equals the first in the text.
 *
 * Returns true and fills *out (OUT) when an expression was found; false (and
 * *out zeroed) otherwise.  text is borrowed and need not be NUL-terminated;
 * text may be NULL only when length is 0. */
bool an_date_find(const char *text, size_t length, const char *published, an_tense tense,
                  an_date_mention *out);

/* Parses "YYYY-MM-DD" at the start of text (the next byte must be NUL, 'T'
 * or a space) into *year, *month, *day (OUT).  Returns false when text is
 * NULL, malformed, or not a real calendar date; the outputs are then left
 * unchanged. */
bool an_date_parse(const char *text, int *year, int *month, int *day);

/* True when year/month/day is a real date of the Gregorian calendar in
 * years 1..9999. */
bool an_date_valid(int year, int month, int day);

/* Days in the month (28..31), or 0 when month is not 1..12. */
int an_date_days_in_month(int year, int month);

/* Day of the week of a valid date: 0 = Monday .. 6 = Sunday. */
int an_date_weekday(int year, int month, int day);

/* Adds days (may be negative) to the date in place.  Returns false, leaving
 * the date unchanged, when the input is invalid or the result leaves years
 * 1..9999. */
bool an_date_add_days(int *year, int *month, int *day, long days);

#endif /* AN_RESOLVE_DATES_H */
