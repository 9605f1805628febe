/* bulletin-versions-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"
#include "bulletin-store-list.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_VERSION_ITEM (bulletin_version_item_get_type ())

G_DECLARE_FINAL_TYPE (BulletinVersionItem, bulletin_version_item, BULLETIN, VERSION_ITEM, GObject)

gint64                     bulletin_version_item_get_id         (BulletinVersionItem *self);
gint64                     bulletin_version_item_get_created_at (BulletinVersionItem *self);
BulletinVersionKind        bulletin_version_item_get_kind       (BulletinVersionItem *self);
const char                *bulletin_version_item_get_name       (BulletinVersionItem *self);
guint                      bulletin_version_item_get_word_count (BulletinVersionItem *self);
const char                *bulletin_version_item_get_when       (BulletinVersionItem *self);
const char                *bulletin_version_item_get_summary    (BulletinVersionItem *self);
const BulletinVersionInfo *bulletin_version_item_get_info       (BulletinVersionItem *self);

#define BULLETIN_TYPE_VERSIONS_MODEL (bulletin_versions_model_get_type ())

G_DECLARE_FINAL_TYPE (BulletinVersionsModel, bulletin_versions_model, BULLETIN, VERSIONS_MODEL, BulletinStoreList)

BulletinVersionsModel *bulletin_versions_model_new          (BulletinStore         *store,
                                                             gint64                 draft_id);
BulletinStore         *bulletin_versions_model_get_store    (BulletinVersionsModel *self);
gint64                 bulletin_versions_model_get_draft_id (BulletinVersionsModel *self);
gboolean               bulletin_versions_model_refresh      (BulletinVersionsModel *self,
                                                             GError               **error);

G_END_DECLS
