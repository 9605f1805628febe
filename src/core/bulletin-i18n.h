/* bulletin-i18n.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void    bulletin_i18n_init            (void);
GBytes *bulletin_i18n_lookup_data     (const char  *name,
                                       GError     **error);
GPtrArray *bulletin_i18n_lookup_all_data (const char *name);

G_END_DECLS
