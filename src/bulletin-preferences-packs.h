/* bulletin-preferences-packs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BULLETIN_TYPE_PREFERENCES_PACKS (bulletin_preferences_packs_get_type ())

G_DECLARE_FINAL_TYPE (BulletinPreferencesPacks, bulletin_preferences_packs, BULLETIN, PREFERENCES_PACKS, AdwPreferencesGroup)

gboolean bulletin_preferences_packs_import (BulletinPreferencesPacks  *self,
                                            GFile                     *file,
                                            GError                   **error);

G_END_DECLS
