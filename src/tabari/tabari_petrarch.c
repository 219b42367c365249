/*
 * tabari_petrarch.c — reads PETRARCH2 / Phoenix dictionaries from a
 * directory (../shared/peers/phoenix/dictionaries-format.rst) into the same
 * structures as TABARI's: *.actors.txt as actors (TAB-indented date
 * restrictions, + synonyms), *agents*.txt as agents, *discards*.txt as
 * discard phrases, and the CAMEO verbs file.  PETRARCH patterns rest on a
 * parse tree annals does not build, so they are flattened: {noun phrases}
 * and (prepositional phrases) become plain words in order; ~ transformation
 * lines and !SET! substitutions are counted and skipped (named warnings).
 */
#include "tabari/tabari_code.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Removes PETRARCH's {} () markers and '+' verb markers from a pattern. */
static void flatten(char *text) {
  for (char *c = text; *c; c++)
    if (*c == '{' || *c == '}' || *c == '(' || *c == ')') *c = ' ';
}

static void petrarch_verb_line(an_tabari_dict *dict, const char *path, int file, uint32_t line,
                               char *text, char *block_code, uint32_t *verb) {
  const char *why = NULL;
  if (!strncmp(text, "---", 3)) { /* --- DESCRIPTION [code] --- */
    char *open = strchr(text, '[');
    char *close = open ? strchr(open, ']') : NULL;
    snprintf(block_code, 32, "[---]");
    if (open && close && close - open < 30) snprintf(block_code, 32, "%.*s", (int)(close - open + 1), open);
    *verb = UINT32_MAX;
    return;
  }
  if (*text == '~' || *text == '!') { tb_warn(dict, path, line, "transformation not used by annals", text); return; }
  if (*text == '-') {
    char *open = strchr(text, '[');
    if (*verb == UINT32_MAX || !open) { tb_warn(dict, path, line, "pattern without verb or code", text); return; }
    char code[64];
    snprintf(code, sizeof code, "%s", open);
    *open = '\0';
    char *comment = strchr(code, '#');
    if (comment) *comment = '\0';
    flatten(text + 1);
    if (tb_add_pattern(dict, *verb, text + 1, code, file, line, &why)) tb_warn(dict, path, line, why, text);
    return;
  }
  /* a verb: WORD [code] {forms} or WIRE_+TAP */
  char phrase[512];
  size_t n = 0;
  const char *open = strchr(text, '[');
  for (const char *c = text; *c && *c != '[' && *c != '{' && *c != '#' && n + 1 < sizeof phrase; c++)
    if (*c != '+') phrase[n++] = *c;
  phrase[n] = '\0';
  char code[64];
  if (open) { snprintf(code, sizeof code, "%s", open); char *close = strchr(code, ']'); if (close) close[1] = '\0'; }
  else snprintf(code, sizeof code, "%s", block_code);
  if (*verb == UINT32_MAX || open) *verb = tb_add_verb(dict, code, file, line, &why);
  if (*verb == UINT32_MAX) { tb_warn(dict, path, line, why, text); return; }
  if (tb_add_root(dict, phrase, TB_ROOT_VERB, *verb, file, line, &why)) tb_warn(dict, path, line, why, text);
  const char *forms = strchr(text, '{');
  if (forms) {
    char copy[512];
    snprintf(copy, sizeof copy, "%s", forms + 1);
    char *close = strchr(copy, '}');
    if (close) *close = '\0';
    for (char *word = strtok(copy, " \t"); word; word = strtok(NULL, " \t")) {
      char form[256];
      size_t k = 0;
      for (char *c = word; *c && k + 1 < sizeof form; c++) if (*c != '+') form[k++] = *c;
      form[k] = '\0';
      if (k && tb_add_root(dict, form, TB_ROOT_VERB, *verb, file, line, &why)) tb_warn(dict, path, line, why, word);
    }
  }
}

static int load_petrarch_verbs(an_tabari_dict *dict, const char *path, an_error *error) {
  FILE *stream = fopen(path, "r");
  if (!stream) return an_error_set(error, AN_ERROR_IO, "%s: cannot open", path);
  int file = tb_add_file(dict, path);
  char text[TB_MAX_LINE], synset[256] = "", block_code[32] = "[---]";
  uint32_t line = 0, verb = UINT32_MAX;
  while (fgets(text, sizeof text, stream)) {
    line++;
    text[strcspn(text, "\r\n")] = '\0';
    char *body = text;
    while (*body == ' ' || *body == '\t') body++;
    if (*body == '#' || !*body) continue;
    if (*body == '&') { snprintf(synset, sizeof synset, "%.255s", body); synset[strcspn(synset, " \t#")] = '\0'; tb_add_synset(dict, synset, NULL); continue; }
    if (*body == '+' && *synset && verb == UINT32_MAX && strncmp(body, "+", 1) == 0 && !strchr(body, '[') && line && block_code[1] == '-' && block_code[2] == '-') {
      char member[256];
      snprintf(member, sizeof member, "%s", body + 1);
      member[strcspn(member, "#")] = '\0';
      tb_add_synset(dict, synset, member);
      continue;
    }
    if (!strncmp(body, "---", 3)) *synset = '\0';
    petrarch_verb_line(dict, path, file, line, body, block_code, &verb);
  }
  fclose(stream);
  return AN_OK;
}

static int ends_with(const char *text, const char *suffix) {
  size_t length = strlen(text), suffix_length = strlen(suffix);
  return length >= suffix_length && !strcasecmp(text + length - suffix_length, suffix);
}

an_tabari_dict *an_tabari_load_petrarch(const char *directory, an_warn_fn warn,
                                        void *warn_context, an_error *error) {
  DIR *folder = opendir(directory);
  if (!folder) { an_error_set(error, AN_ERROR_IO, "%s: cannot open directory", directory); return NULL; }
  an_tabari_dict *dict = tb_dict_new(warn, warn_context);
  if (!dict) { closedir(folder); an_error_set(error, AN_ERROR_MEMORY, "out of memory"); return NULL; }
  dict->petrarch = 1;
  dict->options.minimum_words = 0;
  char *names[256];
  size_t count = 0;
  struct dirent *entry;
  while ((entry = readdir(folder)) && count < 256)
    if (ends_with(entry->d_name, ".txt")) names[count++] = strdup(entry->d_name);
  closedir(folder);
  int status = AN_OK, files = 0;
  for (size_t i = 0; i < count; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", directory, names[i]);
    an_error local = {0};
    if (ends_with(names[i], ".actors.txt")) tb_load_file(dict, "actors", path, &local), files++;
    else if (strcasestr(names[i], "agents")) tb_load_file(dict, "agents", path, &local), files++;
    else if (strcasestr(names[i], "discard")) tb_load_file(dict, "discards", path, &local), files++;
    else if (strcasestr(names[i], "CAMEO") || strcasestr(names[i], "verbs")) load_petrarch_verbs(dict, path, &local), files++;
    if (local.code && status == AN_OK) { status = local.code; if (error) *error = local; }
  }
  for (size_t i = 0; i < count; i++) free(names[i]);
  if (status == AN_OK && !files) status = an_error_set(error, AN_ERROR_FORMAT, "%s: no PETRARCH dictionaries", directory);
  if (status == AN_OK) status = tb_dict_finish(dict);
  if (status != AN_OK) { an_tabari_dict_free(dict); return NULL; }
  return dict;
}
