/* bulletin-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <zlib.h>

#include "bulletin-clock.h"
#include "bulletin-diff.h"
#include "bulletin-instance-lock.h"
#include "bulletin-markdown.h"
#include "bulletin-store.h"

/* Every draft and its history live in one SQLite database. The store is
 * safe to call from any thread (one connection, behind a mutex); the
 * _async() calls run on a single worker thread, so writes keep their
 * order and never block the UI. */

struct _BulletinStore
{
  GObject             parent_instance;

  GMutex              mutex;
  sqlite3            *db;
  char               *path;
  GThreadPool        *worker;

  BulletinStoreClock  clock;
  gpointer            clock_data;

  /* who this store is to other Bulletins; NULL when the folder beside
   * the database could not hold its lock (then process ids are used) */
  BulletinInstanceLock *instance;
};

G_DEFINE_FINAL_TYPE (BulletinStore, bulletin_store, G_TYPE_OBJECT)

enum {
  GLOSSARY_CHANGED,
  DICTIONARY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
G_DEFINE_QUARK (bulletin-store-error-quark, bulletin_store_error)

enum {
  ENCODING_PLAIN = 0,
  ENCODING_ZLIB = 1,
};

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

static void
set_sqlite_error (GError    **error,
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
      set_sqlite_error (error, self->db, rc, "SQL");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare (BulletinStore  *self,
         const char     *sql,
         GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "prepare");
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
step_done (BulletinStore  *self,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, "write");
      return FALSE;
    }

  return TRUE;
}

static gboolean
begin (BulletinStore  *self,
       GError        **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (BulletinStore  *self,
        GError        **error)
{
  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

static void
rollback (BulletinStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

static int
get_user_version (BulletinStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int (stmt, 0);
}

#define GLOSSARY_GROUP "Bulletin Glossary"

/* Runs once, inside migration 5: a glossary the user has since pruned
 * never grows back, and a database upgraded from schema 4 gets the same
 * start as a new one. The list is a data file so it can be read and
 * changed without touching code. */
static gboolean
seed_glossary (BulletinStore  *self,
               GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) groups = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/default-glossary.ini", 0, NULL);
  if (bytes == NULL)
    {
      /* a program built without the core resources: an empty glossary
       * is still a working one */
      g_debug ("no default glossary in the resources");
      return TRUE;
    }

  if (!g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, error))
    return FALSE;

  stmt = prepare (self, "INSERT OR IGNORE INTO glossary (acronym, expansion, well_known) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *expansion = NULL;

      if (g_str_equal (groups[i], GLOSSARY_GROUP))
        continue;

      expansion = g_key_file_get_string (keyfile, groups[i], "Expansion", NULL);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, groups[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, expansion ? expansion : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, g_key_file_get_boolean (keyfile, groups[i], "WellKnown", NULL));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (BulletinStore  *self,
         GError        **error)
{
  int version = get_user_version (self);

  if (version < 0)
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                           "cannot read the schema version");
      return FALSE;
    }

  if (version > BULLETIN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_TOO_NEW,
                   "the database was written by a newer Bulletin (schema %d; this one knows %d)",
                   version, BULLETIN_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < BULLETIN_STORE_SCHEMA_VERSION)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!begin (self, error))
        return FALSE;

      if (!exec (self, migrations[version], error) ||
          (version + 1 == 5 && !seed_glossary (self, error)) ||
          !exec (self, bump, error))
        {
          rollback (self);
          g_prefix_error (error, "migration to schema %d: ", version + 1);
          return FALSE;
        }

      if (!commit (self, error))
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
}

static void worker_func (gpointer data,
                         gpointer user_data);

static void
bulletin_store_init (BulletinStore *self)
{
  g_mutex_init (&self->mutex);
  self->clock = default_clock;
  self->worker = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);
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
                               "the database file is empty but its write-ahead log is not");
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
                           "not a database file");
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
  stmt = prepare (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, rc, "integrity check");
      return FALSE;
    }

  if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                   "integrity check: %s", sqlite3_column_text (stmt, 0));
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
                   "cannot create %s: %s", dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (BULLETIN_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, "open");
      return NULL;
    }

  /* SQLite opens a write-protected file read-only without a word, and
   * the connection stays so after the permissions come back. Refused
   * here, the application's retry opens it again, read-write, once the
   * file can be written. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY,
                   "the file %s can only be read", path);
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

/* Compression: text compresses to about a third, and identical texts are
 * never stored twice (see add_version_locked()). */
static GBytes *
compress_text (const char *text,
               gsize       len,
               int        *encoding)
{
  uLongf bound = compressBound (len);
  guint8 *buf = g_malloc (bound);

  if (len >= 64 && compress2 (buf, &bound, (const Bytef *)text, len, 6) == Z_OK && bound < len)
    {
      *encoding = ENCODING_ZLIB;
      return g_bytes_new_take (g_realloc (buf, MAX (bound, 1)), bound);
    }

  g_free (buf);
  *encoding = ENCODING_PLAIN;
  return g_bytes_new (text, len);
}

static void hash_text (const char *text,
                       gsize       len,
                       guint8      digest[32]);

/* Everything the store hands out as text is valid UTF-8 without NULs, or
 * it is not handed out at all: a GtkTextBuffer drops invalid text without
 * a word, and an empty editor over a damaged draft invites the keystroke
 * that replaces it. */
static gboolean
check_text (const char  *data,
            gsize        len,
            const char  *what,
            GError     **error)
{
  const char *end = NULL;

  if (data != NULL && g_utf8_validate_len (data, len, &end))
    return TRUE;

  if (data == NULL)
    g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED,
                 "%s is damaged: its text is missing", what);
  else
    g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED,
                 "%s is damaged: unreadable bytes from byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                 what, (gsize)(end - data), len);
  return FALSE;
}

/* zlib never shrinks text by more than about 1032 to 1: a larger stored
 * size is damage, and must not become a huge allocation. */
#define MAX_INFLATE_RATIO 1100

/* Turns a stored version back into its bytes and proves they are the ones
 * written: the length and the SHA-256 digest kept beside them must match.
 * A hash that is not 32 bytes was never a digest (early test databases)
 * and is not checked. The bytes may still fail check_text(): the damaged
 * text a draft once held is kept as a version, as found. */
static char *
decode_version (const void  *data,
                gsize        len,
                int          encoding,
                gint64       size,
                const void  *hash,
                gsize        hash_len,
                gsize       *out_len,
                GError     **error)
{
  g_autofree char *text = NULL;
  uLongf inflated = 0;
  guint8 digest[32];

  if (size < 0 || (guint64)size > (guint64)len * MAX_INFLATE_RATIO + 1024)
    goto damaged;

  if (encoding == ENCODING_PLAIN)
    {
      if ((gsize)size != len)
        goto damaged;
      text = g_malloc (len + 1);
      if (len > 0)
        memcpy (text, data, len);
    }
  else if (encoding == ENCODING_ZLIB)
    {
      text = g_malloc ((gsize)size + 1);
      inflated = (uLongf)size;
      if (data == NULL ||
          uncompress ((Bytef *)text, &inflated, data, len) != Z_OK ||
          inflated != (uLongf)size)
        goto damaged;
    }
  else
    goto damaged;

  text[size] = '\0';

  if (hash_len == 32)
    {
      hash_text (text, (gsize)size, digest);
      if (memcmp (digest, hash, 32) != 0)
        goto damaged;
    }

  *out_len = (gsize)size;
  return g_steal_pointer (&text);

damaged:
  g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED,
                       "a stored version is damaged: it does not match its length or digest");
  return NULL;
}

static void
hash_text (const char *text,
           gsize       len,
           guint8      digest[32])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = 32;

  g_checksum_update (checksum, (const guchar *)text, len);
  g_checksum_get_digest (checksum, digest, &digest_len);
}

static char *
derive_title (const char *text)
{
  char *title = bulletin_markdown_extract_title (text, strlen (text));

  return title ? title : g_strdup ("");
}

static gboolean
update_fts (BulletinStore  *self,
            gint64          draft_id,
            const char     *title,
            const char     *text,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) del = prepare (self, "DELETE FROM drafts_fts WHERE rowid = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, draft_id);
  if (!step_done (self, del, error))
    return FALSE;

  ins = prepare (self, "INSERT INTO drafts_fts (rowid, title, body) VALUES (?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, draft_id);
  sqlite3_bind_text (ins, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 3, text, -1, SQLITE_STATIC);

  return step_done (self, ins, error);
}

static gint64
create_draft_locked (BulletinStore  *self,
                     const char     *text,
                     const char     *file_uri,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *title = derive_title (text);
  gint64 now = bulletin_store_now (self);
  gint64 id;

  stmt = prepare (self,
                  "INSERT INTO drafts (uuid, title, file_uri, created_at, updated_at, word_count, current_text)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  if (file_uri != NULL)
    sqlite3_bind_text (stmt, 3, file_uri, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int (stmt, 6, bulletin_diff_count_words (text));
  sqlite3_bind_text (stmt, 7, text, -1, SQLITE_STATIC);

  if (!step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);

  if (!update_fts (self, id, title, text, error))
    return 0;

  return id;
}

/**
 * bulletin_store_create_draft:
 * @self: a #BulletinStore
 * @text: the draft's text
 * @file_uri: (nullable): the Markdown file it belongs to
 * @error: return location for an error
 *
 * Returns: the new draft's id, or 0 on error
 */
gint64
bulletin_store_create_draft (BulletinStore  *self,
                             const char     *text,
                             const char     *file_uri,
                             GError        **error)
{
  gint64 id = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  g_mutex_lock (&self->mutex);
  if (begin (self, error))
    {
      id = create_draft_locked (self, text, file_uri, error);
      if (id == 0 || !commit (self, error))
        {
          rollback (self);
          id = 0;
        }
    }
  g_mutex_unlock (&self->mutex);

  return id;
}

typedef struct
{
  gint64 id;
  gint64 created_at;
  int kind;
  guint8 hash[32];
  gboolean found;
} LatestVersion;

static gboolean
get_latest_version (BulletinStore  *self,
                    gint64          draft_id,
                    LatestVersion  *latest,
                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  latest->found = FALSE;

  stmt = prepare (self,
                  "SELECT id, created_at, kind, hash FROM versions WHERE draft_id = ?"
                  " ORDER BY created_at DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, draft_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      latest->found = TRUE;
      latest->id = sqlite3_column_int64 (stmt, 0);
      latest->created_at = sqlite3_column_int64 (stmt, 1);
      latest->kind = sqlite3_column_int (stmt, 2);
      if (sqlite3_column_bytes (stmt, 3) == 32)
        memcpy (latest->hash, sqlite3_column_blob (stmt, 3), 32);
      else
        memset (latest->hash, 0, 32);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "read history");
      return FALSE;
    }

  return TRUE;
}

/* @text is @len bytes, usually a draft's text; it is only anything else
 * (invalid UTF-8, NULs) when a damaged draft's bytes are kept as found,
 * and then @word_count comes from their readable part. */
static gint64
add_version_bytes_locked (BulletinStore        *self,
                          gint64                draft_id,
                          const char           *text,
                          gsize                 len,
                          guint                 word_count,
                          BulletinVersionKind   kind,
                          const char           *name,
                          GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) data = NULL;
  LatestVersion latest;
  guint8 digest[32];
  int encoding;

  hash_text (text, len, digest);

  if (!get_latest_version (self, draft_id, &latest, error))
    return 0;

  /* Identical text is never stored twice. A milestone on unchanged text
   * marks the newest version instead, so "Name this version" and "saved to
   * file" still show up in the history. */
  if (latest.found && memcmp (latest.hash, digest, 32) == 0)
    {
      if (kind != BULLETIN_VERSION_AUTOSAVE &&
          (latest.kind == BULLETIN_VERSION_AUTOSAVE || kind == BULLETIN_VERSION_NAMED))
        {
          g_autoptr(sqlite3_stmt) up = prepare (self,
                                                "UPDATE versions SET kind = ?, name = coalesce(?, name) WHERE id = ?",
                                                error);
          if (up == NULL)
            return 0;
          sqlite3_bind_int (up, 1, kind);
          if (name != NULL)
            sqlite3_bind_text (up, 2, name, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (up, 2);
          sqlite3_bind_int64 (up, 3, latest.id);
          if (!step_done (self, up, error))
            return 0;
        }
      return latest.id;
    }

  data = compress_text (text, len, &encoding);

  stmt = prepare (self,
                  "INSERT INTO versions (draft_id, created_at, kind, name, word_count, hash, size, encoding, data)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, draft_id);
  sqlite3_bind_int64 (stmt, 2, MAX (bulletin_store_now (self), latest.found ? latest.created_at + 1 : 0));
  sqlite3_bind_int (stmt, 3, kind);
  if (name != NULL)
    sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, word_count);
  sqlite3_bind_blob (stmt, 6, digest, 32, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, len);
  sqlite3_bind_int (stmt, 8, encoding);
  sqlite3_bind_blob (stmt, 9, g_bytes_get_data (data, NULL), g_bytes_get_size (data), SQLITE_STATIC);

  if (!step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

static gint64
add_version_locked (BulletinStore        *self,
                    gint64                draft_id,
                    const char           *text,
                    BulletinVersionKind   kind,
                    const char           *name,
                    GError              **error)
{
  return add_version_bytes_locked (self, draft_id, text, strlen (text),
                                   bulletin_diff_count_words (text), kind, name, error);
}

/* A draft whose stored text fails check_text() is never written over
 * before its bytes are safe: they become a named version, exactly as
 * found (named versions are never thinned), and only then may the new
 * text replace them. So whatever writes next (an autosave, a restore, a
 * file opened over the draft) nothing is lost, and the user can still
 * decide later, from the history. Refusing the write instead would leave
 * the window's new words nowhere. */
static gboolean
keep_damaged_bytes_locked (BulletinStore  *self,
                           gint64          draft_id,
                           const char     *bytes,
                           gsize           len,
                           GError        **error)
{
  g_autofree char *readable = g_utf8_make_valid (bytes ? bytes : "", bytes ? (gssize)len : 0);

  g_message ("Draft %" G_GINT64_FORMAT " is damaged; its %" G_GSIZE_FORMAT " bytes are kept as a version",
             draft_id, len);
  return add_version_bytes_locked (self, draft_id, bytes ? bytes : "", bytes ? len : 0,
                                   bulletin_diff_count_words (readable), BULLETIN_VERSION_NAMED,
                                   _("Damaged text, kept as found"), error) != 0;
}

static gboolean
draft_exists (BulletinStore  *self,
              gint64          draft_id,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT 1 FROM drafts WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                   "no draft %" G_GINT64_FORMAT, draft_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
autosave_locked (BulletinStore  *self,
                 gint64          draft_id,
                 const char     *text,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) cur = NULL;
  g_autoptr(sqlite3_stmt) up = NULL;
  g_autofree char *title = NULL;
  LatestVersion latest;
  gboolean custom_title;
  gint64 now = bulletin_store_now (self);
  int rc;

  cur = prepare (self, "SELECT current_text, custom_title, title FROM drafts WHERE id = ?", error);
  if (cur == NULL)
    return FALSE;
  sqlite3_bind_int64 (cur, 1, draft_id);
  rc = sqlite3_step (cur);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                     "no draft %" G_GINT64_FORMAT, draft_id);
      else
        set_sqlite_error (error, self->db, rc, "read draft");
      return FALSE;
    }

  {
    const char *stored = sqlite3_column_blob (cur, 0);
    gsize stored_len = sqlite3_column_bytes (cur, 0);
    gsize len = strlen (text);

    if (sqlite3_column_type (cur, 0) == SQLITE_NULL ||
        !check_text (stored ? stored : "", stored_len, "the draft", NULL))
      {
        g_autofree char *bytes = g_memdup2 (stored ? stored : "", stored_len);

        if (!keep_damaged_bytes_locked (self, draft_id,
                                        sqlite3_column_type (cur, 0) == SQLITE_NULL ? NULL : bytes,
                                        stored_len, error))
          return FALSE;
      }
    /* nothing changed since the last autosave: no write, no fsync */
    else if (stored_len == len && memcmp (stored ? stored : "", text, len) == 0)
      return TRUE;
  }

  custom_title = sqlite3_column_int (cur, 1);
  title = custom_title ? g_strdup ((const char *)sqlite3_column_text (cur, 2)) : derive_title (text);
  g_clear_pointer (&cur, sqlite3_finalize);

  up = prepare (self,
                "UPDATE drafts SET current_text = ?, title = ?, word_count = ?, updated_at = ?"
                " WHERE id = ?", error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int (up, 3, bulletin_diff_count_words (text));
  sqlite3_bind_int64 (up, 4, now);
  sqlite3_bind_int64 (up, 5, draft_id);
  if (!step_done (self, up, error))
    return FALSE;

  if (!update_fts (self, draft_id, title, text, error))
    return FALSE;

  /* The current text is always saved; the history gets a snapshot when
   * the newest one is older than the snapshot interval. */
  if (!get_latest_version (self, draft_id, &latest, error))
    return FALSE;

  if (!latest.found || now - latest.created_at >= BULLETIN_STORE_SNAPSHOT_INTERVAL)
    if (add_version_locked (self, draft_id, text, BULLETIN_VERSION_AUTOSAVE, NULL, error) == 0)
      return FALSE;

  return TRUE;
}

/* The draft's current text as stored, byte for byte (NUL-terminated, but
 * damage may have put NULs inside it), or NULL and NOT_FOUND. @damaged
 * says whether it fails check_text(); a missing (NULL) text is damaged and
 * reads as "". */
static char *
read_current_bytes_locked (BulletinStore  *self,
                           gint64          draft_id,
                           gsize          *len,
                           gboolean       *damaged,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT current_text FROM drafts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, draft_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *data = sqlite3_column_blob (stmt, 0);
      gsize n = sqlite3_column_bytes (stmt, 0);
      char *bytes = g_malloc (n + 1);

      if (n > 0)
        memcpy (bytes, data, n);
      bytes[n] = '\0';
      *len = n;
      *damaged = sqlite3_column_type (stmt, 0) == SQLITE_NULL || !check_text (bytes, n, "the draft", NULL);
      return bytes;
    }

  if (rc == SQLITE_DONE)
    g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                 "no draft %" G_GINT64_FORMAT, draft_id);
  else
    set_sqlite_error (error, self->db, rc, "read draft");

  return NULL;
}

/* The draft's current text, or NOT_FOUND, or DAMAGED. */
static char *
read_current_text_locked (BulletinStore  *self,
                          gint64          draft_id,
                          GError        **error)
{
  g_autofree char *bytes = NULL;
  gboolean damaged = FALSE;
  gsize len = 0;

  bytes = read_current_bytes_locked (self, draft_id, &len, &damaged, error);
  if (bytes == NULL)
    return NULL;

  if (damaged)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED,
                   "draft %" G_GINT64_FORMAT " is damaged: part of its text cannot be read", draft_id);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Before a milestone replaces the current text with different text (a
 * file opened over a draft, say), the current text goes into the history,
 * so nothing typed since the last snapshot is lost. Damaged text is kept
 * by autosave_locked(), which runs next. */
static gboolean
keep_current_text_locked (BulletinStore  *self,
                          gint64          draft_id,
                          const char     *new_text,
                          GError        **error)
{
  g_autofree char *current = NULL;
  gboolean damaged = FALSE;
  gsize len = 0;

  current = read_current_bytes_locked (self, draft_id, &len, &damaged, error);
  if (current == NULL)
    return FALSE;

  if (damaged || *current == '\0' || g_strcmp0 (current, new_text) == 0)
    return TRUE;

  return add_version_locked (self, draft_id, current, BULLETIN_VERSION_AUTOSAVE, NULL, error) != 0;
}

/**
 * bulletin_store_autosave:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @text: its current text
 * @error: return location for an error
 *
 * Saves the current text of a draft, and snapshots it into the history
 * when the last snapshot is older than %BULLETIN_STORE_SNAPSHOT_INTERVAL.
 *
 * Returns: %TRUE once the text is on disk
 */
gboolean
bulletin_store_autosave (BulletinStore  *self,
                         gint64          draft_id,
                         const char     *text,
                         GError        **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (begin (self, error))
    {
      ok = autosave_locked (self, draft_id, text, error) && commit (self, error);
      if (!ok)
        rollback (self);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/**
 * bulletin_store_add_version:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @text: the text to keep
 * @kind: what made this version
 * @name: (nullable): the user's name for it
 * @error: return location for an error
 *
 * Records a milestone (or an explicit snapshot) and makes @text the
 * draft's current text too.
 *
 * Returns: the version's id, or 0 on error
 */
gint64
bulletin_store_add_version (BulletinStore        *self,
                            gint64                draft_id,
                            const char           *text,
                            BulletinVersionKind   kind,
                            const char           *name,
                            GError              **error)
{
  gint64 id = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  g_mutex_lock (&self->mutex);
  if (begin (self, error))
    {
      if (keep_current_text_locked (self, draft_id, text, error) &&
          autosave_locked (self, draft_id, text, error))
        id = add_version_locked (self, draft_id, text, kind, name, error);
      if (id == 0 || !commit (self, error))
        {
          rollback (self);
          id = 0;
        }
    }
  g_mutex_unlock (&self->mutex);

  return id;
}

static char *
get_version_text_locked (BulletinStore  *self,
                         gint64          version_id,
                         gint64         *draft_id,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  int rc;

  stmt = prepare (self, "SELECT data, encoding, size, draft_id, hash FROM versions WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, version_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                     "no version %" G_GINT64_FORMAT, version_id);
      else
        set_sqlite_error (error, self->db, rc, "read version");
      return NULL;
    }

  if (draft_id != NULL)
    *draft_id = sqlite3_column_int64 (stmt, 3);

  text = decode_version (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                         sqlite3_column_int (stmt, 1), sqlite3_column_int64 (stmt, 2),
                         sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4),
                         &len, error);
  if (text == NULL || !check_text (text, len, "the version", error))
    return NULL;

  return g_steal_pointer (&text);
}

/**
 * bulletin_store_get_version_text:
 * @self: a #BulletinStore
 * @version_id: a version
 * @error: return location for an error
 *
 * Returns: (transfer full): the text of the version, or %NULL
 */
char *
bulletin_store_get_version_text (BulletinStore  *self,
                                 gint64          version_id,
                                 GError        **error)
{
  char *text;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  text = get_version_text_locked (self, version_id, NULL, error);
  g_mutex_unlock (&self->mutex);

  return text;
}

/**
 * bulletin_store_restore_version:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @version_id: the version to bring back
 * @current_text: (nullable): the text the user has now; %NULL for the
 *   text stored (a damaged draft's, which is then kept as found)
 * @restored_text: (out) (optional): the restored text
 * @error: return location for an error
 *
 * Makes an old version current again. The text being replaced is kept
 * first as a "before restore" milestone, so a restore can be undone from
 * the history.
 *
 * Returns: the id of the new "restored" version, or 0 on error
 */
gint64
bulletin_store_restore_version (BulletinStore  *self,
                                gint64          draft_id,
                                gint64          version_id,
                                const char     *current_text,
                                char          **restored_text,
                                GError        **error)
{
  g_autofree char *text = NULL;
  gint64 owner = 0;
  gint64 id = 0;

  g_autofree char *stored = NULL;
  gboolean damaged = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;

  if (current_text == NULL)
    {
      gsize len;

      stored = read_current_bytes_locked (self, draft_id, &len, &damaged, error);
      if (stored == NULL)
        goto fail;
      current_text = stored;
    }

  text = get_version_text_locked (self, version_id, &owner, error);
  if (text == NULL)
    goto fail;
  if (owner != draft_id)
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                           "the version belongs to another draft");
      goto fail;
    }

  /* damaged text is not "before restore" text anyone could go back to:
   * autosave_locked() keeps it as found, under its own name */
  if (!damaged &&
      (!autosave_locked (self, draft_id, current_text, error) ||
       add_version_locked (self, draft_id, current_text, BULLETIN_VERSION_BEFORE_RESTORE, NULL, error) == 0))
    goto fail;
  if (!autosave_locked (self, draft_id, text, error))
    goto fail;

  id = add_version_locked (self, draft_id, text, BULLETIN_VERSION_RESTORED, NULL, error);
  if (id == 0 || !commit (self, error))
    goto fail;

  if (restored_text != NULL)
    *restored_text = g_steal_pointer (&text);
  goto out;

fail:
  rollback (self);
  id = 0;
out:
  g_mutex_unlock (&self->mutex);
  return id;
}

/* Titles and names go straight into labels, which reject invalid UTF-8:
 * damaged bytes in them show as U+FFFD (they are only ever derived from
 * the text, or typed again). */
static char *
dup_column_readable (sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;

  return g_utf8_make_valid (text, sqlite3_column_bytes (stmt, column));
}

static BulletinDraftInfo *
draft_from_row (sqlite3_stmt *stmt)
{
  BulletinDraftInfo *info = g_new0 (BulletinDraftInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  info->title = dup_column_readable (stmt, 2);
  info->file_uri = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  info->created_at = sqlite3_column_int64 (stmt, 4);
  info->updated_at = sqlite3_column_int64 (stmt, 5);
  info->deleted_at = sqlite3_column_int64 (stmt, 6);
  info->word_count = sqlite3_column_int (stmt, 7);
  info->custom_title = sqlite3_column_int (stmt, 8);

  return info;
}

#define DRAFT_COLUMNS \
  "d.id, d.uuid, d.title, d.file_uri, d.created_at, d.updated_at, coalesce(d.deleted_at, 0), d.word_count, d.custom_title"

BulletinDraftInfo *
bulletin_store_get_draft (BulletinStore  *self,
                          gint64          draft_id,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BulletinDraftInfo *info = NULL;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT " DRAFT_COLUMNS " FROM drafts d WHERE d.id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, draft_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        info = draft_from_row (stmt);
      else if (rc == SQLITE_DONE)
        g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                     "no draft %" G_GINT64_FORMAT, draft_id);
      else
        set_sqlite_error (error, self->db, rc, "read draft");
    }
  g_mutex_unlock (&self->mutex);

  return info;
}

char *
bulletin_store_get_draft_text (BulletinStore  *self,
                               gint64          draft_id,
                               GError        **error)
{
  char *text;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  text = read_current_text_locked (self, draft_id, error);
  g_mutex_unlock (&self->mutex);

  return text;
}

/**
 * bulletin_store_get_draft_text_lossy:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @error: return location for an error
 *
 * What can still be read of a draft's text: where the text is damaged
 * (see %BULLETIN_STORE_ERROR_DAMAGED), every unreadable byte shows as
 * U+FFFD. For showing a damaged draft; saving this would make its damage
 * permanent, so the stored bytes stay as they are.
 *
 * Returns: (transfer full): the text, or %NULL (NOT_FOUND or a database error)
 */
char *
bulletin_store_get_draft_text_lossy (BulletinStore  *self,
                                     gint64          draft_id,
                                     GError        **error)
{
  g_autofree char *bytes = NULL;
  gboolean damaged = FALSE;
  gsize len = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  bytes = read_current_bytes_locked (self, draft_id, &len, &damaged, error);
  g_mutex_unlock (&self->mutex);

  if (bytes == NULL || !damaged)
    return g_steal_pointer (&bytes);

  return g_utf8_make_valid (bytes, len);
}

/**
 * bulletin_store_find_readable_version:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @text: (out) (optional): the version's text
 * @error: return location for an error
 *
 * Finds the newest version of a draft whose text passes every check
 * (length, digest, UTF-8): what a damaged draft can go back to.
 *
 * Returns: (transfer full): the version, or %NULL with NOT_FOUND when no
 *   version can be read
 */
BulletinVersionInfo *
bulletin_store_find_readable_version (BulletinStore  *self,
                                      gint64          draft_id,
                                      char          **text,
                                      GError        **error)
{
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  versions = bulletin_store_list_versions (self, draft_id, error);
  if (versions == NULL)
    return NULL;

  for (guint i = 0; i < versions->len; i++)
    {
      BulletinVersionInfo *info = versions->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autofree char *version_text = bulletin_store_get_version_text (self, info->id, &local_error);

      if (version_text == NULL)
        {
          if (g_error_matches (local_error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (text != NULL)
        *text = g_steal_pointer (&version_text);
      return g_ptr_array_steal_index (versions, i);
    }

  g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
               "no version of draft %" G_GINT64_FORMAT " can be read", draft_id);
  return NULL;
}

/* The search index keeps its own copy of every draft's current text (in
 * the content table behind drafts_fts, on pages of its own), written in
 * the same transaction as the text: when the text is damaged, this copy
 * is usually whole, and newer than any version. NULL if it is missing or
 * fails the checks too. */
static char *
read_index_copy_locked (BulletinStore *self,
                        gint64         draft_id,
                        gint64        *updated_at)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *body;
  gsize len;

  stmt = prepare (self,
                  "SELECT f.body, d.updated_at FROM drafts_fts f JOIN drafts d ON d.id = f.rowid"
                  " WHERE f.rowid = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, draft_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  body = sqlite3_column_blob (stmt, 0);
  len = sqlite3_column_bytes (stmt, 0);
  if (!check_text (body ? body : "", len, "the index copy", NULL))
    return NULL;

  *updated_at = sqlite3_column_int64 (stmt, 1);
  return g_strndup (body ? body : "", len);
}

/**
 * bulletin_store_find_readable_text:
 * @self: a #BulletinStore
 * @draft_id: a draft whose text is damaged
 * @saved_at: (out) (optional): when that text was saved
 * @error: return location for an error
 *
 * The newest text a damaged draft can go back to: the search index's own
 * copy of its current text if that copy is whole, or else the newest
 * readable version (bulletin_store_find_readable_version()).
 *
 * Returns: (transfer full): the text, or %NULL with NOT_FOUND when
 *   nothing can be read
 */
char *
bulletin_store_find_readable_text (BulletinStore  *self,
                                   gint64          draft_id,
                                   gint64         *saved_at,
                                   GError        **error)
{
  g_autoptr(BulletinVersionInfo) version = NULL;
  char *text;
  gint64 when = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  text = read_index_copy_locked (self, draft_id, &when);
  g_mutex_unlock (&self->mutex);

  if (text == NULL)
    {
      version = bulletin_store_find_readable_version (self, draft_id, &text, error);
      if (version == NULL)
        return NULL;
      when = version->created_at;
    }

  if (saved_at != NULL)
    *saved_at = when;
  return text;
}

gint64
bulletin_store_find_draft_for_file (BulletinStore  *self,
                                    const char     *file_uri,
                                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);
  g_return_val_if_fail (file_uri != NULL, 0);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self,
                  "SELECT id FROM drafts WHERE file_uri = ? AND deleted_at IS NULL"
                  " ORDER BY updated_at DESC LIMIT 1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, file_uri, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }
  g_mutex_unlock (&self->mutex);

  return id;
}

gboolean
bulletin_store_set_draft_file (BulletinStore  *self,
                               gint64          draft_id,
                               const char     *file_uri,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "UPDATE drafts SET file_uri = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      if (file_uri != NULL)
        sqlite3_bind_text (stmt, 1, file_uri, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, draft_id);
      ok = step_done (self, stmt, error);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/* Turns what a user types into an FTS5 query: every word must match, as a
 * prefix, so "winter pres" finds "winter pressures". Quotes keep FTS5
 * syntax characters in the user's words from being read as operators. */
static char *
make_fts_query (const char *search)
{
  g_auto(GStrv) words = g_strsplit_set (search, " \t\n\"", -1);
  GString *query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }

  return g_string_free (query, query->len == 0);
}

/**
 * bulletin_store_list_drafts:
 * @self: a #BulletinStore
 * @search: (nullable): words to look for in titles and texts
 * @trashed: list the trash instead of the drafts
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinDraftInfo): the
 *   drafts, most recently edited first (best matches first when searching)
 */
GPtrArray *
bulletin_store_list_drafts (BulletinStore  *self,
                            const char     *search,
                            gboolean        trashed,
                            GError        **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_draft_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *query = search ? make_fts_query (search) : NULL;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);

  /* FTS5 orders by rank itself and computes snippets only for the rows
   * it returns; snippets of every match would dominate a broad search. */
  if (query != NULL)
    stmt = prepare (self,
                    "SELECT " DRAFT_COLUMNS ", s.snip FROM"
                    " (SELECT rowid AS id, rank AS r, snippet(drafts_fts, 1, '[', ']', '…', 12) AS snip"
                    "  FROM drafts_fts WHERE drafts_fts MATCH ?1 AND rank MATCH 'bm25(5.0, 1.0)'"
                    "  ORDER BY rank LIMIT " G_STRINGIFY (BULLETIN_STORE_SEARCH_LIMIT) ") s"
                    " JOIN drafts d ON d.id = s.id"
                    " WHERE (d.deleted_at IS NOT NULL) = ?2 ORDER BY s.r, d.updated_at DESC", error);
  else
    stmt = prepare (self,
                    "SELECT " DRAFT_COLUMNS " FROM drafts d"
                    " WHERE (d.deleted_at IS NOT NULL) = ?2 ORDER BY d.updated_at DESC", error);

  if (stmt == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  if (query != NULL)
    sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, trashed ? 1 : 0);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BulletinDraftInfo *info = draft_from_row (stmt);

      if (query != NULL)
        info->snippet = dup_column_readable (stmt, 9);
      g_ptr_array_add (drafts, info);
    }

  g_mutex_unlock (&self->mutex);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "list drafts");
      return NULL;
    }

  return g_steal_pointer (&drafts);
}

gint64
bulletin_store_duplicate_draft (BulletinStore  *self,
                                gint64          draft_id,
                                GError        **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  text = bulletin_store_get_draft_text (self, draft_id, error);
  if (text == NULL)
    return 0;

  return bulletin_store_create_draft (self, text, NULL, error);
}

/**
 * bulletin_store_rename_draft:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @title: (nullable): the new title; %NULL or "" goes back to the title
 *   taken from the text
 * @error: return location for an error
 */
gboolean
bulletin_store_rename_draft (BulletinStore  *self,
                             gint64          draft_id,
                             const char     *title,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *derived = NULL;
  gboolean custom = title != NULL && *title != '\0';
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  if (!custom)
    {
      text = bulletin_store_get_draft_text (self, draft_id, error);
      if (text == NULL)
        return FALSE;
      derived = derive_title (text);
      title = derived;
    }

  g_mutex_lock (&self->mutex);
  if (begin (self, error))
    {
      stmt = prepare (self, "UPDATE drafts SET title = ?, custom_title = ? WHERE id = ?", error);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, custom);
          sqlite3_bind_int64 (stmt, 3, draft_id);
          ok = step_done (self, stmt, error);
        }
      if (ok)
        {
          g_autoptr(sqlite3_stmt) fts = prepare (self,
                                                 "UPDATE drafts_fts SET title = ? WHERE rowid = ?",
                                                 error);
          ok = fts != NULL;
          if (ok)
            {
              sqlite3_bind_text (fts, 1, title, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (fts, 2, draft_id);
              ok = step_done (self, fts, error);
            }
        }
      if (!ok || !commit (self, error))
        {
          rollback (self);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/**
 * bulletin_store_trash_draft:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @trashed: %TRUE to move to the trash, %FALSE to bring back
 * @error: return location for an error
 *
 * Drafts in the trash are deleted for good after
 * %BULLETIN_STORE_TRASH_DAYS days (see bulletin_store_purge_trash()).
 */
gboolean
bulletin_store_trash_draft (BulletinStore  *self,
                            gint64          draft_id,
                            gboolean        trashed,
                            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  if (draft_exists (self, draft_id, error))
    {
      stmt = prepare (self, "UPDATE drafts SET deleted_at = ? WHERE id = ?", error);
      if (stmt != NULL)
        {
          if (trashed)
            sqlite3_bind_int64 (stmt, 1, bulletin_store_now (self));
          else
            sqlite3_bind_null (stmt, 1);
          sqlite3_bind_int64 (stmt, 2, draft_id);
          ok = step_done (self, stmt, error);
        }
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

guint
bulletin_store_purge_trash (BulletinStore  *self,
                            GError        **error)
{
  g_autoptr(sqlite3_stmt) fts = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  gint64 cutoff;
  guint n = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  cutoff = bulletin_store_now (self) - BULLETIN_STORE_TRASH_DAYS * G_TIME_SPAN_DAY;

  g_mutex_lock (&self->mutex);
  if (begin (self, error))
    {
      fts = prepare (self,
                     "DELETE FROM drafts_fts WHERE rowid IN"
                     " (SELECT id FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?)", error);
      del = prepare (self, "DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?", error);
      if (fts != NULL && del != NULL)
        {
          sqlite3_bind_int64 (fts, 1, cutoff);
          sqlite3_bind_int64 (del, 1, cutoff);
          if (step_done (self, fts, error) && step_done (self, del, error))
            n = sqlite3_changes (self->db);
        }
      if (!commit (self, error))
        n = 0;
    }
  g_mutex_unlock (&self->mutex);

  return n;
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

/* Runs a query (with the given id bound to its first parameter, if it
 * has one) and turns each row into an item, all under the lock: the
 * error message of a failed step is only meaningful there. */
static GPtrArray *
collect_rows (BulletinStore   *self,
              const char      *sql,
              gint64           id,
              RowFunc          from_row,
              GDestroyNotify   free_func,
              const char      *what,
              GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_mutex_lock (&self->mutex);

  stmt = prepare (self, sql, error);
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
      set_sqlite_error (error, self->db, rc, what);
      g_clear_pointer (&items, g_ptr_array_unref);
    }

  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&items);
}

static BulletinVersionInfo *
version_from_row (sqlite3_stmt *stmt)
{
  BulletinVersionInfo *info = g_new0 (BulletinVersionInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->draft_id = sqlite3_column_int64 (stmt, 1);
  info->created_at = sqlite3_column_int64 (stmt, 2);
  info->kind = sqlite3_column_int (stmt, 3);
  info->name = dup_column_readable (stmt, 4);
  info->word_count = sqlite3_column_int (stmt, 5);
  info->size = sqlite3_column_int64 (stmt, 6);

  return info;
}

/**
 * bulletin_store_list_versions:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinVersionInfo): the
 *   draft's versions, newest first, without their texts
 */
GPtrArray *
bulletin_store_list_versions (BulletinStore  *self,
                              gint64          draft_id,
                              GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  return collect_rows (self,
                       "SELECT id, draft_id, created_at, kind, name, word_count, size FROM versions"
                       " WHERE draft_id = ? ORDER BY created_at DESC, id DESC",
                       draft_id, (RowFunc)version_from_row,
                       (GDestroyNotify)bulletin_version_info_free, "list versions", error);
}

/**
 * bulletin_store_thin_versions:
 * @self: a #BulletinStore
 * @draft_id: the draft, or 0 for every draft
 * @error: return location for an error
 *
 * Keeps the history useful and small: autosave snapshots older than a day
 * are thinned to one an hour, older than a week to one a day. Milestones
 * and named versions are never removed, nor is the newest version.
 *
 * Returns: how many versions were removed
 */
guint
bulletin_store_thin_versions (BulletinStore  *self,
                              gint64          draft_id,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now;
  gint64 last_draft = -1;
  gint64 last_bucket = G_MININT64;
  gboolean newest = TRUE;
  guint n = 0;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  now = bulletin_store_now (self);

  g_mutex_lock (&self->mutex);

  stmt = prepare (self,
                  "SELECT id, draft_id, created_at, kind FROM versions"
                  " WHERE ?1 = 0 OR draft_id = ?1 ORDER BY draft_id, created_at DESC, id DESC", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, draft_id);

  /* Walk each draft's versions newest first; within an hour (or day)
   * bucket, the newest autosave survives and older ones go. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 owner = sqlite3_column_int64 (stmt, 1);
      gint64 created = sqlite3_column_int64 (stmt, 2);
      int kind = sqlite3_column_int (stmt, 3);
      gint64 age = now - created;
      gint64 bucket;

      if (owner != last_draft)
        {
          last_draft = owner;
          last_bucket = G_MININT64;
          newest = TRUE;
        }

      if (age < G_TIME_SPAN_DAY || kind != BULLETIN_VERSION_AUTOSAVE || newest)
        {
          newest = FALSE;
          continue;
        }

      bucket = age < 7 * G_TIME_SPAN_DAY ? created / G_TIME_SPAN_HOUR : -(created / G_TIME_SPAN_DAY);
      if (bucket == last_bucket)
        g_array_append_val (doomed, id);
      else
        last_bucket = bucket;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "thin history");
      goto out;
    }

  if (doomed->len > 0 && begin (self, error))
    {
      g_autoptr(sqlite3_stmt) del = prepare (self, "DELETE FROM versions WHERE id = ?", error);

      for (guint i = 0; del != NULL && i < doomed->len; i++)
        {
          sqlite3_reset (del);
          sqlite3_bind_int64 (del, 1, g_array_index (doomed, gint64, i));
          if (!step_done (self, del, error))
            break;
          n++;
        }

      if (n != doomed->len || !commit (self, error))
        {
          rollback (self);
          n = 0;
        }
    }

out:
  g_mutex_unlock (&self->mutex);
  return n;
}

static const char *
instance_id (BulletinStore *self)
{
  return self->instance != NULL ? bulletin_instance_lock_get_id (self->instance) : "";
}

static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0)
    return FALSE;
  if (pid == getpid ())
    return TRUE;

  return kill ((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Whether the Bulletin that marked a draft open still runs. Its instance
 * lock answers across PID namespaces; a row from before instance ids, or
 * a lock folder that cannot be read, falls back on the process id. */
static gboolean
owner_alive_locked (BulletinStore *self,
                    gint64         pid,
                    const char    *instance)
{
  gboolean known = FALSE;
  gboolean running;

  if (instance != NULL && *instance != '\0')
    {
      if (g_str_equal (instance, instance_id (self)))
        return TRUE;

      running = bulletin_instance_is_running (self->path, instance, &known);
      if (known)
        return running;
    }

  return process_alive (pid);
}

static gboolean
open_elsewhere_locked (BulletinStore *self,
                       gint64         draft_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean elsewhere = FALSE;

  stmt = prepare (self,
                  "SELECT d.owner_pid, o.instance FROM drafts d"
                  " LEFT JOIN draft_owners o ON o.draft_id = d.id"
                  " WHERE d.id = ? AND d.owner_pid != 0", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, draft_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 pid = sqlite3_column_int64 (stmt, 0);
          const char *instance = (const char *)sqlite3_column_text (stmt, 1);

          if (instance != NULL && *instance != '\0')
            elsewhere = !g_str_equal (instance, instance_id (self)) &&
                        owner_alive_locked (self, pid, instance);
          else
            elsewhere = pid != getpid () && process_alive (pid);
        }
    }

  return elsewhere;
}

static gboolean
set_draft_open (BulletinStore  *self,
                gint64          draft_id,
                gboolean        open,
                gboolean        claim,
                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;

  /* in the transaction: two Bulletins opening one file at once can't
   * both take its draft */
  if (claim && open_elsewhere_locked (self, draft_id))
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY,
                           "the draft is open in another Bulletin");
      goto fail;
    }

  stmt = prepare (self, "UPDATE drafts SET owner_pid = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, open ? (gint64)getpid () : 0);
  sqlite3_bind_int64 (stmt, 2, draft_id);
  if (!step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (open)
    stmt = prepare (self,
                    "INSERT INTO draft_owners (draft_id, instance) SELECT id, ?2 FROM drafts WHERE id = ?1"
                    " ON CONFLICT (draft_id) DO UPDATE SET instance = ?2, left_cleanly = 0", error);
  else
    stmt = prepare (self, "DELETE FROM draft_owners WHERE draft_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  if (open)
    sqlite3_bind_text (stmt, 2, instance_id (self), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;

  ok = commit (self, error);
  goto out;

fail:
  rollback (self);
out:
  g_mutex_unlock (&self->mutex);

  return ok;
}

/**
 * bulletin_store_set_draft_open:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @open: whether a window of this process shows it
 * @error: return location for an error
 *
 * Marks drafts that are open, with this process's id and this store's
 * instance id, so that after a crash the next start can reopen them (see
 * bulletin_store_take_orphaned_drafts()) and another Bulletin on the same
 * database can tell it is in use (bulletin_store_draft_open_elsewhere()).
 * Closing a draft forgets the crashes it was open through.
 */
gboolean
bulletin_store_set_draft_open (BulletinStore  *self,
                               gint64          draft_id,
                               gboolean        open,
                               GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  return set_draft_open (self, draft_id, open, FALSE, error);
}

/**
 * bulletin_store_claim_draft:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @error: return location for an error
 *
 * Marks @draft_id open here, as bulletin_store_set_draft_open() does,
 * unless another running Bulletin has it open: then nothing changes and
 * the error is %BULLETIN_STORE_ERROR_BUSY. The check and the mark are one
 * transaction.
 *
 * Returns: %TRUE if the draft is now this Bulletin's
 */
gboolean
bulletin_store_claim_draft (BulletinStore  *self,
                            gint64          draft_id,
                            GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  return set_draft_open (self, draft_id, TRUE, TRUE, error);
}

/**
 * bulletin_store_draft_open_elsewhere:
 * @self: a #BulletinStore
 * @draft_id: a draft
 *
 * Whether another running Bulletin (another process, or another store on
 * the same file) has @draft_id open, so that this one must not write to
 * it: the two would overwrite each other's words.
 *
 * Returns: %TRUE if the draft is open in another running Bulletin
 */
gboolean
bulletin_store_draft_open_elsewhere (BulletinStore *self,
                                     gint64         draft_id)
{
  gboolean elsewhere;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  elsewhere = open_elsewhere_locked (self, draft_id);
  g_mutex_unlock (&self->mutex);

  return elsewhere;
}

/**
 * bulletin_store_get_draft_crashes:
 * @self: a #BulletinStore
 * @draft_id: a draft
 *
 * How many starts in a row found @draft_id left open by a Bulletin that
 * crashed (or was killed), since it was last closed or left cleanly. A
 * draft open through two crashes in a row is likely what crashes
 * Bulletin, and should be reopened without the preview and the checks.
 *
 * Returns: the number of crashes
 */
guint
bulletin_store_get_draft_crashes (BulletinStore *self,
                                  gint64         draft_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint crashes = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT crashes FROM draft_owners WHERE draft_id = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, draft_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        crashes = (guint)MAX (sqlite3_column_int64 (stmt, 0), 0);
    }
  g_mutex_unlock (&self->mutex);

  return crashes;
}

/**
 * bulletin_store_leave_drafts_open:
 * @self: a #BulletinStore
 * @error: return location for an error
 *
 * This process is ending on purpose (logging out, SIGTERM) with drafts
 * still open: the next start reopens them, but does not count this as a
 * crash.
 *
 * Returns: %TRUE on success
 */
gboolean
bulletin_store_leave_drafts_open (BulletinStore  *self,
                                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "UPDATE draft_owners SET left_cleanly = 1 WHERE instance = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, instance_id (self), -1, SQLITE_STATIC);
      ok = step_done (self, stmt, error);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/**
 * bulletin_store_take_orphaned_drafts:
 * @self: a #BulletinStore
 * @error: return location for an error
 *
 * Finds drafts that were open in a Bulletin that is no longer running (it
 * crashed or was killed) and hands them to this process, which should
 * reopen them. Drafts open in another running Bulletin are left alone.
 * Each draft taken after a crash counts one more crash (see
 * bulletin_store_get_draft_crashes()); one left open by a clean exit
 * starts counting again.
 *
 * Returns: (transfer full) (element-type gint64): the drafts to reopen
 */
GArray *
bulletin_store_take_orphaned_drafts (BulletinStore  *self,
                                     GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) crashes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  stmt = prepare (self,
                  "SELECT d.id, d.owner_pid, o.instance, o.crashes, o.left_cleanly"
                  " FROM drafts d LEFT JOIN draft_owners o ON o.draft_id = d.id"
                  " WHERE d.owner_pid != 0 AND d.deleted_at IS NULL"
                  " ORDER BY d.updated_at", error);
  if (stmt == NULL)
    goto fail;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 pid = sqlite3_column_int64 (stmt, 1);
      const char *instance = (const char *)sqlite3_column_text (stmt, 2);
      gint64 n = sqlite3_column_int64 (stmt, 3);
      gboolean left_cleanly = sqlite3_column_int64 (stmt, 4) != 0;
      gboolean mine = instance != NULL && *instance != '\0'
        ? g_str_equal (instance, instance_id (self))
        : pid == getpid ();

      if (mine || owner_alive_locked (self, pid, instance))
        continue;

      n = left_cleanly ? 0 : n + 1;
      g_array_append_val (ids, id);
      g_array_append_val (crashes, n);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "find open drafts");
      goto fail;
    }

  stmt = prepare (self, "UPDATE drafts SET owner_pid = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, getpid ());
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!step_done (self, stmt, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (self,
                  "INSERT INTO draft_owners (draft_id, instance, crashes, left_cleanly)"
                  " VALUES (?1, ?2, ?3, 0) ON CONFLICT (draft_id) DO UPDATE"
                  " SET instance = ?2, crashes = ?3, left_cleanly = 0", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (stmt, 2, instance_id (self), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_array_index (crashes, gint64, i));
      if (!step_done (self, stmt, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto fail;

  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&ids);

fail:
  rollback (self);
  g_mutex_unlock (&self->mutex);
  return NULL;
}

/* ----- salvage: reading what a damaged database still holds -----
 *
 * Salvage never reads the damaged file in place: it works on a copy,
 * made readable where it can be (see make_working_copy()). The facts about
 * the file format used here are from https://www.sqlite.org/fileformat2.html
 * ("Database File Format", "B-tree Pages", "WAL File Format"). */

#define SQLITE_HEADER_MAGIC "SQLite format 3"   /* with its NUL: 16 bytes */
#define MIN_PAGE_SIZE 512
#define MAX_PAGE_SIZE 65536

static guint32
read_be32 (const guchar *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static void
write_be32 (guchar  *p,
            guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
is_page_size (guint32 size)
{
  return size >= MIN_PAGE_SIZE && size <= MAX_PAGE_SIZE && (size & (size - 1)) == 0;
}

static guint32
header_page_size (const guchar *header)
{
  guint32 size = ((guint32)header[16] << 8) | header[17];

  return size == 1 ? 65536 : size;
}

/* Whether @page (@avail bytes of it readable, its b-tree header at
 * @offset: 100 on page 1, after the file header) looks like a b-tree page
 * of a database whose pages are @page_size bytes: a known page type, and
 * fields that agree with each other and with that size, down to every
 * cell pointer. Random bytes in the middle of a page almost never pass. */
static gboolean
looks_like_btree_page (const guchar *page,
                       gsize         avail,
                       gsize         offset,
                       guint32       page_size)
{
  const guchar *h = page + offset;
  guint32 header_len, n_cells, content, freeblock;

  if (avail < offset + 12)
    return FALSE;

  switch (h[0])
    {
    case 2:    /* interior index */
    case 5:    /* interior table */
      header_len = 12;
      break;
    case 10:   /* leaf index */
    case 13:   /* leaf table */
      header_len = 8;
      break;
    default:
      return FALSE;
    }

  freeblock = ((guint32)h[1] << 8) | h[2];
  n_cells = ((guint32)h[3] << 8) | h[4];
  content = ((guint32)h[5] << 8) | h[6];
  if (content == 0)
    content = 65536;

  if (content > page_size || h[7] > 60 ||
      (freeblock != 0 && (freeblock < content || freeblock >= page_size)) ||
      offset + header_len + 2 * n_cells > content ||
      avail < offset + header_len + 2 * n_cells)
    return FALSE;

  for (guint32 i = 0; i < n_cells; i++)
    {
      const guchar *ptr = h + header_len + 2 * i;
      guint32 cell = ((guint32)ptr[0] << 8) | ptr[1];

      if (cell < content || cell >= page_size)
        return FALSE;
    }

  return TRUE;
}

/* The page size of a database whose header is lost, from its pages. Pages
 * of the true size start with b-tree headers (not all: overflow and free
 * pages do not); at half that size every other offset is mid-page. So at
 * each candidate size only the odd multiples are counted, the offsets no
 * smaller candidate has looked at, and the smallest size where they start
 * to look like pages wins. Page 1's own header (the schema's b-tree, after
 * the file header) must fit the size too. Linear in the file size. */
static guint32
guess_page_size (const guchar *contents,
                 gsize         len)
{
  for (guint32 size = MIN_PAGE_SIZE; size <= MAX_PAGE_SIZE; size *= 2)
    {
      guint odd = 0;
      guint hits = 0;

      if (!looks_like_btree_page (contents, MIN (len, size), 100, size))
        continue;

      for (gsize at = size; at < len; at += 2 * (gsize)size)
        {
          odd++;
          if (looks_like_btree_page (contents + at, MIN (len - at, size), 0, size))
            hits++;
        }

      if (odd == 0)
        {
          /* a single page, or nothing beyond page 1 to go by */
          if (len <= size)
            return size;
          continue;
        }

      if (hits > 0 && hits * 16 >= odd)
        return size;
    }

  return 0;
}

/* Writes a plausible header over a lost one: enough for SQLite to read the
 * pages (it finds the schema on page 1 and everything else from there).
 * Fields salvage does not need are left at their values for a new
 * database. */
static void
write_header (guchar   *header,
              guint32   page_size,
              guint32   page_count,
              gboolean  wal)
{
  memset (header, 0, 100);
  memcpy (header, SQLITE_HEADER_MAGIC, 16);
  header[16] = page_size == 65536 ? 0 : page_size >> 8;
  header[17] = page_size == 65536 ? 1 : page_size & 0xFF;
  header[18] = header[19] = wal ? 2 : 1;   /* file format write/read version */
  header[20] = 0;                          /* reserved bytes per page */
  header[21] = 64;                         /* the fixed payload fractions */
  header[22] = 32;
  header[23] = 32;
  write_be32 (header + 24, 1);             /* change counter… */
  write_be32 (header + 28, page_count);
  write_be32 (header + 40, 1);             /* schema cookie */
  write_be32 (header + 44, 4);             /* schema format */
  write_be32 (header + 56, 1);             /* text encoding: UTF-8 */
  write_be32 (header + 92, 1);             /* …equal to version-valid-for, so the page count is trusted */
  write_be32 (header + 96, SQLITE_VERSION_NUMBER);
}

/* The page size a WAL file's own header gives, or 0 if it is no WAL. */
static guint32
wal_page_size (const guchar *wal,
               gsize         len)
{
  guint32 magic;

  if (len < 32)
    return 0;

  magic = read_be32 (wal);
  if ((magic != 0x377f0682 && magic != 0x377f0683) || !is_page_size (read_be32 (wal + 8)))
    return 0;

  return read_be32 (wal + 8);
}

/* A working copy of a damaged database that SQLite can open, in the
 * temporary folder (the caller deletes it and its -wal and -shm); the
 * damaged file itself is never changed.
 *
 * - A file cut short is padded back to the size its header promises:
 *   SQLite trusts that page count, and every row whose pages survived can
 *   then be read.
 * - A lost header (zeroed, say) is rebuilt, so the pages behind it are
 *   read again; its page size comes from the WAL's header if there is a
 *   WAL, or is guessed from the pages.
 * - The WAL set aside beside the damaged file goes beside the copy, named
 *   as SQLite expects, so opening the copy replays the transactions whose
 *   pages never reached the main file (after a kill, or a main file that
 *   was then truncated). The copy keeps at least one page: SQLite deletes
 *   the WAL of an empty database. */
static char *
make_working_copy (const char *damaged_path)
{
  g_autofree char *wal_path = g_strconcat (damaged_path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *copy = NULL;
  gsize len = 0;
  gsize wal_len = 0;
  guint32 page_size, page_count;
  gsize want;
  int fd;

  if (!g_file_get_contents (damaged_path, &contents, &len, NULL))
    return NULL;

  if (!g_file_get_contents (wal_path, &wal, &wal_len, NULL) ||
      wal_page_size ((const guchar *)wal, wal_len) == 0)
    g_clear_pointer (&wal, g_free);

  if (len < 100 || memcmp (contents, SQLITE_HEADER_MAGIC, 16) != 0 ||
      !is_page_size (header_page_size ((const guchar *)contents)))
    {
      page_size = wal != NULL
        ? wal_page_size ((const guchar *)wal, wal_len)
        : guess_page_size ((const guchar *)contents, len);
      if (page_size == 0)
        return NULL;

      if (len < page_size)
        {
          contents = g_realloc (contents, page_size);
          memset (contents + len, 0, page_size - len);
          len = page_size;
        }
      g_message ("Salvage: rebuilt a lost database header (page size %u)", page_size);
      write_header ((guchar *)contents, page_size, (len + page_size - 1) / page_size, wal != NULL);
    }

  page_size = header_page_size ((const guchar *)contents);
  page_count = read_be32 ((const guchar *)contents + 28);
  want = MAX ((gsize)page_size * page_count, (len + page_size - 1) / page_size * page_size);

  fd = g_file_open_tmp ("bulletin-salvage-XXXXXX.db", &copy, NULL);
  if (fd < 0)
    return NULL;

  if (write (fd, contents, len) != (gssize)len ||
      (want > len && want < 4 * len + (64 << 20) && ftruncate (fd, want) != 0))
    {
      close (fd);
      g_unlink (copy);
      return NULL;
    }
  close (fd);

  if (wal != NULL)
    {
      g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);

      if (!g_file_set_contents (copy_wal, wal, wal_len, NULL))
        g_message ("Salvage: could not copy the WAL beside the working copy");
    }

  return g_steal_pointer (&copy);
}

static void
remove_working_copy (const char *copy)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (copy, suffixes[i], NULL);

      g_unlink (path);
    }
}

/* A rescued draft keeps its history: every version of it that still
 * decodes to the bytes its digest names (the kept bytes of a damaged
 * text included) is copied as it is stored. Where a draft's text ran into
 * lost pages, a whole earlier copy is often among them. */
static void
salvage_versions (BulletinStore *self,
                  sqlite3       *old,
                  gint64         old_id,
                  gint64         new_id)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (sqlite3_prepare_v2 (old,
                          "SELECT created_at, kind, name, word_count, hash, size, encoding, data"
                          " FROM versions WHERE draft_id = ? ORDER BY created_at, id",
                          -1, &sel, NULL) != SQLITE_OK)
    return;

  ins = prepare (self,
                 "INSERT INTO versions (draft_id, created_at, kind, name, word_count, hash, size, encoding, data)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL);
  if (ins == NULL)
    return;

  sqlite3_bind_int64 (sel, 1, old_id);
  while (sqlite3_step (sel) == SQLITE_ROW)
    {
      g_autofree char *text = NULL;
      gsize len;

      text = decode_version (sqlite3_column_blob (sel, 7), sqlite3_column_bytes (sel, 7),
                             sqlite3_column_int (sel, 6), sqlite3_column_int64 (sel, 5),
                             sqlite3_column_blob (sel, 4), sqlite3_column_bytes (sel, 4),
                             &len, NULL);
      if (text == NULL)
        continue;

      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, new_id);
      for (int i = 0; i < 8; i++)
        sqlite3_bind_value (ins, i + 2, sqlite3_column_value (sel, i));
      sqlite3_step (ins);
    }
}

/* Reads whatever rows survive in a damaged database into a fresh store.
 * Rows are copied one at a time so one bad page costs only its rows. */
static guint
salvage (BulletinStore *self,
         const char    *damaged_path)
{
  g_autofree char *copy = make_working_copy (damaged_path);
  sqlite3 *old = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  /* read-write: replaying the WAL writes to the copy (it is ours) and
   * needs a -shm beside it */
  if (copy == NULL ||
      sqlite3_open_v2 (copy, &old, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto out;

  /* Row by row through the primary key: a scan stops at the first damaged
   * page, while a lookup by id only fails for the rows that really are
   * lost. Ids are dense, so a long run of misses means the end. */
  if (sqlite3_prepare_v2 (old,
                          "SELECT uuid, title, custom_title, file_uri, created_at, updated_at,"
                          " deleted_at, current_text FROM drafts WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  for (gint64 row = 1, misses = 0; misses < 1000; row++)
    {
      const char *text;
      gsize text_len;
      gboolean partial;
      g_autoptr(sqlite3_stmt) ins = NULL;
      g_autofree char *clean = NULL;
      g_autofree char *title = NULL;
      gint64 id;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          misses++;
          continue;
        }
      misses = 0;

      text = (const char *)sqlite3_column_text (stmt, 7);
      if (text == NULL)
        continue;

      /* A row whose overflow pages were lost reads on into zeroes: keep
       * the part before them, and say so in the history. */
      text_len = sqlite3_column_bytes (stmt, 7);
      {
        const char *nul = memchr (text, '\0', text_len);

        partial = nul != NULL;
        if (partial)
          text_len = nul - text;
      }

      clean = bulletin_markdown_sanitize (text, text_len, NULL, NULL);
      title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));

      ins = prepare (self,
                     "INSERT OR IGNORE INTO drafts (uuid, title, custom_title, file_uri, created_at,"
                     " updated_at, deleted_at, word_count, current_text)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL);
      if (ins == NULL)
        break;

      sqlite3_bind_value (ins, 1, sqlite3_column_value (stmt, 0));
      sqlite3_bind_text (ins, 2, title ? title : "", -1, SQLITE_STATIC);
      sqlite3_bind_value (ins, 3, sqlite3_column_value (stmt, 2));
      sqlite3_bind_value (ins, 4, sqlite3_column_value (stmt, 3));
      sqlite3_bind_value (ins, 5, sqlite3_column_value (stmt, 4));
      sqlite3_bind_value (ins, 6, sqlite3_column_value (stmt, 5));
      sqlite3_bind_value (ins, 7, sqlite3_column_value (stmt, 6));
      sqlite3_bind_int (ins, 8, bulletin_diff_count_words (clean));
      sqlite3_bind_text (ins, 9, clean, -1, SQLITE_STATIC);

      if (sqlite3_step (ins) != SQLITE_DONE || sqlite3_changes (self->db) == 0)
        continue;

      id = sqlite3_last_insert_rowid (self->db);
      update_fts (self, id, title ? title : "", clean, NULL);
      salvage_versions (self, old, row, id);
      add_version_locked (self, id, clean, BULLETIN_VERSION_NAMED,
                          partial ? _("Recovered, incomplete") : _("Recovered"), NULL);
      n++;
    }

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (old != NULL)
    sqlite3_close_v2 (old);
  if (copy != NULL)
    remove_working_copy (copy);

  return n;
}

/**
 * bulletin_store_open_or_recover:
 * @path: the database file
 * @moved_to: (out) (optional): where a damaged database was moved, or %NULL
 * @n_recovered: (out) (optional): drafts rescued from the damaged database
 * @error: return location for an error
 *
 * Opens the database; if it is damaged (garbage, truncated, failing its
 * integrity check), moves it aside with a time stamp rather than deleting
 * anything, starts a fresh one, and copies into it every draft that can
 * still be read.
 *
 * Returns: (transfer full): the store, or %NULL when even a fresh database
 *   cannot be created (read-only or full disk)
 */
BulletinStore *
bulletin_store_open_or_recover (const char  *path,
                                char       **moved_to,
                                guint       *n_recovered,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *aside = NULL;
  BulletinStore *self;
  guint n = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (moved_to != NULL)
    *moved_to = NULL;
  if (n_recovered != NULL)
    *n_recovered = 0;

  self = bulletin_store_open (path, &local_error);
  if (self != NULL)
    return self;

  if (!g_error_matches (local_error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  now = bulletin_clock_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT,
                   "the database is damaged and could not be moved aside: %s", g_strerror (errno));
      return NULL;
    }

  /* the journal files belong with the damaged file */
  for (guint i = 0; i < 2; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm" };
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  self = bulletin_store_open (path, error);
  if (self == NULL)
    return NULL;

  g_mutex_lock (&self->mutex);
  if (begin (self, NULL))
    {
      n = salvage (self, aside);
      if (!commit (self, NULL))
        n = 0;
    }
  g_mutex_unlock (&self->mutex);

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  if (n_recovered != NULL)
    *n_recovered = n;

  return self;
}

/* ----- the section library ----- */

/* Names are unique in the library (ignoring case), so inserting "Have a
 * good weekend" is never ambiguous and imports can merge by name. */
static gint64
section_id_by_name_locked (BulletinStore  *self,
                           const char     *name,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT id FROM sections WHERE deleted_at IS NULL"
                                          " AND name = ? COLLATE NOCASE", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
check_section_name_locked (BulletinStore  *self,
                           const char     *name,
                           gint64          except_id,
                           GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  gint64 other;

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FAILED,
                           _("A section needs a name"));
      return FALSE;
    }

  other = section_id_by_name_locked (self, name, error);
  if (other < 0)
    return FALSE;
  if (other != 0 && other != except_id)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_EXISTS,
                   _("The library already has a section called “%s”"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * bulletin_store_add_section:
 * @self: a #BulletinStore
 * @name: a name, unique in the library (ignoring case)
 * @category: its category ("Openings", "Sign-offs", …)
 * @body: its Markdown
 * @error: return location for an error (%BULLETIN_STORE_ERROR_EXISTS)
 *
 * Returns: the new section's id, or 0 on error
 */
gint64
bulletin_store_add_section (BulletinStore  *self,
                            const char     *name,
                            const char     *category,
                            const char     *body,
                            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now, id = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);
  g_return_val_if_fail (category != NULL && body != NULL, 0);

  now = bulletin_store_now (self);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;
  if (!check_section_name_locked (self, name, 0, error))
    goto fail;

  stmt = prepare (self,
                  "INSERT INTO sections (uuid, name, category, body, position, created_at, updated_at)"
                  " VALUES (?, ?, ?, ?, (SELECT coalesce(max(position) + 1, 0) FROM sections WHERE category = ?3), ?, ?)",
                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (self->db);
  if (!commit (self, error))
    id = 0;
  goto out;

fail:
  rollback (self);
out:
  g_mutex_unlock (&self->mutex);
  return id;
}

/**
 * bulletin_store_update_section:
 * @self: a #BulletinStore
 * @section_id: the section
 * @name: its new name
 * @category: its new category
 * @body: its new Markdown
 * @error: return location for an error
 *
 * Changes a section; what it was before goes into its history.
 */
gboolean
bulletin_store_update_section (BulletinStore  *self,
                               gint64          section_id,
                               const char     *name,
                               const char     *category,
                               const char     *body,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) keep = NULL;
  g_autoptr(sqlite3_stmt) up = NULL;
  gboolean ok = FALSE;
  gint64 now;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (category != NULL && body != NULL, FALSE);

  now = bulletin_store_now (self);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;
  if (!check_section_name_locked (self, name, section_id, error))
    goto fail;

  keep = prepare (self,
                  "INSERT INTO section_versions (section_id, created_at, name, category, body)"
                  " SELECT id, updated_at, name, category, body FROM sections WHERE id = ?"
                  " AND (name != ?2 OR category != ?3 OR body != ?4)", error);
  if (keep == NULL)
    goto fail;
  sqlite3_bind_int64 (keep, 1, section_id);
  sqlite3_bind_text (keep, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (keep, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (keep, 4, body, -1, SQLITE_STATIC);
  if (!step_done (self, keep, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      /* nothing changed, or no such section */
      g_autoptr(sqlite3_stmt) exists = prepare (self, "SELECT 1 FROM sections WHERE id = ?", error);

      if (exists == NULL)
        goto fail;
      sqlite3_bind_int64 (exists, 1, section_id);
      if (sqlite3_step (exists) != SQLITE_ROW)
        {
          g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                       "no section %" G_GINT64_FORMAT, section_id);
          goto fail;
        }
      ok = commit (self, error);
      goto out;
    }

  up = prepare (self, "UPDATE sections SET name = ?, category = ?, body = ?, updated_at = ? WHERE id = ?", error);
  if (up == NULL)
    goto fail;
  sqlite3_bind_text (up, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 2, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (up, 4, now);
  sqlite3_bind_int64 (up, 5, section_id);
  if (!step_done (self, up, error))
    goto fail;

  ok = commit (self, error);
  goto out;

fail:
  rollback (self);
out:
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * bulletin_store_delete_section:
 * @self: a #BulletinStore
 * @section_id: the section
 * @deleted: %TRUE to delete, %FALSE to undo a deletion
 * @error: return location for an error
 */
gboolean
bulletin_store_delete_section (BulletinStore  *self,
                               gint64          section_id,
                               gboolean        deleted,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  g_mutex_lock (&self->mutex);
  if (!deleted)
    {
      /* undoing must not create a second section of the same name */
      g_autoptr(sqlite3_stmt) name = prepare (self, "SELECT name FROM sections WHERE id = ?", error);

      if (name == NULL)
        goto out;
      sqlite3_bind_int64 (name, 1, section_id);
      if (sqlite3_step (name) == SQLITE_ROW &&
          !check_section_name_locked (self, (const char *)sqlite3_column_text (name, 0), section_id, error))
        goto out;
    }

  stmt = prepare (self, "UPDATE sections SET deleted_at = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      if (deleted)
        sqlite3_bind_int64 (stmt, 1, bulletin_store_now (self));
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, section_id);
      ok = step_done (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                       "no section %" G_GINT64_FORMAT, section_id);
          ok = FALSE;
        }
    }
out:
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * bulletin_store_move_section:
 * @self: a #BulletinStore
 * @section_id: the section
 * @category: the category it goes to (its own to reorder)
 * @position: its place there, from 0; past the end means last
 * @error: return location for an error
 */
gboolean
bulletin_store_move_section (BulletinStore  *self,
                             gint64          section_id,
                             const char     *category,
                             int             position,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(sqlite3_stmt) set = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (!begin (self, error))
    goto out;

  list = prepare (self,
                  "SELECT id FROM sections WHERE category = ? AND id != ? AND deleted_at IS NULL"
                  " ORDER BY position, name", error);
  if (list == NULL)
    goto fail;
  sqlite3_bind_text (list, 1, category, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (list, 2, section_id);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc, "reorder");
      goto fail;
    }

  position = CLAMP (position, 0, (int)ids->len);
  g_array_insert_val (ids, position, section_id);

  set = prepare (self, "UPDATE sections SET category = ?, position = ? WHERE id = ?", error);
  if (set == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (set);
      sqlite3_bind_text (set, 1, category, -1, SQLITE_STATIC);
      sqlite3_bind_int (set, 2, i);
      sqlite3_bind_int64 (set, 3, g_array_index (ids, gint64, i));
      if (!step_done (self, set, error))
        goto fail;
    }

  ok = commit (self, error);
  goto out;

fail:
  rollback (self);
out:
  g_mutex_unlock (&self->mutex);
  return ok;
}

static BulletinSection *
section_from_row (sqlite3_stmt *stmt)
{
  BulletinSection *section = g_new0 (BulletinSection, 1);

  section->id = sqlite3_column_int64 (stmt, 0);
  section->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  section->category = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  section->body = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  section->position = sqlite3_column_int (stmt, 4);
  section->updated_at = sqlite3_column_int64 (stmt, 5);

  return section;
}

#define SECTION_COLUMNS "id, name, category, body, position, updated_at"

/**
 * bulletin_store_list_sections:
 * @self: a #BulletinStore
 * @search: (nullable): words that must all appear in the name, category
 *   or text (ignoring case)
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinSection): the
 *   library by category, then in the user's order
 */
GPtrArray *
bulletin_store_list_sections (BulletinStore  *self,
                              const char     *search,
                              GError        **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autofree char *folded_search = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  sections = collect_rows (self,
                           "SELECT " SECTION_COLUMNS " FROM sections WHERE deleted_at IS NULL"
                           " ORDER BY category, position, name",
                           0, (RowFunc)section_from_row,
                           (GDestroyNotify)bulletin_section_free, "list sections", error);
  if (sections == NULL || search == NULL)
    return g_steal_pointer (&sections);

  /* a library is tens of sections: filtering here is simpler than an
   * index and fast enough */
  folded_search = g_utf8_casefold (search, -1);
  words = g_strsplit_set (g_strstrip (folded_search), " \t\n", -1);

  for (guint i = sections->len; i > 0; i--)
    {
      BulletinSection *section = sections->pdata[i - 1];
      g_autofree char *all = g_strjoin ("\n", section->name, section->category, section->body, NULL);
      g_autofree char *folded = g_utf8_casefold (all, -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0' && strstr (folded, words[w]) == NULL)
          {
            g_ptr_array_remove_index (sections, i - 1);
            break;
          }
    }

  return g_steal_pointer (&sections);
}

/**
 * bulletin_store_find_section:
 * @self: a #BulletinStore
 * @name: a section name (any case)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the section, or %NULL if there is
 *   none of that name
 */
BulletinSection *
bulletin_store_find_section (BulletinStore  *self,
                             const char     *name,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BulletinSection *section = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self,
                  "SELECT " SECTION_COLUMNS " FROM sections WHERE deleted_at IS NULL"
                  " AND name = ? COLLATE NOCASE", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        section = section_from_row (stmt);
    }
  g_mutex_unlock (&self->mutex);

  return section;
}

/**
 * bulletin_store_list_section_history:
 * @self: a #BulletinStore
 * @section_id: the section
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinSection): what the
 *   section was before each edit, newest first (ids are those of the
 *   section; updated_at is when that text was current)
 */
GPtrArray *
bulletin_store_list_section_history (BulletinStore  *self,
                                     gint64          section_id,
                                     GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  return collect_rows (self,
                       "SELECT section_id, name, category, body, 0, created_at FROM section_versions"
                       " WHERE section_id = ? ORDER BY created_at DESC, id DESC",
                       section_id, (RowFunc)section_from_row,
                       (GDestroyNotify)bulletin_section_free, "section history", error);
}

/**
 * bulletin_store_count_sections_ever:
 * @self: a #BulletinStore
 * @error: return location for an error
 *
 * Counts sections including deleted ones: zero means the library was
 * never filled, and the default library should be loaded.
 */
guint
bulletin_store_count_sections_ever (BulletinStore  *self,
                                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), 0);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT count(*) FROM sections", error);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  g_mutex_unlock (&self->mutex);

  return n;
}

void
bulletin_section_free (BulletinSection *section)
{
  if (section == NULL)
    return;

  g_free (section->name);
  g_free (section->category);
  g_free (section->body);
  g_free (section);
}

/* ----- the glossary and the personal dictionary ----- */

BulletinGlossaryEntry *
bulletin_glossary_entry_new (const char *acronym,
                             const char *expansion,
                             gboolean    well_known)
{
  BulletinGlossaryEntry *entry;

  g_return_val_if_fail (acronym != NULL, NULL);

  entry = g_new0 (BulletinGlossaryEntry, 1);
  entry->acronym = g_strdup (acronym);
  entry->expansion = g_strdup (expansion ? expansion : "");
  entry->well_known = !!well_known;

  return entry;
}

void
bulletin_glossary_entry_free (BulletinGlossaryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->acronym);
  g_free (entry->expansion);
  g_free (entry);
}

static BulletinGlossaryEntry *
glossary_entry_from_row (sqlite3_stmt *stmt)
{
  return bulletin_glossary_entry_new ((const char *)sqlite3_column_text (stmt, 0),
                                      (const char *)sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int (stmt, 2));
}

/* One statement that either changes a row or does not; @what names it in
 * errors, and a statement that changed nothing is NOT_FOUND when
 * @must_change. */
static gboolean
write_one (BulletinStore  *self,
           const char     *sql,
           const char     *first,
           const char     *second,
           gint64          third,
           gboolean        must_change,
           const char     *what,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, third);
      ok = step_done (self, stmt, error);
      if (ok && must_change && sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                       "%s: no “%s”", what, first);
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/**
 * bulletin_store_glossary_set:
 * @self: a #BulletinStore
 * @acronym: the abbreviation as written ("WY&H")
 * @expansion: (nullable): what it stands for
 * @well_known: whether readers need no expansion
 * @error: return location for an error
 *
 * Adds @acronym to the glossary, or changes its entry.
 */
gboolean
bulletin_store_glossary_set (BulletinStore  *self,
                             const char     *acronym,
                             const char     *expansion,
                             gboolean        well_known,
                             GError        **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *trimmed_expansion = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (acronym != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (acronym));
  trimmed_expansion = g_strstrip (g_strdup (expansion ? expansion : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FAILED,
                           _("A glossary entry needs an abbreviation"));
      return FALSE;
    }

  if (!write_one (self,
                  "INSERT INTO glossary (acronym, expansion, well_known) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (acronym) DO UPDATE SET expansion = ?2, well_known = ?3",
                  trimmed, trimmed_expansion, !!well_known, FALSE, "glossary", error))
    return FALSE;

  g_signal_emit (self, signals[GLOSSARY_CHANGED], 0);
  return TRUE;
}

/**
 * bulletin_store_glossary_remove:
 * @self: a #BulletinStore
 * @acronym: an abbreviation in the glossary
 * @error: return location for an error (%BULLETIN_STORE_ERROR_NOT_FOUND)
 */
gboolean
bulletin_store_glossary_remove (BulletinStore  *self,
                                const char     *acronym,
                                GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (acronym != NULL, FALSE);

  if (!write_one (self, "DELETE FROM glossary WHERE acronym = ?",
                  acronym, NULL, 0, TRUE, "glossary", error))
    return FALSE;

  g_signal_emit (self, signals[GLOSSARY_CHANGED], 0);
  return TRUE;
}

/**
 * bulletin_store_glossary_list:
 * @self: a #BulletinStore
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinGlossaryEntry): the
 *   glossary in alphabetical order
 */
GPtrArray *
bulletin_store_glossary_list (BulletinStore  *self,
                              GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  return collect_rows (self,
                       "SELECT acronym, expansion, well_known FROM glossary"
                       " ORDER BY acronym COLLATE NOCASE, acronym",
                       0, (RowFunc)glossary_entry_from_row,
                       (GDestroyNotify)bulletin_glossary_entry_free, "list glossary", error);
}

/**
 * bulletin_store_glossary_lookup:
 * @self: a #BulletinStore
 * @acronym: an abbreviation, case as written
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): its entry, or %NULL (without an
 *   error) when the glossary does not have it
 */
BulletinGlossaryEntry *
bulletin_store_glossary_lookup (BulletinStore  *self,
                                const char     *acronym,
                                GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BulletinGlossaryEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);
  g_return_val_if_fail (acronym != NULL, NULL);

  g_mutex_lock (&self->mutex);
  stmt = prepare (self, "SELECT acronym, expansion, well_known FROM glossary WHERE acronym = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, acronym, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        entry = glossary_entry_from_row (stmt);
      else if (rc != SQLITE_DONE)
        set_sqlite_error (error, self->db, rc, "glossary lookup");
    }
  g_mutex_unlock (&self->mutex);

  return entry;
}

/**
 * bulletin_store_dictionary_add:
 * @self: a #BulletinStore
 * @word: a word the spelling check should accept
 * @error: return location for an error
 *
 * Adding a word that is already there is not an error.
 */
gboolean
bulletin_store_dictionary_add (BulletinStore  *self,
                               const char     *word,
                               GError        **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (word));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FAILED,
                           _("Only a word can be added to the dictionary"));
      return FALSE;
    }

  if (!write_one (self, "INSERT OR IGNORE INTO dictionary (word) VALUES (?)",
                  trimmed, NULL, 0, FALSE, "dictionary", error))
    return FALSE;

  g_signal_emit (self, signals[DICTIONARY_CHANGED], 0, trimmed, TRUE);
  return TRUE;
}

/**
 * bulletin_store_dictionary_remove:
 * @self: a #BulletinStore
 * @word: a word in the personal dictionary
 * @error: return location for an error (%BULLETIN_STORE_ERROR_NOT_FOUND)
 */
gboolean
bulletin_store_dictionary_remove (BulletinStore  *self,
                                  const char     *word,
                                  GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  if (!write_one (self, "DELETE FROM dictionary WHERE word = ?",
                  word, NULL, 0, TRUE, "dictionary", error))
    return FALSE;

  g_signal_emit (self, signals[DICTIONARY_CHANGED], 0, word, FALSE);
  return TRUE;
}

static char *
word_from_row (sqlite3_stmt *stmt)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/**
 * bulletin_store_dictionary_list:
 * @self: a #BulletinStore
 * @error: return location for an error
 *
 * Returns: (transfer full) (array zero-terminated=1): the personal
 *   dictionary in alphabetical order (ready for bulletin_spell_add_words()),
 *   or %NULL on error
 */
char **
bulletin_store_dictionary_list (BulletinStore  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  words = collect_rows (self, "SELECT word FROM dictionary ORDER BY word COLLATE NOCASE, word",
                        0, (RowFunc)word_from_row, g_free, "list dictionary", error);
  if (words == NULL)
    return NULL;

  g_ptr_array_set_free_func (words, NULL);
  g_ptr_array_add (words, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/**
 * bulletin_store_ignore_finding:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @key: a #BulletinFinding key
 * @error: return location for an error
 *
 * Remembers that the user does not want to hear about @key in this draft.
 */
gboolean
bulletin_store_ignore_finding (BulletinStore  *self,
                               gint64          draft_id,
                               const char     *key,
                               GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft_id > 0, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return write_one (self, "INSERT OR IGNORE INTO ignored_findings (key, draft_id) VALUES (?1, ?3)",
                    key, NULL, draft_id, FALSE, "ignore finding", error);
}

/**
 * bulletin_store_unignore_findings:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @error: return location for an error
 *
 * Brings back every finding ignored in the draft.
 */
gboolean
bulletin_store_unignore_findings (BulletinStore  *self,
                                  gint64          draft_id,
                                  GError        **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);

  return write_one (self, "DELETE FROM ignored_findings WHERE draft_id = ?3",
                    NULL, NULL, draft_id, FALSE, "unignore findings", error);
}

/**
 * bulletin_store_list_ignored_findings:
 * @self: a #BulletinStore
 * @draft_id: the draft
 * @error: return location for an error
 *
 * Returns: (transfer full): the set of keys ignored in the draft (for
 *   #BulletinCheckOptions), or %NULL on error
 */
GHashTable *
bulletin_store_list_ignored_findings (BulletinStore  *self,
                                      gint64          draft_id,
                                      GError        **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  GHashTable *set;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);

  keys = collect_rows (self, "SELECT key FROM ignored_findings WHERE draft_id = ?",
                       draft_id, (RowFunc)word_from_row, g_free, "list ignored findings", error);
  if (keys == NULL)
    return NULL;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_set_free_func (keys, NULL);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (set, keys->pdata[i]);

  return set;
}

/* ----- the worker thread ----- */

typedef gboolean (*JobFunc) (BulletinStore *self, GTask *task, gpointer data, GError **error);

typedef struct
{
  gint64 draft_id;
  char *text;
  char *file_uri;
  char *name;
  BulletinVersionKind kind;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->text);
  g_free (job->file_uri);
  g_free (job->name);
  g_free (job);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  GTask *task = data;
  BulletinStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gpointer tag = g_task_get_source_tag (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (tag == bulletin_store_autosave_async)
    {
      if (bulletin_store_autosave (self, job->draft_id, job->text, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (tag == bulletin_store_create_draft_async)
    {
      gint64 id = bulletin_store_create_draft (self, job->text, job->file_uri, &error);

      if (id != 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (tag == bulletin_store_add_version_async)
    {
      gint64 id = bulletin_store_add_version (self, job->draft_id, job->text, job->kind, job->name, &error);

      if (id != 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_assert_not_reached ();

  g_object_unref (task);
}

static void
push_job (BulletinStore       *self,
          gpointer             tag,
          Job                 *job,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, job_free);
  g_thread_pool_push (self->worker, task, NULL);
}

void
bulletin_store_autosave_async (BulletinStore       *self,
                               gint64               draft_id,
                               const char          *text,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->draft_id = draft_id;
  job->text = g_strdup (text);
  push_job (self, bulletin_store_autosave_async, job, cancellable, callback, user_data);
}

gboolean
bulletin_store_autosave_finish (BulletinStore  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bulletin_store_create_draft_async (BulletinStore       *self,
                                   const char          *text,
                                   const char          *file_uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->text = g_strdup (text);
  job->file_uri = g_strdup (file_uri);
  push_job (self, bulletin_store_create_draft_async, job, cancellable, callback, user_data);
}

gint64
bulletin_store_create_draft_finish (BulletinStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

void
bulletin_store_add_version_async (BulletinStore       *self,
                                  gint64               draft_id,
                                  const char          *text,
                                  BulletinVersionKind  kind,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->draft_id = draft_id;
  job->text = g_strdup (text);
  job->kind = kind;
  job->name = g_strdup (name);
  push_job (self, bulletin_store_add_version_async, job, cancellable, callback, user_data);
}

gint64
bulletin_store_add_version_finish (BulletinStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ----- small helpers ----- */

void
bulletin_draft_info_free (BulletinDraftInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->uuid);
  g_free (info->title);
  g_free (info->file_uri);
  g_free (info->snippet);
  g_free (info);
}

void
bulletin_version_info_free (BulletinVersionInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info);
}

gboolean
bulletin_version_kind_is_milestone (BulletinVersionKind kind)
{
  return kind != BULLETIN_VERSION_AUTOSAVE;
}

/**
 * bulletin_version_kind_to_label:
 * @kind: a #BulletinVersionKind
 *
 * Returns: (transfer none): what made a version, in words for the history
 */
const char *
bulletin_version_kind_to_label (BulletinVersionKind kind)
{
  switch (kind)
    {
    case BULLETIN_VERSION_AUTOSAVE:
      return _("Autosaved");
    case BULLETIN_VERSION_OPENED:
      return _("Opened");
    case BULLETIN_VERSION_SAVED:
      return _("Saved to file");
    case BULLETIN_VERSION_EXPORTED:
      return _("Exported");
    case BULLETIN_VERSION_RESTORED:
      return _("Restored");
    case BULLETIN_VERSION_NAMED:
      return _("Named");
    case BULLETIN_VERSION_BEFORE_RESTORE:
      return _("Before restore");
    default:
      return _("Version");
    }
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
