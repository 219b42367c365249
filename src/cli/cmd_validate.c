/*
 * cmd_validate.c — `annals validate`: runs a TABARI validation suite (via
 * a .project's <textfile>, or a suite file next to a project) or, with
 * --petrarch DIR, a PETRARCH XML suite against PETRARCH dictionaries.
 * Prints PASS/FAIL per record and closes with "N passed, N failed".
 * Never writes anything: the output files a TABARI project names are
 * ignored.
 */
#include "cli/cli.h"
#include "tabari/tabari_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_usage(FILE *out) {
  fprintf(out,
          "usage: annals validate FILE.project [--all] [--verbose]\n"
          "       annals validate SUITE.text --project FILE.project [--all] [--verbose]\n"
          "       annals validate SUITE.xml --petrarch DIR [--verbose]\n"
          "Codes every validation record and prints PASS or FAIL (with the expected\n"
          "and the coded events), then 'N passed, N failed'.  TABARI suites stop at the\n"
          "record that says \"end of the standard validation records\" unless --all.\n"
          "Exit status: 0 all passed, 1 some failed, 2 usage or setup error.\n");
}

static void warn_stderr(void *context, const char *message) {
  (void)context;
  fprintf(stderr, "annals: warning: %s\n", message);
}

static int ends_with(const char *text, const char *suffix) {
  size_t length = strlen(text), suffix_length = strlen(suffix);
  return length >= suffix_length && !strcmp(text + length - suffix_length, suffix);
}

/* A suite without --project: look for exactly one .project beside it that
 * names it, else fail. */
static char *project_beside(const char *suite) {
  const char *slash = strrchr(suite, '/');
  size_t folder = slash ? (size_t)(slash - suite) : 0;
  const char *base = slash ? slash + 1 : suite;
  char candidate[1024];
  size_t base_length = strlen(base);
  const char *dot = strrchr(base, '.');
  if (dot) base_length = (size_t)(dot - base);
  snprintf(candidate, sizeof candidate, "%.*s%s%.*s.project", (int)folder, suite,
           folder ? "/" : "", (int)base_length, base);
  FILE *probe = fopen(candidate, "r");
  if (!probe) return NULL;
  fclose(probe);
  return strdup(candidate);
}

int an_cli_validate(int argc, char **argv) {
  const char *input = NULL, *petrarch = NULL, *project = NULL;
  int flags = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { print_usage(stdout); return AN_EXIT_OK; }
    else if (!strcmp(argv[i], "--all")) flags |= AN_TABARI_VALIDATE_ALL;
    else if (!strcmp(argv[i], "--verbose")) flags |= AN_TABARI_VALIDATE_VERBOSE;
    else if (!strcmp(argv[i], "--petrarch") && i + 1 < argc) petrarch = argv[++i];
    else if (!strcmp(argv[i], "--project") && i + 1 < argc) project = argv[++i];
    else if (argv[i][0] == '-' && argv[i][1]) { an_cli_report("validate: unknown option %s", argv[i]); print_usage(stderr); return AN_EXIT_USAGE; }
    else if (!input) input = argv[i];
    else { an_cli_report("validate: one suite at a time"); return AN_EXIT_USAGE; }
  }
  if (!input) { print_usage(stderr); return AN_EXIT_USAGE; }
  an_error error = {0};
  an_tabari_dict *dict = NULL;
  const char *suite = input;
  char *found_project = NULL;
  if (petrarch) {
    flags |= AN_TABARI_VALIDATE_PETRARCH;
    dict = an_tabari_load_petrarch(petrarch, warn_stderr, NULL, &error);
  } else {
    if (!project && ends_with(input, ".project")) project = input;
    if (!project) project = found_project = project_beside(input);
    if (!project) { an_cli_report("validate: %s: no .project given (use --project FILE)", input); return AN_EXIT_USAGE; }
    dict = an_tabari_load_project(project, warn_stderr, NULL, &error);
  }
  if (!dict) { an_cli_report("%s", error.message); free(found_project); return AN_EXIT_USAGE; }
  fprintf(stderr, "annals: dictionaries: %s\n", an_tabari_summary(dict));
  if (suite == project) suite = an_tabari_project_textfile(dict);
  if (!suite) { an_cli_report("validate: %s names no <textfile>", project); an_tabari_dict_free(dict); free(found_project); return AN_EXIT_USAGE; }
  an_tabari_validation result;
  int status = an_tabari_validate(dict, suite, flags, stdout, &result, &error);
  an_tabari_dict_free(dict);
  free(found_project);
  if (status != AN_OK) { an_cli_report("%s", error.message); return AN_EXIT_USAGE; }
  printf("%d passed, %d failed\n", result.passed, result.failed);
  return result.failed ? AN_EXIT_PARTIAL : AN_EXIT_OK;
}
