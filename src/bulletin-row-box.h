/* bulletin-row-box.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BULLETIN_TYPE_ROW_BOX (bulletin_row_box_get_type ())

G_DECLARE_FINAL_TYPE (BulletinRowBox, bulletin_row_box, BULLETIN, ROW_BOX, GtkBox)

const char *bulletin_row_box_get_accessible_label (BulletinRowBox *self);
void        bulletin_row_box_set_accessible_label (BulletinRowBox *self,
                                                   const char     *label);
void        bulletin_row_box_describe_control     (GtkWidget      *control);

G_END_DECLS
