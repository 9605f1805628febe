/* bulletin-style.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

void bulletin_style_follow_dark (GtkSourceBuffer *buffer);

G_END_DECLS
