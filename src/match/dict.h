/*
 * dict.h — the dictionary model annals codes with, and its matcher.
 *
 * Words are interned in a vocabulary (id 0 = unknown word).  Inflected forms
 * map to their lemma.  Actor, agent and cue phrases live in one trie over
 * word ids, so one left-to-right pass over a sentence finds every phrase;
 * verb patterns hang off their verb's lemma id.  Every entry keeps the file
 * and line it came from.
 */
#ifndef AN_DICT_H
#define AN_DICT_H

#include "annals.h"
#include "core/core.h"
#include "segment/segment.h"
#include "tabari/tabari.h"

#include <stdbool.h>
#include <stdint.h>

/* Limits on dictionary text. */
#define AN_DICT_MAX_LINE 4096
#define AN_DICT_MAX_PHRASE_WORDS 16
#define AN_DICT_MAX_PATTERN_ELEMENTS 16
#define AN_WORD_MAX 64

/* ---- vocabulary ---- */
typedef struct an_vocab {
  char **words;      /* words[id] (id >= 1), arena-owned */
  uint32_t count;    /* ids in use, including the unused id 0 */
  uint32_t capacity;
  uint32_t *slots;   /* open addressing: word ids */
  uint32_t slot_count;
  an_arena arena;
} an_vocab;

uint32_t an_vocab_find(const an_vocab *vocab, const char *word, size_t length); /* 0 when absent */
uint32_t an_vocab_add(an_vocab *vocab, const char *word, size_t length);        /* 0 on OOM */

/* ---- entries ---- */
typedef enum an_entry_kind { AN_ENTRY_ACTOR = 1, AN_ENTRY_AGENT, AN_ENTRY_CUE } an_entry_kind;

enum { /* cue flags */
  AN_CUE_NEGATED = 1 << 0, AN_CUE_DENIED = 1 << 1, AN_CUE_PLANNED = 1 << 2,
  AN_CUE_HYPOTHETICAL = 1 << 3, AN_CUE_REPORTED = 1 << 4,
  AN_CUE_ATTRIBUTION_AFTER = 1 << 5, AN_CUE_ATTRIBUTION_BEFORE = 1 << 6
};

typedef struct an_code_option {
  char code[40];     /* "KORGOV", or the agent code "GOV" */
  int32_t from, to;  /* validity as YYYYMMDD; 0 = open end */
} an_code_option;

typedef struct an_entry {
  uint8_t kind;          /* an_entry_kind */
  uint8_t word_count;    /* words in the phrase */
  uint32_t flags;        /* cue flags */
  uint32_t option_first; /* into dict->options */
  uint32_t option_count;
  uint32_t file;         /* into dict->files */
  uint32_t line;
  uint32_t next;         /* next entry at the same trie node (1-based; 0 none) */
} an_entry;

/* ---- verb patterns ---- */
typedef enum an_element_kind {
  AN_ELEMENT_WORD = 1, AN_ELEMENT_SET, AN_ELEMENT_TARGET, AN_ELEMENT_SOURCE
} an_element_kind;

typedef struct an_element {
  uint8_t kind;   /* an_element_kind */
  uint32_t value; /* word id (lemma) or set id */
} an_element;

typedef struct an_pattern {
  uint32_t verb;          /* lemma id of the verb (or noun) */
  bool noun;              /* ~noun: a nominal event */
  bool subject_is_target; /* leading "+" */
  bool has_target, has_source;
  uint32_t element_first, element_count; /* into dict->elements */
  char code[8];
  uint32_t file, line;
  uint32_t next;          /* next pattern of the same verb (1-based; 0 none) */
} an_pattern;

/* Function words the coder looks at, interned once. */
typedef struct an_function_words {
  uint32_t the, a, an, this_, that, these, those, its, his, her, their, our, your;
  uint32_t to, by, of, from, with, and_, or_, both, who, which, whose, where, when, while_;
  uint32_t it, he, she, they, country, nation, be, not_, in, on, as, for_, at;
  uint32_t headed, led, including, according, citing, also, backed, comma, semicolon, colon;
  uint32_t said, has, have, had, was, were, is, are, been, being;
  uint32_t about, into, over, against, amid, amidst, after, before, during, under, without;
} an_function_words;

struct an_dict {
  an_vocab vocab;
  uint32_t *lemma_of;     /* lemma_of[word id]: lemma id, or 0 (the word is its own lemma) */
  uint32_t lemma_capacity;
  uint32_t *noun_base_of; /* plural -> singular for nouns */
  uint32_t noun_capacity;
  /* trie: edges (node, word) -> child node; node 0 is the root */
  uint64_t *edge_keys;    /* (node << 32 | word) + 1; 0 = empty slot */
  uint32_t *edge_values;
  uint32_t edge_slots, edge_count, node_count;
  uint32_t *node_entry;   /* node -> first entry (1-based) */
  uint32_t node_capacity;
  an_entry *entries; uint32_t entry_count; size_t entry_capacity;
  an_code_option *options; uint32_t option_count; size_t option_capacity;
  an_pattern *patterns; uint32_t pattern_count; size_t pattern_capacity;
  an_element *elements; uint32_t element_count; size_t element_capacity;
  uint32_t *verb_first;   /* lemma id -> first verb pattern (1-based) */
  uint32_t *noun_first;   /* lemma id -> first noun pattern (1-based) */
  uint32_t verb_capacity;
  uint32_t noun_first_capacity;
  uint64_t *set_members;  /* hash set of (set << 32 | word) + 1 */
  uint32_t set_slots, set_member_count;
  char **set_names; uint32_t set_count;
  char **files; uint32_t file_count;
  an_function_words fn;
  an_tabari_dict *tabari;  /* non-NULL: a TABARI/PETRARCH dictionary (owned) */
  char summary[256];
  int counts[4];           /* actors, agents, cues, patterns */
};

/* Creates an empty dictionary with the function words interned. */
an_dict *an_dict_new(void);
/* Loads one file of our format into dict.  Warnings name file:line. */
int an_dict_load_file(an_dict *dict, const char *path, an_warn_fn warn, void *context, an_error *error);

/* Compiled dictionaries (compiled.c): one checked binary file.
 * an_dict_save writes dict (annals' own kind only); an_dict_load_compiled
 * reads one back (NULL and error naming the file when it is not valid);
 * an_dict_is_compiled tells by the magic bytes. */
an_dict *an_dict_load_compiled(const char *path, an_error *error);
bool an_dict_is_compiled(const char *path);

/* Lemma of a word id (itself when none is known). */
static inline uint32_t an_dict_lemma(const an_dict *dict, uint32_t word) {
  return word < dict->lemma_capacity && dict->lemma_of[word] ? dict->lemma_of[word] : word;
}
static inline uint32_t an_dict_noun_base(const an_dict *dict, uint32_t word) {
  return word < dict->noun_capacity && dict->noun_base_of[word] ? dict->noun_base_of[word] : word;
}
bool an_dict_set_has(const an_dict *dict, uint32_t set, uint32_t word);
uint32_t an_dict_trie_child(const an_dict *dict, uint32_t node, uint32_t word); /* 0: none */

/* Sets token->word and token->lemma for tokens[0..count). */
void an_dict_label_tokens(const an_dict *dict, const char *text, an_token *tokens, size_t count);

/* A phrase found in a sentence. */
typedef struct an_mention {
  uint32_t first;  /* token index (relative to the sentence) */
  uint32_t count;  /* tokens */
  uint32_t entry;  /* 1-based entry index */
} an_mention;

/* Finds actor/agent phrases (longest first, non-overlapping) and cue phrases
 * in tokens[0..count).  Writes at most capacity mentions of each list;
 * returns AN_OK. */
void an_dict_find_phrases(const an_dict *dict, const an_token *tokens, size_t count,
                          an_mention *names, size_t *name_count,
                          an_mention *cues, size_t *cue_count, size_t capacity);

/* The code option of an entry valid on date (YYYYMMDD, 0 = unknown). */
const an_code_option *an_dict_option_on(const an_dict *dict, const an_entry *entry, int32_t date);

#endif
