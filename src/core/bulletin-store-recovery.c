/* bulletin-store-recovery.c
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

#include "bulletin-clock.h"
#include "bulletin-diff.h"
#include "bulletin-markdown.h"
#include "bulletin-store-private.h"

/* What a crash or damage leaves behind: which Bulletin has each draft
 * open (so two never write one draft, and a crash's drafts are reopened
 * and counted), and salvage of a damaged database into a fresh one. */

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

  stmt = bulletin_store_prepare (self,
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
  if (!bulletin_store_begin (self, error))
    goto out;

  /* in the transaction: two Bulletins opening one file at once can't
   * both take its draft */
  if (claim && open_elsewhere_locked (self, draft_id))
    {
      g_set_error_literal (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY,
                           _("the draft is open in another Bulletin"));
      goto fail;
    }

  stmt = bulletin_store_prepare (self, "UPDATE drafts SET owner_pid = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, open ? (gint64)getpid () : 0);
  sqlite3_bind_int64 (stmt, 2, draft_id);
  if (!bulletin_store_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (open)
    stmt = bulletin_store_prepare (self,
                                   "INSERT INTO draft_owners (draft_id, instance) SELECT id, ?2 FROM drafts WHERE id = ?1"
                                   " ON CONFLICT (draft_id) DO UPDATE SET instance = ?2, left_cleanly = 0", error);
  else
    stmt = bulletin_store_prepare (self, "DELETE FROM draft_owners WHERE draft_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, draft_id);
  if (open)
    sqlite3_bind_text (stmt, 2, instance_id (self), -1, SQLITE_STATIC);
  if (!bulletin_store_step_done (self, stmt, error))
    goto fail;

  ok = bulletin_store_commit (self, error);
  goto out;

fail:
  bulletin_store_rollback (self);
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
  stmt = bulletin_store_prepare (self, "SELECT crashes FROM draft_owners WHERE draft_id = ?", NULL);
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
  stmt = bulletin_store_prepare (self, "UPDATE draft_owners SET left_cleanly = 1 WHERE instance = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, instance_id (self), -1, SQLITE_STATIC);
      ok = bulletin_store_step_done (self, stmt, error);
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
  if (!bulletin_store_begin (self, error))
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  stmt = bulletin_store_prepare (self,
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
      bulletin_store_set_sqlite_error (error, self->db, rc, "find open drafts");
      goto fail;
    }

  stmt = bulletin_store_prepare (self, "UPDATE drafts SET owner_pid = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, getpid ());
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!bulletin_store_step_done (self, stmt, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = bulletin_store_prepare (self,
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
      if (!bulletin_store_step_done (self, stmt, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!bulletin_store_commit (self, error))
    goto fail;

  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&ids);

fail:
  bulletin_store_rollback (self);
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

  ins = bulletin_store_prepare (self,
                                "INSERT INTO versions (draft_id, created_at, kind, name, word_count, hash, size, encoding, data)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL);
  if (ins == NULL)
    return;

  sqlite3_bind_int64 (sel, 1, old_id);
  while (sqlite3_step (sel) == SQLITE_ROW)
    {
      g_autofree char *text = NULL;
      gsize len;

      text = bulletin_store_decode_version (sqlite3_column_blob (sel, 7), sqlite3_column_bytes (sel, 7),
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

/* The images kept for drafts without a file (schema 8), each only if
 * its bytes still match its digest: a damaged one would show as whole */
static void
salvage_images (BulletinStore *self,
                sqlite3       *old)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (sqlite3_prepare_v2 (old,
                          "SELECT key, hash, name, mime_type, size, created_at, data FROM images WHERE rowid = ?",
                          -1, &sel, NULL) != SQLITE_OK)
    return;
  ins = bulletin_store_prepare (self,
                                "INSERT OR IGNORE INTO images (key, hash, name, mime_type, size, created_at, data)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", NULL);
  if (ins == NULL)
    return;

  for (gint64 row = 1, misses = 0; misses < 1000; row++)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 hash[32];
      gsize hash_len = sizeof hash;
      const char *key;

      sqlite3_reset (sel);
      sqlite3_bind_int64 (sel, 1, row);
      if (sqlite3_step (sel) != SQLITE_ROW)
        {
          misses++;
          continue;
        }
      misses = 0;

      key = (const char *)sqlite3_column_text (sel, 0);
      g_checksum_update (checksum, sqlite3_column_blob (sel, 6), sqlite3_column_bytes (sel, 6));
      g_checksum_get_digest (checksum, hash, &hash_len);
      if (key == NULL || sqlite3_column_bytes (sel, 1) != sizeof hash ||
          memcmp (sqlite3_column_blob (sel, 1), hash, sizeof hash) != 0 ||
          !g_str_has_prefix (g_checksum_get_string (checksum), key) ||
          sqlite3_column_int64 (sel, 4) != sqlite3_column_bytes (sel, 6))
        continue;

      sqlite3_reset (ins);
      for (int i = 0; i < 7; i++)
        sqlite3_bind_value (ins, i + 1, sqlite3_column_value (sel, i));
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

      ins = bulletin_store_prepare (self,
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
      bulletin_store_update_fts (self, id, title ? title : "", clean, NULL);
      salvage_versions (self, old, row, id);
      bulletin_store_add_version_locked (self, id, clean, BULLETIN_VERSION_NAMED,
                                         partial ? _("Recovered, incomplete") : _("Recovered"), NULL);
      n++;
    }

  salvage_images (self, old);

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
                   _("the database is damaged and could not be moved aside: %s"), g_strerror (errno));
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
  if (bulletin_store_begin (self, NULL))
    {
      n = salvage (self, aside);
      if (!bulletin_store_commit (self, NULL))
        n = 0;
    }
  g_mutex_unlock (&self->mutex);

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);
  if (n_recovered != NULL)
    *n_recovered = n;

  return self;
}
