/*
 * html_tree.c — a streaming HTML tokenizer that builds a light element tree.
 *
 * One pass over the bytes: text runs are entity-decoded and white space is
 * collapsed into page->text; elements become nodes of a flat array with
 * parent / first child / next sibling links.  Tree construction follows the
 * parts of the HTML rules that matter for finding an article: void
 * elements, raw-text elements (script, style, title...), implied end tags
 * (p, li, dt/dd, td/tr, option), end tags closing the nearest matching open
 * element, stray end tags ignored.  Broken markup never fails; nesting deeper
 * than AN_HTML_MAX_DEPTH is flattened, so every walk over the tree is
 * bounded.  Page metadata (meta tags, <title>, <time>, JSON-LD) is noted on
 * the way.  Faster than a full HTML5 tree builder (gumbo parses these pages
 * at about 15 MB/s) because it keeps only what the extractor needs.
 */
#include "extract/html_internal.h"

#include <stdlib.h>
#include <string.h>

enum {
  MAX_ATTRIBUTES = 48,      /* attributes read per tag; the rest skipped */
  MAX_HINT_BYTES = 256,     /* class + id bytes looked at for hints */
  MAX_ENTITY_NAME = 32,     /* longest named reference */
  MAX_TAG_NAME = 16         /* longer names are AN_TAG_OTHER */
};

/* Tag names, sorted, with their kinds. */
typedef struct tag_name {
  const char *name;
  uint8_t tag;
} tag_name;

static const tag_name tag_names[] = {
    {"a", AN_TAG_A}, {"abbr", AN_TAG_ABBR}, {"address", AN_TAG_ADDRESS},
    {"area", AN_TAG_AREA}, {"article", AN_TAG_ARTICLE}, {"aside", AN_TAG_ASIDE},
    {"audio", AN_TAG_AUDIO}, {"b", AN_TAG_B}, {"base", AN_TAG_BASE},
    {"blockquote", AN_TAG_BLOCKQUOTE}, {"body", AN_TAG_BODY}, {"br", AN_TAG_BR},
    {"button", AN_TAG_BUTTON}, {"canvas", AN_TAG_CANVAS},
    {"caption", AN_TAG_CAPTION}, {"center", AN_TAG_CENTER}, {"cite", AN_TAG_CITE},
    {"code", AN_TAG_CODE}, {"col", AN_TAG_COL}, {"dd", AN_TAG_DD},
    {"details", AN_TAG_DETAILS}, {"dialog", AN_TAG_DIALOG}, {"div", AN_TAG_DIV},
    {"dl", AN_TAG_DL}, {"dt", AN_TAG_DT}, {"em", AN_TAG_EM}, {"embed", AN_TAG_EMBED},
    {"figcaption", AN_TAG_FIGCAPTION}, {"figure", AN_TAG_FIGURE},
    {"font", AN_TAG_FONT}, {"footer", AN_TAG_FOOTER}, {"form", AN_TAG_FORM},
    {"h1", AN_TAG_H1}, {"h2", AN_TAG_H2}, {"h3", AN_TAG_H3}, {"h4", AN_TAG_H4},
    {"h5", AN_TAG_H5}, {"h6", AN_TAG_H6}, {"head", AN_TAG_HEAD},
    {"header", AN_TAG_HEADER}, {"hr", AN_TAG_HR}, {"html", AN_TAG_HTML},
    {"i", AN_TAG_I}, {"iframe", AN_TAG_IFRAME}, {"img", AN_TAG_IMG},
    {"input", AN_TAG_INPUT}, {"label", AN_TAG_LABEL}, {"li", AN_TAG_LI},
    {"link", AN_TAG_LINK}, {"main", AN_TAG_MAIN}, {"math", AN_TAG_MATH},
    {"menu", AN_TAG_MENU}, {"meta", AN_TAG_META}, {"nav", AN_TAG_NAV},
    {"noembed", AN_TAG_NOEMBED}, {"noframes", AN_TAG_NOFRAMES},
    {"noscript", AN_TAG_NOSCRIPT}, {"object", AN_TAG_OBJECT}, {"ol", AN_TAG_OL},
    {"option", AN_TAG_OPTION}, {"p", AN_TAG_P}, {"param", AN_TAG_PARAM},
    {"picture", AN_TAG_PICTURE}, {"plaintext", AN_TAG_PLAINTEXT},
    {"pre", AN_TAG_PRE}, {"q", AN_TAG_Q}, {"s", AN_TAG_S},
    {"script", AN_TAG_SCRIPT}, {"section", AN_TAG_SECTION},
    {"select", AN_TAG_SELECT}, {"small", AN_TAG_SMALL}, {"source", AN_TAG_SOURCE},
    {"span", AN_TAG_SPAN}, {"strong", AN_TAG_STRONG}, {"style", AN_TAG_STYLE},
    {"sub", AN_TAG_SUB}, {"summary", AN_TAG_SUMMARY}, {"sup", AN_TAG_SUP},
    {"svg", AN_TAG_SVG}, {"table", AN_TAG_TABLE}, {"tbody", AN_TAG_TBODY},
    {"td", AN_TAG_TD}, {"template", AN_TAG_TEMPLATE},
    {"textarea", AN_TAG_TEXTAREA}, {"tfoot", AN_TAG_TFOOT}, {"th", AN_TAG_TH},
    {"thead", AN_TAG_THEAD}, {"time", AN_TAG_TIME}, {"title", AN_TAG_TITLE},
    {"tr", AN_TAG_TR}, {"track", AN_TAG_TRACK}, {"u", AN_TAG_U}, {"ul", AN_TAG_UL},
    {"video", AN_TAG_VIDEO}, {"wbr", AN_TAG_WBR}, {"xmp", AN_TAG_XMP},
};

/* An attribute as it appears in the tag: raw spans of the input. */
typedef struct attribute {
  const char *name;
  size_t name_length;
  const char *value;
  size_t value_length;
} attribute;

typedef struct parser {
  const char *html;
  size_t length;
  size_t position;
  an_html_page *page;
  uint32_t stack[AN_HTML_MAX_DEPTH + 1]; /* open elements; stack[0] = root */
  size_t stack_size;
  attribute attributes[MAX_ATTRIBUTES];
  size_t attribute_count;
  bool title_seen;
  bool body_seen;
  int status;
  an_error *error;
} parser;

/* ---- small helpers ---- */

static inline bool is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static inline bool is_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline bool is_alnum(unsigned char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

static inline unsigned char lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* Case-insensitive compare of a raw span with a lowercase word. */
static bool span_is(const char *span, size_t length, const char *word) {
  size_t i = 0;
  for (; i < length && word[i]; i++)
    if (lower((unsigned char)span[i]) != (unsigned char)word[i]) return false;
  return i == length && word[i] == '\0';
}

static uint32_t name_hash(const char *name, size_t length) {
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < length; i++) hash = (hash ^ lower((unsigned char)name[i])) * 16777619u;
  return hash;
}

static int compare_tag(const void *key, const void *item) {
  return strcmp(key, ((const tag_name *)item)->name);
}

static uint8_t lookup_tag(const char *name, size_t length) {
  char lowered[MAX_TAG_NAME + 1];
  if (length == 0 || length > MAX_TAG_NAME) return AN_TAG_OTHER;
  for (size_t i = 0; i < length; i++) lowered[i] = (char)lower((unsigned char)name[i]);
  lowered[length] = '\0';
  const tag_name *found = bsearch(lowered, tag_names, sizeof tag_names / sizeof tag_names[0],
                                  sizeof tag_names[0], compare_tag);
  return found ? found->tag : AN_TAG_OTHER;
}

static bool is_void(uint8_t tag) {
  switch (tag) {
  case AN_TAG_AREA: case AN_TAG_BASE: case AN_TAG_BR: case AN_TAG_COL:
  case AN_TAG_EMBED: case AN_TAG_HR: case AN_TAG_IMG: case AN_TAG_INPUT:
  case AN_TAG_LINK: case AN_TAG_META: case AN_TAG_PARAM: case AN_TAG_SOURCE:
  case AN_TAG_TRACK: case AN_TAG_WBR:
    return true;
  default:
    return false;
  }
}

static bool is_raw_text(uint8_t tag) {
  switch (tag) {
  case AN_TAG_SCRIPT: case AN_TAG_STYLE: case AN_TAG_TEXTAREA: case AN_TAG_TITLE:
  case AN_TAG_XMP: case AN_TAG_IFRAME: case AN_TAG_NOEMBED: case AN_TAG_NOFRAMES:
  case AN_TAG_NOSCRIPT: case AN_TAG_PLAINTEXT:
    return true;
  default:
    return false;
  }
}

/* Elements whose start closes an open <p> (HTML's "close a p element"). */
static bool closes_paragraph(uint8_t tag) {
  switch (tag) {
  case AN_TAG_ADDRESS: case AN_TAG_ARTICLE: case AN_TAG_ASIDE:
  case AN_TAG_BLOCKQUOTE: case AN_TAG_CENTER: case AN_TAG_DETAILS:
  case AN_TAG_DIALOG: case AN_TAG_DIV: case AN_TAG_DL: case AN_TAG_FIGCAPTION:
  case AN_TAG_FIGURE: case AN_TAG_FOOTER: case AN_TAG_FORM: case AN_TAG_H1:
  case AN_TAG_H2: case AN_TAG_H3: case AN_TAG_H4: case AN_TAG_H5: case AN_TAG_H6:
  case AN_TAG_HEADER: case AN_TAG_HR: case AN_TAG_MAIN: case AN_TAG_MENU:
  case AN_TAG_NAV: case AN_TAG_OL: case AN_TAG_P: case AN_TAG_PRE:
  case AN_TAG_SECTION: case AN_TAG_SUMMARY: case AN_TAG_TABLE: case AN_TAG_UL:
  case AN_TAG_LI: case AN_TAG_DD: case AN_TAG_DT: case AN_TAG_PLAINTEXT:
  case AN_TAG_XMP:
    return true;
  default:
    return false;
  }
}

/* Inline elements a <p> may sit under on the stack while still open. */
static bool is_phrasing(uint8_t tag) {
  switch (tag) {
  case AN_TAG_A: case AN_TAG_ABBR: case AN_TAG_B: case AN_TAG_CITE:
  case AN_TAG_CODE: case AN_TAG_EM: case AN_TAG_FONT: case AN_TAG_I:
  case AN_TAG_Q: case AN_TAG_S: case AN_TAG_SMALL: case AN_TAG_SPAN:
  case AN_TAG_STRONG: case AN_TAG_SUB: case AN_TAG_SUP: case AN_TAG_TIME:
  case AN_TAG_U: case AN_TAG_LABEL: case AN_TAG_OTHER:
    return true;
  default:
    return false;
  }
}

/* ---- node and text storage ---- */

static uint32_t add_node(parser *state, uint8_t tag) {
  an_html_page *page = state->page;
  if (page->node_count == page->node_capacity) {
    size_t capacity = page->node_capacity ? page->node_capacity * 2 : 1024;
    if (capacity > UINT32_MAX / 2) {
      state->status = an_error_set(state->error, AN_ERROR_LIMIT, "html: too many elements");
      return 0;
    }
    an_html_node *grown = realloc(page->nodes, capacity * sizeof *grown);
    if (!grown) {
      state->status = an_error_set(state->error, AN_ERROR_MEMORY, "html: out of memory");
      return 0;
    }
    page->nodes = grown;
    page->node_capacity = capacity;
  }
  uint32_t index = (uint32_t)page->node_count++;
  uint32_t parent = state->stack[state->stack_size - 1];
  an_html_node *node = &page->nodes[index];
  memset(node, 0, sizeof *node);
  node->tag = tag;
  node->parent = parent;
  node->depth = (uint16_t)state->stack_size;
  an_html_node *up = &page->nodes[parent];
  if (up->last_child) page->nodes[up->last_child].next_sibling = index;
  else up->first_child = index;
  up->last_child = index;
  return index;
}

static void append_bytes(parser *state, const char *bytes, size_t length) {
  if (state->status == AN_OK && an_buffer_append(&state->page->text, bytes, length) != AN_OK)
    state->status = an_error_set(state->error, AN_ERROR_MEMORY, "html: out of memory");
}

static void append_code_point(parser *state, uint32_t code) {
  char out[4];
  size_t length;
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  if (code < 0x80) {
    out[0] = (char)code;
    length = 1;
  } else if (code < 0x800) {
    out[0] = (char)(0xC0 | (code >> 6));
    out[1] = (char)(0x80 | (code & 0x3F));
    length = 2;
  } else if (code < 0x10000) {
    out[0] = (char)(0xE0 | (code >> 12));
    out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[2] = (char)(0x80 | (code & 0x3F));
    length = 3;
  } else {
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    length = 4;
  }
  append_bytes(state, out, length);
}

/* Numeric references 0x80..0x9F mean windows-1252 characters. */
static uint32_t windows_1252(uint32_t code) {
  static const uint16_t table[32] = {
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
      0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
  return (code >= 0x80 && code <= 0x9F) ? table[code - 0x80] : code;
}

static int compare_entity(const void *key, const void *item) {
  return strcmp(key, ((const an_html_entity *)item)->name);
}

static const char *find_entity(const char *name) {
  const an_html_entity *found = bsearch(name, an_html_entities, an_html_entity_count,
                                        sizeof an_html_entities[0], compare_entity);
  return found ? found->utf8 : NULL;
}

/* Decodes the reference at text[0] == '&'.  Appends its text and returns
 * the bytes consumed, or 0 when it is not a reference. */
static size_t decode_reference(parser *state, const char *text, size_t length) {
  if (length < 2) return 0;
  if (text[1] == '#') {
    size_t i = 2;
    bool hex = i < length && (text[i] == 'x' || text[i] == 'X');
    if (hex) i++;
    uint32_t code = 0;
    size_t digits = 0;
    for (; i < length; i++, digits++) {
      unsigned char c = (unsigned char)text[i];
      uint32_t value;
      if (c >= '0' && c <= '9') value = c - '0';
      else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') value = (uint32_t)((c | 0x20) - 'a' + 10);
      else break;
      if (code <= 0x10FFFF) code = code * (hex ? 16 : 10) + value;
    }
    if (digits == 0) return 0;
    if (i < length && text[i] == ';') i++;
    append_code_point(state, windows_1252(code));
    return i;
  }
  char name[MAX_ENTITY_NAME + 2];
  size_t run = 1;
  while (run < length && run <= MAX_ENTITY_NAME && is_alnum((unsigned char)text[run])) run++;
  size_t name_length = run - 1;
  if (name_length == 0) return 0;
  memcpy(name, text + 1, name_length);
  if (run < length && text[run] == ';') {
    name[name_length] = ';';
    name[name_length + 1] = '\0';
    const char *found = find_entity(name);
    if (found) {
      append_bytes(state, found, strlen(found));
      return run + 1;
    }
  }
  for (size_t prefix = name_length < 6 ? name_length : 6; prefix >= 2; prefix--) {
    name[prefix] = '\0'; /* legacy references without ';' are short */
    const char *found = find_entity(name);
    if (found) {
      append_bytes(state, found, strlen(found));
      return prefix + 1;
    }
  }
  return 0;
}

/* Appends text with references decoded.  collapse: runs of white space
 * (and no-break spaces) become one space; *after_space says whether the
 * text before ends with a space, and is updated. */
static void append_decoded(parser *state, const char *text, size_t length, bool collapse,
                           bool *after_space) {
  an_buffer *out = &state->page->text;
  size_t start = 0;
  for (size_t i = 0; i < length && state->status == AN_OK;) {
    unsigned char c = (unsigned char)text[i];
    bool space = collapse && (is_space(c) || (c == 0xC2 && i + 1 < length &&
                                              (unsigned char)text[i + 1] == 0xA0));
    if (c != '&' && !space && c != 0) {
      i++;
      *after_space = false;
      continue;
    }
    append_bytes(state, text + start, i - start);
    if (space) {
      if (!*after_space) append_bytes(state, " ", 1);
      *after_space = true;
      i += (c == 0xC2) ? 2 : 1;
    } else if (c == 0) {
      append_code_point(state, 0xFFFD);
      *after_space = false;
      i++;
    } else {
      size_t before = out->size;
      size_t used = decode_reference(state, text + i, length - i);
      if (used == 0) {
        append_bytes(state, "&", 1);
        used = 1;
      }
      bool nbsp = out->size == before + 2 && !memcmp(out->data + before, "\xC2\xA0", 2);
      if (collapse && nbsp) {
        out->size = before; /* &nbsp; is a space here */
        out->data[before] = '\0';
        if (!*after_space) append_bytes(state, " ", 1);
        *after_space = true;
      } else {
        *after_space = false;
      }
      i += used;
    }
    start = i;
  }
  append_bytes(state, text + start, length - start);
}

/* Stores an attribute value (decoded, white space collapsed) in the text
 * pool and returns where. */
static an_html_string keep_value(parser *state, const attribute *item) {
  an_html_string string;
  size_t begin = state->page->text.size;
  bool after_space = true;
  append_decoded(state, item->value, item->value_length, true, &after_space);
  size_t end = state->page->text.size;
  while (begin < end && state->page->text.data[begin] == ' ') begin++;
  while (end > begin && state->page->text.data[end - 1] == ' ') end--;
  string.offset = (uint32_t)begin;
  string.length = (uint32_t)(end - begin);
  return string;
}

/* ---- text nodes ---- */

static void add_text(parser *state, const char *text, size_t length) {
  an_html_page *page = state->page;
  uint32_t parent = state->stack[state->stack_size - 1];
  uint32_t last = page->nodes[parent].last_child;
  uint32_t node;
  bool after_space = false;
  if (last && last == page->node_count - 1 && page->nodes[last].tag == AN_TAG_TEXT) {
    node = last; /* continues a text split by a comment */
    an_html_node *open = &page->nodes[node];
    after_space = open->text_length && page->text.data[open->text_offset + open->text_length - 1] == ' ';
  } else {
    bool blank = true;
    for (size_t i = 0; i < length && blank; i++) blank = is_space((unsigned char)text[i]);
    if (blank && page->nodes[parent].first_child == 0) return;
    node = add_node(state, AN_TAG_TEXT);
    if (state->status != AN_OK) return;
    page->nodes[node].text_offset = (uint32_t)page->text.size;
  }
  append_decoded(state, text, length, true, &after_space);
  page->nodes[node].text_length = (uint32_t)(page->text.size - page->nodes[node].text_offset);
}

/* ---- hints from class, id, role, style ---- */

/* Words of class and id values, matched at the start of each token (after
 * a non-letter): "share-bar" and "sharebar" hit "share", "site-footer" hits
 * "footer".  whole: the token must end there too ("ad" but not "admin"). */
typedef enum hint_kind { HINT_STRONG_NEGATIVE, HINT_WEAK_NEGATIVE, HINT_GOOD } hint_kind;

typedef struct hint_word {
  const char *word;
  uint8_t kind;  /* hint_kind */
  uint8_t whole; /* token must end after the word */
} hint_word;

static const hint_word hint_words[] = {
    {"comment", HINT_STRONG_NEGATIVE, 0}, {"share", HINT_STRONG_NEGATIVE, 0},
    {"sharing", HINT_STRONG_NEGATIVE, 0}, {"social", HINT_STRONG_NEGATIVE, 0},
    {"related", HINT_STRONG_NEGATIVE, 0}, {"cookie", HINT_STRONG_NEGATIVE, 0},
    {"consent", HINT_STRONG_NEGATIVE, 0}, {"gdpr", HINT_STRONG_NEGATIVE, 0},
    {"newsletter", HINT_STRONG_NEGATIVE, 0}, {"subscri", HINT_STRONG_NEGATIVE, 0},
    {"promo", HINT_STRONG_NEGATIVE, 0}, {"sponsor", HINT_STRONG_NEGATIVE, 0},
    {"advert", HINT_STRONG_NEGATIVE, 0}, {"outbrain", HINT_STRONG_NEGATIVE, 0},
    {"taboola", HINT_STRONG_NEGATIVE, 0}, {"disqus", HINT_STRONG_NEGATIVE, 0},
    {"recommend", HINT_STRONG_NEGATIVE, 0}, {"breadcrumb", HINT_STRONG_NEGATIVE, 0},
    {"popup", HINT_STRONG_NEGATIVE, 0}, {"modal", HINT_STRONG_NEGATIVE, 0},
    {"trending", HINT_STRONG_NEGATIVE, 0}, {"popular", HINT_STRONG_NEGATIVE, 0},
    {"mostread", HINT_STRONG_NEGATIVE, 0}, {"most-read", HINT_STRONG_NEGATIVE, 0},
    {"signup", HINT_STRONG_NEGATIVE, 0}, {"sign-up", HINT_STRONG_NEGATIVE, 0},
    {"paywall", HINT_STRONG_NEGATIVE, 0}, {"login", HINT_STRONG_NEGATIVE, 0},
    {"pagination", HINT_STRONG_NEGATIVE, 0}, {"pager", HINT_STRONG_NEGATIVE, 1},
    {"skyscraper", HINT_STRONG_NEGATIVE, 0},
    {"footer", HINT_WEAK_NEGATIVE, 0}, {"sidebar", HINT_WEAK_NEGATIVE, 0},
    {"menu", HINT_WEAK_NEGATIVE, 0}, {"navbar", HINT_WEAK_NEGATIVE, 0},
    {"navigation", HINT_WEAK_NEGATIVE, 0}, {"banner", HINT_WEAK_NEGATIVE, 0},
    {"widget", HINT_WEAK_NEGATIVE, 0}, {"byline", HINT_WEAK_NEGATIVE, 0},
    {"author", HINT_WEAK_NEGATIVE, 0}, {"caption", HINT_WEAK_NEGATIVE, 0},
    {"credit", HINT_WEAK_NEGATIVE, 0}, {"masthead", HINT_WEAK_NEGATIVE, 0},
    {"toolbar", HINT_WEAK_NEGATIVE, 0}, {"hidden", HINT_WEAK_NEGATIVE, 0},
    {"dateline", HINT_WEAK_NEGATIVE, 0}, {"tags", HINT_WEAK_NEGATIVE, 0},
    {"meta", HINT_WEAK_NEGATIVE, 0}, {"rss", HINT_WEAK_NEGATIVE, 0},
    {"print", HINT_WEAK_NEGATIVE, 0}, {"topics", HINT_WEAK_NEGATIVE, 0},
    {"ad", HINT_WEAK_NEGATIVE, 1}, {"ads", HINT_WEAK_NEGATIVE, 1},
    {"nav", HINT_WEAK_NEGATIVE, 1}, {"aside", HINT_WEAK_NEGATIVE, 1},
    {"tag", HINT_WEAK_NEGATIVE, 1}, {"hide", HINT_WEAK_NEGATIVE, 1},
    {"foot", HINT_WEAK_NEGATIVE, 1}, {"extra", HINT_WEAK_NEGATIVE, 1},
    {"more", HINT_WEAK_NEGATIVE, 1}, {"tools", HINT_WEAK_NEGATIVE, 1},
    {"date", HINT_WEAK_NEGATIVE, 1},
    {"article", HINT_GOOD, 0}, {"content", HINT_GOOD, 0}, {"story", HINT_GOOD, 0},
    {"entry", HINT_GOOD, 0}, {"body", HINT_GOOD, 0}, {"main", HINT_GOOD, 0},
    {"text", HINT_GOOD, 0}, {"post", HINT_GOOD, 0}, {"blog", HINT_GOOD, 0},
};

static uint8_t hints_from_names(const char *names) {
  bool strong = false, weak = false, good = false;
  for (size_t i = 0; names[i]; i++) {
    if (!is_alpha((unsigned char)names[i]) || (i > 0 && is_alpha((unsigned char)names[i - 1]))) continue;
    for (size_t k = 0; k < sizeof hint_words / sizeof hint_words[0]; k++) {
      const hint_word *hint = &hint_words[k];
      if (hint->word[0] != names[i]) continue;
      size_t length = strlen(hint->word);
      if (strncmp(names + i, hint->word, length) != 0) continue;
      if (hint->whole && is_alnum((unsigned char)names[i + length])) continue;
      strong |= hint->kind == HINT_STRONG_NEGATIVE;
      weak |= hint->kind == HINT_WEAK_NEGATIVE;
      good |= hint->kind == HINT_GOOD;
    }
  }
  if (strong || (weak && !good)) return AN_HINT_NEGATIVE;
  return good && !weak ? AN_HINT_POSITIVE : 0;
}

static void lower_into(char *out, size_t *used, size_t capacity, const char *text, size_t length) {
  for (size_t i = 0; i < length && *used + 1 < capacity; i++) out[(*used)++] = (char)lower((unsigned char)text[i]);
  if (*used + 1 < capacity) out[(*used)++] = ' ';
  out[*used] = '\0';
}

static uint8_t element_hints(parser *state, uint8_t tag) {
  char names[MAX_HINT_BYTES + 1];
  size_t used = 0;
  uint8_t hints = 0;
  names[0] = '\0';
  for (size_t i = 0; i < state->attribute_count; i++) {
    const attribute *item = &state->attributes[i];
    const char *value = item->value;
    size_t length = item->value_length;
    if (span_is(item->name, item->name_length, "class") || span_is(item->name, item->name_length, "id")) {
      lower_into(names, &used, sizeof names, value, length);
    } else if (span_is(item->name, item->name_length, "itemprop")) {
      if (span_is(value, length, "articlebody") || span_is(value, length, "text"))
        hints |= AN_HINT_ARTICLE_BODY;
    } else if (span_is(item->name, item->name_length, "role")) {
      if (span_is(value, length, "navigation") || span_is(value, length, "complementary") ||
          span_is(value, length, "contentinfo") || span_is(value, length, "banner") ||
          span_is(value, length, "menu") || span_is(value, length, "dialog") ||
          span_is(value, length, "alert"))
        hints |= AN_HINT_BOILERPLATE_ROLE;
    } else if (span_is(item->name, item->name_length, "hidden")) {
      hints |= AN_HINT_HIDDEN;
    } else if (span_is(item->name, item->name_length, "aria-hidden")) {
      if (span_is(value, length, "true")) hints |= AN_HINT_HIDDEN;
    } else if (span_is(item->name, item->name_length, "style")) {
      char style[128];
      size_t style_used = 0, kept = 0;
      lower_into(style, &style_used, sizeof style, value, length);
      for (size_t j = 0; style[j]; j++)
        if (style[j] != ' ') style[kept++] = style[j];
      style[kept] = '\0';
      if (strstr(style, "display:none") || strstr(style, "visibility:hidden")) hints |= AN_HINT_HIDDEN;
    }
  }
  if (used && tag != AN_TAG_BODY && tag != AN_TAG_HTML && tag != AN_TAG_ARTICLE && tag != AN_TAG_MAIN)
    hints |= hints_from_names(names);
  else if (used)
    hints |= hints_from_names(names) & AN_HINT_POSITIVE;
  return hints;
}

/* ---- metadata ---- */

static const attribute *find_attribute(const parser *state, const char *name) {
  for (size_t i = 0; i < state->attribute_count; i++)
    if (span_is(state->attributes[i].name, state->attributes[i].name_length, name))
      return &state->attributes[i];
  return NULL;
}

static void keep_once(parser *state, an_html_string *slot, const attribute *value) {
  if (slot->length == 0 && value && value->value_length) *slot = keep_value(state, value);
}

static bool is_published_key(const char *key, size_t length) {
  static const char *keys[] = {"article:published_time", "og:published_time",
                               "article:published", "published_time", "datepublished",
                               "article.published", "publish-date", "publishdate",
                               "parsely-pub-date", "sailthru.date", "dc.date.issued",
                               "dcterms.issued", "dcterms.created", "dc.date.created", NULL};
  for (size_t i = 0; keys[i]; i++)
    if (span_is(key, length, keys[i])) return true;
  return false;
}

static bool is_date_key(const char *key, size_t length) {
  static const char *keys[] = {"date", "pubdate", "dc.date", "citation_publication_date",
                               "citation_date", "article_date_original", "original-publish-date",
                               "cxenseparse:recs:publishtime", "created", NULL};
  for (size_t i = 0; keys[i]; i++)
    if (span_is(key, length, keys[i])) return true;
  return false;
}

static void note_meta(parser *state) {
  an_html_meta *meta = &state->page->meta;
  const attribute *content = find_attribute(state, "content");
  const attribute *charset = find_attribute(state, "charset");
  if (charset) keep_once(state, &meta->charset, charset);
  const attribute *key = find_attribute(state, "property");
  if (!key) key = find_attribute(state, "name");
  if (!key) key = find_attribute(state, "itemprop");
  if (!key || !content) return;
  const char *name = key->value;
  size_t length = key->value_length;
  if (span_is(name, length, "og:title") || span_is(name, length, "twitter:title"))
    keep_once(state, &meta->og_title, content);
  else if (span_is(name, length, "og:site_name") || span_is(name, length, "application-name"))
    keep_once(state, &meta->site_name, content);
  else if (span_is(name, length, "og:url"))
    keep_once(state, &meta->og_url, content);
  else if (is_published_key(name, length))
    keep_once(state, &meta->published_meta, content);
  else if (is_date_key(name, length))
    keep_once(state, &meta->date_meta, content);
}

static void note_metadata(parser *state, uint8_t tag) {
  an_html_meta *meta = &state->page->meta;
  if (tag == AN_TAG_META) {
    note_meta(state);
    const attribute *equiv = find_attribute(state, "http-equiv");
    if (equiv && span_is(equiv->value, equiv->value_length, "content-type"))
      keep_once(state, &meta->charset, find_attribute(state, "content"));
  } else if (tag == AN_TAG_LINK) {
    const attribute *rel = find_attribute(state, "rel");
    if (rel && span_is(rel->value, rel->value_length, "canonical"))
      keep_once(state, &meta->canonical, find_attribute(state, "href"));
  } else if (tag == AN_TAG_TIME) {
    keep_once(state, &meta->time_datetime, find_attribute(state, "datetime"));
  }
  const attribute *itemprop = find_attribute(state, "itemprop");
  if (itemprop && span_is(itemprop->value, itemprop->value_length, "datepublished")) {
    const attribute *value = find_attribute(state, "datetime");
    if (!value) value = find_attribute(state, "content");
    keep_once(state, &meta->itemprop_date, value);
  }
}

/* ---- tree construction ---- */

static void pop_to(parser *state, size_t size) {
  if (size >= 1 && size < state->stack_size) state->stack_size = size;
}

/* Closes an open element of kind tag found above any element of the
 * boundary kinds; returns whether one was closed. */
static bool close_open(parser *state, uint8_t tag, const uint8_t *boundaries, size_t boundary_count) {
  for (size_t level = state->stack_size - 1; level >= 1; level--) {
    uint8_t open = state->page->nodes[state->stack[level]].tag;
    if (open == tag) {
      pop_to(state, level);
      return true;
    }
    for (size_t i = 0; i < boundary_count; i++)
      if (open == boundaries[i]) return false;
  }
  return false;
}

static void close_paragraph(parser *state) {
  for (size_t level = state->stack_size - 1; level >= 1; level--) {
    uint8_t open = state->page->nodes[state->stack[level]].tag;
    if (open == AN_TAG_P) {
      pop_to(state, level);
      return;
    }
    if (!is_phrasing(open)) return;
  }
}

static void imply_end_tags(parser *state, uint8_t tag) {
  static const uint8_t list_bounds[] = {AN_TAG_UL, AN_TAG_OL, AN_TAG_MENU, AN_TAG_TABLE};
  static const uint8_t dl_bounds[] = {AN_TAG_DL, AN_TAG_TABLE};
  static const uint8_t cell_bounds[] = {AN_TAG_TR, AN_TAG_TABLE};
  static const uint8_t row_bounds[] = {AN_TAG_TABLE, AN_TAG_TBODY, AN_TAG_THEAD, AN_TAG_TFOOT};
  static const uint8_t option_bounds[] = {AN_TAG_SELECT};
  if (closes_paragraph(tag)) close_paragraph(state);
  switch (tag) {
  case AN_TAG_LI:
    close_open(state, AN_TAG_LI, list_bounds, 4);
    break;
  case AN_TAG_DT: case AN_TAG_DD:
    if (!close_open(state, AN_TAG_DD, dl_bounds, 2)) close_open(state, AN_TAG_DT, dl_bounds, 2);
    break;
  case AN_TAG_TD: case AN_TAG_TH:
    if (!close_open(state, AN_TAG_TD, cell_bounds, 2)) close_open(state, AN_TAG_TH, cell_bounds, 2);
    break;
  case AN_TAG_TR:
    close_open(state, AN_TAG_TR, row_bounds, 4);
    break;
  case AN_TAG_OPTION:
    close_open(state, AN_TAG_OPTION, option_bounds, 1);
    break;
  default:
    break;
  }
}

static void end_tag(parser *state, uint8_t tag, const char *name, size_t length) {
  if (tag == AN_TAG_BODY || tag == AN_TAG_HTML || tag == AN_TAG_BR) return;
  uint32_t hash = tag == AN_TAG_OTHER ? name_hash(name, length) : 0;
  for (size_t level = state->stack_size - 1; level >= 1; level--) {
    const an_html_node *open = &state->page->nodes[state->stack[level]];
    if (open->tag == tag && open->name_hash == hash) {
      pop_to(state, level);
      return;
    }
  }
}

/* Finds "</name" (case-insensitive) from position; returns its offset or
 * length when absent. */
static size_t find_end_tag(const parser *state, size_t from, const char *name) {
  size_t name_length = strlen(name);
  const char *html = state->html;
  while (from < state->length) {
    const char *at = memchr(html + from, '<', state->length - from);
    if (!at) return state->length;
    size_t offset = (size_t)(at - html);
    if (offset + 2 + name_length <= state->length && html[offset + 1] == '/' &&
        span_is(html + offset + 2, name_length, name)) {
      size_t after = offset + 2 + name_length;
      if (after == state->length || is_space((unsigned char)html[after]) || html[after] == '>' || html[after] == '/')
        return offset;
    }
    from = offset + 1;
  }
  return state->length;
}

static void keep_json_ld(parser *state, const char *text, size_t length) {
  an_html_meta *meta = &state->page->meta;
  const attribute *type = find_attribute(state, "type");
  if (!type || !span_is(type->value, type->value_length, "application/ld+json")) return;
  if (meta->json_ld_count >= AN_HTML_MAX_JSON_LD || length > AN_HTML_MAX_JSON_LD_BYTES) return;
  an_html_string *slot = &meta->json_ld[meta->json_ld_count++];
  slot->offset = (uint32_t)state->page->text.size;
  append_bytes(state, text, length);
  append_bytes(state, " ", 1);
  slot->length = (uint32_t)length;
}

/* Handles the content of a raw-text element that starts at position. */
static void raw_text(parser *state, uint8_t tag, const char *name) {
  size_t start = state->position;
  size_t end = tag == AN_TAG_PLAINTEXT ? state->length : find_end_tag(state, start, name);
  if (tag == AN_TAG_TITLE && !state->title_seen) {
    state->title_seen = true;
    attribute item = {"", 0, state->html + start, end - start};
    state->page->meta.title = keep_value(state, &item);
  } else if (tag == AN_TAG_SCRIPT) {
    keep_json_ld(state, state->html + start, end - start);
  } else if (tag == AN_TAG_TEXTAREA) {
    add_text(state, state->html + start, end - start);
  }
  state->position = end;
  if (end < state->length) {
    const char *close = memchr(state->html + end, '>', state->length - end);
    state->position = close ? (size_t)(close - state->html) + 1 : state->length;
  }
}

static void read_attributes(parser *state, bool *self_closing) {
  const char *html = state->html;
  size_t i = state->position, length = state->length;
  state->attribute_count = 0;
  *self_closing = false;
  while (i < length) {
    while (i < length && (is_space((unsigned char)html[i]) || html[i] == '/')) {
      if (html[i] == '/' && i + 1 < length && html[i + 1] == '>') *self_closing = true;
      i++;
    }
    if (i >= length || html[i] == '>') break;
    size_t name_start = i;
    while (i < length && !is_space((unsigned char)html[i]) && html[i] != '>' && html[i] != '/' && html[i] != '=') i++;
    if (i == name_start) i++; /* a stray '=' */
    attribute item = {html + name_start, i - name_start, "", 0};
    while (i < length && is_space((unsigned char)html[i])) i++;
    if (i < length && html[i] == '=') {
      i++;
      while (i < length && is_space((unsigned char)html[i])) i++;
      if (i < length && (html[i] == '"' || html[i] == '\'')) {
        char quote = html[i++];
        const char *close = memchr(html + i, quote, length - i);
        size_t end = close ? (size_t)(close - html) : length;
        item.value = html + i;
        item.value_length = end - i;
        i = close ? end + 1 : length;
      } else {
        size_t value_start = i;
        while (i < length && !is_space((unsigned char)html[i]) && html[i] != '>') i++;
        item.value = html + value_start;
        item.value_length = i - value_start;
      }
    }
    if (state->attribute_count < MAX_ATTRIBUTES) state->attributes[state->attribute_count++] = item;
  }
  state->position = i < length ? i + 1 : length;
}

static void start_tag(parser *state, const char *name, size_t name_length) {
  bool self_closing;
  uint8_t tag = lookup_tag(name, name_length);
  read_attributes(state, &self_closing);
  note_metadata(state, tag);
  if (tag == AN_TAG_HTML || tag == AN_TAG_BODY || tag == AN_TAG_HEAD) {
    if (tag == AN_TAG_BODY && !state->body_seen && state->stack_size <= AN_HTML_MAX_DEPTH) {
      state->body_seen = true; /* a second <body> adds nothing */
      uint32_t node = add_node(state, tag);
      if (state->status != AN_OK) return;
      state->page->nodes[node].hints = element_hints(state, tag);
      state->stack[state->stack_size++] = node;
    }
    return; /* html and head: structure comes from the content */
  }
  imply_end_tags(state, tag);
  uint32_t node = add_node(state, tag);
  if (state->status != AN_OK) return;
  state->page->nodes[node].hints = element_hints(state, tag);
  if (tag == AN_TAG_OTHER) state->page->nodes[node].name_hash = name_hash(name, name_length);
  if (is_raw_text(tag)) {
    char lowered[MAX_TAG_NAME + 1];
    for (size_t i = 0; i < name_length; i++) lowered[i] = (char)lower((unsigned char)name[i]);
    lowered[name_length] = '\0';
    if (state->stack_size <= AN_HTML_MAX_DEPTH) state->stack[state->stack_size++] = node;
    raw_text(state, tag, lowered);
    state->stack_size--;
    return;
  }
  if (is_void(tag) || (self_closing && tag == AN_TAG_OTHER)) return;
  if (state->stack_size <= AN_HTML_MAX_DEPTH) state->stack[state->stack_size++] = node;
}

static void skip_to(parser *state, const char *terminator) {
  const char *found = memmem(state->html + state->position, state->length - state->position,
                             terminator, strlen(terminator));
  state->position = found ? (size_t)(found - state->html) + strlen(terminator) : state->length;
}

/* Handles the markup at position ('<'). */
static void markup(parser *state) {
  const char *html = state->html;
  size_t i = state->position + 1, length = state->length;
  if (i < length && html[i] == '!') {
    state->position = i + 1;
    if (i + 2 < length && html[i + 1] == '-' && html[i + 2] == '-') {
      state->position = i + 3;
      skip_to(state, "-->");
    } else {
      skip_to(state, ">");
    }
    return;
  }
  if (i < length && html[i] == '?') {
    state->position = i;
    skip_to(state, ">");
    return;
  }
  bool closing = i < length && html[i] == '/';
  if (closing) i++;
  if (i >= length || !is_alpha((unsigned char)html[i])) {
    if (closing) { /* "</ " or "</>": bogus comment */
      state->position = i;
      skip_to(state, ">");
    } else {
      add_text(state, "<", 1);
      state->position++;
    }
    return;
  }
  size_t name_start = i;
  while (i < length && !is_space((unsigned char)html[i]) && html[i] != '>' && html[i] != '/') i++;
  state->position = i;
  if (closing) {
    uint8_t tag = lookup_tag(html + name_start, i - name_start);
    const char *close = memchr(html + i, '>', length - i);
    state->position = close ? (size_t)(close - html) + 1 : length;
    end_tag(state, tag, html + name_start, i - name_start);
  } else {
    start_tag(state, html + name_start, i - name_start);
  }
}

int an_html_parse(const char *html, size_t length, an_html_page *page, an_error *error) {
  memset(page, 0, sizeof *page);
  an_buffer_init(&page->text);
  if (length > AN_HTML_MAX_INPUT)
    return an_error_set(error, AN_ERROR_LIMIT, "html: page of %zu bytes exceeds the limit of %d",
                        length, AN_HTML_MAX_INPUT);
  parser *state = calloc(1, sizeof *state);
  if (!state) return an_error_set(error, AN_ERROR_MEMORY, "html: out of memory");
  state->html = html;
  state->length = length;
  state->page = page;
  state->error = error;
  state->stack_size = 1;
  if (an_buffer_reserve(&page->text, length / 2 + 64) != AN_OK) {
    free(state);
    return an_error_set(error, AN_ERROR_MEMORY, "html: out of memory");
  }
  add_node(state, AN_TAG_ROOT); /* node 0: its own parent, nobody's child */
  page->nodes[0].first_child = page->nodes[0].last_child = 0;
  while (state->position < length && state->status == AN_OK) {
    const char *next = memchr(html + state->position, '<', length - state->position);
    size_t end = next ? (size_t)(next - html) : length;
    if (end > state->position) add_text(state, html + state->position, end - state->position);
    state->position = end;
    if (end < length) markup(state);
  }
  int status = state->status;
  free(state);
  return status;
}

void an_html_page_clear(an_html_page *page) {
  free(page->nodes);
  an_buffer_clear(&page->text);
  memset(page, 0, sizeof *page);
}

char *an_html_string_dup(const an_html_page *page, an_html_string string) {
  if (string.length == 0 || !page->text.data) return NULL;
  return an_strndup(page->text.data + string.offset, string.length);
}
