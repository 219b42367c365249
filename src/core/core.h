/*
 * core.h — small pieces every module uses: a growable byte buffer, an arena
 * for per-document allocations, string helpers.  Internal to libannals.
 */
#ifndef AN_CORE_H
#define AN_CORE_H

#include "annals.h"
#include <stdbool.h>
#include <stddef.h>

#define AN_UNUSED(x) ((void)(x))

/* ---- growable buffer: owns its bytes; always NUL-terminated ---- */
typedef struct an_buffer {
  char *data;      /* NUL-terminated when size > 0; owned */
  size_t size;     /* bytes used, excluding the NUL */
  size_t capacity; /* bytes allocated */
} an_buffer;

void an_buffer_init(an_buffer *buffer);
void an_buffer_clear(an_buffer *buffer); /* frees the bytes */
int an_buffer_reserve(an_buffer *buffer, size_t extra);
int an_buffer_append(an_buffer *buffer, const char *bytes, size_t length);
int an_buffer_append_string(an_buffer *buffer, const char *text);
int an_buffer_append_char(an_buffer *buffer, char c);
int an_buffer_printf(an_buffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (who frees them) and empties the buffer. */
char *an_buffer_detach(an_buffer *buffer);

/* ---- arena: many small allocations freed in one call ---- */
typedef struct an_arena_block an_arena_block;
typedef struct an_arena {
  an_arena_block *head; /* newest block first; owned */
} an_arena;

void an_arena_init(an_arena *arena);
void an_arena_clear(an_arena *arena); /* frees every allocation at once */
void *an_arena_alloc(an_arena *arena, size_t size); /* NULL when out of memory */
char *an_arena_strndup(an_arena *arena, const char *text, size_t length);

/* ---- arrays ---- */
/* Makes room for one more item in a growable array: when count has reached
 * *capacity, doubles it (initial when empty) and zero-fills the new items.
 * *items is reallocated in place.  Returns AN_OK or AN_ERROR_MEMORY (the
 * array is then unchanged). */
int an_array_reserve(void **items, size_t *capacity, size_t count, size_t item_size, size_t initial);

/* ---- strings ---- */
char *an_strdup(const char *text);                 /* caller frees; NULL in, NULL out */
char *an_strndup(const char *text, size_t length); /* caller frees */
bool an_starts_with(const char *text, const char *prefix);
bool an_ends_with(const char *text, const char *suffix);
/* ASCII lowercase copy into out (capacity bytes, NUL-terminated). */
void an_lowercase_copy(char *out, size_t capacity, const char *text, size_t length);
/* Copies at most capacity-1 bytes and terminates. */
void an_copy_string(char *out, size_t capacity, const char *text);
/* Reads a whole file.  Returns NULL and fills error (naming path) on failure.
 * Caller frees.  limit bounds the size read (AN_ERROR_LIMIT beyond it). */
char *an_read_file(const char *path, size_t limit, size_t *length_out, an_error *error);
/* 64-bit FNV-1a hash. */
uint64_t an_hash64(const void *bytes, size_t length, uint64_t seed);
/* Is the buffer valid UTF-8?  On failure *bad_offset is the first bad byte. */
bool an_utf8_valid(const char *text, size_t length, size_t *bad_offset);
/* Decodes one UTF-8 code point at text[*position], advancing position;
 * returns 0xFFFD for an invalid sequence (advancing one byte). */
uint32_t an_utf8_next(const char *text, size_t length, size_t *position);

#endif
