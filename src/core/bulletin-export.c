/* bulletin-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-eml.h"
#include "bulletin-export.h"
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
typedef struct
{
  GFile      *base;
  gboolean    embed;      /* into an .eml, by cid: */
  GHashTable *by_path;    /* path → Image, or NULL when left out */
  GPtrArray  *parts;      /* BulletinEmlImage, in the order first shown */
  GPtrArray  *warnings;   /* char * */
} Images;

static GBytes *render (BulletinExportFormat   format,
                       const char            *markdown,
                       gsize                  len,
                       const char            *from,
                       const char            *to,
                       Images                *images,
                       gsize                 *html_size,
                       GError               **error);

typedef struct
{
  char  *content_id;
  guint  width;
} Image;

static void
image_free (Image *image)
{
  if (image == NULL)
    return;
  g_free (image->content_id);
  g_free (image);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Image, image_free)

static void
images_init (Images *images,
             GFile  *base,
             gboolean embed)
{
  images->base = base;
  images->embed = embed;
  images->by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)image_free);
  images->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_eml_image_free);
  images->warnings = g_ptr_array_new_with_free_func (g_free);
}

static void
images_clear (Images *images)
{
  g_clear_pointer (&images->by_path, g_hash_table_unref);
  g_clear_pointer (&images->parts, g_ptr_array_unref);
  g_clear_pointer (&images->warnings, g_ptr_array_unref);
}

static Image *
load_image (Images     *images,
            GFile      *file,
            GError    **error)
{
  BulletinImageInfo info = { 0 };
  g_autoptr(Image) image = NULL;

  if (!bulletin_image_query (file, &info, error))
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

  if (images->embed)
    {
      g_autoptr(GBytes) data = NULL;
      g_autofree char *scaled_type = NULL;
      g_autofree char *digest = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GError) scale_error = NULL;

      /* never larger than the email needs (issue 14); an image that
       * cannot be scaled goes as it is */
      data = bulletin_image_scale_for_email (file, &info, &scaled_type, &scale_error);
      if (data != NULL)
        {
          g_free (info.mime_type);
          info.mime_type = g_steal_pointer (&scaled_type);
        }
      else
        data = g_file_load_bytes (file, NULL, NULL, error);
      if (data == NULL)
        {
          bulletin_image_info_clear (&info);
          return NULL;
        }
      /* named by its content: the same draft exports the same message,
       * and no two images of one message share a name */
      digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
      digest[16] = '\0';
      image->content_id = g_strdup_printf ("image%u.%s@bulletin.invalid", images->parts->len + 1, digest);
      name = g_file_get_basename (file);
      g_ptr_array_add (images->parts,
                       bulletin_eml_image_new (image->content_id, info.mime_type, name, data));
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
  g_autoptr(GFile) file = bulletin_image_resolve_local (images->base, url);
  g_autofree char *path = NULL;
  Image *image;

  if (file == NULL)
    return FALSE;

  path = g_file_get_path (file);
  if (path == NULL)
    return FALSE;
  if (!g_hash_table_lookup_extended (images->by_path, path, NULL, (gpointer *)&image))
    {
      g_autoptr(GError) error = NULL;

      image = load_image (images, file, &error);
      if (image == NULL)
        /* Translators: the first %s is an image's address in the draft,
         * the second why it cannot be read */
        g_ptr_array_add (images->warnings,
                         g_strdup_printf (_("the image “%s” is left out: %s"), url, error->message));
      g_hash_table_insert (images->by_path, g_strdup (path), image);
    }
  /* left out: its alt text stands in for it, as for any address an
   * email cannot show */
  if (image == NULL)
    return FALSE;

  *width = image->width;
  *src = images->embed ? g_strconcat ("cid:", image->content_id, NULL) : g_strdup (url);
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
 * Like bulletin_export_render_full(). Images beside the draft get their
 * width (at most the email's column); an .eml carries them, and its HTML
 * refers to them by `cid:`. An image that cannot be read is not an
 * error: the update still goes, with the image's alt text, and a warning.
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
  Images images = { 0 };
  GBytes *result;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (format == BULLETIN_EXPORT_HTML || format == BULLETIN_EXPORT_TEXT ||
                        format == BULLETIN_EXPORT_EML, NULL);
  g_return_val_if_fail (base == NULL || G_IS_FILE (base), NULL);

  if (warnings != NULL)
    *warnings = NULL;
  images_init (&images, base, format == BULLETIN_EXPORT_EML);
  result = render (format, markdown, len, from, to, &images, html_size, error);
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
        Images                *images,
        gsize                 *html_size,
        GError               **error)
{
  g_autoptr(BulletinMarkdownReader) reader = NULL;
  g_autofree char *title = NULL;
  g_autofree char *preheader = NULL;
  g_autofree char *lang = NULL;
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
  lang = bulletin_export_document_language ();

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
        bulletin_html_render_block_with_images (html, block, BULLETIN_HTML_NONE,
                                                images->base != NULL ? image_cb : NULL, images);
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
                                               text_part, html_part, images->parts, NULL, error);
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
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->markdown);
  g_free (job->from);
  g_free (job->to);
  g_clear_object (&job->base);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = bulletin_export_render_with_base (job->format, job->markdown, job->len, job->from, job->to,
                                            job->base, NULL, NULL, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
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
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (markdown != NULL);

  job = g_new0 (RenderJob, 1);
  job->format = format;
  job->markdown = g_strndup (markdown, len);
  job->len = len;
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->base = base != NULL ? g_object_ref (base) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_export_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
bulletin_export_render_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
