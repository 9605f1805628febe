/* test-search-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search the drafts and the sections share (issue 15), in the terms
 * of their base, BulletinSearchList: an empty search is none, the same
 * search set again is no change, and a search is read at the next
 * refresh, not when it is set. Each test runs on both lists.
 */

#include "config.h"

#include "bulletin-drafts-model.h"
#include "bulletin-sections-model.h"
#include "bulletin-test-util.h"
#include "bulletin-versions-model.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinSearchList *list;
  guint notified;
  guint changed;
} Fixture;

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
refresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (BULLETIN_IS_DRAFTS_MODEL (f->list))
    ok = bulletin_drafts_model_refresh (BULLETIN_DRAFTS_MODEL (f->list), &error);
  else
    ok = bulletin_sections_model_refresh (BULLETIN_SECTIONS_MODEL (f->list), &error);
  g_assert_no_error (error);
  return ok;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-search-list-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  /* one of each, found by "governance" */
  g_assert_cmpint (bulletin_store_create_draft (f->store, "# Update\n\nInformation governance met on Tuesday.\n",
                                                NULL, &error), >, 0);
  g_assert_cmpint (bulletin_store_create_draft (f->store, "# Update\n\nThe teams moved to Moorside.\n",
                                                NULL, &error), >, 0);
  g_assert_cmpint (bulletin_store_add_section (f->store, "Governance", "Reminders",
                                               "Information governance training is due.", &error), >, 0);
  g_assert_cmpint (bulletin_store_add_section (f->store, "Sign-off", "Closing",
                                               "Have a good weekend.", &error), >, 0);
  g_assert_no_error (error);

  f->list = g_object_new (type, "store", f->store, NULL);
  g_signal_connect_swapped (f->list, "notify::search", G_CALLBACK (count_cb), &f->notified);
  g_signal_connect_swapped (f->list, "items-changed", G_CALLBACK (count_cb), &f->changed);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->list);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_empty_is_none (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *search = NULL;

  g_assert_null (bulletin_search_list_get_search (f->list));
  bulletin_search_list_set_search (f->list, "");
  g_assert_null (bulletin_search_list_get_search (f->list));
  g_assert_cmpuint (f->notified, ==, 0);

  g_object_set (f->list, "search", "governance", NULL);
  g_assert_cmpstr (bulletin_search_list_get_search (f->list), ==, "governance");
  g_assert_cmpuint (f->notified, ==, 1);

  /* cleared, through the property as through the setter */
  g_object_set (f->list, "search", "", NULL);
  g_object_get (f->list, "search", &search, NULL);
  g_assert_null (search);
  g_assert_cmpuint (f->notified, ==, 2);
  bulletin_search_list_set_search (f->list, NULL);
  g_assert_cmpuint (f->notified, ==, 2);
}

static void
test_same_search_is_no_change (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *words = g_strdup ("governance");

  bulletin_search_list_set_search (f->list, "governance");
  g_assert_cmpuint (f->notified, ==, 1);
  g_assert_true (refresh (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  f->changed = 0;

  /* the same words again, as each refresh of a panel sets them: the
   * list keeps its own copy, and neither notifies nor changes */
  bulletin_search_list_set_search (f->list, words);
  g_assert_cmpuint (f->notified, ==, 1);
  g_assert_true (refresh (f));
  g_assert_cmpuint (f->changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);

  g_free (g_steal_pointer (&words));
  g_assert_cmpstr (bulletin_search_list_get_search (f->list), ==, "governance");
}

static void
test_read_at_refresh (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (refresh (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);
  f->changed = 0;

  /* setting it reads nothing */
  bulletin_search_list_set_search (f->list, "governance");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);
  g_assert_cmpuint (f->changed, ==, 0);

  /* the search set last is the one the refresh reads */
  bulletin_search_list_set_search (f->list, "no such words anywhere");
  bulletin_search_list_set_search (f->list, "weekend");
  g_assert_true (refresh (f));
  g_assert_cmpuint (f->changed, ==, 1);
  if (BULLETIN_IS_DRAFTS_MODEL (f->list))
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  else
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);

  bulletin_search_list_set_search (f->list, NULL);
  g_assert_true (refresh (f));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);
}

/* the versions of a draft are not searched, and say so by their type */
static void
test_versions_have_no_search (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (BULLETIN_TYPE_VERSIONS_MODEL);

  g_assert_true (g_type_is_a (BULLETIN_TYPE_VERSIONS_MODEL, BULLETIN_TYPE_STORE_LIST));
  g_assert_false (g_type_is_a (BULLETIN_TYPE_VERSIONS_MODEL, BULLETIN_TYPE_SEARCH_LIST));
  g_assert_null (g_object_class_find_property (G_OBJECT_CLASS (klass), "search"));
}

static void
add_for (GType       type,
         const char *name)
{
#define ADD(test, func)                                                          \
  G_STMT_START {                                                                 \
    g_autofree char *path = g_strdup_printf ("/search-list/%s/%s", name, test);  \
    g_test_add (path, Fixture, GSIZE_TO_POINTER (type), fixture_setup, func,     \
                fixture_teardown);                                               \
  } G_STMT_END

  ADD ("empty-is-none", test_empty_is_none);
  ADD ("same-search-is-no-change", test_same_search_is_no_change);
  ADD ("read-at-refresh", test_read_at_refresh);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_for (BULLETIN_TYPE_DRAFTS_MODEL, "drafts");
  add_for (BULLETIN_TYPE_SECTIONS_MODEL, "sections");
  g_test_add_func ("/search-list/versions-have-no-search", test_versions_have_no_search);

  return g_test_run ();
}
