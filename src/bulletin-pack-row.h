/* bulletin-pack-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BULLETIN_TYPE_PACK_ROW (bulletin_pack_row_get_type ())

G_DECLARE_FINAL_TYPE (BulletinPackRow, bulletin_pack_row, BULLETIN, PACK_ROW, AdwActionRow)

GtkWidget  *bulletin_pack_row_new         (const char      *pack_id,
                                           const char      *name,
                                           const char      *description,
                                           gboolean         removable);
const char *bulletin_pack_row_get_pack_id (BulletinPackRow *self);
gboolean    bulletin_pack_row_get_active  (BulletinPackRow *self);
void        bulletin_pack_row_set_active  (BulletinPackRow *self,
                                           gboolean         active);

G_END_DECLS
