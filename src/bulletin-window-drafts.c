/* bulletin-window-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-history-window.h"
#include "bulletin-template.h"
#include "bulletin-window-private.h"

/* Every window's text is a draft in the database from its first change:
 * its BulletinDocument's BulletinDraftKeeper writes it (autosave, retries,
 * milestones). The window shows what the keeper says (the banner, the
 * title) and adds its own moments to write: losing the focus, closing. */

/**
 * bulletin_window_get_store:
 * @self: a #BulletinWindow
 * @error: return location for why there is none
 *
 * The store given at construction, else the application's, which may
 * open now (it is tried again a few seconds after it failed): the window
 * then keeps it, and notifies #BulletinWindow:store.
 *
 * Returns: (transfer none) (nullable): the drafts database
 */
BulletinStore *
bulletin_window_get_store (BulletinWindow  *self,
                           GError         **error)
{
  GtkApplication *app;
  BulletinStore *store;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  store = bulletin_document_get_store (self->document);
  if (store != NULL)
    return store;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (!BULLETIN_IS_APPLICATION (app))
    return NULL;

  store = bulletin_application_get_store (BULLETIN_APPLICATION (app), error);
  if (store != NULL)
    bulletin_document_set_store (self->document, store);

  return store;
}

char *
bulletin_window_dup_text (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  return bulletin_document_dup_text (self->document);
}

static BulletinDraftKeeper *
keeper (BulletinWindow *self)
{
  return bulletin_document_get_keeper (self->document);
}

static void
show_banner (BulletinWindow *self,
             const GError   *error)
{
  g_autofree char *message = NULL;

  /* the banner of a damaged draft stays until the user decides */
  if (self->showing_damaged)
    return;

  gtk_info_bar_set_message_type (self->store_banner, GTK_MESSAGE_WARNING);
  gtk_widget_set_visible (self->store_banner_retry, TRUE);
  gtk_widget_set_visible (self->store_banner_restore, FALSE);

  if (error == NULL)
    {
      gtk_info_bar_set_revealed (self->store_banner, FALSE);
      return;
    }

  message = bulletin_store_describe_error (error);
  gtk_label_set_text (self->store_banner_label, message);
  gtk_info_bar_set_revealed (self->store_banner, TRUE);
}

/* a failed write shows until one succeeds; the keeper retries */
static void
keeper_error_cb (BulletinWindow      *self,
                 GParamSpec          *pspec,
                 BulletinDraftKeeper *keeper)
{
  show_banner (self, bulletin_draft_keeper_get_error (keeper));
}

/* The database could not be opened when the window was made: the
 * application tries again (at most every few seconds), and says why not. */
static void
store_needed_cb (BulletinWindow      *self,
                 BulletinDraftKeeper *keeper)
{
  g_autoptr(GError) error = NULL;

  if (bulletin_window_get_store (self, &error) == NULL && error != NULL)
    bulletin_draft_keeper_report_error (keeper, error);
}

/**
 * bulletin_window_autosave_now:
 * @self: a #BulletinWindow
 *
 * Writes the text to the drafts database in the background, if it changed
 * since the last write.
 */
void
bulletin_window_autosave_now (BulletinWindow *self)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  bulletin_draft_keeper_save_now (keeper (self));
}

/**
 * bulletin_window_record_milestone:
 * @self: a #BulletinWindow
 * @kind: what happened
 * @name: (nullable): the user's name for the version
 *
 * Keeps the current text as a milestone version (opened, saved to file,
 * exported, named), creating the draft first if needed.
 */
void
bulletin_window_record_milestone (BulletinWindow      *self,
                                  BulletinVersionKind  kind,
                                  const char          *name)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  bulletin_draft_keeper_record_milestone (keeper (self), kind, name);
}

/**
 * bulletin_window_flush:
 * @self: a #BulletinWindow
 * @error: return location for an error
 *
 * Writes unsaved text to the database now, synchronously: used when the
 * window closes, where there is no later.
 *
 * Returns: %TRUE if the database holds the window's text
 */
gboolean
bulletin_window_flush (BulletinWindow  *self,
                       GError         **error)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  return bulletin_draft_keeper_flush (keeper (self), error);
}

/**
 * bulletin_window_close_draft:
 * @self: a #BulletinWindow
 *
 * The window is going away cleanly: its draft is no longer open, so the
 * next start will not offer to recover it.
 */
void
bulletin_window_close_draft (BulletinWindow *self)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  bulletin_draft_keeper_close (keeper (self));
}

/* Leaves the state show_damaged_draft() puts the window in. */
static void
clear_damaged (BulletinWindow *self)
{
  if (!self->showing_damaged)
    return;

  self->showing_damaged = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-readable-version", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", TRUE);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), TRUE);
  show_banner (self, NULL);
}

/* Puts a draft's text (or what can be read of it) into the editor as the
 * text the database holds, so it is not written back. */
static void
show_draft_text (BulletinWindow    *self,
                 BulletinDraftInfo *info,
                 const char        *text)
{
  g_autofree char *on_disk = NULL;
  g_autoptr(GFile) file = NULL;

  if (info->file_uri != NULL)
    {
      file = g_file_new_for_uri (info->file_uri);
      g_file_load_contents (file, NULL, &on_disk, NULL, NULL, NULL);
    }

  bulletin_document_set_file (self->document, file);
  bulletin_document_replace_text (self->document, text, -1);
  bulletin_draft_keeper_adopt (keeper (self), info->id, info->title);
  bulletin_draft_keeper_mark_saved (keeper (self), bulletin_document_get_change_serial (self->document), NULL);

  /* "Unsaved" means: not what the file on disk says. */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer),
                                on_disk == NULL ? *text != '\0' : strcmp (on_disk, text) != 0);
  bulletin_window_update_title (self);
}

/* A draft whose stored text fails the store's checks. An empty editor
 * here is how a single keystroke used to replace a whole damaged draft:
 * instead the window shows what can still be read, read-only (and not to
 * be saved to its file), and offers the newest copy that reads back whole
 * (bulletin_store_find_readable_text()). The stored bytes stay as they
 * are until the user restores; the store then keeps them in the history,
 * as it would if anything else wrote over them. With nothing readable to
 * offer, the readable part is left editable. */
static void
show_damaged_draft (BulletinWindow    *self,
                    BulletinStore     *store,
                    BulletinDraftInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *readable = NULL;
  g_autofree char *lossy = NULL;
  g_autofree char *message = NULL;
  gint64 saved_at = 0;

  lossy = bulletin_store_get_draft_text_lossy (store, info->id, &error);
  if (lossy == NULL)
    {
      g_autofree char *toast = g_strdup_printf (_("The draft could not be opened: %s"), error->message);
      bulletin_window_add_toast (self, toast);
      return;
    }

  readable = bulletin_store_find_readable_text (store, info->id, &saved_at, &error);
  if (readable == NULL)
    g_message ("Nothing of damaged draft %" G_GINT64_FORMAT " reads back whole: %s", info->id, error->message);

  show_draft_text (self, info, lossy);

  if (readable != NULL)
    {
      g_autofree char *when = bulletin_template_format_when (saved_at, NULL, TRUE);

      /* Translators: the time is as the history shows it, e.g. "Today 14:05" or "Fri 20 Nov, 16:30" */
      message = g_strdup_printf (_("This draft is damaged: part of its text cannot be read. Its last readable copy is from %s. Nothing is deleted either way."),
                                 when);
      self->showing_damaged = TRUE;
      gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), FALSE);
      /* nor may the damage reach the draft's file: no saving what is
       * shown, and no "save changes?" on closing */
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
      bulletin_window_update_title (self);
    }
  else
    message = g_strdup (_("This draft is damaged: part of its text cannot be read, and no earlier copy can be. What could be read is shown; once you edit it, the damaged text is kept in its history."));

  gtk_label_set_text (self->store_banner_label, message);
  gtk_info_bar_set_message_type (self->store_banner, GTK_MESSAGE_ERROR);
  gtk_widget_set_visible (self->store_banner_retry, FALSE);
  gtk_widget_set_visible (self->store_banner_restore, readable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-readable-version", readable != NULL);
  gtk_info_bar_set_revealed (self->store_banner, TRUE);
}

/**
 * bulletin_window_load_draft:
 * @self: a #BulletinWindow
 * @draft_id: a draft in the database
 * @recovered: whether it comes back after a crash (the user is told)
 *
 * Shows a draft from the database in this window.
 */
void
bulletin_window_load_draft (BulletinWindow *self,
                            gint64          draft_id,
                            gboolean        recovered)
{
  g_autoptr(BulletinDraftInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BulletinStore *store;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  clear_damaged (self);
  store = bulletin_window_get_store (self, &error);

  /* Another Bulletin on this database (another session, a Flatpak beside
   * a native build) has this draft open: sharing it, each would overwrite
   * the other's words. This window edits a copy. A recovered draft was
   * handed to this process already. */
  if (store != NULL && !recovered)
    {
      gboolean copied = FALSE;

      draft_id = bulletin_draft_keeper_claim (keeper (self), draft_id, TRUE, &copied, &error);
      if (draft_id == 0)
        {
          g_autofree char *message = g_strdup_printf (_("The draft could not be opened: %s"), error->message);

          bulletin_window_add_toast (self, message);
          return;
        }
      if (copied)
        bulletin_window_add_toast (self, _("This draft is open in another Bulletin window; you’re editing a copy."));
    }

  if (store != NULL)
    {
      info = bulletin_store_get_draft (store, draft_id, &error);
      if (info != NULL)
        text = bulletin_store_get_draft_text (store, draft_id, &error);
    }

  if (text == NULL && g_error_matches (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED))
    {
      show_damaged_draft (self, store, info);
      return;
    }

  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The draft could not be opened: %s"),
                                                  error ? error->message : _("no database"));
      bulletin_window_add_toast (self, message);
      return;
    }

  show_draft_text (self, info, text);

  if (recovered)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->updated_at / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      g_autofree char *message = g_strdup_printf (_("Bulletin closed unexpectedly. This draft was recovered as autosaved at %s."), time);

      bulletin_window_add_toast (self, message);
    }
}

/**
 * bulletin_window_restore_readable_version:
 * @self: a #BulletinWindow showing a damaged draft
 * @error: return location for an error
 *
 * The user's answer to a damaged draft: its last readable copy becomes
 * its text again, and the damaged bytes stay in its history.
 *
 * Returns: %TRUE on success
 */
gboolean
bulletin_window_restore_readable_version (BulletinWindow  *self,
                                          GError         **error)
{
  g_autofree char *restored = NULL;
  BulletinStore *store;
  gint64 draft_id;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->showing_damaged, FALSE);

  store = bulletin_window_get_store (self, error);
  if (store == NULL)
    return FALSE;

  /* asked again: the editor was read-only, so nothing has changed since
   * it was offered. The store keeps the damaged bytes before it writes. */
  draft_id = bulletin_document_get_draft_id (self->document);
  restored = bulletin_store_find_readable_text (store, draft_id, NULL, error);
  if (restored == NULL ||
      bulletin_store_add_version (store, draft_id, restored, BULLETIN_VERSION_RESTORED, NULL, error) == 0)
    return FALSE;

  bulletin_document_replace_text (self->document, restored, -1);
  /* the database already holds exactly this text */
  bulletin_draft_keeper_mark_saved (keeper (self), bulletin_document_get_change_serial (self->document), restored);
  clear_damaged (self);

  return TRUE;
}

static void
restore_readable_version_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!self->showing_damaged)
    return;

  if (bulletin_window_restore_readable_version (self, &error))
    bulletin_window_add_toast (self, _("Restored. The damaged text is kept in the history."));
  else
    {
      g_autofree char *message = bulletin_store_describe_error (error);
      bulletin_window_add_toast (self, message);
    }
}

gint64
bulletin_window_get_draft_id (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), 0);

  return bulletin_document_get_draft_id (self->document);
}

char *
bulletin_window_dup_current_text (BulletinWindow *self)
{
  return bulletin_window_dup_text (self);
}

/**
 * bulletin_window_restore_version:
 * @self: a #BulletinWindow
 * @version_id: a version of this window's draft
 * @error: return location for an error
 *
 * Brings an old version back into the editor. The store keeps the text it
 * replaces as a version, and the editor change is one undo step.
 *
 * Returns: %TRUE on success
 */
gboolean
bulletin_window_restore_version (BulletinWindow  *self,
                                 gint64           version_id,
                                 GError         **error)
{
  g_autofree char *current = NULL;
  g_autofree char *restored = NULL;
  BulletinStore *store;
  GtkTextIter start, end;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);

  store = bulletin_window_get_store (self, error);
  if (store == NULL)
    return FALSE;

  if (!bulletin_window_flush (self, error))
    return FALSE;

  current = bulletin_window_dup_text (self);
  if (bulletin_store_restore_version (store, bulletin_document_get_draft_id (self->document),
                                      version_id, current, &restored, error) == 0)
    return FALSE;

  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_delete (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (self->buffer), &start, restored, -1);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);

  /* the database already holds exactly this text */
  bulletin_draft_keeper_mark_saved (keeper (self), bulletin_document_get_change_serial (self->document), NULL);
  clear_damaged (self);

  return TRUE;
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_window_get_store (self, &error);
  BulletinHistoryWindow *history;

  if (store == NULL)
    {
      if (error != NULL)
        show_banner (self, error);
      return;
    }

  /* make sure the draft exists and its history is up to date */
  if (!bulletin_window_flush (self, &error) || bulletin_document_get_draft_id (self->document) == 0)
    {
      if (error != NULL)
        show_banner (self, error);
      else
        bulletin_window_add_toast (self, _("This draft has no history yet: start writing"));
      return;
    }

  history = bulletin_history_window_new (self, store, bulletin_document_get_draft_id (self->document));
  gtk_window_present (GTK_WINDOW (history));
}

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BulletinWindow   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "name"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*name == '\0')
    return;

  bulletin_window_record_milestone (self, BULLETIN_VERSION_NAMED, name);
  {
    g_autofree char *message = g_strdup_printf (_("Version named “%s”"), name);
    bulletin_window_add_toast (self, message);
  }
}

static void
name_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Name This Version"),
                                   _("A named version is kept for good, e.g. “Sent to staff”."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Sent to staff"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "name", _("_Name"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "name", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "name");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static BulletinWindow *
find_window_with_draft (BulletinWindow *self,
                        gint64          draft_id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (bulletin_window_get_draft_id (self) == draft_id)
    return self;

  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l; l = l->next)
    if (BULLETIN_IS_WINDOW (l->data) && bulletin_window_get_draft_id (l->data) == draft_id)
      return l->data;

  return NULL;
}

static void
open_draft (BulletinWindow *self,
            gint64          draft_id)
{
  BulletinWindow *target = find_window_with_draft (self, draft_id);

  if (target == NULL)
    {
      if (bulletin_window_is_empty (self) && bulletin_window_get_draft_id (self) == 0)
        target = self;
      else
        target = bulletin_window_new_like (self);
      bulletin_window_load_draft (target, draft_id, FALSE);
    }

  gtk_window_present (GTK_WINDOW (target));
}

/**
 * bulletin_window_open_draft:
 * @self: a #BulletinWindow
 * @draft_id: a draft
 *
 * Shows @draft_id: the window that has it open, else this one if it is
 * empty, else a new one.
 */
void
bulletin_window_open_draft (BulletinWindow *self,
                            gint64          draft_id)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  open_draft (self, draft_id);
}

static void
drafts_revealed_cb (BulletinWindow *self,
                    GParamSpec     *pspec,
                    AdwFlap        *flap)
{
  if (!adw_flap_get_reveal_flap (flap))
    return;

  /* the list shows this window's latest words too; a store that failed
   * to open is tried again, and reaches the panel through its binding */
  bulletin_window_autosave_now (self);
  bulletin_window_get_store (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->drafts_panel), "drafts.refresh", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->drafts_panel), "drafts.focus-search", NULL);
}

static void
toggle_drafts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
bulletin_window_init_drafts (BulletinWindow *self)
{
  g_signal_connect_object (keeper (self), "notify::error",
                           G_CALLBACK (keeper_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (keeper (self), "store-needed",
                           G_CALLBACK (store_needed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-readable-version", FALSE);
  /* the list is read only once shown (see drafts_revealed_cb()) */
  g_object_bind_property (self, "store", self->drafts_panel, "store", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->drafts_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (drafts_revealed_cb), self, G_CONNECT_SWAPPED);
  bulletin_window_watch_panel (self, self->flap);
}

static void
autosave_now_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  bulletin_draft_keeper_retry_now (keeper (self));
}

void
bulletin_window_class_init_drafts (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.autosave-now", NULL, autosave_now_action);
  gtk_widget_class_install_action (widget_class, "win.restore-readable-version", NULL,
                                   restore_readable_version_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.name-version", NULL, name_version_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-drafts", NULL, toggle_drafts_action);
}
