/*
 * test_dates.c — unit tests of the date resolver (src/resolve/dates.c):
 * calendar helpers, table-driven time expressions resolved against a
 * publication date, non-dates that must be ignored, unknown publication
 * dates, and hostile or very long input under a time bound.
 */
#include "harness.h"
#include "resolve/dates.h"

#include <stdlib.h>
#include <time.h>

#define PUBLISHED "2024-11-26" /* a Tuesday */

typedef struct date_case {
  const char *text;
  const char *published;
  an_tense tense;
  const char *date;       /* expected date, "" for unresolved, NULL for "nothing found" */
  an_precision precision;
  const char *span;       /* expected span text, or NULL to skip the check */
} date_case;

/* Short names keep the table rows on one line. */
#define PAST AN_TENSE_PAST
#define FUTURE AN_TENSE_FUTURE
#define UNKNOWN AN_TENSE_UNKNOWN
#define DAY AN_PRECISION_DAY
#define WEEK AN_PRECISION_WEEK
#define MONTH AN_PRECISION_MONTH
#define YEAR AN_PRECISION_YEAR
#define NONE AN_PRECISION_NONE

/* Runs one case; on failure prints the sentence so the table row is easy to find. */
static void check_case(const date_case *test) {
  int failed_before = harness.current_failed;
  an_date_mention mention;
  size_t length = strlen(test->text);
  /* An exact-size heap copy without NUL, so a sanitizer sees any overread. */
  char *copy = malloc(length ? length : 1);
  if (!copy) { CHECK(copy != NULL); return; }
  memcpy(copy, test->text, length);
  bool found = an_date_find(copy, length, test->published, test->tense, &mention);
  if (!test->date) {
    CHECK(!found);
  } else {
    CHECK(found);
    CHECK_STR(mention.date, test->date);
    CHECK_INT(mention.precision, test->precision);
    if (test->span && found) {
      CHECK(mention.span.offset + mention.span.length <= length);
      char span[128] = "";
      size_t span_length = mention.span.length < sizeof span - 1 ? mention.span.length : sizeof span - 1;
      memcpy(span, test->text + mention.span.offset, span_length);
      span[span_length] = '\0';
      CHECK_STR(span, test->span);
    }
  }
  if (harness.current_failed != failed_before)
    fprintf(stderr, "    in case \"%s\" (published %s, tense %d)\n", test->text,
            test->published ? test->published : "NULL", (int)test->tense);
  free(copy);
}

static void check_table(const date_case *cases, size_t count) {
  for (size_t i = 0; i < count; i++) check_case(&cases[i]);
}

#define CHECK_TABLE(cases) check_table(cases, sizeof cases / sizeof cases[0])

static void test_calendar(void) {
  int year = 0, month = 0, day = 0;
  CHECK(an_date_parse("2024-11-26", &year, &month, &day));
  CHECK_INT(year, 2024); CHECK_INT(month, 11); CHECK_INT(day, 26);
  CHECK(an_date_parse("2024-02-29T10:00:00Z", &year, &month, &day));
  CHECK_INT(day, 29);
  CHECK(!an_date_parse("2023-02-29", &year, &month, &day));
  CHECK(!an_date_parse("2024-13-01", &year, &month, &day));
  CHECK(!an_date_parse("2024-11", &year, &month, &day));
  CHECK(!an_date_parse("2024-11-26x", &year, &month, &day));
  CHECK(!an_date_parse("", &year, &month, &day));
  CHECK(!an_date_parse(NULL, &year, &month, &day));
  CHECK_INT(an_date_weekday(2024, 11, 26), 1); /* Tuesday */
  CHECK_INT(an_date_weekday(2025, 1, 2), 3);   /* Thursday */
  CHECK_INT(an_date_weekday(2000, 1, 1), 5);   /* Saturday */
  CHECK_INT(an_date_weekday(1, 1, 1), 0);      /* Monday */
  CHECK_INT(an_date_days_in_month(2024, 2), 29);
  CHECK_INT(an_date_days_in_month(1900, 2), 28);
  CHECK_INT(an_date_days_in_month(2000, 2), 29);
  CHECK_INT(an_date_days_in_month(2023, 13), 0);
  year = 2024; month = 2; day = 28;
  CHECK(an_date_add_days(&year, &month, &day, 1));
  CHECK_INT(month, 2); CHECK_INT(day, 29);
  CHECK(an_date_add_days(&year, &month, &day, 1));
  CHECK_INT(month, 3); CHECK_INT(day, 1);
  CHECK(an_date_add_days(&year, &month, &day, -366));
  CHECK_INT(year, 2023); CHECK_INT(month, 3); CHECK_INT(day, 1);
  year = 2024; month = 12; day = 31;
  CHECK(an_date_add_days(&year, &month, &day, 1));
  CHECK_INT(year, 2025); CHECK_INT(month, 1); CHECK_INT(day, 1);
  year = 1; month = 1; day = 1;
  CHECK(!an_date_add_days(&year, &month, &day, -1));
  CHECK_INT(year, 1);
  year = 9999; month = 12; day = 31;
  CHECK(!an_date_add_days(&year, &month, &day, 1));
  /* Round trip over many days against the weekday cycle. */
  year = 1999; month = 12; day = 20;
  int weekday = an_date_weekday(year, month, day);
  for (int i = 0; i < 20000; i++) {
    CHECK(an_date_add_days(&year, &month, &day, 1));
    weekday = (weekday + 1) % 7;
    if (an_date_weekday(year, month, day) != weekday || !an_date_valid(year, month, day)) {
      CHECK(0);
      break;
    }
  }
}

static void test_weekdays(void) {
  static const date_case cases[] = {
      {"Talks could begin as early as Wednesday.", PUBLISHED, FUTURE, "2024-11-27", DAY, "Wednesday"},
      {"Talks could begin as early as Wednesday.", PUBLISHED, UNKNOWN, "2024-11-27", DAY, "Wednesday"},
      {"The minister met him on Monday.", PUBLISHED, PAST, "2024-11-25", DAY, "Monday"},
      {"The vote was held on Tuesday.", PUBLISHED, PAST, "2024-11-26", DAY, "Tuesday"},
      {"The vote will be held on Tuesday.", PUBLISHED, FUTURE, "2024-11-26", DAY, "Tuesday"},
      {"Troops must leave by Friday.", PUBLISHED, FUTURE, "2024-11-29", DAY, "Friday"},
      {"Troops had left by Friday.", PUBLISHED, PAST, "2024-11-22", DAY, "Friday"},
      {"Rebels attacked the town last Monday.", PUBLISHED, UNKNOWN, "2024-11-25", DAY, "last Monday"},
      {"It happened last Tuesday.", PUBLISHED, UNKNOWN, "2024-11-19", DAY, "last Tuesday"},
      {"They meet next Tuesday.", PUBLISHED, UNKNOWN, "2024-12-03", DAY, "next Tuesday"},
      {"They meet next Wednesday.", PUBLISHED, FUTURE, "2024-11-27", DAY, "next Wednesday"},
      {"Leaders gather this Thursday.", PUBLISHED, UNKNOWN, "2024-11-28", DAY, "this Thursday"},
      {"Leaders gathered this Thursday.", PUBLISHED, PAST, "2024-11-21", DAY, "this Thursday"},
      {"Wednesday, the army shelled the city.", PUBLISHED, PAST, "2024-11-20", DAY, "Wednesday"},
      {"Explosions were heard on Tuesday night.", PUBLISHED, PAST, "2024-11-26", DAY, "Tuesday night"},
      {"Protesters marched on SUNDAY MORNING.", PUBLISHED, PAST, "2024-11-24", DAY, "SUNDAY MORNING"},
      {"He resigned this past Friday.", PUBLISHED, UNKNOWN, "2024-11-22", DAY, "this past Friday"},
      {"He resigns this coming Friday.", PUBLISHED, UNKNOWN, "2024-11-29", DAY, "this coming Friday"},
      {"Sanctions take effect starting Monday.", PUBLISHED, UNKNOWN, "2024-12-02", DAY, "Monday"},
      {"Tuesday's vote was delayed.", PUBLISHED, PAST, "2024-11-26", DAY, "Tuesday"},
      {"They met on Monday last week.", PUBLISHED, PAST, "2024-11-18", DAY, "Monday last week"},
      {"They meet on Friday next week.", PUBLISHED, FUTURE, "2024-12-06", DAY, "Friday next week"},
      {"They met on Sunday night last week.", PUBLISHED, PAST, "2024-11-24", DAY,
       "Sunday night last week"},
  };
  CHECK_TABLE(cases);
}

static void test_relative_days(void) {
  static const date_case cases[] = {
      {"The ministry said today that it would act.", PUBLISHED, UNKNOWN, "2024-11-26", DAY, "today"},
      {"Police arrested him yesterday.", PUBLISHED, PAST, "2024-11-25", DAY, "yesterday"},
      {"YESTERDAY police arrested him.", PUBLISHED, PAST, "2024-11-25", DAY, "YESTERDAY"},
      {"The envoy arrives tomorrow.", PUBLISHED, FUTURE, "2024-11-27", DAY, "tomorrow"},
      {"Leaders will speak tonight.", PUBLISHED, FUTURE, "2024-11-26", DAY, "tonight"},
      {"Shelling resumed this morning.", PUBLISHED, PAST, "2024-11-26", DAY, "this morning"},
      {"He spoke this evening.", PUBLISHED, PAST, "2024-11-26", DAY, "this evening"},
      {"Missiles struck Kyiv last night.", PUBLISHED, PAST, "2024-11-25", DAY, "last night"},
      {"Rebels had seized the town the day before.", PUBLISHED, PAST, "2024-11-25", DAY, "the day before"},
      {"It began the day before yesterday.", PUBLISHED, PAST, "2024-11-24", DAY,
       "the day before yesterday"},
      {"It ends the day after tomorrow.", PUBLISHED, FUTURE, "2024-11-28", DAY,
       "the day after tomorrow"},
      {"He said earlier today that talks failed.", PUBLISHED, PAST, "2024-11-26", DAY, "earlier today"},
  };
  CHECK_TABLE(cases);
}

static void test_weeks_months_years(void) {
  static const date_case cases[] = {
      {"Fighting intensified this week.", PUBLISHED, PAST, "2024-11-25", WEEK, "this week"},
      {"Fighting intensified last week.", PUBLISHED, PAST, "2024-11-18", WEEK, "last week"},
      {"Talks resume next week.", PUBLISHED, FUTURE, "2024-12-02", WEEK, "next week"},
      {"He said earlier this week that he would go.", PUBLISHED, PAST, "2024-11-25", WEEK,
       "earlier this week"},
      {"Prices rose this month.", PUBLISHED, PAST, "2024-11", MONTH, "this month"},
      {"Troops withdrew earlier this month.", PUBLISHED, PAST, "2024-11", MONTH, "earlier this month"},
      {"Elections are due later this month.", PUBLISHED, FUTURE, "2024-11", MONTH, "later this month"},
      {"The deal was signed last month.", PUBLISHED, PAST, "2024-10", MONTH, "last month"},
      {"The deal will be signed next month.", PUBLISHED, FUTURE, "2024-12", MONTH, "next month"},
      {"Growth slowed this year.", PUBLISHED, PAST, "2024", YEAR, "this year"},
      {"Last year's summit failed.", PUBLISHED, PAST, "2023", YEAR, "Last year"},
      {"The treaty expires next year.", PUBLISHED, FUTURE, "2025", YEAR, "next year"},
      {"The border opened three days ago.", PUBLISHED, PAST, "2024-11-23", DAY, "three days ago"},
      {"The border opened 3 days ago.", PUBLISHED, PAST, "2024-11-23", DAY, "3 days ago"},
      {"They met two weeks ago.", PUBLISHED, PAST, "2024-11-11", WEEK, "two weeks ago"},
      {"The war began three months ago.", PUBLISHED, PAST, "2024-08", MONTH, "three months ago"},
      {"The rebels took the city a year ago.", PUBLISHED, PAST, "2023", YEAR, "a year ago"},
      {"The vote takes place in two days.", PUBLISHED, FUTURE, "2024-11-28", DAY, "in two days"},
      {"Troops leave in 3 weeks.", PUBLISHED, FUTURE, "2024-12-16", WEEK, "in 3 weeks"},
      {"Troops leave two weeks from now.", PUBLISHED, FUTURE, "2024-12-09", WEEK,
       "two weeks from now"},
      {"The accord was signed in 2022.", PUBLISHED, PAST, "2022", YEAR, "2022"},
      {"Prices have risen since 2019.", PUBLISHED, PAST, "2019", YEAR, "2019"},
      {"Growth stalled in late 2022.", PUBLISHED, PAST, "2022", YEAR, "late 2022"},
      {"Growth stalled in mid-2022.", PUBLISHED, PAST, "2022", YEAR, "mid-2022"},
  };
  CHECK_TABLE(cases);
}

static void test_month_names(void) {
  static const date_case cases[] = {
      {"The talks broke down in October.", PUBLISHED, PAST, "2024-10", MONTH, "October"},
      {"In an October interview, he denied it.", PUBLISHED, PAST, "2024-10", MONTH, "October"},
      {"Talks stalled in early October.", PUBLISHED, PAST, "2024-10", MONTH, "early October"},
      {"Talks stalled in mid-October.", PUBLISHED, PAST, "2024-10", MONTH, "mid-October"},
      {"Talks stalled last October.", PUBLISHED, UNKNOWN, "2024-10", MONTH, "last October"},
      {"Talks stalled last November.", PUBLISHED, UNKNOWN, "2023-11", MONTH, "last November"},
      {"Talks resume next November.", PUBLISHED, UNKNOWN, "2025-11", MONTH, "next November"},
      {"The ceasefire was agreed in December.", PUBLISHED, PAST, "2023-12", MONTH, "December"},
      {"The ceasefire will take effect in December.", PUBLISHED, FUTURE, "2024-12", MONTH, "December"},
      {"Protests began in November.", PUBLISHED, PAST, "2024-11", MONTH, "November"},
      {"The plan was first floated in October 2023.", PUBLISHED, PAST, "2023-10", MONTH,
       "October 2023"},
      {"The May elections were postponed.", PUBLISHED, PAST, "2024-05", MONTH, "May"},
      {"Fighting eased in Sept.", PUBLISHED, PAST, "2024-09", MONTH, "Sept."},
      {"Since March, prices have doubled.", PUBLISHED, PAST, "2024-03", MONTH, "March"},
      {"The end of January saw new talks.", PUBLISHED, PAST, "2024-01", MONTH, "January"},
  };
  CHECK_TABLE(cases);
}

static void test_absolute_dates(void) {
  static const date_case cases[] = {
      {"The summit opens November 27.", PUBLISHED, FUTURE, "2024-11-27", DAY, "November 27"},
      {"The summit opens November 27.", PUBLISHED, UNKNOWN, "2024-11-27", DAY, "November 27"},
      {"The summit opened Nov. 20.", PUBLISHED, PAST, "2024-11-20", DAY, "Nov. 20"},
      {"The summit opened Nov 20.", PUBLISHED, PAST, "2024-11-20", DAY, "Nov 20"},
      {"The summit opened on 27 November 2024.", PUBLISHED, PAST, "2024-11-27", DAY,
       "27 November 2024"},
      {"The summit opened on November 27, 2024, in Paris.", PUBLISHED, PAST, "2024-11-27", DAY,
       "November 27, 2024"},
      {"Filed 2024-11-27 at noon.", PUBLISHED, PAST, "2024-11-27", DAY, "2024-11-27"},
      {"It opens on the 27th.", PUBLISHED, FUTURE, "2024-11-27", DAY, "the 27th"},
      {"It opened on the 27th.", PUBLISHED, PAST, "2024-10-27", DAY, "the 27th"},
      {"It opened on the 27th of November.", PUBLISHED, FUTURE, "2024-11-27", DAY, "27th of November"},
      {"The deadline is Jan. 3.", PUBLISHED, UNKNOWN, "2025-01-03", DAY, "Jan. 3"},
      {"The deadline was Jan. 3.", PUBLISHED, PAST, "2024-01-03", DAY, "Jan. 3"},
      {"Hostilities began Sept. 5.", PUBLISHED, UNKNOWN, "2024-09-05", DAY, "Sept. 5"},
      {"The March 15 rally drew thousands.", PUBLISHED, PAST, "2024-03-15", DAY, "March 15"},
      {"It was signed on July 4th, 1990.", PUBLISHED, PAST, "1990-07-04", DAY, "July 4th, 1990"},
      /* several expressions: the most specific wins, then the first */
      {"Last year's talks resumed on Wednesday.", PUBLISHED, PAST, "2024-11-20", DAY, "Wednesday"},
      {"In October, he said last year's plan failed.", PUBLISHED, PAST, "2024-10", MONTH, "October"},
      {"On Monday and on Wednesday the army struck.", PUBLISHED, PAST, "2024-11-25", DAY, "Monday"},
  };
  CHECK_TABLE(cases);
}

static void test_boundaries_and_leap_years(void) {
  static const date_case cases[] = {
      {"Exports fell last month.", "2025-01-02", PAST, "2024-12", MONTH, "last month"},
      {"He was arrested on Friday.", "2025-01-02", PAST, "2024-12-27", DAY, "Friday"},
      {"Exports fell last year.", "2025-01-02", PAST, "2024", YEAR, "last year"},
      {"Exports fell last week.", "2025-01-02", PAST, "2024-12-23", WEEK, "last week"},
      {"Exports fell this week.", "2025-01-02", PAST, "2024-12-30", WEEK, "this week"},
      {"The blast hit yesterday.", "2025-01-02", PAST, "2025-01-01", DAY, "yesterday"},
      {"Snow fell in December.", "2025-01-02", PAST, "2024-12", MONTH, "December"},
      {"Talks start tomorrow.", "2024-12-31", FUTURE, "2025-01-01", DAY, "tomorrow"},
      {"Talks start next month.", "2024-12-31", FUTURE, "2025-01", MONTH, "next month"},
      {"The rally was yesterday.", "2024-03-01", PAST, "2024-02-29", DAY, "yesterday"},
      {"The rally was yesterday.", "2023-03-01", PAST, "2023-02-28", DAY, "yesterday"},
      {"The rally was on Feb. 29.", "2025-03-10", PAST, "2024-02-29", DAY, "Feb. 29"},
      {"The rally was on February 29, 2024.", "2025-03-10", PAST, "2024-02-29", DAY, NULL},
      {"The rally was a year ago.", "2024-02-29", PAST, "2023", YEAR, "a year ago"},
      {"It happened on the 31st.", "2024-12-15", PAST, "2024-10-31", DAY, "the 31st"},
      {"Published with a time stamp: yesterday.", "2024-11-26T08:00:00Z", PAST, "2024-11-25", DAY,
       "yesterday"},
  };
  CHECK_TABLE(cases);
}

static void test_not_dates(void) {
  static const date_case cases[] = {
      {"Some 2,000 troops crossed the border.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"The army received F-16 jets.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"They joined the march on Washington.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"They joined the March on Washington.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"Theresa May said the plan was sound.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"May I ask a question, said the reporter.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"Troops march toward the capital.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"In the 1990s the war ended.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"USA Today reported the strike.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"A 16-year-old was detained in 12 cities.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"The 2024 budget rose 3.5% to $2024 million.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"He spent 1,500 days in jail.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"The rally was on February 29, 2023.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"Version 2024-13-45 shipped.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"The last day of talks was tense.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"In a week of talks nothing moved.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"Troops advanced in two days of fighting.", PUBLISHED, PAST, NULL, NONE, NULL},
      {"", PUBLISHED, PAST, NULL, NONE, NULL},
  };
  CHECK_TABLE(cases);
}

static void test_unknown_publication(void) {
  static const date_case cases[] = {
      {"The minister met him on Wednesday.", NULL, PAST, "", NONE, "Wednesday"},
      {"Fighting intensified last week.", NULL, PAST, "", NONE, "last week"},
      {"The deal was signed in October.", NULL, PAST, "", NONE, "October"},
      {"The summit opened on November 27, 2024.", NULL, PAST, "2024-11-27", DAY, "November 27, 2024"},
      {"The accord was signed in 2022.", NULL, PAST, "2022", YEAR, "2022"},
      {"The plan dates from October 2023.", NULL, PAST, "2023-10", MONTH, "October 2023"},
      /* a resolved date beats an unresolved one */
      {"On Monday he recalled the 2022 talks held in 2022.", NULL, PAST, "2022", YEAR, "2022"},
      {"He left yesterday.", "2024-13-45", PAST, "", NONE, "yesterday"},
      {"He left yesterday.", "not a date", PAST, "", NONE, "yesterday"},
      {"He left yesterday.", "", PAST, "", NONE, "yesterday"},
  };
  CHECK_TABLE(cases);
}

static void test_empty_and_null(void) {
  an_date_mention mention;
  memset(&mention, 0x55, sizeof mention);
  CHECK(!an_date_find(NULL, 0, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK_INT(mention.precision, AN_PRECISION_NONE);
  CHECK_STR(mention.date, "");
  CHECK(!an_date_find("", 0, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK(!an_date_find("yesterday", 9, PUBLISHED, AN_TENSE_PAST, NULL));
  /* length cuts the text: only the first bytes count */
  CHECK(!an_date_find("yesterday", 4, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK(an_date_find("in 2022 and yesterday", 7, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK_STR(mention.date, "2022");
  /* an embedded NUL is a separator, not the end */
  static const char with_nul[] = "the army\0struck yesterday";
  CHECK(an_date_find(with_nul, sizeof with_nul - 1, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK_STR(mention.date, "2024-11-25");
  CHECK_INT(mention.span.offset, 16);
}

static void test_long_text_is_fast(void) {
  const char *phrase = "the army said the troops of 2,000 men marched on ";
  size_t phrase_length = strlen(phrase), length = 2u << 20;
  char *text = malloc(length);
  if (!text) SKIP("no memory for 2 MB");
  for (size_t i = 0; i < length; i++) text[i] = phrase[i % phrase_length];
  an_date_mention mention;
  clock_t start = clock();
  CHECK(!an_date_find(text, length, PUBLISHED, AN_TENSE_PAST, &mention));
  memcpy(text + length - 10, " Friday.  ", 10);
  CHECK(an_date_find(text, length, PUBLISHED, AN_TENSE_PAST, &mention));
  CHECK_STR(mention.date, "2024-11-22");
  double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  fprintf(stderr, "  two scans of 2 MB: %.2f s\n", seconds);
  CHECK(seconds < 5.0);
  free(text);
}

/* Deterministic pseudo-random bytes (no global state: the seed is local). */
static unsigned next_random(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return *state >> 16;
}

static void test_hostile_bytes(void) {
  static const char *const pieces[] = {"Nov.", "27", ",", "2024", "-", "11", "last", "this", "the",
                                       "day", "before", "in", "mid", "October", "\xff", "\xe2\x80",
                                       "\0", "th", "ago", "Wednesday", " ", "a", "of", "March"};
  unsigned state = 12345;
  an_date_mention mention;
  for (int round = 0; round < 20000; round++) {
    char buffer[64];
    size_t length = next_random(&state) % sizeof buffer;
    if (round % 2) {
      for (size_t i = 0; i < length; i++) buffer[i] = (char)next_random(&state);
    } else {
      size_t used = 0;
      while (used < length) {
        const char *piece = pieces[next_random(&state) % (sizeof pieces / sizeof pieces[0])];
        size_t piece_length = piece[0] ? strlen(piece) : 1;
        if (used + piece_length > length) break;
        memcpy(buffer + used, piece, piece_length);
        used += piece_length;
      }
      length = used;
    }
    char *copy = malloc(length ? length : 1);
    if (!copy) break;
    memcpy(copy, buffer, length);
    if (an_date_find(copy, length, PUBLISHED, (an_tense)(round % 3), &mention)) {
      CHECK(mention.span.offset + mention.span.length <= length);
      CHECK(strlen(mention.date) < sizeof mention.date);
    }
    free(copy);
  }
}

int main(void) {
  RUN(test_calendar);
  RUN(test_weekdays);
  RUN(test_relative_days);
  RUN(test_weeks_months_years);
  RUN(test_month_names);
  RUN(test_absolute_dates);
  RUN(test_boundaries_and_leap_years);
  RUN(test_not_dates);
  RUN(test_unknown_publication);
  RUN(test_empty_and_null);
  RUN(test_long_text_is_fast);
  RUN(test_hostile_bytes);
  return harness_finish();
}
