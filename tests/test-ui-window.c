/* test-ui-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor window for real, under Xvfb: load an update, type, watch the
 * preview follow, and prove the preview runs no script and loads nothing
 * from the network.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bulletin-markdown.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-application.h"
#include "bulletin-window.h"

typedef struct
{
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  BulletinPreview *preview;
  WebKitWebView *web_view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = bulletin_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  f->preview = bulletin_test_window_preview (f->window);
  f->web_view = bulletin_preview_get_web_view (f->preview);
  bulletin_test_wait_for_preview (f->preview);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* discard, do not ask */
  gtk_text_buffer_set_modified (f->buffer, FALSE);
  bulletin_test_destroy_window (GTK_WINDOW (f->window));
}

static gboolean
file_loaded (gpointer data)
{
  Fixture *f = data;

  return bulletin_test_window_file (f->window) != NULL &&
         gtk_text_buffer_get_char_count (f->buffer) > 0;
}

static void
load_sample (Fixture    *f,
             const char *name)
{
  g_autofree char *path = bulletin_test_fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bulletin_window_load_file (f->window, file);
  g_assert_true (bulletin_test_wait_until (file_loaded, f, BULLETIN_TEST_TIMEOUT_MS));
  bulletin_test_wait_for_preview (f->preview);
}

static const char *
window_title (Fixture *f)
{
  return gtk_window_get_title (GTK_WINDOW (f->window));
}

typedef struct
{
  Fixture *f;
  const char *want;
} ImageWait;

static gboolean
images_loaded (gpointer data)
{
  ImageWait *w = data;
  g_autofree char *widths = bulletin_test_eval_js (w->f->web_view,
                                                   "Array.from (document.images).slice (0, 2)"
                                                   ".map (i => i.naturalWidth).join (' ')");

  return g_strcmp0 (widths, w->want) == 0;
}

/* Issue 14: images beside the draft's file showed as broken in the
 * preview, though the exports embed them. */
static void
test_local_images (Fixture       *f,
                   gconstpointer  data)
{
  ImageWait wait = { f, "240 960" };

  load_sample (f, "weekly-update-with-images.md");
  g_assert_true (bulletin_test_wait_until (images_loaded, &wait, BULLETIN_TEST_TIMEOUT_MS));
  /* still nothing from the network: the remote image stays unloaded */
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view,
                                                   "Array.from (document.images).filter (i => i.src.startsWith ('http')"
                                                   " && i.naturalWidth > 0).length"), ==, 0);
}

static void
test_load_sample (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  load_sample (f, "weekly-update-shared-record.md");

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "What’s happening next week?"));
  g_assert_nonnull (strstr (text, "Weekly update: one shared care record"));
  g_assert_null (strstr (text, "## "));
  g_assert_null (strstr (text, "](https"));

  /* the preview is the email: same inline styles as the export */
  html = bulletin_test_eval_js (f->web_view,
                                "document.querySelector('h2').getAttribute('style')");
  g_assert_nonnull (strstr (html, "font-size:22px"));

  g_assert_cmpstr (window_title (f), ==, "weekly-update-shared-record.md – Bulletin");
  g_assert_false (bulletin_test_window_modified (f->window));
}

static void
test_typing_updates_preview (Fixture       *f,
                             gconstpointer  data)
{
  GtkTextIter end;
  g_autofree char *text = NULL;

  load_sample (f, "weekly-update-shared-record.md");

  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
  gtk_text_buffer_insert_at_cursor (f->buffer, "\n- The comms team meets on **Thursday** at 10.\n", -1);

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "The comms team meets on Thursday at 10."));

  /* it joined the existing "next week" list rather than starting a new one */
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view,
                                                   "document.querySelectorAll('ul')[document.querySelectorAll('ul').length - 1].children.length"),
                     ==, 5);
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('strong').length"), ==, 1);

  g_assert_cmpstr (window_title (f), ==, "• weekly-update-shared-record.md – Bulletin");
  g_assert_true (bulletin_test_window_modified (f->window));
}

static gboolean
checks_done_cb (gpointer data)
{
  Fixture *f = data;

  return !bulletin_test_window_is_checking (f->window) &&
         bulletin_test_window_check_report (f->window) != NULL;
}

/* What a comms officer pastes from a PDF: a megabyte on one line, then a
 * list nested 5,000 deep, then typing. The pasted line comes in folded at
 * spaces (as GTK lays a paragraph out whole on every keystroke, a 1 MB
 * line froze the window for minutes), the preview and the checks keep up,
 * and the window lives on. Keystroke timings are bench-preview's
 * (--draft=FILE), not a test's. */
static void
test_paste_huge_and_deep (Fixture       *f,
                          gconstpointer  data)
{
  static const char *words[] = { "the", "board", "met", "on", "Tuesday", "to", "agree", "a", "plan" };
  g_autoptr(GString) paste = g_string_new ("# Pasted from a PDF\n\n");
  g_autoptr(GString) deep = g_string_new ("\n\n");
  g_autofree char *buffer_text = NULL;
  g_autofree char *shown = NULL;
  GtkTextIter end;

  for (guint i = 0; paste->len < 1024 * 1024; i++)
    {
      g_string_append (paste, words[i % G_N_ELEMENTS (words)]);
      g_string_append_c (paste, ' ');
    }
  g_string_append (paste, "agreed");
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "- ");
  g_string_append (deep, "deepest item\n");

  gtk_text_buffer_insert_interactive_at_cursor (f->buffer, paste->str, paste->len, TRUE);
  gtk_text_buffer_insert_interactive_at_cursor (f->buffer, deep->str, deep->len, TRUE);
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
  for (const char *p = "Typed after it."; *p != '\0'; p++)
    {
      gtk_text_buffer_insert_interactive_at_cursor (f->buffer, p, 1, TRUE);
      bulletin_test_wait_queued ();
    }

  /* every line of the pasted paragraph is short again (the nested list,
   * 10 KB with no space between words, stays whole); no byte went
   * missing */
  buffer_text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpuint (strlen (buffer_text), ==, paste->len + deep->len + strlen ("Typed after it."));
  g_assert_cmpuint (bulletin_test_longest_line (buffer_text, "- "), <=, BULLETIN_MARKDOWN_FOLD_AT + 100);

  /* the preview shows one paragraph, the deepest item and the typing */
  shown = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (shown, "the board met on Tuesday to agree a plan the board"));
  g_assert_nonnull (strstr (shown, "agreed"));
  g_assert_nonnull (strstr (shown, "deepest item"));
  g_assert_nonnull (strstr (shown, "Typed after it."));
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('p').length"), >=, 1);

  /* the checks get through it too */
  g_assert_true (bulletin_test_wait_until (checks_done_cb, f, BULLETIN_TEST_TIMEOUT_MS));
}

static void
test_typing_burst (Fixture       *f,
                   gconstpointer  data)
{
  static const char words[] = "Directors of Finance will meet on Wednesday";
  g_autofree char *text = NULL;
  GtkTextIter end;

  load_sample (f, "weekly-update-neighbourhood-teams.md");

  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
  gtk_text_buffer_insert_at_cursor (f->buffer, "\n\n", -1);

  /* one character at a time, as a typist would, without waiting */
  for (const char *p = words; *p; p++)
    {
      gtk_text_buffer_insert_at_cursor (f->buffer, p, 1);
      g_main_context_iteration (NULL, FALSE);
    }

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, words));
  g_assert_cmpuint (bulletin_preview_get_n_updates (f->preview), >=, 2);
}

typedef struct
{
  Fixture *f;
  const char *script;   /* evaluates to 1 when the wait is over */
} JsCondition;

static gboolean
js_is_true (gpointer data)
{
  JsCondition *c = data;

  return bulletin_test_eval_js_number (c->f->web_view, c->script) == 1;
}

static void
test_scroll_survives_update (Fixture       *f,
                             gconstpointer  data)
{
  JsCondition scrolled = { f, "window.scrollY == 900 ? 1 : 0" };
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  double before, after;

  load_sample (f, "weekly-update-shared-record.md");

  gtk_text_buffer_get_start_iter (f->buffer, &start);
  gtk_text_buffer_place_cursor (f->buffer, &start);
  bulletin_test_wait_for_preview (f->preview);

  bulletin_test_eval_js (f->web_view, "window.scrollTo(0, 900); ''");
  g_assert_true (bulletin_test_wait_until (js_is_true, &scrolled, BULLETIN_TEST_TIMEOUT_MS));
  before = bulletin_test_eval_js_number (f->web_view, "window.scrollY");
  g_assert_cmpfloat (before, ==, 900);

  /* an edit far below the visible part, cursor unmoved */
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_insert (f->buffer, &end, "\nA new closing line.\n", -1);

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "A new closing line."));

  after = bulletin_test_eval_js_number (f->web_view, "window.scrollY");
  g_assert_cmpfloat (after, ==, before);
}

static void
test_cursor_scrolls_preview (Fixture       *f,
                             gconstpointer  data)
{
  /* the preview scrolls a moment after the cursor moves: wait for what
   * the reader would see */
  JsCondition last_item_shown = {
    f, "(() => { const r = [...document.querySelectorAll('li')].pop().getBoundingClientRect();"
       " return window.scrollY > 0 && r.top >= 0 && r.bottom <= window.innerHeight ? 1 : 0; })()"
  };
  JsCondition heading_shown = { f, "document.querySelector('h1').getBoundingClientRect().bottom > 0 ? 1 : 0" };
  GtkTextIter iter;

  load_sample (f, "weekly-update-shared-record.md");
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "window.scrollY"), ==, 0);

  /* the cursor on the last bullet brings "next week" into view */
  gtk_text_buffer_get_end_iter (f->buffer, &iter);
  gtk_text_iter_backward_line (&iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  g_assert_true (bulletin_test_wait_until (js_is_true, &last_item_shown, BULLETIN_TEST_TIMEOUT_MS));

  /* and back to the top */
  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  g_assert_true (bulletin_test_wait_until (js_is_true, &heading_shown, BULLETIN_TEST_TIMEOUT_MS));
}

#define PROBE "bulletin-test-probe"

typedef struct
{
  GSocketService *service;
  guint16 port;
  guint n_connections;
  guint n_probes;
} Listener;

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Listener *l = user_data;
  char buf[256] = { 0 };
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  g_input_stream_read (in, buf, sizeof buf - 1, NULL, NULL);
  if (g_str_equal (buf, PROBE))
    l->n_probes++;
  else
    {
      l->n_connections++;
      g_test_message ("Unexpected request: %s", buf);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static gboolean
probe_answered (gpointer data)
{
  Listener *l = data;

  return l->n_probes > 0;
}

/* Proves that no connection is waiting to be counted: the listener
 * accepts in order, so once our own probe, sent now, has been answered,
 * every connection made before it has been too. */
static void
listener_flush (Listener *l)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  l->n_probes = 0;
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", l->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             PROBE, strlen (PROBE), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_test_wait_until (probe_answered, l, BULLETIN_TEST_TIMEOUT_MS));
}

static void
listener_start (Listener *l)
{
  g_autoptr(GError) error = NULL;

  l->service = g_socket_service_new ();
  l->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (l->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (l->service, "incoming", G_CALLBACK (incoming_cb), l);
  g_socket_service_start (l->service);
}

static gboolean
record_link_cb (BulletinPreview *preview,
                const char      *uri,
                char           **out)
{
  g_free (*out);
  *out = g_strdup (uri);
  return TRUE;
}

static gboolean
link_recorded (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_preview_safety (Fixture       *f,
                     gconstpointer  data)
{
  Listener l = { 0 };
  JsCondition images_settled = { f, "[...document.images].every (i => i.complete) ? 1 : 0" };
  g_autofree char *md = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pwned = NULL;
  g_autofree char *title = NULL;
  g_autofree char *clicked = NULL;
  g_autofree char *expected = NULL;

  listener_start (&l);

  md = g_strdup_printf ("# Safety\n\n"
                        "<script>window.pwned = 1; document.title = 'pwned';</script>\n\n"
                        "Inline <img src=\"http://127.0.0.1:%u/raw.png\" onerror=\"window.pwned = 2\"> html.\n\n"
                        "![remote image](http://127.0.0.1:%u/image.png)\n\n"
                        "[a remote page](http://127.0.0.1:%u/page) and [bad](javascript:window.pwned=3)\n",
                        l.port, l.port, l.port);
  gtk_text_buffer_set_text (f->buffer, md, -1);

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "a remote page"));
  /* raw HTML is shown as text, never run */
  g_assert_nonnull (strstr (text, "<script>window.pwned = 1;"));

  /* Any fetch the page tried is over once every image has loaded or
   * failed (an image fetched from the listener cannot finish before the
   * listener has answered it); then the probe shows none reached it. */
  g_assert_true (bulletin_test_wait_until (js_is_true, &images_settled, BULLETIN_TEST_TIMEOUT_MS));
  listener_flush (&l);

  pwned = bulletin_test_eval_js (f->web_view, "typeof window.pwned");
  g_assert_cmpstr (pwned, ==, "undefined");
  title = bulletin_test_eval_js (f->web_view, "document.title");
  g_assert_cmpstr (title, !=, "pwned");
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.scripts.length"), ==, 0);
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('[onerror]').length"), ==, 0);
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('a[href^=\"javascript\"]').length"), ==, 0);
  /* the remote image is a box with its description, never fetched (the
   * page's Content-Security-Policy would block it too) */
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('img').length"), ==, 0);
  g_assert_cmpfloat (bulletin_test_eval_js_number (f->web_view, "document.querySelectorAll('[role=img]').length"), ==, 1);
  g_assert_nonnull (strstr (text, "remote image\nPicture from 127.0.0.1, shown when the email is opened"));
  g_assert_cmpuint (l.n_connections, ==, 0);

  /* A click on a link leaves the preview where it is and hands the link
   * to the desktop instead. */
  g_signal_connect (f->preview, "activate-link", G_CALLBACK (record_link_cb), &clicked);
  bulletin_test_eval_js (f->web_view, "document.querySelector('a').click(); ''");
  g_assert_true (bulletin_test_wait_until (link_recorded, &clicked, BULLETIN_TEST_TIMEOUT_MS));
  expected = g_strdup_printf ("http://127.0.0.1:%u/page", l.port);
  g_assert_cmpstr (clicked, ==, expected);

  /* the navigation was refused in the same policy decision that reported
   * the link; the probe shows nothing reached the listener meanwhile */
  listener_flush (&l);
  g_assert_cmpstr (webkit_web_view_get_uri (f->web_view), ==, "about:blank");
  g_assert_cmpuint (l.n_connections, ==, 0);
  g_free (text);
  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "a remote page"));

  g_signal_handlers_disconnect_by_func (f->preview, record_link_cb, &clicked);
  g_socket_service_stop (l.service);
  g_object_unref (l.service);
}

static void
test_untitled_title (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpstr (window_title (f), ==, "Untitled – Bulletin");
  gtk_text_buffer_insert_at_cursor (f->buffer, "Hello", -1);
  g_assert_cmpstr (window_title (f), ==, "• Untitled – Bulletin");
}

static gboolean
not_modified (gpointer data)
{
  Fixture *f = data;

  return !bulletin_test_window_modified (f->window);
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Friday.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *on_disk = NULL;
  g_autofree char *in_buffer = NULL;

  gtk_text_buffer_insert_at_cursor (f->buffer, "# Friday\n\nHave a good weekend — ☃\n", -1);
  g_assert_true (bulletin_test_window_modified (f->window));

  bulletin_window_save (f->window, file, FALSE);
  g_assert_true (bulletin_test_wait_until (not_modified, f, BULLETIN_TEST_TIMEOUT_MS));

  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  in_buffer = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (on_disk, ==, in_buffer);
  g_assert_true (g_file_equal (bulletin_test_window_file (f->window), file));
  g_assert_cmpstr (window_title (f), ==, "Friday.md – Bulletin");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_open_invalid_utf8 (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-open-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char bytes[] = "# Update\n\nWhat’s \xff\xfe happening\n";
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  g_assert_true (g_file_set_contents (path, bytes, sizeof bytes - 1, NULL));

  bulletin_window_load_file (f->window, file);
  g_assert_true (bulletin_test_wait_until (file_loaded, f, BULLETIN_TEST_TIMEOUT_MS));

  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, "# Update\n\nWhat’s \xEF\xBF\xBD\xEF\xBF\xBD happening\n");
  /* the repaired text differs from the file, so it is unsaved */
  g_assert_true (bulletin_test_window_modified (f->window));

  shown = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (shown, "What’s \xEF\xBF\xBD\xEF\xBF\xBD happening"));

  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
preview_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
test_toggle_preview (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->preview)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-preview", NULL);
  g_assert_true (bulletin_test_wait_until (preview_hidden, f->preview, BULLETIN_TEST_TIMEOUT_MS));

  /* edits made while hidden show up when the preview comes back */
  gtk_text_buffer_set_text (f->buffer, "Written while hidden", -1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-preview", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->preview)));

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "Written while hidden"));
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = NULL;

  load_sample (f, "weekly-update-neighbourhood-teams.md");
  gtk_text_buffer_insert_at_cursor (f->buffer, "Typo ", -1);
  g_assert_true (gtk_text_buffer_get_can_undo (f->buffer));
  gtk_text_buffer_undo (f->buffer);

  text = bulletin_test_buffer_text (f->buffer);
  g_assert_true (g_str_has_prefix (text, "# Weekly update: neighbourhood"));
  /* loading the file itself is not an undo step */
  g_assert_false (gtk_text_buffer_get_can_undo (f->buffer));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static void
test_drop_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = bulletin_test_fixture_path ("weekly-update-neighbourhood-teams.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  g_autofree char *text = NULL;

  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);

  g_assert_true (accepted);
  g_assert_true (bulletin_test_wait_until (file_loaded, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (g_file_equal (bulletin_test_window_file (f->window), file));

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "What else has been happening this week?"));
}

static void
test_drop_refuses_images (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/photo.png");
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (f->window));
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean accepted = TRUE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);

  g_assert_false (accepted);
  /* nothing to wait for: a load marks the window busy the moment it
   * starts, so an empty window now means none was started */
  g_assert_true (bulletin_window_is_empty (f->window));
  g_assert_null (bulletin_test_window_file (f->window));
  g_assert_cmpint (gtk_text_buffer_get_char_count (f->buffer), ==, 0);
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog_for (GTK_WINDOW (data)) != NULL;
}

static gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static void
destroyed_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  *(gboolean *)data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

static void
test_close_asks_about_unsaved (Fixture       *f,
                               gconstpointer  data)
{
  AdwMessageDialog *dialog;
  gboolean destroyed = FALSE;

  gtk_text_buffer_insert_at_cursor (f->buffer, "Words worth keeping", -1);

  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (bulletin_test_wait_until (dialog_shown, f->window, BULLETIN_TEST_TIMEOUT_MS));
  dialog = find_dialog_for (GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");

  /* Cancel keeps the window and the words */
  adw_message_dialog_response (dialog, "cancel");
  /* the answer is handled in the response signal; whatever that queued
   * has run too, and the window is still there */
  bulletin_test_wait_queued ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (f->buffer), ==, strlen ("Words worth keeping"));

  /* Discard closes it */
  g_object_weak_ref (G_OBJECT (f->window), destroyed_cb, &destroyed);
  g_object_ref (f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (bulletin_test_wait_until (dialog_shown, f->window, BULLETIN_TEST_TIMEOUT_MS));
  adw_message_dialog_response (find_dialog_for (GTK_WINDOW (f->window)), "discard");
  g_assert_true (bulletin_test_wait_until (window_hidden, f->window, BULLETIN_TEST_TIMEOUT_MS));
  g_object_unref (f->window);
  g_assert_true (bulletin_test_wait_until (flag_set, &destroyed, BULLETIN_TEST_TIMEOUT_MS));

  /* teardown needs a window */
  f->window = bulletin_window_new (NULL);
  f->buffer = bulletin_test_window_buffer (f->window);
}

static gboolean
preview_shows_typing (gpointer data)
{
  Fixture *f = data;
  g_autofree char *text = NULL;

  if (bulletin_preview_get_busy (f->preview))
    return FALSE;
  text = bulletin_test_eval_js (f->web_view, "document.body.innerText");
  return strstr (text, "Typed before the crash.") != NULL;
}

/* The preview keeps the newest text for one reason: a web process that
 * dies takes the page with it, and the new one must show the draft as it
 * is now, with nothing retyped. */
static void
test_preview_survives_web_process_crash (Fixture       *f,
                                         gconstpointer  data)
{
  GtkTextIter end;
  g_autofree char *text = NULL;

  load_sample (f, "weekly-update-shared-record.md");
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
  gtk_text_buffer_insert_at_cursor (f->buffer, "\nTyped before the crash.\n", -1);
  bulletin_test_wait_for_preview (f->preview);

  g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "*web process ended*");
  webkit_web_view_terminate_web_process (f->web_view);
  g_assert_true (bulletin_test_wait_until (preview_shows_typing, f, BULLETIN_TEST_TIMEOUT_MS));
  g_test_assert_expected_messages ();

  text = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (text, "Weekly update: one shared care record"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* Alt and a letter reach one item of the main menu (issue 15: five
 * letters were each on two items) */
static void
test_main_menu_access_keys (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *menu_button = bulletin_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                                      "open-menu-symbolic");
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_nonnull (menu_button);
  bulletin_test_menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), labels);
  g_assert_cmpuint (strlen (labels->str), >, 100);
  bulletin_test_assert_access_keys_unique (labels->str);
}

/* Every keyboard shortcut of the app is in the shortcuts window, and the
 * shortcuts window shows none that the app does not have (issue 15: three
 * were missing). */
static void
test_shortcuts_window_lists_every_accelerator (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/bulletin/Bulletin/bulletin-help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) accelerated = g_hash_table_new (g_str_hash, g_str_equal);
  const BulletinAccel *accels;
  guint n_accels = 0;
  GHashTableIter iter;
  gpointer action;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *name = NULL;

        g_object_get (l->data, "action-name", &name, NULL);
        if (name != NULL)
          g_hash_table_add (listed, g_steal_pointer (&name));
      }

  accels = bulletin_application_get_accels (&n_accels);
  g_assert_cmpuint (n_accels, >, 10);
  for (guint i = 0; i < n_accels; i++)
    {
      g_hash_table_add (accelerated, (gpointer)accels[i].action);
      if (!g_hash_table_contains (listed, accels[i].action))
        g_error ("%s (%s) is missing from the shortcuts window", accels[i].action, accels[i].accels[0]);
    }

  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, &action, NULL))
    if (!g_hash_table_contains (accelerated, action))
      g_error ("the shortcuts window lists %s, which has no shortcut", (char *)action);
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/window/main-menu-access-keys", test_main_menu_access_keys);
  g_test_add_func ("/ui/window/shortcuts-window-lists-every-accelerator",
                   test_shortcuts_window_lists_every_accelerator);

  ADD ("/ui/window/load-sample", test_load_sample);
  ADD ("/ui/window/local-images", test_local_images);
  ADD ("/ui/window/typing-updates-preview", test_typing_updates_preview);
  ADD ("/ui/window/typing-burst", test_typing_burst);
  ADD ("/ui/window/scroll-survives-update", test_scroll_survives_update);
  ADD ("/ui/window/cursor-scrolls-preview", test_cursor_scrolls_preview);
  ADD ("/ui/window/preview-safety", test_preview_safety);
  ADD ("/ui/window/untitled-title", test_untitled_title);
  ADD ("/ui/window/save", test_save);
  ADD ("/ui/window/open-invalid-utf8", test_open_invalid_utf8);
  ADD ("/ui/window/toggle-preview", test_toggle_preview);
  ADD ("/ui/window/undo", test_undo);
  ADD ("/ui/window/drop-file", test_drop_file);
  ADD ("/ui/window/drop-refuses-images", test_drop_refuses_images);
  ADD ("/ui/window/close-asks-about-unsaved", test_close_asks_about_unsaved);
  ADD ("/ui/window/paste-huge-and-deep", test_paste_huge_and_deep);
  ADD ("/ui/window/preview-survives-web-process-crash", test_preview_survives_web_process_crash);

  return g_test_run ();
}
