/* bulletin-preferences-calendar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *bulletin_preferences_calendar_group_new (GSettings *settings);

G_END_DECLS
