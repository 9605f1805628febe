/* test-draft-keeper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "bulletin-draft-keeper.h"
#include "bulletin-store.h"
#include "bulletin-test-util.h"

/* Issue 15: the autosave, its retries, the milestones and the crash
 * bookkeeping belong to a BulletinDraftKeeper that a test drives without
 * a window or a display: it is told of changes, reads the text from its
 * owner (here a string) and writes it to the store's worker. */

/* ----- a disk that fails writes on demand ----- */

/* SQLite's default VFS, wrapped so that every write fails with "disk
 * full" while the switch is on: the store meets what a full disk does. */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultFile;

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *real_vfs;
static sqlite3_io_methods fault_methods;
static gboolean fail_writes;

#define REAL(f) (((FaultFile *)(f))->real)

static int
fault_close (sqlite3_file *f)
{
  int rc = REAL (f)->pMethods ? REAL (f)->pMethods->xClose (REAL (f)) : SQLITE_OK;

  return rc;
}

static int
fault_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofs)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, amt, ofs);
}

static int
fault_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofs)
{
  if (g_atomic_int_get (&fail_writes))
    return SQLITE_FULL;

  return REAL (f)->pMethods->xWrite (REAL (f), buf, amt, ofs);
}

static int
fault_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
fault_sync (sqlite3_file *f, int flags)
{
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
fault_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
fault_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
fault_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
fault_check_reserved_lock (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
fault_file_control (sqlite3_file *f, int op, void *arg)
{
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
fault_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
fault_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
fault_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
fault_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

static int
fault_fetch (sqlite3_file *f, sqlite3_int64 ofs, int amt, void **out)
{
  return REAL (f)->pMethods->xFetch (REAL (f), ofs, amt, out);
}

static int
fault_unfetch (sqlite3_file *f, sqlite3_int64 ofs, void *p)
{
  return REAL (f)->pMethods->xUnfetch (REAL (f), ofs, p);
}

static int
fault_open (sqlite3_vfs      *vfs,
            sqlite3_filename  name,
            sqlite3_file     *file,
            int               flags,
            int              *out_flags)
{
  FaultFile *ff = (FaultFile *)file;
  int rc;

  ff->real = (sqlite3_file *)&ff[1];
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set */
  file->pMethods = ff->real->pMethods != NULL ? &fault_methods : NULL;

  return rc;
}

static void
fault_install (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 3);

  fault_methods = (sqlite3_io_methods) {
    3,
    fault_close, fault_read, fault_write, fault_truncate, fault_sync,
    fault_file_size, fault_lock, fault_unlock, fault_check_reserved_lock,
    fault_file_control, fault_sector_size, fault_device_characteristics,
    fault_shm_map, fault_shm_lock, fault_shm_barrier, fault_shm_unmap,
    fault_fetch, fault_unfetch,
  };
  fault_vfs = *real_vfs;
  fault_vfs.zName = "bulletin-test-fault";
  fault_vfs.szOsFile = sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* ----- the fixture: a store and an owner's text ----- */

typedef struct
{
  char                *dir;
  BulletinStore       *store;
  BulletinDraftKeeper *keeper;
  GString             *text;
  guint64              serial;
  /* each time the keeper said "saved": whether the store held the text */
  guint                n_saved;
  guint                n_saved_stale;
} Fixture;

static char *
owner_text (gpointer  user_data,
            guint64  *serial)
{
  Fixture *f = user_data;

  *serial = f->serial;
  return g_strdup (f->text->str);
}

static void
type (Fixture    *f,
      const char *text)
{
  g_string_append (f->text, text);
  f->serial++;
  bulletin_draft_keeper_changed (f->keeper, f->serial);
}

static char *
stored_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = bulletin_draft_keeper_get_draft_id (f->keeper);
  char *text;

  g_assert_cmpint (id, >, 0);
  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_no_error (error);

  return text;
}

static void
saved_changed_cb (BulletinDraftKeeper *keeper,
                  GParamSpec          *pspec,
                  Fixture             *f)
{
  g_autofree char *text = NULL;

  if (!bulletin_draft_keeper_get_saved (keeper) || bulletin_draft_keeper_get_draft_id (keeper) == 0)
    return;

  f->n_saved++;
  text = stored_text (f);
  if (g_strcmp0 (text, f->text->str) != 0)
    f->n_saved_stale++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-keeper-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  f->text = g_string_new (NULL);
  f->keeper = bulletin_draft_keeper_new (f->store);
  /* a test waits for the writes, not seconds */
  bulletin_draft_keeper_set_delays (f->keeper, 10, 50);
  bulletin_draft_keeper_set_text_func (f->keeper, owner_text, f, NULL);
  g_signal_connect (f->keeper, "notify::saved", G_CALLBACK (saved_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->keeper);
  g_clear_object (&f->store);
  g_string_free (f->text, TRUE);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
saved (gpointer data)
{
  Fixture *f = data;

  return bulletin_draft_keeper_get_saved (f->keeper);
}

static gboolean
has_error (gpointer data)
{
  Fixture *f = data;

  return bulletin_draft_keeper_get_error (f->keeper) != NULL;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *)data;
}

static void
drained_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  bulletin_store_autosave_finish (BULLETIN_STORE (object), result, NULL);
  *(gboolean *)user_data = TRUE;
}

/* The store's worker runs its jobs in order: once a job pushed now has
 * finished, so have all before it. */
static void
drain_worker (BulletinStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 probe = bulletin_store_create_draft (store, "probe", NULL, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  bulletin_store_autosave_async (store, probe, "drained", NULL, drained_cb, &done);
  bulletin_test_iterate_until (flag_set, &done);
}

static void
test_autosave_writes_changes (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (bulletin_draft_keeper_get_saved (f->keeper));
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (f->keeper), ==, 0);

  type (f, "# Week 47\n\nThe room is booked.");
  g_assert_false (bulletin_draft_keeper_get_saved (f->keeper));
  bulletin_test_iterate_until (saved, f);

  /* the first write made the draft, named by its heading, open until a
   * clean close */
  first = stored_text (f);
  g_assert_cmpstr (first, ==, "# Week 47\n\nThe room is booked.");
  g_assert_cmpstr (bulletin_draft_keeper_get_title (f->keeper), ==, "Week 47");

  /* the next ones go through the worker */
  type (f, " The agenda is sent.");
  bulletin_test_iterate_until (saved, f);
  second = stored_text (f);
  g_assert_cmpstr (second, ==, f->text->str);
  g_assert_cmpuint (f->n_saved_stale, ==, 0);
  g_assert_null (bulletin_draft_keeper_get_error (f->keeper));
}

/* A write that finishes after more typing does not mark the newer text
 * saved: "saved" is only ever said when the store holds the owner's
 * text, and the newer text gets a write of its own. */
static void
test_late_save_not_newer_text (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *text = NULL;

  type (f, "First words.");
  bulletin_draft_keeper_save_now (f->keeper);      /* creates the draft */
  g_assert_true (bulletin_draft_keeper_get_saved (f->keeper));

  type (f, " Second words.");
  bulletin_draft_keeper_save_now (f->keeper);      /* in flight */
  type (f, " Typed meanwhile.");                 /* before it lands */
  g_assert_false (bulletin_draft_keeper_get_saved (f->keeper));

  bulletin_test_iterate_until (saved, f);
  text = stored_text (f);
  g_assert_cmpstr (text, ==, "First words. Second words. Typed meanwhile.");
  g_assert_cmpuint (f->n_saved, >=, 2);
  g_assert_cmpuint (f->n_saved_stale, ==, 0);
}

static void
error_changed_cb (BulletinDraftKeeper *keeper,
                  GParamSpec          *pspec,
                  guint               *n_notified)
{
  (*n_notified)++;
}

/* A write to a full disk fails: the keeper says why, keeps trying, and
 * once the disk has room writes the text and clears the error. */
static void
test_failed_write_retried (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const GError *error;
  guint n_notified = 0;

  type (f, "Kept.");
  bulletin_draft_keeper_save_now (f->keeper);
  g_assert_true (bulletin_draft_keeper_get_saved (f->keeper));
  g_signal_connect (f->keeper, "notify::error", G_CALLBACK (error_changed_cb), &n_notified);

  g_atomic_int_set (&fail_writes, TRUE);
  g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "Autosave failed: *full*");
  type (f, " Typed on a full disk.");
  bulletin_test_iterate_until (has_error, f);
  g_test_assert_expected_messages ();

  error = bulletin_draft_keeper_get_error (f->keeper);
  g_assert_error ((GError *)error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FULL);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_false (bulletin_draft_keeper_get_saved (f->keeper));
  before = stored_text (f);
  g_assert_cmpstr (before, ==, "Kept.");

  /* no new change: the retry alone writes it once the disk has room */
  g_atomic_int_set (&fail_writes, FALSE);
  bulletin_test_iterate_until (saved, f);
  g_assert_null (bulletin_draft_keeper_get_error (f->keeper));
  g_assert_cmpuint (n_notified, ==, 2);
  after = stored_text (f);
  g_assert_cmpstr (after, ==, "Kept. Typed on a full disk.");
}

/* The owner goes away with an autosave in flight: nothing touches the
 * keeper afterwards (ASan would say so), and nothing crashes. */
static void
test_dispose_in_flight (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id;

  type (f, "Before.");
  bulletin_draft_keeper_save_now (f->keeper);
  id = bulletin_draft_keeper_get_draft_id (f->keeper);

  type (f, " In flight.");
  bulletin_draft_keeper_save_now (f->keeper);
  g_clear_object (&f->keeper);

  drain_worker (f->store);
  g_assert_cmpint (id, >, 0);
}

/* Closing flushes: the text typed after the autosave in flight is what
 * the store keeps, the older write cancelled, and the draft is no longer
 * open (the next start will not offer to recover it). */
static void
test_flush_supersedes_in_flight (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) orphans = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  type (f, "Before.");
  bulletin_draft_keeper_save_now (f->keeper);
  id = bulletin_draft_keeper_get_draft_id (f->keeper);

  type (f, " In flight.");
  bulletin_draft_keeper_save_now (f->keeper);
  type (f, " Last words.");
  g_assert_true (bulletin_draft_keeper_flush (f->keeper, &error));
  g_assert_no_error (error);
  g_assert_true (bulletin_draft_keeper_get_saved (f->keeper));
  bulletin_draft_keeper_close (f->keeper);
  g_clear_object (&f->keeper);

  /* what the worker still had queued has run (or been dropped) */
  drain_worker (f->store);
  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Before. In flight. Last words.");

  /* a draft left open by a store that went away is a crash's orphan */
  path = g_strdup (bulletin_store_get_path (f->store));
  g_clear_object (&f->store);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  orphans = bulletin_store_take_orphaned_drafts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);
}

/* A keeper whose store could not be opened says why (its owner knows),
 * and writes once the store comes. */
static void
store_needed_cb (BulletinDraftKeeper *keeper,
                 Fixture             *f)
{
  g_autoptr(GError) error = g_error_new_literal (BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY,
                                                  "read-only");

  bulletin_draft_keeper_report_error (keeper, error);
}

static void
test_store_comes_later (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;

  bulletin_draft_keeper_set_store (f->keeper, NULL);
  g_signal_connect (f->keeper, "store-needed", G_CALLBACK (store_needed_cb), f);
  g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "Autosave failed: read-only");
  type (f, "Typed without a database.");
  bulletin_test_iterate_until (has_error, f);
  g_test_assert_expected_messages ();
  g_assert_error ((GError *)bulletin_draft_keeper_get_error (f->keeper),
                  BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (f->keeper), ==, 0);

  g_signal_handlers_disconnect_by_func (f->keeper, store_needed_cb, f);
  bulletin_draft_keeper_set_store (f->keeper, f->store);
  bulletin_draft_keeper_retry_now (f->keeper);
  g_assert_true (bulletin_draft_keeper_get_saved (f->keeper));
  g_assert_null (bulletin_draft_keeper_get_error (f->keeper));
  text = stored_text (f);
  g_assert_cmpstr (text, ==, "Typed without a database.");
}

/* Milestones are kept as versions of their kind, and a draft adopted
 * from the store is not written back. */
static void
test_milestone_and_adopt (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(BulletinDraftKeeper) other = NULL;
  gint64 id;
  gboolean found = FALSE;

  type (f, "Sent to staff.");
  bulletin_draft_keeper_record_milestone (f->keeper, BULLETIN_VERSION_NAMED, "Sent");
  id = bulletin_draft_keeper_get_draft_id (f->keeper);
  g_assert_cmpint (id, >, 0);
  bulletin_test_iterate_until (saved, f);

  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < versions->len; i++)
    {
      BulletinVersionInfo *v = g_ptr_array_index (versions, i);

      if (v->kind == BULLETIN_VERSION_NAMED && g_strcmp0 (v->name, "Sent") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  /* another owner shows it as stored: nothing to write */
  other = bulletin_draft_keeper_new (f->store);
  bulletin_draft_keeper_adopt (other, id, "Sent to staff");
  bulletin_draft_keeper_mark_saved (other, 7, NULL);
  g_assert_true (bulletin_draft_keeper_get_saved (other));
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (other), ==, id);
  g_assert_cmpstr (bulletin_draft_keeper_get_title (other), ==, "Sent to staff");
  g_assert_true (bulletin_draft_keeper_flush (other, &error));
  g_assert_no_error (error);
}

/* Another Bulletin on the same database has the draft open: the keeper
 * edits a copy (or says it is busy), and the other's draft is untouched;
 * a draft nobody has open is this keeper's to edit. */
static void
test_claim_open_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) elsewhere = NULL;
  g_autofree char *copy_text = NULL;
  gint64 held, free_id, claimed;
  gboolean copied = TRUE;

  /* the other Bulletin: a store of its own, its instance lock held */
  elsewhere = bulletin_store_open (bulletin_store_get_path (f->store), &error);
  g_assert_no_error (error);
  held = bulletin_store_create_draft (elsewhere, "Held elsewhere", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_store_set_draft_open (elsewhere, held, TRUE, &error));
  free_id = bulletin_store_create_draft (f->store, "Nobody's", NULL, &error);
  g_assert_no_error (error);

  claimed = bulletin_draft_keeper_claim (f->keeper, free_id, TRUE, &copied, &error);
  g_assert_no_error (error);
  g_assert_cmpint (claimed, ==, free_id);
  g_assert_false (copied);

  claimed = bulletin_draft_keeper_claim (f->keeper, held, FALSE, &copied, &error);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY);
  g_assert_cmpint (claimed, ==, 0);
  g_clear_error (&error);

  claimed = bulletin_draft_keeper_claim (f->keeper, held, TRUE, &copied, &error);
  g_assert_no_error (error);
  g_assert_true (copied);
  g_assert_cmpint (claimed, >, 0);
  g_assert_cmpint (claimed, !=, held);
  copy_text = bulletin_store_get_draft_text (f->store, claimed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy_text, ==, "Held elsewhere");
  g_assert_true (bulletin_store_draft_open_elsewhere (f->store, held));
}

/* A file opened again finds its draft: the history goes on, the edits
 * never saved to the file are offered back, and a draft another
 * Bulletin edits is left to it. */
static void
test_adopt_file_draft (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) elsewhere = NULL;
  g_autoptr(BulletinDraftKeeper) other = NULL;
  g_autofree char *unsaved = NULL;
  gint64 id, held;

  /* no draft for the file yet */
  bulletin_draft_keeper_set_file_uri (f->keeper, "file:///week-47.md");
  g_assert_true (bulletin_draft_keeper_adopt_file_draft (f->keeper, "File text", &unsaved, &error));
  g_assert_no_error (error);
  g_assert_null (unsaved);
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (f->keeper), ==, 0);

  id = bulletin_store_create_draft (f->store, "Edits never saved", "file:///week-47.md", &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_draft_keeper_adopt_file_draft (f->keeper, "File text", &unsaved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (f->keeper), ==, id);
  g_assert_cmpstr (unsaved, ==, "Edits never saved");
  g_clear_pointer (&unsaved, g_free);

  /* the same text: nothing to offer */
  other = bulletin_draft_keeper_new (f->store);
  bulletin_draft_keeper_set_file_uri (other, "file:///week-47.md");
  g_assert_true (bulletin_draft_keeper_adopt_file_draft (other, "Edits never saved", &unsaved, &error));
  g_assert_null (unsaved);
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (other), ==, id);
  g_clear_object (&other);

  /* the draft of another file, held by another Bulletin */
  elsewhere = bulletin_store_open (bulletin_store_get_path (f->store), &error);
  g_assert_no_error (error);
  held = bulletin_store_create_draft (elsewhere, "Held", "file:///held.md", &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_store_set_draft_open (elsewhere, held, TRUE, &error));
  other = bulletin_draft_keeper_new (f->store);
  bulletin_draft_keeper_set_file_uri (other, "file:///held.md");
  g_assert_false (bulletin_draft_keeper_adopt_file_draft (other, "Held", &unsaved, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY);
  g_assert_null (unsaved);
  g_assert_cmpint (bulletin_draft_keeper_get_draft_id (other), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  fault_install ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/draft-keeper/autosave-writes-changes", test_autosave_writes_changes);
  ADD ("/draft-keeper/late-save-not-newer-text", test_late_save_not_newer_text);
  ADD ("/draft-keeper/failed-write-retried", test_failed_write_retried);
  ADD ("/draft-keeper/dispose-in-flight", test_dispose_in_flight);
  ADD ("/draft-keeper/flush-supersedes-in-flight", test_flush_supersedes_in_flight);
  ADD ("/draft-keeper/store-comes-later", test_store_comes_later);
  ADD ("/draft-keeper/milestone-and-adopt", test_milestone_and_adopt);
  ADD ("/draft-keeper/claim-open-elsewhere", test_claim_open_elsewhere);
  ADD ("/draft-keeper/adopt-file-draft", test_adopt_file_draft);

  return g_test_run ();
}
