/* bulletin-checks-scanner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-checks-private.h"
#include "bulletin-clock.h"
#include "bulletin-markdown.h"

/* Reads a draft into a Checker: its lines, the prose regions of its
 * blocks (from cmark-gfm, a part of the draft at a time), what is not
 * prose inside them (bulletin-checks-scanner-inline.c), and the words
 * of what is left; and records findings. */

static void
link_clear (Link *link)
{
  g_free (link->url);
}

void
bulletin_checks_checker_init (Checker                    *c,
                              const char                 *text,
                              gsize                       len,
                              const BulletinCheckOptions *opts)
{
  memset (c, 0, sizeof *c);
  c->text = text;
  c->len = len;
  c->opts = opts;
  c->kinds = opts != NULL && opts->kinds != 0 ? opts->kinds : BULLETIN_CHECK_ALL;

  if (opts != NULL && opts->today != NULL && g_date_valid (opts->today))
    c->today = *opts->today;
  else
    bulletin_clock_today (&c->today);

  c->line_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  c->blocks = g_array_new (FALSE, TRUE, sizeof (TopBlock));
  /* one string for them all: a hundred thousand small strings alive
   * between the parser's allocations made the statistics of a draft of
   * headings three times as slow at 4.5 MB (malloc) */
  c->heading_texts = g_string_new (NULL);
  c->weekly = -1;
  c->items = g_array_new (FALSE, FALSE, sizeof (Span));
  c->open_tasks = g_array_new (FALSE, FALSE, sizeof (Span));
  c->regions = g_array_new (FALSE, FALSE, sizeof (Region));
  c->excluded = g_array_new (FALSE, FALSE, sizeof (Span));
  c->links = g_array_new (FALSE, FALSE, sizeof (Link));
  g_array_set_clear_func (c->links, (GDestroyNotify)link_clear);
  c->brackets = g_array_new (FALSE, FALSE, sizeof (Span));
  c->words = g_array_sized_new (FALSE, FALSE, sizeof (Word), len / 6 + 16);
  c->refdefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_finding_free);
  c->keys_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
bulletin_checks_checker_clear (Checker *c)
{
  g_clear_pointer (&c->blocks, g_array_unref);
  if (c->heading_texts != NULL)
    g_string_free (g_steal_pointer (&c->heading_texts), TRUE);
  g_clear_pointer (&c->items, g_array_unref);
  g_clear_pointer (&c->open_tasks, g_array_unref);
  g_clear_pointer (&c->line_starts, g_array_unref);
  g_clear_pointer (&c->regions, g_array_unref);
  g_clear_pointer (&c->excluded, g_array_unref);
  g_clear_pointer (&c->links, g_array_unref);
  g_clear_pointer (&c->brackets, g_array_unref);
  g_clear_pointer (&c->words, g_array_unref);
  g_clear_pointer (&c->refdefs, g_hash_table_unref);
  g_clear_pointer (&c->findings, g_ptr_array_unref);
  g_clear_pointer (&c->keys_seen, g_hash_table_unref);
}

/* Counted first, so the list is the size it needs: half a million short
 * lines (a pasted spreadsheet) took 8 MB growing by doubling, 2 now. */
static void
index_lines (Checker *c)
{
  const char *end = c->text + c->len;
  guint32 *starts;
  guint n = 1;

  for (const char *p = c->text; (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;
  g_array_set_size (c->line_starts, n);
  starts = (guint32 *)(gpointer)c->line_starts->data;
  starts[0] = 0;
  n = 1;
  for (const char *p = c->text; (p = memchr (p, '\n', end - p)) != NULL; p++)
    starts[n++] = (guint32)(p - c->text + 1);
}
/* The end of a line's text, without its newline (or "\r\n"). */
gsize
bulletin_checks_line_end (Checker *c,
                          guint    line)
{
  gsize end = line < line_count (c) ? line_start (c, line + 1) - 1 : c->len;

  if (end > line_start (c, line) && c->text[end - 1] == '\r')
    end--;
  return end;
}

guint
bulletin_checks_line_of_offset (Checker *c,
                                gsize    offset)
{
  guint lo = 0, hi = c->line_starts->len;

  /* the last line whose start is at or before @offset */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (c->line_starts, guint32, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }

  return lo + 1;
}

/* cmark columns are 1-based bytes, inclusive at the end */
static gsize
offset_of (Checker *c,
           int      line,
           int      column)
{
  gsize start;

  if (line < 1)
    return 0;
  start = line_start (c, line);
  if (column < 1)
    return start;
  return MIN (start + column - 1, c->len);
}

/* Nodes come from a part of the draft at a time: the reader knows
 * where that part lies. */
static gsize
node_start (Checker    *c,
            cmark_node *node)
{
  int line, col;

  bulletin_markdown_reader_locate (c->reader, node, &line, &col, NULL, NULL);
  return offset_of (c, line, col);
}

static gsize
node_end (Checker    *c,
          cmark_node *node)
{
  int line, col;

  bulletin_markdown_reader_locate (c->reader, node, NULL, NULL, &line, &col);

  if (col < 1)
    return line >= 2 ? bulletin_checks_line_end (c, line - 1) : 0;
  return MIN (offset_of (c, line, col) + 1, c->len);
}

/* ----- findings ----- */

void
bulletin_checks_add_finding (Checker             *c,
                             BulletinFindingKind  kind,
                             gsize                offset,
                             gsize                length,
                             const char          *key,
                             char               **suggestions,
                             char                *message)
{
  BulletinFinding *f = g_new0 (BulletinFinding, 1);
  gpointer count;
  guint n;

  gsize end = offset + length;

  g_assert (end <= c->len);

  /* a range worked out from cmark-gfm's columns can end inside a
   * character (the fuzzer found a heading where it did); the editor and
   * the command line count characters, so a finding covers whole ones */
  while (offset > 0 && (c->text[offset] & 0xC0) == 0x80)
    offset--;
  while (end < c->len && (c->text[end] & 0xC0) == 0x80)
    end++;
  length = end - offset;

  f->kind = kind;
  f->offset = offset;
  f->length = length;
  /* the same columns can cut a quoted URL inside a character; a message
   * is shown and printed, so it must be valid whatever it quotes */
  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);

      g_free (message);
      message = valid;
    }
  f->message = message;
  f->suggestions = suggestions;

  /* the same problem twice ("here" linked to one address twice) gets
   * numbered keys, so one can be ignored without the other; but ignoring
   * a word the dictionary lacks ignores it throughout the draft, as in
   * any spelling checker */
  count = g_hash_table_lookup (c->keys_seen, key);
  n = kind == BULLETIN_FINDING_SPELLING ? 1 : GPOINTER_TO_UINT (count) + 1;
  g_hash_table_replace (c->keys_seen, g_strdup (key), GUINT_TO_POINTER (n));
  f->key = n == 1 ? g_strdup (key) : g_strdup_printf ("%s#%u", key, n);

  g_ptr_array_add (c->findings, f);
}

char **
bulletin_checks_one_suggestion (const char *text)
{
  char **v = g_new0 (char *, 2);

  v[0] = g_strdup (text);
  return v;
}

/* ----- regions from the syntax tree ----- */

static void
add_region (Checker    *c,
            cmark_node *node,
            RegionKind  kind)
{
  Region r = { 0 };
  cmark_node *parent = cmark_node_parent (node);

  r.start = node_start (c, node);
  r.end = node_end (c, node);
  r.kind = kind;
  r.in_item = parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM;
  if (kind == REGION_HEADING)
    r.heading_level = cmark_node_get_heading_level (node);

  if (r.end > r.start)
    g_array_append_val (c->regions, r);
}

/* The paragraphs, headings and table rows of @root, a top-level block,
 * in document order. Iterative: a draft can nest lists and quotes as deep as it
 * likes, and a recursive walk overflowed the stack (issue 12). */
/* Adds @node's region if it has one; returns its first child if the
 * walk goes into it. */
static cmark_node *
visit_block (Checker    *c,
             cmark_node *node)
{
  const char *type_name;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      add_region (c, node, REGION_TEXT);
      return NULL;
    case CMARK_NODE_HEADING:
      add_region (c, node, REGION_HEADING);
      return NULL;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
      return NULL;
    case CMARK_NODE_ITEM:
      {
        gboolean checked = TRUE;
        cmark_node *first = cmark_node_first_child (node);

        if (first != NULL && bulletin_markdown_is_task_item (node, &checked) && !checked)
          {
            /* the box lies between the item's marker and its words */
            gsize from = node_start (c, node), to = node_start (c, first);
            const char *open = to > from ? memchr (c->text + from, '[', to - from) : NULL;
            Span box = { to, to };

            if (open != NULL)
              {
                const char *close = memchr (open, ']', c->text + to - open);

                box.start = open - c->text;
                box.end = close != NULL ? (gsize)(close + 1 - c->text) : box.start + 1;
              }
            g_array_append_val (c->open_tasks, box);
          }
        return first;
      }
    default:
      type_name = cmark_node_get_type_string (node);
      /* a whole row at once: the pipes between cells are punctuation
       * to the scanner, and the delimiter row belongs to no node */
      if (g_str_equal (type_name, "table_row") || g_str_equal (type_name, "table_header"))
        {
          add_region (c, node, REGION_TEXT);
          return NULL;
        }
      return cmark_node_first_child (node);
    }
}

static void
walk_blocks (Checker    *c,
             cmark_node *root)
{
  cmark_node *child = visit_block (c, root);

  while (child != NULL)
    {
      cmark_node *descend = visit_block (c, child);

      if (descend != NULL)
        {
          child = descend;
          continue;
        }

      /* the next sibling, or that of the nearest ancestor below @root
       * that has one */
      while (child != NULL && child != root && cmark_node_next (child) == NULL)
        child = cmark_node_parent (child);
      child = child != NULL && child != root ? cmark_node_next (child) : NULL;
    }
}

/* ----- words ----- */

static gboolean
is_word_char (gunichar ch)
{
  return g_unichar_isalnum (ch) || g_unichar_ismark (ch);
}

static gboolean
is_apostrophe (gunichar ch)
{
  return ch == '\'' || ch == 0x2019;
}

/* Splits the prose of region @index (between the excluded spans) into
 * words: letters and digits, with apostrophes inside ("week’s") and '&'
 * between capitals ("WY&H"). */
static void
collect_words (Checker *c,
               guint    index,
               guint   *next_excluded)
{
  const Region *r = &g_array_index (c->regions, Region, index);
  const char *base = c->text;
  gsize i = r->start;

  while (i < r->end)
    {
      gunichar ch;
      Word w = { 0 };

      while (*next_excluded < c->excluded->len &&
             g_array_index (c->excluded, Span, *next_excluded).end <= i)
        (*next_excluded)++;
      if (*next_excluded < c->excluded->len)
        {
          const Span *s = &g_array_index (c->excluded, Span, *next_excluded);

          if (s->start <= i)
            {
              i = s->end;
              continue;
            }
        }

      if ((guchar)base[i] < 0x80)
        {
          if (!g_ascii_isalnum (base[i]))
            {
              i++;
              continue;
            }
          ch = base[i];
        }
      else
        {
          ch = g_utf8_get_char (base + i);
          if (!is_word_char (ch))
            {
              i = g_utf8_next_char (base + i) - base;
              continue;
            }
        }

      w.start = i;
      w.region = index;
      while (i < r->end)
        {
          const char *p = base + i;
          const char *next;

          ch = (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);
          next = (guchar)*p < 0x80 ? p + 1 : g_utf8_next_char (p);

          if (is_word_char (ch))
            {
              if (g_unichar_isdigit (ch))
                w.flags |= WORD_HAS_DIGIT;
              else if (g_unichar_isupper (ch))
                w.flags |= WORD_HAS_UPPER;
              else if (g_unichar_islower (ch))
                w.flags |= WORD_HAS_LOWER;
              i = next - base;
              continue;
            }

          /* an apostrophe or '&' joins only what is on both sides */
          if ((is_apostrophe (ch) || ch == '&') && next - base < (gssize)r->end)
            {
              gunichar after = g_utf8_get_char (next);

              if (ch == '&' ? (g_unichar_isupper (after) && (w.flags & WORD_HAS_UPPER) && !(w.flags & WORD_HAS_LOWER))
                            : g_unichar_isalpha (after))
                {
                  if (ch == '&')
                    w.flags |= WORD_HAS_AMP;
                  i = next - base;
                  continue;
                }
            }
          break;
        }

      w.end = i;
      g_array_append_val (c->words, w);
    }
}

static void
add_top_block (Checker    *c,
               cmark_node *node)
{
  TopBlock block = { 0 };
  guint n_regions = c->regions->len;

  block.start = node_start (c, node);
  block.end = node_end (c, node);
  block.region = G_MAXUINT;
  block.text = G_MAXSIZE;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      block.type = CMARK_NODE_HEADING;
      block.heading_level = cmark_node_get_heading_level (node);
      if (block.heading_level == 2)
        {
          g_autofree char *heading = bulletin_markdown_plain_text (node);

          block.text = c->heading_texts->len;
          g_string_append_len (c->heading_texts, heading, strlen (heading) + 1);
        }
      if (c->weekly < 0)
        {
          g_autofree char *heading = bulletin_markdown_plain_text (node);
          g_autofree char *lower = g_utf8_strdown (heading, -1);

          /* "Woche": data/de/weekly-template.md's title */
          c->weekly = strstr (lower, "week") != NULL || strstr (lower, "woche") != NULL;
        }
      break;

    case CMARK_NODE_LIST:
      block.type = CMARK_NODE_LIST;
      block.first_item = c->items->len;
      for (cmark_node *item = cmark_node_first_child (node); item != NULL; item = cmark_node_next (item))
        {
          Span span = { node_start (c, item), node_end (c, item) };

          g_array_append_val (c->items, span);
          block.n_items++;
        }
      break;

    default:
      break;
    }

  walk_blocks (c, node);
  if (block.type == CMARK_NODE_HEADING && c->regions->len > n_regions)
    block.region = n_regions;

  g_array_append_val (c->blocks, block);
}

gboolean
bulletin_checks_scan (Checker *c)
{
  guint next_excluded = 0;

  g_autoptr(BulletinMarkdownReader) reader = NULL;
  cmark_node *block;

  if (c->len >= G_MAXUINT32)
    return FALSE;

  index_lines (c);

  /* a part of the draft at a time: only what the checks need of each
   * block outlives its part's tree (issue 12) */
  reader = bulletin_markdown_reader_new (c->text, c->len);
  while ((block = bulletin_markdown_reader_next (reader)) != NULL)
    {
      c->reader = reader;
      add_top_block (c, block);
    }
  c->reader = NULL;
  g_clear_pointer (&reader, bulletin_markdown_reader_free);

  bulletin_checks_find_reference_definitions (c);

  for (guint i = 0; i < c->regions->len; i++)
    bulletin_checks_scan_region (c, i);
  /* stable, so spans with one start keep the order they were found in */
  g_array_sort (c->excluded, bulletin_checks_compare_span_starts);
  for (guint i = 0; i < c->regions->len; i++)
    collect_words (c, i, &next_excluded);

  return TRUE;
}
