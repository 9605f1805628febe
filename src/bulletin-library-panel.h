/* bulletin-library-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

/* What a section carries while it is dragged: into the editor to insert
 * it, or onto another row to reorder the library. */
typedef struct
{
  gint64 section_id;
} BulletinSectionDrag;

#define BULLETIN_TYPE_SECTION_DRAG (bulletin_section_drag_get_type ())
GType bulletin_section_drag_get_type (void) G_GNUC_CONST;

#define BULLETIN_TYPE_LIBRARY_PANEL (bulletin_library_panel_get_type ())

G_DECLARE_FINAL_TYPE (BulletinLibraryPanel, bulletin_library_panel, BULLETIN, LIBRARY_PANEL, GtkWidget)

void        bulletin_library_panel_refresh          (BulletinLibraryPanel *self);
void        bulletin_library_panel_set_search       (BulletinLibraryPanel *self,
                                                     const char           *search);
GListModel *bulletin_library_panel_get_sections     (BulletinLibraryPanel *self);
guint       bulletin_library_panel_get_n_sections   (BulletinLibraryPanel *self);
const BulletinSection *
            bulletin_library_panel_get_section      (BulletinLibraryPanel *self,
                                                     guint                 index);
void        bulletin_library_panel_select           (BulletinLibraryPanel *self,
                                                     guint                 index);
void        bulletin_library_panel_activate_row     (BulletinLibraryPanel *self,
                                                     guint                 index);
gboolean    bulletin_library_panel_select_id        (BulletinLibraryPanel *self,
                                                     gint64                section_id);
gint64      bulletin_library_panel_get_selected_id  (BulletinLibraryPanel *self);
char       *bulletin_library_panel_dup_preview_text (BulletinLibraryPanel *self);
void        bulletin_library_panel_insert           (BulletinLibraryPanel *self,
                                                     gint64                section_id);
gboolean    bulletin_library_panel_move_next_to     (BulletinLibraryPanel *self,
                                                     gint64                section_id,
                                                     gint64                target_id,
                                                     gboolean              after);
gboolean    bulletin_library_panel_recategorise     (BulletinLibraryPanel *self,
                                                     gint64                section_id,
                                                     const char           *category);
gboolean    bulletin_library_panel_delete           (BulletinLibraryPanel *self,
                                                     gint64                section_id);
void        bulletin_library_panel_set_editing      (BulletinLibraryPanel *self,
                                                     gboolean              editing);
GtkTextBuffer *
            bulletin_library_panel_get_edit_buffer  (BulletinLibraryPanel *self);

G_END_DECLS
