/* bulletin-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-clock.h"
#include "bulletin-settings.h"

/* The preferences that fill a template's placeholders, read in one place
 * for New Weekly Update, the section library's inserts and its preview. */

static const char * const weekday_keys[] = {
  NULL, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/**
 * bulletin_settings_fill_template_context:
 * @settings: the application's settings
 * @ctx: (out caller-allocates): the context to fill; release it with
 *   bulletin_settings_clear_template_context()
 */
void
bulletin_settings_fill_template_context (GSettings               *settings,
                                         BulletinTemplateContext *ctx)
{
  g_autofree char *day = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ctx != NULL);

  memset (ctx, 0, sizeof *ctx);
  ctx->today = bulletin_clock_now_local ();
  ctx->week_ends_on = G_DATE_FRIDAY;

  day = g_settings_get_string (settings, "week-ends-on");
  for (guint i = 1; i < G_N_ELEMENTS (weekday_keys); i++)
    if (g_strcmp0 (day, weekday_keys[i]) == 0)
      ctx->week_ends_on = i;

  ctx->sender_name = g_settings_get_string (settings, "sender-name");
  ctx->sender_role = g_settings_get_string (settings, "sender-role");
  ctx->organisation = g_settings_get_string (settings, "organisation");
}

void
bulletin_settings_clear_template_context (BulletinTemplateContext *ctx)
{
  g_return_if_fail (ctx != NULL);

  g_clear_pointer (&ctx->today, g_date_time_unref);
  g_free ((char *)ctx->sender_name);
  g_free ((char *)ctx->sender_role);
  g_free ((char *)ctx->organisation);
  memset (ctx, 0, sizeof *ctx);
}

/**
 * bulletin_settings_expand:
 * @settings: the application's settings
 * @text: a section's Markdown
 * @unknown: (out) (optional) (transfer container): placeholders left as
 *   they were, see bulletin_template_expand()
 *
 * Returns: (transfer full): @text with its placeholders filled in
 */
char *
bulletin_settings_expand (GSettings   *settings,
                          const char  *text,
                          GPtrArray  **unknown)
{
  BulletinTemplateContext ctx;
  char *expanded;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  bulletin_settings_fill_template_context (settings, &ctx);
  expanded = bulletin_template_expand (text, &ctx, unknown);
  bulletin_settings_clear_template_context (&ctx);

  return expanded;
}
