/*
 * tabari_code.h — the TABARI coder's internal entry point: codes one
 * sentence with explicit options and says what became of it (events, none,
 * discarded, too complex), which the validation runner needs and the public
 * an_tabari_code_sentence does not report.
 */
#ifndef AN_TABARI_CODE_H
#define AN_TABARI_CODE_H

#include "tabari/tabari_internal.h"

typedef enum tb_outcome {
  TB_OUTCOME_NONE = 0,   /* coded, no event */
  TB_OUTCOME_EVENTS,     /* at least one event appended */
  TB_OUTCOME_DISCARD,    /* a [###] phrase matched */
  TB_OUTCOME_COMPLEX     /* a [+++] phrase matched or a COMPLEX: condition held */
} tb_outcome;

/* Codes text[sentence] with options (borrowed; may differ from the dict's
 * own, e.g. when a validation record changed one).  date is YYYYMMDD or 0.
 * Events are appended to out; *outcome (may be NULL) says what happened. */
int tb_code_sentence(const an_tabari_dict *dict, const tb_options *options,
                     const char *text, an_span sentence, uint32_t date,
                     an_events *out, tb_outcome *outcome, an_error *error);

/* The same, with TABARI's FORWARD: pronouns that find no actor in the
 * sentence take forward (a 40-byte buffer the caller keeps between the
 * sentences of one story; "" at the start), which is then updated. */
int tb_code_sentence_forward(const an_tabari_dict *dict, const tb_options *options,
                             const char *text, an_span sentence, uint32_t date, char *forward,
                             an_events *out, tb_outcome *outcome, an_error *error);

/* Loads one TABARI file of the given kind ("actors", "agents", "verbs",
 * "options") into dict; call tb_dict_finish afterwards. */
int tb_load_file(an_tabari_dict *dict, const char *kind, const char *path, an_error *error);

#endif
