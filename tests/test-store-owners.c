/* test-store-owners.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who holds a draft: a write-protected database refused rather than
 * opened read-only, the crashes a draft was open through, and two
 * Bulletins on one database.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bulletin-store.h"
#include "bulletin-test-readonly.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("bulletin-owners-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "bulletin.db", NULL);
  g_setenv ("BULLETIN_DB", f->path, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_readonly_set (FALSE);
  g_unsetenv ("BULLETIN_DB");
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GPid
dead_pid (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(GError) error = NULL;
  GPid child;

  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &child, &error));
  waitpid (child, NULL, 0);

  return child;
}

/* Issue 13: a write-protected database opened read-only, and stayed so
 * after the permissions came back; nothing typed afterwards was saved. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  /* a database with a draft, then the file turns read-only */
  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "Before", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  bulletin_test_readonly_set (TRUE);
  store = bulletin_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);

  /* the banner names the file, not the folder, which can be written */
  message = bulletin_store_describe_error (error);
  g_assert_nonnull (strstr (message, f->path));
  g_assert_nonnull (strstr (message, "drafts database"));
  g_assert_null (strstr (message, "folder"));
  g_clear_error (&error);


  /* permissions back: the next open writes, and the words last */
  bulletin_test_readonly_set (FALSE);
  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_store_autosave (store, id, "Before and after", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  text = bulletin_store_get_draft_text (store, id, &error);
  g_assert_cmpstr (text, ==, "Before and after");
}

/* Under the home folder, the path reads as the title bar shows folders. */
static void
test_read_only_in_home (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), ".local", "share", "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autofree char *message = NULL;

  g_setenv ("BULLETIN_DB", path, TRUE);
  store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  bulletin_test_readonly_set (TRUE);
  g_assert_null (bulletin_store_open (path, &error));
  message = bulletin_store_describe_error (error);
  g_assert_nonnull (strstr (message, " ~/.local/share/bulletin.db "));
}

/* The folder, not the file: the message says the folder. */
static void
test_read_only_folder_message (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (file, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  BulletinStore *store;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_setenv ("BULLETIN_DB", path, TRUE);

  store = bulletin_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);

  message = bulletin_store_describe_error (error);
  g_assert_nonnull (strstr (message, "folder"));
  g_assert_nonnull (strstr (message, file));
}

/* A crash is simulated by dropping a store without closing its drafts:
 * its instance lock goes, as a killed process's does. */
static void
test_crash_count (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GArray) taken = NULL;
  gint64 id, other;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "Deep list", NULL, &error);
  other = bulletin_store_create_draft (store, "Closed before the crash", NULL, &error);
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_assert_true (bulletin_store_set_draft_open (store, other, TRUE, &error));
  g_assert_true (bulletin_store_set_draft_open (store, other, FALSE, &error));
  g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, 0);
  g_clear_object (&store);   /* crash 1 */

  for (guint crash = 1; crash <= 3; crash++)
    {
      store = bulletin_store_open (f->path, &error);
      g_assert_no_error (error);
      taken = bulletin_store_take_orphaned_drafts (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (taken->len, ==, 1);
      g_assert_cmpint (g_array_index (taken, gint64, 0), ==, id);
      g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, crash);
      g_assert_cmpuint (bulletin_store_get_draft_crashes (store, other), ==, 0);
      g_clear_pointer (&taken, g_array_unref);

      /* the recovered window marks it open again: the count stays */
      g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
      g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, crash);
      g_clear_object (&store);   /* the next crash */
    }

  /* closed cleanly: the count starts again */
  store = bulletin_store_open (f->path, &error);
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_clear_pointer (&taken, g_array_unref);
  g_assert_true (bulletin_store_set_draft_open (store, id, FALSE, &error));
  g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, 0);

  /* left open on purpose (SIGTERM, logging out): reopened, not counted */
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_clear_object (&store);
  store = bulletin_store_open (f->path, &error);
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, 1);
  g_clear_pointer (&taken, g_array_unref);
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_assert_true (bulletin_store_leave_drafts_open (store, &error));
  g_clear_object (&store);

  store = bulletin_store_open (f->path, &error);
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, 0);
}

/* Two Bulletins on one database, as two stores on one file: each has an
 * instance lock of its own. The owner's process id is one the other can't
 * see (another PID namespace: a Flatpak beside a native build), which
 * made the second take the first one's open draft as a crashed one's. */
static void
test_two_instances (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) first = NULL;
  g_autoptr(BulletinStore) second = NULL;
  g_autoptr(GArray) taken = NULL;
  g_autofree char *statement = NULL;
  gint64 id;

  first = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  second = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);

  id = bulletin_store_create_draft (first, "Shared file", "file:///tmp/update.md", &error);
  g_assert_true (bulletin_store_set_draft_open (first, id, TRUE, &error));
  statement = g_strdup_printf ("UPDATE drafts SET owner_pid = %d", dead_pid ());
  sql (f->path, statement);

  g_assert_false (bulletin_store_draft_open_elsewhere (first, id));
  g_assert_true (bulletin_store_draft_open_elsewhere (second, id));

  /* the second can't take it; the first still holds it */
  g_assert_false (bulletin_store_claim_draft (second, id, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (bulletin_store_draft_open_elsewhere (second, id));
  g_assert_true (bulletin_store_claim_draft (first, id, &error));
  g_assert_no_error (error);

  taken = bulletin_store_take_orphaned_drafts (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (taken->len, ==, 0);
  g_clear_pointer (&taken, g_array_unref);
  g_assert_true (bulletin_store_draft_open_elsewhere (second, id));

  /* the first one crashes: now the draft is the second's to recover */
  g_clear_object (&first);
  g_assert_false (bulletin_store_draft_open_elsewhere (second, id));
  taken = bulletin_store_take_orphaned_drafts (second, &error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_true (bulletin_store_claim_draft (second, id, &error));
  g_assert_no_error (error);
}

/* A database from before instance ids, with a draft open in a process
 * that has gone: recovered by its process id, as before. */
static void
test_pid_only_owner (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GArray) taken = NULL;
  g_autofree char *statement = NULL;
  gint64 id;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "Old row", NULL, &error);
  statement = g_strdup_printf ("UPDATE drafts SET owner_pid = %d", getppid ());
  sql (f->path, statement);
  g_assert_true (bulletin_store_draft_open_elsewhere (store, id));
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (taken->len, ==, 0);
  g_clear_pointer (&taken, g_array_unref);

  g_free (statement);
  statement = g_strdup_printf ("UPDATE drafts SET owner_pid = %d", dead_pid ());
  sql (f->path, statement);
  g_assert_false (bulletin_store_draft_open_elsewhere (store, id));
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpuint (bulletin_store_get_draft_crashes (store, id), ==, 1);
}

/* A database of schema 6, from before this table, opens and keeps its
 * open drafts recoverable. */
static void
test_migrate_from_v6 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GArray) taken = NULL;
  g_autofree char *statement = NULL;
  gint64 id;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "From schema 6", NULL, &error);
  g_clear_object (&store);

  statement = g_strdup_printf ("DROP TABLE draft_owners; PRAGMA user_version = 6;"
                               "UPDATE drafts SET owner_pid = %d", dead_pid ());
  sql (f->path, statement);

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_get_schema_version (store), ==, BULLETIN_STORE_SCHEMA_VERSION);
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_cmpint (g_array_index (taken, gint64, 0), ==, id);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("bulletin-owners-home-XXXXXX", NULL);
  int status;

  /* a home of its own, read once by GLib, for the paths shown with "~" */
  g_setenv ("HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  bulletin_test_readonly_install ();

  ADD ("/store-owners/read-only-file", test_read_only_file);
  ADD ("/store-owners/read-only-in-home", test_read_only_in_home);
  ADD ("/store-owners/read-only-folder-message", test_read_only_folder_message);
  ADD ("/store-owners/crash-count", test_crash_count);
  ADD ("/store-owners/two-instances", test_two_instances);
  ADD ("/store-owners/pid-only-owner", test_pid_only_owner);
  ADD ("/store-owners/migrate-from-v6", test_migrate_from_v6);

  status = g_test_run ();
  bulletin_test_remove_tree (home);

  return status;
}
