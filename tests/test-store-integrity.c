/* test-store-integrity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13, "never lose a word": what the store reads back is checked,
 * a damaged draft keeps its bytes and points at its last readable
 * version, and salvage reads what a damaged database still holds.
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <zlib.h>

#include "bulletin-store.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  BulletinStore *store;
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
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("bulletin-integrity-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
weekly_update (const char *title)
{
  g_autofree char *body = bulletin_test_read_fixture ("weekly-update-neighbourhood-teams.md");

  return g_strdup_printf ("# %s\n\n%s", title, body);
}

/* What 2 KB of stray bytes inside the page that holds a draft's text do:
 * the page and the record stay well formed (SQLite's checks pass), the
 * text does not. */
static GBytes *
damage_bytes (const char *text,
              gboolean    zeroes)
{
  gsize len = strlen (text);
  guint8 *bytes = g_memdup2 (text, len);
  gsize at = len / 3;

  g_assert_cmpuint (len, >, at + 2048);
  for (gsize i = at; i < at + 2048; i++)
    bytes[i] = zeroes ? 0 : (guint8)g_test_rand_int_range (0x80, 0x100);
  if (!zeroes)
    bytes[at] = 0xFF;   /* never valid in UTF-8, whatever the rest is */

  return g_bytes_new_take (bytes, len);
}

/* Writes behind the store's back, as a disk would. */
static void
set_current_bytes (const char *path,
                   gint64      draft_id,
                   GBytes     *bytes)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE drafts SET current_text = CAST(? AS TEXT) WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, draft_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The search index's own copy of the text (FTS5 keeps it in a content
 * table, column c1 for "body"), damaged the same way. */
static void
set_index_copy_bytes (const char *path,
                      gint64      draft_id,
                      GBytes     *bytes)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE drafts_fts_content SET c1 = CAST(? AS TEXT) WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, draft_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Flips one byte in the middle of a version's stored (compressed) data. */
static void
damage_version (const char *path,
                gint64      version_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree guint8 *data = NULL;
  gsize len;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM versions WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, version_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  len = sqlite3_column_bytes (stmt, 0);
  g_assert_cmpuint (len, >, 16);
  data = g_memdup2 (sqlite3_column_blob (stmt, 0), len);
  sqlite3_finalize (stmt);

  data[len / 2] ^= 0x5A;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE versions SET data = ? WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, data, len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The damaged bytes are in the draft's history, byte for byte: read
 * straight from the file, and uncompressed here, not by the store. */
static void
assert_bytes_kept (const char *path,
                   gint64      draft_id,
                   GBytes     *bytes)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint found = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data, encoding, size FROM versions WHERE draft_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, draft_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gsize size = sqlite3_column_int64 (stmt, 2);
      g_autofree guint8 *out = g_malloc (size + 1);
      uLongf out_len = size;

      /* (a version this test damaged on purpose does not inflate) */
      if (sqlite3_column_int (stmt, 1) == 1)
        {
          if (uncompress (out, &out_len, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0)) != Z_OK)
            continue;
        }
      else
        {
          out_len = sqlite3_column_bytes (stmt, 0);
          memcpy (out, sqlite3_column_blob (stmt, 0), out_len);
        }

      if (out_len == g_bytes_get_size (bytes) &&
          memcmp (out, g_bytes_get_data (bytes, NULL), out_len) == 0)
        found++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (found, ==, 1);
}

static gint64
find_version_with_text (BulletinStore *store,
                        gint64         draft_id,
                        const char    *text)
{
  g_autoptr(GPtrArray) versions = bulletin_store_list_versions (store, draft_id, NULL);

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      BulletinVersionInfo *info = versions->pdata[i];
      g_autofree char *t = bulletin_store_get_version_text (store, info->id, NULL);

      if (g_strcmp0 (t, text) == 0)
        return info->id;
    }

  return 0;
}

/* The case: 2 KB of the page holding a draft's text overwritten.
 * The store says DAMAGED instead of handing out text a text buffer
 * rejects, finds the newest version that passes its checks (skipping one
 * whose compressed data is damaged too), and a restore keeps the damaged
 * bytes. */
static void
test_damaged_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text1 = weekly_update ("Sent to staff");
  g_autofree char *text2 = weekly_update ("Ten minutes later");
  g_autofree char *text3 = weekly_update ("A minute after that");
  g_autoptr(GBytes) damaged = damage_bytes (text3, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinVersionInfo) readable = NULL;
  g_autofree char *readable_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lossy = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *best = NULL;
  gint64 best_when = 0;
  gint64 t0 = f->now;
  gint64 id, v1, v2;

  id = bulletin_store_create_draft (f->store, text1, NULL, &error);
  g_assert_no_error (error);
  v1 = bulletin_store_add_version (f->store, id, text1, BULLETIN_VERSION_NAMED, "Sent to staff", &error);
  g_assert_no_error (error);
  f->now += 10 * G_TIME_SPAN_MINUTE;
  g_assert_true (bulletin_store_autosave (f->store, id, text2, &error));
  v2 = find_version_with_text (f->store, id, text2);
  g_assert_cmpint (v2, >, v1);
  f->now += G_TIME_SPAN_MINUTE;
  g_assert_true (bulletin_store_autosave (f->store, id, text3, &error));
  g_clear_object (&f->store);

  set_current_bytes (f->path, id, damaged);
  damage_version (f->path, v2);

  /* the database as a whole is sound: it opens, its checks pass */
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);

  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
  g_assert_null (text);
  g_clear_error (&error);

  text = bulletin_store_get_version_text (f->store, v2, &error);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
  g_assert_null (text);
  g_clear_error (&error);

  /* the newest whole copy: the search index's, as of the last autosave */
  best = bulletin_store_find_readable_text (f->store, id, &best_when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (best, ==, text3);
  g_assert_cmpint (best_when, ==, t0 + 11 * G_TIME_SPAN_MINUTE);
  g_clear_pointer (&best, g_free);

  /* with that damaged too, the newest version that passes its checks */
  g_clear_object (&f->store);
  set_index_copy_bytes (f->path, id, damaged);
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
  best = bulletin_store_find_readable_text (f->store, id, &best_when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (best, ==, text1);
  g_assert_cmpint (best_when, ==, t0);

  readable = bulletin_store_find_readable_version (f->store, id, &readable_text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (readable);
  g_assert_cmpint (readable->id, ==, v1);
  g_assert_cmpint (readable->created_at, ==, t0);
  g_assert_cmpstr (readable_text, ==, text1);

  /* what can still be read, for showing: the part before the damage */
  lossy = bulletin_store_get_draft_text_lossy (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (lossy, -1, NULL));
  g_assert_true (strncmp (lossy, text3, strlen (text3) / 3) == 0);
  g_assert_nonnull (strstr (lossy, "\xEF\xBF\xBD"));

  /* the user restores the version offered: it becomes the text, and the
   * damaged bytes stay in the history */
  g_assert_cmpint (bulletin_store_restore_version (f->store, id, readable->id, NULL, &restored, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, text1);
  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, text1);
  g_clear_object (&f->store);
  assert_bytes_kept (f->path, id, damaged);
}

/* The damage done to the file itself: 2 KB of stray bytes over
 * the draft's text, inside one page, wherever the text sits. The text is
 * in the file twice (the draft's row and the search index's copy), so
 * each copy is damaged in turn, in a copy of the file: SQLite's check
 * passes every time, and the draft reads back whole, or is reported
 * damaged with the whole text still on offer. */
static void
test_damaged_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = weekly_update ("Overwritten");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, text_len = strlen (text);
  const char *chunk = NULL;
  guint n_damaged = 0, n_copies = 0;
  gint64 id;

  id = bulletin_store_create_draft (f->store, text, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));

  /* 2 KB of the text that sit together in the file: not across the end
   * of a page, where the next page's number interrupts them */
  for (gsize at = text_len / 3; at + 2048 <= text_len && chunk == NULL; at += 64)
    if (memmem (contents, len, text + at, 2048) != NULL)
      chunk = text + at;
  if (chunk == NULL)
    g_error ("no 2 KB of the draft lie together in the database file");

  for (const char *hit = memmem (contents, len, chunk, 2048); hit != NULL;
       hit = memmem (hit + 1, len - (hit + 1 - contents), chunk, 2048))
    {
      g_autofree char *path = g_strdup_printf ("%s/copy-%u.db", f->dir, n_copies++);
      g_autofree char *damaged = g_memdup2 (contents, len);
      g_autoptr(BulletinStore) store = NULL;
      g_autofree char *now = NULL;
      gsize off = hit - contents;

      for (gsize i = off; i < off + 2048; i++)
        damaged[i] = (char)g_test_rand_int_range (0x80, 0x100);
      damaged[off] = (char)0xFF;
      g_assert_true (g_file_set_contents (path, damaged, len, NULL));

      /* the database opens: its pages and records are well formed */
      store = bulletin_store_open (path, &error);
      g_assert_no_error (error);

      now = bulletin_store_get_draft_text (store, id, &error);
      if (now != NULL)
        g_assert_cmpstr (now, ==, text);
      else
        {
          g_autofree char *best = NULL;

          g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
          g_clear_error (&error);
          n_damaged++;
          best = bulletin_store_find_readable_text (store, id, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (best, ==, text);
        }
    }

  g_assert_cmpuint (n_copies, ==, 2);
  g_assert_cmpuint (n_damaged, ==, 1);
}

/* Whatever writes next over a damaged draft (here an autosave of a
 * keystroke into an editor the text never reached), the damaged bytes are
 * kept first. Zeroes this time: valid UTF-8 except for the NULs. */
static void
test_autosave_keeps_damaged_bytes (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *text = weekly_update ("Before the damage");
  g_autoptr(GBytes) damaged = damage_bytes (text, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *kept_text = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gint64 id;
  gint64 kept = 0;

  id = bulletin_store_create_draft (f->store, text, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  set_current_bytes (f->path, id, damaged);

  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
  now = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  g_assert_true (bulletin_store_autosave (f->store, id, "x", &error));
  g_assert_no_error (error);
  now = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_cmpstr (now, ==, "x");

  /* kept as a named version, which thinning never removes */
  versions = bulletin_store_list_versions (f->store, id, &error);
  for (guint i = 0; i < versions->len; i++)
    {
      BulletinVersionInfo *info = versions->pdata[i];

      if (info->kind == BULLETIN_VERSION_NAMED && info->size == g_bytes_get_size (damaged))
        kept = info->id;
    }
  g_assert_cmpint (kept, >, 0);
  f->now += 60 * G_TIME_SPAN_DAY;
  bulletin_store_thin_versions (f->store, id, &error);
  g_assert_no_error (error);
  /* and it is not handed out as text: it is still damaged */
  kept_text = bulletin_store_get_version_text (f->store, kept, &error);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  g_clear_object (&f->store);
  assert_bytes_kept (f->path, id, damaged);
}

/* Damaged bytes in a title or a version's name reach labels as U+FFFD,
 * never as invalid UTF-8 (which a label drops, with a critical). */
static void
test_damaged_title (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(BulletinDraftInfo) info = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "# Rota\n\nThe rota.\n", NULL, &error);
  g_assert_cmpint (bulletin_store_add_version (f->store, id, "# Rota\n", BULLETIN_VERSION_NAMED, "Sent", &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE drafts SET title = CAST(x'526fff7461' AS TEXT);"
                                 "UPDATE versions SET name = CAST(x'53656e00ff74' AS TEXT);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);

  info = bulletin_store_get_draft (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->title, ==, "Ro\xEF\xBF\xBDta");
  drafts = bulletin_store_list_drafts (f->store, NULL, FALSE, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((BulletinDraftInfo *)drafts->pdata[0])->title, ==, "Ro\xEF\xBF\xBDta");
  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, >, 0);
  for (guint i = 0; i < versions->len; i++)
    {
      const char *name = ((BulletinVersionInfo *)versions->pdata[i])->name;

      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_true (g_str_has_prefix (name, "Sen\xEF\xBF\xBD"));
    }
}

/* A stored size that damage made huge is reported, not allocated: for a
 * compressed version (inflating it would ask for 4 EiB) and a plain one. */
static void
test_damaged_version_size (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *long_text = weekly_update ("Compressed");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 id, plain, zlib;

  id = bulletin_store_create_draft (f->store, "# Short\n", NULL, &error);
  plain = bulletin_store_add_version (f->store, id, "# Short\n", BULLETIN_VERSION_NAMED, "Kept", &error);
  zlib = bulletin_store_add_version (f->store, id, long_text, BULLETIN_VERSION_NAMED, "Kept too", &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE versions SET size = 4611686018427387904", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = bulletin_store_get_version_text (f->store, i ? zlib : plain, &error);

      g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
      g_assert_null (text);
      g_clear_error (&error);
    }
}

/* Ten drafts, each a weekly update with its own title. */
static void
write_drafts (BulletinStore *store,
              guint          n)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Update %u", i);
      g_autofree char *text = weekly_update (title);

      g_assert_cmpint (bulletin_store_create_draft (store, text, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
}

/* Opens @path through recovery and checks it rescued all @n drafts of
 * write_drafts(), each with its whole text. */
static void
assert_all_rescued (const char *path,
                    guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *moved = NULL;
  guint rescued = 0;

  store = bulletin_store_open_or_recover (path, &moved, &rescued, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (moved);
  g_test_message ("rescued %u of %u drafts", rescued, n);
  g_assert_cmpuint (rescued, ==, n);

  drafts = bulletin_store_list_drafts (store, NULL, FALSE, &error);
  g_assert_cmpuint (drafts->len, ==, n);
  for (guint i = 0; i < drafts->len; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];
      g_autofree char *text = bulletin_store_get_draft_text (store, info->id, &error);
      g_autofree char *original = weekly_update (info->title);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (info->title, "Update "));
      g_assert_cmpstr (text, ==, original);
    }
}

/* The 100-byte header zeroed, every page behind it intact: the issue saw
 * 0 drafts rescued, where a header copied from another database made
 * everything readable. */
static void
test_salvage_zeroed_header (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len;

  write_drafts (f->store, 10);
  g_clear_object (&f->store);   /* checkpointed: everything in the file */

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  memset (contents, 0, 100);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  assert_all_rescued (f->path, 10);
}

/* A rescued draft keeps its history, not just its current text. */
static void
test_salvage_keeps_history (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sent = weekly_update ("Sent to staff");
  g_autofree char *later = weekly_update ("Ten minutes later");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  gboolean has_sent = FALSE, has_later = FALSE;
  gsize len;
  gint64 id;

  id = bulletin_store_create_draft (f->store, sent, NULL, &error);
  g_assert_cmpint (bulletin_store_add_version (f->store, id, sent, BULLETIN_VERSION_NAMED, "Sent to staff", &error), >, 0);
  f->now += 10 * G_TIME_SPAN_MINUTE;
  g_assert_true (bulletin_store_autosave (f->store, id, later, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  memset (contents, 0, 100);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = bulletin_store_open_or_recover (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  drafts = bulletin_store_list_drafts (store, NULL, FALSE, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  versions = bulletin_store_list_versions (store, ((BulletinDraftInfo *)drafts->pdata[0])->id, &error);
  for (guint i = 0; i < versions->len; i++)
    {
      BulletinVersionInfo *info = versions->pdata[i];
      g_autofree char *text = bulletin_store_get_version_text (store, info->id, &error);

      g_assert_no_error (error);
      if (info->kind == BULLETIN_VERSION_NAMED && g_strcmp0 (info->name, "Sent to staff") == 0)
        has_sent = g_str_equal (text, sent);
      else if (g_str_equal (text, later))
        has_later = TRUE;
    }
  g_assert_true (has_sent);
  g_assert_true (has_later);
}

/* The same at other page sizes: the size in the lost header is found
 * again from the pages, not assumed. */
static void
test_salvage_zeroed_header_page_sizes (Fixture       *f,
                                       gconstpointer  data)
{
  static const guint sizes[] = { 1024, 8192, 65536 };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/size-%u.db", f->dir, sizes[i]);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA page_size = %u; PRAGMA journal_mode = WAL;", sizes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(BulletinStore) store = NULL;
      g_autofree char *contents = NULL;
      sqlite3 *db = NULL;
      gsize len;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = bulletin_store_open (path, &error);
      g_assert_no_error (error);
      write_drafts (store, 10);
      g_clear_object (&store);

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (((guchar)contents[16] << 8 | (guchar)contents[17]), ==, sizes[i] == 65536 ? 1 : sizes[i]);
      memset (contents, 0, 100);
      g_assert_true (g_file_set_contents (path, contents, len, NULL));

      assert_all_rescued (path, 10);
    }
}

/* Copies the database and its WAL as they are while the store is open,
 * as a kill -9 leaves them: the WAL not yet copied into the file. */
static void
copy_with_wal (Fixture    *f,
               const char *to)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (f->path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (to, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from_path, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to_path, contents, len, NULL));
    }
}

/* A main file cut short after a kill: the drafts written since the last
 * checkpoint have their pages in the WAL alone. Salvage used to read the
 * file alone and lose every one of them. */
static void
test_salvage_from_wal (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "killed.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal_contents = NULL;
  gsize len, wal_len;
  guint rescued = 0;
  guint later = 0;

  /* ten drafts checkpointed into the file (closing does that)… */
  write_drafts (f->store, 10);
  g_clear_object (&f->store);

  /* …and ten more that stay below the store's checkpoint threshold, so
   * they live in the WAL alone (asserted below) */
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Later %u", i);
      g_autofree char *text = weekly_update (title);

      g_assert_cmpint (bulletin_store_create_draft (f->store, text, NULL, &error), >, 0);
    }
  copy_with_wal (f, path);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_get_contents (wal, &wal_contents, &wal_len, NULL));
  g_test_message ("main file %" G_GSIZE_FORMAT " bytes, WAL %" G_GSIZE_FORMAT, len, wal_len);
  g_assert_cmpuint (wal_len, >, 10 * 4096);
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));

  store = bulletin_store_open_or_recover (path, &moved, &rescued, &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  g_test_message ("rescued %u of 20 drafts", rescued);

  /* every draft written since the checkpoint, whole; the older ones
   * whole, or a beginning where their pages were cut off */
  drafts = bulletin_store_list_drafts (store, NULL, FALSE, &error);
  g_assert_cmpuint (drafts->len, ==, rescued);
  for (guint i = 0; i < drafts->len; i++)
    {
      BulletinDraftInfo *info = drafts->pdata[i];
      g_autofree char *text = bulletin_store_get_draft_text (store, info->id, &error);
      g_autofree char *original = weekly_update (info->title);

      g_assert_no_error (error);
      if (g_str_has_prefix (info->title, "Later "))
        {
          g_assert_cmpstr (text, ==, original);
          later++;
        }
      else
        g_assert_true (g_str_has_prefix (original, text));
    }
  g_assert_cmpuint (later, ==, 10);
}

/* A WAL beside a short file excuses only as many missing pages as it
 * holds: a file cut in half is still found out by the header check, the
 * one that runs whatever the size of the database. */
static void
test_truncated_despite_wal (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "halved.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  gsize len;

  write_drafts (f->store, 20);
  g_clear_object (&f->store);
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  write_drafts (f->store, 1);
  copy_with_wal (f, path);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));

  store = bulletin_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "truncated"));
}

/* The same with the main file cut to nothing: SQLite would delete the WAL
 * of an empty database as it opened it. */
static void
test_salvage_empty_file_with_wal (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "emptied.db", NULL);

  write_drafts (f->store, 10);
  copy_with_wal (f, path);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  assert_all_rescued (path, 10);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store-integrity/damaged-draft", test_damaged_draft);
  ADD ("/store-integrity/damaged-page", test_damaged_page);
  ADD ("/store-integrity/autosave-keeps-damaged-bytes", test_autosave_keeps_damaged_bytes);
  ADD ("/store-integrity/damaged-version-size", test_damaged_version_size);
  ADD ("/store-integrity/damaged-title", test_damaged_title);
  ADD ("/store-integrity/salvage-zeroed-header", test_salvage_zeroed_header);
  ADD ("/store-integrity/salvage-zeroed-header-page-sizes", test_salvage_zeroed_header_page_sizes);
  ADD ("/store-integrity/salvage-keeps-history", test_salvage_keeps_history);
  ADD ("/store-integrity/salvage-from-wal", test_salvage_from_wal);
  ADD ("/store-integrity/salvage-empty-file-with-wal", test_salvage_empty_file_with_wal);
  ADD ("/store-integrity/truncated-despite-wal", test_truncated_despite_wal);

  return g_test_run ();
}
