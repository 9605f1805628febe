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
#include "bulletin-window-states.h"

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

/* The drafts list's rows ask for these (drafts.open and so on). */
static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  bulletin_window_open_draft (BULLETIN_WINDOW (widget), g_variant_get_int64 (param));
}

static void
duplicate_draft_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_window_get_store (self, &error);
  gint64 copy = 0;

  if (store != NULL)
    copy = bulletin_store_duplicate_draft (store, g_variant_get_int64 (param), &error);
  if (copy == 0)
    {
      /* no error: a window with no database, which disables this */
      g_autofree char *body = error != NULL ? bulletin_store_describe_error (error) : NULL;

      if (body != NULL)
        bulletin_window_show_error (self, _("The Draft Could Not Be Copied"), body);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->drafts_panel), "drafts.refresh", NULL);
  bulletin_window_open_draft (self, copy);
}

static void
carry_forward_draft_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  bulletin_window_carry_forward_from (BULLETIN_WINDOW (widget), g_variant_get_int64 (param));
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

/* ----- a dialog's or a toast's answer ----- */

struct _BulletinWindowReply
{
  GWeakRef       window;
  gpointer       data;
  GDestroyNotify destroy;
};

BulletinWindowReply *
bulletin_window_reply_new (BulletinWindow *self,
                           gpointer        data,
                           GDestroyNotify  destroy)
{
  BulletinWindowReply *reply = g_new0 (BulletinWindowReply, 1);

  g_weak_ref_init (&reply->window, self);
  reply->data = data;
  reply->destroy = destroy;

  return reply;
}

/* a GClosureNotify, for g_signal_connect_data() */
void
bulletin_window_reply_free (gpointer  data,
                            GClosure *closure)
{
  BulletinWindowReply *reply = data;

  g_weak_ref_clear (&reply->window);
  if (reply->destroy != NULL)
    reply->destroy (reply->data);
  g_free (reply);
}

/* Returns: (transfer full) (nullable): the window, unless it closed */
BulletinWindow *
bulletin_window_reply_dup_window (BulletinWindowReply *reply)
{
  return g_weak_ref_get (&reply->window);
}

gpointer
bulletin_window_reply_get_data (BulletinWindowReply *reply)
{
  return reply->data;
}

/* ----- which actions can apply ----- */

/* What each of the window's actions needs (the panels' own actions are
 * in their files; the checks' in bulletin-window-checks.c, Fill In
 * Placeholders in bulletin-window-template.c; Save, Save As and Restore
 * Readable Version follow a damaged draft in bulletin-window-drafts.c):
 *
 *   export-html, export-text, export-eml, copy-for-email: text to send,
 *     not blank lines alone
 *   show-history, name-version: a draft (text, or one in the database),
 *     and the database
 *   add-to-library: text selected in the editor, and the database
 *   export-library, import-library, open-draft, duplicate-draft,
 *     carry-forward-draft: the database
 *   start-from-last-week: the database (whether it holds an earlier
 *     update is known only by asking it, which another process may
 *     change at any time: that one is answered when it runs)
 *   fill-diary, insert-section: an editor that takes typing (not a
 *     damaged draft shown read-only)
 *   leave-safe-mode: safe mode
 *   retry-store: a database that cannot be opened or written
 *   open, save, save-as, new-weekly-update, autosave-now, toggle-*,
 *   show-preview, focus-*: always
 *
 * Each is set from the signal that changes what it needs, never polled. */

static gboolean
has_text (BulletinWindow *self)
{
  return gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->buffer)) > 0;
}

static gboolean
is_not_space (gunichar c,
              gpointer data)
{
  return !g_unichar_isspace (c);
}

/* Blank lines alone are nothing to send (the export refuses them). Only
 * leading white space is read: a draft's first character decides. */
static gboolean
has_words (BulletinWindow *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &iter);
  if (gtk_text_iter_is_end (&iter))
    return FALSE;

  return !g_unichar_isspace (gtk_text_iter_get_char (&iter)) ||
         gtk_text_iter_forward_find_char (&iter, is_not_space, NULL, NULL);
}

/* Whether the database can be used, as the window last found out: its
 * banner says when it cannot be opened or written. Asking the
 * application instead would try to open it again, on every keystroke. */
static gboolean
has_store (BulletinWindow *self)
{
  if (gtk_info_bar_get_revealed (self->store_banner) &&
      gtk_widget_get_visible (self->store_banner_retry))
    return FALSE;

  return bulletin_document_get_store (self->document) != NULL ||
         BULLETIN_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
sync_text_states (BulletinWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean words = has_words (self);
  gboolean draft = has_store (self) && (has_text (self) || bulletin_window_get_draft_id (self) != 0);

  gtk_widget_action_set_enabled (widget, "win.export-html", words);
  gtk_widget_action_set_enabled (widget, "win.export-text", words);
  gtk_widget_action_set_enabled (widget, "win.export-eml", words);
  gtk_widget_action_set_enabled (widget, "win.copy-for-email", words);
  gtk_widget_action_set_enabled (widget, "win.show-history", draft);
  gtk_widget_action_set_enabled (widget, "win.name-version", draft);
}

static void
sync_selection_state (BulletinWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-library",
                                 has_store (self) &&
                                 gtk_text_buffer_get_has_selection (GTK_TEXT_BUFFER (self->buffer)));
}

static void
sync_editable_states (BulletinWindow *self)
{
  gboolean editable = gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fill-diary", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.insert-section", editable);
}

static void
sync_safe_mode_state (BulletinWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-safe-mode",
                                 bulletin_window_get_safe_mode (self));
}

/* A draft came, went or was renamed: perhaps this window's own, by its
 * first autosave. */
static void
drafts_changed_cb (BulletinWindow *self)
{
  sync_text_states (self);
}

/**
 * bulletin_window_sync_store_states:
 * @self: a #BulletinWindow
 *
 * The database came or went (it opened, a write failed, a retry
 * worked): the actions that need it follow.
 */
void
bulletin_window_sync_store_states (BulletinWindow *self)
{
  GtkWidget *widget;
  BulletinStore *store;
  gboolean usable;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  widget = GTK_WIDGET (self);
  usable = has_store (self);
  gtk_widget_action_set_enabled (widget, "win.retry-store", !usable);
  gtk_widget_action_set_enabled (widget, "win.export-library", usable);
  gtk_widget_action_set_enabled (widget, "win.import-library", usable);
  gtk_widget_action_set_enabled (widget, "win.start-from-last-week", usable);
  gtk_widget_action_set_enabled (widget, "win.open-draft", usable);
  gtk_widget_action_set_enabled (widget, "win.duplicate-draft", usable);
  gtk_widget_action_set_enabled (widget, "win.carry-forward-draft", usable);

  /* the store arrives after init (from a test, or the application once
   * the window has one): watched from then on */
  store = usable ? bulletin_window_get_store (self, NULL) : NULL;
  if (store != NULL &&
      g_signal_handler_find (store, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             drafts_changed_cb, self) == 0)
    g_signal_connect_object (store, "drafts-changed", G_CALLBACK (drafts_changed_cb),
                             self, G_CONNECT_SWAPPED);

  drafts_changed_cb (self);
  sync_selection_state (self);
}

/**
 * bulletin_window_init_action_states:
 * @self: a #BulletinWindow
 *
 * Sets each action's enabled state as the window starts, and has it
 * follow what it needs from then on.
 */
void
bulletin_window_init_action_states (BulletinWindow *self)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (sync_text_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (sync_selection_state), self, G_CONNECT_SWAPPED);
  /* a draft's id comes with its file, or its text loaded */
  g_signal_connect_object (self, "notify::file",
                           G_CALLBACK (sync_text_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_view, "notify::editable",
                           G_CALLBACK (sync_editable_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->safe_banner, "notify::revealed",
                           G_CALLBACK (sync_safe_mode_state), self, G_CONNECT_SWAPPED);
  /* the banner says when the database cannot be opened or written */
  g_signal_connect_object (self->store_banner, "notify::revealed",
                           G_CALLBACK (bulletin_window_sync_store_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store_banner_retry, "notify::visible",
                           G_CALLBACK (bulletin_window_sync_store_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::application",
                           G_CALLBACK (bulletin_window_sync_store_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "map",
                           G_CALLBACK (bulletin_window_sync_store_states), self, G_CONNECT_SWAPPED);

  bulletin_window_init_finding_states (self);
  bulletin_window_init_fill_state (self);

  sync_editable_states (self);
  sync_safe_mode_state (self);
  bulletin_window_sync_store_states (self);
}

void
bulletin_window_class_init_actions (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-preview", "show-preview");
  gtk_widget_class_install_action (widget_class, "win.open-draft", "x", open_draft_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-draft", "x", duplicate_draft_action);
  gtk_widget_class_install_action (widget_class, "win.carry-forward-draft", "x", carry_forward_draft_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-region", NULL, focus_region_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-region", NULL, focus_region_action);
}
