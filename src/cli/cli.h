/*
 * cli.h — the annals command's subcommands.  Each returns the exit status:
 * 0 success, 1 some inputs failed (the rest processed, failures named on
 * stderr), 2 usage or setup error.
 */
#ifndef AN_CLI_H
#define AN_CLI_H

#include "annals.h"
#include <stdbool.h>

enum { AN_EXIT_OK = 0, AN_EXIT_PARTIAL = 1, AN_EXIT_USAGE = 2 };

int an_cli_code(int argc, char **argv);
int an_cli_extract(int argc, char **argv);
int an_cli_ingest(int argc, char **argv);
int an_cli_query(int argc, char **argv);
int an_cli_export(int argc, char **argv);
int an_cli_validate(int argc, char **argv);
int an_cli_dict(int argc, char **argv);

/* Shared helpers (cli_common.c). */

/* Called with each document of an input; the document is borrowed (freed
 * after the call).  Return false to stop reading. */
typedef bool (*an_cli_document_fn)(void *context, an_doc *doc);
/* Reads every document of one input (file, directory, "-" for stdin) and
 * hands each to fn.  Per-record failures are reported on stderr, counted,
 * and reading goes on: the readers resume after a bad record.  Returns the
 * number of failures (an input that cannot be opened is one). */
long an_cli_each_document(const char *path, an_input_kind kind, an_cli_document_fn fn, void *context);
/* Prints "annals: message" to stderr. */
void an_cli_report(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Loads the dictionary chosen by --dict / --tabari / --petrarch (only one may
 * be non-NULL; all NULL means the default dict/ directory).  Warnings about
 * malformed lines go to stderr.  Returns NULL after reporting. */
an_dict *an_cli_load_dict(const char *dict_dir, const char *tabari, const char *petrarch);
/* Warnings the last an_cli_load_dict reported. */
int an_cli_last_dict_warnings(void);
/* The default dictionary directory: $ANNALS_DICT, ./dict, or the installed one. */
const char *an_cli_default_dict(void);
/* Is the text a valid date YYYY-MM-DD? */
bool an_cli_valid_date(const char *text);
/* Is stderr a terminal (progress bars are drawn only then)? */
bool an_cli_progress_enabled(void);

/* A progress line on stderr, redrawn at most every interval, only on a
 * terminal: documents and events with their rates, inputs done, elapsed
 * time, and an ETA when the number of inputs is known. */
typedef struct an_cli_progress {
  bool enabled;
  double started, last_drawn;
  int inputs_done, inputs_total;
} an_cli_progress;

void an_cli_progress_start(an_cli_progress *progress, int inputs_total);
/* Draws unless drawn less than an interval ago; final draws and ends the line. */
void an_cli_progress_draw(an_cli_progress *progress, long documents, long events, bool final);

#endif
