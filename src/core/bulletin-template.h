/* bulletin-template.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prefix of the entries that bulletin_template_expand() reports for a
 * known placeholder whose preference is empty, e.g. "empty:sender_name";
 * unknown placeholders are reported by their bare name. */
#define BULLETIN_TEMPLATE_EMPTY_PREFIX "empty:"

typedef struct
{
  GDateTime    *today;          /* NULL: bulletin_clock_now_local() */
  GDateWeekday  week_ends_on;   /* G_DATE_BAD_WEEKDAY (0): G_DATE_FRIDAY */
  const char   *sender_name;
  const char   *sender_role;
  const char   *organisation;
  const char   *locale;         /* e.g. "en_GB.UTF-8"; NULL: the current LC_TIME */
} BulletinTemplateContext;

/* A placeholder in a draft that Preferences can now fill: bytes @start
 * to @end of the text become @value. */
typedef struct
{
  gsize  start;
  gsize  end;
  char  *value;
} BulletinTemplateFill;

GDateTime *bulletin_template_week_ending       (GDateTime                     *today,
                                                GDateWeekday                   last_day);
char      *bulletin_template_format_date       (GDateTime                     *date,
                                                const char                    *locale);
char      *bulletin_template_format_next_week  (GDateTime                     *week_ending,
                                                const char                    *locale);
char      *bulletin_template_format_day_month  (GDateTime                     *date,
                                                const char                    *locale);
char      *bulletin_template_format_when      (gint64                         when,
                                               GDateTime                     *now,
                                               gboolean                       with_time);
char      *bulletin_template_expand            (const char                    *text,
                                                const BulletinTemplateContext *ctx,
                                                GPtrArray                    **unknown);
char      *bulletin_template_instantiate       (const char                    *template_text,
                                                const BulletinTemplateContext *ctx,
                                                char                         **title,
                                                GPtrArray                    **unknown);
char      *bulletin_template_carry_forward     (const char                    *last_week_markdown,
                                                const BulletinTemplateContext *ctx);
char      *bulletin_template_next_week         (const char                    *last_week_markdown,
                                                const BulletinTemplateContext *ctx,
                                                char                         **title,
                                                guint                         *n_open_tasks);
GDateTime *bulletin_template_title_week_ending (const char                    *title);
gboolean   bulletin_template_is_weekly_update  (const char                    *markdown);
char      *bulletin_template_describe_missing  (GPtrArray                     *unknown,
                                                gboolean                      *needs_preferences);
GPtrArray *bulletin_template_find_fills        (const char                    *text,
                                                const BulletinTemplateContext *ctx);
void       bulletin_template_fill_free         (BulletinTemplateFill          *fill);

G_END_DECLS
