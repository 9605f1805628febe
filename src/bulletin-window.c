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

G_DEFINE_FINAL_TYPE (BulletinWindow, bulletin_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_SHOW_PREVIEW,
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
  gboolean modified;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  modified = gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));

  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      name = bulletin_file_get_display_name (self->file);
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
  else if (self->draft_id != 0)
    {
      /* An untitled draft kept in the database is safe: it is named by
       * its first heading and carries no "unsaved" dot. */
      name = g_strdup (self->draft_title && *self->draft_title ? self->draft_title : _("Untitled"));
      modified = FALSE;
      /* Translators: under the window title, where a file's folder
       * would be: the text is kept in Bulletin's drafts, not in a file */
      folder = g_strdup (_("Draft"));
    }
  else
    name = g_strdup (_("Untitled"));

  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, folder ? folder : (modified ? _("Not saved") : ""));

  {
    g_autofree char *window_title = g_strdup_printf ("%s – %s", title, _("Bulletin"));
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

static void
panel_revealed_cb (BulletinWindow *self,
                   GParamSpec     *pspec,
                   AdwFlap        *flap)
{
  GtkWidget *focus;
  GtkWidget *panel;

  if (adw_flap_get_reveal_flap (flap))
    return;

  /* A panel closed with the keyboard or its button: the writer goes back
   * to the text, not to whatever GTK finds next (the Drafts button). */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  panel = adw_flap_get_flap (flap);
  if (focus == NULL || GTK_IS_TOGGLE_BUTTON (focus) ||
      (panel != NULL && (focus == panel || gtk_widget_is_ancestor (focus, panel))))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/**
 * bulletin_window_watch_panel:
 * @self: a #BulletinWindow
 * @flap: the flap a side panel is in
 *
 * When the panel closes, the focus returns to the editor.
 */
void
bulletin_window_watch_panel (BulletinWindow *self,
                             AdwFlap        *flap)
{
  g_signal_connect_object (flap, "notify::reveal-flap", G_CALLBACK (panel_revealed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ----- the layout ----- */

static void sync_preview_visible (BulletinWindow *self);

/**
 * bulletin_window_show_end_panel:
 * @self: a #BulletinWindow
 * @name: (nullable): "library" or "checks", or %NULL to close the sidebar
 *
 * The library and the checks share the sidebar at the end, one page at a
 * time: showing one hides the other, and the header's toggles follow.
 */
void
bulletin_window_show_end_panel (BulletinWindow *self,
                                const char     *name)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  if (self->syncing_end_sidebar)
    return;

  self->syncing_end_sidebar = TRUE;
  if (name != NULL)
    adw_view_stack_set_visible_child_name (self->end_stack, name);
  gtk_toggle_button_set_active (self->library_button, g_strcmp0 (name, "library") == 0);
  gtk_toggle_button_set_active (self->checks_button, g_strcmp0 (name, "checks") == 0);
  /* folded, the two sidebars would cover the text and each other */
  if (name != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  adw_flap_set_reveal_flap (self->end_flap, name != NULL);
  self->syncing_end_sidebar = FALSE;

  /* the page that went away had the focus (the library's search): it
   * moves to the page shown, not to nowhere */
  if (name != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_get_mapped (focus))
        gtk_widget_child_focus (adw_view_stack_get_visible_child (self->end_stack), GTK_DIR_TAB_FORWARD);
    }
}

static void
end_button_toggled_cb (BulletinWindow  *self,
                       GtkToggleButton *button)
{
  const char *name = button == self->library_button ? "library" : "checks";

  if (self->syncing_end_sidebar)
    return;

  if (gtk_toggle_button_get_active (button))
    bulletin_window_show_end_panel (self, name);
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->end_stack), name) == 0)
    /* the page shown was toggled off: the sidebar closes */
    bulletin_window_show_end_panel (self, NULL);
}

/* closed by the flap itself (a click beside it when folded, a swipe) */
static void
end_flap_revealed_cb (BulletinWindow *self,
                      GParamSpec     *pspec,
                      AdwFlap        *flap)
{
  if (self->syncing_end_sidebar)
    return;

  bulletin_window_show_end_panel (self, adw_flap_get_reveal_flap (flap)
                                  ? adw_view_stack_get_visible_child_name (self->end_stack)
                                  : NULL);
}

/* the switcher at the top of the sidebar */
static void
end_page_changed_cb (BulletinWindow *self,
                     GParamSpec     *pspec,
                     AdwViewStack   *stack)
{
  if (self->syncing_end_sidebar || !adw_flap_get_reveal_flap (self->end_flap))
    return;

  bulletin_window_show_end_panel (self, adw_view_stack_get_visible_child_name (stack));
}

static void
drafts_flap_revealed_cb (BulletinWindow *self,
                         GParamSpec     *pspec,
                         AdwFlap        *flap)
{
  if (adw_flap_get_reveal_flap (flap) && adw_flap_get_folded (flap))
    bulletin_window_show_end_panel (self, NULL);
}

/* Runs after the layout that folded or unfolded the preview, not inside
 * it: the action's sensitivity restyles widgets already allocated. */
static gboolean
layout_changed_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;

  self->layout_source = 0;
  /* folded, the preview button would do nothing the writer could see */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-preview", !self->preview_folded);

  return G_SOURCE_REMOVE;
}

static void
queue_layout_changed (BulletinWindow *self)
{
  if (self->layout_source == 0)
    self->layout_source = g_timeout_add (0, layout_changed_cb, self);
}

static BulletinWindow *
editor_area_window (GtkWidget *widget)
{
  return BULLETIN_WINDOW (gtk_widget_get_ancestor (widget, BULLETIN_TYPE_WINDOW));
}

/* The preview is the first thing to go when the window narrows: the
 * editor area asks only for the editor's width, and given less than the
 * editor and the preview need side by side, it folds the preview away
 * until there is room again. */
static void
editor_area_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BulletinWindow *self = editor_area_window (widget);
  int editor_min = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_measure (GTK_WIDGET (self->paned), orientation, -1,
                          minimum, natural, minimum_baseline, natural_baseline);
      return;
    }

  gtk_widget_measure (GTK_WIDGET (self->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  gtk_widget_measure (self->editor_scroller, orientation, -1, &editor_min, NULL, NULL, NULL);
  *minimum = MIN (*minimum, editor_min);
  *natural = MAX (*natural, *minimum);
}

static void
editor_area_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  BulletinWindow *self = editor_area_window (widget);
  int editor_min = 0;
  int preview_min = 0;
  gboolean folded;

  gtk_widget_measure (self->editor_scroller, GTK_ORIENTATION_HORIZONTAL, -1,
                      &editor_min, NULL, NULL, NULL);
  /* its request, not its measure: hidden, it measures nothing */
  gtk_widget_get_size_request (GTK_WIDGET (self->preview), &preview_min, NULL);
  /* the paned's handle */
  folded = width < editor_min + MAX (preview_min, 0) + 1;

  if (folded != self->preview_folded)
    {
      self->preview_folded = folded;
      sync_preview_visible (self);
      queue_layout_changed (self);
    }

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
}

static void
welcome_sync (BulletinWindow *self)
{
  gboolean welcome;

  if (!self->started && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->buffer)) > 0)
    self->started = TRUE;

  welcome = !self->started && self->file == NULL && !self->showing_damaged;
  gtk_widget_set_visible (self->welcome_page, welcome);
  gtk_widget_set_visible (self->editor_area, !welcome);
}

/* Typing on the welcome starts writing: the key goes to the editor. It
 * is caught before the focused widget sees it, so the first key is not
 * lost to a hidden view; only a Space on a welcome button the writer
 * moved to presses it. */
static gboolean
welcome_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BulletinWindow        *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_widget_get_visible (self->welcome_page) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isprint (c))
    return FALSE;

  if (c == ' ' && focus != NULL && gtk_widget_is_ancestor (focus, self->welcome_page))
    return FALSE;

  self->started = TRUE;
  welcome_sync (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  return gtk_event_controller_key_forward (controller, GTK_WIDGET (self->source_view));
}

/* GTK 4.8 fails a critical when a scrolled window is unmapped (the
 * window closing) while its view still scrolls smoothly to the cursor:
 * ending the animation there first, at the view's own unmap, avoids it. */
static void
editor_unmap_cb (GtkWidget *view)
{
  GtkAdjustment *adjustments[] = {
    gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)),
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (adjustments[i] != NULL)
      gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_value (adjustments[i]));
}

static void
file_changed_cb (BulletinWindow *self)
{
  welcome_sync (self);
}

static void
init_layout (BulletinWindow *self)
{
  GtkEventController *keys;

  gtk_widget_set_layout_manager (self->editor_area,
                                 gtk_custom_layout_new (NULL, editor_area_measure, editor_area_allocate));

  g_signal_connect_object (self->library_button, "toggled",
                           G_CALLBACK (end_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checks_button, "toggled",
                           G_CALLBACK (end_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_flap, "notify::reveal-flap",
                           G_CALLBACK (end_flap_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_stack, "notify::visible-child-name",
                           G_CALLBACK (end_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (drafts_flap_revealed_cb), self, G_CONNECT_SWAPPED);
  bulletin_window_watch_panel (self, self->end_flap);

  g_signal_connect (self, "notify::file", G_CALLBACK (file_changed_cb), NULL);
  g_signal_connect (self->source_view, "unmap", G_CALLBACK (editor_unmap_cb), NULL);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (welcome_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  welcome_sync (self);
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
    g_autoptr(GFile) folder = self->file != NULL ? g_file_get_parent (self->file) : NULL;

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
  self->change_serial++;
  if (!self->started)
    welcome_sync (self);
  schedule_preview (self);
  if (!self->safe_mode)
    bulletin_window_schedule_checks (self);

  if (!self->loading)
    bulletin_window_schedule_autosave (self);
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

  if (self->loading || !self->show_preview || self->safe_mode)
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

static void
sync_preview_visible (BulletinWindow *self)
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
  sync_preview_visible (self);

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
  sync_preview_visible (self);
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

  if (self->store == NULL && BULLETIN_IS_APPLICATION (app))
    bulletin_application_retry_store (BULLETIN_APPLICATION (app));

  bulletin_window_autosave_now (self);
}

static void
use_draft_text_cb (AdwToast       *toast,
                   BulletinWindow *self)
{
  BulletinStore *store = bulletin_window_get_store (self, NULL);
  g_autofree char *text = NULL;

  if (store == NULL || self->draft_id == 0)
    return;

  /* the file's text is the newest version now, so this is undoable from
   * the history, and with Ctrl+Z */
  text = g_object_steal_data (G_OBJECT (toast), "draft-text");
  if (text != NULL)
    gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
}

/* A file opened again finds its draft: the history goes on, and if the
 * draft holds text the file does not (edits never saved to the file), the
 * user is offered it back. */
static void
adopt_file_draft (BulletinWindow *self,
                  const char     *file_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (self->file);
  BulletinStore *store = bulletin_window_get_store (self, NULL);
  gint64 id;

  if (store == NULL)
    return;

  id = bulletin_store_find_draft_for_file (store, uri, &error);

  /* Another Bulletin on this database (another session, a Flatpak beside
   * a native build) is editing this file's draft: sharing it, each would
   * overwrite the other's words. This window writes a draft of its own. */
  if (id != 0 && id != self->draft_id && !bulletin_store_claim_draft (store, id, &error))
    {
      if (g_error_matches (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY))
        {
          AdwToast *toast = adw_toast_new (_("This file is open in another Bulletin window; you’re editing a copy."));

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
          id = 0;
        }
      else
        g_warning ("Could not mark the draft as open: %s", error->message);
      g_clear_error (&error);
    }

  if (id != 0 && id != self->draft_id)
    {
      g_autofree char *draft_text = bulletin_store_get_draft_text (store, id, NULL);

      self->draft_id = id;

      if (draft_text != NULL && g_strcmp0 (draft_text, file_text) != 0)
        {
          AdwToast *toast = adw_toast_new (_("Bulletin has a draft of this file with changes that were never saved to it"));

          adw_toast_set_button_label (toast, _("Use Draft"));
          adw_toast_set_timeout (toast, 0);
          g_object_set_data_full (G_OBJECT (toast), "draft-text", g_steal_pointer (&draft_text), g_free);
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (use_draft_text_cb), self, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }

  bulletin_window_record_milestone (self, BULLETIN_VERSION_OPENED, NULL);
}

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BulletinWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BulletinFileLoadFlags flags = 0;
  GtkTextIter start;
  gsize len = 0;

  self->loading = FALSE;
  text = bulletin_file_load_finish (file, result, &len, &flags, &error);

  if (text == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, error);
      bulletin_window_show_error (self, _("Could Not Open File"), message);
      return;
    }

  g_set_object (&self->file, file);

  self->loading = TRUE;
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, len);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  self->loading = FALSE;

  /* Text that had to be repaired or converted differs from the file on
   * disk, so it counts as unsaved until the user saves it. */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), flags != BULLETIN_FILE_LOAD_CLEAN);

  if (bulletin_file_load_notice (flags) != NULL)
    bulletin_window_add_toast (self, bulletin_file_load_notice (flags));

  bulletin_window_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  adopt_file_draft (self, text);
}

/**
 * bulletin_window_load_file:
 * @self: a #BulletinWindow
 * @file: the file to open
 *
 * Replaces the window's text with @file's, asynchronously.
 */
void
bulletin_window_load_file (BulletinWindow *self,
                           GFile          *file)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  self->loading = TRUE;
  bulletin_file_load_async (file, self->cancellable, load_file_cb, g_object_ref (self));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BulletinWindow   *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file != NULL)
        bulletin_window_save (self, self->file, TRUE);
      else
        {
          self->close_after_save = TRUE;
          gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
        }
    }
}

static void
save_window_state (BulletinWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
bulletin_window_close_request (GtkWindow *window)
{
  BulletinWindow *self = BULLETIN_WINDOW (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean in_drafts;
  GtkWidget *dialog;

  /* Whatever happens next, the text goes into the drafts database first. */
  in_drafts = bulletin_window_flush (self, &error);
  if (error != NULL)
    g_warning ("Could not save the draft on close: %s", error->message);

  /* An untitled draft safely in the database needs no question: it is in
   * the drafts list. A file with changes not written to it does. */
  if (self->force_close ||
      !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer)) ||
      (in_drafts && self->file == NULL && self->draft_id != 0))
    {
      if (in_drafts)
        bulletin_window_close_draft (self);
      save_window_state (self);
      return GTK_WINDOW_CLASS (bulletin_window_parent_class)->close_request (window);
    }

  name = self->file ? bulletin_file_get_display_name (self->file) : g_strdup (_("Untitled"));

  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. If you close without saving, they will be lost."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         BulletinWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GSList *files;
  g_autoptr(GPtrArray) to_open = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_refused = 0;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  /* images go into the draft; Markdown files open */
  if (bulletin_window_drop_images (self, files, x, y))
    return TRUE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;

      if (bulletin_file_is_markdown (file, NULL))
        g_ptr_array_add (to_open, g_object_ref (file));
      else
        n_refused++;
    }

  if (n_refused > 0)
    bulletin_window_add_toast (self, _("Only Markdown and plain text files can be opened"));

  if (to_open->len == 0)
    return n_refused == 0;

  /* Open the first file here when this window holds nothing yet, the
   * rest in windows of their own. */
  if (bulletin_window_is_empty (self))
    {
      bulletin_window_load_file (self, g_ptr_array_index (to_open, 0));
      g_ptr_array_remove_index (to_open, 0);
    }

  if (to_open->len > 0 && app != NULL)
    g_application_open (app, (GFile **)to_open->pdata, to_open->len, "");

  return TRUE;
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
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
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
  g_clear_object (&self->file);
  g_clear_object (&self->store);
  g_clear_pointer (&self->draft_title, g_free);

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
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, bulletin_window_get_modified (self));
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (BULLETIN_TYPE_PREVIEW);
  g_type_ensure (BULLETIN_TYPE_DRAFTS_PANEL);
  g_type_ensure (BULLETIN_TYPE_LIBRARY_PANEL);
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
  gtk_widget_class_bind_template_child (widget_class, BulletinWindow, library_panel);
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
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  init_layout (self);
  bulletin_window_init_drafts (self);
  bulletin_window_init_library (self);
  bulletin_window_init_checks (self);
  bulletin_window_init_images (self);

  bulletin_window_update_title (self);
  schedule_preview (self);

  bulletin_accessibility_name_buttons (GTK_WIDGET (self));
  /* even behind the welcome: what is typed first (a space too, which
   * would press a focused button) is the start of the text */
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

BulletinWindow *
bulletin_window_new (BulletinApplication *application)
{
  return g_object_new (BULLETIN_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * bulletin_window_new_with_store:
 * @application: (nullable): the application
 * @store: the drafts database to use instead of the application's
 *
 * Returns: (transfer floating): a new window
 */
BulletinWindow *
bulletin_window_new_with_store (BulletinApplication *application,
                                BulletinStore       *store)
{
  BulletinWindow *self = bulletin_window_new (application);

  g_set_object (&self->store, store);

  return self;
}

GFile *
bulletin_window_get_file (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
bulletin_window_get_modified (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  return gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->buffer));
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

  return self->file == NULL &&
         !self->loading &&
         gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->buffer)) == 0;
}

GtkTextBuffer *
bulletin_window_get_buffer (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return GTK_TEXT_BUFFER (self->buffer);
}

GtkTextView *
bulletin_window_get_text_view (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return GTK_TEXT_VIEW (self->source_view);
}

BulletinPreview *
bulletin_window_get_preview (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return self->preview;
}
