/* test-sections-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section library as a list model (issue 15): one item a section,
 * by category then in the user's order, as the store lists them, with or
 * without a search; the first of each category says so, for its header;
 * a refresh changes only the items that changed, and says so with
 * items-changed.
 */

#include "config.h"

#include "bulletin-library.h"
#include "bulletin-sections-model.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-sections-model-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static BulletinSectionItem *
item_at (BulletinSectionsModel *model,
         guint                  position)
{
  BulletinSectionItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  /* the model holds its own reference */
  g_object_unref (item);
  return item;
}

static void
assert_mirrors_store (BulletinSectionsModel *model,
                      BulletinStore         *store,
                      const char            *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sections = bulletin_store_list_sections (store, search, &error);

  g_assert_no_error (error);
  bulletin_library_sort (sections);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, sections->len);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), sections->len));
  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *section = sections->pdata[i];
      BulletinSectionItem *item = item_at (model, i);
      g_autofree char *name = NULL;
      g_autofree char *category = NULL;
      g_autofree char *body = NULL;
      gboolean starts;
      gint64 id;

      g_object_get (item,
                    "id", &id,
                    "name", &name,
                    "category", &category,
                    "body", &body,
                    "starts-category", &starts,
                    NULL);
      g_assert_cmpint (id, ==, section->id);
      g_assert_cmpstr (name, ==, section->name);
      g_assert_cmpstr (category, ==, section->category);
      g_assert_cmpstr (body, ==, section->body);
      g_assert_cmpint (bulletin_section_item_get_updated_at (item), ==, section->updated_at);
      g_assert_cmpint (bulletin_section_item_get_section (item)->id, ==, section->id);
      /* a header above the first of each category, and only there */
      g_assert_cmpint (starts, ==,
                       i == 0 || !g_str_equal (((BulletinSection *)sections->pdata[i - 1])->category, section->category));
    }
}

static guint
position_of (BulletinSectionsModel *model,
             const char            *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    if (g_str_equal (bulletin_section_item_get_name (item_at (model, i)), name))
      return i;

  g_error ("no section called %s", name);
  return 0;
}

/* positions in the store count in the category */
static guint
category_start (BulletinSectionsModel *model,
                guint                  position)
{
  while (!bulletin_section_item_get_starts_category (item_at (model, position)))
    position--;
  return position;
}

static void
test_lists_and_updates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BulletinSectionsModel) model = bulletin_sections_model_new (f->store);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  BulletinSectionItem *good;
  guint n, at_good, at_great, at_best;
  gint64 id_added;
  BulletinTestChanges c = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BULLETIN_TYPE_SECTION_ITEM);
  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);

  /* read when asked, not before */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (bulletin_sections_model_refresh (model, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, n);
  assert_mirrors_store (model, f->store, NULL);
  /* the weekly template comes first, in its own category */
  g_assert_cmpstr (bulletin_section_item_get_category (item_at (model, 0)), ==, "Templates");
  g_assert_true (bulletin_section_item_get_starts_category (item_at (model, 0)));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (kept, g_object_ref (item_at (model, i)));

  /* nothing changed: no signal, the same items */
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 1);
  for (guint i = 0; i < n; i++)
    g_assert_true (item_at (model, i) == kept->pdata[i]);

  /* one section's text edited: only its item changes */
  at_good = position_of (model, "Have a good weekend");
  good = item_at (model, at_good);
  g_assert_true (bulletin_store_update_section (f->store, bulletin_section_item_get_id (good), "Have a good weekend",
                                                bulletin_section_item_get_category (good), "Have a good weekend, all",
                                                &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, at_good);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
  assert_mirrors_store (model, f->store, NULL);
  g_assert_cmpstr (bulletin_section_item_get_body (item_at (model, at_good)), ==, "Have a good weekend, all");
  for (guint i = 0; i < n; i++)
    if (i != at_good)
      g_assert_true (item_at (model, i) == kept->pdata[i]);

  /* one moved down its category, past another: only the two change */
  at_great = position_of (model, "Have a great week");
  at_best = position_of (model, "Best wishes");
  g_assert_cmpuint (at_great + 1, ==, at_best);
  g_assert_true (bulletin_store_move_section (f->store, bulletin_section_item_get_id (item_at (model, at_great)),
                                              bulletin_section_item_get_category (item_at (model, at_great)),
                                              at_best - category_start (model, at_best), &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  assert_mirrors_store (model, f->store, NULL);
  g_assert_cmpuint (position_of (model, "Best wishes"), ==, at_great);
  g_assert_cmpuint (position_of (model, "Have a great week"), ==, at_best);
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (c.position, ==, at_great);
  g_assert_cmpuint (c.removed, ==, 2);
  g_assert_cmpuint (c.added, ==, 2);
  for (guint i = 0; i < at_great; i++)
    if (i != at_good)
      g_assert_true (item_at (model, i) == kept->pdata[i]);
  for (guint i = at_best + 1; i < n; i++)
    g_assert_true (item_at (model, i) == kept->pdata[i]);
  /* and the two only changed place: they keep their items (and a list
   * view its rows) */
  g_assert_true (item_at (model, at_great) == kept->pdata[at_best]);
  g_assert_true (item_at (model, at_best) == kept->pdata[at_great]);

  /* a new section in a category of its own goes last, with a header */
  id_added = bulletin_store_add_section (f->store, "Board dates", "Friday specials", "The board meets monthly.", &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 4);
  g_assert_cmpuint (c.position, ==, n);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  g_assert_cmpint (bulletin_section_item_get_id (item_at (model, n)), ==, id_added);
  g_assert_true (bulletin_section_item_get_starts_category (item_at (model, n)));
  assert_mirrors_store (model, f->store, NULL);

  /* deleted: only it goes */
  g_assert_true (bulletin_store_delete_section (f->store, id_added, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 5);
  g_assert_cmpuint (c.position, ==, n);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  assert_mirrors_store (model, f->store, NULL);
  g_assert_null (bulletin_sections_model_find (model, id_added, NULL));
}

/* The first of a category shows its name: when it moves away, the one
 * that takes its place changes too, to show the header. */
static void
test_header_follows_a_move (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BulletinSectionsModel) model = bulletin_sections_model_new (f->store);
  g_autoptr(GError) error = NULL;
  BulletinSectionItem *first, *second;
  guint start = 0, position = G_MAXUINT;
  gint64 first_id, second_id;
  BulletinTestChanges c = { 0 };

  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  /* the first category with two sections or more */
  while (!(bulletin_section_item_get_starts_category (item_at (model, start)) &&
           !bulletin_section_item_get_starts_category (item_at (model, start + 1))))
    start++;
  first = item_at (model, start);
  first_id = bulletin_section_item_get_id (first);
  second = item_at (model, start + 1);
  second_id = bulletin_section_item_get_id (second);
  g_object_ref (second);
  g_assert_false (bulletin_section_item_get_starts_category (second));

  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);
  g_assert_true (bulletin_store_move_section (f->store, first_id,
                                              "Friday specials", G_MAXINT, &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  assert_mirrors_store (model, f->store, NULL);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, start);
  g_assert_true (bulletin_section_item_get_starts_category (item_at (model, start)));
  g_assert_true (item_at (model, start) != second);
  g_assert_cmpint (bulletin_section_item_get_id (item_at (model, start)), ==, second_id);
  g_assert_true (bulletin_sections_model_find (model, first_id, &position) != NULL);
  g_assert_cmpuint (position, ==, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1);
  g_object_unref (second);
}

static void
test_search_and_store (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BulletinSectionsModel) model = bulletin_sections_model_new (NULL);
  guint notified = 0;

  /* without a store: empty, and no error */
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  bulletin_sections_model_set_store (model, f->store);
  g_assert_true (bulletin_sections_model_get_store (model) == f->store);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  assert_mirrors_store (model, f->store, NULL);

  bulletin_sections_model_set_search (model, "good weekend sign-offs");
  g_assert_cmpstr (bulletin_sections_model_get_search (model), ==, "good weekend sign-offs");
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpstr (bulletin_section_item_get_name (item_at (model, 0)), ==, "Have a good weekend");
  /* alone in the results, so it heads them */
  g_assert_true (bulletin_section_item_get_starts_category (item_at (model, 0)));
  assert_mirrors_store (model, f->store, "good weekend sign-offs");
  g_object_get (model, "n-items", &notified, NULL);
  g_assert_cmpuint (notified, ==, 1);

  /* an empty search is none */
  bulletin_sections_model_set_search (model, "");
  g_assert_null (bulletin_sections_model_get_search (model));
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  assert_mirrors_store (model, f->store, NULL);

  bulletin_sections_model_set_store (model, NULL);
  g_assert_true (bulletin_sections_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sections-model/lists-and-updates", Fixture, NULL, fixture_setup, test_lists_and_updates, fixture_teardown);
  g_test_add ("/sections-model/header-follows-a-move", Fixture, NULL, fixture_setup,
              test_header_follows_a_move, fixture_teardown);
  g_test_add ("/sections-model/search-and-store", Fixture, NULL, fixture_setup, test_search_and_store, fixture_teardown);

  return g_test_run ();
}
