/* bulletin-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "bulletin-draft-keeper.h"
#include "bulletin-file.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_DOCUMENT (bulletin_document_get_type ())

G_DECLARE_FINAL_TYPE (BulletinDocument, bulletin_document, BULLETIN, DOCUMENT, GObject)

BulletinDocument    *bulletin_document_new               (BulletinStore        *store);
GtkSourceBuffer     *bulletin_document_get_buffer        (BulletinDocument     *self);
BulletinDraftKeeper *bulletin_document_get_keeper        (BulletinDocument     *self);
BulletinStore       *bulletin_document_get_store         (BulletinDocument     *self);
void                 bulletin_document_set_store         (BulletinDocument     *self,
                                                          BulletinStore        *store);
GFile               *bulletin_document_get_file          (BulletinDocument     *self);
void                 bulletin_document_set_file          (BulletinDocument     *self,
                                                          GFile                *file);
gint64               bulletin_document_get_draft_id      (BulletinDocument     *self);
char                *bulletin_document_dup_title         (BulletinDocument     *self);
guint64              bulletin_document_get_change_serial (BulletinDocument     *self);
gboolean             bulletin_document_get_loading       (BulletinDocument     *self);
gboolean             bulletin_document_get_saving        (BulletinDocument     *self);
gboolean             bulletin_document_is_empty          (BulletinDocument     *self);
char                *bulletin_document_dup_text          (BulletinDocument     *self);
void                 bulletin_document_replace_text      (BulletinDocument     *self,
                                                          const char           *text,
                                                          gssize                len);

void                 bulletin_document_load_file_async   (BulletinDocument     *self,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char                *bulletin_document_load_file_finish  (BulletinDocument     *self,
                                                          GAsyncResult         *result,
                                                          BulletinFileLoadFlags *flags,
                                                          char                **unsaved_draft_text,
                                                          gboolean             *draft_open_elsewhere,
                                                          GError              **error);
void                 bulletin_document_save_file_async   (BulletinDocument     *self,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             bulletin_document_save_file_finish  (BulletinDocument     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
