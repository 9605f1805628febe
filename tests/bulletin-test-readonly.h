/* bulletin-test-readonly.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bulletin_test_readonly_install (void);
void bulletin_test_readonly_set     (gboolean read_only);

G_END_DECLS
