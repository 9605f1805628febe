/* bench-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *bench_load_updates (const char  *dir,
                               GError     **error);
GString   *bench_build_draft  (GPtrArray   *updates,
                               gsize        target);
double     bench_percentile   (GArray      *times,
                               double       p);

G_END_DECLS
