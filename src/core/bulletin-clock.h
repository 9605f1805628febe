/* bulletin-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gint64     bulletin_clock_now        (void);
GDateTime *bulletin_clock_now_local  (void);
void       bulletin_clock_today      (GDate     *date);
void       bulletin_clock_set_fixed  (GDateTime *when);
void       bulletin_clock_set_start  (GDateTime *when);

G_END_DECLS
