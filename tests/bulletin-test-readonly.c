/* bulletin-test-readonly.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "bulletin-test-readonly.h"

/* A write-protected database, for tests that run as root (CI), whom chmod
 * does not stop. SQLite's unix VFS, refused O_RDWR on a database file,
 * opens it O_RDONLY and says so through the output flags, without an
 * error; this wrapper, made the default VFS of the test process, does the
 * same while the switch is on, so the store meets what a user with a
 * read-only file meets. */

static sqlite3_vfs readonly_vfs;
static sqlite3_vfs *real_vfs;
static gboolean read_only;

static int
readonly_open (sqlite3_vfs      *vfs,
               sqlite3_filename  name,
               sqlite3_file     *file,
               int               flags,
               int              *out_flags)
{
  if (g_atomic_int_get (&read_only) && (flags & SQLITE_OPEN_MAIN_DB))
    {
      flags &= ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      flags |= SQLITE_OPEN_READONLY;
    }

  return real_vfs->xOpen (real_vfs, name, file, flags, out_flags);
}

void
bulletin_test_readonly_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  readonly_vfs = *real_vfs;
  readonly_vfs.zName = "bulletin-test-readonly";
  readonly_vfs.xOpen = readonly_open;
  g_assert_cmpint (sqlite3_vfs_register (&readonly_vfs, 1), ==, SQLITE_OK);
}

/* Connections opened from now on see the database file read-only (TRUE)
 * or as it is (FALSE); open connections are not changed. */
void
bulletin_test_readonly_set (gboolean on)
{
  g_atomic_int_set (&read_only, on);
}
