/* test-ui-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14 in the window, under Xvfb: the preview says the update's
 * language, an HTML export takes its images along into a folder, and
 * Copy for Email carries them inside the HTML.
 */

#include "config.h"

#include <string.h>

#include "bulletin-export.h"
#include "bulletin-preferences-window.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  GSettings *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->settings = g_settings_new ("io.github.bulletin.Bulletin");
  g_settings_reset (f->settings, "document-language");
  f->dir = g_dir_make_tmp ("bulletin-images-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_close_windows (GTK_WINDOW (f->window));
  g_settings_reset (f->settings, "document-language");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  WebKitWebView *view;
  const char    *script;
  const char    *want;
} JsWait;

static gboolean
js_gives (gpointer data)
{
  JsWait *w = data;
  g_autofree char *got = bulletin_test_eval_js (w->view, w->script);
  static char *last;

  /* what it gave last, for a failure to show */
  if (g_strcmp0 (got, last) != 0)
    {
      g_test_message ("the page gives “%s”, waiting for “%s”", got, w->want);
      g_free (last);
      last = g_strdup (got);
    }
  return g_strcmp0 (got, w->want) == 0;
}

/* Issue 14: the preview said lang="en" whatever the update's language.
 * It says the setting's, turns right to left for Arabic, and follows
 * the locale when the setting is empty. */
static void
test_preview_language (Fixture       *f,
                       gconstpointer  data)
{
  BulletinPreview *preview = bulletin_test_window_preview (f->window);
  JsWait w = {
    bulletin_preview_get_web_view (preview),
    "document.documentElement.lang + ' ' + document.documentElement.dir + ' ' + "
    "document.getElementById ('bulletin-content').lang + ' ' + "
    "getComputedStyle (document.body).direction",
    NULL,
  };
  g_autofree char *system = bulletin_export_document_language ();
  g_autofree char *system_want = g_strdup_printf ("%s  %s ltr", system, system);

  gtk_text_buffer_set_text (f->buffer, "# مرحبا\n\nالتحديث الأسبوعي.\n", -1);
  bulletin_test_wait_for_preview (preview);

  w.want = system_want;
  g_assert_true (bulletin_test_wait_until (js_gives, &w, BULLETIN_TEST_TIMEOUT_MS));

  g_settings_set_string (f->settings, "document-language", "ar");
  w.want = "ar rtl ar rtl";
  g_assert_true (bulletin_test_wait_until (js_gives, &w, BULLETIN_TEST_TIMEOUT_MS));
  /* the text is back after the page was loaded again */
  bulletin_test_wait_for_preview (preview);
  {
    g_autofree char *text = bulletin_test_preview_text (preview);

    g_assert_nonnull (strstr (text, "التحديث الأسبوعي"));
  }

  g_settings_set_string (f->settings, "document-language", "de-CH");
  w.want = "de-CH  de-CH ltr";
  g_assert_true (bulletin_test_wait_until (js_gives, &w, BULLETIN_TEST_TIMEOUT_MS));
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 14: in a right-to-left update a paragraph of images alone sat
 * on the left (dir="auto" finds no letter and says left to right), lists
 * and quotes were indented and ruled on the left, their bullets hanging
 * past the column's right edge, and a list item's words sat on the left
 * (the list, its own dir="auto" finding no letter, was left to right);
 * an English item among them keeps to the left. */
static void
test_preview_right_to_left_layout (Fixture       *f,
                                   gconstpointer  data)
{
  BulletinPreview *preview = bulletin_test_window_preview (f->window);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 10);
  g_autofree char *png = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *markdown = NULL;
  gsize len;
  JsWait w = {
    bulletin_preview_get_web_view (preview),
    "(() => { const col = document.getElementById ('bulletin-content');"
    " const img = col.querySelector ('img'); const ul = col.querySelector ('ul');"
    " const quote = col.querySelector ('blockquote');"
    " if (!img || !img.complete || !ul || !quote) return '';"
    " const inner = col.getBoundingClientRect ().right - parseFloat (getComputedStyle (col).paddingRight);"
    " const u = getComputedStyle (ul), q = getComputedStyle (quote);"
    " const li = ul.querySelector ('li'), words = document.createRange ();"
    " const english = ul.querySelectorAll ('li')[1], english_words = document.createRange ();"
    " words.selectNodeContents (li); english_words.selectNodeContents (english);"
    " return [Math.abs (img.getBoundingClientRect ().right - inner) < 2,"
    "         Math.abs (words.getBoundingClientRect ().right - li.getBoundingClientRect ().right) < 2 &&"
    "         Math.abs (english_words.getBoundingClientRect ().left - english.getBoundingClientRect ().left) < 2,"
    "         u.paddingRight, u.paddingLeft, q.borderRightWidth, q.borderLeftWidth].join (' '); }) ()",
    "true true 28px 0px 4px 0px",
  };

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &len, "png", NULL, NULL));
  base64 = g_base64_encode ((const guchar *)png, len);
  markdown = g_strdup_printf ("# مرحبا\n\n![شعار](data:image/png;base64,%s)\n\n- البند الأول\n- An English item\n\n"
                              "> اقتباس قصير.\n", base64);

  g_settings_set_string (f->settings, "document-language", "ar");
  gtk_text_buffer_set_text (f->buffer, markdown, -1);
  g_assert_true (bulletin_test_wait_until (js_gives, &w, BULLETIN_TEST_TIMEOUT_MS));
}

/* The Preferences row writes the setting, and marks what is no tag */
static void
test_preferences_language (Fixture       *f,
                           gconstpointer  data)
{
  BulletinPreferencesWindow *prefs = bulletin_preferences_window_new (GTK_WINDOW (f->window));
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (prefs));
  row = find_row (GTK_WIDGET (prefs), "Language Tag, Such as en-GB, de or ar");
  g_assert_nonnull (row);

  gtk_editable_set_text (GTK_EDITABLE (row), "he");
  {
    g_autofree char *value = g_settings_get_string (f->settings, "document-language");

    g_assert_cmpstr (value, ==, "he");
  }
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "Hebrew please");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
window_has_file (gpointer data)
{
  Fixture *f = data;

  return bulletin_test_window_file (f->window) != NULL && gtk_text_buffer_get_char_count (f->buffer) > 0;
}

static void
load_images_fixture (Fixture *f)
{
  g_autofree char *path = bulletin_test_fixture_path ("weekly-update-with-images.md");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  bulletin_window_load_file (f->window, file);
  g_assert_true (bulletin_test_wait_until (window_has_file, f, BULLETIN_TEST_TIMEOUT_MS));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Issue 14: an HTML export from the window takes the images beside the
 * draft along, into a folder named after it, as the command line does */
static void
test_export_html_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *html_path = g_build_filename (f->dir, "Update 4 December.html", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "Update 4 December_files", NULL);
  g_autofree char *logo = g_build_filename (folder, "partnership-logo.png", NULL);
  g_autofree char *fair = g_build_filename (folder, "volunteers-fair.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (html_path);
  g_autofree char *contents = NULL;

  load_images_fixture (f);
  bulletin_window_export (f->window, BULLETIN_EXPORT_HTML, file);
  g_assert_true (bulletin_test_wait_until (file_exists, html_path, BULLETIN_TEST_TIMEOUT_MS));

  /* the images are written before the page that shows them */
  g_assert_true (g_file_test (logo, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (fair, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<img src=\"Update%204%20December_files/partnership-logo.png\""));
  g_assert_nonnull (strstr (contents, "<img src=\"Update%204%20December_files/volunteers-fair.png\""));
}

static gboolean
clipboard_has_html (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_mime_type (formats, "text/html");
}

/* Issue 14: Copy for Email left local images out of what is pasted. A
 * mail composer takes the clipboard's text/html alone, so the images go
 * inside it as data: addresses, which Outlook and Gmail paste. */
static void
test_copy_for_email_images (Fixture       *f,
                            gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_autofree char *logo_path = g_test_build_filename (G_TEST_DIST, "data", "images", "partnership-logo.png", NULL);
  g_autofree char *logo = NULL;
  g_autofree char *logo_base64 = NULL;
  g_autofree char *want = NULL;
  gsize logo_len;
  g_autofree char *html = NULL;

  load_images_fixture (f);
  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  g_assert_true (bulletin_test_wait_until (clipboard_has_html, clipboard, BULLETIN_TEST_TIMEOUT_MS));

  html = bulletin_test_clipboard_read (clipboard, "text/html");
  g_assert_nonnull (html);

  g_assert_true (g_file_get_contents (logo_path, &logo, &logo_len, NULL));
  logo_base64 = g_base64_encode ((const guchar *)logo, logo_len);
  want = g_strdup_printf ("<img src=\"data:image/png;base64,%s\" alt=\"Brookfield and Moorside Health and Care Partnership\" width=\"240\"",
                          logo_base64);
  g_assert_nonnull (strstr (html, want));
  g_assert_cmpuint (bulletin_test_count (html, "<img src=\"data:image/png;base64,"), ==, 2);
  /* remote ones stay remote */
  g_assert_nonnull (strstr (html, "<img src=\"https://example.org/volunteering/fair-map.png\""));
  g_assert_null (strstr (html, "src=\"images/"));

}

typedef struct
{
  Fixture    *f;
  const char *needle;
} BufferWait;

static gboolean
buffer_has (gpointer data)
{
  BufferWait *w = data;
  g_autofree char *text = bulletin_test_buffer_text (w->f->buffer);

  return strstr (text, w->needle) != NULL;
}

/* the natural width of the preview's first <img>, once it has loaded */
static const char natural_width_js[] =
  "(() => { const i = document.querySelector ('#bulletin-content img');"
  " return i && i.complete ? String (i.naturalWidth) : ''; }) ()";

/* Issue 14: a picture pasted into a draft with no file (a screenshot,
 * "Copy Image" in a browser) is kept in the database: the text gets
 * `![…](bulletin-image:…)` where the cursor was, and the preview shows
 * the picture itself. */
static void
test_paste_texture (Fixture       *f,
                    gconstpointer  data)
{
  GtkTextView *view = bulletin_test_window_text_view (f->window);
  BulletinPreview *preview = bulletin_test_window_preview (f->window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 120, 80);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  BufferWait pasted = { f, "![Pasted image](bulletin-image:" };
  JsWait shown = { bulletin_preview_get_web_view (preview), natural_width_js, "120" };
  const char *uri;
  GtkTextIter end;

  gtk_text_buffer_set_text (f->buffer, "# Update\n\nBefore the picture.", -1);
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_place_cursor (f->buffer, &end);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gdk_clipboard_set_texture (clipboard, texture);

  g_signal_emit_by_name (view, "paste-clipboard");
  g_assert_true (bulletin_test_wait_until (buffer_has, &pasted, BULLETIN_TEST_TIMEOUT_MS));

  /* its own paragraph, after the text */
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_true (g_str_has_prefix (text, "# Update\n\nBefore the picture.\n\n![Pasted image](bulletin-image:"));
  uri = strstr (text, "(bulletin-image:") + 1;
  {
    g_autofree char *address = g_strndup (uri, strcspn (uri, ")"));

    kept = bulletin_store_image_get (f->store, address, &name, NULL, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Pasted image.png");
  {
    g_autoptr(GdkTexture) back = gdk_texture_new_from_bytes (kept, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (back), ==, 120);
  }

  g_assert_true (bulletin_test_wait_until (js_gives, &shown, BULLETIN_TEST_TIMEOUT_MS));
}

static GtkDropTarget *
file_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                             GDK_TYPE_FILE_LIST))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Issue 14: an image file dropped on a draft that has a file is copied
 * into an "images" folder beside it and linked relatively, so the
 * folder carries the update whole; the preview shows it from there */
static void
test_drop_image_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *draft_path = g_build_filename (f->dir, "update.md", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "images", "volunteers-fair.png", NULL);
  g_autofree char *copied = g_build_filename (f->dir, "images", "volunteers-fair.png", NULL);
  g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
  g_autoptr(GFile) image = g_file_new_for_path (source);
  BulletinPreview *preview = bulletin_test_window_preview (f->window);
  BufferWait dropped = { f, "![volunteers-fair](images/volunteers-fair.png)" };
  JsWait shown = { bulletin_preview_get_web_view (preview), natural_width_js, "960" };
  GtkDropTarget *target = file_drop_target (GTK_WIDGET (f->window));
  GSList *list = g_slist_prepend (NULL, image);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  g_autofree char *a = NULL, *b = NULL;
  gsize la, lb;

  g_assert_true (g_file_set_contents (draft_path, "# Update\n\nThe fair.\n", -1, NULL));
  bulletin_window_load_file (f->window, draft);
  g_assert_true (bulletin_test_wait_until (window_has_file, f, BULLETIN_TEST_TIMEOUT_MS));

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  /* on the window's corner, outside the editor: at the cursor */
  g_signal_emit_by_name (target, "drop", &value, 1.0, 1.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  g_assert_true (bulletin_test_wait_until (buffer_has, &dropped, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (copied, &a, &la, NULL));
  g_assert_true (g_file_get_contents (source, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  g_assert_true (bulletin_test_wait_until (js_gives, &shown, BULLETIN_TEST_TIMEOUT_MS));
}

static gboolean
shows_left_out_toast (gpointer data)
{
  return bulletin_test_shows_label (data, "The image “gone.png” is left out: there is no file",
                                    BULLETIN_TEST_MATCH_PREFIX);
}

/* Issue 14: an image the export leaves out (missing, damaged, too large
 * to copy) was only a warning on the command line; the window said
 * nothing, and the update went out without it. A toast names it. */
static void
test_left_out_image_toast (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *draft_path = g_build_filename (f->dir, "update.md", NULL);
  g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));

  g_assert_true (g_file_set_contents (draft_path, "# Update\n\n![Gone](gone.png)\n", -1, NULL));
  bulletin_window_load_file (f->window, draft);
  g_assert_true (bulletin_test_wait_until (window_has_file, f, BULLETIN_TEST_TIMEOUT_MS));

  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  /* the missing image is a finding: the findings question comes first
   * (test-ui-flow.c tests it), and the copy goes as it is */
  bulletin_test_answer_dialog ("send");
  g_assert_true (bulletin_test_wait_until (shows_left_out_toast, f->window, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (clipboard_has_html, clipboard, BULLETIN_TEST_TIMEOUT_MS));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/images/preview-language", test_preview_language);
  ADD ("/ui/images/preferences-language", test_preferences_language);
  ADD ("/ui/images/preview-right-to-left-layout", test_preview_right_to_left_layout);
  ADD ("/ui/images/export-html-folder", test_export_html_folder);
  ADD ("/ui/images/copy-for-email", test_copy_for_email_images);
  ADD ("/ui/images/paste-texture", test_paste_texture);
  ADD ("/ui/images/drop-image-file", test_drop_image_file);
  ADD ("/ui/images/left-out-image-toast", test_left_out_image_toast);

  return g_test_run ();
}
