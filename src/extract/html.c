/*
 * html.c — an_extract_html: finds the article in an HTML page.
 *
 * The page is converted to UTF-8 (html_charset.c) and parsed into a light
 * tree (html_tree.c).  Then, with general rules only:
 *   1. elements that are never article text are removed: scripts, styles,
 *      forms controls, navigation, hidden elements; and, in the first pass,
 *      headers, footers, asides, figures and elements whose class or id says
 *      comment, share, related, sidebar, cookie, newsletter...;
 *   2. every block with enough text scores its ancestors (more for commas and
 *      length, less for links), the best-scoring element weighted by its link
 *      density is the article, joined by siblings that score well or are
 *      plain paragraphs;
 *   3. inside it, blocks made mostly of links (related lists, tag clouds)
 *      are skipped; headings, list items and quotes are paragraphs.
 * If the first pass finds little text, a second one keeps what the class
 * hints removed.  When the page's JSON-LD carries a clearly longer
 * articleBody, that is the text.  The result goes through an_extract_text
 * (paragraphs, boilerplate lines, repeated paragraphs).
 */
#include "extract/html_internal.h"

#include <math.h>
#ifdef AN_HTML_DEBUG
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>

enum {
  AN_MIN_PARAGRAPH_CHARS = 25,  /* a block scores when it has this much text */
  AN_SCORE_ANCESTORS = 5,       /* levels of ancestors a block scores */
  AN_RETRY_BELOW_CHARS = 500,   /* fewer article chars: retry relaxed */
  AN_SIBLING_PARAGRAPH_CHARS = 80
};

/* Per-node figures of one extraction pass. */
typedef struct node_stats {
  uint32_t chars;        /* non-space text bytes inside (removed parts excluded) */
  uint32_t link_chars;   /* of which inside <a> */
  uint32_t inline_chars; /* text reaching this node without crossing a block */
  uint32_t commas;       /* commas in inline text */
  uint32_t all_commas;   /* commas anywhere inside */
  float score;           /* content score, when scored */
  uint8_t removed;       /* this node or an ancestor is not article material */
  uint8_t scored;        /* score initialised */
  uint8_t included;      /* part of the article */
} node_stats;

typedef struct extraction {
  const an_html_page *page;
  node_stats *stats;
  bool relaxed;          /* second pass: class hints and soft tags kept */
  const char *title;     /* borrowed: drop a heading that repeats it */
  an_buffer out;         /* article text being written */
  an_buffer paragraph;   /* current paragraph */
} extraction;

/* ---- classification of tags ---- */

static bool is_block(uint8_t tag) {
  switch (tag) {
  case AN_TAG_ROOT: case AN_TAG_ADDRESS: case AN_TAG_ARTICLE: case AN_TAG_ASIDE:
  case AN_TAG_BLOCKQUOTE: case AN_TAG_BODY: case AN_TAG_CAPTION: case AN_TAG_CENTER:
  case AN_TAG_DD: case AN_TAG_DETAILS: case AN_TAG_DIALOG: case AN_TAG_DIV: case AN_TAG_DL:
  case AN_TAG_DT: case AN_TAG_FIGCAPTION: case AN_TAG_FIGURE: case AN_TAG_FOOTER:
  case AN_TAG_FORM: case AN_TAG_H1: case AN_TAG_H2: case AN_TAG_H3: case AN_TAG_H4:
  case AN_TAG_H5: case AN_TAG_H6: case AN_TAG_HEADER: case AN_TAG_HR: case AN_TAG_LI:
  case AN_TAG_MAIN: case AN_TAG_MENU: case AN_TAG_NAV: case AN_TAG_OL: case AN_TAG_P:
  case AN_TAG_PRE: case AN_TAG_SECTION: case AN_TAG_SUMMARY: case AN_TAG_TABLE:
  case AN_TAG_TBODY: case AN_TAG_TD: case AN_TAG_TFOOT: case AN_TAG_TH: case AN_TAG_THEAD:
  case AN_TAG_TR: case AN_TAG_UL: case AN_TAG_BR: case AN_TAG_HTML:
    return true;
  default:
    return false;
  }
}

static bool is_heading(uint8_t tag) { return tag >= AN_TAG_H1 && tag <= AN_TAG_H6; }

/* Never article text, whatever the pass. */
static bool is_hard_junk(const an_html_node *node) {
  if (node->hints & (AN_HINT_HIDDEN | AN_HINT_BOILERPLATE_ROLE)) return true;
  switch (node->tag) {
  case AN_TAG_SCRIPT: case AN_TAG_STYLE: case AN_TAG_NOSCRIPT: case AN_TAG_TEMPLATE:
  case AN_TAG_SVG: case AN_TAG_MATH: case AN_TAG_IFRAME: case AN_TAG_OBJECT:
  case AN_TAG_EMBED: case AN_TAG_CANVAS: case AN_TAG_VIDEO: case AN_TAG_AUDIO:
  case AN_TAG_BUTTON: case AN_TAG_SELECT: case AN_TAG_TEXTAREA: case AN_TAG_INPUT:
  case AN_TAG_OPTION: case AN_TAG_LABEL: case AN_TAG_NAV: case AN_TAG_DIALOG:
  case AN_TAG_TITLE: case AN_TAG_HEAD: case AN_TAG_NOEMBED: case AN_TAG_NOFRAMES:
  case AN_TAG_FIGCAPTION: case AN_TAG_MENU:
    return true;
  default:
    return false;
  }
}

/* Not article text in the first pass. */
static bool is_soft_junk(const an_html_node *node) {
  if (node->hints & AN_HINT_ARTICLE_BODY) return false;
  if (node->hints & AN_HINT_NEGATIVE) return true;
  switch (node->tag) {
  case AN_TAG_HEADER: case AN_TAG_FOOTER: case AN_TAG_ASIDE: case AN_TAG_FORM:
  case AN_TAG_FIGURE:
    return true;
  default:
    return false;
  }
}

/* ---- figures ---- */

static void count_text(const an_html_page *page, const an_html_node *node, node_stats *stats) {
  const char *text = page->text.data + node->text_offset;
  uint32_t chars = 0, commas = 0;
  for (uint32_t i = 0; i < node->text_length; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c != ' ' && (c & 0xC0) != 0x80) chars++; /* characters, not bytes */
    if (c == ',') commas++;
  }
  stats->chars = stats->inline_chars = chars;
  stats->commas = stats->all_commas = commas;
}

static void compute_stats(extraction *work) {
  const an_html_page *page = work->page;
  node_stats *stats = work->stats;
  memset(stats, 0, page->node_count * sizeof *stats);
  for (size_t i = 1; i < page->node_count; i++) {
    const an_html_node *node = &page->nodes[i];
    stats[i].removed = stats[node->parent].removed || is_hard_junk(node) ||
                       (!work->relaxed && is_soft_junk(node));
  }
  for (size_t i = page->node_count; i-- > 1;) {
    const an_html_node *node = &page->nodes[i];
    node_stats *own = &stats[i], *up = &stats[node->parent];
    if (own->removed) continue;
    if (node->tag == AN_TAG_TEXT) count_text(page, node, own);
    if (node->tag == AN_TAG_A) own->link_chars = own->chars;
    up->chars += own->chars;
    up->link_chars += own->link_chars;
    up->all_commas += own->all_commas;
    if (!is_block(node->tag)) {
      up->inline_chars += own->inline_chars;
      up->commas += own->commas;
    }
  }
}

static double link_density(const node_stats *stats) {
  return stats->chars ? (double)stats->link_chars / stats->chars : 0.0;
}

/* ---- scoring ---- */

static float base_score(const an_html_node *node) {
  float score = 0;
  switch (node->tag) {
  case AN_TAG_DIV: case AN_TAG_ARTICLE: case AN_TAG_SECTION: case AN_TAG_MAIN: score = 5; break;
  case AN_TAG_PRE: case AN_TAG_TD: case AN_TAG_BLOCKQUOTE: score = 3; break;
  case AN_TAG_ADDRESS: case AN_TAG_OL: case AN_TAG_UL: case AN_TAG_DL: case AN_TAG_DD:
  case AN_TAG_DT: case AN_TAG_LI: case AN_TAG_FORM: score = -3; break;
  case AN_TAG_TH: case AN_TAG_H1: case AN_TAG_H2: case AN_TAG_H3: case AN_TAG_H4:
  case AN_TAG_H5: case AN_TAG_H6: score = -5; break;
  default: break;
  }
  if (node->hints & AN_HINT_POSITIVE) score += 25;
  if (node->hints & AN_HINT_NEGATIVE) score -= 25;
  if (node->hints & AN_HINT_ARTICLE_BODY) score += 50;
  if (node->tag == AN_TAG_ARTICLE || node->tag == AN_TAG_MAIN) score += 10;
  return score;
}

static void score_paragraphs(extraction *work) {
  const an_html_page *page = work->page;
  node_stats *stats = work->stats;
  for (size_t i = 1; i < page->node_count; i++) {
    const an_html_node *node = &page->nodes[i];
    const node_stats *own = &stats[i];
    if (own->removed || !is_block(node->tag) || is_heading(node->tag)) continue;
    if (own->inline_chars < AN_MIN_PARAGRAPH_CHARS) continue;
    double content = 1.0 + own->commas + fmin(own->inline_chars / 100.0, 3.0);
    content *= 1.0 - link_density(own);
    uint32_t ancestor = node->parent;
    for (int level = 0; level < AN_SCORE_ANCESTORS && ancestor; level++) {
      node_stats *target = &stats[ancestor];
      if (!target->scored) {
        target->scored = 1;
        target->score = base_score(&page->nodes[ancestor]);
      }
      double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      target->score += (float)(content / divider);
      ancestor = page->nodes[ancestor].parent;
    }
  }
}

static bool is_inside(const an_html_page *page, uint32_t node, uint32_t ancestor) {
  while (node && node != ancestor) node = page->nodes[node].parent;
  return node == ancestor;
}

static uint32_t only_element_child(const an_html_page *page, uint32_t node) {
  uint32_t found = 0;
  for (uint32_t child = page->nodes[node].first_child; child; child = page->nodes[child].next_sibling) {
    if (page->nodes[child].tag == AN_TAG_TEXT) continue;
    if (found) return 0;
    found = child;
  }
  return found;
}

/* The best candidate, moved up to a common ancestor when several good
 * candidates share one. */
static uint32_t pick_top(extraction *work) {
  enum { ALTERNATIVES = 5 };
  const an_html_page *page = work->page;
  node_stats *stats = work->stats;
  uint32_t best[ALTERNATIVES] = {0};
  float best_score[ALTERNATIVES] = {0};
  for (size_t i = 1; i < page->node_count; i++) {
    if (!stats[i].scored || stats[i].removed) continue;
    float score = stats[i].score * (float)(1.0 - link_density(&stats[i]));
    stats[i].score = score;
    for (int slot = 0; slot < ALTERNATIVES; slot++) {
      if (best[slot] && score <= best_score[slot]) continue;
      memmove(best + slot + 1, best + slot, (size_t)(ALTERNATIVES - 1 - slot) * sizeof best[0]);
      memmove(best_score + slot + 1, best_score + slot, (size_t)(ALTERNATIVES - 1 - slot) * sizeof best_score[0]);
      best[slot] = (uint32_t)i;
      best_score[slot] = score;
      break;
    }
  }
  uint32_t top = best[0];
  if (!top) return 0;
  for (uint32_t ancestor = page->nodes[top].parent; ancestor; ancestor = page->nodes[ancestor].parent) {
    int sharing = 0;
    for (int slot = 1; slot < ALTERNATIVES; slot++)
      if (best[slot] && best_score[slot] >= 0.75f * best_score[0] && !is_inside(page, best[slot], best[0]) &&
          is_inside(page, best[slot], ancestor))
        sharing++;
    if (sharing >= 2) {
      top = ancestor;
      break;
    }
  }
  uint32_t parent = page->nodes[top].parent;
  while (parent && page->nodes[parent].tag != AN_TAG_BODY && only_element_child(page, parent) == top) {
    top = parent;
    parent = page->nodes[top].parent;
  }
  return top;
}

static bool ends_sentence(const an_html_page *page, uint32_t node) {
  uint32_t last = page->nodes[node].last_child;
  while (last && page->nodes[last].tag != AN_TAG_TEXT) last = page->nodes[last].last_child;
  if (!last || page->nodes[last].text_length == 0) return false;
  const char *text = page->text.data + page->nodes[last].text_offset;
  size_t length = page->nodes[last].text_length;
  while (length && text[length - 1] == ' ') length--;
  return length && strchr(".!?\"", text[length - 1]);
}

/* Marks the top candidate and the siblings that belong with it. */
static void include_siblings(extraction *work, uint32_t top) {
  const an_html_page *page = work->page;
  node_stats *stats = work->stats;
  uint32_t parent = page->nodes[top].parent;
  if (!parent || page->nodes[top].tag == AN_TAG_BODY) {
    stats[top].included = 1;
    return;
  }
  float threshold = fmaxf(10.0f, stats[top].score * 0.2f);
  for (uint32_t sibling = page->nodes[parent].first_child; sibling;
       sibling = page->nodes[sibling].next_sibling) {
    const node_stats *own = &stats[sibling];
    bool take = sibling == top;
    if (!take && !own->removed && page->nodes[sibling].tag != AN_TAG_TEXT) {
      double density = link_density(own);
      if (own->scored && own->score >= threshold) take = true;
      else if (page->nodes[sibling].tag == AN_TAG_P) {
        take = (own->chars > AN_SIBLING_PARAGRAPH_CHARS && density < 0.25) ||
               (own->chars > 0 && density == 0 && ends_sentence(page, sibling));
      }
    }
    stats[sibling].included = take;
  }
}

/* ---- writing the article ---- */

/* Table cells are words of their row's paragraph, not paragraphs. */
static bool breaks_paragraph(uint8_t tag) {
  return is_block(tag) && tag != AN_TAG_TD && tag != AN_TAG_TH;
}

static void separate_words(extraction *work) {
  if (work->paragraph.size && work->paragraph.data[work->paragraph.size - 1] != ' ')
    an_buffer_append(&work->paragraph, " ", 1);
}

static void flush_paragraph(extraction *work) {
  an_buffer *paragraph = &work->paragraph;
  size_t start = 0, end = paragraph->size;
  while (start < end && paragraph->data[start] == ' ') start++;
  while (end > start && paragraph->data[end - 1] == ' ') end--;
  if (end > start) {
    if (work->out.size) an_buffer_append(&work->out, "\n\n", 2);
    an_buffer_append(&work->out, paragraph->data + start, end - start);
  }
  paragraph->size = 0;
  if (paragraph->data) paragraph->data[0] = '\0';
}

/* A block of links inside the article: related stories, tags, share bars. */
static bool is_link_block(const extraction *work, uint32_t index) {
  const an_html_node *node = &work->page->nodes[index];
  const node_stats *own = &work->stats[index];
  double density = link_density(own);
  switch (node->tag) {
  case AN_TAG_UL: case AN_TAG_OL: case AN_TAG_DL: case AN_TAG_TABLE: case AN_TAG_DIV:
  case AN_TAG_SECTION: case AN_TAG_ASIDE: case AN_TAG_HEADER: case AN_TAG_FOOTER:
    if (own->all_commas >= 10) return density > 0.5;
    return density > ((node->hints & AN_HINT_POSITIVE) ? 0.5 : 0.33);
  case AN_TAG_P: case AN_TAG_LI: case AN_TAG_DD: case AN_TAG_H1: case AN_TAG_H2:
  case AN_TAG_H3: case AN_TAG_H4: case AN_TAG_H5: case AN_TAG_H6:
    return density >= 0.8;
  default:
    return false;
  }
}

static bool repeats_title(const extraction *work, uint32_t index) {
  const an_html_page *page = work->page;
  if (!work->title || !is_heading(page->nodes[index].tag)) return false;
  uint32_t child = page->nodes[index].first_child;
  while (child && page->nodes[child].tag != AN_TAG_TEXT) child = page->nodes[child].first_child;
  if (!child) return false;
  const char *text = page->text.data + page->nodes[child].text_offset;
  size_t length = page->nodes[child].text_length, title_length = strlen(work->title);
  while (length && *text == ' ') text++, length--;
  while (length && text[length - 1] == ' ') length--;
  return length == title_length && !memcmp(text, work->title, length);
}

/* Should the walk skip this element and everything inside it? */
static bool skip_element(const extraction *work, uint32_t index, uint32_t top) {
  if (work->stats[index].removed) return true;
  if (index != top && is_link_block(work, index)) return true;
  return repeats_title(work, index);
}

static void write_text(extraction *work, const an_html_node *node) {
  const char *text = work->page->text.data + node->text_offset;
  an_buffer_append(&work->paragraph, text, node->text_length);
}

/* Writes the article text under top (pre-order walk, no recursion). */
static void write_subtree(extraction *work, uint32_t top) {
  const an_html_page *page = work->page;
  uint32_t node = top;
  bool descend = true;
  if (skip_element(work, top, 0)) return;
  flush_paragraph(work);
  while (node) {
    const an_html_node *current = &page->nodes[node];
    if (descend) {
      if (current->tag == AN_TAG_TEXT) write_text(work, current);
      else if (breaks_paragraph(current->tag)) flush_paragraph(work);
      else if (is_block(current->tag)) separate_words(work);
    }
    if (descend && current->first_child) {
      uint32_t child = current->first_child;
      while (child && page->nodes[child].tag != AN_TAG_TEXT && skip_element(work, child, top))
        child = page->nodes[child].next_sibling;
      if (child) {
        node = child;
        continue;
      }
    }
    /* leave node, then go to its next kept sibling or climb */
    for (;;) {
      if (breaks_paragraph(page->nodes[node].tag)) flush_paragraph(work);
      else if (is_block(page->nodes[node].tag)) separate_words(work);
      if (node == top) return;
      uint32_t sibling = page->nodes[node].next_sibling;
      while (sibling && page->nodes[sibling].tag != AN_TAG_TEXT && skip_element(work, sibling, top))
        sibling = page->nodes[sibling].next_sibling;
      if (sibling) {
        node = sibling;
        descend = true;
        break;
      }
      node = page->nodes[node].parent;
    }
  }
}

/* One pass: scores, picks, writes work->out. */
static int extract_pass(extraction *work) {
  const an_html_page *page = work->page;
  if (work->relaxed) compute_stats(work); /* the strict figures are computed first */
  score_paragraphs(work);
  uint32_t top = pick_top(work);
  work->out.size = 0;
  if (work->out.data) work->out.data[0] = '\0';
  if (!top) {
    for (uint32_t i = 1; i < page->node_count && !top; i++)
      if (page->nodes[i].tag == AN_TAG_BODY) top = i;
  }
  if (!top) { /* no candidate and no <body>: the whole page */
    for (uint32_t child = page->nodes[0].first_child; child; child = page->nodes[child].next_sibling)
      write_subtree(work, child);
    flush_paragraph(work);
    return AN_OK;
  }
  include_siblings(work, top);
#ifdef AN_HTML_DEBUG
  fprintf(stderr, "pass %d: top %u tag %d score %.1f chars %u links %u\n", work->relaxed, top,
          page->nodes[top].tag, work->stats[top].score, work->stats[top].chars, work->stats[top].link_chars);
  for (uint32_t i = 1; i < page->node_count; i++)
    if (work->stats[i].scored && work->stats[i].score > 0.3f * work->stats[top].score)
      fprintf(stderr, "  cand %u tag %d score %.1f chars %u parent %u\n", i, page->nodes[i].tag,
              work->stats[i].score, work->stats[i].chars, page->nodes[i].parent);
#endif
  uint32_t parent = page->nodes[top].parent;
  if (page->nodes[top].tag == AN_TAG_BODY || !parent) {
    write_subtree(work, top);
  } else {
    for (uint32_t sibling = page->nodes[parent].first_child; sibling;
         sibling = page->nodes[sibling].next_sibling)
      if (work->stats[sibling].included) write_subtree(work, sibling);
  }
  flush_paragraph(work);
  return work->out.data || work->out.size == 0 ? AN_OK : AN_ERROR_MEMORY;
}

/* ---- the page's own title and h1 ---- */

static char *first_h1(const an_html_page *page, const node_stats *stats) {
  for (size_t i = 1; i < page->node_count; i++) {
    if (page->nodes[i].tag != AN_TAG_H1 || stats[i].removed) continue;
    an_buffer text;
    an_buffer_init(&text);
    uint32_t end = page->nodes[i].next_sibling;
    for (size_t j = i + 1; j < page->node_count && (end == 0 || j < end); j++) {
      if (!is_inside(page, (uint32_t)j, (uint32_t)i)) break;
      if (page->nodes[j].tag == AN_TAG_TEXT)
        an_buffer_append(&text, page->text.data + page->nodes[j].text_offset, page->nodes[j].text_length);
    }
    char *result = an_buffer_detach(&text);
    if (result) {
      size_t start = 0, length = strlen(result);
      while (result[start] == ' ') start++;
      while (length > start && result[length - 1] == ' ') length--;
      memmove(result, result + start, length - start);
      result[length - start] = '\0';
      if (*result) return result;
    }
    free(result);
  }
  return NULL;
}

static size_t count_chars(const char *text) {
  size_t chars = 0;
  for (; text && *text; text++)
    if (*text != ' ' && *text != '\n' && ((unsigned char)*text & 0xC0) != 0x80) chars++;
  return chars;
}

/* ---- entry point ---- */

static int extract_tree(const an_html_page *page, an_doc *doc, char **text_out, an_error *error) {
  extraction work = {page, NULL, false, NULL, {NULL, 0, 0}, {NULL, 0, 0}};
  work.stats = calloc(page->node_count ? page->node_count : 1, sizeof *work.stats);
  if (!work.stats) return an_error_set(error, AN_ERROR_MEMORY, "html: out of memory");
  compute_stats(&work);
  char *h1 = first_h1(page, work.stats);
  int status = an_html_fill_metadata(page, h1, doc);
  free(h1);
  work.title = doc->title;
  if (status == AN_OK) status = extract_pass(&work);
  if (status == AN_OK && count_chars(work.out.data) < AN_RETRY_BELOW_CHARS) {
    an_buffer strict = work.out;
    an_buffer_init(&work.out);
    work.relaxed = true;
    status = extract_pass(&work);
    if (count_chars(strict.data) >= count_chars(work.out.data)) {
      an_buffer_clear(&work.out);
      work.out = strict;
    } else {
      an_buffer_clear(&strict);
    }
  }
  char *json_body = status == AN_OK ? an_html_json_ld_body(page) : NULL;
  if (json_body && (double)count_chars(json_body) > 1.5 * (double)count_chars(work.out.data)) {
    an_buffer_clear(&work.out);
    *text_out = json_body;
  } else {
    free(json_body);
    *text_out = an_buffer_detach(&work.out);
    if (!*text_out) *text_out = an_strdup("");
  }
  an_buffer_clear(&work.paragraph);
  an_buffer_clear(&work.out);
  free(work.stats);
  if (status == AN_OK && !*text_out) status = an_error_set(error, AN_ERROR_MEMORY, "html: out of memory");
  return status;
}

int an_extract_html(const char *html, size_t length, an_doc *doc, an_error *error) {
  if (!doc || (!html && length))
    return an_error_set(error, AN_ERROR_USAGE, "html: no document or no bytes");
  const char *name = doc->origin ? doc->origin : "html";
  char *converted = NULL;
  size_t converted_length = 0;
  int status = an_html_to_utf8(html, length, &converted, &converted_length, error);
  if (status != AN_OK) {
    if (error) {
      char message[sizeof error->message];
      an_copy_string(message, sizeof message, error->message);
      an_error_set(error, status, "%s: %s", name, message);
    }
    return status;
  }
  const char *bytes = converted ? converted : html;
  size_t size = converted ? converted_length : length;
  if (size >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) bytes += 3, size -= 3;
  an_html_page page;
  char *text = NULL;
  status = an_html_parse(bytes, size, &page, error);
  if (status == AN_OK) status = extract_tree(&page, doc, &text, error);
  an_html_page_clear(&page);
  free(converted);
  if (status != AN_OK) {
    free(text);
    return status;
  }
  free(doc->text);
  free(doc->paragraphs);
  doc->paragraphs = NULL;
  doc->paragraph_count = 0;
  doc->text = text;
  doc->text_length = strlen(text);
  return an_extract_text(doc, error);
}
