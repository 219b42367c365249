/*
 * html_charset.c — the character set of a page, and its conversion to UTF-8.
 *
 * Order: a byte-order mark; a charset declared in the first bytes (<meta
 * charset>, <meta http-equiv=content-type>); valid UTF-8 as it is; else
 * libuchardet's guess.  Conversion is iconv; a few undecodable bytes become
 * U+FFFD, more than AN_CHARSET_MAX_BAD_SHARE of the page is an error.
 */
#include "extract/html_internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet.h>

enum {
  AN_CHARSET_PRESCAN_BYTES = 4096, /* where a declaration is looked for */
  AN_CHARSET_NAME_MAX = 40,
  AN_CHARSET_MAX_BAD_SHARE = 100,  /* at most 1 byte in 100 undecodable */
  AN_CHARSET_MIN_BAD_ALLOWED = 16
};

static unsigned char lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* Case-insensitive search of word (lowercase) in text[0..length). */
static const char *find_word(const char *text, size_t length, const char *word) {
  size_t word_length = strlen(word);
  for (size_t i = 0; i + word_length <= length; i++) {
    size_t j = 0;
    while (j < word_length && lower((unsigned char)text[i + j]) == (unsigned char)word[j]) j++;
    if (j == word_length) return text + i;
  }
  return NULL;
}

/* Reads "charset=NAME" starting inside a tag; true when found. */
static bool read_charset_value(const char *text, size_t length, char *out, size_t capacity) {
  const char *at = find_word(text, length, "charset");
  if (!at) return false;
  size_t i = (size_t)(at - text) + 7;
  while (i < length && (text[i] == ' ' || text[i] == '\t')) i++;
  if (i >= length || text[i] != '=') return false;
  i++;
  while (i < length && (text[i] == ' ' || text[i] == '"' || text[i] == '\'')) i++;
  size_t used = 0;
  while (i < length && used + 1 < capacity && text[i] != '"' && text[i] != '\'' && text[i] != ';' &&
         text[i] != ' ' && text[i] != '>' && text[i] != '/')
    out[used++] = (char)lower((unsigned char)text[i++]);
  out[used] = '\0';
  return used > 0;
}

bool an_html_declared_charset(const char *html, size_t length, char *out, size_t capacity) {
  if (length >= 3 && !memcmp(html, "\xEF\xBB\xBF", 3)) {
    an_copy_string(out, capacity, "utf-8");
    return true;
  }
  if (length >= 2 && !memcmp(html, "\xFF\xFE", 2)) {
    an_copy_string(out, capacity, "utf-16le");
    return true;
  }
  if (length >= 2 && !memcmp(html, "\xFE\xFF", 2)) {
    an_copy_string(out, capacity, "utf-16be");
    return true;
  }
  size_t window = length < AN_CHARSET_PRESCAN_BYTES ? length : AN_CHARSET_PRESCAN_BYTES;
  const char *cursor = html;
  size_t left = window;
  const char *meta;
  while ((meta = find_word(cursor, left, "<meta")) != NULL) {
    size_t offset = (size_t)(meta - cursor);
    const char *end = memchr(meta, '>', left - offset);
    size_t tag_length = end ? (size_t)(end - meta) : left - offset;
    if (read_charset_value(meta, tag_length, out, capacity)) return true;
    cursor = meta + 5;
    left -= offset + 5;
  }
  return false;
}

/* The iconv name for a label pages use (HTML maps latin1/ascii labels to
 * windows-1252, and GB2312/GBK to their superset GB18030). */
static const char *iconv_name(const char *label) {
  static const char *aliases[][2] = {
      {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
      {"latin-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
      {"ascii", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
      {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"},
      {"ks_c_5601-1987", "CP949"}, {"euc-kr", "CP949"},
      {"shift-jis", "SHIFT_JIS"}, {"x-sjis", "SHIFT_JIS"}, {"utf8", "UTF-8"}};
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (!strcmp(label, aliases[i][0])) return aliases[i][1];
  return label;
}

static bool is_utf8_label(const char *label) {
  return !strcmp(label, "utf-8") || !strcmp(label, "utf8") || !strcmp(label, "UTF-8") ||
         !strcmp(label, "unicode-1-1-utf-8");
}

/* Is the page valid UTF-8?  ASCII runs are checked eight bytes at a time
 * (the common case); *bad_offset is the first bad byte. */
static bool valid_utf8(const char *html, size_t length, size_t *bad_offset) {
  const unsigned char *bytes = (const unsigned char *)html;
  size_t i = 0;
  while (i < length) {
    if (i + 8 <= length) {
      uint64_t word;
      memcpy(&word, bytes + i, 8);
      if (!(word & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
    if (need == 0 || i + need >= length) {
      *bad_offset = i;
      return false;
    }
    unsigned char second = bytes[i + 1];
    bool ok = (second & 0xC0) == 0x80;
    if (c == 0xE0) ok = ok && second >= 0xA0;
    if (c == 0xED) ok = ok && second < 0xA0;  /* no surrogates */
    if (c == 0xF0) ok = ok && second >= 0x90;
    if (c == 0xF4) ok = ok && second < 0x90;
    for (size_t k = 2; k <= need && ok; k++) ok = (bytes[i + k] & 0xC0) == 0x80;
    if (!ok) {
      *bad_offset = i;
      return false;
    }
    i += need + 1;
  }
  return true;
}

static bool has_multibyte(const char *html, size_t length) {
  for (size_t i = 0; i < length; i++)
    if ((unsigned char)html[i] >= 0x80) return true;
  return false;
}

/* Converts with iconv, replacing undecodable bytes by U+FFFD.  Returns
 * AN_OK, or AN_ERROR_FORMAT when the charset is unknown or too many bytes
 * are undecodable. */
static int convert(const char *html, size_t length, const char *charset, char **converted,
                   size_t *converted_length, an_error *error) {
  iconv_t handle = iconv_open("UTF-8", iconv_name(charset));
  if (handle == (iconv_t)-1)
    return an_error_set(error, AN_ERROR_FORMAT, "html: unknown character set '%s'", charset);
  size_t capacity = length * 4 + 16, bad = 0, first_bad = 0;
  char *out = malloc(capacity);
  if (!out) {
    iconv_close(handle);
    return an_error_set(error, AN_ERROR_MEMORY, "html: out of memory");
  }
  char *input = (char *)html, *output = out;
  size_t input_left = length, output_left = capacity - 1;
  while (input_left > 0) {
    if (iconv(handle, &input, &input_left, &output, &output_left) != (size_t)-1) break;
    if (errno == E2BIG || output_left < 4) break; /* cannot happen with 4x room */
    if (!bad) first_bad = length - input_left;
    bad++;
    memcpy(output, "\xEF\xBF\xBD", 3);
    output += 3;
    output_left -= 3;
    input++;
    input_left--;
  }
  iconv_close(handle);
  size_t allowed = length / AN_CHARSET_MAX_BAD_SHARE;
  if (allowed < AN_CHARSET_MIN_BAD_ALLOWED) allowed = AN_CHARSET_MIN_BAD_ALLOWED;
  if (bad > allowed) {
    free(out);
    return an_error_set(error, AN_ERROR_FORMAT,
                        "html: byte %zu: cannot decode the page as %s (%zu bad bytes)",
                        first_bad, charset, bad);
  }
  *output = '\0';
  *converted = out;
  *converted_length = (size_t)(output - out);
  return AN_OK;
}

/* libuchardet's guess, or "" (copied into out). */
static void detect(const char *html, size_t length, char *out, size_t capacity) {
  out[0] = '\0';
  uchardet_t detector = uchardet_new();
  if (!detector) return;
  if (uchardet_handle_data(detector, html, length) == 0) {
    uchardet_data_end(detector);
    const char *name = uchardet_get_charset(detector);
    an_copy_string(out, capacity, name ? name : "");
  }
  uchardet_delete(detector);
}

int an_html_to_utf8(const char *html, size_t length, char **converted, size_t *converted_length,
                    an_error *error) {
  char declared[AN_CHARSET_NAME_MAX];
  size_t bad_offset = 0;
  *converted = NULL;
  *converted_length = 0;
  bool valid = valid_utf8(html, length, &bad_offset);
  bool has_declaration = an_html_declared_charset(html, length, declared, sizeof declared);
  if (has_declaration && is_utf8_label(declared)) {
    if (valid) return AN_OK;
    /* Declared UTF-8 with bad bytes: browsers show U+FFFD; so do we, unless
     * most of the page is bad (then convert says so). */
    return convert(html, length, "UTF-8", converted, converted_length, error);
  }
  if (has_declaration) {
    bool latin = !strcmp(iconv_name(declared), "WINDOWS-1252") || !strncmp(declared, "iso-8859-", 9) ||
                 !strncmp(declared, "windows-125", 11);
    /* Valid multi-byte UTF-8 is never meant as Latin text: the label is stale. */
    if (latin && valid && has_multibyte(html, length)) return AN_OK;
    if (convert(html, length, declared, converted, converted_length, NULL) == AN_OK) return AN_OK;
  }
  if (valid) return AN_OK;
  char guess[AN_CHARSET_NAME_MAX];
  detect(html, length, guess, sizeof guess);
  if (guess[0] && strcmp(guess, "ASCII") &&
      convert(html, length, guess, converted, converted_length, NULL) == AN_OK)
    return AN_OK;
  return an_error_set(error, AN_ERROR_FORMAT, "html: byte %zu: cannot decode the page (%s)",
                      bad_offset, guess[0] ? guess : "unknown character set");
}
