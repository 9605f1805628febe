/* bulletin-drafts-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"
#include "bulletin-search-list.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_DRAFT_ITEM (bulletin_draft_item_get_type ())

G_DECLARE_FINAL_TYPE (BulletinDraftItem, bulletin_draft_item, BULLETIN, DRAFT_ITEM, GObject)

gint64                   bulletin_draft_item_get_id         (BulletinDraftItem *self);
const char              *bulletin_draft_item_get_title      (BulletinDraftItem *self);
const char              *bulletin_draft_item_get_snippet    (BulletinDraftItem *self);
const char              *bulletin_draft_item_get_file_uri   (BulletinDraftItem *self);
gint64                   bulletin_draft_item_get_created_at (BulletinDraftItem *self);
gint64                   bulletin_draft_item_get_updated_at (BulletinDraftItem *self);
const char              *bulletin_draft_item_get_edited     (BulletinDraftItem *self);
guint                    bulletin_draft_item_get_word_count (BulletinDraftItem *self);
const BulletinDraftInfo *bulletin_draft_item_get_info       (BulletinDraftItem *self);

#define BULLETIN_TYPE_DRAFTS_MODEL (bulletin_drafts_model_get_type ())

G_DECLARE_FINAL_TYPE (BulletinDraftsModel, bulletin_drafts_model, BULLETIN, DRAFTS_MODEL, BulletinSearchList)

BulletinDraftsModel     *bulletin_drafts_model_new          (BulletinStore       *store);
BulletinStore           *bulletin_drafts_model_get_store    (BulletinDraftsModel *self);
void                     bulletin_drafts_model_set_store    (BulletinDraftsModel *self,
                                                             BulletinStore       *store);
const char              *bulletin_drafts_model_get_search   (BulletinDraftsModel *self);
void                     bulletin_drafts_model_set_search   (BulletinDraftsModel *self,
                                                             const char          *search);
gboolean                 bulletin_drafts_model_refresh      (BulletinDraftsModel *self,
                                                             GError             **error);

G_END_DECLS
