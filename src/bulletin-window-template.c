/* bulletin-window-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-clock.h"
#include "bulletin-library.h"
#include "bulletin-settings.h"
#include "bulletin-template.h"
#include "bulletin-weekly.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

/* New weekly update (Ctrl+N) and Start from last week's (Shift+Ctrl+L):
 * the text comes from the core's template code; this file only gathers
 * the preferences and shows the result. */

/* Shows @text in this window if it is empty, else in a new one, as a new
 * draft. */
static BulletinWindow *
show_new_text (BulletinWindow *self,
               const char     *text)
{
  BulletinWindow *target = self;
  GtkTextIter start;

  if (!bulletin_window_is_empty (self) || bulletin_window_get_draft_id (self) != 0)
    target = bulletin_window_new_like (self);

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (target->buffer), text, -1);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (target->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (target->buffer), &start);
  /* set_text resets the modified flag; this is new, unsaved text */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (target->buffer), TRUE);
  bulletin_window_autosave_now (target);
  /* a new update's placeholders can be filled at once, not after a pause */
  bulletin_window_sync_fill_state (target);
  gtk_window_present (GTK_WINDOW (target));

  return target;
}

/* Filling placeholders from Preferences after the draft was started:
 * the Preferences write every keystroke, so the window waits for a
 * pause, then offers; the values are read when the user says yes, so a
 * name half typed at the pause is never what goes in. */
#define FILL_OFFER_DELAY_MS 800

/* Fill In Placeholders is looked for once typing pauses: finding the
 * placeholders reads the whole text. */
#define FILL_STATE_DELAY_MS 300

static GPtrArray *
find_fills (BulletinWindow *self)
{
  g_autofree char *text = bulletin_window_dup_text (self);
  BulletinTemplateContext ctx;
  GPtrArray *fills;

  bulletin_settings_fill_template_context (self->settings, &ctx);
  fills = bulletin_template_find_fills (text, &ctx);
  bulletin_settings_clear_template_context (&ctx);

  return fills;
}

static gboolean
offer_fill_cb (gpointer data)
{
  BulletinWindow *self = data;
  g_autoptr(GPtrArray) fills = NULL;
  AdwToast *toast;

  self->fill_offer_source = 0;
  /* closing: there is no draft left to offer it for */
  if (self->buffer == NULL || self->toast_overlay == NULL)
    return G_SOURCE_REMOVE;
  fills = find_fills (self);
  if (fills->len == 0 || self->fill_offer_toast != NULL)
    return G_SOURCE_REMOVE;

  toast = adw_toast_new (_("Your details are in Preferences now: fill them in this draft?"));
  adw_toast_set_button_label (toast, _("_Fill In"));
  adw_toast_set_action_name (toast, "win.fill-placeholders");
  adw_toast_set_timeout (toast, 10);
  g_set_weak_pointer (&self->fill_offer_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return G_SOURCE_REMOVE;
}

static void
settings_changed_cb (BulletinWindow *self,
                     const char     *key,
                     GSettings      *settings)
{
  if (g_strcmp0 (key, "sender-name") != 0 && g_strcmp0 (key, "sender-role") != 0
      && g_strcmp0 (key, "organisation") != 0)
    return;

  g_clear_handle_id (&self->fill_offer_source, g_source_remove);
  self->fill_offer_source = g_timeout_add (FILL_OFFER_DELAY_MS, offer_fill_cb, self);
}

/* Once this window has asked for details, it listens for them. */
static void
listen_for_details (BulletinWindow *self)
{
  if (self->listening_for_details)
    return;

  self->listening_for_details = TRUE;
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bulletin_window_sync_fill_state:
 * @self: a #BulletinWindow
 *
 * Fill In Placeholders applies while the text has a placeholder that
 * Preferences can fill: looked for now.
 */
void
bulletin_window_sync_fill_state (BulletinWindow *self)
{
  g_autoptr(GPtrArray) fills = NULL;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  g_clear_handle_id (&self->fill_state_source, g_source_remove);
  fills = find_fills (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fill-placeholders",
                                 fills->len > 0 && gtk_text_view_get_editable (GTK_TEXT_VIEW (self->source_view)));
}

static gboolean
sync_fill_state_cb (gpointer data)
{
  BulletinWindow *self = data;

  self->fill_state_source = 0;
  bulletin_window_sync_fill_state (self);

  return G_SOURCE_REMOVE;
}

static void
sync_fill_state_soon (BulletinWindow *self)
{
  g_clear_handle_id (&self->fill_state_source, g_source_remove);
  self->fill_state_source = g_timeout_add (FILL_STATE_DELAY_MS, sync_fill_state_cb, self);
}

static void
fill_setting_changed_cb (BulletinWindow *self,
                         const char     *key)
{
  /* what Preferences can fill is what makes a placeholder fillable */
  if (g_str_equal (key, "sender-name") || g_str_equal (key, "sender-role") ||
      g_str_equal (key, "organisation") || g_str_equal (key, "week-ends-on"))
    sync_fill_state_soon (self);
}

void
bulletin_window_dispose_fill_state (BulletinWindow *self)
{
  g_clear_handle_id (&self->fill_state_source, g_source_remove);
  g_clear_handle_id (&self->fill_offer_source, g_source_remove);
  g_clear_weak_pointer (&self->fill_offer_toast);
}

void
bulletin_window_init_fill_state (BulletinWindow *self)
{
  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (sync_fill_state_soon), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source_view, "notify::editable",
                           G_CALLBACK (bulletin_window_sync_fill_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (fill_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "destroy", G_CALLBACK (bulletin_window_dispose_fill_state), NULL);
  bulletin_window_sync_fill_state (self);
}

static void
fill_placeholders_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *text = bulletin_window_dup_text (self);
  g_autoptr(GPtrArray) fills = find_fills (self);
  g_autofree int *offsets = NULL;
  gsize done = 0;
  int chars = 0;

  if (fills->len == 0)
    return;

  /* the buffer counts characters, the fills bytes: one pass converts
   * them all, in order */
  offsets = g_new (int, fills->len * 2);
  for (guint i = 0; i < fills->len; i++)
    {
      BulletinTemplateFill *fill = fills->pdata[i];

      chars += g_utf8_pointer_to_offset (text + done, text + fill->start);
      offsets[2 * i] = chars;
      chars += g_utf8_pointer_to_offset (text + fill->start, text + fill->end);
      offsets[2 * i + 1] = chars;
      done = fill->end;
    }

  /* one step for Undo; from the end, so the offsets before stay right */
  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = fills->len; i > 0; i--)
    {
      BulletinTemplateFill *fill = fills->pdata[i - 1];
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, offsets[2 * (i - 1)]);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, offsets[2 * (i - 1) + 1]);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, fill->value, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

void
bulletin_window_report_unknown (BulletinWindow *self,
                                GPtrArray      *unknown)
{
  gboolean needs_preferences = FALSE;
  g_autofree char *message = bulletin_template_describe_missing (unknown, &needs_preferences);
  AdwToast *toast;

  if (message == NULL)
    return;

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  if (needs_preferences)
    {
      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
      listen_for_details (self);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
create_weekly_update (BulletinWindow *self)
{
  BulletinTemplateContext ctx;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *template = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  BulletinWindow *target;

  template = bulletin_library_dup_weekly_template (bulletin_window_get_store (self, NULL), NULL);

  bulletin_settings_fill_template_context (self->settings, &ctx);
  text = bulletin_template_instantiate (template, &ctx, &title, &unknown);
  bulletin_settings_clear_template_context (&ctx);

  target = show_new_text (self, text);
  bulletin_window_report_unknown (target, unknown);
}

static void
existing_week_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);
  gint64 existing = *(gint64 *) bulletin_window_reply_get_data (reply);

  if (self == NULL)
    return;
  if (g_str_equal (response, "open"))
    bulletin_window_open_draft (self, existing);
  else if (g_str_equal (response, "create"))
    create_weekly_update (self);
}

/* Ctrl+N pressed twice, or once more on another day of the same week,
 * would leave two drafts with one title, and two emails with one
 * subject: the week's draft is offered first. */
static gboolean
offer_existing_week (BulletinWindow *self)
{
  g_autoptr(GDateTime) today = bulletin_clock_now_local ();
  g_autoptr(GDateTime) ending = NULL;
  g_autoptr(BulletinDraftInfo) info = NULL;
  g_autofree char *body = NULL;
  BulletinTemplateContext ctx;
  BulletinStore *store;
  GtkWidget *dialog;
  gint64 existing;

  store = bulletin_window_get_store (self, NULL);
  if (store == NULL)
    return FALSE;

  bulletin_window_flush (self, NULL);
  bulletin_settings_fill_template_context (self->settings, &ctx);
  ending = bulletin_template_week_ending (today, ctx.week_ends_on);
  bulletin_settings_clear_template_context (&ctx);
  existing = bulletin_weekly_find_week (store, ending, 0, NULL);
  if (existing == 0 || (info = bulletin_store_get_draft (store, existing, NULL)) == NULL)
    return FALSE;

  /* Translators: %s is the draft's title */
  body = g_strdup_printf (_("“%s” is already this week’s update. Open it, or start another draft for the same week?"),
                          info->title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This Week’s Update Exists"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("Create _Another"),
                                    "open", _("_Open Existing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (existing_week_response_cb),
                         bulletin_window_reply_new (self, g_memdup2 (&existing, sizeof existing), g_free),
                         bulletin_window_reply_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
new_weekly_update_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  if (!offer_existing_week (self))
    create_weekly_update (self);
}

static void
start_from_last_week_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BulletinStore *store;
  gint64 source;

  store = bulletin_window_get_store (self, &error);
  if (store == NULL)
    {
      bulletin_window_add_toast (self, _("Earlier updates are not available: the drafts database cannot be opened"));
      return;
    }

  /* last week's update: the latest week a title names, not whichever
   * draft was touched last (a short note, a duplicate). This window's
   * own draft counts: on a Friday it is the update just sent, and next
   * week's goes to a window of its own. */
  bulletin_window_flush (self, NULL);
  source = bulletin_weekly_find_last (store, 0, &error);

  if (source == 0)
    {
      bulletin_window_add_toast (self, _("There is no earlier update to start from yet"));
      return;
    }

  bulletin_window_carry_forward_from (self, source);
}

/**
 * bulletin_window_carry_forward_from:
 * @self: a #BulletinWindow
 * @draft_id: last week's update
 *
 * Starts this week's update from @draft_id's structure (see
 * bulletin_template_carry_forward()), in this window if it is empty.
 */
void
bulletin_window_carry_forward_from (BulletinWindow *self,
                                    gint64          draft_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  BulletinTemplateContext ctx;
  BulletinStore *store;
  BulletinWindow *target;
  guint n_open = 0;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  store = bulletin_window_get_store (self, &error);
  if (store == NULL)
    return;

  bulletin_window_flush (self, NULL);
  last = bulletin_store_get_draft_text (store, draft_id, &error);
  if (last == NULL)
    {
      g_autofree char *reason = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("That update could not be read"), reason);
      return;
    }

  bulletin_settings_fill_template_context (self->settings, &ctx);
  text = bulletin_template_next_week (last, &ctx, NULL, &n_open);
  bulletin_settings_clear_template_context (&ctx);

  target = show_new_text (self, text);
  /* last week's promises are prompts now; left as they are they go out
   * as empty boxes, which the checks only say at sending time */
  if (n_open > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u unticked checklist item came over from last week: tick or remove it before sending",
                                      "%u unticked checklist items came over from last week: tick or remove them before sending",
                                      n_open),
                         n_open);

      bulletin_window_add_toast (target, message);
    }
}

void
bulletin_window_class_init_template (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-weekly-update", NULL, new_weekly_update_action);
  gtk_widget_class_install_action (widget_class, "win.start-from-last-week", NULL, start_from_last_week_action);
  gtk_widget_class_install_action (widget_class, "win.fill-placeholders", NULL, fill_placeholders_action);
}
