/* bulletin-checks-spelling.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"

/* Words the dictionary lacks, with the personal dictionary's and the
 * glossary packs' words added by the caller to @spell. */

/* Whether @w is part of a placeholder's name, "sender" in
 * "{{sender_name}}": the leftovers check reports an unfilled one, and
 * its English name is no misspelling in a German draft. Names are short
 * and plain, so only a few bytes either side are looked at. */
static gboolean
in_placeholder (Checker    *c,
                const Word *w)
{
  gsize start = w->start, end = w->end;

  while (start > 0 && w->start - start < 64 && (g_ascii_isalnum (c->text[start - 1]) || c->text[start - 1] == '_'))
    start--;
  while (end < c->len && end - w->end < 64 && (g_ascii_isalnum (c->text[end]) || c->text[end] == '_'))
    end++;

  return start >= 2 && c->text[start - 1] == '{' && c->text[start - 2] == '{'
         && end + 2 <= c->len && c->text[end] == '}' && c->text[end + 1] == '}';
}

void
bulletin_checks_check_spelling (Checker *c)
{
  BulletinSpell *spell = c->opts != NULL ? c->opts->spell : NULL;
  /* a draft repeats its words: ask enchant once for each */
  g_autoptr(GHashTable) verdicts = NULL;

  if (spell == NULL)
    return;

  verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);

      /* enchant takes microseconds a new word: the slowest check */
      if (i % 4096 == 4095 && cancelled (c))
        return;
      g_autofree char *word = NULL;
      g_autofree char *key = NULL;
      gpointer verdict;
      gsize letters_end;

      /* numbers, acronyms (the acronym check's business) and single
       * letters are not spelled */
      if (w->flags & (WORD_HAS_DIGIT | WORD_HAS_AMP))
        continue;
      if (w->end - w->start < 2 || bulletin_checks_is_acronym (c, w, &letters_end))
        continue;
      if ((w->flags & (WORD_HAS_UPPER | WORD_HAS_LOWER)) == WORD_HAS_UPPER)
        continue;
      if (in_placeholder (c, w))
        continue;

      word = source_copy (c, w->start, w->end);
      verdict = g_hash_table_lookup (verdicts, word);
      if (verdict == NULL)
        {
          gboolean ok = bulletin_spell_check_word (spell, word, -1);

          /* "etc." and "St." are in the dictionary with their dot */
          if (!ok && w->end < c->len && c->text[w->end] == '.')
            ok = bulletin_spell_check_word (spell, c->text + w->start, w->end + 1 - w->start);
          /* words from the personal dictionary come without affixes, but
           * "Calderdale’s" is as right as "Calderdale" */
          if (!ok && (g_str_has_suffix (word, "’s") || g_str_has_suffix (word, "'s")))
            ok = bulletin_spell_check_word (spell, word,
                                            strlen (word) - (g_str_has_suffix (word, "'s") ? 2 : strlen ("’s")));
          verdict = GINT_TO_POINTER (ok ? 1 : 2);
          g_hash_table_insert (verdicts, g_strdup (word), verdict);
        }

      if (GPOINTER_TO_INT (verdict) != 2)
        continue;

      key = g_strconcat ("spelling:", word, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_SPELLING, w->start, w->end - w->start, key,
                                   c->opts->spelling_suggestions ? bulletin_spell_suggest (spell, word, -1) : NULL,
                                   g_strdup_printf (_("“%s” is not in the dictionary"), word));
    }
}
