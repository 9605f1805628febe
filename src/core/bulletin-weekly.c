/* bulletin-weekly.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-template.h"
#include "bulletin-weekly.h"

/* Which draft in the store is which week's update: for "Start Next
 * Week's From This One", which needs last week's, and for New Weekly
 * Update, which should not make a second draft for a week that has one.
 * A draft's week is the one its title names ("… week ending Friday 27
 * November 2026"), read by bulletin_template_title_week_ending(). */

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_month (a) == g_date_time_get_month (b)
         && g_date_time_get_day_of_month (a) == g_date_time_get_day_of_month (b);
}

/**
 * bulletin_weekly_find_last:
 * @store: the drafts database
 * @exclude_id: a draft not to return (the window's own), or 0
 * @error: return location for an error
 *
 * Finds last week's update: of the drafts whose title names a week, the
 * one for the latest week (the most recently edited of them, if two name
 * the same week). When no title names a week, the most recently edited
 * draft that is a weekly update by its sections (see
 * bulletin_template_is_weekly_update()), among the latest
 * %BULLETIN_WEEKLY_READ_LIMIT. Empty drafts are never last week's.
 *
 * Returns: the draft's id; 0 when there is none or on error
 */
gint64
bulletin_weekly_find_last (BulletinStore  *store,
                           gint64          exclude_id,
                           GError        **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GDateTime) best_week = NULL;
  gint64 best = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), 0);

  drafts = bulletin_store_list_drafts (store, NULL, FALSE, error);
  if (drafts == NULL)
    return 0;

  /* newest first, so the first of two drafts for one week wins */
  for (guint i = 0; i < drafts->len; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];
      g_autoptr(GDateTime) week = NULL;

      if (info->id == exclude_id || info->word_count == 0)
        continue;
      week = bulletin_template_title_week_ending (info->title);
      if (week != NULL && (best_week == NULL || g_date_time_compare (week, best_week) > 0))
        {
          g_clear_pointer (&best_week, g_date_time_unref);
          best_week = g_steal_pointer (&week);
          best = info->id;
        }
    }

  if (best != 0)
    return best;

  for (guint i = 0, read = 0; i < drafts->len && read < BULLETIN_WEEKLY_READ_LIMIT; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];
      g_autofree char *text = NULL;

      if (info->id == exclude_id || info->word_count == 0)
        continue;

      read++;
      /* a damaged draft is no reason to give up on the others */
      text = bulletin_store_get_draft_text (store, info->id, NULL);
      if (text != NULL && bulletin_template_is_weekly_update (text))
        return info->id;
    }

  return 0;
}

/**
 * bulletin_weekly_find_week:
 * @store: the drafts database
 * @week_ending: the last day of the week
 * @exclude_id: a draft not to return (the window's own), or 0
 * @error: return location for an error
 *
 * Finds a draft, outside the trash, whose title names the week that ends
 * on @week_ending's day: the most recently edited, if several do.
 *
 * Returns: the draft's id; 0 when there is none or on error
 */
gint64
bulletin_weekly_find_week (BulletinStore  *store,
                           GDateTime      *week_ending,
                           gint64          exclude_id,
                           GError        **error)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), 0);
  g_return_val_if_fail (week_ending != NULL, 0);

  drafts = bulletin_store_list_drafts (store, NULL, FALSE, error);
  if (drafts == NULL)
    return 0;

  for (guint i = 0; i < drafts->len; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];
      g_autoptr(GDateTime) week = NULL;

      if (info->id == exclude_id)
        continue;
      week = bulletin_template_title_week_ending (info->title);
      if (week != NULL && same_day (week, week_ending))
        return info->id;
    }

  return 0;
}
