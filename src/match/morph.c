/*
 * morph.c — inflected forms of dictionary words.
 *
 * Dictionaries list lemmas ("meet", "travel", "minister"); texts use
 * "met", "travelled", "ministers".  For every lemma the dictionary uses we
 * register its regular inflections (English rules: -s/-es/-ies, -ed/-d/-ied,
 * -ing, doubled final consonants both American and British) and the
 * irregular forms from WordNet's exception lists (verb.exc, noun.exc: Debian
 * package wordnet-base), so the matcher maps a text word to its lemma with
 * one table look-up.
 */
#include "match/dict.h"

#include <stdlib.h>
#include <string.h>

int an_dict_reserve_index(uint32_t **table, uint32_t *capacity, uint32_t index);

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
static bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }

/* Maps form -> lemma in table (verbs or nouns) unless form is itself a lemma
 * or already mapped. */
static int map_form(an_dict *dict, uint32_t **table, uint32_t *capacity, const char *form, uint32_t lemma) {
  uint32_t id = an_vocab_add(&dict->vocab, form, strlen(form));
  if (!id) return AN_ERROR_MEMORY;
  if (id == lemma) return AN_OK;
  if (an_dict_reserve_index(table, capacity, id) != AN_OK) return AN_ERROR_MEMORY;
  if (!(*table)[id]) (*table)[id] = lemma;
  return AN_OK;
}

static int map_verb(an_dict *dict, const char *form, uint32_t lemma) {
  return map_form(dict, &dict->lemma_of, &dict->lemma_capacity, form, lemma);
}

/* Does the word end consonant-vowel-consonant (stop, travel, admit)? */
static bool doubles(const char *word, size_t length) {
  if (length < 3) return false;
  char last = word[length - 1];
  return is_consonant(last) && last != 'w' && last != 'x' && last != 'y' &&
         is_vowel(word[length - 2]) && !is_vowel(word[length - 3]);
}

/* Registers the regular verb forms of lemma (a word id). */
int an_morph_add_verb(an_dict *dict, uint32_t lemma);
int an_morph_add_verb(an_dict *dict, uint32_t lemma) {
  const char *word = dict->vocab.words[lemma];
  size_t length = strlen(word);
  if (length < 2 || length > AN_WORD_MAX - 4 || strchr(word, ' ')) return AN_OK;
  char stem[AN_WORD_MAX], form[AN_WORD_MAX + 8];
  memcpy(stem, word, length + 1);
  char last = word[length - 1], before = word[length - 2];
  int status = AN_OK;
  /* third person */
  if (last == 's' || last == 'x' || last == 'z' || last == 'o' || an_ends_with(word, "ch") || an_ends_with(word, "sh"))
    snprintf(form, sizeof form, "%ses", word);
  else if (last == 'y' && is_consonant(before))
    snprintf(form, sizeof form, "%.*sies", (int)(length - 1), word);
  else
    snprintf(form, sizeof form, "%ss", word);
  status |= map_verb(dict, form, lemma);
  /* past and participle */
  if (last == 'e') snprintf(form, sizeof form, "%sd", word);
  else if (last == 'y' && is_consonant(before)) snprintf(form, sizeof form, "%.*sied", (int)(length - 1), word);
  else snprintf(form, sizeof form, "%sed", word);
  status |= map_verb(dict, form, lemma);
  /* gerund */
  if (an_ends_with(word, "ie")) snprintf(form, sizeof form, "%.*sying", (int)(length - 2), word);
  else if (last == 'e' && before != 'e' && before != 'y' && before != 'o') snprintf(form, sizeof form, "%.*sing", (int)(length - 1), word);
  else snprintf(form, sizeof form, "%sing", word);
  status |= map_verb(dict, form, lemma);
  if (doubles(word, length)) { /* stopped, travelled (British), admitting */
    snprintf(form, sizeof form, "%s%ced", stem, last);
    status |= map_verb(dict, form, lemma);
    snprintf(form, sizeof form, "%s%cing", stem, last);
    status |= map_verb(dict, form, lemma);
  }
  return status ? AN_ERROR_MEMORY : AN_OK;
}

/* Registers the regular plural of a noun lemma. */
int an_morph_add_noun(an_dict *dict, uint32_t lemma);
int an_morph_add_noun(an_dict *dict, uint32_t lemma) {
  const char *word = dict->vocab.words[lemma];
  size_t length = strlen(word);
  if (length < 2 || length > AN_WORD_MAX - 4) return AN_OK;
  char form[AN_WORD_MAX + 8];
  char last = word[length - 1];
  if (last == 's' || last == 'x' || last == 'z' || an_ends_with(word, "ch") || an_ends_with(word, "sh"))
    snprintf(form, sizeof form, "%ses", word);
  else if (last == 'y' && is_consonant(word[length - 2]))
    snprintf(form, sizeof form, "%.*sies", (int)(length - 1), word);
  else
    snprintf(form, sizeof form, "%ss", word);
  return map_form(dict, &dict->noun_base_of, &dict->noun_capacity, form, lemma);
}

/* Where WordNet's files are: $WNSEARCHDIR, else Debian's place. */
static const char *wordnet_directory(void) {
  const char *directory = getenv("WNSEARCHDIR");
  return directory && *directory ? directory : "/usr/share/wordnet";
}

/* Reads an exception list ("form lemma [lemma...]" a line) and maps every
 * form whose lemma the dictionary knows. */
static int read_exceptions(an_dict *dict, const char *name, bool verbs, an_warn_fn warn, void *context) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", wordnet_directory(), name);
  FILE *file = fopen(path, "r");
  if (!file) {
    if (warn) {
      char message[1200];
      snprintf(message, sizeof message, "%s: cannot open WordNet exception list; irregular forms will not match "
                                        "(install Debian's wordnet-base)", path);
      warn(context, message);
    }
    return AN_OK;
  }
  char line[512];
  int status = AN_OK;
  while (status == AN_OK && fgets(line, sizeof line, file)) {
    char form[128], lemma[128];
    if (sscanf(line, "%127s %127s", form, lemma) != 2) continue;
    uint32_t lemma_id = an_vocab_find(&dict->vocab, lemma, strlen(lemma));
    if (!lemma_id) continue;
    status = verbs ? map_verb(dict, form, lemma_id)
                   : map_form(dict, &dict->noun_base_of, &dict->noun_capacity, form, lemma_id);
  }
  fclose(file);
  return status;
}

int an_morph_add_exceptions(an_dict *dict, an_warn_fn warn, void *context);
int an_morph_add_exceptions(an_dict *dict, an_warn_fn warn, void *context) {
  int status = read_exceptions(dict, "verb.exc", true, warn, context);
  if (status == AN_OK) status = read_exceptions(dict, "noun.exc", false, warn, context);
  return status;
}
