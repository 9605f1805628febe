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

/**
 * bulletin_test_sample_path:
 * @name: a file in the shared samples folder
 *
 * Returns: (transfer full): its path, from $BULLETIN_SAMPLES_DIR
 */
char *
bulletin_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("BULLETIN_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/**
 * bulletin_test_read_sample:
 * @name: a file in the shared samples folder
 *
 * Returns: (transfer full): its contents; the test fails if it cannot be read
 */
char *
bulletin_test_read_sample (const char *name)
{
  g_autofree char *path = bulletin_test_sample_path (name);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}
