/* bulletin-preferences-packs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *bulletin_preferences_packs_group_new (GSettings  *settings);
gboolean   bulletin_preferences_packs_import    (GtkWidget  *group,
                                                 GFile      *file,
                                                 GError    **error);

G_END_DECLS
