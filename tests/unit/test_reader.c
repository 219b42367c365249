/*
 * test_reader.c — the input readers: whole files, WARC and WARC.gz (Common
 * Crawl style, one gzip member per record, written here with zlib), JSON
 * Lines, directories, and the bad inputs: truncated gzip, a wrong
 * Content-Length, a line that is not JSON, a line over the limit, a record
 * over the limit.
 */
#include "annals.h"
#include "harness.h"
#include "read/read_internal.h"

#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char scratch[64]; /* the temporary directory of this run */

/* ---- writing inputs ---- */

static void path_in_scratch(char *out, size_t capacity, const char *name) {
  snprintf(out, capacity, "%s/%s", scratch, name);
}

static void write_bytes(const char *path, const char *bytes, size_t length, const char *mode) {
  FILE *file = fopen(path, mode);
  if (!file) return;
  fwrite(bytes, 1, length, file);
  fclose(file);
}

/* Appends bytes to path as one gzip member. */
static void append_gzip_member(const char *path, const char *bytes, size_t length) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
  size_t bound = deflateBound(&z, (uLong)length);
  unsigned char *out = malloc(bound);
  z.next_in = (Bytef *)(uintptr_t)bytes;
  z.avail_in = (uInt)length;
  z.next_out = out;
  z.avail_out = (uInt)bound;
  deflate(&z, Z_FINISH);
  write_bytes(path, (const char *)out, bound - z.avail_out, "ab");
  deflateEnd(&z);
  free(out);
}

/* One WARC record: header with the block's true length unless
 * length_override is not (size_t)-1. */
static void warc_record(an_buffer *out, const char *type, const char *uri, const char *date,
                        const char *content_type, const char *block, size_t length_override) {
  size_t length = strlen(block);
  an_buffer_printf(out, "WARC/1.0\r\nWARC-Type: %s\r\n", type);
  if (uri) an_buffer_printf(out, "WARC-Target-URI: %s\r\n", uri);
  an_buffer_printf(out,
                   "WARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%08zx-0000-0000-0000-000000000000>"
                   "\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                   date, out->size, content_type,
                   length_override == (size_t)-1 ? length : length_override);
  an_buffer_append(out, block, length);
  an_buffer_append_string(out, "\r\n\r\n");
}

static const char *const page_one =
    "<!DOCTYPE html><html><head><title>Talks resume in Doha - Gulf Wire</title>"
    "<meta property=\"og:site_name\" content=\"Gulf Wire\">"
    "<meta property=\"article:published_time\" content=\"2024-11-26T09:30:00Z\"></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
    "<h1>Talks resume in Doha</h1>"
    "<p>Negotiators from both sides resumed talks in Doha on Tuesday, mediators said, after a "
    "pause of nearly two weeks over the release of prisoners.</p>"
    "<p>The delegations met separately with Qatari and Egyptian officials, who carried "
    "proposals between the rooms for most of the afternoon.</p></article>"
    "<footer>All rights reserved</footer></body></html>";

static const char *const page_two =
    "<html><head><title>Grain exports rise</title></head><body><article>"
    "<p>Grain exports through the southern ports rose by a fifth in October compared with the "
    "previous month, the agriculture ministry said on Monday.</p>"
    "<p>Officials attributed the rise to calmer weather and faster inspections of vessels.</p>"
    "</article></body></html>";

static char *http_response(const char *headers, const char *body) {
  an_buffer out;
  an_buffer_init(&out);
  an_buffer_printf(&out, "HTTP/1.1 200 OK\r\n%s\r\n%s", headers, body);
  return an_buffer_detach(&out);
}

/* Writes a Common-Crawl-style WARC.gz: warcinfo, then request/response/
 * metadata triples, a redirect, an image, a WET-style conversion record. */
static void write_crawl(const char *path, bool gzip) {
  unlink(path);
  char *response_one = http_response(
      "Content-Type: text/html; charset=UTF-8\r\nX-Crawler-Content-Encoding: gzip\r\n", page_one);
  char *response_two = http_response("Content-Type: text/html\r\n", page_two);
  const char *records_type[] = {"warcinfo", "request", "response", "metadata", "request",
                                "response", "response", "response", "conversion"};
  const char *redirect = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://x.test/\r\n\r\n";
  const char *image = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0 JFIF";
  const char *blocks[] = {
      "software: test\r\nformat: WARC File Format 1.0\r\n",
      "GET /2024/11/26/doha-talks HTTP/1.1\r\nHost: www.gulfwire.test\r\n\r\n",
      response_one,
      "fetchTimeMs: 120\r\n",
      "GET /grain HTTP/1.1\r\nHost: agri.example.com\r\n\r\n",
      response_two,
      redirect,
      image,
      "Ceasefire holds in the north\n\nThe ceasefire held for a third day on Sunday, residents "
      "and local officials said, as aid convoys reached the northern towns.\n"};
  const char *uris[] = {NULL,
                        "https://www.gulfwire.test/2024/11/26/doha-talks",
                        "https://www.gulfwire.test/2024/11/26/doha-talks",
                        "https://www.gulfwire.test/2024/11/26/doha-talks",
                        "https://agri.example.com:8080/grain",
                        "https://agri.example.com:8080/grain",
                        "http://x.test/old",
                        "http://x.test/photo.jpg",
                        "https://plain.example.com/ceasefire"};
  const char *types[] = {"application/warc-fields", "application/http; msgtype=request",
                         "application/http; msgtype=response", "application/warc-fields",
                         "application/http; msgtype=request", "application/http; msgtype=response",
                         "application/http; msgtype=response", "application/http; msgtype=response",
                         "text/plain"};
  for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++) {
    an_buffer record;
    an_buffer_init(&record);
    warc_record(&record, records_type[i], uris[i], "2024-12-01T10:00:00Z", types[i], blocks[i],
                (size_t)-1);
    if (gzip) append_gzip_member(path, record.data, record.size);
    else write_bytes(path, record.data, record.size, "ab");
    an_buffer_clear(&record);
  }
  free(response_one);
  free(response_two);
}

/* ---- reading everything ---- */

typedef struct collected {
  an_doc *docs[32];
  int doc_count;
  char errors[16][512];
  int error_codes[16];
  int error_count;
} collected;

static void collect(const char *path, an_input_kind kind, collected *out) {
  memset(out, 0, sizeof *out);
  an_error error;
  an_error_clear(&error);
  an_reader *reader = an_reader_open(path, kind, &error);
  if (!reader) {
    an_copy_string(out->errors[0], sizeof out->errors[0], error.message);
    out->error_count = 1;
    return;
  }
  for (int guard = 0; guard < 100; guard++) {
    an_doc *doc = NULL;
    an_error_clear(&error);
    int status = an_reader_next(reader, &doc, &error);
    if (status != AN_OK) {
      if (out->error_count < 16) {
        an_copy_string(out->errors[out->error_count], 512, error.message);
        out->error_codes[out->error_count++] = status;
      }
      continue;
    }
    if (!doc) break;
    if (out->doc_count < 32) out->docs[out->doc_count++] = doc;
    else an_doc_free(doc);
  }
  an_reader_close(reader);
}

static void release(collected *out) {
  for (int i = 0; i < out->doc_count; i++) an_doc_free(out->docs[i]);
  out->doc_count = 0;
}

static bool contains(const char *text, const char *needle) {
  return text && needle && strstr(text, needle) != NULL;
}

/* ---- tests ---- */

static void test_text_and_html_files(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "note.txt");
  const char *text = "Strike ends\n\nDock workers returned to work on Monday after a deal.\n";
  write_bytes(path, text, strlen(text), "wb");
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 1);
  CHECK_INT(got.error_count, 0);
  if (got.doc_count == 1) {
    CHECK_STR(got.docs[0]->origin, path);
    CHECK(contains(got.docs[0]->text, "Dock workers returned"));
    CHECK(got.docs[0]->id != NULL);
  }
  release(&got);

  path_in_scratch(path, sizeof path, "page");
  write_bytes(path, page_two, strlen(page_two), "wb");
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 1);
  if (got.doc_count == 1) {
    CHECK(contains(got.docs[0]->text, "Grain exports"));
    CHECK(!contains(got.docs[0]->text, "<p>"));
  }
  release(&got);
}

static void check_crawl_docs(collected *got, const char *path) {
  CHECK_INT(got->doc_count, 3);
  CHECK_INT(got->error_count, 1); /* the image */
  if (got->error_count >= 1) {
    char expected[160];
    snprintf(expected, sizeof expected, "%s#record 8: not a text or HTML page", path);
    CHECK(contains(got->errors[0], expected));
  }
  if (got->doc_count != 3) return;
  an_doc *one = got->docs[0], *two = got->docs[1], *three = got->docs[2];
  char origin[160];
  snprintf(origin, sizeof origin, "%s#record 3", path);
  CHECK_STR(one->origin, origin);
  CHECK_STR(one->url, "https://www.gulfwire.test/2024/11/26/doha-talks");
  CHECK_STR(one->outlet, "gulfwire.test");
  CHECK_STR(one->published, "2024-11-26");
  CHECK(contains(one->text, "Negotiators from both sides"));
  CHECK(!contains(one->text, "All rights reserved"));
  CHECK_STR(two->url, "https://agri.example.com:8080/grain");
  CHECK_STR(two->outlet, "agri.example.com");
  CHECK_STR(two->published, "2024-12-01"); /* from WARC-Date: the page has none */
  CHECK(contains(two->text, "Grain exports"));
  snprintf(origin, sizeof origin, "%s#record 9", path);
  CHECK_STR(three->origin, origin);
  CHECK(contains(three->text, "ceasefire held for a third day"));
  CHECK(strcmp(one->id, two->id) != 0);
}

static void test_warc_gz_common_crawl(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "crawl.warc.gz");
  write_crawl(path, true);
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  check_crawl_docs(&got, path);
  char first_id[32] = "";
  if (got.doc_count) an_copy_string(first_id, sizeof first_id, got.docs[0]->id);
  release(&got);
  collect(path, AN_INPUT_AUTO, &got); /* ids are stable from run to run */
  if (got.doc_count) CHECK_STR(got.docs[0]->id, first_id);
  release(&got);
}

static void test_warc_plain_sniffed(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "crawl-without-extension");
  write_crawl(path, false);
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  check_crawl_docs(&got, path);
  release(&got);
}

static void test_warc_wrong_content_length(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "lengths.warc.gz");
  unlink(path);
  const char *story_a = "Story A: the river burst its banks overnight, flooding farmland.\n";
  const char *story_b = "Story B: the election commission announced the final results.\n";
  const char *story_c = "Story C: the trade talks ended without an agreement on tariffs.\n";
  const char *story_d = "Story D: the museum reopened after a two-year renovation.\n";
  const char *story_e = "Story E: the team won the cup after extra time.\n";
  an_buffer all;
  an_buffer_init(&all);
  /* 1: too short; 2: right; 3: too long (swallows 4's header); 4: right; 5: too long
   * past the end of the input. */
  warc_record(&all, "resource", "https://a.test/1", "2024-01-01T00:00:00Z", "text/plain",
              story_a, 20);
  warc_record(&all, "resource", "https://a.test/2", "2024-01-02T00:00:00Z", "text/plain",
              story_b, (size_t)-1);
  warc_record(&all, "resource", "https://a.test/3", "2024-01-03T00:00:00Z", "text/plain",
              story_c, strlen(story_c) + 60);
  warc_record(&all, "resource", "https://a.test/4", "2024-01-04T00:00:00Z", "text/plain",
              story_d, (size_t)-1);
  warc_record(&all, "resource", "https://a.test/5", "2024-01-05T00:00:00Z", "text/plain",
              story_e, 5000);
  append_gzip_member(path, all.data, all.size);
  an_buffer_clear(&all);
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 2);
  if (got.doc_count == 2) {
    CHECK_STR(got.docs[0]->url, "https://a.test/2");
    CHECK_STR(got.docs[1]->url, "https://a.test/4");
    CHECK_STR(got.docs[1]->published, "2024-01-04");
  }
  CHECK_INT(got.error_count, 3);
  char expected[256];
  snprintf(expected, sizeof expected, "%s#record 1: Content-Length 20", path);
  CHECK(contains(got.errors[0], expected));
  snprintf(expected, sizeof expected, "%s#record 3: Content-Length", path);
  CHECK(contains(got.errors[1], expected));
  snprintf(expected, sizeof expected, "%s#record 5: Content-Length 5000 but the input ends", path);
  CHECK(contains(got.errors[2], expected));
  release(&got);
}

static void test_truncated_gzip(void) {
  char full[128], cut[128];
  path_in_scratch(full, sizeof full, "whole.warc.gz");
  path_in_scratch(cut, sizeof cut, "cut.warc.gz");
  write_crawl(full, true);
  size_t length = 0;
  char *bytes = an_read_file(full, 1 << 20, &length, NULL);
  CHECK(bytes != NULL);
  if (!bytes) return;
  write_bytes(cut, bytes, length - 40, "wb"); /* the last member loses its tail */
  free(bytes);
  collected got;
  collect(cut, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 2); /* the two pages before the cut */
  CHECK(got.error_count >= 2);  /* the image, then the cut */
  bool named = false;
  for (int i = 0; i < got.error_count; i++)
    named = named || (contains(got.errors[i], cut) && contains(got.errors[i], "truncated gzip"));
  CHECK(named);
  release(&got);

  /* a one-document gzip file cut short: an error, no crash */
  path_in_scratch(cut, sizeof cut, "note.txt.gz");
  unlink(cut);
  const char *text = "Talks collapsed on Friday after the two sides failed to agree.\n";
  append_gzip_member(cut, text, strlen(text));
  bytes = an_read_file(cut, 1 << 20, &length, NULL);
  if (bytes) write_bytes(cut, bytes, length / 2, "wb");
  free(bytes);
  collect(cut, AN_INPUT_AUTO, &got);
  CHECK_INT(got.error_count, 1);
  CHECK(contains(got.errors[0], "truncated gzip"));
  release(&got);
}

static void test_warc_record_over_limit(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "big.warc.gz");
  unlink(path);
  size_t size = AN_WARC_RECORD_LIMIT + 1024;
  char *block = malloc(size + 1);
  CHECK(block != NULL);
  if (!block) return;
  memset(block, 'a', size);
  block[size] = '\0';
  an_buffer all;
  an_buffer_init(&all);
  warc_record(&all, "resource", "https://big.test/1", "2024-01-01T00:00:00Z", "text/plain",
              block, (size_t)-1);
  free(block);
  warc_record(&all, "resource", "https://big.test/2", "2024-01-02T00:00:00Z", "text/plain",
              "After the big one, a small story about a bridge opening.\n", (size_t)-1);
  append_gzip_member(path, all.data, all.size);
  an_buffer_clear(&all);
  collected got;
  collect(path, AN_INPUT_WARC, &got);
  CHECK_INT(got.error_count, 1);
  CHECK_INT(got.error_codes[0], AN_ERROR_LIMIT);
  CHECK(contains(got.errors[0], "#record 1: block of"));
  CHECK_INT(got.doc_count, 1);
  if (got.doc_count) CHECK_STR(got.docs[0]->url, "https://big.test/2");
  release(&got);
}

static void test_jsonl(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "feed.jsonl");
  const char *lines =
      "{\"url\": \"https://www.wire.test/a\", \"date\": \"2024-05-06T12:00:00Z\", \"title\": "
      "\"Budget passed\", \"text\": \"Parliament passed the budget on Monday after a long "
      "debate.\", \"lang\": \"en\", \"tags\": [\"politics\"]}\n"
      "\n"
      "{\"url\": \"https://b.test/page\", \"html\": \"<html><body><article><p>Police arrested "
      "three men after the robbery of a jewellery shop on the main square, a spokesman "
      "said.</p></article></body></html>\"}\n"
      "this is not json\n"
      "{\"url\": \"https://c.test/\", \"title\": \"no body\"}\n"
      "[1, 2, 3]\n"
      "{\"text\": \"A last story without a url, about a bridge that reopened.\"}";
  write_bytes(path, lines, strlen(lines), "wb");
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 3);
  CHECK_INT(got.error_count, 3);
  char expected[160];
  snprintf(expected, sizeof expected, "%s:4: not JSON", path);
  CHECK(contains(got.errors[0], expected));
  snprintf(expected, sizeof expected, "%s:5: no \"text\" or \"html\"", path);
  CHECK(contains(got.errors[1], expected));
  snprintf(expected, sizeof expected, "%s:6: not a JSON object", path);
  CHECK(contains(got.errors[2], expected));
  if (got.doc_count == 3) {
    an_doc *a = got.docs[0];
    CHECK_STR(a->url, "https://www.wire.test/a");
    CHECK_STR(a->outlet, "wire.test");
    CHECK_STR(a->published, "2024-05-06");
    CHECK_STR(a->title, "Budget passed");
    CHECK_STR(a->metadata, "{\"lang\":\"en\",\"tags\":[\"politics\"]}");
    snprintf(expected, sizeof expected, "%s:1", path);
    CHECK_STR(a->origin, expected);
    CHECK(contains(got.docs[1]->text, "Police arrested three men"));
    CHECK(!contains(got.docs[1]->text, "<p>"));
    CHECK(got.docs[2]->url == NULL);
    CHECK(got.docs[2]->id != NULL);
    snprintf(expected, sizeof expected, "%s:7", path);
    CHECK_STR(got.docs[2]->origin, expected);
  }
  release(&got);
}

static void test_jsonl_huge_line(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "huge.jsonl");
  FILE *file = fopen(path, "wb");
  CHECK(file != NULL);
  if (!file) return;
  fputs("{\"text\": \"", file);
  char chunk[65536];
  memset(chunk, 'x', sizeof chunk);
  for (size_t written = 0; written < AN_JSONL_LINE_LIMIT + 4096; written += sizeof chunk)
    fwrite(chunk, 1, sizeof chunk, file);
  fputs("\"}\n{\"text\": \"The small story after the huge line is read.\"}\n", file);
  fclose(file);
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.error_count, 1);
  CHECK_INT(got.error_codes[0], AN_ERROR_LIMIT);
  char expected[160];
  snprintf(expected, sizeof expected, "%s:1: line longer than", path);
  CHECK(contains(got.errors[0], expected));
  CHECK_INT(got.doc_count, 1);
  if (got.doc_count) CHECK(contains(got.docs[0]->text, "small story after the huge line"));
  release(&got);
  unlink(path);
}

static void test_directory(void) {
  const char *root = "tests/data/read/tree";
  if (access(root, R_OK) != 0) SKIP("tests/data/read/tree absent (run from the repo root)");
  collected got;
  collect(root, AN_INPUT_AUTO, &got);
  CHECK_INT(got.error_count, 0);
  CHECK_INT(got.doc_count, 5);
  if (got.doc_count == 5) {
    CHECK_STR(got.docs[0]->origin, "tests/data/read/tree/a-first.txt");
    CHECK_STR(got.docs[1]->origin, "tests/data/read/tree/sub/b-page.html");
    CHECK_STR(got.docs[1]->published, "2024-03-05");
    CHECK(contains(got.docs[1]->text, "container port reopened"));
    CHECK_STR(got.docs[2]->origin, "tests/data/read/tree/sub/d-last.txt");
    CHECK_STR(got.docs[3]->origin, "tests/data/read/tree/sub/deeper/c-lines.jsonl:1");
    CHECK_STR(got.docs[3]->outlet, "example.org");
    CHECK_STR(got.docs[4]->outlet, "news.example.net");
  }
  for (int i = 0; i < got.doc_count; i++) CHECK(!contains(got.docs[i]->text, "hidden"));
  release(&got);
}

static void test_bad_inputs(void) {
  collected got;
  collect("tests/data/read/no-such-file", AN_INPUT_AUTO, &got);
  CHECK_INT(got.error_count, 1);
  CHECK(contains(got.errors[0], "no-such-file"));
  char path[128];
  path_in_scratch(path, sizeof path, "binary.bin");
  write_bytes(path, "\x01\x02\x00\x00\x07garbage\x00", 13, "wb");
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.doc_count, 0);
  CHECK_INT(got.error_count, 1);
  CHECK(contains(got.errors[0], path));
  release(&got);
  /* garbage before the first WARC record, then a good record */
  path_in_scratch(path, sizeof path, "junk.warc");
  an_buffer all;
  an_buffer_init(&all);
  an_buffer_append_string(&all, "junk line\nmore junk\n");
  warc_record(&all, "resource", "https://ok.test/", "2024-01-01T00:00:00Z", "text/plain",
              "A good record after junk, about a new hospital wing.\n", (size_t)-1);
  write_bytes(path, all.data, all.size, "wb");
  an_buffer_clear(&all);
  collect(path, AN_INPUT_WARC, &got);
  CHECK_INT(got.error_count, 1);
  CHECK_INT(got.doc_count, 1);
  release(&got);
}

static void test_http_codings_and_charset(void) {
  char path[128];
  path_in_scratch(path, sizeof path, "codings.warc");
  an_buffer all;
  an_buffer_init(&all);
  const char *latin = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n"
                      "Caf\xe9 owners in the old town protested against the new rent rules.\n";
  warc_record(&all, "response", "https://latin.test/x", "2024-01-01T00:00:00Z",
              "application/http; msgtype=response", latin, (size_t)-1);
  const char *chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"
                        "19\r\nThe mayor opened the new \r\n"
                        "1b\r\nbridge across the river on \r\n9\r\nSaturday.\r\n0\r\n\r\n";
  warc_record(&all, "response", "https://chunked.test/x", "2024-01-01T00:00:00Z",
              "application/http; msgtype=response", chunked, (size_t)-1);
  write_bytes(path, all.data, all.size, "wb");
  an_buffer_clear(&all);
  collected got;
  collect(path, AN_INPUT_AUTO, &got);
  CHECK_INT(got.error_count, 0);
  CHECK_INT(got.doc_count, 2);
  if (got.doc_count == 2) {
    CHECK(contains(got.docs[0]->text, "Caf\xc3\xa9 owners"));
    CHECK(contains(got.docs[1]->text, "new bridge across the river on Saturday."));
  }
  release(&got);
}

static void test_url_host_and_dates(void) {
  char host[64], date[11];
  CHECK(an_read_url_host("https://user@www.Example.COM:443/x?y", host, sizeof host));
  CHECK_STR(host, "example.com");
  CHECK(an_read_url_host("news.example.org/2024/story", host, sizeof host));
  CHECK_STR(host, "news.example.org");
  CHECK(!an_read_url_host("javascript:void(0)", host, sizeof host));
  CHECK(!an_read_url_host("https:///nohost", host, sizeof host));
  CHECK(an_read_date_prefix("2024-11-26T10:00:00Z", date));
  CHECK_STR(date, "2024-11-26");
  CHECK(!an_read_date_prefix("2024-13-01", date));
  CHECK(!an_read_date_prefix("26 Nov 2024", date));
  CHECK(!an_read_date_prefix(NULL, date));
  an_doc *doc = an_doc_new();
  CHECK_INT(an_read_finish_doc(doc, "http://www.site.test/world/2023/02/14/story", "2024-01-01",
                               "origin"), AN_OK);
  CHECK_STR(doc->published, "2023-02-14");
  CHECK_STR(doc->outlet, "site.test");
  CHECK_STR(doc->origin, "origin");
  CHECK(doc->id && strlen(doc->id) == 16);
  an_doc_free(doc);
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw) {
  return remove(path);
}

int main(void) {
  snprintf(scratch, sizeof scratch, "/tmp/annals-test-reader-XXXXXX");
  if (!mkdtemp(scratch)) {
    fprintf(stderr, "cannot make a temporary directory\n");
    return 1;
  }
  RUN(test_text_and_html_files);
  RUN(test_warc_gz_common_crawl);
  RUN(test_warc_plain_sniffed);
  RUN(test_warc_wrong_content_length);
  RUN(test_truncated_gzip);
  RUN(test_warc_record_over_limit);
  RUN(test_jsonl);
  RUN(test_jsonl_huge_line);
  RUN(test_directory);
  RUN(test_bad_inputs);
  RUN(test_http_codings_and_charset);
  RUN(test_url_host_and_dates);
  nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  return harness_finish();
}
