/*
 * compiled.c — a dictionary compiled to one checked binary file, so that a
 * large dictionary loads without parsing text or recomputing morphology.
 *
 * Layout (every integer little-endian, whatever the machine):
 *   "ANNALSD\0", version (u32), byte-order mark 0x01020304 (u32),
 *   then the model's tables in a fixed order, each prefixed by its count,
 *   then an FNV-1a checksum (u64) of every byte before it.
 * Reading checks the magic, version, every count against the bytes left, and
 * the checksum; a bad file is an error naming it, never a crash.
 */
#include "match/dict.h"

#include <stdlib.h>
#include <string.h>

#define AN_COMPILED_MAGIC "ANNALSD"
#define AN_COMPILED_VERSION 1u
#define AN_COMPILED_BYTE_ORDER 0x01020304u
/* Larger files are refused: no dictionary comes near it. */
#define AN_COMPILED_MAX_BYTES (512u * 1024u * 1024u)

void an_dict_bind_function_words(an_dict *dict);

/* ---- writing ---- */

typedef struct writer {
  an_buffer bytes; /* the whole file, checksummed before it is written */
  bool failed;
} writer;

static void put_bytes(writer *w, const void *bytes, size_t length) {
  if (!w->failed && length && an_buffer_append(&w->bytes, bytes, length) != AN_OK) w->failed = true;
}

static void put_u32(writer *w, uint32_t value) {
  uint8_t bytes[4] = {(uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16), (uint8_t)(value >> 24)};
  put_bytes(w, bytes, 4);
}

static void put_u64(writer *w, uint64_t value) {
  put_u32(w, (uint32_t)value);
  put_u32(w, (uint32_t)(value >> 32));
}

static void put_string(writer *w, const char *text) {
  uint32_t length = (uint32_t)strlen(text);
  put_u32(w, length);
  put_bytes(w, text, length);
}

static void put_table(writer *w, const uint32_t *table, uint32_t count) {
  put_u32(w, count);
  for (uint32_t i = 0; i < count; i++) put_u32(w, table[i]);
}

static void put_entries(writer *w, const an_dict *dict) {
  put_u32(w, dict->entry_count);
  for (uint32_t i = 0; i < dict->entry_count; i++) {
    const an_entry *e = &dict->entries[i];
    put_u32(w, (uint32_t)e->kind | (uint32_t)e->word_count << 8);
    put_u32(w, e->flags);
    put_u32(w, e->option_first);
    put_u32(w, e->option_count);
    put_u32(w, e->file);
    put_u32(w, e->line);
    put_u32(w, e->next);
  }
  put_u32(w, dict->option_count);
  for (uint32_t i = 0; i < dict->option_count; i++) {
    put_bytes(w, dict->options[i].code, sizeof dict->options[i].code);
    put_u32(w, (uint32_t)dict->options[i].from);
    put_u32(w, (uint32_t)dict->options[i].to);
  }
}

static void put_patterns(writer *w, const an_dict *dict) {
  put_u32(w, dict->pattern_count);
  for (uint32_t i = 0; i < dict->pattern_count; i++) {
    const an_pattern *p = &dict->patterns[i];
    put_u32(w, p->verb);
    put_u32(w, (uint32_t)p->noun | (uint32_t)p->subject_is_target << 1 | (uint32_t)p->has_target << 2 |
                   (uint32_t)p->has_source << 3);
    put_u32(w, p->element_first);
    put_u32(w, p->element_count);
    put_bytes(w, p->code, sizeof p->code);
    put_u32(w, p->file);
    put_u32(w, p->line);
    put_u32(w, p->next);
  }
  put_u32(w, dict->element_count);
  for (uint32_t i = 0; i < dict->element_count; i++) {
    put_u32(w, dict->elements[i].kind);
    put_u32(w, dict->elements[i].value);
  }
}

static void put_model(writer *w, const an_dict *dict) {
  put_u32(w, dict->vocab.count);
  for (uint32_t id = 1; id < dict->vocab.count; id++) put_string(w, dict->vocab.words[id]);
  put_table(w, dict->lemma_of, dict->lemma_capacity);
  put_table(w, dict->noun_base_of, dict->noun_capacity);
  put_u32(w, dict->edge_slots);
  put_u32(w, dict->edge_count);
  put_u32(w, dict->node_count);
  for (uint32_t i = 0; i < dict->edge_slots; i++) put_u64(w, dict->edge_keys[i]);
  for (uint32_t i = 0; i < dict->edge_slots; i++) put_u32(w, dict->edge_values[i]);
  put_table(w, dict->node_entry, dict->node_capacity);
  put_entries(w, dict);
  put_patterns(w, dict);
  put_table(w, dict->verb_first, dict->verb_capacity);
  put_table(w, dict->noun_first, dict->noun_first_capacity);
  put_u32(w, dict->set_slots);
  put_u32(w, dict->set_member_count);
  for (uint32_t i = 0; i < dict->set_slots; i++) put_u64(w, dict->set_members[i]);
  put_u32(w, dict->set_count);
  for (uint32_t i = 0; i < dict->set_count; i++) put_string(w, dict->set_names[i]);
  put_u32(w, dict->file_count);
  for (uint32_t i = 0; i < dict->file_count; i++) put_string(w, dict->files[i]);
  for (int i = 0; i < 4; i++) put_u32(w, (uint32_t)dict->counts[i]);
}

int an_dict_save(const an_dict *dict, const char *path, an_error *error) {
  if (dict->tabari) return an_error_set(error, AN_ERROR_USAGE, "%s: only annals dictionaries compile", path);
  writer w = {{NULL, 0, 0}, false};
  put_bytes(&w, AN_COMPILED_MAGIC, 8);
  put_u32(&w, AN_COMPILED_VERSION);
  put_u32(&w, AN_COMPILED_BYTE_ORDER);
  put_model(&w, dict);
  if (!w.failed) put_u64(&w, an_hash64(w.bytes.data, w.bytes.size, 0));
  FILE *file = w.failed ? NULL : fopen(path, "wb");
  bool written = file && fwrite(w.bytes.data, 1, w.bytes.size, file) == w.bytes.size;
  if (file && fclose(file) != 0) written = false;
  an_buffer_clear(&w.bytes);
  if (w.failed) return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
  return written ? AN_OK : an_error_set(error, AN_ERROR_IO, "%s: cannot write", path);
}

/* ---- reading ---- */

typedef struct reader {
  const uint8_t *data;
  size_t size, position;
  bool failed;
} reader;

static const uint8_t *take(reader *r, size_t length) {
  if (r->failed || length > r->size - r->position) {
    r->failed = true;
    return NULL;
  }
  const uint8_t *bytes = r->data + r->position;
  r->position += length;
  return bytes;
}

static uint32_t get_u32(reader *r) {
  const uint8_t *b = take(r, 4);
  return b ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24 : 0;
}

static uint64_t get_u64(reader *r) {
  uint64_t low = get_u32(r);
  return low | (uint64_t)get_u32(r) << 32;
}

/* A count of items of item_bytes each: refused when more than the bytes left. */
static uint32_t get_count(reader *r, size_t item_bytes) {
  uint32_t count = get_u32(r);
  if (item_bytes && (size_t)count > (r->size - r->position) / item_bytes) r->failed = true;
  return r->failed ? 0 : count;
}

static char *get_string(reader *r) {
  uint32_t length = get_count(r, 1);
  const uint8_t *bytes = take(r, length);
  return bytes ? an_strndup((const char *)bytes, length) : NULL;
}

/* Reads a u32 table; *table is allocated (at least one slot). */
static void get_table(reader *r, uint32_t **table, uint32_t *count) {
  *count = get_count(r, 4);
  *table = calloc(*count ? *count : 1, sizeof **table);
  if (!*table) { r->failed = true; return; }
  for (uint32_t i = 0; i < *count; i++) (*table)[i] = get_u32(r);
}

static void get_vocab(reader *r, an_dict *dict) {
  uint32_t count = get_count(r, 4);
  for (uint32_t id = 1; id < count && !r->failed; id++) {
    char *word = get_string(r);
    if (!word || an_vocab_add(&dict->vocab, word, strlen(word)) != id) r->failed = true;
    free(word);
  }
}

static void get_trie(reader *r, an_dict *dict) {
  dict->edge_slots = get_count(r, 12);
  dict->edge_count = get_u32(r);
  dict->node_count = get_u32(r);
  if (dict->edge_slots & (dict->edge_slots - 1)) r->failed = true; /* a power of two */
  dict->edge_keys = calloc(dict->edge_slots ? dict->edge_slots : 1, sizeof *dict->edge_keys);
  dict->edge_values = calloc(dict->edge_slots ? dict->edge_slots : 1, sizeof *dict->edge_values);
  if (!dict->edge_keys || !dict->edge_values) { r->failed = true; return; }
  for (uint32_t i = 0; i < dict->edge_slots; i++) dict->edge_keys[i] = get_u64(r);
  for (uint32_t i = 0; i < dict->edge_slots; i++) dict->edge_values[i] = get_u32(r);
  get_table(r, &dict->node_entry, &dict->node_capacity);
}

/* Reads a count of items (item_bytes each on disk) and allocates that many
 * zeroed items of item_size (one more, so an empty table is not NULL). */
static void *get_items(reader *r, uint32_t *count, size_t *capacity, size_t item_bytes, size_t item_size) {
  *count = get_count(r, item_bytes);
  *capacity = *count + 1u;
  void *items = calloc(*capacity, item_size);
  if (!items) r->failed = true;
  return items;
}

static void get_entries(reader *r, an_dict *dict) {
  dict->entries = get_items(r, &dict->entry_count, &dict->entry_capacity, 28, sizeof *dict->entries);
  for (uint32_t i = 0; dict->entries && i < dict->entry_count; i++) {
    an_entry *e = &dict->entries[i];
    uint32_t kind = get_u32(r);
    e->kind = (uint8_t)kind;
    e->word_count = (uint8_t)(kind >> 8);
    e->flags = get_u32(r);
    e->option_first = get_u32(r);
    e->option_count = get_u32(r);
    e->file = get_u32(r);
    e->line = get_u32(r);
    e->next = get_u32(r);
  }
  dict->options = get_items(r, &dict->option_count, &dict->option_capacity, sizeof dict->options[0].code + 8,
                            sizeof *dict->options);
  for (uint32_t i = 0; dict->options && i < dict->option_count; i++) {
    const uint8_t *code = take(r, sizeof dict->options[i].code);
    if (code) memcpy(dict->options[i].code, code, sizeof dict->options[i].code);
    dict->options[i].code[sizeof dict->options[i].code - 1] = '\0';
    dict->options[i].from = (int32_t)get_u32(r);
    dict->options[i].to = (int32_t)get_u32(r);
  }
  if (!dict->entries || !dict->options) r->failed = true;
}

static void get_patterns(reader *r, an_dict *dict) {
  dict->patterns = get_items(r, &dict->pattern_count, &dict->pattern_capacity, 36, sizeof *dict->patterns);
  for (uint32_t i = 0; dict->patterns && i < dict->pattern_count; i++) {
    an_pattern *p = &dict->patterns[i];
    p->verb = get_u32(r);
    uint32_t flags = get_u32(r);
    p->noun = flags & 1;
    p->subject_is_target = (flags >> 1) & 1;
    p->has_target = (flags >> 2) & 1;
    p->has_source = (flags >> 3) & 1;
    p->element_first = get_u32(r);
    p->element_count = get_u32(r);
    const uint8_t *code = take(r, sizeof p->code);
    if (code) memcpy(p->code, code, sizeof p->code);
    p->code[sizeof p->code - 1] = '\0';
    p->file = get_u32(r);
    p->line = get_u32(r);
    p->next = get_u32(r);
  }
  dict->elements = get_items(r, &dict->element_count, &dict->element_capacity, 8, sizeof *dict->elements);
  for (uint32_t i = 0; dict->elements && i < dict->element_count; i++) {
    dict->elements[i].kind = (uint8_t)get_u32(r);
    dict->elements[i].value = get_u32(r);
  }
  if (!dict->patterns || !dict->elements) r->failed = true;
}

static void get_strings(reader *r, char ***strings, uint32_t *count) {
  *count = get_count(r, 4);
  *strings = calloc(*count ? *count : 1, sizeof **strings);
  if (!*strings) { r->failed = true; *count = 0; return; }
  for (uint32_t i = 0; i < *count; i++)
    if (!((*strings)[i] = get_string(r))) (*strings)[i] = an_strdup("");
}

static void get_model(reader *r, an_dict *dict) {
  get_vocab(r, dict);
  get_table(r, &dict->lemma_of, &dict->lemma_capacity);
  get_table(r, &dict->noun_base_of, &dict->noun_capacity);
  get_trie(r, dict);
  get_entries(r, dict);
  get_patterns(r, dict);
  get_table(r, &dict->verb_first, &dict->verb_capacity);
  get_table(r, &dict->noun_first, &dict->noun_first_capacity);
  dict->set_slots = get_count(r, 8);
  dict->set_member_count = get_u32(r);
  if (dict->set_slots & (dict->set_slots - 1)) r->failed = true;
  dict->set_members = calloc(dict->set_slots ? dict->set_slots : 1, sizeof *dict->set_members);
  for (uint32_t i = 0; dict->set_members && i < dict->set_slots; i++) dict->set_members[i] = get_u64(r);
  get_strings(r, &dict->set_names, &dict->set_count);
  get_strings(r, &dict->files, &dict->file_count);
  for (int i = 0; i < 4; i++) dict->counts[i] = (int)get_u32(r);
}

/* Every index the coder follows must lie inside its table. */
static bool indexes_valid(const an_dict *dict) {
  for (uint32_t i = 0; i < dict->edge_slots; i++)
    if (dict->edge_keys[i] && dict->edge_values[i] >= dict->node_count) return false;
  for (uint32_t i = 0; i < dict->node_capacity; i++)
    if (dict->node_entry[i] > dict->entry_count) return false;
  for (uint32_t i = 0; i < dict->entry_count; i++) {
    const an_entry *e = &dict->entries[i];
    if (e->next > dict->entry_count || e->file >= dict->file_count ||
        (uint64_t)e->option_first + e->option_count > dict->option_count)
      return false;
  }
  for (uint32_t i = 0; i < dict->pattern_count; i++) {
    const an_pattern *p = &dict->patterns[i];
    if (p->next > dict->pattern_count || p->file >= dict->file_count ||
        (uint64_t)p->element_first + p->element_count > dict->element_count)
      return false;
  }
  for (uint32_t i = 0; i < dict->verb_capacity; i++) if (dict->verb_first[i] > dict->pattern_count) return false;
  for (uint32_t i = 0; i < dict->noun_first_capacity; i++) if (dict->noun_first[i] > dict->pattern_count) return false;
  for (uint32_t i = 0; i < dict->lemma_capacity; i++) if (dict->lemma_of[i] >= dict->vocab.count) return false;
  for (uint32_t i = 0; i < dict->noun_capacity; i++) if (dict->noun_base_of[i] >= dict->vocab.count) return false;
  return true;
}

bool an_dict_is_compiled(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) return false;
  char magic[8] = {0};
  bool compiled = fread(magic, 1, 8, file) == 8 && !memcmp(magic, AN_COMPILED_MAGIC, 8);
  fclose(file);
  return compiled;
}

an_dict *an_dict_load_compiled(const char *path, an_error *error) {
  size_t size = 0;
  char *data = an_read_file(path, AN_COMPILED_MAX_BYTES, &size, error);
  if (!data) return NULL;
  reader r = {(const uint8_t *)data, size, 0, false};
  const uint8_t *magic = take(&r, 8);
  uint32_t version = get_u32(&r), order = get_u32(&r);
  an_dict *dict = NULL;
  if (!magic || memcmp(magic, AN_COMPILED_MAGIC, 8) || order != AN_COMPILED_BYTE_ORDER) {
    an_error_set(error, AN_ERROR_FORMAT, "%s: not a compiled annals dictionary", path);
  } else if (version != AN_COMPILED_VERSION) {
    an_error_set(error, AN_ERROR_FORMAT, "%s: compiled dictionary version %u, this annals reads %u", path,
                 version, AN_COMPILED_VERSION);
  } else if (size < 8 || an_hash64(data, size - 8, 0) != (r.position = size - 8, get_u64(&r))) {
    an_error_set(error, AN_ERROR_FORMAT, "%s: checksum mismatch (damaged or truncated)", path);
  } else {
    r.position = 16;
    r.size = size - 8;
    dict = calloc(1, sizeof *dict);
    if (dict) {
      an_arena_init(&dict->vocab.arena);
      get_model(&r, dict);
      an_dict_bind_function_words(dict);
    }
    if (!dict || r.failed || r.position != r.size || !indexes_valid(dict)) {
      an_error_set(error, AN_ERROR_FORMAT, "%s: malformed at byte %zu", path, r.position);
      an_dict_free(dict);
      dict = NULL;
    }
  }
  free(data);
  return dict;
}
