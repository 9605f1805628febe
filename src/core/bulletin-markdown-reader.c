/* bulletin-markdown-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"

/* cmark-gfm's own limit on the length of a link label */
#define MAX_LABEL_LENGTH 999

typedef struct
{
  gsize start;
  gsize end;
} Definition;

static gsize default_chunk_size = BULLETIN_MARKDOWN_READER_CHUNK_SIZE;

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
 */
struct _BulletinMarkdownReader
{
  const char *text;
  gsize       len;
  gsize       chunk_size;
  gsize       block_limit;

  GHashTable *definitions;   /* normalized label → Definition, the first one */

  cmark_node *chunk;
  cmark_node *current;       /* the block last handed out, or NULL */
  gsize       chunk_start;
  gsize       chunk_end;     /* where the next part starts */
  guint       end_line;      /* the line number at chunk_end, 1-based */
  int         line_offset;
  guint       n_parses;
};

static gboolean
is_blank_line (const char *line,
               const char *eol)
{
  for (const char *p = line; p < eol; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* "- ", "* ", "+ ", "1. ", "12) " and the like, or the marker alone */
static const char *
skip_list_marker (const char *p,
                  const char *eol)
{
  const char *q = p;

  if (q < eol && (*q == '-' || *q == '*' || *q == '+'))
    q++;
  else
    {
      while (q < eol && q - p < 9 && g_ascii_isdigit (*q))
        q++;
      if (q == p || q >= eol || (*q != '.' && *q != ')'))
        return NULL;
      q++;
    }

  if (q == eol || *q == ' ' || *q == '\t' || *q == '\r')
    return q;
  return NULL;
}

/* a part may start here: at the margin, after a blank line */
static gboolean
may_start_part (const char *line,
                const char *eol)
{
  if (line == eol || *line == ' ' || *line == '\t' || *line == '\r')
    return FALSE;
  return skip_list_marker (line, eol) == NULL;
}

/* Lower case, runs of white space as one space, none at either end: two
 * labels match when these are equal. */
static char *
normalize_label (const char *label,
                 gsize       len)
{
  GString *collapsed = g_string_sized_new (len);
  gboolean space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = label[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_c (collapsed, c);
    }

  {
    char *folded = g_utf8_casefold (collapsed->str, collapsed->len);

    g_string_free (collapsed, TRUE);
    return folded;
  }
}

/* Where the label of a definition on this line ends (its ']'), or NULL. */
static const char *
definition_label_end (const char *p,
                      const char *eol)
{
  if (p >= eol || *p != '[' || p + 1 >= eol || p[1] == '^')
    return NULL;

  for (const char *q = p + 1; q < eol && q - p <= MAX_LABEL_LENGTH + 1; q++)
    {
      if (*q == '\\')
        {
          q++;
          continue;
        }
      if (*q == '[')
        return NULL;
      if (*q == ']')
        return q + 1 < eol && q[1] == ':' && q > p + 1 ? q : NULL;
    }
  return NULL;
}

static void
find_definitions (BulletinMarkdownReader *self)
{
  const char *text = self->text;
  const char *end = text + self->len;

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next;
      const char *p = line;
      const char *label_end;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;

      /* definitions count inside quotes and list items too */
      for (guint i = 0; i < 100 && p < eol; i++)
        {
          const char *after;

          while (p < eol && (*p == ' ' || *p == '\t'))
            p++;
          if (p < eol && *p == '>')
            p++;
          else if ((after = skip_list_marker (p, eol)) != NULL && after > p)
            p = after;
          else
            break;
        }

      label_end = definition_label_end (p, eol);
      if (label_end != NULL)
        {
          g_autofree char *key = normalize_label (p + 1, label_end - p - 1);
          const char *def_end = eol;

          /* the address or a title may be on the next line */
          if (next < end)
            {
              const char *next_eol = memchr (next, '\n', end - next);
              const char *q = next;

              if (next_eol == NULL)
                next_eol = end;
              while (q < next_eol && (*q == ' ' || *q == '\t'))
                q++;
              if (!is_blank_line (next, next_eol) &&
                  (is_blank_line (label_end + 2, eol) || *q == '"' || *q == '\'' || *q == '('))
                {
                  def_end = next_eol;
                  next = next_eol < end ? next_eol + 1 : end;
                }
            }

          if (!g_hash_table_contains (self->definitions, key))
            {
              Definition *def = g_new (Definition, 1);

              def->start = p - text;
              def->end = def_end - text;
              g_hash_table_insert (self->definitions, g_steal_pointer (&key), def);
            }
        }

      line = next;
    }
}

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
  self->end_line = 1;

  if (memchr (self->text, '[', len) != NULL)
    find_definitions (self);

  return self;
}

void
bulletin_markdown_reader_free (BulletinMarkdownReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->chunk, cmark_node_free);
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

/* The start of the first line at or after @from that may start a part,
 * or the end of the text. */
static gsize
find_part_end (BulletinMarkdownReader *self,
               gsize                   from)
{
  const char *text = self->text;
  const char *end = text + self->len;
  const char *line;
  const char *prev;
  gboolean prev_blank;

  if (from >= self->len)
    return self->len;

  /* back to the start of the line holding @from, to know whether the
   * line before the next one is blank */
  line = text + from;
  while (line > text && line[-1] != '\n')
    line--;
  if (line == text)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL)
        return self->len;
      prev_blank = is_blank_line (line, eol);
      line = eol + 1;
    }
  else
    {
      prev = line - 1;
      while (prev > text && prev[-1] != '\n')
        prev--;
      prev_blank = is_blank_line (prev, line - 1);
    }

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL)
        eol = end;
      if (prev_blank && (gsize)(line - text) >= from && may_start_part (line, eol))
        return line - text;
      prev_blank = is_blank_line (line, eol);
      line = eol < end ? eol + 1 : end;
    }

  return self->len;
}

/* The start of the first line after @from where a block that has run on
 * for megabytes may be cut: not a setext underline, which would lose its
 * heading, and not indented. A cut in a table, which would lose its header
 * row, is found once parsed (see part_ends_open()). */
static gsize
find_forced_end (BulletinMarkdownReader *self,
                 gsize                   from)
{
  const char *text = self->text;
  const char *end = text + self->len;
  const char *line;

  if (from >= self->len)
    return self->len;

  line = memchr (text + from, '\n', end - (text + from));
  while (line != NULL && ++line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *p = line;

      if (eol == NULL)
        eol = end;
      /* indented, it would turn into code */
      if (p < eol && *p != ' ' && *p != '\t')
        {
          while (p < eol && (*p == ' ' || *p == '>'))
            p++;
          if (p < eol && *p != '=' && *p != '-')
            return line - text;
        }
      line = eol < end ? eol : NULL;
    }

  return self->len;
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
  return n >= fence_length && is_blank_line (p, eol);
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
                gboolean    cut)
{
  cmark_node *node = cmark_node_last_child (doc);

  while (node != NULL)
    {
      if (cut && g_str_equal (cmark_node_get_type_string (node), "table"))
        return TRUE;

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

/* The definitions of labels the part uses but does not define first */
static GString *
definitions_for_part (BulletinMarkdownReader *self,
                      gsize                   start,
                      gsize                   end,
                      guint                  *n_lines)
{
  g_autoptr(GHashTable) added = NULL;
  GString *prefix = NULL;
  gsize open = G_MAXSIZE;

  *n_lines = 0;
  if (g_hash_table_size (self->definitions) == 0)
    return NULL;

  added = g_hash_table_new (NULL, NULL);
  for (gsize i = start; i < end; i++)
    {
      char c = self->text[i];

      if (c == '\\')
        i++;
      else if (c == '[')
        open = i;
      else if (c == ']' && open != G_MAXSIZE)
        {
          if (i - open - 1 <= MAX_LABEL_LENGTH)
            {
              g_autofree char *key = normalize_label (self->text + open + 1, i - open - 1);
              Definition *def = g_hash_table_lookup (self->definitions, key);

              if (def != NULL && (def->start < start || def->start >= end) &&
                  g_hash_table_add (added, def))
                {
                  if (prefix == NULL)
                    prefix = g_string_new (NULL);
                  g_string_append_len (prefix, self->text + def->start, def->end - def->start);
                  g_string_append_c (prefix, '\n');
                }
            }
          open = G_MAXSIZE;
        }
    }

  if (prefix != NULL)
    {
      g_string_append_c (prefix, '\n');
      for (gsize i = 0; i < prefix->len; i++)
        *n_lines += prefix->str[i] == '\n';
    }

  return prefix;
}

static guint
count_lines (const char *text,
             gsize       len)
{
  const char *end = text + len;
  guint n = 0;

  for (const char *p = text; (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;
  return n;
}

static void
parse_next_part (BulletinMarkdownReader *self)
{
  gsize start = self->chunk_end;
  gsize want = self->chunk_size;

  g_assert (self->chunk == NULL);
  g_assert (start < self->len);

  for (;;)
    {
      gsize end = want >= self->len - start ? self->len : find_part_end (self, start + want);
      gboolean cut;
      guint n_prefix_lines = 0;
      g_autoptr(GString) prefix = NULL;
      const char *part;
      gsize part_len;

      /* a block that runs on far past the part's size: cut */
      cut = end - start > want + self->block_limit;
      if (cut)
        end = find_forced_end (self, start + want);

      prefix = definitions_for_part (self, start, end, &n_prefix_lines);

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

      self->chunk = bulletin_markdown_parse (part, part_len);
      self->n_parses++;

      if (end == self->len || !part_ends_open (self->chunk, part, part_len, cut))
        {
          self->chunk_start = start;
          self->chunk_end = end;
          self->line_offset = (int)self->end_line - 1 - (int)n_prefix_lines;
          self->end_line += count_lines (self->text + start, end - start);
          return;
        }

      /* parsed again from the same start, twice as long: linear in all */
      g_clear_pointer (&self->chunk, cmark_node_free);
      want = (end - start) * 2;
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
  cmark_node *node;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->chunk != NULL)
    {
      node = self->current != NULL ? cmark_node_next (self->current)
                                   : cmark_node_first_child (self->chunk);
      if (node != NULL)
        return self->current = node;
    }

  while (self->chunk_end < self->len)
    {
      g_clear_pointer (&self->chunk, cmark_node_free);
      self->current = NULL;
      parse_next_part (self);

      node = cmark_node_first_child (self->chunk);
      if (node != NULL)
        return self->current = node;
    }

  return NULL;
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

  return self->line_offset;
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
  if (self->chunk != NULL && self->chunk_start == 0 && self->chunk_end == self->len)
    return;

  g_clear_pointer (&self->chunk, cmark_node_free);
  self->chunk_start = self->chunk_end = 0;
  self->end_line = 1;
  self->line_offset = 0;
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
