/* fault-inject.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full disk and a failing disk on demand, for the tests: loaded with
 * LD_PRELOAD, it makes write(), pwrite() and the syncs fail for files
 * under one folder, the way a real full or broken disk does. The settings
 * are read on every call, so a test can arm and disarm it with setenv():
 *
 *   BULLETIN_FAULT_DIR=/tmp/x        only files below this folder
 *   BULLETIN_FAULT_WRITE_AFTER=N     writes fail with ENOSPC once N bytes
 *                                    were written below the folder
 *   BULLETIN_FAULT_SYNC=1            fsync() and fdatasync() fail with EIO
 *   BULLETIN_FAULT_READ_ONLY=/tmp/f  while /tmp/f.read-only exists, opening
 *                                    /tmp/f for writing fails with EACCES,
 *                                    as for a write-protected file (root,
 *                                    who runs CI, ignores chmod)
 */

#define _GNU_SOURCE
/* open() and open64() are both defined below: the large-file flags would
 * make the headers rename the first to the second */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static unsigned long long written_below;

static int
fd_is_below (int fd)
{
  const char *dir = getenv ("BULLETIN_FAULT_DIR");
  char link[64];
  char path[PATH_MAX];
  ssize_t n;
  size_t dir_len;

  if (dir == NULL || *dir == '\0')
    return 0;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, sizeof path - 1);
  if (n < 0)
    return 0;
  path[n] = '\0';

  dir_len = strlen (dir);
  return strncmp (path, dir, dir_len) == 0 && (path[dir_len] == '/' || path[dir_len] == '\0');
}

/* Returns how many of @count bytes may be written, or -1 for none (errno
 * set to ENOSPC). */
static ssize_t
allowed (int    fd,
         size_t count)
{
  const char *after = getenv ("BULLETIN_FAULT_WRITE_AFTER");
  unsigned long long limit;

  if (after == NULL || *after == '\0' || !fd_is_below (fd))
    return (ssize_t)count;

  limit = strtoull (after, NULL, 10);
  if (written_below >= limit)
    {
      errno = ENOSPC;
      return -1;
    }
  /* a short write first, as a real disk gives before it is full */
  if (written_below + count > limit)
    count = (size_t)(limit - written_below);
  written_below += count;
  return (ssize_t)count;
}

static int
sync_fails (int fd)
{
  const char *sync = getenv ("BULLETIN_FAULT_SYNC");

  if (sync != NULL && strcmp (sync, "1") == 0 && fd_is_below (fd))
    {
      errno = EIO;
      return 1;
    }
  return 0;
}

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  static ssize_t (*real) (int, const void *, size_t);
  ssize_t n = allowed (fd, count);

  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t))dlsym (RTLD_NEXT, "write");
  if (n < 0)
    return -1;
  return real (fd, buf, (size_t)n);
}

/* what SQLite calls; the build's large-file flags make pwrite() this too */
ssize_t
pwrite64 (int         fd,
          const void *buf,
          size_t      count,
          off64_t     offset)
{
  static ssize_t (*real) (int, const void *, size_t, off64_t);
  ssize_t n = allowed (fd, count);

  if (real == NULL)
    real = (ssize_t (*) (int, const void *, size_t, off64_t))dlsym (RTLD_NEXT, "pwrite64");
  if (n < 0)
    return -1;
  return real (fd, buf, (size_t)n, offset);
}

int
fsync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = (int (*) (int))dlsym (RTLD_NEXT, "fsync");
  if (sync_fails (fd))
    return -1;
  return real (fd);
}

int
fdatasync (int fd)
{
  static int (*real) (int);

  if (real == NULL)
    real = (int (*) (int))dlsym (RTLD_NEXT, "fdatasync");
  if (sync_fails (fd))
    return -1;
  return real (fd);
}

static int
open_refused (const char *path,
              int         flags)
{
  const char *target = getenv ("BULLETIN_FAULT_READ_ONLY");
  char flag[PATH_MAX];

  if (target == NULL || *target == '\0' || path == NULL ||
      (flags & O_ACCMODE) == O_RDONLY || strcmp (path, target) != 0)
    return 0;

  snprintf (flag, sizeof flag, "%s.read-only", target);
  if (access (flag, F_OK) != 0)
    return 0;

  errno = EACCES;
  return 1;
}

static mode_t
open_mode (int     flags,
           va_list args)
{
  if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
    return va_arg (args, mode_t);
  return 0;
}

/* SQLite, refused O_RDWR, opens the database O_RDONLY without a word */
int
open (const char *path,
      int         flags,
      ...)
{
  static int (*real) (const char *, int, ...);
  va_list args;
  mode_t mode;

  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if (real == NULL)
    real = (int (*) (const char *, int, ...))dlsym (RTLD_NEXT, "open");
  if (open_refused (path, flags))
    return -1;
  return real (path, flags, mode);
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  static int (*real) (const char *, int, ...);
  va_list args;
  mode_t mode;

  va_start (args, flags);
  mode = open_mode (flags, args);
  va_end (args);

  if (real == NULL)
    real = (int (*) (const char *, int, ...))dlsym (RTLD_NEXT, "open64");
  if (open_refused (path, flags))
    return -1;
  return real (path, flags, mode);
}
