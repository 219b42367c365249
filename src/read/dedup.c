/*
 * dedup.c — exact and near-duplicate articles by MinHash over word
 * shingles of the extracted body, found through LSH bands.  See dedup.h for
 * the contract.
 *
 * The index is one open-addressing multimap from 64-bit keys (one key per
 * band of each signature, plus one for the exact hash) to entry numbers;
 * entries are never removed, so linear probing needs no tombstones.
 */
#include "read/dedup.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

#define KEYS_PER_ENTRY (AN_DEDUP_BANDS + 1)

typedef struct dedup_entry {
  char *id;                      /* owned */
  an_dedup_signature signature;
} dedup_entry;

typedef struct dedup_slot {
  uint64_t key;
  uint32_t entry; /* entry number + 1; 0 marks an empty slot */
} dedup_slot;

struct an_dedup {
  size_t capacity;        /* entries allowed */
  dedup_entry *entries;   /* owned */
  size_t entry_count, entry_capacity;
  dedup_slot *slots;      /* owned; slot_count is a power of two */
  size_t slot_count, slot_used;
};

/* ---- hashing ---- */

static uint64_t mix64(uint64_t x) { /* the splitmix64 finaliser */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

static bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

typedef struct shingler {
  uint64_t recent[AN_DEDUP_SHINGLE_WORDS]; /* hashes of the last words */
  size_t words;                            /* words seen */
  uint64_t multipliers[AN_DEDUP_HASHES];   /* odd: one hash family member each */
  uint64_t offsets[AN_DEDUP_HASHES];
  an_dedup_signature *signature;
} shingler;

static void add_shingle(shingler *state, uint64_t shingle) {
  an_dedup_signature *signature = state->signature;
  uint64_t base = mix64(shingle);
  for (int i = 0; i < AN_DEDUP_HASHES; i++) {
    uint32_t value = (uint32_t)((base * state->multipliers[i] + state->offsets[i]) >> 32);
    if (value < signature->minhash[i]) signature->minhash[i] = value;
  }
  signature->shingle_count++;
}

static uint64_t current_shingle(const shingler *state, size_t count) {
  uint64_t hash = 0x51ed270b27a1c3d5ULL;
  for (size_t k = 0; k < count; k++) {
    size_t index = (state->words - count + k) % AN_DEDUP_SHINGLE_WORDS;
    hash = mix64(hash ^ state->recent[index]);
  }
  return hash;
}

static void add_word(shingler *state, uint64_t word) {
  state->recent[state->words % AN_DEDUP_SHINGLE_WORDS] = word;
  state->words++;
  state->signature->exact = mix64(state->signature->exact ^ word);
  if (state->words >= AN_DEDUP_SHINGLE_WORDS)
    add_shingle(state, current_shingle(state, AN_DEDUP_SHINGLE_WORDS));
}

static void add_text(shingler *state, const char *text, size_t length) {
  size_t i = 0;
  while (i < length) {
    while (i < length && !is_word_byte((unsigned char)text[i])) i++;
    if (i >= length) break;
    uint64_t hash = 1469598103934665603ULL;
    while (i < length && is_word_byte((unsigned char)text[i])) {
      unsigned char c = (unsigned char)text[i++];
      if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
      hash = (hash ^ c) * 1099511628211ULL;
    }
    add_word(state, hash);
  }
}

void an_dedup_signature_of(const an_doc *doc, an_dedup_signature *out) {
  shingler state;
  memset(&state, 0, sizeof state);
  memset(out, 0, sizeof *out);
  for (int i = 0; i < AN_DEDUP_HASHES; i++) {
    out->minhash[i] = UINT32_MAX;
    state.multipliers[i] = mix64(UINT64_C(0x9e3779b97f4a7c15) * (uint64_t)(2 * i + 1)) | 1;
    state.offsets[i] = mix64(UINT64_C(0x632be59bd9b4e019) * (uint64_t)(2 * i + 2));
  }
  state.signature = out;
  if (!doc || !doc->text) return;
  if (doc->paragraph_count == 0) {
    add_text(&state, doc->text, doc->text_length);
  } else {
    for (size_t p = 0; p < doc->paragraph_count; p++) {
      an_span span = doc->paragraphs[p];
      if (span.offset > doc->text_length || span.length > doc->text_length - span.offset)
        continue;
      add_text(&state, doc->text + span.offset, span.length);
    }
  }
  if (state.words > 0 && state.words < AN_DEDUP_SHINGLE_WORDS)
    add_shingle(&state, current_shingle(&state, state.words));
}

double an_dedup_similarity(const an_dedup_signature *left, const an_dedup_signature *right) {
  if (left->shingle_count == 0 || right->shingle_count == 0) return 0.0;
  int same = 0;
  for (int i = 0; i < AN_DEDUP_HASHES; i++) same += left->minhash[i] == right->minhash[i];
  return (double)same / AN_DEDUP_HASHES;
}

/* ---- the index ---- */

static uint64_t band_key(const an_dedup_signature *signature, int band) {
  uint64_t key = mix64((uint64_t)band + 1);
  for (int row = 0; row < AN_DEDUP_BAND_ROWS; row++)
    key = mix64(key ^ signature->minhash[band * AN_DEDUP_BAND_ROWS + row]);
  return key;
}

static uint64_t exact_key(const an_dedup_signature *signature) {
  return mix64(signature->exact ^ 0xe7037ed1a0b428dbULL);
}

static void slot_insert(dedup_slot *slots, size_t slot_count, uint64_t key, uint32_t entry) {
  size_t mask = slot_count - 1;
  size_t index = (size_t)key & mask;
  while (slots[index].entry) index = (index + 1) & mask;
  slots[index].key = key;
  slots[index].entry = entry;
}

static int grow_slots(an_dedup *dedup) {
  size_t count = dedup->slot_count ? dedup->slot_count * 2 : 1024;
  dedup_slot *slots = calloc(count, sizeof *slots);
  if (!slots) return AN_ERROR_MEMORY;
  for (size_t i = 0; i < dedup->slot_count; i++)
    if (dedup->slots[i].entry)
      slot_insert(slots, count, dedup->slots[i].key, dedup->slots[i].entry);
  free(dedup->slots);
  dedup->slots = slots;
  dedup->slot_count = count;
  return AN_OK;
}

an_dedup *an_dedup_new(size_t capacity, an_error *error) {
  an_dedup *dedup = calloc(1, sizeof *dedup);
  if (!dedup) {
    an_error_set(error, AN_ERROR_MEMORY, "dedup: out of memory");
    return NULL;
  }
  dedup->capacity = capacity ? capacity : AN_DEDUP_DEFAULT_CAPACITY;
  if (dedup->capacity > UINT32_MAX - 1) dedup->capacity = UINT32_MAX - 1;
  return dedup;
}

void an_dedup_free(an_dedup *dedup) {
  if (!dedup) return;
  for (size_t i = 0; i < dedup->entry_count; i++) free(dedup->entries[i].id);
  free(dedup->entries);
  free(dedup->slots);
  free(dedup);
}

size_t an_dedup_count(const an_dedup *dedup) { return dedup ? dedup->entry_count : 0; }

/* Looks at every entry stored under key; keeps the most similar. */
static void probe(const an_dedup *dedup, uint64_t key, const an_dedup_signature *signature,
                  bool exact, an_dedup_result *result) {
  size_t mask = dedup->slot_count - 1;
  for (size_t index = (size_t)key & mask; dedup->slots[index].entry; index = (index + 1) & mask) {
    if (dedup->slots[index].key != key) continue;
    const dedup_entry *entry = &dedup->entries[dedup->slots[index].entry - 1];
    if (exact) {
      if (entry->signature.exact == signature->exact) {
        result->verdict = AN_DEDUP_EXACT;
        result->original_id = entry->id;
        result->similarity = 1.0;
        return;
      }
      continue;
    }
    if (entry->signature.shingle_count < AN_DEDUP_MIN_SHINGLES) continue;
    double similarity = an_dedup_similarity(&entry->signature, signature);
    if (similarity >= AN_DEDUP_NEAR_THRESHOLD && similarity > result->similarity) {
      result->verdict = AN_DEDUP_NEAR;
      result->original_id = entry->id;
      result->similarity = similarity;
    }
  }
}

void an_dedup_lookup(const an_dedup *dedup, const an_dedup_signature *signature,
                     an_dedup_result *result) {
  memset(result, 0, sizeof *result);
  if (!dedup || !dedup->slot_count || signature->shingle_count == 0) return;
  probe(dedup, exact_key(signature), signature, true, result);
  if (result->verdict == AN_DEDUP_EXACT || signature->shingle_count < AN_DEDUP_MIN_SHINGLES)
    return;
  for (int band = 0; band < AN_DEDUP_BANDS; band++)
    probe(dedup, band_key(signature, band), signature, false, result);
}

int an_dedup_remember(an_dedup *dedup, const char *id, const an_dedup_signature *signature,
                      an_error *error) {
  if (!dedup || !id || signature->shingle_count == 0) return AN_OK;
  if (dedup->entry_count >= dedup->capacity)
    return an_error_set(error, AN_ERROR_LIMIT, "dedup: %zu documents remembered; no more",
                        dedup->capacity);
  if (dedup->entry_count == dedup->entry_capacity) {
    size_t capacity = dedup->entry_capacity ? dedup->entry_capacity * 2 : 64;
    dedup_entry *grown = realloc(dedup->entries, capacity * sizeof *grown);
    if (!grown) return an_error_set(error, AN_ERROR_MEMORY, "dedup: out of memory");
    dedup->entries = grown;
    dedup->entry_capacity = capacity;
  }
  while ((dedup->slot_used + KEYS_PER_ENTRY) * 2 > dedup->slot_count)
    if (grow_slots(dedup) != AN_OK)
      return an_error_set(error, AN_ERROR_MEMORY, "dedup: out of memory");
  dedup_entry *entry = &dedup->entries[dedup->entry_count];
  if (!(entry->id = an_strdup(id))) return an_error_set(error, AN_ERROR_MEMORY, "dedup: out of memory");
  entry->signature = *signature;
  uint32_t number = (uint32_t)(++dedup->entry_count);
  slot_insert(dedup->slots, dedup->slot_count, exact_key(signature), number);
  for (int band = 0; band < AN_DEDUP_BANDS; band++)
    slot_insert(dedup->slots, dedup->slot_count, band_key(signature, band), number);
  dedup->slot_used += KEYS_PER_ENTRY;
  return AN_OK;
}

int an_dedup_check(an_dedup *dedup, const an_doc *doc, an_dedup_result *result,
                   an_error *error) {
  an_dedup_signature signature;
  an_dedup_signature_of(doc, &signature);
  an_dedup_lookup(dedup, &signature, result);
  if (result->verdict != AN_DEDUP_UNIQUE || !doc || !doc->id) return AN_OK;
  int status = an_dedup_remember(dedup, doc->id, &signature, error);
  if (status == AN_ERROR_LIMIT) {
    an_error_clear(error);
    return AN_OK; /* full: checked, not remembered (see dedup.h) */
  }
  return status;
}
