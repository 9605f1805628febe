/* bulletin-markdown-reader-cuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader-private.h"

/* Where the reader cuts the draft: a part ends where nothing can carry
 * on past it, a block that runs on too long is cut at a line end, and a
 * paragraph too long for cmark-gfm's inline parser is cut into pieces
 * (see #BulletinMarkdownReader). */

/* The start of the first line at or after @from that may start a part,
 * or the end of the text. */
gsize
reader_find_part_end (BulletinMarkdownReader *self,
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
      prev_blank = reader_is_blank_line (line, eol);
      line = eol + 1;
    }
  else
    {
      prev = line - 1;
      while (prev > text && prev[-1] != '\n')
        prev--;
      prev_blank = reader_is_blank_line (prev, line - 1);
    }

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL)
        eol = end;
      if (prev_blank && (gsize)(line - text) >= from && reader_may_start_part (line, eol))
        return line - text;
      prev_blank = reader_is_blank_line (line, eol);
      line = eol < end ? eol + 1 : end;
    }

  return self->len;
}

/* The start of the first line after @from where a block that has run on
 * for megabytes may be cut: not a setext underline, which would lose its
 * heading, and not indented. A cut in a table, which would lose its header
 * row, is found once parsed (see part_ends_open()). */
gsize
reader_find_forced_end (BulletinMarkdownReader *self,
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

/* Whether the line at @line, the one after a line of a paragraph, turns
 * that line into another block, which a cut in it would lose: a heading,
 * when @line is a setext underline (=== or ---), or a table's header,
 * when it might be a delimiter row that cmark-gfm takes (so a pasted
 * spreadsheet too wide to be a table is cut like a paragraph).
 * Remembered for the last line asked: every piece of a long line before
 * it asks again. */
gboolean
reader_next_line_binds (BulletinMarkdownReader *self,
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
    answer = reader_is_table_delimiter_row (line, end);

  self->delimiter_line = line;
  self->delimiter_answer = answer;
  return answer;
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
gsize
reader_find_piece_end (BulletinMarkdownReader *self,
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

      /* where the part ends when it is not cut (see reader_find_part_end()):
       * what comes after is the next part's, and read again for it */
      if ((gsize)(line - text) >= part_from && prev_blank && reader_may_start_part (line, eol))
        return limit;
      prev_blank = reader_is_blank_line (line, eol);

      if (prev_blank)
        run = NULL;
      else if (run == NULL)
        {
          run = line;
          plain = reader_is_paragraph_line (line, eol, TRUE) || reader_starts_with_pipe (line, eol);
          open_brackets = 0;
          in_code = in_destination = FALSE;
          spaced = glued = NULL;
        }
      else if (plain)
        plain = reader_is_paragraph_line (line, eol, FALSE) || reader_starts_with_pipe (line, eol);
      /* any line of a paragraph is a heading or a table's header,
       * which is never cut, if the right line follows */
      if (run != NULL && plain && eol < self->text + self->len &&
          reader_next_line_binds (self, eol + 1))
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
                      (reader_may_start_piece (p, eol) || (at_line && reader_may_start_row_piece (p, eol))))
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

      hard_break = reader_ends_in_hard_break (line, eol);
      line = eol < end ? eol + 1 : end;
    }

  return limit;
}

/* The line a part of @len bytes at @start ends on, and that line's start */
void
reader_advance_lines (BulletinMarkdownReader *self,
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
gboolean
reader_cut_is_in_table (BulletinMarkdownReader *self,
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
      if (reader_is_blank_line (line, line_end - 1))
        return FALSE;
      if (line > text + start && reader_is_table_delimiter_row (line, line_end - 1))
        return TRUE;
      line_end = line;
    }
  return FALSE;
}
