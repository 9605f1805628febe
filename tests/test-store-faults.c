/* test-store-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13: a write or a sync that fails at any step of an autosave (or a
 * restore) never costs the draft its text. An SQLite VFS wrapped around
 * the default one (as SQLite's own test suite does) fails the Nth write or
 * sync, for N = 1, 2, … until the operation and its close run with no
 * fault met; after each, the reopened draft holds exactly the old text or
 * exactly the new one, and the database passes its integrity check.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bulletin-store.h"
#include "bulletin-test-util.h"

/* ----- the faulty VFS ----- */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* the default VFS's file, allocated just after */
} FaultFile;

typedef struct
{
  guint    armed_at;     /* fail the Nth write or sync; 0 for none */
  gboolean persistent;   /* …and every one after it, as a disk that stays full */
  int      write_rc;     /* what a failed write returns */
  guint    calls;
  guint    failed;
} Faults;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_methods;
static Faults faults;

static void
arm (guint    n,
     gboolean persistent,
     int      write_rc)
{
  faults = (Faults) { n, persistent, write_rc, 0, 0 };
}

static void
disarm (void)
{
  faults.armed_at = 0;
}

static gboolean
should_fail (void)
{
  if (faults.armed_at == 0)
    return FALSE;

  faults.calls++;
  if (faults.calls == faults.armed_at || (faults.persistent && faults.calls > faults.armed_at))
    {
      faults.failed++;
      return TRUE;
    }

  return FALSE;
}

static sqlite3_file *
real_file (sqlite3_file *file)
{
  return ((FaultFile *)file)->real;
}

static int
fault_close (sqlite3_file *file)
{
  return real_file (file)->pMethods->xClose (real_file (file));
}

static int
fault_read (sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset)
{
  return real_file (file)->pMethods->xRead (real_file (file), buf, amount, offset);
}

static int
fault_write (sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset)
{
  if (should_fail ())
    return faults.write_rc;

  return real_file (file)->pMethods->xWrite (real_file (file), buf, amount, offset);
}

static int
fault_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return real_file (file)->pMethods->xTruncate (real_file (file), size);
}

static int
fault_sync (sqlite3_file *file, int flags)
{
  if (should_fail ())
    return SQLITE_IOERR_FSYNC;

  return real_file (file)->pMethods->xSync (real_file (file), flags);
}

static int
fault_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return real_file (file)->pMethods->xFileSize (real_file (file), size);
}

static int
fault_lock (sqlite3_file *file, int lock)
{
  return real_file (file)->pMethods->xLock (real_file (file), lock);
}

static int
fault_unlock (sqlite3_file *file, int lock)
{
  return real_file (file)->pMethods->xUnlock (real_file (file), lock);
}

static int
fault_check_reserved_lock (sqlite3_file *file, int *out)
{
  return real_file (file)->pMethods->xCheckReservedLock (real_file (file), out);
}

static int
fault_file_control (sqlite3_file *file, int op, void *arg)
{
  return real_file (file)->pMethods->xFileControl (real_file (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return real_file (file)->pMethods->xSectorSize (real_file (file));
}

static int
fault_device_characteristics (sqlite3_file *file)
{
  return real_file (file)->pMethods->xDeviceCharacteristics (real_file (file));
}

static int
fault_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  return real_file (file)->pMethods->xShmMap (real_file (file), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return real_file (file)->pMethods->xShmLock (real_file (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  real_file (file)->pMethods->xShmBarrier (real_file (file));
}

static int
fault_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return real_file (file)->pMethods->xShmUnmap (real_file (file), delete_flag);
}

static int
fault_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  return real_file (file)->pMethods->xFetch (real_file (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *p)
{
  return real_file (file)->pMethods->xUnfetch (real_file (file), offset, p);
}

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *ff = (FaultFile *)file;
  int rc;

  ff->real = (sqlite3_file *)(ff + 1);
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  ff->base.pMethods = ff->real->pMethods != NULL ? &fault_methods : NULL;

  return rc;
}

static void
register_fault_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 1);

  /* everything but opening files goes straight to the default VFS */
  fault_vfs = *real_vfs;
  fault_vfs.zName = "bulletin-faults";
  fault_vfs.szOsFile = sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;

  fault_methods = (sqlite3_io_methods) {
    .iVersion = 3,
    .xClose = fault_close,
    .xRead = fault_read,
    .xWrite = fault_write,
    .xTruncate = fault_truncate,
    .xSync = fault_sync,
    .xFileSize = fault_file_size,
    .xLock = fault_lock,
    .xUnlock = fault_unlock,
    .xCheckReservedLock = fault_check_reserved_lock,
    .xFileControl = fault_file_control,
    .xSectorSize = fault_sector_size,
    .xDeviceCharacteristics = fault_device_characteristics,
    .xShmMap = fault_shm_map,
    .xShmLock = fault_shm_lock,
    .xShmBarrier = fault_shm_barrier,
    .xShmUnmap = fault_shm_unmap,
    .xFetch = fault_fetch,
    .xUnfetch = fault_unfetch,
  };

  /* the default from now on: the store opens its database through it */
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* ----- the tests ----- */

typedef struct
{
  char *dir;
  gint64 now;
} Fixture;

static gint64
fake_clock (gpointer data)
{
  return ((Fixture *)data)->now;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("bulletin-faults-XXXXXX", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  disarm ();
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

typedef enum
{
  OP_AUTOSAVE,
  OP_RESTORE,
} Op;

typedef struct
{
  Op op;
  gboolean persistent;
  int write_rc;
} Mode;

static const Mode transient_io = { OP_AUTOSAVE, FALSE, SQLITE_IOERR_WRITE };
static const Mode persistent_io = { OP_AUTOSAVE, TRUE, SQLITE_IOERR_WRITE };
static const Mode disk_full = { OP_AUTOSAVE, TRUE, SQLITE_FULL };
static const Mode restore_transient_io = { OP_RESTORE, FALSE, SQLITE_IOERR_WRITE };
static const Mode restore_disk_full = { OP_RESTORE, TRUE, SQLITE_FULL };

/* One autosave of a long text over another (with a history snapshot, as
 * the snapshot interval has passed), or a restore of the old text over the
 * new (four writes in one transaction), its Nth write or sync failing. */
static void
test_fault_at_each_step (Fixture       *f,
                                  gconstpointer  data)
{
  const Mode *mode = data;
  g_autofree char *body = bulletin_test_read_fixture ("weekly-update-neighbourhood-teams.md");
  g_autofree char *old_text = g_strdup_printf ("# Last week\n\n%s", body);
  g_autofree char *new_text = g_strdup_printf ("# This week\n\n%s\n- The carers group meets on Thursday.\n", body);
  guint n_old = 0, n_new = 0, n_errors = 0;
  guint n;

  for (n = 1; n < 10000; n++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u.db", f->dir, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(BulletinStore) store = NULL;
      g_autofree char *moved = NULL;
      g_autofree char *text = NULL;
      g_autofree char *check = NULL;
      g_autoptr(GPtrArray) versions = NULL;
      const char *expected;
      gboolean saved;
      guint failed;
      gint64 id;

      store = bulletin_store_open (path, &error);
      g_assert_no_error (error);
      bulletin_store_set_clock (store, fake_clock, f);
      id = bulletin_store_create_draft (store, "", NULL, &error);
      g_assert_cmpint (id, >, 0);
      g_assert_true (bulletin_store_autosave (store, id, old_text, &error));
      f->now += BULLETIN_STORE_SNAPSHOT_INTERVAL;

      if (mode->op == OP_AUTOSAVE)
        {
          arm (n, mode->persistent, mode->write_rc);
          saved = bulletin_store_autosave (store, id, new_text, &error);
          expected = new_text;
        }
      else
        {
          gint64 old_version;

          versions = bulletin_store_list_versions (store, id, &error);
          g_assert_cmpuint (versions->len, ==, 1);
          old_version = ((BulletinVersionInfo *)versions->pdata[0])->id;
          g_clear_pointer (&versions, g_ptr_array_unref);
          g_assert_true (bulletin_store_autosave (store, id, new_text, &error));
          f->now += BULLETIN_STORE_SNAPSHOT_INTERVAL;

          arm (n, mode->persistent, mode->write_rc);
          saved = bulletin_store_restore_version (store, id, old_version, new_text, NULL, &error) != 0;
          expected = old_text;
        }
      if (!saved)
        {
          g_autofree char *words = bulletin_store_describe_error (error);

          n_errors++;
          g_assert_nonnull (error);
          g_assert_cmpuint (faults.failed, >, 0);
          /* a full disk is said in plain words, whatever step it met */
          if (g_error_matches (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FULL))
            g_assert_nonnull (strstr (words, "The disk is full"));
          g_test_message ("step %u: %s", n, words);
          g_assert_null (strstr (words, "SQL"));
          g_assert_null (strstr (words, "sqlite"));
          g_clear_error (&error);
        }
      g_clear_object (&store);   /* the close checkpoints: more writes, more steps */
      failed = faults.failed;
      disarm ();

      store = bulletin_store_open_or_recover (path, &moved, NULL, &error);
      g_assert_no_error (error);
      /* a failed write never damages the database */
      g_assert_null (moved);
      text = bulletin_store_get_draft_text (store, id, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (text, old_text) == 0)
        n_old++;
      else
        {
          g_assert_cmpstr (text, ==, new_text);
          n_new++;
        }
      if (saved)
        g_assert_cmpstr (text, ==, expected);

      /* and every version in its history still reads back */
      versions = bulletin_store_list_versions (store, id, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < versions->len; i++)
        {
          g_autofree char *version_text = bulletin_store_get_version_text (store, ((BulletinVersionInfo *)versions->pdata[i])->id, &error);

          g_assert_no_error (error);
          g_assert_true (g_strcmp0 (version_text, old_text) == 0 || g_strcmp0 (version_text, new_text) == 0);
        }
      g_clear_object (&store);

      check = integrity_check (path);
      g_assert_cmpstr (check, ==, "ok");

      if (failed == 0)
        break;   /* past the last write and sync: every step was tried */
    }

  g_test_message ("%u steps; %u failed; reopened with the old text %u times, the new %u times",
                  n - 1, n_errors, n_old, n_new);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (n_errors, >, 0);
  g_assert_cmpuint (n_old, >, 0);
  g_assert_cmpuint (n_new, >, 0);
}

/* A full disk is BULLETIN_STORE_ERROR_FULL, and said so, in words a
 * user can act on. */
static void
test_full_disk_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "full.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autofree char *words = NULL;
  gint64 id;

  store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  id = bulletin_store_create_draft (store, "# Before\n", NULL, &error);
  g_assert_no_error (error);

  arm (1, TRUE, SQLITE_FULL);
  g_assert_false (bulletin_store_autosave (store, id, "# After\n", &error));
  disarm ();
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FULL);

  words = bulletin_store_describe_error (error);
  g_assert_cmpstr (words, ==, "The disk is full, so drafts cannot be saved. Your text is safe in this window; Bulletin keeps trying.");
}

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, mode, fixture_setup, func, fixture_teardown)

/* SQLite's own account of each failure, for the log */
static void
sqlite_log_cb (void       *data,
               int         rc,
               const char *message)
{
  g_test_message ("sqlite: (%d) %s", rc, message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sqlite3_config (SQLITE_CONFIG_LOG, sqlite_log_cb, NULL);
  register_fault_vfs ();

  ADD ("/store-faults/autosave/transient-io-error", &transient_io, test_fault_at_each_step);
  ADD ("/store-faults/autosave/persistent-io-error", &persistent_io, test_fault_at_each_step);
  ADD ("/store-faults/autosave/disk-full", &disk_full, test_fault_at_each_step);
  ADD ("/store-faults/restore/transient-io-error", &restore_transient_io, test_fault_at_each_step);
  ADD ("/store-faults/restore/disk-full", &restore_disk_full, test_fault_at_each_step);
  ADD ("/store-faults/full-disk-error", NULL, test_full_disk_error);

  return g_test_run ();
}
