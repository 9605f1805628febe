/* test-ui-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-document.h"
#include "bulletin-window.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"

/* Issue 15: the text being edited, its file and its draft are a
 * BulletinDocument, which a test drives through its properties, without
 * a window. */

typedef struct
{
  char             *dir;
  BulletinStore    *store;
  BulletinDocument *document;
  GFile            *file;
  GString          *events;     /* the properties notified, in order */
  gboolean          done;
  gboolean          ok;
  GError           *error;
  char             *unsaved;
  gboolean          elsewhere;
} Fixture;

static void
notified_cb (BulletinDocument *document,
             GParamSpec       *pspec,
             Fixture          *f)
{
  gboolean value = FALSE;

  if (g_strcmp0 (pspec->name, "loading") != 0 && g_strcmp0 (pspec->name, "saving") != 0)
    {
      g_string_append_printf (f->events, "%s;", pspec->name);
      return;
    }

  g_object_get (document, pspec->name, &value, NULL);
  g_string_append_printf (f->events, "%s=%d;", pspec->name, value);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file_path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-document-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  file_path = g_build_filename (f->dir, "week-47.md", NULL);
  f->file = g_file_new_for_path (file_path);

  f->events = g_string_new (NULL);
  f->document = bulletin_document_new (f->store);
  g_signal_connect (f->document, "notify", G_CALLBACK (notified_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->document);
  g_clear_object (&f->store);
  g_clear_object (&f->file);
  g_clear_error (&f->error);
  g_free (f->unsaved);
  g_string_free (f->events, TRUE);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
is_done (gpointer data)
{
  Fixture *f = data;

  return f->done;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;
  g_autofree char *text = NULL;

  text = bulletin_document_load_file_finish (BULLETIN_DOCUMENT (object), result, NULL, NULL, NULL, &f->error);
  f->ok = text != NULL;
  f->done = TRUE;
}

static void
loaded_with_draft_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Fixture *f = user_data;
  g_autofree char *text = NULL;

  text = bulletin_document_load_file_finish (BULLETIN_DOCUMENT (object), result, NULL,
                                             &f->unsaved, &f->elsewhere, &f->error);
  f->ok = text != NULL;
  f->done = TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  f->ok = bulletin_document_save_file_finish (BULLETIN_DOCUMENT (object), result, &f->error);
  f->done = TRUE;
}

static char *
title (Fixture *f)
{
  char *value = NULL;

  g_object_get (f->document, "title", &value, NULL);
  return value;
}

/* A file opened becomes the document's: its text, not modified, its name
 * as the title, and the keeper told where it lives. */
static void
test_load_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (f->file);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *untitled = title (f);
  BulletinDraftKeeper *keeper = bulletin_document_get_keeper (f->document);

  g_assert_cmpstr (untitled, ==, "Untitled");
  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), "# Week 47\n\nThe room is booked.\n", -1, &error));

  bulletin_document_load_file_async (f->document, f->file, NULL, loaded_cb, f);
  g_assert_true (bulletin_document_get_loading (f->document));
  g_assert_false (bulletin_document_is_empty (f->document));
  /* the title bar names the file as the window appears, before its
   * bytes are in (GNOME Text Editor does the same) */
  g_free (name);
  name = title (f);
  g_assert_cmpstr (name, ==, "week-47.md");
  g_assert_null (bulletin_document_get_file (f->document));
  g_assert_true (bulletin_test_wait_until (is_done, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_no_error (f->error);
  g_assert_true (f->ok);

  text = bulletin_document_dup_text (f->document);
  g_assert_cmpstr (text, ==, "# Week 47\n\nThe room is booked.\n");
  g_assert_true (g_file_equal (bulletin_document_get_file (f->document), f->file));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (bulletin_document_get_buffer (f->document))));
  g_assert_false (bulletin_document_get_loading (f->document));
  g_free (name);
  name = title (f);
  g_assert_cmpstr (name, ==, "week-47.md");
  g_assert_cmpstr (bulletin_draft_keeper_get_file_uri (keeper), ==, uri);
  /* loading on and the title of the file being opened, the file and its
   * title, loading off once the text is in, then the draft the opening
   * made (a milestone) */
  g_assert_cmpstr (f->events->str, ==, "loading=1;title;file;title;loading=0;draft-id;title;");
  g_assert_cmpint (bulletin_document_get_draft_id (f->document), >, 0);
  g_assert_cmpint (bulletin_store_find_draft_for_file (f->store, uri, NULL), ==,
                   bulletin_document_get_draft_id (f->document));
}

/* A file opened again finds its draft, and what the draft holds that the
 * file does not (edits never saved to it) comes back to be offered. */
static void
test_load_file_with_draft (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (f->file);
  g_autofree char *text = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "# Week 47\n\nEdits never saved.\n", uri, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), "# Week 47\n", -1, &error));

  bulletin_document_load_file_async (f->document, f->file, NULL, loaded_with_draft_cb, f);
  g_assert_true (bulletin_test_wait_until (is_done, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_no_error (f->error);

  text = bulletin_document_dup_text (f->document);
  g_assert_cmpstr (text, ==, "# Week 47\n");
  g_assert_cmpint (bulletin_document_get_draft_id (f->document), ==, id);
  g_assert_cmpstr (f->unsaved, ==, "# Week 47\n\nEdits never saved.\n");
  g_assert_false (f->elsewhere);
}

static gboolean
has_saved_version (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) versions = NULL;

  versions = bulletin_store_list_versions (f->store, bulletin_document_get_draft_id (f->document), NULL);
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    if (((BulletinVersionInfo *)g_ptr_array_index (versions, i))->kind == BULLETIN_VERSION_SAVED)
      return TRUE;

  return FALSE;
}

/* Typing while the file is written: the file holds what was saved, the
 * document stays modified, and the history keeps a "saved" milestone. */
static void
test_save_while_typing (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (bulletin_document_get_buffer (f->document));

  gtk_text_buffer_set_text (buffer, "Saved words.", -1);
  bulletin_document_save_file_async (f->document, f->file, NULL, saved_cb, f);
  g_assert_true (bulletin_document_get_saving (f->document));
  gtk_text_buffer_insert_at_cursor (buffer, " Typed meanwhile.", -1);
  g_assert_true (bulletin_test_wait_until (is_done, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_no_error (f->error);
  g_assert_true (f->ok);

  g_assert_false (bulletin_document_get_saving (f->document));
  g_assert_true (g_file_get_contents (g_file_peek_path (f->file), &on_disk, NULL, &error));
  g_assert_cmpstr (on_disk, ==, "Saved words.");
  g_assert_true (gtk_text_buffer_get_modified (buffer));
  g_assert_true (g_file_equal (bulletin_document_get_file (f->document), f->file));

  /* the milestone goes through the store's worker */
  g_assert_cmpint (bulletin_document_get_draft_id (f->document), >, 0);
  g_assert_true (bulletin_test_wait_until (has_saved_version, f, BULLETIN_TEST_TIMEOUT_MS));
}

static gboolean
keeper_saved (gpointer data)
{
  Fixture *f = data;

  return bulletin_draft_keeper_get_saved (bulletin_document_get_keeper (f->document));
}

/* An untitled draft is named by its first heading once it is kept. */
static void
test_title_follows_draft (Fixture       *f,
                          gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (bulletin_document_get_buffer (f->document));
  g_autofree char *named = NULL;
  guint64 serial = bulletin_document_get_change_serial (f->document);

  gtk_text_buffer_insert_at_cursor (buffer, "# Week 47\n\nNotes.", -1);
  g_assert_cmpuint (bulletin_document_get_change_serial (f->document), >, serial);
  bulletin_draft_keeper_save_now (bulletin_document_get_keeper (f->document));
  g_assert_true (bulletin_test_wait_until (keeper_saved, f, BULLETIN_TEST_TIMEOUT_MS));

  named = title (f);
  g_assert_cmpstr (named, ==, "Week 47");
  g_assert_nonnull (strstr (f->events->str, "draft-id;"));
  g_assert_nonnull (strstr (f->events->str, "title;"));
}

/* Text put in (a draft, a restored copy) is not an edit to undo. */
static void
test_replace_text (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (bulletin_document_get_buffer (f->document));
  g_autofree char *text = NULL;
  GtkTextIter cursor;

  bulletin_document_replace_text (f->document, "From the database.", -1);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, 0);
  text = bulletin_document_dup_text (f->document);
  g_assert_cmpstr (text, ==, "From the database.");
  g_assert_cmpstr (f->events->str, ==, "loading=1;loading=0;");
}

/* A file that cannot be opened leaves the title as it was: it named
 * the file only while it was being read. */
static void
test_load_missing_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *path = g_build_filename (f->dir, "not-there.md", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (path);

  bulletin_document_load_file_async (f->document, missing, NULL, loaded_cb, f);
  name = title (f);
  g_assert_cmpstr (name, ==, "not-there.md");
  g_assert_true (bulletin_test_wait_until (is_done, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (f->ok);

  g_free (name);
  name = title (f);
  g_assert_cmpstr (name, ==, "Untitled");
  g_assert_null (bulletin_document_get_file (f->document));
  g_assert_false (bulletin_document_get_loading (f->document));
}

/* A window closed while its file is still being read: the read is
 * cancelled, so nothing of it reaches the closed window or the store
 * (no draft for the file, no "opened" milestone). */
static void
test_window_close_cancels_load (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (f->file);
  BulletinWindow *window;

  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), "# Week 47\n", -1, &error));

  window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  bulletin_window_load_file (window, f->file);
  g_assert_false (bulletin_window_is_empty (window));
  /* waits until the window is finalized: the read holds it till then */
  bulletin_test_destroy_window (GTK_WINDOW (window));

  g_assert_cmpint (bulletin_store_find_draft_for_file (f->store, uri, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/document/load-file", test_load_file);
  ADD ("/document/load-missing-file", test_load_missing_file);
  ADD ("/document/load-file-with-draft", test_load_file_with_draft);
  ADD ("/document/save-while-typing", test_save_while_typing);
  ADD ("/document/title-follows-draft", test_title_follows_draft);
  ADD ("/document/replace-text", test_replace_text);
  ADD ("/document/window-close-cancels-load", test_window_close_cancels_load);

  return g_test_run ();
}
