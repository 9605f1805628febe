/* bulletin-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bulletin-clock.h"
#include "bulletin-store-private.h"

/* Every draft and its history live in one SQLite database. The store is
 * safe to call from any thread (one connection, behind a mutex); the
 * _async() calls run on a single worker thread, so writes keep their
 * order and never block the UI. */

G_DEFINE_FINAL_TYPE (BulletinStore, bulletin_store, G_TYPE_OBJECT)

enum {
  GLOSSARY_CHANGED,
  DICTIONARY_CHANGED,
  DRAFTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
G_DEFINE_QUARK (bulletin-store-error-quark, bulletin_store_error)

/* Each migration turns schema version N-1 into N, in one transaction. */
static const char * const migrations[] = {
  /* 1: drafts and their versions */
  "CREATE TABLE drafts ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  custom_title INTEGER NOT NULL DEFAULT 0,"
  "  file_uri TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER,"
  "  word_count INTEGER NOT NULL DEFAULT 0,"
  "  owner_pid INTEGER NOT NULL DEFAULT 0,"
  "  current_text TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX drafts_updated ON drafts (updated_at);"
  "CREATE INDEX drafts_file ON drafts (file_uri);"
  "CREATE TABLE versions ("
  "  id INTEGER PRIMARY KEY,"
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  name TEXT,"
  "  word_count INTEGER NOT NULL,"
  "  hash BLOB NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  encoding INTEGER NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE INDEX versions_draft ON versions (draft_id, created_at);",

  /* 2: full-text search over every draft's title and text */
  "CREATE VIRTUAL TABLE drafts_fts USING fts5 ("
  "  title, body, tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO drafts_fts (rowid, title, body)"
  "  SELECT id, title, current_text FROM drafts;",

  /* 3: the history list reads only this index, not the rows beside their
   * compressed texts (ten times faster on a long history) */
  "CREATE INDEX versions_list ON versions"
  "  (draft_id, created_at DESC, id DESC, kind, name, word_count, size);",

  /* 4: the section library, with the history of every section's edits */
  "CREATE TABLE sections ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX sections_order ON sections (category, position);"
  "CREATE TABLE section_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE INDEX section_versions_section ON section_versions (section_id, created_at);",

  /* 5: the office glossary (acronyms, for the checks; filled by
   * seed_glossary() as the table is created) and the personal spelling
   * dictionary. Both keys compare bytes: "ACS" and "Acs" differ, and so
   * do "colour" and "Colour". */
  "CREATE TABLE glossary ("
  "  acronym TEXT NOT NULL PRIMARY KEY,"
  "  expansion TEXT NOT NULL DEFAULT '',"
  "  well_known INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE dictionary ("
  "  word TEXT NOT NULL PRIMARY KEY"
  ") WITHOUT ROWID;",

  /* 6: findings the user chose to ignore, per draft, by their stable key */
  "CREATE TABLE ignored_findings ("
  "  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  PRIMARY KEY (draft_id, key)"
  ") WITHOUT ROWID;",

  /* 7: which Bulletin instance holds an open draft (a process id is
   * ambiguous across PID namespaces), and how many starts in a row found
   * it left open by a crash, so a draft that crashes Bulletin is not
   * reopened into the same crash forever */
  "CREATE TABLE IF NOT EXISTS draft_owners ("
  "  draft_id INTEGER NOT NULL PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,"
  "  instance TEXT NOT NULL DEFAULT '',"
  "  crashes INTEGER NOT NULL DEFAULT 0,"
  "  left_cleanly INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 8: images dropped or pasted into a draft that has no folder to put
   * them in, by the first 16 hex digits of their SHA-256 (the draft says
   * `bulletin-image:KEY`); the whole digest checks them on every read.
   * Not tied to a draft: its history, a copy or another draft may show
   * the same image, and an image is never deleted. */
  "CREATE TABLE IF NOT EXISTS images ("
  "  key TEXT NOT NULL PRIMARY KEY,"
  "  hash BLOB NOT NULL,"
  "  name TEXT NOT NULL,"
  "  mime_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  data BLOB NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BULLETIN_STORE_SCHEMA_VERSION);

static gint64
default_clock (gpointer user_data)
{
  return bulletin_clock_now ();
}

gint64
bulletin_store_now (BulletinStore *self)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  return self->clock (self->clock_data);
}

/**
 * bulletin_store_set_clock:
 * @self: a #BulletinStore
 * @clock: (nullable): returns µs since the epoch; %NULL for the real time
 * @user_data: data for @clock
 *
 * Lets tests and benchmarks move time forward without waiting.
 */
void
bulletin_store_set_clock (BulletinStore      *self,
                          BulletinStoreClock  clock,
                          gpointer            user_data)
{
  g_return_if_fail (BULLETIN_IS_STORE (self));

  self->clock = clock ? clock : default_clock;
  self->clock_data = clock ? user_data : NULL;
}

void
bulletin_store_set_sqlite_error (GError    **error,
                                 sqlite3    *db,
                                 int         rc,
                                 const char *context)
{
  int code;
  int primary = rc & 0xFF;

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = BULLETIN_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = BULLETIN_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_FULL:
      code = BULLETIN_STORE_ERROR_FULL;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = BULLETIN_STORE_ERROR_BUSY;
      break;
    case SQLITE_IOERR:
      code = (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC) && errno == ENOSPC
        ? BULLETIN_STORE_ERROR_FULL
        : BULLETIN_STORE_ERROR_IO;
      break;
    default:
      code = BULLETIN_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, BULLETIN_STORE_ERROR, code, "%s: %s", context,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static gboolean
exec (BulletinStore  *self,
      const char     *sql,
      GError        **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, "SQL");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
bulletin_store_prepare (BulletinStore  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, "prepare");
      return NULL;
    }

  return stmt;
}

gboolean
bulletin_store_step_done (BulletinStore  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, "write");
      return FALSE;
    }

  return TRUE;
}

gboolean
bulletin_store_begin (BulletinStore  *self,
                      GError        **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
bulletin_store_commit (BulletinStore  *self,
                       GError        **error)
{
  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

void
bulletin_store_rollback (BulletinStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static int
get_user_version (BulletinStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = bulletin_store_prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (BulletinStore  *self,
         GError        **error)
{
  int version = get_user_version (self);

  if (version < 0)
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                           _("cannot read the schema version"));
      return FALSE;
    }

  if (version > BULLETIN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_TOO_NEW,
                   _("the database was written by a newer Bulletin (schema %d; this one knows %d)"),
                   version, BULLETIN_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < BULLETIN_STORE_SCHEMA_VERSION)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!bulletin_store_begin (self, error))
        return FALSE;

      /* migration 5's glossary starts empty: the abbreviations every
       * office shares come from the glossary packs, which Preferences
       * switches on and off (issue 16); the table is the office's own */
      if (!exec (self, migrations[version], error) ||
          !exec (self, bump, error))
        {
          bulletin_store_rollback (self);
          g_prefix_error (error, "migration to schema %d: ", version + 1);
          return FALSE;
        }

      if (!bulletin_store_commit (self, error))
        return FALSE;

      version++;
    }

  return TRUE;
}

static void
bulletin_store_finalize (GObject *object)
{
  BulletinStore *self = (BulletinStore *)object;

  if (self->worker != NULL)
    g_thread_pool_free (self->worker, FALSE, TRUE);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->instance, bulletin_instance_lock_release);

  g_free (self->path);
  g_mutex_clear (&self->mutex);
  g_clear_pointer (&self->main_context, g_main_context_unref);

  G_OBJECT_CLASS (bulletin_store_parent_class)->finalize (object);
}

static void
bulletin_store_class_init (BulletinStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_store_finalize;

  /**
   * BulletinStore::glossary-changed:
   *
   * An entry of the office glossary was added, changed or removed, so
   * open drafts should be checked again. Emitted in the thread that made
   * the change.
   */
  signals[GLOSSARY_CHANGED] =
    g_signal_new ("glossary-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * BulletinStore::dictionary-changed:
   * @word: the word added to or removed from the personal dictionary
   * @added: which of the two
   */
  signals[DICTIONARY_CHANGED] =
    g_signal_new ("dictionary-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * BulletinStore::drafts-changed:
   *
   * A draft was created, renamed (or its first heading changed), moved
   * to or from the trash, or deleted, so every list of drafts is out of
   * date: every window's, not only the one that made the change.
   * Emitted in the main context of the thread that opened the store,
   * after the change, whichever thread made it (autosaves run on a
   * worker), and once for changes close together.
   */
  signals[DRAFTS_CHANGED] =
    g_signal_new ("drafts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}


static void
bulletin_store_init (BulletinStore *self)
{
  g_mutex_init (&self->mutex);
  self->clock = default_clock;
  self->worker = g_thread_pool_new (bulletin_store_worker_func, self, 1, FALSE, NULL);
  self->main_context = g_main_context_ref_thread_default ();
}

/**
 * bulletin_store_default_path:
 *
 * The database lives in the user's data directory; `BULLETIN_DB` overrides
 * it (tests point it at a scratch file).
 *
 * Returns: (transfer full): the path of the database file
 */
char *
bulletin_store_default_path (void)
{
  const char *env = g_getenv ("BULLETIN_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), APP_ID, "bulletin.db", NULL);
}

/* A file cut short (a full disk, a bad copy) is the commonest damage; its
 * header still promises the old number of pages. Catching that here costs
 * one read, whatever the size of the database. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  guchar header[100];
  GStatBuf st;
  guint32 page_size, page_count;
  guint64 wal_frames = 0;
  FILE *f;
  gsize n;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* new database */

  if (st.st_size == 0)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf wal_st;

      /* SQLite deletes the WAL of an empty database file as it opens it,
       * and with it every transaction not yet copied into the file (all
       * of them, if the file was cut to nothing): salvage reads it instead */
      if (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 32)
        {
          g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                               _("the database file is empty but its write-ahead log is not"));
          return FALSE;
        }
      return TRUE;   /* new database */
    }

  f = g_fopen (path, "rb");
  if (f == NULL)
    return TRUE;   /* sqlite3_open reports why */
  n = fread (header, 1, sizeof header, f);
  fclose (f);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                           _("not a database file"));
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = ((guint32)header[28] << 24) | ((guint32)header[29] << 16) |
               ((guint32)header[30] << 8) | header[31];

  /* With a WAL beside it, a file shorter than its header says can be
   * sound: a checkpoint writes page 1 first, and one that failed after it
   * (a full disk) leaves the pages past the end in the WAL, where SQLite
   * reads them. Only more missing pages than the WAL has frames (a
   * 32-byte header, then 24 bytes and a page each) prove truncation; the
   * integrity check reads the rest, through the WAL. */
  if (page_size >= 512 && page_size <= 65536)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      GStatBuf wal_st;

      if (g_stat (wal, &wal_st) == 0 && wal_st.st_size > 32)
        wal_frames = (guint64)(wal_st.st_size - 32) / (24 + page_size);
    }

  if ((guint64)st.st_size / MAX (page_size, 1) + wal_frames < page_count)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                   "the file is truncated (%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes)",
                   (guint64)st.st_size, (guint64)page_size * page_count);
      return FALSE;
    }

  return TRUE;
}

/* Above this size the full page-by-page check would slow every start
 * (over a second for an 80 MB history when the file is not cached); the
 * header check above still runs, and damage found later is reported by
 * the query that meets it. */
#define FULL_CHECK_MAX_SIZE (16 * 1024 * 1024)

static gboolean
check_integrity (BulletinStore  *self,
                 const char     *path,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) == 0 && st.st_size > FULL_CHECK_MAX_SIZE)
    return TRUE;

  /* quick_check reads every page: it is what finds a truncated file
   * before the user's next write lands in it. */
  stmt = bulletin_store_prepare (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, "integrity check");
      return FALSE;
    }

  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                   _("integrity check: %s"), sqlite3_column_text (stmt, 0));
      return FALSE;
    }

  return TRUE;
}

/**
 * bulletin_store_open:
 * @path: the database file; created with its folder if missing
 * @error: return location for an error
 *
 * Opens (creating and migrating as needed) the database at @path.
 *
 * Returns: (transfer full): the store, or %NULL
 */
BulletinStore *
bulletin_store_open (const char  *path,
                     GError     **error)
{
  g_autoptr(BulletinStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BULLETIN_STORE_ERROR,
                   saved == ENOSPC ? BULLETIN_STORE_ERROR_FULL : BULLETIN_STORE_ERROR_READ_ONLY,
                   /* Translators: a folder, then why */
                   _("cannot create %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (BULLETIN_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, "open");
      return NULL;
    }

  /* SQLite opens a write-protected file read-only without a word, and
   * the connection stays so after the permissions come back. Refused
   * here, the application's retry opens it again, read-write, once the
   * file can be written. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY,
                   _("the file %s can only be read"), path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  /* Another Bulletin (or a backup tool) may hold the lock for a moment;
   * wait for it rather than fail. */
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_header (path, error) ||
      !exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* checkpoint often and keep the WAL file small: it otherwise
       * grows to ten times a typical database */
      !exec (self, "PRAGMA wal_autocheckpoint = 256", error) ||
      !exec (self, "PRAGMA journal_size_limit = 1048576", error) ||
      !check_integrity (self, path, error) ||
      !migrate (self, error))
    return NULL;

  {
    g_autoptr(GError) lock_error = NULL;

    self->instance = bulletin_instance_lock_acquire (path, &lock_error);
    if (self->instance == NULL)
      g_warning ("Other Bulletins will know this one by its process id only: %s",
                 lock_error->message);
  }

  return g_steal_pointer (&self);
}

const char *
bulletin_store_get_path (BulletinStore *self)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  return self->path;
}

int
bulletin_store_get_schema_version (BulletinStore *self)
{
  int version;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), -1);

  g_mutex_lock (&self->mutex);
  version = get_user_version (self);
  g_mutex_unlock (&self->mutex);

  return version;
}

/* Runs a query (with the given id bound to its first parameter, if it
 * has one) and turns each row into an item, all under the lock: the
 * error message of a failed step is only meaningful there. */
GPtrArray *
bulletin_store_collect_rows (BulletinStore         *self,
                             const char            *sql,
                             gint64                 id,
                             BulletinStoreRowFunc   from_row,
                             GDestroyNotify         free_func,
                             const char            *what,
                             GError               **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_mutex_lock (&self->mutex);

  stmt = bulletin_store_prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      bulletin_store_set_sqlite_error (error, self->db, rc, what);
      g_clear_pointer (&items, g_ptr_array_unref);
    }

  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&items);
}

/* The signal ids stay with the class that creates them; the library
 * (bulletin-store-library.c) emits through these. */
void
bulletin_store_emit_glossary_changed (BulletinStore *self)
{
  g_signal_emit (self, signals[GLOSSARY_CHANGED], 0);
}

void
bulletin_store_emit_dictionary_changed (BulletinStore *self,
                                        const char    *word,
                                        gboolean       added)
{
  g_signal_emit (self, signals[DICTIONARY_CHANGED], 0, word, added);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
emit_drafts_changed_cb (gpointer data)
{
  g_autoptr(BulletinStore) self = g_weak_ref_get (data);

  if (self != NULL)
    {
      g_atomic_int_set (&self->drafts_changed_pending, 0);
      g_signal_emit (self, signals[DRAFTS_CHANGED], 0);
    }

  return G_SOURCE_REMOVE;
}

/* Called with the mutex held, from any thread: the signal waits for the
 * main loop, so no handler runs while the store is locked, and a store
 * nobody runs a loop for (the command line) is not kept alive by it. */
void
bulletin_store_note_drafts_changed (BulletinStore *self)
{
  g_autoptr(GSource) source = NULL;
  GWeakRef *ref;

  if (!g_atomic_int_compare_and_exchange (&self->drafts_changed_pending, 0, 1))
    return;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, emit_drafts_changed_cb, ref, (GDestroyNotify) weak_ref_free);
  g_source_set_static_name (source, "[bulletin] drafts-changed");
  g_source_attach (source, self->main_context);
}

/* Says which of the two is write-protected: the database file (its
 * permissions, a copy from a read-only medium) or the folder that holds
 * it. The error alone does not tell, so the folder is looked at. */
static char *
describe_read_only (void)
{
  g_autofree char *path = bulletin_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = home != NULL ? strlen (home) : 0;
  gboolean in_home = home_len > 1 && g_str_has_prefix (path, home) && path[home_len] == '/';
  /* as the title bar shows folders: ~/.local/share/…, not /home/name/… */
  g_autofree char *shown_path = in_home ? g_strconcat ("~", path + home_len, NULL) : g_strdup (path);
  g_autofree char *shown_dir = g_path_get_dirname (shown_path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_access (dir, W_OK) != 0)
    /* TRANSLATORS: %s is a folder */
    return g_strdup_printf (_("Bulletin cannot write to its drafts folder %s. Your text is safe in this window; Bulletin keeps trying."),
                            shown_dir);

  /* TRANSLATORS: %s is a file */
  return g_strdup_printf (_("The drafts database %s can’t be written to; its permissions may have changed. Your text is safe in this window; Bulletin keeps trying."),
                          shown_path);
}

/**
 * bulletin_store_describe_error:
 * @error: an error from the store
 *
 * Returns: (transfer full): what went wrong, in words for a banner
 */
char *
bulletin_store_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == BULLETIN_STORE_ERROR)
    {
      switch (error->code)
        {
        case BULLETIN_STORE_ERROR_FULL:
          return g_strdup (_("The disk is full, so drafts cannot be saved. Your text is safe in this window; Bulletin keeps trying."));
        case BULLETIN_STORE_ERROR_READ_ONLY:
          return describe_read_only ();
        case BULLETIN_STORE_ERROR_BUSY:
          return g_strdup (_("The drafts database is busy. Your text is safe in this window; Bulletin keeps trying."));
        case BULLETIN_STORE_ERROR_IO:
          return g_strdup (_("The disk failed to write the drafts. Your text is safe in this window; Bulletin keeps trying."));
        case BULLETIN_STORE_ERROR_DAMAGED:
          return g_strdup (_("Part of this text is damaged on the disk and cannot be read. Nothing has been deleted: its earlier versions are in the history."));
        case BULLETIN_STORE_ERROR_TOO_NEW:
          return g_strdup (_("The drafts database was written by a newer version of Bulletin. Your text is safe in this window, but drafts are not being saved."));
        default:
          break;
        }
    }

  return g_strdup_printf (_("Drafts cannot be saved (%s). Your text is safe in this window; Bulletin keeps trying."),
                          error->message);
}
