/* bulletin-window-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-library.h"
#include "bulletin-settings.h"
#include "bulletin-template.h"
#include "bulletin-window-private.h"

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

  if (!bulletin_window_is_empty (self) || self->draft_id != 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      target = bulletin_window_new_with_store (BULLETIN_IS_APPLICATION (app) ? BULLETIN_APPLICATION (app) : NULL,
                                               self->store);
    }

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (target->buffer), text, -1);
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (target->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (target->buffer), &start);
  /* set_text resets the modified flag; this is new, unsaved text */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (target->buffer), TRUE);
  bulletin_window_autosave_now (target);
  gtk_window_present (GTK_WINDOW (target));

  return target;
}

void
bulletin_window_report_unknown (BulletinWindow *self,
                                GPtrArray      *unknown)
{
  g_autofree char *message = bulletin_settings_describe_unknown (unknown);

  if (message != NULL)
    bulletin_window_add_toast (self, message);
}

static void
new_weekly_update_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
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
start_from_last_week_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  BulletinStore *store;
  BulletinDraftInfo *source = NULL;

  store = bulletin_window_get_store (self, &error);
  if (store == NULL)
    {
      bulletin_window_add_toast (self, _("Earlier updates are not available: the drafts database cannot be opened"));
      return;
    }

  /* last week's update: the most recently edited draft other than this
   * window's own */
  bulletin_window_flush (self, NULL);
  drafts = bulletin_store_list_drafts (store, NULL, FALSE, &error);
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];

      if (info->id != self->draft_id && info->word_count > 0)
        {
          source = info;
          break;
        }
    }

  if (source == NULL)
    {
      bulletin_window_add_toast (self, _("There is no earlier update to start from yet"));
      return;
    }

  bulletin_window_carry_forward_from (self, source->id);
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
  text = bulletin_template_carry_forward (last, &ctx);
  bulletin_settings_clear_template_context (&ctx);

  show_new_text (self, text);
}

void
bulletin_window_class_init_template (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-weekly-update", NULL, new_weekly_update_action);
  gtk_widget_class_install_action (widget_class, "win.start-from-last-week", NULL, start_from_last_week_action);
}
