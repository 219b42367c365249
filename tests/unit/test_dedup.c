/*
 * test_dedup.c — exact and near-duplicate articles: one wire story on four
 * sites (different menus, share bars, footers, a changed headline, an added
 * credit line) is recognised as the first copy; a different story on the
 * same topic is not.
 */
#include "annals.h"
#include "harness.h"
#include "read/dedup.h"

#include <stdlib.h>
#include <string.h>

/* The wire story: paragraphs of HTML. */
static const char *const story =
    "<p>KYIV, Nov 26 (Wire) - A Ukrainian delegation led by the defence minister will travel "
    "to Seoul as early as Wednesday to ask South Korea for air defence systems and artillery "
    "shells, two officials familiar with the plans said on Tuesday.</p>"
    "<p>The visit follows weeks of talks between the two governments after reports that North "
    "Korean troops had been sent to fight alongside Russian forces in the Kursk region.</p>"
    "<p>South Korea has so far refrained from supplying weapons directly to Ukraine, citing a "
    "long-standing policy of not providing arms to countries at war, but President Yoon Suk "
    "Yeol said last month that Seoul could reconsider.</p>"
    "<p>One of the officials said the delegation would also meet members of the national "
    "assembly's defence committee and executives of two arms makers, and that no agreement "
    "was expected during the visit itself.</p>"
    "<p>South Korea's foreign ministry declined to comment on the schedule. Ukraine's defence "
    "ministry did not respond to a request for comment.</p>";

/* A different story on the same topic, with the same actors. */
static const char *const other_story =
    "<p>SEOUL, Nov 28 (Wire) - South Korea's president said on Thursday that his government "
    "would review all options, including the supply of weapons, after Ukraine asked for help "
    "with air defence, according to his office.</p>"
    "<p>Speaking at a cabinet meeting, Yoon Suk Yeol said the presence of North Korean soldiers "
    "in Russia was a grave threat to the security of the peninsula and of Europe alike.</p>"
    "<p>Opposition lawmakers criticised the remarks, warning that sending arms to a country at "
    "war would break with decades of policy and could draw Seoul into the conflict.</p>"
    "<p>Analysts in Seoul said any shift was likely to start with non-lethal equipment and "
    "shells sent through third countries rather than direct deliveries to Kyiv.</p>";

static an_doc *page(const char *head, const char *headline, const char *before,
                    const char *body, const char *after, const char *name) {
  size_t capacity = strlen(head) + strlen(headline) + strlen(before) + strlen(body) +
                    strlen(after) + 256;
  char *html = malloc(capacity);
  snprintf(html, capacity,
           "<!DOCTYPE html><html><head><title>%s</title></head><body>%s<article><h1>%s</h1>"
           "%s%s</article>%s</body></html>",
           headline, head, headline, before, body, after);
  an_error error;
  an_doc *doc = an_doc_from_buffer(html, strlen(html), AN_INPUT_HTML, name, &error);
  if (!doc) fprintf(stderr, "  %s: %s\n", name, error.message);
  free(html);
  return doc;
}

static void test_wire_story_copies(void) {
  an_doc *first = page("<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>",
                       "Ukraine to seek arms from South Korea", "", story,
                       "<footer>Copyright 2024 First Site</footer>", "first");
  an_doc *second = page("<header><a href=\"/\">Daily Planet</a> <a href=\"/news\">News</a> "
                        "<a href=\"/sport\">Sport</a></header>",
                        "Kyiv delegation heads to Seoul in search of air defences",
                        "<div class=\"share\"><a href=\"#\">Share on Facebook</a> "
                        "<a href=\"#\">Share on X</a></div>",
                        story, "<aside><h3>Most read</h3><ul><li><a href=\"/a\">Storm hits "
                        "coast</a></li></ul></aside><footer>Daily Planet</footer>",
                        "second");
  char credited[4096];
  snprintf(credited, sizeof credited,
           "%s<p>Reporting by Olena Harmash in Kyiv and Hyonhee Shin in Seoul; Editing by "
           "Mark Heinrich.</p>",
           story);
  an_doc *third = page("<nav><a href=\"/\">Start</a></nav>", "UKRAINE-KOREA/ARMS (UPDATE 1)",
                       "<p class=\"byline\">By Wire staff</p>", credited,
                       "<div class=\"newsletter\">Sign up for our newsletter</div>", "third");
  an_doc *fourth = page("", "Ukraine to seek arms from South Korea", "", story, "", "fourth");
  an_doc *other = page("<nav><a href=\"/\">Home</a></nav>", "Yoon says Seoul will review options",
                       "", other_story, "", "other");
  CHECK(first && second && third && fourth && other);
  if (!(first && second && third && fourth && other)) goto cleanup;

  an_error error;
  an_dedup *dedup = an_dedup_new(0, &error);
  CHECK(dedup != NULL);
  if (!dedup) goto cleanup;
  an_dedup_result result;
  CHECK_INT(an_dedup_check(dedup, first, &result, &error), AN_OK);
  CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
  CHECK(result.original_id == NULL);

  an_doc *copies[] = {second, third, fourth};
  for (int i = 0; i < 3; i++) {
    CHECK_INT(an_dedup_check(dedup, copies[i], &result, &error), AN_OK);
    CHECK(result.verdict != AN_DEDUP_UNIQUE);
    CHECK_STR(result.original_id, first->id);
    fprintf(stderr, "  copy %d: verdict %d, similarity %.2f\n", i + 1, (int)result.verdict,
            result.similarity);
  }
  CHECK_INT(an_dedup_check(dedup, other, &result, &error), AN_OK);
  CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
  CHECK_INT(an_dedup_count(dedup), 2); /* the first copy and the other story */

  an_dedup_signature left, right;
  an_dedup_signature_of(first, &left);
  an_dedup_signature_of(other, &right);
  CHECK(an_dedup_similarity(&left, &right) < 0.2);
  an_dedup_free(dedup);
cleanup:
  an_doc_free(first);
  an_doc_free(second);
  an_doc_free(third);
  an_doc_free(fourth);
  an_doc_free(other);
}

static an_doc *text_doc(const char *text, const char *name) {
  an_error error;
  return an_doc_from_buffer(text, strlen(text), AN_INPUT_TEXT, name, &error);
}

static void test_exact_and_short(void) {
  an_error error;
  an_dedup *dedup = an_dedup_new(0, &error);
  const char *body = "Police said two people were hurt when a bus overturned on the coast road "
                     "near the port early on Sunday, and the road was closed for hours.";
  an_doc *one = text_doc(body, "one");
  char shouted[512];
  snprintf(shouted, sizeof shouted, "%s", body);
  for (char *c = shouted; *c; c++)
    if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 32);
  an_doc *two = text_doc(shouted, "two"); /* same words, other case */
  an_doc *short_one = text_doc("Talks ended.", "short one");
  an_doc *short_two = text_doc("Talks began.", "short two");
  an_doc *empty = text_doc("   ", "empty");
  an_dedup_result result;
  an_dedup_check(dedup, one, &result, &error);
  CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
  an_dedup_check(dedup, two, &result, &error);
  CHECK_INT(result.verdict, AN_DEDUP_EXACT);
  CHECK_STR(result.original_id, one->id);
  an_dedup_check(dedup, short_one, &result, &error);
  CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
  an_dedup_check(dedup, short_two, &result, &error);
  CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
  an_dedup_check(dedup, short_one, &result, &error);
  CHECK_INT(result.verdict, AN_DEDUP_EXACT);
  if (empty) {
    an_dedup_check(dedup, empty, &result, &error);
    CHECK_INT(result.verdict, AN_DEDUP_UNIQUE);
    an_dedup_check(dedup, empty, &result, &error);
    CHECK_INT(result.verdict, AN_DEDUP_UNIQUE); /* nothing to compare: never a copy */
  }
  CHECK_INT(an_dedup_count(dedup), 3);
  an_doc_free(one);
  an_doc_free(two);
  an_doc_free(short_one);
  an_doc_free(short_two);
  an_doc_free(empty);
  an_dedup_free(dedup);
}

/* Many different documents: none is taken for another; the capacity holds. */
static void test_many_and_capacity(void) {
  an_error error;
  an_dedup *dedup = an_dedup_new(300, &error);
  int false_matches = 0;
  char text[600];
  unsigned seed = 12345;
  static const char *const words[] = {"minister", "said", "talks", "army", "border", "on",
                                      "the", "of", "Tuesday", "rebels", "aid", "town", "police",
                                      "protest", "capital", "agreement", "election", "troops",
                                      "ceasefire", "president", "visit", "court", "in", "a"};
  for (int n = 0; n < 400; n++) {
    size_t used = 0;
    for (int w = 0; w < 60; w++) {
      seed = seed * 1103515245u + 12345u;
      used += (size_t)snprintf(text + used, sizeof text - used, "%s ",
                               words[(seed >> 16) % (sizeof words / sizeof *words)]);
    }
    char name[32];
    snprintf(name, sizeof name, "random %d", n);
    an_doc *doc = text_doc(text, name);
    if (!doc) continue;
    an_dedup_result result;
    CHECK_INT(an_dedup_check(dedup, doc, &result, &error), AN_OK);
    if (result.verdict != AN_DEDUP_UNIQUE) false_matches++;
    an_doc_free(doc);
  }
  CHECK_INT(false_matches, 0);
  CHECK_INT(an_dedup_count(dedup), 300);
  an_dedup_free(dedup);
}

int main(void) {
  RUN(test_wire_story_copies);
  RUN(test_exact_and_short);
  RUN(test_many_and_capacity);
  return harness_finish();
}
