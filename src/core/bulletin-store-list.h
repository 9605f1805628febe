/* bulletin-store-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_STORE_LIST (bulletin_store_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (BulletinStoreList, bulletin_store_list, BULLETIN, STORE_LIST, GObject)

struct _BulletinStoreListClass
{
  GObjectClass parent_class;

  /* the items' type, set by the subclass's class_init */
  GType        item_type;

  gpointer     padding[4];
};

BulletinStore *bulletin_store_list_get_store (BulletinStoreList *self);
void           bulletin_store_list_set_store (BulletinStoreList *self,
                                              BulletinStore     *store);

/* for subclasses */
GPtrArray     *bulletin_store_list_get_items (BulletinStoreList *self);
void           bulletin_store_list_replace   (BulletinStoreList *self,
                                              guint              prefix,
                                              guint              suffix,
                                              gpointer          *run,
                                              guint              added);

G_END_DECLS
