/* bulletin-sections-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-library.h"
#include "bulletin-list-ends.h"
#include "bulletin-sections-model.h"

/* The section library as a list model, by category (the standard ones
 * first, in a weekly update's order), then in the user's order within a
 * category, optionally only the sections matching a search: what the
 * library panel shows, reachable by tests without a display. It reads the
 * store when asked (bulletin_sections_model_refresh()). */

struct _BulletinSectionItem
{
  GObject          parent_instance;

  BulletinSection *section;
  gboolean         starts_category;
};

G_DEFINE_FINAL_TYPE (BulletinSectionItem, bulletin_section_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_NAME,
  ITEM_PROP_CATEGORY,
  ITEM_PROP_BODY,
  ITEM_PROP_UPDATED_AT,
  ITEM_PROP_STARTS_CATEGORY,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
bulletin_section_item_finalize (GObject *object)
{
  BulletinSectionItem *self = (BulletinSectionItem *)object;

  g_clear_pointer (&self->section, bulletin_section_free);

  G_OBJECT_CLASS (bulletin_section_item_parent_class)->finalize (object);
}

static void
bulletin_section_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinSectionItem *self = BULLETIN_SECTION_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->section->id);
      break;

    case ITEM_PROP_NAME:
      g_value_set_string (value, self->section->name);
      break;

    case ITEM_PROP_CATEGORY:
      g_value_set_string (value, self->section->category);
      break;

    case ITEM_PROP_BODY:
      g_value_set_string (value, self->section->body);
      break;

    case ITEM_PROP_UPDATED_AT:
      g_value_set_int64 (value, self->section->updated_at);
      break;

    case ITEM_PROP_STARTS_CATEGORY:
      g_value_set_boolean (value, self->starts_category);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_section_item_class_init (BulletinSectionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bulletin_section_item_finalize;
  object_class->get_property = bulletin_section_item_get_property;

  /**
   * BulletinSectionItem:id:
   *
   * The section's id in the store.
   */
  item_properties[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * BulletinSectionItem:name:
   *
   * The section's name, unique in the library ignoring case.
   */
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /**
   * BulletinSectionItem:category:
   *
   * The category the section is listed under.
   */
  item_properties[ITEM_PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  /**
   * BulletinSectionItem:body:
   *
   * The section's Markdown, placeholders not filled in.
   */
  item_properties[ITEM_PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  /**
   * BulletinSectionItem:updated-at:
   *
   * When the section last changed, in microseconds since the epoch.
   */
  item_properties[ITEM_PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /**
   * BulletinSectionItem:starts-category:
   *
   * Whether the section is the first listed of its category, so the list
   * shows the category's name above it.
   */
  item_properties[ITEM_PROP_STARTS_CATEGORY] = g_param_spec_boolean ("starts-category", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
bulletin_section_item_init (BulletinSectionItem *self)
{
}

/* takes @section */
static BulletinSectionItem *
bulletin_section_item_new (BulletinSection *section,
                           gboolean         starts_category)
{
  BulletinSectionItem *self = g_object_new (BULLETIN_TYPE_SECTION_ITEM, NULL);

  self->section = section;
  self->starts_category = starts_category;
  return self;
}

/**
 * bulletin_section_item_get_section:
 * @self: a #BulletinSectionItem
 *
 * Returns: (transfer none): everything the store said of the section
 */
const BulletinSection *
bulletin_section_item_get_section (BulletinSectionItem *self)
{
  g_return_val_if_fail (BULLETIN_IS_SECTION_ITEM (self), NULL);

  return self->section;
}

#define DEFINE_GETTER(type, name, expr)                         \
  type                                                          \
  bulletin_section_item_get_##name (BulletinSectionItem *self)  \
  {                                                             \
    g_return_val_if_fail (BULLETIN_IS_SECTION_ITEM (self), 0);  \
    return (expr);                                              \
  }

/**
 * bulletin_section_item_get_id: (get-property id)
 * bulletin_section_item_get_name: (get-property name)
 * bulletin_section_item_get_category: (get-property category)
 * bulletin_section_item_get_body: (get-property body)
 * bulletin_section_item_get_updated_at: (get-property updated-at)
 * bulletin_section_item_get_starts_category: (get-property starts-category)
 *
 * The item's properties, owned by the item.
 */
DEFINE_GETTER (gint64, id, self->section->id)
DEFINE_GETTER (const char *, name, self->section->name)
DEFINE_GETTER (const char *, category, self->section->category)
DEFINE_GETTER (const char *, body, self->section->body)
DEFINE_GETTER (gint64, updated_at, self->section->updated_at)
DEFINE_GETTER (gboolean, starts_category, self->starts_category)

#undef DEFINE_GETTER

struct _BulletinSectionsModel
{
  BulletinSearchList  parent_instance;
};

G_DEFINE_FINAL_TYPE (BulletinSectionsModel, bulletin_sections_model, BULLETIN_TYPE_SEARCH_LIST)

static void
bulletin_sections_model_class_init (BulletinSectionsModelClass *klass)
{
  BULLETIN_STORE_LIST_CLASS (klass)->item_type = BULLETIN_TYPE_SECTION_ITEM;
}

static void
bulletin_sections_model_init (BulletinSectionsModel *self)
{
}

/**
 * bulletin_sections_model_new:
 * @store: (nullable): where the library is
 *
 * Returns: (transfer full): an empty model, until it is refreshed
 */
BulletinSectionsModel *
bulletin_sections_model_new (BulletinStore *store)
{
  g_return_val_if_fail (store == NULL || BULLETIN_IS_STORE (store), NULL);

  return g_object_new (BULLETIN_TYPE_SECTIONS_MODEL, "store", store, NULL);
}

/**
 * bulletin_sections_model_get_store:
 * @self: a #BulletinSectionsModel
 *
 * Returns: (transfer none) (nullable): see #BulletinStoreList:store
 */
BulletinStore *
bulletin_sections_model_get_store (BulletinSectionsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_SECTIONS_MODEL (self), NULL);

  return bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
}

/**
 * bulletin_sections_model_set_store:
 * @self: a #BulletinSectionsModel
 * @store: (nullable): see #BulletinStoreList:store
 *
 * The list follows at the next bulletin_sections_model_refresh().
 */
void
bulletin_sections_model_set_store (BulletinSectionsModel *self,
                                   BulletinStore         *store)
{
  g_return_if_fail (BULLETIN_IS_SECTIONS_MODEL (self));

  bulletin_store_list_set_store (BULLETIN_STORE_LIST (self), store);
}

/**
 * bulletin_sections_model_get_search:
 * @self: a #BulletinSectionsModel
 *
 * Returns: (nullable): see #BulletinSearchList:search
 */
const char *
bulletin_sections_model_get_search (BulletinSectionsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_SECTIONS_MODEL (self), NULL);

  return bulletin_search_list_get_search (BULLETIN_SEARCH_LIST (self));
}

/**
 * bulletin_sections_model_set_search:
 * @self: a #BulletinSectionsModel
 * @search: (nullable): see #BulletinSearchList:search
 *
 * The listed sections must all contain the words in their name,
 * category or text, ignoring case. The list follows at the next
 * bulletin_sections_model_refresh().
 */
void
bulletin_sections_model_set_search (BulletinSectionsModel *self,
                                    const char            *search)
{
  g_return_if_fail (BULLETIN_IS_SECTIONS_MODEL (self));

  bulletin_search_list_set_search (BULLETIN_SEARCH_LIST (self), search);
}

/* Whether a section starts its category decides whether the list shows
 * the category's name above it, so that is compared too: a section
 * moved away from the top of its category changes the one below it.
 * Positions are not: a move renumbers the whole category, yet only the
 * sections between where it was and where it went change place. */
static gboolean
same_section (BulletinSectionItem   *item,
              const BulletinSection *b,
              gboolean               b_starts)
{
  const BulletinSection *a = item->section;

  return a->id == b->id && item->starts_category == b_starts &&
         a->updated_at == b->updated_at && g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->category, b->category) == 0 && g_strcmp0 (a->body, b->body) == 0;
}

static gboolean
starts_category (GPtrArray *sections,
                 guint      i)
{
  const BulletinSection *section = sections->pdata[i];

  return i == 0 || g_strcmp0 (((BulletinSection *)sections->pdata[i - 1])->category, section->category) != 0;
}

typedef struct
{
  GPtrArray *items;
  GPtrArray *sections;
} SectionsDiff;

static gboolean
same_section_at (guint    old_index,
                 guint    new_index,
                 gpointer user_data)
{
  SectionsDiff *d = user_data;

  return same_section (d->items->pdata[old_index], d->sections->pdata[new_index],
                       starts_category (d->sections, new_index));
}

/**
 * bulletin_sections_model_refresh:
 * @self: a #BulletinSectionsModel
 * @error: return location for a #GError
 *
 * Reads the library again from the store, with the search. Sections at
 * the start and at the end that did not change keep their items, and
 * #GListModel::items-changed names only the run between them: editing
 * one section's text changes one item, and moving one changes the items
 * between where it was and where it went, each keeping its item if only
 * its place changed. A library is tens of sections,
 * read in well under a millisecond, so this runs in place.
 *
 * Returns: %TRUE on success; on failure the list is emptied
 */
gboolean
bulletin_sections_model_refresh (BulletinSectionsModel  *self,
                                 GError                **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autofree gpointer *run = NULL;
  g_autoptr(GHashTable) moved = NULL;
  g_autoptr(GError) local_error = NULL;
  BulletinStore *store;
  GPtrArray *items;
  guint old_n, new_n, prefix, suffix, added;

  g_return_val_if_fail (BULLETIN_IS_SECTIONS_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = bulletin_store_list_get_store (BULLETIN_STORE_LIST (self));
  items = bulletin_store_list_get_items (BULLETIN_STORE_LIST (self));
  if (store != NULL)
    sections = bulletin_store_list_sections (store, bulletin_search_list_get_search (BULLETIN_SEARCH_LIST (self)),
                                             &local_error);
  if (sections == NULL)
    sections = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_section_free);
  bulletin_library_sort (sections);

  old_n = items->len;
  new_n = sections->len;

  bulletin_list_unchanged_ends (old_n, new_n, same_section_at,
                                &(SectionsDiff) { items, sections }, &prefix, &suffix);
  added = new_n - prefix - suffix;

  /* Sections in the run that only changed place keep their items, so a
   * list view keeps their rows: a drop onto a row can move sections
   * while that row handles it. */
  for (guint i = prefix; i < old_n - suffix; i++)
    {
      BulletinSectionItem *item = items->pdata[i];

      if (moved == NULL)
        moved = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_hash_table_insert (moved, &item->section->id, item);
    }

  run = g_new (gpointer, added);
  /* backwards, as each looks at the one before it before it is taken */
  for (guint i = added; i > 0; i--)
    {
      BulletinSection *section = sections->pdata[prefix + i - 1];
      gboolean starts = starts_category (sections, prefix + i - 1);
      BulletinSectionItem *same = moved != NULL ? g_hash_table_lookup (moved, &section->id) : NULL;

      if (same != NULL && same_section (same, section, starts))
        run[i - 1] = g_object_ref (same);
      else
        run[i - 1] = bulletin_section_item_new (g_steal_pointer (&sections->pdata[prefix + i - 1]), starts);
    }
  bulletin_store_list_replace (BULLETIN_STORE_LIST (self), prefix, suffix, run, added);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * bulletin_sections_model_find:
 * @self: a #BulletinSectionsModel
 * @section_id: a section
 * @position: (out) (optional): where it is listed
 *
 * Returns: (transfer none) (nullable): the section's item, if it is listed
 */
BulletinSectionItem *
bulletin_sections_model_find (BulletinSectionsModel *self,
                              gint64                 section_id,
                              guint                 *position)
{
  GPtrArray *items;

  g_return_val_if_fail (BULLETIN_IS_SECTIONS_MODEL (self), NULL);

  items = bulletin_store_list_get_items (BULLETIN_STORE_LIST (self));
  for (guint i = 0; i < items->len; i++)
    {
      BulletinSectionItem *item = items->pdata[i];

      if (item->section->id == section_id)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }

  return NULL;
}
