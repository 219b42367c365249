/*
 * cmd_extract.c — `annals extract`: prints the article found in each input
 * (title, then the body's paragraphs), as text or as JSON Lines.  Lets
 * extraction be read and measured on its own.
 */
#include "cli/cli.h"
#include "core/core.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef enum output_format { OUTPUT_TEXT, OUTPUT_JSON } output_format;

static void print_help(FILE *out) {
  fprintf(out,
          "usage: annals extract [--format text|json] [FILE...]\n\n"
          "Prints the article of each input: its title, then its body, paragraphs\n"
          "separated by blank lines, without navigation, share bars, related\n"
          "links, comments, cookie notices and other page furniture.\n\n"
          "  --format text   (default) \"# TITLE\", a blank line, the body, a blank line\n"
          "  --format json   one JSON object per document and line: id, url, title,\n"
          "                  published (YYYY-MM-DD), outlet, text, origin (null when unknown)\n"
          "  -h, --help      this help\n\n"
          "FILE may be an HTML page, plain text, JSON Lines, a WARC file, any of\n"
          "them gzip-compressed (.gz), or a directory (read recursively); \"-\" or\n"
          "no FILE reads standard input.\n\n"
          "Exit status: 0 success; 1 some inputs failed (each named on stderr, the\n"
          "others printed); 2 usage error.\n");
}

/* The body: the paragraphs the extractor kept, blank-line separated.
 * Caller frees. */
static char *join_paragraphs(const an_doc *doc) {
  size_t size = 1;
  for (size_t i = 0; i < doc->paragraph_count; i++) size += doc->paragraphs[i].length + 2;
  char *body = malloc(size), *cursor = body;
  if (!body) return NULL;
  for (size_t i = 0; i < doc->paragraph_count; i++) {
    if (i) *cursor++ = '\n', *cursor++ = '\n';
    memcpy(cursor, doc->text + doc->paragraphs[i].offset, doc->paragraphs[i].length);
    cursor += doc->paragraphs[i].length;
  }
  *cursor = '\0';
  return body;
}

static json_t *string_or_null(const char *text) {
  json_t *value = text ? json_string(text) : NULL;
  return value ? value : json_null(); /* json_string refuses invalid UTF-8 */
}

static int print_doc(const an_doc *doc, output_format format) {
  char *body = join_paragraphs(doc);
  if (!body) return AN_ERROR_MEMORY;
  int status = AN_OK;
  if (format == OUTPUT_TEXT) {
    printf("#%s%s\n\n", doc->title ? " " : "", doc->title ? doc->title : "");
    if (*body) printf("%s\n\n", body);
  } else {
    json_t *object = json_object();
    json_object_set_new(object, "id", string_or_null(doc->id));
    json_object_set_new(object, "url", string_or_null(doc->url));
    json_object_set_new(object, "title", string_or_null(doc->title));
    json_object_set_new(object, "published", string_or_null(doc->published));
    json_object_set_new(object, "outlet", string_or_null(doc->outlet));
    json_object_set_new(object, "text", string_or_null(body));
    json_object_set_new(object, "origin", string_or_null(doc->origin));
    char *line = json_dumps(object, JSON_COMPACT);
    if (line) {
      printf("%s\n", line);
      free(line);
    } else {
      status = AN_ERROR_MEMORY;
    }
    json_decref(object);
  }
  free(body);
  return status;
}

/* What each document is printed as, and whether all went well. */
typedef struct extract_run {
  output_format format;
  bool ok;
} extract_run;

static bool extract_one(void *context, an_doc *doc) {
  extract_run *run = context;
  if (print_doc(doc, run->format) != AN_OK) {
    an_cli_report("%s: out of memory", doc->origin ? doc->origin : "document");
    run->ok = false;
  }
  return true;
}

/* Extracts every document of one input: pages, .gz pages, WARC, JSON
 * Lines, directories, plain text (the readers tell them apart). */
static void extract_input(const char *path, extract_run *run) {
  if (an_cli_each_document(path, AN_INPUT_AUTO, extract_one, run) > 0) run->ok = false;
}

int an_cli_extract(int argc, char **argv) {
  output_format format = OUTPUT_TEXT;
  int first_file = argc;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    const char *value = NULL;
    if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
      print_help(stdout);
      return AN_EXIT_OK;
    } else if (!strcmp(arg, "--format")) {
      value = i + 1 < argc ? argv[++i] : NULL;
    } else if (!strncmp(arg, "--format=", 9)) {
      value = arg + 9;
    } else if (!strcmp(arg, "--")) {
      first_file = i + 1;
      break;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      an_cli_report("extract: unknown option '%s' (see annals extract --help)", arg);
      return AN_EXIT_USAGE;
    } else {
      first_file = i;
      break;
    }
    if (value) {
      if (!strcmp(value, "text")) format = OUTPUT_TEXT;
      else if (!strcmp(value, "json")) format = OUTPUT_JSON;
      else {
        an_cli_report("extract: --format must be text or json, not '%s'", value);
        return AN_EXIT_USAGE;
      }
    } else {
      an_cli_report("extract: --format needs a value: text or json");
      return AN_EXIT_USAGE;
    }
  }
  extract_run run = {format, true};
  if (first_file >= argc) extract_input("-", &run);
  for (int i = first_file; i < argc; i++) extract_input(argv[i], &run);
  bool ok = run.ok;
  if (fflush(stdout) != 0 || ferror(stdout)) {
    an_cli_report("extract: cannot write the output");
    return AN_EXIT_PARTIAL;
  }
  return ok ? AN_EXIT_OK : AN_EXIT_PARTIAL;
}
