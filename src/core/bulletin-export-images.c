/* bulletin-export-images.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-eml.h"
#include "bulletin-export-private.h"
#include "bulletin-file.h"

/* The images of an export: read once each, scaled for email, and
 * linked, embedded in an .eml, copied into a folder beside an HTML
 * file or put inline for the clipboard; what cannot go is left out
 * with a warning. */

/* Copy for Email: at most this much image in one clipboard, before
 * base64 (which adds a third): the composer holds the whole message in
 * memory, and mail servers refuse messages of 10 to 25 MB */
#define INLINE_MAX_TOTAL (5 * 1000 * 1000)

typedef struct
{
  char  *src;
  guint  width;
} Image;

static void
image_free (Image *image)
{
  if (image == NULL)
    return;
  g_free (image->src);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

/**
 * bulletin_export_images_folder:
 * @html_output: where an HTML export goes, as "Update 4 December.html"
 *
 * Returns: (transfer full): the folder beside it that its images go in,
 *   "Update 4 December_files", named as browsers name the folder of a
 *   page saved whole, so the two are seen to belong together
 */
GFile *
bulletin_export_images_folder (GFile *html_output)
{
  g_autofree char *name = NULL;
  g_autofree char *folder_name = NULL;
  g_autoptr(GFile) parent = NULL;
  char *dot;

  g_return_val_if_fail (G_IS_FILE (html_output), NULL);

  name = g_file_get_basename (html_output);
  if ((dot = strrchr (name, '.')) != NULL && dot != name)
    *dot = '\0';
  folder_name = g_strconcat (name, "_files", NULL);
  parent = g_file_get_parent (html_output);
  return parent != NULL ? g_file_get_child (parent, folder_name) : g_file_new_for_path (folder_name);
}

void
bulletin_export_images_init (Images     *images,
                             GFile      *base,
                             ImagesMode  mode,
                             GFile      *html_output)
{
  images->base = base;
  images->mode = mode;
  if (mode == IMAGES_FOLDER)
    {
      g_autofree char *name = NULL;
      g_autofree char *escaped = NULL;

      images->folder = bulletin_export_images_folder (html_output);
      name = g_file_get_basename (images->folder);
      escaped = g_uri_escape_string (name, NULL, FALSE);
      images->folder_url = g_strconcat (escaped, "/", NULL);
      images->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  images->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)image_free);
  images->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_eml_image_free);
  images->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
bulletin_export_images_clear (Images *images)
{
  g_clear_object (&images->folder);
  g_clear_pointer (&images->folder_url, g_free);
  g_clear_pointer (&images->names, g_hash_table_unref);
  g_clear_pointer (&images->by_path, g_hash_table_unref);
  g_clear_pointer (&images->parts, g_ptr_array_unref);
  g_clear_pointer (&images->warnings, g_ptr_array_unref);
  g_clear_error (&images->error);
}

/* "logo.png", then "logo-2.png" for another image of the same name from
 * another folder: never one image over another */
static char *
unique_name (Images     *images,
             const char *name)
{
  g_autofree char *stem = g_strdup (name);
  const char *ext = "";
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    {
      ext = name + (dot - stem);
      *dot = '\0';
    }
  if (!g_hash_table_contains (images->names, name))
    return g_strdup (name);
  for (guint i = 2;; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u%s", stem, i, ext);

      if (!g_hash_table_contains (images->names, candidate))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
write_to_folder (Images      *images,
                 const char  *name,
                 GBytes      *data,
                 char       **src,
                 GError     **error)
{
  g_autofree char *unique = unique_name (images, name);
  g_autofree char *escaped = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  if (!g_file_make_directory_with_parents (images->folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  file = g_file_get_child (images->folder, unique);
  /* a copy left half written by a full disk would show as a broken
   * image: all of it or the one that was there */
  if (!bulletin_file_replace (file, bytes, len, NULL, error))
    return FALSE;

  escaped = g_uri_escape_string (unique, NULL, FALSE);
  *src = g_strconcat (images->folder_url, escaped, NULL);
  g_hash_table_add (images->names, g_steal_pointer (&unique));
  return TRUE;
}

/* an image from @file, or one held in memory (@data, named @name) */
static Image *
load_image (Images      *images,
            GFile       *file,
            GBytes      *kept,
            const char  *kept_name,
            GError     **error)
{
  BulletinImageInfo info = { 0 };
  g_autoptr(Image) image = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;

  g_assert ((file == NULL) != (kept == NULL));

  if (file != NULL ? !bulletin_image_query (file, &info, error)
                   : !bulletin_image_query_bytes (kept, &info, error))
    return NULL;
  if (!bulletin_image_type_is_for_email (info.mime_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Mail clients do not all show images of the type %s: use PNG, JPEG or GIF"),
                   info.mime_type);
      bulletin_image_info_clear (&info);
      return NULL;
    }

  image = g_new0 (Image, 1);
  image->width = bulletin_image_email_width (&info);
  name = file != NULL ? g_file_get_basename (file) : g_path_get_basename (kept_name);

  if (images->mode != IMAGES_LINK)
    {
      g_autofree char *scaled_type = NULL;
      g_autoptr(GError) scale_error = NULL;

      /* never larger than the email needs (issue 14); an image that
       * cannot be scaled goes as it is */
      data = file != NULL ? bulletin_image_scale_for_email (file, &info, &scaled_type, &scale_error)
                          : bulletin_image_scale_bytes_for_email (kept, &info, &scaled_type, &scale_error);
      if (data != NULL)
        {
          g_free (info.mime_type);
          info.mime_type = g_steal_pointer (&scaled_type);
        }
      else if (file != NULL)
        data = g_file_load_bytes (file, NULL, NULL, error);
      else
        data = g_bytes_ref (kept);
      if (data == NULL)
        {
          bulletin_image_info_clear (&info);
          return NULL;
        }
    }

  switch (images->mode)
    {
    case IMAGES_LINK:
      /* an address of the application's own means nothing to a browser:
       * the image can only go inside the page */
      if (kept != NULL)
        {
          g_autofree char *base64 = NULL;
          g_autoptr(GBytes) scaled = NULL;
          g_autofree char *scaled_type = NULL;

          scaled = bulletin_image_scale_bytes_for_email (kept, &info, &scaled_type, NULL);
          if (scaled != NULL)
            {
              g_free (info.mime_type);
              info.mime_type = g_steal_pointer (&scaled_type);
            }
          data = scaled != NULL ? g_steal_pointer (&scaled) : g_bytes_ref (kept);
          base64 = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
          image->src = g_strconcat ("data:", info.mime_type, ";base64,", base64, NULL);
        }
      break;

    case IMAGES_EMBED:
      {
        g_autofree char *digest = NULL;
        g_autofree char *content_id = NULL;

        /* named by its content: the same draft exports the same message,
         * and no two images of one message share a name */
        digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
        digest[16] = '\0';
        content_id = g_strdup_printf ("image%u.%s@bulletin.invalid", images->parts->len + 1, digest);
        image->src = g_strconcat ("cid:", content_id, NULL);
        g_ptr_array_add (images->parts,
                         bulletin_eml_image_new (content_id, info.mime_type, name, data));
      }
      break;

    case IMAGES_FOLDER:
      {
        g_autoptr(GError) write_error = NULL;

        if (!write_to_folder (images, name, data, &image->src, &write_error))
          {
            /* the HTML would point at nothing: the export fails, and
             * says why */
            if (images->error == NULL)
              {
                g_autofree char *folder = g_file_get_parse_name (images->folder);

                /* Translators: the first %s is an image's file name, the
                 * second a folder, the third why it could not be written */
                g_set_error (&images->error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_IMAGE_NOT_COPIED,
                             _("The image “%s” could not be copied into “%s”: %s"),
                             name, folder, write_error->message);
              }
            bulletin_image_info_clear (&info);
            return NULL;
          }
      }
      break;

    case IMAGES_INLINE:
      /* Copy for Email: what is pasted is HTML alone, so an image can go
       * with it only inside it. Outlook and Gmail take data: images on
       * paste (they make them attachments of their own); a file: address
       * would show only on this computer. The limit keeps the clipboard,
       * and the message the composer makes, of a sensible size: an image
       * still over 1 MB after scaling is left out with a warning. */
      if (g_bytes_get_size (data) > BULLETIN_IMAGE_MAX_BYTES)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _("it is over 1 MB, too large to copy: export an email draft instead"));
          bulletin_image_info_clear (&info);
          return NULL;
        }
      if (images->inline_total + g_bytes_get_size (data) > INLINE_MAX_TOTAL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _("the images before it already come to 5 MB, as much as one copy takes: export an email draft instead"));
          bulletin_image_info_clear (&info);
          return NULL;
        }
      images->inline_total += g_bytes_get_size (data);
      {
        g_autofree char *base64 = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));

        image->src = g_strconcat ("data:", info.mime_type, ";base64,", base64, NULL);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  bulletin_image_info_clear (&info);
  return g_steal_pointer (&image);
}

gboolean
bulletin_export_image_cb (const char  *url,
                          char       **src,
                          guint       *width,
                          gpointer     user_data)
{
  Images *images = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) resolve_error = NULL;
  Image *image;

  /* an image of the application's own (kept in its database), else a
   * file beside the draft */
  if (images->resolve != NULL)
    {
      if (g_hash_table_lookup_extended (images->by_path, url, NULL, (gpointer *)&image))
        goto found;
      kept = images->resolve (url, &kept_name, images->resolve_data, &resolve_error);
      if (kept != NULL || resolve_error != NULL)
        path = g_strdup (url);
    }
  if (path == NULL && images->resolve == NULL &&
      g_ascii_strncasecmp (url, BULLETIN_IMAGE_SCHEME ":", strlen (BULLETIN_IMAGE_SCHEME ":")) == 0)
    {
      if (!g_hash_table_contains (images->by_path, url))
        {
          g_hash_table_insert (images->by_path, g_strdup (url), NULL);
          g_ptr_array_add (images->warnings,
                           g_strdup_printf (_("the image “%s” is left out: %s"), url,
                                            _("it was pasted into Bulletin and is kept in its drafts database, which only the window reads")));
        }
      return FALSE;
    }
  if (path == NULL)
    {
      file = bulletin_image_resolve_local (images->base, url);
      if (file == NULL)
        return FALSE;
      path = g_file_get_path (file);
      if (path == NULL)
        return FALSE;
    }
  if (!g_hash_table_lookup_extended (images->by_path, path, NULL, (gpointer *)&image))
    {
      g_autoptr(GError) error = g_steal_pointer (&resolve_error);

      if (error == NULL)
        image = load_image (images, kept != NULL ? NULL : file, kept,
                            kept_name != NULL ? kept_name : "image", &error);
      else
        image = NULL;
      if (image == NULL && error != NULL)
        /* Translators: the first %s is an image's address in the draft,
         * the second why it cannot be read */
        g_ptr_array_add (images->warnings,
                         g_strdup_printf (_("the image “%s” is left out: %s"), url, error->message));
      g_hash_table_insert (images->by_path, g_strdup (path), image);
    }
found:
  /* left out: its alt text stands in for it, as for any address an
   * email cannot show */
  if (image == NULL)
    return FALSE;

  *width = image->width;
  *src = image->src != NULL ? g_strdup (image->src) : g_strdup (url);
  return TRUE;
}

