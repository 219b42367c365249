/*
 * cmd_export.c — `annals export`: every merged event of a store, in one of
 * the output formats (the selection code is shared with cmd_query.c).
 */
#include "cli/cli.h"

#include <stdio.h>

int an_cli_select(int argc, char **argv, bool filters, void (*print_usage)(FILE *out));

static void usage(FILE *out) {
  fputs("usage: annals export --db PATH|postgresql://... [--format jsonl|csv|tsv|gdelt]\n\n"
        "Writes every merged event of the store to stdout, ordered by date then id:\n"
        "JSON Lines (default), CSV or TSV with a header, or the GDELT 2.0 Events table\n"
        "(61 tab-separated columns; docs/gdelt.md).  'annals query' selects.\n\n"
        "Exit status: 0 success, 2 usage or store error.\n", out);
}

int an_cli_export(int argc, char **argv) { return an_cli_select(argc, argv, false, usage); }
