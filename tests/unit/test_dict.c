/* test_dict.c — annals' own dictionary format: loading, warnings, dates,
 * morphology. */
#include "harness.h"
#include "match/dict.h"

#include <stdlib.h>
#include <unistd.h>
#include <string.h>

static int warnings;
static char last_warning[1024];
static void collect(void *context, const char *message) {
  (void)context;
  warnings++;
  snprintf(last_warning, sizeof last_warning, "%s", message);
}

static const an_entry *lookup(const an_dict *dict, const char *phrase) {
  char copy[256];
  snprintf(copy, sizeof copy, "%s", phrase);
  uint32_t node = 0;
  for (char *word = strtok(copy, " "); word; word = strtok(NULL, " ")) {
    node = an_dict_trie_child(dict, node, an_vocab_find(&dict->vocab, word, strlen(word)));
    if (!node) return NULL;
  }
  uint32_t entry = node < dict->node_capacity ? dict->node_entry[node] : 0;
  return entry ? &dict->entries[entry - 1] : NULL;
}

static void test_loads_and_warns(void) {
  an_error error = {0};
  warnings = 0;
  an_dict *dict = an_dict_load("tests/data/dict", collect, NULL, &error);
  CHECK(dict != NULL);
  if (!dict) return;
  CHECK_INT(warnings, 4); /* bad code, no code, undefined set, bad verb code */
  CHECK(strstr(an_dict_summary(dict), "actors 3") != NULL);
  CHECK(strstr(an_dict_summary(dict), "agents 2") != NULL);
  CHECK(strstr(an_dict_summary(dict), "verb patterns 3") != NULL);
  const an_entry *entry = lookup(dict, "minas tirith");
  CHECK(entry && entry->kind == AN_ENTRY_ACTOR);
  CHECK(entry && strstr(dict->files[entry->file], "small.txt") && entry->line == 4);
  an_dict_free(dict);
}

static void test_date_ranges_choose_code(void) {
  an_error error = {0};
  an_dict *dict = an_dict_load("tests/data/dict", NULL, NULL, &error);
  const an_entry *entry = lookup(dict, "aragorn");
  CHECK(entry != NULL);
  if (!entry) { an_dict_free(dict); return; }
  CHECK_STR(an_dict_option_on(dict, entry, 20220101)->code, "GONGOV");
  CHECK_STR(an_dict_option_on(dict, entry, 20250101)->code, "GONELI");
  CHECK_STR(an_dict_option_on(dict, entry, 0)->code, "GONGOV"); /* unknown date: the latest range */
  an_dict_free(dict);
}

static void test_morphology_maps_forms(void) {
  an_error error = {0};
  an_dict *dict = an_dict_load("tests/data/dict", NULL, NULL, &error);
  uint32_t attack = an_vocab_find(&dict->vocab, "attack", 6);
  const char *forms[] = {"attacks", "attacked", "attacking"};
  for (int i = 0; i < 3; i++) {
    uint32_t id = an_vocab_find(&dict->vocab, forms[i], strlen(forms[i]));
    CHECK(id && an_dict_lemma(dict, id) == attack);
  }
  uint32_t send = an_vocab_find(&dict->vocab, "send", 4);
  uint32_t sent = an_vocab_find(&dict->vocab, "sent", 4);
  if (!sent) SKIP("WordNet exception lists not installed (wordnet-base)");
  CHECK(an_dict_lemma(dict, sent) == send);
  uint32_t kings = an_vocab_find(&dict->vocab, "kings", 5);
  CHECK(kings && an_dict_noun_base(dict, kings) == an_vocab_find(&dict->vocab, "king", 4));
  an_dict_free(dict);
}

static void test_compiled_round_trip(void) {
  an_error error = {0};
  an_dict *dict = an_dict_load("tests/data/dict", NULL, NULL, &error);
  char path[] = "/tmp/annals-test-dict-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  CHECK_INT(an_dict_save(dict, path, &error), AN_OK);
  an_dict *loaded = an_dict_load(path, NULL, NULL, &error);
  CHECK(loaded != NULL);
  if (loaded) {
    CHECK_STR(an_dict_summary(loaded), an_dict_summary(dict));
    const an_entry *entry = lookup(loaded, "aragorn");
    CHECK(entry && !strcmp(an_dict_option_on(loaded, entry, 20220101)->code, "GONGOV"));
    uint32_t sent = an_vocab_find(&loaded->vocab, "attacked", 8);
    CHECK(sent && an_dict_lemma(loaded, sent) == an_vocab_find(&loaded->vocab, "attack", 6));
    CHECK(loaded->fn.the == an_vocab_find(&loaded->vocab, "the", 3));
  }
  an_dict_free(loaded);
  an_dict_free(dict);
  unlink(path);
}

/* Every damaged copy is refused with a message naming the file; none crashes. */
static void test_compiled_damage_is_refused(void) {
  an_error error = {0};
  an_dict *dict = an_dict_load("tests/data/dict", NULL, NULL, &error);
  char path[] = "/tmp/annals-test-dict-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  an_dict_save(dict, path, &error);
  an_dict_free(dict);
  size_t size = 0;
  char *bytes = an_read_file(path, 1 << 26, &size, &error);
  CHECK(bytes != NULL && size > 64);
  int refused = 0, tried = 0;
  for (size_t at = 0; bytes && at < size; at += 1 + size / 97) {
    bytes[at] ^= 0x5A;
    FILE *file = fopen(path, "wb");
    fwrite(bytes, 1, size, file);
    fclose(file);
    an_dict *damaged = an_dict_load(path, NULL, NULL, &error);
    tried++;
    if (!damaged && strstr(error.message, path)) refused++;
    an_dict_free(damaged);
    bytes[at] ^= 0x5A;
  }
  CHECK_INT(refused, tried);
  FILE *file = fopen(path, "wb"); /* truncated */
  fwrite(bytes, 1, size / 2, file);
  fclose(file);
  CHECK(an_dict_load(path, NULL, NULL, &error) == NULL);
  free(bytes);
  unlink(path);
}

static void test_missing_directory_is_an_error(void) {
  an_error error = {0};
  CHECK(an_dict_load("tests/data/no-such-dir", NULL, NULL, &error) == NULL);
  CHECK(strstr(error.message, "no-such-dir") != NULL);
}

int main(void) {
  RUN(test_loads_and_warns);
  RUN(test_date_ranges_choose_code);
  RUN(test_morphology_maps_forms);
  RUN(test_compiled_round_trip);
  RUN(test_compiled_damage_is_refused);
  RUN(test_missing_directory_is_an_error);
  return harness_finish();
}
