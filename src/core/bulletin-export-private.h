/* bulletin-export-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-export.h"

G_BEGIN_DECLS

/* Shared by the files of the export (bulletin-export*.c) and nothing
 * else: bulletin-export.c renders with the images that
 * bulletin-export-images.c reads, scales and places. */

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

void      bulletin_export_images_init  (Images      *images,
                                       GFile       *base,
                                       ImagesMode   mode,
                                       GFile       *html_output);
void      bulletin_export_images_clear (Images      *images);
gboolean  bulletin_export_image_cb     (const char  *url,
                                       char       **src,
                                       guint       *width,
                                       gpointer     user_data);

G_END_DECLS
