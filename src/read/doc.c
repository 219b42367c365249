/*
 * doc.c — the document record: lifecycle, and documents from a buffer
 * (sniffing HTML vs plain text, checking the bytes are text).
 */
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

an_doc *an_doc_new(void) { return calloc(1, sizeof(an_doc)); }

void an_doc_free(an_doc *doc) {
  if (!doc) return;
  free(doc->id);
  free(doc->origin);
  free(doc->url);
  free(doc->outlet);
  free(doc->published);
  free(doc->title);
  free(doc->metadata);
  free(doc->text);
  free(doc->paragraphs);
  free(doc);
}

/* Does the buffer look like an HTML page?  Looks at the first non-space
 * bytes for a tag that pages start with. */
static bool looks_like_html(const char *bytes, size_t length) {
  size_t i = 0;
  if (length >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) i = 3;
  while (i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) i++;
  if (i >= length || bytes[i] != '<') return false;
  size_t window = length - i < 512 ? length - i : 512;
  char head[513];
  an_lowercase_copy(head, sizeof head, bytes + i, window);
  return strstr(head, "<!doctype html") || strstr(head, "<html") || strstr(head, "<head") ||
         strstr(head, "<body") || strstr(head, "<meta") || strstr(head, "<div") ||
         strstr(head, "<p>") || strstr(head, "<title");
}

/* Binary junk: NUL bytes or mostly control characters in the first 4 KiB. */
static bool looks_binary(const char *bytes, size_t length) {
  size_t window = length < 4096 ? length : 4096, control = 0;
  for (size_t i = 0; i < window; i++) {
    /* skip eight bytes at a time while none of them is below 32 */
    while (i + 8 <= window) {
      uint64_t chunk;
      memcpy(&chunk, bytes + i, 8);
      if ((chunk - 0x2020202020202020ULL) & ~chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= window) break;
    unsigned char c = (unsigned char)bytes[i];
    if (c == 0) return true;
    if (c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f') control++;
  }
  return window > 0 && control * 10 > window;
}

static char *hex_id(const char *name, const char *bytes, size_t length) {
  uint64_t hash = an_hash64(bytes, length, an_hash64(name, strlen(name), 0));
  char *id = malloc(17);
  if (!id) return NULL;
  static const char hex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--, hash >>= 4) id[i] = hex[hash & 15];
  id[16] = '\0';
  return id;
}

an_doc *an_doc_from_buffer(const char *bytes, size_t length, an_input_kind kind,
                           const char *name, an_error *error) {
  if (!name) name = "(buffer)";
  if (looks_binary(bytes, length)) {
    an_error_set(error, AN_ERROR_FORMAT, "%s: binary data, not text or HTML", name);
    return NULL;
  }
  an_doc *doc = an_doc_new();
  if (!doc) {
    an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", name);
    return NULL;
  }
  doc->origin = an_strdup(name);
  doc->id = hex_id(name, bytes, length);
  if (kind == AN_INPUT_AUTO) kind = looks_like_html(bytes, length) ? AN_INPUT_HTML : AN_INPUT_TEXT;
  int status;
  if (kind == AN_INPUT_HTML) {
    status = an_extract_html(bytes, length, doc, error);
  } else {
    size_t bad = 0;
    if (!an_utf8_valid(bytes, length, &bad)) {
      an_error_set(error, AN_ERROR_FORMAT, "%s: byte %zu: malformed UTF-8", name, bad);
      an_doc_free(doc);
      return NULL;
    }
    doc->text = an_strndup(bytes, length);
    doc->text_length = length;
    status = doc->text ? an_extract_text(doc, error)
                       : an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", name);
  }
  if (status != AN_OK) {
    an_doc_free(doc);
    return NULL;
  }
  return doc;
}
