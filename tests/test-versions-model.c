/* test-versions-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draft's versions as a list model (issue 15): one item a version,
 * newest first, as the store lists them, each saying when it was kept,
 * what made it and how its length changed; a refresh changes only the
 * items that changed, and says so with items-changed.
 */

#include "config.h"

#include "bulletin-clock.h"
#include "bulletin-template.h"
#include "bulletin-versions-model.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  gint64 now;
  gint64 draft_id;
} Fixture;

static gint64
fake_clock (gpointer data)
{
  Fixture *f = data;

  /* a minute a change, so "newest first" has one answer */
  f->now += 60 * G_USEC_PER_SEC;
  return f->now;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-versions-model-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
  f->draft_id = bulletin_store_create_draft (f->store, "# Update\n\nOne two three.\n", NULL, &error);
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

static BulletinVersionItem *
item_at (BulletinVersionsModel *model,
         guint                  position)
{
  BulletinVersionItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static void
assert_mirrors_store (BulletinVersionsModel *model,
                      Fixture               *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = bulletin_store_list_versions (f->store, f->draft_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, versions->len);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), versions->len));
  for (guint i = 0; i < versions->len; i++)
    {
      const BulletinVersionInfo *info = versions->pdata[i];
      BulletinVersionItem *item = item_at (model, i);
      g_autofree char *when = NULL;
      g_autofree char *expected_when = bulletin_template_format_when (info->created_at, NULL, TRUE);
      g_autofree char *name = NULL;
      gint64 id, created_at;
      guint words;
      int kind;

      g_object_get (item,
                    "id", &id,
                    "created-at", &created_at,
                    "kind", &kind,
                    "name", &name,
                    "word-count", &words,
                    "when", &when,
                    NULL);
      g_assert_cmpint (id, ==, info->id);
      g_assert_cmpint (created_at, ==, info->created_at);
      g_assert_cmpint (kind, ==, info->kind);
      g_assert_cmpstr (name, ==, info->name);
      g_assert_cmpuint (words, ==, info->word_count);
      g_assert_cmpstr (when, ==, expected_when);
      g_assert_true (g_str_has_prefix (bulletin_version_item_get_summary (item),
                                       bulletin_version_kind_to_label (info->kind)));
    }
}

static gint64
add_version (Fixture             *f,
             const char          *text,
             BulletinVersionKind  kind,
             const char          *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = bulletin_store_add_version (f->store, f->draft_id, text, kind, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_lists_and_updates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BulletinVersionsModel) model = bulletin_versions_model_new (f->store, f->draft_id);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 id_saved, id_named;
  guint n;
  BulletinTestChanges c = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BULLETIN_TYPE_VERSION_ITEM);
  g_assert_true (bulletin_versions_model_get_store (model) == f->store);
  g_assert_cmpint (bulletin_versions_model_get_draft_id (model), ==, f->draft_id);
  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);

  id_saved = add_version (f, "# Update\n\nOne two three four five.\n", BULLETIN_VERSION_SAVED, NULL);
  id_named = add_version (f, "# Update\n\nOne two.\n", BULLETIN_VERSION_NAMED, "Sent to Sam");

  /* read when asked, not before */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (bulletin_versions_model_refresh (model, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, n);
  assert_mirrors_store (model, f);

  /* newest first, each against the one before it */
  g_assert_cmpint (bulletin_version_item_get_id (item_at (model, 0)), ==, id_named);
  g_assert_cmpint (bulletin_version_item_get_id (item_at (model, 1)), ==, id_saved);
  g_assert_cmpstr (bulletin_version_item_get_summary (item_at (model, 0)), ==, "Named · “Sent to Sam” · -3 words");
  g_assert_cmpstr (bulletin_version_item_get_summary (item_at (model, 1)), ==, "Saved to file · +2 words");
  g_assert_true (g_str_has_suffix (bulletin_version_item_get_summary (item_at (model, n - 1)), " words"));
  g_assert_false (g_str_has_suffix (bulletin_version_item_get_summary (item_at (model, n - 1)), "+"));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (kept, g_object_ref (item_at (model, i)));

  /* nothing changed: no signal, the same items */
  g_assert_true (bulletin_versions_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 1);
  for (guint i = 0; i < n; i++)
    g_assert_true (item_at (model, i) == kept->pdata[i]);

  /* a new version: one item at the top, the rest the same */
  add_version (f, "# Update\n\nOne two.\n", BULLETIN_VERSION_EXPORTED, NULL);
  g_assert_true (bulletin_versions_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  assert_mirrors_store (model, f);
  g_assert_cmpstr (bulletin_version_item_get_summary (item_at (model, 0)), ==, "Exported · same length");
  for (guint i = 0; i < n; i++)
    g_assert_true (item_at (model, i + 1) == kept->pdata[i]);
}

/* "Today 14:05" of a version kept today; after midnight, the next
 * refresh says the day, though the version did not change. */
static void
test_when_follows_the_day (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BulletinVersionsModel) model = bulletin_versions_model_new (f->store, f->draft_id);
  g_autoptr(GDateTime) same_day = NULL;
  g_autoptr(GDateTime) next_day = NULL;
  BulletinTestChanges c = { 0 };
  guint n;

  add_version (f, "# Update\n\nOne.\n", BULLETIN_VERSION_SAVED, NULL);
  same_day = g_date_time_new_from_unix_local (f->now / G_USEC_PER_SEC + 60);
  next_day = g_date_time_add_days (same_day, 1);

  bulletin_clock_set_fixed (same_day);
  g_assert_true (bulletin_versions_model_refresh (model, NULL));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_true (g_str_has_prefix (bulletin_version_item_get_when (item_at (model, 0)), "Today "));

  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);
  bulletin_clock_set_fixed (next_day);
  g_assert_true (bulletin_versions_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, n);
  g_assert_cmpuint (c.added, ==, n);
  g_assert_false (g_str_has_prefix (bulletin_version_item_get_when (item_at (model, 0)), "Today"));
  assert_mirrors_store (model, f);
  bulletin_clock_set_fixed (NULL);
}

/* A draft that is not there: no versions, and no error. */
static void
test_unknown_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BulletinVersionsModel) model = bulletin_versions_model_new (f->store, f->draft_id + 100);

  g_assert_true (bulletin_versions_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/versions-model/lists-and-updates", Fixture, NULL, fixture_setup, test_lists_and_updates, fixture_teardown);
  g_test_add ("/versions-model/when-follows-the-day", Fixture, NULL, fixture_setup,
              test_when_follows_the_day, fixture_teardown);
  g_test_add ("/versions-model/unknown-draft", Fixture, NULL, fixture_setup, test_unknown_draft, fixture_teardown);

  return g_test_run ();
}
