/*
 * vocab.c — the word vocabulary (interned strings -> ids) and the trie's
 * edge table: both open-addressing hash tables that grow by doubling.
 */
#include "match/dict.h"

#include <stdlib.h>
#include <string.h>

/* The slot hash of a word: eight bytes at a time, the last chunk padded
 * with zero bytes (words are looked up once per token).  Only this file
 * places and finds words, so the value is free to change; it never leaves
 * the process. */
static uint64_t mix_chunk(uint64_t hash, uint64_t chunk) {
  hash = (hash ^ chunk) * 0xFF51AFD7ED558CCDULL;
  return hash ^ (hash >> 29);
}

static uint64_t finish_hash(uint64_t hash) {
  hash *= 0xC4CEB9FE1A85EC53ULL;
  return hash ^ (hash >> 32);
}

static uint64_t word_hash(const char *word, size_t length) {
  uint64_t hash = 0x9E3779B97F4A7C15ULL ^ length;
  const unsigned char *p = (const unsigned char *)word;
  size_t left = length;
  for (; left >= 8; p += 8, left -= 8) {
    uint64_t chunk;
    memcpy(&chunk, p, 8);
    hash = mix_chunk(hash, chunk);
  }
  if (left) {
    unsigned char padded[8] = {0};
    for (size_t i = 0; i < left; i++) padded[i] = p[i];
    uint64_t chunk;
    memcpy(&chunk, padded, 8);
    hash = mix_chunk(hash, chunk);
  }
  return finish_hash(hash);
}

/* The same hash of a word already laid out in zero-padded chunks. */
static uint64_t padded_hash(const uint64_t *chunks, size_t length) {
  uint64_t hash = 0x9E3779B97F4A7C15ULL ^ length;
  for (size_t k = 0; k < (length + 7) / 8; k++) hash = mix_chunk(hash, chunks[k]);
  return finish_hash(hash);
}

/* Is the NUL-terminated candidate exactly word[0..length)?  Reads no byte of
 * the candidate past its NUL. */
static bool same_word(const char *candidate, const char *word, size_t length) {
  for (size_t i = 0; i < length; i++)
    if (candidate[i] != word[i] || !candidate[i]) return false;
  return candidate[length] == '\0';
}

static uint32_t find_hashed(const an_vocab *vocab, const char *word, size_t length, uint64_t hash) {
  if (!vocab->slot_count) return 0;
  uint32_t mask = vocab->slot_count - 1;
  for (uint32_t slot = (uint32_t)hash & mask;; slot = (slot + 1) & mask) {
    uint32_t id = vocab->slots[slot];
    if (!id) return 0;
    if (same_word(vocab->words[id], word, length)) return id;
  }
}

uint32_t an_vocab_find(const an_vocab *vocab, const char *word, size_t length) {
  return find_hashed(vocab, word, length, word_hash(word, length));
}

/* an_vocab_find for a word in chunks (its bytes, then zero bytes up to the
 * next multiple of eight): the matcher's form, hashed without a copy. */
uint32_t an_vocab_find_padded(const an_vocab *vocab, const uint64_t *chunks, size_t length);
uint32_t an_vocab_find_padded(const an_vocab *vocab, const uint64_t *chunks, size_t length) {
  return find_hashed(vocab, (const char *)chunks, length, padded_hash(chunks, length));
}

static int vocab_grow(an_vocab *vocab) {
  uint32_t slot_count = vocab->slot_count ? vocab->slot_count * 2 : 1024;
  uint32_t *slots = calloc(slot_count, sizeof *slots);
  if (!slots) return AN_ERROR_MEMORY;
  for (uint32_t id = 1; id < vocab->count; id++) {
    const char *word = vocab->words[id];
    uint32_t slot = (uint32_t)word_hash(word, strlen(word)) & (slot_count - 1);
    while (slots[slot]) slot = (slot + 1) & (slot_count - 1);
    slots[slot] = id;
  }
  free(vocab->slots);
  vocab->slots = slots;
  vocab->slot_count = slot_count;
  return AN_OK;
}

uint32_t an_vocab_add(an_vocab *vocab, const char *word, size_t length) {
  uint32_t id = an_vocab_find(vocab, word, length);
  if (id) return id;
  if (vocab->count == 0) vocab->count = 1; /* id 0 means unknown */
  if ((vocab->count + 1) * 2 > vocab->slot_count && vocab_grow(vocab) != AN_OK) return 0;
  if (vocab->count >= vocab->capacity) {
    uint32_t capacity = vocab->capacity ? vocab->capacity * 2 : 1024;
    char **words = realloc(vocab->words, capacity * sizeof *words);
    if (!words) return 0;
    vocab->words = words;
    vocab->capacity = capacity;
  }
  char *copy = an_arena_strndup(&vocab->arena, word, length);
  if (!copy) return 0;
  id = vocab->count++;
  vocab->words[id] = copy;
  uint32_t mask = vocab->slot_count - 1;
  uint32_t slot = (uint32_t)word_hash(word, length) & mask;
  while (vocab->slots[slot]) slot = (slot + 1) & mask;
  vocab->slots[slot] = id;
  return id;
}
