/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks share: drafts of a given size built from weekly
 * updates (by default the tests' own, in tests/data), and percentiles of
 * measured times.
 */

#include "config.h"

#include <string.h>

#include "bench-util.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * bench_load_updates:
 * @dir: a folder of weekly updates, such as tests/data
 * @error: return location for an error
 *
 * Only the `weekly-update-*.md` files count when there are any: tests/data
 * also holds every-construct.md, which reads like no real update and would
 * skew the timings.
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the text
 *   of every weekly update in @dir (of every `.md` file when none is
 *   named so), by file name; %NULL when there is none
 */
GPtrArray *
bench_load_updates (const char  *dir,
                    GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (g_free);
  gboolean any_update = FALSE;
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);

  if (folder == NULL)
    return NULL;

  for (const char *name; (name = g_dir_read_name (folder)) != NULL;)
    if (g_str_has_suffix (name, ".md"))
      {
        g_ptr_array_add (names, g_strdup (name));
        any_update |= g_str_has_prefix (name, "weekly-update-");
      }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      char *text = NULL;

      if (any_update && !g_str_has_prefix (names->pdata[i], "weekly-update-"))
        continue;
      if (!g_file_get_contents (path, &text, NULL, error))
        return NULL;
      g_ptr_array_add (updates, text);
    }

  if (updates->len == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no .md files in %s", dir);
      return NULL;
    }

  return g_steal_pointer (&updates);
}

/**
 * bench_build_draft:
 * @updates: (element-type utf8): texts from bench_load_updates()
 * @target: the size wanted, in bytes
 *
 * The updates one after the other until @target bytes, cut at the end of
 * a line so the Markdown stays whole.
 *
 * Returns: (transfer full): the draft
 */
GString *
bench_build_draft (GPtrArray *updates,
                   gsize      target)
{
  GString *s = g_string_sized_new (target + 1024);

  g_assert (updates->len > 0);

  for (guint i = 0; s->len < target; i = (i + 1) % updates->len)
    {
      g_string_append (s, updates->pdata[i]);
      g_string_append (s, "\n\n");
    }
  g_string_truncate (s, target);
  while (s->len > 0 && s->str[s->len - 1] != '\n')
    g_string_truncate (s, s->len - 1);

  return s;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/**
 * bench_percentile:
 * @times: (element-type double): measurements; sorted in place
 * @p: 0.5 for the median, 0.95 for p95
 *
 * Returns: the nearest-rank value
 */
double
bench_percentile (GArray *times,
                  double  p)
{
  guint i;

  g_assert (times->len > 0);

  g_array_sort (times, compare_doubles);
  i = (guint)(p * (times->len - 1) + 0.5);

  return g_array_index (times, double, MIN (i, times->len - 1));
}
