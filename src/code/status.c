/*
 * status.c — what the sentence says about its events: negated, planned,
 * hypothetical, reported; and who it is attributed to ("according to
 * Reuters", "sources cited by the Yonhap news agency", "officials said").
 */
#include "code/code_internal.h"

#include <string.h>

static const an_entry *cue_entry(const an_sentence_context *s, const an_mention *cue) {
  return &s->dict->entries[cue->entry - 1];
}

/* Words that say "somebody" without naming them. */
static bool is_generic(const an_sentence_context *s, uint32_t index) {
  static const char *const words[] = {"the", "a", "an", "various", "several", "unnamed", "anonymous",
                                      "sources", "source", "people", "person", "officials", "some",
                                      "other", "multiple", "local", NULL};
  const an_token *token = &s->tokens[index];
  char word[32];
  if (token->length >= sizeof word) return false;
  an_token_normalize(s->text, token, word, sizeof word);
  for (size_t i = 0; words[i]; i++)
    if (!strcmp(word, words[i])) return true;
  return false;
}

static bool starts_cue(const an_sentence_context *s, uint32_t index) {
  for (size_t c = 0; c < s->cue_count; c++)
    if (s->cues[c].first == index) return true;
  return false;
}

static void add_attribution(an_sentence_context *s, const char *text, size_t length) {
  if (s->attribution_count >= AN_MAX_ATTRIBUTION || length == 0) return;
  char name[48];
  size_t n = length < sizeof name - 1 ? length : sizeof name - 1;
  memcpy(name, text, n);
  name[n] = '\0';
  for (int i = 0; i < s->attribution_count; i++)
    if (!strcmp(s->attribution[i], name)) return;
  an_copy_string(s->attribution[s->attribution_count++], sizeof s->attribution[0], name);
}

/* Marks the groups in [from, to) as attribution, not actors of events. */
static void exclude_groups(an_sentence_context *s, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to && i < s->count; i++)
    if (s->group_at[i] >= 0) s->groups[s->group_at[i]].excluded = true;
}

/* The name after a cue: a run of capitalised words, else up to three plain
 * words ("media reports"), stopping at punctuation or another cue. */
static void attribution_after(an_sentence_context *s, uint32_t start) {
  uint32_t i = start;
  while (i < s->count && is_generic(s, i) && !starts_cue(s, i)) i++;
  if (i >= s->count || starts_cue(s, i) || (s->tokens[i].flags & AN_TOKEN_PUNCT)) return;
  uint32_t first = i;
  bool capitalized = (s->tokens[i].flags & AN_TOKEN_CAPITALIZED) != 0;
  while (i < s->count && i - first < (capitalized ? 6u : 3u) && !starts_cue(s, i) &&
         !(s->tokens[i].flags & (AN_TOKEN_PUNCT | AN_TOKEN_POSSESSIVE)) &&
         (!capitalized || (s->tokens[i].flags & AN_TOKEN_CAPITALIZED)))
    i++;
  const an_token *a = &s->tokens[first], *b = &s->tokens[i - 1];
  add_attribution(s, s->text + a->offset, b->offset + b->length - a->offset);
  exclude_groups(s, first, i);
}

/* The name before a cue ("Reuters said", "he said"): the group ending there. */
static void attribution_before(an_sentence_context *s, uint32_t cue_first) {
  if (cue_first == 0) return;
  int group = s->group_at[cue_first - 1];
  if (group < 0) return;
  const an_group *g = &s->groups[group];
  if (g->pronoun) {
    if (s->discourse->has_subject && s->discourse->subject_text[0])
      add_attribution(s, s->discourse->subject_text, strlen(s->discourse->subject_text));
    return;
  }
  const an_token *a = &s->tokens[g->first], *b = &s->tokens[g->end - 1];
  add_attribution(s, s->text + a->offset, b->offset + b->length - a->offset);
}

void an_status_scan(an_sentence_context *s) {
  s->attribution_count = 0;
  s->reported = false;
  for (size_t c = 0; c < s->cue_count; c++) {
    const an_mention *cue = &s->cues[c];
    uint32_t flags = cue_entry(s, cue)->flags;
    if (flags & AN_CUE_REPORTED) s->reported = true;
    if (flags & AN_CUE_ATTRIBUTION_AFTER) attribution_after(s, cue->first + cue->count);
    if (flags & AN_CUE_ATTRIBUTION_BEFORE) attribution_before(s, cue->first);
  }
}

/* A modal cue governs the verb it stands before, in the same clause. */
static bool governs(const an_sentence_context *s, const an_mention *cue, uint32_t verb) {
  uint32_t end = cue->first + cue->count;
  if (end > verb || verb - end > AN_CUE_GAP - 1) return false;
  for (uint32_t i = end; i < verb; i++)
    if (an_token_breaks_clause(s, i)) return false;
  return true;
}

an_status an_status_for_verb(const an_sentence_context *s, uint32_t verb) {
  uint32_t flags = 0;
  for (size_t c = 0; c < s->cue_count; c++)
    if (governs(s, &s->cues[c], verb)) flags |= cue_entry(s, &s->cues[c])->flags;
  if (flags & AN_CUE_NEGATED) return AN_STATUS_NEGATED;
  if (flags & AN_CUE_DENIED) return AN_STATUS_DENIED;
  if (flags & AN_CUE_PLANNED) return AN_STATUS_PLANNED;
  if (flags & AN_CUE_HYPOTHETICAL) return AN_STATUS_HYPOTHETICAL;
  return s->reported ? AN_STATUS_REPORTED : AN_STATUS_ASSERTED;
}
