/*
 * tabari_code.c — coding one sentence with TABARI's semantics (manual 0.8.4
 * chapters 5-7): tokens as byte spans, roots found by longest dictionary
 * match, nouns shifted by determiners and capitals, agents attached to
 * actors, compound actors, pronoun references, comma-delimited clauses
 * dropped, conjunction clauses, verb patterns tried longest first with
 * $ + % ^ tokens, default source/target rules, passive voice, paired and
 * subordinate codes, discards and complexity conditions.
 */
#include "tabari/tabari_code.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TB_MAX_MATCH_STEPS 4000 /* backtracking budget of one pattern */
#define TB_MAX_SKIPS 8          /* '^' actors remembered for one pattern */
#define TB_MAX_WORD 256         /* bytes of one token kept (one for the NUL) */
_Static_assert(TB_MAX_WORD - 1 <= TB_TRIE_MAX_KEY, "the trie holds every first word a token can be");
#define TB_MAX_CODE 39          /* bytes of an actor code kept */

enum { /* unit kinds */
  U_LITERAL = 0, U_ACTOR, U_AGENT, U_VERB, U_NOUN, U_ADJECTIVE, U_TIME,
  U_DETERMINER, U_CONJ, U_PRONOUN, U_AUX, U_BY, U_COMMA, U_NUMBER, U_OF
};

typedef struct token {
  uint32_t offset, length;   /* bytes in the text */
  uint16_t normal, normal_length; /* in the sentence's normal buffer */
  uint8_t capital, comma, number;
  uint8_t slot;              /* tb_word_slot of the normal text */
  uint8_t slot4;             /* tb_word_slot4 of it (normal_length >= 4) */
} token;

typedef struct unit {
  uint16_t start, end;       /* tokens [start, end) */
  uint8_t kind;
  uint8_t deleted;           /* inside a dropped comma clause */
  uint8_t in_compound;       /* comma/conj/actor inside a compound */
  uint8_t is_head;           /* first actor of a compound */
  int16_t head;              /* compound head unit, or -1 */
  int16_t reference;         /* pronoun: actor unit referred to, or -1 */
  uint32_t phrase;           /* dictionary phrase */
  const char *code;          /* actor/agent: resolved code (may hold '/'),
                                at most TB_MAX_CODE bytes; borrowed from the
                                dictionary pool, a literal, or the unit's own
                                buffer in sentence.codes */
} unit;

typedef struct sentence {
  const an_tabari_dict *dict;
  const tb_options *options;
  const char *text;
  an_span span;
  uint32_t date;
  token tokens[TB_MAX_TOKENS];
  size_t token_count;
  unit units[TB_MAX_TOKENS];
  size_t unit_count;
  int16_t unit_of[TB_MAX_TOKENS];
  uint16_t live_next[TB_MAX_TOKENS + 1]; /* first live token at or after t */
  uint16_t live_end[TB_MAX_TOKENS + 1];  /* e' <= e with token e'-1 live, or 0 */
  char normal[TB_MAX_NORMAL];
  size_t normal_length;
  int all_caps;
  int discard, complex;
  uint64_t slots[TB_SIGNATURE_WORDS]; /* tb_word_slot of every token, as bits */
  uint64_t bits;             /* tb_word_bit of every token */
  char *forward;             /* FORWARD: actor carried between sentences, or NULL */
  char codes[TB_MAX_TOKENS][TB_MAX_CODE + 1]; /* codes built for units (an
                                agent joined, a forwarded actor, a long code
                                cut); only the first code_count are in use */
  size_t code_count;
} sentence;

/* ---- tokens ------------------------------------------------------------- */

/* Does some token of the sentence have word slot slot? */
/* Bits set in x (without a libgcc call: the build has no -mpopcnt). */
static inline unsigned count_bits(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

static inline int has_slot(const sentence *s, unsigned slot) {
  return (s->slots[slot >> 6] >> (slot & 63)) & 1;
}


/* ASCII classes (no locale, no function call per byte). */
static inline int ascii_upper(unsigned c) { return c - 'A' < 26u; }
static inline int ascii_lower(unsigned c) { return c - 'a' < 26u; }
static inline int ascii_digit(unsigned c) { return c - '0' < 10u; }
static inline int ascii_alnum(unsigned c) { return ascii_upper(c) || ascii_lower(c) || ascii_digit(c); }
static inline unsigned ascii_toupper(unsigned c) { return ascii_lower(c) ? c - 32u : c; }
static inline int ascii_letter(unsigned c) { return (c | 32u) - 'a' < 26u; }

static int is_word_byte(unsigned char c) {
  return ascii_alnum(c) || c == '\'' || c == '&' || c == '.' || c >= 0x80;
}

static inline void add_token(sentence *s, size_t start, size_t end, const char *normal,
                             size_t length, int comma) {
  size_t count = s->token_count, at = s->normal_length;
  if (count >= TB_MAX_TOKENS || at + length + 1 > TB_MAX_NORMAL) return;
  unsigned slot = tb_word_slot(normal, length);
  s->tokens[count] = (token){(uint32_t)start, (uint32_t)(end - start), (uint16_t)at,
                             (uint16_t)length, ascii_upper((unsigned char)s->text[start]) != 0,
                             (uint8_t)comma, ascii_digit((unsigned char)normal[0]) != 0,
                             (uint8_t)slot, (uint8_t)(length >= 4 ? tb_word_slot4(normal) : slot)};
  s->token_count = count + 1;
  s->slots[slot >> 6] |= 1ULL << (slot & 63);
  s->bits |= 1ULL << (slot >> 2);
  char *into = s->normal + at;
  if (normal != into) memmove(into, normal, length); /* read_word may have written it there */
  into[length] = '\0';
  s->normal_length = at + length + 1;
}

/* An ASCII letter or digit upper-cased, else 0 (the tokeniser's byte class). */
#define TB_U8(c) ((c) >= 'a' && (c) <= 'z' ? (c) - 32 : ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9') ? (c) : 0)
#define TB_U8x4(c) TB_U8(c), TB_U8(c + 1), TB_U8(c + 2), TB_U8(c + 3)
#define TB_U8x16(c) TB_U8x4(c), TB_U8x4(c + 4), TB_U8x4(c + 8), TB_U8x4(c + 12)
static const unsigned char alnum_upper[256] = {
  TB_U8x16(0), TB_U8x16(16), TB_U8x16(32), TB_U8x16(48),
  TB_U8x16(64), TB_U8x16(80), TB_U8x16(96), TB_U8x16(112)};

/* Reads one word starting at i; returns the index after it. */
static size_t read_word(sentence *s, size_t i, size_t end) {
  char spare[TB_MAX_WORD];
  /* straight into the normal text when it has room (add_token keeps it) */
  char *buffer = s->normal_length + TB_MAX_WORD <= TB_MAX_NORMAL ? s->normal + s->normal_length : spare;
  size_t n = 0, start = i;
  const char *text = s->text;
  while (i < end) {
    unsigned char c = (unsigned char)text[i], upper = alnum_upper[c];
    if (upper) { /* the common case, as below */
      if (n < TB_MAX_WORD - 1) buffer[n++] = (char)upper;
      i++;
      continue;
    }
    if (c == 0xE2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80 &&
        (unsigned char)text[i + 2] == 0x99) { /* ’ */
      if (n < TB_MAX_WORD - 1) buffer[n++] = '\'';
      i += 3;
      continue;
    }
    if (c == 0xE2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80) break; /* “ ” – */
    if (c == ',' && n && ascii_digit((unsigned char)buffer[n - 1]) && i + 1 < end &&
        ascii_digit((unsigned char)text[i + 1])) { i++; continue; } /* 1,500 */
    if (!is_word_byte(c)) break;
    if (c == '.') {
      int after_lower = i > start && ascii_lower((unsigned char)text[i - 1]);
      int next_word = i + 1 < end && ascii_alnum((unsigned char)text[i + 1]);
      if (after_lower && !next_word) break;
      if (!next_word && (n == 0 || !ascii_upper((unsigned char)buffer[n - 1]))) break;
    }
    if (n < TB_MAX_WORD - 1) buffer[n++] = (char)ascii_toupper(c);
    i++;
  }
  size_t word_end = i;
  size_t first = 0;
  while (first < n && (buffer[first] == '\'' || buffer[first] == '.')) first++;
  while (n > first && buffer[n - 1] == '\'' && !(n >= 2 && buffer[n - 2] == 'S')) n--;
  if (n > first) add_token(s, start, word_end, buffer + first, n - first, 0);
  return word_end > start ? word_end : start + 1;
}

static void tokenize(sentence *s) {
  size_t i = s->span.offset, end = s->span.offset + s->span.length;
  int lower = 0, upper = 0;
  while (i < end) {
    unsigned char c = (unsigned char)s->text[i];
    if (ascii_lower(c)) lower++;
    else if (ascii_upper(c)) upper++;
    if (c == ',' || c == ';') { add_token(s, i, i + 1, ",", 1, 1); i++; continue; }
    if (is_word_byte(c) && c != '.' && c != '\'') { i = read_word(s, i, end); continue; }
    if (c == 0xE2 && i + 2 < end && (unsigned char)s->text[i + 1] == 0x80) { i += 3; continue; }
    i++;
  }
  s->all_caps = lower == 0 && upper > 0;
}

static inline const char *token_text(const sentence *s, size_t t) {
  return s->normal + s->tokens[t].normal;
}

/* Copies up to size-1 bytes of text[0, length) and a NUL (snprintf without
 * the format parsing, which showed in profiles). */
static void copy_text(char *out, size_t size, const char *text, size_t length) {
  if (length >= size) length = size - 1;
  memcpy(out, text, length);
  out[length] = '\0';
}

static void copy_string(char *out, size_t size, const char *text) {
  copy_text(out, size, text, strlen(text));
}

/* ---- word matching ------------------------------------------------------ */

static inline int regular_ending(const char *rest, size_t length) {
  /* S ES ED D EN ING 'S S' ' */
  switch (length) {
  case 1: return rest[0] == 'S' || rest[0] == 'D' || rest[0] == '\'';
  case 2:
    return (rest[0] == 'E' && (rest[1] == 'S' || rest[1] == 'D' || rest[1] == 'N')) ||
           (rest[0] == '\'' && rest[1] == 'S') || (rest[0] == 'S' && rest[1] == '\'');
  case 3: return rest[0] == 'I' && rest[1] == 'N' && rest[2] == 'G';
  default: return 0;
  }
}

/* Does element e match token text w?  last: the element ends a root
 * phrase (regular endings allowed on exact words). */
static inline int word_matches(const an_tabari_dict *dict, const tb_element *e, const char *w,
                               size_t length, int last) {
  const char *word = dict->pool + e->text;
  size_t n = e->length;
  if (length < n || w[0] != word[0]) return 0; /* most calls stop here */
  for (size_t i = 1; i < n; i++)
    if (w[i] != word[i]) return 0;
  if (e->mode == TB_MATCH_STEM) return 1;
  if (length == e->length) return 1;
  return e->mode == TB_MATCH_EXACT && last && regular_ending(w + e->length, length - e->length);
}

/* Tries the rest of a root phrase after its first word matched token t.
 * Returns the end token (exclusive) or 0 when it fails. */
static size_t match_root_rest(const sentence *s, const tb_phrase *phrase, size_t t) {
  const an_tabari_dict *dict = s->dict;
  const tb_element *e = dict->elements + phrase->first;
  size_t at = t + 1;
  for (uint16_t k = 1; k < phrase->count; k++) {
    int adjacent = e[k - 1].adjacent;
    /* a word of two or more letters absent from the sentence cannot match */
    if (e[k].length >= 2 && !has_slot(s, tb_word_slot(dict->pool + e[k].text, e[k].length)))
      return 0;
    size_t q = at;
    for (; q < s->token_count; q++) {
      if (s->tokens[q].comma) return 0;
      const char *w = token_text(s, q);
      if (word_matches(dict, &e[k], w, s->tokens[q].normal_length, k + 1 == phrase->count)) break;
      if (adjacent) return 0;
    }
    if (q >= s->token_count) return 0;
    at = q + 1;
  }
  return at;
}

/* The best root of one prefix so far (see try_group). */
typedef struct root_choice {
  int64_t floor;      /* a phrase must score above this */
  uint8_t first_ok[3]; /* may a first word of this TB_FIRST_* kind match? */
  uint32_t phrase;    /* UINT32_MAX: none yet */
  size_t end;
} root_choice;

/* Tries the entries of one group (chain order: scores decreasing) for the
 * token t whose first word is w; the first that scores above the floor and
 * matches becomes the choice. */
static inline void try_group(const sentence *s, const tb_chain_group *group, size_t t,
                             root_choice *choice) {
  const an_tabari_dict *dict = s->dict;
  const tb_chain_entry *entry = dict->chain + group->start, *stop = entry + group->count;
  for (; entry < stop && (int64_t)entry->score > choice->floor; entry++) {
    /* every later word of two or more letters occurs (64 bits, then 256) */
    if (entry->bits & ~s->bits) continue;
    int present = 1;
    for (uint8_t k = 1; k < entry->need_count && present; k++) present = has_slot(s, entry->need[k]);
    if (!present) continue;
    if (!choice->first_ok[entry->first]) continue;
    const tb_phrase *phrase = &dict->phrases[entry->phrase];
    size_t end = phrase->count == 1 ? t + 1 : match_root_rest(s, phrase, t);
    if (end) {
      choice->floor = (int64_t)entry->score;
      choice->phrase = entry->phrase;
      choice->end = end;
      return;
    }
  }
}

/* Finds the best root starting at token t: the heaviest phrase that
 * matches (the first in chain order among equals, the shortest first word
 * among equal weights).  Returns the phrase index or UINT32_MAX; sets *end. */
static uint32_t best_root(const sentence *s, size_t t, size_t *end) {
  const an_tabari_dict *dict = s->dict;
  const char *w = token_text(s, t);
  size_t length = s->tokens[t].normal_length;
  uint32_t best = UINT32_MAX;
  int64_t best_weight = -1;
  const tb_trie_cell *cells = dict->trie;
  if (!cells || !dict->slot_capacity) return best;
  /* the group of phrases whose second word is the next token */
  unsigned next_key = t + 1 < s->token_count && !s->tokens[t + 1].comma
                          ? TB_GROUP_NEXT + s->tokens[t + 1].slot : TB_GROUP_KEYS;
  uint32_t node = 0;
  for (size_t prefix = 1; prefix <= length; prefix++) {
    /* the trie node of w[0, prefix); none: no first word starts so */
    uint32_t at = cells[node].base + (unsigned char)w[prefix - 1];
    if (cells[at].check != (int32_t)node) break;
    node = at;
    if (cells[at].slot == UINT32_MAX) continue;
    const tb_hash_slot *slot = dict->slots + cells[at].slot;
    /* the slot's key is the first word, w[0, prefix); nothing in it can
     * win when its heaviest phrase is no heavier than the best so far (a
     * longer first word must weigh more), or when no entry's first word
     * may match this much of the token */
    if ((int64_t)slot->heaviest <= best_weight) continue;
    int whole = prefix == length;
    int ending = whole || regular_ending(w + prefix, length - prefix);
    unsigned kinds = 1u << TB_FIRST_PREFIX | (unsigned)whole << TB_FIRST_WHOLE |
                     (unsigned)ending << TB_FIRST_ENDING;
    if (!(slot->first_kinds & kinds)) continue;
    root_choice choice = {((best_weight + 1) << 32) - 1, {1, (uint8_t)whole, (uint8_t)ending},
                          UINT32_MAX, 0};
    const tb_chain_group *groups = dict->groups + slot->groups;
    if (slot->index == UINT32_MAX) {
      for (uint16_t g = 0; g < slot->group_count; g++) {
        unsigned key = groups[g].key;
        if (key < TB_GROUP_NONE ? has_slot(s, key) : key == TB_GROUP_NONE || key == next_key)
          try_group(s, &groups[g], t, &choice);
      }
    } else {
      const tb_group_mask *mask = dict->group_masks + slot->index;
      if (mask->none) try_group(s, &groups[mask->none - 1], t, &choice);
      if (next_key < TB_GROUP_KEYS) {
        unsigned bit = next_key - 1, word = bit >> 6;
        uint64_t below = (1ULL << (bit & 63)) - 1;
        if ((mask->keys[word] >> (bit & 63)) & 1)
          try_group(s, &groups[mask->before[word] + count_bits(mask->keys[word] & below)],
                    t, &choice);
      }
      for (unsigned word = 0; word < 4; word++) {
        uint64_t hits = mask->keys[word] & s->slots[word];
        while (hits) {
          uint64_t below = (hits & -hits) - 1;
          hits &= hits - 1;
          try_group(s, &groups[mask->before[word] + count_bits(mask->keys[word] & below)],
                    t, &choice);
        }
      }
    }
    if (choice.phrase != UINT32_MAX) {
      best = choice.phrase;
      best_weight = (int64_t)(choice.floor >> 32);
      *end = choice.end;
    }
  }
  return best;
}

/* ---- classification ---------------------------------------------------- */

/* The word's bytes packed into one number (length <= 5), for a switch. */
#define TB_PACK2(a, b) ((unsigned)(a) << 8 | (unsigned)(b))
#define TB_PACK3(a, b, c) (TB_PACK2(a, b) << 8 | (unsigned)(c))
#define TB_PACK4(a, b, c, d) (TB_PACK3(a, b, c) << 8 | (unsigned)(d))

static int builtin_kind(const char *w, size_t length) {
  /* THE A AN, AND BUT OR NOR, HE SHE IT ITS HIS HER THEY THEM THEIR HIM,
   * WAS WERE BEEN, BY, OF IN */
  if (length > 5) return U_LITERAL; /* THEIR is the longest */
  if (length == 5)
    return w[0] == 'T' && w[1] == 'H' && w[2] == 'E' && w[3] == 'I' && w[4] == 'R' ? U_PRONOUN
                                                                                    : U_LITERAL;
  unsigned packed = 0;
  for (size_t i = 0; i < length; i++) packed = packed << 8 | (unsigned char)w[i];
  switch (packed) {
  case 'A': case TB_PACK2('A', 'N'): case TB_PACK3('T', 'H', 'E'): return U_DETERMINER;
  case TB_PACK3('A', 'N', 'D'): case TB_PACK3('B', 'U', 'T'): case TB_PACK2('O', 'R'):
  case TB_PACK3('N', 'O', 'R'): return U_CONJ;
  case TB_PACK2('H', 'E'): case TB_PACK3('S', 'H', 'E'): case TB_PACK2('I', 'T'):
  case TB_PACK3('I', 'T', 'S'): case TB_PACK3('H', 'I', 'S'): case TB_PACK3('H', 'E', 'R'):
  case TB_PACK4('T', 'H', 'E', 'Y'): case TB_PACK4('T', 'H', 'E', 'M'):
  case TB_PACK3('H', 'I', 'M'): return U_PRONOUN;
  case TB_PACK3('W', 'A', 'S'): case TB_PACK4('W', 'E', 'R', 'E'): case TB_PACK4('B', 'E', 'E', 'N'):
    return U_AUX;
  case TB_PACK2('B', 'Y'): return U_BY;
  case TB_PACK2('O', 'F'): case TB_PACK2('I', 'N'): return U_OF;
  default: return U_LITERAL;
  }
}

static int root_unit_kind(int root_kind) {
  switch (root_kind) {
  case TB_ROOT_ACTOR: return U_ACTOR;
  case TB_ROOT_AGENT: return U_AGENT;
  case TB_ROOT_VERB: return U_VERB;
  case TB_ROOT_NOUN: return U_NOUN;
  case TB_ROOT_ADJECTIVE: return U_ADJECTIVE;
  case TB_ROOT_TIME: return U_TIME;
  default: return U_LITERAL;
  }
}

static inline unit *new_unit(sentence *s, size_t start, size_t end, int kind) {
  unit *u = &s->units[s->unit_count];
  *u = (unit){(uint16_t)start, (uint16_t)end, (uint8_t)kind, 0, 0, 0, -1, -1, UINT32_MAX, ""};
  for (size_t t = start; t < end; t++) s->unit_of[t] = (int16_t)s->unit_count;
  s->unit_count++;
  return u;
}

/* A code buffer of the sentence's own, or NULL when all are taken (a
 * unit takes at most one for its dictionary code and one per change, so
 * only a dictionary of over-long codes could exhaust them). */
static char *new_code(sentence *s) {
  return s->code_count < TB_MAX_TOKENS ? s->codes[s->code_count++] : NULL;
}

/* Sets u's code to text (borrowed: it outlives the sentence), cut to
 * TB_MAX_CODE bytes in a buffer of the sentence if longer. */
static void set_code(sentence *s, unit *u, const char *text) {
  size_t length = 0;
  while (length <= TB_MAX_CODE && text[length]) length++;
  if (length <= TB_MAX_CODE) { u->code = text; return; }
  char *buffer = new_code(s);
  if (buffer) copy_text(buffer, TB_MAX_CODE + 1, text, length);
  u->code = buffer ? buffer : "";
}

/* Is code exactly the three bytes of special ("---", "###", "+++")? */
static inline int is_special(const char *code, const char *special) {
  return code[0] == special[0] && code[1] == special[1] && code[2] == special[2] && !code[3];
}

/* Picks the code of an actor valid on the sentence date. */
static const char *actor_code(const sentence *s, uint32_t first) {
  const an_tabari_dict *dict = s->dict;
  const char *fallback = "---";
  for (uint32_t i = first;; i++) {
    const tb_actor_code *code = &dict->codes[i];
    if (!code->restricted) fallback = dict->pool + code->code;
    else if (s->date && (!code->from || s->date >= code->from) && (!code->to || s->date <= code->to))
      return dict->pool + code->code;
    if (code->last) break;
  }
  return fallback;
}

static void classify(sentence *s) {
  for (size_t t = 0; t < s->token_count;) {
    if (s->tokens[t].comma) { new_unit(s, t, t + 1, U_COMMA); t++; continue; }
    size_t end = t + 1;
    uint32_t p = best_root(s, t, &end);
    if (p == UINT32_MAX) {
      int kind = s->tokens[t].number ? U_NUMBER
                 : builtin_kind(token_text(s, t), s->tokens[t].normal_length);
      new_unit(s, t, t + 1, kind);
      t++;
      continue;
    }
    const tb_phrase *phrase = &s->dict->phrases[p];
    unit *u = new_unit(s, t, end, root_unit_kind(phrase->kind));
    u->phrase = p;
    if (phrase->kind == TB_ROOT_ACTOR) {
      set_code(s, u, actor_code(s, phrase->payload));
      if (is_special(u->code, "---")) u->kind = U_NOUN;
      else if (is_special(u->code, "###")) s->discard = 1;
      else if (is_special(u->code, "+++")) s->complex = 1;
    } else if (phrase->kind == TB_ROOT_DISCARD) {
      s->discard = 1;
    } else if (phrase->kind == TB_ROOT_AGENT) {
      set_code(s, u, s->dict->pool + phrase->payload);
    }
    t = end;
  }
}

static int is_actorish(const unit *u) {
  return u->kind == U_ACTOR || (u->kind == U_PRONOUN && u->reference >= 0);
}

/* Verbs after a determiner or capitalised mid-sentence are nouns. */
static void shift_nouns(sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    unit *u = &s->units[i];
    if (u->kind != U_VERB) continue;
    if (i > 0 && s->units[i - 1].kind == U_DETERMINER) u->kind = U_NOUN;
    else if (!s->all_caps && u->start > 0 && s->tokens[u->start].capital) u->kind = U_NOUN;
  }
}

/* Adds agent code (with ~) to the actor code of unit actor (the joined
 * code goes in a buffer of the sentence). */
static void apply_agent(sentence *s, unit *actor, const char *agent) {
  const char *code = actor->code;
  size_t agent_length = strlen(agent);
  char bare[40];
  size_t n = 0;
  for (size_t i = 0; i < agent_length && n < sizeof bare - 1; i++)
    if (agent[i] != '~') bare[n++] = agent[i];
  bare[n] = '\0';
  if (!n) return;
  size_t length = strlen(code);
  for (size_t at = 0; at + n <= length; at += 3)
    if (!memcmp(code + at, bare, n)) return; /* already there, aligned */
  char joined[80]; /* code (< 40) and bare (< 40): no truncation */
  const char *head = agent[0] == '~' ? code : bare, *tail = agent[0] == '~' ? bare : code;
  size_t head_length = strlen(head), tail_length = strlen(tail);
  memcpy(joined, head, head_length);
  memcpy(joined + head_length, tail, tail_length);
  size_t joined_length = head_length + tail_length;
  char *buffer = new_code(s);
  if (!buffer) return;
  copy_text(buffer, TB_MAX_CODE + 1, joined, joined_length);
  actor->code = buffer;
}

/* Is unit i the plain word FORMER? */
static int is_former(const sentence *s, size_t i) {
  const unit *u = &s->units[i];
  return u->kind == U_LITERAL && u->end == u->start + 1 && !strcmp(token_text(s, u->start), "FORMER");
}

/* "Former" agents (manual 5.4.1): FORMER right before the actor or the
 * agent of a pair makes the agent an elite, ~ELI (or ELI~). */
static void apply_former_agent(sentence *s, unit *actor, const char *agent) {
  apply_agent(s, actor, agent[0] == '~' ? "~ELI" : "ELI~");
}

static void attach_agents(sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    unit *agent = &s->units[i];
    if (agent->kind != U_AGENT) continue;
    unit *actor = NULL;
    int former = i > 0 && is_former(s, i - 1);
    size_t before = former ? i - 1 : i; /* "ACTOR former AGENT" */
    if (before > 0 && s->units[before - 1].kind == U_ACTOR) actor = &s->units[before - 1];
    else if (i > 0 && s->units[i - 1].kind == U_ACTOR) actor = &s->units[i - 1];
    else if (i + 1 < s->unit_count && s->units[i + 1].kind == U_ACTOR) actor = &s->units[i + 1];
    else if (i + 1 < s->unit_count && s->units[i + 1].kind == U_OF) {
      size_t j = i + 2;
      while (j < s->unit_count && s->units[j].kind == U_DETERMINER) j++;
      if (j < s->unit_count && s->units[j].kind == U_ACTOR) actor = &s->units[j];
    }
    if (actor) {
      size_t actor_index = (size_t)(actor - s->units);
      if (actor_index > 0 && is_former(s, actor_index - 1)) former = 1;
      if (former) apply_former_agent(s, actor, agent->code);
      else apply_agent(s, actor, agent->code);
      agent->kind = U_NOUN;
    } else if (s->options->convert_agents) {
      agent->kind = U_ACTOR;
    } else {
      agent->kind = U_NOUN;
    }
  }
}

/* Skips determiners and adjectives from unit i; returns the next unit. */
static size_t skip_modifiers(const sentence *s, size_t i) {
  while (i < s->unit_count &&
         (s->units[i].kind == U_DETERMINER || s->units[i].kind == U_ADJECTIVE))
    i++;
  return i;
}

static int is_and(const sentence *s, const unit *u) {
  return u->kind == U_CONJ && !strcmp(token_text(s, u->start), "AND");
}

/* np (, np)* AND np: marks the members, commas and the conjunction. */
static void find_compounds(sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    if (s->units[i].kind != U_ACTOR || s->units[i].in_compound) continue;
    size_t members[TB_MAX_COMPOUND], separators[TB_MAX_COMPOUND];
    size_t member_count = 1, separator_count = 0;
    members[0] = i;
    int closed = 0;
    size_t at = i + 1;
    while (at < s->unit_count && member_count < TB_MAX_COMPOUND) {
      const unit *u = &s->units[at];
      int comma = u->kind == U_COMMA, conj = is_and(s, u);
      if (comma && at + 1 < s->unit_count && is_and(s, &s->units[at + 1])) { separators[separator_count++] = at; at++; u = &s->units[at]; conj = 1; comma = 0; }
      if (!comma && !conj) break;
      size_t next = skip_modifiers(s, at + 1);
      if (next >= s->unit_count || s->units[next].kind != U_ACTOR) break;
      separators[separator_count++] = at;
      members[member_count++] = next;
      at = next + 1;
      if (conj) { closed = 1; break; }
    }
    if (!closed) continue;
    for (size_t k = 0; k < member_count; k++) {
      s->units[members[k]].in_compound = 1;
      s->units[members[k]].head = (int16_t)i;
    }
    s->units[i].is_head = 1;
    for (size_t k = 0; k < separator_count; k++) s->units[separators[k]].in_compound = 1;
    i = members[member_count - 1];
  }
  /* compound nouns and adjectives keep their conjunction out of clauses */
  for (size_t i = 1; i + 1 < s->unit_count; i++) {
    unit *u = &s->units[i];
    if (u->kind != U_CONJ) continue;
    int before = s->units[i - 1].kind;
    size_t next = skip_modifiers(s, i + 1);
    int after = next < s->unit_count ? s->units[next].kind : -1;
    if ((before == U_NOUN && after == U_NOUN) ||
        (before == U_ADJECTIVE && s->units[i + 1].kind == U_ADJECTIVE))
      u->in_compound = 1;
  }
}

/* The representative of an actor unit: its compound head, or itself. */
static size_t representative(const sentence *s, size_t i) {
  const unit *u = &s->units[i];
  if (u->kind == U_PRONOUN) return (size_t)u->reference;
  return u->head >= 0 ? (size_t)u->head : i;
}

static void resolve_pronouns(sentence *s) {
  long first_actor = -1, first_compound = -1;
  for (size_t i = 0; i < s->unit_count; i++) {
    if (s->units[i].kind != U_ACTOR) continue;
    if (first_actor < 0) first_actor = (long)representative(s, i);
    if (first_compound < 0 && s->units[i].is_head) first_compound = (long)i;
  }
  long last_actor = -1;
  for (size_t i = 0; i < s->unit_count; i++) {
    unit *u = &s->units[i];
    if (u->kind == U_ACTOR) { if (last_actor < 0) last_actor = (long)representative(s, i); continue; }
    if (u->kind != U_PRONOUN) continue;
    const char *w = token_text(s, u->start);
    long target = -1;
    if (!strcmp(w, "HE") || !strcmp(w, "SHE") || !strcmp(w, "IT") || !strcmp(w, "HIM"))
      target = first_actor;
    else if (!strcmp(w, "ITS") || !strcmp(w, "HIS") || !strcmp(w, "HER"))
      target = last_actor;
    else
      target = first_compound >= 0 ? first_compound : first_actor;
    u->reference = (int16_t)target;
    /* FORWARD (manual 8.4): a pronoun before any actor of the sentence
     * refers to the first actor of the previous sentence of the story */
    if (last_actor < 0 && s->forward && s->forward[0]) {
      u->reference = -1;
      u->kind = U_ACTOR;
      char *buffer = new_code(s);
      if (buffer) copy_string(buffer, TB_MAX_CODE + 1, s->forward);
      u->code = buffer ? buffer : "";
    }
  }
}

static size_t words_between(const sentence *s, size_t from, size_t to) {
  size_t count = 0;
  for (size_t i = from; i < to; i++) count += s->units[i].end - s->units[i].start;
  return count;
}

static void drop_comma_clauses(sentence *s) {
  const tb_options *o = s->options;
  if (o->comma_off) return;
  size_t commas[TB_MAX_TOKENS];
  size_t count = 0;
  for (size_t i = 0; i < s->unit_count; i++)
    if (s->units[i].kind == U_COMMA && !s->units[i].in_compound) commas[count++] = i;
  if (!count) return;
  size_t first_words = words_between(s, 0, commas[0]);
  if ((int)first_words >= o->comma_bmin && (int)first_words <= o->comma_bmax)
    for (size_t i = 0; i < commas[0]; i++) s->units[i].deleted = 1;
  int previous_deleted = 0;
  for (size_t k = 0; k + 1 < count; k++) {
    size_t words = words_between(s, commas[k] + 1, commas[k + 1]);
    previous_deleted = (int)words > o->comma_min && (int)words <= o->comma_max;
    if (previous_deleted)
      for (size_t i = commas[k]; i < commas[k + 1]; i++) s->units[i].deleted = 1;
  }
  /* a terminal clause right after a dropped one is kept (the chain ends) */
  size_t last_words = words_between(s, commas[count - 1] + 1, s->unit_count);
  if (!previous_deleted && (int)last_words > o->comma_emin && (int)last_words <= o->comma_emax)
    for (size_t i = commas[count - 1]; i < s->unit_count; i++) s->units[i].deleted = 1;
}

/* Fills live_next and live_end once the comma clauses are dropped. */
static void index_live_tokens(sentence *s) {
  size_t n = s->token_count;
  s->live_next[n] = (uint16_t)n;
  for (size_t t = n; t-- > 0;)
    s->live_next[t] = s->units[s->unit_of[t]].deleted ? s->live_next[t + 1] : (uint16_t)t;
  s->live_end[0] = 0;
  for (size_t e = 1; e <= n; e++)
    s->live_end[e] = s->units[s->unit_of[e - 1]].deleted ? s->live_end[e - 1] : (uint16_t)e;
}

/* A pronoun whose actor fell in a dropped comma clause refers to nothing
 * (the clause's words are gone). */
static void forget_dropped_references(sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    unit *u = &s->units[i];
    if (u->kind == U_PRONOUN && u->reference >= 0 && s->units[u->reference].deleted)
      u->reference = -1;
  }
}

/* ---- patterns ------------------------------------------------------------ */

typedef struct match_state {
  const sentence *s;
  const tb_element *elements;
  uint16_t count;
  size_t lo, hi;             /* tokens the pattern may use */
  size_t verb_start, verb_end;
  long source, target, compound; /* units designated */
  int steps;
  long skips[TB_MAX_SKIPS];  /* actors passed over by '^' */
  size_t skip_depth;         /* '^' designations in force (may exceed TB_MAX_SKIPS) */
} match_state;

static size_t next_live(const sentence *s, size_t t, size_t hi) {
  size_t live = s->live_next[t];
  return live < hi ? live : hi;
}

static int match_after(match_state *m, uint16_t k, size_t at, int adjacent);

/* The token range of the actor (or whole compound) whose unit holds q. */
static void actor_extent(const sentence *s, size_t unit_index, size_t *start, size_t *end) {
  const unit *u = &s->units[unit_index];
  size_t head = u->head >= 0 ? (size_t)u->head : unit_index;
  *start = s->units[head].start;
  *end = u->end;
  if (s->units[head].is_head)
    for (size_t j = head + 1; j < s->unit_count && j < head + 4 * TB_MAX_COMPOUND; j++)
      if (s->units[j].head == (int16_t)head) *end = s->units[j].end;
}

/* Records an actor designation; returns the previous value.  A '^' actor
 * is remembered so that the default rules do not pick it. */
static long designate(match_state *m, int kind, long value) {
  if (kind == TB_ELEM_SKIP) {
    if (m->skip_depth < TB_MAX_SKIPS) m->skips[m->skip_depth] = value;
    m->skip_depth++;
    return -1;
  }
  long *slot = kind == TB_ELEM_SOURCE ? &m->source : kind == TB_ELEM_TARGET ? &m->target : &m->compound;
  long saved = *slot;
  *slot = value;
  return saved;
}

/* Undoes designate when the match backtracks. */
static void undesignate(match_state *m, int kind, long saved) {
  if (kind == TB_ELEM_SKIP) { if (m->skip_depth) m->skip_depth--; return; }
  long *slot = kind == TB_ELEM_SOURCE ? &m->source : kind == TB_ELEM_TARGET ? &m->target : &m->compound;
  *slot = saved;
}

/* Can token q begin an actor for element e?  Sets the unit. */
static int actor_at(const match_state *m, const tb_element *e, size_t q, size_t *unit_index) {
  const sentence *s = m->s;
  size_t i = (size_t)s->unit_of[q];
  const unit *u = &s->units[i];
  if (!is_actorish(u)) return 0;
  if (e->kind == TB_ELEM_COMPOUND && !s->units[representative(s, i)].is_head) return 0;
  *unit_index = i;
  return 1;
}

/* Elements after '*': forward from the verb. */
static int match_after(match_state *m, uint16_t k, size_t at, int adjacent) {
  if (k >= m->count) return 1;
  const sentence *s = m->s;
  const tb_element *e = &m->elements[k];
  if (e->kind == TB_ELEM_WORD) { /* the same loop, the word's first byte checked inline */
    const char first = s->dict->pool[e->text];
    for (size_t q = next_live(s, at, m->hi); q < m->hi; q = next_live(s, q + 1, m->hi)) {
      if (++m->steps > TB_MAX_MATCH_STEPS) return 0;
      const token *candidate = &s->tokens[q];
      if (s->normal[candidate->normal] == first &&
          word_matches(s->dict, e, s->normal + candidate->normal, candidate->normal_length, 0) &&
          match_after(m, (uint16_t)(k + 1), q + 1, e->adjacent))
        return 1;
      if (adjacent) return 0;
    }
    return 0;
  }
  for (size_t q = next_live(s, at, m->hi); q < m->hi; q = next_live(s, q + 1, m->hi)) {
    if (++m->steps > TB_MAX_MATCH_STEPS) return 0;
    if (e->kind != TB_ELEM_VERB) {
      size_t i, start, end;
      if (actor_at(m, e, q, &i)) {
        actor_extent(s, i, &start, &end);
        if (start >= q) {
          long saved = designate(m, e->kind, (long)representative(s, i));
          if (match_after(m, (uint16_t)(k + 1), end, e->adjacent)) return 1;
          undesignate(m, e->kind, saved);
        }
      }
    }
    if (adjacent) return 0;
  }
  return 0;
}

static size_t previous_live(const sentence *s, size_t end, size_t lo) {
  size_t live = s->live_end[end];
  return live > lo ? live : lo;
}

/* Elements before '*': backward from the verb, element k must end at or
 * before end (exactly at it when adjacent). */
static int match_before(match_state *m, int k, size_t end, int adjacent) {
  if (k < 0) {
    uint16_t star = 0;
    while (m->elements[star].kind != TB_ELEM_VERB) star++;
    return match_after(m, (uint16_t)(star + 1), m->verb_end, m->elements[star].adjacent);
  }
  const sentence *s = m->s;
  const tb_element *e = &m->elements[k];
  for (size_t stop = previous_live(s, end, m->lo); stop > m->lo; stop = previous_live(s, stop - 1, m->lo)) {
    if (++m->steps > TB_MAX_MATCH_STEPS) return 0;
    size_t q = stop - 1;
    int before_adjacent = k > 0 && m->elements[k - 1].adjacent;
    if (e->kind == TB_ELEM_WORD) {
      if (word_matches(s->dict, e, token_text(s, q), s->tokens[q].normal_length, 0) &&
          match_before(m, k - 1, q, before_adjacent))
        return 1;
    } else {
      size_t i, start, stop_token;
      if (actor_at(m, e, q, &i)) {
        actor_extent(s, i, &start, &stop_token);
        if (stop_token == stop) {
          long saved = designate(m, e->kind, (long)representative(s, i));
          if (match_before(m, k - 1, start, before_adjacent)) return 1;
          undesignate(m, e->kind, saved);
        }
      }
    }
    if (adjacent) return 0;
  }
  return 0;
}

static int match_pattern(match_state *m, const tb_pattern *p) {
  m->elements = m->s->dict->elements + p->first;
  m->count = p->count;
  m->source = m->target = m->compound = -1;
  m->steps = 0;
  m->skip_depth = 0;
  int star = 0;
  while (m->elements[star].kind != TB_ELEM_VERB) star++;
  return match_before(m, star - 1, m->verb_start, star > 0 && m->elements[star - 1].adjacent);
}

/* ---- events ----------------------------------------------------------- */

typedef struct found {
  size_t verb_unit;
  uint32_t code, code2;      /* pool offsets */
  uint8_t flags;
  long source, target, compound;
  long skips[TB_MAX_SKIPS];  /* actors a '^' passed over: never defaults */
  size_t skip_count;
  uint8_t source_alone, target_alone; /* a compound member stands alone */
  uint32_t line;
  uint8_t file;
} found;

/* The words a verb's patterns may use: its clause's live tokens, as exact
 * slots either side of the verb and over the whole clause, and folded to
 * 64 bits either side. */
typedef struct clause_words {
  uint64_t sides[2 * TB_SIGNATURE_WORDS]; /* tb_word_slot and tb_word_slot4
                                             before the verb, then after it */
  uint64_t before, after;
} clause_words;

/* Does pattern i of verb (its position in the verb's run) pass the
 * prefilters and match?  Sets m's designations when it does. */
static inline const tb_pattern *try_pattern(match_state *m, const tb_verb *verb, uint32_t i,
                                            const clause_words *words) {
  const an_tabari_dict *dict = m->s->dict;
  const uint64_t *order_bits = dict->order_bits + 2 * ((size_t)verb->patterns + i);
  /* a literal is missing on its side of the verb */
  if ((order_bits[0] & ~words->before) | (order_bits[1] & ~words->after)) return NULL;
  const tb_pattern *p = &dict->patterns[dict->pattern_order[verb->patterns + i]];
  uint64_t missing = 0;
  for (size_t k = 0; k < 2 * TB_SIGNATURE_WORDS; k++) missing |= p->signature[k] & ~words->sides[k];
  if (missing) return NULL; /* a literal is missing */
  return match_pattern(m, p) ? p : NULL;
}

/* The first pattern of an indexed verb that matches, in the verb's order:
 * only the buckets of keys present on their side are visited. */
static const tb_pattern *indexed_pattern(match_state *m, const tb_verb *verb,
                                         const clause_words *words) {
  const an_tabari_dict *dict = m->s->dict;
  const tb_pattern_index *index = &dict->pattern_indexes[verb->index];
  const uint32_t *starts = dict->bucket_starts + index->buckets;
  uint64_t marks[TB_PATTERN_INDEXED / 64];
  size_t mark_words = (verb->pattern_count + 63) / 64;
  memset(marks, 0, mark_words * sizeof marks[0]);
  for (uint32_t k = starts[TB_KEY_NONE]; k < starts[TB_KEY_NONE + 1]; k++)
    marks[dict->bucket_items[k] >> 6] |= 1ULL << (dict->bucket_items[k] & 63);
  for (unsigned w = 0; w < 8; w++) {
    uint64_t present = index->keys[w] & words->sides[w];
    while (present) {
      unsigned key = w * 64 + (unsigned)__builtin_ctzll(present);
      present &= present - 1;
      for (uint32_t k = starts[key]; k < starts[key + 1]; k++)
        marks[dict->bucket_items[k] >> 6] |= 1ULL << (dict->bucket_items[k] & 63);
    }
  }
  for (size_t w = 0; w < mark_words; w++) {
    uint64_t set = marks[w];
    while (set) {
      uint32_t i = (uint32_t)(w * 64 + (unsigned)__builtin_ctzll(set));
      set &= set - 1;
      const tb_pattern *p = try_pattern(m, verb, i, words);
      if (p) return p;
    }
  }
  return NULL;
}

/* Looks for the event of verb unit v: patterns longest first, then the
 * root code.  Returns 1 with f filled, 0 when the verb codes nothing. */
static int code_verb(sentence *s, size_t v, size_t lo, size_t hi, found *f) {
  const an_tabari_dict *dict = s->dict;
  const unit *u = &s->units[v];
  const tb_verb *verb = &dict->verbs[dict->phrases[u->phrase].payload];
  match_state m = {s, NULL, 0, lo, hi, u->start, u->end, -1, -1, -1, 0, {0}, 0};
  memset(f, 0, sizeof *f);
  f->verb_unit = v;
  f->source = f->target = f->compound = -1;
  clause_words words;
  memset(&words, 0, sizeof words);
  for (size_t t = next_live(s, lo, hi); t < hi; t = next_live(s, t + 1, hi)) {
    unsigned slot = s->tokens[t].slot, slot4 = s->tokens[t].slot4;
    if (t < u->start) {
      words.before |= 1ULL << (slot >> 2);
      words.sides[slot >> 6] |= 1ULL << (slot & 63);
      words.sides[slot4 >> 6] |= 1ULL << (slot4 & 63);
    } else if (t >= u->end) {
      words.after |= 1ULL << (slot >> 2);
      words.sides[TB_SIGNATURE_WORDS + (slot >> 6)] |= 1ULL << (slot & 63);
      words.sides[TB_SIGNATURE_WORDS + (slot4 >> 6)] |= 1ULL << (slot4 & 63);
    }
  }
  const tb_pattern *p = NULL;
  if (verb->index != UINT32_MAX) {
    p = indexed_pattern(&m, verb, &words);
  } else {
    for (uint32_t i = 0; i < verb->pattern_count && !p; i++) p = try_pattern(&m, verb, i, &words);
  }
  if (p) {
    f->code = p->code; f->code2 = p->code2; f->flags = p->flags;
    f->source = m.source; f->target = m.target; f->compound = m.compound;
    f->skip_count = m.skip_depth < TB_MAX_SKIPS ? m.skip_depth : TB_MAX_SKIPS;
    memcpy(f->skips, m.skips, f->skip_count * sizeof f->skips[0]);
    f->line = p->line; f->file = p->file;
    return 1;
  }
  f->code = verb->code; f->code2 = verb->code2; f->flags = verb->flags;
  f->line = verb->line; f->file = verb->file;
  return 1;
}

static const char *unit_code(const sentence *s, long i) {
  if (i < 0) return "";
  const unit *u = &s->units[i];
  if (u->kind == U_PRONOUN && u->reference >= 0) return s->units[u->reference].code;
  return u->code;
}

/* Was actor unit r passed over by a '^' of the pattern that found f? */
static int skipped(const found *f, size_t r) {
  for (size_t k = 0; f && k < f->skip_count; k++)
    if (f->skips[k] == (long)r) return 1;
  return 0;
}

/* The first actor (compound head) of units [from, to), not coded distinct
 * and not skipped by f's pattern (f may be NULL). */
static int first_actor(const sentence *s, size_t from, size_t to, const char *distinct,
                       const found *f) {
  for (size_t i = from; i < to; i++) {
    const unit *u = &s->units[i];
    if (u->deleted || !is_actorish(u)) continue;
    if (u->kind == U_ACTOR && u->head >= 0 && u->head != (int16_t)i) continue;
    size_t r = representative(s, i);
    if (skipped(f, r)) continue;
    if (distinct && !strcmp(unit_code(s, (long)r), distinct)) continue;
    return (int)r;
  }
  return -1;
}

/* Like first_actor, but compound members count one by one. */
static int first_member(const sentence *s, size_t from, size_t to, const char *distinct,
                        const found *f, long avoid_group) {
  for (size_t i = from; i < to; i++) {
    const unit *u = &s->units[i];
    if (u->deleted || !is_actorish(u)) continue;
    if (avoid_group >= 0 && (long)representative(s, i) == avoid_group) continue;
    if (u->kind == U_PRONOUN) {
      int r = first_actor(s, i, i + 1, distinct, f);
      if (r >= 0) return r;
      continue;
    }
    if (skipped(f, representative(s, i))) continue;
    if (distinct && !strcmp(u->code, distinct)) continue;
    return (int)i;
  }
  return -1;
}

/* Members of an actor unit (compound members or itself). */
static size_t members_of(const sentence *s, long i, long *out) {
  if (i < 0) return 0;
  const unit *u = &s->units[i];
  if (u->kind == U_PRONOUN && u->reference >= 0) return members_of(s, u->reference, out);
  if (!u->is_head) { out[0] = i; return 1; }
  size_t n = 0;
  for (size_t j = (size_t)i; j < s->unit_count && n < TB_MAX_COMPOUND; j++)
    if (s->units[j].head == (int16_t)i) out[n++] = (long)j;
  return n;
}

static void fill_actor(const sentence *s, an_actor *actor, const char *code, long unit_index) {
  memset(actor, 0, sizeof *actor);
  size_t length = strlen(code);
  copy_text(actor->code, sizeof actor->code, code, length);
  int igo = !strncmp(code, "IGO", 3);
  if (igo && length >= 6) copy_text(actor->country, sizeof actor->country, code, 6);
  else copy_text(actor->country, sizeof actor->country, code, length < 3 ? length : 3);
  if (length > 3 && !igo) copy_text(actor->agent, sizeof actor->agent, code + length - 3, 3);
  if (unit_index >= 0) {
    const unit *u = &s->units[unit_index];
    const token *first = &s->tokens[u->start], *last = &s->tokens[u->end - 1];
    actor->span.offset = first->offset;
    actor->span.length = last->offset + last->length - first->offset;
  }
}

/* out = "FILE:LINE", truncated to size - 1 bytes like snprintf (which
 * showed in profiles). */
static void format_citation(char *out, size_t size, const char *file, uint32_t line) {
  char digits[12];
  size_t digit_count = 0;
  do { digits[digit_count++] = (char)('0' + line % 10); line /= 10; } while (line);
  size_t n = 0, file_length = strlen(file);
  for (size_t i = 0; i < file_length && n + 1 < size; i++) out[n++] = file[i];
  if (n + 1 < size) out[n++] = ':';
  while (digit_count && n + 1 < size) out[n++] = digits[--digit_count];
  out[n] = '\0';
}

static int push_event(const sentence *s, an_events *out, const found *f, const char *source,
                      long source_unit, const char *target, long target_unit, uint32_t code) {
  if (out->count >= out->capacity) {
    size_t capacity = out->capacity ? out->capacity * 2 : 16;
    an_event *items = realloc(out->items, capacity * sizeof *items);
    if (!items) return AN_ERROR_MEMORY;
    out->items = items;
    out->capacity = capacity;
  }
  an_event *event = &out->items[out->count++];
  memset(event, 0, sizeof *event);
  event->sentence = s->span;
  const unit *verb = &s->units[f->verb_unit];
  const token *first = &s->tokens[verb->start], *last = &s->tokens[verb->end - 1];
  event->verb.offset = first->offset;
  event->verb.length = last->offset + last->length - first->offset;
  event->has_source = source != NULL;
  event->has_target = target != NULL;
  if (source) fill_actor(s, &event->source, source, source_unit);
  if (target) fill_actor(s, &event->target, target, target_unit);
  copy_string(event->code, sizeof event->code, s->dict->pool + code);
  event->status = AN_STATUS_ASSERTED;
  const char *file = f->file < s->dict->file_count ? s->dict->files[f->file] : "?";
  format_citation(event->pattern, sizeof event->pattern, file, f->line);
  event->confidence = f->source >= 0 || f->target >= 0 ? 0.9 : 0.7;
  return AN_OK;
}

/* Splits a code "A/B" into its parts. */
static size_t split_code(const char *code, char parts[][40], size_t max) {
  size_t n = 0;
  const char *start = code;
  for (const char *c = code;; c++) {
    if (*c == '/' || !*c) {
      if (c > start && n < max) copy_text(parts[n++], 40, start, (size_t)(c - start));
      if (!*c) break;
      start = c + 1;
    }
  }
  return n;
}

typedef struct side { char code[40]; long unit; } side;

static size_t expand_side(const sentence *s, long actor, int alone, const char *fallback,
                          side *out) {
  long members[TB_MAX_COMPOUND];
  size_t member_count = alone && actor >= 0 ? 1 : members_of(s, actor, members), n = 0;
  if (alone && actor >= 0) members[0] = actor;
  if (!member_count && fallback && *fallback) {
    copy_string(out[0].code, sizeof out[0].code, fallback);
    out[0].unit = -1;
    return 1;
  }
  for (size_t k = 0; k < member_count; k++) {
    char parts[8][40];
    size_t part_count = split_code(unit_code(s, members[k]), parts, 8);
    for (size_t p = 0; p < part_count && n < TB_MAX_COMPOUND; p++) {
      int seen = 0;
      for (size_t j = 0; j < n; j++) seen |= !strcmp(out[j].code, parts[p]);
      if (seen) continue;
      copy_string(out[n].code, sizeof out[n].code, parts[p]);
      out[n++].unit = members[k];
    }
  }
  return n;
}

static int emit_found(const sentence *s, const found *f, long source, long target,
                      an_events *out) {
  side sources[TB_MAX_COMPOUND], targets[TB_MAX_COMPOUND];
  const tb_options *o = s->options;
  size_t source_count = expand_side(s, source, f->source_alone, o->default_source, sources);
  size_t target_count = expand_side(s, target, f->target_alone, o->default_target, targets);
  if (!source_count || !target_count) return 0;
  int emitted = 0;
  int half = f->compound >= 0 && source == target && f->code2 != UINT32_MAX;
  for (size_t i = 0; i < source_count; i++)
    for (size_t j = half ? i + 1 : 0; j < target_count; j++) {
      if (!strcmp(sources[i].code, targets[j].code)) continue;
      if (out->count >= TB_MAX_EVENTS + 0 && emitted >= TB_MAX_EVENTS) return emitted;
      push_event(s, out, f, sources[i].code, sources[i].unit, targets[j].code, targets[j].unit, f->code);
      emitted++;
      if (f->code2 != UINT32_MAX) {
        push_event(s, out, f, targets[j].code, targets[j].unit, sources[i].code, sources[i].unit, f->code2);
        emitted++;
      }
    }
  return emitted;
}

/* ---- clauses and the whole sentence ------------------------------------- */

typedef struct clause { size_t first, last; } clause; /* units [first, last) */

static size_t find_clauses(const sentence *s, clause *clauses) {
  size_t count = 0, start = 0;
  for (size_t i = 0; i < s->unit_count; i++) {
    const unit *u = &s->units[i];
    if (u->kind == U_CONJ && !u->in_compound && !u->deleted) {
      clauses[count].first = start;
      clauses[count++].last = i;
      start = i + 1;
    }
  }
  clauses[count].first = start;
  clauses[count++].last = s->unit_count;
  return count;
}

/* Token bounds for patterns of verb unit v: its clause. */
static void pattern_bounds(const sentence *s, const clause *c, size_t v, size_t *lo, size_t *hi) {
  (void)v;
  *lo = c->first < s->unit_count ? s->units[c->first].start : s->token_count;
  *hi = c->last < s->unit_count ? s->units[c->last].start : s->token_count;
}

static int is_passive(const sentence *s, size_t v) {
  int aux = 0;
  for (size_t back = 1; back <= 2 && back <= v; back++)
    if (s->units[v - back].kind == U_AUX) aux = 1;
  if (!aux || v + 1 >= s->unit_count) return 0;
  /* BY follows the verb, possibly after one modifier ("opposed earlier by") */
  if (s->units[v + 1].kind == U_BY) return 1;
  return s->units[v + 1].kind == U_LITERAL && v + 2 < s->unit_count && s->units[v + 2].kind == U_BY;
}

/* Source and target of a found verb (designations, then default rules). */
static void assign_actors(const sentence *s, const clause *c, found *f, long carried,
                          long *source, long *target) {
  size_t v = f->verb_unit;
  const tb_options *o = s->options;
  f->source_alone = f->target_alone = 0;
  if (f->compound >= 0) { *source = *target = f->compound; return; }
  *source = f->source;
  *target = f->target;
  int designated = f->source >= 0 || f->target >= 0;
  if (*source < 0) {
    if (carried >= 0 && c->first > 0) *source = carried;
    else *source = first_actor(s, 0, v, *target >= 0 ? unit_code(s, *target) : NULL, f);
    /* no actor before the verb and PRIOR off: the first actor after it,
     * one member of a compound, the next member being the target */
    if (*source < 0 && !o->default_source_prior) {
      *source = first_member(s, v + 1, c->last, *target >= 0 ? unit_code(s, *target) : NULL, f, -1);
      f->source_alone = *source >= 0 && s->units[*source].kind == U_ACTOR;
    }
  }
  if (*target < 0) {
    const char *avoid = *source >= 0 ? unit_code(s, *source) : NULL;
    if (f->source_alone) {
      *target = first_member(s, (size_t)*source + 1, c->last, avoid, f, -1);
      f->target_alone = *target >= 0 && s->units[*target].kind == U_ACTOR;
    } else {
      *target = first_actor(s, v + 1, c->last, avoid, f);
    }
    /* before the verb: not a member of the source's own compound */
    long group = *source >= 0 ? (long)representative(s, (size_t)*source) : -1;
    if (*target < 0 && !o->default_target_after) {
      *target = first_member(s, c->first, v, avoid, f, group);
      /* else another member of it (the compound's other codes: DEFAULT-07b) */
      if (*target < 0) *target = first_member(s, c->first, v, avoid, f, -1);
    }
    if (*target < 0 && !o->default_target[0] && *source >= 0 && s->units[*source].is_head)
      *target = *source;
  }
  if (!designated && is_passive(s, v)) {
    long swap = *source; *source = *target; *target = swap;
    uint8_t alone = f->source_alone; f->source_alone = f->target_alone; f->target_alone = alone;
  }
}

static int special(const sentence *s, uint32_t code, const char *what) {
  return is_special(s->dict->pool + code, what);
}

static int has_actor_before_first_verb(const sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    if (s->units[i].deleted) continue;
    if (is_actorish(&s->units[i])) return 1;
    if (s->units[i].kind == U_VERB) return 0;
  }
  return 1;
}

static int too_complex(const sentence *s) {
  const tb_options *o = s->options;
  int verbs = 0, conj = 0, actors = 0;
  for (size_t i = 0; i < s->unit_count; i++) {
    const unit *u = &s->units[i];
    if (u->deleted) continue;
    verbs += u->kind == U_VERB;
    conj += u->kind == U_CONJ;
    actors += u->kind == U_ACTOR;
  }
  if (o->complex_verbs && verbs >= o->complex_verbs) return 1;
  if (o->complex_conj && conj >= o->complex_conj) return 1;
  if (o->complex_actors && actors >= o->complex_actors) return 1;
  if (o->complex_noverb && !verbs) return 1;
  if (o->complex_noactprior && verbs && !has_actor_before_first_verb(s)) return 1;
  return 0;
}

/* Codes the clauses; returns the number of events appended. */
static int code_clauses(sentence *s, an_events *out) {
  clause clauses[TB_MAX_TOKENS + 1];
  size_t clause_count = find_clauses(s, clauses);
  found subordinate;
  int have_subordinate = 0, events = 0;
  int dominant = 0;          /* a dominant code was coded: only those count */
  size_t first_event = out->count;
  long carried = -1;
  for (size_t c = 0; c < clause_count; c++) {
    const clause *cl = &clauses[c];
    if (c > 0) {
      size_t first = skip_modifiers(s, cl->first);
      if (first < cl->last && is_actorish(&s->units[first])) carried = (long)representative(s, first);
    }
    int clause_events = 0;
    for (size_t v = cl->first; v < cl->last; v++) {
      if (s->units[v].kind != U_VERB || s->units[v].deleted) continue;
      size_t lo, hi;
      pattern_bounds(s, cl, v, &lo, &hi);
      found f;
      code_verb(s, v, lo, hi, &f);
      int is_dominant = (f.flags & TB_CODE_DOMINANT) != 0;
      /* once a dominant code was coded, only dominant codes count (manual
       * 6.6.2; not looked for past a clause's event: FRWD-002-003) */
      if (dominant && !is_dominant) continue;
      if (special(s, f.code, "---")) continue;
      if (special(s, f.code, "###")) { s->discard = 1; return 0; }
      if (special(s, f.code, "+++")) { s->complex = 1; return 0; }
      long source, target;
      assign_actors(s, cl, &f, carried, &source, &target);
      if (f.flags & TB_CODE_SUBORDINATE) {
        if (!have_subordinate) { subordinate = f; have_subordinate = 1; }
        continue;
      }
      size_t before = out->count;
      int n = emit_found(s, &f, source, target, out);
      if (n > 0 && is_dominant && !dominant) { /* drop the earlier, ordinary events */
        memmove(out->items + first_event, out->items + before, (size_t)n * sizeof *out->items);
        out->count = first_event + (size_t)n;
        events = 0;
        dominant = 1;
      }
      if (source >= 0) carried = source;
      if (n > 0) { clause_events += n; events += n; }
      if (s->options->code_by != 2) break;
    }
    if (!clause_events && carried < 0) carried = first_actor(s, cl->first, cl->last, NULL, NULL);
    if (events && s->options->code_by == 1) break;
  }
  if (!events && have_subordinate) {
    long source, target;
    const clause *cl = &clauses[0];
    for (size_t c = 0; c < clause_count; c++)
      if (subordinate.verb_unit >= clauses[c].first && subordinate.verb_unit < clauses[c].last) cl = &clauses[c];
    assign_actors(s, cl, &subordinate, -1, &source, &target);
    events += emit_found(s, &subordinate, source, target, out);
  }
  return events;
}

/* The first actor named (not a pronoun) in the sentence, for forwarding. */
static void remember_forward(const sentence *s) {
  for (size_t i = 0; i < s->unit_count; i++) {
    const unit *u = &s->units[i];
    if (u->kind == U_ACTOR && !u->deleted && u->phrase != UINT32_MAX &&
        s->dict->phrases[u->phrase].kind == TB_ROOT_ACTOR) {
      /* the actor alone: its agent is not forwarded */
      copy_string(s->forward, 40, actor_code(s, s->dict->phrases[u->phrase].payload));
      return;
    }
  }
}

int tb_code_sentence(const an_tabari_dict *dict, const tb_options *options, const char *text,
                     an_span span, uint32_t date, an_events *out, tb_outcome *outcome,
                     an_error *error) {
  return tb_code_sentence_forward(dict, options, text, span, date, NULL, out, outcome, error);
}

int tb_code_sentence_forward(const an_tabari_dict *dict, const tb_options *options,
                             const char *text, an_span span, uint32_t date, char *forward,
                             an_events *out, tb_outcome *outcome, an_error *error) {
  if (outcome) *outcome = TB_OUTCOME_NONE;
  if (!dict || !text || !out) return an_error_set(error, AN_ERROR_USAGE, "tabari: missing argument");
  /* the workspace lives in this frame (~43 KB, of which only what the
   * sentence uses is touched): no allocation per sentence */
  sentence workspace;
  sentence *s = &workspace;
  s->dict = dict;
  s->options = options ? options : &dict->options;
  s->text = text;
  s->span = span;
  s->date = date;
  s->token_count = s->unit_count = s->normal_length = s->code_count = 0;
  s->discard = s->complex = 0;
  memset(s->slots, 0, sizeof s->slots);
  s->bits = 0;
  s->forward = forward;
  tokenize(s);
  if (s->options->minimum_words && (int)s->token_count < s->options->minimum_words) return AN_OK;
  classify(s);
  int events = 0;
  if (!s->discard && !s->complex) {
    shift_nouns(s);
    attach_agents(s);
    find_compounds(s);
    resolve_pronouns(s);
    drop_comma_clauses(s);
    forget_dropped_references(s);
    index_live_tokens(s);
    if (too_complex(s)) s->complex = 1;
    else events = code_clauses(s, out);
    if (s->forward) remember_forward(s);
  }
  if (outcome)
    *outcome = s->discard ? TB_OUTCOME_DISCARD : s->complex ? TB_OUTCOME_COMPLEX
               : events ? TB_OUTCOME_EVENTS : TB_OUTCOME_NONE;
  return AN_OK;
}

int an_tabari_code_sentence(const an_tabari_dict *dict, const an_doc *doc, an_span sentence_span,
                            const char *date, an_events *out, an_error *error) {
  if (!doc || !doc->text) return an_error_set(error, AN_ERROR_USAGE, "tabari: no document text");
  if (sentence_span.offset > doc->text_length ||
      sentence_span.length > doc->text_length - sentence_span.offset)
    return an_error_set(error, AN_ERROR_USAGE, "tabari: sentence outside the document");
  uint32_t value = 0;
  if (date && strlen(date) >= 10) {
    char digits[9] = {date[0], date[1], date[2], date[3], date[5], date[6], date[8], date[9], 0};
    value = tb_date_value(digits, 8);
  }
  return tb_code_sentence(dict, NULL, doc->text, sentence_span, value, out, NULL, error);
}
