/* fuzz-diary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: whatever bytes a calendar file holds, reading next
 * week's diary from it either refuses it with an error or gives events
 * in that week, in order, whose bullets are one line of valid UTF-8; and
 * putting them into a draft keeps its text valid. Seeds in corpus-ics/.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bulletin-diary.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* as the app and the command line run: in a UTF-8 locale */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char draft[] = "# Week ending Friday 4 December 2026\n\n"
                              "## What’s happening next week?\n\n- The first event, with its day\n";
  g_autoptr(GDateTime) ending = g_date_time_new_local (2026, 12, 4, 0, 0, 0);
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next_monday = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) bullets = NULL;
  g_autofree char *filled = NULL;

  events = bulletin_diary_parse ((const char *) data, size, ending, "owner@x.test", &error);
  if (events == NULL)
    {
      g_assert (error != NULL && error->domain == BULLETIN_DIARY_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (events->len <= 1000);

  bulletin_diary_next_week (ending, &monday, &next_monday);
  for (guint i = 0; i < events->len; i++)
    {
      BulletinDiaryEvent *event = events->pdata[i];
      g_autofree char *bullet = bulletin_diary_format_event (event, BULLETIN_DIARY_FORMAT_TIMES, NULL);

      g_assert (g_date_time_compare (event->start, monday) >= 0);
      g_assert (g_date_time_compare (event->start, next_monday) < 0);
      g_assert (g_date_time_compare (event->end, event->start) >= 0);
      if (i > 0)
        g_assert (g_date_time_compare (((BulletinDiaryEvent *) events->pdata[i - 1])->start, event->start) <= 0);
      g_assert (g_utf8_validate (bullet, -1, NULL));
      g_assert (strchr (bullet, '\n') == NULL && strchr (bullet, '\r') == NULL);
      g_strv_builder_add (builder, bullet);
    }

  bullets = g_strv_builder_end (builder);
  filled = bulletin_diary_insert (draft, (const char * const *) bullets, NULL);
  g_assert (g_utf8_validate (filled, -1, NULL));

  return 0;
}
