/*
 * load.c — reads annals' own dictionary files (format: dict/README.md) into
 * the dictionary model.  A malformed line is reported with file:line and
 * skipped; loading goes on.
 */
#include "match/dict.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

int an_dict_reserve_index(uint32_t **table, uint32_t *capacity, uint32_t index);
int an_dict_add_phrase(an_dict *dict, const uint32_t *words, size_t count, uint32_t entry);
uint32_t an_dict_new_entry(an_dict *dict, an_entry_kind kind, uint32_t file, uint32_t line);
int an_dict_add_option(an_dict *dict, uint32_t entry, const char *code, int32_t from, int32_t to);
int an_dict_set_add(an_dict *dict, uint32_t set, uint32_t word);
int an_morph_add_verb(an_dict *dict, uint32_t lemma);
int an_morph_add_noun(an_dict *dict, uint32_t lemma);
int an_morph_add_exceptions(an_dict *dict, an_warn_fn warn, void *context);

typedef enum file_kind { KIND_NONE, KIND_ACTORS, KIND_AGENTS, KIND_VERBS, KIND_CUES } file_kind;

/* What a line-parser needs to know and report. */
typedef struct load_context {
  an_dict *dict;
  const char *path;
  uint32_t file;
  uint32_t line;
  an_warn_fn warn;
  void *warn_context;
  int warnings;
} load_context;

static void warn_line(load_context *load, const char *what) {
  load->warnings++;
  if (!load->warn) return;
  char message[1024];
  snprintf(message, sizeof message, "%s:%u: %s", load->path, load->line, what);
  load->warn(load->warn_context, message);
}

/* Lowercases a word in place (ASCII) and folds curly apostrophes. */
static void normalize_word(char *word) {
  char *out = word;
  for (char *p = word; *p; p++) {
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0x99)) {
      *out++ = '\'';
      p += 2;
      continue;
    }
    *out++ = (char)tolower((unsigned char)*p);
  }
  *out = '\0';
}

/* Splits text into words (spaces, tabs; "_" joins words as in other formats).
 * Returns the number of words, or -1 when there are too many. */
static int split_words(char *text, char **words, int capacity) {
  int count = 0;
  for (char *p = text; *p; p++)
    if (*p == '_') *p = ' ';
  for (char *word = strtok(text, " \t"); word; word = strtok(NULL, " \t")) {
    if (count == capacity) return -1;
    normalize_word(word);
    words[count++] = word;
  }
  return count;
}

/* Parses "YYYY-MM-DD" into YYYYMMDD; returns -1 when malformed. */
static int32_t parse_date(const char *text, size_t length) {
  int year, month, day;
  if (length != 10 || sscanf(text, "%4d-%2d-%2d", &year, &month, &day) != 3 || month < 1 || month > 12 ||
      day < 1 || day > 31)
    return -1;
  return year * 10000 + month * 100 + day;
}

/* Parses "FROM..TO" (either end may be empty). */
static bool parse_range(const char *text, int32_t *from, int32_t *to) {
  const char *dots = strstr(text, "..");
  if (!dots) return false;
  *from = dots == text ? 0 : parse_date(text, (size_t)(dots - text));
  *to = dots[2] ? parse_date(dots + 2, strlen(dots + 2)) : 0;
  return *from >= 0 && *to >= 0 && (!*from || !*to || *from <= *to);
}

static bool valid_code(const char *code) {
  size_t length = strlen(code);
  if (length < 2 || length > 39) return false;
  for (size_t i = 0; i < length; i++)
    if (!isupper((unsigned char)code[i]) && !isdigit((unsigned char)code[i])) return false;
  return true;
}

/* Cuts a line at '#' and splits off the bracketed codes: returns a pointer
 * to the first '[' (NUL-terminating the phrase before it), or NULL. */
static char *split_codes(char *line) {
  char *hash = strchr(line, '#');
  if (hash) *hash = '\0';
  char *bracket = strchr(line, '[');
  if (bracket) *bracket = '\0';
  return bracket ? bracket + 1 : NULL;
}

/* Interns phrase words; adds the plural of the last word for names. */
static int intern_phrase(an_dict *dict, char **words, int count, uint32_t *ids, bool plural) {
  for (int i = 0; i < count; i++)
    if (!(ids[i] = an_vocab_add(&dict->vocab, words[i], strlen(words[i])))) return AN_ERROR_MEMORY;
  return plural ? an_morph_add_noun(dict, ids[count - 1]) : AN_OK;
}

/* Actor and agent lines: PHRASE [CODE] [CODE FROM..TO] ... */
static void load_name(load_context *load, char *line, an_entry_kind kind) {
  char *codes = split_codes(line);
  char *words[AN_DICT_MAX_PHRASE_WORDS];
  int count = split_words(line, words, AN_DICT_MAX_PHRASE_WORDS);
  if (count <= 0 || !codes) {
    warn_line(load, count < 0 ? "phrase has too many words" : "expected a phrase and a [CODE]");
    return;
  }
  uint32_t entry = an_dict_new_entry(load->dict, kind, load->file, load->line);
  for (char *open = codes; open;) {
    char *close = strchr(open, ']');
    if (!close) { warn_line(load, "unclosed ["); return; }
    *close = '\0';
    char code[64] = "", range[64] = "";
    int fields = sscanf(open, " %63s %63s", code, range);
    int32_t from = 0, to = 0;
    if (fields < 1 || !valid_code(code) || (fields == 2 && !parse_range(range, &from, &to)))
      warn_line(load, "malformed code: expected [CODE] or [CODE YYYY-MM-DD..YYYY-MM-DD]");
    else
      an_dict_add_option(load->dict, entry, code, from, to);
    open = strchr(close + 1, '[');
    if (open) open++;
  }
  uint32_t ids[AN_DICT_MAX_PHRASE_WORDS];
  if (!load->dict->entries[entry - 1].option_count) return;
  load->dict->entries[entry - 1].word_count = (uint8_t)count;
  if (intern_phrase(load->dict, words, count, ids, true) == AN_OK)
    an_dict_add_phrase(load->dict, ids, (size_t)count, entry);
  load->dict->counts[kind == AN_ENTRY_ACTOR ? 0 : 1]++;
}

static uint32_t cue_flag(const char *word) {
  static const struct { const char *name; uint32_t flag; } flags[] = {
      {"negated", AN_CUE_NEGATED}, {"denied", AN_CUE_DENIED}, {"planned", AN_CUE_PLANNED},
      {"hypothetical", AN_CUE_HYPOTHETICAL}, {"reported", AN_CUE_REPORTED},
      {"attribution-after", AN_CUE_ATTRIBUTION_AFTER}, {"attribution-before", AN_CUE_ATTRIBUTION_BEFORE}};
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    if (!strcmp(word, flags[i].name)) return flags[i].flag;
  return 0;
}

/* Cue lines: PHRASE [status flag...] — the first word is inflected. */
static void load_cue(load_context *load, char *line) {
  char *codes = split_codes(line);
  char *words[AN_DICT_MAX_PHRASE_WORDS];
  int count = split_words(line, words, AN_DICT_MAX_PHRASE_WORDS);
  char *close = codes ? strchr(codes, ']') : NULL;
  if (count <= 0 || !close) { warn_line(load, "expected a phrase and [status]"); return; }
  *close = '\0';
  uint32_t flags = 0;
  for (char *word = strtok(codes, " \t"); word; word = strtok(NULL, " \t")) {
    uint32_t flag = cue_flag(word);
    if (!flag) { warn_line(load, "unknown cue word (negated, denied, planned, hypothetical, reported, attribution-after, attribution-before)"); return; }
    flags |= flag;
  }
  uint32_t ids[AN_DICT_MAX_PHRASE_WORDS];
  if (intern_phrase(load->dict, words, count, ids, false) != AN_OK) return;
  an_morph_add_verb(load->dict, ids[0]);
  uint32_t entry = an_dict_new_entry(load->dict, AN_ENTRY_CUE, load->file, load->line);
  load->dict->entries[entry - 1].flags = flags;
  load->dict->entries[entry - 1].word_count = (uint8_t)count;
  an_dict_add_phrase(load->dict, ids, (size_t)count, entry);
  load->dict->counts[2]++;
}

static uint32_t find_set(const an_dict *dict, const char *name) {
  for (uint32_t i = 0; i < dict->set_count; i++)
    if (!strcmp(dict->set_names[i], name)) return i + 1;
  return 0;
}

/* @set NAME word word ... */
static void load_set(load_context *load, char *line) {
  char *words[256];
  char *hash = strchr(line, '#');
  if (hash) *hash = '\0';
  int count = split_words(line + 4, words, 256);
  if (count < 2) { warn_line(load, "@set needs a name and at least one word"); return; }
  an_dict *dict = load->dict;
  uint32_t set = find_set(dict, words[0]);
  if (!set) {
    char **names = realloc(dict->set_names, (dict->set_count + 1) * sizeof *names);
    if (!names) return;
    dict->set_names = names;
    dict->set_names[dict->set_count++] = an_strdup(words[0]);
    set = dict->set_count;
  }
  for (int i = 1; i < count; i++) {
    uint32_t id = an_vocab_add(&dict->vocab, words[i], strlen(words[i]));
    if (!id) return;
    an_morph_add_noun(dict, id);
    an_morph_add_verb(dict, id);
    an_dict_set_add(dict, set, id);
  }
}

static int push_element(an_dict *dict, an_element_kind kind, uint32_t value) {
  if (an_array_reserve((void **)&dict->elements, &dict->element_capacity, dict->element_count,
                       sizeof *dict->elements, 4096))
    return AN_ERROR_MEMORY;
  dict->elements[dict->element_count++] = (an_element){(uint8_t)kind, value};
  return AN_OK;
}

/* Parses pattern elements after the verb; returns false (warned) when malformed. */
static bool parse_elements(load_context *load, an_pattern *pattern, char **words, int count) {
  an_dict *dict = load->dict;
  for (int i = 0; i < count; i++) {
    const char *word = words[i];
    if (!strcmp(word, "+")) {
      pattern->has_target = true;
      push_element(dict, AN_ELEMENT_TARGET, 0);
    } else if (!strcmp(word, "$")) {
      pattern->has_source = true;
      push_element(dict, AN_ELEMENT_SOURCE, 0);
    } else if (word[0] == '&') {
      uint32_t set = find_set(dict, word + 1);
      if (!set) { warn_line(load, "synonym set used before its @set line"); return false; }
      push_element(dict, AN_ELEMENT_SET, set);
    } else {
      uint32_t id = an_vocab_add(&dict->vocab, word, strlen(word));
      if (!id) return false;
      an_morph_add_noun(dict, id);
      an_morph_add_verb(dict, id);
      push_element(dict, AN_ELEMENT_WORD, id);
    }
    pattern->element_count++;
  }
  return true;
}

/* Links a pattern into its verb's (or noun's) list, keeping file order. */
static void link_pattern(an_dict *dict, uint32_t index) {
  an_pattern *pattern = &dict->patterns[index - 1];
  an_dict_reserve_index(&dict->verb_first, &dict->verb_capacity, pattern->verb);
  an_dict_reserve_index(&dict->noun_first, &dict->noun_first_capacity, pattern->verb);
  uint32_t *link = pattern->noun ? &dict->noun_first[pattern->verb] : &dict->verb_first[pattern->verb];
  while (*link) link = &dict->patterns[*link - 1].next;
  *link = index;
}

/* Verb lines: [+] verb|~noun words + $ &SET [CODE] */
static void load_pattern(load_context *load, char *line) {
  an_dict *dict = load->dict;
  char *codes = split_codes(line);
  char *words[AN_DICT_MAX_PATTERN_ELEMENTS + 2];
  int count = split_words(line, words, AN_DICT_MAX_PATTERN_ELEMENTS + 2);
  char code[16] = "";
  if (count <= 0 || !codes || sscanf(codes, " %15[0-9]", code) != 1 || strlen(code) < 2 || strlen(code) > 4) {
    warn_line(load, count < 0 ? "pattern has too many elements" : "expected a pattern and a [CODE] of 2-4 digits");
    return;
  }
  int first = 0;
  an_pattern pattern = {0};
  if (!strcmp(words[0], "+")) { pattern.subject_is_target = true; first = 1; }
  if (first >= count) { warn_line(load, "pattern has no verb"); return; }
  const char *verb = words[first];
  if (verb[0] == '~') { pattern.noun = true; verb++; }
  if (!*verb || !isalpha((unsigned char)verb[0])) { warn_line(load, "a pattern starts with a verb or ~noun"); return; }
  pattern.verb = an_vocab_add(&dict->vocab, verb, strlen(verb));
  if (!pattern.verb) return;
  if (pattern.noun) an_morph_add_noun(dict, pattern.verb);
  else an_morph_add_verb(dict, pattern.verb);
  pattern.element_first = dict->element_count;
  if (!parse_elements(load, &pattern, words + first + 1, count - first - 1)) {
    dict->element_count = pattern.element_first;
    return;
  }
  an_copy_string(pattern.code, sizeof pattern.code, code);
  pattern.file = load->file;
  pattern.line = load->line;
  if (an_array_reserve((void **)&dict->patterns, &dict->pattern_capacity, dict->pattern_count,
                       sizeof *dict->patterns, 1024))
    return;
  dict->patterns[dict->pattern_count++] = pattern;
  link_pattern(dict, dict->pattern_count);
  dict->counts[3]++;
}

static file_kind parse_kind(const char *line) {
  char kind[32] = "";
  if (sscanf(line, "@kind %31s", kind) != 1) return KIND_NONE;
  if (!strcmp(kind, "actors")) return KIND_ACTORS;
  if (!strcmp(kind, "agents")) return KIND_AGENTS;
  if (!strcmp(kind, "verbs")) return KIND_VERBS;
  if (!strcmp(kind, "cues")) return KIND_CUES;
  return KIND_NONE;
}

static bool blank_or_comment(const char *line) {
  while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '\n') line++;
  return *line == '\0' || *line == '#';
}

static void load_line(load_context *load, file_kind kind, char *line) {
  if (kind == KIND_VERBS && an_starts_with(line, "@set ")) load_set(load, line);
  else if (line[0] == '@') warn_line(load, "unknown directive");
  else if (kind == KIND_ACTORS) load_name(load, line, AN_ENTRY_ACTOR);
  else if (kind == KIND_AGENTS) load_name(load, line, AN_ENTRY_AGENT);
  else if (kind == KIND_VERBS) load_pattern(load, line);
  else load_cue(load, line);
}

int an_dict_load_file(an_dict *dict, const char *path, an_warn_fn warn, void *context, an_error *error) {
  FILE *file = fopen(path, "r");
  if (!file) return an_error_set(error, AN_ERROR_IO, "%s: cannot open", path);
  char **files = realloc(dict->files, (dict->file_count + 1) * sizeof *files);
  if (!files) { fclose(file); return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", path); }
  dict->files = files;
  dict->files[dict->file_count++] = an_strdup(path);
  load_context load = {dict, path, dict->file_count - 1, 0, warn, context, 0};
  file_kind kind = KIND_NONE;
  char line[AN_DICT_MAX_LINE];
  while (fgets(line, sizeof line, file)) {
    load.line++;
    size_t length = strlen(line);
    if (length == sizeof line - 1 && line[length - 1] != '\n') {
      warn_line(&load, "line too long; skipped");
      int c;
      while ((c = fgetc(file)) != EOF && c != '\n') {}
      continue;
    }
    while (length && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = '\0';
    if (blank_or_comment(line)) continue;
    if (kind == KIND_NONE) {
      if (!(kind = parse_kind(line))) {
        fclose(file);
        return an_error_set(error, AN_ERROR_FORMAT, "%s:%u: the first line must be @kind actors|agents|verbs|cues", path, load.line);
      }
      continue;
    }
    load_line(&load, kind, line);
  }
  fclose(file);
  return AN_OK;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

an_dict *an_dict_load(const char *directory, an_warn_fn warn, void *context, an_error *error) {
  if (an_dict_is_compiled(directory)) return an_dict_load_compiled(directory, error);
  DIR *folder = opendir(directory);
  if (!folder) {
    an_error_set(error, AN_ERROR_IO, "%s: cannot open dictionary directory", directory);
    return NULL;
  }
  char *names[256];
  size_t count = 0;
  for (struct dirent *item; (item = readdir(folder)) && count < 256;)
    if (an_ends_with(item->d_name, ".txt") && item->d_name[0] != '.') names[count++] = an_strdup(item->d_name);
  closedir(folder);
  qsort(names, count, sizeof names[0], compare_names);
  an_dict *dict = an_dict_new();
  int status = dict ? AN_OK : an_error_set(error, AN_ERROR_MEMORY, "out of memory");
  for (size_t i = 0; i < count; i++) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", directory, names[i]);
    if (status == AN_OK) status = an_dict_load_file(dict, path, warn, context, error);
    free(names[i]);
  }
  if (status == AN_OK && count == 0) status = an_error_set(error, AN_ERROR_NOT_FOUND, "%s: no dictionary files (*.txt)", directory);
  if (status == AN_OK) status = an_morph_add_exceptions(dict, warn, context);
  if (status != AN_OK) {
    an_dict_free(dict);
    return NULL;
  }
  return dict;
}

/* Wraps a TABARI/PETRARCH dictionary (consumed) in an an_dict. */
static an_dict *wrap_tabari(an_tabari_dict *tabari, an_error *error) {
  if (!tabari) return NULL;
  an_dict *dict = an_dict_new();
  if (!dict) {
    an_tabari_dict_free(tabari);
    an_error_set(error, AN_ERROR_MEMORY, "out of memory");
    return NULL;
  }
  dict->tabari = tabari;
  return dict;
}

an_dict *an_dict_load_tabari(const char *project_path, an_warn_fn warn, void *context, an_error *error) {
  return wrap_tabari(an_tabari_load_project(project_path, warn, context, error), error);
}

an_dict *an_dict_load_petrarch(const char *directory, an_warn_fn warn, void *context, an_error *error) {
  return wrap_tabari(an_tabari_load_petrarch(directory, warn, context, error), error);
}
