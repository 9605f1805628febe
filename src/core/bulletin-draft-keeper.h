/* bulletin-draft-keeper.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_DRAFT_KEEPER (bulletin_draft_keeper_get_type ())

G_DECLARE_FINAL_TYPE (BulletinDraftKeeper, bulletin_draft_keeper, BULLETIN, DRAFT_KEEPER, GObject)

/**
 * BulletinDraftKeeperTextFunc:
 * @user_data: the owner's data
 * @serial: (out): the change serial of the text returned
 *
 * How the keeper reads its owner's text when it is time to write.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if there is
 *   none to write now (the owner is loading)
 */
typedef char *(*BulletinDraftKeeperTextFunc) (gpointer  user_data,
                                              guint64  *serial);

BulletinDraftKeeper *bulletin_draft_keeper_new              (BulletinStore        *store);
void                 bulletin_draft_keeper_set_text_func    (BulletinDraftKeeper         *self,
                                                             BulletinDraftKeeperTextFunc  func,
                                                             gpointer                     user_data,
                                                             GDestroyNotify               destroy);
BulletinStore       *bulletin_draft_keeper_get_store        (BulletinDraftKeeper  *self);
void                 bulletin_draft_keeper_set_store        (BulletinDraftKeeper  *self,
                                                             BulletinStore        *store);
gint64               bulletin_draft_keeper_get_draft_id     (BulletinDraftKeeper  *self);
const char          *bulletin_draft_keeper_get_title        (BulletinDraftKeeper  *self);
const char          *bulletin_draft_keeper_get_file_uri     (BulletinDraftKeeper  *self);
void                 bulletin_draft_keeper_set_file_uri     (BulletinDraftKeeper  *self,
                                                             const char           *file_uri);
gboolean             bulletin_draft_keeper_get_saved        (BulletinDraftKeeper  *self);
const GError        *bulletin_draft_keeper_get_error        (BulletinDraftKeeper  *self);
void                 bulletin_draft_keeper_set_delays       (BulletinDraftKeeper  *self,
                                                             guint                 autosave_ms,
                                                             guint                 retry_ms);

void                 bulletin_draft_keeper_changed          (BulletinDraftKeeper  *self,
                                                             guint64               serial);
void                 bulletin_draft_keeper_save_now         (BulletinDraftKeeper  *self);
void                 bulletin_draft_keeper_retry_now        (BulletinDraftKeeper  *self);
gboolean             bulletin_draft_keeper_flush            (BulletinDraftKeeper  *self,
                                                             GError              **error);
void                 bulletin_draft_keeper_record_milestone (BulletinDraftKeeper  *self,
                                                             BulletinVersionKind   kind,
                                                             const char           *name);
gint64               bulletin_draft_keeper_claim            (BulletinDraftKeeper  *self,
                                                             gint64                draft_id,
                                                             gboolean              copy_if_busy,
                                                             gboolean             *copied,
                                                             GError              **error);
gboolean             bulletin_draft_keeper_adopt_file_draft (BulletinDraftKeeper  *self,
                                                             const char           *file_text,
                                                             char                **unsaved_text,
                                                             GError              **error);
void                 bulletin_draft_keeper_adopt            (BulletinDraftKeeper  *self,
                                                             gint64                draft_id,
                                                             const char           *title);
void                 bulletin_draft_keeper_mark_saved       (BulletinDraftKeeper  *self,
                                                             guint64               serial,
                                                             const char           *text);
void                 bulletin_draft_keeper_report_error     (BulletinDraftKeeper  *self,
                                                             const GError         *error);
void                 bulletin_draft_keeper_close            (BulletinDraftKeeper  *self);

G_END_DECLS
