/* bulletin-window-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-library.h"
#include "bulletin-template.h"
#include "bulletin-window-private.h"

/* New weekly update (Ctrl+N) and Start from last week's (Shift+Ctrl+L):
 * the text comes from the core's template code; this file only gathers
 * the preferences and shows the result. */

static const char * const weekday_names[] = {
  NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* BULLETIN_TODAY=YYYY-MM-DD fixes "today" for tests; nothing else sets it. */
static GDateTime *
today (void)
{
  const char *fixed = g_getenv ("BULLETIN_TODAY");
  int y, m, d;

  if (fixed != NULL && sscanf (fixed, "%d-%d-%d", &y, &m, &d) == 3)
    {
      GDateTime *dt = g_date_time_new_local (y, m, d, 9, 0, 0);

      if (dt != NULL)
        return dt;
    }

  return g_date_time_new_now_local ();
}

static void
fill_context (BulletinWindow          *self,
              BulletinTemplateContext *ctx,
              char                   **strings)
{
  g_autofree char *day = g_settings_get_string (self->settings, "week-ends-on");

  memset (ctx, 0, sizeof *ctx);
  ctx->today = today ();
  ctx->week_ends_on = G_DATE_FRIDAY;
  for (guint i = 1; i < G_N_ELEMENTS (weekday_names); i++)
    if (g_strcmp0 (day, weekday_names[i]) == 0)
      ctx->week_ends_on = i;

  strings[0] = g_settings_get_string (self->settings, "sender-name");
  strings[1] = g_settings_get_string (self->settings, "sender-role");
  strings[2] = g_settings_get_string (self->settings, "organisation");
  ctx->sender_name = strings[0];
  ctx->sender_role = strings[1];
  ctx->organisation = strings[2];
}

static void
clear_context (BulletinTemplateContext *ctx,
               char                   **strings)
{
  g_clear_pointer (&ctx->today, g_date_time_unref);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&strings[i], g_free);
}

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

static void
report_missing (BulletinWindow *self,
                GPtrArray      *unknown)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *message = NULL;

  if (unknown == NULL || unknown->len == 0)
    return;

  for (guint i = 0; i < unknown->len; i++)
    {
      const char *name = unknown->pdata[i];

      if (g_str_has_prefix (name, BULLETIN_TEMPLATE_EMPTY_PREFIX))
        name += strlen (BULLETIN_TEMPLATE_EMPTY_PREFIX);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "{{%s}}", name);
    }

  message = g_strdup_printf (_("Left for you to fill in: %s"), names->str);
  bulletin_window_add_toast (self, message);
}

static void
new_weekly_update_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  BulletinTemplateContext ctx;
  char *strings[3] = { NULL };
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *template = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  BulletinWindow *target;

  template = bulletin_library_dup_weekly_template (bulletin_window_get_store (self, NULL), NULL);

  fill_context (self, &ctx, strings);
  text = bulletin_template_instantiate (template, &ctx, &title, &unknown);
  clear_context (&ctx, strings);

  target = show_new_text (self, text);
  report_missing (target, unknown);
}

static void
start_from_last_week_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *text = NULL;
  BulletinTemplateContext ctx;
  char *strings[3] = { NULL };
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

  last = bulletin_store_get_draft_text (store, source->id, &error);
  if (last == NULL)
    return;

  fill_context (self, &ctx, strings);
  text = bulletin_template_carry_forward (last, &ctx);
  clear_context (&ctx, strings);

  show_new_text (self, text);
}

void
bulletin_window_class_init_template (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-weekly-update", NULL, new_weekly_update_action);
  gtk_widget_class_install_action (widget_class, "win.start-from-last-week", NULL, start_from_last_week_action);
}
