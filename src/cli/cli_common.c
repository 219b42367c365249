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
#include <time.h>
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

/* The command loads at most one dictionary; how many lines it warned about. */
static int last_dict_warnings;

int an_cli_last_dict_warnings(void) { return last_dict_warnings; }

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
  last_dict_warnings = warnings;
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

bool an_cli_progress_enabled(void) { return isatty(STDERR_FILENO); }

/* Seconds between two redraws of a progress line. */
#define AN_PROGRESS_INTERVAL 0.25

static double now_seconds(void) {
  struct timespec clock;
  clock_gettime(CLOCK_MONOTONIC, &clock);
  return (double)clock.tv_sec + (double)clock.tv_nsec / 1e9;
}

static void format_duration(char *out, size_t capacity, double seconds) {
  long whole = seconds < 0 ? 0 : (long)seconds;
  snprintf(out, capacity, "%02ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
}

void an_cli_progress_start(an_cli_progress *progress, int inputs_total) {
  progress->enabled = an_cli_progress_enabled();
  progress->started = progress->last_drawn = now_seconds();
  progress->inputs_done = 0;
  progress->inputs_total = inputs_total;
}

void an_cli_progress_draw(an_cli_progress *progress, long documents, long events, bool final) {
  double now = now_seconds();
  if (!progress->enabled || (!final && now - progress->last_drawn < AN_PROGRESS_INTERVAL)) return;
  progress->last_drawn = now;
  double elapsed = now - progress->started;
  double rate = elapsed > 0 ? (double)documents / elapsed : 0;
  double event_rate = elapsed > 0 ? (double)events / elapsed : 0;
  char elapsed_text[48], eta_text[48] = "--:--:--";
  format_duration(elapsed_text, sizeof elapsed_text, elapsed);
  if (progress->inputs_done > 0 && progress->inputs_done < progress->inputs_total)
    format_duration(eta_text, sizeof eta_text,
                    elapsed / progress->inputs_done * (progress->inputs_total - progress->inputs_done));
  else if (progress->inputs_done >= progress->inputs_total)
    snprintf(eta_text, sizeof eta_text, "done");
  fprintf(stderr, "\r\033[K%ld documents (%.1f/s), %ld events (%.1f/s), input %d/%d, %s elapsed, ETA %s",
          documents, rate, events, event_rate, progress->inputs_done, progress->inputs_total, elapsed_text,
          eta_text);
  if (final) fputc('\n', stderr);
  fflush(stderr);
}

/* Consecutive failed records after which an input is abandoned: a reader
 * that cannot move past its errors must not loop forever. */
#define AN_CLI_MAX_CONSECUTIVE_FAILURES 10000

long an_cli_each_document(const char *path, an_input_kind kind, an_cli_document_fn fn, void *context) {
  an_error error = {0};
  an_reader *reader = an_reader_open(path, kind, &error);
  if (!reader) {
    an_cli_report("%s", error.message[0] ? error.message : path);
    return 1;
  }
  long failures = 0, consecutive = 0;
  for (;;) {
    an_doc *doc = NULL;
    an_error_clear(&error);
    if (an_reader_next(reader, &doc, &error) != AN_OK) {
      an_cli_report("%s", error.message[0] ? error.message : path);
      failures++;
      if (++consecutive >= AN_CLI_MAX_CONSECUTIVE_FAILURES || error.code == AN_ERROR_MEMORY) break;
      continue;
    }
    consecutive = 0;
    if (!doc) break;
    bool go_on = fn(context, doc);
    an_doc_free(doc);
    if (!go_on) break;
  }
  an_reader_close(reader);
  return failures;
}
