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
#include <zlib.h>

enum {
  AN_EXTRACT_MAX_PAGE = 256 * 1024 * 1024, /* bytes of one decompressed page */
  AN_EXTRACT_READ_CHUNK = 1 << 16
};

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
          "FILE may be an HTML page (.html, .htm), a gzip-compressed page (.html.gz,\n"
          ".htm.gz), or anything the readers accept (plain text, and the formats the\n"
          "reader module knows); \"-\" or no FILE reads standard input.\n\n"
          "Exit status: 0 success; 1 some inputs failed (each named on stderr, the\n"
          "others printed); 2 usage error.\n");
}

static bool is_gzip_page(const char *path) {
  return an_ends_with(path, ".html.gz") || an_ends_with(path, ".htm.gz");
}

static bool is_html_name(const char *path) {
  return an_ends_with(path, ".html") || an_ends_with(path, ".htm");
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

/* Reads a whole gzip-compressed page.  Caller frees; NULL after filling
 * error (naming the path). */
static char *read_gzip(const char *path, size_t *length, an_error *error) {
  gzFile file = gzopen(path, "rb");
  if (!file) {
    an_error_set(error, AN_ERROR_IO, "%s: cannot open", path);
    return NULL;
  }
  an_buffer buffer;
  an_buffer_init(&buffer);
  char chunk[AN_EXTRACT_READ_CHUNK];
  int got;
  while ((got = gzread(file, chunk, sizeof chunk)) > 0) {
    if (buffer.size + (size_t)got > AN_EXTRACT_MAX_PAGE) {
      an_error_set(error, AN_ERROR_LIMIT, "%s: larger than %d bytes once decompressed", path,
                   AN_EXTRACT_MAX_PAGE);
      break;
    }
    if (an_buffer_append(&buffer, chunk, (size_t)got) != AN_OK) {
      an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path);
      break;
    }
  }
  int code = Z_OK;
  const char *message = gzerror(file, &code);
  bool failed = got < 0 || (code != Z_OK && code != Z_BUF_ERROR) || (error && error->code);
  if (got < 0 || code != Z_OK) {
    if (!error || !error->code)
      an_error_set(error, AN_ERROR_FORMAT, "%s: byte %zu of the page: corrupt or truncated gzip (%s)",
                   path, buffer.size, message ? message : "read error");
    failed = true;
  }
  gzclose(file);
  if (failed) {
    an_buffer_clear(&buffer);
    return NULL;
  }
  *length = buffer.size;
  char *bytes = an_buffer_detach(&buffer);
  return bytes ? bytes : an_strdup("");
}

/* Extracts one .html.gz page.  Returns true on success. */
static bool extract_gzip(const char *path, output_format format) {
  an_error error = {0};
  size_t length = 0;
  char *bytes = read_gzip(path, &length, &error);
  an_doc *doc = bytes ? an_doc_from_buffer(bytes, length, AN_INPUT_HTML, path, &error) : NULL;
  free(bytes);
  if (!doc) {
    an_cli_report("%s", error.message[0] ? error.message : path);
    return false;
  }
  bool ok = print_doc(doc, format) == AN_OK;
  if (!ok) an_cli_report("%s: out of memory", path);
  an_doc_free(doc);
  return ok;
}

/* Extracts every document of one input through the readers. */
static bool extract_input(const char *path, output_format format) {
  an_error error = {0};
  an_reader *reader = an_reader_open(path, is_html_name(path) ? AN_INPUT_HTML : AN_INPUT_AUTO, &error);
  if (!reader) {
    an_cli_report("%s", error.message[0] ? error.message : path);
    return false;
  }
  bool ok = true;
  for (;;) {
    an_doc *doc = NULL;
    an_error_clear(&error);
    int status = an_reader_next(reader, &doc, &error);
    if (status != AN_OK) {
      an_cli_report("%s", error.message[0] ? error.message : path);
      ok = false;
      if (status == AN_ERROR_IO || status == AN_ERROR_MEMORY) break; /* cannot go on */
      continue;
    }
    if (!doc) break;
    if (print_doc(doc, format) != AN_OK) {
      an_cli_report("%s: out of memory", path);
      ok = false;
    }
    an_doc_free(doc);
  }
  an_reader_close(reader);
  return ok;
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
  bool ok = true;
  if (first_file >= argc) {
    ok = extract_input("-", format);
  } else {
    for (int i = first_file; i < argc; i++)
      ok = (is_gzip_page(argv[i]) ? extract_gzip(argv[i], format) : extract_input(argv[i], format)) && ok;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    an_cli_report("extract: cannot write the output");
    return AN_EXIT_PARTIAL;
  }
  return ok ? AN_EXIT_OK : AN_EXIT_PARTIAL;
}
