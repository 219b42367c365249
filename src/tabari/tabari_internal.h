/*
 * tabari_internal.h — the dictionary structures shared by the TABARI and
 * PETRARCH loaders (tabari_load.c, tabari_petrarch.c) and the coder
 * (tabari_code.c).  Not installed; nothing outside src/tabari includes it
 * except the validate command (through tabari_validate.h).
 *
 * Every phrase (actor, agent, verb root, noun, adjective, verb pattern) is a
 * run of elements in one element array; strings live in one pool.  A hash
 * table maps the first word of every root phrase to the phrases that start
 * with it, so classifying a token costs one probe per prefix length.
 */
#ifndef AN_TABARI_INTERNAL_H
#define AN_TABARI_INTERNAL_H

#include "tabari/tabari.h"

#include <stdint.h>

/* Limits (named so that hostile input meets a wall, not a crash). */
#define TB_MAX_LINE 4096          /* longest dictionary line kept */
#define TB_MAX_ELEMENTS 64        /* elements in one phrase */
#define TB_MAX_EXPANSIONS 512     /* patterns one line may expand into */
#define TB_MAX_TOKENS 400         /* tokens coded in one sentence */
#define TB_MAX_NORMAL 8192        /* bytes of normalised sentence text */
#define TB_MAX_EVENTS 64          /* events from one sentence (TABARI's own) */
#define TB_MAX_COMPOUND 16        /* members of one compound actor */
#define TB_MAX_FILES 64           /* dictionary files of one project */
#define TB_SIGNATURE_WORDS 4      /* 256-bit pattern signatures */
#define TB_CHAIN_NEEDS 4          /* word slots checked before a root phrase */

/* Element kinds inside a phrase. */
enum {
  TB_ELEM_WORD = 0,  /* a literal word */
  TB_ELEM_VERB,      /* '*': where the verb root sits */
  TB_ELEM_SOURCE,    /* '$' */
  TB_ELEM_TARGET,    /* '+' */
  TB_ELEM_COMPOUND,  /* '%' */
  TB_ELEM_SKIP       /* '^' */
};

/* How a word element matches a token. */
enum {
  TB_MATCH_STEM = 0, /* token starts with the word */
  TB_MATCH_EXACT,    /* token is the word, or the word + a regular ending */
  TB_MATCH_STRICT    /* token is the word ('=' in TABARI) */
};

typedef struct tb_element {
  uint32_t text;     /* offset in the string pool (WORD only) */
  uint16_t length;   /* bytes of text */
  uint8_t kind;      /* TB_ELEM_* */
  uint8_t mode;      /* TB_MATCH_* */
  uint8_t adjacent;  /* the next element must be on the next token */
} tb_element;

/* Root phrase kinds. */
enum {
  TB_ROOT_ACTOR = 1,
  TB_ROOT_AGENT,
  TB_ROOT_VERB,
  TB_ROOT_NOUN,
  TB_ROOT_ADJECTIVE,
  TB_ROOT_TIME,
  TB_ROOT_DISCARD   /* PETRARCH discard phrase */
};

typedef struct tb_phrase {
  uint32_t first;    /* first element index */
  uint16_t count;    /* elements */
  uint8_t kind;      /* TB_ROOT_* */
  uint8_t file;      /* index in dict->files */
  uint32_t payload;  /* actor: first tb_actor_code; agent: code offset;
                        verb: tb_verb index */
  uint32_t line;
  uint32_t next;     /* next phrase with the same first word, or UINT32_MAX */
  uint16_t weight;   /* characters (for longest-match choice) */
  uint16_t order;    /* unused padding kept explicit */
} tb_phrase;

/* One possibly date-restricted code of an actor.  Codes of one actor are
 * consecutive; the last has last == 1. */
typedef struct tb_actor_code {
  uint32_t code;     /* pool offset of "USAGOV" or "ELF/GAL" or "---" */
  uint32_t from;     /* YYYYMMDD inclusive, 0 = open */
  uint32_t to;       /* YYYYMMDD inclusive, 0 = open */
  uint8_t last;
  uint8_t restricted;
} tb_actor_code;

/* A verb pattern. */
typedef struct tb_pattern {
  uint64_t signature[2 * TB_SIGNATURE_WORDS]; /* tb_word_key of every literal
                                      of 2+ letters before the '*' (256 bits),
                                      then after it: a cheap prefilter */
  uint32_t first;    /* elements */
  uint16_t count;
  uint16_t weight;   /* characters of literal text: longer tried first */
  uint32_t code;     /* pool offset of the code ("---", "###" specials) */
  uint32_t code2;    /* paired code or UINT32_MAX */
  uint32_t line;
  uint8_t file;
  uint8_t flags;     /* TB_CODE_* */
} tb_pattern;

enum { TB_CODE_SUBORDINATE = 1, TB_CODE_DOMINANT = 2 };

typedef struct tb_verb {
  uint32_t code;       /* root code (pool) */
  uint32_t code2;      /* paired, or UINT32_MAX */
  uint32_t patterns;   /* index of first pattern in dict->pattern_order */
  uint32_t pattern_count;
  uint32_t line;
  uint32_t index;       /* its tb_pattern_index in dict->pattern_indexes, or
                           UINT32_MAX: few patterns, scanned one by one */
  uint8_t file;
  uint8_t flags;
} tb_verb;

/* A verb with many patterns has its patterns (positions in its run of
 * dict->pattern_order) filed under one key literal each: the key is the
 * literal's word slot, + TB_KEY_AFTER when it follows the '*'; patterns
 * without a literal of two or more letters go under TB_KEY_NONE.  Coding
 * visits only the buckets of keys that occur on the right side of the verb,
 * then tries the marked patterns in their usual order. */
#define TB_PATTERN_LINEAR 32      /* verbs with more patterns get an index */
#define TB_PATTERN_INDEXED 4096   /* ... and at most this many */
#define TB_KEY_AFTER 256
#define TB_KEY_NONE 512
#define TB_KEY_COUNT 513
typedef struct tb_pattern_index {
  uint64_t keys[8];              /* bit k: a bucket of key k < TB_KEY_NONE */
  uint32_t buckets;              /* first of TB_KEY_COUNT + 1 bucket starts in
                                    dict->bucket_starts (bucket k spans
                                    [starts[k], starts[k + 1]) of
                                    dict->bucket_items) */
} tb_pattern_index;

/* Options that the .options file and validation records change. */
typedef struct tb_options {
  int code_by;            /* 0 clause, 1 sentence, 2 all */
  int complex_verbs;      /* 0 = off */
  int complex_actors;
  int complex_conj;
  int complex_noactprior;
  int complex_noverb;
  int comma_off;
  int comma_min, comma_max, comma_emin, comma_emax, comma_bmin, comma_bmax;
  int convert_agents;
  int minimum_words;
  char default_source[16];
  char default_target[16];
  int default_source_prior;
  int default_target_after;
  int forward;            /* FORWARD: pronouns reach the previous sentence */
  char forward_format[32]; /* its sequence format, e.g. "^^***NNN*SSS" (manual 8.4.1) */
} tb_options;

typedef struct tb_hash_slot {
  uint64_t hash;
  uint32_t text;       /* pool offset of the key */
  uint16_t length;
  uint16_t group_count; /* groups of the slot's chain */
  uint32_t phrases;    /* head of the phrase chain */
  uint32_t groups;     /* first tb_chain_group in dict->groups */
  uint32_t index;      /* its tb_group_mask in dict->group_masks (a slot
                          with two or more groups), or UINT32_MAX */
  uint16_t heaviest;   /* the largest weight of its phrases: a slot no
                          heavier than the best root so far is skipped */
  uint8_t first_kinds; /* bit 1 << TB_FIRST_* for each kind its entries have */
} tb_hash_slot;

/* One cell of the first-word trie, a double array over the hash slots'
 * keys: the child of node n for byte c is cell n.base + c when that cell's
 * check is n.  A node whose path is a first word names its slot. */
typedef struct tb_trie_cell {
  uint32_t base;  /* children at base + byte (0 for a leaf) */
  int32_t check;  /* the parent node, TB_TRIE_FREE, or TB_TRIE_ROOT */
  uint32_t slot;  /* index into dict->slots, or UINT32_MAX */
} tb_trie_cell;
#define TB_TRIE_FREE (-1)
#define TB_TRIE_ROOT (-2)
#define TB_TRIE_MAX_KEY 255 /* longer first words are left out: no token is
                               that long (tabari_code.c checks) */

/* One phrase of a slot's chain.  A chain is split into groups by the word
 * slot of the phrase's second word (the key; a separate key when that word
 * must be the very next token), so that a long chain (the ~340 phrases
 * starting with INTERNATIONAL) costs one probe per word of the sentence, or one for the next
 * token, rather than a visit per phrase; inside a group, entries keep
 * chain order. */
typedef struct tb_chain_entry {
  uint64_t bits;       /* tb_word_bit of the same later words: checked first */
  uint64_t score;      /* weight << 32 | ~(position in the whole chain):
                          larger wins, as the first heaviest phrase did */
  uint32_t phrase;     /* index in dict->phrases */
  uint8_t first;       /* how the first word (the slot's key) may match a
                          longer token: TB_FIRST_* */
  uint8_t need_count;  /* entries of need[] in use */
  uint8_t need[TB_CHAIN_NEEDS]; /* tb_word_slot of later words of 2+ letters:
                                   the sentence must have them all */
} tb_chain_entry;

enum {
  TB_FIRST_PREFIX = 0, /* a stem: any token starting with it */
  TB_FIRST_WHOLE,      /* only the whole token */
  TB_FIRST_ENDING      /* the whole token or it + a regular ending */
};

#define TB_GROUP_NONE 256      /* key of the phrases with no later word slot */
#define TB_GROUP_NEXT 257      /* + slot: the second word must be the next
                                  token (adjacent) and have that slot */
#define TB_GROUP_KEYS 513      /* keys 0..512 */

/* The keys of a slot's groups, which lie in key order: the coder ANDs the
 * ordinary keys with the sentence's word slots and finds a group by its
 * rank, instead of scanning the group list. */
typedef struct tb_group_mask {
  uint64_t keys[8];    /* bit k: ordinary key k (0..255); bit 256 + s: key
                          TB_GROUP_NEXT + s */
  uint16_t before[8];  /* groups of keys below those of word w of keys */
  uint16_t none;       /* the TB_GROUP_NONE group + 1, or 0 */
} tb_group_mask;

typedef struct tb_chain_group {
  uint32_t start;      /* first entry in dict->chain */
  uint32_t count;      /* entries */
  uint16_t key;        /* word slot every entry needs, TB_GROUP_NONE, or
                          TB_GROUP_NEXT + the slot of the next token */
} tb_chain_group;

struct an_tabari_dict {
  char *pool; size_t pool_length, pool_capacity;
  tb_element *elements; size_t element_count, element_capacity;
  tb_phrase *phrases; size_t phrase_count, phrase_capacity;
  tb_actor_code *codes; size_t code_count, code_capacity;
  tb_pattern *patterns; size_t pattern_count, pattern_capacity;
  uint32_t *pattern_order; /* per verb, longest first */
  uint64_t *order_bits;    /* per pattern_order entry, two words: tb_word_bit
                              of its literals before the '*', and after it;
                              scanned before the full signature */
  tb_verb *verbs; size_t verb_count, verb_capacity;
  tb_pattern_index *pattern_indexes; size_t pattern_index_count;
  uint32_t *bucket_starts; /* TB_KEY_COUNT + 1 per pattern index */
  uint16_t *bucket_items;  /* pattern positions within the verb's run */
  tb_hash_slot *slots; size_t slot_capacity, slot_used;
  tb_chain_entry *chain;   /* phrase_count entries, one run per group */
  tb_chain_group *groups; size_t group_count;
  tb_group_mask *group_masks; size_t group_mask_count, group_mask_capacity;
  tb_trie_cell *trie; size_t trie_capacity; /* first words (node 0 the
                              root); every internal node has base + 256
                              inside trie_capacity */
  uint64_t *bloom; size_t bloom_bits;
  /* synsets while loading: name -> list of alternative phrase texts */
  char **synset_names; char **synset_bodies; size_t synset_count, synset_capacity;
  char *files[TB_MAX_FILES]; size_t file_count;
  char *textfile;          /* project's <textfile>, absolute or NULL */
  tb_options options;
  size_t counts[8];        /* entries per TB_ROOT_* */
  size_t malformed;
  int petrarch;
  char summary[256];
  an_warn_fn warn; void *warn_context;
};

/* ---- dictionary building (tabari_dict.c) ---- */
an_tabari_dict *tb_dict_new(an_warn_fn warn, void *warn_context);
/* Adds bytes to the pool, NUL-terminated; returns the offset or UINT32_MAX. */
uint32_t tb_pool_add(an_tabari_dict *dict, const char *text, size_t length);
static inline const char *tb_text(const an_tabari_dict *dict, uint32_t offset) {
  return dict->pool + offset;
}
/* Parses a phrase in TABARI notation (words with _ ~ = connectors, * $ + %
 * ^ tokens) into elements.  Returns the first element index and sets
 * *count, or returns UINT32_MAX with a reason in *why. */
uint32_t tb_parse_phrase(an_tabari_dict *dict, const char *text, int allow_tokens,
                         uint16_t *count, uint16_t *weight, const char **why);
/* Adds a root phrase (indexed by its first word). */
int tb_add_root(an_tabari_dict *dict, const char *text, int kind, uint32_t payload,
                int file, uint32_t line, const char **why);
uint32_t tb_add_actor_codes(an_tabari_dict *dict, const char *blocks, const char **why);
uint32_t tb_add_verb(an_tabari_dict *dict, const char *code_text, int file,
                     uint32_t line, const char **why);
int tb_add_pattern(an_tabari_dict *dict, uint32_t verb, const char *text,
                   const char *code_text, int file, uint32_t line, const char **why);
int tb_add_synset(an_tabari_dict *dict, const char *name, const char *member);
int tb_dict_finish(an_tabari_dict *dict);
int tb_add_file(an_tabari_dict *dict, const char *path);
void tb_warn(an_tabari_dict *dict, const char *file, uint32_t line, const char *why,
             const char *text);
/* Splits "[CODE]" or "[CODE:CODE2]" with ?/! suffix into pool offsets. */
int tb_parse_event_code(an_tabari_dict *dict, const char *text, uint32_t *code,
                        uint32_t *code2, uint8_t *flags);
/* Converts YYMMDD (pivot 30) or YYYYMMDD text to YYYYMMDD; 0 when bad. */
uint32_t tb_date_value(const char *text, size_t length);
/* Applies one .options line (also used for OPTION: records). */
void tb_options_defaults(tb_options *options);
int tb_options_apply(tb_options *options, const char *line);
/* Finds the hash slot for a key, or NULL. */
const tb_hash_slot *tb_lookup(const an_tabari_dict *dict, const char *key, size_t length,
                              uint64_t hash);
uint64_t tb_hash_bytes(uint64_t hash, const char *text, size_t length);
#define TB_HASH_SEED 1469598103934665603ULL
#define TB_BLOOM_BITS (1u << 20)  /* Bloom filter over first-word hashes */
/* One more byte into a tb_hash_bytes hash (FNV-1a), inline for the coder. */
static inline uint64_t tb_hash_byte(uint64_t hash, unsigned char byte) {
  return (hash ^ byte) * 1099511628211ULL;
}
/* May a first word with this hash exist?  (No false negatives.) */
static inline int tb_bloom_may_have(const uint64_t *bloom, uint64_t hash) {
  return (bloom[(hash >> 20) % TB_BLOOM_BITS / 64] >> ((hash >> 20) % 64)) & 1;
}
/* The hash slot of key (hash from tb_hash_bytes), or NULL; no Bloom test
 * (the caller did it).  Inline for the coder. */
static inline const tb_hash_slot *tb_slot_find(const an_tabari_dict *dict, const char *key,
                                               size_t length, uint64_t hash) {
  size_t mask = dict->slot_capacity - 1;
  for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
    const tb_hash_slot *slot = &dict->slots[i];
    if (!slot->length) return NULL;
    if (slot->hash == hash && slot->length == length) {
      const char *text = dict->pool + slot->text;
      size_t k = 0;
      while (k < length && text[k] == key[k]) k++;
      if (k == length) return slot;
    }
  }
}
/* One slot of 256 per word, from its first two bytes: a word element of two
 * or more letters can match a token only if both have the same slot. */
static inline unsigned tb_word_slot(const char *word, size_t length) {
  unsigned value = (unsigned char)word[0] * 31u + (length > 1 ? (unsigned char)word[1] : 0u);
  return (value * 2654435761u) >> 24;
}
/* One slot of 256 from the first four bytes of a word of four or more: a
 * word element of four or more letters matches only tokens with the same
 * one (they start with its first four bytes). */
static inline unsigned tb_word_slot4(const char *word) {
  unsigned value = (unsigned char)word[0] * 29791u + (unsigned char)word[1] * 961u +
                   (unsigned char)word[2] * 31u + (unsigned char)word[3];
  return (value * 2246822519u) >> 24;
}
/* The slot a literal of two or more letters is filed under in pattern
 * signatures and indexes: tb_word_slot4 from four letters, else
 * tb_word_slot.  A token carries both. */
static inline unsigned tb_word_key(const char *word, size_t length) {
  return length >= 4 ? tb_word_slot4(word) : tb_word_slot(word, length);
}
/* The same folded to one bit of 64 (the slot's top six bits). */
static inline uint64_t tb_word_bit(const char *word, size_t length) {
  return 1ULL << (tb_word_slot(word, length) >> 2);
}

#endif
