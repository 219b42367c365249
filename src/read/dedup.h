/*
 * dedup.h — duplicate and near-duplicate articles (internal to libannals;
 * used by the ingest and code commands).
 *
 * A document's signature is computed from its extracted body only (doc->text
 * restricted to doc->paragraphs; the whole text when there are none), so
 * that headlines, menus and share bars do not count:
 *   - an exact hash of the body's words (case and punctuation ignored);
 *   - a MinHash of its 4-word shingles (AN_DEDUP_HASHES values), which
 *     estimates the Jaccard similarity of two bodies.
 * An an_dedup handle remembers the signatures of the documents seen first
 * and finds, for a new one, an earlier document with the same words (exact)
 * or an estimated similarity >= AN_DEDUP_NEAR_THRESHOLD (near), through
 * locality-sensitive hashing on bands of the MinHash, so a check costs the
 * same however many documents are remembered.
 *
 * Memory: 1 to 2 KiB per remembered document, never more than capacity
 * documents (beyond it, documents are still checked but no longer
 * remembered).  No globals: everything lives in the handle.  A handle is not
 * safe to use from two threads at once.
 */
#ifndef AN_DEDUP_H
#define AN_DEDUP_H

#include "annals.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AN_DEDUP_HASHES 64          /* MinHash values per signature */
#define AN_DEDUP_BAND_ROWS 3        /* MinHash values per LSH band */
#define AN_DEDUP_BANDS (AN_DEDUP_HASHES / AN_DEDUP_BAND_ROWS) /* 21 bands */
#define AN_DEDUP_SHINGLE_WORDS 4    /* words per shingle */
#define AN_DEDUP_NEAR_THRESHOLD 0.5 /* estimated Jaccard that makes a near copy */
#define AN_DEDUP_MIN_SHINGLES 8     /* shorter bodies only match exactly */
#define AN_DEDUP_DEFAULT_CAPACITY 500000 /* documents remembered by default */

/* What a document's body looks like, for comparisons.  Plain data. */
typedef struct an_dedup_signature {
  uint64_t exact;                     /* hash of the body's words in order */
  uint32_t minhash[AN_DEDUP_HASHES];  /* minimum of each hash over the shingles */
  uint32_t shingle_count;             /* distinct-or-not shingles seen; 0: no words */
} an_dedup_signature;

typedef enum an_dedup_verdict {
  AN_DEDUP_UNIQUE = 0, /* no earlier document like it */
  AN_DEDUP_EXACT,      /* the same words as an earlier document */
  AN_DEDUP_NEAR        /* most shingles shared with an earlier document */
} an_dedup_verdict;

typedef struct an_dedup_result {
  an_dedup_verdict verdict;
  const char *original_id; /* the earlier document's id: borrowed from the
                              handle (valid until an_dedup_free); NULL when
                              unique */
  double similarity;       /* estimated Jaccard, 1.0 for exact, 0 when unique */
} an_dedup_result;

typedef struct an_dedup an_dedup;

/* A handle remembering at most capacity documents (0: the default).
 * Returns NULL and fills error when out of memory.  Caller frees with
 * an_dedup_free. */
an_dedup *an_dedup_new(size_t capacity, an_error *error);
void an_dedup_free(an_dedup *dedup);

/* Checks doc (borrowed) against the documents remembered so far; fills
 * *result (OUT).  A document that is not a duplicate is remembered under
 * doc->id (copied; a document without id is checked but not remembered).
 * Returns AN_OK, or AN_ERROR_MEMORY (error filled) when remembering failed;
 * *result is valid either way. */
int an_dedup_check(an_dedup *dedup, const an_doc *doc, an_dedup_result *result,
                   an_error *error);

/* The pieces of an_dedup_check, for callers that keep signatures (a store
 * that wants duplicates recognised across runs):
 *   an_dedup_signature_of fills *out (OUT) from doc (borrowed);
 *   an_dedup_lookup finds an earlier document like signature, fills *result;
 *   an_dedup_remember adds a signature under id (copied).  Returns AN_OK,
 *   AN_ERROR_LIMIT when the handle is full (not remembered), or
 *   AN_ERROR_MEMORY. */
void an_dedup_signature_of(const an_doc *doc, an_dedup_signature *out);
void an_dedup_lookup(const an_dedup *dedup, const an_dedup_signature *signature,
                     an_dedup_result *result);
int an_dedup_remember(an_dedup *dedup, const char *id, const an_dedup_signature *signature,
                      an_error *error);

/* Estimated Jaccard similarity of two signatures (0..1). */
double an_dedup_similarity(const an_dedup_signature *left, const an_dedup_signature *right);

/* Documents remembered so far. */
size_t an_dedup_count(const an_dedup *dedup);

#endif
