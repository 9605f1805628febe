/* bulletin-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-file.h"
#include "bulletin-focus-regions.h"
#include "bulletin-markdown.h"
#include "bulletin-window-private.h"

static GtkFileFilter *
markdown_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Markdown and Text Files"));
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "markdown");
  gtk_file_filter_add_suffix (filter, "txt");

  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");

  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  BulletinWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (bulletin_window_is_empty (self))
        bulletin_window_load_file (self, file);
      else
        {
          GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

          if (app != NULL)
            g_application_open (app, &file, 1, "");
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) markdown = markdown_filter ();
  g_autoptr(GtkFileFilter) all = all_files_filter ();

  /* Translators: the title of the file chooser, a verb */
  dialog = gtk_file_chooser_native_new (_("Open"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), markdown);

  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     BulletinWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      bulletin_window_save (self, file, self->close_after_save);
    }

  self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) markdown = markdown_filter ();

  dialog = gtk_file_chooser_native_new (_("Save As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), markdown);

  if (bulletin_window_get_file (self) != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), bulletin_window_get_file (self), NULL);
  else
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;

      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
      text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
      title = bulletin_markdown_extract_title (text, strlen (text));
      name = bulletin_file_suggest_name (title, _("Untitled"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  if (bulletin_window_get_file (self) == NULL)
    gtk_widget_activate_action (widget, "win.save-as", NULL);
  else
    bulletin_window_save (self, bulletin_window_get_file (self), FALSE);
}

static void
focus_region_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  /* in the order they stand in, start to end; only the shown ones count */
  GtkWidget * const regions[] = {
    GTK_WIDGET (self->drafts_panel),
    self->welcome_page,
    GTK_WIDGET (self->source_view),
    GTK_WIDGET (self->preview),
    GTK_WIDGET (self->end_stack),
  };

  bulletin_focus_regions_move (GTK_ROOT (self), regions, G_N_ELEMENTS (regions),
                               g_str_equal (action_name, "win.focus-previous-region"));
}

void
bulletin_window_class_init_actions (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-preview", "show-preview");
  gtk_widget_class_install_action (widget_class, "win.focus-next-region", NULL, focus_region_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-region", NULL, focus_region_action);
}
