/* bulletin-checks-acronyms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"
#include "bulletin-packs.h"
#include "bulletin-store.h"

/* An acronym must be spelled out where it is first used, unless the
 * office glossary knows it as well known. */

/* Two or more capitals, '&' between them allowed, and a plural "s". */
#define MAX_ACRONYM_LETTERS 12

gboolean
bulletin_checks_is_acronym (Checker    *c,
                            const Word *w,
                            gsize      *letters_end)
{
  const char *p = c->text + w->start;
  gsize n = w->end - w->start;
  guint capitals = 0;

  if ((w->flags & (WORD_HAS_UPPER | WORD_HAS_DIGIT)) != WORD_HAS_UPPER)
    return FALSE;

  if (n >= 3 && p[n - 1] == 's')
    n--;
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isupper (p[i]))
        capitals++;
      else if (p[i] != '&')
        return FALSE;
    }
  /* past a dozen capitals it is shouting, not an acronym: nobody spells
   * out "PLEASEREADTHISNOW" */
  if (capitals < 2 || capitals > MAX_ACRONYM_LETTERS)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (bulletin_checks_leftover_words); i++)
    if (n == strlen (bulletin_checks_leftover_words[i]) && memcmp (p, bulletin_checks_leftover_words[i], n) == 0)
      return FALSE;

  /* "OK", and numbering such as "Phase II" or "Part XIV" */
  if (n == 2 && memcmp (p, "OK", 2) == 0)
    return FALSE;
  if (strspn (p, "IVX") >= n)
    return FALSE;

  *letters_end = w->start + n;
  return TRUE;
}

static const char * const small_words[] = {
  "and", "of", "for", "the", "in", "on", "to", "a", "an", "at", "by", "with", "&",
};

static gboolean
word_is_one_of (Checker            *c,
                const Word         *w,
                const char * const *words,
                guint               n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (word_is_ci (c, w, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_small_word (Checker    *c,
               const Word *w)
{
  return word_is_one_of (c, w, small_words, G_N_ELEMENTS (small_words));
}

/* Whether words [first, last] (counting back from @last) spell the
 * letters @acronym[0, @n) by their initials; small words may be skipped,
 * and '&' stands for "and". */
static gboolean
initials_match (Checker    *c,
                int         first,
                int         last,
                const char *acronym,
                int         n)
{
  /* Tried branch by branch (letter or passed-over small word, for each
   * word) this was exponential: "a a a … (ZAAAAAAAAAAAA)" took 40 s. Built
   * up from the first word instead, each question is answered once. */
  int n_words = last - first + 1;
  g_autofree gboolean *ok = NULL;
  int cols = n + 1;

  if (n == 0)
    return TRUE;
  if (n_words <= 0)
    return FALSE;

  /* ok[j * cols + k]: words first .. first + j - 1, read back from the
   * last of them, give the acronym's first k letters (words before those
   * letters' first one are free) */
  ok = g_new0 (gboolean, (gsize)(n_words + 1) * cols);
  for (int j = 0; j <= n_words; j++)
    ok[j * cols] = TRUE;

  for (int j = 1; j <= n_words; j++)
    {
      const Word *w = word_at (c, first + j - 1);
      gunichar initial = g_unichar_toupper (g_utf8_get_char (c->text + w->start));
      gboolean small = is_small_word (c, w);
      gboolean and = word_is_ci (c, w, "and");

      for (int k = 1; k <= n; k++)
        {
          gboolean match;

          if (acronym[k - 1] == '&')
            match = and ? ok[(j - 1) * cols + k - 1] : small && ok[(j - 1) * cols + k];
          else
            match = (initial == (gunichar)acronym[k - 1] && ok[(j - 1) * cols + k - 1]) ||
                    (small && ok[(j - 1) * cols + k]);
          ok[j * cols + k] = match;
        }
    }

  return ok[n_words * cols + n];
}

static const char * const connector_words[] = { "or", "the", "aka", "as", "called", "known", "a", "an" };

static gboolean
is_connector (Checker    *c,
              const Word *w)
{
  return word_is_one_of (c, w, connector_words, G_N_ELEMENTS (connector_words));
}

/* "Full Name (ABC)", "Full Name – ABC", "‘Full name’, or ABC" and
 * "ABC (Full Name)" all spell ABC out. */
static gboolean
spelled_out_at (Checker    *c,
                guint       index,
                const char *acronym)
{
  const Word *w = word_at (c, index);
  int n = strlen (acronym);
  int window = 2 * n + 2;
  int last = (int)index - 1;

  /* before: skip a connector or two ("…systems’, or ACS") */
  for (int skipped = 0; skipped <= 2 && last >= 0; skipped++)
    {
      if (word_at (c, last)->region != w->region)
        break;
      int first = last;

      /* a match among fewer words is one among more: only the widest
       * window needs trying */
      while (first > 0 && last - (first - 1) < window &&
             word_at (c, first - 1)->region == w->region)
        first--;
      if (initials_match (c, first, last, acronym, n))
        return TRUE;
      if (!is_connector (c, word_at (c, last)))
        break;
      last--;
    }

  /* after, in brackets */
  {
    gsize p = w->end;
    guint close_word = index + 1;

    while (p < c->len && g_ascii_isspace (c->text[p]))
      p++;
    if (p >= c->len || c->text[p] != '(')
      return FALSE;

    while (close_word < c->words->len && close_word - index <= (guint)window &&
           word_at (c, close_word)->region == w->region &&
           memchr (c->text + p, ')', word_at (c, close_word)->start - p) == NULL)
      close_word++;
    /* words index + 1 .. close_word - 1 are inside the brackets */
    for (int lastw = (int)close_word - 1; lastw > (int)index; lastw--)
      if (initials_match (c, index + 1, lastw, acronym, n))
        return TRUE;
  }

  return FALSE;
}

typedef struct
{
  guint    first;        /* word index of the first use */
  guint    spelled_at;   /* 0 or 1 + word index where it is spelled out */
} AcronymUse;

void
bulletin_checks_check_acronyms (Checker *c)
{
  g_autoptr(GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);
      g_autofree char *acronym = NULL;
      AcronymUse *use;
      gsize letters_end;

      if (!bulletin_checks_is_acronym (c, w, &letters_end))
        continue;

      acronym = source_copy (c, w->start, letters_end);
      use = g_hash_table_lookup (uses, acronym);
      if (use == NULL)
        {
          use = g_new0 (AcronymUse, 1);
          use->first = i;
          g_ptr_array_add (order, acronym);
          g_hash_table_insert (uses, g_steal_pointer (&acronym), use);
          acronym = g_strdup (order->pdata[order->len - 1]);
        }
      if (use->spelled_at == 0 && spelled_out_at (c, i, acronym))
        use->spelled_at = i + 1;
    }

  for (guint k = 0; k < order->len; k++)
    {
      const char *acronym = order->pdata[k];
      AcronymUse *use = g_hash_table_lookup (uses, acronym);
      const Word *w = word_at (c, use->first);
      g_autofree char *expansion = NULL;
      g_autofree char *key = NULL;
      gboolean well_known = FALSE;
      gboolean known = FALSE;
      char **suggestions = NULL;
      char *message;

      if (use->spelled_at == use->first + 1)
        continue;

      if (c->opts != NULL && c->opts->glossary_lookup != NULL)
        known = c->opts->glossary_lookup (acronym, &expansion, &well_known, c->opts->glossary_data);
      if (known && well_known)
        continue;

      if (known && expansion != NULL && *expansion != '\0')
        {
          g_autofree char *with = g_strdup_printf ("%s (%s)", expansion, acronym);

          suggestions = bulletin_checks_one_suggestion (with);
        }

      if (use->spelled_at != 0)
        message = g_strdup_printf (_("“%s” is spelled out on line %u, after its first use; spell it out here instead"),
                                   acronym,
                                   bulletin_checks_line_of_offset (c, word_at (c, use->spelled_at - 1)->start));
      else if (suggestions != NULL)
        message = g_strdup_printf (_("“%s” is not spelled out at its first use: write “%s”"),
                                   acronym, suggestions[0]);
      else
        message = g_strdup_printf (_("“%s” is not spelled out at its first use; spell it out, or add it to the glossary"),
                                   acronym);

      key = g_strconcat ("acronym:", acronym, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_ACRONYM, w->start, strlen (acronym),
                                   key, suggestions, message);
    }
}

/**
 * bulletin_checks_glossary_table_lookup:
 * @acronym: an acronym as written
 * @expansion: (out): its expansion
 * @well_known: (out): whether it needs none
 * @user_data: a #GHashTable from acronyms to #BulletinGlossaryEntry
 *
 * A #BulletinGlossaryLookupFunc over a table made from
 * bulletin_store_glossary_list(): the checks run on every keystroke, so
 * the UI keeps the glossary in memory rather than ask the database.
 */
gboolean
bulletin_checks_glossary_table_lookup (const char  *acronym,
                                       char       **expansion,
                                       gboolean    *well_known,
                                       gpointer     user_data)
{
  GHashTable *table = user_data;
  const BulletinGlossaryEntry *entry;

  g_return_val_if_fail (acronym != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  entry = g_hash_table_lookup (table, acronym);
  if (entry == NULL)
    return FALSE;

  if (expansion != NULL)
    *expansion = g_strdup (entry->expansion);
  if (well_known != NULL)
    *well_known = entry->well_known;
  return TRUE;
}

/**
 * bulletin_checks_load_default_glossary:
 * @error: return location for an error
 *
 * The shipped glossary packs' abbreviations, all of them.
 *
 * Returns: (transfer full): a table from acronyms to
 *   #BulletinGlossaryEntry, for bulletin_checks_glossary_table_lookup()
 */
GHashTable *
bulletin_checks_load_default_glossary (GError **error)
{
  static const char * const shipped[] = { "general", "health-and-care", NULL };

  return bulletin_packs_glossary_new (shipped);
}
