/* bulletin-window-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-export.h"
#include "bulletin-file.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

/* Sending the update: export files and Copy for Email. The exports are
 * made by the core on a worker thread; this file asks where to put them,
 * writes them atomically and keeps a milestone version of what was sent. */

typedef struct
{
  BulletinWindow       *self;
  BulletinExportFormat  format;
  GFile                *file;       /* NULL: the clipboard */
  GBytes               *html;       /* for the clipboard, once rendered */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->file);
  g_clear_pointer (&job->html, g_bytes_unref);
  g_free (job);
}

static const char *
format_label (BulletinExportFormat format)
{
  switch (format)
    {
    case BULLETIN_EXPORT_HTML:
      return _("Exported as HTML");
    case BULLETIN_EXPORT_TEXT:
      return _("Exported as plain text");
    case BULLETIN_EXPORT_EML:
      return _("Exported as an email draft");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
warn_if_clipped (BulletinWindow *self,
                 gsize           html_size)
{
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;

  if (!bulletin_html_exceeds_gmail_clip (html_size))
    return;

  size = g_format_size (html_size);
  /* Translators: %s is a size such as "130.2 kB" */
  message = g_strdup_printf (_("The email is %s: Gmail shows only about the first 102 kB and hides the rest behind “View entire message”"),
                             size);
  bulletin_window_add_toast (self, message);
}

static void
open_folder_cb (AdwToast            *toast,
                BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);

  if (self != NULL)
    gtk_show_uri (GTK_WINDOW (self), bulletin_window_reply_get_data (reply), GDK_CURRENT_TIME);
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);

  if (!bulletin_file_save_finish (file, result, &error))
    {
      g_autofree char *body = bulletin_file_describe_error (file, BULLETIN_FILE_SAVING, error);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bulletin_window_show_error (job->self, _("The update could not be exported"), body);
    }
  else
    {
      g_autofree char *name = bulletin_file_get_display_name (file);
      g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);
      g_autoptr(GFile) folder = g_file_get_parent (file);
      AdwToast *toast;

      bulletin_window_record_milestone (job->self, BULLETIN_VERSION_EXPORTED, format_label (job->format));
      if (folder != NULL)
        {
          g_autofree char *path = g_file_get_path (folder);

          if (path != NULL)
            g_settings_set_string (job->self->settings, "last-export-folder", path);
        }

      /* the next thing is usually to attach or open it */
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 6);
      if (folder != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          adw_toast_set_button_label (toast, _("Open Folder"));
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_folder_cb),
                                 bulletin_window_reply_new (job->self, g_steal_pointer (&uri), g_free),
                                 bulletin_window_reply_free, 0);
        }
      adw_toast_overlay_add_toast (job->self->toast_overlay, toast);
    }

  export_job_free (job);
}

static void
copy_for_email (BulletinWindow *self,
                GBytes         *html,
                GBytes         *text)
{
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[3];
  g_autofree char *plain = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  GValue value = G_VALUE_INIT;

  /* both at once: a mail composer takes the HTML, a plain editor the text */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, plain);
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", html);
  providers[1] = gdk_content_provider_new_for_value (&value);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  g_value_unset (&value);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  /* as much a sending as an export: the history says which text went */
  bulletin_window_record_milestone (self, BULLETIN_VERSION_EXPORTED, _("Copied for email"));
  warn_if_clipped (self, g_bytes_get_size (html));
  bulletin_window_add_toast (self, _("Copied for email: paste into your mail composer"));
}

static void
copy_text_rendered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = bulletin_export_render_finish (result, &error);

  if (text != NULL)
    copy_for_email (job->self, job->html, text);
  export_job_free (job);
}

static void
export_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bulletin_export_render_finish (result, &error);
  const char * const *warnings = bulletin_export_render_get_warnings (result);

  /* an image left out (missing, damaged, too large to copy) is no reason
   * to hold the update back, but the author must know before sending */
  if (bytes != NULL && warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *first = g_strdup (warnings[0]);
      g_autofree char *message = NULL;
      guint n = g_strv_length ((char **)warnings);

      /* the core's warnings are written to follow "warning: " */
      if (g_ascii_islower (first[0]))
        first[0] = g_ascii_toupper (first[0]);
      if (n == 1)
        message = g_steal_pointer (&first);
      else
        /* Translators: the first %s says which image is left out and
         * why; %u is how many more are, at least 1 */
        message = g_strdup_printf (ngettext ("%s; and %u more image", "%s; and %u more images", n - 1),
                                   first, n - 1);
      bulletin_window_add_toast (job->self, message);
    }

  if (bytes == NULL)
    {
      /* nothing to send is no failure to explain at length */
      if (g_error_matches (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_EMPTY))
        bulletin_window_add_toast (job->self, error->message);
      else
        bulletin_window_show_error (job->self, _("The update could not be exported"), error->message);
      export_job_free (job);
      return;
    }

  if (job->file == NULL)
    {
      g_autofree char *markdown = bulletin_window_dup_text (job->self);

      /* the HTML is ready; the plain text follows on the worker */
      job->html = g_bytes_ref (bytes);
      bulletin_export_render_async (BULLETIN_EXPORT_TEXT, markdown, strlen (markdown), NULL, NULL,
                                    NULL, job->self->cancellable, copy_text_rendered_cb, job);
      return;
    }

  if (job->format == BULLETIN_EXPORT_HTML)
    warn_if_clipped (job->self, g_bytes_get_size (bytes));

  bulletin_file_save_async (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            job->self->cancellable, export_saved_cb, job);
}

/**
 * bulletin_window_export:
 * @self: a #BulletinWindow
 * @format: what to make
 * @file: (nullable): where to write it; %NULL puts HTML and plain text on
 *   the clipboard (Copy for Email, @format is ignored)
 *
 * Exports the current text. Written files replace an existing one only
 * when complete, and are recorded as a milestone in the draft's history.
 */
void
bulletin_window_export (BulletinWindow       *self,
                        BulletinExportFormat  format,
                        GFile                *file)
{
  g_autofree char *markdown = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *language = NULL;
  g_autoptr(GFile) base = NULL;
  BulletinExportOptions options = { 0 };
  ExportJob *job;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  /* images beside the draft's file go into the .eml, into a folder
   * beside an HTML file, or inside the clipboard's HTML, as from the
   * command line */
  if (bulletin_window_get_file (self) != NULL)
    base = g_file_get_parent (bulletin_window_get_file (self));

  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->format = file ? format : BULLETIN_EXPORT_HTML;
  job->file = file ? g_object_ref (file) : NULL;

  if (job->format == BULLETIN_EXPORT_EML)
    {
      g_autofree char *name = g_settings_get_string (self->settings, "sender-name");
      g_autofree char *address = g_settings_get_string (self->settings, "sender-email");

      g_strstrip (address);
      if (*address != '\0' && *name != '\0')
        from = g_strdup_printf ("\"%s\" <%s>", name, address);
      else if (*address != '\0')
        from = g_steal_pointer (&address);
      to = g_settings_get_string (self->settings, "recipients");
    }

  language = g_settings_get_string (self->settings, "document-language");
  options.from = from;
  options.to = to;
  options.base = base;
  options.language = language;
  options.html_output = job->format == BULLETIN_EXPORT_HTML ? file : NULL;
  options.inline_images = file == NULL;
  /* images pasted into a draft without a file are in the database */
  options.resolve_image = bulletin_store_image_resolve;
  options.resolve_data = bulletin_window_get_store (self, NULL);
  if (options.resolve_data == NULL)
    options.resolve_image = NULL;

  markdown = bulletin_window_dup_text (self);
  bulletin_export_render_with_options_async (job->format, markdown, strlen (markdown), &options,
                                             self->cancellable, export_rendered_cb, job);
}

static void
export_response_cb (GtkNativeDialog     *dialog,
                    int                  response,
                    BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);

  if (self != NULL && response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      BulletinExportFormat format = GPOINTER_TO_INT (bulletin_window_reply_get_data (reply));

      bulletin_window_export (self, format, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
ask_where (BulletinWindow       *self,
           BulletinExportFormat  format,
           const char           *title,
           const char           *filter_name,
           const char           *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *markdown = bulletin_window_dup_text (self);
  g_autofree char *doc_title = bulletin_markdown_extract_title (markdown, strlen (markdown));
  g_autofree char *name = bulletin_file_suggest_name (doc_title, _("Weekly update"));
  GtkFileChooserNative *dialog;

  /* the suggested name ends in .md: swap it for the export's */
  if (g_str_has_suffix (name, ".md"))
    name[strlen (name) - 3] = '\0';
  {
    g_autofree char *with_suffix = g_strconcat (name, bulletin_export_format_suffix (format), NULL);

    g_free (name);
    name = g_steal_pointer (&with_suffix);
  }

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  {
    g_autofree char *last = g_settings_get_string (self->settings, "last-export-folder");
    g_autoptr(GFile) folder = bulletin_file_export_folder (bulletin_window_get_file (self), last);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (export_response_cb),
                         bulletin_window_reply_new (self, GINT_TO_POINTER (format), NULL),
                         bulletin_window_reply_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The checks' question comes before the file chooser: no point picking
 * a place for something the user then goes back to fix. */
static void
ask_where_cb (BulletinWindow *self,
              gpointer        data)
{
  switch (GPOINTER_TO_INT (data))
    {
    case BULLETIN_EXPORT_HTML:
      ask_where (self, BULLETIN_EXPORT_HTML, _("Export HTML"), _("HTML email"), "*.html");
      break;
    case BULLETIN_EXPORT_TEXT:
      ask_where (self, BULLETIN_EXPORT_TEXT, _("Export Plain Text"), _("Plain text"), "*.txt");
      break;
    case BULLETIN_EXPORT_EML:
      ask_where (self, BULLETIN_EXPORT_EML, _("Export Email Draft"), _("Email drafts"), "*.eml");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
export_html_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  bulletin_window_confirm_send (BULLETIN_WINDOW (widget), ask_where_cb, GINT_TO_POINTER (BULLETIN_EXPORT_HTML), NULL);
}

static void
export_text_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  bulletin_window_confirm_send (BULLETIN_WINDOW (widget), ask_where_cb, GINT_TO_POINTER (BULLETIN_EXPORT_TEXT), NULL);
}

static void
export_eml_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  bulletin_window_confirm_send (BULLETIN_WINDOW (widget), ask_where_cb, GINT_TO_POINTER (BULLETIN_EXPORT_EML), NULL);
}

static void
copy_cb (BulletinWindow *self,
         gpointer        data)
{
  bulletin_window_export (self, BULLETIN_EXPORT_HTML, NULL);
}

static void
copy_for_email_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  bulletin_window_confirm_send (BULLETIN_WINDOW (widget), copy_cb, NULL, NULL);
}

void
bulletin_window_class_init_export (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_html_action);
  gtk_widget_class_install_action (widget_class, "win.export-text", NULL, export_text_action);
  gtk_widget_class_install_action (widget_class, "win.export-eml", NULL, export_eml_action);
  gtk_widget_class_install_action (widget_class, "win.copy-for-email", NULL, copy_for_email_action);
}
