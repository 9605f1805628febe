/* bulletin-store-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-diff.h"
#include "bulletin-markdown.h"
#include "bulletin-store-private.h"

/* Drafts: creating, autosaving, renaming and trashing them, reading their
 * text back (damaged or not) and searching them. Their versions are in
 * bulletin-store-versions.c. */

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
  return bulletin_store_add_version_bytes_locked (self, draft_id, bytes ? bytes : "", bytes ? len : 0,
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

gboolean
bulletin_store_autosave_locked (BulletinStore  *self,
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
        !bulletin_store_check_text (stored ? stored : "", stored_len, "the draft", NULL))
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
  if (!bulletin_store_get_latest_version (self, draft_id, &latest, error))
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
char *
bulletin_store_read_current_bytes_locked (BulletinStore  *self,
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
      *damaged = sqlite3_column_type (stmt, 0) == SQLITE_NULL || !bulletin_store_check_text (bytes, n, "the draft", NULL);
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

  bytes = bulletin_store_read_current_bytes_locked (self, draft_id, &len, &damaged, error);
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
gboolean
bulletin_store_keep_current_text_locked (BulletinStore  *self,
                                         gint64          draft_id,
                                         const char     *new_text,
                                         GError        **error)
{
  g_autofree char *current = NULL;
  gboolean damaged = FALSE;
  gsize len = 0;

  current = bulletin_store_read_current_bytes_locked (self, draft_id, &len, &damaged, error);
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
  g_return_val_if_fail (BULLETIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return bulletin_store_autosave_unless_cancelled (self, draft_id, text, NULL, error);
}

/* The autosave worker's: @cancellable is asked under the lock. A window
 * closing cancels its autosave and then writes its newest text itself;
 * asked only before the lock, a job past that question could wait for
 * the lock behind the closing write and put the older text back. */
gboolean
bulletin_store_autosave_unless_cancelled (BulletinStore  *self,
                                          gint64          draft_id,
                                          const char     *text,
                                          GCancellable   *cancellable,
                                          GError        **error)
{
  gboolean ok = FALSE;

  g_mutex_lock (&self->mutex);
  if (!g_cancellable_set_error_if_cancelled (cancellable, error) &&
      bulletin_store_begin (self, error))
    {
      ok = bulletin_store_autosave_locked (self, draft_id, text, error) && bulletin_store_commit (self, error);
      if (!ok)
        bulletin_store_rollback (self);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/* Titles and names go straight into labels, which reject invalid UTF-8:
 * damaged bytes in them show as U+FFFD (they are only ever derived from
 * the text, or typed again). */
char *
bulletin_store_dup_column_readable (sqlite3_stmt *stmt,
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
  info->title = bulletin_store_dup_column_readable (stmt, 2);
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
  bytes = bulletin_store_read_current_bytes_locked (self, draft_id, &len, &damaged, error);
  g_mutex_unlock (&self->mutex);

  if (bytes == NULL || !damaged)
    return g_steal_pointer (&bytes);

  return g_utf8_make_valid (bytes, len);
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
  if (!bulletin_store_check_text (body ? body : "", len, "the index copy", NULL))
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
        info->snippet = bulletin_store_dup_column_readable (stmt, 9);
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

