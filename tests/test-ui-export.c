/* test-ui-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sending from the window under Xvfb: Copy for Email puts both HTML and
 * plain text on the clipboard, each export writes the core's output and
 * records a milestone in the draft's history, and what the window writes
 * is byte for byte what `bulletin --export` writes for the same draft.
 */

#include "config.h"

#include <string.h>

#include "bulletin-check-report.h"
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
  char *sample;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-export-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  f->sample = bulletin_test_read_fixture ("weekly-update-shared-record.md");

  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
  gtk_text_buffer_set_text (f->buffer, f->sample, -1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->sample);
}

static char *
expected (Fixture              *f,
          BulletinExportFormat  format)
{
  g_autoptr(GBytes) bytes = bulletin_export_render (format, f->sample, strlen (f->sample), NULL, NULL, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
clipboard_has_html (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_mime_type (formats, "text/html");
}

static void
test_copy_for_email (Fixture       *f,
                     gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_autofree char *want_text = expected (f, BULLETIN_EXPORT_TEXT);
  g_autofree char *want_html = expected (f, BULLETIN_EXPORT_HTML);
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  /* the fixture has findings open: asked first (test-ui-flow.c tests
   * the question), and sent as it is */
  bulletin_test_answer_dialog ("send");
  g_assert_true (bulletin_test_wait_until (clipboard_has_html, clipboard, BULLETIN_TEST_TIMEOUT_MS));

  text = bulletin_test_clipboard_read (clipboard, NULL);
  g_assert_cmpstr (text, ==, want_text);

  html = bulletin_test_clipboard_read (clipboard, "text/html");
  g_assert_cmpstr (html, ==, want_html);
  g_assert_nonnull (strstr (html, "style=\""));
}

typedef struct
{
  const char *path;
  const char *needle;
} FileWait;

static gboolean
file_has (gpointer data)
{
  FileWait *w = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (w->path, &contents, NULL, NULL) && strstr (contents, w->needle) != NULL;
}

typedef struct
{
  Fixture *f;
} MilestoneWait;

static gboolean
has_export_milestone (gpointer data)
{
  Fixture *f = data;
  gint64 id = bulletin_test_window_draft_id (f->window);
  g_autoptr(GPtrArray) versions = NULL;

  if (id == 0)
    return FALSE;
  versions = bulletin_store_list_versions (f->store, id, NULL);
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    if (((BulletinVersionInfo *)versions->pdata[i])->kind == BULLETIN_VERSION_EXPORTED)
      return TRUE;
  return FALSE;
}

static gboolean
export_folder_saved (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bulletin.Bulletin");
  g_autofree char *last = g_settings_get_string (settings, "last-export-folder");

  return g_strcmp0 (last, f->dir) == 0;
}

static void
test_export_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *html_path = g_build_filename (f->dir, "update.html", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "update.txt", NULL);
  g_autofree char *eml_path = g_build_filename (f->dir, "update.eml", NULL);
  g_autoptr(GFile) html_file = g_file_new_for_path (html_path);
  g_autoptr(GFile) text_file = g_file_new_for_path (text_path);
  g_autoptr(GFile) eml_file = g_file_new_for_path (eml_path);
  g_autofree char *want_html = expected (f, BULLETIN_EXPORT_HTML);
  g_autofree char *want_text = expected (f, BULLETIN_EXPORT_TEXT);
  g_autofree char *contents = NULL;
  FileWait html = { html_path, "</html>" };
  FileWait text = { text_path, "Friday" };
  FileWait eml = { eml_path, "X-Unsent: 1" };

  bulletin_window_export (f->window, BULLETIN_EXPORT_HTML, html_file);
  g_assert_true (bulletin_test_wait_until (file_has, &html, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, want_html);
  g_clear_pointer (&contents, g_free);

  /* what was sent is kept in the history */
  g_assert_true (bulletin_test_wait_until (has_export_milestone, f, BULLETIN_TEST_TIMEOUT_MS));

  bulletin_window_export (f->window, BULLETIN_EXPORT_TEXT, text_file);
  g_assert_true (bulletin_test_wait_until (file_has, &text, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (text_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, want_text);
  g_clear_pointer (&contents, g_free);

  bulletin_window_export (f->window, BULLETIN_EXPORT_EML, eml_file);
  g_assert_true (bulletin_test_wait_until (file_has, &eml, BULLETIN_TEST_TIMEOUT_MS));

  /* the next export of an untitled draft is offered the same folder */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.bulletin.Bulletin");
    g_autofree char *last = NULL;

    g_assert_true (bulletin_test_wait_until (export_folder_saved, f, BULLETIN_TEST_TIMEOUT_MS));
    last = g_settings_get_string (settings, "last-export-folder");
    g_assert_cmpstr (last, ==, f->dir);
  }
  g_assert_true (g_file_get_contents (eml_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "multipart/alternative"));
  g_assert_nonnull (strstr (contents, "\r\n"));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  if (g_str_has_suffix (path, ".eml"))
    {
      char *masked = bulletin_test_mask_eml (contents, len);

      g_free (contents);
      return masked;
    }

  return contents;
}

/* The built command line, next to this test in the build tree */
static char *
cli_path (void)
{
  char *path = g_test_build_filename (G_TEST_BUILT, "..", "src", "bulletin", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is not built", path);
  return path;
}

static void
run_cli (const char *format,
         const char *input,
         const char *output,
         const char *from,
         const char *to)
{
  g_autofree char *bulletin = cli_path ();
  g_autofree char *format_arg = g_strconcat ("--export=", format, NULL);
  g_autofree char *output_arg = g_strconcat ("--output=", output, NULL);
  g_autofree char *from_arg = g_strconcat ("--from=", from, NULL);
  g_autofree char *to_arg = g_strconcat ("--to=", to, NULL);
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  gboolean eml = g_str_equal (format, "eml");
  const char *argv[] = {
    bulletin, format_arg, output_arg,
    eml ? from_arg : input, eml ? to_arg : NULL, eml ? input : NULL, NULL
  };
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", format_arg, error->message, errors);
}

/* Every fixture exported by the window and by `bulletin --export` gives
 * the same bytes: the .eml with the same sender and recipients, compared
 * with the headers that change from one export to the next masked. */
static void
test_same_as_command_line (Fixture       *f,
                           gconstpointer  data)
{
  static const struct
  {
    BulletinExportFormat format;
    const char *name;
  } formats[] = {
    { BULLETIN_EXPORT_HTML, "html" },
    { BULLETIN_EXPORT_TEXT, "text" },
    { BULLETIN_EXPORT_EML, "eml" },
  };
  g_autoptr(GPtrArray) fixtures = bulletin_test_export_fixtures ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "sender-name", "Fiona Kerr");
  g_settings_set_string (settings, "sender-email", "fiona@brookfield.test");
  g_settings_set_string (settings, "recipients", "leaders@brookfield.test, ceo@brookfield.test");

  for (guint i = 0; i < fixtures->len; i++)
    {
      const char *input = g_ptr_array_index (fixtures, i);
      g_autofree char *name = g_path_get_basename (input);
      g_autofree char *markdown = NULL;

      g_autofree char *copy = g_build_filename (f->dir, name, NULL);

      g_assert_true (g_file_get_contents (input, &markdown, NULL, NULL));
      gtk_text_buffer_set_text (f->buffer, markdown, -1);
      /* the same draft for both: the window's has no folder, so the
       * command line's is a copy without the images beside it */
      g_assert_true (g_file_set_contents (copy, markdown, -1, NULL));

      for (guint j = 0; j < G_N_ELEMENTS (formats); j++)
        {
          g_autofree char *gui_name = g_strdup_printf ("%s.window.%s", name, formats[j].name);
          g_autofree char *cli_name = g_strdup_printf ("%s.cli.%s", name, formats[j].name);
          g_autofree char *gui_path = g_build_filename (f->dir, gui_name, NULL);
          g_autofree char *cli_out = g_build_filename (f->dir, cli_name, NULL);
          g_autoptr(GFile) gui_file = g_file_new_for_path (gui_path);
          g_autofree char *from_window = NULL;
          g_autofree char *from_cli = NULL;

          bulletin_window_export (f->window, formats[j].format, gui_file);
          g_assert_true (bulletin_test_wait_until (file_exists, gui_path, BULLETIN_TEST_TIMEOUT_MS));
          run_cli (formats[j].name, copy, cli_out, "\"Fiona Kerr\" <fiona@brookfield.test>",
                   "leaders@brookfield.test, ceo@brookfield.test");

          from_window = read_file (gui_path);
          from_cli = read_file (cli_out);
          g_assert_cmpuint (strlen (from_window), >, 100);
          if (!g_str_equal (from_window, from_cli))
            g_error ("%s: the window's %s export differs from bulletin --export's", name, formats[j].name);
        }
    }
}

typedef struct
{
  WebKitWebView *view;
  gboolean loaded;
} Page;

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 Page            *page)
{
  if (event == WEBKIT_LOAD_FINISHED)
    page->loaded = TRUE;
}

static gboolean
page_loaded (gpointer data)
{
  return ((Page *)data)->loaded;
}

typedef struct
{
  WebKitWebView *view;
  int width;
} Width;

static gboolean
view_is_width (gpointer data)
{
  Width *w = data;

  return bulletin_test_eval_js_number (w->view, "window.innerWidth") == w->width;
}

/* Issue 14: a long address, a long line of code or an address in a table
 * made the email 717 px wide on a 360 px phone. Every fixture's email, in
 * a real browser engine at a phone's width and at the column's, never
 * scrolls sideways. */
static void
test_no_sideways_scroll (void)
{
  g_autoptr(GPtrArray) paths = bulletin_test_export_fixtures ();
  static const int widths[] = { 360, 600 };

  for (guint i = 0; i < paths->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (widths); j++)
      {
        g_autofree char *markdown = NULL;
        g_autoptr(GBytes) html = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *html_text = NULL;
        GtkWidget *window = gtk_window_new ();
        Page page = { NULL, FALSE };
        Width width = { NULL, widths[j] };
        double scroll_width;
        gsize len;

        g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &markdown, &len, NULL));
        html = bulletin_export_render (BULLETIN_EXPORT_HTML, markdown, len, NULL, NULL, &error);
        g_assert_no_error (error);
        html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));

        page.view = width.view = WEBKIT_WEB_VIEW (webkit_web_view_new ());
        gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page.view));
        gtk_window_set_default_size (GTK_WINDOW (window), widths[j], 700);
        gtk_window_present (GTK_WINDOW (window));
        g_signal_connect (page.view, "load-changed", G_CALLBACK (load_changed_cb), &page);
        webkit_web_view_load_html (page.view, html_text, "about:blank");
        g_assert_true (bulletin_test_wait_until (page_loaded, &page, BULLETIN_TEST_TIMEOUT_MS));
        g_assert_true (bulletin_test_wait_until (view_is_width, &width, BULLETIN_TEST_TIMEOUT_MS));

        scroll_width = bulletin_test_eval_js_number (page.view, "document.documentElement.scrollWidth");
        if (scroll_width > widths[j])
          g_error ("%s is %.0f px wide at %d px", (const char *)g_ptr_array_index (paths, i),
                   scroll_width, widths[j]);

        /* without cutting a table cell's short words in two */
        if (bulletin_test_eval_js_number (page.view,
                                          "Array.from (document.querySelectorAll ('td, th'))"
                                          ".filter (c => /^[A-Za-z]{1,19}$/.test (c.textContent.trim ()))"
                                          ".every (c => { const r = document.createRange ();"
                                          " r.selectNodeContents (c); return r.getClientRects ().length === 1; })"
                                          " ? 1 : 0") != 1)
          g_error ("%s: a table cell's word is broken at %d px", (const char *)g_ptr_array_index (paths, i),
                   widths[j]);

        g_signal_handlers_disconnect_by_data (page.view, &page);
        bulletin_test_destroy_window (GTK_WINDOW (window));
      }
}

/* Issue 14: an update in Hebrew or Arabic came out left to right. Each
 * block takes its direction from its own first letter, in the email as
 * in the preview. */
static void
test_right_to_left (void)
{
  const char *markdown = "# עדכון שבועי\n\nשלום לכולם, זה העדכון השבועי שלנו.\n\n"
                         "An English line quoted in it.\n\n| עמודה | Column |\n|---|---|\n| ערך | value |\n";
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html_text = NULL;
  g_autofree char *directions = NULL;
  GtkWidget *window = gtk_window_new ();
  Page page = { NULL, FALSE };

  html = bulletin_export_render (BULLETIN_EXPORT_HTML, markdown, strlen (markdown), NULL, NULL, &error);
  g_assert_no_error (error);
  html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));

  page.view = WEBKIT_WEB_VIEW (webkit_web_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page.view));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (page.view, "load-changed", G_CALLBACK (load_changed_cb), &page);
  webkit_web_view_load_html (page.view, html_text, "about:blank");
  g_assert_true (bulletin_test_wait_until (page_loaded, &page, BULLETIN_TEST_TIMEOUT_MS));

  directions = bulletin_test_eval_js (page.view,
                                      "Array.from (document.querySelectorAll ('h1, p, td')).map (e =>"
                                      " getComputedStyle (e).direction).join (' ')");
  g_assert_cmpstr (directions, ==, "rtl rtl ltr rtl ltr");

  g_signal_handlers_disconnect_by_data (page.view, &page);
  bulletin_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
window_has_file (gpointer data)
{
  Fixture *f = data;

  return bulletin_test_window_file (f->window) != NULL && gtk_text_buffer_get_char_count (f->buffer) > 0;
}

static gboolean
checked_clean_of_images (gpointer data)
{
  Fixture *f = data;
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);
  GPtrArray *findings;

  if (report == NULL)
    return FALSE;
  findings = report->findings;
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *finding = g_ptr_array_index (findings, i);

      /* with the draft's folder known, its images are found and read */
      if (strstr (finding->key, "image") != NULL || strstr (finding->key, "relative") != NULL)
        return FALSE;
    }
  return TRUE;
}

/* Issue 14: images beside the draft's file go into the window's .eml
 * export as they do into the command line's, and the checks find them. */
static void
test_local_images (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = bulletin_test_fixture_path ("weekly-update-with-images.md");
  g_autofree char *eml_path = g_build_filename (f->dir, "with-images.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) eml = g_file_new_for_path (eml_path);
  FileWait image_part = { eml_path, "Content-Type: image/png" };
  g_autofree char *contents = NULL;

  bulletin_window_load_file (f->window, file);
  g_assert_true (bulletin_test_wait_until (window_has_file, f, BULLETIN_TEST_TIMEOUT_MS));

  bulletin_window_export (f->window, BULLETIN_EXPORT_EML, eml);
  g_assert_true (bulletin_test_wait_until (file_has, &image_part, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (eml_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "multipart/related"));
  g_assert_cmpuint (bulletin_test_count (contents, "Content-Type: image/png"), ==, 2);

  g_assert_true (bulletin_test_wait_until (checked_clean_of_images, f, BULLETIN_TEST_TIMEOUT_MS));
}

static gboolean
shows_empty_toast (gpointer data)
{
  return bulletin_test_shows_label (data, "The draft is empty: there is nothing to send yet", BULLETIN_TEST_MATCH_EXACT);
}

/* Issue 14: an empty draft exported an email with no subject and an
 * empty <title>. It is refused, with a toast, and no file is written. */
static void
test_empty_draft_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_text_buffer_set_text (f->buffer, "  \n\n", -1);
  bulletin_window_export (f->window, BULLETIN_EXPORT_EML, file);
  g_assert_true (bulletin_test_wait_until (shows_empty_toast, f->window, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Issue 14: recipients typed Outlook's way ("; ") are all kept, and an
 * entry that is no address is named in Preferences as it is typed. */
static void
test_preferences_addresses (void)
{
  BulletinPreferencesWindow *prefs = bulletin_preferences_window_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bulletin.Bulletin");
  const char *message;

  gtk_window_present (GTK_WINDOW (prefs));

  g_settings_set_string (settings, "recipients", "leaders@brookfield.test; Sam at the office");
  message = bulletin_preferences_window_get_address_error (prefs, "recipients");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“Sam at the office”"));

  g_settings_set_string (settings, "recipients", "leaders@brookfield.test; sam@brookfield.test");
  g_assert_null (bulletin_preferences_window_get_address_error (prefs, "recipients"));

  g_settings_set_string (settings, "sender-email", "fiona.kerr@");
  message = bulletin_preferences_window_get_address_error (prefs, "sender-email");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“fiona.kerr@”"));

  /* an empty row is no error: the address is optional */
  g_settings_set_string (settings, "sender-email", "");
  g_assert_null (bulletin_preferences_window_get_address_error (prefs, "sender-email"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/export/copy-for-email", test_copy_for_email);
  ADD ("/ui/export/export-files", test_export_files);
  ADD ("/ui/export/same-as-command-line", test_same_as_command_line);
  g_test_add_func ("/ui/export/preferences-addresses", test_preferences_addresses);
  ADD ("/ui/export/empty-draft-refused", test_empty_draft_refused);
  ADD ("/ui/export/local-images", test_local_images);
  g_test_add_func ("/ui/export/no-sideways-scroll", test_no_sideways_scroll);
  g_test_add_func ("/ui/export/right-to-left", test_right_to_left);

  return g_test_run ();
}
