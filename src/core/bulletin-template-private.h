/* bulletin-template-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-template.h"

G_BEGIN_DECLS

/* Shared by the files of the template (bulletin-template*.c) and nothing
 * else: bulletin-template-dates.c writes dates in the user's language,
 * bulletin-template.c fills placeholders, bulletin-template-title.c
 * reads and rewrites the date a title names, and
 * bulletin-template-carry-forward.c starts a draft from last week's. */

/* English and German day (Monday first) and month names: the dates'
 * fallback where the locale is missing, and the names a title's date is
 * read by. */
extern const char * const bulletin_template_en_days[7];
extern const char * const bulletin_template_en_months[12];
extern const char * const bulletin_template_de_days[7];
extern const char * const bulletin_template_de_months[12];

GDateTime *bulletin_template_context_today     (const BulletinTemplateContext *ctx,
                                                GDateWeekday                  *last_day);
char      *bulletin_template_update_title_date (char                          *title,
                                                GDateTime                     *when,
                                                const char                    *locale);

G_END_DECLS
