/* bulletin-accessibility.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *bulletin_accessibility_name_from_tooltip (const char *tooltip);
void  bulletin_accessibility_name_button       (GtkWidget  *button);
void  bulletin_accessibility_name_buttons      (GtkWidget  *root);

G_END_DECLS
