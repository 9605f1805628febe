/* bulletin-store-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-store-private.h"

/* Images dropped or pasted into a draft with no file: the draft has no
 * folder to keep them beside it, so they go into the database with the
 * draft's words, and the draft names them `bulletin-image:KEY`, KEY being
 * the first 16 hex digits of their SHA-256. The same picture pasted twice
 * is kept once. Every read checks the bytes against the whole digest, as
 * drafts' versions are checked: a damaged image is reported, never shown
 * as if it were whole, and its row is kept. */

#define KEY_LEN 16

static char *
digest_of (GBytes *data,
           guint8  hash[32])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;
  char *hex;

  g_checksum_update (checksum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  g_checksum_get_digest (checksum, hash, &len);
  g_assert (len == 32);
  hex = g_strdup (g_checksum_get_string (checksum));
  hex[KEY_LEN] = '\0';
  return hex;
}

static gboolean
is_key (const char *key)
{
  gsize i;

  for (i = 0; key[i] != '\0'; i++)
    if (!g_ascii_isxdigit (key[i]) || g_ascii_isupper (key[i]))
      return FALSE;
  return i == KEY_LEN;
}

/**
 * bulletin_store_image_key_from_uri:
 * @uri: an image's address in a draft
 *
 * Returns: (nullable): the key in a `bulletin-image:KEY` address, pointing
 *   into @uri, or %NULL when @uri is not one
 */
const char *
bulletin_store_image_key_from_uri (const char *uri)
{
  static const char prefix[] = BULLETIN_STORE_IMAGE_SCHEME ":";

  if (uri == NULL || g_ascii_strncasecmp (uri, prefix, strlen (prefix)) != 0)
    return NULL;
  uri += strlen (prefix);
  if (strlen (uri) < KEY_LEN || (uri[KEY_LEN] != '\0' && uri[KEY_LEN] != '?' && uri[KEY_LEN] != '#'))
    return NULL;
  {
    char key[KEY_LEN + 1];

    memcpy (key, uri, KEY_LEN);
    key[KEY_LEN] = '\0';
    if (!is_key (key))
      return NULL;
  }
  return uri;
}

/**
 * bulletin_store_image_add:
 * @self: a #BulletinStore
 * @name: the image's file name, as "photo.png", for the exports
 * @mime_type: its type, as "image/png"
 * @data: its bytes
 * @error: return location for an error
 *
 * Keeps an image in the database, once however often it is added. A
 * damaged copy of the same image already there is mended from @data.
 *
 * Returns: (transfer full) (nullable): its address for the draft,
 *   `bulletin-image:KEY`
 */
char *
bulletin_store_image_add (BulletinStore  *self,
                          const char     *name,
                          const char     *mime_type,
                          GBytes         *data,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  guint8 hash[32];
  gsize len;
  const void *bytes;
  gboolean ok = FALSE;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  key = digest_of (data, hash);
  bytes = g_bytes_get_data (data, &len);

  g_mutex_lock (&self->mutex);
  /* a new image, or the bytes of one whose stored copy is damaged: the
   * digest says they are the same picture */
  stmt = bulletin_store_prepare (self,
                                 "INSERT INTO images (key, hash, name, mime_type, size, created_at, data)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                                 " ON CONFLICT (key) DO UPDATE SET data = excluded.data, size = excluded.size"
                                 " WHERE images.hash = excluded.hash"
                                 "  AND (length (images.data) != images.size OR images.data != excluded.data)",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, hash, sizeof hash, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, mime_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, len);
      sqlite3_bind_int64 (stmt, 6, self->clock (self->clock_data));
      sqlite3_bind_blob64 (stmt, 7, bytes, len, SQLITE_STATIC);
      ok = bulletin_store_step_done (self, stmt, error);
    }
  g_mutex_unlock (&self->mutex);

  if (!ok)
    return NULL;
  return g_strconcat (BULLETIN_STORE_IMAGE_SCHEME ":", key, NULL);
}

/**
 * bulletin_store_image_get:
 * @self: a #BulletinStore
 * @key: an image's key, or its whole `bulletin-image:KEY` address
 * @name: (out) (optional) (transfer full): its file name
 * @mime_type: (out) (optional) (transfer full): its type
 * @error: return location for an error: %BULLETIN_STORE_ERROR_NOT_FOUND,
 *   or %BULLETIN_STORE_ERROR_DAMAGED when its bytes are not the ones
 *   added (they stay in the database)
 *
 * Returns: (transfer full) (nullable): the image's bytes
 */
GBytes *
bulletin_store_image_get (BulletinStore  *self,
                          const char     *key,
                          char          **name,
                          char          **mime_type,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *stored_type = NULL;
  g_autofree char *wanted = NULL;
  guint8 stored_hash[32] = { 0 };
  gboolean hash_ok = FALSE;
  gint64 size = -1;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (BULLETIN_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (bulletin_store_image_key_from_uri (key) != NULL)
    key = bulletin_store_image_key_from_uri (key);
  wanted = g_strndup (key, KEY_LEN);
  if (!is_key (wanted))
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                   _("“%s” names no image kept by Bulletin"), key);
      return NULL;
    }

  g_mutex_lock (&self->mutex);
  stmt = bulletin_store_prepare (self, "SELECT hash, name, mime_type, size, data FROM images WHERE key = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, wanted, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          hash_ok = sqlite3_column_bytes (stmt, 0) == sizeof stored_hash;
          if (hash_ok)
            memcpy (stored_hash, sqlite3_column_blob (stmt, 0), sizeof stored_hash);
          stored_name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
          stored_type = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          size = sqlite3_column_int64 (stmt, 3);
          data = g_bytes_new (sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4));
        }
      else if (rc != SQLITE_DONE)
        bulletin_store_set_sqlite_error (error, self->db, rc, "image");
    }
  g_mutex_unlock (&self->mutex);

  if (stmt == NULL || (rc != SQLITE_ROW && rc != SQLITE_DONE))
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND,
                   _("Bulletin keeps no image “%s”: it may have been pasted on another computer"), wanted);
      return NULL;
    }

  /* its length, its whole digest and its key must all agree */
  {
    guint8 hash[32];
    g_autofree char *actual_key = digest_of (data, hash);

    if (!hash_ok || stored_name == NULL || stored_type == NULL ||
        (gint64)g_bytes_get_size (data) != size ||
        memcmp (hash, stored_hash, sizeof hash) != 0 || !g_str_equal (actual_key, wanted))
      {
        g_set_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED,
                     _("The image “%s” kept in Bulletin’s database is damaged; paste it again to mend it"),
                     stored_name != NULL ? stored_name : wanted);
        return NULL;
      }
  }

  if (name != NULL)
    *name = g_steal_pointer (&stored_name);
  if (mime_type != NULL)
    *mime_type = g_steal_pointer (&stored_type);
  return g_steal_pointer (&data);
}

/**
 * bulletin_store_image_resolve:
 * @url: an image's address in a draft
 * @name: (out) (transfer full): its file name, when it is one of ours
 * @store: a #BulletinStore
 * @error: return location for why it cannot be read
 *
 * A #BulletinImageResolver for bulletin_export_render_with_options() and the checks:
 * `bulletin-image:` addresses read from @store.
 *
 * Returns: (transfer full) (nullable): the image's bytes; %NULL with no
 *   error for an address that is not `bulletin-image:`
 */
GBytes *
bulletin_store_image_resolve (const char  *url,
                              char       **name,
                              gpointer     store,
                              GError     **error)
{
  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  if (bulletin_store_image_key_from_uri (url) == NULL)
    return NULL;
  return bulletin_store_image_get (store, url, name, NULL, error);
}
