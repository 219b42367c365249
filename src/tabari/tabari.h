/*
 * tabari.h — TABARI and PETRARCH2/Phoenix dictionaries, and coding with
 * their semantics.  The annals coder (src/code) hands a document here when
 * its dictionary came from a TABARI project or a PETRARCH directory; events
 * come back in the same an_event record as annals' own dictionaries give.
 */
#ifndef AN_TABARI_H
#define AN_TABARI_H

#include "annals.h"

typedef struct an_tabari_dict an_tabari_dict;

/* Loads a TABARI .project (and the .verbs/.actors/.agents/.options it names,
 * paths relative to the project's folder).  Malformed lines go to warn with
 * file:line; loading goes on.  NULL on a fatal error.  Caller frees with
 * an_tabari_dict_free. */
an_tabari_dict *an_tabari_load_project(const char *project_path, an_warn_fn warn,
                                       void *warn_context, an_error *error);
/* Loads PETRARCH2 / Phoenix dictionaries from a directory. */
an_tabari_dict *an_tabari_load_petrarch(const char *directory, an_warn_fn warn,
                                        void *warn_context, an_error *error);
void an_tabari_dict_free(an_tabari_dict *dict);
/* "verbs N, patterns N, actors N, agents N, ..." (borrowed). */
const char *an_tabari_summary(const an_tabari_dict *dict);

/* Codes one sentence (sentence is a span of doc->text), appending events.
 * date is the document's date "YYYY-MM-DD" or NULL (for date-restricted
 * actor codes). */
int an_tabari_code_sentence(const an_tabari_dict *dict, const an_doc *doc,
                            an_span sentence, const char *date,
                            an_events *out, an_error *error);

#endif
