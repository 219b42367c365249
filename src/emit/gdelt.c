/*
 * gdelt.c — the GDELT 2.0 Events table layout: 61 tab-separated columns in
 * GDELT's order.  annals fills the actor, event, count, date and URL
 * columns; tone and geography, which annals does not compute, stay empty
 * (docs/gdelt.md lists every column).
 */
#include "core/core.h"
#include "emit/emit.h"

#include <stdlib.h>
#include <string.h>

static void put(FILE *out, const char *text, bool last) {
  for (const char *p = text ? text : ""; *p; p++) fputc(*p == '\t' || *p == '\n' ? ' ' : *p, out);
  fputc(last ? '\n' : '\t', out);
}

static void put_empty(FILE *out, int count) {
  for (int i = 0; i < count; i++) fputc('\t', out);
}

/* Actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code. */
static void put_actor(FILE *out, const an_doc *doc, const an_actor *actor, int present) {
  if (!present) {
    put_empty(out, 10);
    return;
  }
  put(out, actor->code, false);
  char name[256] = "";
  if (actor->span.offset + actor->span.length <= doc->text_length) {
    size_t length = actor->span.length < sizeof name - 1 ? actor->span.length : sizeof name - 1;
    an_lowercase_copy(name, sizeof name, doc->text + actor->span.offset, length);
    for (char *p = name; *p; p++)
      if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 32);
  }
  put(out, name, false);
  put(out, strlen(actor->country) == 3 ? actor->country : "", false);
  put(out, strlen(actor->country) > 3 ? actor->country : "", false); /* IGO/NGO code */
  put_empty(out, 3);
  put(out, actor->agent, false);
  put_empty(out, 2);
}

/* The event's day as YYYYMMDD, falling back to the publication date. */
static void event_day(const an_doc *doc, const an_event *event, int *year, int *month, int *day) {
  const char *date = event->date[0] ? event->date : doc->published;
  *year = *month = *day = 0;
  if (date) sscanf(date, "%4d-%2d-%2d", year, month, day);
  if (*month == 0) *month = 1;
  if (*day == 0) *day = 1;
}

int an_emit_gdelt_row(FILE *out, const an_doc *doc, const an_event *event, const an_gdelt_counts *counts) {
  char field[64];
  int year, month, day;
  event_day(doc, event, &year, &month, &day);
  uint64_t id = counts && counts->global_id ? counts->global_id
                                            : strtoull(event->id, NULL, 16) & 0x7FFFFFFFFFFFULL;
  snprintf(field, sizeof field, "%llu", (unsigned long long)id);
  put(out, field, false);                                         /* 1 GLOBALEVENTID */
  snprintf(field, sizeof field, "%04d%02d%02d", year, month, day);
  put(out, year ? field : "", false);                             /* 2 SQLDATE */
  snprintf(field, sizeof field, "%04d%02d", year, month);
  put(out, year ? field : "", false);                             /* 3 MonthYear */
  snprintf(field, sizeof field, "%04d", year);
  put(out, year ? field : "", false);                             /* 4 Year */
  snprintf(field, sizeof field, "%.4f", year + (month - 1) / 12.0 + (day - 1) / 365.0);
  put(out, year ? field : "", false);                             /* 5 FractionDate */
  put_actor(out, doc, &event->source, event->has_source);         /* 6-15 */
  put_actor(out, doc, &event->target, event->has_target);         /* 16-25 */
  put(out, "1", false);                                           /* 26 IsRootEvent */
  put(out, event->code, false);                                   /* 27 EventCode */
  char base[4] = {event->code[0], event->code[1], event->code[2] ? event->code[2] : '\0', '\0'};
  put(out, base, false);                                          /* 28 EventBaseCode */
  char root[3] = {event->code[0], event->code[1], '\0'};
  put(out, root, false);                                          /* 29 EventRootCode */
  snprintf(field, sizeof field, "%d", an_cameo_quad_class(event->code));
  put(out, field, false);                                         /* 30 QuadClass */
  snprintf(field, sizeof field, "%.1f", an_cameo_goldstein(event->code));
  put(out, field, false);                                         /* 31 GoldsteinScale */
  long mentions = counts ? counts->mentions : 1, sources = counts ? counts->sources : 1;
  long articles = counts ? counts->articles : 1;
  snprintf(field, sizeof field, "%ld", mentions);
  put(out, field, false);                                         /* 32 NumMentions */
  snprintf(field, sizeof field, "%ld", sources);
  put(out, field, false);                                         /* 33 NumSources */
  snprintf(field, sizeof field, "%ld", articles);
  put(out, field, false);                                         /* 34 NumArticles */
  put(out, "", false);                                            /* 35 AvgTone */
  put_empty(out, 24);                                             /* 36-59 geography */
  if (counts && counts->date_added) put(out, counts->date_added, false);
  else {
    snprintf(field, sizeof field, "%04d%02d%02d000000", year, month, day);
    put(out, year ? field : "", false);                           /* 60 DATEADDED */
  }
  put(out, doc->url ? doc->url : doc->origin, true);              /* 61 SOURCEURL */
  return ferror(out) ? AN_ERROR_IO : AN_OK;
}

int an_emit_gdelt(FILE *out, const an_doc *doc, const an_event *event) {
  return an_emit_gdelt_row(out, doc, event, NULL);
}
