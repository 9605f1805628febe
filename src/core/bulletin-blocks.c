/* bulletin-blocks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-blocks.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"

typedef struct
{
  guint offset;     /* into html */
  guint len;
  guint start_line; /* 1-based, in the draft */
  guint end_line;
} Block;

struct _BulletinBlockList
{
  gatomicrefcount ref_count;
  GArray *blocks;   /* of Block */
  char *html;       /* all blocks, each wrapped, back to back */
};

G_DEFINE_BOXED_TYPE (BulletinBlockList, bulletin_block_list,
                     bulletin_block_list_ref, bulletin_block_list_unref)

/* Each block sits in a wrapper element of its own so that the preview can
 * address "block i" as the i-th child of the content column even when the
 * block renders to several elements or to none. Wrappers have no box of
 * their own, so the margins inside still collapse as in the email. */
#define WRAPPER_OPEN "<div class=\"bulletin-block\">"
#define WRAPPER_CLOSE "</div>\n"

/**
 * bulletin_block_list_new:
 * @markdown: valid UTF-8 Markdown
 * @len: its length in bytes
 *
 * Parses and renders @markdown for the preview. Safe to call from a
 * worker thread.
 *
 * Returns: (transfer full): a new list
 */
BulletinBlockList *
bulletin_block_list_new (const char *markdown,
                         gsize       len)
{
  return bulletin_block_list_new_full (markdown, len, FALSE);
}

/**
 * bulletin_block_list_new_full:
 * @markdown: valid UTF-8 Markdown
 * @len: its length in bytes
 * @rtl: whether the update's language is written right to left (see
 *   %BULLETIN_HTML_RTL)
 *
 * Like bulletin_block_list_new().
 *
 * Returns: (transfer full): a new list
 */
BulletinBlockList *
bulletin_block_list_new_full (const char *markdown,
                              gsize       len,
                              gboolean    rtl)
{
  g_autoptr(BulletinMarkdownReader) reader = NULL;
  BulletinBlockList *self;
  GString *html;
  cmark_node *child;

  g_return_val_if_fail (markdown != NULL || len == 0, NULL);

  /* a part at a time, as the exports: a long draft's tree is never
   * whole in memory */
  reader = bulletin_markdown_reader_new (markdown != NULL ? markdown : "", len);

  self = g_new0 (BulletinBlockList, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));

  html = g_string_sized_new (len + len / 2 + 64);

  while ((child = bulletin_markdown_reader_next (reader)) != NULL)
    {
      Block block;
      int start, end;

      bulletin_markdown_reader_locate (reader, child, &start, NULL, &end, NULL);

      block.offset = html->len;
      block.start_line = MAX (start, 1);
      block.end_line = MAX (end, start);

      g_string_append (html, WRAPPER_OPEN);
      bulletin_html_render_block (html, child, BULLETIN_HTML_PREVIEW | (rtl ? BULLETIN_HTML_RTL : 0));
      g_string_append (html, WRAPPER_CLOSE);

      block.len = html->len - block.offset;
      g_array_append_val (self->blocks, block);
    }

  self->html = g_string_free (html, FALSE);

  return self;
}

BulletinBlockList *
bulletin_block_list_ref (BulletinBlockList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bulletin_block_list_unref (BulletinBlockList *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->blocks);
      g_free (self->html);
      g_free (self);
    }
}

guint
bulletin_block_list_get_n_blocks (const BulletinBlockList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

static const Block *
get_block (const BulletinBlockList *self,
           guint                    index)
{
  g_assert (index < self->blocks->len);

  return &g_array_index (self->blocks, Block, index);
}

/**
 * bulletin_block_list_get_html:
 * @self: a #BulletinBlockList
 * @index: a block index
 *
 * Returns: (transfer none): the HTML of the block, wrapper included; not
 *   nul-terminated at the block's end, so use bulletin_block_list_join()
 *   to get a string
 */
const char *
bulletin_block_list_get_html (const BulletinBlockList *self,
                              guint                    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return self->html + get_block (self, index)->offset;
}

guint
bulletin_block_list_get_start_line (const BulletinBlockList *self,
                                    guint                    index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->blocks->len, 0);

  return get_block (self, index)->start_line;
}

guint
bulletin_block_list_get_end_line (const BulletinBlockList *self,
                                  guint                    index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->blocks->len, 0);

  return get_block (self, index)->end_line;
}

/**
 * bulletin_block_list_join:
 * @self: a #BulletinBlockList
 * @first: index of the first block
 * @n: how many blocks
 *
 * Returns: (transfer full): the HTML of blocks @first … @first + @n - 1
 */
char *
bulletin_block_list_join (const BulletinBlockList *self,
                          guint                    first,
                          guint                    n)
{
  const Block *a;
  const Block *b;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (first + n <= self->blocks->len, NULL);

  if (n == 0)
    return g_strdup ("");

  a = get_block (self, first);
  b = get_block (self, first + n - 1);

  return g_strndup (self->html + a->offset, b->offset + b->len - a->offset);
}

/**
 * bulletin_block_list_lookup_line:
 * @self: a #BulletinBlockList
 * @line: a 1-based line of the draft
 * @line_in_block: (out) (optional): @line counted from the block's first
 *   line (1-based), matching the block's `data-sourcepos` values
 *
 * Finds the block that shows @line: the last block starting at or before
 * it, so blank lines between blocks belong to the block above.
 *
 * Returns: the block index, or G_MAXUINT when the draft has no blocks
 */
guint
bulletin_block_list_lookup_line (const BulletinBlockList *self,
                                 guint                    line,
                                 guint                   *line_in_block)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, G_MAXUINT);

  if (self->blocks->len == 0)
    return G_MAXUINT;

  hi = self->blocks->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (get_block (self, mid)->start_line <= line)
        lo = mid;
      else
        hi = mid;
    }

  if (line_in_block != NULL)
    {
      guint start = get_block (self, lo)->start_line;
      *line_in_block = line >= start ? line - start + 1 : 1;
    }

  return lo;
}

static gboolean
blocks_equal (const BulletinBlockList *a,
              guint                    i,
              const BulletinBlockList *b,
              guint                    j)
{
  const Block *x = get_block (a, i);
  const Block *y = get_block (b, j);

  /* memcmp is vectorised and stops at the first difference: cheaper than
   * hashing every block up front. */
  return x->len == y->len &&
         memcmp (a->html + x->offset, b->html + y->offset, x->len) == 0;
}

/**
 * bulletin_block_list_diff:
 * @old_list: (nullable): what the preview shows now
 * @new_list: what it should show
 * @position: (out): index of the first block that differs
 * @n_removed: (out): how many blocks of @old_list to remove there
 * @n_added: (out): how many blocks of @new_list to insert there
 *
 * Computes the one contiguous replacement that turns @old_list into
 * @new_list, keeping the longest common head and tail. Typing changes one
 * block, so this is nearly always a single block.
 */
void
bulletin_block_list_diff (const BulletinBlockList *old_list,
                          const BulletinBlockList *new_list,
                          guint                   *position,
                          guint                   *n_removed,
                          guint                   *n_added)
{
  guint n_old;
  guint n_new;
  guint head = 0;
  guint tail = 0;

  g_return_if_fail (new_list != NULL);
  g_return_if_fail (position != NULL && n_removed != NULL && n_added != NULL);

  n_old = old_list ? old_list->blocks->len : 0;
  n_new = new_list->blocks->len;

  while (head < n_old && head < n_new && blocks_equal (old_list, head, new_list, head))
    head++;

  while (tail < n_old - head && tail < n_new - head &&
         blocks_equal (old_list, n_old - 1 - tail, new_list, n_new - 1 - tail))
    tail++;

  *position = head;
  *n_removed = n_old - head - tail;
  *n_added = n_new - head - tail;
}
