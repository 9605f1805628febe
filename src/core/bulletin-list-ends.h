/* bulletin-list-ends.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BulletinListSameFunc:
 * @old_index: a position in the list as it was
 * @new_index: a position in the list as it is now
 * @user_data: what was given with it
 *
 * Returns: whether the old item at @old_index can stay for the new one
 *   at @new_index
 */
typedef gboolean (*BulletinListSameFunc) (guint    old_index,
                                          guint    new_index,
                                          gpointer user_data);

void bulletin_list_unchanged_ends (guint                 old_n,
                                   guint                 new_n,
                                   BulletinListSameFunc  same,
                                   gpointer              user_data,
                                   guint                *prefix,
                                   guint                *suffix);
void bulletin_list_replace_run    (GPtrArray            *items,
                                   guint                 prefix,
                                   guint                 suffix,
                                   gpointer             *run,
                                   guint                 n_run);

G_END_DECLS
