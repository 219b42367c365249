/*
 * main.c — the annals command: dispatches to one subcommand per file.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

typedef struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
    {"code", an_cli_code, "code documents into events (JSONL, TSV, CSV, GDELT) on stdout"},
    {"extract", an_cli_extract, "print the article text found in each page"},
    {"ingest", an_cli_ingest, "code documents into a store (SQLite file or PostgreSQL URL); resumable"},
    {"query", an_cli_query, "select events from a store"},
    {"export", an_cli_export, "write every event of a store"},
    {"validate", an_cli_validate, "run a TABARI or PETRARCH validation suite"},
    {"dict", an_cli_dict, "check a dictionary (counts, malformed lines) or compile it to one binary file"},
};

static void print_usage(FILE *out) {
  fprintf(out, "annals %s — news into CAMEO-coded event data\n\n"
               "usage: annals COMMAND [OPTIONS] [FILE...]\n\ncommands:\n", AN_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\n'annals COMMAND --help' describes each command.\n"
               "Exit status: 0 success, 1 some inputs failed (the rest were processed),\n"
               "2 usage or setup error.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    print_usage(stderr);
    return AN_EXIT_USAGE;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    print_usage(stdout);
    return AN_EXIT_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("annals %s\n", AN_VERSION);
    return AN_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "annals: unknown command '%s'\n\n", argv[1]);
  print_usage(stderr);
  return AN_EXIT_USAGE;
}
