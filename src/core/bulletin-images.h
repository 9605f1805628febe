/* bulletin-images.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The email's column is 600 px with 28 px of padding on each side. */
#define BULLETIN_IMAGE_COLUMN_WIDTH 544
/* Twice the column, for screens of two pixels a point: wider is only
 * slower to download. */
#define BULLETIN_IMAGE_MAX_WIDTH 1200
#define BULLETIN_IMAGE_MAX_BYTES (1000 * 1000)
/* The scheme of images kept in the application's database, for drafts
 * without a folder: `bulletin-image:KEY` (see bulletin-store-images.c) */
#define BULLETIN_IMAGE_SCHEME "bulletin-image"

/**
 * BulletinImageInfo:
 * @mime_type: its type, as "image/png"
 * @width: its width in pixels
 * @height: its height in pixels
 * @size: its size in bytes
 */
typedef struct
{
  char    *mime_type;
  int      width;
  int      height;
  goffset  size;
} BulletinImageInfo;

/**
 * BulletinImageResolver:
 * @url: an image's address in the draft
 * @name: (out) (transfer full): the image's file name, as "photo.png"
 * @user_data: the data given with the function
 * @error: return location for why the image cannot be read
 *
 * Reads images the draft names by an address of the application's own,
 * such as those kept in its database (bulletin_store_image_resolve()),
 * for the exports and the checks. May be called from a worker thread.
 *
 * Returns: (transfer full) (nullable): the image's bytes; %NULL with no
 *   error for an address that is not one of these
 */
typedef GBytes *(*BulletinImageResolver) (const char  *url,
                                          char       **name,
                                          gpointer     user_data,
                                          GError     **error);

GFile   *bulletin_image_resolve_local (GFile             *base,
                                       const char        *url);
gboolean bulletin_image_query         (GFile             *file,
                                       BulletinImageInfo *info,
                                       GError           **error);
void     bulletin_image_info_clear    (BulletinImageInfo *info);
guint    bulletin_image_email_width   (const BulletinImageInfo *info);
GBytes  *bulletin_image_scale_for_email (GFile                   *file,
                                         const BulletinImageInfo *info,
                                         char                   **mime_type,
                                         GError                 **error);
gboolean bulletin_image_type_is_for_email (const char   *mime_type);
gboolean bulletin_image_query_bytes   (GBytes            *data,
                                       BulletinImageInfo *info,
                                       GError           **error);
GBytes  *bulletin_image_scale_bytes_for_email (GBytes                  *data,
                                               const BulletinImageInfo *info,
                                               char                   **mime_type,
                                               GError                 **error);

GBytes  *bulletin_image_prepare_for_draft (GBytes      *data,
                                           const char  *name,
                                           char       **out_name,
                                           GError     **error);
gboolean bulletin_image_copy_beside   (GFile             *folder,
                                       GBytes            *data,
                                       const char        *name,
                                       char             **url,
                                       GError           **error);
char    *bulletin_image_markdown      (const char        *alt,
                                       const char        *url);

G_END_DECLS
