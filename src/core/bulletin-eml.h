/* bulletin-eml.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BULLETIN_EML_ERROR (bulletin_eml_error_quark ())

typedef enum
{
  BULLETIN_EML_ERROR_INVALID_ADDRESS,
  BULLETIN_EML_ERROR_FAILED,
} BulletinEmlError;

GQuark  bulletin_eml_error_quark   (void);
GBytes *bulletin_eml_build         (const char  *title,
                                    const char  *from,
                                    const char  *to,
                                    const char  *text_body,
                                    const char  *html_body,
                                    GDateTime   *date,
                                    GError     **error);
GBytes *bulletin_eml_encode_body   (const char  *body);
gboolean bulletin_eml_check_addresses (const char *text,
                                       guint      *n_addresses,
                                       GError    **error);

typedef struct _BulletinEmlEncoder BulletinEmlEncoder;

BulletinEmlEncoder *bulletin_eml_encoder_new    (void);
void                bulletin_eml_encoder_add    (BulletinEmlEncoder *self,
                                                 const char         *text,
                                                 gsize               len);
GBytes             *bulletin_eml_encoder_finish (BulletinEmlEncoder *self);
GBytes *bulletin_eml_build_encoded (const char  *title,
                                    const char  *from,
                                    const char  *to,
                                    GBytes      *text_part,
                                    GBytes      *html_part,
                                    GDateTime   *date,
                                    GError     **error);

/**
 * BulletinEmlImage:
 * @content_id: its Content-ID, without angle brackets; the HTML refers to
 *   it as `cid:` followed by it
 * @mime_type: as "image/png"
 * @filename: (nullable): the name mail clients show for it
 * @data: its bytes
 */
typedef struct
{
  char   *content_id;
  char   *mime_type;
  char   *filename;
  GBytes *data;
} BulletinEmlImage;

BulletinEmlImage *bulletin_eml_image_new  (const char       *content_id,
                                           const char       *mime_type,
                                           const char       *filename,
                                           GBytes           *data);
void              bulletin_eml_image_free (BulletinEmlImage *image);

GBytes *bulletin_eml_build_with_images (const char  *title,
                                        const char  *from,
                                        const char  *to,
                                        GBytes      *text_part,
                                        GBytes      *html_part,
                                        GPtrArray   *images,
                                        const char  *language,
                                        GDateTime   *date,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinEmlImage, bulletin_eml_image_free)

G_END_DECLS
