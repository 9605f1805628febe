/* test-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bulletin-file.h"
#include "bulletin-test-util.h"

static void
test_decode_utf8 (void)
{
  BulletinFileLoadFlags flags = 99;
  gsize len = 0;
  g_autofree char *text = bulletin_file_decode ("What’s next", strlen ("What’s next"), &len, &flags, NULL);

  g_assert_cmpstr (text, ==, "What’s next");
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_CLEAN);
}

static void
test_decode_bom (void)
{
  BulletinFileLoadFlags flags = 99;
  g_autofree char *text = bulletin_file_decode ("\xEF\xBB\xBF# Hi", 7, NULL, &flags, NULL);

  g_assert_cmpstr (text, ==, "# Hi");
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_CLEAN);
}

static void
test_decode_utf16 (void)
{
  static const char le[] = "\xFF\xFE" "H\0i\0 \0\x19\x20";  /* "Hi ’" */
  BulletinFileLoadFlags flags = 0;
  g_autofree char *text = bulletin_file_decode (le, sizeof le - 1, NULL, &flags, NULL);

  g_assert_cmpstr (text, ==, "Hi ’");
  g_assert_true (flags & BULLETIN_FILE_LOAD_CONVERTED);
}

static void
test_decode_windows_1252 (void)
{
  /* smart quotes and a pound sign as Word writes them in Windows-1252 */
  static const char cp[] = "\x93" "Budget\x94 \xA3" "5bn";
  BulletinFileLoadFlags flags = 0;
  g_autofree char *text = bulletin_file_decode (cp, sizeof cp - 1, NULL, &flags, NULL);

  g_assert_cmpstr (text, ==, "“Budget” £5bn");
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_CONVERTED);
}

static void
test_decode_damaged_utf8 (void)
{
  /* mostly UTF-8 with one bad byte: repair, do not reinterpret */
  static const char bad[] = "What’s \xff next";
  BulletinFileLoadFlags flags = 0;
  g_autofree char *text = bulletin_file_decode (bad, sizeof bad - 1, NULL, &flags, NULL);

  g_assert_cmpstr (text, ==, "What’s \xEF\xBF\xBD next");
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_REPLACED);
}

static void
test_decode_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GError) error = NULL;
  char *text = bulletin_file_decode (png, sizeof png - 1, NULL, NULL, &error);

  g_assert_null (text);
  g_assert_error (error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_NOT_TEXT);

  /* NUL bytes everywhere: binary too, without a signature */
  {
    g_autoptr(GError) nul_error = NULL;
    static const char data[] = "a\0b\0c\0d\0e\0f\0g\0h\0";
    char *decoded = bulletin_file_decode (data, sizeof data - 1, NULL, NULL, &nul_error);

    g_assert_null (decoded);
    g_assert_error (nul_error, BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_NOT_TEXT);
  }
}

/* Issue 14: one stray NUL refused the whole update. CommonMark says a NUL
 * is replaced with U+FFFD, and the rest is text. */
static void
test_decode_stray_nul (void)
{
  g_autoptr(GString) text = g_string_new ("# Weekly update\n\n");
  BulletinFileLoadFlags flags = BULLETIN_FILE_LOAD_CLEAN;
  g_autofree char *decoded = NULL;
  gsize len = 0;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "A paragraph of the update, long enough to be a real one.\n");
  g_string_append_len (text, "Broken\0here.\n", 14);

  decoded = bulletin_file_decode (text->str, text->len, &len, &flags, NULL);
  g_assert_nonnull (decoded);
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_REPLACED);
  g_assert_nonnull (strstr (decoded, "Broken\xEF\xBF\xBDhere."));
  g_assert_cmpstr (bulletin_file_load_notice (flags), !=, NULL);
  g_assert_null (bulletin_file_load_notice (BULLETIN_FILE_LOAD_CLEAN));
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
test_save_load_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "update.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char text[] = "# Weekly update\n\nWhat’s happening next week? 日本語 e\xCC\x81\n";
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *loaded = NULL;
  BulletinFileLoadFlags flags = 99;
  gsize len = 0;

  bulletin_file_save_async (file, text, -1, NULL, done_cb, &wait);
  g_assert_true (bulletin_file_save_finish (file, wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  bulletin_file_load_async (file, NULL, done_cb, &wait);
  loaded = bulletin_file_load_finish (file, wait_for (&wait), &len, &flags, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded, ==, text);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_CLEAN);
  g_clear_object (&wait.result);

  g_unlink (path);
  g_rmdir (dir);
  g_main_loop_unref (wait.loop);
}

static void
test_load_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/bulletin/update.md");
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char *loaded;

  bulletin_file_load_async (file, NULL, done_cb, &wait);
  loaded = bulletin_file_load_finish (file, wait_for (&wait), NULL, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  message = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, error);
  g_assert_cmpstr (message, ==, "“update.md” could not be found. It may have been moved or deleted.");

  g_clear_object (&wait.result);
  g_main_loop_unref (wait.loop);
}

static void
test_load_sync (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "update.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/bulletin/update.md");
  g_autoptr(GError) error = NULL;
  g_autofree char *loaded = NULL;
  char *none;
  BulletinFileLoadFlags flags = 99;
  gsize len = 0;

  /* "café" in Windows-1252 */
  g_assert_true (g_file_set_contents (path, "caf\xE9\n", -1, NULL));
  loaded = bulletin_file_load (file, NULL, &len, &flags, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded, ==, "café\n");
  g_assert_cmpuint (len, ==, strlen ("café\n"));
  g_assert_cmpint (flags, ==, BULLETIN_FILE_LOAD_CONVERTED);

  none = bulletin_file_load (missing, NULL, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  bulletin_test_remove_tree (dir);
}

static void
test_save_unwritable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "update.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* a directory where the file should be cannot be replaced */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  bulletin_file_save_async (file, "text", -1, NULL, done_cb, &wait);
  g_assert_false (bulletin_file_save_finish (file, wait_for (&wait), &error));
  g_assert_nonnull (error);

  message = bulletin_file_describe_error (file, TRUE, error);
  g_assert_nonnull (strstr (message, "update.md"));

  g_clear_object (&wait.result);
  g_rmdir (path);
  g_rmdir (dir);
  g_main_loop_unref (wait.loop);
}

static char *
read_whole (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Replacing keeps what a file is: its permissions, the link that points
 * at it, a device; it leaves no temporary file, and a cancelled save
 * leaves the old text. A full disk is tested in test-full-disk.sh. */
static void
test_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "update.md", NULL);
  g_autofree char *link = g_build_filename (dir, "link.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) null_file = g_file_new_for_path ("/dev/null");
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;
  guint n_files = 0;

  g_assert_true (bulletin_file_replace (file, "first\n", 6, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (bulletin_file_replace (file, "second\n", 7, NULL, &error));
  text = read_whole (path);
  g_assert_cmpstr (text, ==, "second\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* a link keeps pointing at the file, which gets the new text */
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_assert_true (bulletin_file_replace (link_file, "third\n", 6, NULL, &error));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&text, g_free);
  text = read_whole (path);
  g_assert_cmpstr (text, ==, "third\n");

  /* cancelled before the rename: the old text stays */
  g_cancellable_cancel (cancelled);
  g_assert_false (bulletin_file_replace (file, "fourth\n", 7, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = read_whole (path);
  g_assert_cmpstr (text, ==, "third\n");

  /* a device is written, never replaced */
  g_assert_true (bulletin_file_replace (null_file, "gone\n", 5, NULL, &error));
  g_assert_true (g_file_test ("/dev/null", G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  /* a folder is not a file */
  g_assert_false (bulletin_file_replace (dir_file, "x", 1, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* only the file and the link: no temporary file left behind */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  bulletin_test_remove_tree (dir);
}

static void
test_describe_errors (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/Weekly update.md");
  g_autoptr(GError) full = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  g_autoptr(GError) perm = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Permission denied");
  g_autoptr(GError) bin = g_error_new_literal (BULLETIN_FILE_ERROR, BULLETIN_FILE_ERROR_NOT_TEXT, "x");
  g_autofree char *m1 = bulletin_file_describe_error (file, BULLETIN_FILE_SAVING, full);
  g_autofree char *m2 = bulletin_file_describe_error (file, BULLETIN_FILE_SAVING, perm);
  g_autofree char *m3 = bulletin_file_describe_error (file, BULLETIN_FILE_OPENING, bin);

  g_assert_nonnull (strstr (m1, "disk is full"));
  g_assert_nonnull (strstr (m1, "“Weekly update.md”"));
  g_assert_nonnull (strstr (m2, "permission"));
  g_assert_nonnull (strstr (m2, "Save As"));
  g_assert_nonnull (strstr (m3, "not a text file"));

  /* the command line has no Save As and no window holding the text
   * (issue 14) */
  {
    g_autofree char *c1 = bulletin_file_describe_error (file, BULLETIN_FILE_WRITING_OUTPUT, full);
    g_autofree char *c2 = bulletin_file_describe_error (file, BULLETIN_FILE_WRITING_OUTPUT, perm);

    g_assert_nonnull (strstr (c1, "disk is full"));
    g_assert_null (strstr (c1, "still here"));
    g_assert_nonnull (strstr (c2, "permission to write “Weekly update.md”"));
    g_assert_null (strstr (c2, "Save As"));
  }
}

/* Issue 16: exports of a draft with no file landed in whatever folder
 * Bulletin was started from. */
static void
test_export_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-export-folder-XXXXXX", NULL);
  g_autofree char *draft_path = g_build_filename (dir, "update.md", NULL);
  g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
  g_autoptr(GFile) beside = bulletin_file_export_folder (draft, "/somewhere/else");
  g_autoptr(GFile) last = bulletin_file_export_folder (NULL, dir);
  g_autoptr(GFile) gone = bulletin_file_export_folder (NULL, "/no/such/folder/any/more");
  g_autofree char *beside_path = g_file_get_path (beside);
  g_autofree char *last_path = g_file_get_path (last);
  g_autofree char *gone_path = g_file_get_path (gone);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  g_assert_cmpstr (beside_path, ==, dir);
  g_assert_cmpstr (last_path, ==, dir);
  /* a folder that is gone: Documents, or home */
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    g_assert_cmpstr (gone_path, ==, documents);
  else
    g_assert_cmpstr (gone_path, ==, g_get_home_dir ());

  g_rmdir (dir);
}

static void
test_suggest_name (void)
{
  g_autofree char *a = bulletin_file_suggest_name ("Weekly update: preparing for winter", "Untitled");
  g_autofree char *b = bulletin_file_suggest_name (NULL, "Untitled");
  g_autofree char *c = bulletin_file_suggest_name ("  ..", "Untitled");
  g_autofree char *d = bulletin_file_suggest_name ("A/B \\ C?", "Untitled");
  g_autofree char *e = bulletin_file_suggest_name ("Board at 10:30", "Untitled");

  g_assert_cmpstr (a, ==, "Weekly update – preparing for winter.md");
  g_assert_cmpstr (b, ==, "Untitled.md");
  g_assert_cmpstr (c, ==, "Untitled.md");
  g_assert_cmpstr (d, ==, "A-B - C-.md");
  g_assert_cmpstr (e, ==, "Board at 10.30.md");
}

static void
test_is_markdown (void)
{
  g_autoptr(GFile) md = g_file_new_for_path ("/tmp/Update.MD");
  g_autoptr(GFile) txt = g_file_new_for_path ("/tmp/notes.txt");
  g_autoptr(GFile) png = g_file_new_for_path ("/tmp/photo.png");
  g_autoptr(GFile) other = g_file_new_for_path ("/tmp/README");

  g_assert_true (bulletin_file_is_markdown (md, NULL));
  g_assert_true (bulletin_file_is_markdown (txt, NULL));
  g_assert_false (bulletin_file_is_markdown (png, NULL));
  g_assert_false (bulletin_file_is_markdown (png, "image/png"));
  g_assert_true (bulletin_file_is_markdown (other, "text/plain"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/decode/utf8", test_decode_utf8);
  g_test_add_func ("/file/decode/bom", test_decode_bom);
  g_test_add_func ("/file/decode/utf16", test_decode_utf16);
  g_test_add_func ("/file/decode/windows-1252", test_decode_windows_1252);
  g_test_add_func ("/file/decode/damaged-utf8", test_decode_damaged_utf8);
  g_test_add_func ("/file/decode/binary", test_decode_binary);
  g_test_add_func ("/file/decode/stray-nul", test_decode_stray_nul);
  g_test_add_func ("/file/export-folder", test_export_folder);
  g_test_add_func ("/file/save-load-round-trip", test_save_load_round_trip);
  g_test_add_func ("/file/load-missing", test_load_missing);
  g_test_add_func ("/file/load-sync", test_load_sync);
  g_test_add_func ("/file/save-unwritable", test_save_unwritable);
  g_test_add_func ("/file/replace", test_replace);
  g_test_add_func ("/file/describe-errors", test_describe_errors);
  g_test_add_func ("/file/suggest-name", test_suggest_name);
  g_test_add_func ("/file/is-markdown", test_is_markdown);

  return g_test_run ();
}
