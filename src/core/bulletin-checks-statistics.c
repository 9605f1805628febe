/* bulletin-checks-statistics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-checks-private.h"

/* Words, sentences, reading time and reading ease, from the words the
 * scanner finds. */

/* Vowel groups, less a silent final "e": good to a syllable or so a
 * word, which is all the Flesch formula needs. */
static guint
count_syllables (const char *p,
                 gsize       n)
{
  guint count = 0;
  gboolean in_vowels = FALSE;
  char last = 0, before_last = 0;
  guint letters = 0;

  for (gsize i = 0; i < n; i++)
    {
      char ch = g_ascii_tolower (p[i]);
      gboolean vowel;

      if (!g_ascii_isalpha (ch))
        {
          if ((guchar)p[i] >= 0x80)
            in_vowels = FALSE;
          continue;
        }
      vowel = strchr ("aeiouy", ch) != NULL;
      if (vowel && !in_vowels)
        count++;
      in_vowels = vowel;
      before_last = last;
      last = ch;
      letters++;
    }

  if (letters > 2 && last == 'e' && before_last != 'l' && count > 1)
    count--;

  return MAX (count, 1);
}

static const char * const abbreviations[] = { "Dr", "Mr", "Mrs", "Ms", "St", "eg", "ie", "etc", "vs", "e.g", "i.e" };

static gboolean
ends_sentence (Checker    *c,
               const Word *w,
               const Word *next)
{
  gsize stop = next != NULL && next->region == w->region ? next->start : g_array_index (c->regions, Region, w->region).end;

  if (next == NULL || next->region != w->region)
    return TRUE;

  for (gsize i = w->end; i < stop; i++)
    {
      char ch = c->text[i];

      if ((ch == '.' || ch == '!' || ch == '?') &&
          (i + 1 >= stop || g_ascii_isspace (c->text[i + 1]) || c->text[i + 1] == '*' ||
           c->text[i + 1] == '_' || c->text[i + 1] == ')' || (guchar)c->text[i + 1] >= 0x80))
        {
          if (ch == '.')
            for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
              if (word_is (c, w, abbreviations[k]))
                return FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * bulletin_checks_stats:
 * @text: the draft, valid UTF-8
 * @len: its length in bytes
 *
 * Counts the prose (not code, not addresses). Headings count as words
 * but not as sentences, which would make every update look simpler than
 * it is.
 *
 * Returns: the figures
 */
BulletinStats
bulletin_checks_stats (const char *text,
                       gsize       len)
{
  BulletinStats stats = { 0 };
  Checker c;
  guint sentence_words = 0, sentence_first = 0;
  guint prose_words = 0;

  g_return_val_if_fail (text != NULL || len == 0, stats);

  if (text == NULL)
    text = "";

  bulletin_checks_checker_init (&c, text, len, NULL);
  if (!bulletin_checks_scan (&c))
    {
      bulletin_checks_checker_clear (&c);
      return stats;
    }

  stats.words = c.words->len;

  for (guint i = 0; i < c.words->len; i++)
    {
      const Word *w = word_at (&c, i);
      const Word *next = i + 1 < c.words->len ? word_at (&c, i + 1) : NULL;

      if (g_array_index (c.regions, Region, w->region).kind == REGION_HEADING)
        continue;

      if (sentence_words == 0)
        sentence_first = i;
      sentence_words++;
      prose_words++;
      stats.syllables += count_syllables (text + w->start, w->end - w->start);

      if (ends_sentence (&c, w, next))
        {
          stats.sentences++;
          if (sentence_words > stats.longest_sentence_words)
            {
              const Word *first = word_at (&c, sentence_first);

              stats.longest_sentence_words = sentence_words;
              stats.longest_sentence_offset = first->start;
              stats.longest_sentence_length = w->end - first->start;
              stats.longest_sentence_line = bulletin_checks_line_of_offset (&c, first->start);
            }
          sentence_words = 0;
        }
    }

  stats.reading_seconds = (guint)((stats.words * 60.0) / BULLETIN_STATS_WORDS_PER_MINUTE + 0.5);
  if (stats.sentences > 0 && prose_words > 0)
    stats.flesch_reading_ease = 206.835
                                - 1.015 * ((double)prose_words / stats.sentences)
                                - 84.6 * ((double)stats.syllables / prose_words);

  bulletin_checks_checker_clear (&c);

  return stats;
}
