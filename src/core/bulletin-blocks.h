/* bulletin-blocks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BulletinBlockList:
 *
 * A draft rendered for the live preview, one entry per top-level block.
 * Comparing two lists tells the preview which blocks to replace, so a
 * keystroke in a long draft touches one block of the page instead of
 * reloading it. Immutable once built, so it can cross threads.
 */
typedef struct _BulletinBlockList BulletinBlockList;

#define BULLETIN_TYPE_BLOCK_LIST (bulletin_block_list_get_type ())

GType              bulletin_block_list_get_type       (void) G_GNUC_CONST;
BulletinBlockList *bulletin_block_list_new            (const char              *markdown,
                                                       gsize                    len);
BulletinBlockList *bulletin_block_list_new_full       (const char              *markdown,
                                                       gsize                    len,
                                                       gboolean                 rtl);
BulletinBlockList *bulletin_block_list_ref            (BulletinBlockList       *self);
void               bulletin_block_list_unref          (BulletinBlockList       *self);
guint              bulletin_block_list_get_n_blocks   (const BulletinBlockList *self);
const char        *bulletin_block_list_get_html       (const BulletinBlockList *self,
                                                       guint                    index);
guint              bulletin_block_list_get_start_line (const BulletinBlockList *self,
                                                       guint                    index);
guint              bulletin_block_list_get_end_line   (const BulletinBlockList *self,
                                                       guint                    index);
guint              bulletin_block_list_lookup_line    (const BulletinBlockList *self,
                                                       guint                    line,
                                                       guint                   *line_in_block);
char              *bulletin_block_list_join           (const BulletinBlockList *self,
                                                       guint                    first,
                                                       guint                    n);
void               bulletin_block_list_diff           (const BulletinBlockList *old_list,
                                                       const BulletinBlockList *new_list,
                                                       guint                   *position,
                                                       guint                   *n_removed,
                                                       guint                   *n_added);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinBlockList, bulletin_block_list_unref)

G_END_DECLS
