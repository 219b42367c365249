/*
 * reader.c — inputs to documents.  An an_reader is one input: a file (plain
 * or gzip) holding one document, a WARC stream, a JSON Lines stream, a
 * directory walked recursively (each file read by a child reader), or
 * stdin ("-").  Kind AUTO looks at the bytes first (WARC version line, a
 * '{' opening JSON Lines) and then at the extension.  Documents leave here
 * finished: origin for messages, a stable id, url, outlet and date.
 */
#include "read/read_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum reader_mode {
  MODE_WHOLE = 0, /* the input is one document */
  MODE_WARC,
  MODE_JSONL,
  MODE_DIRECTORY
} reader_mode;

struct an_reader {
  char *path;            /* as given; owned */
  an_input_kind kind;    /* as asked (AUTO, or forced for every file) */
  reader_mode mode;
  bool done;             /* MODE_WHOLE: the document was handed out */
  an_stream stream;      /* file modes */
  an_warc_state warc;
  an_jsonl_state jsonl;
  an_walk *walk;         /* MODE_DIRECTORY; owned */
  an_reader *child;      /* MODE_DIRECTORY: the file being read; owned */
};

/* ---- helpers shared by the formats ---- */

bool an_read_date_prefix(const char *text, char out[11]) {
  if (!text) return false;
  for (int i = 0; i < 10; i++) {
    char c = text[i];
    bool dash = i == 4 || i == 7;
    if (dash ? c != '-' : (c < '0' || c > '9')) return false;
  }
  int month = (text[5] - '0') * 10 + (text[6] - '0');
  int day = (text[8] - '0') * 10 + (text[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  memcpy(out, text, 10);
  out[10] = '\0';
  return true;
}

bool an_read_url_host(const char *url, char *out, size_t capacity) {
  if (!url || capacity == 0) return false;
  const char *scheme = strstr(url, "://");
  const char *host = scheme ? scheme + 3 : url;
  size_t length = strcspn(host, "/?#");
  const char *at = memchr(host, '@', length);
  if (at) {
    length -= (size_t)(at + 1 - host);
    host = at + 1;
  }
  const char *colon = memchr(host, ':', length);
  if (colon) length = (size_t)(colon - host);
  if (length >= 4 && (host[0] | 32) == 'w' && (host[1] | 32) == 'w' && (host[2] | 32) == 'w' &&
      host[3] == '.') {
    host += 4;
    length -= 4;
  }
  if (length == 0 || length >= capacity || !memchr(host, '.', length)) return false;
  an_lowercase_copy(out, capacity, host, length);
  return true;
}

/* A date in the url path: /2024/11/26/ or /2024-11-26. */
static bool url_path_date(const char *url, char out[11]) {
  const char *scheme = strstr(url, "://");
  const char *path = strchr(scheme ? scheme + 3 : url, '/');
  for (const char *p = path; p && *p; p = strchr(p + 1, '/')) {
    char candidate[11];
    if (strlen(p) < 11) break;
    memcpy(candidate, p + 1, 10);
    candidate[10] = '\0';
    if (candidate[4] == '/' && candidate[7] == '/') candidate[4] = candidate[7] = '-';
    int year = atoi(candidate);
    if (year >= 1990 && year <= 2100 && an_read_date_prefix(candidate, out)) return true;
  }
  return false;
}

static char *hex_hash(const char *text) {
  char *id = malloc(17);
  if (id)
    snprintf(id, 17, "%016llx", (unsigned long long)an_hash64(text, strlen(text), 0));
  return id;
}

static int replace(char **field, const char *value) {
  char *copy = an_strdup(value);
  if (value && !copy) return AN_ERROR_MEMORY;
  free(*field);
  *field = copy;
  return AN_OK;
}

int an_read_finish_doc(an_doc *doc, const char *url, const char *fallback_date,
                       const char *origin) {
  if (origin && replace(&doc->origin, origin) != AN_OK) return AN_ERROR_MEMORY;
  char date[11];
  if (url && *url) {
    if (replace(&doc->url, url) != AN_OK) return AN_ERROR_MEMORY;
    char *id = hex_hash(url);
    if (!id) return AN_ERROR_MEMORY;
    free(doc->id);
    doc->id = id;
    char host[256];
    if (an_read_url_host(url, host, sizeof host) && replace(&doc->outlet, host) != AN_OK)
      return AN_ERROR_MEMORY;
    if (!doc->published && url_path_date(url, date) && replace(&doc->published, date) != AN_OK)
      return AN_ERROR_MEMORY;
  }
  if (!doc->published && an_read_date_prefix(fallback_date, date) &&
      replace(&doc->published, date) != AN_OK)
    return AN_ERROR_MEMORY;
  return AN_OK;
}

/* ---- opening: what kind of input is this? ---- */

static bool has_extension(const char *path, const char *extension) {
  size_t length = strlen(path), extension_length = strlen(extension);
  if (an_ends_with(path, ".gz") && length > 3) length -= 3;
  if (length < extension_length) return false;
  char tail[16];
  an_lowercase_copy(tail, sizeof tail, path + length - extension_length, extension_length);
  return strcmp(tail, extension) == 0;
}

/* Picks the mode from the first bytes and the name. */
static reader_mode sniff_mode(an_stream *stream, const char *path, an_input_kind *kind) {
  const char *bytes;
  size_t available = an_stream_peek(stream, 4096, &bytes);
  size_t i = 0;
  if (available >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) i = 3;
  while (i < available && strchr(" \t\r\n", bytes[i])) i++;
  if (available - i >= 7 && !memcmp(bytes + i, "WARC/1.", 7)) return MODE_WARC;
  if (has_extension(path, ".warc")) return MODE_WARC;
  if (has_extension(path, ".jsonl") || has_extension(path, ".ndjson")) return MODE_JSONL;
  if (has_extension(path, ".html") || has_extension(path, ".htm") ||
      has_extension(path, ".xhtml")) {
    *kind = AN_INPUT_HTML;
    return MODE_WHOLE;
  }
  if (has_extension(path, ".txt")) {
    *kind = AN_INPUT_TEXT;
    return MODE_WHOLE;
  }
  if (i < available && bytes[i] == '{') return MODE_JSONL;
  return MODE_WHOLE;
}

static reader_mode forced_mode(an_input_kind kind) {
  if (kind == AN_INPUT_WARC) return MODE_WARC;
  if (kind == AN_INPUT_JSONL) return MODE_JSONL;
  return MODE_WHOLE;
}

an_reader *an_reader_open(const char *path, an_input_kind kind, an_error *error) {
  if (!path) {
    an_error_set(error, AN_ERROR_USAGE, "an_reader_open: no path");
    return NULL;
  }
  an_reader *reader = calloc(1, sizeof *reader);
  if (!reader || !(reader->path = an_strdup(path))) {
    free(reader);
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
    return NULL;
  }
  reader->kind = kind;
  an_buffer_init(&reader->jsonl.line);
  struct stat info;
  if (strcmp(path, "-") != 0 && stat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
    reader->mode = MODE_DIRECTORY;
    reader->walk = an_walk_new(path, error);
    if (!reader->walk) goto fail;
    return reader;
  }
  if (an_stream_open(&reader->stream, path, error) != AN_OK) goto fail;
  reader->mode = kind == AN_INPUT_AUTO ? sniff_mode(&reader->stream, path, &reader->kind)
                                       : forced_mode(kind);
  return reader;
fail:
  an_reader_close(reader);
  return NULL;
}

/* ---- reading ---- */

static int next_whole(an_reader *reader, an_doc **out, an_error *error) {
  if (reader->done) return an_stream_take_failure(&reader->stream, error);
  reader->done = true;
  an_buffer bytes;
  an_buffer_init(&bytes);
  bool memory_failed = false;
  size_t got = an_stream_read(&reader->stream, &bytes, AN_READ_WHOLE_FILE_LIMIT, &memory_failed);
  int status = AN_OK;
  if (memory_failed) {
    status = an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", reader->stream.name);
  } else if (got == AN_READ_WHOLE_FILE_LIMIT && an_stream_skip(&reader->stream, 1) == 1) {
    status = an_error_set(error, AN_ERROR_LIMIT, "%s: larger than the limit of %zu bytes",
                          reader->stream.name, AN_READ_WHOLE_FILE_LIMIT);
  } else if (reader->stream.failed && got == 0) {
    status = an_stream_take_failure(&reader->stream, error);
  } else {
    *out = an_doc_from_buffer(bytes.data ? bytes.data : "", bytes.size, reader->kind,
                              reader->stream.name, error);
    if (!*out) status = error ? error->code : AN_ERROR_FORMAT;
  }
  an_buffer_clear(&bytes);
  return status;
}

static int next_in_directory(an_reader *reader, an_doc **out, an_error *error) {
  for (;;) {
    if (reader->child) {
      int status = an_reader_next(reader->child, out, error);
      if (status != AN_OK || *out) return status;
      an_reader_close(reader->child);
      reader->child = NULL;
    }
    char *path = NULL;
    int status = an_walk_next(reader->walk, &path, error);
    if (status != AN_OK || !path) return status;
    reader->child = an_reader_open(path, reader->kind, error);
    free(path);
    if (!reader->child) return error ? error->code : AN_ERROR_IO;
  }
}

int an_reader_next(an_reader *reader, an_doc **out, an_error *error) {
  *out = NULL;
  if (!reader) return an_error_set(error, AN_ERROR_USAGE, "an_reader_next: no reader");
  switch (reader->mode) {
  case MODE_WARC:
    return an_warc_next(&reader->stream, &reader->warc, out, error);
  case MODE_JSONL:
    return an_jsonl_next(&reader->stream, &reader->jsonl, out, error);
  case MODE_DIRECTORY:
    return next_in_directory(reader, out, error);
  case MODE_WHOLE:
  default:
    return next_whole(reader, out, error);
  }
}

void an_reader_close(an_reader *reader) {
  if (!reader) return;
  if (reader->child) an_reader_close(reader->child);
  an_walk_free(reader->walk);
  if (reader->stream.window || reader->stream.name) an_stream_close(&reader->stream);
  an_jsonl_state_clear(&reader->jsonl);
  free(reader->path);
  free(reader);
}
