/* bulletin-store-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "bulletin-diff.h"
#include "bulletin-markdown.h"
#include "bulletin-store-private.h"

/* Drafts and their history: creating, autosaving, renaming and trashing
 * drafts, searching them, and their versions (stored compressed, checked
 * against their digests on the way out), restored and thinned. */

enum {
  ENCODING_PLAIN = 0,
  ENCODING_ZLIB = 1,
};

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

static char *
derive_title (const char *text)
{
  char *title = bulletin_markdown_extract_title (text, strlen (text));

  return title ? title : g_strdup ("");
}

gboolean
bulletin_store_update_fts (BulletinStore  *self,
                           gint64          draft_id,
                           const char     *title,
                           const char     *text,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) del = bulletin_store_prepare (self, "DELETE FROM drafts_fts WHERE rowid = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, draft_id);
  if (!bulletin_store_step_done (self, del, error))
    return FALSE;

  ins = bulletin_store_prepare (self, "INSERT INTO drafts_fts (rowid, title, body) VALUES (?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, draft_id);
  sqlite3_bind_text (ins, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (ins, 3, text, -1, SQLITE_STATIC);

  return bulletin_store_step_done (self, ins, error);
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

  stmt = bulletin_store_prepare (self,
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

  if (!bulletin_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);

  if (!bulletin_store_update_fts (self, id, title, text, error))
    return 0;

  bulletin_store_note_drafts_changed (self);
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
  if (bulletin_store_begin (self, error))
    {
      id = create_draft_locked (self, text, file_uri, error);
      if (id == 0 || !bulletin_store_commit (self, error))
        {
          bulletin_store_rollback (self);
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
  g_autoptr(sqlite3_stmt) stmt = bulletin_store_prepare (self, "SELECT 1 FROM drafts WHERE id = ?", error);

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

  cur = bulletin_store_prepare (self, "SELECT current_text, custom_title, title FROM drafts WHERE id = ?", error);
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
        bulletin_store_set_sqlite_error (error, self->db, rc, "read draft");
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
  /* the lists show titles: a new first heading is news to them */
  if (g_strcmp0 (title, (const char *)sqlite3_column_text (cur, 2)) != 0)
    bulletin_store_note_drafts_changed (self);
  g_clear_pointer (&cur, sqlite3_finalize);

  up = bulletin_store_prepare (self,
                               "UPDATE drafts SET current_text = ?, title = ?, word_count = ?, updated_at = ?"
                               " WHERE id = ?", error);
  if (up == NULL)
    return FALSE;
  sqlite3_bind_text (up, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_int (up, 3, bulletin_diff_count_words (text));
  sqlite3_bind_int64 (up, 4, now);
  sqlite3_bind_int64 (up, 5, draft_id);
  if (!bulletin_store_step_done (self, up, error))
    return FALSE;

  if (!bulletin_store_update_fts (self, draft_id, title, text, error))
    return FALSE;

  /* The current text is always saved; the history gets a snapshot when
   * the newest one is older than the snapshot interval. */
  if (!get_latest_version (self, draft_id, &latest, error))
    return FALSE;

  if (!latest.found || now - latest.created_at >= BULLETIN_STORE_SNAPSHOT_INTERVAL)
    if (bulletin_store_add_version_locked (self, draft_id, text, BULLETIN_VERSION_AUTOSAVE, NULL, error) == 0)
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
  g_autoptr(sqlite3_stmt) stmt = bulletin_store_prepare (self, "SELECT current_text FROM drafts WHERE id = ?", error);
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
    bulletin_store_set_sqlite_error (error, self->db, rc, "read draft");

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

  return bulletin_store_add_version_locked (self, draft_id, current, BULLETIN_VERSION_AUTOSAVE, NULL, error) != 0;
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
  if (bulletin_store_begin (self, error))
    {
      ok = autosave_locked (self, draft_id, text, error) && bulletin_store_commit (self, error);
      if (!ok)
        bulletin_store_rollback (self);
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
  if (bulletin_store_begin (self, error))
    {
      if (keep_current_text_locked (self, draft_id, text, error) &&
          autosave_locked (self, draft_id, text, error))
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
  if (!bulletin_store_begin (self, error))
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
                           _("the version belongs to another draft"));
      goto fail;
    }

  /* damaged text is not "before restore" text anyone could go back to:
   * autosave_locked() keeps it as found, under its own name */
  if (!damaged &&
      (!autosave_locked (self, draft_id, current_text, error) ||
       bulletin_store_add_version_locked (self, draft_id, current_text, BULLETIN_VERSION_BEFORE_RESTORE, NULL, error) == 0))
    goto fail;
  if (!autosave_locked (self, draft_id, text, error))
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
  stmt = bulletin_store_prepare (self, "SELECT " DRAFT_COLUMNS " FROM drafts d WHERE d.id = ?", error);
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
        bulletin_store_set_sqlite_error (error, self->db, rc, "read draft");
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

  stmt = bulletin_store_prepare (self,
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
  stmt = bulletin_store_prepare (self,
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
  stmt = bulletin_store_prepare (self, "UPDATE drafts SET file_uri = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      if (file_uri != NULL)
        sqlite3_bind_text (stmt, 1, file_uri, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, draft_id);
      ok = bulletin_store_step_done (self, stmt, error);
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
    stmt = bulletin_store_prepare (self,
                                   "SELECT " DRAFT_COLUMNS ", s.snip FROM"
                                   " (SELECT rowid AS id, rank AS r, snippet(drafts_fts, 1, '[', ']', '…', 12) AS snip"
                                   "  FROM drafts_fts WHERE drafts_fts MATCH ?1 AND rank MATCH 'bm25(5.0, 1.0)'"
                                   "  ORDER BY rank LIMIT " G_STRINGIFY (BULLETIN_STORE_SEARCH_LIMIT) ") s"
                                   " JOIN drafts d ON d.id = s.id"
                                   " WHERE (d.deleted_at IS NOT NULL) = ?2 ORDER BY s.r, d.updated_at DESC", error);
  else
    stmt = bulletin_store_prepare (self,
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
      bulletin_store_set_sqlite_error (error, self->db, rc, "list drafts");
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
  if (bulletin_store_begin (self, error))
    {
      stmt = bulletin_store_prepare (self, "UPDATE drafts SET title = ?, custom_title = ? WHERE id = ?", error);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, custom);
          sqlite3_bind_int64 (stmt, 3, draft_id);
          ok = bulletin_store_step_done (self, stmt, error);
        }
      if (ok)
        {
          g_autoptr(sqlite3_stmt) fts = bulletin_store_prepare (self,
                                                                "UPDATE drafts_fts SET title = ? WHERE rowid = ?",
                                                                error);
          ok = fts != NULL;
          if (ok)
            {
              sqlite3_bind_text (fts, 1, title, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (fts, 2, draft_id);
              ok = bulletin_store_step_done (self, fts, error);
            }
        }
      if (!ok || !bulletin_store_commit (self, error))
        {
          bulletin_store_rollback (self);
          ok = FALSE;
        }
    }
  if (ok)
    bulletin_store_note_drafts_changed (self);
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
      stmt = bulletin_store_prepare (self, "UPDATE drafts SET deleted_at = ? WHERE id = ?", error);
      if (stmt != NULL)
        {
          if (trashed)
            sqlite3_bind_int64 (stmt, 1, bulletin_store_now (self));
          else
            sqlite3_bind_null (stmt, 1);
          sqlite3_bind_int64 (stmt, 2, draft_id);
          ok = bulletin_store_step_done (self, stmt, error);
        }
    }
  if (ok)
    bulletin_store_note_drafts_changed (self);
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
  if (bulletin_store_begin (self, error))
    {
      fts = bulletin_store_prepare (self,
                                    "DELETE FROM drafts_fts WHERE rowid IN"
                                    " (SELECT id FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?)", error);
      del = bulletin_store_prepare (self, "DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?", error);
      if (fts != NULL && del != NULL)
        {
          sqlite3_bind_int64 (fts, 1, cutoff);
          sqlite3_bind_int64 (del, 1, cutoff);
          if (bulletin_store_step_done (self, fts, error) && bulletin_store_step_done (self, del, error))
            n = sqlite3_changes (self->db);
        }
      if (!bulletin_store_commit (self, error))
        n = 0;
    }
  if (n > 0)
    bulletin_store_note_drafts_changed (self);
  g_mutex_unlock (&self->mutex);

  return n;
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
