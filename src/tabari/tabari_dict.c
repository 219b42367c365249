/*
 * tabari_dict.c — building the in-memory TABARI/PETRARCH dictionary: the
 * string pool, phrase elements, actor codes with date restrictions, verbs
 * and their patterns (alternatives and synsets expanded at load time), and
 * the first-word hash table the coder probes.  Loaders (tabari_load.c,
 * tabari_petrarch.c) call these; the coder only reads the result.
 */
#include "tabari/tabari_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TB_MAX_SYNSET_DEPTH 4

/* Grows an array to hold at least need items.  Returns 0 on success. */
static int grow(void **items, size_t *capacity, size_t need, size_t size) {
  if (need <= *capacity) return 0;
  size_t next = *capacity ? *capacity * 2 : 256;
  while (next < need) next *= 2;
  void *bigger = realloc(*items, next * size);
  if (!bigger) return -1;
  *items = bigger;
  *capacity = next;
  return 0;
}

an_tabari_dict *tb_dict_new(an_warn_fn warn, void *warn_context) {
  an_tabari_dict *dict = calloc(1, sizeof *dict);
  if (!dict) return NULL;
  dict->warn = warn;
  dict->warn_context = warn_context;
  tb_options_defaults(&dict->options);
  tb_pool_add(dict, "", 0); /* offset 0 is the empty string */
  return dict;
}

void an_tabari_dict_free(an_tabari_dict *dict) {
  if (!dict) return;
  free(dict->pool);
  free(dict->elements);
  free(dict->phrases);
  free(dict->codes);
  free(dict->patterns);
  free(dict->pattern_order);
  free(dict->order_bits);
  free(dict->chain);
  free(dict->groups);
  free(dict->group_masks);
  free(dict->verbs);
  free(dict->pattern_indexes);
  free(dict->bucket_starts);
  free(dict->bucket_items);
  free(dict->slots);
  free(dict->bloom);
  free(dict->trie);
  for (size_t i = 0; i < dict->synset_count; i++) {
    free(dict->synset_names[i]);
    free(dict->synset_bodies[i]);
  }
  free(dict->synset_names);
  free(dict->synset_bodies);
  for (size_t i = 0; i < dict->file_count; i++) free(dict->files[i]);
  free(dict->textfile);
  free(dict);
}

const char *an_tabari_summary(const an_tabari_dict *dict) {
  return dict ? dict->summary : "";
}

uint32_t tb_pool_add(an_tabari_dict *dict, const char *text, size_t length) {
  if (grow((void **)&dict->pool, &dict->pool_capacity, dict->pool_length + length + 1, 1))
    return UINT32_MAX;
  uint32_t offset = (uint32_t)dict->pool_length;
  memcpy(dict->pool + offset, text, length);
  dict->pool[offset + length] = '\0';
  dict->pool_length += length + 1;
  return offset;
}

int tb_add_file(an_tabari_dict *dict, const char *path) {
  if (dict->file_count >= TB_MAX_FILES) return 0;
  const char *base = strrchr(path, '/');
  dict->files[dict->file_count] = strdup(base ? base + 1 : path);
  return (int)dict->file_count++;
}

void tb_warn(an_tabari_dict *dict, const char *file, uint32_t line, const char *why,
             const char *text) {
  dict->malformed++;
  if (!dict->warn) return;
  char message[640];
  snprintf(message, sizeof message, "%s:%u: %s: %.200s", file, line, why, text ? text : "");
  dict->warn(dict->warn_context, message);
}

uint64_t tb_hash_bytes(uint64_t hash, const char *text, size_t length) {
  for (size_t i = 0; i < length; i++) {
    hash ^= (unsigned char)text[i];
    hash *= 1099511628211ULL;
  }
  return hash;
}

uint32_t tb_date_value(const char *text, size_t length) {
  unsigned long value = 0;
  size_t digits = 0;
  for (size_t i = 0; i < length; i++) {
    if (!isdigit((unsigned char)text[i])) return 0;
    value = value * 10 + (unsigned long)(text[i] - '0');
    digits++;
  }
  if (digits == 6) {
    unsigned long year = value / 10000;
    value = (year <= 30 ? 2000 + year : 1900 + year) * 10000 + value % 10000;
  } else if (digits != 8) {
    return 0;
  }
  unsigned long month = value / 100 % 100, day = value % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  return (uint32_t)value;
}

/* ---- phrase text -> elements ------------------------------------------ */

static int is_connector(char c) { return c == '_' || c == '~' || c == ' ' || c == '\t'; }

static int push_element(an_tabari_dict *dict, tb_element element) {
  if (grow((void **)&dict->elements, &dict->element_capacity, dict->element_count + 1,
           sizeof element))
    return -1;
  dict->elements[dict->element_count++] = element;
  return 0;
}

/* Reads one element starting at text[*at]; fills it and returns 1, 0 at the
 * end, -1 on error. */
static int read_element(an_tabari_dict *dict, const char *text, size_t *at,
                        tb_element *element, uint16_t *weight, const char **why) {
  size_t i = *at;
  while (text[i] == ' ' || text[i] == '\t' || text[i] == '_') i++;
  if (!text[i]) return 0;
  size_t start = i;
  while (text[i] && !is_connector(text[i])) i++;
  size_t length = i - start;
  memset(element, 0, sizeof *element);
  element->mode = TB_MATCH_STEM;
  if (length == 1 && strchr("*$+%^", text[start])) {
    static const char tokens[] = "*$+%^";
    static const uint8_t kinds[] = {TB_ELEM_VERB, TB_ELEM_SOURCE, TB_ELEM_TARGET,
                                    TB_ELEM_COMPOUND, TB_ELEM_SKIP};
    element->kind = kinds[strchr(tokens, text[start]) - tokens];
  } else {
    if (length && text[start + length - 1] == '=') {
      element->mode = TB_MATCH_STRICT;
      length--;
    }
    if (!length) { *why = "empty word"; return -1; }
    if (length > 200) { *why = "word too long"; return -1; }
    element->kind = TB_ELEM_WORD;
    char upper[256];
    for (size_t k = 0; k < length; k++) {
      char c = (char)toupper((unsigned char)text[start + k]);
      upper[k] = c == '-' ? '_' : c;
    }
    element->text = tb_pool_add(dict, upper, length);
    element->length = (uint16_t)length;
    for (size_t k = 0; k < length; k++)
      if (isalnum((unsigned char)upper[k])) (*weight)++;
  }
  if (text[i] == '_') {
    /* WORD_ is a whole word; WORD_NEXT (no blank after the '_') also
     * makes the next element adjacent (manual 5.5.3, CONNECT records) */
    if (element->mode == TB_MATCH_STEM) element->mode = TB_MATCH_EXACT;
    size_t after = i;
    while (text[after] == '_') after++;
    element->adjacent = text[after] != ' ' && text[after] != '\t';
  } else if (text[i] == '~') {
    element->adjacent = 1;
    i++;
    if (text[i] == '_') i++;
  }
  while (text[i] == '_') i++;
  *at = i;
  return 1;
}

uint32_t tb_parse_phrase(an_tabari_dict *dict, const char *original, int allow_tokens,
                         uint16_t *count, uint16_t *weight, const char **why) {
  uint32_t first = (uint32_t)dict->element_count;
  char text[TB_MAX_LINE];
  snprintf(text, sizeof text, "%s", original);
  for (char *c = text; *c; c++)
    if (*c == '-') *c = '_'; /* hyphens are blanks in text, underscores here */
  size_t at = 0;
  *count = 0;
  *weight = 0;
  for (;;) {
    tb_element element;
    int got = read_element(dict, text, &at, &element, weight, why);
    if (got < 0) goto fail;
    if (got == 0) break;
    if (!allow_tokens && element.kind != TB_ELEM_WORD) {
      *why = "pattern token in a root phrase";
      goto fail;
    }
    if (*count >= TB_MAX_ELEMENTS) { *why = "phrase too long"; goto fail; }
    if (push_element(dict, element)) { *why = "out of memory"; goto fail; }
    (*count)++;
  }
  if (*count == 0) { *why = "empty phrase"; goto fail; }
  /* A word ending a phrase with '_' is exact but adjacent to nothing. */
  dict->elements[dict->element_count - 1].adjacent = 0;
  return first;
fail:
  dict->element_count = first;
  return UINT32_MAX;
}

/* ---- roots ------------------------------------------------------------ */

int tb_add_root(an_tabari_dict *dict, const char *text, int kind, uint32_t payload,
                int file, uint32_t line, const char **why) {
  uint16_t count, weight;
  uint32_t first = tb_parse_phrase(dict, text, 0, &count, &weight, why);
  if (first == UINT32_MAX) return -1;
  if (grow((void **)&dict->phrases, &dict->phrase_capacity, dict->phrase_count + 1,
           sizeof(tb_phrase))) {
    *why = "out of memory";
    return -1;
  }
  tb_phrase *phrase = &dict->phrases[dict->phrase_count++];
  memset(phrase, 0, sizeof *phrase);
  phrase->first = first;
  phrase->count = count;
  phrase->kind = (uint8_t)kind;
  phrase->file = (uint8_t)file;
  phrase->payload = payload;
  phrase->line = line;
  phrase->weight = weight;
  phrase->next = UINT32_MAX;
  if (kind < 8) dict->counts[kind]++;
  return 0;
}

/* Parses one "[CODE date]" block body into a code entry. */
static int parse_code_block(an_tabari_dict *dict, const char *body, size_t length,
                            tb_actor_code *code, const char **why) {
  char buffer[300];
  if (length >= sizeof buffer) { *why = "code block too long"; return -1; }
  memcpy(buffer, body, length);
  buffer[length] = '\0';
  char *cursor = buffer;
  while (*cursor == ' ' || *cursor == '\t') cursor++;
  memset(code, 0, sizeof *code);
  /* "- - -" is the null code spelled with blanks */
  size_t n = 0;
  int only_dashes = 1;
  for (char *c = cursor; *c; c++) {
    if (*c != ' ' && *c != '\t') n++;
    if (*c != ' ' && *c != '-' && *c != '\t') only_dashes = 0;
  }
  if (only_dashes && n == 3) { code->code = tb_pool_add(dict, "---", 3); return 0; }
  size_t code_length = 0;
  while (cursor[code_length] && (isalnum((unsigned char)cursor[code_length]) ||
                                 strchr("/~#-+*", cursor[code_length]) != NULL) &&
         !(isdigit((unsigned char)cursor[0]) && cursor[code_length] == '-'))
    code_length++;
  if (code_length == 0 || isdigit((unsigned char)cursor[0])) {
    if (!(code_length == 3 && !strncmp(cursor, "---", 3))) { *why = "no code in [...]"; return -1; }
  }
  char upper[64];
  if (code_length >= sizeof upper) { *why = "code too long"; return -1; }
  for (size_t k = 0; k < code_length; k++) upper[k] = (char)toupper((unsigned char)cursor[k]);
  code->code = tb_pool_add(dict, upper, code_length);
  char *rest = cursor + code_length;
  while (*rest == ' ' || *rest == '\t') rest++;
  if (!*rest) return 0;
  code->restricted = 1;
  char digits[2][16];
  size_t d = 0, k = 0;
  int kind = 0; /* 0 range, '<', '>' */
  digits[0][0] = digits[1][0] = '\0';
  for (char *c = rest; *c; c++) {
    if (*c == '<' || *c == '>') kind = *c;
    else if (isdigit((unsigned char)*c)) { if (k < 15) { digits[d][k++] = *c; digits[d][k] = '\0'; } }
    else if (*c == '-') { if (d == 0) { d = 1; k = 0; } }
    else if (*c != ' ' && *c != '\t') { *why = "bad date restriction"; return -1; }
  }
  uint32_t first = tb_date_value(digits[0], strlen(digits[0]));
  uint32_t second = d ? tb_date_value(digits[1], strlen(digits[1])) : 0;
  if (!first || (d && !second)) { *why = "bad date in restriction"; return -1; }
  if (kind == '<') code->to = first;
  else if (kind == '>') code->from = first;
  else if (d) { code->from = first; code->to = second; }
  else { *why = "date without < > or range"; return -1; }
  return 0;
}

uint32_t tb_add_actor_codes(an_tabari_dict *dict, const char *blocks, const char **why) {
  uint32_t first = (uint32_t)dict->code_count;
  const char *cursor = blocks;
  int added = 0, has_default = 0;
  while ((cursor = strchr(cursor, '['))) {
    const char *end = strchr(cursor, ']');
    if (!end) { *why = "missing ]"; goto fail; }
    tb_actor_code code;
    if (parse_code_block(dict, cursor + 1, (size_t)(end - cursor - 1), &code, why)) goto fail;
    if (grow((void **)&dict->codes, &dict->code_capacity, dict->code_count + 2, sizeof code)) {
      *why = "out of memory";
      goto fail;
    }
    if (!code.restricted) has_default = 1;
    dict->codes[dict->code_count++] = code;
    added++;
    cursor = end + 1;
  }
  if (!added) { *why = "no code"; goto fail; }
  if (!has_default) { /* only restricted codes: the default is null */
    tb_actor_code null_code = {tb_pool_add(dict, "---", 3), 0, 0, 0, 0};
    dict->codes[dict->code_count++] = null_code;
  }
  dict->codes[dict->code_count - 1].last = 1;
  return first;
fail:
  dict->code_count = first;
  return UINT32_MAX;
}

/* ---- verbs and patterns ------------------------------------------------ */

int tb_parse_event_code(an_tabari_dict *dict, const char *text, uint32_t *code,
                        uint32_t *code2, uint8_t *flags) {
  char squeezed[64];
  size_t n = 0;
  for (const char *c = text; *c && *c != ']' && n < sizeof squeezed - 1; c++)
    if (*c != ' ' && *c != '\t' && *c != '[') squeezed[n++] = (char)toupper((unsigned char)*c);
  squeezed[n] = '\0';
  *flags = 0;
  while (n && (squeezed[n - 1] == '?' || squeezed[n - 1] == '!')) {
    *flags |= squeezed[n - 1] == '?' ? TB_CODE_SUBORDINATE : TB_CODE_DOMINANT;
    squeezed[--n] = '\0';
  }
  if (!n) return -1;
  char *colon = strchr(squeezed, ':');
  *code2 = UINT32_MAX;
  if (colon) {
    *colon = '\0';
    char *second = colon + 1;
    size_t length = strlen(second);
    while (length && (second[length - 1] == '?' || second[length - 1] == '!')) second[--length] = '\0';
    *code2 = tb_pool_add(dict, second, length);
  }
  char *bang = strpbrk(squeezed, "?!");
  if (bang) { *flags |= *bang == '?' ? TB_CODE_SUBORDINATE : TB_CODE_DOMINANT; *bang = '\0'; }
  *code = tb_pool_add(dict, squeezed, strlen(squeezed));
  return 0;
}

uint32_t tb_add_verb(an_tabari_dict *dict, const char *code_text, int file, uint32_t line,
                     const char **why) {
  if (grow((void **)&dict->verbs, &dict->verb_capacity, dict->verb_count + 1, sizeof(tb_verb))) {
    *why = "out of memory";
    return UINT32_MAX;
  }
  tb_verb *verb = &dict->verbs[dict->verb_count];
  memset(verb, 0, sizeof *verb);
  if (tb_parse_event_code(dict, code_text, &verb->code, &verb->code2, &verb->flags)) {
    *why = "no code in [...]";
    return UINT32_MAX;
  }
  verb->file = (uint8_t)file;
  verb->line = line;
  verb->pattern_count = 0;
  verb->patterns = UINT32_MAX;
  verb->index = UINT32_MAX;
  return (uint32_t)dict->verb_count++;
}

int tb_add_synset(an_tabari_dict *dict, const char *name, const char *member) {
  size_t i;
  for (i = 0; i < dict->synset_count; i++)
    if (!strcmp(dict->synset_names[i], name)) break;
  if (i == dict->synset_count) {
    if (grow((void **)&dict->synset_names, &dict->synset_capacity, i + 1, sizeof(char *)))
      return -1;
    size_t capacity = dict->synset_capacity;
    char **bodies = realloc(dict->synset_bodies, capacity * sizeof(char *));
    if (!bodies) return -1;
    dict->synset_bodies = bodies;
    dict->synset_names[i] = strdup(name);
    dict->synset_bodies[i] = strdup("");
    dict->synset_count++;
  }
  if (!member) return 0;
  /* bodies are "a|b|c" */
  size_t old = strlen(dict->synset_bodies[i]);
  char *body = realloc(dict->synset_bodies[i], old + strlen(member) + 2);
  if (!body) return -1;
  if (old) body[old++] = '|';
  strcpy(body + old, member);
  dict->synset_bodies[i] = body;
  return 0;
}

static const char *synset_body(const an_tabari_dict *dict, const char *name, size_t length) {
  for (size_t i = 0; i < dict->synset_count; i++)
    if (strlen(dict->synset_names[i]) == length && !strncmp(dict->synset_names[i], name, length))
      return dict->synset_bodies[i];
  return NULL;
}

typedef struct expansion {
  char **items;
  size_t count;
} expansion;

static void expansion_add(expansion *out, const char *text) {
  if (out->count >= TB_MAX_EXPANSIONS) return;
  char *copy = strdup(text);
  if (!copy) return;
  out->items[out->count++] = copy;
}

/* Expands { a | b } alternatives and &SYNSET names in text into plain
 * patterns.  depth bounds synset nesting. */
static void expand(const an_tabari_dict *dict, const char *text, expansion *out, int depth) {
  if (out->count >= TB_MAX_EXPANSIONS || depth > TB_MAX_SYNSET_DEPTH + 2) return;
  const char *open = strchr(text, '{');
  const char *amp = strchr(text, '&');
  if (open && (!amp || open < amp)) {
    int level = 0;
    const char *close = NULL;
    for (const char *c = open; *c; c++) {
      if (*c == '{') level++;
      else if (*c == '}' && --level == 0) { close = c; break; }
    }
    if (!close) return;
    size_t prefix = (size_t)(open - text);
    const char *alt = open + 1;
    while (alt < close) {
      const char *bar = alt;
      int inner = 0;
      while (bar < close && (inner || *bar != '|')) {
        if (*bar == '{') inner++;
        if (*bar == '}') inner--;
        bar++;
      }
      size_t need = prefix + (size_t)(bar - alt) + strlen(close + 1) + 4;
      char *joined = malloc(need);
      if (!joined) return;
      const char *a = alt, *b = bar;
      while (a < b && (*a == ' ' || *a == '\t')) a++;
      while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
      snprintf(joined, need, "%.*s%.*s%s", (int)prefix, text, (int)(b - a), a, close + 1);
      expand(dict, joined, out, depth + 1);
      free(joined);
      alt = bar + 1;
    }
    return;
  }
  if (amp && depth <= TB_MAX_SYNSET_DEPTH) {
    size_t length = 0;
    while (amp[length] && !is_connector(amp[length]) && amp[length] != '}' && amp[length] != '|')
      length++;
    const char *body = synset_body(dict, amp, length);
    if (!body) { expansion_add(out, text); return; }
    size_t prefix = (size_t)(amp - text);
    const char *member = body;
    while (*member) {
      const char *bar = strchr(member, '|');
      size_t member_length = bar ? (size_t)(bar - member) : strlen(member);
      size_t need = prefix + member_length + strlen(amp + length) + 2;
      char *joined = malloc(need);
      if (!joined) return;
      snprintf(joined, need, "%.*s%.*s%s", (int)prefix, text, (int)member_length, member,
               amp + length);
      expand(dict, joined, out, depth + 1);
      free(joined);
      if (!bar) break;
      member = bar + 1;
    }
    return;
  }
  expansion_add(out, text);
}

int tb_add_pattern(an_tabari_dict *dict, uint32_t verb, const char *text, const char *code_text,
                   int file, uint32_t line, const char **why) {
  uint32_t code, code2;
  uint8_t flags;
  if (tb_parse_event_code(dict, code_text, &code, &code2, &flags)) { *why = "no code in [...]"; return -1; }
  char *items[TB_MAX_EXPANSIONS];
  expansion out = {items, 0};
  expand(dict, text, &out, 0);
  int status = 0;
  for (size_t i = 0; i < out.count; i++) {
    uint16_t count, weight;
    uint32_t first = tb_parse_phrase(dict, out.items[i], 1, &count, &weight, why);
    if (first != UINT32_MAX) {
      int stars = 0;
      for (uint16_t k = 0; k < count; k++) stars += dict->elements[first + k].kind == TB_ELEM_VERB;
      if (stars != 1) { *why = "pattern needs exactly one '*'"; first = UINT32_MAX; dict->element_count -= count; }
    }
    if (first == UINT32_MAX) { status = -1; continue; }
    if (grow((void **)&dict->patterns, &dict->pattern_capacity, dict->pattern_count + 1,
             sizeof(tb_pattern))) {
      *why = "out of memory";
      status = -1;
      break;
    }
    tb_pattern *pattern = &dict->patterns[dict->pattern_count++];
    memset(pattern->signature, 0, sizeof pattern->signature);
    unsigned side = 0;
    for (uint16_t k = 0; k < count; k++) {
      const tb_element *e = &dict->elements[first + k];
      if (e->kind == TB_ELEM_VERB) side = 256;
      /* a one-letter stem shares no second byte with its tokens */
      if (e->kind != TB_ELEM_WORD || e->length < 2) continue;
      unsigned slot = side + tb_word_key(dict->pool + e->text, e->length);
      pattern->signature[slot >> 6] |= 1ULL << (slot & 63);
    }
    pattern->first = first;
    pattern->count = count;
    pattern->weight = weight;
    pattern->code = code;
    pattern->code2 = code2;
    pattern->line = line;
    pattern->file = (uint8_t)file;
    pattern->flags = flags;
    tb_verb *owner = &dict->verbs[verb];
    if (owner->patterns == UINT32_MAX) owner->patterns = (uint32_t)(dict->pattern_count - 1);
    owner->pattern_count++;
  }
  for (size_t i = 0; i < out.count; i++) free(out.items[i]);
  if (out.count == 0 && status == 0) { *why = "pattern expands to nothing"; return -1; }
  return status;
}

/* ---- finishing: hash table and pattern order ---------------------------- */

static int slot_insert(an_tabari_dict *dict, uint32_t phrase_index) {
  tb_phrase *phrase = &dict->phrases[phrase_index];
  const tb_element *word = &dict->elements[phrase->first];
  const char *key = tb_text(dict, word->text);
  uint64_t hash = tb_hash_bytes(TB_HASH_SEED, key, word->length);
  size_t mask = dict->slot_capacity - 1;
  for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
    tb_hash_slot *slot = &dict->slots[i];
    if (!slot->length) {
      slot->hash = hash;
      slot->text = word->text;
      slot->length = word->length;
      slot->phrases = phrase_index;
      phrase->next = UINT32_MAX;
      dict->slot_used++;
      dict->bloom[(hash >> 20) % TB_BLOOM_BITS / 64] |= 1ULL << ((hash >> 20) % 64);
      return 0;
    }
    if (slot->hash == hash && slot->length == word->length &&
        !memcmp(tb_text(dict, slot->text), key, word->length)) {
      /* keep chains ordered by weight, heaviest first, then file order */
      uint32_t *link = &slot->phrases;
      while (*link != UINT32_MAX && dict->phrases[*link].weight > phrase->weight)
        link = &dict->phrases[*link].next;
      phrase->next = *link;
      *link = phrase_index;
      return 0;
    }
  }
}

const tb_hash_slot *tb_lookup(const an_tabari_dict *dict, const char *key, size_t length,
                              uint64_t hash) {
  if (!dict->slot_capacity) return NULL;
  if (!(dict->bloom[(hash >> 20) % TB_BLOOM_BITS / 64] & (1ULL << ((hash >> 20) % 64))))
    return NULL;
  size_t mask = dict->slot_capacity - 1;
  for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
    const tb_hash_slot *slot = &dict->slots[i];
    if (!slot->length) return NULL;
    if (slot->hash == hash && slot->length == length &&
        !memcmp(dict->pool + slot->text, key, length))
      return slot;
  }
}

/* Fills one chain entry from phrase p at position order of its chain. */
static void fill_chain_entry(const an_tabari_dict *dict, tb_chain_entry *entry, uint32_t p,
                             uint32_t order) {
  const tb_phrase *phrase = &dict->phrases[p];
  memset(entry, 0, sizeof *entry);
  entry->phrase = p;
  entry->score = (uint64_t)phrase->weight << 32 | (uint32_t)~order;
  const tb_element *first = &dict->elements[phrase->first];
  entry->first = first->mode == TB_MATCH_STEM ? TB_FIRST_PREFIX
               : first->mode == TB_MATCH_EXACT && phrase->count == 1 ? TB_FIRST_ENDING
               : TB_FIRST_WHOLE;
  for (uint16_t k = 1; k < phrase->count && entry->need_count < TB_CHAIN_NEEDS; k++) {
    const tb_element *e = &dict->elements[phrase->first + k];
    if (e->length < 2) continue;
    entry->need[entry->need_count++] = (uint8_t)tb_word_slot(dict->pool + e->text, e->length);
    entry->bits |= tb_word_bit(dict->pool + e->text, e->length);
  }
}

/* The group key of a chain entry (see tb_chain_group). */
static unsigned entry_key(const an_tabari_dict *dict, const tb_chain_entry *entry) {
  if (!entry->need_count) return TB_GROUP_NONE;
  const tb_phrase *phrase = &dict->phrases[entry->phrase];
  const tb_element *e = &dict->elements[phrase->first];
  if (e[0].adjacent && e[1].kind == TB_ELEM_WORD && e[1].length >= 2)
    return TB_GROUP_NEXT + entry->need[0];
  return entry->need[0];
}

/* Lays one slot's chain out as groups of equal key, in key order (chain
 * order inside a group); entries go to dict->chain from *used, groups from
 * *group_used, and a slot with two or more groups gets a tb_group_mask. */
static int lay_out_slot(an_tabari_dict *dict, tb_hash_slot *slot, size_t *used,
                        size_t *group_used, tb_chain_entry *scratch, uint16_t *keys) {
  size_t count = 0;
  for (uint32_t p = slot->phrases; p != UINT32_MAX && count < dict->phrase_count;
       p = dict->phrases[p].next, count++)
    fill_chain_entry(dict, &scratch[count], p, (uint32_t)count);
  slot->heaviest = 0;
  slot->first_kinds = 0;
  for (size_t i = 0; i < count; i++) {
    uint16_t weight = (uint16_t)(scratch[i].score >> 32);
    if (weight > slot->heaviest) slot->heaviest = weight;
    slot->first_kinds |= (uint8_t)(1u << scratch[i].first);
  }
  slot->groups = (uint32_t)*group_used;
  slot->group_count = 0;
  slot->index = UINT32_MAX;
  /* the distinct keys, ascending */
  uint8_t seen[TB_GROUP_KEYS] = {0};
  size_t key_count = 0;
  for (size_t i = 0; i < count; i++) {
    unsigned key = entry_key(dict, &scratch[i]);
    if (seen[key]) continue;
    seen[key] = 1;
    size_t at = key_count++;
    while (at > 0 && keys[at - 1] > key) { keys[at] = keys[at - 1]; at--; }
    keys[at] = (uint16_t)key;
  }
  for (size_t k = 0; k < key_count; k++) {
    tb_chain_group *group = &dict->groups[(*group_used)++];
    group->start = (uint32_t)*used;
    group->key = keys[k];
    group->count = 0;
    for (size_t j = 0; j < count; j++)
      if (entry_key(dict, &scratch[j]) == keys[k]) { dict->chain[(*used)++] = scratch[j]; group->count++; }
    slot->group_count++;
  }
  if (slot->group_count < 2) return 0;
  if (grow((void **)&dict->group_masks, &dict->group_mask_capacity, dict->group_mask_count + 1,
           sizeof *dict->group_masks))
    return -1;
  slot->index = (uint32_t)dict->group_mask_count;
  tb_group_mask *mask = &dict->group_masks[dict->group_mask_count++];
  memset(mask, 0, sizeof *mask);
  for (uint16_t g = 0; g < slot->group_count; g++) {
    unsigned key = dict->groups[slot->groups + g].key;
    if (key == TB_GROUP_NONE) { mask->none = (uint16_t)(g + 1); continue; }
    unsigned bit = key < TB_GROUP_NONE ? key : key - 1;
    mask->keys[bit >> 6] |= 1ULL << (bit & 63);
  }
  /* groups sort by key: ordinary keys, NONE, then NEXT keys */
  uint16_t below = 0;
  for (unsigned w = 0; w < 8; w++) {
    if (w == 4 && mask->none) below++;
    mask->before[w] = below;
    below = (uint16_t)(below + __builtin_popcountll(mask->keys[w]));
  }
  return 0;
}

/* ---- the first-word trie ------------------------------------------------ */

static int compare_slot_keys(const void *a, const void *b, void *context) {
  const an_tabari_dict *dict = context;
  const tb_hash_slot *x = &dict->slots[*(const uint32_t *)a];
  const tb_hash_slot *y = &dict->slots[*(const uint32_t *)b];
  size_t n = x->length < y->length ? x->length : y->length;
  int order = memcmp(dict->pool + x->text, dict->pool + y->text, n);
  if (order) return order;
  return (x->length > y->length) - (x->length < y->length);
}

/* Grows dict->trie to at least count cells (new ones free). */
static int trie_reserve(an_tabari_dict *dict, size_t count) {
  if (count <= dict->trie_capacity) return 0;
  size_t capacity = dict->trie_capacity ? dict->trie_capacity : 4096;
  while (capacity < count) capacity *= 2;
  tb_trie_cell *cells = realloc(dict->trie, capacity * sizeof *cells);
  if (!cells) return -1;
  for (size_t i = dict->trie_capacity; i < capacity; i++)
    cells[i] = (tb_trie_cell){0, TB_TRIE_FREE, UINT32_MAX};
  dict->trie = cells;
  dict->trie_capacity = capacity;
  return 0;
}

typedef struct trie_build {
  an_tabari_dict *dict;
  const uint32_t *keys; /* slot indices sorted by key (borrowed) */
  size_t first_free;    /* no free cell below it */
  size_t multi_from;    /* where nodes with several children look from
                           (the holes below it go to single children) */
  uint64_t *used;       /* bit per cell: taken (owned); covers used_words */
  size_t used_words;
} trie_build;

/* Grows the trie to count cells and the used bitmap with it. */
static int trie_grow(trie_build *build, size_t count) {
  if (trie_reserve(build->dict, count)) return -1;
  size_t words = build->dict->trie_capacity / 64 + 1;
  if (words <= build->used_words) return 0;
  uint64_t *used = realloc(build->used, words * sizeof *used);
  if (!used) return -1;
  memset(used + build->used_words, 0, (words - build->used_words) * sizeof *used);
  build->used = used;
  build->used_words = words;
  return 0;
}

/* The first free cell at or after i (may be past the capacity). */
static size_t next_free_cell(const trie_build *build, size_t i) {
  for (size_t word = i / 64; word < build->used_words; word++) {
    uint64_t free_bits = ~build->used[word];
    if (word == i / 64) free_bits &= ~0ULL << (i % 64);
    if (free_bits) return word * 64 + (size_t)__builtin_ctzll(free_bits);
  }
  return build->used_words * 64;
}

static void take_cell(trie_build *build, size_t i) {
  build->used[i / 64] |= 1ULL << (i % 64);
}

/* Byte depth of the key of sorted entry i. */
static unsigned char key_byte(const trie_build *build, size_t i, size_t depth) {
  const tb_hash_slot *slot = &build->dict->slots[build->keys[i]];
  return (unsigned char)build->dict->pool[slot->text + depth];
}

/* Fills node (the path of length depth shared by sorted keys [lo, hi))
 * and its subtree.  Depth is at most TB_TRIE_MAX_KEY. */
static int trie_fill(trie_build *build, uint32_t node, size_t depth, size_t lo, size_t hi) {
  an_tabari_dict *dict = build->dict;
  if (lo < hi && dict->slots[build->keys[lo]].length == depth) dict->trie[node].slot = build->keys[lo++];
  if (lo == hi) return 0;
  unsigned char bytes[256];
  size_t count = 0;
  for (size_t i = lo; i < hi; i++) {
    unsigned char c = key_byte(build, i, depth);
    if (!count || bytes[count - 1] != c) bytes[count++] = c;
  }
  /* a base puts the first child on a free cell and every other one too */
  size_t base = 0;
  size_t from = count > 1 && build->multi_from > build->first_free ? build->multi_from
                                                                   : build->first_free;
  if (from < bytes[0] + 1u) from = bytes[0] + 1u; /* the base is at least 1 */
  for (size_t cell = next_free_cell(build, from);; cell = next_free_cell(build, cell + 1)) {
    if (cell < bytes[0] + 1u) continue;
    base = cell - bytes[0];
    if (trie_grow(build, base + 257)) return -1;
    size_t k = 1;
    while (k < count && !((build->used[(base + bytes[k]) / 64] >> ((base + bytes[k]) % 64)) & 1)) k++;
    if (k == count) break;
  }
  dict->trie[node].base = (uint32_t)base;
  for (size_t k = 0; k < count; k++) {
    dict->trie[base + bytes[k]].check = (int32_t)node;
    take_cell(build, base + bytes[k]);
  }
  build->first_free = next_free_cell(build, build->first_free);
  if (count > 1) build->multi_from = base + bytes[0];
  size_t start = lo;
  for (size_t k = 0; k < count; k++) {
    size_t stop = start;
    while (stop < hi && key_byte(build, stop, depth) == bytes[k]) stop++;
    if (trie_fill(build, (uint32_t)(base + bytes[k]), depth + 1, start, stop)) return -1;
    start = stop;
  }
  return 0;
}

/* Builds dict->trie over the hash slots' keys (first words up to
 * TB_TRIE_MAX_KEY bytes). */
static int build_trie(an_tabari_dict *dict) {
  free(dict->trie);
  dict->trie = NULL;
  dict->trie_capacity = 0;
  uint32_t *keys = malloc((dict->slot_used + 1) * sizeof *keys);
  if (!keys || trie_reserve(dict, 4096)) { free(keys); return -1; }
  size_t count = 0;
  for (size_t i = 0; i < dict->slot_capacity; i++)
    if (dict->slots[i].length && dict->slots[i].length <= TB_TRIE_MAX_KEY && count < dict->slot_used)
      keys[count++] = (uint32_t)i;
  if (count) qsort_r(keys, count, sizeof *keys, compare_slot_keys, dict);
  dict->trie[0].check = TB_TRIE_ROOT;
  /* cells below 256 stay free (a free cell at c below a byte b cannot
   * take it), so that every free cell from first_free on is usable */
  trie_build build = {dict, keys, 256, 256, NULL, 0};
  int status = trie_grow(&build, 4096);
  if (!status) {
    take_cell(&build, 0);
    status = trie_fill(&build, 0, 0, 0, count);
  }
  free(build.used);
  free(keys);
  return status;
}

/* Copies every slot's phrase chain into dict->chain, grouped by key. */
static int lay_out_chains(an_tabari_dict *dict) {
  free(dict->chain);
  free(dict->groups);
  free(dict->group_masks);
  dict->group_masks = NULL;
  dict->group_mask_count = dict->group_mask_capacity = 0;
  dict->chain = malloc((dict->phrase_count + 1) * sizeof *dict->chain);
  dict->groups = malloc((dict->phrase_count + 1) * sizeof *dict->groups);
  size_t longest = 0; /* the longest chain sizes the scratch space */
  for (size_t i = 0; i < dict->slot_capacity; i++) {
    size_t length = 0;
    if (dict->slots[i].length)
      for (uint32_t p = dict->slots[i].phrases; p != UINT32_MAX && length < dict->phrase_count;
           p = dict->phrases[p].next)
        length++;
    if (length > longest) longest = length;
  }
  tb_chain_entry *scratch = malloc((longest + 1) * sizeof *scratch);
  uint16_t *keys = malloc(TB_GROUP_KEYS * sizeof *keys);
  int status = dict->chain && dict->groups && scratch && keys ? 0 : -1;
  size_t used = 0, group_used = 0;
  for (size_t i = 0; i < dict->slot_capacity && !status; i++)
    if (dict->slots[i].length)
      status = lay_out_slot(dict, &dict->slots[i], &used, &group_used, scratch, keys);
  dict->group_count = group_used;
  free(scratch);
  free(keys);
  return status;
}

/* Is this literal too common to key a pattern on (its slot is in most
 * sentences)? */
static int common_word(const char *word, size_t length) {
  static const char *const words[] = {"TO", "THE", "OF", "IN", "ON", "AN", "AND", "FOR",
                                      "WITH", "THAT", "AT", "BY", "IS", "WAS", "WILL", "FROM",
                                      "HAS", "HAVE", "BE", "ITS", "IT", "AS", "NOT", "HAD",
                                      "WERE", "ARE", "SAID", NULL};
  if (length > 4) return 0;
  for (size_t i = 0; words[i]; i++)
    if (strlen(words[i]) == length && !memcmp(words[i], word, length)) return 1;
  return 0;
}

/* The key of a pattern (see tb_pattern_index): its longest uncommon
 * literal of two or more letters, else its longest literal, with the side. */
static unsigned pattern_key(const an_tabari_dict *dict, const tb_pattern *pattern) {
  unsigned key = TB_KEY_NONE;
  long best = -1;
  unsigned side = 0;
  for (uint16_t k = 0; k < pattern->count; k++) {
    const tb_element *e = &dict->elements[pattern->first + k];
    if (e->kind == TB_ELEM_VERB) side = TB_KEY_AFTER;
    if (e->kind != TB_ELEM_WORD || e->length < 2) continue;
    const char *word = dict->pool + e->text;
    long score = (long)e->length + (common_word(word, e->length) ? 0 : 1000);
    if (score > best) {
      best = score;
      key = side + tb_word_key(word, e->length);
    }
  }
  return key;
}

/* Builds the pattern index of every verb with many patterns. */
static int build_pattern_indexes(an_tabari_dict *dict) {
  free(dict->pattern_indexes);
  free(dict->bucket_starts);
  free(dict->bucket_items);
  dict->pattern_indexes = NULL;
  dict->bucket_starts = NULL;
  dict->bucket_items = NULL;
  dict->pattern_index_count = 0;
  size_t wanted = 0, items = 0;
  for (size_t v = 0; v < dict->verb_count; v++) {
    const tb_verb *verb = &dict->verbs[v];
    if (verb->pattern_count > TB_PATTERN_LINEAR && verb->pattern_count <= TB_PATTERN_INDEXED) {
      wanted++;
      items += verb->pattern_count;
    }
  }
  dict->pattern_indexes = malloc((wanted + 1) * sizeof *dict->pattern_indexes);
  dict->bucket_starts = malloc((wanted * (TB_KEY_COUNT + 1) + 1) * sizeof *dict->bucket_starts);
  dict->bucket_items = malloc((items + 1) * sizeof *dict->bucket_items);
  uint16_t *keys = malloc((TB_PATTERN_INDEXED + 1) * sizeof *keys);
  int status = dict->pattern_indexes && dict->bucket_starts && dict->bucket_items && keys
                   ? AN_OK : AN_ERROR_MEMORY;
  size_t item_used = 0;
  for (size_t v = 0; v < dict->verb_count; v++) {
    tb_verb *verb = &dict->verbs[v];
    verb->index = UINT32_MAX;
    if (status || verb->pattern_count <= TB_PATTERN_LINEAR || verb->pattern_count > TB_PATTERN_INDEXED)
      continue;
    tb_pattern_index *index = &dict->pattern_indexes[dict->pattern_index_count];
    verb->index = (uint32_t)dict->pattern_index_count++;
    memset(index->keys, 0, sizeof index->keys);
    index->buckets = (uint32_t)((verb->index) * (TB_KEY_COUNT + 1));
    uint32_t *starts = dict->bucket_starts + index->buckets;
    uint32_t counts[TB_KEY_COUNT] = {0};
    for (uint32_t i = 0; i < verb->pattern_count; i++) {
      keys[i] = (uint16_t)pattern_key(dict, &dict->patterns[dict->pattern_order[verb->patterns + i]]);
      counts[keys[i]]++;
      if (keys[i] < TB_KEY_NONE) index->keys[keys[i] >> 6] |= 1ULL << (keys[i] & 63);
    }
    uint32_t at = (uint32_t)item_used;
    for (unsigned k = 0; k < TB_KEY_COUNT; k++) { starts[k] = at; at += counts[k]; }
    starts[TB_KEY_COUNT] = at;
    memset(counts, 0, sizeof counts);
    for (uint32_t i = 0; i < verb->pattern_count; i++) /* ascending within a bucket */
      dict->bucket_items[starts[keys[i]] + counts[keys[i]]++] = (uint16_t)i;
    item_used = at;
  }
  free(keys);
  return status;
}

static int compare_patterns(const void *a, const void *b, void *context) {
  const an_tabari_dict *sort_dict = context;
  const tb_pattern *x = &sort_dict->patterns[*(const uint32_t *)a];
  const tb_pattern *y = &sort_dict->patterns[*(const uint32_t *)b];
  if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
  return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

int tb_dict_finish(an_tabari_dict *dict) {
  size_t capacity = 1024;
  while (capacity < dict->phrase_count * 2) capacity *= 2;
  free(dict->slots);
  free(dict->bloom);
  dict->slots = calloc(capacity, sizeof *dict->slots);
  dict->bloom = calloc(TB_BLOOM_BITS / 64, sizeof(uint64_t));
  if (!dict->slots || !dict->bloom) return AN_ERROR_MEMORY;
  dict->slot_capacity = capacity;
  dict->slot_used = 0;
  /* insert in reverse so that equal-weight phrases keep file order */
  for (size_t i = dict->phrase_count; i-- > 0;) slot_insert(dict, (uint32_t)i);
  if (lay_out_chains(dict)) return AN_ERROR_MEMORY;
  if (build_trie(dict)) return AN_ERROR_MEMORY;
  free(dict->pattern_order);
  dict->pattern_order = malloc((dict->pattern_count + 1) * sizeof(uint32_t));
  if (!dict->pattern_order) return AN_ERROR_MEMORY;
  for (size_t i = 0; i < dict->pattern_count; i++) dict->pattern_order[i] = (uint32_t)i;
  for (size_t v = 0; v < dict->verb_count; v++) {
    tb_verb *verb = &dict->verbs[v];
    if (verb->pattern_count)
      qsort_r(dict->pattern_order + verb->patterns, verb->pattern_count, sizeof(uint32_t),
              compare_patterns, dict);
  }
  free(dict->order_bits);
  dict->order_bits = malloc((dict->pattern_count + 1) * 2 * sizeof(uint64_t));
  if (!dict->order_bits) return AN_ERROR_MEMORY;
  for (size_t i = 0; i < dict->pattern_count; i++) {
    const tb_pattern *pattern = &dict->patterns[dict->pattern_order[i]];
    uint64_t bits[2] = {0, 0}; /* literals before and after the '*' */
    int after = 0;
    for (uint16_t k = 0; k < pattern->count; k++) {
      const tb_element *e = &dict->elements[pattern->first + k];
      if (e->kind == TB_ELEM_VERB) after = 1;
      if (e->kind != TB_ELEM_WORD || e->length < 2) continue;
      bits[after] |= tb_word_bit(dict->pool + e->text, e->length);
    }
    dict->order_bits[2 * i] = bits[0];
    dict->order_bits[2 * i + 1] = bits[1];
  }
  if (build_pattern_indexes(dict)) return AN_ERROR_MEMORY;
  snprintf(dict->summary, sizeof dict->summary,
           "actors %zu, agents %zu, verbs %zu, patterns %zu, nouns %zu, adjectives %zu, "
           "time %zu, discards %zu, synsets %zu, malformed %zu",
           dict->counts[TB_ROOT_ACTOR], dict->counts[TB_ROOT_AGENT], dict->verb_count,
           dict->pattern_count, dict->counts[TB_ROOT_NOUN], dict->counts[TB_ROOT_ADJECTIVE],
           dict->counts[TB_ROOT_TIME], dict->counts[TB_ROOT_DISCARD], dict->synset_count,
           dict->malformed);
  return AN_OK;
}
