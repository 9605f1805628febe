/* bulletin-preferences-calendar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BULLETIN_TYPE_PREFERENCES_CALENDAR (bulletin_preferences_calendar_get_type ())

G_DECLARE_FINAL_TYPE (BulletinPreferencesCalendar, bulletin_preferences_calendar, BULLETIN, PREFERENCES_CALENDAR, AdwPreferencesGroup)

G_END_DECLS
