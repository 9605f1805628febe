/* bulletin-library-panel-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-library-panel.h"

G_BEGIN_DECLS

/* Shared by the library panel's files: bulletin-library-panel.c (the
 * list, the preview and the editing), bulletin-library-rows.c (the rows)
 * and bulletin-library-dialogs.c (the questions). */

BulletinStore      *bulletin_library_panel_get_store        (BulletinLibraryPanel *self);
void                bulletin_library_panel_toast            (BulletinLibraryPanel *self,
                                                             AdwToast             *toast);
void                bulletin_library_panel_report_error     (BulletinLibraryPanel *self,
                                                             const char           *what,
                                                             const GError         *error);
gboolean            bulletin_library_panel_rename           (BulletinLibraryPanel *self,
                                                             gint64                section_id,
                                                             const char           *name);
void                bulletin_library_panel_ask_rename       (BulletinLibraryPanel *self,
                                                             gint64                section_id);
void                bulletin_library_panel_ask_new_category (BulletinLibraryPanel *self,
                                                             gint64                section_id);
void                bulletin_library_panel_ask_new_section  (BulletinLibraryPanel *self,
                                                             const char           *body);
GtkListItemFactory *bulletin_library_rows_factory_new       (void);

G_END_DECLS
