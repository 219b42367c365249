/*
 * segment.h — sentences and tokens as byte spans over the article text.
 *
 * The tokenizer copies nothing: a token is {offset, length, flags} into the
 * document's text, so every event can point back at its bytes.  Sentence
 * breaks respect abbreviations ("U.S.", "Gen.", "Jan.", "No. 2"), decimals
 * and closing quotes.
 */
#ifndef AN_SEGMENT_H
#define AN_SEGMENT_H

#include "annals.h"
#include <stdbool.h>
#include <stdint.h>

enum {
  AN_TOKEN_WORD = 1 << 0,        /* letters (and inner digits, hyphens, apostrophes) */
  AN_TOKEN_NUMBER = 1 << 1,      /* digits, with inner , or . */
  AN_TOKEN_PUNCT = 1 << 2,       /* one punctuation mark (possibly multi-byte) */
  AN_TOKEN_CAPITALIZED = 1 << 3, /* first letter uppercase */
  AN_TOKEN_POSSESSIVE = 1 << 4,  /* the 's (or ') after a noun */
  AN_TOKEN_ABBREVIATION = 1 << 5,/* ends in a period that is not a sentence end */
  AN_TOKEN_UPPERCASE = 1 << 6    /* every letter uppercase (acronyms) */
};

/* Limits on hostile input: longer tokens are split, longer sentences are cut. */
#define AN_TOKEN_MAX_LENGTH 256
#define AN_SENTENCE_MAX_TOKENS 400

typedef struct an_token {
  uint32_t offset;  /* byte offset in the document text */
  uint32_t length;  /* bytes */
  uint32_t flags;   /* AN_TOKEN_* */
  uint32_t word;    /* vocabulary id of the lowercased word (0: unknown); set by the matcher */
  uint32_t lemma;   /* vocabulary id of its lemma (0: unknown); set by the matcher */
} an_token;

typedef struct an_sentence {
  an_span span;       /* bytes of the sentence in the text */
  size_t first_token; /* index into the token array */
  size_t token_count;
} an_sentence;

/* Tokens and sentences of one document; grows as paragraphs are added. */
typedef struct an_segmentation {
  an_token *tokens;       /* owned */
  size_t token_count, token_capacity;
  an_sentence *sentences; /* owned */
  size_t sentence_count, sentence_capacity;
} an_segmentation;

void an_segmentation_init(an_segmentation *segmentation);
void an_segmentation_clear(an_segmentation *segmentation); /* frees; reusable after init */
void an_segmentation_reset(an_segmentation *segmentation); /* empties, keeps memory */

/* Appends the tokens and sentences of text[paragraph] (a paragraph never
 * joins the next one's sentence).  Returns AN_OK or AN_ERROR_MEMORY. */
int an_segment_paragraph(an_segmentation *segmentation, const char *text, an_span paragraph);

/* Lowercases the token's bytes into out (capacity bytes), folding curly
 * apostrophes to "'".  Returns the length written. */
size_t an_token_normalize(const char *text, const an_token *token, char *out, size_t capacity);

#endif
