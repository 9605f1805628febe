/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

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

  f->dir = g_dir_make_tmp ("bulletin-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "sub", "bulletin.db", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;   /* a fixed Friday in 2026 */
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  if (f->dir != NULL)
    {
      g_chmod (f->dir, 0700);
      bulletin_test_remove_tree (f->dir);
    }
  g_free (f->dir);
  g_free (f->path);
}

static void
test_create_open (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) again = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  g_assert_cmpint (bulletin_store_get_schema_version (f->store), ==, BULLETIN_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));

  id = bulletin_store_create_draft (f->store, "# Hello\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&f->store);

  again = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  text = bulletin_store_get_draft_text (again, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "# Hello\n");
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* a second connection sees WAL mode, which is a property of the file */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* a database exactly as schema version 1 left it, with a draft in it */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE drafts (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',"
    " custom_title INTEGER NOT NULL DEFAULT 0, file_uri TEXT, created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL, deleted_at INTEGER, word_count INTEGER NOT NULL DEFAULT 0,"
    " owner_pid INTEGER NOT NULL DEFAULT 0, current_text TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX drafts_updated ON drafts (updated_at);"
    "CREATE INDEX drafts_file ON drafts (file_uri);"
    "CREATE TABLE versions (id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL, kind INTEGER NOT NULL, name TEXT, word_count INTEGER NOT NULL,"
    " hash BLOB NOT NULL, size INTEGER NOT NULL, encoding INTEGER NOT NULL, data BLOB NOT NULL);"
    "CREATE INDEX versions_draft ON versions (draft_id, created_at);"
    "INSERT INTO drafts (uuid, title, created_at, updated_at, current_text)"
    " VALUES ('u1', 'Winter', 1, 1, 'Preparing for winter pressures');"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_get_schema_version (store), ==, BULLETIN_STORE_SCHEMA_VERSION);

  /* migration 2 indexed the existing draft */
  found = bulletin_store_list_drafts (store, "pressures", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}

static gboolean
has_index (const char *path,
           const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "v2.db", NULL);
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db = NULL;

  /* schema version 2 as it shipped: versions without the list index */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE drafts (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',"
    " custom_title INTEGER NOT NULL DEFAULT 0, file_uri TEXT, created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL, deleted_at INTEGER, word_count INTEGER NOT NULL DEFAULT 0,"
    " owner_pid INTEGER NOT NULL DEFAULT 0, current_text TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE versions (id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL, kind INTEGER NOT NULL, name TEXT, word_count INTEGER NOT NULL,"
    " hash BLOB NOT NULL, size INTEGER NOT NULL, encoding INTEGER NOT NULL, data BLOB NOT NULL);"
    "CREATE INDEX versions_draft ON versions (draft_id, created_at);"
    "CREATE VIRTUAL TABLE drafts_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO drafts (uuid, title, created_at, updated_at, current_text) VALUES ('u1', 'T', 1, 1, 'Now');"
    "INSERT INTO versions (draft_id, created_at, kind, name, word_count, hash, size, encoding, data)"
    " VALUES (1, 5, 5, 'Sent to staff', 1, x'00', 4, 0, CAST('Then' AS BLOB));"
    "PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (has_index (path, "versions_list"));

  store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_get_schema_version (store), ==, BULLETIN_STORE_SCHEMA_VERSION);
  g_assert_true (has_index (path, "versions_list"));
  /* migration 4 added the (empty) section library */
  g_assert_cmpuint (bulletin_store_count_sections_ever (store, &error), ==, 0);
  g_assert_no_error (error);

  /* the history that was there is still there */
  versions = bulletin_store_list_versions (store, 1, &error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (((BulletinVersionInfo *)versions->pdata[0])->name, ==, "Sent to staff");
  text = bulletin_store_get_version_text (store, ((BulletinVersionInfo *)versions->pdata[0])->id, &error);
  g_assert_cmpstr (text, ==, "Then");
}

static void
test_migrate_from_v4 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(BulletinGlossaryEntry) nhs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "Before the glossary", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* take the database back to what schema 4 looked like */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "DROP TABLE glossary; DROP TABLE dictionary; DROP TABLE ignored_findings;"
    "PRAGMA user_version = 4;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_get_schema_version (store), ==, BULLETIN_STORE_SCHEMA_VERSION);

  /* the upgraded database's glossary starts empty, as a new one's: the
   * shared abbreviations are the glossary packs' (issue 16) */
  nhs = bulletin_store_glossary_lookup (store, "NHS", &error);
  g_assert_no_error (error);
  g_assert_null (nhs);

  words = bulletin_store_dictionary_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (words), ==, 0);

  text = bulletin_store_get_draft_text (store, id, &error);
  g_assert_cmpstr (text, ==, "Before the glossary");
}

static void
count_cb (gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_glossary (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BulletinGlossaryEntry) entry = NULL;
  g_autoptr(BulletinGlossaryEntry) lower = NULL;
  g_autoptr(BulletinStore) again = NULL;
  guint changes = 0;

  g_signal_connect_swapped (f->store, "glossary-changed", G_CALLBACK (count_cb), &changes);

  /* a new database's glossary is the office's own, empty: the
   * well-known entries are the glossary packs' (issue 16) */
  list = bulletin_store_glossary_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (bulletin_store_glossary_set (f->store, "B&M", "Brookfield and Moorside", FALSE, &error));
  g_assert_no_error (error);
  entry = bulletin_store_glossary_lookup (f->store, "B&M", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->expansion, ==, "Brookfield and Moorside");
  g_assert_false (entry->well_known);
  g_clear_pointer (&entry, bulletin_glossary_entry_free);

  /* setting again changes the entry */
  g_assert_true (bulletin_store_glossary_set (f->store, " B&M ", "Brookfield & Moorside", TRUE, &error));
  entry = bulletin_store_glossary_lookup (f->store, "B&M", &error);
  g_assert_cmpstr (entry->expansion, ==, "Brookfield & Moorside");
  g_assert_true (entry->well_known);

  /* case matters: "Wy&h" is another abbreviation */
  lower = bulletin_store_glossary_lookup (f->store, "wy&h", &error);
  g_assert_no_error (error);
  g_assert_null (lower);

  g_assert_false (bulletin_store_glossary_set (f->store, "  ", "Nothing", FALSE, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* removed entries stay removed when the database is opened again */
  g_assert_true (bulletin_store_glossary_remove (f->store, "B&M", &error));
  g_assert_no_error (error);
  g_assert_false (bulletin_store_glossary_remove (f->store, "B&M", &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* two sets and one removal changed it */
  g_assert_cmpuint (changes, ==, 3);
  g_clear_object (&f->store);

  again = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (bulletin_store_glossary_lookup (again, "B&M", &error));
  g_assert_no_error (error);
  list = bulletin_store_glossary_list (again, &error);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((BulletinGlossaryEntry *)list->pdata[i])->acronym, !=, "B&M");
}

static void
test_dictionary (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  guint changes = 0;

  g_signal_connect_swapped (f->store, "dictionary-changed", G_CALLBACK (count_cb), &changes);

  g_assert_true (bulletin_store_dictionary_add (f->store, "Kirklees", &error));
  g_assert_true (bulletin_store_dictionary_add (f->store, "Calderdale", &error));
  /* twice is fine, and it is still one word */
  g_assert_true (bulletin_store_dictionary_add (f->store, "Calderdale", &error));
  g_assert_true (bulletin_store_dictionary_add (f->store, "calderdale", &error));
  g_assert_no_error (error);

  words = bulletin_store_dictionary_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (words), ==, 3);
  g_assert_cmpstr (words[0], ==, "Calderdale");
  g_assert_cmpstr (words[1], ==, "calderdale");
  g_assert_cmpstr (words[2], ==, "Kirklees");
  g_clear_pointer (&words, g_strfreev);

  g_assert_true (bulletin_store_dictionary_remove (f->store, "calderdale", &error));
  g_assert_false (bulletin_store_dictionary_remove (f->store, "calderdale", &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bulletin_store_dictionary_add (f->store, "", &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_FAILED);
  g_clear_error (&error);

  words = bulletin_store_dictionary_list (f->store, &error);
  g_assert_cmpuint (g_strv_length (words), ==, 2);
  /* four additions and one removal that changed something */
  g_assert_cmpuint (changes, ==, 5);
}

static void
test_ignored_findings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) keys = NULL;
  gint64 first, second;

  first = bulletin_store_create_draft (f->store, "First", NULL, &error);
  second = bulletin_store_create_draft (f->store, "Second", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (bulletin_store_ignore_finding (f->store, first, "link:here", &error));
  g_assert_true (bulletin_store_ignore_finding (f->store, first, "acronym:VCS", &error));
  /* twice is still once */
  g_assert_true (bulletin_store_ignore_finding (f->store, first, "link:here", &error));
  g_assert_no_error (error);

  keys = bulletin_store_list_ignored_findings (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (keys), ==, 2);
  g_assert_true (g_hash_table_contains (keys, "link:here"));
  g_assert_true (g_hash_table_contains (keys, "acronym:VCS"));
  g_clear_pointer (&keys, g_hash_table_unref);

  /* another draft keeps its own list */
  keys = bulletin_store_list_ignored_findings (f->store, second, &error);
  g_assert_cmpuint (g_hash_table_size (keys), ==, 0);
  g_clear_pointer (&keys, g_hash_table_unref);

  g_assert_true (bulletin_store_unignore_findings (f->store, first, &error));
  keys = bulletin_store_list_ignored_findings (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (keys), ==, 0);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  BulletinStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = bulletin_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_TOO_NEW);
  /* the file is left alone */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_autosave_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinDraftInfo) info = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "", NULL, &error);
  g_assert_no_error (error);

  f->now += G_USEC_PER_SEC;
  g_assert_true (bulletin_store_autosave (f->store, id, "# Weekly update: winter\n\nHave a good weekend\n", &error));
  g_assert_no_error (error);

  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_cmpstr (text, ==, "# Weekly update: winter\n\nHave a good weekend\n");

  info = bulletin_store_get_draft (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->title, ==, "Weekly update: winter");
  g_assert_cmpint (info->word_count, ==, 7);
  g_assert_cmpint (info->updated_at, ==, f->now);
}

static void
test_unicode_byte_exact (Fixture       *f,
                         gconstpointer  data)
{
  static const char text[] = "What’s next? 日本語 e\xCC\x81 👩‍👩‍👧 \xEF\xBF\xBD tab\there\r\nCRLF\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *back = NULL;
  g_autofree char *version = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "x", NULL, &error);
  g_assert_true (bulletin_store_autosave (f->store, id, text, &error));
  g_assert_cmpint (bulletin_store_add_version (f->store, id, text, BULLETIN_VERSION_NAMED, "Sent", &error), >, 0);

  back = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_cmpmem (back, strlen (back), text, sizeof text - 1);

  versions = bulletin_store_list_versions (f->store, id, &error);
  version = bulletin_store_get_version_text (f->store, ((BulletinVersionInfo *)versions->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (version, strlen (version), text, sizeof text - 1);
}

static void
test_snapshots_and_dedupe (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *update = bulletin_test_read_fixture ("weekly-update-shared-record.md");
  gint64 id;
  gint64 v1, v2;

  id = bulletin_store_create_draft (f->store, "", NULL, &error);

  /* the first autosave makes the first snapshot; more typing within five
   * minutes updates the draft but not the history */
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\nEdit %d\n", update, i);

      f->now += 2 * G_USEC_PER_SEC;
      g_assert_true (bulletin_store_autosave (f->store, id, text, &error));
      g_assert_no_error (error);
    }
  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* past the interval, the next change is snapshotted */
  f->now += BULLETIN_STORE_SNAPSHOT_INTERVAL;
  g_assert_true (bulletin_store_autosave (f->store, id, "changed", &error));
  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* identical text is never stored twice: a milestone on the same text
   * marks the existing version */
  f->now += G_USEC_PER_SEC;
  v1 = bulletin_store_add_version (f->store, id, "changed", BULLETIN_VERSION_SAVED, NULL, &error);
  f->now += G_USEC_PER_SEC;
  v2 = bulletin_store_add_version (f->store, id, "changed", BULLETIN_VERSION_NAMED, "Sent to staff", &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1, ==, v2);

  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpint (((BulletinVersionInfo *)versions->pdata[0])->kind, ==, BULLETIN_VERSION_NAMED);
  g_assert_cmpstr (((BulletinVersionInfo *)versions->pdata[0])->name, ==, "Sent to staff");
  g_assert_cmpuint (((BulletinVersionInfo *)versions->pdata[0])->size, ==, strlen ("changed"));
}

static void
test_unchanged_autosave_writes_nothing (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinDraftInfo) info = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "same", NULL, &error);
  gint64 created = f->now;

  f->now += G_TIME_SPAN_HOUR;
  g_assert_true (bulletin_store_autosave (f->store, id, "same", &error));
  info = bulletin_store_get_draft (f->store, id, &error);
  g_assert_cmpint (info->updated_at, ==, created);
}

static void
test_thinning_keeps_milestones (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "", NULL, &error);
  guint n_named = 0, removed;

  /* ten days of work: a snapshot every 5 minutes for 8 hours a day, and
   * a named version at the end of each day */
  for (int day = 0; day < 10; day++)
    {
      for (int i = 0; i < 96; i++)
        {
          g_autofree char *text = g_strdup_printf ("day %d edit %d", day, i);

          f->now += BULLETIN_STORE_SNAPSHOT_INTERVAL;
          g_assert_true (bulletin_store_autosave (f->store, id, text, &error));
        }
      {
        g_autofree char *name = g_strdup_printf ("Sent on day %d", day);
        g_autofree char *text = g_strdup_printf ("final day %d", day);

        f->now += G_USEC_PER_SEC;
        g_assert_cmpint (bulletin_store_add_version (f->store, id, text, BULLETIN_VERSION_NAMED, name, &error), >, 0);
      }
      f->now += 16 * G_TIME_SPAN_HOUR;
    }

  before = bulletin_store_list_versions (f->store, id, &error);
  removed = bulletin_store_thin_versions (f->store, 0, &error);
  g_assert_no_error (error);
  after = bulletin_store_list_versions (f->store, id, &error);

  g_assert_cmpuint (removed, >, 0);
  g_assert_cmpuint (after->len, ==, before->len - removed);
  /* a day of 96 snapshots is thinned to about 8 (hourly) or 1 (daily) */
  g_assert_cmpuint (after->len, <, before->len / 4);

  for (guint i = 0; i < after->len; i++)
    if (((BulletinVersionInfo *)after->pdata[i])->kind == BULLETIN_VERSION_NAMED)
      n_named++;
  g_assert_cmpuint (n_named, ==, 10);

  /* the newest day is untouched */
  {
    guint recent = 0;
    for (guint i = 0; i < after->len; i++)
      if (f->now - ((BulletinVersionInfo *)after->pdata[i])->created_at < G_TIME_SPAN_DAY)
        recent++;
    g_assert_cmpuint (recent, >=, 96);
  }
}

static void
test_search_fixtures (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = bulletin_test_read_fixture ("weekly-update-shared-record.md");
  g_autofree char *teams = bulletin_test_read_fixture ("weekly-update-neighbourhood-teams.md");
  g_autofree char *volunteers = bulletin_test_read_fixture ("weekly-update-volunteers.md");
  g_autoptr(GPtrArray) found = NULL;
  gint64 id_record, id_teams;

  id_record = bulletin_store_create_draft (f->store, record, NULL, &error);
  id_teams = bulletin_store_create_draft (f->store, teams, NULL, &error);
  g_assert_cmpint (bulletin_store_create_draft (f->store, volunteers, NULL, &error), >, 0);
  g_assert_no_error (error);

  found = bulletin_store_list_drafts (f->store, "information governance", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((BulletinDraftInfo *)found->pdata[0])->id, ==, id_record);
  g_assert_nonnull (strstr (((BulletinDraftInfo *)found->pdata[0])->snippet, "["));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* prefix matching, and quotes or operators in what the user types do
   * not break the query */
  found = bulletin_store_list_drafts (f->store, "huddl \"kirkb", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((BulletinDraftInfo *)found->pdata[0])->id, ==, id_teams);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = bulletin_store_list_drafts (f->store, "NEAR( OR AND -", FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* every fixture is from the same partnership */
  found = bulletin_store_list_drafts (f->store, "brookfield and moorside", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* edits are searchable at once */
  g_assert_true (bulletin_store_autosave (f->store, id_teams, "# Renamed\n\nZebra crossings\n", &error));
  found = bulletin_store_list_drafts (f->store, "zebra", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = bulletin_store_list_drafts (f->store, "huddle", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_trash_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a = bulletin_store_create_draft (f->store, "# A\n", NULL, &error);
  gint64 b = bulletin_store_create_draft (f->store, "# B\n", NULL, &error);

  g_assert_true (bulletin_store_trash_draft (f->store, a, TRUE, &error));
  list = bulletin_store_list_drafts (f->store, NULL, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((BulletinDraftInfo *)list->pdata[0])->id, ==, b);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = bulletin_store_list_drafts (f->store, NULL, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* undo */
  g_assert_true (bulletin_store_trash_draft (f->store, a, FALSE, &error));
  list = bulletin_store_list_drafts (f->store, NULL, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the trash is emptied after 30 days, not before */
  g_assert_true (bulletin_store_trash_draft (f->store, a, TRUE, &error));
  f->now += 29 * G_TIME_SPAN_DAY;
  g_assert_cmpuint (bulletin_store_purge_trash (f->store, &error), ==, 0);
  f->now += 2 * G_TIME_SPAN_DAY;
  g_assert_cmpuint (bulletin_store_purge_trash (f->store, &error), ==, 1);
  g_assert_null (bulletin_store_get_draft_text (f->store, a, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND);
}

static void
test_duplicate_and_rename (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinDraftInfo) info = NULL;
  g_autoptr(BulletinDraftInfo) info2 = NULL;
  g_autofree char *text = NULL;
  gint64 a = bulletin_store_create_draft (f->store, "# Week 47\n\nBody\n", NULL, &error);
  gint64 b = bulletin_store_duplicate_draft (f->store, a, &error);

  g_assert_cmpint (b, !=, a);
  text = bulletin_store_get_draft_text (f->store, b, &error);
  g_assert_cmpstr (text, ==, "# Week 47\n\nBody\n");

  g_assert_true (bulletin_store_rename_draft (f->store, b, "Week 48 (copy)", &error));
  g_assert_true (bulletin_store_autosave (f->store, b, "# Something else\n", &error));
  info = bulletin_store_get_draft (f->store, b, &error);
  /* a title the user chose survives edits */
  g_assert_cmpstr (info->title, ==, "Week 48 (copy)");
  g_assert_true (info->custom_title);

  g_assert_true (bulletin_store_rename_draft (f->store, b, NULL, &error));
  info2 = bulletin_store_get_draft (f->store, b, &error);
  g_assert_cmpstr (info2->title, ==, "Something else");
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *current = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "", NULL, &error);
  gint64 old_version, new_version;

  f->now += G_USEC_PER_SEC;
  old_version = bulletin_store_add_version (f->store, id, "The first draft", BULLETIN_VERSION_SAVED, NULL, &error);
  f->now += G_TIME_SPAN_HOUR;
  g_assert_true (bulletin_store_autosave (f->store, id, "The second draft, unsaved", &error));

  f->now += G_USEC_PER_SEC;
  new_version = bulletin_store_restore_version (f->store, id, old_version, "The second draft, unsaved", &restored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_version, >, 0);
  g_assert_cmpstr (restored, ==, "The first draft");

  current = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_cmpstr (current, ==, "The first draft");

  /* the text it replaced is a version of its own: restore is undoable */
  versions = bulletin_store_list_versions (f->store, id, &error);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < versions->len; i++)
      {
        BulletinVersionInfo *v = versions->pdata[i];
        g_autofree char *t = bulletin_store_get_version_text (f->store, v->id, NULL);

        if (g_strcmp0 (t, "The second draft, unsaved") == 0)
          found = TRUE;
      }
    g_assert_true (found);
  }
  g_assert_cmpint (((BulletinVersionInfo *)versions->pdata[0])->kind, ==, BULLETIN_VERSION_RESTORED);
}

static void
test_orphans (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) orphans = NULL;
  g_autoptr(GArray) none = NULL;
  gint64 a = bulletin_store_create_draft (f->store, "a", NULL, &error);
  gint64 b = bulletin_store_create_draft (f->store, "b", NULL, &error);
  gint64 c = bulletin_store_create_draft (f->store, "c", NULL, &error);
  GPid child;
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;
  const char *argv[] = { "true", NULL };

  /* a: open here; b: open in a process that has exited; c: closed */
  g_assert_true (bulletin_store_set_draft_open (f->store, a, TRUE, &error));
  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &child, &error));
  waitpid (child, NULL, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("UPDATE drafts SET owner_pid = %d WHERE id = %" G_GINT64_FORMAT, child, b);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  (void)c;

  orphans = bulletin_store_take_orphaned_drafts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpint (g_array_index (orphans, gint64, 0), ==, b);

  /* taken: not handed out twice */
  none = bulletin_store_take_orphaned_drafts (f->store, &error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_file_link (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "x", "file:///home/comms/update.md", &error);

  g_assert_cmpint (bulletin_store_find_draft_for_file (f->store, "file:///home/comms/update.md", &error), ==, id);
  g_assert_cmpint (bulletin_store_find_draft_for_file (f->store, "file:///other.md", &error), ==, 0);
  g_assert_true (bulletin_store_set_draft_file (f->store, id, "file:///home/comms/renamed.md", &error));
  g_assert_cmpint (bulletin_store_find_draft_for_file (f->store, "file:///home/comms/renamed.md", &error), ==, id);
}

static void
test_corrupt_garbage (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *kept = NULL;
  guint n = 99;
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char)g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  store = bulletin_store_open_or_recover (path, &moved, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (n, ==, 0);

  /* nothing was deleted: the damaged file sits beside the new one */
  g_assert_nonnull (moved);
  g_assert_true (strstr (moved, "garbage.db.damaged-") != NULL);
  g_assert_true (g_file_get_contents (moved, &kept, NULL, NULL));
  g_assert_cmpmem (kept, sizeof garbage, garbage, sizeof garbage);
  g_assert_cmpint (bulletin_store_create_draft (store, "fresh", NULL, &error), >, 0);
}

static void
test_corrupt_truncated (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "trunc.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *update = bulletin_test_read_fixture ("weekly-update-neighbourhood-teams.md");
  gsize len;
  guint n = 0;

  /* a database with enough drafts to span many pages, cut short */
  {
    g_autoptr(BulletinStore) s = bulletin_store_open (path, &error);
    g_assert_no_error (error);
    for (int i = 0; i < 40; i++)
      {
        g_autofree char *text = g_strdup_printf ("# Update %d\n\n%s", i, update);
        g_assert_cmpint (bulletin_store_create_draft (s, text, NULL, &error), >, 0);
      }
  }
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 64 * 1024);
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));

  store = bulletin_store_open_or_recover (path, &moved, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (moved);
  g_test_message ("recovered %u of 40 drafts from a truncated file", n);
  /* about half the file survives; so should about half the drafts */
  g_assert_cmpuint (n, >=, 10);

  drafts = bulletin_store_list_drafts (store, NULL, FALSE, &error);
  g_assert_cmpuint (drafts->len, ==, n);
  /* whatever was recovered is the original text, or a beginning of it
   * where the end was on a lost page; most drafts are whole */
  {
    guint whole = 0;

    for (guint i = 0; i < drafts->len; i++)
      {
        BulletinDraftInfo *info = drafts->pdata[i];
        g_autofree char *text = bulletin_store_get_draft_text (store, info->id, &error);
        g_autofree char *original = g_strdup_printf ("# %s\n\n%s", info->title, update);

        g_assert_true (g_str_has_prefix (original, text));
        if (g_str_equal (original, text))
          whole++;
      }
    g_assert_cmpuint (whole, >=, n - 2);
  }
}

static void
test_read_only_dir (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  BulletinStore *store;

  if (getuid () == 0)
    {
      /* root ignores permissions; a path under a regular file cannot be
       * created by anyone */
      g_autofree char *file = g_build_filename (f->dir, "not-a-dir", NULL);
      g_assert_true (g_file_set_contents (file, "x", 1, NULL));
      g_free (path);
      path = g_build_filename (file, "bulletin.db", NULL);
    }
  else
    {
      g_assert_cmpint (g_mkdir (dir, 0500), ==, 0);
    }

  store = bulletin_store_open_or_recover (path, NULL, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_READ_ONLY);

  message = bulletin_store_describe_error (error);
  g_assert_nonnull (strstr (message, "safe in this window"));
}

static void
autosave_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError **error = user_data;

  bulletin_store_autosave_finish (BULLETIN_STORE (object), result, error);
  g_main_context_wakeup (NULL);
  *(gboolean *)g_object_get_data (object, "done") = TRUE;
}

static void
test_async_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "", NULL, &error);
  gboolean done = FALSE;

  g_object_set_data (G_OBJECT (f->store), "done", &done);

  /* queued writes land in order: the last one wins */
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *t = g_strdup_printf ("text %d", i);
      bulletin_store_autosave_async (f->store, id, t, NULL, i == 19 ? autosave_done_cb : NULL, &error);
    }

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_cmpstr (text, ==, "text 19");
}

static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) other = bulletin_store_open (f->path, &error);
  gint64 a, b;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  /* a second Bulletin on the same database: interleaved writes, no loss */
  g_assert_no_error (error);
  a = bulletin_store_create_draft (f->store, "from the first", NULL, &error);
  b = bulletin_store_create_draft (other, "from the second", NULL, &error);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *x = g_strdup_printf ("first %d", i);
      g_autofree char *y = g_strdup_printf ("second %d", i);

      g_assert_true (bulletin_store_autosave (f->store, a, x, &error));
      g_assert_true (bulletin_store_autosave (other, b, y, &error));
    }
  ta = bulletin_store_get_draft_text (other, a, &error);
  tb = bulletin_store_get_draft_text (f->store, b, &error);
  g_assert_cmpstr (ta, ==, "first 49");
  g_assert_cmpstr (tb, ==, "second 49");
}

/* Issue 16: a window's drafts list did not hear of drafts another window
 * made. Every change a list shows is signalled, once for a burst, in
 * the main loop, also when a worker thread made it (the autosaves). */
static void
drafts_changed_count_cb (BulletinStore *store,
                         guint         *n)
{
  (*n)++;
}

static guint
drain (guint *n)
{
  guint before = *n;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  return *n - before;
}

static void
autosaved_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_assert_true (bulletin_store_autosave_finish (BULLETIN_STORE (object), result, NULL));
  *(gboolean *) data = TRUE;
}

static void
test_drafts_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean done = FALSE;
  gint64 id;

  g_signal_connect (f->store, "drafts-changed", G_CALLBACK (drafts_changed_count_cb), &n);

  /* not during the call: the handler may list the drafts, which would
   * wait on the store's lock */
  id = bulletin_store_create_draft (f->store, "# First\n", NULL, &error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (drain (&n), ==, 1);

  /* the same title: nothing a list shows has changed */
  g_assert_true (bulletin_store_autosave (f->store, id, "# First\n\nMore words.\n", &error));
  g_assert_cmpuint (drain (&n), ==, 0);

  /* a new first heading, from the worker thread */
  bulletin_store_autosave_async (f->store, id, "# Second\n", NULL, autosaved_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  drain (&n);
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (bulletin_store_rename_draft (f->store, id, "Renamed", &error));
  g_assert_cmpuint (drain (&n), ==, 1);

  /* two changes close together: one signal */
  g_assert_true (bulletin_store_trash_draft (f->store, id, TRUE, &error));
  g_assert_true (bulletin_store_trash_draft (f->store, id, FALSE, &error));
  g_assert_cmpuint (drain (&n), ==, 1);
  g_assert_no_error (error);
}

/* Issue 16: three exports of the same text left one "Exported as
 * HTML": each export is an entry of its own in the history. */
static void
test_each_export_recorded (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const char *names[] = { "Exported as HTML", "Exported as an email draft", "Copied for email" };
  gint64 id = bulletin_store_create_draft (f->store, "# Update\n\nText.\n", NULL, &error);
  gint64 ids[3];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      f->now += G_USEC_PER_SEC;
      ids[i] = bulletin_store_add_version (f->store, id, "# Update\n\nText.\n", BULLETIN_VERSION_EXPORTED,
                                           names[i], &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (ids[0], !=, ids[1]);
  g_assert_cmpint (ids[1], !=, ids[2]);

  versions = bulletin_store_list_versions (f->store, id, &error);
  g_assert_cmpuint (versions->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      BulletinVersionInfo *info = versions->pdata[2 - i];
      g_autofree char *text = bulletin_store_get_version_text (f->store, info->id, &error);

      g_assert_cmpint (info->kind, ==, BULLETIN_VERSION_EXPORTED);
      g_assert_cmpstr (info->name, ==, names[i]);
      g_assert_cmpstr (text, ==, "# Update\n\nText.\n");
    }

  /* other milestones on the same text still mark, not add */
  f->now += G_USEC_PER_SEC;
  g_assert_cmpint (bulletin_store_add_version (f->store, id, "# Update\n\nText.\n", BULLETIN_VERSION_SAVED, NULL, &error),
                   ==, ids[2]);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/create-open", test_create_open);
  ADD ("/store/pragmas", test_pragmas);
  ADD ("/store/migrate-from-v1", test_migrate_from_v1);
  ADD ("/store/migrate-from-v2", test_migrate_from_v2);
  ADD ("/store/migrate-from-v4", test_migrate_from_v4);
  ADD ("/store/glossary", test_glossary);
  ADD ("/store/dictionary", test_dictionary);
  ADD ("/store/ignored-findings", test_ignored_findings);
  ADD ("/store/too-new", test_too_new);
  ADD ("/store/autosave-round-trip", test_autosave_round_trip);
  ADD ("/store/unicode-byte-exact", test_unicode_byte_exact);
  ADD ("/store/snapshots-and-dedupe", test_snapshots_and_dedupe);
  ADD ("/store/unchanged-autosave-writes-nothing", test_unchanged_autosave_writes_nothing);
  ADD ("/store/thinning-keeps-milestones", test_thinning_keeps_milestones);
  ADD ("/store/search-fixtures", test_search_fixtures);
  ADD ("/store/trash-and-undo", test_trash_and_undo);
  ADD ("/store/duplicate-and-rename", test_duplicate_and_rename);
  ADD ("/store/restore", test_restore);
  ADD ("/store/orphans", test_orphans);
  ADD ("/store/file-link", test_file_link);
  ADD ("/store/corrupt-garbage", test_corrupt_garbage);
  ADD ("/store/corrupt-truncated", test_corrupt_truncated);
  ADD ("/store/read-only-dir", test_read_only_dir);
  ADD ("/store/async-order", test_async_order);
  ADD ("/store/two-connections", test_two_connections);
  ADD ("/store/drafts-changed", test_drafts_changed);
  ADD ("/store/each-export-recorded", test_each_export_recorded);

  return g_test_run ();
}
