/*
 * emit.h — internal output helpers shared by the code and store modules.
 */
#ifndef AN_EMIT_H
#define AN_EMIT_H

#include "annals.h"

/* Evidence counts of a (merged) event, as GDELT reports them. */
typedef struct an_gdelt_counts {
  long mentions, sources, articles;
  const char *date_added; /* "YYYYMMDDHHMMSS" or NULL (then derived from the event date) */
  uint64_t global_id;     /* 0: derived from the event id */
} an_gdelt_counts;

/* The number of columns in GDELT 2.0's Events table. */
#define AN_GDELT_COLUMNS 61

/* Writes one GDELT 2.0 Events row (61 tab-separated columns, GDELT's order;
 * see docs/gdelt.md).  counts may be NULL (one mention of one article). */
int an_emit_gdelt_row(FILE *out, const an_doc *doc, const an_event *event,
                      const an_gdelt_counts *counts);
int an_emit_gdelt(FILE *out, const an_doc *doc, const an_event *event);

#endif
