/*
 * test_extract_html.c — the HTML article extractor: article vs page
 * furniture, metadata (title, date, outlet), entities, charsets, broken
 * markup, pathological pages (generated here, under a time bound), and the
 * shared benchmark pages (each under a time bound) when ../shared exists.
 */
#include "annals.h"
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

enum { PATHOLOGICAL_SECONDS = 3, CORPUS_PAGE_MS = 50 };

static double seconds_now(void) {
  struct timespec clock;
  clock_gettime(CLOCK_MONOTONIC, &clock);
  return (double)clock.tv_sec + (double)clock.tv_nsec / 1e9;
}

/* Extracts html into a new document (caller frees); NULL on error, with the
 * status in *status. */
static an_doc *extract(const char *html, size_t length, int *status, an_error *error) {
  an_doc *doc = an_doc_new();
  *status = an_extract_html(html, length, doc, error);
  if (*status != AN_OK) {
    an_doc_free(doc);
    return NULL;
  }
  return doc;
}

static an_doc *extract_string(const char *html) {
  int status;
  an_error error = {0};
  an_doc *doc = extract(html, strlen(html), &status, &error);
  if (!doc) fprintf(stderr, "  extraction failed: %s\n", error.message);
  return doc;
}

/* The kept paragraphs joined by blank lines (caller frees). */
static char *body_of(const an_doc *doc) {
  size_t size = 1;
  for (size_t i = 0; i < doc->paragraph_count; i++) size += doc->paragraphs[i].length + 2;
  char *body = calloc(1, size), *cursor = body;
  for (size_t i = 0; i < doc->paragraph_count; i++) {
    if (i) *cursor++ = '\n', *cursor++ = '\n';
    memcpy(cursor, doc->text + doc->paragraphs[i].offset, doc->paragraphs[i].length);
    cursor += doc->paragraphs[i].length;
  }
  return body;
}

static char *read_all(const char *path, size_t *length) {
  gzFile file = gzopen(path, "rb");
  if (!file) return NULL;
  size_t capacity = 1 << 16, used = 0;
  char *bytes = malloc(capacity);
  int got;
  while ((got = gzread(file, bytes + used, (unsigned)(capacity - used))) > 0) {
    used += (size_t)got;
    if (used == capacity) bytes = realloc(bytes, capacity *= 2);
  }
  gzclose(file);
  *length = used;
  return bytes;
}

static void test_article_without_furniture(void) {
  size_t length;
  char *html = read_all("tests/data/html/article.html", &length);
  if (!html) SKIP("tests/data/html/article.html not found (run from the repository root)");
  int status;
  an_error error = {0};
  an_doc *doc = extract(html, length, &status, &error);
  CHECK_INT(status, AN_OK);
  if (!doc) { free(html); return; }
  char *body = body_of(doc);
  CHECK(strstr(body, "Delegations from both port authorities met on Tuesday") != NULL);
  CHECK(strstr(body, "\xE2\x80\x9CWe are closer") != NULL);      /* &ldquo; */
  CHECK(strstr(body, "end of the month & signed") != NULL);        /* &amp; */
  CHECK(strstr(body, "\n\nWhat is on the table\n\n") != NULL);     /* heading kept */
  CHECK(strstr(body, "\n\na common schedule of berth fees;\n\n") != NULL); /* list item */
  CHECK(strstr(body, "Nobody wants another winter") != NULL);      /* quote */
  CHECK(strstr(body, "Caf\xC3\xA9 owners") != NULL);               /* &eacute; */
  CHECK(strstr(body, "Harbour talks resume") == NULL);             /* title not in body */
  CHECK(strstr(body, "Sport") == NULL);                            /* navigation */
  CHECK(strstr(body, "cookies") == NULL);
  CHECK(strstr(body, "Share on") == NULL);
  CHECK(strstr(body, "Port strike ends") == NULL);                 /* related list */
  CHECK(strstr(body, "reader comment") == NULL);
  CHECK(strstr(body, "All rights reserved") == NULL);
  CHECK(strstr(body, "not text") == NULL);                         /* script */
  CHECK(strstr(body, "  ") == NULL);                               /* spaces collapsed */
  CHECK_STR(doc->title, "Harbour talks resume in Valletta");
  CHECK_STR(doc->published, "2024-11-26");
  CHECK_STR(doc->outlet, "The Daily Example");
  CHECK_STR(doc->url, "https://news.example.org/world/2024/11/26/harbour-talks/");
  free(body);
  an_doc_free(doc);
  free(html);
}

static void test_fields_already_set_are_kept(void) {
  const char *html = "<html><head><title>Page title - Site</title>"
                     "<meta property='og:site_name' content='Site'></head><body><p>"
                     "A paragraph long enough to be the article of this small page, with words.</p></body></html>";
  an_doc *doc = an_doc_new();
  doc->url = strdup("https://example.com/given");
  doc->title = strdup("Given title");
  doc->text = strdup("old text, replaced");
  an_error error = {0};
  CHECK_INT(an_extract_html(html, strlen(html), doc, &error), AN_OK);
  CHECK_STR(doc->url, "https://example.com/given");
  CHECK_STR(doc->title, "Given title");
  CHECK_STR(doc->outlet, "Site");
  CHECK(doc->text && strstr(doc->text, "A paragraph long enough") != NULL);
  CHECK(doc->text && strstr(doc->text, "old text") == NULL);
  an_doc_free(doc);
}

static void test_title_sources(void) {
  an_doc *doc = extract_string("<title>Minister resigns over leaked memo | Example News</title>"
                               "<p>Body text of the story, long enough to count as a paragraph here.</p>");
  CHECK(doc != NULL);
  if (doc) CHECK_STR(doc->title, "Minister resigns over leaked memo");
  an_doc_free(doc);
  doc = extract_string("<title>Site</title><body><h1>Floods &amp; storms close roads</h1>"
                       "<p>Body text of the story, long enough to count as a paragraph here.</p></body>");
  CHECK(doc != NULL);
  if (doc) CHECK_STR(doc->title, "Floods & storms close roads");
  an_doc_free(doc);
  doc = extract_string("<title>Rebels - and the army - agree to a truce</title><p>Body text of the story,"
                       " long enough to count as a paragraph here.</p>");
  CHECK(doc != NULL);
  if (doc) CHECK_STR(doc->title, "Rebels - and the army - agree to a truce"); /* not a site suffix */
  an_doc_free(doc);
}

static void check_date(const char *html, const char *expected) {
  an_doc *doc = extract_string(html);
  CHECK(doc != NULL);
  if (doc && expected) CHECK_STR(doc->published, expected);
  if (doc && !expected) CHECK(doc->published == NULL);
  an_doc_free(doc);
}

static void test_publication_dates(void) {
  const char *body = "<p>Body text of the story, long enough to count as a paragraph here.</p>";
  char html[1024];
  snprintf(html, sizeof html, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
           "\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\",\"datePublished\":"
           "\"2023-02-01T10:00:00+01:00\"}]}</script>%s", body);
  check_date(html, "2023-02-01");
  snprintf(html, sizeof html, "<time datetime=\"2021-07-04\">July 4</time>%s", body);
  check_date(html, "2021-07-04");
  snprintf(html, sizeof html, "<meta name=\"DC.date\" content=\"March 5, 2020\">%s", body);
  check_date(html, "2020-03-05");
  snprintf(html, sizeof html, "<link rel=canonical href=\"https://x.example/news/2019/12/31/story\">%s", body);
  check_date(html, "2019-12-31");
  snprintf(html, sizeof html, "<meta property=\"article:published_time\" content=\"20180102\">%s", body);
  check_date(html, "2018-01-02");
  check_date(body, NULL);
}

static void test_json_ld_body_when_page_has_none(void) {
  an_doc *doc = extract_string(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Dam opens\","
      "\"articleBody\":\"The new dam opened on Monday after six years of work.\\n\\nOfficials said the "
      "reservoir would fill by spring, and that power would flow to forty towns.\"}</script>"
      "<div id=app></div>");
  CHECK(doc != NULL);
  if (!doc) return;
  char *body = body_of(doc);
  CHECK(strstr(body, "The new dam opened on Monday") != NULL);
  CHECK(strstr(body, "forty towns.") != NULL);
  CHECK_STR(doc->title, "Dam opens");
  free(body);
  an_doc_free(doc);
}

static void test_entities(void) {
  an_doc *doc = extract_string("<p>Fish &amp; chips &lt;3 &copy 2024 &#8217;quoted&#x2019; &eacute;t&eacute; "
                               "&zzqq; &#0; &#x110000; caf&#233;&nbsp;&nbsp;bar &#150; done here.</p>");
  CHECK(doc != NULL);
  if (!doc) return;
  CHECK(strstr(doc->text, "Fish & chips <3 \xC2\xA9 2024 \xE2\x80\x99quoted\xE2\x80\x99 \xC3\xA9t\xC3\xA9") != NULL);
  CHECK(strstr(doc->text, "&zzqq;") != NULL);
  CHECK(strstr(doc->text, "\xEF\xBF\xBD \xEF\xBF\xBD") != NULL); /* bad code points */
  CHECK(strstr(doc->text, "caf\xC3\xA9 bar \xE2\x80\x93 done") != NULL);
  an_doc_free(doc);
}

static void test_charsets(void) {
  size_t length;
  char *html = read_all("tests/data/html/windows-1252.html", &length);
  if (!html) SKIP("tests/data/html/windows-1252.html not found");
  int status;
  an_error error = {0};
  an_doc *doc = extract(html, length, &status, &error);
  CHECK_INT(status, AN_OK);
  if (doc) {
    CHECK(strstr(doc->text, "The caf\xC3\xA9 on the corner served cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\x65") != NULL);
    CHECK(strstr(doc->text, "\xE2\x80\x9Cnobody\xE2\x80\x9D") != NULL);
    CHECK_STR(doc->title, "Caf\xC3\xA9 society");
  }
  an_doc_free(doc);
  free(html);
  /* Undeclared Latin-1 text: detected, converted. */
  const char *latin = "<p>Les d\351l\351gu\351s ont vot\351 la r\351forme apr\350s un d\351bat tr\350s long "
                      "\340 l'Assembl\351e, o\371 l'on a parl\351 de la s\351curit\351 et du r\364le de l'\311tat.</p>";
  doc = extract(latin, strlen(latin), &status, &error);
  CHECK_INT(status, AN_OK);
  if (doc) CHECK(strstr(doc->text, "d\xC3\xA9l\xC3\xA9gu\xC3\xA9s") != NULL);
  an_doc_free(doc);
  /* Declared UTF-8 with one stray byte: kept, the byte replaced. */
  const char *stray = "<meta charset=utf-8><p>A paragraph of text with one stray \xFF byte inside it, otherwise fine.</p>";
  doc = extract(stray, strlen(stray), &status, &error);
  CHECK_INT(status, AN_OK);
  if (doc) CHECK(strstr(doc->text, "stray \xEF\xBF\xBD byte") != NULL);
  an_doc_free(doc);
}

static void test_undecodable_page_is_an_error(void) {
  char html[600];
  size_t length = (size_t)snprintf(html, sizeof html, "<meta charset=utf-8><p>");
  for (int i = 0; i < 400; i++) html[length++] = (char)(0x80 + (i * 7) % 64); /* lone continuations */
  int status;
  an_error error = {0};
  an_doc *doc = extract(html, length, &status, &error);
  CHECK(doc == NULL);
  CHECK_INT(status, AN_ERROR_FORMAT);
  CHECK(strstr(error.message, "byte") != NULL);
  an_doc_free(doc);
}

static void test_broken_markup(void) {
  size_t length;
  char *html = read_all("tests/data/html/broken.html", &length);
  if (!html) SKIP("tests/data/html/broken.html not found");
  int status;
  an_error error = {0};
  an_doc *doc = extract(html, length, &status, &error);
  CHECK_INT(status, AN_OK);
  if (doc) {
    CHECK(strstr(doc->text, "Second paragraph, opened without closing") != NULL);
    CHECK(strstr(doc->text, "a stray < sign and a bare & ampersand") != NULL);
    CHECK(strstr(doc->text, "bold nested wrongly text.") != NULL);
    CHECK(strstr(doc->text, "a comment that never ends") == NULL);
  }
  an_doc_free(doc);
  free(html);
  /* Truncated in every possible place: never fails, never crashes. */
  const char *page = "<html><head><title>T</title><script>x</script></head><body><div class=\"a\">"
                     "<p>One &amp; two <a href='x'>link</a></p><!-- c --><table><tr><td>cell</td></tr></table>"
                     "</div></body></html>";
  for (size_t cut = 0; cut <= strlen(page); cut++) {
    doc = extract(page, cut, &status, &error);
    CHECK_INT(status, AN_OK);
    an_doc_free(doc);
  }
  doc = extract("", 0, &status, &error);
  CHECK_INT(status, AN_OK);
  if (doc) CHECK_INT(doc->paragraph_count, 0);
  an_doc_free(doc);
}

typedef struct generated {
  char *html; /* caller frees */
  size_t length;
} generated;

/* Builds open*count + middle + close*count. */
static generated generate(const char *open, const char *middle, const char *close, size_t count) {
  size_t open_length = strlen(open), middle_length = strlen(middle), close_length = strlen(close);
  char *html = malloc(count * (open_length + close_length) + middle_length + 1), *cursor = html;
  for (size_t i = 0; i < count; i++, cursor += open_length) memcpy(cursor, open, open_length);
  memcpy(cursor, middle, middle_length);
  cursor += middle_length;
  for (size_t i = 0; i < count; i++, cursor += close_length) memcpy(cursor, close, close_length);
  *cursor = '\0';
  generated result = {html, (size_t)(cursor - html)};
  return result;
}

static void run_pathological(const char *name, generated page, const char *expected) {
  char *html = page.html;
  size_t length = page.length;
  int status;
  an_error error = {0};
  double start = seconds_now();
  an_doc *doc = extract(html, length, &status, &error);
  double took = seconds_now() - start;
  if (took >= PATHOLOGICAL_SECONDS) fprintf(stderr, "  %s took %.2f s\n", name, took);
  CHECK(took < PATHOLOGICAL_SECONDS);
  CHECK_INT(status, AN_OK);
  if (doc && expected) CHECK(strstr(doc->text, expected) != NULL);
  an_doc_free(doc);
  free(html);
}

static void test_pathological_pages(void) {
  const char *text = "<p>The words at the bottom of a very deep page, long enough to be a paragraph.</p>";
  run_pathological("100k nested divs", generate("<div>", text, "</div>", 100000),
                   "words at the bottom");
  run_pathological("100k nested spans unclosed", generate("<span class=x>", text, "", 100000),
                   "words at the bottom");
  run_pathological("100k nested tables", generate("<table><tr><td>", text, "</td></tr></table>", 100000),
                   "words at the bottom");
  run_pathological("100k unclosed p", generate("<p>word ", "", "", 100000), "word");
  run_pathological("100k stray end tags", generate("</div></p></li>", text, "", 100000),
                   "words at the bottom");
  run_pathological("100k lone <", generate("< a ", text, "", 100000), NULL);
  run_pathological("100k attributes", generate("<div a=1 b='2' c=\"3\" ", ">", "", 100000), NULL);
  run_pathological("100k entities", generate("&amp;&#12345;&notanentity", text, "", 100000),
                   "words at the bottom");
  run_pathological("8 MB of paragraphs",
                   generate("<p>A sentence of a long article, repeated, with commas, words and more words.</p>",
                            "", "", 100000), "A sentence of a long article");
  /* One 20 MB text node without any markup. */
  size_t big = 20u * 1024u * 1024u;
  char *flat = malloc(big + 1);
  for (size_t i = 0; i < big; i++) flat[i] = (i % 7 == 6) ? ' ' : 'a';
  flat[big] = '\0';
  generated page = {flat, big};
  run_pathological("20 MB text", page, "aaaaaa");
}

static void test_benchmark_pages_are_fast(void) {
  const char *shared = harness_shared();
  if (!shared) SKIP("../shared is absent: no benchmark pages");
  char directory[512];
  snprintf(directory, sizeof directory, "%s/corpus/extraction/html", shared);
  DIR *listing = opendir(directory);
  if (!listing) SKIP("../shared/corpus/extraction/html is absent");
  struct dirent *entry;
  size_t pages = 0, empty = 0;
  double slowest = 0;
  while ((entry = readdir(listing)) != NULL) {
    if (!strstr(entry->d_name, ".html")) continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", directory, entry->d_name);
    size_t length;
    char *html = read_all(path, &length);
    if (!html) continue;
    int status;
    an_error error = {0};
    double start = seconds_now();
    an_doc *doc = extract(html, length, &status, &error);
    double took = seconds_now() - start;
    if (took > slowest) slowest = took;
    CHECK_INT(status, AN_OK);
    if (doc && doc->paragraph_count == 0) empty++;
    pages++;
    an_doc_free(doc);
    free(html);
  }
  closedir(listing);
  fprintf(stderr, "  %zu benchmark pages, slowest %.1f ms, %zu without text\n", pages, slowest * 1e3, empty);
  CHECK(pages > 100);
  CHECK(empty == 0);
  CHECK(slowest * 1e3 < CORPUS_PAGE_MS);
}

int main(void) {
  RUN(test_article_without_furniture);
  RUN(test_fields_already_set_are_kept);
  RUN(test_title_sources);
  RUN(test_publication_dates);
  RUN(test_json_ld_body_when_page_has_none);
  RUN(test_entities);
  RUN(test_charsets);
  RUN(test_undecodable_page_is_an_error);
  RUN(test_broken_markup);
  RUN(test_pathological_pages);
  RUN(test_benchmark_pages_are_fast);
  return harness_finish();
}
