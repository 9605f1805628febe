/* bulletin-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/* RFC 5322 says lines SHOULD be at most 78 characters; 72 leaves room for
 * the "> " a reply adds. */
#define BULLETIN_TEXT_DEFAULT_WIDTH 72

char  *bulletin_text_render        (cmark_node *document,
                                    guint       width);

typedef struct _BulletinTextRenderer BulletinTextRenderer;

BulletinTextRenderer *bulletin_text_renderer_new       (guint                 width);
void                  bulletin_text_renderer_add_block (BulletinTextRenderer *self,
                                                        cmark_node           *block);
char                 *bulletin_text_renderer_finish    (BulletinTextRenderer *self);

gsize  bulletin_text_display_width (const char *text,
                                    gssize      len);

G_END_DECLS
