/* bulletin-list-ends.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists the panels show (findings, drafts, sections, versions) are
 * read again whole, then changed in place by their one run of changed
 * items: a list view keeps the rows of everything before and after it,
 * so the list neither jumps nor flickers while the author types.
 */

#include "config.h"

#include <string.h>

#include "bulletin-list-ends.h"

/**
 * bulletin_list_unchanged_ends:
 * @old_n: how many items the list had
 * @new_n: how many it has now
 * @same: whether an old item stands for a new one
 * @user_data: for @same
 * @prefix: (out): how many items at the start stay
 * @suffix: (out): how many at the end stay, not counting those in @prefix
 *
 * What is left between them, @old_n - @prefix - @suffix items removed and
 * @new_n - @prefix - @suffix added at @prefix, is what
 * #GListModel::items-changed says. Linear in the lists' length.
 */
void
bulletin_list_unchanged_ends (guint                 old_n,
                              guint                 new_n,
                              BulletinListSameFunc  same,
                              gpointer              user_data,
                              guint                *prefix,
                              guint                *suffix)
{
  guint start = 0, end = 0;

  g_return_if_fail (same != NULL);
  g_return_if_fail (prefix != NULL && suffix != NULL);

  while (start < MIN (old_n, new_n) && same (start, start, user_data))
    start++;
  while (end < MIN (old_n, new_n) - start && same (old_n - 1 - end, new_n - 1 - end, user_data))
    end++;

  *prefix = start;
  *suffix = end;
}

/**
 * bulletin_list_replace_run:
 * @items: a list model's items, which the array owns (a %NULL slot is an
 *   item the model makes when asked for it)
 * @prefix: how many items at the start stay, from
 *   bulletin_list_unchanged_ends()
 * @suffix: how many at the end stay, from bulletin_list_unchanged_ends()
 * @run: (array length=n_run) (transfer full) (nullable): the items that
 *   take the place of those between them; %NULL for @n_run empty slots
 * @n_run: how many
 *
 * Changes @items in place: the items between the unchanged ends go (with
 * @items' free function) and @run's take their place, so the kept items
 * stay where a list view expects them. Linear in the list's length. The
 * caller then says so with #GListModel::items-changed.
 */
void
bulletin_list_replace_run (GPtrArray *items,
                           guint      prefix,
                           guint      suffix,
                           gpointer  *run,
                           guint      n_run)
{
  g_return_if_fail (items != NULL);
  g_return_if_fail (prefix + suffix <= items->len);

  g_ptr_array_remove_range (items, prefix, items->len - prefix - suffix);
  g_ptr_array_set_size (items, prefix + n_run + suffix);
  if (suffix > 0)
    memmove (items->pdata + prefix + n_run, items->pdata + prefix, suffix * sizeof (gpointer));
  for (guint i = 0; i < n_run; i++)
    items->pdata[prefix + i] = run != NULL ? run[i] : NULL;
}
