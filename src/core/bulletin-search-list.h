/* bulletin-search-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-store-list.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_SEARCH_LIST (bulletin_search_list_get_type ())

G_DECLARE_DERIVABLE_TYPE (BulletinSearchList, bulletin_search_list, BULLETIN, SEARCH_LIST, BulletinStoreList)

struct _BulletinSearchListClass
{
  BulletinStoreListClass parent_class;

  gpointer               padding[4];
};

const char *bulletin_search_list_get_search (BulletinSearchList *self);
void        bulletin_search_list_set_search (BulletinSearchList *self,
                                             const char         *search);

G_END_DECLS
