/* bulletin-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bulletin-images.h"

G_BEGIN_DECLS

/* WebKit's own, for the tests that read the page: the program does not
 * link WebKit (bulletin-preview-page.h) */
typedef struct _WebKitWebView WebKitWebView;

#define BULLETIN_TYPE_PREVIEW (bulletin_preview_get_type ())

G_DECLARE_FINAL_TYPE (BulletinPreview, bulletin_preview, BULLETIN, PREVIEW, GtkWidget)

GtkWidget     *bulletin_preview_new              (void);
void           bulletin_preview_set_markdown     (BulletinPreview *self,
                                                  char            *text,
                                                  gsize            len,
                                                  gint64           changed_at);
void           bulletin_preview_set_base         (BulletinPreview *self,
                                                  GFile           *folder);
void           bulletin_preview_set_image_resolver (BulletinPreview       *self,
                                                    BulletinImageResolver  resolve,
                                                    gpointer               data,
                                                    GDestroyNotify         destroy);
void           bulletin_preview_set_language     (BulletinPreview *self,
                                                  const char      *language);
void           bulletin_preview_reveal_line      (BulletinPreview *self,
                                                  guint            line);
gboolean       bulletin_preview_get_busy         (BulletinPreview *self);
guint          bulletin_preview_get_n_updates    (BulletinPreview *self);
double         bulletin_preview_get_last_latency (BulletinPreview *self);
WebKitWebView *bulletin_preview_get_web_view     (BulletinPreview *self);

G_END_DECLS
