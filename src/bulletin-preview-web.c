/* bulletin-preview-web.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <webkit/webkit.h>

#include "bulletin-images.h"
#include "bulletin-preview-page.h"

/* The preview's web page: the one file of the program that speaks to
 * WebKit, built as a module of its own that the window loads after its
 * first frame (bulletin-preview-page.h says why). The page never
 * navigates anywhere and loads nothing from the network; links and
 * images go through its preview. */

struct _BulletinPreviewPage
{
  WebKitWebView                   *web_view;
  const BulletinPreviewPageEvents *events;
  gpointer                         data;

  /* this page's own name for its link messages, as the pages share one
   * user content manager (see new_page()) */
  char                            *link_handler;

  /* the page given to load_html(), until it has loaded: the only
   * navigation ever allowed */
  char                            *base_uri;
  guint                            loading : 1;
};

#define PAGE_KEY "bulletin-preview-page"

/* Links are caught in the page, before WebKit starts a navigation: even a
 * navigation that decide-policy then refuses makes WebKit open a
 * speculative connection to the link's server. The page gets no script of
 * its own; this listener is installed through the API, with the page's
 * own message handler's name in place of %s. */
static const char link_listener_js[] =
  "(() => {\n"
  "  const handler = (e) => {\n"
  "    const a = e.target && e.target.closest ? e.target.closest('a[href]') : null;\n"
  "    if (!a) return;\n"
  "    e.preventDefault();\n"
  "    e.stopPropagation();\n"
  "    if (e.type === 'click' || e.button === 1)\n"
  "      window.webkit.messageHandlers['%s'].postMessage(a.getAttribute('href'));\n"
  "  };\n"
  "  document.addEventListener('click', handler, true);\n"
  "  document.addEventListener('auxclick', handler, true);\n"
  "})();\n";

/* bulletin-image:KEY, for the page that shows it: the bytes come from
 * the page's preview, in this process; the page itself may still load
 * nothing from the network */
static void
image_scheme_cb (WebKitURISchemeRequest *request,
                 gpointer                user_data)
{
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view (request);
  BulletinPreviewPage *page = view != NULL ? g_object_get_data (G_OBJECT (view), PAGE_KEY) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;

  if (page != NULL)
    data = page->events->resolve_image (page->data, webkit_uri_scheme_request_get_uri (request),
                                        &name, &error);
  if (data == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such image");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (data);
  webkit_uri_scheme_request_finish (request, stream, g_bytes_get_size (data), NULL);
}

/* The previews' web processes hold one page each, the user's own text,
 * patched on every keystroke. Left to itself WebKit frees what those
 * patches leave behind only under the system's memory pressure: typing
 * 2,000 characters into a 1 MB draft grew the web process by 32 MB. With
 * a limit of its own it starts releasing at a third of it (caches,
 * collected garbage) and harder past 80 %: +14 MB, with no slower preview
 * (tests/bench/bench-preview, README → Performance). Past the limit it
 * goes on; the process is never killed for it. */
#define PREVIEW_MEMORY_LIMIT_MB 400
#define PREVIEW_MEMORY_POLL_S   5

static WebKitWebContext *
get_web_context (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      WebKitMemoryPressureSettings *pressure = webkit_memory_pressure_settings_new ();
      WebKitWebContext *context;

      webkit_memory_pressure_settings_set_memory_limit (pressure, PREVIEW_MEMORY_LIMIT_MB);
      /* in this order: each must stay below the strict one */
      webkit_memory_pressure_settings_set_strict_threshold (pressure, 0.8);
      webkit_memory_pressure_settings_set_conservative_threshold (pressure, 0.33);
      webkit_memory_pressure_settings_set_poll_interval (pressure, PREVIEW_MEMORY_POLL_S);
      context = g_object_new (WEBKIT_TYPE_WEB_CONTEXT,
                              "memory-pressure-settings", pressure,
                              NULL);
      webkit_memory_pressure_settings_free (pressure);
      /* every preview shares it, and it takes a scheme once */
      webkit_web_context_register_uri_scheme (context, BULLETIN_IMAGE_SCHEME,
                                              image_scheme_cb, NULL, NULL);
      g_once_init_leave (&once, (gsize)context);
    }

  return (WebKitWebContext *)once;
}

/* The previews share one network session, their settings and one user
 * content manager, as a web view made related to another (below) takes
 * those of the other anyway. */
static WebKitNetworkSession *
get_network_session (void)
{
  static gsize once = 0;

  /* Nothing the preview does should leave traces on disk or reach the
   * network: an ephemeral session, no caches, no plugins. */
  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize)webkit_network_session_new_ephemeral ());

  return (WebKitNetworkSession *)once;
}

static WebKitSettings *
get_settings (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      WebKitSettings *settings;

      settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                    "enable-javascript-markup", FALSE,
                                                    "javascript-can-open-windows-automatically", FALSE,
                                                    "enable-developer-extras", FALSE,
                                                    "enable-page-cache", FALSE,
                                                    "enable-webgl", FALSE,
                                                    "enable-webaudio", FALSE,
                                                    "enable-media", FALSE,
                                                    "enable-back-forward-navigation-gestures", FALSE,
                                                    "allow-file-access-from-file-urls", FALSE,
                                                    "allow-universal-access-from-file-urls", FALSE,
                                                    "enable-dns-prefetching", FALSE,
                                                    NULL);
      g_once_init_leave (&once, (gsize)settings);
    }

  return (WebKitSettings *)once;
}

static WebKitUserContentManager *
get_content_manager (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize)webkit_user_content_manager_new ());

  return (WebKitUserContentManager *)once;
}

static void
link_message_cb (BulletinPreviewPage      *page,
                 JSCValue                 *value,
                 WebKitUserContentManager *manager)
{
  g_autofree char *uri = NULL;

  if (!jsc_value_is_string (value))
    return;

  uri = jsc_value_to_string (value);
  page->events->activate_link (page->data, uri);
}

static void
listener_installed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not install the preview's link handler: %s", error->message);
}

static void
load_changed_cb (BulletinPreviewPage *page,
                 WebKitLoadEvent      event,
                 WebKitWebView       *web_view)
{
  g_autofree char *listener = NULL;

  if (event != WEBKIT_LOAD_FINISHED)
    return;

  listener = g_strdup_printf (link_listener_js, page->link_handler);
  webkit_web_view_evaluate_javascript (page->web_view, listener, -1, NULL, NULL,
                                       NULL, listener_installed_cb, NULL);

  page->loading = FALSE;
  page->events->loaded (page->data);
}

static void
web_process_terminated_cb (BulletinPreviewPage               *page,
                           WebKitWebProcessTerminationReason  reason,
                           WebKitWebView                     *web_view)
{
  g_warning ("The preview's web process ended (reason %d); reloading it", reason);
  page->events->crashed (page->data);
}

static gboolean
decide_policy_cb (BulletinPreviewPage      *page,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* Our own load of the page is the only navigation ever allowed; the
   * preview must never become a browser. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      page->loading &&
      (g_strcmp0 (uri, "about:blank") == 0 || g_strcmp0 (uri, page->base_uri) == 0))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* A link activated some way the page's listener did not see. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    page->events->activate_link (page->data, uri);

  return TRUE;
}

static gboolean
context_menu_cb (BulletinPreviewPage *page,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView       *web_view)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Keep what copies; drop what navigates, reloads or downloads. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;
        default:
          webkit_context_menu_remove (menu, item);
          break;
        }
    }

  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

/* a page's web view that is still alive, for the next one to share its
 * web process with */
static GWeakRef living_view;

static BulletinPreviewPage *
new_page (GtkWidget                       *parent,
          const GdkRGBA                   *background,
          const BulletinPreviewPageEvents *events,
          gpointer                         data)
{
  static guint n_handlers = 0;
  g_autoptr(WebKitWebView) related = NULL;
  g_autofree char *signal_name = NULL;
  WebKitUserContentManager *content = get_content_manager ();
  BulletinPreviewPage *page;

  g_assert (GTK_IS_WIDGET (parent));
  g_assert (events != NULL);

  page = g_new0 (BulletinPreviewPage, 1);
  page->events = events;
  page->data = data;

  /* The content manager is shared, so each page sends its link messages
   * under a name of its own. */
  page->link_handler = g_strdup_printf ("bulletinLink%u", ++n_handlers);
  webkit_user_content_manager_register_script_message_handler (content, page->link_handler, NULL);
  signal_name = g_strconcat ("script-message-received::", page->link_handler, NULL);
  g_signal_connect_swapped (content, signal_name, G_CALLBACK (link_message_cb), page);

  /* A second window's preview in the first one's web process: a web
   * process of its own cost 29 MB more (README → Performance), and the
   * pages are all the user's own drafts. If the process ends, every
   * preview in it reloads (web_process_terminated_cb). */
  related = g_weak_ref_get (&living_view);
  if (related != NULL)
    /* which takes the other's context and session, and refuses to be
     * given them */
    page->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                   "related-view", related,
                                   "settings", get_settings (),
                                   "user-content-manager", content,
                                   "hexpand", TRUE,
                                   "vexpand", TRUE,
                                   NULL);
  else
    page->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                   "network-session", get_network_session (),
                                   "web-context", get_web_context (),
                                   "settings", get_settings (),
                                   "user-content-manager", content,
                                   "hexpand", TRUE,
                                   "vexpand", TRUE,
                                   NULL);
  g_object_set_data (G_OBJECT (page->web_view), PAGE_KEY, page);
  gtk_widget_set_parent (GTK_WIDGET (page->web_view), parent);
  g_weak_ref_set (&living_view, page->web_view);

  /* the email's own background before the first page arrives, so opening
   * a window does not flash white */
  webkit_web_view_set_background_color (page->web_view, background);

  g_signal_connect_swapped (page->web_view, "decide-policy",
                            G_CALLBACK (decide_policy_cb), page);
  g_signal_connect_swapped (page->web_view, "load-changed",
                            G_CALLBACK (load_changed_cb), page);
  g_signal_connect_swapped (page->web_view, "web-process-terminated",
                            G_CALLBACK (web_process_terminated_cb), page);
  g_signal_connect_swapped (page->web_view, "context-menu",
                            G_CALLBACK (context_menu_cb), page);

  return page;
}

static void
load_html (BulletinPreviewPage *page,
           const char          *html,
           const char          *base_uri)
{
  g_assert (page != NULL);

  g_free (page->base_uri);
  page->base_uri = g_strdup (base_uri);
  page->loading = TRUE;
  webkit_web_view_load_html (page->web_view, html, base_uri);
}

static void
call (BulletinPreviewPage *page,
      const char          *body,
      GVariant            *args,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_assert (page != NULL);

  webkit_web_view_call_async_javascript_function (page->web_view, body, -1, args,
                                                  NULL, NULL, cancellable,
                                                  callback, user_data);
}

static int
call_finish (GObject       *source,
             GAsyncResult  *result,
             GError       **error)
{
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result, error);
  if (value == NULL)
    return -1;
  if (jsc_value_is_number (value))
    return jsc_value_to_int32 (value);
  if (jsc_value_is_boolean (value))
    return jsc_value_to_boolean (value) ? 1 : 0;

  return -1;
}

static GtkWidget *
get_web_view (BulletinPreviewPage *page)
{
  g_assert (page != NULL);

  return GTK_WIDGET (page->web_view);
}

static void
free_page (BulletinPreviewPage *page)
{
  WebKitUserContentManager *content = get_content_manager ();

  if (page == NULL)
    return;

  g_signal_handlers_disconnect_by_data (content, page);
  webkit_user_content_manager_unregister_script_message_handler (content, page->link_handler, NULL);

  g_signal_handlers_disconnect_by_data (page->web_view, page);
  g_object_set_data (G_OBJECT (page->web_view), PAGE_KEY, NULL);
  gtk_widget_unparent (GTK_WIDGET (page->web_view));

  g_free (page->link_handler);
  g_free (page->base_uri);
  g_free (page);
}

static const BulletinPreviewPageOps ops = {
  .abi = BULLETIN_PREVIEW_PAGE_ABI,
  .new_page = new_page,
  .load_html = load_html,
  .call = call,
  .call_finish = call_finish,
  .get_web_view = get_web_view,
  .free_page = free_page,
};

G_MODULE_EXPORT const BulletinPreviewPageOps *bulletin_preview_page_get_ops (void);

G_MODULE_EXPORT const BulletinPreviewPageOps *
bulletin_preview_page_get_ops (void)
{
  return &ops;
}
