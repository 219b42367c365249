/*
 * annals.h — the whole public API of libannals.
 *
 * annals turns news into event data: documents go in (plain text, HTML, JSON
 * Lines, WARC), CAMEO-coded events come out, each pointing back at the bytes
 * of the sentence that carried it.
 *
 * Conventions
 *   - Every exported name starts with an_.  Handles are opaque.
 *   - Functions that can fail return an int status (AN_OK == 0) or NULL, and
 *     fill the an_error the caller passes (which may be NULL).  The library
 *     never exits or aborts.
 *   - Ownership is written at each declaration: "caller frees" means the
 *     matching _free function; "borrowed" means the pointer stays owned by the
 *     object it came from and lives as long as that object.
 */
#ifndef ANNALS_H
#define ANNALS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define AN_API __attribute__((visibility("default")))
#else
#define AN_API
#endif

#define AN_VERSION "0.1.0"

/* ---- errors ------------------------------------------------------------ */

enum {
  AN_OK = 0,
  AN_ERROR_IO = 1,       /* a file could not be read or written */
  AN_ERROR_FORMAT = 2,   /* input is malformed (message names where) */
  AN_ERROR_MEMORY = 3,   /* an allocation failed */
  AN_ERROR_LIMIT = 4,    /* input exceeds a named size or depth limit */
  AN_ERROR_USAGE = 5,    /* the caller passed something meaningless */
  AN_ERROR_DATABASE = 6, /* the store refused (message from the engine) */
  AN_ERROR_NOT_FOUND = 7
};

/* An error value: a code and a message that names the input and position. */
typedef struct an_error {
  int code;           /* AN_OK when nothing went wrong */
  char message[512];  /* "file:line: what is wrong" */
} an_error;

/* Sets code and a printf-style message, if error is not NULL.  Returns code. */
AN_API int an_error_set(an_error *error, int code, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
AN_API void an_error_clear(an_error *error);

/* ---- documents (read + extract) ---------------------------------------- */

/* A span of bytes in a document's text. */
typedef struct an_span {
  size_t offset;
  size_t length;
} an_span;

/* One document, ready to code.  All strings are NUL-terminated and owned by
 * the document (an_doc_free frees them); any may be NULL when unknown. */
typedef struct an_doc {
  char *id;          /* stable: hash of url or name + text */
  char *origin;      /* where it came from, for messages: "file.warc.gz#record 12" */
  char *url;
  char *outlet;      /* host of url, or og:site_name, or NULL */
  char *published;   /* "YYYY-MM-DD" or NULL */
  char *title;
  char *metadata;    /* JSON object text of extra input fields, or NULL */
  char *text;        /* the article text; every span points into it */
  size_t text_length;
  an_span *paragraphs; /* article paragraphs inside text, in order; boilerplate
                          and verbatim-repeated paragraphs are not listed */
  size_t paragraph_count;
} an_doc;

/* Allocates an empty document.  Caller frees with an_doc_free. */
AN_API an_doc *an_doc_new(void);
AN_API void an_doc_free(an_doc *doc);

/* Input kinds a reader recognises. */
typedef enum an_input_kind {
  AN_INPUT_AUTO = 0,
  AN_INPUT_TEXT,
  AN_INPUT_HTML,
  AN_INPUT_JSONL,
  AN_INPUT_WARC
} an_input_kind;

/* A reader turns one input (file, directory, stdin) into documents, one at a
 * time, with constant memory for streaming formats. */
typedef struct an_reader an_reader;

/* Opens path ("-" for stdin).  Returns NULL and fills error when the input
 * cannot be opened.  Caller frees with an_reader_close. */
AN_API an_reader *an_reader_open(const char *path, an_input_kind kind,
                                 an_error *error);
/* Reads the next document into *out (caller frees it with an_doc_free).
 * Returns AN_OK with *out set, AN_OK with *out NULL at the end, or an error
 * for this record only (fills error; the reader can go on: call again). */
AN_API int an_reader_next(an_reader *reader, an_doc **out, an_error *error);
AN_API void an_reader_close(an_reader *reader);

/* Builds a document from a buffer already in memory (copied).  name is used
 * for messages and the document id.  kind AUTO sniffs HTML vs text. */
AN_API an_doc *an_doc_from_buffer(const char *bytes, size_t length,
                                  an_input_kind kind, const char *name,
                                  an_error *error);

/* Finds the article in plain text: paragraphs, boilerplate lines dropped,
 * verbatim repeated paragraphs dropped, title guessed.  Fills doc->paragraphs
 * (and doc->title when NULL).  Used for text inputs and after HTML
 * extraction. */
AN_API int an_extract_text(an_doc *doc, an_error *error);

/* Extracts the article of an HTML page into doc: text, paragraphs, title,
 * published date, outlet (when found in the page).  html is borrowed. */
AN_API int an_extract_html(const char *html, size_t length, an_doc *doc,
                           an_error *error);

/* ---- dictionaries ------------------------------------------------------ */

typedef struct an_dict an_dict;

/* Loads annals' own text dictionaries from a directory (see dict/README.md),
 * or a dictionary compiled with an_dict_save (a file).  Malformed lines are
 * reported through warn (may be NULL) with file:line and skipped.  Returns
 * NULL on a fatal error.  Caller frees with an_dict_free. */
typedef void (*an_warn_fn)(void *context, const char *message);
AN_API an_dict *an_dict_load(const char *directory, an_warn_fn warn,
                             void *warn_context, an_error *error);
/* Writes dict (annals' own kind) as one checked binary file (magic, version,
 * fixed byte order, checksum) that an_dict_load reads back without parsing
 * text.  Returns AN_OK or an error naming the file. */
AN_API int an_dict_save(const an_dict *dict, const char *path, an_error *error);
/* TABARI project file (.project naming .verbs/.actors/.agents/.options). */
AN_API an_dict *an_dict_load_tabari(const char *project_path, an_warn_fn warn,
                                    void *warn_context, an_error *error);
/* PETRARCH2 / Phoenix dictionary directory. */
AN_API an_dict *an_dict_load_petrarch(const char *directory, an_warn_fn warn,
                                      void *warn_context, an_error *error);
AN_API void an_dict_free(an_dict *dict);
/* One line per kind: "actors 1234, agents 56, verbs 78, patterns 910 ...".
 * Borrowed; valid until the dict is freed. */
AN_API const char *an_dict_summary(const an_dict *dict);

/* ---- events ------------------------------------------------------------ */

typedef enum an_status {
  AN_STATUS_ASSERTED = 0,
  AN_STATUS_REPORTED,
  AN_STATUS_PLANNED,
  AN_STATUS_NEGATED,
  AN_STATUS_DENIED,
  AN_STATUS_HYPOTHETICAL
} an_status;

typedef enum an_precision {
  AN_PRECISION_NONE = 0,
  AN_PRECISION_DAY,
  AN_PRECISION_WEEK,
  AN_PRECISION_MONTH,
  AN_PRECISION_YEAR
} an_precision;

#define AN_MAX_ATTRIBUTION 4

/* One side of an event. */
typedef struct an_actor {
  char code[40];    /* full CAMEO actor code: "UKRGOV", "IGOUNO", "KOR" */
  char country[8];  /* ISO alpha-3 or CAMEO region/IGO code */
  char agent[8];    /* "GOV", "MIL", ... or "" */
  an_span span;     /* the actor's words in doc->text */
} an_actor;

/* One coded event mention.  Plain data; strings are inline. */
typedef struct an_event {
  char id[20];                /* hex hash of article id + span + code */
  an_span sentence;           /* the sentence in doc->text */
  an_span verb;               /* the words that fired the pattern */
  int has_source, has_target;
  an_actor source, target;
  char code[8];               /* CAMEO event code, "0232" */
  an_status status;
  char attribution[AN_MAX_ATTRIBUTION][48];
  int attribution_count;
  char date[11];              /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
  an_precision date_precision;
  char pattern[160];          /* "dict/verbs.txt:123" of the pattern */
  double confidence;          /* 0..1: how directly the pattern matched */
} an_event;

/* A growable list of events.  Zero-initialise, then an_events_clear. */
typedef struct an_events {
  an_event *items;
  size_t count;
  size_t capacity;
} an_events;

AN_API void an_events_clear(an_events *events);

/* CAMEO codebook facts, generated from the reference table at build time.
 * Returns NULL (or 0) for an unknown code.  Strings are static. */
AN_API const char *an_cameo_name(const char *code);
AN_API double an_cameo_goldstein(const char *code);
AN_API int an_cameo_quad_class(const char *code);   /* 1..4, 0 unknown */
AN_API int an_cameo_plover(const char *code, const char **type,
                           const char **mode, const char **context);
AN_API const char *an_status_name(an_status status);
AN_API const char *an_precision_name(an_precision precision);

/* ---- coding ------------------------------------------------------------ */

typedef struct an_coder an_coder;

/* A coder codes documents with one dictionary (borrowed: it must outlive the
 * coder).  Caller frees with an_coder_free. */
AN_API an_coder *an_coder_new(const an_dict *dict, an_error *error);
AN_API void an_coder_free(an_coder *coder);
/* Publication date used when the document has none ("YYYY-MM-DD" or NULL). */
AN_API void an_coder_set_default_date(an_coder *coder, const char *date);
/* Codes one document, appending events to out.  doc is borrowed. */
AN_API int an_coder_code(an_coder *coder, const an_doc *doc, an_events *out,
                         an_error *error);

/* ---- output ------------------------------------------------------------ */

typedef enum an_format {
  AN_FORMAT_JSONL = 0,
  AN_FORMAT_TSV,
  AN_FORMAT_CSV,
  AN_FORMAT_GDELT
} an_format;

/* Parses "jsonl", "tsv", "csv", "gdelt".  Returns -1 when unknown. */
AN_API int an_format_parse(const char *name);
/* Writes a header line for formats that have one (TSV, CSV). */
AN_API int an_emit_header(FILE *out, an_format format);
/* Writes one event of doc in the given format.  Returns AN_OK or
 * AN_ERROR_IO. */
AN_API int an_emit_event(FILE *out, an_format format, const an_doc *doc,
                         const an_event *event);
/* The event as one JSON object text (the contract record), without newline.
 * Caller frees with free(). */
AN_API char *an_event_to_json(const an_doc *doc, const an_event *event);

/* ---- store (SQLite file or PostgreSQL URL) ----------------------------- */
/* (declared by the store module; see docs/schema.md, docs/merging.md) */

typedef struct an_store an_store;

enum { AN_STORE_READ_ONLY = 1 }; /* flags of an_store_open */

/* Opens a store: a SQLite file path (created when absent, unless read-only)
 * or a postgresql:// URL.  Refuses, writing nothing, a file that is not an
 * annals store or whose schema is newer than this build's; migrates older
 * ones.  Returns NULL and fills error.  Caller frees with an_store_close
 * (which commits an open batch). */
AN_API an_store *an_store_open(const char *location, int flags, an_error *error);
AN_API void an_store_close(an_store *store);
/* *found = 1 when a document with this id is already stored (done). */
AN_API int an_store_has_document(an_store *store, const char *id, int *found,
                                 an_error *error);
/* Adds a document and its coded mentions (doc and events borrowed) inside
 * the current batch transaction; a document already stored is skipped
 * (*added = 0; added may be NULL).  Batches commit every few hundred
 * documents and at an_store_commit.  On error the open batch is rolled back
 * (its documents are simply ingested again by the next run). */
AN_API int an_store_add(an_store *store, const an_doc *doc, const an_events *events,
                        int *added, an_error *error);
/* Adds a near-duplicate of a stored document (doc borrowed): its row, with
 * duplicate_of = original_id, and its URL and outlet among the original's
 * copies; it is not coded.  Same batching and *added as an_store_add. */
AN_API int an_store_add_duplicate(an_store *store, const an_doc *doc, const char *original_id,
                                  int *added, an_error *error);
/* Commits the open batch, if any. */
AN_API int an_store_commit(an_store *store, an_error *error);
/* Recomputes merged events for what was added since the last merge. */
AN_API int an_store_merge(an_store *store, an_error *error);

typedef struct an_store_counts {
  long long documents, mentions, events, actors;
} an_store_counts;
AN_API int an_store_count(an_store *store, an_store_counts *out, an_error *error);

/* Event selection for query/export; NULL fields and limit 0 mean "any". */
typedef struct an_store_filter {
  const char *actor;   /* source or target actor code starts with this */
  const char *country; /* source or target country equals this */
  const char *code;    /* CAMEO event code starts with this */
  const char *status;  /* "asserted", "denied" ... */
  const char *since;   /* event date >= (YYYY-MM-DD) */
  const char *until;   /* event date <= */
  long long limit;
} an_store_filter;
/* Writes the merged events that pass filter (may be NULL) to out, ordered
 * by date then id: JSON Lines, CSV/TSV with a header, or GDELT 2.0 Events
 * rows (docs/gdelt.md).  *written (may be NULL) gets the number of rows. */
AN_API int an_store_write(an_store *store, const an_store_filter *filter, FILE *out,
                          an_format format, long long *written, an_error *error);
/* Prints counts and the top actors and event codes (top of each). */
AN_API int an_store_write_summary(an_store *store, FILE *out, int top, an_error *error);

#ifdef __cplusplus
}
#endif
#endif /* ANNALS_H */
