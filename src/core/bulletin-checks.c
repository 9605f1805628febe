/* bulletin-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"

G_DEFINE_QUARK (bulletin-checks-error-quark, bulletin_checks_error)
G_DEFINE_BOXED_TYPE (BulletinFinding, bulletin_finding,
                     bulletin_finding_copy, bulletin_finding_free)

BulletinFinding *
bulletin_finding_copy (const BulletinFinding *finding)
{
  BulletinFinding *copy;

  g_return_val_if_fail (finding != NULL, NULL);

  copy = g_new0 (BulletinFinding, 1);
  *copy = *finding;
  copy->message = g_strdup (finding->message);
  copy->suggestions = g_strdupv (finding->suggestions);
  copy->key = g_strdup (finding->key);

  return copy;
}

void
bulletin_finding_free (BulletinFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->message);
  g_strfreev (finding->suggestions);
  g_free (finding->key);
  g_free (finding);
}

/**
 * bulletin_finding_kind_to_string:
 * @kind: a #BulletinFindingKind
 *
 * Returns: the kind's name for machines ("acronym", "spelling"…), as the
 *   command line prints it; never translated
 */
const char *
bulletin_finding_kind_to_string (BulletinFindingKind kind)
{
  static const char * const names[] = {
    "acronym", "link", "leftover", "structure", "date", "spelling",
  };

  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (names), "unknown");

  return names[kind];
}

/**
 * bulletin_finding_kind_to_label:
 * @kind: a #BulletinFindingKind
 *
 * Returns: the kind's name for people, translated
 */
const char *
bulletin_finding_kind_to_label (BulletinFindingKind kind)
{
  switch (kind)
    {
    case BULLETIN_FINDING_ACRONYM:
      return _("Acronyms");
    case BULLETIN_FINDING_LINK:
      return _("Links");
    case BULLETIN_FINDING_LEFTOVER:
      return _("Leftovers");
    case BULLETIN_FINDING_STRUCTURE:
      return _("Structure");
    case BULLETIN_FINDING_DATE:
      return _("Dates");
    case BULLETIN_FINDING_SPELLING:
      return _("Spelling");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Line and character column of every finding, in one pass over findings
 * sorted by offset: each column is counted on from the previous finding
 * on the same line, never from the line's start again, so a long line
 * full of findings stays linear (issue 12). */
static void
compute_positions (Checker   *c,
                   GPtrArray *findings)
{
  guint line = 0;
  gsize at = 0;
  guint column = 1;

  for (guint i = 0; i < findings->len; i++)
    {
      BulletinFinding *f = findings->pdata[i];
      guint f_line = bulletin_checks_line_of_offset (c, f->offset);

      if (f_line != line || f->offset < at)
        {
          line = f_line;
          at = line_start (c, line);
          column = 1;
        }
      column += g_utf8_strlen (c->text + at, f->offset - at);
      at = f->offset;
      f->line = line;
      f->column = column;
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const BulletinFinding *fa = *(const BulletinFinding * const *)a;
  const BulletinFinding *fb = *(const BulletinFinding * const *)b;

  if (fa->offset != fb->offset)
    return fa->offset < fb->offset ? -1 : 1;
  if (fa->kind != fb->kind)
    return fa->kind < fb->kind ? -1 : 1;
  return g_strcmp0 (fa->key, fb->key);
}

/**
 * bulletin_checks_run:
 * @text: the draft, valid UTF-8
 * @len: its length in bytes
 * @opts: (nullable): which checks, and what they need; %NULL runs
 *   everything but spelling, with no glossary
 *
 * Looks for what to fix before sending. Safe on any thread as long as
 * @opts's glossary function is.
 *
 * Returns: (transfer container) (element-type BulletinFinding): the
 *   findings in the order of the text
 */
GPtrArray *
bulletin_checks_run (const char                 *text,
                     gsize                       len,
                     const BulletinCheckOptions *opts)
{
  Checker c;
  g_autoptr(GArray) sections = NULL;
  GPtrArray *findings;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";

  bulletin_checks_checker_init (&c, text, len, opts);
  if (!bulletin_checks_scan (&c))
    {
      bulletin_checks_checker_clear (&c);
      return g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_finding_free);
    }

  sections = bulletin_checks_find_sections (&c);

  /* a run overtaken by newer text stops at the next check */
  if ((c.kinds & BULLETIN_CHECK_ACRONYMS) && !cancelled (&c))
    bulletin_checks_check_acronyms (&c);
  if ((c.kinds & BULLETIN_CHECK_LINKS) && !cancelled (&c))
    bulletin_checks_check_links (&c);
  if ((c.kinds & BULLETIN_CHECK_LEFTOVERS) && !cancelled (&c))
    bulletin_checks_check_leftovers (&c);
  if ((c.kinds & BULLETIN_CHECK_STRUCTURE) && !cancelled (&c))
    bulletin_checks_check_structure (&c, sections);
  if ((c.kinds & BULLETIN_CHECK_DATES) && !cancelled (&c))
    bulletin_checks_check_dates (&c, sections);
  if ((c.kinds & BULLETIN_CHECK_SPELLING) && !cancelled (&c))
    bulletin_checks_check_spelling (&c);

  findings = g_steal_pointer (&c.findings);

  /* dropped in one pass: removing them one at a time moved the rest of
   * the array each time */
  if (opts != NULL && opts->ignored_keys != NULL)
    {
      GPtrArray *kept = g_ptr_array_new_full (findings->len, (GDestroyNotify)bulletin_finding_free);

      for (guint i = 0; i < findings->len; i++)
        {
          BulletinFinding *f = findings->pdata[i];

          if (g_hash_table_contains (opts->ignored_keys, f->key))
            bulletin_finding_free (f);
          else
            g_ptr_array_add (kept, f);
        }
      g_ptr_array_set_free_func (findings, NULL);
      g_ptr_array_unref (findings);
      findings = kept;
    }

  /* sorted first, by offset: the positions are then counted in order */
  g_ptr_array_sort (findings, compare_findings);
  compute_positions (&c, findings);

  bulletin_checks_checker_clear (&c);

  return findings;
}
