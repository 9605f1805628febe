/* bulletin-drafts-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_DRAFTS_PANEL (bulletin_drafts_panel_get_type ())

G_DECLARE_FINAL_TYPE (BulletinDraftsPanel, bulletin_drafts_panel, BULLETIN, DRAFTS_PANEL, GtkWidget)

void     bulletin_drafts_panel_set_search   (BulletinDraftsPanel *self,
                                             const char          *search);
guint    bulletin_drafts_panel_get_n_drafts (BulletinDraftsPanel *self);
GListModel *bulletin_drafts_panel_get_drafts (BulletinDraftsPanel *self);
gint64   bulletin_drafts_panel_get_draft_id (BulletinDraftsPanel *self,
                                             guint                index);
void     bulletin_drafts_panel_activate     (BulletinDraftsPanel *self,
                                             guint                index);
gboolean bulletin_drafts_panel_trash        (BulletinDraftsPanel *self,
                                             gint64               draft_id);

G_END_DECLS
