/*
 * read_internal.h — internals of the reader module (src/read/).
 *
 *   gzip.c       an_stream: buffered bytes from a file or stdin, gzip
 *                (multi-member, as Common Crawl ships WARC.gz) or plain,
 *                with line reads under a length limit and a push-back for
 *                resynchronising; constant memory whatever the input size.
 *   warc.c       WARC records to documents (response, resource, conversion).
 *   jsonl.c      JSON Lines to documents (url, date, title, text | html).
 *   directory.c  a sorted, recursive walk of a directory, hidden names
 *                skipped.
 *   reader.c     an_reader_*: kind detection, dispatch, document finishing
 *                (id from url, outlet from host, dates).
 *
 * Nothing here is exported from the library.
 */
#ifndef AN_READ_INTERNAL_H
#define AN_READ_INTERNAL_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits: hostile input never makes the reader hold more than these. */
#define AN_READ_WHOLE_FILE_LIMIT ((size_t)256 * 1024 * 1024) /* one-document files */
#define AN_WARC_RECORD_LIMIT ((size_t)64 * 1024 * 1024)     /* one WARC block */
#define AN_WARC_HEADER_LINE_LIMIT ((size_t)64 * 1024)       /* one header line */
#define AN_WARC_HEADER_COUNT_LIMIT 256                      /* header lines per record */
#define AN_JSONL_LINE_LIMIT ((size_t)64 * 1024 * 1024)      /* one JSON line */
#define AN_READ_MAX_DEPTH 64                                /* directory nesting */
#define AN_READ_MAX_DIRECTORY_ENTRIES 1000000               /* names per directory */
#define AN_STREAM_WINDOW ((size_t)256 * 1024)               /* read-ahead buffer */

/* ---- byte stream (gzip.c) ---- */

typedef struct an_stream {
  void *file;           /* gzFile (transparent for plain files); owned */
  char *name;           /* path for messages ("stdin" for "-"); owned */
  char *window;         /* read-ahead bytes; owned */
  size_t start, end;    /* unread bytes are window[start, end) */
  size_t capacity;      /* bytes allocated for window */
  uint64_t consumed;    /* decompressed bytes handed out so far */
  bool at_end;          /* the file has no more bytes */
  bool failed;          /* the file ended badly (truncated / corrupt gzip) */
  bool failure_reported;
  char failure[256];    /* what went wrong, when failed */
} an_stream;

/* Opens path ("-" is stdin) for streaming.  Gzip is detected by its magic
 * bytes; anything else is read as it is.  Returns AN_OK or fills error
 * (naming path).  Close with an_stream_close, also after a failure. */
int an_stream_open(an_stream *stream, const char *path, an_error *error);
void an_stream_close(an_stream *stream);

/* Makes up to want bytes (want <= AN_STREAM_WINDOW) readable without
 * consuming them; *bytes points at them (borrowed until the next stream
 * call).  Returns how many are available (fewer only at the end). */
size_t an_stream_peek(an_stream *stream, size_t want, const char **bytes);

/* Reads one line into line (replacing its contents), without the '\n' and a
 * '\r' before it.  A line longer than limit is consumed to its end but not
 * kept: *too_long is set and line holds the first limit bytes at most.
 * Returns true when a line was read, false at the end of the stream. */
bool an_stream_read_line(an_stream *stream, an_buffer *line, size_t limit,
                         bool *too_long);

/* Appends up to count bytes to out.  Returns how many were appended (fewer
 * at the end of the stream); sets *memory_failed on allocation failure. */
size_t an_stream_read(an_stream *stream, an_buffer *out, size_t count,
                      bool *memory_failed);

/* Discards up to count bytes; returns how many were discarded. */
size_t an_stream_skip(an_stream *stream, size_t count);

/* Puts bytes (copied) back in front of the unread bytes.  Returns AN_OK or
 * AN_ERROR_MEMORY. */
int an_stream_unread(an_stream *stream, const char *bytes, size_t length);

/* When the stream ended badly and this was not reported yet, fills error
 * (naming the file) and returns its code; else returns AN_OK. */
int an_stream_take_failure(an_stream *stream, an_error *error);

/* ---- document finishing (reader.c) ---- */

/* Sets doc->url (copied), the id from the url, the outlet from its host (no
 * "www."), and the publication date from the url path when the page gave
 * none; then, when still none, fallback_date ("YYYY-MM-DD..." or NULL).
 * origin replaces doc->origin when not NULL.  Returns AN_OK or
 * AN_ERROR_MEMORY. */
int an_read_finish_doc(an_doc *doc, const char *url, const char *fallback_date,
                       const char *origin);

/* Writes the host of url (lowercase, no port, no "www.") into out; returns
 * false when url has none. */
bool an_read_url_host(const char *url, char *out, size_t capacity);

/* Copies a "YYYY-MM-DD..." prefix of text into out[11]; false when text does
 * not start with a plausible date. */
bool an_read_date_prefix(const char *text, char out[11]);

/* ---- WARC (warc.c) ---- */

typedef struct an_warc_state {
  size_t record_number;  /* records started so far (1-based in messages) */
  bool resync;           /* looking for the next "WARC/" line */
} an_warc_state;

/* Reads the next document of a WARC stream.  Records that are not documents
 * (warcinfo, request, metadata, redirects, empty bodies) are passed over.
 * Returns AN_OK with *out (caller frees) or NULL at the end, or an error for
 * one record (the next call goes on after it). */
int an_warc_next(an_stream *stream, an_warc_state *state, an_doc **out,
                 an_error *error);

/* ---- JSON Lines (jsonl.c) ---- */

typedef struct an_jsonl_state {
  size_t line_number;  /* lines read so far */
  an_buffer line;      /* the current line; owned */
} an_jsonl_state;

/* Reads the next document of a JSON Lines stream (blank lines skipped).
 * Same contract as an_warc_next; errors name "path:LINE". */
int an_jsonl_next(an_stream *stream, an_jsonl_state *state, an_doc **out,
                  an_error *error);
void an_jsonl_state_clear(an_jsonl_state *state);

/* ---- directory walk (directory.c) ---- */

typedef struct an_walk an_walk;

/* Starts a walk under root (borrowed for the call).  Returns NULL and fills
 * error when root cannot be listed.  Free with an_walk_free. */
an_walk *an_walk_new(const char *root, an_error *error);
void an_walk_free(an_walk *walk);

/* The next regular file, in sorted order, depth first, hidden names
 * skipped.  Returns AN_OK with *path (caller frees) or NULL at the end, or
 * an error for one entry (unreadable subdirectory, too deep): call again. */
int an_walk_next(an_walk *walk, char **path, an_error *error);

#endif
