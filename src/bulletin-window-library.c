/* bulletin-window-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-file.h"
#include "bulletin-library.h"
#include "bulletin-settings.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

/* The window's side of the section library: inserting sections where the
 * user wants them, keeping a selection as a new section, and sharing the
 * library as a file. */

#define LIBRARY_SUFFIX ".bulletin-library"

/* How much text around the insertion point decides the blank lines. */
#define CONTEXT_LINES 2

/* A paragraph is a few lines; looking further ahead is never needed. */
#define SNAP_LOOKAHEAD_LINES 200

static void
snap_to_block_end (GtkTextIter *iter)
{
  GtkTextIter line_start = *iter;
  GtkTextIter limit = *iter;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  gsize offset;

  gtk_text_iter_set_line_offset (&line_start, 0);
  gtk_text_iter_forward_lines (&limit, SNAP_LOOKAHEAD_LINES);
  text = gtk_text_iter_get_text (&line_start, &limit);
  head = gtk_text_iter_get_text (&line_start, iter);

  offset = bulletin_library_block_end (text, strlen (head));
  *iter = line_start;
  gtk_text_iter_forward_chars (iter, g_utf8_strlen (text, offset));
}

static gboolean
focus_editor_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  return G_SOURCE_REMOVE;
}

/**
 * bulletin_window_insert_section:
 * @self: a #BulletinWindow
 * @body: a section's Markdown, placeholders not yet filled in
 * @where: (nullable): where to insert; %NULL for the cursor, replacing
 *   the selection as a paste would
 *
 * Inserts a section as a block of its own, as one undoable step, and
 * reports any placeholder left unfilled.
 */
void
bulletin_window_insert_section (BulletinWindow *self,
                                const char     *body,
                                GtkTextIter    *where)
{
  GtkTextBuffer *buffer;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *padded = NULL;
  GtkTextIter iter, context_start, context_end;
  GtkTextMark *mark;
  gsize text_end = 0;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (body != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  expanded = bulletin_settings_expand (self->settings, body, &unknown);

  gtk_text_buffer_begin_user_action (buffer);

  if (where != NULL)
    iter = *where;
  else
    {
      gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    }

  snap_to_block_end (&iter);

  context_start = iter;
  gtk_text_iter_backward_lines (&context_start, CONTEXT_LINES);
  context_end = iter;
  gtk_text_iter_forward_lines (&context_end, CONTEXT_LINES);
  before = gtk_text_iter_get_text (&context_start, &iter);
  after = gtk_text_iter_get_text (&iter, &context_end);
  /* the first lines of a document have nothing above them */
  if (gtk_text_iter_is_start (&context_start) && *before == '\0')
    g_clear_pointer (&before, g_free);

  padded = bulletin_library_pad_block (before, after, expanded, &text_end);

  mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  gtk_text_buffer_insert (buffer, &iter, padded, -1);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_iter_forward_chars (&iter, g_utf8_strlen (padded, text_end));
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_delete_mark (buffer, mark);

  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view), gtk_text_buffer_get_insert (buffer));
  /* after the click that asked for it has finished focusing its row */
  g_idle_add_full (G_PRIORITY_DEFAULT, focus_editor_cb, g_object_ref (self), g_object_unref);
  bulletin_window_report_unknown (self, unknown);
}

/* The library panel's Insert: at the cursor, as a paste would. */
static void
insert_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  const char *body;
  gint64 section_id;

  g_variant_get (param, "(x&s)", &section_id, &body);
  bulletin_window_insert_section (BULLETIN_WINDOW (widget), body, NULL);
}

static const char *
find_section_body (BulletinWindow *self,
                   gint64          section_id)
{
  guint n;

  /* a section dragged from this window's library, which is built then */
  if (self->library_panel == NULL)
    return NULL;

  n = bulletin_library_panel_get_n_sections (self->library_panel);

  for (guint i = 0; i < n; i++)
    {
      const BulletinSection *section = bulletin_library_panel_get_section (self->library_panel, i);

      if (section->id == section_id)
        return section->body;
    }

  return NULL;
}

static gboolean
iter_at_point (BulletinWindow *self,
               double          x,
               double          y,
               GtkTextIter    *iter)
{
  int bx, by;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_WINDOW_WIDGET,
                                         (int)x, (int)y, &bx, &by);
  return gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->source_view), iter, bx, by);
}

static GdkDragAction
section_motion_cb (GtkDropTarget  *target,
                   double          x,
                   double          y,
                   BulletinWindow *self)
{
  GtkTextIter iter;

  /* the cursor shows where the section will land */
  iter_at_point (self, x, y, &iter);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  return GDK_ACTION_COPY;
}

static gboolean
section_drop_cb (GtkDropTarget  *target,
                 const GValue   *value,
                 double          x,
                 double          y,
                 BulletinWindow *self)
{
  const BulletinSectionDrag *drag = g_value_get_boxed (value);
  g_autofree char *body = NULL;
  GtkTextIter iter;

  if (drag == NULL || find_section_body (self, drag->section_id) == NULL)
    return FALSE;

  body = g_strdup (find_section_body (self, drag->section_id));
  iter_at_point (self, x, y, &iter);
  bulletin_window_insert_section (self, body, &iter);
  return TRUE;
}

static void
library_shown_cb (BulletinWindow  *self,
                  GParamSpec      *pspec,
                  GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  /* a store that failed to open is tried again, and reaches the panel
   * through its binding */
  bulletin_window_get_store (self, NULL);
  bulletin_window_ensure_library_panel (self);
  gtk_widget_activate_action (GTK_WIDGET (self->library_panel), "library.refresh", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->library_panel), "library.focus-search", NULL);
}

static void
toggle_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  gtk_toggle_button_set_active (self->library_button,
                                !gtk_toggle_button_get_active (self->library_button));
}

static void
add_to_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  /* enabled only with a selection and the database (see
   * bulletin-window-actions.c); a selection of spaces alone has nothing
   * to keep */
  if (!gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end))
    return;

  text = gtk_text_iter_get_text (&start, &end);
  g_strstrip (text);
  if (*text == '\0')
    {
      bulletin_window_add_toast (self, _("Select the text to keep in the library first"));
      return;
    }

  bulletin_window_show_end_panel (self, "library");
  bulletin_window_ensure_library_panel (self);
  gtk_widget_activate_action (GTK_WIDGET (self->library_panel), "library.add-section", "s", text);
}

/* -- export --------------------------------------------------------------- */

static GtkFileFilter *
library_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Bulletin libraries"));
  gtk_file_filter_add_pattern (filter, "*" LIBRARY_SUFFIX);
  gtk_file_filter_add_pattern (filter, "*.ini");
  return filter;
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BulletinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);

  if (!bulletin_file_save_finish (file, result, &error))
    {
      g_autofree char *body = bulletin_file_describe_error (file, BULLETIN_FILE_SAVING, error);

      bulletin_window_show_error (self, _("The library could not be exported"), body);
    }
  else
    {
      g_autofree char *name = bulletin_file_get_display_name (file);
      g_autofree char *message = g_strdup_printf (_("Library exported to “%s”"), name);

      bulletin_window_add_toast (self, message);
    }
}

/**
 * bulletin_window_export_library:
 * @self: a #BulletinWindow
 * @file: where to write the whole library
 *
 * Writes the library atomically: an existing file is replaced only once
 * the new one is complete.
 */
void
bulletin_window_export_library (BulletinWindow *self,
                                GFile          *file)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BulletinStore *store;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  store = bulletin_window_get_store (self, &error);
  if (store != NULL)
    sections = bulletin_store_list_sections (store, NULL, &error);
  if (sections == NULL)
    {
      g_autofree char *reason = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("The library could not be exported"), reason);
      return;
    }

  bulletin_library_sort (sections);
  data = bulletin_library_export (sections);
  bulletin_file_save_async (file, data, -1, self->cancellable, export_saved_cb, g_object_ref (self));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    BulletinWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      bulletin_window_export_library (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = library_filter ();
  g_autofree char *name = g_strconcat (_("Bulletin library"), LIBRARY_SUFFIX, NULL);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Library"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* -- import --------------------------------------------------------------- */

static BulletinImportChoice
same_choice (const BulletinSection *existing,
             const BulletinSection *incoming,
             gpointer               user_data)
{
  return GPOINTER_TO_INT (user_data);
}

static void
finish_import (BulletinWindow       *self,
               GPtrArray            *sections,
               BulletinImportChoice  choice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  BulletinImportReport report = { 0 };
  BulletinStore *store = bulletin_window_get_store (self, &error);

  if (store == NULL ||
      !bulletin_library_import (store, sections, same_choice, GINT_TO_POINTER (choice), &report, &error))
    {
      g_autofree char *reason = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("The library could not be imported"), reason);
      return;
    }

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u section added", "%u sections added", report.added),
                          report.added);
  if (report.replaced > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u replaced", "%u replaced", report.replaced),
                              report.replaced);
    }
  if (report.kept > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u of yours kept", "%u of yours kept", report.kept),
                              report.kept);
    }
  if (report.unchanged > 0)
    {
      g_string_append (summary, ", ");
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u already there", "%u already there", report.unchanged),
                              report.unchanged);
    }

  bulletin_window_show_end_panel (self, "library");
  bulletin_window_ensure_library_panel (self);
  gtk_widget_activate_action (GTK_WIDGET (self->library_panel), "library.refresh", NULL);
  bulletin_window_add_toast (self, summary->str);
}

static void
conflict_response_cb (AdwMessageDialog    *dialog,
                      const char          *response,
                      BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);
  GPtrArray *sections = bulletin_window_reply_get_data (reply);

  if (self == NULL)
    return;
  if (g_str_equal (response, "keep"))
    finish_import (self, sections, BULLETIN_IMPORT_KEEP);
  else if (g_str_equal (response, "replace"))
    finish_import (self, sections, BULLETIN_IMPORT_REPLACE);
  else if (g_str_equal (response, "both"))
    finish_import (self, sections, BULLETIN_IMPORT_KEEP_BOTH);
}

/**
 * bulletin_window_import_library_data:
 * @self: a #BulletinWindow
 * @data: a library file's contents
 * @len: their length
 *
 * Merges a library file into the library by name. Sections that differ
 * from the library's own of the same name are asked about once, for all
 * of them.
 */
void
bulletin_window_import_library_data (BulletinWindow *self,
                                     const char     *data,
                                     gsize           len)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) names = NULL;
  BulletinStore *store;
  GtkWidget *dialog;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (data != NULL);

  sections = bulletin_library_parse (data, len, &error);
  if (sections == NULL)
    {
      bulletin_window_show_error (self, _("This file is not a Bulletin library"), error->message);
      return;
    }

  store = bulletin_window_get_store (self, &error);
  if (store == NULL)
    {
      g_autofree char *reason = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("The library could not be imported"), reason);
      return;
    }

  conflicts = bulletin_library_find_conflicts (store, sections);
  if (conflicts->len == 0)
    {
      finish_import (self, sections, BULLETIN_IMPORT_KEEP);
      return;
    }

  names = g_string_new (NULL);
  for (guint i = 0; i < conflicts->len && i < 8; i++)
    g_string_append_printf (names, "\n• %s", (const char *)conflicts->pdata[i]);
  if (conflicts->len > 8)
    g_string_append_printf (names, "\n%s", _("and more"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "A Section Differs From Yours",
                                                "Some Sections Differ From Yours",
                                                conflicts->len),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s%s",
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The file has a section with the same name as one of yours, but different text:",
                                               "The file has sections with the same names as yours, but different text:",
                                               conflicts->len),
                                  names->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Mine"),
                                    "both", _("Keep _Both"),
                                    "replace", _("_Use Theirs"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (conflict_response_cb),
                         bulletin_window_reply_new (self, g_steal_pointer (&sections),
                                                    (GDestroyNotify) g_ptr_array_unref),
                         bulletin_window_reply_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BulletinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GFile *file = G_FILE (object);
  gsize len = 0;

  data = bulletin_file_load_finish (file, result, &len, NULL, &error);
  if (data == NULL)
    {
      g_autofree char *body = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, error);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bulletin_window_show_error (self, _("The library could not be imported"), body);
      return;
    }

  bulletin_window_import_library_data (self, data, len);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    BulletinWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      bulletin_file_load_async (file, self->cancellable, import_loaded_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = library_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  dialog = gtk_file_chooser_native_new (_("Import Library"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * bulletin_window_ensure_library_panel:
 * @self: a #BulletinWindow
 *
 * Builds the library's panel, the first time the library is shown or
 * acted on: its template, list, editor and menus are a tenth of the
 * window's start-up work, and most weeks it is never opened.
 */
void
bulletin_window_ensure_library_panel (BulletinWindow *self)
{
  g_assert (BULLETIN_IS_WINDOW (self));

  if (self->library_panel != NULL)
    return;

  self->library_panel = g_object_new (BULLETIN_TYPE_LIBRARY_PANEL, NULL);
  /* the library is read only once shown (see library_shown_cb()) */
  g_object_bind_property (self, "store", self->library_panel, "store", G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->library_slot, GTK_WIDGET (self->library_panel));
  /* as the window's own buttons were when it was built */
  bulletin_accessibility_name_buttons (GTK_WIDGET (self->library_panel));
}

void
bulletin_window_init_library (BulletinWindow *self)
{
  GtkDropTarget *drop;

  /* the button says whether the library is the end sidebar's page shown
   * (bulletin_window_show_end_panel()) */
  g_signal_connect_object (self->library_button, "notify::active",
                           G_CALLBACK (library_shown_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (BULLETIN_TYPE_SECTION_DRAG, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "motion", G_CALLBACK (section_motion_cb), self, 0);
  g_signal_connect_object (drop, "drop", G_CALLBACK (section_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (drop));

  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->source_view), self->editor_menu);
}

void
bulletin_window_class_init_library (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.toggle-library", NULL, toggle_library_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-library", NULL, add_to_library_action);
  gtk_widget_class_install_action (widget_class, "win.insert-section", "(xs)", insert_section_action);
  gtk_widget_class_install_action (widget_class, "win.export-library", NULL, export_library_action);
  gtk_widget_class_install_action (widget_class, "win.import-library", NULL, import_library_action);
}
