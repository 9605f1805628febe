/* test-export-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Issue 14's exports as the options ask: the update's language, images
 * copied beside an HTML export, images inside the clipboard's HTML. */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-images.h"
#include "bulletin-test-util.h"

static char *
render_string (BulletinExportFormat         format,
               const char                  *markdown,
               const BulletinExportOptions *options,
               char                      ***warnings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = bulletin_export_render_with_options (format, markdown, strlen (markdown), options,
                                               NULL, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_language_is_rtl (void)
{
  static const char * const rtl[] = { "ar", "ar-EG", "he", "he-IL", "fa", "ur-PK", "yi", "ps",
                                      "ckb", "dv", "ku-Arab", "az-Arab-IR", "AR" };
  static const char * const ltr[] = { "en", "en-GB", "de-DE", "ku", "az", "uz-Latn", "sr-Cyrl",
                                      "ja", "tr", "arn", "" };

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    g_assert_true (bulletin_html_language_is_rtl (rtl[i]));
  for (guint i = 0; i < G_N_ELEMENTS (ltr); i++)
    g_assert_false (bulletin_html_language_is_rtl (ltr[i]));
}

static void
test_language_tags (void)
{
  static const char * const valid[] = { "en", "en-GB", "de-DE", "ar", "sr-Latn-RS", "zh-Hant", "es-419" };
  static const char * const invalid[] = { "", "e", "english", "en GB", "en-", "-en", "en-GB\"><script>",
                                          "12", "en--GB", "en-abcdefghi" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (bulletin_export_language_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (bulletin_export_language_is_valid (invalid[i]));

  /* the setting wins when it is a tag; otherwise the locale's */
  g_setenv ("LANGUAGE", "de_AT", TRUE);
  {
    g_autofree char *chosen = bulletin_export_resolve_language ("fr-CA");
    g_autofree char *spelling_style = bulletin_export_resolve_language (" en_GB ");
    g_autofree char *empty = bulletin_export_resolve_language ("");
    g_autofree char *none = bulletin_export_resolve_language (NULL);
    g_autofree char *nonsense = bulletin_export_resolve_language ("not a language");

    g_assert_cmpstr (chosen, ==, "fr-CA");
    g_assert_cmpstr (spelling_style, ==, "en-GB");
    g_assert_cmpstr (empty, ==, "de-AT");
    g_assert_cmpstr (none, ==, "de-AT");
    g_assert_cmpstr (nonsense, ==, "de-AT");
  }
  g_setenv ("LANGUAGE", "en_GB", TRUE);
}

/* Issue 14: "Right-to-left updates come out left-aligned with lang="en"
 * always". The chosen language is in <html>, and again on the column
 * for the clients that drop <html> and <body>; a right-to-left one
 * turns the whole message, and each block still takes its own
 * direction from its first letter. */
static void
test_language_in_html (void)
{
  const char *markdown = "# التحديث الأسبوعي\n\nمرحبا بكم.\n\nA line in English.\n\n- البند\n\n> اقتباس\n\n"
                         "![شعار](https://example.org/logo.png)\n";
  BulletinExportOptions options = { .language = "ar" };
  g_autofree char *html = render_string (BULLETIN_EXPORT_HTML, markdown, &options, NULL);
  g_autofree char *german = NULL;
  g_autofree char *from_locale = NULL;

  g_assert_nonnull (strstr (html, "<html lang=\"ar\" dir=\"rtl\">"));
  g_assert_nonnull (strstr (html, "<body dir=\"rtl\" style="));
  g_assert_nonnull (strstr (html, "<div lang=\"ar\" dir=\"rtl\" style=\"max-width:600px"));
  g_assert_nonnull (strstr (html, "<p dir=\"auto\""));
  g_assert_null (strstr (html, "lang=\"en"));
  /* lists indented and quotes ruled on the right, in every client */
  g_assert_nonnull (strstr (html, "<ul style=\"margin:0 0 16px 0;padding:0 28px 0 0;\">"));
  g_assert_nonnull (strstr (html, "<blockquote style=\"margin:0 0 16px 0;padding:4px 16px 4px 0;border-right:4px solid #d0d0cc;"));
  /* a paragraph of an image alone follows the page, not dir="auto"
   * (which, finding no letter, would say left to right) */
  g_assert_nonnull (strstr (html, "<p style=\"margin:0 0 16px 0;text-align:start;\"><img src=\"https://example.org/logo.png\""));

  options.language = "de-DE";
  german = render_string (BULLETIN_EXPORT_HTML, markdown, &options, NULL);
  g_assert_nonnull (strstr (german, "<html lang=\"de-DE\">"));
  g_assert_nonnull (strstr (german, "<div lang=\"de-DE\" style="));
  g_assert_null (strstr (german, "dir=\"rtl\""));
  g_assert_nonnull (strstr (german, "<ul style=\"margin:0 0 16px 0;padding:0 0 0 28px;\">"));
  g_assert_nonnull (strstr (german, "border-left:4px solid #d0d0cc;"));

  /* no setting: the user's locale, as "he_IL.UTF-8" */
  g_setenv ("LANGUAGE", "he_IL.UTF-8", TRUE);
  from_locale = render_string (BULLETIN_EXPORT_HTML, markdown, NULL, NULL);
  g_setenv ("LANGUAGE", "en_GB", TRUE);
  g_assert_nonnull (strstr (from_locale, "<html lang=\"he-IL\" dir=\"rtl\">"));
}

static void
test_language_in_eml (void)
{
  const char *markdown = "# Wochenbericht\n\nGuten Tag.\n";
  BulletinExportOptions options = { .language = "de-AT", .to = "team@example.org" };
  g_autofree char *eml = render_string (BULLETIN_EXPORT_EML, markdown, &options, NULL);
  const char *body = strstr (eml, "\r\n\r\n");

  g_assert_nonnull (body);
  g_assert_nonnull (strstr (eml, "\r\nContent-Language: de-AT\r\n"));
  g_assert_true (strstr (eml, "Content-Language:") < body);
  /* quoted-printable writes = as =3D */
  g_assert_nonnull (strstr (eml, "<html lang=3D\"de-AT\">"));
}

static char *
make_draft_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-export-XXXXXX", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *other = g_build_filename (dir, "other", NULL);
  static const char * const names[] = { "partnership-logo.png", "volunteers-fair.png" };
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 900);
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 10);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir (images, 0755));
  g_assert_no_errno (g_mkdir (other, 0755));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source_path = g_test_build_filename (G_TEST_DIST, "data", "images", names[i], NULL);
      g_autofree char *target = g_build_filename (images, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (source_path, &contents, &len, &error));
      g_assert_true (g_file_set_contents (target, contents, len, &error));
    }
  gdk_pixbuf_fill (big, 0x336699ff);
  gdk_pixbuf_fill (small, 0xcc3300ff);
  {
    g_autofree char *photo = g_build_filename (images, "photo.jpg", NULL);
    g_autofree char *same_name = g_build_filename (other, "partnership-logo.png", NULL);

    g_assert_true (gdk_pixbuf_save (big, photo, "jpeg", &error, NULL));
    g_assert_true (gdk_pixbuf_save (small, same_name, "png", &error, NULL));
  }
  return g_steal_pointer (&dir);
}

/* the <img> src that follows alt="@alt", unescaped */
static char *
src_of (const char *html,
        const char *alt)
{
  g_autofree char *needle = g_strdup_printf ("\" alt=\"%s\"", alt);
  const char *end = strstr (html, needle);
  const char *start;

  g_assert_nonnull (end);
  start = g_strrstr_len (html, end - html, "<img src=\"");
  g_assert_nonnull (start);
  start += strlen ("<img src=\"");
  return g_strndup (start, end - start);
}

static int
image_width (const char *path)
{
  int width = 0, height = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
  return width;
}

/* Issue 14: an HTML export carries its images in a folder beside it,
 * linked relatively, so the page shows them wherever the two are moved
 * together; a photo over 1,200 px is scaled as for the .eml, and two
 * images of one name do not overwrite each other. */
static void
test_html_images_folder (void)
{
  const char *markdown =
    "# Update 4 December\n"
    "\n"
    "![Logo](images/partnership-logo.png)\n"
    "\n"
    "![Fair](images/volunteers-fair.png) and the logo again ![Logo](images/partnership-logo.png)\n"
    "\n"
    "![Photo](images/photo.jpg)\n"
    "\n"
    "![Other logo](other/partnership-logo.png)\n"
    "\n"
    "![Map](https://example.org/map.png)\n";
  g_autofree char *dir = make_draft_folder ();
  g_autofree char *out_dir = g_build_filename (dir, "sent", NULL);
  g_autofree char *out_path = g_build_filename (out_dir, "Update 4 December.html", NULL);
  g_autofree char *folder_path = g_build_filename (out_dir, "Update 4 December_files", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(GFile) folder = bulletin_export_images_folder (output);
  g_autofree char *folder_got = g_file_get_path (folder);
  BulletinExportOptions options = { .base = base, .html_output = output };
  g_auto(GStrv) warnings = NULL;
  g_autofree char *html = NULL;
  static const struct { const char *alt; const char *name; int width; } expected[] = {
    { "Logo", "partnership-logo.png", 240 },
    { "Fair", "volunteers-fair.png", 960 },
    { "Photo", "photo.jpg", 1200 },
    { "Other logo", "partnership-logo-2.png", 20 },
  };

  g_assert_cmpstr (folder_got, ==, folder_path);
  g_assert_no_errno (g_mkdir (out_dir, 0755));
  html = render_string (BULLETIN_EXPORT_HTML, markdown, &options, &warnings);
  g_assert_null (warnings);
  g_assert_true (g_file_test (folder_path, G_FILE_TEST_IS_DIR));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *src = src_of (html, expected[i].alt);
      g_autofree char *want = g_strconcat ("Update%204%20December_files/", expected[i].name, NULL);
      g_autofree char *unescaped = g_uri_unescape_string (src, NULL);
      g_autofree char *resolved = g_build_filename (out_dir, unescaped, NULL);

      g_assert_cmpstr (src, ==, want);
      /* the link resolves, from where the HTML is, to the image */
      g_assert_true (g_file_test (resolved, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (image_width (resolved), ==, expected[i].width);
    }
  /* the logo shown twice is copied once; remote images stay remote */
  g_assert_cmpuint (bulletin_test_count (html, "Update%204%20December_files/partnership-logo.png\""), ==, 2);
  g_assert_nonnull (strstr (html, "<img src=\"https://example.org/map.png\" alt=\"Map\" style="));
  {
    g_autoptr(GDir) listing = g_dir_open (folder_path, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 4);
  }
  /* the logo's bytes unchanged: only what is too wide is re-encoded */
  {
    g_autofree char *a = NULL, *b = NULL;
    g_autofree char *copy = g_build_filename (folder_path, "partnership-logo.png", NULL);
    g_autofree char *original = g_build_filename (dir, "images", "partnership-logo.png", NULL);
    gsize la, lb;

    g_assert_true (g_file_get_contents (copy, &a, &la, NULL));
    g_assert_true (g_file_get_contents (original, &b, &lb, NULL));
    g_assert_cmpmem (a, la, b, lb);
  }

  bulletin_test_remove_tree (dir);
}

/* no local image, no folder: an update of words leaves one file */
static void
test_html_no_images_no_folder (void)
{
  const char *markdown = "# Update\n\nWords only, and a [link](https://example.org).\n\n"
                         "![Map](https://example.org/map.png)\n\n![Gone](images/not-there.png)\n";
  g_autofree char *dir = make_draft_folder ();
  g_autofree char *out_path = g_build_filename (dir, "update.html", NULL);
  g_autofree char *folder_path = g_build_filename (dir, "update_files", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  BulletinExportOptions options = { .base = base, .html_output = output };
  g_auto(GStrv) warnings = NULL;
  g_autofree char *html = render_string (BULLETIN_EXPORT_HTML, markdown, &options, &warnings);

  g_assert_false (g_file_test (folder_path, G_FILE_TEST_EXISTS));
  /* the missing one is named, and its words stand in for it */
  g_assert_nonnull (warnings);
  g_assert_nonnull (strstr (warnings[0], "images/not-there.png"));
  g_assert_null (warnings[1]);
  g_assert_nonnull (strstr (html, "[Gone]"));

  bulletin_test_remove_tree (dir);
}

/* An image that cannot be copied beside the HTML fails the export with
 * a message that names it: an HTML pointing at nothing is not sent. */
static void
test_html_images_folder_not_writable (void)
{
  const char *markdown = "# Update\n\n![Logo](images/partnership-logo.png)\n";
  g_autofree char *dir = make_draft_folder ();
  g_autofree char *out_path = g_build_filename (dir, "update.html", NULL);
  g_autofree char *in_the_way = g_build_filename (dir, "update_files", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  BulletinExportOptions options = { .base = base, .html_output = output };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* a file where the folder would go */
  g_assert_true (g_file_set_contents (in_the_way, "not a folder", -1, NULL));
  bytes = bulletin_export_render_with_options (BULLETIN_EXPORT_HTML, markdown, strlen (markdown),
                                               &options, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_IMAGE_NOT_COPIED);
  g_assert_nonnull (strstr (error->message, "partnership-logo.png"));
  g_assert_nonnull (strstr (error->message, "update_files"));

  bulletin_test_remove_tree (dir);
}

/* Copy for Email: images go inside the HTML as data: addresses, their
 * bytes as in the file; one too wide is scaled first */
static void
test_inline_images (void)
{
  const char *markdown = "# Update\n\n![Logo](images/partnership-logo.png)\n\n![Photo](images/photo.jpg)\n";
  g_autofree char *dir = make_draft_folder ();
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  BulletinExportOptions options = { .base = base, .inline_images = TRUE };
  g_autofree char *html = render_string (BULLETIN_EXPORT_HTML, markdown, &options, NULL);
  g_autofree char *logo_src = src_of (html, "Logo");
  g_autofree char *photo_src = src_of (html, "Photo");
  g_autofree char *original = g_build_filename (dir, "images", "partnership-logo.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree guchar *decoded = NULL;
  gsize len, decoded_len;

  g_assert_true (g_str_has_prefix (logo_src, "data:image/png;base64,"));
  decoded = g_base64_decode (logo_src + strlen ("data:image/png;base64,"), &decoded_len);
  g_assert_true (g_file_get_contents (original, &contents, &len, NULL));
  g_assert_cmpmem (decoded, decoded_len, contents, len);

  g_assert_true (g_str_has_prefix (photo_src, "data:image/jpeg;base64,"));
  {
    g_autofree guchar *jpeg = g_base64_decode (photo_src + strlen ("data:image/jpeg;base64,"), &decoded_len);
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (gdk_pixbuf_loader_write (loader, jpeg, decoded_len, &error));
    g_assert_true (gdk_pixbuf_loader_close (loader, &error));
    g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 1200);
  }
  /* and nothing was written anywhere */
  {
    g_autofree char *folder = g_build_filename (dir, "update_files", NULL);

    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }

  bulletin_test_remove_tree (dir);
}

static GBytes *
encoded (const char *type,
         int         width)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, 10);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0x336699ff + (guint32)width);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, type, &error, NULL));
  return g_bytes_new_take (data, len);
}

/* Issue 14: what is dropped or pasted into a draft is kept as it is if
 * every mail client shows it, else as a PNG; its name cannot lead out of
 * the images folder; anything else is refused */
static void
test_prepare_for_draft (void)
{
  g_autoptr(GBytes) png = encoded ("png", 20);
  g_autoptr(GBytes) bmp = encoded ("bmp", 20);
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) kept_png = NULL;
  g_autoptr(GBytes) kept_bmp = NULL;
  g_autofree char *png_name = NULL;
  g_autofree char *bmp_name = NULL;
  g_autofree char *text_name = NULL;
  BulletinImageInfo info = { 0 };

  kept_png = bulletin_image_prepare_for_draft (png, "../../etc/chart.png", &png_name, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (kept_png, png));
  g_assert_cmpstr (png_name, ==, "chart.png");

  kept_bmp = bulletin_image_prepare_for_draft (bmp, "scan.bmp", &bmp_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bmp_name, ==, "scan.png");
  g_assert_true (bulletin_image_query_bytes (kept_bmp, &info, &error));
  g_assert_cmpstr (info.mime_type, ==, "image/png");
  g_assert_cmpint (info.width, ==, 20);
  bulletin_image_info_clear (&info);

  g_assert_null (bulletin_image_prepare_for_draft (text, "notes.png", &text_name, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (text_name);
}

/* A copy beside a draft with a file: in "images", never over another
 * image of the same name, once for the same bytes */
static void
test_copy_beside (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-beside-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GBytes) first = encoded ("png", 20);
  g_autoptr(GBytes) second = encoded ("png", 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *url1 = NULL, *url2 = NULL, *url3 = NULL;
  g_autofree char *path1 = g_build_filename (dir, "images", "Pasted image.png", NULL);
  g_autofree char *path2 = g_build_filename (dir, "images", "Pasted image-2.png", NULL);
  g_autofree char *md = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (bulletin_image_copy_beside (folder, first, "Pasted image.png", &url1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (url1, ==, "images/Pasted%20image.png");
  g_assert_true (bulletin_image_copy_beside (folder, second, "Pasted image.png", &url2, &error));
  g_assert_cmpstr (url2, ==, "images/Pasted%20image-2.png");
  g_assert_true (bulletin_image_copy_beside (folder, first, "Pasted image.png", &url3, &error));
  g_assert_cmpstr (url3, ==, url1);

  g_assert_true (g_file_get_contents (path1, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path2, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (second, NULL), g_bytes_get_size (second));

  /* and the address resolves back to the file */
  {
    g_autoptr(GFile) back = bulletin_image_resolve_local (folder, url2);
    g_autofree char *back_path = g_file_get_path (back);

    g_assert_cmpstr (back_path, ==, path2);
  }

  md = bulletin_image_markdown ("Chart [draft] *new*", url1);
  g_assert_cmpstr (md, ==, "![Chart \\[draft\\] \\*new\\*](images/Pasted%20image.png)");

  bulletin_test_remove_tree (dir);
}

/* Copy for Email holds at most 5 MB of images: past that they are left
 * out, each named, their words in their place */
static void
test_inline_images_total (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-inline-XXXXXX", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  BulletinExportOptions options = { .base = base, .inline_images = TRUE };
  g_autoptr(GString) markdown = g_string_new ("# Update\n\n");
  g_auto(GStrv) warnings = NULL;
  g_autofree char *html = NULL;
  guint n_data, n_left_out;

  /* eight of 900 kB of noise each, which PNG cannot shrink */
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GdkPixbuf) noise = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 600, 500);
      g_autofree char *name = g_strdup_printf ("noise%u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guchar *pixels = gdk_pixbuf_get_pixels (noise);
      gsize n = (gsize)gdk_pixbuf_get_rowstride (noise) * 500;
      g_autoptr(GRand) rand = g_rand_new_with_seed (i);

      for (gsize j = 0; j < n; j++)
        pixels[j] = g_rand_int (rand) & 0xff;
      g_assert_true (gdk_pixbuf_save (noise, path, "png", NULL, NULL));
      g_string_append_printf (markdown, "![Noise %u](%s)\n\n", i, name);
    }

  html = render_string (BULLETIN_EXPORT_HTML, markdown->str, &options, &warnings);
  n_data = bulletin_test_count (html, "<img src=\"data:image/png;base64,");
  n_left_out = warnings != NULL ? g_strv_length (warnings) : 0;
  g_assert_cmpuint (n_data, ==, 5);
  g_assert_cmpuint (n_left_out, ==, 3);
  g_assert_nonnull (strstr (warnings[0], "noise5.png"));
  g_assert_nonnull (strstr (warnings[0], "5 MB"));
  g_assert_nonnull (strstr (html, "[Noise 7]"));

  bulletin_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* the golden language, whatever the machine's */
  g_setenv ("LANGUAGE", "en_GB", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/language/rtl", test_language_is_rtl);
  g_test_add_func ("/export/language/tags", test_language_tags);
  g_test_add_func ("/export/language/html", test_language_in_html);
  g_test_add_func ("/export/language/eml", test_language_in_eml);
  g_test_add_func ("/export/html-images/folder", test_html_images_folder);
  g_test_add_func ("/export/html-images/none", test_html_no_images_no_folder);
  g_test_add_func ("/export/html-images/not-writable", test_html_images_folder_not_writable);
  g_test_add_func ("/export/inline-images", test_inline_images);
  g_test_add_func ("/export/inline-images-total", test_inline_images_total);
  g_test_add_func ("/images/prepare-for-draft", test_prepare_for_draft);
  g_test_add_func ("/images/copy-beside", test_copy_beside);

  return g_test_run ();
}
