/* bulletin-store-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "bulletin-diff.h"
#include "bulletin-store-private.h"

/* A draft's versions: stored compressed and never twice the same text,
 * checked against their length and digest on the way out, listed,
 * restored and thinned. */

static void hash_text (const char *text,
                       gsize       len,
                       guint8      digest[32]);

/* zlib never shrinks text by more than about 1032 to 1: a larger stored
 * size is damage, and must not become a huge allocation. */
#define MAX_INFLATE_RATIO 1100

/* Compression: text compresses to about a third, and identical texts are
 * never stored twice (see bulletin_store_add_version_locked()). */
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

/* Everything the store hands out as text is valid UTF-8 without NULs, or
 * it is not handed out at all: a GtkTextBuffer drops invalid text without
 * a word, and an empty editor over a damaged draft invites the keystroke
 * that replaces it. */
gboolean
bulletin_store_check_text (const char  *data,
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

/* Turns a stored version back into its bytes and proves they are the ones
 * written: the length and the SHA-256 digest kept beside them must match.
 * A hash that is not 32 bytes was never a digest (early test databases)
 * and is not checked. The bytes may still fail check_text(): the damaged
 * text a draft once held is kept as a version, as found. */
char *
bulletin_store_decode_version (const void  *data,
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
                       _("a stored version is damaged: it does not match its length or digest"));
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

gboolean
bulletin_store_get_latest_version (BulletinStore  *self,
                                   gint64          draft_id,
                                   LatestVersion  *latest,
                                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  latest->found = FALSE;

  stmt = bulletin_store_prepare (self,
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
      bulletin_store_set_sqlite_error (error, self->db, rc, "read history");
      return FALSE;
    }

  return TRUE;
}

/* @text is @len bytes, usually a draft's text; it is only anything else
 * (invalid UTF-8, NULs) when a damaged draft's bytes are kept as found,
 * and then @word_count comes from their readable part. */
gint64
bulletin_store_add_version_bytes_locked (BulletinStore        *self,
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

  if (!bulletin_store_get_latest_version (self, draft_id, &latest, error))
    return 0;

  /* Identical text is never stored twice. A milestone on unchanged text
   * marks the newest version instead, so "Name this version" and "saved to
   * file" still show up in the history. An export is the exception: each
   * is an event of its own (the same update sent as HTML, then as an
   * email draft, then copied), and the history must show each, so an
   * export over an earlier milestone gets a row of its own; exports are
   * a few a week, and the text compresses. */
  if (latest.found && memcmp (latest.hash, digest, 32) == 0
      && !(kind == BULLETIN_VERSION_EXPORTED && latest.kind != BULLETIN_VERSION_AUTOSAVE))
    {
      if (kind != BULLETIN_VERSION_AUTOSAVE &&
          (latest.kind == BULLETIN_VERSION_AUTOSAVE || kind == BULLETIN_VERSION_NAMED))
        {
          g_autoptr(sqlite3_stmt) up = bulletin_store_prepare (self,
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
          if (!bulletin_store_step_done (self, up, error))
            return 0;
        }
      return latest.id;
    }

  data = compress_text (text, len, &encoding);

  stmt = bulletin_store_prepare (self,
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

  if (!bulletin_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gint64
bulletin_store_add_version_locked (BulletinStore        *self,
                                   gint64                draft_id,
                                   const char           *text,
                                   BulletinVersionKind   kind,
                                   const char           *name,
                                   GError              **error)
{
  return bulletin_store_add_version_bytes_locked (self, draft_id, text, strlen (text),
                                                  bulletin_diff_count_words (text), kind, name, error);
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
  if (bulletin_store_begin (self, error))
    {
      if (bulletin_store_keep_current_text_locked (self, draft_id, text, error) &&
          bulletin_store_autosave_locked (self, draft_id, text, error))
        id = bulletin_store_add_version_locked (self, draft_id, text, kind, name, error);
      if (id == 0 || !bulletin_store_commit (self, error))
        {
          bulletin_store_rollback (self);
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

  stmt = bulletin_store_prepare (self, "SELECT data, encoding, size, draft_id, hash FROM versions WHERE id = ?", error);
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
        bulletin_store_set_sqlite_error (error, self->db, rc, "read version");
      return NULL;
    }

  if (draft_id != NULL)
    *draft_id = sqlite3_column_int64 (stmt, 3);

  text = bulletin_store_decode_version (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                        sqlite3_column_int (stmt, 1), sqlite3_column_int64 (stmt, 2),
                                        sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4),
                                        &len, error);
  if (text == NULL || !bulletin_store_check_text (text, len, "the version", error))
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
  if (!bulletin_store_begin (self, error))
    goto out;

  if (current_text == NULL)
    {
      gsize len;

      stored = bulletin_store_read_current_bytes_locked (self, draft_id, &len, &damaged, error);
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
                           _("the version belongs to another draft"));
      goto fail;
    }

  /* damaged text is not "before restore" text anyone could go back to:
   * autosave_locked() keeps it as found, under its own name */
  if (!damaged &&
      (!bulletin_store_autosave_locked (self, draft_id, current_text, error) ||
       bulletin_store_add_version_locked (self, draft_id, current_text, BULLETIN_VERSION_BEFORE_RESTORE, NULL, error) == 0))
    goto fail;
  if (!bulletin_store_autosave_locked (self, draft_id, text, error))
    goto fail;

  id = bulletin_store_add_version_locked (self, draft_id, text, BULLETIN_VERSION_RESTORED, NULL, error);
  if (id == 0 || !bulletin_store_commit (self, error))
    goto fail;

  if (restored_text != NULL)
    *restored_text = g_steal_pointer (&text);
  goto out;

fail:
  bulletin_store_rollback (self);
  id = 0;
out:
  g_mutex_unlock (&self->mutex);
  return id;
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

static BulletinVersionInfo *
version_from_row (sqlite3_stmt *stmt)
{
  BulletinVersionInfo *info = g_new0 (BulletinVersionInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->draft_id = sqlite3_column_int64 (stmt, 1);
  info->created_at = sqlite3_column_int64 (stmt, 2);
  info->kind = sqlite3_column_int (stmt, 3);
  info->name = bulletin_store_dup_column_readable (stmt, 4);
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

  return bulletin_store_collect_rows (self,
                                      "SELECT id, draft_id, created_at, kind, name, word_count, size FROM versions"
                                      " WHERE draft_id = ? ORDER BY created_at DESC, id DESC",
                                      draft_id, (BulletinStoreRowFunc)version_from_row,
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

  stmt = bulletin_store_prepare (self,
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
      bulletin_store_set_sqlite_error (error, self->db, rc, "thin history");
      goto out;
    }

  if (doomed->len > 0 && bulletin_store_begin (self, error))
    {
      g_autoptr(sqlite3_stmt) del = bulletin_store_prepare (self, "DELETE FROM versions WHERE id = ?", error);

      for (guint i = 0; del != NULL && i < doomed->len; i++)
        {
          sqlite3_reset (del);
          sqlite3_bind_int64 (del, 1, g_array_index (doomed, gint64, i));
          if (!bulletin_store_step_done (self, del, error))
            break;
          n++;
        }

      if (n != doomed->len || !bulletin_store_commit (self, error))
        {
          bulletin_store_rollback (self);
          n = 0;
        }
    }

out:
  g_mutex_unlock (&self->mutex);
  return n;
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
