/* test-ui-preview-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window comes up without WebKit and without GtkSourceView's
 * Markdown definition; both arrive after its first frame, and the
 * preview then appears and follows the text as before. A program of its
 * own, so no earlier test has loaded the engine. Under Xvfb.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "bulletin-application.h"
#include "bulletin-preview-engine.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  BulletinPreview *preview;
  guint            n_updates;
} UpdateWait;

static gboolean
updated_past (gpointer data)
{
  UpdateWait *wait = data;

  return bulletin_preview_get_n_updates (wait->preview) > wait->n_updates &&
         !bulletin_preview_get_busy (wait->preview);
}

static gboolean
has_language (gpointer data)
{
  return gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (data)) != NULL;
}

static void
test_after_first_frame (void)
{
  BulletinWindow *window = bulletin_window_new (NULL);
  BulletinPreview *preview = bulletin_test_window_preview (window);
  GtkTextBuffer *buffer = bulletin_test_window_buffer (window);
  UpdateWait wait = { preview, 0 };
  g_autofree char *text = NULL;
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "# Weekly update\n\nThe garden team met on Tuesday.\n", -1);

  /* built, not yet drawn: neither is loaded */
  g_assert_false (bulletin_preview_engine_is_loaded ());
  g_assert_null (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)));

  gtk_window_present (GTK_WINDOW (window));

  /* the preview appears by itself, with nothing asking for its page */
  g_assert_true (bulletin_test_wait_until (updated_past, &wait, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_preview_engine_is_loaded ());
  g_assert_true (bulletin_test_wait_until (has_language, buffer, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer))),
                   ==, "markdown");

  text = bulletin_test_preview_text (preview);
  g_assert_nonnull (strstr (text, "Weekly update"));
  g_assert_nonnull (strstr (text, "The garden team met on Tuesday."));
  g_clear_pointer (&text, g_free);

  /* and follows the text */
  wait.n_updates = bulletin_preview_get_n_updates (preview);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nThe library reopens in March.\n", -1);
  g_assert_true (bulletin_test_wait_until (updated_past, &wait, BULLETIN_TEST_TIMEOUT_MS));
  text = bulletin_test_preview_text (preview);
  g_assert_nonnull (strstr (text, "The library reopens in March."));

  bulletin_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
shows_engine_error (gpointer data)
{
  return bulletin_test_shows_label (GTK_WIDGET (data), "The preview cannot be shown",
                                    BULLETIN_TEST_MATCH_PREFIX);
}

/* A broken installation, without the module: the window works, and its
 * preview says why it is empty; once the module is there, the preview
 * shows its page instead. */
static void
test_missing_engine (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("bulletin-no-engine-XXXXXX", NULL);
      g_autofree char *real_dir = g_strdup (g_getenv ("BULLETIN_PREVIEW_MODULE_DIR"));
      BulletinWindow *window;
      BulletinPreview *preview;
      GtkTextBuffer *buffer;
      g_autofree char *text = NULL;

      g_assert_nonnull (empty);
      g_setenv ("BULLETIN_PREVIEW_MODULE_DIR", empty, TRUE);
      g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "The preview cannot be shown:*");

      window = bulletin_window_new (NULL);
      preview = bulletin_test_window_preview (window);
      buffer = bulletin_test_window_buffer (window);
      gtk_text_buffer_set_text (buffer, "# Weekly update\n", -1);
      gtk_window_present (GTK_WINDOW (window));

      g_assert_true (bulletin_test_wait_until (shows_engine_error, preview, BULLETIN_TEST_TIMEOUT_MS));
      g_test_assert_expected_messages ();
      g_assert_false (bulletin_preview_engine_is_loaded ());
      g_assert_null (bulletin_preview_get_web_view (preview));

      /* the text is still the user's to edit */
      gtk_text_buffer_insert_at_cursor (buffer, "More.", -1);
      text = bulletin_test_buffer_text (buffer);
      g_assert_nonnull (strstr (text, "More."));

      /* the module put back: the page replaces the message */
      g_assert_nonnull (real_dir);
      g_setenv ("BULLETIN_PREVIEW_MODULE_DIR", real_dir, TRUE);
      g_assert_nonnull (bulletin_preview_get_web_view (preview));
      g_assert_false (shows_engine_error (preview));
      bulletin_test_wait_for_preview (preview);
      g_clear_pointer (&text, g_free);
      text = bulletin_test_preview_text (preview);
      g_assert_nonnull (strstr (text, "Weekly update"));

      bulletin_test_destroy_window (GTK_WINDOW (window));
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static gboolean
has_help_overlay (gpointer data)
{
  return gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (data)) != NULL;
}

/* The shortcuts window is built after the window's first frame, and is
 * there then as before: Ctrl+? shows it. */
static void
test_help_overlay_after_first_frame (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-startup-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(BulletinApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  BulletinWindow *window;
  GtkShortcutsWindow *overlay;

  g_setenv ("BULLETIN_DB", db, TRUE);
  app = bulletin_application_new (g_get_monotonic_time ());
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = bulletin_window_new (app);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (bulletin_test_wait_until (has_help_overlay, window, BULLETIN_TEST_TIMEOUT_MS));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  bulletin_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&app);
  bulletin_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  g_test_add_func ("/preview-engine/after-first-frame", test_after_first_frame);
  g_test_add_func ("/preview-engine/missing", test_missing_engine);
  g_test_add_func ("/startup/help-overlay-after-first-frame", test_help_overlay_after_first_frame);

  return g_test_run ();
}
