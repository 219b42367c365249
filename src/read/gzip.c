/*
 * gzip.c — an_stream: the bytes of one input, gzip-decompressed when they
 * are gzip (every member of a multi-member file, as Common Crawl writes one
 * member per WARC record), read through a fixed window so that inputs of any
 * size stream in constant memory.  A truncated or corrupt gzip file ends the
 * stream after the last good bytes and leaves a failure message to report.
 */
#include "read/read_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { GZIP_INTERNAL_BUFFER = 128 * 1024 };

int an_stream_open(an_stream *stream, const char *path, an_error *error) {
  memset(stream, 0, sizeof *stream);
  bool is_stdin = strcmp(path, "-") == 0;
  stream->name = an_strdup(is_stdin ? "stdin" : path);
  stream->window = malloc(AN_STREAM_WINDOW);
  stream->capacity = AN_STREAM_WINDOW;
  if (!stream->name || !stream->window)
    return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
  gzFile file;
  if (is_stdin) {
    int descriptor = dup(STDIN_FILENO);
    file = descriptor >= 0 ? gzdopen(descriptor, "rb") : NULL;
    if (!file && descriptor >= 0) close(descriptor);
  } else {
    errno = 0;
    file = gzopen(path, "rb");
  }
  if (!file)
    return an_error_set(error, errno == ENOMEM ? AN_ERROR_MEMORY : AN_ERROR_IO,
                        "%s: cannot open: %s", stream->name,
                        errno ? strerror(errno) : "gzip error");
  gzbuffer(file, GZIP_INTERNAL_BUFFER);
  stream->file = file;
  return AN_OK;
}

void an_stream_close(an_stream *stream) {
  if (stream->file) gzclose_r((gzFile)stream->file);
  free(stream->name);
  free(stream->window);
  memset(stream, 0, sizeof *stream);
}

/* Notes why the file ended when zlib says it ended badly. */
static void note_failure(an_stream *stream) {
  int code = Z_OK;
  const char *message = gzerror((gzFile)stream->file, &code);
  if (code == Z_OK) return;
  stream->failed = true;
  if (code == Z_ERRNO)
    message = strerror(errno);
  snprintf(stream->failure, sizeof stream->failure,
           "%s: byte %llu (decompressed): input ends badly (%s); kept what was read before",
           stream->name, (unsigned long long)(stream->consumed + (stream->end - stream->start)),
           code == Z_BUF_ERROR ? "truncated gzip" : message);
}

/* Reads more bytes behind the unread ones.  Returns how many came. */
static size_t fill(an_stream *stream) {
  if (stream->at_end || !stream->file) return 0;
  if (stream->start > 0) {
    memmove(stream->window, stream->window + stream->start, stream->end - stream->start);
    stream->end -= stream->start;
    stream->start = 0;
  }
  if (stream->capacity > AN_STREAM_WINDOW && stream->end <= AN_STREAM_WINDOW / 2) {
    char *smaller = realloc(stream->window, AN_STREAM_WINDOW); /* after a big push-back */
    if (smaller) {
      stream->window = smaller;
      stream->capacity = AN_STREAM_WINDOW;
    }
  }
  size_t room = stream->capacity - stream->end;
  if (room == 0) return 0;
  int got = gzread((gzFile)stream->file, stream->window + stream->end, (unsigned)room);
  if (got <= 0) {
    stream->at_end = true;
    note_failure(stream);
    return 0;
  }
  stream->end += (size_t)got;
  return (size_t)got;
}

size_t an_stream_peek(an_stream *stream, size_t want, const char **bytes) {
  if (want > stream->capacity) want = stream->capacity;
  while (stream->end - stream->start < want && fill(stream) > 0) {
  }
  *bytes = stream->window + stream->start;
  size_t available = stream->end - stream->start;
  return available < want ? available : want;
}

static void consume(an_stream *stream, size_t count) {
  stream->start += count;
  stream->consumed += count;
}

bool an_stream_read_line(an_stream *stream, an_buffer *line, size_t limit, bool *too_long) {
  line->size = 0;
  if (line->data) line->data[0] = '\0';
  *too_long = false;
  bool any = false;
  for (;;) {
    if (stream->start == stream->end && fill(stream) == 0) break;
    any = true;
    char *begin = stream->window + stream->start;
    size_t available = stream->end - stream->start;
    char *newline = memchr(begin, '\n', available);
    size_t take = newline ? (size_t)(newline - begin) : available;
    if (!*too_long && line->size + take > limit) *too_long = true;
    if (!*too_long && an_buffer_append(line, begin, take) != AN_OK) *too_long = true;
    consume(stream, take + (newline ? 1 : 0));
    if (newline) break;
  }
  if (!*too_long && line->size > 0 && line->data[line->size - 1] == '\r')
    line->data[--line->size] = '\0';
  return any;
}

size_t an_stream_read(an_stream *stream, an_buffer *out, size_t count, bool *memory_failed) {
  /* count is a limit (a whole file) or a header's claim (a WARC record's
   * Content-Length): memory grows with the bytes that really arrive, never
   * with what a header says */
  size_t done = 0;
  *memory_failed = false;
  while (done < count) {
    if (stream->start == stream->end && fill(stream) == 0) break;
    size_t available = stream->end - stream->start;
    size_t take = count - done < available ? count - done : available;
    if (an_buffer_append(out, stream->window + stream->start, take) != AN_OK) {
      *memory_failed = true;
      return done;
    }
    consume(stream, take);
    done += take;
  }
  return done;
}

size_t an_stream_skip(an_stream *stream, size_t count) {
  size_t done = 0;
  while (done < count) {
    if (stream->start == stream->end && fill(stream) == 0) break;
    size_t available = stream->end - stream->start;
    size_t take = count - done < available ? count - done : available;
    consume(stream, take);
    done += take;
  }
  return done;
}

int an_stream_unread(an_stream *stream, const char *bytes, size_t length) {
  if (length == 0) return AN_OK;
  if (length <= stream->start) {
    stream->start -= length;
    memmove(stream->window + stream->start, bytes, length);
  } else {
    size_t unread = stream->end - stream->start;
    size_t capacity = length + unread > AN_STREAM_WINDOW ? length + unread : AN_STREAM_WINDOW;
    char *window = malloc(capacity);
    if (!window) return AN_ERROR_MEMORY;
    memcpy(window, bytes, length);
    memcpy(window + length, stream->window + stream->start, unread);
    free(stream->window);
    stream->window = window;
    stream->capacity = capacity;
    stream->start = 0;
    stream->end = length + unread;
  }
  stream->consumed -= length < stream->consumed ? length : stream->consumed;
  return AN_OK;
}

int an_stream_take_failure(an_stream *stream, an_error *error) {
  if (!stream->failed || stream->failure_reported) return AN_OK;
  stream->failure_reported = true;
  return an_error_set(error, AN_ERROR_FORMAT, "%s", stream->failure);
}
