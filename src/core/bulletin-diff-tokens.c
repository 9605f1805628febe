/* bulletin-diff-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diff-private.h"

/* Text into tokens, as the diff compares it and the word count counts
 * it: words, CJK characters, spaces, line breaks and punctuation,
 * each whole character (a letter and its accents, an emoji and its
 * modifiers) in one token. */

#define INVALID_CHAR ((gunichar) -1)
#define ZWJ 0x200D

static gunichar
next_char (const char  *p,
           const char  *end,
           const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  /* A stray byte becomes a character of its own, so that the diff still
   * gives back every byte of what it was given. */
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return INVALID_CHAR;
    }

  *next = g_utf8_next_char (p);
  return c;
}

static gboolean
is_space (gunichar c)
{
  return c != INVALID_CHAR && g_unichar_isspace (c);
}

/* Japanese and Chinese put no spaces between words, so each ideograph or
 * kana has to stand as a word of its own. */
static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x2E80 || c == INVALID_CHAR)
    return FALSE;

  script = g_unichar_get_script (c);

  return (script == G_UNICODE_SCRIPT_HAN ||
          script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA) &&
         g_unichar_isalpha (c);
}

/* ー lengthens the kana before it and 々 repeats the ideograph before it:
 * neither is a word alone. */
static gboolean
is_cjk_tail (gunichar c)
{
  return c >= 0x3000 && c != INVALID_CHAR &&
         g_unichar_type (c) == G_UNICODE_MODIFIER_LETTER;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);

  if (c == INVALID_CHAR)
    return FALSE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return !is_cjk (c);

    default:
      return FALSE;
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_extender (gunichar c)
{
  return c != INVALID_CHAR &&
         (g_unichar_ismark (c) ||
          c == ZWJ ||
          (c >= 0x1F3FB && c <= 0x1F3FF) ||   /* skin tones */
          (c >= 0xE0020 && c <= 0xE007F));    /* emoji tag sequences */
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Keeps what the reader sees as one character in one token: a letter and
 * its accents, an emoji with its modifiers or joined sequence, a flag.
 * Splitting one would show half a glyph as changed. @p is just past
 * @first; returns the end of the cluster. */
static const char *
skip_cluster (const char *p,
              const char *end,
              gunichar    first)
{
  gunichar prev = first;
  gboolean flag_open = is_regional_indicator (first);

  while (p < end)
    {
      const char *next;
      gunichar c = next_char (p, end, &next);

      if (flag_open && is_regional_indicator (c))
        flag_open = FALSE;
      else if (!is_extender (c) &&
               !(prev == ZWJ && c != INVALID_CHAR && !is_space (c)))
        break;

      prev = c;
      p = next;
    }

  return p;
}

/* Words (with inner apostrophes, so "What’s" stays whole), single CJK
 * characters, runs of spaces, line breaks, and single punctuation marks. */
void
bulletin_diff_tokenize_words (const char *text,
                              gsize       len,
                              GArray     *tokens)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      Token token = { p, 0, TOKEN_PUNCT };
      const char *next;
      gunichar c = next_char (p, end, &next);

      p = next;

      if (c == '\n')
        {
          token.kind = TOKEN_NEWLINE;
        }
      else if (c == '\r')
        {
          token.kind = TOKEN_NEWLINE;
          if (p < end && *p == '\n')
            p++;
        }
      else if (is_space (c))
        {
          token.kind = TOKEN_SPACE;
          while (p < end)
            {
              c = next_char (p, end, &next);
              if (c == '\n' || c == '\r' || !is_space (c))
                break;
              p = next;
            }
        }
      else if (is_cjk (c))
        {
          token.kind = TOKEN_CJK;
          p = skip_cluster (p, end, c);
          while (p < end && is_cjk_tail (c = next_char (p, end, &next)))
            p = skip_cluster (next, end, c);
        }
      else if (is_word_char (c))
        {
          token.kind = TOKEN_WORD;
          p = skip_cluster (p, end, c);
          while (p < end)
            {
              c = next_char (p, end, &next);

              if (is_apostrophe (c) && next < end)
                {
                  const char *after;
                  gunichar d = next_char (next, end, &after);

                  if (!is_word_char (d))
                    break;
                  c = d;
                  next = after;
                }
              else if (!is_word_char (c))
                {
                  break;
                }

              p = skip_cluster (next, end, c);
            }
        }
      else
        {
          p = skip_cluster (p, end, c);
        }

      token.len = p - token.p;
      g_array_append_val (tokens, token);
    }
}

void
bulletin_diff_tokenize_lines (const char *text,
                              gsize       len,
                              GArray     *tokens)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl + 1 : end;
      Token token = { p, stop - p, TOKEN_LINE };

      g_array_append_val (tokens, token);
      p = stop;
    }
}

/* A list bullet, quote markers, a task box or an ordered list number at
 * the start of a line: Markdown syntax, not words. */
static gboolean
is_container_marker (const char *p,
                     gsize       len)
{
  gsize digits = 0;
  gsize quotes = 0;

  if (len == 1 && (p[0] == '-' || p[0] == '*' || p[0] == '+'))
    return TRUE;

  if (len == 3 && p[0] == '[' && (p[1] == 'x' || p[1] == 'X') && p[2] == ']')
    return TRUE;

  while (digits < len && g_ascii_isdigit (p[digits]))
    digits++;
  if (digits >= 1 && digits <= 9 && len == digits + 1 &&
      (p[digits] == '.' || p[digits] == ')'))
    return TRUE;

  while (quotes < len && p[quotes] == '>')
    quotes++;

  return quotes == len;
}

/**
 * bulletin_diff_count_words:
 * @text: valid UTF-8 Markdown
 *
 * Counts words as the reader of the email would: each stretch between
 * spaces that has a letter or digit in it counts once, so "What’s",
 * "co-operate", "A&E", "£5" and a URL are one word each, while Markdown
 * syntax standing alone (#, *, -, >, |, list numbers and task boxes at
 * the start of a line) and lone punctuation or emoji do not count.
 * Chinese and Japanese put no spaces between words, so there each
 * ideograph and kana counts as a word, as word processors count them.
 *
 * Returns: the number of words in @text
 */
guint
bulletin_diff_count_words (const char *text)
{
  const char *p;
  const char *end;
  guint count = 0;
  gboolean line_start = TRUE;

  g_return_val_if_fail (text != NULL, 0);

  p = text;
  end = text + strlen (text);

  while (p < end)
    {
      const char *field = p;
      const char *next;
      gunichar c = next_char (p, end, &next);
      gboolean in_word = FALSE;
      gboolean after_cjk = FALSE;
      guint n = 0;

      if (is_space (c))
        {
          if (c == '\n' || c == '\r')
            line_start = TRUE;
          p = next;
          continue;
        }

      while (p < end && !is_space (c = next_char (p, end, &next)))
        {
          if (is_cjk (c))
            {
              n++;
              in_word = FALSE;
              after_cjk = TRUE;
            }
          else if (after_cjk && (is_extender (c) || is_cjk_tail (c)))
            {
              /* still the same character */
            }
          else if (is_word_char (c))
            {
              if (!in_word)
                n++;
              in_word = TRUE;
              after_cjk = FALSE;
            }
          else
            {
              /* punctuation inside a word, as in "co-operate", joins it */
              after_cjk = FALSE;
            }

          p = next;
        }

      if (line_start && is_container_marker (field, p - field))
        continue;

      line_start = FALSE;
      count += n;
    }

  return count;
}
