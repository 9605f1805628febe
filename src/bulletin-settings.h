/* bulletin-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-template.h"

G_BEGIN_DECLS

void       bulletin_settings_fill_template_context (GSettings               *settings,
                                                    BulletinTemplateContext *ctx);
void       bulletin_settings_clear_template_context (BulletinTemplateContext *ctx);
char      *bulletin_settings_expand                (GSettings               *settings,
                                                    const char              *text,
                                                    GPtrArray              **unknown);

G_END_DECLS
