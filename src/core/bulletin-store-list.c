/* bulletin-store-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-list-ends.h"
#include "bulletin-store-list.h"

/**
 * BulletinStoreList:
 *
 * What the lists read from the store (drafts, sections, versions) have
 * in common: the store they read, their items as a #GListModel, and
 * `n-items`. Each subclass reads its rows when refreshed, keeps the items
 * at both ends that did not change, and hands the changed run to
 * bulletin_store_list_replace(), which tells the views.
 */
typedef struct
{
  BulletinStore *store;
  GPtrArray     *items;
} BulletinStoreListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (BulletinStoreList, bulletin_store_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (BulletinStoreList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return BULLETIN_STORE_LIST_GET_CLASS (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  BulletinStoreListPrivate *priv = bulletin_store_list_get_instance_private (BULLETIN_STORE_LIST (model));

  return priv->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BulletinStoreListPrivate *priv = bulletin_store_list_get_instance_private (BULLETIN_STORE_LIST (model));

  if (position >= priv->items->len)
    return NULL;
  return g_object_ref (priv->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
bulletin_store_list_finalize (GObject *object)
{
  BulletinStoreListPrivate *priv = bulletin_store_list_get_instance_private (BULLETIN_STORE_LIST (object));

  g_clear_object (&priv->store);
  g_clear_pointer (&priv->items, g_ptr_array_unref);

  G_OBJECT_CLASS (bulletin_store_list_parent_class)->finalize (object);
}

static void
bulletin_store_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BulletinStoreList *self = BULLETIN_STORE_LIST (object);
  BulletinStoreListPrivate *priv = bulletin_store_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_store_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BulletinStoreList *self = BULLETIN_STORE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bulletin_store_list_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_store_list_class_init (BulletinStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_store_list_finalize;
  object_class->get_property = bulletin_store_list_get_property;
  object_class->set_property = bulletin_store_list_set_property;

  klass->item_type = G_TYPE_OBJECT;

  /**
   * BulletinStoreList:store:
   *
   * Where the rows are read from; %NULL for an empty list. The list
   * follows at its next refresh.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BulletinStoreList:n-items:
   *
   * How many items are listed.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_store_list_init (BulletinStoreList *self)
{
  BulletinStoreListPrivate *priv = bulletin_store_list_get_instance_private (self);

  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * bulletin_store_list_get_store:
 * @self: a #BulletinStoreList
 *
 * Returns: (transfer none) (nullable): see #BulletinStoreList:store
 */
BulletinStore *
bulletin_store_list_get_store (BulletinStoreList *self)
{
  BulletinStoreListPrivate *priv;

  g_return_val_if_fail (BULLETIN_IS_STORE_LIST (self), NULL);

  priv = bulletin_store_list_get_instance_private (self);
  return priv->store;
}

/**
 * bulletin_store_list_set_store:
 * @self: a #BulletinStoreList
 * @store: (nullable): see #BulletinStoreList:store
 */
void
bulletin_store_list_set_store (BulletinStoreList *self,
                               BulletinStore     *store)
{
  BulletinStoreListPrivate *priv;

  g_return_if_fail (BULLETIN_IS_STORE_LIST (self));
  g_return_if_fail (store == NULL || BULLETIN_IS_STORE (store));

  priv = bulletin_store_list_get_instance_private (self);
  if (g_set_object (&priv->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * bulletin_store_list_get_items:
 * @self: a #BulletinStoreList
 *
 * For subclasses, to compare the items with the rows they read; change
 * them only through bulletin_store_list_replace().
 *
 * Returns: (transfer none) (element-type GObject): the items
 */
GPtrArray *
bulletin_store_list_get_items (BulletinStoreList *self)
{
  BulletinStoreListPrivate *priv;

  g_return_val_if_fail (BULLETIN_IS_STORE_LIST (self), NULL);

  priv = bulletin_store_list_get_instance_private (self);
  return priv->items;
}

/**
 * bulletin_store_list_replace:
 * @self: a #BulletinStoreList
 * @prefix: how many items at the start stay
 * @suffix: how many at the end stay
 * @run: (array length=added): the new items between them, whose
 *   references the list takes (the array stays the caller's)
 * @added: how many there are
 *
 * Replaces the items between the @prefix and the @suffix that stay (see
 * bulletin_list_unchanged_ends()) with @run, and tells the views:
 * #GListModel::items-changed for that run only, `n-items` when the count
 * changed.
 */
void
bulletin_store_list_replace (BulletinStoreList *self,
                             guint              prefix,
                             guint              suffix,
                             gpointer          *run,
                             guint              added)
{
  BulletinStoreListPrivate *priv;
  guint old_n, removed;

  g_return_if_fail (BULLETIN_IS_STORE_LIST (self));

  priv = bulletin_store_list_get_instance_private (self);
  old_n = priv->items->len;
  g_return_if_fail (prefix + suffix <= old_n);
  removed = old_n - prefix - suffix;

  bulletin_list_replace_run (priv->items, prefix, suffix, run, added);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}
