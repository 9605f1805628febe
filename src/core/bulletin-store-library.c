/* bulletin-store-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-store-private.h"

/* What the user keeps beside the drafts: the section library with the
 * history of its edits, the office glossary, the personal dictionary and
 * the findings ignored in each draft. */

/* ----- the section library ----- */

/* Names are unique in the library (ignoring case), so inserting "Have a
 * good weekend" is never ambiguous and imports can merge by name. */
static gint64
section_id_by_name_locked (BulletinStore  *self,
                           const char     *name,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = bulletin_store_prepare (self,
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
  if (!bulletin_store_begin (self, error))
    goto out;
  if (!check_section_name_locked (self, name, 0, error))
    goto fail;

  stmt = bulletin_store_prepare (self,
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
  if (!bulletin_store_step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (self->db);
  if (!bulletin_store_commit (self, error))
    id = 0;
  goto out;

fail:
  bulletin_store_rollback (self);
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
  if (!bulletin_store_begin (self, error))
    goto out;
  if (!check_section_name_locked (self, name, section_id, error))
    goto fail;

  keep = bulletin_store_prepare (self,
                                 "INSERT INTO section_versions (section_id, created_at, name, category, body)"
                                 " SELECT id, updated_at, name, category, body FROM sections WHERE id = ?"
                                 " AND (name != ?2 OR category != ?3 OR body != ?4)", error);
  if (keep == NULL)
    goto fail;
  sqlite3_bind_int64 (keep, 1, section_id);
  sqlite3_bind_text (keep, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (keep, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (keep, 4, body, -1, SQLITE_STATIC);
  if (!bulletin_store_step_done (self, keep, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      /* nothing changed, or no such section */
      g_autoptr(sqlite3_stmt) exists = bulletin_store_prepare (self, "SELECT 1 FROM sections WHERE id = ?", error);

      if (exists == NULL)
        goto fail;
      sqlite3_bind_int64 (exists, 1, section_id);
      if (sqlite3_step (exists) != SQLITE_ROW)
        {
          g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                       "no section %" G_GINT64_FORMAT, section_id);
          goto fail;
        }
      ok = bulletin_store_commit (self, error);
      goto out;
    }

  up = bulletin_store_prepare (self, "UPDATE sections SET name = ?, category = ?, body = ?, updated_at = ? WHERE id = ?", error);
  if (up == NULL)
    goto fail;
  sqlite3_bind_text (up, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 2, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (up, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (up, 4, now);
  sqlite3_bind_int64 (up, 5, section_id);
  if (!bulletin_store_step_done (self, up, error))
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
      g_autoptr(sqlite3_stmt) name = bulletin_store_prepare (self, "SELECT name FROM sections WHERE id = ?", error);

      if (name == NULL)
        goto out;
      sqlite3_bind_int64 (name, 1, section_id);
      if (sqlite3_step (name) == SQLITE_ROW &&
          !check_section_name_locked (self, (const char *)sqlite3_column_text (name, 0), section_id, error))
        goto out;
    }

  stmt = bulletin_store_prepare (self, "UPDATE sections SET deleted_at = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      if (deleted)
        sqlite3_bind_int64 (stmt, 1, bulletin_store_now (self));
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, section_id);
      ok = bulletin_store_step_done (self, stmt, error);
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
  if (!bulletin_store_begin (self, error))
    goto out;

  list = bulletin_store_prepare (self,
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
      bulletin_store_set_sqlite_error (error, self->db, rc, "reorder");
      goto fail;
    }

  position = CLAMP (position, 0, (int)ids->len);
  g_array_insert_val (ids, position, section_id);

  set = bulletin_store_prepare (self, "UPDATE sections SET category = ?, position = ? WHERE id = ?", error);
  if (set == NULL)
    goto fail;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (set);
      sqlite3_bind_text (set, 1, category, -1, SQLITE_STATIC);
      sqlite3_bind_int (set, 2, i);
      sqlite3_bind_int64 (set, 3, g_array_index (ids, gint64, i));
      if (!bulletin_store_step_done (self, set, error))
        goto fail;
    }

  ok = bulletin_store_commit (self, error);
  goto out;

fail:
  bulletin_store_rollback (self);
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

  sections = bulletin_store_collect_rows (self,
                                          "SELECT " SECTION_COLUMNS " FROM sections WHERE deleted_at IS NULL"
                                          " ORDER BY category, position, name",
                                          0, (BulletinStoreRowFunc)section_from_row,
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
  stmt = bulletin_store_prepare (self,
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

  return bulletin_store_collect_rows (self,
                                      "SELECT section_id, name, category, body, 0, created_at FROM section_versions"
                                      " WHERE section_id = ? ORDER BY created_at DESC, id DESC",
                                      section_id, (BulletinStoreRowFunc)section_from_row,
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
  stmt = bulletin_store_prepare (self, "SELECT count(*) FROM sections", error);
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
  stmt = bulletin_store_prepare (self, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int64 (stmt, 3, third);
      ok = bulletin_store_step_done (self, stmt, error);
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

  bulletin_store_emit_glossary_changed (self);
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

  bulletin_store_emit_glossary_changed (self);
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

  return bulletin_store_collect_rows (self,
                                      "SELECT acronym, expansion, well_known FROM glossary"
                                      " ORDER BY acronym COLLATE NOCASE, acronym",
                                      0, (BulletinStoreRowFunc)glossary_entry_from_row,
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
  stmt = bulletin_store_prepare (self, "SELECT acronym, expansion, well_known FROM glossary WHERE acronym = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, acronym, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        entry = glossary_entry_from_row (stmt);
      else if (rc != SQLITE_DONE)
        bulletin_store_set_sqlite_error (error, self->db, rc, "glossary lookup");
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

  bulletin_store_emit_dictionary_changed (self, trimmed, TRUE);
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

  bulletin_store_emit_dictionary_changed (self, word, FALSE);
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

  words = bulletin_store_collect_rows (self, "SELECT word FROM dictionary ORDER BY word COLLATE NOCASE, word",
                                       0, (BulletinStoreRowFunc)word_from_row, g_free, "list dictionary", error);
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

  keys = bulletin_store_collect_rows (self, "SELECT key FROM ignored_findings WHERE draft_id = ?",
                                      draft_id, (BulletinStoreRowFunc)word_from_row, g_free, "list ignored findings", error);
  if (keys == NULL)
    return NULL;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_set_free_func (keys, NULL);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (set, keys->pdata[i]);

  return set;
}
