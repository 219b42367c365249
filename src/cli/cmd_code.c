/*
 * cmd_code.c — `annals code`: documents in, events out on stdout.
 */
#include "cli/cli.h"
#include "core/core.h"
#include "read/dedup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fputs("usage: annals code [--date YYYY-MM-DD] [--dict DIR | --tabari FILE.project | --petrarch DIR]\n"
        "                   [--format jsonl|tsv|csv|gdelt] [--quiet] [FILE...]\n\n"
        "Codes each input (plain text, HTML, JSON Lines, WARC, .gz, directories; stdin when\n"
        "no FILE or FILE is -) into CAMEO events, one record a line on stdout.\n\n"
        "  --date D      publication date for documents that carry none (relative dates\n"
        "                such as \"on Wednesday\" resolve against it)\n"
        "  --dict DIR    annals dictionaries (default: $ANNALS_DICT, ./dict, or the installed ones)\n"
        "  --tabari P    code with a TABARI project's dictionaries\n"
        "  --petrarch D  code with PETRARCH2/Phoenix dictionaries\n"
        "  --format F    jsonl (default: the event record), tsv, csv, gdelt (GDELT 2.0 events)\n"
        "  --keep-duplicates  code every copy of a story (by default an exact or near\n"
        "                duplicate of an earlier document in the run is coded once)\n"
        "  --quiet       no summary on stderr\n\n"
        "A progress line is drawn on stderr when it is a terminal.\n"
        "Exit status: 0 all inputs coded, 1 some inputs failed (named on stderr; the rest\n"
        "were coded), 2 usage or setup error.\n", out);
}

typedef struct code_options {
  const char *date, *dict, *tabari, *petrarch;
  an_format format;
  bool quiet, keep_duplicates;
} code_options;

static int parse_options(int argc, char **argv, code_options *options) {
  static const struct option long_options[] = {
      {"date", required_argument, NULL, 'd'}, {"dict", required_argument, NULL, 'D'},
      {"tabari", required_argument, NULL, 't'}, {"petrarch", required_argument, NULL, 'p'},
      {"format", required_argument, NULL, 'f'}, {"quiet", no_argument, NULL, 'q'},
      {"keep-duplicates", no_argument, NULL, 'k'},
      {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int option, format;
  optind = 1;
  while ((option = getopt_long(argc, argv, "d:D:t:p:f:qh", long_options, NULL)) != -1) {
    switch (option) {
      case 'd':
        if (!an_cli_valid_date(optarg)) { an_cli_report("--date: '%s' is not a date YYYY-MM-DD", optarg); return AN_EXIT_USAGE; }
        options->date = optarg;
        break;
      case 'D': options->dict = optarg; break;
      case 't': options->tabari = optarg; break;
      case 'p': options->petrarch = optarg; break;
      case 'f':
        if ((format = an_format_parse(optarg)) < 0) { an_cli_report("--format: unknown format '%s'", optarg); return AN_EXIT_USAGE; }
        options->format = (an_format)format;
        break;
      case 'q': options->quiet = true; break;
      case 'k': options->keep_duplicates = true; break;
      case 'h': usage(stdout); return -1;
      default: usage(stderr); return AN_EXIT_USAGE;
    }
  }
  return AN_EXIT_OK;
}

typedef struct code_totals {
  long documents, events, failures, duplicates;
  an_dedup *dedup; /* NULL with --keep-duplicates */
  an_cli_progress progress;
} code_totals;

/* Is doc a copy of a story already coded in this run? */
static bool is_duplicate(code_totals *totals, const an_doc *doc) {
  if (!totals->dedup) return false;
  an_dedup_result result;
  an_error error = {0};
  an_dedup_check(totals->dedup, doc, &result, &error);
  if (result.verdict == AN_DEDUP_UNIQUE) return false;
  totals->duplicates++;
  return true;
}

/* What code_document needs besides the document. */
typedef struct code_run {
  an_coder *coder;
  const code_options *options;
  code_totals *totals;
} code_run;

/* Codes one document (unless it copies one already coded) and prints its
 * events. */
static bool code_document(void *context, an_doc *doc) {
  code_run *run = context;
  code_totals *totals = run->totals;
  if (is_duplicate(totals, doc)) return true;
  /* --date is the publication date of documents that carry none: say so in
   * their records too */
  if (!doc->published && run->options->date) doc->published = an_strdup(run->options->date);
  an_error error = {0};
  an_events events = {0};
  if (an_coder_code(run->coder, doc, &events, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    totals->failures++;
  }
  for (size_t i = 0; i < events.count; i++) an_emit_event(stdout, run->options->format, doc, &events.items[i]);
  totals->documents++;
  totals->events += (long)events.count;
  an_cli_progress_draw(&totals->progress, totals->documents, totals->events, false);
  an_events_clear(&events);
  return true;
}

static void code_input(const char *path, an_coder *coder, const code_options *options, code_totals *totals) {
  code_run run = {coder, options, totals};
  totals->failures += an_cli_each_document(path, AN_INPUT_AUTO, code_document, &run);
}

int an_cli_code(int argc, char **argv) {
  code_options options = {0};
  int status = parse_options(argc, argv, &options);
  if (status < 0) return AN_EXIT_OK;
  if (status != AN_EXIT_OK) return status;
  an_dict *dict = an_cli_load_dict(options.dict, options.tabari, options.petrarch);
  if (!dict) return AN_EXIT_USAGE;
  an_error error = {0};
  an_coder *coder = an_coder_new(dict, &error);
  if (!coder) {
    an_cli_report("%s", error.message);
    an_dict_free(dict);
    return AN_EXIT_USAGE;
  }
  an_coder_set_default_date(coder, options.date);
  an_emit_header(stdout, options.format);
  code_totals totals = {0};
  if (!options.keep_duplicates && !(totals.dedup = an_dedup_new(0, &error))) {
    an_cli_report("%s", error.message);
    return AN_EXIT_USAGE;
  }
  an_cli_progress_start(&totals.progress, optind >= argc ? 1 : argc - optind);
  if (optind >= argc) code_input("-", coder, &options, &totals);
  for (int i = optind; i < argc; i++) {
    code_input(argv[i], coder, &options, &totals);
    totals.progress.inputs_done++;
  }
  if (totals.documents) an_cli_progress_draw(&totals.progress, totals.documents, totals.events, true);
  fflush(stdout);
  if (!options.quiet && (totals.failures || totals.duplicates))
    an_cli_report("%ld document%s coded, %ld event%s, %ld duplicate%s not coded again, %ld failure%s",
                  totals.documents, totals.documents == 1 ? "" : "s", totals.events,
                  totals.events == 1 ? "" : "s", totals.duplicates, totals.duplicates == 1 ? "" : "s",
                  totals.failures, totals.failures == 1 ? "" : "s");
  an_dedup_free(totals.dedup);
  an_coder_free(coder);
  an_dict_free(dict);
  if (ferror(stdout)) { an_cli_report("error writing to stdout"); return AN_EXIT_PARTIAL; }
  return totals.failures ? AN_EXIT_PARTIAL : AN_EXIT_OK;
}
