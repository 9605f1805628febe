/* bulletin-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* the last #GListModel::items-changed of a model, and how many there were */
typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} BulletinTestChanges;

void       bulletin_test_remove_tree     (const char *path);
char      *bulletin_test_fixture_path    (const char *name);
char      *bulletin_test_read_fixture    (const char *name);
GPtrArray *bulletin_test_export_fixtures (void);
char      *bulletin_test_mask_eml        (const char *eml,
                                          gsize       len);
guint      bulletin_test_count           (const char *haystack,
                                          const char *needle);
gsize      bulletin_test_longest_line    (const char *text,
                                          const char *skip_prefix);
void       bulletin_test_watch_changes   (GListModel          *model,
                                          BulletinTestChanges *changes);
void       bulletin_test_iterate_until   (gboolean           (*cond) (gpointer),
                                          gpointer             data);

G_END_DECLS
