/* bulletin-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "bulletin-file.h"
#include "bulletin-images.h"

/* Images beside the draft: `![logo](images/logo.png)` names a file
 * relative to the draft's folder. Their size is read from the file's
 * header by gdk-pixbuf, never by decoding here. */

/**
 * bulletin_image_resolve_local:
 * @base: (nullable): the draft's folder
 * @url: an image's address, as written in the draft
 *
 * Returns: (transfer full) (nullable): the file @url names, or %NULL
 *   when it is not a local address (it has a scheme, or is an anchor)
 *   or there is no @base
 */
GFile *
bulletin_image_resolve_local (GFile      *base,
                              const char *url)
{
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;

  g_return_val_if_fail (base == NULL || G_IS_FILE (base), NULL);

  if (base == NULL || url == NULL)
    return NULL;

  while (g_ascii_isspace (*url))
    url++;
  if (*url == '\0' || *url == '#' || g_str_has_prefix (url, "//") ||
      g_uri_peek_scheme (url) != NULL)
    return NULL;

  path = g_strndup (url, strcspn (url, "?#"));
  g_strchomp (path);
  if (*path == '\0')
    return NULL;

  /* "my%20logo.png" is the file "my logo.png" */
  decoded = g_uri_unescape_string (path, "/");
  return g_file_resolve_relative_path (base, decoded != NULL ? decoded : path);
}

static void
size_prepared_cb (int *size,
                  int  width,
                  int  height)
{
  size[0] = width;
  size[1] = height;
}

/**
 * bulletin_image_query:
 * @file: an image file
 * @info: (out caller-allocates): its type, size in pixels and in bytes;
 *   clear with bulletin_image_info_clear()
 * @error: return location for an error that says, in plain words, why
 *   the file cannot be used as an image
 *
 * Reads only the file's header.
 *
 * Returns: %TRUE if @file is an image gdk-pixbuf knows
 */
gboolean
bulletin_image_query (GFile              *file,
                      BulletinImageInfo  *info,
                      GError            **error)
{
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) types = NULL;
  GdkPixbufFormat *format;
  int width = 0, height = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);

  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (file_info == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("there is no file “%s”"), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL || g_file_info_get_file_type (file_info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not a file"));
      return FALSE;
    }

  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not an image, or it is damaged"));
      return FALSE;
    }

  types = gdk_pixbuf_format_get_mime_types (format);
  info->mime_type = g_strdup (types != NULL && types[0] != NULL ? types[0] : "application/octet-stream");
  info->width = width;
  info->height = height;
  info->size = g_file_info_get_size (file_info);
  return TRUE;
}

void
bulletin_image_info_clear (BulletinImageInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->mime_type, g_free);
}

/**
 * bulletin_image_email_width:
 * @info: an image's info
 *
 * Returns: the width to write on its `<img>`: its own, at most the
 *   column's
 */
guint
bulletin_image_email_width (const BulletinImageInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);

  return (guint)CLAMP (info->width, 0, BULLETIN_IMAGE_COLUMN_WIDTH);
}

/**
 * bulletin_image_type_is_for_email:
 * @mime_type: an image's type
 *
 * Returns: %TRUE for the types every mail client shows: PNG, JPEG and
 *   GIF (Outlook shows no WebP, and none shows SVG)
 */
gboolean
bulletin_image_type_is_for_email (const char *mime_type)
{
  g_return_val_if_fail (mime_type != NULL, FALSE);

  return g_str_equal (mime_type, "image/png") || g_str_equal (mime_type, "image/jpeg") ||
         g_str_equal (mime_type, "image/gif");
}

/**
 * bulletin_image_query_bytes:
 * @data: an image's bytes
 * @info: (out caller-allocates): as for bulletin_image_query()
 * @error: return location for an error that says, in plain words, why
 *   the bytes cannot be used as an image
 *
 * Like bulletin_image_query(), for an image held in memory (one kept in
 * the database): gdk-pixbuf reads only as far as the size.
 *
 * Returns: %TRUE if @data is an image gdk-pixbuf knows
 */
gboolean
bulletin_image_query_bytes (GBytes             *data,
                            BulletinImageInfo  *info,
                            GError            **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_auto(GStrv) types = NULL;
  GdkPixbufFormat *format;
  int size[2] = { 0, 0 };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);

  /* the size is known once the header is read: no need to decode */
  g_signal_connect_swapped (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  gdk_pixbuf_loader_close (loader, NULL);
  format = gdk_pixbuf_loader_get_format (loader);
  if (format == NULL || size[0] <= 0 || size[1] <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it is not an image, or it is damaged"));
      return FALSE;
    }

  types = gdk_pixbuf_format_get_mime_types (format);
  info->mime_type = g_strdup (types != NULL && types[0] != NULL ? types[0] : "application/octet-stream");
  info->width = size[0];
  info->height = size[1];
  info->size = g_bytes_get_size (data);
  return TRUE;
}

static GBytes *
encode_scaled (GdkPixbuf               *scaled,
               const BulletinImageInfo *info,
               char                   **mime_type,
               GError                 **error)
{
  gboolean jpeg = g_strcmp0 (info->mime_type, "image/jpeg") == 0;
  char *data = NULL;
  gsize len = 0;

  if (!(jpeg ? gdk_pixbuf_save_to_buffer (scaled, &data, &len, "jpeg", error, "quality", "85", NULL)
             : gdk_pixbuf_save_to_buffer (scaled, &data, &len, "png", error, NULL)))
    return NULL;

  *mime_type = g_strdup (jpeg ? "image/jpeg" : "image/png");
  return g_bytes_new_take (data, len);
}

/**
 * bulletin_image_scale_bytes_for_email:
 * @data: an image's bytes
 * @info: what bulletin_image_query_bytes() said of it
 * @mime_type: (out) (transfer full): the type of the bytes returned
 * @error: return location for an error
 *
 * Like bulletin_image_scale_for_email(), for an image held in memory.
 *
 * Returns: (transfer full) (nullable): the scaled image, or %NULL with no
 *   error when the image is small enough as it is
 */
GBytes *
bulletin_image_scale_bytes_for_email (GBytes                  *data,
                                      const BulletinImageInfo *info,
                                      char                   **mime_type,
                                      GError                 **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  *mime_type = NULL;
  if (info->width <= BULLETIN_IMAGE_MAX_WIDTH || g_strcmp0 (info->mime_type, "image/gif") == 0)
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (data);
  scaled = gdk_pixbuf_new_from_stream_at_scale (stream, BULLETIN_IMAGE_MAX_WIDTH, -1, TRUE, NULL, error);
  if (scaled == NULL)
    return NULL;
  return encode_scaled (scaled, info, mime_type, error);
}

/**
 * bulletin_image_scale_for_email:
 * @file: an image file
 * @info: what bulletin_image_query() said of it
 * @mime_type: (out) (transfer full): the type of the bytes returned
 * @error: return location for an error
 *
 * A photo straight from a phone is 4,000 px wide and several megabytes:
 * every recipient downloads all of it to see it at 544 px. An image wider
 * than %BULLETIN_IMAGE_MAX_WIDTH is scaled down to that width (twice the
 * column, for screens of two pixels a point), keeping its proportions;
 * photos stay JPEG, everything else becomes PNG. Animated GIFs are left
 * alone, since scaling would stop them.
 *
 * Returns: (transfer full) (nullable): the scaled image, or %NULL with no
 *   error when the image is small enough as it is
 */
GBytes *
bulletin_image_scale_for_email (GFile                   *file,
                                const BulletinImageInfo *info,
                                char                   **mime_type,
                                GError                 **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);

  *mime_type = NULL;
  if (info->width <= BULLETIN_IMAGE_MAX_WIDTH || g_strcmp0 (info->mime_type, "image/gif") == 0)
    return NULL;

  path = g_file_get_path (file);
  if (path == NULL)
    return NULL;

  scaled = gdk_pixbuf_new_from_file_at_scale (path, BULLETIN_IMAGE_MAX_WIDTH, -1, TRUE, error);
  if (scaled == NULL)
    return NULL;
  return encode_scaled (scaled, info, mime_type, error);
}

/**
 * bulletin_image_prepare_for_draft:
 * @data: what was dropped or pasted
 * @name: its file name, as "photo.webp"
 * @out_name: (out) (transfer full): the name to keep it under
 * @error: return location for an error that says, in plain words, why
 *   it is no image
 *
 * An image dropped or pasted into a draft is kept as it is when every
 * mail client shows its type (PNG, JPEG, GIF); any other type gdk-pixbuf
 * reads (WebP, BMP, TIFF…) becomes a PNG, its name ending in .png.
 *
 * Returns: (transfer full) (nullable): the bytes to keep
 */
GBytes *
bulletin_image_prepare_for_draft (GBytes      *data,
                                  const char  *name,
                                  char       **out_name,
                                  GError     **error)
{
  BulletinImageInfo info = { 0 };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *base = NULL;
  char *png = NULL;
  gsize len = 0;
  char *dot;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (out_name != NULL, NULL);

  *out_name = NULL;
  if (!bulletin_image_query_bytes (data, &info, error))
    return NULL;

  /* a name that is only a name: never a way out of the images folder */
  base = g_path_get_basename (name);
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  if (*base == '.' || *base == '\0' || g_str_equal (base, G_DIR_SEPARATOR_S))
    {
      g_free (base);
      base = g_strdup ("image");
    }

  if (bulletin_image_type_is_for_email (info.mime_type))
    {
      bulletin_image_info_clear (&info);
      *out_name = g_steal_pointer (&base);
      return g_bytes_ref (data);
    }
  bulletin_image_info_clear (&info);

  stream = g_memory_input_stream_new_from_bytes (data);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL || !gdk_pixbuf_save_to_buffer (pixbuf, &png, &len, "png", error, NULL))
    return NULL;

  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  *out_name = g_strconcat (base, ".png", NULL);
  return g_bytes_new_take (png, len);
}

static gboolean
same_bytes (GFile  *file,
            GBytes *data)
{
  g_autoptr(GBytes) there = g_file_load_bytes (file, NULL, NULL, NULL);

  return there != NULL && g_bytes_equal (there, data);
}

/**
 * bulletin_image_copy_beside:
 * @folder: the draft's folder
 * @data: the image, from bulletin_image_prepare_for_draft()
 * @name: its name
 * @url: (out) (transfer full): its address relative to @folder, escaped
 *   for Markdown, as "images/Pasted%20image.png"
 * @error: return location for an error
 *
 * Keeps an image dropped or pasted into a draft that has a file in an
 * "images" folder beside it, where the exports, the preview and the
 * checks find it, and where it goes along when the folder is copied. A
 * file of that name with other bytes is never replaced: the copy gets
 * another name; the same bytes already there are used as they are.
 *
 * Returns: %TRUE when the image is there
 */
gboolean
bulletin_image_copy_beside (GFile       *folder,
                            GBytes      *data,
                            const char  *name,
                            char       **url,
                            GError     **error)
{
  g_autoptr(GFile) images = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *escaped = NULL;
  const char *ext = "";
  char *dot;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  *url = NULL;
  images = g_file_get_child (folder, "images");
  if (!g_file_make_directory_with_parents (images, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stem = g_strdup (name);
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    {
      ext = name + (dot - stem);
      *dot = '\0';
    }
  for (guint i = 1;; i++)
    {
      g_clear_pointer (&chosen, g_free);
      g_clear_object (&target);
      chosen = i == 1 ? g_strdup (name) : g_strdup_printf ("%s-%u%s", stem, i, ext);
      target = g_file_get_child (images, chosen);
      if (!g_file_query_exists (target, NULL))
        break;
      if (same_bytes (target, data))
        goto done;
    }

  {
    gsize len;
    const char *bytes = g_bytes_get_data (data, &len);

    if (!bulletin_file_replace (target, bytes, len, NULL, error))
      return FALSE;
  }

done:
  escaped = g_uri_escape_string (chosen, NULL, FALSE);
  *url = g_strconcat ("images/", escaped, NULL);
  return TRUE;
}

/**
 * bulletin_image_markdown:
 * @alt: the image's words, as its name
 * @url: its address, escaped
 *
 * Returns: (transfer full): `![alt](url)`, with what would end the alt
 *   text early escaped
 */
char *
bulletin_image_markdown (const char *alt,
                         const char *url)
{
  GString *out = g_string_new ("![");

  g_return_val_if_fail (alt != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  for (const char *p = alt; *p != '\0'; p++)
    {
      if (strchr ("[]\\*_`<>!", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p == '\n' ? ' ' : *p);
    }
  g_string_append (out, "](");
  g_string_append (out, url);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}
