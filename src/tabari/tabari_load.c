/*
 * tabari_load.c — reads TABARI dictionaries: the .project file and the
 * .options, .verbs, .actors and .agents files it names (TABARI manual
 * 0.8.4, chapters 5, 6 and 8).  Malformed lines are reported through the
 * warn callback with file:line and skipped; loading goes on.
 */
#include "tabari/tabari_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One dictionary file being read. */
typedef struct reader {
  an_tabari_dict *dict;
  const char *path;   /* for messages */
  int file;           /* index in dict->files */
  FILE *stream;
  uint32_t line;
  char text[TB_MAX_LINE];
} reader;

/* Reads the next line into r->text without the newline.  0 at the end. */
static int next_line(reader *r) {
  if (!fgets(r->text, sizeof r->text, r->stream)) return 0;
  r->line++;
  size_t length = strlen(r->text);
  if (length == sizeof r->text - 1 && r->text[length - 1] != '\n') {
    int c;
    while ((c = fgetc(r->stream)) != EOF && c != '\n') {}
    tb_warn(r->dict, r->path, r->line, "line too long, cut", NULL);
  }
  while (length && (r->text[length - 1] == '\n' || r->text[length - 1] == '\r'))
    r->text[--length] = '\0';
  return 1;
}

static char *trim(char *text) {
  while (*text == ' ' || *text == '\t') text++;
  size_t length = strlen(text);
  while (length && (text[length - 1] == ' ' || text[length - 1] == '\t')) text[--length] = '\0';
  return text;
}

/* Cuts a ";comment" off the line (TABARI comments follow a semicolon). */
static void cut_comment(char *text) {
  char *semicolon = strchr(text, ';');
  if (semicolon) *semicolon = '\0';
}

static int open_reader(reader *r, an_tabari_dict *dict, const char *path, an_error *error) {
  memset(r, 0, sizeof *r);
  r->dict = dict;
  r->path = path;
  r->stream = fopen(path, "r");
  if (!r->stream) return an_error_set(error, AN_ERROR_IO, "%s: cannot open", path);
  r->file = tb_add_file(dict, path);
  return AN_OK;
}

/* ---- options ------------------------------------------------------------ */

void tb_options_defaults(tb_options *options) {
  memset(options, 0, sizeof *options);
  options->comma_min = 2;
  options->comma_max = 10;
  options->comma_emin = 2;
  options->comma_emax = 10;
  options->comma_bmin = 128;
  options->comma_bmax = 0;
  options->minimum_words = 8; /* manual 8.2.3 */
}

/* Value of "NAME[n]" or "NAME = n" in text, or fallback. */
static int number_after(const char *text, const char *name, int fallback) {
  const char *at = strstr(text, name);
  if (!at) return fallback;
  at += strlen(name);
  while (*at && !isdigit((unsigned char)*at) && *at != 'O' && strchr(" =[", *at)) at++;
  if (!isdigit((unsigned char)*at)) return fallback;
  return atoi(at);
}

/* Copies the code in the [...] after name into out. */
static int code_after(const char *text, const char *name, char *out, size_t size) {
  const char *at = strstr(text, name);
  if (!at) return 0;
  const char *open = strchr(at, '[');
  const char *close = open ? strchr(open, ']') : NULL;
  if (!close) return 0;
  size_t n = 0;
  for (const char *c = open + 1; c < close && n + 1 < size; c++)
    if (*c != ' ') out[n++] = (char)toupper((unsigned char)*c);
  out[n] = '\0';
  return 1;
}

static void apply_default(tb_options *options, const char *text) {
  if (strstr(text, "OFF") && !strstr(text, "SOURCE") && !strstr(text, "TARGET")) {
    options->default_source[0] = options->default_target[0] = '\0';
    options->default_source_prior = options->default_target_after = 0;
    return;
  }
  const char *target = strstr(text, "TARGET");
  if (code_after(text, "SOURCE", options->default_source, sizeof options->default_source)) {
    const char *prior = strstr(text, "PRIOR");
    options->default_source_prior = prior && (!target || prior < target);
  }
  if (code_after(text, "TARGET", options->default_target, sizeof options->default_target))
    options->default_target_after = target && strstr(target, "AFTER") != NULL;
}

static void apply_complex(tb_options *options, const char *text) {
  options->complex_verbs = number_after(text, "VERBS", 0);
  options->complex_actors = number_after(text, "ACTORS", 0);
  options->complex_conj = number_after(text, "CONJ", 0);
  options->complex_noactprior = strstr(text, "NOACTPRIOR") != NULL;
  options->complex_noverb = strstr(text, "NOVERB") != NULL;
}

/* FORWARD: FORMAT [DOC] [OFF] — the format is kept for the validation
 * runner, which reads story and sentence numbers from record ids. */
static void apply_forward(tb_options *options, const char *text) {
  options->forward = strstr(text, " OFF") == NULL;
  while (*text == ' ' || *text == '\t') text++;
  size_t n = 0;
  while (text[n] && text[n] != ' ' && text[n] != '\t' && n + 1 < sizeof options->forward_format) n++;
  memcpy(options->forward_format, text, n);
  options->forward_format[n] = '\0';
}

static void apply_comma(tb_options *options, const char *text) {
  if (strstr(text, "OFF")) { options->comma_off = 1; return; }
  options->comma_off = 0;
  /* EMIN/BMIN contain MIN: read the prefixed ones first, then the bare ones
   * by looking for " MIN" / "MIN" at the start of a word. */
  options->comma_emin = number_after(text, "EMIN", options->comma_emin);
  options->comma_emax = number_after(text, "EMAX", options->comma_emax);
  options->comma_bmin = number_after(text, "BMIN", options->comma_bmin);
  options->comma_bmax = number_after(text, "BMAX", options->comma_bmax);
  for (const char *at = text; (at = strstr(at, "MIN")); at += 3)
    if (at == text || !isalpha((unsigned char)at[-1])) { options->comma_min = number_after(at, "MIN", options->comma_min); break; }
  for (const char *at = text; (at = strstr(at, "MAX")); at += 3)
    if (at == text || !isalpha((unsigned char)at[-1])) { options->comma_max = number_after(at, "MAX", options->comma_max); break; }
}

int tb_options_apply(tb_options *options, const char *line) {
  char text[512];
  size_t n = 0;
  for (const char *c = line; *c && n + 1 < sizeof text; c++) text[n++] = (char)toupper((unsigned char)*c);
  text[n] = '\0';
  char *comment = strstr(text, "//");
  if (comment) *comment = '\0';
  char *body = trim(text);
  if (!*body || *body == '#') return 0;
  if (!strncmp(body, "COMPLEX:", 8)) apply_complex(options, body + 8);
  else if (!strncmp(body, "DEFAULT:", 8)) apply_default(options, body + 8);
  else if (!strncmp(body, "COMMA:", 6)) apply_comma(options, body + 6);
  else if (!strncmp(body, "FORWARD:", 8)) apply_forward(options, body + 8);
  else if (!strncmp(body, "SET:", 4)) {
    const char *setting = body + 4;
    int truth = strstr(setting, "TRUE") != NULL || strstr(setting, "= T") != NULL;
    if (strstr(setting, "CODE BY SENTENCE")) options->code_by = 1;
    else if (strstr(setting, "CODE ALL")) options->code_by = 2;
    else if (strstr(setting, "CODE BY CLAUSE")) options->code_by = 0;
    else if (strstr(setting, "CONVERT AGENT")) options->convert_agents = truth;
    else if (strstr(setting, "MINIMUM WORDS")) options->minimum_words = number_after(setting, "WORDS", 0);
  }
  return 1;
}

static void load_options(an_tabari_dict *dict, const char *path, an_error *error) {
  reader r;
  if (open_reader(&r, dict, path, error)) return;
  while (next_line(&r)) {
    if (!strncmp(r.text, "~~", 2)) break;
    tb_options_apply(&dict->options, r.text);
  }
  fclose(r.stream);
}

/* ---- actors, agents, nouns --------------------------------------------- */

/* A primary phrase with its + synonyms and the code blocks seen so far. */
typedef struct pending {
  char phrases[32][256];
  uint32_t lines[32];
  size_t count;
  char codes[TB_MAX_LINE];
} pending;

static void add_agent(reader *r, const char *phrase, const char *codes, uint32_t line) {
  const char *why = NULL;
  const char *open = strchr(codes, '[');
  const char *close = open ? strchr(open, ']') : NULL;
  char code[64];
  size_t n = 0;
  if (open && close)
    for (const char *c = open + 1; c < close && n + 1 < sizeof code; c++)
      if (*c != ' ' && *c != '\t') code[n++] = (char)toupper((unsigned char)*c);
  code[n] = '\0';
  if (!open || !close || !n) { tb_warn(r->dict, r->path, line, "no code in [...]", phrase); return; }
  if (!strchr(code, '~')) { tb_warn(r->dict, r->path, line, "agent code without ~", phrase); return; }
  uint32_t offset = tb_pool_add(r->dict, code, n);
  if (tb_add_root(r->dict, phrase, TB_ROOT_AGENT, offset, r->file, line, &why))
    tb_warn(r->dict, r->path, line, why, phrase);
}

static void flush_pending(reader *r, pending *p, int kind) {
  if (!p->count) return;
  const char *why = NULL;
  if (kind == TB_ROOT_AGENT) {
    for (size_t i = 0; i < p->count; i++) add_agent(r, p->phrases[i], p->codes, p->lines[i]);
  } else if (kind == TB_ROOT_DISCARD) {
    for (size_t i = 0; i < p->count; i++)
      if (tb_add_root(r->dict, p->phrases[i], TB_ROOT_DISCARD, 0, r->file, p->lines[i], &why))
        tb_warn(r->dict, r->path, p->lines[i], why, p->phrases[i]);
  } else if (!strchr(p->codes, '[')) {
    tb_warn(r->dict, r->path, p->lines[0], "no code in [...]", p->phrases[0]);
  } else {
    uint32_t codes = tb_add_actor_codes(r->dict, p->codes, &why);
    if (codes == UINT32_MAX) {
      tb_warn(r->dict, r->path, p->lines[0], why, p->phrases[0]);
    } else {
      for (size_t i = 0; i < p->count; i++)
        if (tb_add_root(r->dict, p->phrases[i], TB_ROOT_ACTOR, codes, r->file, p->lines[i], &why))
          tb_warn(r->dict, r->path, p->lines[i], why, p->phrases[i]);
    }
  }
  p->count = 0;
  p->codes[0] = '\0';
}

static void pending_add(pending *p, const char *phrase, uint32_t line) {
  if (p->count >= 32) return;
  snprintf(p->phrases[p->count], sizeof p->phrases[0], "%.255s", phrase);
  p->lines[p->count++] = line;
}

static void pending_codes(pending *p, const char *codes) {
  size_t used = strlen(p->codes);
  snprintf(p->codes + used, sizeof p->codes - used, " %s", codes);
}

/* Splits "PHRASE [codes]": copies the trimmed phrase into phrase and
 * returns the codes text (from the first '[', or ""). */
static const char *split_codes(const char *text, char *phrase, size_t size) {
  const char *open = strchr(text, '[');
  size_t length = open ? (size_t)(open - text) : strlen(text);
  if (length >= size) length = size - 1;
  memcpy(phrase, text, length);
  phrase[length] = '\0';
  char *trimmed = trim(phrase);
  memmove(phrase, trimmed, strlen(trimmed) + 1);
  return open ? open : "";
}

/* Adds a noun or adjective line (no code). */
static void add_plain(reader *r, char *text, int kind) {
  cut_comment(text);
  char *phrase = trim(text);
  if (!*phrase) return;
  const char *why = NULL;
  if (tb_add_root(r->dict, phrase, kind, 0, r->file, r->line, &why))
    tb_warn(r->dict, r->path, r->line, why, phrase);
}

static void load_actors(an_tabari_dict *dict, const char *path, int kind, an_error *error) {
  reader r;
  if (open_reader(&r, dict, path, error)) return;
  pending *p = calloc(1, sizeof *p);
  if (!p) { fclose(r.stream); an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path); return; }
  int section = 0; /* TB_ROOT_NOUN / ADJECTIVE inside tags */
  while (next_line(&r)) {
    char *text = r.text;
    if (!strncmp(text, "~~", 2)) break;
    char *stripped = trim(text);
    if (!*stripped || *stripped == '#' || *stripped == '/') continue;
    if (*stripped == '<') {
      flush_pending(&r, p, kind);
      if (!strncasecmp(stripped, "<NOUN", 5)) section = TB_ROOT_NOUN;
      else if (!strncasecmp(stripped, "<ADJ", 4)) section = TB_ROOT_ADJECTIVE;
      else if (stripped[1] == '/') section = 0;
      else section = -1; /* a section we do not use */
      continue;
    }
    if (section > 0) { add_plain(&r, stripped, section); continue; }
    if (section < 0) continue;
    cut_comment(stripped);
    if (text[0] == ' ' || text[0] == '\t') { /* continuation: a code block */
      if (!p->count) tb_warn(dict, path, r.line, "code line without a phrase", stripped);
      else pending_codes(p, stripped);
      continue;
    }
    char phrase_buffer[TB_MAX_LINE];
    const char *codes = split_codes(stripped, phrase_buffer, sizeof phrase_buffer);
    char *phrase = phrase_buffer;
    if (*phrase == '+') {
      if (!p->count) { tb_warn(dict, path, r.line, "synonym without a phrase", phrase); continue; }
      pending_add(p, trim(phrase + 1), r.line);
      if (*codes) pending_codes(p, codes);
      continue;
    }
    flush_pending(&r, p, kind);
    if (!*phrase) { tb_warn(dict, path, r.line, "phrase missing", codes); continue; }
    pending_add(p, phrase, r.line);
    if (*codes) pending_codes(p, codes);
  }
  flush_pending(&r, p, kind);
  free(p);
  fclose(r.stream);
}

/* ---- verbs -------------------------------------------------------------- */

static void add_verb_forms(reader *r, char *text, uint32_t verb) {
  char *close = strchr(text, '}');
  if (close) *close = '\0';
  int any = 0;
  for (char *word = strtok(text + 1, " \t"); word; word = strtok(NULL, " \t")) {
    const char *why = NULL;
    if (tb_add_root(r->dict, word, TB_ROOT_VERB, verb, r->file, r->line, &why))
      tb_warn(r->dict, r->path, r->line, why, word);
    any = 1;
  }
  if (!any) tb_warn(r->dict, r->path, r->line, "no verb forms inside {...}", NULL);
}

static void add_pattern_line(reader *r, char *text, uint32_t verb) {
  char body[TB_MAX_LINE];
  const char *codes = split_codes(text + 1, body, sizeof body);
  const char *why = NULL;
  if (verb == UINT32_MAX) { tb_warn(r->dict, r->path, r->line, "pattern before any verb", body); return; }
  if (!*codes) { tb_warn(r->dict, r->path, r->line, "no code in [...]", body); return; }
  if (!strchr(body, '*')) { tb_warn(r->dict, r->path, r->line, "missing verb marker '*'", body); return; }
  if (tb_add_pattern(r->dict, verb, body, codes, r->file, r->line, &why))
    tb_warn(r->dict, r->path, r->line, why, body);
}

static uint32_t add_verb_root(reader *r, char *text) {
  char phrase[TB_MAX_LINE];
  const char *codes = split_codes(text, phrase, sizeof phrase);
  const char *why = NULL;
  if (!*codes) { tb_warn(r->dict, r->path, r->line, "no code in [...]", phrase); return UINT32_MAX; }
  uint32_t verb = tb_add_verb(r->dict, codes, r->file, r->line, &why);
  if (verb == UINT32_MAX) { tb_warn(r->dict, r->path, r->line, why, phrase); return verb; }
  if (tb_add_root(r->dict, phrase, TB_ROOT_VERB, verb, r->file, r->line, &why)) {
    tb_warn(r->dict, r->path, r->line, why, phrase);
    return UINT32_MAX;
  }
  return verb;
}

static void synset_line(reader *r, char *text, char *current, size_t size) {
  cut_comment(text);
  char *body = trim(text);
  if (!*body) return;
  if (*body == '&') {
    snprintf(current, size, "%s", body);
    for (char *c = current; *c; c++) *c = (char)toupper((unsigned char)*c);
    tb_add_synset(r->dict, current, NULL);
  } else if (*body == '+' && *current) {
    tb_add_synset(r->dict, current, trim(body + 1));
  } else {
    tb_warn(r->dict, r->path, r->line, "synset line without & or +", body);
  }
}

static void load_verbs(an_tabari_dict *dict, const char *path, an_error *error) {
  reader r;
  if (open_reader(&r, dict, path, error)) return;
  int section = 0; /* 1 synsets, 2 time, 3 noun, 4 adjective, -1 other */
  char synset[256] = "";
  uint32_t verb = UINT32_MAX;
  while (next_line(&r)) {
    char *text = r.text;
    if (!strncmp(text, "~~", 2)) break;
    char *stripped = trim(text);
    if (!*stripped || *stripped == '#' || *stripped == '/') continue;
    if (*stripped == '<') {
      if (!strncasecmp(stripped, "<SYNSET", 7)) section = 1;
      else if (!strncasecmp(stripped, "<TIME", 5)) section = 2;
      else if (!strncasecmp(stripped, "<NOUN", 5)) section = 3;
      else if (!strncasecmp(stripped, "<ADJ", 4)) section = 4;
      else if (stripped[1] == '/') section = 0;
      else section = -1;
      continue;
    }
    if (section == 1) { synset_line(&r, stripped, synset, sizeof synset); continue; }
    if (section == 3 || section == 4) {
      add_plain(&r, stripped, section == 3 ? TB_ROOT_NOUN : TB_ROOT_ADJECTIVE);
      continue;
    }
    if (section == 2) { /* time shifts: the words only, shifts unused */
      if (*stripped != '-') {
        char phrase[TB_MAX_LINE];
        cut_comment(stripped);
        const char *codes = split_codes(stripped, phrase, sizeof phrase);
        add_plain(&r, phrase, strstr(codes, "###") ? TB_ROOT_DISCARD : TB_ROOT_TIME);
      }
      continue;
    }
    if (section < 0) continue;
    cut_comment(stripped);
    if (*stripped == '{') { if (verb != UINT32_MAX) add_verb_forms(&r, stripped, verb); continue; }
    if (*stripped == '-' || (*stripped == '_' && stripped[1] == ' ')) {
      add_pattern_line(&r, stripped, verb);
      continue;
    }
    verb = add_verb_root(&r, stripped);
  }
  fclose(r.stream);
}

/* ---- project ------------------------------------------------------------ */

/* Joins a project-relative name to the project's folder. */
static void resolve_path(const char *project, const char *name, char *out, size_t size) {
  if (name[0] == '/') { snprintf(out, size, "%s", name); return; }
  const char *slash = strrchr(project, '/');
  if (!slash) snprintf(out, size, "%s", name);
  else snprintf(out, size, "%.*s/%s", (int)(slash - project), project, name);
}

static int project_entry(an_tabari_dict *dict, const char *project, const char *tag,
                         const char *name, an_error *error) {
  char path[1024];
  resolve_path(project, name, path, sizeof path);
  an_error local = {0};
  if (!strcmp(tag, "actorsfile")) load_actors(dict, path, TB_ROOT_ACTOR, &local);
  else if (!strcmp(tag, "agentsfile")) load_actors(dict, path, TB_ROOT_AGENT, &local);
  else if (!strcmp(tag, "verbsfile")) load_verbs(dict, path, &local);
  else if (!strcmp(tag, "optionsfile")) load_options(dict, path, &local);
  else if (!strcmp(tag, "textfile")) { free(dict->textfile); dict->textfile = strdup(path); }
  if (local.code) {
    if (error) *error = local;
    return local.code;
  }
  return AN_OK;
}

an_tabari_dict *an_tabari_load_project(const char *project_path, an_warn_fn warn,
                                       void *warn_context, an_error *error) {
  FILE *stream = fopen(project_path, "r");
  if (!stream) {
    an_error_set(error, AN_ERROR_IO, "%s: cannot open project", project_path);
    return NULL;
  }
  an_tabari_dict *dict = tb_dict_new(warn, warn_context);
  if (!dict) { fclose(stream); an_error_set(error, AN_ERROR_MEMORY, "out of memory"); return NULL; }
  char line[TB_MAX_LINE];
  int status = AN_OK, files = 0;
  while (status == AN_OK && fgets(line, sizeof line, stream)) {
    char *open = strchr(line, '<');
    char *close = open ? strchr(open, '>') : NULL;
    if (!open || open != line || !close) continue;
    *close = '\0';
    const char *tag = open + 1;
    if (strcmp(tag, "actorsfile") && strcmp(tag, "agentsfile") && strcmp(tag, "verbsfile") &&
        strcmp(tag, "optionsfile") && strcmp(tag, "textfile"))
      continue; /* output files, sessions: not ours to touch */
    char *name = trim(close + 1);
    name[strcspn(name, " \t\r\n")] = '\0';
    if (!*name) continue;
    status = project_entry(dict, project_path, tag, name, error);
    files++;
  }
  fclose(stream);
  if (status == AN_OK && !files)
    status = an_error_set(error, AN_ERROR_FORMAT, "%s: names no dictionary files", project_path);
  if (status == AN_OK) status = tb_dict_finish(dict);
  if (status != AN_OK) {
    if (status == AN_ERROR_MEMORY) an_error_set(error, status, "out of memory");
    an_tabari_dict_free(dict);
    return NULL;
  }
  return dict;
}

/* Loads single TABARI files into a dictionary (tests, benches).  kind is
 * "actors", "agents", "verbs" or "options". */
int tb_load_file(an_tabari_dict *dict, const char *kind, const char *path, an_error *error);
int tb_load_file(an_tabari_dict *dict, const char *kind, const char *path, an_error *error) {
  an_error local = {0};
  if (!strcmp(kind, "actors")) load_actors(dict, path, TB_ROOT_ACTOR, &local);
  else if (!strcmp(kind, "agents")) load_actors(dict, path, TB_ROOT_AGENT, &local);
  else if (!strcmp(kind, "verbs")) load_verbs(dict, path, &local);
  else if (!strcmp(kind, "options")) load_options(dict, path, &local);
  else if (!strcmp(kind, "discards")) load_actors(dict, path, TB_ROOT_DISCARD, &local);
  else return an_error_set(error, AN_ERROR_USAGE, "unknown dictionary kind %s", kind);
  if (local.code && error) *error = local;
  return local.code;
}
