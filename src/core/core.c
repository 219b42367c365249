/*
 * core.c — buffer, arena, strings, errors.  See core.h for the contracts.
 */
#include "core/core.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- errors ---- */

int an_error_set(an_error *error, int code, const char *format, ...) {
  if (error) {
    va_list args;
    va_start(args, format);
    error->code = code;
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
  }
  return code;
}

void an_error_clear(an_error *error) {
  if (error) {
    error->code = AN_OK;
    error->message[0] = '\0';
  }
}

/* ---- buffer ---- */

void an_buffer_init(an_buffer *buffer) {
  buffer->data = NULL;
  buffer->size = 0;
  buffer->capacity = 0;
}

void an_buffer_clear(an_buffer *buffer) {
  free(buffer->data);
  an_buffer_init(buffer);
}

int an_buffer_reserve(an_buffer *buffer, size_t extra) {
  size_t needed = buffer->size + extra + 1;
  if (needed <= buffer->capacity) return AN_OK;
  size_t capacity = buffer->capacity ? buffer->capacity : 64;
  while (capacity < needed) capacity *= 2;
  char *grown = realloc(buffer->data, capacity);
  if (!grown) return AN_ERROR_MEMORY;
  buffer->data = grown;
  buffer->capacity = capacity;
  return AN_OK;
}

int an_buffer_append(an_buffer *buffer, const char *bytes, size_t length) {
  if (an_buffer_reserve(buffer, length) != AN_OK) return AN_ERROR_MEMORY;
  if (length) memcpy(buffer->data + buffer->size, bytes, length);
  buffer->size += length;
  buffer->data[buffer->size] = '\0';
  return AN_OK;
}

int an_buffer_append_string(an_buffer *buffer, const char *text) {
  return an_buffer_append(buffer, text, strlen(text));
}

int an_buffer_append_char(an_buffer *buffer, char c) {
  return an_buffer_append(buffer, &c, 1);
}

int an_buffer_printf(an_buffer *buffer, const char *format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int needed = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (needed < 0 || an_buffer_reserve(buffer, (size_t)needed) != AN_OK) {
    va_end(args);
    return AN_ERROR_MEMORY;
  }
  vsnprintf(buffer->data + buffer->size, (size_t)needed + 1, format, args);
  va_end(args);
  buffer->size += (size_t)needed;
  return AN_OK;
}

char *an_buffer_detach(an_buffer *buffer) {
  char *data = buffer->data;
  if (!data) data = calloc(1, 1);
  an_buffer_init(buffer);
  return data;
}

/* ---- arena ---- */

struct an_arena_block {
  an_arena_block *next;
  size_t used;
  size_t capacity;
  max_align_t align; /* first byte of storage follows, suitably aligned */
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

void an_arena_init(an_arena *arena) { arena->head = NULL; }

void an_arena_clear(an_arena *arena) {
  an_arena_block *block = arena->head;
  while (block) {
    an_arena_block *next = block->next;
    free(block);
    block = next;
  }
  arena->head = NULL;
}

void *an_arena_alloc(an_arena *arena, size_t size) {
  size = (size + 15) & ~(size_t)15;
  an_arena_block *block = arena->head;
  if (!block || block->capacity - block->used < size) {
    size_t capacity = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
    block = malloc(sizeof *block + capacity);
    if (!block) return NULL;
    block->next = arena->head;
    block->used = 0;
    block->capacity = capacity;
    arena->head = block;
  }
  char *storage = (char *)(block + 1);
  void *result = storage + block->used;
  block->used += size;
  return result;
}

char *an_arena_strndup(an_arena *arena, const char *text, size_t length) {
  char *copy = an_arena_alloc(arena, length + 1);
  if (!copy) return NULL;
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* ---- arrays ---- */

int an_array_reserve(void **items, size_t *capacity, size_t count, size_t item_size, size_t initial) {
  if (count < *capacity) return AN_OK;
  size_t grown = *capacity ? *capacity * 2 : initial;
  if (grown <= count) grown = count + 1;
  void *memory = realloc(*items, grown * item_size);
  if (!memory) return AN_ERROR_MEMORY;
  memset((char *)memory + *capacity * item_size, 0, (grown - *capacity) * item_size);
  *items = memory;
  *capacity = grown;
  return AN_OK;
}

/* ---- strings ---- */

char *an_strdup(const char *text) {
  return text ? an_strndup(text, strlen(text)) : NULL;
}

char *an_strndup(const char *text, size_t length) {
  char *copy = malloc(length + 1);
  if (!copy) return NULL;
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

bool an_starts_with(const char *text, const char *prefix) {
  return strncmp(text, prefix, strlen(prefix)) == 0;
}

bool an_ends_with(const char *text, const char *suffix) {
  size_t text_length = strlen(text), suffix_length = strlen(suffix);
  return text_length >= suffix_length &&
         memcmp(text + text_length - suffix_length, suffix, suffix_length) == 0;
}

void an_lowercase_copy(char *out, size_t capacity, const char *text, size_t length) {
  if (capacity == 0) return;
  size_t n = length < capacity - 1 ? length : capacity - 1;
  for (size_t i = 0; i < n; i++) {
    char c = text[i];
    out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[n] = '\0';
}

/* One pass, no strlen: the copies are mostly short codes. */
void an_copy_string(char *out, size_t capacity, const char *text) {
  if (capacity == 0) return;
  size_t n = 0;
  if (text)
    for (; n + 1 < capacity && text[n]; n++) out[n] = text[n];
  out[n] = '\0';
}

char *an_read_file(const char *path, size_t limit, size_t *length_out, an_error *error) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    an_error_set(error, AN_ERROR_IO, "%s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  an_buffer buffer;
  an_buffer_init(&buffer);
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
    if (buffer.size + got > limit) {
      an_error_set(error, AN_ERROR_LIMIT, "%s: larger than the limit of %zu bytes", path, limit);
      goto fail;
    }
    if (an_buffer_append(&buffer, chunk, got) != AN_OK) {
      an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
      goto fail;
    }
  }
  if (ferror(file)) {
    an_error_set(error, AN_ERROR_IO, "%s: read error: %s", path, strerror(errno));
    goto fail;
  }
  fclose(file);
  *length_out = buffer.size;
  return an_buffer_detach(&buffer);
fail:
  fclose(file);
  an_buffer_clear(&buffer);
  return NULL;
}

/* FNV-1a, eight bytes a round (the same value as byte by byte). */
uint64_t an_hash64(const void *bytes, size_t length, uint64_t seed) {
  const unsigned char *p = bytes;
  const uint64_t prime = 1099511628211ULL;
  uint64_t hash = 1469598103934665603ULL ^ seed;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    hash = (hash ^ p[i]) * prime;
    hash = (hash ^ p[i + 1]) * prime;
    hash = (hash ^ p[i + 2]) * prime;
    hash = (hash ^ p[i + 3]) * prime;
    hash = (hash ^ p[i + 4]) * prime;
    hash = (hash ^ p[i + 5]) * prime;
    hash = (hash ^ p[i + 6]) * prime;
    hash = (hash ^ p[i + 7]) * prime;
  }
  for (; i < length; i++) hash = (hash ^ p[i]) * prime;
  return hash;
}

uint32_t an_utf8_next(const char *text, size_t length, size_t *position) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = *position;
  unsigned char c = s[i];
  int extra;
  uint32_t code;
  if (c < 0x80) { *position = i + 1; return c; }
  if ((c & 0xE0) == 0xC0) { extra = 1; code = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { extra = 2; code = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { extra = 3; code = c & 0x07; }
  else { *position = i + 1; return 0xFFFD; }
  if (i + (size_t)extra >= length + 0 && i + (size_t)extra > length - 1) {
    *position = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; k++) {
    if ((s[i + (size_t)k] & 0xC0) != 0x80) { *position = i + 1; return 0xFFFD; }
    code = (code << 6) | (s[i + (size_t)k] & 0x3F);
  }
  static const uint32_t minimum[4] = {0, 0x80, 0x800, 0x10000};
  if (code < minimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    *position = i + 1;
    return 0xFFFD;
  }
  *position = i + 1 + (size_t)extra;
  return code;
}

bool an_utf8_valid(const char *text, size_t length, size_t *bad_offset) {
  size_t position = 0;
  while (position < length) {
    /* ASCII runs are valid: skip them eight bytes at a time */
    while (position + 8 <= length) {
      uint64_t chunk;
      memcpy(&chunk, text + position, 8);
      if (chunk & 0x8080808080808080ULL) break;
      position += 8;
    }
    while (position < length && (unsigned char)text[position] < 0x80) position++;
    if (position >= length) break;
    size_t before = position;
    uint32_t code = an_utf8_next(text, length, &position);
    if (code == 0xFFFD && !(position - before == 3 &&
                            (unsigned char)text[before] == 0xEF)) {
      if (bad_offset) *bad_offset = before;
      return false;
    }
  }
  return true;
}
