/* bulletin-markdown-reader-lines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader-private.h"

/* What a line of Markdown source is, read from its bytes alone, for
 * the reader's decisions on where a part or a piece may end: blank, a
 * list item, a rule, a table's delimiter row, a paragraph's line. */

gboolean
reader_is_blank_line (const char *line,
                      const char *eol)
{
  for (const char *p = line; p < eol; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* "- ", "* ", "+ ", "1. ", "12) " and the like, or the marker alone */
const char *
reader_skip_list_marker (const char *p,
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
gboolean
reader_may_start_part (const char *line,
                       const char *eol)
{
  if (line == eol || *line == ' ' || *line == '\t' || *line == '\r')
    return FALSE;
  return reader_skip_list_marker (line, eol) == NULL;
}

/* A line of three or more of one of "-*_" (a thematic break), or of "="
 * or "-" under a paragraph (a heading's underline), spaces aside. */
gboolean
reader_is_rule_line (const char *p,
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
gboolean
reader_is_table_delimiter_row (const char *line,
                               const char *end)
{
  const char *eol = memchr (line, '\n', end - line);
  gsize cells = bulletin_markdown_delimiter_row_cells (line, eol != NULL ? eol : end);

  return cells > 0 && cells <= BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS;
}

/* A line of a table's rows, or of the text a table too wide to be one
 * is shown as: the start of a paragraph's line, unless the line after it
 * makes it a table's header (see reader_next_line_binds()). */
gboolean
reader_starts_with_pipe (const char *line,
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
gboolean
reader_may_start_row_piece (const char *line,
                            const char *eol)
{
  return *line == '|' && bulletin_markdown_delimiter_row_cells (line, eol) == 0;
}

/* Whether a line of text, not blank, can only be a paragraph's: one that
 * opens the paragraph when @first, else one that carries it on. Anything
 * that might open another block (a quote, a heading, a list item, fenced
 * code, HTML, a table, a rule, a definition) says no; so does indented
 * code at the margin. Cautious: "no" only means no piece is cut there. */
gboolean
reader_is_paragraph_line (const char *line,
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
      return reader_skip_list_marker (p, eol) == NULL && !reader_is_rule_line (p, eol);
    case '[':
      return !first || reader_definition_label_end (p, eol) == NULL;
    default:
      if (g_ascii_isdigit (*p))
        return reader_skip_list_marker (p, eol) == NULL;
      return TRUE;
    }
}

/* Whether the part after a cut may start at @p, in the middle of a
 * paragraph, and read on as that paragraph's text there: nothing that
 * opens a block, no indent, and not the middle of a character. */
gboolean
reader_may_start_piece (const char *p,
                        const char *eol)
{
  guchar c = (guchar)*p;

  if (p >= eol)
    return FALSE;
  if (g_ascii_isalpha (c) || c >= 0xc2)
    return TRUE;
  if (g_ascii_isdigit (c))
    return reader_skip_list_marker (p, eol) == NULL;
  switch (c)
    {
    case '[':
      return reader_definition_label_end (p, eol) == NULL;
    case '*': case '_':
      return reader_skip_list_marker (p, eol) == NULL && !reader_is_rule_line (p, eol);
    case '(': case '"': case '\'': case '!': case '&':
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
reader_ends_in_hard_break (const char *line,
                           const char *eol)
{
  if (eol > line && eol[-1] == '\r')
    eol--;
  return (eol - line >= 1 && eol[-1] == '\\') ||
         (eol - line >= 2 && eol[-1] == ' ' && eol[-2] == ' ');
}
