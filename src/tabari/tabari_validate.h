/*
 * tabari_validate.h — running a TABARI validation suite (records with the
 * expected events in a comment) or a PETRARCH XML validation suite against
 * a loaded dictionary.  Used by `annals validate` and the unit tests.
 */
#ifndef AN_TABARI_VALIDATE_H
#define AN_TABARI_VALIDATE_H

#include "tabari/tabari.h"

#include <stdio.h>

typedef struct an_tabari_validation {
  int passed;
  int failed;
  int skipped;     /* records after the end marker when not running all */
} an_tabari_validation;

enum {
  AN_TABARI_VALIDATE_ALL = 1,      /* go past "end of the standard validation records" */
  AN_TABARI_VALIDATE_VERBOSE = 2,  /* print the events of passing records too */
  AN_TABARI_VALIDATE_PETRARCH = 4  /* the suite is PETRARCH XML */
};

/* Codes every record of suite_path with dict (whose options the records may
 * change: the dict is modified) and prints PASS/FAIL lines to report.
 * Fills *result.  Returns AN_OK or an error when the suite cannot be read. */
int an_tabari_validate(an_tabari_dict *dict, const char *suite_path, int flags, FILE *report,
                       an_tabari_validation *result, an_error *error);

/* The suite named by a project's <textfile>, or NULL (borrowed). */
const char *an_tabari_project_textfile(const an_tabari_dict *dict);

#endif
