/* bulletin-instance-lock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bulletin-instance-lock.h"

/* Which Bulletin holds a draft. A process id says nothing across PID
 * namespaces (a Flatpak and a native build, two sessions in containers):
 * the same number can be alive in one and dead in the other. Instead each
 * open database gets a random instance id, and a lock file of that name in
 * a folder beside the database, held with flock() for as long as the
 * database is open. The kernel drops the lock when the process dies, however
 * it dies, and flock() works across namespaces on the same file system, so
 * "is its lock still held" is the one question that tells a running
 * Bulletin from a crashed one. */

struct _BulletinInstanceLock
{
  char *id;
  char *path;
  int   fd;
};

static char *
locks_dir (const char *db_path)
{
  return g_strconcat (db_path, "-owners", NULL);
}

/**
 * bulletin_instance_lock_acquire:
 * @db_path: the database the instance uses
 * @error: return location for an error
 *
 * Makes a new instance id and holds its lock until released.
 *
 * Returns: (transfer full): the lock, or %NULL when the folder beside
 *   the database cannot be written
 */
BulletinInstanceLock *
bulletin_instance_lock_acquire (const char  *db_path,
                                GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GString) id = g_string_new (NULL);
  BulletinInstanceLock *lock;
  int fd;

  g_return_val_if_fail (db_path != NULL, NULL);

  for (const char *p = uuid; *p; p++)
    if (*p != '-')
      g_string_append_c (id, *p);

  dir = locks_dir (db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* Translators: a folder, then why */
                   _("cannot create %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  lock = g_new0 (BulletinInstanceLock, 1);
  lock->id = g_string_free (g_steal_pointer (&id), FALSE);
  lock->path = g_build_filename (dir, lock->id, NULL);

  fd = g_open (lock->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   /* Translators: a file, then why */
                   _("cannot lock %s: %s"), lock->path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      lock->fd = -1;
      bulletin_instance_lock_release (lock);
      return NULL;
    }
  lock->fd = fd;

  return lock;
}

const char *
bulletin_instance_lock_get_id (BulletinInstanceLock *lock)
{
  g_return_val_if_fail (lock != NULL, NULL);

  return lock->id;
}

void
bulletin_instance_lock_release (BulletinInstanceLock *lock)
{
  if (lock == NULL)
    return;

  if (lock->fd >= 0)
    {
      g_unlink (lock->path);
      close (lock->fd);
    }
  g_free (lock->path);
  g_free (lock->id);
  g_free (lock);
}

/**
 * bulletin_instance_is_running:
 * @db_path: the database
 * @id: an instance id from bulletin_instance_lock_get_id()
 * @known: (out) (optional): set to %FALSE when the answer cannot be
 *   known (the lock folder cannot be read); the caller then falls back on
 *   what else it has, such as a process id
 *
 * Returns: whether the instance @id still holds its lock. A lock left by
 *   an instance that died is removed.
 */
gboolean
bulletin_instance_is_running (const char *db_path,
                              const char *id,
                              gboolean   *known)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean running;
  int fd;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (known != NULL)
    *known = TRUE;

  /* ids are made here; anything else (a path, "..") is not one */
  if (id == NULL || *id == '\0' || strchr (id, '/') != NULL || id[0] == '.')
    {
      if (known != NULL)
        *known = FALSE;
      return FALSE;
    }

  dir = locks_dir (db_path);
  path = g_build_filename (dir, id, NULL);

  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    {
      /* a running instance created its lock before marking any draft
       * open, and removes it only as it closes the database */
      if (errno == ENOENT)
        return FALSE;
      if (known != NULL)
        *known = FALSE;
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    {
      running = FALSE;
      g_unlink (path);
    }
  else
    {
      /* a file system without locks can't say: assume it runs, as
       * taking a draft from a running Bulletin is what loses words */
      running = TRUE;
      if (errno != EWOULDBLOCK && known != NULL)
        *known = FALSE;
    }
  close (fd);

  return running;
}
