/* bulletin-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-eml.h"
#include "bulletin-export-private.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-text.h"

G_DEFINE_QUARK (bulletin-export-error-quark, bulletin_export_error)

/* One draft, three ways to send it: the same code serves the command
 * line (synchronously) and the window (on a worker thread, so a large
 * draft never stalls typing). */

/* This file makes the export from the draft; bulletin-export-images.c
 * has the images that go with it, and bulletin-export-async.c the
 * render on a worker thread. */

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

static GBytes *render (BulletinExportFormat   format,
                       const char            *markdown,
                       gsize                  len,
                       const char            *from,
                       const char            *to,
                       const char            *lang,
                       Images                *images,
                       gsize                 *html_size,
                       GError               **error);

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

  bulletin_export_images_init (&images, options->base, mode, options->html_output);
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
  bulletin_export_images_clear (&images);
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
                                                bulletin_export_image_cb, images);
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

