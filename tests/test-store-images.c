/* test-store-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Issue 14: images dropped or pasted into a draft with no file are kept
 * in the database. They come back byte for byte, once however often they
 * are added; damaged bytes are reported, never shown as whole, and kept;
 * a database of schema 7 gains the table. */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bulletin-checks.h"
#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-store.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  BulletinStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("bulletin-store-images-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
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

static GBytes *
png_bytes (int     width,
           int     height,
           guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", &error, NULL));
  return g_bytes_new_take (data, len);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) image = png_bytes (30, 20, 0x2266aaff);
  g_autoptr(GBytes) other = png_bytes (30, 20, 0xaa2266ff);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other_uri = NULL;
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  g_autoptr(GBytes) back = NULL;

  uri = bulletin_store_image_add (f->store, "Pasted image.png", "image/png", image, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "bulletin-image:"));
  g_assert_cmpuint (strlen (uri), ==, strlen ("bulletin-image:") + 16);
  g_assert_cmpstr (bulletin_store_image_key_from_uri (uri), ==, uri + strlen ("bulletin-image:"));

  /* the same picture twice is one image; another is another */
  again = bulletin_store_image_add (f->store, "Copy.png", "image/png", image, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, uri);
  other_uri = bulletin_store_image_add (f->store, "Other.png", "image/png", other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other_uri, !=, uri);

  back = bulletin_store_image_get (f->store, uri, &name, &type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, image));
  g_assert_cmpstr (name, ==, "Pasted image.png");
  g_assert_cmpstr (type, ==, "image/png");

  /* kept across a restart */
  g_clear_object (&f->store);
  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&back, g_bytes_unref);
  back = bulletin_store_image_get (f->store, other_uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, other));

  /* an address of ours that names nothing kept, and ones not ours */
  g_assert_null (bulletin_store_image_get (f->store, "bulletin-image:0123456789abcdef", NULL, NULL, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (bulletin_store_image_key_from_uri ("images/logo.png"));
  g_assert_null (bulletin_store_image_key_from_uri ("bulletin-image:0123"));
  g_assert_null (bulletin_store_image_key_from_uri ("bulletin-image:0123456789ABCDEF"));
  g_assert_null (bulletin_store_image_key_from_uri ("bulletin-image:0123456789abcdefff"));
  g_assert_null (bulletin_store_image_resolve ("https://example.org/a.png", NULL, f->store, &error));
  g_assert_no_error (error);
}

static void
damage (Fixture    *f,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
count_images (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM images", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A flipped byte, or bytes cut short, are reported as damage, never
 * handed on as an image; the row stays; adding the picture again mends
 * it */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) image = png_bytes (30, 20, 0x2266aaff);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = bulletin_store_image_add (f->store, "chart.png", "image/png", image, &error);
  g_autofree char *mended = NULL;
  g_autoptr(GBytes) back = NULL;
  static const char * const damages[] = {
    /* one byte of the middle changed */
    "UPDATE images SET data = substr (data, 1, 40) || x'00' || substr (data, 42)",
    /* cut short, and its size with it */
    "UPDATE images SET data = substr (data, 1, 40), size = 40",
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      damage (f, damages[i]);
      g_assert_null (bulletin_store_image_get (f->store, uri, NULL, NULL, &error));
      g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "chart.png"));
      g_clear_error (&error);
      g_assert_cmpint (count_images (f), ==, 1);

      mended = bulletin_store_image_add (f->store, "chart.png", "image/png", image, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mended, ==, uri);
      g_clear_pointer (&mended, g_free);
      back = bulletin_store_image_get (f->store, uri, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (back, image));
      g_clear_pointer (&back, g_bytes_unref);
    }
}

/* a database from before images gains the table and keeps its drafts */
static void
test_migrate_from_v7 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = png_bytes (4, 4, 0x000000ff);
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  id = bulletin_store_create_draft (f->store, "# Before images\n", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  damage (f, "DROP TABLE images; PRAGMA user_version = 7;");

  f->store = bulletin_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_get_schema_version (f->store), ==, 8);
  text = bulletin_store_get_draft_text (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "# Before images\n");
  uri = bulletin_store_image_add (f->store, "dot.png", "image/png", image, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uri);
}

/* Issue 14: an export of a draft with a kept image carries it, through
 * the resolver in the render options: in the .eml as a related part, in
 * an HTML export as a file in the folder beside it */
static void
test_export_with_kept_image (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GBytes) image = png_bytes (1600, 40, 0x2266aaff);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = bulletin_store_image_add (f->store, "Pasted image.png", "image/png", image, &error);
  g_autofree char *markdown = g_strdup_printf ("# Update\n\n![Pasted image](%s)\n\n![Lost](bulletin-image:0123456789abcdef)\n", uri);
  g_autofree char *html_path = g_build_filename (f->dir, "update.html", NULL);
  g_autofree char *copied = g_build_filename (f->dir, "update_files", "Pasted image.png", NULL);
  g_autoptr(GFile) html_file = g_file_new_for_path (html_path);
  BulletinExportOptions options = {
    .resolve_image = bulletin_store_image_resolve,
    .resolve_data = f->store,
  };
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GBytes) eml = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autofree char *eml_text = NULL;
  g_autofree char *html_text = NULL;
  int width = 0, height = 0;

  g_assert_no_error (error);

  eml = bulletin_export_render_with_options (BULLETIN_EXPORT_EML, markdown, strlen (markdown), &options,
                                             NULL, &warnings, &error);
  g_assert_no_error (error);
  eml_text = g_strndup (g_bytes_get_data (eml, NULL), g_bytes_get_size (eml));
  g_assert_nonnull (strstr (eml_text, "Content-Type: multipart/related"));
  g_assert_nonnull (strstr (eml_text, "Content-Type: image/png"));
  g_assert_nonnull (strstr (eml_text, "filename=\"Pasted image.png\""));
  g_assert_nonnull (strstr (eml_text, "src=3D\"cid:image1."));
  /* the one not kept is named, and left out */
  g_assert_nonnull (warnings);
  g_assert_nonnull (strstr (warnings[0], "bulletin-image:0123456789abcdef"));
  g_assert_null (warnings[1]);
  g_clear_pointer (&warnings, g_strfreev);

  options.html_output = html_file;
  html = bulletin_export_render_with_options (BULLETIN_EXPORT_HTML, markdown, strlen (markdown), &options,
                                              NULL, NULL, &error);
  g_assert_no_error (error);
  html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  g_assert_nonnull (strstr (html_text, "<img src=\"update_files/Pasted%20image.png\" alt=\"Pasted image\" width=\"544\""));
  g_assert_nonnull (strstr (html_text, "[Lost]"));
  /* scaled as a file beside the draft would be */
  g_assert_nonnull (gdk_pixbuf_get_file_info (copied, &width, &height));
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 30);
}

/* A database damaged past opening is moved aside and its drafts
 * rescued: their kept images with them */
static void
test_salvaged (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) image = png_bytes (300, 200, 0x2266aaff);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = bulletin_store_image_add (f->store, "chart.png", "image/png", image, &error);
  g_autofree char *markdown = g_strdup_printf ("# Update\n\n![Chart](%s)\n", uri);
  g_autofree char *contents = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GBytes) back = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_create_draft (f->store, markdown, NULL, &error), >, 0);
  g_clear_object (&f->store);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  memset (contents, 0, 100);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = bulletin_store_open_or_recover (f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  back = bulletin_store_image_get (store, uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, image));
}

static const BulletinFinding *
find_key (GPtrArray  *findings,
          const char *prefix)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *finding = findings->pdata[i];

      if (g_str_has_prefix (finding->key, prefix))
        return finding;
    }
  return NULL;
}

/* The checks look at kept images as at files beside the draft: one too
 * wide is flagged, one the database does not have is named */
static void
test_checks_kept_images (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) wide = png_bytes (1600, 40, 0x2266aaff);
  g_autoptr(GBytes) small = png_bytes (160, 40, 0x2266aaff);
  g_autoptr(GError) error = NULL;
  g_autofree char *wide_uri = bulletin_store_image_add (f->store, "wide.png", "image/png", wide, &error);
  g_autofree char *small_uri = bulletin_store_image_add (f->store, "small.png", "image/png", small, &error);
  g_autofree char *markdown = g_strdup_printf ("# Update\n\n![Wide](%s)\n\n![Small](%s)\n\n"
                                               "![Lost](bulletin-image:0123456789abcdef)\n",
                                               wide_uri, small_uri);
  BulletinCheckOptions options = {
    .kinds = BULLETIN_CHECK_LINKS,
    .resolve_image = bulletin_store_image_resolve,
    .resolve_data = f->store,
  };
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *large_key = NULL;
  const BulletinFinding *large;
  const BulletinFinding *lost;

  g_assert_no_error (error);
  findings = bulletin_checks_run (markdown, strlen (markdown), &options);
  large_key = g_strconcat ("link:image-large:", wide_uri, NULL);
  large = find_key (findings, "link:image-large:");
  g_assert_nonnull (large);
  g_assert_cmpstr (large->key, ==, large_key);
  g_assert_nonnull (strstr (large->message, "1600 px"));
  lost = find_key (findings, "link:image-unreadable:");
  g_assert_nonnull (lost);
  g_assert_nonnull (strstr (lost->message, "bulletin-image:0123456789abcdef"));
  g_assert_cmpuint (findings->len, ==, 2);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en_GB", TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/images/round-trip", test_round_trip);
  ADD ("/store/images/damaged", test_damaged);
  ADD ("/store/images/migrate-from-7", test_migrate_from_v7);
  ADD ("/store/images/export", test_export_with_kept_image);
  ADD ("/store/images/salvaged", test_salvaged);
  ADD ("/store/images/checks", test_checks_kept_images);

  return g_test_run ();
}
