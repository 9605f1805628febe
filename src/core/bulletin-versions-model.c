/* bulletin-versions-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-clock.h"
#include "bulletin-list-ends.h"
#include "bulletin-template.h"
#include "bulletin-versions-model.h"

/* The versions of one draft as a list model, newest first: what the
 * history window lists, reachable by tests without a display. Each item
 * says when it was made, what made it, and how its length differs from
 * the version before it. The store is read when asked
 * (bulletin_versions_model_refresh()). */

struct _BulletinVersionItem
{
  GObject              parent_instance;

  BulletinVersionInfo *info;
  char                *when;
  char                *summary;
};

G_DEFINE_FINAL_TYPE (BulletinVersionItem, bulletin_version_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_CREATED_AT,
  ITEM_PROP_KIND,
  ITEM_PROP_NAME,
  ITEM_PROP_WORD_COUNT,
  ITEM_PROP_WHEN,
  ITEM_PROP_SUMMARY,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
bulletin_version_item_finalize (GObject *object)
{
  BulletinVersionItem *self = (BulletinVersionItem *)object;

  g_clear_pointer (&self->info, bulletin_version_info_free);
  g_clear_pointer (&self->when, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (bulletin_version_item_parent_class)->finalize (object);
}

static void
bulletin_version_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinVersionItem *self = BULLETIN_VERSION_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->info->id);
      break;

    case ITEM_PROP_CREATED_AT:
      g_value_set_int64 (value, self->info->created_at);
      break;

    case ITEM_PROP_KIND:
      g_value_set_int (value, self->info->kind);
      break;

    case ITEM_PROP_NAME:
      g_value_set_string (value, self->info->name);
      break;

    case ITEM_PROP_WORD_COUNT:
      g_value_set_uint (value, self->info->word_count);
      break;

    case ITEM_PROP_WHEN:
      g_value_set_string (value, self->when);
      break;

    case ITEM_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_version_item_class_init (BulletinVersionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bulletin_version_item_finalize;
  object_class->get_property = bulletin_version_item_get_property;

  /**
   * BulletinVersionItem:id:
   *
   * The version's id in the store.
   */
  item_properties[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * BulletinVersionItem:created-at:
   *
   * When the version was kept, in microseconds since the epoch.
   */
  item_properties[ITEM_PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /**
   * BulletinVersionItem:kind:
   *
   * What made the version, a #BulletinVersionKind.
   */
  item_properties[ITEM_PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, 0, flags);
  /**
   * BulletinVersionItem:name:
   *
   * The name the user gave the version, or %NULL.
   */
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /**
   * BulletinVersionItem:word-count:
   *
   * How many words the version has.
   */
  item_properties[ITEM_PROP_WORD_COUNT] = g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * BulletinVersionItem:when:
   *
   * When the version was kept, as the history says it ("Today 14:05",
   * "Fri 20 Nov, 16:30"), as of the model's last refresh.
   */
  item_properties[ITEM_PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, flags);
  /**
   * BulletinVersionItem:summary:
   *
   * What made the version and how its length differs from the version
   * before it: "Autosaved · +12 words"; the oldest gives its length.
   */
  item_properties[ITEM_PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
bulletin_version_item_init (BulletinVersionItem *self)
{
}

/* takes everything */
static BulletinVersionItem *
bulletin_version_item_new (BulletinVersionInfo *info,
                           char                *when,
                           char                *summary)
{
  BulletinVersionItem *self = g_object_new (BULLETIN_TYPE_VERSION_ITEM, NULL);

  self->info = info;
  self->when = when;
  self->summary = summary;
  return self;
}

/**
 * bulletin_version_item_get_info:
 * @self: a #BulletinVersionItem
 *
 * Returns: (transfer none): everything the store said of the version
 */
const BulletinVersionInfo *
bulletin_version_item_get_info (BulletinVersionItem *self)
{
  g_return_val_if_fail (BULLETIN_IS_VERSION_ITEM (self), NULL);

  return self->info;
}

#define DEFINE_GETTER(type, name, expr)                         \
  type                                                          \
  bulletin_version_item_get_##name (BulletinVersionItem *self)  \
  {                                                             \
    g_return_val_if_fail (BULLETIN_IS_VERSION_ITEM (self), 0);  \
    return (expr);                                              \
  }

/**
 * bulletin_version_item_get_id: (get-property id)
 * bulletin_version_item_get_created_at: (get-property created-at)
 * bulletin_version_item_get_kind: (get-property kind)
 * bulletin_version_item_get_name: (get-property name)
 * bulletin_version_item_get_word_count: (get-property word-count)
 * bulletin_version_item_get_when: (get-property when)
 * bulletin_version_item_get_summary: (get-property summary)
 *
 * The item's properties, owned by the item.
 */
DEFINE_GETTER (gint64, id, self->info->id)
DEFINE_GETTER (gint64, created_at, self->info->created_at)
DEFINE_GETTER (BulletinVersionKind, kind, self->info->kind)
DEFINE_GETTER (const char *, name, self->info->name)
DEFINE_GETTER (guint, word_count, self->info->word_count)
DEFINE_GETTER (const char *, when, self->when)
DEFINE_GETTER (const char *, summary, self->summary)

#undef DEFINE_GETTER

struct _BulletinVersionsModel
{
  BulletinStoreList  parent_instance;

  gint64             draft_id;
};

G_DEFINE_FINAL_TYPE (BulletinVersionsModel, bulletin_versions_model, BULLETIN_TYPE_STORE_LIST)

enum {
  PROP_0,
  PROP_DRAFT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bulletin_versions_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BulletinVersionsModel *self = BULLETIN_VERSIONS_MODEL (object);

  switch (prop_id)
    {
    case PROP_DRAFT_ID:
      g_value_set_int64 (value, self->draft_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_versions_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BulletinVersionsModel *self = BULLETIN_VERSIONS_MODEL (object);

  switch (prop_id)
    {
    case PROP_DRAFT_ID:
      self->draft_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_versions_model_class_init (BulletinVersionsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bulletin_versions_model_get_property;
  object_class->set_property = bulletin_versions_model_set_property;

  BULLETIN_STORE_LIST_CLASS (klass)->item_type = BULLETIN_TYPE_VERSION_ITEM;

  /**
   * BulletinVersionsModel:draft-id:
   *
   * The draft whose versions are listed.
   */
  properties[PROP_DRAFT_ID] =
    g_param_spec_int64 ("draft-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_versions_model_init (BulletinVersionsModel *self)
{
}

/**
 * bulletin_versions_model_new:
 * @store: where the draft is
 * @draft_id: the draft
 *
 * Returns: (transfer full): an empty model, until it is refreshed
 */
BulletinVersionsModel *
bulletin_versions_model_new (BulletinStore *store,
                             gint64         draft_id)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  return g_object_new (BULLETIN_TYPE_VERSIONS_MODEL, "store", store, "draft-id", draft_id, NULL);
}

/**
 * bulletin_versions_model_get_store:
 * @self: a #BulletinVersionsModel
 *
 * Returns: (transfer none): see #BulletinStoreList:store
 */
BulletinStore *
bulletin_versions_model_get_store (BulletinVersionsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_VERSIONS_MODEL (self), NULL);

  return bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
}

/**
 * bulletin_versions_model_get_draft_id:
 * @self: a #BulletinVersionsModel
 *
 * Returns: see #BulletinVersionsModel:draft-id
 */
gint64
bulletin_versions_model_get_draft_id (BulletinVersionsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_VERSIONS_MODEL (self), 0);

  return self->draft_id;
}

static char *
describe (const BulletinVersionInfo *info,
          const BulletinVersionInfo *older)
{
  g_autofree char *what = NULL;
  g_autofree char *delta = NULL;

  if (info->name != NULL && *info->name != '\0')
    what = g_strdup_printf ("%s · “%s”", bulletin_version_kind_to_label (info->kind), info->name);
  else
    what = g_strdup (bulletin_version_kind_to_label (info->kind));

  if (older == NULL)
    delta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", info->word_count),
                             info->word_count);
  else
    {
      int change = (int)info->word_count - (int)older->word_count;

      if (change == 0)
        delta = g_strdup (_("same length"));
      else
        delta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%+d word", "%+d words", ABS (change)), change);
    }

  return g_strdup_printf ("%s · %s", what, delta);
}

static gboolean
same_version (BulletinVersionItem       *item,
              const BulletinVersionInfo *b,
              const char                *b_when,
              const char                *b_summary)
{
  const BulletinVersionInfo *a = item->info;

  return a->id == b->id && a->created_at == b->created_at && a->kind == b->kind &&
         a->word_count == b->word_count && a->size == b->size && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (item->when, b_when) == 0 && g_strcmp0 (item->summary, b_summary) == 0;
}

typedef struct
{
  GPtrArray *items;
  GPtrArray *infos;
  GPtrArray *whens;
  GPtrArray *summaries;
} VersionsDiff;

static gboolean
same_version_at (guint    old_index,
                 guint    new_index,
                 gpointer user_data)
{
  VersionsDiff *d = user_data;

  return same_version (d->items->pdata[old_index], d->infos->pdata[new_index],
                       d->whens->pdata[new_index], d->summaries->pdata[new_index]);
}

/**
 * bulletin_versions_model_refresh:
 * @self: a #BulletinVersionsModel
 * @error: return location for a #GError
 *
 * Reads the versions again from the store. Versions at the start and at
 * the end that did not change keep their items, and
 * #GListModel::items-changed names only the run between them: a new
 * version adds one item at the top, and the rest stay as they were. An
 * item whose summary changes (the version before it was thinned away)
 * is replaced; when each was kept is said again as of now.
 *
 * Returns: %TRUE on success; on failure the list is emptied
 */
gboolean
bulletin_versions_model_refresh (BulletinVersionsModel  *self,
                                 GError                **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) whens = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree gpointer *run = NULL;
  g_autoptr(GDateTime) now = bulletin_clock_now_local ();
  g_autoptr(GError) local_error = NULL;
  BulletinStore *store;
  GPtrArray *items;
  guint old_n, new_n, prefix, suffix, added;

  g_return_val_if_fail (BULLETIN_IS_VERSIONS_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
  items = bulletin_store_list_get_items (BULLETIN_STORE_LIST (self));
  if (store != NULL)
    infos = bulletin_store_list_versions (store, self->draft_id, &local_error);
  if (infos == NULL)
    infos = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_version_info_free);

  old_n = items->len;
  new_n = infos->len;
  whens = g_ptr_array_new_full (new_n, g_free);
  summaries = g_ptr_array_new_full (new_n, g_free);
  for (guint i = 0; i < new_n; i++)
    {
      g_ptr_array_add (whens, bulletin_template_format_when (((BulletinVersionInfo *)infos->pdata[i])->created_at,
                                                             now, TRUE));
      g_ptr_array_add (summaries, describe (infos->pdata[i], i + 1 < new_n ? infos->pdata[i + 1] : NULL));
    }

  bulletin_list_unchanged_ends (old_n, new_n, same_version_at,
                                &(VersionsDiff) { items, infos, whens, summaries }, &prefix, &suffix);
  added = new_n - prefix - suffix;

  run = g_new (gpointer, added);
  for (guint i = 0; i < added; i++)
    run[i] = bulletin_version_item_new (g_steal_pointer (&infos->pdata[prefix + i]),
                                        g_steal_pointer (&whens->pdata[prefix + i]),
                                        g_steal_pointer (&summaries->pdata[prefix + i]));
  bulletin_store_list_replace (BULLETIN_STORE_LIST (self), prefix, suffix, run, added);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
