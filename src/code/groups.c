/*
 * groups.c — noun groups: the actor phrases of a sentence joined into the
 * actors they name ("South Korean President Yoon Suk Yeol" is one actor,
 * KORGOV), compounds ("Britain, France and Poland"), and references back
 * ("it", "he", "the delegation", "the country") resolved from the discourse.
 */
#include "code/code_internal.h"

#include <string.h>

static bool breaks_clause(const an_sentence_context *s, uint32_t index) {
  const an_token *token = &s->tokens[index];
  if (!(token->flags & AN_TOKEN_PUNCT)) return false;
  char c = s->text[token->offset];
  return token->length != 1 || c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' || c == ')';
}

static bool in_some_set(const an_sentence_context *s, uint32_t word) {
  if (!s->set_words || word >= s->set_word_count) return true; /* not known: look it up */
  return (s->set_words[word >> 3] >> (word & 7)) & 1;
}

void an_sentence_prepare(an_sentence_context *s) {
  for (uint32_t i = 0; i < s->count; i++) {
    const an_token *token = &s->tokens[i];
    s->noun[i] = an_dict_noun_base(s->dict, token->word);
    /* a one-byte mark; NUL is never a mark asked for */
    s->punct[i] = (token->flags & AN_TOKEN_PUNCT) && token->length == 1 ? s->text[token->offset] : 0;
    s->clause_break[i] = breaks_clause(s, i);
    s->in_set[i] = token->word && (in_some_set(s, token->word) || in_some_set(s, token->lemma) ||
                                   in_some_set(s, s->noun[i]));
  }
}

uint8_t an_word_class(const an_dict *dict, uint32_t w) {
  const an_function_words *f = &dict->fn;
  if (!w) return 0;
  uint8_t classes = 0;
  if (w == f->the || w == f->a || w == f->an || w == f->this_ || w == f->that || w == f->these || w == f->those ||
      w == f->its || w == f->his || w == f->her || w == f->their || w == f->our || w == f->your)
    classes |= AN_CLASS_DETERMINER;
  if (w == f->of || w == f->on || w == f->in || w == f->for_ || w == f->with || w == f->about || w == f->at ||
      w == f->from || w == f->by || w == f->into || w == f->over || w == f->against || w == f->amid ||
      w == f->amidst || w == f->after || w == f->before || w == f->during || w == f->under || w == f->without)
    classes |= AN_CLASS_PREPOSITION;
  return classes;
}

bool an_token_is_determiner(const an_sentence_context *s, uint32_t index) {
  if (s->tokens[index].flags & AN_TOKEN_POSSESSIVE) return true;
  return an_token_has_class(s, index, AN_CLASS_DETERMINER);
}

/* Splits a CAMEO actor code into country and agent: IGO/NGO/IMG/MNC codes
 * are their own "country". */
void an_actor_code_from(an_actor_code *actor, const char *code) {
  an_copy_string(actor->code, sizeof actor->code, code);
  bool organisation = (code[0] == 'I' && code[1] == 'G' && code[2] == 'O') ||
                      (code[0] == 'N' && code[1] == 'G' && code[2] == 'O') ||
                      (code[0] == 'I' && code[1] == 'M' && code[2] == 'G') ||
                      (code[0] == 'M' && code[1] == 'N' && code[2] == 'C');
  if (organisation) {
    an_copy_string(actor->country, sizeof actor->country, code);
    actor->agent[0] = '\0';
    return;
  }
  /* country: the first three bytes ("%.3s"); agent: bytes 3..5 when the
   * code has at least six */
  size_t length = 0;
  while (length < 6 && code[length]) length++;
  size_t country = length < 3 ? length : 3;
  memcpy(actor->country, code, country);
  actor->country[country] = '\0';
  if (length >= 6) {
    memcpy(actor->agent, code + 3, 3);
    actor->agent[3] = '\0';
  } else {
    actor->agent[0] = '\0';
  }
}

static const an_entry *entry_of(const an_sentence_context *s, const an_mention *mention) {
  return &s->dict->entries[mention->entry - 1];
}

/* Can tokens [from, to) join two phrases into one group?  Possessives,
 * capitalised name parts, and "of"/"from" after a bare agent. */
static bool is_glue(const an_sentence_context *s, uint32_t from, uint32_t to, bool group_has_country,
                    bool next_is_actor) {
  if (to - from > 3) return false;
  const an_function_words *f = &s->dict->fn;
  for (uint32_t i = from; i < to; i++) {
    const an_token *token = &s->tokens[i];
    if (token->flags & AN_TOKEN_POSSESSIVE) continue;
    if ((token->flags & AN_TOKEN_CAPITALIZED) && (token->flags & AN_TOKEN_WORD) && i > 0) continue;
    if ((token->word == f->from || token->word == f->of) && !group_has_country && next_is_actor && to - from == 1)
      continue;
    return false;
  }
  return true;
}

/* Adds one phrase to a group: the last actor phrase gives the code; an
 * agent phrase gives the agent when the actor code has none. */
static void group_add(an_sentence_context *s, an_group *group, const an_mention *mention) {
  const an_entry *entry = entry_of(s, mention);
  const an_code_option *option = an_dict_option_on(s->dict, entry, s->date_number);
  if (!option) return;
  if (entry->kind == AN_ENTRY_ACTOR) {
    char agent[8];
    an_copy_string(agent, sizeof agent, group->actor.agent);
    an_actor_code_from(&group->actor, option->code);
    if (!group->actor.agent[0] && agent[0] && strlen(group->actor.code) == 3) {
      an_copy_string(group->actor.agent, sizeof group->actor.agent, agent);
      an_copy_string(group->actor.code + 3, sizeof group->actor.code - 3, agent);
    }
    group->has_country = true;
    group->named = true;
  } else {
    group->agent_word = s->tokens[mention->first + mention->count - 1].word;
    group->agent_word = an_dict_noun_base(s->dict, group->agent_word);
    if (!group->actor.agent[0]) {
      an_copy_string(group->actor.agent, sizeof group->actor.agent, option->code);
      if (group->has_country && strlen(group->actor.code) == 3)
        an_copy_string(group->actor.code + 3, sizeof group->actor.code - 3, option->code);
    }
  }
  group->end = mention->first + mention->count;
}

static an_group *new_group(an_sentence_context *s, uint32_t first) {
  if (s->group_count >= AN_MAX_GROUPS) return NULL;
  an_group *group = &s->groups[s->group_count++];
  memset(group, 0, sizeof *group);
  group->first = group->end = first;
  group->next_member = -1;
  group->head = (int)(s->group_count - 1);
  return group;
}

static bool is_pronoun(const an_sentence_context *s, uint32_t index) {
  const an_function_words *f = &s->dict->fn;
  uint32_t word = s->tokens[index].word;
  if (word && (word == f->it || word == f->he || word == f->she || word == f->they)) return true;
  /* "the country", "the nation" */
  return word && (word == f->country || word == f->nation) && index > 0 && s->tokens[index - 1].word == f->the;
}

/* Pronoun groups for tokens outside any phrase. */
static void add_pronouns(an_sentence_context *s) {
  for (uint32_t i = 0; i < s->count; i++) {
    if (s->group_at[i] >= 0 || !is_pronoun(s, i)) continue;
    an_group *group = new_group(s, i);
    if (!group) return;
    group->end = i + 1;
    group->pronoun = true;
    s->group_at[i] = (int16_t)(s->group_count - 1);
  }
}

/* Is there a list separator (",", "and", "or", ", and") in [from, to)? */
static bool separates_members(const an_sentence_context *s, uint32_t from, uint32_t to) {
  const an_function_words *f = &s->dict->fn;
  if (to <= from || to - from > 3) return false;
  bool separator = false;
  for (uint32_t i = from; i < to; i++) {
    uint32_t word = s->tokens[i].word;
    bool joins = an_token_is_punct(s, i, ',') || word == f->and_ || word == f->or_;
    if (!joins && word != f->the) return false;
    separator |= joins;
  }
  return separator;
}

/* Links groups separated only by commas / "and" / "or" into compounds; a
 * compound's members take the agent of its first member when they have none
 * ("ministers from Britain, France and Poland"). */
static void link_compounds(an_sentence_context *s) {
  bool closed = false; /* the member before was joined by "and"/"or": the list ended there */
  for (size_t i = 0; i + 1 < s->group_count; i++) {
    an_group *left = &s->groups[i], *right = &s->groups[i + 1];
    if (closed || left->pronoun || right->pronoun || !separates_members(s, left->end, right->first)) {
      closed = false;
      continue;
    }
    const an_function_words *words = &s->dict->fn;
    for (uint32_t t = left->end; t < right->first; t++)
      if (s->tokens[t].word == words->and_ || s->tokens[t].word == words->or_) closed = true;
    /* "X, a rising producer," is an apposition, not a list: a list's last
     * member follows "and"/"or". */
    left->next_member = (int)(i + 1);
    right->head = left->head;
    an_group *head = &s->groups[left->head];
    if (!right->actor.agent[0] && head->actor.agent[0] && right->has_country && strlen(right->actor.code) == 3) {
      an_copy_string(right->actor.agent, sizeof right->actor.agent, head->actor.agent);
      an_copy_string(right->actor.code + 3, sizeof right->actor.code - 3, head->actor.agent);
    }
  }
  /* A compound must end in "and"/"or" before its last member. */
  for (size_t i = 0; i < s->group_count; i++) {
    if (s->groups[i].head != (int)i || s->groups[i].next_member < 0) continue;
    int last = (int)i;
    while (s->groups[last].next_member >= 0) last = s->groups[last].next_member;
    bool conjunction = false;
    const an_function_words *f = &s->dict->fn;
    for (uint32_t t = s->groups[i].end; t < s->groups[last].first; t++)
      if (s->tokens[t].word == f->and_ || s->tokens[t].word == f->or_) conjunction = true;
    if (conjunction) continue;
    for (int member = (int)i; member >= 0;) {
      int next = s->groups[member].next_member;
      s->groups[member].next_member = -1;
      s->groups[member].head = member;
      member = next;
    }
  }
}

void an_groups_build(an_sentence_context *s) {
  s->group_count = 0;
  for (size_t i = 0; i < s->count; i++) s->group_at[i] = -1;
  an_group *open = NULL;
  for (size_t m = 0; m < s->name_count; m++) {
    const an_mention *mention = &s->names[m];
    bool is_actor = entry_of(s, mention)->kind == AN_ENTRY_ACTOR;
    if (!open || !is_glue(s, open->end, mention->first, open->has_country, is_actor)) {
      open = new_group(s, mention->first);
      if (!open) break;
    }
    group_add(s, open, mention);
    for (uint32_t t = open->first; t < open->end; t++) s->group_at[t] = (int16_t)(s->group_count - 1);
  }
  add_pronouns(s);
  /* keep groups in text order: pronouns were appended last */
  for (size_t i = 1; i < s->group_count; i++) {
    an_group moving = s->groups[i];
    size_t j = i;
    while (j > 0 && s->groups[j - 1].first > moving.first) {
      s->groups[j] = s->groups[j - 1];
      j--;
    }
    s->groups[j] = moving;
  }
  for (size_t i = 0; i < s->count; i++) s->group_at[i] = -1;
  for (size_t g = 0; g < s->group_count; g++) {
    s->groups[g].head = (int)g;
    for (uint32_t t = s->groups[g].first; t < s->groups[g].end; t++) s->group_at[t] = (int16_t)g;
  }
  link_compounds(s);
}

static const an_actor_code *recent_for_agent(const an_discourse *d, uint32_t agent_word) {
  for (size_t k = 0; k < d->recent_count; k++) {
    size_t index = (d->recent_next + AN_RECENT_AGENTS - 1 - k) % AN_RECENT_AGENTS;
    if (d->recent[index].agent_word == agent_word) return &d->recent[index].actor;
  }
  return NULL;
}

/* The country of a place the sentence says things happen in ("in Minsk",
 * "in northern Syria"), for roles that name no country. */
static const an_group *place_in_sentence(const an_sentence_context *s) {
  const an_function_words *f = &s->dict->fn;
  for (size_t g = 0; g < s->group_count; g++) {
    const an_group *group = &s->groups[g];
    if (!group->has_country || group->pronoun || group->first == 0) continue;
    uint32_t before = s->tokens[group->first - 1].word;
    uint32_t two_before = group->first >= 2 ? s->tokens[group->first - 2].word : 0;
    if (before == f->in || two_before == f->in) return group;
  }
  return NULL;
}

/* Gives pronouns and bare agents the actor they refer back to; with no
 * discourse yet, a bare role takes the country of the place named ("Police
 * in Minsk arrested ..."). */
void an_groups_resolve(an_sentence_context *s) {
  an_discourse *d = s->discourse;
  const an_group *place = d->has_subject ? NULL : place_in_sentence(s);
  for (size_t g = 0; g < s->group_count; g++) {
    an_group *group = &s->groups[g];
    if (group->has_country) continue;
    if (place && !group->pronoun && group->actor.agent[0]) {
      snprintf(group->actor.code, sizeof group->actor.code, "%.3s%s", place->actor.country, group->actor.agent);
      an_copy_string(group->actor.country, sizeof group->actor.country, place->actor.country);
      group->has_country = true;
      continue;
    }
    const an_actor_code *found = group->agent_word ? recent_for_agent(d, group->agent_word) : NULL;
    if (found) {
      char agent[8];
      an_copy_string(agent, sizeof agent, group->actor.agent);
      group->actor = *found;
      if (agent[0] && !group->actor.agent[0]) {
        an_copy_string(group->actor.agent, sizeof group->actor.agent, agent);
        snprintf(group->actor.code, sizeof group->actor.code, "%s%s", found->country, agent);
      }
      group->has_country = true;
    } else if (d->has_subject && group->pronoun) { /* a bare role with no antecedent stays unknown */
      char agent[8];
      an_copy_string(agent, sizeof agent, group->actor.agent);
      group->actor = d->subject;
      if (agent[0] && !group->pronoun) {
        an_copy_string(group->actor.agent, sizeof group->actor.agent, agent);
        snprintf(group->actor.code, sizeof group->actor.code, "%.3s%s", d->subject.country, agent);
      }
      group->has_country = true;
    }
  }
}

/* Remembers each named group with an agent noun ("the delegation" later). */
void an_groups_remember(an_sentence_context *s) {
  an_discourse *d = s->discourse;
  for (size_t g = 0; g < s->group_count; g++) {
    const an_group *group = &s->groups[g];
    if (!group->has_country || !group->agent_word || group->pronoun) continue;
    d->recent[d->recent_next].agent_word = group->agent_word;
    d->recent[d->recent_next].actor = group->actor;
    d->recent_next = (d->recent_next + 1) % AN_RECENT_AGENTS;
    if (d->recent_count < AN_RECENT_AGENTS) d->recent_count++;
  }
}
