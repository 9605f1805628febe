/* bulletin-window-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-file.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

/* The window's file: opening one (and offering a draft's newer text),
 * saving, asking before a close loses changes, and files dropped on it. */

static void
use_draft_text_cb (AdwToast            *toast,
                   BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);

  if (self == NULL || bulletin_window_get_store (self, NULL) == NULL ||
      bulletin_document_get_draft_id (self->document) == 0)
    return;

  /* the file's text is the newest version now, so this is undoable from
   * the history, and with Ctrl+Z */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), bulletin_window_reply_get_data (reply), -1);
}

/* A file opened again found its draft (bulletin_document_load_file_async()):
 * if the draft holds text the file does not (edits never saved to the
 * file), the user is offered it back. */
static void
offer_draft_text (BulletinWindow *self,
                  char           *draft_text)
{
  AdwToast *toast = adw_toast_new (_("Bulletin has a draft of this file with changes that were never saved to it"));

  adw_toast_set_button_label (toast, _("Use Draft"));
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (use_draft_text_cb),
                         bulletin_window_reply_new (self, draft_text, g_free),
                         bulletin_window_reply_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A file being read holds a weak reference to its window: a window
 * closed meanwhile goes (its dispose cancels the read), rather than
 * staying alive to take in text nobody will see. */
typedef struct
{
  GWeakRef  self;
  GFile    *file;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_weak_ref_clear (&job->self);
  g_object_unref (job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadJob, load_job_free)

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LoadJob) job = user_data;
  g_autoptr(BulletinWindow) self = g_weak_ref_get (&job->self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *draft_text = NULL;
  BulletinFileLoadFlags flags = 0;
  gboolean elsewhere = FALSE;

  text = bulletin_document_load_file_finish (BULLETIN_DOCUMENT (object), result, &flags,
                                             &draft_text, &elsewhere, &error);

  if (self == NULL)
    return;

  if (text == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = bulletin_file_describe_error (job->file, BULLETIN_FILE_OPENING, error);
      bulletin_window_show_error (self, _("Could Not Open File"), message);
      return;
    }

  if (bulletin_file_load_notice (flags) != NULL)
    bulletin_window_add_toast (self, bulletin_file_load_notice (flags));

  bulletin_window_update_title (self);

  /* Another Bulletin on this database (another session, a Flatpak beside
   * a native build) is editing this file's draft: sharing it, each would
   * overwrite the other's words. This window writes a draft of its own. */
  if (elsewhere)
    {
      AdwToast *toast = adw_toast_new (_("This file is open in another Bulletin window; you’re editing a copy."));

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  if (draft_text != NULL)
    offer_draft_text (self, g_steal_pointer (&draft_text));
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
  LoadJob *job;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (LoadJob, 1);
  g_weak_ref_init (&job->self, self);
  job->file = g_object_ref (file);
  bulletin_document_load_file_async (self->document, file, self->cancellable, load_file_cb, job);
}

typedef struct
{
  BulletinWindow *self;
  GFile          *file;
  gboolean        close_after;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_object_unref (job->self);
  g_object_unref (job->file);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SaveJob) job = user_data;
  BulletinWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!bulletin_document_save_file_finish (BULLETIN_DOCUMENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = bulletin_file_describe_error (job->file, BULLETIN_FILE_SAVING, error);
      bulletin_window_show_error (self, _("Could Not Save"), message);
      return;
    }

  bulletin_window_update_title (self);

  if (job->close_after)
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/**
 * bulletin_window_save:
 * @self: a #BulletinWindow
 * @file: where to save
 * @close_after: close the window once the file is written
 *
 * Writes the text to @file; errors are shown to the user.
 */
void
bulletin_window_save (BulletinWindow *self,
                      GFile          *file,
                      gboolean        close_after)
{
  SaveJob *job;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (SaveJob, 1);
  job->self = g_object_ref (self);
  job->file = g_object_ref (file);
  job->close_after = close_after;
  bulletin_document_save_file_async (self->document, file, self->cancellable, save_cb, job);
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
      GFile *file = bulletin_document_get_file (self->document);

      if (file != NULL)
        bulletin_window_save (self, file, TRUE);
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

/* Returns: TRUE when the window may close now; FALSE when it asked the
 * user first, whose answer closes it or not */
gboolean
bulletin_window_ready_to_close (BulletinWindow *self)
{
  GtkWindow *window = GTK_WINDOW (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GFile *file = bulletin_document_get_file (self->document);
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
      (in_drafts && file == NULL && bulletin_document_get_draft_id (self->document) != 0))
    {
      if (in_drafts)
        bulletin_window_close_draft (self);
      save_window_state (self);
      return TRUE;
    }

  name = bulletin_document_dup_title (self->document);

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

  return FALSE;
}

gboolean
bulletin_window_drop_cb (GtkDropTarget  *target,
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
