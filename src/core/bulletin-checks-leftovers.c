/* bulletin-checks-leftovers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"
#include "bulletin-i18n.h"

/* What a draft should not go out with: to-do marks, placeholder text,
 * unfilled gaps, the template's examples, doubled words. */

const char * const bulletin_checks_leftover_words[] = { "TODO", "FIXME", "XXX", "TK" };

/* Only white space between two words of the same block. */
static gboolean
adjacent (Checker    *c,
          const Word *a,
          const Word *b)
{
  if (a->region != b->region)
    return FALSE;
  for (gsize i = a->end; i < b->start; i++)
    if (c->text[i] != ' ' && c->text[i] != '\t' && c->text[i] != '\n' && c->text[i] != '\r')
      return FALSE;
  return b->start > a->end;
}

static gboolean
is_excluded (Checker *c,
             gsize    offset)
{
  guint lo = 0, hi = c->excluded->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Span *s = &g_array_index (c->excluded, Span, mid);

      if (s->end <= offset)
        lo = mid + 1;
      else if (s->start > offset)
        hi = mid;
      else
        return TRUE;
    }

  return FALSE;
}

/* A block's first line without its Markdown markers, trimmed. */
static char *
strip_block_markers (const char *start,
                     gsize       len)
{
  const char *end = start + len;
  const char *nl = memchr (start, '\n', len);

  if (nl != NULL)
    end = nl;
  while (start < end && strchr ("#>-*+ \t", *start) != NULL)
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  return g_strndup (start, end - start);
}

/* The example lines of the weekly template ("A few lines about it."),
 * which a draft should have replaced. Read once from the resources. */
static gpointer
load_template_examples (gpointer data)
{
  /* every language's: a draft may be in any of them */
  g_autoptr(GPtrArray) templates = bulletin_i18n_lookup_all_data ("weekly-template.md");
  GHashTable *examples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < templates->len; t++)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (templates->pdata[t], NULL),
                                         g_bytes_get_size (templates->pdata[t]));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      gboolean in_sections = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line;

          /* the headings of the recurring sections are meant to stay */
          if (g_str_has_prefix (lines[i], "## "))
            {
              in_sections = TRUE;
              continue;
            }
          line = strip_block_markers (lines[i], strlen (lines[i]));
          if (in_sections && *line != '\0' && strstr (line, "{{") == NULL)
            g_hash_table_add (examples, line);
          else
            g_free (line);
        }
    }

  return examples;
}

static void
check_template_examples (Checker *c)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *examples = g_once (&once, load_template_examples, NULL);

  if (g_hash_table_size (examples) == 0)
    return;

  for (guint r = 0; r < c->regions->len; r++)
    {
      const Region *region = &g_array_index (c->regions, Region, r);
      g_autofree char *line = strip_block_markers (c->text + region->start, region->end - region->start);
      g_autofree char *key = NULL;
      const char *found;

      if (!g_hash_table_contains (examples, line))
        continue;

      found = g_strstr_len (c->text + region->start, region->end - region->start, line);
      g_assert (found != NULL);
      key = g_strconcat ("leftover:template:", line, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, found - c->text, strlen (line), key, NULL,
                                   g_strdup (_("This is the weekly template’s example text: replace it")));
    }
}

void
bulletin_checks_check_leftovers (Checker *c)
{
  const Word *prev = NULL;

  /* a to-do list carried over from last week goes out as boxes nobody
   * meant to send (issue 16) */
  for (guint i = 0; i < c->open_tasks->len; i++)
    {
      const Span *box = &g_array_index (c->open_tasks, Span, i);

      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, box->start, box->end - box->start, "leftover:open-task", NULL,
                                   g_strdup (_("This checklist item is not ticked: it goes out as an empty box")));
    }

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);
      gsize n = w->end - w->start;

      for (guint k = 0; k < G_N_ELEMENTS (bulletin_checks_leftover_words); k++)
        if (word_is (c, w, bulletin_checks_leftover_words[k]))
          {
            g_autofree char *key = g_strconcat ("leftover:", bulletin_checks_leftover_words[k], NULL);

            bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, w->start, n, key, NULL,
                                         g_strdup_printf (_("“%s” marks something still to do"), bulletin_checks_leftover_words[k]));
          }

      if (word_is_ci (c, w, "lorem") && i + 1 < c->words->len &&
          word_is_ci (c, word_at (c, i + 1), "ipsum") && adjacent (c, w, word_at (c, i + 1)))
        bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, w->start, word_at (c, i + 1)->end - w->start,
                                     "leftover:lorem-ipsum", NULL,
                                     g_strdup (_("“Lorem ipsum” is placeholder text")));

      /* "the the"; numbers ("10 10") are left alone */
      if (prev != NULL && !(w->flags & WORD_HAS_DIGIT) && prev->end - prev->start == n &&
          g_ascii_strncasecmp (c->text + prev->start, c->text + w->start, n) == 0 &&
          (n > 1 || g_ascii_isalpha (c->text[w->start])) &&
          adjacent (c, prev, w))
        {
          g_autofree char *word = source_copy (c, w->start, w->end);
          g_autofree char *key = g_strconcat ("leftover:doubled:", word, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, prev->start, w->end - prev->start, key,
                                       bulletin_checks_one_suggestion (word),
                                       g_strdup_printf (_("“%s” is doubled"), word));
        }

      prev = w;
    }

  for (guint i = 0; i < c->brackets->len; i++)
    {
      const Span *s = &g_array_index (c->brackets, Span, i);
      g_autofree char *inner = NULL;
      g_autofree char *key = NULL;
      gboolean has_letter = FALSE;

      /* over 60 characters for sure: not copied or read, since nested
       * brackets hold each other and reading them all is quadratic */
      if (s->end - s->start - 2 > 60 * 4)
        continue;
      inner = source_copy (c, s->start + 1, s->end - 1);

      for (const char *p = inner; *p != '\0'; p = g_utf8_next_char (p))
        has_letter |= g_unichar_isalpha (g_utf8_get_char (p));
      if (!has_letter || g_utf8_strlen (inner, -1) > 60)
        continue;

      key = g_strconcat ("leftover:bracket:", inner, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, s->start, s->end - s->start, key, NULL,
                                   g_strdup_printf (_("“[%s]” looks like a gap to fill in"), inner));
    }

  check_template_examples (c);

  /* placeholders and double spaces: scan the prose bytes of each block */
  for (guint r = 0; r < c->regions->len; r++)
    {
      const Region *region = &g_array_index (c->regions, Region, r);
      const char *base = c->text;
      /* the next "}}" and newline, looked for again only once passed:
       * "{{" after "{{" with no "}}" read to the end each time */
      const char *next_close = NULL, *next_nl = NULL;

      for (gsize i = region->start; i + 1 < region->end; i++)
        {
          if (base[i] == '{' && base[i + 1] == '{' && !is_excluded (c, i))
            {
              const char *close, *nl;

              if (next_close == NULL || (next_close != base + region->end && next_close < base + i + 2))
                {
                  next_close = g_strstr_len (base + i + 2, region->end - i - 2, "}}");
                  if (next_close == NULL)
                    next_close = base + region->end;
                }
              if (next_nl == NULL || (next_nl != base + region->end && next_nl < base + i))
                {
                  next_nl = memchr (base + i, '\n', region->end - i);
                  if (next_nl == NULL)
                    next_nl = base + region->end;
                }
              close = next_close != base + region->end ? next_close : NULL;
              nl = next_nl != base + region->end ? next_nl : NULL;

              if (close != NULL && (nl == NULL || close < nl))
                {
                  gsize end = close + 2 - base;
                  g_autofree char *name = source_copy (c, i + 2, end - 2);
                  g_autofree char *key = g_strconcat ("leftover:placeholder:", g_strstrip (name), NULL);

                  bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, i, end - i, key, NULL,
                                               g_strdup_printf (_("The placeholder “{{%s}}” was not filled in"), name));
                  i = end - 1;
                }
            }
          else if (base[i] == '.' && i + 3 < region->end && base[i + 1] == ' ' && base[i + 2] == ' ' &&
                   !g_ascii_isspace (base[i + 3]) && !is_excluded (c, i))
            {
              /* two spaces before a line break are a hard break, and are
               * not caught here: a third character must follow */
              bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, i + 1, 2, "leftover:two-spaces",
                                           bulletin_checks_one_suggestion (" "),
                                           g_strdup (_("Two spaces after a full stop: one is enough")));
            }
        }
    }
}
