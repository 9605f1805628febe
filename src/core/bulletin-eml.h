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

G_END_DECLS
