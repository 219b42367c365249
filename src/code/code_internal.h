/*
 * code_internal.h — what the coder's parts share while coding one sentence:
 * the sentence's tokens, its noun groups (actors with their codes), cues,
 * and the discourse state carried from sentence to sentence.
 */
#ifndef AN_CODE_INTERNAL_H
#define AN_CODE_INTERNAL_H

#include "match/dict.h"
#include "segment/segment.h"

#define AN_MAX_GROUPS 96
#define AN_MAX_MENTIONS 160
#define AN_RECENT_AGENTS 16
#define AN_SENTENCE_EVENTS_MAX 64
/* Tokens a pattern word may lie after the element before it. */
#define AN_PATTERN_GAP 4
/* Tokens an actor slot may lie after the element before it. */
#define AN_TARGET_GAP 6
/* Tokens a status cue may lie before its verb. */
#define AN_CUE_GAP 4

/* A resolved actor: code, country, agent. */
typedef struct an_actor_code {
  char code[40];
  char country[8];
  char agent[8];
} an_actor_code;

/* A noun group: consecutive actor/agent phrases naming one actor. */
typedef struct an_group {
  uint32_t first, end;     /* tokens [first, end) of the sentence */
  an_actor_code actor;
  bool has_country;        /* false: a bare agent or pronoun still unresolved */
  bool pronoun;            /* it, he, she, they, the country */
  bool excluded;           /* part of an attribution ("according to Reuters") */
  uint32_t agent_word;     /* lemma id of its agent noun, for "the delegation" */
  int next_member;         /* next group of the same compound, or -1 */
  int head;                /* first group of its compound */
} an_group;

/* Carried across sentences of one document. */
typedef struct an_discourse {
  bool has_subject;
  an_actor_code subject;
  char subject_text[48];
  struct { uint32_t agent_word; an_actor_code actor; } recent[AN_RECENT_AGENTS];
  size_t recent_count, recent_next;
  an_event previous[AN_SENTENCE_EVENTS_MAX]; /* the last sentence's events */
  size_t previous_count;
} an_discourse;

/* One sentence being coded. */
typedef struct an_sentence_context {
  const an_dict *dict;
  const an_doc *doc;
  const char *text;        /* doc->text */
  an_token *tokens;        /* the sentence's tokens (borrowed) */
  size_t count;
  an_span span;            /* the sentence */
  int32_t date_number;     /* publication as YYYYMMDD, 0 unknown */
  an_mention names[AN_MAX_MENTIONS]; size_t name_count;
  an_mention cues[AN_MAX_MENTIONS]; size_t cue_count;
  an_group groups[AN_MAX_GROUPS]; size_t group_count;
  int16_t group_at[AN_SENTENCE_MAX_TOKENS]; /* token -> group index, -1 */
  bool consumed[AN_SENTENCE_MAX_TOKENS];    /* used by a matched pattern */
  an_discourse *discourse;
  char attribution[AN_MAX_ATTRIBUTION][48]; int attribution_count;
  bool reported;
} an_sentence_context;

/* groups.c */
void an_groups_build(an_sentence_context *sentence);
void an_groups_resolve(an_sentence_context *sentence);
void an_groups_remember(an_sentence_context *sentence);

/* status.c */
void an_status_scan(an_sentence_context *sentence);
an_status an_status_for_verb(const an_sentence_context *sentence, uint32_t verb);

/* patterns.c */
size_t an_code_sentence_events(an_sentence_context *sentence, an_event *out, size_t capacity);

/* helpers shared by the parts */
bool an_token_is_punct(const an_sentence_context *sentence, uint32_t index, char mark);
bool an_token_breaks_clause(const an_sentence_context *sentence, uint32_t index);
bool an_token_is_determiner(const an_sentence_context *sentence, uint32_t index);
void an_actor_code_from(an_actor_code *actor, const char *code);
/* A stable id for the event: hash of article, sentence, verb, code, actors (coder.c). */
void an_event_set_id(const an_doc *doc, an_event *event);

#endif
