/*
 * html_internal.h — internals of the HTML article extractor.
 *
 *   html_tree.c      a streaming tokenizer over the page bytes that builds a
 *                    light element tree (flat array of nodes, parent links),
 *                    decoding entities and collapsing white space on the way,
 *                    and noting page metadata (meta tags, title, JSON-LD).
 *   html_entities.c  the named character references (generated).
 *   html_charset.c   declared / detected charset, conversion to UTF-8.
 *   html_metadata.c  title, publication date, outlet from the metadata.
 *   html.c           an_extract_html: finds the article in the tree.
 *
 * Nothing here is exported from the library.
 */
#ifndef AN_HTML_INTERNAL_H
#define AN_HTML_INTERNAL_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits (hostile input never crashes; beyond these the page is refused or
 * flattened). */
enum {
  AN_HTML_MAX_DEPTH = 256,                 /* deeper elements are flattened */
  AN_HTML_MAX_INPUT = 256 * 1024 * 1024,   /* bytes of HTML accepted */
  AN_HTML_MAX_JSON_LD = 8,                 /* JSON-LD scripts kept per page */
  AN_HTML_MAX_JSON_LD_BYTES = 4 * 1024 * 1024
};

/* Element kinds the extractor distinguishes.  Everything else is
 * AN_TAG_OTHER.  Keep in step with the name table in html_tree.c. */
typedef enum an_html_tag {
  AN_TAG_ROOT = 0, AN_TAG_TEXT, AN_TAG_OTHER,
  AN_TAG_A, AN_TAG_ABBR, AN_TAG_ADDRESS, AN_TAG_AREA, AN_TAG_ARTICLE,
  AN_TAG_ASIDE, AN_TAG_AUDIO, AN_TAG_B, AN_TAG_BASE, AN_TAG_BLOCKQUOTE,
  AN_TAG_BODY, AN_TAG_BR, AN_TAG_BUTTON, AN_TAG_CANVAS, AN_TAG_CAPTION,
  AN_TAG_CENTER, AN_TAG_CITE, AN_TAG_CODE, AN_TAG_COL, AN_TAG_DD,
  AN_TAG_DETAILS, AN_TAG_DIALOG, AN_TAG_DIV, AN_TAG_DL, AN_TAG_DT, AN_TAG_EM,
  AN_TAG_EMBED, AN_TAG_FIGCAPTION, AN_TAG_FIGURE, AN_TAG_FONT, AN_TAG_FOOTER,
  AN_TAG_FORM, AN_TAG_H1, AN_TAG_H2, AN_TAG_H3, AN_TAG_H4, AN_TAG_H5,
  AN_TAG_H6, AN_TAG_HEAD, AN_TAG_HEADER, AN_TAG_HR, AN_TAG_HTML, AN_TAG_I,
  AN_TAG_IFRAME, AN_TAG_IMG, AN_TAG_INPUT, AN_TAG_LABEL, AN_TAG_LI,
  AN_TAG_LINK, AN_TAG_MAIN, AN_TAG_MATH, AN_TAG_MENU, AN_TAG_META,
  AN_TAG_NAV, AN_TAG_NOEMBED, AN_TAG_NOFRAMES, AN_TAG_NOSCRIPT,
  AN_TAG_OBJECT, AN_TAG_OL, AN_TAG_OPTION, AN_TAG_P, AN_TAG_PARAM,
  AN_TAG_PICTURE, AN_TAG_PLAINTEXT, AN_TAG_PRE, AN_TAG_Q, AN_TAG_S,
  AN_TAG_SCRIPT, AN_TAG_SECTION, AN_TAG_SELECT, AN_TAG_SMALL,
  AN_TAG_SOURCE, AN_TAG_SPAN, AN_TAG_STRONG, AN_TAG_STYLE, AN_TAG_SUB,
  AN_TAG_SUMMARY, AN_TAG_SUP, AN_TAG_SVG, AN_TAG_TABLE, AN_TAG_TBODY,
  AN_TAG_TD, AN_TAG_TEMPLATE, AN_TAG_TEXTAREA, AN_TAG_TFOOT, AN_TAG_TH,
  AN_TAG_THEAD, AN_TAG_TIME, AN_TAG_TITLE, AN_TAG_TR, AN_TAG_TRACK,
  AN_TAG_U, AN_TAG_UL, AN_TAG_VIDEO, AN_TAG_WBR, AN_TAG_XMP,
  AN_TAG_COUNT
} an_html_tag;

/* Hints read from an element's attributes when it is parsed. */
enum {
  AN_HINT_NEGATIVE = 1 << 0,     /* class/id says comment, share, sidebar... */
  AN_HINT_POSITIVE = 1 << 1,     /* class/id says article, content, story... */
  AN_HINT_ARTICLE_BODY = 1 << 2, /* itemprop=articleBody or similar */
  AN_HINT_HIDDEN = 1 << 3,       /* hidden, aria-hidden, display:none */
  AN_HINT_BOILERPLATE_ROLE = 1 << 4 /* role=navigation/complementary/... */
};

/* One node of the tree.  Indices point into an_html_page.nodes; 0 is the
 * root, and also means "none" for child and sibling links (the root is
 * nobody's child).  Parents always come before their children. */
typedef struct an_html_node {
  uint32_t parent;
  uint32_t first_child, last_child, next_sibling;
  uint32_t text_offset; /* AN_TAG_TEXT: decoded text in page.text */
  uint32_t text_length;
  uint8_t tag;          /* an_html_tag */
  uint8_t hints;        /* AN_HINT_* */
  uint16_t depth;       /* elements between it and the root */
  uint32_t name_hash;   /* AN_TAG_OTHER: hash of the lowercase name */
} an_html_node;

/* A string inside page.text (length 0: absent). */
typedef struct an_html_string {
  uint32_t offset;
  uint32_t length;
} an_html_string;

/* What the page says about itself, noted while parsing. */
typedef struct an_html_meta {
  an_html_string title;          /* <title> */
  an_html_string og_title;       /* og:title / twitter:title */
  an_html_string site_name;      /* og:site_name / application-name */
  an_html_string og_url;         /* og:url */
  an_html_string canonical;      /* <link rel=canonical> */
  an_html_string published_meta; /* article:published_time and kin */
  an_html_string date_meta;      /* date, pubdate, dc.date ... */
  an_html_string itemprop_date;  /* itemprop=datePublished */
  an_html_string time_datetime;  /* first <time datetime> */
  an_html_string charset;        /* <meta charset> / http-equiv */
  an_html_string json_ld[AN_HTML_MAX_JSON_LD]; /* raw script text */
  size_t json_ld_count;
} an_html_meta;

/* A parsed page.  Owns nodes and text. */
typedef struct an_html_page {
  an_html_node *nodes;
  size_t node_count;
  size_t node_capacity;
  an_buffer text;     /* decoded text of text nodes and kept attributes */
  an_html_meta meta;
} an_html_page;

/* Parses html (UTF-8 or ASCII-compatible bytes; borrowed) into page.
 * Never fails on malformed markup; returns AN_ERROR_MEMORY or
 * AN_ERROR_LIMIT (and fills error) only.  Free with an_html_page_clear even
 * after a failure. */
int an_html_parse(const char *html, size_t length, an_html_page *page,
                  an_error *error);
void an_html_page_clear(an_html_page *page);

/* A pointer to a string of page.text (NUL-terminated copy: caller frees),
 * or NULL when absent. */
char *an_html_string_dup(const an_html_page *page, an_html_string string);

/* Looks for a charset declared in the first bytes of the page (BOM, <meta
 * charset>, http-equiv content-type).  Writes the lowercase name into out
 * (capacity bytes) and returns true when one is found. */
bool an_html_declared_charset(const char *html, size_t length, char *out,
                              size_t capacity);

/* Returns the page as UTF-8: *converted is NULL when html can be used as it
 * is, or a buffer the caller frees (its length in *converted_length).
 * Honours a declared charset, else keeps valid UTF-8, else detects with
 * uchardet.  AN_ERROR_FORMAT when the bytes cannot be decoded. */
int an_html_to_utf8(const char *html, size_t length, char **converted,
                    size_t *converted_length, an_error *error);

/* Fills doc->title, doc->published, doc->outlet from the metadata (only
 * those still NULL).  h1 is the page's first main heading text or NULL
 * (borrowed).  Returns AN_OK or AN_ERROR_MEMORY. */
int an_html_fill_metadata(const an_html_page *page, const char *h1,
                          an_doc *doc);

/* The articleBody of the page's JSON-LD, or NULL (caller frees). */
char *an_html_json_ld_body(const an_html_page *page);

/* Normalises a date text ("2024-11-26T10:00:00Z", "20241126",
 * "November 26, 2024" ...) to YYYY-MM-DD in out[11].  True on success. */
bool an_html_normalise_date(const char *text, size_t length, char out[11]);

/* Named character references, sorted by name. */
typedef struct an_html_entity {
  const char *name;  /* without '&', with ';' when required */
  const char *utf8;  /* replacement text */
} an_html_entity;
extern const an_html_entity an_html_entities[];
extern const size_t an_html_entity_count;

#endif
