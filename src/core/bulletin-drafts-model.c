/* bulletin-drafts-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-clock.h"
#include "bulletin-drafts-model.h"
#include "bulletin-list-ends.h"
#include "bulletin-template.h"

/* The drafts as a list model, newest first, optionally only those whose
 * text matches a search: what the drafts panel shows, reachable by tests
 * without a display. It reads the store when asked (bulletin_drafts_model_refresh()),
 * not on every change, so that a hidden list costs nothing. */

struct _BulletinDraftItem
{
  GObject            parent_instance;

  BulletinDraftInfo *info;
  char              *edited;
};

G_DEFINE_FINAL_TYPE (BulletinDraftItem, bulletin_draft_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_SNIPPET,
  ITEM_PROP_FILE_URI,
  ITEM_PROP_CREATED_AT,
  ITEM_PROP_UPDATED_AT,
  ITEM_PROP_EDITED,
  ITEM_PROP_WORD_COUNT,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
bulletin_draft_item_finalize (GObject *object)
{
  BulletinDraftItem *self = (BulletinDraftItem *)object;

  g_clear_pointer (&self->info, bulletin_draft_info_free);
  g_clear_pointer (&self->edited, g_free);

  G_OBJECT_CLASS (bulletin_draft_item_parent_class)->finalize (object);
}

static void
bulletin_draft_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BulletinDraftItem *self = BULLETIN_DRAFT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->info->id);
      break;

    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->info->title);
      break;

    case ITEM_PROP_SNIPPET:
      g_value_set_string (value, self->info->snippet);
      break;

    case ITEM_PROP_FILE_URI:
      g_value_set_string (value, self->info->file_uri);
      break;

    case ITEM_PROP_CREATED_AT:
      g_value_set_int64 (value, self->info->created_at);
      break;

    case ITEM_PROP_UPDATED_AT:
      g_value_set_int64 (value, self->info->updated_at);
      break;

    case ITEM_PROP_EDITED:
      g_value_set_string (value, self->edited);
      break;

    case ITEM_PROP_WORD_COUNT:
      g_value_set_uint (value, self->info->word_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_draft_item_class_init (BulletinDraftItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bulletin_draft_item_finalize;
  object_class->get_property = bulletin_draft_item_get_property;

  /**
   * BulletinDraftItem:id:
   *
   * The draft's id in the store.
   */
  item_properties[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * BulletinDraftItem:title:
   *
   * The draft's title: its name, or its first heading; empty for none.
   */
  item_properties[ITEM_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /**
   * BulletinDraftItem:snippet:
   *
   * Where a search matched, the words around it; %NULL when not searching.
   */
  item_properties[ITEM_PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);
  /**
   * BulletinDraftItem:file-uri:
   *
   * The file the draft was opened from or saved to, or %NULL.
   */
  item_properties[ITEM_PROP_FILE_URI] = g_param_spec_string ("file-uri", NULL, NULL, NULL, flags);
  /**
   * BulletinDraftItem:created-at:
   *
   * When the draft was started, in microseconds since the epoch.
   */
  item_properties[ITEM_PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * BulletinDraftItem:updated-at:
   *
   * When the draft was last changed, in microseconds since the epoch.
   */
  item_properties[ITEM_PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * BulletinDraftItem:edited:
   *
   * When the draft was last changed, as the list says it ("Today 14:05",
   * "Fri 20 Nov"), as of the model's last refresh.
   */
  item_properties[ITEM_PROP_EDITED] = g_param_spec_string ("edited", NULL, NULL, NULL, flags);
  /**
   * BulletinDraftItem:word-count:
   *
   * How many words the draft has.
   */
  item_properties[ITEM_PROP_WORD_COUNT] = g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
bulletin_draft_item_init (BulletinDraftItem *self)
{
}

/* takes @info and @edited */
static BulletinDraftItem *
bulletin_draft_item_new (BulletinDraftInfo *info,
                         char              *edited)
{
  BulletinDraftItem *self = g_object_new (BULLETIN_TYPE_DRAFT_ITEM, NULL);

  self->info = info;
  self->edited = edited;
  return self;
}

/**
 * bulletin_draft_item_get_info:
 * @self: a #BulletinDraftItem
 *
 * Returns: (transfer none): everything the store said of the draft
 */
const BulletinDraftInfo *
bulletin_draft_item_get_info (BulletinDraftItem *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_ITEM (self), NULL);

  return self->info;
}

#define DEFINE_GETTER(type, name, expr)                       \
  type                                                        \
  bulletin_draft_item_get_##name (BulletinDraftItem *self)    \
  {                                                           \
    g_return_val_if_fail (BULLETIN_IS_DRAFT_ITEM (self), 0);  \
    return (expr);                                            \
  }

/**
 * bulletin_draft_item_get_id: (get-property id)
 * bulletin_draft_item_get_title: (get-property title)
 * bulletin_draft_item_get_snippet: (get-property snippet)
 * bulletin_draft_item_get_file_uri: (get-property file-uri)
 * bulletin_draft_item_get_created_at: (get-property created-at)
 * bulletin_draft_item_get_updated_at: (get-property updated-at)
 * bulletin_draft_item_get_edited: (get-property edited)
 * bulletin_draft_item_get_word_count: (get-property word-count)
 *
 * The item's properties, owned by the item.
 */
DEFINE_GETTER (gint64, id, self->info->id)
DEFINE_GETTER (const char *, title, self->info->title)
DEFINE_GETTER (const char *, snippet, self->info->snippet)
DEFINE_GETTER (const char *, file_uri, self->info->file_uri)
DEFINE_GETTER (gint64, created_at, self->info->created_at)
DEFINE_GETTER (gint64, updated_at, self->info->updated_at)
DEFINE_GETTER (const char *, edited, self->edited)
DEFINE_GETTER (guint, word_count, self->info->word_count)

#undef DEFINE_GETTER

struct _BulletinDraftsModel
{
  BulletinSearchList  parent_instance;
};

G_DEFINE_FINAL_TYPE (BulletinDraftsModel, bulletin_drafts_model, BULLETIN_TYPE_SEARCH_LIST)

static void
bulletin_drafts_model_class_init (BulletinDraftsModelClass *klass)
{
  BULLETIN_STORE_LIST_CLASS (klass)->item_type = BULLETIN_TYPE_DRAFT_ITEM;
}

static void
bulletin_drafts_model_init (BulletinDraftsModel *self)
{
}

/**
 * bulletin_drafts_model_new:
 * @store: (nullable): where the drafts are
 *
 * Returns: (transfer full): an empty model, until it is refreshed
 */
BulletinDraftsModel *
bulletin_drafts_model_new (BulletinStore *store)
{
  g_return_val_if_fail (store == NULL || BULLETIN_IS_STORE (store), NULL);

  return g_object_new (BULLETIN_TYPE_DRAFTS_MODEL, "store", store, NULL);
}

/**
 * bulletin_drafts_model_get_store:
 * @self: a #BulletinDraftsModel
 *
 * Returns: (transfer none) (nullable): see #BulletinStoreList:store
 */
BulletinStore *
bulletin_drafts_model_get_store (BulletinDraftsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_MODEL (self), NULL);

  return bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
}

/**
 * bulletin_drafts_model_set_store:
 * @self: a #BulletinDraftsModel
 * @store: (nullable): see #BulletinStoreList:store
 *
 * The list follows at the next bulletin_drafts_model_refresh().
 */
void
bulletin_drafts_model_set_store (BulletinDraftsModel *self,
                                 BulletinStore       *store)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_MODEL (self));

  bulletin_store_list_set_store (BULLETIN_STORE_LIST (self), store);
}

/**
 * bulletin_drafts_model_get_search:
 * @self: a #BulletinDraftsModel
 *
 * Returns: (nullable): see #BulletinSearchList:search
 */
const char *
bulletin_drafts_model_get_search (BulletinDraftsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_MODEL (self), NULL);

  return bulletin_search_list_get_search (BULLETIN_SEARCH_LIST (self));
}

/**
 * bulletin_drafts_model_set_search:
 * @self: a #BulletinDraftsModel
 * @search: (nullable): see #BulletinSearchList:search
 *
 * The listed drafts must contain the words, as the store's full-text
 * search reads them. The list follows at the next
 * bulletin_drafts_model_refresh().
 */
void
bulletin_drafts_model_set_search (BulletinDraftsModel *self,
                                  const char          *search)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_MODEL (self));

  bulletin_search_list_set_search (BULLETIN_SEARCH_LIST (self), search);
}

/* "Today 14:05" becomes "Fri 20 Nov" at midnight, with nothing else
 * changed: the words are compared too. */
static gboolean
same_draft (BulletinDraftItem       *item,
            const BulletinDraftInfo *b,
            const char              *b_edited)
{
  const BulletinDraftInfo *a = item->info;

  return a->id == b->id && g_strcmp0 (item->edited, b_edited) == 0 && a->updated_at == b->updated_at && a->created_at == b->created_at &&
         a->word_count == b->word_count && a->custom_title == b->custom_title &&
         g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->snippet, b->snippet) == 0 &&
         g_strcmp0 (a->file_uri, b->file_uri) == 0;
}

typedef struct
{
  GPtrArray *items;
  GPtrArray *infos;
  GPtrArray *edited;
} DraftsDiff;

static gboolean
same_draft_at (guint    old_index,
               guint    new_index,
               gpointer user_data)
{
  DraftsDiff *d = user_data;

  return same_draft (d->items->pdata[old_index], d->infos->pdata[new_index], d->edited->pdata[new_index]);
}

/**
 * bulletin_drafts_model_refresh:
 * @self: a #BulletinDraftsModel
 * @error: return location for a #GError
 *
 * Reads the list again from the store, with the search. Drafts at the
 * start and at the end that did not change keep their items, and
 * #GListModel::items-changed names only the run between them: the draft
 * being written rises to the top, and the rest stay as they were. When
 * each was edited is said again as of now ("Today" becomes a weekday at
 * midnight).
 * Listing 500 updates takes well under a frame (see the store
 * benchmark), so this runs in place.
 *
 * Returns: %TRUE on success; on failure the list is emptied
 */
gboolean
bulletin_drafts_model_refresh (BulletinDraftsModel  *self,
                               GError              **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autofree gpointer *run = NULL;
  g_autoptr(GDateTime) now = bulletin_clock_now_local ();
  g_autoptr(GError) local_error = NULL;
  BulletinStore *store;
  GPtrArray *items;
  guint old_n, new_n, prefix, suffix, added;

  g_return_val_if_fail (BULLETIN_IS_DRAFTS_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
  items = bulletin_store_list_get_items (BULLETIN_STORE_LIST (self));
  if (store != NULL)
    infos = bulletin_store_list_drafts (store, bulletin_search_list_get_search (BULLETIN_SEARCH_LIST (self)),
                                        FALSE, &local_error);
  if (infos == NULL)
    infos = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_draft_info_free);

  old_n = items->len;
  new_n = infos->len;
  edited = g_ptr_array_new_full (new_n, g_free);
  for (guint i = 0; i < new_n; i++)
    g_ptr_array_add (edited, bulletin_template_format_when (((BulletinDraftInfo *)infos->pdata[i])->updated_at,
                                                            now, FALSE));

  bulletin_list_unchanged_ends (old_n, new_n, same_draft_at,
                                &(DraftsDiff) { items, infos, edited }, &prefix, &suffix);
  added = new_n - prefix - suffix;

  run = g_new (gpointer, added);
  for (guint i = 0; i < added; i++)
    run[i] = bulletin_draft_item_new (g_steal_pointer (&infos->pdata[prefix + i]),
                                      g_steal_pointer (&edited->pdata[prefix + i]));
  bulletin_store_list_replace (BULLETIN_STORE_LIST (self), prefix, suffix, run, added);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
