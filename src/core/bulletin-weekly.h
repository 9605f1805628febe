/* bulletin-weekly.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-store.h"

G_BEGIN_DECLS

/* How many of the most recently edited drafts are read in full when no
 * title names a week; the rest of a long history is not searched. */
#define BULLETIN_WEEKLY_READ_LIMIT 50

gint64 bulletin_weekly_find_last (BulletinStore  *store,
                                  gint64          exclude_id,
                                  GError        **error);
gint64 bulletin_weekly_find_week (BulletinStore  *store,
                                  GDateTime      *week_ending,
                                  gint64          exclude_id,
                                  GError        **error);

G_END_DECLS
