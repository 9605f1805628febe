/* test-drafts-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drafts as a list model (issue 15): one item a draft, newest first,
 * as the store lists them, with or without a search; a refresh changes
 * only the items that changed, and says so with items-changed.
 */

#include "config.h"

#include <string.h>

#include "bulletin-clock.h"
#include "bulletin-drafts-model.h"
#include "bulletin-template.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  gint64 now;
} Fixture;

static gint64
fake_clock (gpointer data)
{
  Fixture *f = data;

  /* a second a change, so "newest first" has one answer */
  f->now += G_USEC_PER_SEC;
  return f->now;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-drafts-model-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static BulletinDraftItem *
item_at (BulletinDraftsModel *model,
         guint                position)
{
  BulletinDraftItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  /* the model holds its own reference */
  g_object_unref (item);
  return item;
}

static void
assert_mirrors_store (BulletinDraftsModel *model,
                      BulletinStore       *store,
                      const char          *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = bulletin_store_list_drafts (store, search, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, drafts->len);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), drafts->len));
  for (guint i = 0; i < drafts->len; i++)
    {
      const BulletinDraftInfo *info = drafts->pdata[i];
      BulletinDraftItem *item = item_at (model, i);
      g_autofree char *title = NULL;
      g_autofree char *snippet = NULL;
      gint64 id, updated_at;
      guint words;

      g_object_get (item,
                    "id", &id,
                    "title", &title,
                    "snippet", &snippet,
                    "updated-at", &updated_at,
                    "word-count", &words,
                    NULL);
      g_assert_cmpint (id, ==, info->id);
      g_assert_cmpstr (title, ==, info->title);
      g_assert_cmpstr (snippet, ==, info->snippet);
      g_assert_cmpint (updated_at, ==, info->updated_at);
      g_assert_cmpuint (words, ==, info->word_count);
      g_assert_cmpint (bulletin_draft_item_get_created_at (item), ==, info->created_at);
      {
        g_autofree char *edited = bulletin_template_format_when (info->updated_at, NULL, FALSE);

        g_assert_cmpstr (bulletin_draft_item_get_edited (item), ==, edited);
      }
    }
}

static gint64
create_fixture_draft (Fixture    *f,
                      const char *name)
{
  g_autofree char *text = bulletin_test_read_fixture (name);
  g_autoptr(GError) error = NULL;
  gint64 id = bulletin_store_create_draft (f->store, text, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_lists_and_updates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BulletinDraftsModel) model = bulletin_drafts_model_new (f->store);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *volunteers = NULL;
  gint64 id_record, id_teams, id_volunteers, id_new;
  BulletinTestChanges c = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BULLETIN_TYPE_DRAFT_ITEM);
  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);

  id_record = create_fixture_draft (f, "weekly-update-shared-record.md");
  id_teams = create_fixture_draft (f, "weekly-update-neighbourhood-teams.md");
  id_volunteers = create_fixture_draft (f, "weekly-update-volunteers.md");

  /* read when asked, not before */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (bulletin_drafts_model_refresh (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 3);
  assert_mirrors_store (model, f->store, NULL);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 0)), ==, id_volunteers);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 2)), ==, id_record);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (kept, g_object_ref (item_at (model, i)));

  /* nothing changed: no signal, the same items */
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_true (item_at (model, i) == kept->pdata[i]);

  /* the newest draft typed in: only its item changes */
  volunteers = bulletin_test_read_fixture ("weekly-update-volunteers.md");
  g_assert_true (bulletin_store_autosave (f->store, id_volunteers, "# Volunteers\n\nOne more line.\n", &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
  assert_mirrors_store (model, f->store, NULL);
  g_assert_cmpuint (bulletin_draft_item_get_word_count (item_at (model, 0)), ==, 4);
  g_assert_true (item_at (model, 1) == kept->pdata[1]);
  g_assert_true (item_at (model, 2) == kept->pdata[2]);

  /* a new draft comes first */
  id_new = bulletin_store_create_draft (f->store, volunteers, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 0)), ==, id_new);
  assert_mirrors_store (model, f->store, NULL);

  /* one in the middle trashed: only it goes */
  g_assert_true (bulletin_store_trash_draft (f->store, id_teams, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (c.calls, ==, 4);
  g_assert_cmpuint (c.position, ==, 2);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  assert_mirrors_store (model, f->store, NULL);
  g_assert_true (item_at (model, 2) == kept->pdata[2]);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 2)), ==, id_record);
}

static void
test_search_and_store (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BulletinDraftsModel) model = bulletin_drafts_model_new (NULL);
  gint64 id_record;
  guint notified = 0;

  id_record = create_fixture_draft (f, "weekly-update-shared-record.md");
  create_fixture_draft (f, "weekly-update-neighbourhood-teams.md");

  /* without a store: empty, and no error */
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  bulletin_drafts_model_set_store (model, f->store);
  g_assert_true (bulletin_drafts_model_get_store (model) == f->store);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  bulletin_drafts_model_set_search (model, "information governance");
  g_assert_cmpstr (bulletin_drafts_model_get_search (model), ==, "information governance");
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 0)), ==, id_record);
  /* with where it matched */
  g_assert_nonnull (bulletin_draft_item_get_snippet (item_at (model, 0)));
  assert_mirrors_store (model, f->store, "information governance");

  g_object_get (model, "n-items", &notified, NULL);
  g_assert_cmpuint (notified, ==, 1);

  /* an empty search is none */
  bulletin_drafts_model_set_search (model, "");
  g_assert_null (bulletin_drafts_model_get_search (model));
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_null (bulletin_draft_item_get_snippet (item_at (model, 0)));
}

/* The list says "Today 09:00" of a draft edited today; after midnight,
 * the next refresh says the day, though the draft did not change. */
static void
test_edited_follows_the_day (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(BulletinDraftsModel) model = bulletin_drafts_model_new (f->store);
  g_autoptr(GDateTime) same_day = NULL;
  g_autoptr(GDateTime) next_day = NULL;
  g_autofree char *then = NULL;
  BulletinTestChanges c = { 0 };
  gint64 id;

  id = create_fixture_draft (f, "weekly-update-volunteers.md");
  same_day = g_date_time_new_from_unix_local (f->now / G_USEC_PER_SEC + 60);
  next_day = g_date_time_add_days (same_day, 1);

  bulletin_clock_set_fixed (same_day);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  g_assert_true (g_str_has_prefix (bulletin_draft_item_get_edited (item_at (model, 0)), "Today "));

  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);
  bulletin_clock_set_fixed (next_day);
  g_assert_true (bulletin_drafts_model_refresh (model, NULL));
  bulletin_clock_set_fixed (NULL);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 1);
  g_assert_cmpint (bulletin_draft_item_get_id (item_at (model, 0)), ==, id);
  then = bulletin_template_format_when (bulletin_draft_item_get_updated_at (item_at (model, 0)), next_day, FALSE);
  g_assert_false (g_str_has_prefix (then, "Today"));
  g_assert_cmpstr (bulletin_draft_item_get_edited (item_at (model, 0)), ==, then);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/drafts-model/lists-and-updates", Fixture, NULL, fixture_setup, test_lists_and_updates, fixture_teardown);
  g_test_add ("/drafts-model/search-and-store", Fixture, NULL, fixture_setup, test_search_and_store, fixture_teardown);
  g_test_add ("/drafts-model/edited-follows-the-day", Fixture, NULL, fixture_setup,
              test_edited_follows_the_day, fixture_teardown);

  return g_test_run ();
}
