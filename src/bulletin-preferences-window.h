/* bulletin-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_PREFERENCES_WINDOW (bulletin_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BulletinPreferencesWindow, bulletin_preferences_window, BULLETIN, PREFERENCES_WINDOW, AdwPreferencesWindow)

BulletinPreferencesWindow *bulletin_preferences_window_new       (GtkWindow                 *parent);
void                       bulletin_preferences_window_set_store (BulletinPreferencesWindow *self,
                                                                  BulletinStore             *store);
const char                *bulletin_preferences_window_get_address_error (BulletinPreferencesWindow *self,
                                                                          const char                *key);

G_END_DECLS
