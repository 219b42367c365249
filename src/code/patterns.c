/*
 * patterns.c — from verbs to events: find the verbs of a sentence that have
 * patterns, match the patterns' words and actor slots, find the source
 * (subject, skipping appositions; or "$" after the verb; or the "by" of a
 * passive), the target ("+", or the next actor), expand compounds, and fill
 * the event records.
 */
#include "code/code_internal.h"

#include <string.h>

typedef struct pattern_match {
  const an_pattern *pattern;
  uint32_t pattern_index;  /* 1-based */
  int score;               /* elements matched */
  int source, target;      /* group indexes, -1 none */
  uint32_t last;           /* last token the pattern used */
  uint32_t used[AN_DICT_MAX_PATTERN_ELEMENTS * 2];
  int used_count;
  bool optional_target;
} pattern_match;

static inline bool word_matches(const an_sentence_context *s, uint32_t index, const an_element *element) {
  const an_token *token = &s->tokens[index];
  if (!token->word) return false;
  uint32_t noun = s->noun[index];
  if (element->kind == AN_ELEMENT_WORD)
    return token->word == element->value || token->lemma == element->value || noun == element->value;
  if (!s->in_set[index]) return false;
  return an_dict_set_has(s->dict, element->value, token->word) ||
         an_dict_set_has(s->dict, element->value, token->lemma) || an_dict_set_has(s->dict, element->value, noun);
}

static bool same_side(const an_actor_code *a, const an_actor_code *b) {
  if (strcmp(a->country, b->country)) return false;
  return !a->agent[0] || !b->agent[0] || !strcmp(a->agent, b->agent);
}

/* The next usable group starting in [from, from + gap], within the clause;
 * skips groups on the source's side when source >= 0. */
static int group_after(const an_sentence_context *s, uint32_t from, uint32_t gap, int source) {
  for (uint32_t i = from; i < s->count && i <= from + gap; i++) {
    int g = s->group_at[i];
    if (g >= 0 && s->groups[g].first == i && s->groups[g].has_country && !s->groups[g].excluded) {
      if (source < 0 || !same_side(&s->groups[g].actor, &s->groups[source].actor)) return g;
      i = s->groups[g].end - 1;
      continue;
    }
    if (an_token_breaks_clause(s, i)) return -1;
  }
  return -1;
}

/* End token (exclusive) of a compound whose head is g. */
static uint32_t compound_end(const an_sentence_context *s, int g) {
  while (s->groups[g].next_member >= 0) g = s->groups[g].next_member;
  return s->groups[g].end;
}

/* Words that open a parenthetical segment between commas. */
static bool opens_parenthetical(const an_sentence_context *s, uint32_t index) {
  const an_function_words *f = &s->dict->fn;
  uint32_t word = s->tokens[index].word;
  return word && (word == f->who || word == f->which || word == f->whose || word == f->headed ||
                  word == f->led || word == f->a || word == f->an || word == f->the || word == f->in ||
                  word == f->as || word == f->according || word == f->including || word == f->citing ||
                  word == f->backed || word == f->also || word == f->where || word == f->when);
}

/* The subject of the verb at index: the nearest actor before it, skipping
 * parenthetical segments ", headed by ...,". */
static int subject_before(const an_sentence_context *s, uint32_t verb) {
  for (int i = (int)verb - 1; i >= 0; i--) {
    int g = s->group_at[i];
    if (g >= 0 && s->groups[g].has_country && !s->groups[g].excluded) return s->groups[g].head;
    if (an_token_is_punct(s, (uint32_t)i, ';')) return -1;
    if (!an_token_is_punct(s, (uint32_t)i, ',')) continue;
    int k = i - 1;
    while (k >= 0 && !an_token_is_punct(s, (uint32_t)k, ',')) k--;
    if (k >= 0 && opens_parenthetical(s, (uint32_t)k + 1)) i = k; /* the loop's i-- steps past it */
  }
  return -1;
}

/* For a noun at the start of a sentence ("In a meeting with X, Umerov
 * said"): the actor right after the next comma. */
static int subject_after(const an_sentence_context *s, uint32_t from) {
  for (uint32_t i = from; i < s->count; i++) {
    if (!an_token_is_punct(s, i, ',')) continue;
    int g = group_after(s, i + 1, 2, -1);
    return g >= 0 ? s->groups[g].head : -1;
  }
  return -1;
}

/* Is the verb at index a passive participle: a form of "be" just before
 * it ("was attacked", "have been accused") and an inflected form? */
static bool is_passive(const an_sentence_context *s, uint32_t verb) {
  const an_function_words *f = &s->dict->fn;
  const an_token *token = &s->tokens[verb];
  if (token->word == token->lemma || token->length < 3) return false;
  const char *end = s->text + token->offset + token->length;
  if (!memcmp(end - 3, "ing", 3) || end[-1] == 's') return false;
  for (uint32_t back = 1; back <= 2 && back <= verb; back++)
    if (s->tokens[verb - back].lemma == f->be) return true;
  return false;
}

/* The agent of a passive: "by" and an actor right after the verb. */
static int passive_agent(const an_sentence_context *s, uint32_t verb) {
  if (verb + 1 >= s->count || s->tokens[verb + 1].word != s->dict->fn.by) return -1;
  int g = group_after(s, verb + 2, 1, -1);
  return g >= 0 ? s->groups[g].head : -1;
}

/* May a pattern word use token i?  Not when it names an actor; a role word
 * alone ("troops", "military") may be the pattern's object: "mobilized
 * troops", "provide military aid". */
static bool free_for_word(const an_sentence_context *s, uint32_t i) {
  return s->group_at[i] < 0 || !s->groups[s->group_at[i]].named;
}

static bool element_word(const an_sentence_context *s, const an_element *element, pattern_match *match,
                         uint32_t *position) {
  for (uint32_t i = *position; i < s->count && i <= *position + AN_PATTERN_GAP; i++) {
    if (word_matches(s, i, element) && free_for_word(s, i)) {
      /* a compound noun of the same kind ("weapons aid") is used whole */
      while (i + 1 < s->count && free_for_word(s, i + 1) && word_matches(s, i + 1, element) &&
             match->used_count < AN_DICT_MAX_PATTERN_ELEMENTS - 1)
        match->used[match->used_count++] = i++;
      match->used[match->used_count++] = i;
      match->last = i;
      *position = i + 1;
      return true;
    }
    if (an_token_breaks_clause(s, i)) return false;
  }
  return false;
}

static bool element_actor(const an_sentence_context *s, pattern_match *match, uint32_t *position, bool target) {
  int g = group_after(s, *position, AN_TARGET_GAP, target ? match->source : -1);
  if (g < 0) return false;
  g = s->groups[g].head;
  if (target) match->target = g;
  else match->source = g;
  match->last = compound_end(s, g) - 1;
  *position = compound_end(s, g);
  return true;
}

/* Do the pattern's elements from `from` on consist of the final target slot,
 * after at most one word, with a compound subject to stand in for it? */
static bool reciprocal_tail(const an_sentence_context *s, const an_pattern *pattern, uint32_t from, int source,
                            uint32_t verb) {
  if (source < 0 || s->groups[source].next_member < 0) return false;
  /* only the compound's own verb, a few auxiliaries away ("have clashed") */
  if (compound_end(s, source) + 3 < verb) return false;
  uint32_t last = pattern->element_count - 1;
  const an_element *elements = &s->dict->elements[pattern->element_first];
  if (elements[last].kind != AN_ELEMENT_TARGET || last - from > 1) return false;
  return from == last || elements[from].kind == AN_ELEMENT_WORD;
}

/* Matches one pattern at the verb; returns false when an element is missing.
 * A passive verb's subject is its target and its "by" actor (agent, may be
 * -1) its source: "Ukraine was attacked by Russia". */
static bool match_pattern(const an_sentence_context *s, const an_pattern *pattern, uint32_t verb,
                          int subject, bool passive, int agent, pattern_match *match) {
  /* every field but the used[] list (read only up to used_count) */
  match->pattern_index = 0;
  match->score = 0;
  match->used_count = 0;
  match->optional_target = false;
  match->pattern = pattern;
  match->source = pattern->subject_is_target ? -1 : subject;
  match->target = pattern->subject_is_target ? subject : -1;
  if (passive) {
    match->source = agent;
    match->target = subject;
  }
  match->last = verb;
  uint32_t position = verb + 1;
  for (uint32_t e = 0; e < pattern->element_count; e++) {
    const an_element *element = &s->dict->elements[pattern->element_first + e];
    if (passive && element->kind == AN_ELEMENT_TARGET) { /* the subject fills it */
      match->score++;
      continue;
    }
    bool ok = element->kind == AN_ELEMENT_TARGET ? element_actor(s, match, &position, true)
            : element->kind == AN_ELEMENT_SOURCE ? element_actor(s, match, &position, false)
                                                 : element_word(s, element, match, &position);
    /* "India and Pakistan clashed": a compound subject may stand in for a
     * missing last target slot and the one preposition before it ("clash
     * with +"); the members act on each other */
    if (!ok && reciprocal_tail(s, pattern, e, match->source, verb)) break;
    if (!ok) return false;
    match->score++;
  }
  if (!pattern->has_target && match->target < 0 && !passive) {
    int g = group_after(s, match->last + 1, AN_TARGET_GAP, match->source);
    if (g >= 0) {
      match->target = s->groups[g].head;
      match->optional_target = true;
    }
  }
  return true;
}

/* The best pattern among a verb's (or noun's) list. */
static bool best_of(const an_sentence_context *s, uint32_t first, uint32_t verb, int subject, bool passive,
                    int agent, pattern_match *best) {
  bool found = false;
  for (uint32_t p = first; p; p = s->dict->patterns[p - 1].next) {
    pattern_match match;
    if (!match_pattern(s, &s->dict->patterns[p - 1], verb, subject, passive, agent, &match)) continue;
    match.pattern_index = p;
    if (!found || match.score > best->score) {
      *best = match;
      found = true;
    }
  }
  return found;
}

static uint32_t verb_patterns(const an_sentence_context *s, const an_token *token) {
  uint32_t lemma = token->lemma;
  return lemma && lemma < s->dict->verb_capacity ? s->dict->verb_first[lemma] : 0;
}

static uint32_t noun_patterns(const an_sentence_context *s, const an_token *token) {
  uint32_t noun = s->noun[token - s->tokens];
  if (!token->word) return 0;
  if (token->word < s->dict->noun_first_capacity && s->dict->noun_first[token->word]) return s->dict->noun_first[token->word];
  return noun < s->dict->noun_first_capacity ? s->dict->noun_first[noun] : 0;
}

static bool is_preposition(const an_sentence_context *s, uint32_t index) {
  return an_token_has_class(s, index, AN_CLASS_PREPOSITION);
}

static bool ends_with_ing(const an_sentence_context *s, uint32_t index) {
  const an_token *token = &s->tokens[index];
  return token->length > 4 && !memcmp(s->text + token->offset + token->length - 3, "ing", 3);
}

/* Is the word at index used as a noun?  After a determiner ("the visit"),
 * or after a preposition unless it is a gerund ("on arms", "of reciprocal
 * support" — but "in aiding Russia"). */
static bool noun_position(const an_sentence_context *s, uint32_t index) {
  if (index == 0) return false;
  if (an_token_is_determiner(s, index - 1)) return true;
  if (ends_with_ing(s, index)) return false;
  if (is_preposition(s, index - 1)) return true;
  return index >= 2 && is_preposition(s, index - 2) && (s->tokens[index - 1].flags & AN_TOKEN_WORD) &&
         !(s->tokens[index - 1].flags & AN_TOKEN_CAPITALIZED) && s->group_at[index - 1] < 0;
}

/* Finds the pattern that fires at token index, if any. */
static bool match_at(const an_sentence_context *s, uint32_t index, pattern_match *match) {
  const an_token *token = &s->tokens[index];
  if (!token->word || s->group_at[index] >= 0 || s->consumed[index]) return false;
  uint32_t verbs = noun_position(s, index) ? 0 : verb_patterns(s, token);
  uint32_t nouns = noun_patterns(s, token);
  if (!verbs && !nouns) return false;
  int subject = subject_before(s, index);
  bool passive = verbs && is_passive(s, index);
  int agent = passive ? passive_agent(s, index) : -1;
  pattern_match verb_match, noun_match;
  bool have_verb = verbs && best_of(s, verbs, index, subject, passive, agent, &verb_match);
  bool have_noun = nouns && best_of(s, nouns, index, subject, false, -1, &noun_match);
  if (have_noun && noun_match.source < 0) noun_match.source = subject_after(s, noun_match.last + 1);
  if (!have_verb && !have_noun) return false;
  /* a reading with a source beats one without; then more matched elements */
  bool verb_wins = have_verb && (!have_noun || (verb_match.source >= 0) > (noun_match.source >= 0) ||
                                 ((verb_match.source >= 0) == (noun_match.source >= 0) &&
                                  verb_match.score >= noun_match.score));
  *match = verb_wins ? verb_match : noun_match;
  return true;
}

static void fill_actor(const an_sentence_context *s, an_actor *actor, const an_group *group) {
  an_copy_string(actor->code, sizeof actor->code, group->actor.code);
  an_copy_string(actor->country, sizeof actor->country, group->actor.country);
  an_copy_string(actor->agent, sizeof actor->agent, group->actor.agent);
  const an_token *a = &s->tokens[group->first], *b = &s->tokens[group->end - 1];
  actor->span.offset = a->offset;
  actor->span.length = b->offset + b->length - a->offset;
}

/* Writes "file:line" into out (capacity bytes, cut to fit): what
 * snprintf("%s:%u") gives, without its cost once per event. */
static void pattern_origin(char *out, size_t capacity, const char *file, uint32_t line) {
  char digits[12];
  size_t count = 0, length = 0;
  do {
    digits[count++] = (char)('0' + line % 10);
    line /= 10;
  } while (line);
  while (*file && length + 1 < capacity) out[length++] = *file++;
  if (length + 1 < capacity) out[length++] = ':';
  while (count && length + 1 < capacity) out[length++] = digits[--count];
  out[length] = '\0';
}

/* Fills the parts of an event every member pair shares. */
static void fill_common(const an_sentence_context *s, const pattern_match *match, uint32_t verb, an_event *event) {
  memset(event, 0, sizeof *event);
  event->sentence = s->span;
  const an_token *v = &s->tokens[verb], *last = &s->tokens[match->last];
  event->verb.offset = v->offset;
  event->verb.length = last->offset + last->length - v->offset;
  an_copy_string(event->code, sizeof event->code, match->pattern->code);
  event->status = an_status_for_verb(s, verb);
  for (int i = 0; i < s->attribution_count; i++)
    an_copy_string(event->attribution[i], sizeof event->attribution[i], s->attribution[i]);
  event->attribution_count = s->attribution_count;
  pattern_origin(event->pattern, sizeof event->pattern, s->dict->files[match->pattern->file], match->pattern->line);
  event->confidence = match->optional_target ? 0.8 : 1.0;
  if (match->pattern->noun) event->confidence *= 0.9;
}

/* Takes a target from what came before when the clause gives none: "to
 * request aid" after "travelled to Seoul", or "it has provided aid" after an
 * event of the same source in the previous sentence. */
static bool inherit_target(const an_sentence_context *s, uint32_t verb, const an_group *source,
                           const an_event *sentence_events, size_t sentence_count, an_actor *target) {
  if (verb > 0 && s->tokens[verb - 1].word == s->dict->fn.to && sentence_count > 0 &&
      sentence_events[sentence_count - 1].has_target) {
    *target = sentence_events[sentence_count - 1].target;
    return true;
  }
  if (!source || !source->pronoun) return false;
  const an_discourse *d = s->discourse;
  for (size_t i = d->previous_count; i-- > 0;) {
    if (d->previous[i].has_target && !strcmp(d->previous[i].source.country, source->actor.country)) {
      *target = d->previous[i].target;
      target->span.length = 0; /* not in this sentence */
      return true;
    }
  }
  return false;
}

/* "Brazil and Argentina signed an agreement": with no target, the members
 * of a compound subject act on each other, one event each way. */
static size_t emit_reciprocal(an_sentence_context *s, const pattern_match *match, uint32_t verb, an_event *out,
                              size_t count, size_t capacity) {
  an_event common;
  fill_common(s, match, verb, &common);
  common.confidence *= 0.7;
  for (int a = match->source; a >= 0; a = s->groups[a].next_member) {
    for (int b = match->source; b >= 0; b = s->groups[b].next_member) {
      if (a == b || count >= capacity) continue;
      if (!strcmp(s->groups[a].actor.country, s->groups[b].actor.country)) continue;
      an_event event = common;
      event.has_source = event.has_target = 1;
      fill_actor(s, &event.source, &s->groups[a]);
      fill_actor(s, &event.target, &s->groups[b]);
      an_event_set_id(s->doc, &event);
      out[count++] = event;
    }
  }
  return count;
}

/* "X travelled to Seoul to request aid": the event before, in the same
 * sentence, whose subject controls the infinitive "to request". */
static const an_event *controlling_event(const an_sentence_context *s, uint32_t verb, const an_event *events,
                                         size_t count) {
  if (verb == 0 || count == 0 || s->tokens[verb - 1].word != s->dict->fn.to) return NULL;
  const an_event *before = &events[count - 1];
  return before->verb.offset < s->tokens[verb].offset ? before : NULL;
}

/* Emits one event per (source member, target member). */
static size_t emit_events(an_sentence_context *s, const pattern_match *match, uint32_t verb, an_event *out,
                          size_t count, size_t capacity) {
  const an_event *controller = controlling_event(s, verb, out, count);
  if (controller && match->target < 0 && controller->has_target) {
    if (count >= capacity) return count;
    an_event event;
    fill_common(s, match, verb, &event);
    event.has_source = event.has_target = 1;
    event.source = controller->source;
    event.target = controller->target;
    event.confidence *= 0.7;
    an_event_set_id(s->doc, &event);
    out[count++] = event;
    return count;
  }
  if (match->source < 0) return count;
  if (match->target < 0 && s->groups[match->source].next_member >= 0)
    return emit_reciprocal(s, match, verb, out, count, capacity);
  an_event common;
  fill_common(s, match, verb, &common);
  an_actor inherited;
  bool has_inherited = false;
  if (match->target < 0) {
    has_inherited = inherit_target(s, verb, &s->groups[match->source], out, count, &inherited);
    bool statement = common.code[0] == '0' && common.code[1] == '1';
    if (!has_inherited && !statement) return count;
    if (has_inherited) common.confidence *= 0.6;
  }
  for (int source = match->source; source >= 0; source = s->groups[source].next_member) {
    int target = match->target;
    do {
      if (count >= capacity) return count;
      an_event event = common;
      event.has_source = 1;
      fill_actor(s, &event.source, &s->groups[source]);
      if (target >= 0) {
        event.has_target = 1;
        fill_actor(s, &event.target, &s->groups[target]);
      } else if (has_inherited) {
        event.has_target = 1;
        event.target = inherited;
      }
      if (s->groups[source].pronoun) event.confidence *= 0.8;
      bool self = event.has_target && event.target.country[0] &&
                  !strcmp(event.source.country, event.target.country) &&
                  (!event.source.agent[0] || !event.target.agent[0] || !strcmp(event.source.agent, event.target.agent));
      if (!self) {
        an_event_set_id(s->doc, &event);
        out[count++] = event;
      }
      target = target >= 0 ? s->groups[target].next_member : -1;
    } while (target >= 0);
  }
  return count;
}

/* Members of a compound that name the same actor ("President Yoon's office
 * and South Korea's ministry") give one event, not two. */
static size_t drop_repeats(an_event *events, size_t first_new, size_t count) {
  size_t kept = first_new;
  for (size_t i = first_new; i < count; i++) {
    bool repeat = false;
    for (size_t j = 0; j < kept && !repeat; j++)
      repeat = !strcmp(events[i].code, events[j].code) && events[i].status == events[j].status &&
               !strcmp(events[i].source.code, events[j].source.code) &&
               events[i].has_target == events[j].has_target && !strcmp(events[i].target.code, events[j].target.code);
    if (!repeat) events[kept++] = events[i];
  }
  return kept;
}

size_t an_code_sentence_events(an_sentence_context *s, an_event *out, size_t capacity) {
  size_t count = 0;
  memset(s->consumed, 0, s->count * sizeof s->consumed[0]);
  for (uint32_t i = 0; i < s->count; i++) {
    pattern_match match;
    if (!match_at(s, i, &match)) continue;
    for (int u = 0; u < match.used_count; u++) s->consumed[match.used[u]] = true;
    /* "the possibility of reassessing X": a gerund right after the pattern
     * is its complement, not a second event */
    if (match.last + 1 < s->count && ends_with_ing(s, match.last + 1)) s->consumed[match.last + 1] = true;
    size_t before = count;
    count = emit_events(s, &match, i, out, count, capacity);
    count = drop_repeats(out, before, count);
  }
  return count;
}
