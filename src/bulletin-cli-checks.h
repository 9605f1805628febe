/* bulletin-cli-checks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

int bulletin_cli_check_file (const char         *path,
                             const char         *language,
                             const char * const *packs,
                             FILE               *out,
                             FILE               *err);

G_END_DECLS
