/* bulletin-html.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/**
 * BulletinHtmlFlags:
 * @BULLETIN_HTML_NONE: HTML for an email
 * @BULLETIN_HTML_PREVIEW: HTML for the live preview: block elements carry
 *   `data-sourcepos` (lines counted from the top-level block they belong
 *   to, so a block's HTML does not change when text above it grows), and
 *   the document shell forbids every network load.
 * @BULLETIN_HTML_RTL: the update's language is written right to left
 *   (bulletin_html_language_is_rtl()): lists are indented and quotes
 *   ruled on the right
 */
typedef enum
{
  BULLETIN_HTML_NONE    = 0,
  BULLETIN_HTML_PREVIEW = 1 << 0,
  BULLETIN_HTML_RTL     = 1 << 1,
} BulletinHtmlFlags;

#define BULLETIN_HTML_CONTENT_ID "bulletin-content"

/* Gmail shows "[Message clipped]" and hides the rest of a message whose
 * HTML is larger than about 102 KB. Google documents no exact figure;
 * 102,000 bytes (not 102 × 1024) is the conservative reading. */
#define BULLETIN_HTML_GMAIL_CLIP_SIZE 102000

/* The preheader is the first sentence of the lead, at most this many
 * characters: inbox lists show fewer anyway. */
#define BULLETIN_HTML_PREHEADER_MAX_CHARS 150

/**
 * BulletinHtmlImageFunc:
 * @url: an image's address, as written in the draft
 * @src: (out) (transfer full): the address to write instead
 * @width: (out): the width attribute to write, 0 for none
 * @user_data: the data given with the function
 *
 * Returns: %TRUE to write the image with @src and @width, %FALSE to
 *   render it as if there were no function
 */
typedef gboolean (*BulletinHtmlImageFunc) (const char  *url,
                                           char       **src,
                                           guint       *width,
                                           gpointer     user_data);

void  bulletin_html_render_block    (GString           *out,
                                     cmark_node        *block,
                                     BulletinHtmlFlags  flags);
void  bulletin_html_render_block_with_images (GString               *out,
                                              cmark_node            *block,
                                              BulletinHtmlFlags      flags,
                                              BulletinHtmlImageFunc  image_func,
                                              gpointer               image_data);
char *bulletin_html_render_body     (cmark_node        *document,
                                     BulletinHtmlFlags  flags);
char *bulletin_html_render_document (cmark_node        *document,
                                     const char        *title,
                                     const char        *lang,
                                     BulletinHtmlFlags  flags);
char *bulletin_html_wrap_document   (const char        *title,
                                     const char        *lang,
                                     const char        *body_html,
                                     BulletinHtmlFlags  flags);
char *bulletin_html_render_email    (cmark_node        *document,
                                     const char        *title,
                                     const char        *lang,
                                     const char        *preheader);
void  bulletin_html_begin_email     (GString           *out,
                                     const char        *title,
                                     const char        *lang,
                                     const char        *preheader);
void  bulletin_html_end_email       (GString           *out);
char *bulletin_html_extract_preheader (cmark_node      *document);
char *bulletin_html_paragraph_preheader (cmark_node    *paragraph);
cmark_node *bulletin_html_first_paragraph (cmark_node  *block);
gboolean bulletin_html_exceeds_gmail_clip (gsize        len);
gboolean bulletin_html_language_is_rtl (const char     *lang);
const char *bulletin_html_get_style (const char        *element);
char *bulletin_html_get_style_property (const char  *element,
                                        const char  *property);
void  bulletin_html_escape          (GString           *out,
                                     const char        *text,
                                     gssize             len);

G_END_DECLS
