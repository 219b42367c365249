/*
 * vocab.c — the word vocabulary (interned strings -> ids) and the trie's
 * edge table: both open-addressing hash tables that grow by doubling.
 */
#include "match/dict.h"

#include <stdlib.h>
#include <string.h>

static uint64_t word_hash(const char *word, size_t length) { return an_hash64(word, length, 7); }

uint32_t an_vocab_find(const an_vocab *vocab, const char *word, size_t length) {
  if (!vocab->slot_count) return 0;
  uint32_t mask = vocab->slot_count - 1;
  for (uint32_t slot = (uint32_t)word_hash(word, length) & mask;; slot = (slot + 1) & mask) {
    uint32_t id = vocab->slots[slot];
    if (!id) return 0;
    const char *candidate = vocab->words[id];
    if (strlen(candidate) == length && !memcmp(candidate, word, length)) return id;
  }
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
