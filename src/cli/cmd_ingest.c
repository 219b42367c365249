/*
 * cmd_ingest.c — `annals ingest`: code documents into a store (SQLite file
 * or PostgreSQL URL).  Resumable: documents already stored are skipped, each
 * document commits with its mentions, events are merged at the end
 * (docs/schema.md, docs/merging.md).  Prints a summary of the store.
 */
#include "cli/cli.h"
#include "read/dedup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static void usage(FILE *out) {
  fputs("usage: annals ingest --db PATH|postgresql://... [--date YYYY-MM-DD]\n"
        "                     [--dict DIR | --tabari FILE.project | --petrarch DIR]\n"
        "                     [--quiet] INPUT...\n\n"
        "Codes every document of the inputs (text, HTML, JSON Lines, WARC, .gz,\n"
        "directories; - for stdin) into a store: a SQLite file (created when absent)\n"
        "or a PostgreSQL database.  Documents already in the store are skipped, so\n"
        "running the same ingest twice adds nothing, and a killed run, run again,\n"
        "ends with the same store as an uninterrupted one.  Mentions of one real\n"
        "event are merged into one event (docs/merging.md).\n\n"
        "  --db L        the store: a file path or a postgresql:// URL (required)\n"
        "  --date D      publication date for documents that carry none\n"
        "  --dict DIR    annals dictionaries (default: $ANNALS_DICT, ./dict, installed)\n"
        "  --tabari P    code with a TABARI project's dictionaries\n"
        "  --petrarch D  code with PETRARCH2/Phoenix dictionaries\n"
        "  --quiet       no summary of the store on stdout\n\n"
        "A progress bar is drawn on stderr when it is a terminal.  Exit status: 0 all\n"
        "inputs stored, 1 some inputs or records failed (named on stderr; the rest\n"
        "were stored), 2 usage, setup or store error.\n", out);
}

typedef struct ingest_options {
  const char *db, *date, *dict, *tabari, *petrarch;
  bool quiet;
} ingest_options;

static int parse_options(int argc, char **argv, ingest_options *options) {
  static const struct option long_options[] = {
      {"db", required_argument, NULL, 'b'},     {"date", required_argument, NULL, 'd'},
      {"dict", required_argument, NULL, 'D'},   {"tabari", required_argument, NULL, 't'},
      {"petrarch", required_argument, NULL, 'p'}, {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  int option;
  optind = 1;
  while ((option = getopt_long(argc, argv, "b:d:D:t:p:qh", long_options, NULL)) != -1) {
    switch (option) {
    case 'b': options->db = optarg; break;
    case 'd':
      if (!an_cli_valid_date(optarg)) {
        an_cli_report("--date: '%s' is not a date YYYY-MM-DD", optarg);
        return AN_EXIT_USAGE;
      }
      options->date = optarg;
      break;
    case 'D': options->dict = optarg; break;
    case 't': options->tabari = optarg; break;
    case 'p': options->petrarch = optarg; break;
    case 'q': options->quiet = true; break;
    case 'h': usage(stdout); return -1;
    default: usage(stderr); return AN_EXIT_USAGE;
    }
  }
  if (!options->db) {
    an_cli_report("ingest: --db PATH or --db postgresql://... is required");
    return AN_EXIT_USAGE;
  }
  if (optind >= argc) {
    an_cli_report("ingest: no INPUT given (use - for stdin)");
    return AN_EXIT_USAGE;
  }
  return AN_EXIT_OK;
}

/* What one run did, and what the progress bar shows. */
typedef struct ingest_run {
  an_store *store;     /* borrowed */
  an_coder *coder;     /* borrowed */
  an_dedup *dedup;     /* owned; NULL: no near-duplicate detection */
  const char *date;    /* default publication date, or NULL */
  long documents;      /* read */
  long stored;         /* newly stored */
  long skipped;        /* already in the store */
  long duplicates;     /* near copies of an earlier document, not coded */
  long mentions;       /* coded in newly stored documents */
  long failures;       /* inputs or records that failed */
  bool store_failed;   /* the store refused: stop */
  an_cli_progress progress;
} ingest_run;

static void draw_progress(ingest_run *run, bool final) {
  an_cli_progress_draw(&run->progress, run->documents, run->mentions, final);
}

/* Codes and stores one document (skipping the coder when it is stored). */
static void ingest_document(ingest_run *run, an_doc *doc) {
  an_error error = {0};
  int found = 0;
  if (run->date && !doc->published) doc->published = strdup(run->date);
  /* Every document goes through dedup, stored or not, so that a rerun of
   * the same inputs reaches the same verdicts. */
  an_dedup_result copy = {AN_DEDUP_UNIQUE, NULL, 0};
  if (run->dedup) an_dedup_check(run->dedup, doc, &copy, NULL);
  if (an_store_has_document(run->store, doc->id, &found, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    run->store_failed = true;
    return;
  }
  run->documents++;
  if (found) {
    run->skipped++;
    return;
  }
  if (copy.verdict != AN_DEDUP_UNIQUE && copy.original_id && strcmp(copy.original_id, doc->id)) {
    if (an_store_add_duplicate(run->store, doc, copy.original_id, NULL, &error) != AN_OK) {
      an_cli_report("%s", error.message);
      run->store_failed = true;
    }
    run->duplicates++;
    return;
  }
  an_events events = {0};
  if (an_coder_code(run->coder, doc, &events, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    run->failures++;
  }
  int added = 0;
  if (an_store_add(run->store, doc, &events, &added, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    run->store_failed = true;
  } else if (added) {
    run->stored++;
    run->mentions += (long)events.count;
  }
  an_events_clear(&events);
}

static bool ingest_one(void *context, an_doc *doc) {
  ingest_run *run = context;
  ingest_document(run, doc);
  draw_progress(run, false);
  return !run->store_failed;
}

static void ingest_input(ingest_run *run, const char *path) {
  run->failures += an_cli_each_document(path, AN_INPUT_AUTO, ingest_one, run);
}

/* Opens the dictionary, coder and store; NULLs after reporting. */
static an_store *open_store(const ingest_options *options) {
  an_error error = {0};
  an_store *store = an_store_open(options->db, 0, &error);
  if (!store) an_cli_report("%s", error.message);
  return store;
}

static int finish_run(ingest_run *run, bool quiet) {
  an_error error = {0};
  draw_progress(run, true);
  if (run->store_failed) return AN_EXIT_USAGE;
  if (an_store_commit(run->store, &error) != AN_OK || an_store_merge(run->store, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    return AN_EXIT_USAGE;
  }
  an_store_counts counts;
  if (an_store_count(run->store, &counts, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    return AN_EXIT_USAGE;
  }
  an_cli_report("read %ld documents: %ld stored (%ld mentions), %ld near copies,"
                " %ld already stored%s; store: %lld documents, %lld mentions, %lld events",
                run->documents, run->stored, run->mentions, run->duplicates, run->skipped,
                run->failures ? ", some inputs failed" : "", counts.documents, counts.mentions,
                counts.events);
  if (!quiet && an_store_write_summary(run->store, stdout, 5, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    return AN_EXIT_USAGE;
  }
  return run->failures ? AN_EXIT_PARTIAL : AN_EXIT_OK;
}

int an_cli_ingest(int argc, char **argv) {
  ingest_options options = {0};
  int status = parse_options(argc, argv, &options);
  if (status < 0) return AN_EXIT_OK;
  if (status != AN_EXIT_OK) return status;
  an_store *store = open_store(&options);
  if (!store) return AN_EXIT_USAGE;
  an_dict *dict = an_cli_load_dict(options.dict, options.tabari, options.petrarch);
  an_error error = {0};
  an_coder *coder = dict ? an_coder_new(dict, &error) : NULL;
  if (!coder) {
    if (dict) an_cli_report("%s", error.message);
    an_dict_free(dict);
    an_store_close(store);
    return AN_EXIT_USAGE;
  }
  an_coder_set_default_date(coder, options.date);
  ingest_run run = {0};
  run.store = store;
  run.coder = coder;
  run.date = options.date;
  an_cli_progress_start(&run.progress, argc - optind);
  run.dedup = an_dedup_new(0, NULL);
  for (int i = optind; i < argc && !run.store_failed; i++) {
    ingest_input(&run, argv[i]);
    run.progress.inputs_done++;
  }
  status = finish_run(&run, options.quiet);
  an_dedup_free(run.dedup);
  an_coder_free(coder);
  an_dict_free(dict);
  an_store_close(store);
  return status;
}
