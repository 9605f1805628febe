/* bulletin-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-images.h"

G_BEGIN_DECLS

#define BULLETIN_EXPORT_ERROR (bulletin_export_error_quark ())

typedef enum
{
  BULLETIN_EXPORT_ERROR_EMPTY,
  BULLETIN_EXPORT_ERROR_IMAGE_NOT_COPIED,
} BulletinExportError;

typedef enum
{
  BULLETIN_EXPORT_HTML,
  BULLETIN_EXPORT_TEXT,
  BULLETIN_EXPORT_EML,
} BulletinExportFormat;

/**
 * BulletinExportOptions:
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @base: (nullable): the draft's folder, which images with a relative
 *   address are read from; %NULL for a draft without one
 * @language: (nullable): the update's language, a BCP 47 tag such as
 *   "en-GB" or "ar"; %NULL, empty or not a tag: the user's locale's
 * @html_output: (nullable): for HTML only, the file the HTML will be
 *   written to: images beside the draft are copied into a folder next to
 *   it (see bulletin_export_images_folder()) and linked relatively
 * @inline_images: for HTML only: images beside the draft go in the HTML
 *   itself as `data:` addresses, for the clipboard
 * @resolve_image: (nullable): reads the images that are not files
 * @resolve_data: (closure): for @resolve_image; a #GObject when the
 *   render is asynchronous (it is kept until the render ends)
 *
 * How to export; zero-initialise it and set what applies.
 */
typedef struct
{
  const char *from;
  const char *to;
  GFile      *base;
  const char *language;
  GFile      *html_output;
  gboolean    inline_images;
  BulletinImageResolver resolve_image;
  gpointer    resolve_data;
} BulletinExportOptions;

GQuark      bulletin_export_error_quark       (void);
char       *bulletin_export_document_language (void);
gboolean    bulletin_export_language_is_valid (const char            *tag);
char       *bulletin_export_resolve_language  (const char            *setting);
GFile      *bulletin_export_images_folder     (GFile                 *html_output);
const char *bulletin_export_format_suffix     (BulletinExportFormat   format);
GBytes     *bulletin_export_render            (BulletinExportFormat   format,
                                               const char            *markdown,
                                               gsize                  len,
                                               const char            *from,
                                               const char            *to,
                                               GError               **error);
GBytes     *bulletin_export_render_full       (BulletinExportFormat   format,
                                               const char            *markdown,
                                               gsize                  len,
                                               const char            *from,
                                               const char            *to,
                                               gsize                 *html_size,
                                               GError               **error);
GBytes     *bulletin_export_render_with_base  (BulletinExportFormat   format,
                                               const char            *markdown,
                                               gsize                  len,
                                               const char            *from,
                                               const char            *to,
                                               GFile                 *base,
                                               gsize                 *html_size,
                                               char                ***warnings,
                                               GError               **error);
GBytes     *bulletin_export_render_with_options (BulletinExportFormat          format,
                                                 const char                   *markdown,
                                                 gsize                         len,
                                                 const BulletinExportOptions  *options,
                                                 gsize                        *html_size,
                                                 char                       ***warnings,
                                                 GError                      **error);
void        bulletin_export_render_with_options_async (BulletinExportFormat         format,
                                                       const char                  *markdown,
                                                       gsize                        len,
                                                       const BulletinExportOptions *options,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data);
void        bulletin_export_render_async      (BulletinExportFormat   format,
                                               const char            *markdown,
                                               gsize                  len,
                                               const char            *from,
                                               const char            *to,
                                               GFile                 *base,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
GBytes     *bulletin_export_render_finish     (GAsyncResult          *result,
                                               GError               **error);
const char * const *bulletin_export_render_get_warnings (GAsyncResult *result);

G_END_DECLS
