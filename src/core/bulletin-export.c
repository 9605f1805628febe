/* bulletin-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-file.h"
#include "bulletin-html.h"
#include "bulletin-images.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-text.h"

G_DEFINE_QUARK (bulletin-export-error-quark, bulletin_export_error)

/* One draft, three ways to send it: the same code serves the command
 * line (synchronously) and the window (on a worker thread, so a large
 * draft never stalls typing). */

/**
 * bulletin_export_document_language:
 *
 * Returns: (transfer full): the language for `<html lang>` from the
 *   user's locale ("en_GB.UTF-8" becomes "en-GB"), "en" when unknown
 */
char *
bulletin_export_document_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lang = g_strdup (names[i]);
      char *cut;

      if ((cut = strpbrk (lang, ".@")) != NULL)
        *cut = '\0';
      if (*lang == '\0' || g_str_equal (lang, "C") || g_str_equal (lang, "POSIX"))
        continue;
      g_strdelimit (lang, "_", '-');
      return g_steal_pointer (&lang);
    }

  return g_strdup ("en");
}

const char *
bulletin_export_format_suffix (BulletinExportFormat format)
{
  switch (format)
    {
    case BULLETIN_EXPORT_HTML:
      return ".html";
    case BULLETIN_EXPORT_TEXT:
      return ".txt";
    case BULLETIN_EXPORT_EML:
      return ".eml";
    default:
      g_return_val_if_reached (".txt");
    }
}

/* The shell of an email takes its subject and its preheader from the
 * first heading and the first paragraph: usually in the first part of
 * the draft, which the rewind then keeps without a second parse.
 * Returns FALSE for a draft with no block at all. */
static gboolean
find_title_and_preheader (BulletinMarkdownReader  *reader,
                          char                   **title,
                          char                   **preheader)
{
  g_autofree char *paragraph_title = NULL;
  gboolean have_heading = FALSE;
  gboolean have_paragraph = FALSE;
  gboolean any = FALSE;
  cmark_node *block;

  *title = *preheader = NULL;
  while (!(have_heading && (have_paragraph || *preheader != NULL)) &&
         (block = bulletin_markdown_reader_next (reader)) != NULL)
    {
      cmark_node_type type = cmark_node_get_type (block);

      any = TRUE;
      if (type == CMARK_NODE_HEADING && !have_heading)
        {
          *title = bulletin_markdown_block_title (block);
          have_heading = TRUE;
        }
      else if (type == CMARK_NODE_PARAGRAPH && !have_paragraph)
        {
          if (paragraph_title == NULL)
            paragraph_title = bulletin_markdown_block_title (block);
          if (*preheader == NULL)
            *preheader = bulletin_html_paragraph_preheader (block);
          /* a paragraph of images only has no first line: read on */
          have_paragraph = *preheader != NULL;
        }

      /* an update that opens with a list or a quote: its first words */
      if (*preheader == NULL && !have_paragraph && type != CMARK_NODE_PARAGRAPH)
        {
          cmark_node *first = bulletin_html_first_paragraph (block);

          if (first != NULL)
            *preheader = bulletin_html_paragraph_preheader (first);
        }
    }

  if (!have_heading)
    *title = g_steal_pointer (&paragraph_title);
  bulletin_markdown_reader_rewind (reader);
  return any;
}

/**
 * bulletin_export_render:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @error: return location for an error (an invalid address)
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render (BulletinExportFormat   format,
                        const char            *markdown,
                        gsize                  len,
                        const char            *from,
                        const char            *to,
                        GError               **error)
{
  return bulletin_export_render_full (format, markdown, len, from, to, NULL, error);
}

/**
 * bulletin_export_render_full:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @html_size: (out) (optional): the size of the email's HTML, in the
 *   file or in the .eml's HTML part, as Gmail counts it to clip; 0 for
 *   plain text
 * @error: return location for an error (an invalid address)
 *
 * Like bulletin_export_render(), and says how large the HTML is (see
 * bulletin_html_exceeds_gmail_clip()).
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render_full (BulletinExportFormat   format,
                             const char            *markdown,
                             gsize                  len,
                             const char            *from,
                             const char            *to,
                             gsize                 *html_size,
                             GError               **error)
{
  return bulletin_export_render_with_base (format, markdown, len, from, to, NULL,
                                           html_size, NULL, error);
}

/* The images beside the draft, each looked at once however often it is
 * shown */
typedef enum
{
  IMAGES_LINK,      /* the address as written, with a width */
  IMAGES_EMBED,     /* into an .eml, by cid: */
  IMAGES_FOLDER,    /* copied into a folder beside an HTML file */
  IMAGES_INLINE,    /* as data: addresses, for the clipboard */
} ImagesMode;

typedef struct
{
  GFile      *base;
  BulletinImageResolver resolve;
  gpointer    resolve_data;
  ImagesMode  mode;
  GFile      *folder;     /* IMAGES_FOLDER: where they go */
  char       *folder_url; /* …and how the HTML names it, escaped, with a '/' */
  GHashTable *names;      /* IMAGES_FOLDER: the file names taken */
  GHashTable *by_path;    /* path or address → Image, or NULL when left out */
  GPtrArray  *parts;      /* BulletinEmlImage, in the order first shown */
  GPtrArray  *warnings;   /* char * */
  GError     *error;      /* IMAGES_FOLDER: the first image not written */
  gsize       inline_total; /* IMAGES_INLINE: bytes of images so far */
} Images;

/* Copy for Email: at most this much image in one clipboard, before
 * base64 (which adds a third): the composer holds the whole message in
 * memory, and mail servers refuse messages of 10 to 25 MB */
#define INLINE_MAX_TOTAL (5 * 1000 * 1000)

static GBytes *render (BulletinExportFormat   format,
                       const char            *markdown,
                       gsize                  len,
                       const char            *from,
                       const char            *to,
                       const char            *lang,
                       Images                *images,
                       gsize                 *html_size,
                       GError               **error);

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

static void
images_init (Images     *images,
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

static void
images_clear (Images *images)
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

static gboolean
image_cb (const char  *url,
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

/**
 * bulletin_export_render_with_base:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @base: (nullable): the draft's folder, which images with a relative
 *   address are read from; %NULL for a draft without one
 * @html_size: (out) (optional): as for bulletin_export_render_full()
 * @warnings: (out) (optional) (transfer full) (array zero-terminated=1):
 *   what the export left out and why (an image that cannot be read), or
 *   %NULL when nothing was
 * @error: return location for an error (an invalid address)
 *
 * Like bulletin_export_render_with_options() with only these options.
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render_with_base (BulletinExportFormat   format,
                                  const char            *markdown,
                                  gsize                  len,
                                  const char            *from,
                                  const char            *to,
                                  GFile                 *base,
                                  gsize                 *html_size,
                                  char                ***warnings,
                                  GError               **error)
{
  BulletinExportOptions options = { .from = from, .to = to, .base = base };

  return bulletin_export_render_with_options (format, markdown, len, &options, html_size, warnings, error);
}

/**
 * bulletin_export_language_is_valid:
 * @tag: (nullable): what may be a language tag
 *
 * Returns: %TRUE when @tag has the form of a BCP 47 tag: a language of
 *   two or three letters, then subtags of letters and digits, as "en",
 *   "en-GB", "sr-Latn-RS" or "zh-Hant"
 */
gboolean
bulletin_export_language_is_valid (const char *tag)
{
  g_auto(GStrv) subtags = NULL;
  gsize primary;

  if (tag == NULL || *tag == '\0' || strlen (tag) > 64)
    return FALSE;

  subtags = g_strsplit (tag, "-", 0);
  primary = strlen (subtags[0]);
  if (primary < 2 || primary > 3)
    return FALSE;
  for (guint i = 0; subtags[i] != NULL; i++)
    {
      gsize n = strlen (subtags[i]);

      if (n == 0 || n > 8)
        return FALSE;
      for (gsize j = 0; j < n; j++)
        if (!g_ascii_isalnum (subtags[i][j]) || (i == 0 && !g_ascii_isalpha (subtags[i][j])))
          return FALSE;
    }
  return TRUE;
}

/**
 * bulletin_export_resolve_language:
 * @setting: (nullable): the language the author chose, "" for none
 *
 * Returns: (transfer full): @setting when it is a language tag, else the
 *   one of the user's locale (bulletin_export_document_language())
 */
char *
bulletin_export_resolve_language (const char *setting)
{
  g_autofree char *tag = g_strstrip (g_strdup (setting != NULL ? setting : ""));

  /* "en_GB", as the spelling setting writes it, is meant as "en-GB" */
  g_strdelimit (tag, "_", '-');
  if (bulletin_export_language_is_valid (tag))
    return g_steal_pointer (&tag);
  return bulletin_export_document_language ();
}

/**
 * bulletin_export_render_with_options:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @options: (nullable): how; %NULL for the defaults
 * @html_size: (out) (optional): as for bulletin_export_render_full()
 * @warnings: (out) (optional) (transfer full) (array zero-terminated=1):
 *   what the export left out and why (an image that cannot be read), or
 *   %NULL when nothing was
 * @error: return location for an error (an invalid address, an image
 *   that could not be copied beside the HTML)
 *
 * Like bulletin_export_render_full(). Images beside the draft get their
 * width (at most the email's column); an .eml carries them, and its HTML
 * refers to them by `cid:`; an HTML export with @html_output set copies
 * them into a folder beside it. An image that cannot be read is not an
 * error: the update still goes, with the image's alt text, and a warning.
 *
 * The HTML says the update's language (`lang`, and `dir="rtl"` for a
 * language written right to left); the .eml also in Content-Language.
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render_with_options (BulletinExportFormat          format,
                                     const char                   *markdown,
                                     gsize                         len,
                                     const BulletinExportOptions  *options,
                                     gsize                        *html_size,
                                     char                       ***warnings,
                                     GError                      **error)
{
  static const BulletinExportOptions defaults = { 0 };
  Images images = { 0 };
  ImagesMode mode = IMAGES_LINK;
  g_autofree char *lang = NULL;
  GBytes *result;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (format == BULLETIN_EXPORT_HTML || format == BULLETIN_EXPORT_TEXT ||
                        format == BULLETIN_EXPORT_EML, NULL);

  if (options == NULL)
    options = &defaults;
  g_return_val_if_fail (options->base == NULL || G_IS_FILE (options->base), NULL);
  g_return_val_if_fail (options->html_output == NULL || G_IS_FILE (options->html_output), NULL);

  if (warnings != NULL)
    *warnings = NULL;
  if (format == BULLETIN_EXPORT_EML)
    mode = IMAGES_EMBED;
  else if (format == BULLETIN_EXPORT_HTML && options->html_output != NULL)
    mode = IMAGES_FOLDER;
  else if (format == BULLETIN_EXPORT_HTML && options->inline_images)
    mode = IMAGES_INLINE;
  lang = bulletin_export_resolve_language (options->language);

  images_init (&images, options->base, mode, options->html_output);
  images.resolve = options->resolve_image;
  images.resolve_data = options->resolve_data;
  result = render (format, markdown, len, options->from, options->to, lang, &images, html_size, error);
  if (result != NULL && images.error != NULL)
    {
      g_clear_pointer (&result, g_bytes_unref);
      g_propagate_error (error, g_steal_pointer (&images.error));
    }
  if (warnings != NULL && images.warnings->len > 0)
    {
      g_ptr_array_add (images.warnings, NULL);
      *warnings = (char **)g_ptr_array_free (g_steal_pointer (&images.warnings), FALSE);
    }
  images_clear (&images);
  return result;
}

static GBytes *
render (BulletinExportFormat   format,
        const char            *markdown,
        gsize                  len,
        const char            *from,
        const char            *to,
        const char            *lang,
        Images                *images,
        gsize                 *html_size,
        GError               **error)
{
  g_autoptr(BulletinMarkdownReader) reader = NULL;
  g_autofree char *title = NULL;
  g_autofree char *preheader = NULL;
  GString *html = NULL;
  BulletinEmlEncoder *html_encoder = NULL;
  BulletinTextRenderer *text = NULL;
  cmark_node *block;
  gsize size = 0;
  gsize n_blocks = 0;

  g_assert (markdown != NULL);

  if (html_size == NULL)
    html_size = &size;
  *html_size = 0;

  /* A part of the draft at a time, and each block into every output
   * that wants it: memory is the outputs plus one part's tree, however
   * long the draft (issue 12). */
  reader = bulletin_markdown_reader_new (markdown, len);

  /* an email with no subject, an empty <title> and nothing in it is
   * never what the author meant to send */
  if (!find_title_and_preheader (reader, &title, &preheader))
    {
      g_set_error_literal (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_EMPTY,
                           _("The draft is empty: there is nothing to send yet"));
      return NULL;
    }
  if (format != BULLETIN_EXPORT_TEXT)
    {
      html = g_string_sized_new (4096);
      bulletin_html_begin_email (html, title != NULL ? title : "", lang, preheader);
    }
  if (format != BULLETIN_EXPORT_HTML)
    text = bulletin_text_renderer_new (BULLETIN_TEXT_DEFAULT_WIDTH);
  /* the .eml's HTML is encoded as it comes and never held whole */
  if (format == BULLETIN_EXPORT_EML)
    html_encoder = bulletin_eml_encoder_new ();

  while ((block = bulletin_markdown_reader_next (reader)) != NULL)
    {
      n_blocks++;
      if (html != NULL)
        bulletin_html_render_block_with_images (html, block,
                                                bulletin_html_language_is_rtl (lang) ? BULLETIN_HTML_RTL
                                                                                     : BULLETIN_HTML_NONE,
                                                image_cb, images);
      if (text != NULL)
        bulletin_text_renderer_add_block (text, block);
      if (html_encoder != NULL && html->len >= 64 * 1024)
        {
          bulletin_eml_encoder_add (html_encoder, html->str, html->len);
          *html_size += html->len;
          g_string_truncate (html, 0);
        }
    }
  g_clear_pointer (&reader, bulletin_markdown_reader_free);
  g_assert (n_blocks > 0);

  if (html != NULL)
    {
      bulletin_html_end_email (html);
      *html_size += html->len;
    }

  switch (format)
    {
    case BULLETIN_EXPORT_HTML:
      return g_string_free_to_bytes (html);

    case BULLETIN_EXPORT_TEXT:
      {
        char *result = bulletin_text_renderer_finish (text);

        return g_bytes_new_take (result, strlen (result));
      }

    case BULLETIN_EXPORT_EML:
    default:
      {
        g_autofree char *plain = bulletin_text_renderer_finish (text);
        GBytes *text_part = bulletin_eml_encode_body (plain);
        GBytes *html_part;

        g_clear_pointer (&plain, g_free);
        bulletin_eml_encoder_add (html_encoder, html->str, html->len);
        g_string_free (html, TRUE);
        html_part = bulletin_eml_encoder_finish (html_encoder);

        return bulletin_eml_build_with_images (title != NULL ? title : "", from, to,
                                               text_part, html_part, images->parts, lang, NULL, error);
      }
    }
}

typedef struct
{
  BulletinExportFormat format;
  char *markdown;
  gsize len;
  char *from;
  char *to;
  GFile *base;
  char *language;
  GFile *html_output;
  gboolean inline_images;
  BulletinImageResolver resolve_image;
  GObject *resolve_data;
  char **warnings;        /* written by the worker, read once it is done */
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->markdown);
  g_free (job->from);
  g_free (job->to);
  g_clear_object (&job->base);
  g_free (job->language);
  g_clear_object (&job->html_output);
  g_clear_object (&job->resolve_data);
  g_strfreev (job->warnings);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  BulletinExportOptions options = {
    .from = job->from,
    .to = job->to,
    .base = job->base,
    .language = job->language,
    .html_output = job->html_output,
    .inline_images = job->inline_images,
    .resolve_image = job->resolve_image,
    .resolve_data = job->resolve_data,
  };
  GError *error = NULL;
  GBytes *bytes;

  bytes = bulletin_export_render_with_options (job->format, job->markdown, job->len, &options,
                                               NULL, &job->warnings, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/**
 * bulletin_export_render_with_options_async:
 * @options: (nullable): as for bulletin_export_render_with_options(),
 *   copied
 *
 * Like bulletin_export_render_with_options(), on a worker thread;
 * @markdown is copied. With @options's html_output, the images are
 * copied beside it on the worker too. The image resolver's data, if any,
 * must be a #GObject (as a #BulletinStore), which is kept until the
 * render ends.
 */
void
bulletin_export_render_with_options_async (BulletinExportFormat         format,
                                           const char                  *markdown,
                                           gsize                        len,
                                           const BulletinExportOptions *options,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (markdown != NULL);

  job = g_new0 (RenderJob, 1);
  job->format = format;
  job->markdown = g_strndup (markdown, len);
  job->len = len;
  if (options != NULL)
    {
      job->from = g_strdup (options->from);
      job->to = g_strdup (options->to);
      job->base = options->base != NULL ? g_object_ref (options->base) : NULL;
      job->language = g_strdup (options->language);
      job->html_output = options->html_output != NULL ? g_object_ref (options->html_output) : NULL;
      job->inline_images = options->inline_images;
      job->resolve_image = options->resolve_image;
      if (options->resolve_image != NULL && options->resolve_data != NULL)
        {
          g_return_if_fail (G_IS_OBJECT (options->resolve_data));
          job->resolve_data = g_object_ref (options->resolve_data);
        }
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_export_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * bulletin_export_render_async:
 * @base: (nullable): the draft's folder, where images with a relative
 *   address are (see bulletin_export_render_with_base())
 *
 * Like bulletin_export_render(), on a worker thread; @markdown is copied.
 */
void
bulletin_export_render_async (BulletinExportFormat  format,
                              const char           *markdown,
                              gsize                 len,
                              const char           *from,
                              const char           *to,
                              GFile                *base,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  BulletinExportOptions options = { .from = from, .to = to, .base = base };

  bulletin_export_render_with_options_async (format, markdown, len, &options, cancellable,
                                             callback, user_data);
}

GBytes *
bulletin_export_render_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bulletin_export_render_get_warnings:
 * @result: the result given to the callback of
 *   bulletin_export_render_with_options_async()
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): what the
 *   export left out and why, as for bulletin_export_render_with_options(),
 *   or %NULL when nothing was
 */
const char * const *
bulletin_export_render_get_warnings (GAsyncResult *result)
{
  RenderJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job != NULL ? (const char * const *)job->warnings : NULL;
}
