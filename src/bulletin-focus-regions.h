/* bulletin-focus-regions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean bulletin_focus_regions_move (GtkRoot          *root,
                                      GtkWidget * const *regions,
                                      guint             n_regions,
                                      gboolean          backwards);

G_END_DECLS
