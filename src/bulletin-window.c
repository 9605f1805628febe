/* bulletin-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-style.h"
#include "bulletin-accessibility.h"
#include "bulletin-file.h"
#include "bulletin-first-frame.h"
#include "bulletin-markdown.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

G_DEFINE_FINAL_TYPE (BulletinWindow, bulletin_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_SHOW_PREVIEW,
  PROP_DOCUMENT,
  PROP_CHECKER,
  PROP_SAFE_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_font (BulletinWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "editor-font");
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autoptr(GString) css = g_string_new ("textview.bulletin-editor {");
  const char *family = pango_font_description_get_family (desc);
  int size = pango_font_description_get_size (desc);

  if (family != NULL)
    g_string_append_printf (css, " font-family: \"%s\", monospace;", family);
  if (size > 0)
    g_string_append_printf (css, " font-size: %dpt;", size / PANGO_SCALE);
  g_string_append (css, " }");

  gtk_css_provider_load_from_data (self->font_css, css->str, css->len);
}

void
bulletin_window_update_title (BulletinWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *folder = NULL;
  GFile *file;
  gboolean modified;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
  file = bulletin_document_get_file (self->document);
  name = bulletin_document_dup_title (self->document);

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        {
          g_autofree char *path = g_file_get_path (parent);
          const char *home = g_get_home_dir ();

          if (path != NULL && home != NULL && g_str_has_prefix (path, home) &&
              (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
            folder = g_strconcat ("~", path + strlen (home), NULL);
          else if (path != NULL)
            folder = g_steal_pointer (&path);
          else
            folder = g_file_get_uri (parent);
        }
    }
  else if (bulletin_document_get_draft_id (self->document) != 0)
    {
      /* An untitled draft kept in the database is safe: it is named by
       * its first heading and carries no "unsaved" dot. */
      modified = FALSE;
      /* Translators: under the window title, where a file's folder
       * would be: the text is kept in Bulletin's drafts, not in a file */
      folder = g_strdup (_("Draft"));
    }

  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, folder ? folder : (modified ? _("Not saved") : ""));

  {
    g_autofree char *window_title = g_strdup_printf ("%s – %s", title, _("Bulletin"));
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

/* The layout is in bulletin-window-layout.c, the file in -file.c. */

static void
document_file_cb (BulletinWindow *self)
{
  bulletin_window_welcome_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
document_store_cb (BulletinWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
bulletin_window_add_toast (BulletinWindow *self,
                           const char     *message)
{
  AdwToast *toast;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
bulletin_window_show_error (BulletinWindow *self,
                            const char     *heading,
                            const char     *body)
{
  GtkWidget *dialog;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
push_to_preview_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;
  GtkTextIter start, end;
  char *text;

  self->preview_source = 0;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
  /* images beside the draft's file show as they will in the email; the
   * file is set in several places (open, Save As, a recovered draft), and
   * this is where each of them ends up */
  {
    GFile *file = bulletin_document_get_file (self->document);
    g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;

    bulletin_preview_set_base (self->preview, folder);
  }
  bulletin_preview_set_markdown (self->preview, text, strlen (text), self->first_change_at);

  return G_SOURCE_REMOVE;
}

static void
schedule_preview (BulletinWindow *self)
{
  if (!self->show_preview || self->safe_mode || self->preview_source != 0)
    return;

  self->first_change_at = g_get_monotonic_time ();
  /* A timeout at default priority, not an idle: GTK's layout work can
   * starve idle sources for seconds on a large draft. */
  self->preview_source = g_timeout_add (0, push_to_preview_cb, self);
}

static void
buffer_changed_cb (BulletinWindow *self,
                   GtkTextBuffer  *buffer)
{
  /* the document counted the change and told its keeper already */
  if (!self->started)
    bulletin_window_welcome_sync (self);
  schedule_preview (self);
  if (!self->safe_mode)
    bulletin_window_schedule_checks (self);
}

static void
active_changed_cb (BulletinWindow *self,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  /* leaving the window is a natural moment to be safe */
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    bulletin_window_autosave_now (self);
}

static gboolean
reveal_cursor_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;
  GtkTextIter iter;

  self->reveal_source = 0;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->buffer), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->buffer)));
  bulletin_preview_reveal_line (self->preview, gtk_text_iter_get_line (&iter) + 1);

  return G_SOURCE_REMOVE;
}

static void
cursor_moved_cb (BulletinWindow *self,
                 GParamSpec     *pspec,
                 GtkTextBuffer  *buffer)
{
  GtkTextIter iter;
  int offset;

  if (bulletin_document_get_loading (self->document) || !self->show_preview || self->safe_mode)
    return;

  /* GtkTextBuffer notifies cursor-position after every insertion, even
   * one far from the cursor. Only a cursor that really moved (typing or
   * navigation) may scroll the preview; otherwise an edit elsewhere would
   * yank the reader away from what they were looking at. */
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&iter);
  if (offset == self->last_cursor_offset)
    return;
  self->last_cursor_offset = offset;

  g_clear_handle_id (&self->reveal_source, g_source_remove);
  self->reveal_source = g_timeout_add (30, reveal_cursor_cb, self);
}

static void
modified_changed_cb (BulletinWindow *self,
                     GtkTextBuffer  *buffer)
{
  bulletin_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
preview_updated_cb (BulletinWindow  *self,
                    BulletinPreview *preview)
{
  if (!self->first_paint_logged)
    {
      BulletinApplication *app = BULLETIN_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      self->first_paint_logged = TRUE;
      if (app != NULL)
        g_debug ("Startup: first preview painted %.0f ms after the process started",
                 (g_get_monotonic_time () - bulletin_application_get_start_time (app)) / 1000.0);
    }
}

void
bulletin_window_sync_preview_visible (BulletinWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->preview),
                          self->show_preview && !self->safe_mode && !self->preview_folded);
}

static void
set_show_preview (BulletinWindow *self,
                  gboolean        show_preview)
{
  show_preview = !!show_preview;

  if (self->show_preview == show_preview)
    return;

  self->show_preview = show_preview;
  bulletin_window_sync_preview_visible (self);

  if (show_preview)
    schedule_preview (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}

/**
 * bulletin_window_set_safe_mode:
 * @self: a #BulletinWindow
 * @safe_mode: whether to show the draft without the preview and the checks
 *
 * A draft that was open through the last two crashes is likely what
 * crashes Bulletin (a document that drives the renderer or the checks
 * too deep): it comes back in safe mode, with only the editor and the
 * autosave running, and a banner that offers to turn the rest back on.
 * Set before the draft is loaded, so nothing but the editor ever sees it.
 */
void
bulletin_window_set_safe_mode (BulletinWindow *self,
                               gboolean        safe_mode)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  safe_mode = !!safe_mode;
  if (self->safe_mode == safe_mode)
    return;

  self->safe_mode = safe_mode;
  bulletin_window_sync_preview_visible (self);
  /* hidden, not only folded away, so screen readers skip it too */
  gtk_widget_set_visible (GTK_WIDGET (self->safe_banner), safe_mode);
  gtk_info_bar_set_revealed (self->safe_banner, safe_mode);

  if (safe_mode)
    {
      g_clear_handle_id (&self->preview_source, g_source_remove);
      g_clear_handle_id (&self->reveal_source, g_source_remove);
      g_clear_handle_id (&self->check_source, g_source_remove);
      bulletin_checker_cancel (self->checker);
    }
  else
    {
      schedule_preview (self);
      bulletin_window_schedule_checks (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAFE_MODE]);
}

gboolean
bulletin_window_get_safe_mode (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  return self->safe_mode;
}

static void
leave_safe_mode_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  bulletin_window_set_safe_mode (BULLETIN_WINDOW (widget), FALSE);
}

/* The banner's Try Again: a database that could not be opened (read-only,
 * missing folder) is opened again now, not at the next timed retry, and
 * what was typed meanwhile is written at once. */
static void
retry_store_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (bulletin_document_get_store (self->document) == NULL && BULLETIN_IS_APPLICATION (app))
    bulletin_document_set_store (self->document,
                                 bulletin_application_retry_store (BULLETIN_APPLICATION (app)));

  bulletin_draft_keeper_retry_now (bulletin_document_get_keeper (self->document));
}

static gboolean
bulletin_window_close_request (GtkWindow *window)
{
  if (!bulletin_window_ready_to_close (BULLETIN_WINDOW (window)))
    return TRUE;

  return GTK_WINDOW_CLASS (bulletin_window_parent_class)->close_request (window);
}

static void
bulletin_window_constructed (GObject *object)
{
  BulletinWindow *self = (BulletinWindow *)object;
  int width, height;

  G_OBJECT_CLASS (bulletin_window_parent_class)->constructed (object);

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  {
    int position = g_settings_get_int (self->settings, "preview-position");
    if (position > 0)
      gtk_paned_set_position (self->paned, position);
    else
      gtk_paned_set_position (self->paned, (width > 0 ? width : 1100) / 2);
  }
}

/* A pasted or opened line of a megabyte froze the window: GTK lays a
 * paragraph out whole, on every keystroke in it. Such lines come in folded
 * at spaces, which reads the same in every export (see
 * bulletin_markdown_fold_long_lines()); the insertion is replaced by the
 * folded one before the buffer, and its undo history, sees it. */
static void
buffer_insert_text_cb (GtkTextBuffer  *buffer,
                       GtkTextIter    *location,
                       const char     *text,
                       int             len,
                       BulletinWindow *self)
{
  g_autofree char *folded = NULL;

  if (len <= BULLETIN_MARKDOWN_FOLD_LINE)
    return;

  folded = bulletin_markdown_fold_long_lines (text, len);
  if (folded == NULL)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  g_signal_handlers_block_by_func (buffer, buffer_insert_text_cb, self);
  gtk_text_buffer_insert (buffer, location, folded, len);
  g_signal_handlers_unblock_by_func (buffer, buffer_insert_text_cb, self);

  bulletin_window_add_toast (self, _("Very long lines were broken at spaces, so typing stays quick. The email reads the same."));
}

/**
 * bulletin_window_weak_ref_new:
 * @self: a #BulletinWindow
 *
 * Work in the background (checks, autosaves, the spell checker) reports back
 * through a weak reference: a strong one would keep a closed window alive,
 * so its dispose, which cancels that work, would wait for the work itself.
 *
 * Returns: (transfer full): a weak reference to @self, for
 *   bulletin_window_weak_ref_take()
 */
GWeakRef *
bulletin_window_weak_ref_new (BulletinWindow *self)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/**
 * bulletin_window_weak_ref_take:
 * @ref: (transfer full): from bulletin_window_weak_ref_new()
 *
 * Frees @ref.
 *
 * Returns: (transfer full) (nullable): the window, or %NULL once its
 *   last reference went (GLib clears weak references before dispose)
 */
BulletinWindow *
bulletin_window_weak_ref_take (GWeakRef *ref)
{
  BulletinWindow *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);

  return self;
}

static void
bulletin_window_dispose (GObject *object)
{
  BulletinWindow *self = (BulletinWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  bulletin_window_dispose_checks (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_WINDOW);

  G_OBJECT_CLASS (bulletin_window_parent_class)->dispose (object);
}

static void
bulletin_window_finalize (GObject *object)
{
  BulletinWindow *self = (BulletinWindow *)object;

  g_clear_object (&self->buffer);
  g_clear_object (&self->settings);
  g_clear_object (&self->font_css);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (bulletin_window_parent_class)->finalize (object);
}

static void
bulletin_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BulletinWindow *self = BULLETIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, bulletin_document_get_store (self->document));
      break;

    case PROP_FILE:
      g_value_set_object (value, bulletin_document_get_file (self->document));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer)));
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;

    case PROP_SAFE_MODE:
      g_value_set_boolean (value, self->safe_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BulletinWindow *self = BULLETIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bulletin_document_set_store (self->document, g_value_get_object (value));
      break;

    case PROP_SHOW_PREVIEW:
      set_show_preview (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_window_class_init (BulletinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bulletin_window_constructed;
  object_class->dispose = bulletin_window_dispose;
  object_class->finalize = bulletin_window_finalize;
  object_class->get_property = bulletin_window_get_property;
  object_class->set_property = bulletin_window_set_property;

  window_class->close_request = bulletin_window_close_request;

  /**
   * BulletinWindow:store:
   *
   * The drafts database, handed down by the application. %NULL if it
   * could not be opened: the window asks the application again when it
   * has text to write, and this is notified once it opens.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BULLETIN_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BulletinWindow:document:
   *
   * The text shown, with its file, its draft and its store: what the
   * window's parts and the tests read the window's state from. The same
   * object for the window's whole life.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BULLETIN_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BulletinWindow:checker:
   *
   * The checks of the text shown: their report, whether a run is under
   * way, the findings ignored. The same object for the window's life.
   */
  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL,
                         BULLETIN_TYPE_CHECKER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BulletinWindow:safe-mode:
   *
   * Whether the draft is shown without the preview and the checks (see
   * bulletin_window_set_safe_mode()); the banner's action turns it off.
   */
  properties[PROP_SAFE_MODE] =
    g_param_spec_boolean ("safe-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (BULLETIN_TYPE_PREVIEW);
  g_type_ensure (BULLETIN_TYPE_DRAFTS_PANEL);
  g_type_ensure (BULLETIN_TYPE_CHECKS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, store_banner);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, drafts_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, drafts_panel);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, store_banner_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, store_banner_retry);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, store_banner_restore);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, end_flap);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, end_stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, checks_page);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, editor_area);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, library_slot);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, editor_menu);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, spell_section);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, checks_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, checks_button_content);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, checks_panel);
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, safe_banner);

  gtk_widget_class_install_action (widget_class, "win.leave-safe-mode", NULL, leave_safe_mode_action);
  gtk_widget_class_install_action (widget_class, "win.retry-store", NULL, retry_store_action);

  bulletin_window_class_init_actions (klass);
  bulletin_window_class_init_drafts (klass);
  bulletin_window_class_init_template (klass);
  bulletin_window_class_init_diary (klass);
  bulletin_window_class_init_library (klass);
  bulletin_window_class_init_export (klass);
  bulletin_window_class_init_checks (klass);
}

static void
bulletin_window_init (BulletinWindow *self)
{
  GtkDropTarget *drop;

  self->show_preview = TRUE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  self->buffer = gtk_source_buffer_new (NULL);
  bulletin_set_markdown_when_shown (self->buffer, GTK_WIDGET (self->source_view));
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);

  /* the window shows the buffer; the document keeps its text, file and
   * draft (its store comes with the "store" property, at construction) */
  self->document = g_object_new (BULLETIN_TYPE_DOCUMENT, "buffer", self->buffer, NULL);
  g_signal_connect_object (self->document, "notify::title",
                           G_CALLBACK (bulletin_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (document_file_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::store",
                           G_CALLBACK (document_store_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (GTK_WIDGET (self->source_view), "bulletin-editor");
  self->font_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_font (self);
  g_signal_connect_object (self->settings, "changed::editor-font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);

  bulletin_style_follow_dark (self->buffer);

  g_signal_connect_object (self->buffer, "insert-text",
                           G_CALLBACK (buffer_insert_text_cb), self, 0);
  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "modified-changed",
                           G_CALLBACK (modified_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::cursor-position",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "updated",
                           G_CALLBACK (preview_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  g_settings_bind (self->settings, "show-preview", self, "show-preview", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "preview-position", self->paned, "position", G_SETTINGS_BIND_SET);
  /* the preview says the update's language as the exports do */
  g_settings_bind (self->settings, "document-language", self->preview, "language", G_SETTINGS_BIND_GET);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (bulletin_window_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  bulletin_window_init_layout (self);
  bulletin_window_init_drafts (self);
  bulletin_window_init_library (self);
  bulletin_window_init_checks (self);
  bulletin_window_init_images (self);
  bulletin_window_init_action_states (self);

  bulletin_window_update_title (self);
  schedule_preview (self);

  bulletin_accessibility_name_buttons (GTK_WIDGET (self));
  /* even behind the welcome: what is typed first (a space too, which
   * would press a focused button) is the start of the text */
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/**
 * bulletin_window_new:
 * @application: the application
 *
 * A window on the application's drafts database, if it could be opened.
 *
 * Returns: (transfer floating): a new window
 */
BulletinWindow *
bulletin_window_new (BulletinApplication *application)
{
  return g_object_new (BULLETIN_TYPE_WINDOW,
                       "application", application,
                       "store", application ? bulletin_application_get_store (application, NULL) : NULL,
                       NULL);
}

/**
 * bulletin_window_new_like:
 * @self: a #BulletinWindow
 *
 * Returns: (transfer floating): a new window of the same application, on
 *   the same drafts database
 */
BulletinWindow *
bulletin_window_new_like (BulletinWindow *self)
{
  GtkApplication *app;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  app = gtk_window_get_application (GTK_WINDOW (self));
  return g_object_new (BULLETIN_TYPE_WINDOW,
                       "application", BULLETIN_IS_APPLICATION (app) ? app : NULL,
                       "store", bulletin_window_get_store (self, NULL),
                       NULL);
}

BulletinDocument *
bulletin_window_get_document (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return self->document;
}

GFile *
bulletin_window_get_file (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return bulletin_document_get_file (self->document);
}

/**
 * bulletin_window_is_empty:
 * @self: a #BulletinWindow
 *
 * Returns: %TRUE if the window holds no file and no text, so opening a
 *   file may reuse it
 */
gboolean
bulletin_window_is_empty (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  return bulletin_document_is_empty (self->document);
}

