/* bulletin-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status for a bad command line, an unreadable input or an
 * unwritable output. */
#define BULLETIN_CLI_EXIT_USAGE 2

gboolean bulletin_cli_wants_export (int     argc,
                                    char  **argv);
int      bulletin_cli_run          (int       argc,
                                    char    **argv,
                                    gboolean *handled);

G_END_DECLS
