/* bulletin-sections-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"
#include "bulletin-search-list.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_SECTION_ITEM (bulletin_section_item_get_type ())

G_DECLARE_FINAL_TYPE (BulletinSectionItem, bulletin_section_item, BULLETIN, SECTION_ITEM, GObject)

gint64                 bulletin_section_item_get_id                (BulletinSectionItem *self);
const char            *bulletin_section_item_get_name              (BulletinSectionItem *self);
const char            *bulletin_section_item_get_category          (BulletinSectionItem *self);
const char            *bulletin_section_item_get_body              (BulletinSectionItem *self);
gint64                 bulletin_section_item_get_updated_at        (BulletinSectionItem *self);
gboolean               bulletin_section_item_get_starts_category   (BulletinSectionItem *self);
const BulletinSection *bulletin_section_item_get_section           (BulletinSectionItem *self);

#define BULLETIN_TYPE_SECTIONS_MODEL (bulletin_sections_model_get_type ())

G_DECLARE_FINAL_TYPE (BulletinSectionsModel, bulletin_sections_model, BULLETIN, SECTIONS_MODEL, BulletinSearchList)

BulletinSectionsModel *bulletin_sections_model_new        (BulletinStore         *store);
BulletinStore         *bulletin_sections_model_get_store  (BulletinSectionsModel *self);
void                   bulletin_sections_model_set_store  (BulletinSectionsModel *self,
                                                           BulletinStore         *store);
const char            *bulletin_sections_model_get_search (BulletinSectionsModel *self);
void                   bulletin_sections_model_set_search (BulletinSectionsModel *self,
                                                           const char            *search);
gboolean               bulletin_sections_model_refresh    (BulletinSectionsModel *self,
                                                           GError               **error);
BulletinSectionItem   *bulletin_sections_model_find       (BulletinSectionsModel *self,
                                                           gint64                 section_id,
                                                           guint                 *position);

G_END_DECLS
