/*
 * html_metadata.c — a page's title, publication date and outlet, from what
 * the page says about itself: Open Graph and other meta tags, JSON-LD
 * (schema.org NewsArticle and kin), <time datetime>, the URL's /2024/11/26/.
 */
#include "extract/html_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum {
  AN_JSON_LD_MAX_DEPTH = 16,  /* nesting followed when searching JSON-LD */
  AN_TITLE_SUFFIX_WORDS = 4,  /* a "| Site" suffix has at most this many words */
  AN_MIN_YEAR = 1900,
  AN_MAX_YEAR = 2100
};

/* ---- dates ---- */

static bool valid_date(int year, int month, int day) {
  return year >= AN_MIN_YEAR && year <= AN_MAX_YEAR && month >= 1 && month <= 12 && day >= 1 &&
         day <= 31;
}

static int read_digits(const char *text, size_t length, size_t *position, size_t count) {
  int value = 0;
  for (size_t i = 0; i < count; i++, (*position)++) {
    if (*position >= length || !isdigit((unsigned char)text[*position])) return -1;
    value = value * 10 + (text[*position] - '0');
  }
  return value;
}

static int month_from_name(const char *text, size_t length) {
  static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                "jul", "aug", "sep", "oct", "nov", "dec"};
  if (length < 3) return 0;
  for (int i = 0; i < 12; i++)
    if (!strncasecmp(text, names[i], 3)) return i + 1;
  return 0;
}

/* "November 26, 2024", "Nov. 26 2024", "26 November 2024". */
static bool date_from_words(const char *text, size_t length, int *year, int *month, int *day) {
  int numbers[3], count = 0;
  *month = 0;
  for (size_t i = 0; i < length && count < 3;) {
    if (isdigit((unsigned char)text[i])) {
      int value = 0;
      size_t digits = 0;
      while (i < length && isdigit((unsigned char)text[i]) && digits < 5) value = value * 10 + (text[i++] - '0'), digits++;
      numbers[count++] = value;
    } else if (isalpha((unsigned char)text[i])) {
      size_t start = i;
      while (i < length && isalpha((unsigned char)text[i])) i++;
      if (!*month) *month = month_from_name(text + start, i - start);
    } else {
      i++;
    }
  }
  if (!*month || count < 2) return false;
  *day = numbers[0] <= 31 ? numbers[0] : numbers[1];
  *year = numbers[0] <= 31 ? numbers[1] : numbers[0];
  return valid_date(*year, *month, *day);
}

bool an_html_normalise_date(const char *text, size_t length, char out[11]) {
  while (length && isspace((unsigned char)*text)) text++, length--;
  size_t position = 0;
  int year = read_digits(text, length, &position, 4), month = -1, day = -1;
  if (year >= 0) {
    if (position < length && (text[position] == '-' || text[position] == '/' || text[position] == '.'))
      position++;
    month = read_digits(text, length, &position, 2);
    if (position < length && (text[position] == '-' || text[position] == '/' || text[position] == '.'))
      position++;
    day = read_digits(text, length, &position, 2);
  }
  if (!valid_date(year, month, day) && !date_from_words(text, length, &year, &month, &day))
    return false;
  snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
  return true;
}

/* A /2024/11/26/ or /2024-11-26 in a URL. */
static bool date_from_url(const char *url, char out[11]) {
  if (!url) return false;
  for (const char *at = strchr(url, '/'); at; at = strchr(at + 1, '/')) {
    size_t position = 1, length = strlen(at);
    int year = read_digits(at, length, &position, 4);
    if (year < 0 || position >= length || (at[position] != '/' && at[position] != '-')) continue;
    char separator = at[position++];
    int month = read_digits(at, length, &position, 2);
    if (month < 0 || position >= length || at[position] != separator) continue;
    position++;
    int day = read_digits(at, length, &position, 2);
    bool ends = position == length || !isdigit((unsigned char)at[position]);
    if (day >= 0 && ends && valid_date(year, month, day)) {
      snprintf(out, 11, "%04d-%02d-%02d", year, month, day);
      return true;
    }
  }
  return false;
}

/* ---- JSON-LD ---- */

static bool is_article_type(json_t *object) {
  json_t *type = json_object_get(object, "@type");
  const char *name = json_is_string(type) ? json_string_value(type) : NULL;
  if (json_is_array(type) && json_array_size(type)) name = json_string_value(json_array_get(type, 0));
  return name && (strstr(name, "Article") || strstr(name, "Posting") || strstr(name, "Report") ||
                  strstr(name, "BlogPosting"));
}

/* Finds the first string value of key in an article-like object (or any
 * object when no article-like one has it). */
static const char *find_key(json_t *value, const char *key, int depth, bool articles_only) {
  if (depth > AN_JSON_LD_MAX_DEPTH || !value) return NULL;
  if (json_is_object(value)) {
    json_t *found = json_object_get(value, key);
    if (json_is_string(found) && (!articles_only || is_article_type(value)))
      return json_string_value(found);
    const char *name;
    json_t *child;
    json_object_foreach(value, name, child) {
      const char *inner = find_key(child, key, depth + 1, articles_only);
      if (inner) return inner;
    }
  } else if (json_is_array(value)) {
    size_t index;
    json_t *child;
    json_array_foreach(value, index, child) {
      const char *inner = find_key(child, key, depth + 1, articles_only);
      if (inner) return inner;
    }
  }
  return NULL;
}

/* Runs look on each JSON-LD block until it returns a copy. */
static char *json_ld_find(const an_html_page *page, const char *key) {
  char *result = NULL;
  for (int pass = 0; pass < 2 && !result; pass++) {
    for (size_t i = 0; i < page->meta.json_ld_count && !result; i++) {
      an_html_string block = page->meta.json_ld[i];
      json_t *root = json_loadb(page->text.data + block.offset, block.length,
                                JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, NULL);
      const char *found = find_key(root, key, 0, pass == 0);
      if (found && *found) result = an_strdup(found);
      json_decref(root);
    }
  }
  return result;
}

char *an_html_json_ld_body(const an_html_page *page) {
  return json_ld_find(page, "articleBody");
}

/* ---- title ---- */

static size_t count_words(const char *text, size_t length) {
  size_t words = 0;
  bool inside = false;
  for (size_t i = 0; i < length; i++) {
    bool space = text[i] == ' ';
    if (!space && !inside) words++;
    inside = !space;
  }
  return words;
}

/* Removes a " | Site" / " - Site" / " — Site" suffix in place. */
static void strip_site_suffix(char *title, const char *site) {
  static const char *separators[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                     " \xC2\xB7 ", " \xC2\xBB ", " / ", NULL};
  char *cut = NULL;
  for (size_t i = 0; separators[i]; i++) {
    char *at = strstr(title, separators[i]);
    for (char *next = at; next; next = strstr(next + 1, separators[i])) at = next;
    if (at && (!cut || at > cut)) cut = at;
  }
  if (!cut) return;
  const char *suffix = cut + 3;
  while (*suffix == ' ' || (unsigned char)*suffix >= 0x80) suffix++;
  size_t left_words = count_words(title, (size_t)(cut - title));
  size_t suffix_words = count_words(suffix, strlen(suffix));
  bool names_site = site && *site && (strcasestr(suffix, site) || strcasestr(site, suffix));
  bool looks_like_name = !islower((unsigned char)*suffix); /* "Reuters", "BBC News", "9News" */
  if (names_site || (looks_like_name && suffix_words <= AN_TITLE_SUFFIX_WORDS && left_words >= 3 &&
                     left_words >= suffix_words))
    *cut = '\0';
}

static char *choose_title(const an_html_page *page, const char *h1, const char *site) {
  char *title = an_html_string_dup(page, page->meta.og_title);
  if (!title) title = json_ld_find(page, "headline");
  if (!title && h1 && *h1) title = an_strdup(h1);
  if (!title) title = an_html_string_dup(page, page->meta.title);
  if (title) strip_site_suffix(title, site);
  return title;
}

/* ---- published date ---- */

static bool date_from_string(const an_html_page *page, an_html_string string, char out[11]) {
  return string.length && an_html_normalise_date(page->text.data + string.offset, string.length, out);
}

static char *choose_date(const an_html_page *page, const char *url) {
  char date[11];
  const an_html_meta *meta = &page->meta;
  if (date_from_string(page, meta->published_meta, date)) return an_strdup(date);
  char *json = json_ld_find(page, "datePublished");
  bool found = json && an_html_normalise_date(json, strlen(json), date);
  free(json);
  if (found) return an_strdup(date);
  if (date_from_string(page, meta->itemprop_date, date) || date_from_string(page, meta->date_meta, date) ||
      date_from_string(page, meta->time_datetime, date))
    return an_strdup(date);
  char *og_url = an_html_string_dup(page, meta->og_url);
  char *canonical = an_html_string_dup(page, meta->canonical);
  found = date_from_url(og_url, date) || date_from_url(canonical, date) || date_from_url(url, date);
  free(og_url);
  free(canonical);
  return found ? an_strdup(date) : NULL;
}

/* The host of an http(s) URL without "www.", or NULL.  Caller frees. */
static char *host_of(const char *url) {
  const char *start = url ? strstr(url, "://") : NULL;
  if (!start) return NULL;
  start += 3;
  if (!strncasecmp(start, "www.", 4)) start += 4;
  size_t length = strcspn(start, "/:?#");
  return length ? an_strndup(start, length) : NULL;
}

int an_html_fill_metadata(const an_html_page *page, const char *h1, an_doc *doc) {
  if (!doc->url) doc->url = an_html_string_dup(page, page->meta.canonical);
  if (!doc->url) doc->url = an_html_string_dup(page, page->meta.og_url);
  if (doc->url && !strstr(doc->url, "://")) { /* a relative canonical link is no URL */
    free(doc->url);
    doc->url = NULL;
  }
  if (!doc->outlet) doc->outlet = an_html_string_dup(page, page->meta.site_name);
  if (!doc->outlet) doc->outlet = host_of(doc->url);
  if (!doc->title) doc->title = choose_title(page, h1, doc->outlet);
  if (!doc->published) doc->published = choose_date(page, doc->url);
  return AN_OK;
}
