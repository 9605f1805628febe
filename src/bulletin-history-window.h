/* bulletin-history-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-preview.h"
#include "bulletin-store.h"
#include "bulletin-window.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_HISTORY_WINDOW (bulletin_history_window_get_type ())

G_DECLARE_FINAL_TYPE (BulletinHistoryWindow, bulletin_history_window, BULLETIN, HISTORY_WINDOW, AdwWindow)

BulletinHistoryWindow *bulletin_history_window_new            (BulletinWindow        *parent,
                                                               BulletinStore         *store,
                                                               gint64                 draft_id);
guint                  bulletin_history_window_get_n_versions (BulletinHistoryWindow *self);
gint64                 bulletin_history_window_get_version_id (BulletinHistoryWindow *self,
                                                               guint                  index);
GtkSingleSelection    *bulletin_history_window_get_versions   (BulletinHistoryWindow *self);
void                   bulletin_history_window_select         (BulletinHistoryWindow *self,
                                                               guint                  index);
void                   bulletin_history_window_restore        (BulletinHistoryWindow *self);
void                   bulletin_history_window_undo_restore   (BulletinHistoryWindow *self);
BulletinPreview       *bulletin_history_window_get_preview    (BulletinHistoryWindow *self);
GtkTextView           *bulletin_history_window_get_diff_view  (BulletinHistoryWindow *self);

G_END_DECLS
