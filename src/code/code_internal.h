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

/* Classes of function words, looked up by word id. */
enum { AN_CLASS_DETERMINER = 1 << 0, AN_CLASS_PREPOSITION = 1 << 1 };

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
  bool named;              /* holds an actor phrase (not only a role word) */
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
  /* per token, filled by an_sentence_prepare before the parts run */
  uint32_t noun[AN_SENTENCE_MAX_TOKENS];      /* singular of the word (an_dict_noun_base) */
  char punct[AN_SENTENCE_MAX_TOKENS];         /* the mark of a one-byte punctuation token, else 0 */
  bool clause_break[AN_SENTENCE_MAX_TOKENS];  /* an_token_breaks_clause */
  bool in_set[AN_SENTENCE_MAX_TOKENS];        /* word, lemma or singular is in some synonym set */
  const uint8_t *word_class; /* word id -> AN_CLASS_* bits (the coder's; NULL: compare) */
  uint32_t word_class_count;  /* word ids word_class covers */
  const uint8_t *set_words; /* bit per word id: in some set (the coder's; NULL: assume so) */
  uint32_t set_word_count;  /* word ids the bitmap covers */
} an_sentence_context;

/* dict.c, for the coder: the trie's root edges as a table, and the phrase
 * finder reading them (see an_dict_find_phrases). */
void an_dict_label_tokens_in(const an_dict *dict, const char *text, size_t text_length, an_token *tokens,
                             size_t count);
void an_dict_root_children(const an_dict *dict, uint32_t *root, uint32_t count);
void an_dict_find_phrases_rooted(const an_dict *dict, const uint32_t *root, uint32_t root_count,
                                 const an_token *tokens, size_t count, an_mention *names, size_t *name_count,
                                 an_mention *cues, size_t *cue_count, size_t capacity);

/* groups.c */
void an_groups_build(an_sentence_context *sentence);
void an_groups_resolve(an_sentence_context *sentence);
void an_groups_remember(an_sentence_context *sentence);

/* status.c */
void an_status_scan(an_sentence_context *sentence);
an_status an_status_for_verb(const an_sentence_context *sentence, uint32_t verb);

/* patterns.c */
size_t an_code_sentence_events(an_sentence_context *sentence, an_event *out, size_t capacity);

/* Fills the per-token tables of the sentence (groups.c); call after the
 * tokens are labelled. */
void an_sentence_prepare(an_sentence_context *sentence);
/* The AN_CLASS_* bits of a word id, as the function words of dict say
 * (groups.c); the coder tabulates them once. */
uint8_t an_word_class(const an_dict *dict, uint32_t word);

/* helpers shared by the parts */
static inline bool an_token_is_punct(const an_sentence_context *sentence, uint32_t index, char mark) {
  return sentence->punct[index] == mark;
}
static inline bool an_token_has_class(const an_sentence_context *sentence, uint32_t index, uint8_t class_bit) {
  uint32_t word = sentence->tokens[index].word;
  if (sentence->word_class && word < sentence->word_class_count) return (sentence->word_class[word] & class_bit) != 0;
  return (an_word_class(sentence->dict, word) & class_bit) != 0;
}
static inline bool an_token_breaks_clause(const an_sentence_context *sentence, uint32_t index) {
  return sentence->clause_break[index];
}
bool an_token_is_determiner(const an_sentence_context *sentence, uint32_t index);
void an_actor_code_from(an_actor_code *actor, const char *code);
/* A stable id for the event: hash of article, sentence, verb, code, actors (coder.c). */
void an_event_set_id(const an_doc *doc, an_event *event);

#endif
