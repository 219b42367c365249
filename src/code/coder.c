/*
 * coder.c — the coder handle and the document loop: segment each article
 * paragraph, skip sentences already coded in this document, code each
 * sentence (phrases → groups → status → patterns → events), date the events
 * against the publication date, and carry the discourse (who "it" is) from
 * sentence to sentence.  Documents coded with TABARI or PETRARCH
 * dictionaries go sentence by sentence to src/tabari.
 */
#include "code/code_internal.h"
#include "resolve/dates.h"

#include <stdlib.h>
#include <string.h>

/* Slots of the per-document set of sentence hashes (a power of two); when
 * half full, later sentences are no longer checked for repeats. */
#define AN_SEEN_SENTENCES 8192
/* Longest word that may_hold_date looks for ("wednesday", "september"). */
#define AN_DATE_KEY_MAX 9
/* Bytes of the text an event id hashes. */
#define AN_EVENT_KEY_MAX 256

struct an_coder {
  const an_dict *dict;            /* borrowed */
  char default_date[11];          /* "" when none */
  an_segmentation segmentation;   /* reused across documents */
  an_sentence_context *sentence;  /* scratch, reused (large) */
  an_discourse discourse;
  uint64_t seen[AN_SEEN_SENTENCES];
  size_t seen_count;
  uint16_t seen_slots[AN_SEEN_SENTENCES / 2]; /* slots in use, to clear only those */
  an_event events[AN_SENTENCE_EVENTS_MAX];
  uint8_t *set_words;             /* bit per word id: in some synonym set (owned; NULL: not built) */
  uint32_t set_word_count;
  uint8_t *word_class;            /* word id -> AN_CLASS_* bits (owned; NULL: not built) */
  uint32_t word_class_count;
  uint32_t *root_child;           /* word id -> child of the phrase trie's root (owned; NULL: not built) */
  uint32_t root_count;
  char published_text[32];        /* the last publication date seen, and its number */
  int32_t published_number;
  bool published_valid;
};

/* Marks the words that belong to some synonym set, so the pattern matcher
 * looks sets up only for those.  Without the table (no memory) it looks
 * every word up. */
static void build_set_words(an_coder *coder) {
  const an_dict *dict = coder->dict;
  if (!dict || dict->tabari || !dict->vocab.count) return;
  coder->set_words = calloc(((size_t)dict->vocab.count + 7) / 8, 1);
  if (!coder->set_words) return;
  coder->set_word_count = dict->vocab.count;
  for (uint32_t slot = 0; slot < dict->set_slots; slot++) {
    if (!dict->set_members[slot]) continue;
    uint32_t word = (uint32_t)((dict->set_members[slot] - 1) & 0xFFFFFFFFu);
    if (word < coder->set_word_count) coder->set_words[word >> 3] |= (uint8_t)(1u << (word & 7));
  }
}

/* The function-word classes by word id (NULL when out of memory: the
 * parts then compare word ids one by one). */
static void build_word_classes(an_coder *coder) {
  const an_dict *dict = coder->dict;
  if (!dict || dict->tabari || !dict->vocab.count) return;
  coder->word_class = calloc(dict->vocab.count, 1);
  if (!coder->word_class) return;
  coder->word_class_count = dict->vocab.count;
  const an_function_words *f = &dict->fn;
  const uint32_t words[] = {f->the, f->a, f->an, f->this_, f->that, f->these, f->those, f->its, f->his,
                            f->her, f->their, f->our, f->your, f->of, f->on, f->in, f->for_, f->with,
                            f->about, f->at, f->from, f->by, f->into, f->over, f->against, f->amid,
                            f->amidst, f->after, f->before, f->during, f->under, f->without};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (words[i] < coder->word_class_count) coder->word_class[words[i]] = an_word_class(dict, words[i]);
}

/* The phrase trie's root edges by word id (NULL when out of memory: the
 * phrase finder then hashes them). */
static void build_root_children(an_coder *coder) {
  const an_dict *dict = coder->dict;
  if (!dict || dict->tabari || !dict->vocab.count) return;
  coder->root_child = calloc(dict->vocab.count, sizeof *coder->root_child);
  if (!coder->root_child) return;
  coder->root_count = dict->vocab.count;
  an_dict_root_children(dict, coder->root_child, coder->root_count);
}

an_coder *an_coder_new(const an_dict *dict, an_error *error) {
  an_coder *coder = calloc(1, sizeof *coder);
  if (coder) coder->sentence = calloc(1, sizeof *coder->sentence);
  if (!coder || !coder->sentence) {
    free(coder);
    an_error_set(error, AN_ERROR_MEMORY, "out of memory");
    return NULL;
  }
  coder->dict = dict;
  an_segmentation_init(&coder->segmentation);
  build_set_words(coder);
  build_word_classes(coder);
  build_root_children(coder);
  return coder;
}

void an_coder_free(an_coder *coder) {
  if (!coder) return;
  free(coder->set_words);
  free(coder->root_child);
  free(coder->word_class);
  an_segmentation_clear(&coder->segmentation);
  free(coder->sentence);
  free(coder);
}

void an_coder_set_default_date(an_coder *coder, const char *date) {
  an_copy_string(coder->default_date, sizeof coder->default_date, date ? date : "");
}

static int push_event(an_events *out, const an_event *event) {
  if (an_array_reserve((void **)&out->items, &out->capacity, out->count, sizeof *out->items, 32))
    return AN_ERROR_MEMORY;
  out->items[out->count++] = *event;
  return AN_OK;
}

/* A 64-bit hash of a sentence's bytes, eight at a time: it only tells
 * sentences apart within one document, so its value is free to change. */
static uint64_t sentence_hash(const char *text, size_t length) {
  uint64_t hash = 0x243F6A8885A308D3ULL ^ length;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t chunk;
    memcpy(&chunk, text + i, 8);
    hash = (hash ^ chunk) * 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 31;
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < length; k++) tail |= (uint64_t)(unsigned char)text[i + k] << (8 * k);
  hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53ULL;
  return hash ^ (hash >> 29);
}

/* Has this sentence's exact text been coded already in this document? */
static bool seen_before(an_coder *coder, const char *text, an_span span) {
  uint64_t hash = sentence_hash(text + span.offset, span.length) | 1; /* 0 marks an empty slot */
  size_t slot = (size_t)hash & (AN_SEEN_SENTENCES - 1);
  while (coder->seen[slot]) {
    if (coder->seen[slot] == hash) return true;
    slot = (slot + 1) & (AN_SEEN_SENTENCES - 1);
  }
  if (coder->seen_count < AN_SEEN_SENTENCES / 2) {
    coder->seen[slot] = hash;
    coder->seen_slots[coder->seen_count++] = (uint16_t)slot;
  }
  return false;
}

static int32_t date_number(const char *date) {
  int year, month, day;
  if (!date || sscanf(date, "%4d-%2d-%2d", &year, &month, &day) != 3) return 0;
  return year * 10000 + month * 100 + day;
}

/* date_number, remembered for the last publication string (most runs code
 * every document against the same date). */
static int32_t published_number(an_coder *coder, const char *published) {
  if (!published) return 0;
  size_t length = strlen(published);
  if (length >= sizeof coder->published_text) return date_number(published);
  if (coder->published_valid && !memcmp(coder->published_text, published, length + 1)) return coder->published_number;
  memcpy(coder->published_text, published, length + 1);
  coder->published_number = date_number(published);
  coder->published_valid = true;
  return coder->published_number;
}

/* Could an_date_find find anything in text?  Every expression it reads
 * (see src/resolve/dates.c) holds a four-digit number (a year, an ISO
 * date), an ordinal ("the 27th"), a capitalised month name, or one of the
 * words below (a maximal run of ASCII letters, any case).  Checking first
 * spares scanning the many sentences without one. */
typedef struct date_key {
  char text[AN_DATE_KEY_MAX + 1]; /* zero-padded: compared whole */
  bool month;                     /* a month name: counts only capitalised */
} date_key;

/* word: AN_DATE_KEY_MAX + 1 bytes, lowercase, zero-padded. */
static bool date_word(const char *word, bool capitalised) {
  static const date_key keys[] = { /* in byte order, for the binary search */
      {"afternoon", false}, {"apr", true}, {"april", true}, {"aug", true}, {"august", true}, {"day", false},
      {"days", false}, {"dec", true}, {"december", true}, {"evening", false}, {"feb", true},
      {"february", true}, {"friday", false}, {"jan", true}, {"january", true}, {"jul", true}, {"july", true},
      {"jun", true}, {"june", true}, {"mar", true}, {"march", true}, {"may", true}, {"monday", false},
      {"month", false}, {"months", false}, {"morning", false}, {"night", false}, {"nov", true},
      {"november", true}, {"oct", true}, {"october", true}, {"saturday", false}, {"sep", true},
      {"sept", true}, {"september", true}, {"sunday", false}, {"thursday", false}, {"today", false},
      {"tomorrow", false}, {"tonight", false}, {"tuesday", false}, {"wednesday", false}, {"week", false},
      {"weeks", false}, {"year", false}, {"years", false}, {"yesterday", false}};
  size_t low = 0, high = sizeof keys / sizeof keys[0];
  while (low < high) {
    size_t middle = (low + high) / 2;
    /* most steps are decided by the first byte */
    int order = (unsigned char)keys[middle].text[0] - (unsigned char)word[0];
    if (order == 0) order = memcmp(keys[middle].text, word, sizeof keys[middle].text);
    if (order == 0) return !keys[middle].month || capitalised;
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return false;
}

static bool is_ascii_letter(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

static bool may_hold_date(const char *text, size_t length) {
  const unsigned char *u = (const unsigned char *)text;
  for (size_t i = 0; i < length;) {
    unsigned char c = u[i];
    size_t start = i;
    if (c >= '0' && c <= '9') {
      while (i < length && u[i] >= '0' && u[i] <= '9') i++;
      if (i - start == 4 || (i < length && is_ascii_letter(u[i]))) return true; /* a year; "27th" */
      continue;
    }
    if (!is_ascii_letter(c)) { i++; continue; }
    while (i < length && is_ascii_letter(u[i])) i++;
    if (i - start < 3 || i - start > AN_DATE_KEY_MAX) continue;
    char word[AN_DATE_KEY_MAX + 1] = {0};
    for (size_t k = start; k < i; k++) word[k - start] = (char)(u[k] | 32);
    if (date_word(word, c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

/* Dates the sentence's events from its time expression, if any: found once
 * per tense (a planned event reads "Wednesday" forward, others back). */
static void date_events(const an_sentence_context *s, const char *published, an_event *events, size_t count) {
  an_date_mention found[2];
  bool looked[2] = {false, false}, dated[2] = {false, false};
  for (size_t i = 0; i < count; i++) {
    int future = events[i].status == AN_STATUS_PLANNED;
    if (!looked[future]) {
      looked[future] = true;
      dated[future] = may_hold_date(s->text + s->span.offset, s->span.length) &&
                      an_date_find(s->text + s->span.offset, s->span.length, published,
                                   future ? AN_TENSE_FUTURE : AN_TENSE_PAST, &found[future]) &&
                      found[future].precision != AN_PRECISION_NONE;
    }
    if (!dated[future]) continue;
    an_copy_string(events[i].date, sizeof events[i].date, found[future].date);
    events[i].date_precision = found[future].precision;
  }
}

/* After a sentence: its first event's source (else its first named actor)
 * is who "it" and "he" mean next. */
static void update_discourse(an_sentence_context *s, const an_event *events, size_t count) {
  an_discourse *d = s->discourse;
  const an_group *subject = NULL;
  for (size_t g = 0; g < s->group_count && !subject; g++)
    if (s->groups[g].has_country && !s->groups[g].excluded) subject = &s->groups[g];
  if (count > 0) {
    an_actor_code_from(&d->subject, events[0].source.code);
    an_copy_string(d->subject.agent, sizeof d->subject.agent, events[0].source.agent);
    an_copy_string(d->subject.country, sizeof d->subject.country, events[0].source.country);
    d->has_subject = true;
    size_t length = events[0].source.span.length < 47 ? events[0].source.span.length : 47;
    if (!s->groups[0].pronoun || length) {
      memcpy(d->subject_text, s->text + events[0].source.span.offset, length);
      d->subject_text[length] = '\0';
    }
  } else if (subject && !subject->pronoun) {
    d->subject = subject->actor;
    d->has_subject = true;
    const an_token *a = &s->tokens[subject->first], *b = &s->tokens[subject->end - 1];
    size_t length = b->offset + b->length - a->offset;
    if (length > 47) length = 47;
    memcpy(d->subject_text, s->text + a->offset, length);
    d->subject_text[length] = '\0';
  }
  an_groups_remember(s);
  d->previous_count = count < AN_SENTENCE_EVENTS_MAX ? count : AN_SENTENCE_EVENTS_MAX;
  memcpy(d->previous, events, d->previous_count * sizeof *events);
}

static int code_sentence(an_coder *coder, const an_doc *doc, const an_sentence *sentence, const char *published,
                         int32_t published_number, an_events *out) {
  an_sentence_context *s = coder->sentence;
  s->dict = coder->dict;
  s->doc = doc;
  s->text = doc->text;
  s->tokens = &coder->segmentation.tokens[sentence->first_token];
  s->count = sentence->token_count;
  s->span = sentence->span;
  s->date_number = published_number;
  s->discourse = &coder->discourse;
  s->word_class = coder->word_class;
  s->word_class_count = coder->word_class_count;
  s->set_words = coder->set_words;
  s->set_word_count = coder->set_word_count;
  an_dict_label_tokens_in(s->dict, s->text, doc->text_length, s->tokens, s->count);
  an_sentence_prepare(s);
  an_dict_find_phrases_rooted(s->dict, coder->root_child, coder->root_count, s->tokens, s->count, s->names,
                              &s->name_count, s->cues, &s->cue_count, AN_MAX_MENTIONS);
  an_groups_build(s);
  an_groups_resolve(s);
  an_status_scan(s);
  size_t count = an_code_sentence_events(s, coder->events, AN_SENTENCE_EVENTS_MAX);
  date_events(s, published, coder->events, count);
  update_discourse(s, coder->events, count);
  for (size_t i = 0; i < count; i++)
    if (push_event(out, &coder->events[i]) != AN_OK) return AN_ERROR_MEMORY;
  return AN_OK;
}

/* A stable id: hash of article, sentence, verb, code and actors. */
/* The key is written by hand (this runs once per event): what
 * "%s|%zu|%zu|%s|%s|%s" would write, cut at the key's size. */
typedef struct id_key {
  char bytes[AN_EVENT_KEY_MAX];
  size_t length;
} id_key;

static void key_text(id_key *key, const char *text) {
  while (*text && key->length < sizeof key->bytes - 1) key->bytes[key->length++] = *text++;
}

static void key_number(id_key *key, size_t number) {
  char digits[24];
  size_t count = 0;
  do {
    digits[count++] = (char)('0' + number % 10);
    number /= 10;
  } while (number);
  while (count && key->length < sizeof key->bytes - 1) key->bytes[key->length++] = digits[--count];
}

void an_event_set_id(const an_doc *doc, an_event *event) {
  id_key key = {.length = 0};
  key_text(&key, doc->id ? doc->id : "");
  key_text(&key, "|");
  key_number(&key, event->sentence.offset);
  key_text(&key, "|");
  key_number(&key, event->verb.offset);
  key_text(&key, "|");
  key_text(&key, event->code);
  key_text(&key, "|");
  key_text(&key, event->has_source ? event->source.code : "");
  key_text(&key, "|");
  key_text(&key, event->has_target ? event->target.code : "");
  uint64_t hash = an_hash64(key.bytes, key.length, 0x616e6e616c73ULL);
  static const char hex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--, hash >>= 4) event->id[i] = hex[hash & 15];
  event->id[16] = '\0';
}

/* TABARI semantics code the sentence; annals adds what TABARI does not
 * give: ids and dates resolved from the sentence's time words. */
static int code_with_tabari(an_coder *coder, const an_doc *doc, const an_sentence *sentence,
                            const char *published, an_events *out, an_error *error) {
  size_t first = out->count;
  int status = an_tabari_code_sentence(coder->dict->tabari, doc, sentence->span, published, out, error);
  an_date_mention mention;
  bool dated = status == AN_OK && first < out->count &&
               an_date_find(doc->text + sentence->span.offset, sentence->span.length, published, AN_TENSE_PAST,
                            &mention) && mention.precision != AN_PRECISION_NONE;
  for (size_t i = first; i < out->count; i++) {
    an_event *event = &out->items[i];
    if (!event->id[0]) an_event_set_id(doc, event);
    if (dated && !event->date[0]) {
      an_copy_string(event->date, sizeof event->date, mention.date);
      event->date_precision = mention.precision;
    }
  }
  return status;
}

int an_coder_code(an_coder *coder, const an_doc *doc, an_events *out, an_error *error) {
  if (!doc || !doc->text) return an_error_set(error, AN_ERROR_USAGE, "document has no text");
  const char *published = doc->published ? doc->published : (coder->default_date[0] ? coder->default_date : NULL);
  an_segmentation_reset(&coder->segmentation);
  /* a new document: forget the last one's discourse and sentences (only the
   * fields in use are cleared: the arrays are large) */
  coder->discourse.has_subject = false;
  coder->discourse.recent_count = coder->discourse.recent_next = 0;
  coder->discourse.previous_count = 0;
  for (size_t i = 0; i < coder->seen_count; i++) coder->seen[coder->seen_slots[i]] = 0;
  coder->seen_count = 0;
  for (size_t p = 0; p < doc->paragraph_count; p++) {
    if (an_segment_paragraph(&coder->segmentation, doc->text, doc->paragraphs[p]) != AN_OK)
      return an_error_set(error, AN_ERROR_MEMORY, "%s: out of memory", doc->origin ? doc->origin : "document");
  }
  int32_t publication = published_number(coder, published);
  for (size_t i = 0; i < coder->segmentation.sentence_count; i++) {
    const an_sentence *sentence = &coder->segmentation.sentences[i];
    if (seen_before(coder, doc->text, sentence->span)) continue;
    int status = coder->dict->tabari ? code_with_tabari(coder, doc, sentence, published, out, error)
                                     : code_sentence(coder, doc, sentence, published, publication, out);
    if (status != AN_OK) {
      if (status == AN_ERROR_MEMORY) an_error_set(error, status, "%s: out of memory", doc->origin ? doc->origin : "document");
      return status;
    }
  }
  return AN_OK;
}
