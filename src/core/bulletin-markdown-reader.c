/* bulletin-markdown-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader-private.h"

static gsize default_chunk_size = BULLETIN_MARKDOWN_READER_CHUNK_SIZE;
static gsize default_piece_limit = BULLETIN_MARKDOWN_READER_PIECE_LIMIT;

/**
 * BulletinMarkdownReader:
 *
 * Hands out the top-level blocks of a draft one at a time, parsing it a
 * part at a time so that only one part's tree is in memory however long
 * the draft is. Each block is what bulletin_markdown_parse() of the
 * whole draft would give, with its source lines shifted by
 * bulletin_markdown_reader_get_line_offset().
 *
 * A part ends only where nothing can carry on past it: after a blank
 * line, before a line that starts at the margin and is no list item (a
 * list item there would join the list above it). Fenced code and the
 * HTML blocks that run to an end marker (`<!--`, `<script>` …) can carry
 * on past that; a part whose parse ends inside one is parsed again, twice
 * as long. Link reference definitions hold for the whole draft, so a part
 * that uses a label defined elsewhere is parsed with that definition
 * (the draft's first one, as CommonMark has it) in front.
 *
 * The one difference from a parse of the whole: a block that runs on for
 * more than %BULLETIN_MARKDOWN_READER_BLOCK_LIMIT bytes without a blank
 * line (a pasted megabyte of one paragraph or of quoted mail) is cut at a
 * line end, where it becomes two blocks, so that its tree too is parsed
 * a part at a time. Tables and fenced code are never cut.
 *
 * And one that only a pathological paragraph shows: a paragraph longer
 * than %BULLETIN_MARKDOWN_READER_PIECE_LIMIT is parsed in pieces and
 * joined again, so a link or emphasis running across a cut between
 * pieces stays plain text (see reader_find_piece_end()).
 *
 * The code is split by what it does: this file parses the parts and
 * hands out their blocks, bulletin-markdown-reader-cuts.c decides where
 * parts and pieces end, -lines.c reads what a line of source is, and
 * -definitions.c finds link reference definitions.
 */

/**
 * bulletin_markdown_reader_new:
 * @text: valid UTF-8 (see bulletin_markdown_sanitize()); it must outlive
 *   the reader, which does not copy it
 * @len: length of @text in bytes
 *
 * Returns: (transfer full): a reader at the first block of @text
 */
BulletinMarkdownReader *
bulletin_markdown_reader_new (const char *text,
                              gsize       len)
{
  BulletinMarkdownReader *self;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  self = g_new0 (BulletinMarkdownReader, 1);
  self->text = text != NULL ? text : "";
  self->len = len;
  self->chunk_size = g_atomic_pointer_get (&default_chunk_size);
  self->block_limit = BULLETIN_MARKDOWN_READER_BLOCK_LIMIT;
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->piece_limit = g_atomic_pointer_get (&default_piece_limit);
  self->emptied = g_ptr_array_new_with_free_func ((GDestroyNotify)cmark_node_free);
  self->next_line = 1;

  if (memchr (self->text, '[', len) != NULL)
    reader_find_definitions (self);

  return self;
}

void
bulletin_markdown_reader_free (BulletinMarkdownReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->part.doc, cmark_node_free);
  g_clear_pointer (&self->ahead.doc, cmark_node_free);
  g_ptr_array_unref (self->emptied);
  g_hash_table_unref (self->definitions);
  g_free (self);
}

/**
 * bulletin_markdown_reader_set_chunk_size:
 * @self: a #BulletinMarkdownReader, before its first block
 * @size: how many bytes to parse at a time, at least; the tests set 1 to
 *   make every possible part a part of its own
 */
void
bulletin_markdown_reader_set_chunk_size (BulletinMarkdownReader *self,
                                         gsize                   size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (size > 0);

  self->chunk_size = size;
}

/**
 * bulletin_markdown_reader_set_block_limit:
 * @self: a #BulletinMarkdownReader, before its first block
 * @limit: how far past a part's size a block may run before it is cut;
 *   %BULLETIN_MARKDOWN_READER_BLOCK_LIMIT unless the tests say otherwise
 */
void
bulletin_markdown_reader_set_block_limit (BulletinMarkdownReader *self,
                                          gsize                   limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limit > 0);

  self->block_limit = limit;
}

/**
 * bulletin_markdown_reader_set_piece_limit:
 * @self: a #BulletinMarkdownReader, before its first block
 * @limit: how long a paragraph may run before it is parsed in pieces;
 *   %BULLETIN_MARKDOWN_READER_PIECE_LIMIT unless the tests say otherwise
 */
void
bulletin_markdown_reader_set_piece_limit (BulletinMarkdownReader *self,
                                          gsize                   limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limit > 0);

  self->piece_limit = limit;
}

/**
 * bulletin_markdown_reader_set_default_piece_limit:
 * @limit: the piece limit of readers made from now on, or 0 for
 *   %BULLETIN_MARKDOWN_READER_PIECE_LIMIT
 *
 * For the fuzzers: with a limit of a few bytes, every paragraph of a small
 * input is parsed in pieces and joined.
 */
void
bulletin_markdown_reader_set_default_piece_limit (gsize limit)
{
  g_atomic_pointer_set (&default_piece_limit, limit > 0 ? limit : BULLETIN_MARKDOWN_READER_PIECE_LIMIT);
}

/**
 * bulletin_markdown_reader_set_default_chunk_size:
 * @size: the chunk size of readers made from now on, or 0 for
 *   %BULLETIN_MARKDOWN_READER_CHUNK_SIZE
 *
 * For the tests: with a size of 1, every export and check of a small
 * draft goes through as many parts as it can have.
 */
void
bulletin_markdown_reader_set_default_chunk_size (gsize size)
{
  g_atomic_pointer_set (&default_chunk_size, size > 0 ? size : BULLETIN_MARKDOWN_READER_CHUNK_SIZE);
}

static gboolean
line_is_closing_fence (const char *line,
                       const char *eol,
                       char        fence_char,
                       int         fence_length)
{
  const char *p = line;
  int n = 0;

  /* past the markers of the quotes and list items the fence is in */
  while (p < eol && (*p == ' ' || *p == '\t' || *p == '>'))
    p++;
  while (p < eol && *p == fence_char)
    {
      p++;
      n++;
    }
  return n >= fence_length && reader_is_blank_line (p, eol);
}

static const char *
find_line (const char *text,
           gsize       len,
           int         number)
{
  const char *p = text;
  const char *end = text + len;

  for (int i = 1; i < number && p < end; i++)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        return NULL;
      p = eol + 1;
    }
  return p < end ? p : NULL;
}

/* HTML blocks of kinds 1 to 5 run on, past blank lines, to an end marker */
static gboolean
html_block_is_open (const char *literal)
{
  static const struct { const char *start; const char *end; } kinds[] = {
    { "<script", "</script>" },
    { "<pre", "</pre>" },
    { "<style", "</style>" },
    { "<textarea", "</textarea>" },
    { "<!--", "-->" },
    { "<?", "?>" },
    { "<![CDATA[", "]]>" },
  };
  const char *p = literal;

  while (*p == ' ')
    p++;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strncasecmp (p, kinds[i].start, strlen (kinds[i].start)) == 0)
      {
        g_autofree char *lower = g_ascii_strdown (p + strlen (kinds[i].start), -1);

        return strstr (lower, kinds[i].end) == NULL;
      }

  if (p[0] == '<' && p[1] == '!' && g_ascii_isalpha (p[2]))
    return strchr (p, '>') == NULL;

  return FALSE;
}

/* Whether the parse of a part ended inside fenced code or an HTML block,
 * which the text after the part might have carried on, or, when @cut, in
 * a table. */
static gboolean
part_ends_open (cmark_node *doc,
                const char *part,
                gsize       part_len,
                gboolean    cut,
                gboolean   *in_table)
{
  cmark_node *node = cmark_node_last_child (doc);

  *in_table = FALSE;
  while (node != NULL)
    {
      if (cut && g_str_equal (cmark_node_get_type_string (node), "table"))
        {
          *in_table = TRUE;
          return TRUE;
        }

      switch ((int)cmark_node_get_type (node))
        {
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
          node = cmark_node_last_child (node);
          break;

        case CMARK_NODE_CODE_BLOCK:
          {
            int fence_length = 0, fence_offset = 0;
            char fence_char = 0;
            const char *line, *eol;

            if (!cmark_node_get_fenced (node, &fence_length, &fence_offset, &fence_char))
              return FALSE;
            line = find_line (part, part_len, cmark_node_get_end_line (node));
            if (line == NULL)
              return TRUE;
            eol = memchr (line, '\n', part + part_len - line);
            if (eol == NULL)
              eol = part + part_len;
            return !line_is_closing_fence (line, eol, fence_char, fence_length);
          }

        case CMARK_NODE_HTML_BLOCK:
          return html_block_is_open (cmark_node_get_literal (node));

        default:
          return FALSE;
        }
    }

  return FALSE;
}

static void
parse_part (BulletinMarkdownReader *self,
            Part                   *out)
{
  gsize start = self->next_start;
  gsize want = self->chunk_size;
  gboolean pieces = TRUE;

  g_assert (start < self->len);

  for (;;)
    {
      gsize end;
      gboolean cut = FALSE;
      gboolean in_table = FALSE;
      CutKind piece = CUT_NONE;
      guint n_prefix_lines = 0;
      g_autoptr(GString) prefix = NULL;
      const char *part;
      gsize part_len;
      cmark_node *doc;

      /* looked for first: a cut near the start spares finding the end
       * of a megabyte-long line for every piece of it */
      end = pieces ? reader_find_piece_end (self, start, start + want,
                                            start + MIN (self->len - start, want + self->block_limit),
                                            &piece)
                   : 0;
      if (piece != CUT_NONE)
        cut = TRUE;
      else
        {
          end = want >= self->len - start ? self->len : reader_find_part_end (self, start + want);
          /* a block that runs on far past the part's size: cut */
          cut = end - start > want + self->block_limit;
          if (cut)
            {
              end = reader_find_forced_end (self, start + want);
              /* a table is never cut: parsed at once to its end, not
               * once to the cut and again past it */
              if (reader_cut_is_in_table (self, start, end))
                {
                  end = reader_find_part_end (self, end);
                  cut = FALSE;
                }
            }
        }

      prefix = reader_definitions_for_part (self, start, end, &n_prefix_lines);

      if (prefix != NULL)
        {
          g_string_append_len (prefix, self->text + start, end - start);
          part = prefix->str;
          part_len = prefix->len;
        }
      else
        {
          part = self->text + start;
          part_len = end - start;
        }

      doc = bulletin_markdown_parse (part, part_len);
      self->n_parses++;

      if (end == self->len || !part_ends_open (doc, part, part_len, cut, &in_table))
        {
          out->doc = doc;
          out->start = start;
          out->end = end;
          out->cut = piece;
          out->first_line = n_prefix_lines + 1;
          out->line_offset = (int)self->next_line - 1 - (int)n_prefix_lines;
          out->column_shift = start - self->next_line_start;
          reader_advance_lines (self, start, end - start);
          self->next_start = end;
          return;
        }

      /* parsed again from the same start: to the table's end, where the
       * next blank line is (a table is never cut), or twice as long, for
       * fenced code and HTML, which end at a marker: linear in all */
      cmark_node_free (doc);
      want = in_table ? reader_find_part_end (self, end) - start : (end - start) * 2;
      pieces = FALSE;
    }
}

static void
locate_in_part (const Part *part,
                int         line,
                int         column,
                int        *draft_line,
                int        *draft_column)
{
  if (draft_line != NULL)
    *draft_line = line + part->line_offset;
  if (draft_column != NULL)
    *draft_column = column + (line == part->first_line && column > 0 ? part->column_shift : 0);
}

/* @paragraph, the last block of a part cut in its middle, takes in the
 * text of the pieces after it, parsed a part each, until the paragraph
 * ends or runs as long as a block may before it is cut. The part where it ends is kept, for
 * the blocks after it. */
static void
join_pieces (BulletinMarkdownReader *self,
             cmark_node             *paragraph)
{
  CutKind cut = self->part.cut;
  gsize joined = self->part.end - self->part.start;

  g_assert (self->ahead.doc == NULL);

  /* as long as a block runs before it is cut when not in pieces */
  while (cut != CUT_NONE && joined < self->chunk_size + self->block_limit &&
         self->next_start < self->len)
    {
      Part next = { 0 };
      cmark_node *first;

      parse_part (self, &next);
      first = cmark_node_first_child (next.doc);
      if (first == NULL || cmark_node_get_type (first) != CMARK_NODE_PARAGRAPH)
        {
          self->ahead = next;
          return;
        }

      if (cut == CUT_LINE)
        cmark_node_append_child (paragraph, cmark_node_new (CMARK_NODE_SOFTBREAK));
      else if (cut == CUT_SPACE)
        {
          cmark_node *space = cmark_node_new (CMARK_NODE_TEXT);

          cmark_node_set_literal (space, " ");
          cmark_node_append_child (paragraph, space);
        }
      for (cmark_node *child; (child = cmark_node_first_child (first)) != NULL;)
        {
          cmark_node_unlink (child);
          cmark_node_append_child (paragraph, child);
        }

      self->joined = paragraph;
      locate_in_part (&next, cmark_node_get_end_line (first), cmark_node_get_end_column (first),
                      &self->joined_end_line, &self->joined_end_column);
      /* kept: in cmark-gfm 0.29 the text of its inline nodes points
       * into the paragraph's own buffer */
      cmark_node_unlink (first);
      g_ptr_array_add (self->emptied, first);

      joined += next.end - next.start;
      cut = next.cut;
      if (cmark_node_first_child (next.doc) != NULL)
        {
          self->ahead = next;
          return;
        }
      cmark_node_free (next.doc);
    }
}

/**
 * bulletin_markdown_reader_next:
 * @self: a #BulletinMarkdownReader
 *
 * Returns: (transfer none) (nullable): the next top-level block, valid
 *   until the next call, or %NULL after the last one
 */
cmark_node *
bulletin_markdown_reader_next (BulletinMarkdownReader *self)
{
  cmark_node *node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->part.doc != NULL)
    node = self->current != NULL ? cmark_node_next (self->current)
                                 : cmark_node_first_child (self->part.doc);

  while (node == NULL)
    {
      /* at the end, the last part stays: a rewind may keep it */
      if (self->ahead.doc == NULL && self->next_start >= self->len)
        return NULL;

      g_clear_pointer (&self->part.doc, cmark_node_free);
      g_ptr_array_set_size (self->emptied, 0);
      self->current = NULL;
      self->joined = NULL;

      if (self->ahead.doc != NULL)
        {
          self->part = self->ahead;
          self->ahead.doc = NULL;
        }
      else
        parse_part (self, &self->part);

      node = cmark_node_first_child (self->part.doc);
    }

  self->current = node;
  self->joined = NULL;
  if (self->part.cut != CUT_NONE && cmark_node_next (node) == NULL &&
      cmark_node_get_type (node) == CMARK_NODE_PARAGRAPH)
    join_pieces (self, node);

  return node;
}

/**
 * bulletin_markdown_reader_get_line_offset:
 * @self: a #BulletinMarkdownReader
 *
 * Returns: what to add to the source lines of the block last returned to
 *   get its lines in the draft
 */
int
bulletin_markdown_reader_get_line_offset (BulletinMarkdownReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->part.line_offset;
}

/**
 * bulletin_markdown_reader_locate:
 * @self: a #BulletinMarkdownReader
 * @node: the block last returned, or a block inside it
 * @start_line: (out) (optional): its first line in the draft, 1-based
 * @start_column: (out) (optional): the column (in bytes, 1-based) it starts at
 * @end_line: (out) (optional): its last line in the draft
 * @end_column: (out) (optional): the column of its last byte
 *
 * Where a block lies in the draft. Unlike its source lines plus
 * bulletin_markdown_reader_get_line_offset(), this is right for a part
 * that starts in the middle of a line and for a paragraph joined from
 * pieces (its inline nodes keep the lines of their own piece).
 */
void
bulletin_markdown_reader_locate (BulletinMarkdownReader *self,
                                 cmark_node             *node,
                                 int                    *start_line,
                                 int                    *start_column,
                                 int                    *end_line,
                                 int                    *end_column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node != NULL);

  locate_in_part (&self->part, cmark_node_get_start_line (node),
                  cmark_node_get_start_column (node), start_line, start_column);
  if (node == self->joined)
    {
      if (end_line != NULL)
        *end_line = self->joined_end_line;
      if (end_column != NULL)
        *end_column = self->joined_end_column;
    }
  else
    locate_in_part (&self->part, cmark_node_get_end_line (node),
                    cmark_node_get_end_column (node), end_line, end_column);
}

/**
 * bulletin_markdown_reader_rewind:
 * @self: a #BulletinMarkdownReader
 *
 * Goes back to the first block. A draft that fits in one part is not
 * parsed again.
 */
void
bulletin_markdown_reader_rewind (BulletinMarkdownReader *self)
{
  g_return_if_fail (self != NULL);

  self->current = NULL;
  if (self->part.doc != NULL && self->part.start == 0 && self->part.end == self->len &&
      self->joined == NULL && self->ahead.doc == NULL)
    return;

  g_clear_pointer (&self->part.doc, cmark_node_free);
  g_clear_pointer (&self->ahead.doc, cmark_node_free);
  g_ptr_array_set_size (self->emptied, 0);
  memset (&self->part, 0, sizeof self->part);
  self->joined = NULL;
  self->next_start = 0;
  self->next_line = 1;
  self->next_line_start = 0;
}

/**
 * bulletin_markdown_reader_get_n_parses:
 * @self: a #BulletinMarkdownReader
 *
 * Returns: how many times cmark-gfm has parsed a part so far, for the tests
 */
guint
bulletin_markdown_reader_get_n_parses (BulletinMarkdownReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_parses;
}
