/* test-eml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gmime/gmime.h>

#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-test-util.h"
#include "bulletin-text.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)

#define TITLE "Weekly update – week ending Friday 27 November 2026"

typedef struct
{
  char *text;
  char *html;
} Bodies;

static void
bodies_clear (Bodies *bodies)
{
  g_free (bodies->text);
  g_free (bodies->html);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bodies, bodies_clear)

static void
render_fixture (const char *name,
                Bodies     *bodies)
{
  g_autofree char *markdown = bulletin_test_read_fixture (name);
  g_autoptr(cmark_node) doc = NULL;

  doc = bulletin_markdown_parse (markdown, strlen (markdown));
  bodies->text = bulletin_text_render (doc, 72);
  bodies->html = bulletin_html_render_email (doc, TITLE, "en-GB", NULL);
}

static GMimeMessage *
parse (GBytes *bytes)
{
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  GMimeMessage *message;

  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);

  return message;
}

static char *
strip_cr (char *text)
{
  char *w = text;

  for (const char *r = text; *r; r++)
    if (*r != '\r')
      *w++ = *r;
  *w = '\0';

  return text;
}

static void
check_part (GMimeObject *object,
            const char  *mime_type,
            const char  *expected)
{
  g_autofree char *type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (object));
  g_autofree char *text = NULL;

  g_assert_cmpstr (type, ==, mime_type);
  g_assert_true (GMIME_IS_TEXT_PART (object));
  g_assert_cmpstr (g_mime_text_part_get_charset (GMIME_TEXT_PART (object)), ==, "utf-8");
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (object)), ==,
                   GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

  text = strip_cr (g_mime_text_part_get_text (GMIME_TEXT_PART (object)));
  g_assert_cmpstr (text, ==, expected);
}

static void
check_wire_format (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *line = data;
  const char *end = data + size;

  g_assert_cmpuint (size, >, 2);
  g_assert_true (data[size - 2] == '\r' && data[size - 1] == '\n');

  while (line < end)
    {
      const char *nl = memchr (line, '\n', end - line);

      g_assert_nonnull (nl);
      /* every line ends with CRLF and has at most 78 octets before it */
      g_assert_true (nl > line && nl[-1] == '\r');
      if (nl - 1 - line > 78)
        g_error ("line longer than 78 octets: %.*s", (int)(nl - 1 - line), line);
      /* and it is all 7-bit: the encodings carry the UTF-8 */
      for (const char *p = line; p < nl; p++)
        g_assert_cmpint ((guchar)*p, <, 0x80);

      line = nl + 1;
    }
}

static void
test_fixture (void)
{
  g_auto(Bodies) bodies = { NULL, };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 27, 16, 30, 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GDateTime *parsed_date;
  g_autoptr(GError) error = NULL;
  GMimeObject *body;
  InternetAddressList *from;
  InternetAddressList *to;
  const char *data;

  render_fixture ("weekly-update-shared-record.md", &bodies);
  bytes = bulletin_eml_build (TITLE, "Fiona Kerr <fiona.kerr@brookfield.test>",
                              "Leaders <leaders@brookfield.test>, ceo@brookfield.test",
                              bodies.text, bodies.html, date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  check_wire_format (bytes);

  data = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (bytes), "\r\nMIME-Version: 1.0\r\n"));
  g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (bytes), "\r\nX-Unsent: 1\r\n"));
  /* the en dash is an RFC 2047 encoded word */
  g_assert_nonnull (g_strstr_len (data, g_bytes_get_size (bytes), "=?UTF-8?"));

  message = parse (bytes);
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, TITLE);
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "X-Unsent"), ==, "1");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (message), "MIME-Version"), ==, "1.0");
  g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (message), "@brookfield.test"));

  parsed_date = g_mime_message_get_date (message);
  g_assert_nonnull (parsed_date);
  g_assert_cmpint (g_date_time_to_unix (parsed_date), ==, g_date_time_to_unix (date));

  from = g_mime_message_get_from (message);
  g_assert_cmpint (internet_address_list_length (from), ==, 1);
  g_assert_cmpstr (internet_address_get_name (internet_address_list_get_address (from, 0)), ==, "Fiona Kerr");
  to = g_mime_message_get_to (message);
  g_assert_cmpint (internet_address_list_length (to), ==, 2);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 1))),
                   ==, "ceo@brookfield.test");

  body = g_mime_message_get_mime_part (message);
  g_assert_true (GMIME_IS_MULTIPART (body));
  {
    g_autofree char *type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (body));

    g_assert_cmpstr (type, ==, "multipart/alternative");
  }
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (body)), ==, 2);
  /* the preferred part comes last */
  check_part (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0), "text/plain", bodies.text);
  check_part (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1), "text/html", bodies.html);
}

static void
test_no_sender (void)
{
  g_auto(Bodies) bodies = { NULL, };
  g_autoptr(GError) error = NULL;
  const char *senders[] = { NULL, "" };

  render_fixture ("weekly-update-neighbourhood-teams.md", &bodies);

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      g_autoptr(GBytes) bytes = bulletin_eml_build ("Weekly update", senders[i], senders[i],
                                                    bodies.text, bodies.html, NULL, &error);
      g_autoptr(GMimeMessage) message = NULL;
      const char *data;

      g_assert_no_error (error);
      check_wire_format (bytes);

      /* no From and no To header at all, not empty ones */
      data = g_bytes_get_data (bytes, NULL);
      g_assert_false (g_str_has_prefix (data, "From:"));
      g_assert_null (g_strstr_len (data, g_bytes_get_size (bytes), "\nFrom:"));
      g_assert_null (g_strstr_len (data, g_bytes_get_size (bytes), "\nTo:"));
      g_assert_false (g_str_has_prefix (data, "To:"));

      message = parse (bytes);
      g_assert_cmpint (internet_address_list_length (g_mime_message_get_from (message)), ==, 0);
      g_assert_true (g_str_has_suffix (g_mime_message_get_message_id (message), "@bulletin.invalid"));
      g_assert_nonnull (g_mime_object_get_header (GMIME_OBJECT (message), "Date"));
      g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Weekly update");
    }
}

static void
test_invalid_address (void)
{
  const char *bad[] = { "not an address", "@example.org", "someone@", "Name <>" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) as_from = bulletin_eml_build ("T", bad[i], NULL, "t\n", "<p>t</p>\n", NULL, &error);
      g_autoptr(GBytes) as_to = NULL;

      g_assert_null (as_from);
      g_assert_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS);
      g_clear_error (&error);

      as_to = bulletin_eml_build ("T", NULL, bad[i], "t\n", "<p>t</p>\n", NULL, &error);
      g_assert_null (as_to);
      g_assert_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS);
    }
}

/* Issue 14: Outlook users separate recipients with "; ", and
 * `--to='a@example.org; b@example.org'` wrote only the first. Every
 * address is kept, and what is no address is named. */
static void
test_address_lists (void)
{
  static const struct { const char *text; guint n; const char *header; } good[] = {
    { "a@example.org; b@example.org", 2, "a@example.org, b@example.org" },
    { "a@example.org,b@example.org;c@example.org", 3, "a@example.org, b@example.org, c@example.org" },
    { "\"Kerr, Fiona\" <fiona@example.org>; Sam <sam@example.org>;", 2, NULL },
    { " leaders@example.org ", 1, "leaders@example.org" },
  };
  static const struct { const char *text; const char *named; } bad[] = {
    { "a@example.org; not an address", "“not an address”" },
    { "a@example.org, @example.org", "“@example.org”" },
    { "someone@ ; b@example.org", "“someone@”" },
    { "a@example.org b@example.org", "“a@example.org b@example.org”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMimeMessage) message = NULL;
      InternetAddressList *to;
      guint n = 0;

      g_assert_true (bulletin_eml_check_addresses (good[i].text, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, good[i].n);

      bytes = bulletin_eml_build ("T", NULL, good[i].text, "t\n", "<p>t</p>\n", NULL, &error);
      g_assert_no_error (error);
      message = parse (bytes);
      to = g_mime_message_get_to (message);
      g_assert_cmpint (internet_address_list_length (to), ==, good[i].n);
      if (good[i].header != NULL)
        {
          g_autofree char *header = internet_address_list_to_string (to, NULL, FALSE);

          g_assert_cmpstr (header, ==, good[i].header);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_false (bulletin_eml_check_addresses (bad[i].text, NULL, &error));
      g_assert_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS);
      g_assert_nonnull (strstr (error->message, bad[i].named));
      g_clear_error (&error);

      bytes = bulletin_eml_build ("T", bad[i].text, NULL, "t\n", "<p>t</p>\n", NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS);
    }
}

/* Issue 14: a Japanese or emoji subject came out as one encoded-word of
 * up to 170 characters on one line. */
static void
test_long_subjects (void)
{
  static const char * const titles[] = {
    "今週のお知らせ：新しい紹介ポータルが全ての診療所で利用可能になりました。詳しくはガイドをご覧ください",
    "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
    "Weekly update: Ελληνικά και Русский текст без пробелов_очень_длинное_слово_которое_не_кончается",
    "Weekly update: a café, a naïve plan and the coöperative’s new rota for the winter months",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = bulletin_eml_build (titles[i], NULL, NULL, "t\n", "<p>t</p>\n", NULL, &error);
      g_autoptr(GMimeMessage) message = NULL;
      g_autofree char *head = NULL;
      g_auto(GStrv) lines = NULL;
      const char *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, NULL);
      head = g_strndup (data, strstr (data, "\r\n\r\n") - data);
      lines = g_strsplit (head, "\r\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_assert_cmpuint (strlen (lines[j]), <=, 78);
          for (const char *w = strstr (lines[j], "=?"); w != NULL; w = strstr (w + 2, "=?"))
            {
              const char *end = strstr (w, "?= ") ? strstr (w, "?= ") : strstr (w, "?=");

              /* from "=?" to the encoded-word's own "?=" at a line's end or
               * before a space */
              g_assert_nonnull (end);
              while (end[2] != '\0' && end[2] != ' ')
                end = strstr (end + 2, "?=");
              g_assert_cmpint (end + 2 - w, <=, 75);
              w = end;
            }
        }

      message = parse (bytes);
      g_assert_cmpstr (g_mime_message_get_subject (message), ==, titles[i]);
    }
}

/* The fuzzer wrote the line that stood for a part's content into a
 * subject, and the message was cut at the wrong place (an assertion in
 * the build). Whatever the subject says, the parts are where they go. */
static void
test_subject_like_a_placeholder (void)
{
  static const char * const titles[] = {
    "Update for BULLETIN-PART-CONTENT-HTML",
    "BULLETIN-PLAIN- and BULLETIN-HTML- together",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = bulletin_eml_build (titles[i], NULL, NULL, "The text.\n", "<p>The HTML.</p>\n",
                                                    NULL, &error);
      g_autoptr(GMimeMessage) message = NULL;
      GMimeObject *root;
      g_autofree char *text = NULL;
      g_autofree char *html = NULL;

      g_assert_no_error (error);
      message = parse (bytes);
      g_assert_cmpstr (g_mime_message_get_subject (message), ==, titles[i]);
      root = g_mime_message_get_mime_part (message);
      text = strip_cr (g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_multipart_get_part (GMIME_MULTIPART (root), 0))));
      html = strip_cr (g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_multipart_get_part (GMIME_MULTIPART (root), 1))));
      g_assert_cmpstr (text, ==, "The text.\n");
      g_assert_cmpstr (html, ==, "<p>The HTML.</p>\n");
    }
}

static void
test_long_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *html = NULL;
  GString *line = g_string_new ("<p>");
  GMimeObject *body;

  /* one very long HTML line, with non-ASCII text, and CRLF already in
   * the text part: both must come back as they went in */
  for (guint i = 0; i < 300; i++)
    g_string_append (line, "Größe – ");
  g_string_append (line, "</p>\n");
  html = g_string_free (line, FALSE);

  bytes = bulletin_eml_build (TITLE, "fiona.kerr@brookfield.test", NULL, "one\r\ntwo\n", html, NULL, &error);
  g_assert_no_error (error);
  check_wire_format (bytes);

  message = parse (bytes);
  body = g_mime_message_get_mime_part (message);
  check_part (g_mime_multipart_get_part (GMIME_MULTIPART (body), 0), "text/plain", "one\ntwo\n");
  check_part (g_mime_multipart_get_part (GMIME_MULTIPART (body), 1), "text/html", html);
}

/* Parts are encoded a piece at a time: a character, an escape or a line
 * that straddles two pieces must come out as if encoded in one go. */
static void
test_encode_in_pieces (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GBytes) encoded = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *decoded = NULL;
  GMimeEncoding state;
  gsize size;
  const char *data;
  gsize n;

  /* lines of every length up to 300 bytes, some with a trailing space,
   * so that pieces of 64 KiB end inside characters, escapes and lines */
  for (guint i = 0; body->len < 300 * 1024; i++)
    {
      for (guint j = 0; j < i % 300; j++)
        g_string_append (body, j % 7 == 0 ? "é" : j % 11 == 0 ? "=" : "a");
      g_string_append (body, i % 5 == 0 ? " \n" : "\n");
    }

  encoded = bulletin_eml_encode_body (body->str);
  data = g_bytes_get_data (encoded, &size);

  g_mime_encoding_init_encode (&state, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  whole = g_malloc (g_mime_encoding_outlen (&state, body->len));
  n = g_mime_encoding_flush (&state, body->str, body->len, whole);
  g_assert_cmpmem (data, size, whole, n);

  g_mime_encoding_init_decode (&state, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  decoded = g_malloc (g_mime_encoding_outlen (&state, size) + 1);
  n = g_mime_encoding_flush (&state, data, size, decoded);
  decoded[n] = '\0';
  g_assert_cmpstr (decoded, ==, body->str);
}

static GMimeObject *
nth_part (GMimeObject *multipart,
          int          i)
{
  g_assert_true (GMIME_IS_MULTIPART (multipart));
  return g_mime_multipart_get_part (GMIME_MULTIPART (multipart), i);
}

static char *
mime_type_of (GMimeObject *object)
{
  return g_mime_content_type_get_mime_type (g_mime_object_get_content_type (object));
}

/* Issue 14: images beside the draft went nowhere in the .eml. They go
 * in a multipart/related with the HTML, which refers to each by cid:;
 * one that cannot be read is left out with a warning, never an error. */
static void
test_local_images (void)
{
  const char *markdown =
    "# Photos\n"
    "\n"
    "![Logo](images/partnership-logo.png) and again ![Logo](images/partnership-logo.png).\n"
    "\n"
    "![Gone](images/missing.png) ![Not a picture](README.md) ![Map](https://example.org/map.png)\n";
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (data_dir);
  g_autofree char *logo_path = bulletin_test_fixture_path ("images/partnership-logo.png");
  g_autofree char *logo = NULL;
  gsize logo_len = 0;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeStream) decoded = NULL;
  g_autofree char *type = NULL;
  g_autofree char *html = NULL;
  g_autofree char *cid_src = NULL;
  GMimeObject *root, *related, *image;
  GByteArray *image_bytes;

  g_assert_true (g_file_get_contents (logo_path, &logo, &logo_len, NULL));

  bytes = bulletin_export_render_with_base (BULLETIN_EXPORT_EML, markdown, strlen (markdown),
                                            NULL, NULL, base, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  check_wire_format (bytes);

  /* the missing file and the file that is no image, each named */
  g_assert_nonnull (warnings);
  g_assert_cmpuint (g_strv_length (warnings), ==, 2);
  g_assert_nonnull (strstr (warnings[0], "images/missing.png"));
  g_assert_nonnull (strstr (warnings[1], "README.md"));

  message = parse (bytes);
  root = g_mime_message_get_mime_part (message);
  type = mime_type_of (root);
  g_assert_cmpstr (type, ==, "multipart/alternative");
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (root)), ==, 2);
  g_clear_pointer (&type, g_free);
  type = mime_type_of (nth_part (root, 0));
  g_assert_cmpstr (type, ==, "text/plain");

  related = nth_part (root, 1);
  g_clear_pointer (&type, g_free);
  type = mime_type_of (related);
  g_assert_cmpstr (type, ==, "multipart/related");
  g_assert_cmpstr (g_mime_object_get_content_type_parameter (related, "type"), ==, "text/html");
  /* the HTML first, then the logo once, though it is shown twice */
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (related)), ==, 2);
  g_clear_pointer (&type, g_free);
  type = mime_type_of (nth_part (related, 0));
  g_assert_cmpstr (type, ==, "text/html");
  html = strip_cr (g_mime_text_part_get_text (GMIME_TEXT_PART (nth_part (related, 0))));

  image = nth_part (related, 1);
  g_clear_pointer (&type, g_free);
  type = mime_type_of (image);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpstr (g_mime_object_get_disposition (image), ==, "inline");
  g_assert_cmpstr (g_mime_part_get_filename (GMIME_PART (image)), ==, "partnership-logo.png");
  g_assert_cmpint (g_mime_part_get_content_encoding (GMIME_PART (image)), ==, GMIME_CONTENT_ENCODING_BASE64);
  g_assert_nonnull (g_mime_object_get_content_id (image));

  /* the file's own bytes */
  image_bytes = g_byte_array_new ();
  decoded = g_mime_stream_mem_new_with_byte_array (image_bytes);
  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (image)), decoded);
  g_assert_cmpmem (image_bytes->data, image_bytes->len, logo, logo_len);

  /* shown twice by its cid:, with its own width; the rest as before */
  cid_src = g_strdup_printf ("<img src=\"cid:%s\" alt=\"Logo\" width=\"240\"",
                             g_mime_object_get_content_id (image));
  g_assert_nonnull (strstr (html, cid_src));
  g_assert_nonnull (strstr (strstr (html, cid_src) + 1, cid_src));
  g_assert_nonnull (strstr (html, "[Gone]"));
  g_assert_nonnull (strstr (html, "[Not a picture]"));
  g_assert_nonnull (strstr (html, "<img src=\"https://example.org/map.png\" alt=\"Map\" style="));
  g_assert_null (strstr (html, "images/"));
}

/* Issue 14: "images are never larger than needed". A photo 1,600 px wide
 * goes into the .eml scaled to 1,200 (twice the column, for screens of
 * two pixels a point), still a JPEG; a wide PNG stays PNG; and the HTML
 * shows both at the column's width. */
static void
test_local_images_scaled (void)
{
  const char *markdown = "# Photos\n\n![Photo](photo.jpg)\n\n![Chart](chart.png)\n";
  g_autofree char *dir = g_dir_make_tmp ("bulletin-images-XXXXXX", NULL);
  g_autofree char *photo_path = g_build_filename (dir, "photo.jpg", NULL);
  g_autofree char *chart_path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1600, 900);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  GMimeObject *related;
  static const char * const types[] = { "image/jpeg", "image/png" };

  gdk_pixbuf_fill (big, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (big, photo_path, "jpeg", &error, NULL));
  g_assert_true (gdk_pixbuf_save (big, chart_path, "png", &error, NULL));

  bytes = bulletin_export_render_with_base (BULLETIN_EXPORT_EML, markdown, strlen (markdown),
                                            NULL, NULL, base, NULL, NULL, &error);
  g_assert_no_error (error);
  message = parse (bytes);
  related = nth_part (g_mime_message_get_mime_part (message), 1);
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (related)), ==, 3);

  for (guint i = 0; i < 2; i++)
    {
      GMimeObject *image = nth_part (related, i + 1);
      g_autofree char *type = mime_type_of (image);
      g_autoptr(GMimeStream) stream = NULL;
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
      GByteArray *data = g_byte_array_new ();
      GdkPixbuf *pixbuf;

      g_assert_cmpstr (type, ==, types[i]);
      stream = g_mime_stream_mem_new_with_byte_array (data);
      g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (image)), stream);
      g_assert_true (gdk_pixbuf_loader_write (loader, data->data, data->len, &error));
      g_assert_true (gdk_pixbuf_loader_close (loader, &error));
      pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 1200);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 675);
    }

  g_unlink (photo_path);
  g_unlink (chart_path);
  g_rmdir (dir);
}

/* The same draft without its folder (a draft never saved to a file)
 * exports as before: no related part, the images' words instead */
static void
test_local_images_without_folder (void)
{
  const char *markdown = "# Photos\n\n![Logo](images/partnership-logo.png)\n";
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autofree char *type = NULL;
  GMimeObject *root;

  bytes = bulletin_export_render_with_base (BULLETIN_EXPORT_EML, markdown, strlen (markdown),
                                            NULL, NULL, NULL, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_null (warnings);
  message = parse (bytes);
  root = g_mime_message_get_mime_part (message);
  g_assert_cmpint (g_mime_multipart_get_count (GMIME_MULTIPART (root)), ==, 2);
  type = mime_type_of (nth_part (root, 1));
  g_assert_cmpstr (type, ==, "text/html");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/eml/fixture", test_fixture);
  g_test_add_func ("/eml/no-sender", test_no_sender);
  g_test_add_func ("/eml/invalid-address", test_invalid_address);
  g_test_add_func ("/eml/address-lists", test_address_lists);
  g_test_add_func ("/eml/long-subjects", test_long_subjects);
  g_test_add_func ("/eml/subject-like-a-placeholder", test_subject_like_a_placeholder);
  g_test_add_func ("/eml/long-lines", test_long_lines);
  g_test_add_func ("/eml/encode-in-pieces", test_encode_in_pieces);
  g_test_add_func ("/eml/local-images", test_local_images);
  g_test_add_func ("/eml/local-images-scaled", test_local_images_scaled);
  g_test_add_func ("/eml/local-images-without-folder", test_local_images_without_folder);

  return g_test_run ();
}
