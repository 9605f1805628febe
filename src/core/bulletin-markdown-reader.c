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
 * pieces stays plain text (see find_piece_end()).
 */
/* How a part was cut inside a paragraph to keep its pieces small, and
 * so what stood between its text and the next part's. */
typedef enum
{
  CUT_NONE,
  CUT_LINE,     /* a line end: a soft line break */
  CUT_SPACE,    /* a space */
  CUT_GLUED,    /* nothing: the middle of a run of characters */
} CutKind;

typedef struct
{
  cmark_node *doc;
  gsize       start;
  gsize       end;
  int         line_offset;   /* add to the nodes' lines for the draft's */
  int         first_line;    /* the nodes' line of the part's first line */
  int         column_shift;  /* add to columns on first_line: the part began mid-line */
  CutKind     cut;
} Part;

struct _BulletinMarkdownReader
{
  const char *text;
  gsize       len;
  gsize       chunk_size;
  gsize       block_limit;
  gsize       piece_limit;

  GHashTable *definitions;   /* normalized label → Definition, the first one */

  Part        part;          /* the part whose blocks are handed out */
  Part        ahead;         /* parsed ahead to join a paragraph's pieces */
  cmark_node *current;       /* the block last handed out, or NULL */
  cmark_node *joined;        /* current, when joined from pieces */
  GPtrArray  *emptied;       /* the paragraphs whose inline nodes it took */
  int         joined_end_line;
  int         joined_end_column;

  gsize       next_start;    /* where the next part starts */
  guint       next_line;     /* its line number, 1-based */
  gsize       next_line_start; /* the start of that line */
  guint       n_parses;

  const char *delimiter_line;   /* the line next_line_binds() last read */
  gboolean    delimiter_answer; /* and what it said */
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
  self->piece_limit = g_atomic_pointer_get (&default_piece_limit);
  self->emptied = g_ptr_array_new_with_free_func ((GDestroyNotify)cmark_node_free);
  self->next_line = 1;

  if (memchr (self->text, '[', len) != NULL)
    find_definitions (self);

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
  const char *prev;
  const char *first = NULL;   /* the first place to cut, pipes aside */
  gboolean prev_has_pipe;

  if (from >= self->len)
    return self->len;

  prev = text + from;
  while (prev > text && prev[-1] != '\n')
    prev--;
  line = memchr (text + from, '\n', end - (text + from));
  prev_has_pipe = memchr (prev, '|', (line != NULL ? line : end) - prev) != NULL;
  while (line != NULL && ++line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *p = line;

      if (eol == NULL)
        eol = end;
      /* indented, it would turn into code; after a line with a pipe,
       * maybe in a table, which a cut would lose its header for (and
       * which would then be parsed again, whole): but not for ever, as
       * a table too wide to be one is text, and must be cut too */
      if (p < eol && *p != ' ' && *p != '\t')
        {
          while (p < eol && (*p == ' ' || *p == '>'))
            p++;
          if (p < eol && *p != '=' && *p != '-')
            {
              if (!prev_has_pipe)
                return line - text;
              if (first == NULL)
                first = line;
            }
        }
      if (first != NULL && (gsize)(line - first) > self->block_limit)
        return first - text;
      prev_has_pipe = memchr (line, '|', eol - line) != NULL;
      line = eol < end ? eol : NULL;
    }

  return first != NULL ? (gsize)(first - text) : self->len;
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

/* A line of three or more of one of "-*_" (a thematic break), or of "="
 * or "-" under a paragraph (a heading's underline), spaces aside. */
static gboolean
is_rule_line (const char *p,
              const char *eol)
{
  char c = *p;
  guint n = 0;

  for (; p < eol; p++)
    {
      if (*p == c)
        n++;
      else if (*p != ' ' && *p != '\t' && *p != '\r')
        return FALSE;
    }
  return n >= 2;
}

/* Whether the line at @line (up to a line end or @end) might be the
 * delimiter row (|---|---|) of a table that cmark-gfm takes: one of more
 * than BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS cells is none, as such a table
 * is shown as text (see tame_for_cmark()). */
static gboolean
is_table_delimiter_row (const char *line,
                        const char *end)
{
  const char *eol = memchr (line, '\n', end - line);
  gsize cells = bulletin_markdown_delimiter_row_cells (line, eol != NULL ? eol : end);

  return cells > 0 && cells <= BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS;
}

/* Whether the line at @line, the one after a line of a paragraph, turns
 * that line into another block, which a cut in it would lose: a heading,
 * when @line is a setext underline (=== or ---), or a table's header,
 * when it might be a delimiter row that cmark-gfm takes (so a pasted
 * spreadsheet too wide to be a table is cut like a paragraph).
 * Remembered for the last line asked: every piece of a long line before
 * it asks again. */
static gboolean
next_line_binds (BulletinMarkdownReader *self,
                 const char             *line)
{
  const char *end = self->text + self->len;
  const char *p = line;
  gboolean answer = FALSE;

  if (line >= end)
    return FALSE;
  if (line == self->delimiter_line)
    return self->delimiter_answer;

  while (p < end && p - line < 3 && *p == ' ')
    p++;
  if (p < end && (*p == '=' || *p == '-'))
    {
      char c = *p;

      while (p < end && *p == c)
        p++;
      while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
      answer = p == end || *p == '\n';
    }
  if (!answer)
    answer = is_table_delimiter_row (line, end);

  self->delimiter_line = line;
  self->delimiter_answer = answer;
  return answer;
}

/* A line of a table's rows, or of the text a table too wide to be one
 * is shown as: the start of a paragraph's line, unless the line after it
 * makes it a table's header (see next_line_binds()). */
static gboolean
starts_with_pipe (const char *line,
                  const char *eol)
{
  const char *p = line;

  while (p < eol && p - line < 4 && *p == ' ')
    p++;
  return p - line < 4 && p < eol && *p == '|';
}

/* Whether a piece may start at the line at @line, one of a table too
 * wide to be one or of pasted rows: not at a row like a delimiter row,
 * which is kept with the line before it, where it is either a table's or
 * shown as the text it is with its first dash escaped (tame_for_cmark()). */
static gboolean
may_start_row_piece (const char *line,
                     const char *eol)
{
  return *line == '|' && bulletin_markdown_delimiter_row_cells (line, eol) == 0;
}

/* Whether a line of text, not blank, can only be a paragraph's: one that
 * opens the paragraph when @first, else one that carries it on. Anything
 * that might open another block (a quote, a heading, a list item, fenced
 * code, HTML, a table, a rule, a definition) says no; so does indented
 * code at the margin. Cautious: "no" only means no piece is cut there. */
static gboolean
is_paragraph_line (const char *line,
                   const char *eol,
                   gboolean    first)
{
  const char *p = line;

  while (p < eol && p - line < 4 && *p == ' ')
    p++;
  if (p - line >= 4 || (p < eol && *p == '\t'))
    return !first;
  if (p == eol)
    return FALSE;

  switch (*p)
    {
    case '>': case '#': case '`': case '~': case '<': case '|': case '=': case ':':
      return FALSE;
    case '-': case '*': case '+': case '_':
      return skip_list_marker (p, eol) == NULL && !is_rule_line (p, eol);
    case '[':
      return !first || definition_label_end (p, eol) == NULL;
    default:
      if (g_ascii_isdigit (*p))
        return skip_list_marker (p, eol) == NULL;
      return TRUE;
    }
}

/* Whether the part after a cut may start at @p, in the middle of a
 * paragraph, and read on as that paragraph's text there: nothing that
 * opens a block, no indent, and not the middle of a character. */
static gboolean
may_start_piece (const char *p,
                 const char *eol)
{
  guchar c = (guchar)*p;

  if (p >= eol)
    return FALSE;
  if (g_ascii_isalpha (c) || c >= 0xc2)
    return TRUE;
  if (g_ascii_isdigit (c))
    return skip_list_marker (p, eol) == NULL;
  switch (c)
    {
    case '[':
      return definition_label_end (p, eol) == NULL;
    case '*': case '_':
      return skip_list_marker (p, eol) == NULL && !is_rule_line (p, eol);
    case '(': case '"': case '\'': case '!': case '&':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
ends_in_hard_break (const char *line,
                    const char *eol)
{
  if (eol > line && eol[-1] == '\r')
    eol--;
  return (eol - line >= 1 && eol[-1] == '\\') ||
         (eol - line >= 2 && eol[-1] == ' ' && eol[-2] == ' ');
}

/* Past the piece limit, how much further a cut at a space waits for a
 * line end, a cut waits for a place outside every link, image and code
 * span, and one in the middle of a word waits for a space or a line end. */
#define PIECE_SLACK_LINE     512
#define PIECE_SLACK_BALANCED 4096
#define PIECE_SLACK_SPACE    8192

/*
 * cmark-gfm 0.29 parses the inline content of a paragraph (emphasis,
 * links, brackets) in time that grows with the square of its length or
 * worse: one pasted paragraph of half a megabyte of links and bold took
 * seconds. A paragraph longer than the piece limit is therefore parsed
 * in pieces of about that size, cut where the text after the cut reads
 * on as the same paragraph, and the pieces are joined into one paragraph
 * again (see join_pieces()). Each piece is parsed on its own, so a link,
 * emphasis or code span that runs across a cut comes out as plain text;
 * cuts wait for a place outside them, up to PIECE_SLACK_BALANCED bytes.
 *
 * Returns where the first part from @start should end for that, before
 * @limit, with @kind set; or @limit with @kind CUT_NONE.
 */
static gsize
find_piece_end (BulletinMarkdownReader *self,
                gsize                   start,
                gsize                   part_from,
                gsize                   limit,
                CutKind                *kind)
{
  const char *text = self->text;
  const char *end = text + limit;
  const char *line = text + start;
  const char *run = NULL;       /* the start of the paragraph being read */
  gboolean plain = FALSE;       /* it can be cut */
  gboolean hard_break = FALSE;  /* the line before ends in a hard break */
  const char *spaced = NULL;    /* the first space past the limit to cut at */
  const char *glued = NULL;     /* the first place past the limit with no space */
  guint open_brackets = 0;
  gboolean in_code = FALSE;
  gboolean in_destination = FALSE;
  gboolean prev_blank = FALSE;

  *kind = CUT_NONE;

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL)
        eol = end;

      /* where the part ends when it is not cut (see find_part_end()):
       * what comes after is the next part's, and read again for it */
      if ((gsize)(line - text) >= part_from && prev_blank && may_start_part (line, eol))
        return limit;
      prev_blank = is_blank_line (line, eol);

      if (prev_blank)
        run = NULL;
      else if (run == NULL)
        {
          run = line;
          plain = is_paragraph_line (line, eol, TRUE) || starts_with_pipe (line, eol);
          open_brackets = 0;
          in_code = in_destination = FALSE;
          spaced = glued = NULL;
        }
      else if (plain)
        plain = is_paragraph_line (line, eol, FALSE) || starts_with_pipe (line, eol);
      /* any line of a paragraph is a heading or a table's header,
       * which is never cut, if the right line follows */
      if (run != NULL && plain && eol < self->text + self->len &&
          next_line_binds (self, eol + 1))
        plain = FALSE;

      if (run != NULL && plain)
        {
          for (const char *p = line; p < eol; p++)
            {
              gsize past = p - run;

              if (past >= self->piece_limit && p > run)
                {
                  gboolean balanced = open_brackets == 0 && !in_code && !in_destination;
                  gboolean at_line = p == line && !hard_break;
                  gboolean at_space = p > line && p[-1] == ' ';
                  gboolean slack = past >= self->piece_limit + PIECE_SLACK_BALANCED;

                  if ((at_line || at_space || glued == NULL) &&
                      (may_start_piece (p, eol) || (at_line && may_start_row_piece (p, eol))))
                    {
                      if (at_line && (balanced || slack))
                        {
                          *kind = CUT_LINE;
                          return p - text;
                        }
                      if (at_space && (balanced || slack) && spaced == NULL)
                        spaced = p;
                      if (glued == NULL && p > line && p[-1] != '\\')
                        glued = p;
                    }
                  /* a line end soon after is better: the cut may be
                   * where the joining stops at the block limit */
                  if (spaced != NULL && p - spaced >= PIECE_SLACK_LINE)
                    {
                      *kind = CUT_SPACE;
                      return spaced - text;
                    }
                  if (glued != NULL && past >= self->piece_limit + PIECE_SLACK_SPACE)
                    {
                      *kind = CUT_GLUED;
                      return glued - text;
                    }
                }

              switch (*p)
                {
                case '\\':
                  if (p + 1 < eol)
                    p++;
                  break;
                case '`':
                  in_code = !in_code;
                  break;
                case '[':
                  if (!in_code)
                    open_brackets++;
                  break;
                case ']':
                  if (!in_code && open_brackets > 0)
                    {
                      open_brackets--;
                      in_destination = p + 1 < eol && p[1] == '(';
                    }
                  break;
                case ')':
                  if (!in_code)
                    in_destination = FALSE;
                  break;
                default:
                  break;
                }
            }
        }

      hard_break = ends_in_hard_break (line, eol);
      line = eol < end ? eol + 1 : end;
    }

  return limit;
}

/* The line a part of @len bytes at @start ends on, and that line's start */
static void
advance_lines (BulletinMarkdownReader *self,
               gsize                   start,
               gsize                   len)
{
  const char *p = self->text + start;
  const char *end = p + len;
  const char *nl;

  while ((nl = memchr (p, '\n', end - p)) != NULL)
    {
      self->next_line++;
      p = nl + 1;
      self->next_line_start = p - self->text;
    }
}

/* Whether a forced cut at @cut, in a part starting at @start, falls in a
 * table: the lines before it, back to a blank one, hold a delimiter row
 * after a line. Cautious, as a "yes" only means the part runs on to the
 * next blank line. Once a part, so linear. */
static gboolean
cut_is_in_table (BulletinMarkdownReader *self,
                 gsize                   start,
                 gsize                   cut)
{
  const char *text = self->text;
  const char *line_end = text + cut;

  if (cut >= self->len || cut <= start)
    return FALSE;

  /* @cut is a line's start: walk the lines before it, last first */
  while (line_end > text + start)
    {
      const char *line = line_end - 1;

      while (line > text + start && line[-1] != '\n')
        line--;
      if (is_blank_line (line, line_end - 1))
        return FALSE;
      if (line > text + start && is_table_delimiter_row (line, line_end - 1))
        return TRUE;
      line_end = line;
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
      end = pieces ? find_piece_end (self, start, start + want,
                                     start + MIN (self->len - start, want + self->block_limit),
                                     &piece)
                   : 0;
      if (piece != CUT_NONE)
        cut = TRUE;
      else
        {
          end = want >= self->len - start ? self->len : find_part_end (self, start + want);
          /* a block that runs on far past the part's size: cut */
          cut = end - start > want + self->block_limit;
          if (cut)
            {
              end = find_forced_end (self, start + want);
              /* a table is never cut: parsed at once to its end, not
               * once to the cut and again past it */
              if (cut_is_in_table (self, start, end))
                {
                  end = find_part_end (self, end);
                  cut = FALSE;
                }
            }
        }

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
          advance_lines (self, start, end - start);
          self->next_start = end;
          return;
        }

      /* parsed again from the same start: to the table's end, where the
       * next blank line is (a table is never cut), or twice as long, for
       * fenced code and HTML, which end at a marker: linear in all */
      cmark_node_free (doc);
      want = in_table ? find_part_end (self, end) - start : (end - start) * 2;
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
