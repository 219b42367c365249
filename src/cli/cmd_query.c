/*
 * cmd_query.c — `annals query`: select merged events from a store and write
 * them as JSON Lines, CSV, TSV or GDELT 2.0 Events rows.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fputs("usage: annals query --db PATH|postgresql://... [--actor CODE] [--country C]\n"
        "                    [--code PREFIX] [--status S] [--since D] [--until D]\n"
        "                    [--format jsonl|csv|tsv|gdelt] [--limit N]\n\n"
        "Writes the merged events of a store that pass every filter, ordered by date,\n"
        "to stdout (docs/schema.md describes the fields, docs/gdelt.md the GDELT layout).\n\n"
        "  --db L        the store: a file path or a postgresql:// URL (required)\n"
        "  --actor X     source or target actor code starts with X (UKR, UKRGOV, IGOUNO)\n"
        "  --country C   source or target country is C (ISO alpha-3 or CAMEO region)\n"
        "  --code P      CAMEO event code starts with P (19, 190, 0431)\n"
        "  --status S    asserted, reported, planned, negated, denied or hypothetical\n"
        "  --since D     event date on or after D (YYYY-MM-DD)\n"
        "  --until D     event date on or before D\n"
        "  --format F    jsonl (default), csv, tsv, gdelt\n"
        "  --limit N     at most N events\n\n"
        "Exit status: 0 success, 2 usage or store error.\n", out);
}

static bool valid_status(const char *status) {
  static const char *const names[] = {"asserted", "reported", "planned",
                                      "negated",  "denied",   "hypothetical"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!strcmp(status, names[i])) return true;
  return false;
}

typedef struct query_options {
  const char *db;
  an_store_filter filter;
  an_format format;
} query_options;

static int check_option(int option, const char *value, query_options *options) {
  char *end = NULL;
  switch (option) {
  case 'b': options->db = value; return AN_EXIT_OK;
  case 'a': options->filter.actor = value; return AN_EXIT_OK;
  case 'c': options->filter.country = value; return AN_EXIT_OK;
  case 'e': options->filter.code = value; return AN_EXIT_OK;
  case 's':
    if (!valid_status(value)) break;
    options->filter.status = value;
    return AN_EXIT_OK;
  case 'S':
  case 'U':
    if (!an_cli_valid_date(value)) break;
    *(option == 'S' ? &options->filter.since : &options->filter.until) = value;
    return AN_EXIT_OK;
  case 'l':
    options->filter.limit = strtoll(value, &end, 10);
    if (*value && !*end && options->filter.limit > 0) return AN_EXIT_OK;
    break;
  case 'f': {
    int format = an_format_parse(value);
    if (format < 0) break;
    options->format = (an_format)format;
    return AN_EXIT_OK;
  }
  }
  an_cli_report("query: '%s' is not a valid value here", value);
  return AN_EXIT_USAGE;
}

static int parse_options(int argc, char **argv, query_options *options, bool filters) {
  static const struct option long_options[] = {
      {"db", required_argument, NULL, 'b'},     {"actor", required_argument, NULL, 'a'},
      {"country", required_argument, NULL, 'c'}, {"code", required_argument, NULL, 'e'},
      {"status", required_argument, NULL, 's'}, {"since", required_argument, NULL, 'S'},
      {"until", required_argument, NULL, 'U'},  {"limit", required_argument, NULL, 'l'},
      {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int option;
  optind = 1;
  while ((option = getopt_long(argc, argv, "b:a:c:e:s:S:U:l:f:h", long_options, NULL)) != -1) {
    if (option == 'h') return -1;
    if (option == '?' || (!filters && option != 'b' && option != 'f')) {
      if (option != '?') an_cli_report("export: option not accepted here (use 'annals query')");
      return AN_EXIT_USAGE;
    }
    if (check_option(option, optarg, options) != AN_EXIT_OK) return AN_EXIT_USAGE;
  }
  if (optind < argc) {
    an_cli_report("unexpected argument '%s'", argv[optind]);
    return AN_EXIT_USAGE;
  }
  if (!options->db) {
    an_cli_report("--db PATH or --db postgresql://... is required");
    return AN_EXIT_USAGE;
  }
  return AN_EXIT_OK;
}

/* Shared by query and export (cmd_export.c): the whole command. */
int an_cli_select(int argc, char **argv, bool filters, void (*print_usage)(FILE *out));
int an_cli_select(int argc, char **argv, bool filters, void (*print_usage)(FILE *out)) {
  query_options options = {0};
  int status = parse_options(argc, argv, &options, filters);
  if (status < 0) {
    print_usage(stdout);
    return AN_EXIT_OK;
  }
  if (status != AN_EXIT_OK) {
    print_usage(stderr);
    return status;
  }
  an_error error = {0};
  an_store *store = an_store_open(options.db, AN_STORE_READ_ONLY, &error);
  if (!store) {
    an_cli_report("%s", error.message);
    return AN_EXIT_USAGE;
  }
  status = an_store_write(store, &options.filter, stdout, options.format, NULL, &error);
  if (status != AN_OK) an_cli_report("%s", error.message);
  an_store_close(store);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    an_cli_report("error writing to stdout");
    return AN_EXIT_PARTIAL;
  }
  return status == AN_OK ? AN_EXIT_OK : AN_EXIT_USAGE;
}

int an_cli_query(int argc, char **argv) { return an_cli_select(argc, argv, true, usage); }
