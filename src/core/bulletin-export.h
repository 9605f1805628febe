/* bulletin-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BULLETIN_EXPORT_ERROR (bulletin_export_error_quark ())

typedef enum
{
  BULLETIN_EXPORT_ERROR_EMPTY,
} BulletinExportError;

typedef enum
{
  BULLETIN_EXPORT_HTML,
  BULLETIN_EXPORT_TEXT,
  BULLETIN_EXPORT_EML,
} BulletinExportFormat;

GQuark      bulletin_export_error_quark       (void);
char       *bulletin_export_document_language (void);
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

G_END_DECLS
