/*
 * warc.c — WARC records (1.0 and 1.1, as Common Crawl News writes them) to
 * documents.  One record is held in memory at a time, never more than
 * AN_WARC_RECORD_LIMIT bytes of it.  `response` records lose their HTTP
 * status line and headers (chunked transfer and gzip/deflate content
 * encodings are undone; a charset from Content-Type converts pages that do
 * not declare their own); `resource` and `conversion` records are taken as
 * they are; other record types, non-2xx responses and empty bodies are not
 * documents and are passed over.
 *
 * A record whose Content-Length does not match its bytes is reported (file
 * and record number) and reading resumes at the next "WARC/" header line.
 */
#include "read/read_internal.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* Bytes at the start of a page searched for a charset declaration. */
#define AN_WARC_CHARSET_SNIFF 2048
/* CR/LF bytes tolerated between a block and the next record. */
#define AN_WARC_MAX_TRAILER 8

typedef struct warc_header {
  char type[32];           /* WARC-Type, lowercase */
  char *uri;               /* WARC-Target-URI; owned */
  char date[40];           /* WARC-Date */
  char content_type[256];  /* Content-Type of the block */
  char record_id[128];     /* WARC-Record-ID */
  bool has_length;
  size_t length;           /* Content-Length */
} warc_header;

/* What went wrong with a record, for the message. */
static int record_error(an_error *error, int code, const an_stream *stream,
                        const an_warc_state *state, const char *what) {
  return an_error_set(error, code, "%s#record %zu: %s", stream->name, state->record_number,
                      what);
}

/* ---- header ---- */

static void trim_value(const char **value, size_t *length) {
  while (*length && isspace((unsigned char)**value)) (*value)++, (*length)--;
  while (*length && isspace((unsigned char)(*value)[*length - 1])) (*length)--;
}

static void copy_value(char *out, size_t capacity, const char *value, size_t length) {
  if (length >= capacity) length = capacity - 1;
  memcpy(out, value, length);
  out[length] = '\0';
}

static bool parse_length(const char *value, size_t length, size_t *out) {
  size_t result = 0;
  if (length == 0 || length > 19) return false;
  for (size_t i = 0; i < length; i++) {
    if (value[i] < '0' || value[i] > '9') return false;
    result = result * 10 + (size_t)(value[i] - '0');
  }
  *out = result;
  return true;
}

static int header_field(warc_header *header, const char *line, size_t length) {
  const char *colon = memchr(line, ':', length);
  if (!colon) return AN_OK; /* a folded or odd line: not a field we use */
  size_t name_length = (size_t)(colon - line);
  const char *value = colon + 1;
  size_t value_length = length - name_length - 1;
  trim_value(&value, &value_length);
#define NAME_IS(text) (name_length == strlen(text) && !strncasecmp(line, text, name_length))
  if (NAME_IS("WARC-Type")) {
    an_lowercase_copy(header->type, sizeof header->type, value, value_length);
  } else if (NAME_IS("WARC-Target-URI")) {
    if (value_length >= 2 && value[0] == '<' && value[value_length - 1] == '>')
      value++, value_length -= 2;
    free(header->uri);
    if (!(header->uri = an_strndup(value, value_length))) return AN_ERROR_MEMORY;
  } else if (NAME_IS("WARC-Date")) {
    copy_value(header->date, sizeof header->date, value, value_length);
  } else if (NAME_IS("Content-Type")) {
    an_lowercase_copy(header->content_type, sizeof header->content_type, value, value_length);
  } else if (NAME_IS("WARC-Record-ID")) {
    copy_value(header->record_id, sizeof header->record_id, value, value_length);
  } else if (NAME_IS("Content-Length")) {
    header->has_length = parse_length(value, value_length, &header->length);
  }
#undef NAME_IS
  return AN_OK;
}

/* Reads header lines after the version line, up to the blank line. */
static int read_header(an_stream *stream, an_warc_state *state, an_buffer *line,
                       warc_header *header, an_error *error) {
  for (int count = 0;; count++) {
    bool too_long = false;
    if (!an_stream_read_line(stream, line, AN_WARC_HEADER_LINE_LIMIT, &too_long))
      return record_error(error, AN_ERROR_FORMAT, stream, state, "input ends inside the header");
    if (too_long || count >= AN_WARC_HEADER_COUNT_LIMIT)
      return record_error(error, AN_ERROR_LIMIT, stream, state, "header too long");
    if (line->size == 0) break;
    if (header_field(header, line->data, line->size) != AN_OK)
      return record_error(error, AN_ERROR_MEMORY, stream, state, "out of memory");
  }
  if (!header->has_length)
    return record_error(error, AN_ERROR_FORMAT, stream, state,
                        "no valid Content-Length in the header");
  return AN_OK;
}

/* Skips blank lines and finds the next "WARC/" version line.  Returns
 * AN_OK with *found, or an error when something else is in the way (once:
 * then it looks for the next header quietly). */
static int find_record(an_stream *stream, an_warc_state *state, an_buffer *line, bool *found,
                       an_error *error) {
  *found = false;
  bool too_long = false;
  while (an_stream_read_line(stream, line, AN_WARC_HEADER_LINE_LIMIT, &too_long)) {
    if (!too_long && line->size == 0) continue;
    if (!too_long && an_starts_with(line->data, "WARC/")) {
      state->resync = false;
      *found = true;
      return AN_OK;
    }
    if (!state->resync) {
      state->resync = true;
      return an_error_set(error, AN_ERROR_FORMAT,
                          "%s: byte %llu: not a WARC record header after record %zu; "
                          "skipping to the next one",
                          stream->name, (unsigned long long)stream->consumed,
                          state->record_number);
    }
  }
  return AN_OK;
}

/* After a block: CR/LF, then the next record or the end.  True when so. */
static bool block_ends_well(an_stream *stream) {
  const char *bytes;
  size_t available = an_stream_peek(stream, AN_WARC_MAX_TRAILER + 5, &bytes);
  size_t i = 0;
  while (i < available && i < AN_WARC_MAX_TRAILER && (bytes[i] == '\r' || bytes[i] == '\n')) i++;
  if (i == available) return true; /* the end of the input */
  if (i == 0 || available - i < 5 || memcmp(bytes + i, "WARC/", 5) != 0) return false;
  an_stream_skip(stream, i);
  return true;
}

/* The block was not followed by the next record: its Content-Length lied.
 * When the block swallowed the next header, put that back. */
static int recover_from_length(an_stream *stream, an_warc_state *state, const an_buffer *block,
                               size_t length, an_error *error) {
  const char *bytes = block->data ? block->data : "";
  for (size_t i = 0; i + 8 <= block->size; i++) {
    if (bytes[i] == '\n' && !memcmp(bytes + i + 1, "WARC/1.", 7)) {
      if (an_stream_unread(stream, bytes + i + 1, block->size - i - 1) != AN_OK)
        return record_error(error, AN_ERROR_MEMORY, stream, state, "out of memory");
      break;
    }
  }
  state->resync = true;
  char what[160];
  snprintf(what, sizeof what,
           "Content-Length %zu does not match the record; record skipped, "
           "reading on at the next WARC header", length);
  return record_error(error, AN_ERROR_FORMAT, stream, state, what);
}

/* ---- HTTP payload ---- */

typedef struct http_payload {
  const char *body;
  size_t length;
  int status;               /* HTTP status, 0 when the block is not HTTP */
  char content_type[256];   /* lowercase */
  bool chunked;
  bool gzip;                /* gzip or deflate content encoding */
} http_payload;

static void http_header_field(http_payload *payload, const char *line, size_t length) {
  const char *colon = memchr(line, ':', length);
  if (!colon) return;
  size_t name_length = (size_t)(colon - line);
  const char *value = colon + 1;
  size_t value_length = length - name_length - 1;
  trim_value(&value, &value_length);
  char lower[64];
  an_lowercase_copy(lower, sizeof lower, value, value_length);
  if (name_length == 12 && !strncasecmp(line, "Content-Type", 12))
    an_lowercase_copy(payload->content_type, sizeof payload->content_type, value, value_length);
  else if (name_length == 17 && !strncasecmp(line, "Transfer-Encoding", 17))
    payload->chunked = strstr(lower, "chunked") != NULL;
  else if (name_length == 16 && !strncasecmp(line, "Content-Encoding", 16))
    payload->gzip = strstr(lower, "gzip") || strstr(lower, "deflate");
}

/* Splits an HTTP response block into status, headers and body. */
static void parse_http(const char *block, size_t length, http_payload *payload) {
  memset(payload, 0, sizeof *payload);
  payload->body = block;
  payload->length = length;
  if (length < 12 || memcmp(block, "HTTP/", 5) != 0) return;
  const char *space = memchr(block, ' ', length < 16 ? length : 16);
  payload->status = space ? atoi(space + 1) : 0;
  size_t position = 0;
  while (position < length) {
    const char *end = memchr(block + position, '\n', length - position);
    size_t line_end = end ? (size_t)(end - block) : length;
    size_t line_length = line_end - position;
    if (line_length && block[line_end - 1] == '\r') line_length--;
    if (line_length == 0 && position > 0) {
      payload->body = block + line_end + 1 > block + length ? block + length : block + line_end + 1;
      payload->length = length - (size_t)(payload->body - block);
      return;
    }
    if (position > 0) http_header_field(payload, block + position, line_length);
    position = line_end + 1;
  }
  payload->body = block + length; /* headers only */
  payload->length = 0;
}

/* Undoes chunked transfer coding in place; returns the new length. */
static size_t dechunk(char *body, size_t length) {
  size_t in = 0, out = 0;
  while (in < length) {
    char *end;
    unsigned long long size = strtoull(body + in, &end, 16);
    if (end == body + in) break;
    const char *newline = memchr(end, '\n', length - (size_t)(end - body));
    if (!newline || size == 0) break;
    in = (size_t)(newline - body) + 1;
    if (size > length - in) size = length - in;
    memmove(body + out, body + in, (size_t)size);
    out += (size_t)size;
    in += (size_t)size;
    while (in < length && (body[in] == '\r' || body[in] == '\n')) in++;
  }
  return out;
}

/* Inflates a gzip/zlib body into out, at most AN_WARC_RECORD_LIMIT bytes. */
static int inflate_body(const char *body, size_t length, an_buffer *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 15 + 32) != Z_OK) return AN_ERROR_MEMORY;
  z.next_in = (Bytef *)(uintptr_t)body;
  z.avail_in = (uInt)(length > UINT32_MAX ? UINT32_MAX : length);
  int status = AN_OK, result = Z_OK;
  char chunk[65536];
  while (result == Z_OK) {
    z.next_out = (Bytef *)chunk;
    z.avail_out = sizeof chunk;
    result = inflate(&z, Z_NO_FLUSH);
    size_t produced = sizeof chunk - z.avail_out;
    if (out->size + produced > AN_WARC_RECORD_LIMIT) { status = AN_ERROR_LIMIT; break; }
    if (an_buffer_append(out, chunk, produced) != AN_OK) { status = AN_ERROR_MEMORY; break; }
    if (result == Z_BUF_ERROR && produced == 0) break;
    if (result == Z_BUF_ERROR) result = Z_OK;
  }
  if (status == AN_OK && result != Z_STREAM_END && out->size == 0) status = AN_ERROR_FORMAT;
  inflateEnd(&z);
  return status;
}

/* ---- charset ---- */

static bool page_declares_charset(const char *body, size_t length) {
  char head[AN_WARC_CHARSET_SNIFF + 1];
  an_lowercase_copy(head, sizeof head, body, length);
  return strstr(head, "charset") != NULL || strstr(head, "encoding=") != NULL;
}

/* The charset parameter of a Content-Type, or "" . */
static void content_type_charset(const char *content_type, char *out, size_t capacity) {
  out[0] = '\0';
  const char *found = strstr(content_type, "charset=");
  if (!found) return;
  found += 8;
  if (*found == '"' || *found == '\'') found++;
  size_t length = strcspn(found, "\"'; \t");
  copy_value(out, capacity, found, length);
}

/* Converts body from charset to UTF-8 into out.  AN_OK or an error code. */
static int convert_charset(const char *charset, const char *body, size_t length,
                           an_buffer *out) {
  iconv_t converter = iconv_open("UTF-8", charset);
  if (converter == (iconv_t)-1) return AN_ERROR_FORMAT;
  int status = an_buffer_reserve(out, length * 2 + 16);
  char *in = (char *)(uintptr_t)body;
  size_t in_left = length;
  while (status == AN_OK && in_left > 0) {
    char *target = out->data + out->size;
    size_t out_left = out->capacity - out->size - 1;
    size_t before = out_left;
    size_t result = iconv(converter, &in, &in_left, &target, &out_left);
    out->size += before - out_left;
    if (result != (size_t)-1) break;
    if (errno == E2BIG) status = an_buffer_reserve(out, in_left * 2 + 16);
    else status = AN_ERROR_FORMAT;
  }
  if (out->data) out->data[out->size] = '\0';
  iconv_close(converter);
  return status;
}

/* ---- records to documents ---- */

static an_input_kind kind_of(const char *content_type) {
  if (strstr(content_type, "html") || strstr(content_type, "xml")) return AN_INPUT_HTML;
  if (an_starts_with(content_type, "text/plain")) return AN_INPUT_TEXT;
  return AN_INPUT_AUTO;
}

static bool is_textual(const char *content_type) {
  return content_type[0] == '\0' || an_starts_with(content_type, "text/") ||
         strstr(content_type, "html") || strstr(content_type, "xml") ||
         strstr(content_type, "json");
}

/* Decodes the payload (transfer and content codings, charset) into
 * decoded when needed; payload->body and ->length then point at the text to read. */
static int decode_payload(http_payload *payload, char *block, an_buffer *decoded,
                          an_buffer *converted) {
  if (payload->chunked)
    payload->length = dechunk(block + (payload->body - block), payload->length);
  if (payload->gzip && payload->length >= 2 &&
      ((unsigned char)payload->body[0] == 0x1f || (unsigned char)payload->body[0] == 0x78)) {
    int status = inflate_body(payload->body, payload->length, decoded);
    if (status != AN_OK) return status;
    payload->body = decoded->data ? decoded->data : "";
    payload->length = decoded->size;
  }
  char charset[64];
  content_type_charset(payload->content_type, charset, sizeof charset);
  size_t sniff = payload->length < AN_WARC_CHARSET_SNIFF ? payload->length : AN_WARC_CHARSET_SNIFF;
  if (charset[0] && strcasecmp(charset, "utf-8") && strcasecmp(charset, "utf8") &&
      !an_utf8_valid(payload->body, payload->length, NULL) &&
      !page_declares_charset(payload->body, sniff) &&
      convert_charset(charset, payload->body, payload->length, converted) == AN_OK) {
    payload->body = converted->data;
    payload->length = converted->size;
  }
  return AN_OK;
}

/* Turns one document record into *out; *out stays NULL when the record is
 * not a document. */
static int record_to_doc(an_stream *stream, an_warc_state *state, warc_header *header,
                         an_buffer *block, an_doc **out, an_error *error) {
  http_payload payload;
  bool is_response = strcmp(header->type, "response") == 0;
  if (is_response) {
    parse_http(block->data, block->size, &payload);
    if (payload.status != 0 && (payload.status < 200 || payload.status > 299)) return AN_OK;
  } else {
    memset(&payload, 0, sizeof payload);
    payload.body = block->data;
    payload.length = block->size;
    an_copy_string(payload.content_type, sizeof payload.content_type, header->content_type);
  }
  if (!is_textual(payload.content_type)) {
    char what[320];
    snprintf(what, sizeof what, "not a text or HTML page (%.200s); skipped",
             payload.content_type);
    return record_error(error, AN_ERROR_FORMAT, stream, state, what);
  }
  an_buffer decoded, converted;
  an_buffer_init(&decoded);
  an_buffer_init(&converted);
  int status = decode_payload(&payload, block->data, &decoded, &converted);
  if (status != AN_OK) {
    record_error(error, status, stream, state, "cannot decode the content encoding");
  } else if (payload.length > 0) {
    char origin[1200];
    snprintf(origin, sizeof origin, "%s#record %zu", stream->name, state->record_number);
    *out = an_doc_from_buffer(payload.body, payload.length, kind_of(payload.content_type),
                              origin, error);
    if (!*out) status = error ? error->code : AN_ERROR_FORMAT;
    else if (an_read_finish_doc(*out, header->uri, header->date, NULL) != AN_OK) {
      an_doc_free(*out);
      *out = NULL;
      status = record_error(error, AN_ERROR_MEMORY, stream, state, "out of memory");
    }
  }
  an_buffer_clear(&decoded);
  an_buffer_clear(&converted);
  return status;
}

static bool is_document_type(const char *type) {
  return !strcmp(type, "response") || !strcmp(type, "resource") || !strcmp(type, "conversion");
}

/* Reads the block of a record whose header is read: document or not. */
static int read_block(an_stream *stream, an_warc_state *state, warc_header *header,
                      an_buffer *block, an_doc **out, an_error *error) {
  bool wanted = is_document_type(header->type);
  if (header->length > AN_WARC_RECORD_LIMIT) {
    an_stream_skip(stream, header->length);
    block_ends_well(stream);
    char what[160];
    snprintf(what, sizeof what, "block of %zu bytes exceeds the limit of %zu; skipped",
             header->length, AN_WARC_RECORD_LIMIT);
    return record_error(error, AN_ERROR_LIMIT, stream, state, what);
  }
  size_t got;
  if (wanted) {
    bool memory_failed = false;
    got = an_stream_read(stream, block, header->length, &memory_failed);
    if (memory_failed) return record_error(error, AN_ERROR_MEMORY, stream, state, "out of memory");
  } else {
    got = an_stream_skip(stream, header->length);
  }
  if (got < header->length) {
    char what[400];
    int length = snprintf(what, sizeof what,
                          "Content-Length %zu but the input ends after %zu bytes",
                          header->length, got);
    if (stream->failed && length > 0 && (size_t)length < sizeof what) {
      stream->failure_reported = true;
      snprintf(what + length, sizeof what - (size_t)length, " (%s)", stream->failure);
    }
    return record_error(error, AN_ERROR_FORMAT, stream, state, what);
  }
  if (!block_ends_well(stream))
    return recover_from_length(stream, state, block, header->length, error);
  return wanted ? record_to_doc(stream, state, header, block, out, error) : AN_OK;
}

int an_warc_next(an_stream *stream, an_warc_state *state, an_doc **out, an_error *error) {
  *out = NULL;
  an_buffer line, block;
  an_buffer_init(&line);
  an_buffer_init(&block);
  int status = AN_OK;
  while (status == AN_OK && !*out) {
    bool found = false;
    status = find_record(stream, state, &line, &found, error);
    if (status != AN_OK) break;
    if (!found) {
      status = an_stream_take_failure(stream, error);
      break;
    }
    state->record_number++;
    warc_header header;
    memset(&header, 0, sizeof header);
    status = read_header(stream, state, &line, &header, error);
    if (status == AN_OK) {
      block.size = 0;
      status = read_block(stream, state, &header, &block, out, error);
    } else {
      state->resync = true;
    }
    free(header.uri);
  }
  an_buffer_clear(&line);
  an_buffer_clear(&block);
  return status;
}
