/* bulletin-preview-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The preview's web page, as the preview widget sees it: no WebKit type
 * crosses this boundary. WebKit and the hundred libraries it brings are
 * linked into a module of their own (bulletin-preview-web.c), loaded
 * once the window is on screen (bulletin-preview-engine.c): linked into
 * the program, they took 50 ms of CPU and 150 ms of a loaded machine's
 * time before main() (README → Performance). */

typedef struct _BulletinPreviewPage BulletinPreviewPage;

/**
 * BulletinPreviewPageEvents:
 * @loaded: the page given to load_html() has loaded; it may be patched
 * @crashed: the web process ended: the page is blank until loaded again
 * @activate_link: a link in the page was clicked (@uri as written)
 * @resolve_image: reads an image the page names with `bulletin-image:`
 *
 * What the page tells its preview, always on the main thread, with the
 * data given to new_page().
 */
typedef struct
{
  void    (*loaded)        (gpointer     data);
  void    (*crashed)       (gpointer     data);
  void    (*activate_link) (gpointer     data,
                            const char  *uri);
  GBytes *(*resolve_image) (gpointer     data,
                            const char  *uri,
                            char       **name,
                            GError     **error);
} BulletinPreviewPageEvents;

/* bumped whenever BulletinPreviewPageOps changes, so a program never
 * uses a module of another build's layout */
#define BULLETIN_PREVIEW_PAGE_ABI 1

/**
 * BulletinPreviewPageOps:
 * @abi: %BULLETIN_PREVIEW_PAGE_ABI as the module was built with
 * @new_page: a web view child of @parent, painted @background until
 *   its first page, telling @events with @data
 * @load_html: loads @html as the page, with @base_uri (nullable) for
 *   relative addresses; it is the only navigation the page ever makes
 * @call: runs @body, a function body, with @args (a{sv}) as its
 *   arguments
 * @call_finish: what @body returned, given the source object and the
 *   result @callback got (the page may be gone by then): a whole number,
 *   a boolean as 0 or 1, -1 for anything else or an error
 * @get_web_view: the WebKitWebView, for tests that read the page
 * @free_page: removes the web view from its parent and frees the page
 */
typedef struct
{
  guint                 abi;
  BulletinPreviewPage *(*new_page)     (GtkWidget                       *parent,
                                        const GdkRGBA                   *background,
                                        const BulletinPreviewPageEvents *events,
                                        gpointer                         data);
  void                 (*load_html)    (BulletinPreviewPage             *page,
                                        const char                      *html,
                                        const char                      *base_uri);
  void                 (*call)         (BulletinPreviewPage             *page,
                                        const char                      *body,
                                        GVariant                        *args,
                                        GCancellable                    *cancellable,
                                        GAsyncReadyCallback              callback,
                                        gpointer                         user_data);
  int                  (*call_finish)  (GObject                         *source,
                                        GAsyncResult                    *result,
                                        GError                         **error);
  GtkWidget           *(*get_web_view) (BulletinPreviewPage             *page);
  void                 (*free_page)    (BulletinPreviewPage             *page);
} BulletinPreviewPageOps;

/* the one symbol the module exports */
#define BULLETIN_PREVIEW_PAGE_OPS_SYMBOL "bulletin_preview_page_get_ops"

typedef const BulletinPreviewPageOps *(*BulletinPreviewPageGetOps) (void);

G_END_DECLS
