/*
 * dict.c — the dictionary model: lifecycle, the phrase trie, lemma tables,
 * synonym sets, and the phrase matcher run over each sentence.
 */
#include "match/dict.h"

#include <stdlib.h>
#include <string.h>

#define GROW(array, count, capacity, initial) \
  an_array_reserve((void **)&(array), &(capacity), (count), sizeof *(array), (initial))

/* Grows an id-indexed table so that index is valid. */
int an_dict_reserve_index(uint32_t **table, uint32_t *capacity, uint32_t index);
int an_dict_reserve_index(uint32_t **table, uint32_t *capacity, uint32_t index) {
  size_t grown = *capacity;
  while (index >= grown)
    if (an_array_reserve((void **)table, &grown, grown, sizeof **table, 1024) != AN_OK) return AN_ERROR_MEMORY;
  *capacity = (uint32_t)grown;
  return AN_OK;
}

static uint32_t intern(an_dict *dict, const char *word) { return an_vocab_add(&dict->vocab, word, strlen(word)); }

void an_dict_bind_function_words(an_dict *dict);
void an_dict_bind_function_words(an_dict *dict) {
  an_function_words *f = &dict->fn;
  f->the = intern(dict, "the"); f->a = intern(dict, "a"); f->an = intern(dict, "an");
  f->this_ = intern(dict, "this"); f->that = intern(dict, "that"); f->these = intern(dict, "these");
  f->those = intern(dict, "those"); f->its = intern(dict, "its"); f->his = intern(dict, "his");
  f->her = intern(dict, "her"); f->their = intern(dict, "their"); f->our = intern(dict, "our");
  f->your = intern(dict, "your"); f->to = intern(dict, "to"); f->by = intern(dict, "by");
  f->of = intern(dict, "of"); f->from = intern(dict, "from"); f->with = intern(dict, "with");
  f->and_ = intern(dict, "and"); f->or_ = intern(dict, "or"); f->both = intern(dict, "both");
  f->who = intern(dict, "who"); f->which = intern(dict, "which"); f->whose = intern(dict, "whose");
  f->where = intern(dict, "where"); f->when = intern(dict, "when"); f->while_ = intern(dict, "while");
  f->it = intern(dict, "it"); f->he = intern(dict, "he"); f->she = intern(dict, "she");
  f->they = intern(dict, "they"); f->country = intern(dict, "country"); f->nation = intern(dict, "nation");
  f->be = intern(dict, "be"); f->not_ = intern(dict, "not"); f->in = intern(dict, "in");
  f->on = intern(dict, "on"); f->as = intern(dict, "as"); f->for_ = intern(dict, "for");
  f->at = intern(dict, "at"); f->headed = intern(dict, "headed"); f->led = intern(dict, "led");
  f->including = intern(dict, "including"); f->according = intern(dict, "according");
  f->citing = intern(dict, "citing"); f->also = intern(dict, "also"); f->backed = intern(dict, "backed");
  f->comma = intern(dict, ","); f->semicolon = intern(dict, ";"); f->colon = intern(dict, ":");
  f->said = intern(dict, "said"); f->has = intern(dict, "has"); f->have = intern(dict, "have");
  f->had = intern(dict, "had"); f->was = intern(dict, "was"); f->were = intern(dict, "were");
  f->is = intern(dict, "is"); f->are = intern(dict, "are"); f->been = intern(dict, "been");
  f->being = intern(dict, "being");
  f->about = intern(dict, "about"); f->into = intern(dict, "into"); f->over = intern(dict, "over");
  f->against = intern(dict, "against"); f->amid = intern(dict, "amid"); f->amidst = intern(dict, "amidst");
  f->after = intern(dict, "after"); f->before = intern(dict, "before"); f->during = intern(dict, "during");
  f->under = intern(dict, "under"); f->without = intern(dict, "without");
}

an_dict *an_dict_new(void) {
  an_dict *dict = calloc(1, sizeof *dict);
  if (!dict) return NULL;
  an_arena_init(&dict->vocab.arena);
  dict->node_count = 1; /* the root */
  an_dict_bind_function_words(dict);
  return dict;
}

void an_dict_free(an_dict *dict) {
  if (!dict) return;
  free(dict->vocab.words);
  free(dict->vocab.slots);
  an_arena_clear(&dict->vocab.arena);
  free(dict->lemma_of);
  free(dict->noun_base_of);
  free(dict->edge_keys);
  free(dict->edge_values);
  free(dict->node_entry);
  free(dict->entries);
  free(dict->options);
  free(dict->patterns);
  free(dict->elements);
  free(dict->verb_first);
  free(dict->noun_first);
  free(dict->set_members);
  for (uint32_t i = 0; i < dict->set_count; i++) free(dict->set_names[i]);
  free(dict->set_names);
  for (uint32_t i = 0; i < dict->file_count; i++) free(dict->files[i]);
  free(dict->files);
  an_tabari_dict_free(dict->tabari);
  free(dict);
}

const char *an_dict_summary(const an_dict *dict) {
  if (dict->tabari) return an_tabari_summary(dict->tabari);
  an_dict *mutable_dict = (an_dict *)dict;
  snprintf(mutable_dict->summary, sizeof mutable_dict->summary,
           "actors %d, agents %d, cues %d, verb patterns %d, words %u", dict->counts[0],
           dict->counts[1], dict->counts[2], dict->counts[3], dict->vocab.count);
  return dict->summary;
}

/* ---- hash of 64-bit keys (trie edges, set members) ---- */

static uint32_t key_slot(uint64_t key, uint32_t slots) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return (uint32_t)key & (slots - 1);
}

static int edges_grow(an_dict *dict) {
  uint32_t slots = dict->edge_slots ? dict->edge_slots * 2 : 4096;
  uint64_t *keys = calloc(slots, sizeof *keys);
  uint32_t *values = calloc(slots, sizeof *values);
  if (!keys || !values) { free(keys); free(values); return AN_ERROR_MEMORY; }
  for (uint32_t i = 0; i < dict->edge_slots; i++) {
    if (!dict->edge_keys[i]) continue;
    uint32_t slot = key_slot(dict->edge_keys[i], slots);
    while (keys[slot]) slot = (slot + 1) & (slots - 1);
    keys[slot] = dict->edge_keys[i];
    values[slot] = dict->edge_values[i];
  }
  free(dict->edge_keys);
  free(dict->edge_values);
  dict->edge_keys = keys;
  dict->edge_values = values;
  dict->edge_slots = slots;
  return AN_OK;
}

uint32_t an_dict_trie_child(const an_dict *dict, uint32_t node, uint32_t word) {
  if (!dict->edge_slots || !word) return 0;
  uint64_t key = (((uint64_t)node << 32) | word) + 1;
  for (uint32_t slot = key_slot(key, dict->edge_slots);; slot = (slot + 1) & (dict->edge_slots - 1)) {
    if (!dict->edge_keys[slot]) return 0;
    if (dict->edge_keys[slot] == key) return dict->edge_values[slot];
  }
}

/* Follows or creates the edge node --word--> child; returns child (0 on OOM). */
static uint32_t trie_add_child(an_dict *dict, uint32_t node, uint32_t word) {
  uint32_t child = an_dict_trie_child(dict, node, word);
  if (child) return child;
  if ((dict->edge_count + 1) * 2 > dict->edge_slots && edges_grow(dict) != AN_OK) return 0;
  uint64_t key = (((uint64_t)node << 32) | word) + 1;
  uint32_t slot = key_slot(key, dict->edge_slots);
  while (dict->edge_keys[slot]) slot = (slot + 1) & (dict->edge_slots - 1);
  child = dict->node_count++;
  dict->edge_keys[slot] = key;
  dict->edge_values[slot] = child;
  dict->edge_count++;
  return child;
}

/* Adds a phrase (word ids) for entry (1-based).  An equal phrase of the same
 * kind already present keeps the first entry (earlier lines win). */
int an_dict_add_phrase(an_dict *dict, const uint32_t *words, size_t count, uint32_t entry);
int an_dict_add_phrase(an_dict *dict, const uint32_t *words, size_t count, uint32_t entry) {
  uint32_t node = 0;
  for (size_t i = 0; i < count; i++)
    if (!(node = trie_add_child(dict, node, words[i]))) return AN_ERROR_MEMORY;
  if (an_dict_reserve_index(&dict->node_entry, &dict->node_capacity, node) != AN_OK) return AN_ERROR_MEMORY;
  uint32_t *link = &dict->node_entry[node];
  while (*link) {
    if (dict->entries[*link - 1].kind == dict->entries[entry - 1].kind) return AN_OK;
    link = &dict->entries[*link - 1].next;
  }
  *link = entry;
  return AN_OK;
}

uint32_t an_dict_new_entry(an_dict *dict, an_entry_kind kind, uint32_t file, uint32_t line);
uint32_t an_dict_new_entry(an_dict *dict, an_entry_kind kind, uint32_t file, uint32_t line) {
  if (GROW(dict->entries, dict->entry_count, dict->entry_capacity, 1024) != AN_OK) return 0;
  an_entry *entry = &dict->entries[dict->entry_count++];
  memset(entry, 0, sizeof *entry);
  entry->kind = (uint8_t)kind;
  entry->file = file;
  entry->line = line;
  entry->option_first = dict->option_count;
  return dict->entry_count;
}

int an_dict_add_option(an_dict *dict, uint32_t entry, const char *code, int32_t from, int32_t to);
int an_dict_add_option(an_dict *dict, uint32_t entry, const char *code, int32_t from, int32_t to) {
  if (GROW(dict->options, dict->option_count, dict->option_capacity, 1024) != AN_OK) return AN_ERROR_MEMORY;
  an_code_option *option = &dict->options[dict->option_count++];
  an_copy_string(option->code, sizeof option->code, code);
  option->from = from;
  option->to = to;
  dict->entries[entry - 1].option_count++;
  return AN_OK;
}

const an_code_option *an_dict_option_on(const an_dict *dict, const an_entry *entry, int32_t date) {
  const an_code_option *fallback = NULL;
  for (uint32_t i = 0; i < entry->option_count; i++) {
    const an_code_option *option = &dict->options[entry->option_first + i];
    bool dated = option->from || option->to;
    if (!dated) {
      if (!fallback) fallback = option;
      continue;
    }
    if (date && (!option->from || date >= option->from) && (!option->to || date <= option->to)) return option;
  }
  if (!date) {
    /* An unknown date: the range that lasts latest (an open end, a current
     * office) says more than the undated default (often "former"). */
    const an_code_option *latest = NULL;
    for (uint32_t i = 0; i < entry->option_count; i++) {
      const an_code_option *option = &dict->options[entry->option_first + i];
      if (!option->from && !option->to) continue;
      int32_t end = option->to ? option->to : 99999999;
      if (!latest || end > (latest->to ? latest->to : 99999999)) latest = option;
    }
    if (latest) return latest;
  }
  if (fallback) return fallback;
  return entry->option_count ? &dict->options[entry->option_first + entry->option_count - 1] : NULL;
}

/* ---- sets ---- */

static int set_grow(an_dict *dict) {
  uint32_t slots = dict->set_slots ? dict->set_slots * 2 : 1024;
  uint64_t *keys = calloc(slots, sizeof *keys);
  if (!keys) return AN_ERROR_MEMORY;
  for (uint32_t i = 0; i < dict->set_slots; i++) {
    if (!dict->set_members[i]) continue;
    uint32_t slot = key_slot(dict->set_members[i], slots);
    while (keys[slot]) slot = (slot + 1) & (slots - 1);
    keys[slot] = dict->set_members[i];
  }
  free(dict->set_members);
  dict->set_members = keys;
  dict->set_slots = slots;
  return AN_OK;
}

bool an_dict_set_has(const an_dict *dict, uint32_t set, uint32_t word) {
  if (!dict->set_slots) return false;
  uint64_t key = (((uint64_t)set << 32) | word) + 1;
  for (uint32_t slot = key_slot(key, dict->set_slots);; slot = (slot + 1) & (dict->set_slots - 1)) {
    if (!dict->set_members[slot]) return false;
    if (dict->set_members[slot] == key) return true;
  }
}

int an_dict_set_add(an_dict *dict, uint32_t set, uint32_t word);
int an_dict_set_add(an_dict *dict, uint32_t set, uint32_t word) {
  if (an_dict_set_has(dict, set, word)) return AN_OK;
  if ((dict->set_member_count + 1) * 2 > dict->set_slots && set_grow(dict) != AN_OK) return AN_ERROR_MEMORY;
  uint64_t key = (((uint64_t)set << 32) | word) + 1;
  uint32_t slot = key_slot(key, dict->set_slots);
  while (dict->set_members[slot]) slot = (slot + 1) & (dict->set_slots - 1);
  dict->set_members[slot] = key;
  dict->set_member_count++;
  return AN_OK;
}

/* ---- matching ---- */

/* vocab.c: looks up a word laid out in zero-padded 8-byte chunks. */
uint32_t an_vocab_find_padded(const an_vocab *vocab, const uint64_t *chunks, size_t length);

/* The token as an_token_normalize writes it (lowercase, curly apostrophes
 * folded), into zero-padded chunks; returns its length.  The token is at
 * most AN_WORD_MAX bytes. */
static size_t normalize_padded(const char *text, const an_token *token, uint64_t *chunks) {
  const unsigned char *p = (const unsigned char *)text + token->offset;
  size_t length = token->length;
  for (size_t k = 0; k < (length + 7) / 8; k++) chunks[k] = 0;
  unsigned char *out = (unsigned char *)chunks;
  size_t written = 0;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = p[i];
    if (c == 0xE2 && i + 2 < length && p[i + 1] == 0x80 && (p[i + 2] == 0x99 || p[i + 2] == 0x98)) {
      out[written++] = '\'';
      i += 2;
      continue;
    }
    out[written++] = (unsigned char)(c + ((unsigned)(c - 'A') < 26u ? 32 : 0));
  }
  return written;
}

/* normalize_padded for an ASCII token whose chunks may be read whole from
 * text (the bytes after the token, up to a multiple of eight, lie inside
 * text): eight bytes are lowercased at a time.  Returns false, having
 * written nothing useful, when a byte is not ASCII. */
static bool normalize_ascii(const char *text, const an_token *token, uint64_t *chunks) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t high = 0x8080808080808080ULL;
  size_t length = token->length;
  for (size_t k = 0; k * 8 < length; k++) {
    uint64_t chunk;
    memcpy(&chunk, text + token->offset + k * 8, 8);
    size_t left = length - k * 8;
    if (left < 8) chunk &= (1ULL << (8 * left)) - 1; /* the bytes past the token */
    if (chunk & high) return false;
    uint64_t upper = (chunk + 0x3F3F3F3F3F3F3F3FULL) & ~(chunk + 0x2525252525252525ULL) & high; /* 'A'..'Z' */
    chunks[k] = chunk | (upper >> 2);
  }
  return true;
#else
  (void)text; (void)token; (void)chunks;
  return false;
#endif
}

static void label_tokens(const an_dict *dict, const char *text, size_t text_length, an_token *tokens,
                         size_t count) {
  uint64_t chunks[AN_WORD_MAX / 8 + 1];
  for (size_t i = 0; i < count; i++) {
    an_token *token = &tokens[i];
    if (token->length > AN_WORD_MAX) { token->word = token->lemma = 0; continue; }
    size_t length = token->length;
    bool whole = (size_t)token->offset + (length + 7) / 8 * 8 <= text_length;
    if (!whole || !normalize_ascii(text, token, chunks)) length = normalize_padded(text, token, chunks);
    token->word = an_vocab_find_padded(&dict->vocab, chunks, length);
    token->lemma = token->word ? an_dict_lemma(dict, token->word) : 0;
  }
}

void an_dict_label_tokens(const an_dict *dict, const char *text, an_token *tokens, size_t count) {
  label_tokens(dict, text, 0, tokens, count);
}

/* an_dict_label_tokens knowing the text's length (bytes readable from text),
 * which lets it read eight bytes at a time. */
void an_dict_label_tokens_in(const an_dict *dict, const char *text, size_t text_length, an_token *tokens,
                             size_t count);
void an_dict_label_tokens_in(const an_dict *dict, const char *text, size_t text_length, an_token *tokens,
                             size_t count) {
  label_tokens(dict, text, text_length, tokens, count);
}

/* The first actor/agent entry and the first cue entry at a trie node
 * (1-based, 0 when none). */
static void entries_at(const an_dict *dict, uint32_t node, uint32_t *name, uint32_t *cue) {
  *name = *cue = 0;
  for (uint32_t e = node < dict->node_capacity ? dict->node_entry[node] : 0; e; e = dict->entries[e - 1].next) {
    if (dict->entries[e - 1].kind == AN_ENTRY_CUE) {
      if (!*cue) *cue = e;
    } else if (!*name) {
      *name = e;
    }
  }
}

/* The longest name phrase and the longest cue phrase starting at a token. */
typedef struct phrase_best {
  uint32_t name_entry, name_length;
  uint32_t cue_entry, cue_length;
} phrase_best;

/* Longest phrases from trie node at tokens[i]: each token may match as
 * written, as its lemma, or as its singular, so every reading is tried (in
 * that order, depth first; the first of the longest wins). */
typedef struct phrase_walk {
  const an_dict *dict;
  const an_token *tokens;
  size_t count;
  const uint32_t *root_child; /* word id -> child of the root (0 none), or NULL */
  uint32_t root_count;        /* word ids root_child covers */
} phrase_walk;

static uint32_t child_of(const phrase_walk *walk, uint32_t node, uint32_t word) {
  if (node == 0 && word < walk->root_count) return walk->root_child[word];
  return an_dict_trie_child(walk->dict, node, word);
}

static void longest_from(const phrase_walk *walk, size_t start, size_t i, uint32_t node, phrase_best *best) {
  const an_dict *dict = walk->dict;
  const an_token *tokens = walk->tokens;
  if (i >= walk->count || i - start >= AN_DICT_MAX_PHRASE_WORDS) return;
  uint32_t readings[3] = {tokens[i].word, tokens[i].lemma, an_dict_noun_base(dict, tokens[i].word)};
  for (int r = 0; r < 3; r++) {
    if (!readings[r] || (r > 0 && readings[r] == readings[0]) || (r == 2 && readings[2] == readings[1])) continue;
    uint32_t child = child_of(walk, node, readings[r]);
    if (!child) continue;
    uint32_t name, cue, length = (uint32_t)(i - start + 1);
    entries_at(dict, child, &name, &cue);
    if (name && length > best->name_length) {
      best->name_entry = name;
      best->name_length = length;
    }
    if (cue && length > best->cue_length) {
      best->cue_entry = cue;
      best->cue_length = length;
    }
    longest_from(walk, start, i + 1, child, best);
  }
}

/* Can a phrase start at tokens[i]: has the trie's root an edge for one of
 * its readings?  Without the root table, assume so. */
static bool may_start_phrase(const phrase_walk *walk, size_t i) {
  if (!walk->root_child) return true;
  const an_token *token = &walk->tokens[i];
  uint32_t readings[3] = {token->word, token->lemma, an_dict_noun_base(walk->dict, token->word)};
  for (int r = 0; r < 3; r++)
    if (readings[r] && (readings[r] >= walk->root_count || walk->root_child[readings[r]])) return true;
  return false;
}

/* One walk per start token serves both lists: names (longest first,
 * non-overlapping: a name's tokens start no other name) and cues (at every
 * token). */
static void find_phrases(const phrase_walk *walk, an_mention *names, size_t *name_count, an_mention *cues,
                         size_t *cue_count, size_t capacity) {
  *name_count = *cue_count = 0;
  size_t next_name = 0; /* the next token a name may start at */
  for (size_t i = 0; i < walk->count; i++) {
    phrase_best best = {0, 0, 0, 0};
    if (may_start_phrase(walk, i)) longest_from(walk, i, i, 0, &best);
    if (i == next_name) {
      if (best.name_entry && *name_count < capacity) {
        names[(*name_count)++] = (an_mention){(uint32_t)i, best.name_length, best.name_entry};
        next_name = i + best.name_length;
      } else {
        next_name = i + 1;
      }
    }
    if (best.cue_entry && *cue_count < capacity)
      cues[(*cue_count)++] = (an_mention){(uint32_t)i, best.cue_length, best.cue_entry};
  }
}

void an_dict_find_phrases(const an_dict *dict, const an_token *tokens, size_t count,
                          an_mention *names, size_t *name_count,
                          an_mention *cues, size_t *cue_count, size_t capacity) {
  phrase_walk walk = {dict, tokens, count, NULL, 0};
  find_phrases(&walk, names, name_count, cues, cue_count, capacity);
}

/* The trie's root edges as a table: root[word] = child (0 none), for word
 * ids below count (caller-owned, count entries, zeroed). */
void an_dict_root_children(const an_dict *dict, uint32_t *root, uint32_t count);
void an_dict_root_children(const an_dict *dict, uint32_t *root, uint32_t count) {
  for (uint32_t slot = 0; slot < dict->edge_slots; slot++) {
    uint64_t key = dict->edge_keys[slot];
    if (!key || (key - 1) >> 32) continue; /* empty, or not from the root */
    uint32_t word = (uint32_t)(key - 1);
    if (word < count) root[word] = dict->edge_values[slot];
  }
}

/* an_dict_find_phrases with the root edges looked up in root (from
 * an_dict_root_children; NULL: in the trie's hash). */
void an_dict_find_phrases_rooted(const an_dict *dict, const uint32_t *root, uint32_t root_count,
                                 const an_token *tokens, size_t count, an_mention *names, size_t *name_count,
                                 an_mention *cues, size_t *cue_count, size_t capacity);
void an_dict_find_phrases_rooted(const an_dict *dict, const uint32_t *root, uint32_t root_count,
                                 const an_token *tokens, size_t count, an_mention *names, size_t *name_count,
                                 an_mention *cues, size_t *cue_count, size_t capacity) {
  phrase_walk walk = {dict, tokens, count, root, root ? root_count : 0};
  find_phrases(&walk, names, name_count, cues, cue_count, capacity);
}
