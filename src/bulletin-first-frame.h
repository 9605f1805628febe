/* bulletin-first-frame.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

void bulletin_after_first_frame        (GtkWidget       *widget,
                                        GSourceFunc      func,
                                        gpointer         data,
                                        GDestroyNotify   destroy);
void bulletin_set_markdown_when_shown  (GtkSourceBuffer *buffer,
                                        GtkWidget       *view);

G_END_DECLS
