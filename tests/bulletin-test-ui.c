/* bulletin-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"

static char *tmp_home;

static void
cleanup_home (void)
{
  if (tmp_home != NULL)
    bulletin_test_remove_tree (tmp_home);
}

/* Every UI test gets its own home and XDG directories, so nothing from the
 * developer's session leaks in and WebKit writes only to a scratch place.
 * XDG_DATA_DIRS is kept: GtkSourceView finds its Markdown language there. */
void
bulletin_test_ui_init (int    *argc,
                       char ***argv)
{
  static const struct { const char *var; const char *dir; } dirs[] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  tmp_home = g_dir_make_tmp ("bulletin-ui-test-XXXXXX", NULL);
  g_assert_nonnull (tmp_home);
  atexit (cleanup_home);

  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (tmp_home, dirs[i].dir, NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i].var, path, TRUE);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", TRUE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  gtk_source_init ();
}

typedef struct
{
  gboolean timed_out;
} Timeout;

static gboolean
timeout_cb (gpointer data)
{
  Timeout *t = data;

  t->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Some conditions change without any event in this process (a row a
 * worker thread wrote, a page scrolled in the web process), so they are
 * looked at again this often, not only when something happens here. */
#define POLL_MS 20

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * bulletin_test_wait_until:
 * @condition: what to wait for
 * @data: passed to @condition
 * @timeout_ms: when to give up
 *
 * Runs the main loop until @condition holds, looking at it after every
 * event and every POLL_MS.
 *
 * Returns: whether @condition held before @timeout_ms passed
 */
gboolean
bulletin_test_wait_until (BulletinTestCondition condition,
                          gpointer              data,
                          guint                 timeout_ms)
{
  Timeout t = { FALSE };
  guint id = g_timeout_add (timeout_ms, timeout_cb, &t);
  guint poll_id = g_timeout_add (POLL_MS, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && !t.timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (poll_id);
  if (!t.timed_out)
    g_source_remove (id);

  return met;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}

/**
 * bulletin_test_wait_queued:
 *
 * Waits until the main loop has run the zero-delay timeouts queued so
 * far, such as the one that hands the window's text to the preview.
 * GLib dispatches every ready source of a priority in the same
 * iteration, and a zero-delay timeout added later cannot be ready before
 * one added earlier: once ours has run, theirs have.
 */
void
bulletin_test_wait_queued (void)
{
  gboolean ran = FALSE;

  g_timeout_add (0, set_flag_cb, &ran);
  g_assert_true (bulletin_test_wait_until (flag_is_set, &ran, BULLETIN_TEST_TIMEOUT_MS));
}

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  *(gboolean *)data = TRUE;
}

/**
 * bulletin_test_destroy_window:
 * @window: a window
 *
 * Destroys @window and waits until it is finalized: work still under way
 * for it (an autosave, a file being written) holds a reference, so after
 * this nothing of it runs into the next test or its removed folder.
 */
void
bulletin_test_destroy_window (GtkWindow *window)
{
  gboolean finalized = FALSE;

  g_object_weak_ref (G_OBJECT (window), finalized_cb, &finalized);
  gtk_window_destroy (window);
  g_assert_true (bulletin_test_wait_until (flag_is_set, &finalized, BULLETIN_TEST_TIMEOUT_MS));
}

/* Closes the dialogs a test left open (they would outlive their parent
 * and reach the next test), then the main window. */
void
bulletin_test_close_windows (GtkWindow *main_window)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (l->data != (gpointer)main_window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  bulletin_test_destroy_window (main_window);
}

typedef struct
{
  JSCValue *value;
  GError *error;
  gboolean done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *res = user_data;

  res->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &res->error);
  res->done = TRUE;
}

static gboolean
js_is_done (gpointer data)
{
  return ((JsResult *)data)->done;
}

static JSCValue *
eval_js (WebKitWebView *web_view,
         const char    *script)
{
  JsResult res = { NULL, NULL, FALSE };

  webkit_web_view_evaluate_javascript (web_view, script, -1, NULL, NULL, NULL, js_done_cb, &res);
  g_assert_true (bulletin_test_wait_until (js_is_done, &res, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_no_error (res.error);

  return res.value;
}

char *
bulletin_test_eval_js (WebKitWebView *web_view,
                       const char    *script)
{
  g_autoptr(JSCValue) value = eval_js (web_view, script);

  return jsc_value_to_string (value);
}

double
bulletin_test_eval_js_number (WebKitWebView *web_view,
                              const char    *script)
{
  g_autoptr(JSCValue) value = eval_js (web_view, script);

  g_assert_true (jsc_value_is_number (value));
  return jsc_value_to_double (value);
}

static gboolean
preview_is_idle (gpointer data)
{
  return !bulletin_preview_get_busy (BULLETIN_PREVIEW (data));
}

/* Waits until the preview shows the newest text: the window hands text
 * over from a zero-delay timeout, so first let that run, then wait for
 * the render and the page patch. */
void
bulletin_test_wait_for_preview (BulletinPreview *preview)
{
  /* behind the welcome of an empty window, the preview is not shown and
   * makes its web view only when asked */
  bulletin_preview_get_web_view (preview);
  bulletin_test_wait_queued ();
  g_assert_true (bulletin_test_wait_until (preview_is_idle, preview, BULLETIN_TEST_TIMEOUT_MS));
}

char *
bulletin_test_preview_text (BulletinPreview *preview)
{
  /* a preview on a hidden page creates its web view only when asked */
  bulletin_preview_get_web_view (preview);
  bulletin_test_wait_for_preview (preview);
  return bulletin_test_eval_js (bulletin_preview_get_web_view (preview), "document.body.innerText");
}

/**
 * bulletin_test_buffer_text:
 * @buffer: a text buffer
 *
 * Returns: (transfer full): all of its text
 */
char *
bulletin_test_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/**
 * bulletin_test_find_widget:
 * @widget: where to look
 * @type: the widget's type
 * @icon: (nullable): the icon it shows
 *
 * Returns: (transfer none) (nullable): the first widget under @widget of
 *   @type showing the icon @icon, or the first of @type when @icon is %NULL
 */
GtkWidget *
bulletin_test_find_widget (GtkWidget  *widget,
                           GType       type,
                           const char *icon)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        {
          g_autofree char *name = NULL;

          if (icon == NULL)
            return w;
          if (g_object_class_find_property (G_OBJECT_GET_CLASS (w), "icon-name"))
            g_object_get (w, "icon-name", &name, NULL);
          if (g_strcmp0 (name, icon) == 0)
            return w;
        }
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return NULL;
}

/**
 * bulletin_test_menu_labels:
 * @menu: a menu model
 * @out: where to append every label of @menu and its sections, one a line
 */
void
bulletin_test_menu_labels (GMenuModel *menu,
                           GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (out, "%s\n", label);
      if (section != NULL)
        bulletin_test_menu_labels (section, out);
    }
}

/**
 * bulletin_test_assert_access_keys_unique:
 * @labels: a menu's labels, as bulletin_test_menu_labels() gives them
 *
 * Fails when two items have the same access key: Alt and a letter must
 * reach one item.
 */
void
bulletin_test_assert_access_keys_unique (const char *labels)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);

  for (const char *p = strchr (labels, '_'); p != NULL; p = strchr (p + 1, '_'))
    {
      gunichar key = g_unichar_tolower (g_utf8_get_char (p + 1));

      if (!g_hash_table_add (keys, GUINT_TO_POINTER (key)))
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (key, utf8);
          g_error ("the access key “%s” is on two items of:\n%s", utf8, labels);
        }
    }
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static void
clipboard_spliced_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClipboardRead *read = user_data;
  GMemoryOutputStream *out = G_MEMORY_OUTPUT_STREAM (object);

  g_output_stream_splice_finish (G_OUTPUT_STREAM (out), result, NULL);
  read->text = g_strndup (g_memory_output_stream_get_data (out), g_memory_output_stream_get_data_size (out));
  read->done = TRUE;
  g_object_unref (out);
}

static void
clipboard_stream_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, NULL);
  GOutputStream *out;

  if (stream == NULL)
    {
      read->done = TRUE;
      return;
    }

  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, clipboard_spliced_cb, read);
}

static gboolean
clipboard_read_done (gpointer data)
{
  return ((ClipboardRead *)data)->done;
}

/**
 * bulletin_test_clipboard_read:
 * @clipboard: a clipboard
 * @mime_type: (nullable): the type to read, %NULL for text
 *
 * Reads @clipboard asynchronously, waiting on the main loop: the window's
 * own clipboard is served by this loop.
 *
 * Returns: (transfer full) (nullable): what it holds in @mime_type
 */
char *
bulletin_test_clipboard_read (GdkClipboard *clipboard,
                              const char   *mime_type)
{
  ClipboardRead read = { NULL, FALSE };

  if (mime_type == NULL)
    gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &read);
  else
    {
      const char *mime_types[] = { mime_type, NULL };

      gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, clipboard_stream_cb, &read);
    }
  g_assert_true (bulletin_test_wait_until (clipboard_read_done, &read, BULLETIN_TEST_TIMEOUT_MS));
  return read.text;
}

/**
 * bulletin_test_message_dialog:
 *
 * Returns: (transfer none) (nullable): the message dialog on screen, if any
 */
AdwMessageDialog *
bulletin_test_message_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return bulletin_test_message_dialog () != NULL;
}

/**
 * bulletin_test_wait_for_message_dialog:
 *
 * Returns: (transfer none): the message dialog on screen, once there is one
 */
AdwMessageDialog *
bulletin_test_wait_for_message_dialog (void)
{
  g_assert_true (bulletin_test_wait_until (message_dialog_shown, NULL, BULLETIN_TEST_TIMEOUT_MS));
  return bulletin_test_message_dialog ();
}

/**
 * bulletin_test_respond:
 * @dialog: a message dialog
 * @response: the response to give
 *
 * What clicking one of @dialog's buttons does: the answer is handled in
 * the response signal, and the dialog is gone at once.
 */
void
bulletin_test_respond (AdwMessageDialog *dialog,
                       const char       *response)
{
  adw_message_dialog_response (dialog, response);
  bulletin_test_destroy_window (GTK_WINDOW (dialog));
}

/**
 * bulletin_test_answer_dialog:
 * @response: the response to give
 *
 * Waits for a message dialog and answers it, as a click on its button
 * would.
 */
void
bulletin_test_answer_dialog (const char *response)
{
  bulletin_test_respond (bulletin_test_wait_for_message_dialog (), response);
}

/**
 * bulletin_test_shows_label:
 * @root: where to look
 * @text: the words
 * @match: whether a label must be @text, start with it or contain it
 *
 * Returns: whether a label anywhere under @root (a toast's, say) shows @text
 */
gboolean
bulletin_test_shows_label (GtkWidget         *root,
                           const char        *text,
                           BulletinTestMatch  match)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (w))
        {
          const char *shown = gtk_label_get_text (GTK_LABEL (w));

          if ((match == BULLETIN_TEST_MATCH_EXACT && g_str_equal (shown, text)) ||
              (match == BULLETIN_TEST_MATCH_PREFIX && g_str_has_prefix (shown, text)) ||
              (match == BULLETIN_TEST_MATCH_CONTAINS && strstr (shown, text) != NULL))
            return TRUE;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return FALSE;
}

/**
 * bulletin_test_action_enabled:
 * @widget: where the action is looked up from (a window, a panel)
 * @action_name: e.g. "win.export-html"
 * @target: (nullable) (transfer floating): the action's parameter
 *
 * Answers as a button bound to the action would: a hidden one is put in
 * @widget for the moment it takes GTK to make it sensitive or not.
 *
 * Returns: whether a button or menu item bound to the action can be used
 */
gboolean
bulletin_test_action_enabled (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  g_object_ref_sink (button);
  gtk_widget_set_visible (button, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_parent (button, widget);
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  g_object_unref (button);

  return enabled;
}

/**
 * bulletin_test_find_row:
 * @root: where to look
 * @title: a preferences row's title, as set (markup escaped)
 *
 * Returns: (transfer none) (nullable): the first #AdwPreferencesRow under
 *   @root titled @title
 */
GtkWidget *
bulletin_test_find_row (GtkWidget  *root,
                        const char *title)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_PREFERENCES_ROW (w) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* A window's state, through its properties and its widgets            */
/* ------------------------------------------------------------------ */

/* The window keeps its document and its checker for its whole life, so
 * what its properties hand out stays good while the window does. */
static gpointer
get_held_object (gpointer    object,
                 const char *property)
{
  g_autoptr(GObject) held = NULL;

  g_object_get (object, property, &held, NULL);
  g_assert_nonnull (held);
  return held;
}

BulletinDocument *
bulletin_test_window_document (BulletinWindow *window)
{
  g_assert_true (BULLETIN_IS_WINDOW (window));

  return get_held_object (window, "document");
}

GtkTextBuffer *
bulletin_test_window_buffer (BulletinWindow *window)
{
  return get_held_object (bulletin_test_window_document (window), "buffer");
}

gint64
bulletin_test_window_draft_id (BulletinWindow *window)
{
  gint64 draft_id = 0;

  g_object_get (bulletin_test_window_document (window), "draft-id", &draft_id, NULL);
  return draft_id;
}

GFile *
bulletin_test_window_file (BulletinWindow *window)
{
  g_autoptr(GFile) file = NULL;

  /* the document holds it until it changes */
  g_object_get (bulletin_test_window_document (window), "file", &file, NULL);
  return file;
}

gboolean
bulletin_test_window_modified (BulletinWindow *window)
{
  gboolean modified = FALSE;

  g_object_get (window, "modified", &modified, NULL);
  return modified;
}

gboolean
bulletin_test_window_safe_mode (BulletinWindow *window)
{
  gboolean safe_mode = FALSE;

  g_object_get (window, "safe-mode", &safe_mode, NULL);
  return safe_mode;
}

BulletinChecker *
bulletin_test_window_checker (BulletinWindow *window)
{
  g_assert_true (BULLETIN_IS_WINDOW (window));

  return get_held_object (window, "checker");
}

/**
 * bulletin_test_window_check_report:
 * @window: a window
 *
 * Returns: (transfer none) (nullable): the checker's report, while it is
 *   of the text as it is now (its offsets then match the buffer), as the
 *   window underlines it and its checks panel shows it
 */
BulletinCheckReport *
bulletin_test_window_check_report (BulletinWindow *window)
{
  BulletinChecker *checker = bulletin_test_window_checker (window);
  BulletinDocument *document = bulletin_test_window_document (window);
  g_autoptr(BulletinCheckReport) report = NULL;

  g_object_get (checker, "report", &report, NULL);
  if (report == NULL ||
      bulletin_checker_get_report_serial (checker) != bulletin_document_get_change_serial (document))
    return NULL;

  /* the checker holds it until its next report */
  return report;
}

gboolean
bulletin_test_window_is_checking (BulletinWindow *window)
{
  gboolean busy = FALSE;

  g_object_get (bulletin_test_window_checker (window), "busy", &busy, NULL);
  return busy;
}

/**
 * bulletin_test_window_text_view:
 * @window: a window
 *
 * Returns: (transfer none): the editor: the text view showing the
 *   document's buffer (the library's preview is a text view too)
 */
GtkTextView *
bulletin_test_window_text_view (BulletinWindow *window)
{
  GtkTextBuffer *buffer = bulletin_test_window_buffer (window);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, window);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_TEXT_VIEW (w) && gtk_text_view_get_buffer (GTK_TEXT_VIEW (w)) == buffer)
        return GTK_TEXT_VIEW (w);
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }

  g_assert_not_reached ();
  return NULL;
}

static gpointer
find_one (BulletinWindow *window,
          GType           type)
{
  GtkWidget *widget = bulletin_test_find_widget (GTK_WIDGET (window), type, NULL);

  g_assert_nonnull (widget);
  return widget;
}

BulletinPreview *
bulletin_test_window_preview (BulletinWindow *window)
{
  return find_one (window, BULLETIN_TYPE_PREVIEW);
}

BulletinDraftsPanel *
bulletin_test_window_drafts_panel (BulletinWindow *window)
{
  return find_one (window, BULLETIN_TYPE_DRAFTS_PANEL);
}

BulletinChecksPanel *
bulletin_test_window_checks_panel (BulletinWindow *window)
{
  return find_one (window, BULLETIN_TYPE_CHECKS_PANEL);
}

BulletinLibraryPanel *
bulletin_test_window_library_panel (BulletinWindow *window)
{
  return find_one (window, BULLETIN_TYPE_LIBRARY_PANEL);
}
