/* test-ui-store-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application and its windows under Xvfb, for what goes wrong with
 * the drafts database: a draft that was open through two crashes comes
 * back in safe mode, and a read-only database starts saving again after
 * Try Again.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bulletin-test-readonly.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  char *path;
  BulletinApplication *app;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("bulletin-safety-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "bulletin.db", NULL);
  g_setenv ("BULLETIN_DB", f->path, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->app != NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

      while (windows != NULL)
        {
          gtk_text_buffer_set_modified (bulletin_test_window_buffer (windows->data), FALSE);
          bulletin_test_destroy_window (windows->data);
          windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
        }
      g_clear_object (&f->app);
    }
  bulletin_test_readonly_set (FALSE);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Starts the application as `bulletin` does, without its main loop:
 * startup opens the database, activate recovers what was open. */
static void
start_app (Fixture  *f,
           gboolean  activate)
{
  g_autoptr(GError) error = NULL;

  f->app = bulletin_application_new (g_get_monotonic_time ());
  g_application_set_flags (G_APPLICATION (f->app),
                           g_application_get_flags (G_APPLICATION (f->app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  if (activate)
    g_application_activate (G_APPLICATION (f->app));
}

static BulletinWindow *
first_window (Fixture *f)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  return windows != NULL ? windows->data : NULL;
}

/* the label inside a revealed info bar that says @needle, if any */
static GtkLabel *
find_banner_label (GtkWidget  *widget,
                   const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_INFO_BAR (child) && !gtk_info_bar_get_revealed (GTK_INFO_BAR (child)))
        continue;
      if (GTK_IS_LABEL (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL &&
          gtk_widget_get_ancestor (child, GTK_TYPE_INFO_BAR) != NULL)
        return GTK_LABEL (child);
      found = find_banner_label (child, needle);
      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  Fixture *f;
  const char *needle;
} Needle;

static gboolean
banner_shows (gpointer data)
{
  Needle *n = data;
  BulletinWindow *window = first_window (n->f);

  return window != NULL && find_banner_label (GTK_WIDGET (window), n->needle) != NULL;
}

static gboolean
buffer_has (gpointer data)
{
  Needle *n = data;
  BulletinWindow *window = first_window (n->f);
  g_autofree char *text = NULL;

  if (window == NULL)
    return FALSE;
  text = bulletin_test_buffer_text (bulletin_test_window_buffer (window));

  return strstr (text, n->needle) != NULL;
}

/* read by a connection of its own, as the next start would */
static gboolean
db_has (gpointer data)
{
  Needle *n = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_open_v2 (n->f->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT current_text FROM drafts", -1, &stmt, NULL) == SQLITE_OK)
    while (!found && sqlite3_step (stmt) == SQLITE_ROW)
      found = strstr ((const char *)sqlite3_column_text (stmt, 0), n->needle) != NULL;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

static gboolean
preview_updated (gpointer data)
{
  return bulletin_preview_get_n_updates (data) > 0;
}

static gboolean
checked (gpointer data)
{
  return bulletin_test_window_check_report (data) != NULL;
}

/* A draft open in a Bulletin that crashed, twice: each crash is a store
 * dropped with the draft still open, its instance lock gone as a killed
 * process's is, and the next start recovering it. */
static void
test_safe_mode_after_two_crashes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GArray) taken = NULL;
  Needle banner = { f, "closed unexpectedly twice" };
  Needle text = { f, "Deeply nested" };
  BulletinWindow *window;
  BulletinPreview *preview;
  gint64 id;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "# Deeply nested\n\n- a\n  - b\n", NULL, &error);
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_clear_object (&store);                      /* crash 1 */
  store = bulletin_store_open (f->path, &error);
  taken = bulletin_store_take_orphaned_drafts (store, &error);
  g_assert_cmpuint (taken->len, ==, 1);
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_clear_object (&store);                      /* crash 2 */

  start_app (f, TRUE);
  g_assert_true (bulletin_test_wait_until (buffer_has, &text, BULLETIN_TEST_TIMEOUT_MS));
  window = first_window (f);
  preview = bulletin_test_window_preview (window);

  g_assert_true (bulletin_test_window_safe_mode (window));
  g_assert_true (bulletin_test_wait_until (banner_shows, &banner, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  /* what is queued has run: no preview of the draft, no checks */
  bulletin_test_wait_queued ();
  g_assert_cmpuint (bulletin_preview_get_n_updates (preview), ==, 0);
  g_assert_false (bulletin_test_window_is_checking (window));
  g_assert_null (bulletin_test_window_check_report (window));

  /* Turn Them Back On: the preview renders the draft and the checks run */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-safe-mode", NULL);
  g_assert_false (bulletin_test_window_safe_mode (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_false (banner_shows (&banner));
  g_assert_true (bulletin_test_wait_until (preview_updated, preview, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (checked, window, BULLETIN_TEST_TIMEOUT_MS));
}

/* One crash is not a pattern: the draft comes back as usual. */
static void
test_no_safe_mode_after_one_crash (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  Needle text = { f, "Crashed once" };
  BulletinWindow *window;
  gint64 id;

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "Crashed once", NULL, &error);
  g_assert_true (bulletin_store_set_draft_open (store, id, TRUE, &error));
  g_clear_object (&store);

  start_app (f, TRUE);
  g_assert_true (bulletin_test_wait_until (buffer_has, &text, BULLETIN_TEST_TIMEOUT_MS));
  window = first_window (f);
  g_assert_false (bulletin_test_window_safe_mode (window));
  g_assert_true (bulletin_test_wait_until (preview_updated, bulletin_test_window_preview (window),
                                           BULLETIN_TEST_TIMEOUT_MS));
}

/* Issue 13: a draft chosen in the drafts list while another Bulletin on
 * the same database (another session, a Flatpak) has it open was shared,
 * and each overwrote the other's words. The window edits a copy. */
static void
test_draft_open_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) elsewhere = NULL;
  g_autofree char *held_text = NULL;
  Needle typed = { f, "Held elsewhere, and more" };
  BulletinWindow *window;
  gint64 id;

  /* the other Bulletin: a store of its own, its instance lock held */
  elsewhere = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (elsewhere, "Held elsewhere", NULL, &error);
  g_assert_true (bulletin_store_set_draft_open (elsewhere, id, TRUE, &error));

  start_app (f, TRUE);
  window = first_window (f);
  g_assert_nonnull (window);
  bulletin_window_load_draft (window, id, FALSE);

  g_assert_cmpint (bulletin_test_window_draft_id (window), !=, id);
  g_assert_cmpint (bulletin_test_window_draft_id (window), !=, 0);
  {
    g_autofree char *shown = bulletin_test_buffer_text (bulletin_test_window_buffer (window));

    g_assert_cmpstr (shown, ==, "Held elsewhere");
  }

  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (bulletin_test_window_buffer (window), &end);
    gtk_text_buffer_insert (bulletin_test_window_buffer (window), &end, ", and more", -1);
  }
  g_assert_true (bulletin_test_wait_until (db_has, &typed, BULLETIN_TEST_TIMEOUT_MS));

  /* the other Bulletin's draft is as it left it */
  held_text = bulletin_store_get_draft_text (elsewhere, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (held_text, ==, "Held elsewhere");
}

/* the warnings a read-only database is expected to log */
static gboolean
read_only_warning_cb (const char     *domain,
                      GLogLevelFlags  level,
                      const char     *message,
                      gpointer        data)
{
  return !(level & G_LOG_LEVEL_WARNING) ||
         !(g_str_has_prefix (message, "Drafts database unavailable:") ||
           g_str_has_prefix (message, "Autosave failed:") ||
           g_str_has_prefix (message, "Tidying the drafts database failed:"));
}

static void
count_notify_cb (guint *n)
{
  (*n)++;
}

/* Issue 13: started on a write-protected database, Bulletin never saved
 * again, even after the permissions came back and Try Again was pressed;
 * and the banner blamed the folder. */
static void
test_read_only_then_try_again (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  Needle banner = { f, "can’t be written to" };
  Needle typed = { f, "Typed while read-only" };
  g_autoptr(BulletinStore) window_store = NULL;
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  GtkLabel *label;
  guint store_notified = 0;

  g_test_log_set_fatal_handler (read_only_warning_cb, NULL);

  /* a database that exists, then turns read-only */
  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  bulletin_test_readonly_set (TRUE);

  start_app (f, FALSE);
  window = bulletin_window_new (f->app);
  /* the application had no store to hand down; the window says when one
   * comes */
  g_object_get (window, "store", &window_store, NULL);
  g_assert_null (window_store);
  g_signal_connect_swapped (window, "notify::store", G_CALLBACK (count_notify_cb), &store_notified);
  gtk_window_present (GTK_WINDOW (window));
  buffer = bulletin_test_window_buffer (window);
  gtk_text_buffer_insert_at_cursor (buffer, "Typed while read-only", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.autosave-now", NULL);

  g_assert_true (bulletin_test_wait_until (banner_shows, &banner, BULLETIN_TEST_TIMEOUT_MS));
  label = find_banner_label (GTK_WIDGET (window), banner.needle);
  g_assert_nonnull (strstr (gtk_label_get_text (label), f->path));
  g_assert_null (strstr (gtk_label_get_text (label), "folder"));
  g_assert_false (db_has (&typed));
  /* Try Again applies now, and what needs the database waits for it */
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (window), "win.retry-store", NULL));
  g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (window), "win.export-library", NULL));
  g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (window), "win.show-history", NULL));

  /* permissions back; Try Again saves what was typed meanwhile */
  bulletin_test_readonly_set (FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-store", NULL);
  /* at once, not at the next timed retry: the window's first write
   * creates its draft in place */
  g_assert_true (db_has (&typed));
  g_assert_false (banner_shows (&banner));
  g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (window), "win.retry-store", NULL));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (window), "win.export-library", NULL));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (window), "win.show-history", NULL));

  /* and autosave goes on: the next words land too */
  typed.needle = "and after it";
  gtk_text_buffer_insert_at_cursor (buffer, " and after it", -1);
  g_assert_true (bulletin_test_wait_until (db_has, &typed, BULLETIN_TEST_TIMEOUT_MS));

  /* the window took the store the retry opened, and said so once */
  g_assert_cmpuint (store_notified, ==, 1);
  g_object_get (window, "store", &window_store, NULL);
  g_assert_true (window_store == bulletin_application_get_store (f->app, NULL));
}

/* One application per process, as in real life: each test runs in a
 * process of its own. */
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, in_subprocess_##func, fixture_teardown)
#define IN_SUBPROCESS(func) \
  static void \
  in_subprocess_##func (Fixture *f, gconstpointer data) \
  { \
    if (g_test_subprocess ()) \
      { \
        func (f, data); \
        return; \
      } \
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR); \
    g_test_trap_assert_passed (); \
  }

IN_SUBPROCESS (test_safe_mode_after_two_crashes)
IN_SUBPROCESS (test_no_safe_mode_after_one_crash)
IN_SUBPROCESS (test_read_only_then_try_again)
IN_SUBPROCESS (test_draft_open_elsewhere)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);
  bulletin_test_readonly_install ();

  ADD ("/ui-safety/safe-mode-after-two-crashes", test_safe_mode_after_two_crashes);
  ADD ("/ui-safety/no-safe-mode-after-one-crash", test_no_safe_mode_after_one_crash);
  ADD ("/ui-safety/read-only-then-try-again", test_read_only_then_try_again);
  ADD ("/ui-safety/draft-open-elsewhere", test_draft_open_elsewhere);

  return g_test_run ();
}
