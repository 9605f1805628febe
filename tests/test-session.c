/* test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the windows of one Bulletin share: the drafts database opened
 * once and again while it cannot be, a damaged one moved aside and said
 * once, and the drafts to open again after a crash.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bulletin-clock.h"
#include "bulletin-session.h"
#include "bulletin-test-readonly.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  guint n_store_notifies;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 27, 9, 0, 0);

  bulletin_clock_set_fixed (start);
  f->dir = g_dir_make_tmp ("bulletin-session-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "bulletin.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_readonly_set (FALSE);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
store_notified_cb (Fixture *f)
{
  f->n_store_notifies++;
}

static void
advance_clock (int seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (bulletin_clock_now () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, seconds);

  bulletin_clock_set_fixed (later);
}

static void
test_opens_store (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BulletinSession) session = bulletin_session_new (f->path);
  g_autoptr(GArray) reopen = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bulletin_session_get_store (session));
  g_assert_cmpstr (bulletin_store_get_path (bulletin_session_get_store (session)), ==, f->path);
  g_assert_true (bulletin_session_get_store_or_retry (session, &error) == bulletin_session_get_store (session));
  g_assert_no_error (error);
  g_assert_null (bulletin_session_take_damaged_copy (session, NULL));
  reopen = bulletin_session_take_drafts_to_reopen (session);
  g_assert_cmpuint (reopen->len, ==, 0);
}

/* A database that cannot be written is tried again a few seconds later
 * when a window needs it, not on every keystroke; at once on Try Again. */
static void
test_unavailable_then_retried (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BulletinSession) session = NULL;
  g_autoptr(BulletinStore) first = NULL;
  g_autoptr(GError) error = NULL;

  first = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&first);

  bulletin_test_readonly_set (TRUE);
  session = bulletin_session_new (f->path);
  g_signal_connect_swapped (session, "notify::store", G_CALLBACK (store_notified_cb), f);
  g_assert_null (bulletin_session_get_store (session));
  g_assert_null (bulletin_session_get_store_or_retry (session, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* writable again, but the last attempt is a second old: not yet */
  bulletin_test_readonly_set (FALSE);
  advance_clock (1);
  g_assert_null (bulletin_session_get_store_or_retry (session, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_store_notifies, ==, 0);

  advance_clock (5);
  g_assert_nonnull (bulletin_session_get_store_or_retry (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_store_notifies, ==, 1);
  g_assert_true (bulletin_session_retry_store (session) == bulletin_session_get_store (session));
  g_assert_cmpuint (f->n_store_notifies, ==, 1);
}

static void
test_try_again_at_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BulletinSession) session = NULL;
  g_autoptr(BulletinStore) first = NULL;
  g_autoptr(GError) error = NULL;

  first = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&first);

  bulletin_test_readonly_set (TRUE);
  session = bulletin_session_new (f->path);
  g_signal_connect_swapped (session, "notify::store", G_CALLBACK (store_notified_cb), f);
  g_assert_null (bulletin_session_retry_store (session));

  bulletin_test_readonly_set (FALSE);
  g_assert_nonnull (bulletin_session_retry_store (session));
  g_assert_cmpuint (f->n_store_notifies, ==, 1);
}

/* A damaged database is moved aside, never deleted, and said once. */
static void
test_damaged_database_said_once (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(BulletinSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *moved_to = NULL;
  g_autofree char *kept = NULL;
  guint n_rescued = 99;

  g_assert_true (g_file_set_contents (f->path, garbage, 8192, &error));
  session = bulletin_session_new (f->path);
  g_assert_nonnull (bulletin_session_get_store (session));

  moved_to = bulletin_session_take_damaged_copy (session, &n_rescued);
  g_assert_nonnull (moved_to);
  g_assert_cmpuint (n_rescued, ==, 0);
  g_assert_true (g_file_get_contents (moved_to, &kept, NULL, &error));
  g_assert_cmpstr (kept, ==, garbage);

  g_assert_null (bulletin_session_take_damaged_copy (session, &n_rescued));
  g_assert_cmpuint (n_rescued, ==, 0);
}

/* Drafts open when Bulletin stopped without closing them come back once;
 * one open through two crashes in a row comes back in safe mode. */
static void
test_drafts_to_reopen (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(BulletinSession) session = NULL;
  g_autoptr(GArray) reopen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 open_one, closed_one;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  open_one = bulletin_store_create_draft (store, "Open at the crash", NULL, &error);
  closed_one = bulletin_store_create_draft (store, "Closed before it", NULL, &error);
  g_assert_true (bulletin_store_set_draft_open (store, open_one, TRUE, &error));
  g_assert_true (bulletin_store_set_draft_open (store, closed_one, TRUE, &error));
  g_assert_true (bulletin_store_set_draft_open (store, closed_one, FALSE, &error));
  g_clear_object (&store);   /* the first crash */

  session = bulletin_session_new (f->path);
  reopen = bulletin_session_take_drafts_to_reopen (session);
  g_assert_cmpuint (reopen->len, ==, 1);
  g_assert_cmpint (g_array_index (reopen, BulletinReopen, 0).draft_id, ==, open_one);
  g_assert_false (g_array_index (reopen, BulletinReopen, 0).safe_mode);
  g_clear_pointer (&reopen, g_array_unref);

  /* taken once: a second window opening does not bring it back again */
  reopen = bulletin_session_take_drafts_to_reopen (session);
  g_assert_cmpuint (reopen->len, ==, 0);
  g_clear_pointer (&reopen, g_array_unref);

  /* its window opens it again, and Bulletin crashes a second time */
  g_assert_true (bulletin_store_set_draft_open (bulletin_session_get_store (session), open_one, TRUE, &error));
  g_clear_object (&session);

  session = bulletin_session_new (f->path);
  reopen = bulletin_session_take_drafts_to_reopen (session);
  g_assert_cmpuint (reopen->len, ==, 1);
  g_assert_cmpint (g_array_index (reopen, BulletinReopen, 0).draft_id, ==, open_one);
  g_assert_true (g_array_index (reopen, BulletinReopen, 0).safe_mode);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  bulletin_test_readonly_install ();

  g_test_add ("/session/opens-store", Fixture, NULL, fixture_setup, test_opens_store, fixture_teardown);
  g_test_add ("/session/unavailable-then-retried", Fixture, NULL, fixture_setup, test_unavailable_then_retried, fixture_teardown);
  g_test_add ("/session/try-again-at-once", Fixture, NULL, fixture_setup, test_try_again_at_once, fixture_teardown);
  g_test_add ("/session/damaged-database-said-once", Fixture, NULL, fixture_setup, test_damaged_database_said_once, fixture_teardown);
  g_test_add ("/session/drafts-to-reopen", Fixture, NULL, fixture_setup, test_drafts_to_reopen, fixture_teardown);

  return g_test_run ();
}
