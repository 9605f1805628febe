/* bulletin-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for every test program, with or without a display.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bulletin-test-util.h"

/**
 * bulletin_test_remove_tree:
 * @path: a scratch directory a test made
 *
 * Removes @path and everything below it, so tests leave nothing behind.
 * Symbolic links are removed, never followed.
 */
void
bulletin_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            bulletin_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}
