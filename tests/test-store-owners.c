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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bulletin_test_readonly_install ();

  ADD ("/store-owners/read-only-file", test_read_only_file);
  ADD ("/store-owners/read-only-folder-message", test_read_only_folder_message);

  return g_test_run ();
}
