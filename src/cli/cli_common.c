/*
 * cli_common.c — what every subcommand shares: reporting, choosing and
 * loading the dictionary, date checks, whether to draw progress.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void an_cli_report(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("annals: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
}

static void warn_to_stderr(void *context, const char *message) {
  int *count = context;
  (*count)++;
  fprintf(stderr, "annals: warning: %s\n", message);
}

static bool is_directory(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* PREFIX/share/annals/dict beside an installed PREFIX/bin/annals. */
static bool installed_dict(char *out, size_t capacity) {
  char executable[4096];
  ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
  if (length <= 0) return false;
  executable[length] = '\0';
  char *slash = strrchr(executable, '/');
  if (!slash) return false;
  *slash = '\0';
  snprintf(out, capacity, "%s/../share/annals/dict", executable);
  return is_directory(out);
}

const char *an_cli_default_dict(void) {
  static char beside_executable[4200]; /* the CLI's one answer, computed once per call */
  const char *from_environment = getenv("ANNALS_DICT");
  if (from_environment && *from_environment) return from_environment;
  if (is_directory("dict")) return "dict";
  if (installed_dict(beside_executable, sizeof beside_executable)) return beside_executable;
  if (is_directory("/usr/local/share/annals/dict")) return "/usr/local/share/annals/dict";
  return "/usr/share/annals/dict";
}

an_dict *an_cli_load_dict(const char *dict_dir, const char *tabari, const char *petrarch) {
  int chosen = (dict_dir != NULL) + (tabari != NULL) + (petrarch != NULL);
  if (chosen > 1) {
    an_cli_report("choose one of --dict, --tabari, --petrarch");
    return NULL;
  }
  an_error error = {0};
  int warnings = 0;
  an_dict *dict;
  if (tabari) dict = an_dict_load_tabari(tabari, warn_to_stderr, &warnings, &error);
  else if (petrarch) dict = an_dict_load_petrarch(petrarch, warn_to_stderr, &warnings, &error);
  else dict = an_dict_load(dict_dir ? dict_dir : an_cli_default_dict(), warn_to_stderr, &warnings, &error);
  if (!dict) {
    an_cli_report("%s", error.message);
    return NULL;
  }
  if (warnings) an_cli_report("dictionary loaded with %d warning%s: %s", warnings, warnings == 1 ? "" : "s",
                              an_dict_summary(dict));
  return dict;
}

bool an_cli_valid_date(const char *text) {
  int year, month, day;
  char extra;
  if (!text || strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3) return false;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

bool an_cli_progress_enabled(void) { return isatty(STDERR_FILENO) && !getenv("CI"); }
