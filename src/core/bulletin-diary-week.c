/* bulletin-diary-week.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-diary.h"
#include "bulletin-template.h"

/* Which week the diary is for: the week after the one the update is
 * about, as its title names it. */


/**
 * bulletin_diary_next_week:
 * @week_ending: the update's last day; only its date counts
 * @monday: (out) (transfer full): local midnight of the first Monday
 *   strictly after @week_ending
 * @next_monday: (out) (transfer full): local midnight seven days later,
 *   the end of the week (exclusive)
 */
void
bulletin_diary_next_week (GDateTime  *week_ending,
                          GDateTime **monday,
                          GDateTime **next_monday)
{
  GDate date;

  g_return_if_fail (week_ending != NULL);
  g_return_if_fail (monday != NULL && next_monday != NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  g_date_time_get_day_of_month (week_ending),
                  g_date_time_get_month (week_ending),
                  g_date_time_get_year (week_ending));
  /* as bulletin_template_format_next_week(): a week ending on a Monday
   * still looks a week ahead */
  g_date_add_days (&date, 8 - g_date_get_weekday (&date));
  *monday = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 0, 0);
  g_date_add_days (&date, 7);
  /* from the date, not monday + 7 days: a clock change in the week
   * would move that off midnight */
  *next_monday = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                        g_date_get_day (&date), 0, 0, 0);
}


static int
month_number (const char *word)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_str_equal (lower, months[i])
        || (strlen (lower) >= 3 && g_str_has_prefix (months[i], lower)))
      return i + 1;

  /* the translated title's month, from the locale's own names */
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%B");
      g_autofree char *name_lower = name != NULL ? g_utf8_strdown (name, -1) : NULL;

      if (name_lower != NULL && g_str_equal (lower, name_lower))
        return m;
    }

  return 0;
}

/* "Friday 4 December 2026", "4 December 2026", "Freitag, 4. Dezember
 * 2026" or "2026-12-04" at the start of @text. */
static gboolean
parse_title_date (const char *text,
                  GDate      *date)
{
  g_auto(GStrv) words = NULL;
  int day = 0, month = 0, year = 0;
  guint i = 0;

  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3 && g_date_valid_dmy (day, month, year))
    {
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }

  words = g_strsplit_set (text, " ,.\t", 8);
  for (; words[i] != NULL && day == 0; i++)
    if (g_ascii_isdigit (words[i][0]))
      day = atoi (words[i]);
  for (; words[i] != NULL && *words[i] == '\0'; i++)
    ;
  if (words[i] == NULL || (month = month_number (words[i])) == 0)
    return FALSE;
  for (i++; words[i] != NULL && *words[i] == '\0'; i++)
    ;
  if (words[i] == NULL || !g_ascii_isdigit (words[i][0]))
    return FALSE;
  year = atoi (words[i]);

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * bulletin_diary_week_ending_of:
 * @markdown: the draft
 * @today: the day it is written
 * @last_day: the last day of the working week
 *
 * The week the draft is about: the date after "week ending" in its
 * first line, when it is a title that names one, else the week of
 * @today (see bulletin_template_week_ending()). Next week's diary is the
 * week after this one, as the checks take it.
 *
 * Returns: (transfer full): local midnight of the week's last day
 */
GDateTime *
bulletin_diary_week_ending_of (const char   *markdown,
                               GDateTime    *today,
                               GDateWeekday  last_day)
{
  g_autofree char *first = NULL;
  g_autofree char *lower = NULL;
  const char *end;
  const char *found;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  while (*markdown == '\n' || *markdown == '\r' || *markdown == ' ')
    markdown++;
  end = strchr (markdown, '\n');
  first = end != NULL ? g_strndup (markdown, end - markdown) : g_strdup (markdown);

  if (first[0] == '#' && strlen (first) < 300)
    {
      GDate date;
      g_auto(GStrv) parts = g_strsplit (_("Weekly update – week ending %s"), "%s", 2);

      g_date_clear (&date, 1);
      lower = g_ascii_strdown (first, -1);
      if (parts[0] != NULL && parts[0][0] != '\0' && parts[1] != NULL
          && (found = strstr (first, parts[0])) != NULL)
        found = found + strlen (parts[0]);
      else if ((found = strstr (lower, "week ending ")) != NULL)
        found = first + (found - lower) + strlen ("week ending ");

      if (found != NULL && parse_title_date (found, &date))
        return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 0, 0, 0);
    }

  return bulletin_template_week_ending (today, g_date_valid_weekday (last_day) ? last_day : G_DATE_FRIDAY);
}
