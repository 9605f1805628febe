/* bulletin-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void       bulletin_test_remove_tree     (const char *path);
char      *bulletin_test_fixture_path    (const char *name);
char      *bulletin_test_read_fixture    (const char *name);
GPtrArray *bulletin_test_export_fixtures (void);
char      *bulletin_test_mask_eml        (const char *eml,
                                          gsize       len);
guint      bulletin_test_count           (const char *haystack,
                                          const char *needle);
gsize      bulletin_test_longest_line    (const char *text,
                                          const char *skip_prefix);

G_END_DECLS
