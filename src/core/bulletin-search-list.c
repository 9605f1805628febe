/* bulletin-search-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-search-list.h"

/**
 * BulletinSearchList:
 *
 * A #BulletinStoreList that a search narrows: the drafts and the
 * sections, whose search entries set #BulletinSearchList:search. Each
 * subclass reads the search in its own query when refreshed; setting it
 * reads nothing, so that typing costs one query per refresh, not one per
 * keystroke. (The versions of a draft are not searched, and derive from
 * #BulletinStoreList directly.)
 */
typedef struct
{
  char *search;
} BulletinSearchListPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BulletinSearchList, bulletin_search_list, BULLETIN_TYPE_STORE_LIST)

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bulletin_search_list_finalize (GObject *object)
{
  BulletinSearchListPrivate *priv = bulletin_search_list_get_instance_private (BULLETIN_SEARCH_LIST (object));

  g_clear_pointer (&priv->search, g_free);

  G_OBJECT_CLASS (bulletin_search_list_parent_class)->finalize (object);
}

static void
bulletin_search_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BulletinSearchList *self = BULLETIN_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, bulletin_search_list_get_search (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_search_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BulletinSearchList *self = BULLETIN_SEARCH_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      bulletin_search_list_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_search_list_class_init (BulletinSearchListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_search_list_finalize;
  object_class->get_property = bulletin_search_list_get_property;
  object_class->set_property = bulletin_search_list_set_property;

  /**
   * BulletinSearchList:search:
   *
   * Words the listed items must contain, as the subclass's query reads
   * them; %NULL for every item (an empty search is %NULL). The list
   * follows at its next refresh.
   */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_search_list_init (BulletinSearchList *self)
{
}

/**
 * bulletin_search_list_get_search:
 * @self: a #BulletinSearchList
 *
 * Returns: (nullable): see #BulletinSearchList:search
 */
const char *
bulletin_search_list_get_search (BulletinSearchList *self)
{
  BulletinSearchListPrivate *priv;

  g_return_val_if_fail (BULLETIN_IS_SEARCH_LIST (self), NULL);

  priv = bulletin_search_list_get_instance_private (self);
  return priv->search;
}

/**
 * bulletin_search_list_set_search:
 * @self: a #BulletinSearchList
 * @search: (nullable): see #BulletinSearchList:search
 *
 * Notifies #BulletinSearchList:search only when the search changed, so
 * that the same words set again (each refresh sets the entry's text) are
 * no change.
 */
void
bulletin_search_list_set_search (BulletinSearchList *self,
                                 const char         *search)
{
  BulletinSearchListPrivate *priv;

  g_return_if_fail (BULLETIN_IS_SEARCH_LIST (self));

  priv = bulletin_search_list_get_instance_private (self);
  if (search != NULL && *search == '\0')
    search = NULL;
  if (g_strcmp0 (priv->search, search) == 0)
    return;
  g_free (priv->search);
  priv->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}
