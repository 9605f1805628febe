/* bulletin-text-wrap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-text-private.h"

/* Words into lines of a given width, in display columns: wide
 * characters count two and combining marks none, East Asian text
 * breaks between characters, and a URL or an overlong word is never
 * cut. */

static guint
char_width_slow (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (type == G_UNICODE_NON_SPACING_MARK ||
      type == G_UNICODE_ENCLOSING_MARK ||
      g_unichar_iszerowidth (c))
    return 0;

  return g_unichar_iswide (c) ? 2 : 1;
}

/* Width is asked for every character of the draft, so the common
 * characters skip the Unicode tables: below U+0300 there is no combining
 * mark, no wide character, and GLib counts the soft hyphen as visible. */
static inline guint
char_width (gunichar c)
{
  if (c < 0x7f)
    return c >= 0x20 || c == GLUE;
  if (c < 0xa0)
    return 0;
  if (c < 0x300)
    return 1;
  return char_width_slow (c);
}

/**
 * bulletin_text_display_width:
 * @text: valid UTF-8
 * @len: length of @text in bytes, or -1 if nul-terminated
 *
 * Counts the columns @text takes in a monospaced font: East Asian wide
 * characters take two, combining marks and other zero-width characters
 * none.
 *
 * Returns: the display width of @text
 */
gsize
bulletin_text_display_width (const char *text,
                             gssize      len)
{
  const char *end;
  gsize width = 0;

  g_return_val_if_fail (text != NULL, 0);

  end = len < 0 ? text + strlen (text) : text + len;
  for (const char *p = text; p < end;)
    {
      if ((guchar)*p < 0x80)
        width += char_width ((guchar)*p++);
      else
        {
          width += char_width (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }
    }

  return width;
}

/* Whether a line may break between two characters with no space between
 * them: East Asian text has no spaces, so it may break next to any wide
 * character, except before closing punctuation and after opening
 * punctuation. */
static gboolean
can_break_between (gunichar prev,
                   gunichar c)
{
  if (prev == GLUE || c == GLUE)
    return FALSE;
  if (!g_unichar_iswide (prev) && !g_unichar_iswide (c))
    return FALSE;
  if (char_width (c) == 0)
    return FALSE;

  switch (g_unichar_break_type (c))
    {
    case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
    case G_UNICODE_BREAK_CLOSE_PARANTHESIS:
    case G_UNICODE_BREAK_EXCLAMATION:
    case G_UNICODE_BREAK_NON_STARTER:
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
    case G_UNICODE_BREAK_INFIX_SEPARATOR:
    case G_UNICODE_BREAK_COMBINING_MARK:
    case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
    case G_UNICODE_BREAK_WORD_JOINER:
      return FALSE;
    default:
      break;
    }

  switch (g_unichar_break_type (prev))
    {
    case G_UNICODE_BREAK_OPEN_PUNCTUATION:
    case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
    case G_UNICODE_BREAK_WORD_JOINER:
      return FALSE;
    default:
      return TRUE;
    }
}

static gboolean
looks_like_url (const char *word,
                gsize       len)
{
  return g_strstr_len (word, len, "://") != NULL ||
         (len >= 7 && g_ascii_strncasecmp (word, "mailto:", 7) == 0) ||
         (len >= 4 && g_ascii_strncasecmp (word, "www.", 4) == 0);
}

/* Fills lines from words, each with its width known, writing straight
 * into the lines: wrapping takes every word of the draft. */
typedef struct
{
  Lines *lines;
  gsize width;
  gsize line_width;
} Wrapper;

static void
wrapper_end_line (Wrapper *w)
{
  lines_end_line (w->lines);
  w->line_width = 0;
}

static void
wrapper_append (Wrapper    *w,
                const char *piece,
                gsize       len,
                gboolean    space_before,
                gboolean    glued)
{
  char *dest = lines_reserve (w->lines, len + 1);

  if (space_before)
    *dest++ = ' ';
  memcpy (dest, piece, len);
  w->lines->len += len + (space_before ? 1 : 0);

  /* the glue holds "text [1]" together and prints as a space */
  if (glued)
    for (gsize i = 0; i < len; i++)
      if (dest[i] == GLUE)
        dest[i] = ' ';
}

static void
wrapper_add (Wrapper    *w,
             const char *piece,
             gsize       len,
             gsize       piece_width,
             gboolean    space_before,
             gboolean    glued)
{
  if (w->lines->len > w->lines->open)
    {
      gsize needed = w->line_width + (space_before ? 1 : 0) + piece_width;

      if (needed <= w->width)
        {
          wrapper_append (w, piece, len, space_before, glued);
          w->line_width = needed;
          return;
        }

      wrapper_end_line (w);
    }

  /* A piece wider than the line gets a line of its own, unbroken: a cut
   * URL no longer works, and a cut word reads worse than a long line. */
  wrapper_append (w, piece, len, FALSE, glued);
  w->line_width = piece_width;
}

/* Splits a space-free word at the places East Asian text may break. */
static void
wrapper_add_east_asian (Wrapper    *w,
                        const char *word,
                        gsize       len,
                        gboolean    space_before)
{
  const char *end = word + len;
  const char *start = word;
  gsize width = 0;
  gunichar prev = 0;

  if (looks_like_url (word, len))
    {
      wrapper_add (w, word, len, bulletin_text_display_width (word, len), space_before, TRUE);
      return;
    }

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p > start && can_break_between (prev, c))
        {
          wrapper_add (w, start, p - start, width, space_before, TRUE);
          space_before = FALSE;
          start = p;
          width = 0;
        }
      width += char_width (c);
      prev = c;
    }

  if (end > start)
    wrapper_add (w, start, end - start, width, space_before, TRUE);
}

/* Fills lines of at most @width columns with the words of @text; a '\n'
 * in @text (a hard break) always ends a line. */
void
bulletin_text_wrap_text (Lines      *lines,
                         const char *text,
                         guint       width)
{
  Wrapper w = { lines, MAX (width, 1), 0 };
  const char *p = text;

  if (*text == '\0')
    return;

  for (;;)
    {
      gboolean space_before = FALSE;

      while (*p != '\0' && *p != '\n')
        {
          const char *q = p;
          gsize word_width = 0;
          gboolean east_asian = FALSE;
          gboolean glued = FALSE;

          if (*p == ' ')
            {
              space_before = TRUE;
              p++;
              continue;
            }

          /* One pass finds where the word ends and how wide it is. East
           * Asian breaks need a wide character, and the first of those
           * is U+1100: a word of ASCII, Latin, Greek or Cyrillic (most
           * words of most updates) only needs its width. */
          for (;;)
            {
              const char *run = q;
              gunichar c;

              /* printable ASCII, a column a byte */
              while ((guchar)(*q - 0x21) < 0x7f - 0x21)
                q++;
              word_width += q - run;

              c = (guchar)*q;
              if (c == ' ' || c == '\n' || c == '\0')
                break;
              if (c < 0x80)
                {
                  glued |= c == GLUE;
                  q++;
                }
              else
                {
                  c = g_utf8_get_char (q);
                  east_asian |= c >= 0x1100;
                  q = g_utf8_next_char (q);
                }
              word_width += char_width (c);
            }

          if (east_asian)
            wrapper_add_east_asian (&w, p, q - p, space_before);
          else
            wrapper_add (&w, p, q - p, word_width, space_before, glued);
          space_before = TRUE;
          p = q;
        }

      wrapper_end_line (&w);
      if (*p == '\0')
        break;
      p++;
    }
}

gsize
bulletin_text_chomped_length (const char *text,
                              gsize       len)
{
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  return len;
}

/* Appends @src to @dst, the first line behind @first and the others
 * behind @rest; empty lines get the prefix without its trailing spaces. */
void
bulletin_text_prefix_lines (Lines      *dst,
                            Lines      *src,
                            const char *first,
                            const char *rest)
{
  gsize first_len = strlen (first);
  gsize rest_len = strlen (rest);
  const char *line = NULL;
  gsize len = 0;

  while ((line = lines_next (src, line, &len)) != NULL)
    {
      const char *prefix = line == src->data ? first : rest;
      gsize prefix_len = line == src->data ? first_len : rest_len;

      if (len == 0)
        prefix_len = bulletin_text_chomped_length (prefix, prefix_len);
      lines_append (dst, prefix, prefix_len);
      lines_append (dst, line, len);
      lines_end_line (dst);
    }
}

