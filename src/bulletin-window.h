/* bulletin-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-application.h"
#include "bulletin-export.h"
#include "bulletin-preview.h"
#include "bulletin-drafts-panel.h"
#include "bulletin-checks-panel.h"
#include "bulletin-library-panel.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_WINDOW (bulletin_window_get_type ())

G_DECLARE_FINAL_TYPE (BulletinWindow, bulletin_window, BULLETIN, WINDOW, AdwApplicationWindow)

BulletinWindow  *bulletin_window_new             (BulletinApplication *application);
gint64           bulletin_window_get_draft_id    (BulletinWindow      *self);
char            *bulletin_window_dup_current_text (BulletinWindow     *self);
BulletinDraftsPanel *bulletin_window_get_drafts_panel (BulletinWindow *self);
BulletinLibraryPanel *bulletin_window_get_library_panel (BulletinWindow *self);
BulletinChecksPanel *bulletin_window_get_checks_panel  (BulletinWindow *self);
BulletinCheckReport *bulletin_window_get_check_report  (BulletinWindow *self);
gboolean             bulletin_window_is_checking       (BulletinWindow *self);
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
GFile           *bulletin_window_get_file        (BulletinWindow      *self);
gboolean         bulletin_window_get_modified    (BulletinWindow      *self);
gboolean         bulletin_window_is_empty        (BulletinWindow      *self);
void             bulletin_window_load_file       (BulletinWindow      *self,
                                                  GFile               *file);
void             bulletin_window_save            (BulletinWindow      *self,
                                                  GFile               *file,
                                                  gboolean             close_after);
GtkTextBuffer   *bulletin_window_get_buffer      (BulletinWindow      *self);
GtkTextView     *bulletin_window_get_text_view   (BulletinWindow      *self);
BulletinPreview *bulletin_window_get_preview     (BulletinWindow      *self);
void             bulletin_window_add_toast       (BulletinWindow      *self,
                                                  const char          *message);
void             bulletin_window_set_safe_mode   (BulletinWindow      *self,
                                                  gboolean             safe_mode);
gboolean         bulletin_window_get_safe_mode   (BulletinWindow      *self);

G_END_DECLS
