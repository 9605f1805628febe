/* bulletin-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-application.h"
#include "bulletin-export.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_WINDOW (bulletin_window_get_type ())

G_DECLARE_FINAL_TYPE (BulletinWindow, bulletin_window, BULLETIN, WINDOW, AdwApplicationWindow)

BulletinWindow  *bulletin_window_new             (BulletinApplication *application);
char            *bulletin_window_dup_current_text (BulletinWindow     *self);
gboolean         bulletin_window_update_spell_menu (BulletinWindow    *self,
                                                    const GtkTextIter *iter);
void             bulletin_window_schedule_checks (BulletinWindow      *self);
void             bulletin_window_export          (BulletinWindow      *self,
                                                  BulletinExportFormat format,
                                                  GFile               *file);
void             bulletin_window_insert_section  (BulletinWindow      *self,
                                                  const char          *body,
                                                  GtkTextIter         *where);
void             bulletin_window_export_library  (BulletinWindow      *self,
                                                  GFile               *file);
void             bulletin_window_import_library_data (BulletinWindow  *self,
                                                  const char          *data,
                                                  gsize                len);
gboolean         bulletin_window_restore_version (BulletinWindow      *self,
                                                  gint64               version_id,
                                                  GError             **error);
gboolean         bulletin_window_restore_readable_version (BulletinWindow *self,
                                                           GError        **error);
gboolean         bulletin_window_flush           (BulletinWindow      *self,
                                                  GError             **error);
void             bulletin_window_load_draft      (BulletinWindow      *self,
                                                  gint64               draft_id,
                                                  gboolean             recovered);
gboolean         bulletin_window_is_empty        (BulletinWindow      *self);
void             bulletin_window_load_file       (BulletinWindow      *self,
                                                  GFile               *file);
void             bulletin_window_save            (BulletinWindow      *self,
                                                  GFile               *file,
                                                  gboolean             close_after);
void             bulletin_window_add_toast       (BulletinWindow      *self,
                                                  const char          *message);
void             bulletin_window_set_safe_mode   (BulletinWindow      *self,
                                                  gboolean             safe_mode);

G_END_DECLS
