/*
 * cmd_dict.c — `annals dict check` (load a dictionary, name each malformed
 * line, print what loaded) and `annals dict compile` (one binary file that
 * loads without parsing).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out) {
  fputs("usage: annals dict check [--dict DIR|FILE | --tabari FILE.project | --petrarch DIR]\n"
        "       annals dict compile [--dict DIR] OUTPUT\n\n"
        "check    loads the dictionary, names every malformed line (file:line) on stderr\n"
        "         and prints how many entries of each kind loaded; exit 1 when a line\n"
        "         was malformed.\n"
        "compile  writes annals' own dictionary (default: the one `annals code` uses) as\n"
        "         one checked binary file; --dict OUTPUT then loads it without parsing.\n", out);
}

static int counting_load(const char *dict_dir, const char *tabari, const char *petrarch, an_dict **out) {
  *out = an_cli_load_dict(dict_dir, tabari, petrarch);
  return *out ? AN_EXIT_OK : AN_EXIT_USAGE;
}

static int check(int argc, char **argv) {
  const char *dict_dir = NULL, *tabari = NULL, *petrarch = NULL;
  for (int i = 0; i < argc; i++) {
    const char **slot = !strcmp(argv[i], "--dict") ? &dict_dir : !strcmp(argv[i], "--tabari") ? &tabari
                      : !strcmp(argv[i], "--petrarch") ? &petrarch : NULL;
    if (!slot || i + 1 >= argc) { usage(stderr); return AN_EXIT_USAGE; }
    *slot = argv[++i];
  }
  an_dict *dict;
  int status = counting_load(dict_dir, tabari, petrarch, &dict);
  if (status != AN_EXIT_OK) return status;
  printf("%s\n", an_dict_summary(dict));
  int warnings = an_cli_last_dict_warnings();
  an_dict_free(dict);
  return warnings ? AN_EXIT_PARTIAL : AN_EXIT_OK;
}

static int compile(int argc, char **argv) {
  const char *dict_dir = NULL, *output = NULL;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "--dict") && i + 1 < argc) dict_dir = argv[++i];
    else if (argv[i][0] != '-' && !output) output = argv[i];
    else { usage(stderr); return AN_EXIT_USAGE; }
  }
  if (!output) { usage(stderr); return AN_EXIT_USAGE; }
  an_dict *dict;
  int status = counting_load(dict_dir, NULL, NULL, &dict);
  if (status != AN_EXIT_OK) return status;
  an_error error = {0};
  if (an_dict_save(dict, output, &error) != AN_OK) {
    an_cli_report("%s", error.message);
    an_dict_free(dict);
    return AN_EXIT_PARTIAL;
  }
  fprintf(stderr, "annals: compiled %s into %s\n", an_dict_summary(dict), output);
  an_dict_free(dict);
  return AN_EXIT_OK;
}

int an_cli_dict(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? AN_EXIT_USAGE : AN_EXIT_OK;
  }
  if (!strcmp(argv[1], "check")) return check(argc - 2, argv + 2);
  if (!strcmp(argv[1], "compile")) return compile(argc - 2, argv + 2);
  an_cli_report("dict: unknown action '%s' (check, compile)", argv[1]);
  return AN_EXIT_USAGE;
}
