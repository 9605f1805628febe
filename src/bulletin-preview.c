/* bulletin-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-blocks.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-preview.h"

/* The preview shows the draft exactly as the email export renders it. It
 * loads the email shell once and then patches only the top-level blocks
 * that changed, so typing in a long draft costs one block of layout, and
 * the scroll position is never reset by a reload.
 *
 * Rendering runs in a worker thread; patches are applied one at a time,
 * and text that arrives meanwhile waits as the single newest pending
 * version, so a fast typist never queues up stale work. */

struct _BulletinPreview
{
  GtkWidget          parent_instance;

  WebKitWebView     *web_view;
  GCancellable      *cancellable;

  /* what the page shows now, NULL after a (re)load */
  BulletinBlockList *shown;

  /* newest text not yet rendered, and when it changed */
  GBytes            *pending_text;
  gint64             pending_since;

  /* the last text handed to us, to repaint after a web process crash;
   * the same bytes as pending_text until a render takes them, as a
   * second copy of a long draft on every keystroke costs time and
   * memory for nothing */
  GBytes            *last_text;

  /* this preview's own name for the page's link messages, as the
   * previews share one user content manager (see ensure_web_view()) */
  char              *link_handler;

  /* the draft's folder, which images with a relative address are in */
  char              *base_uri;

  /* the update's language as the setting says it, and as the page does */
  char              *language;
  char              *lang;

  /* reads the images kept in the database (bulletin-image:) */
  BulletinImageResolver resolve_image;
  gpointer           resolve_data;
  GDestroyNotify     resolve_destroy;

  guint              create_source;
  guint              reveal_line;
  guint              generation;
  guint              n_updates;
  double             last_latency_ms;

  guint              page_ready : 1;
  guint              loading_shell : 1;
  guint              busy : 1;
  guint              reveal_pending : 1;
};

static WebKitUserContentManager *get_content_manager (void);

enum {
  PROP_0,
  PROP_BUSY,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BulletinPreview, bulletin_preview, GTK_TYPE_WIDGET)

static const char patch_js[] =
  "const c = document.getElementById('" BULLETIN_HTML_CONTENT_ID "');\n"
  "if (!c) return -1;\n"
  "if (position === 0 && removed >= c.children.length) {\n"
  "  c.innerHTML = html;\n"
  "} else {\n"
  "  for (let i = 0; i < removed && c.children[position]; i++)\n"
  "    c.children[position].remove();\n"
  "  if (html.length > 0) {\n"
  "    const t = document.createElement('template');\n"
  "    t.innerHTML = html;\n"
  "    c.insertBefore(t.content, c.children[position] || null);\n"
  "  }\n"
  "}\n"
  "return c.children.length;\n";

/* Links are caught in the page, before WebKit starts a navigation: even a
 * navigation that decide-policy then refuses makes WebKit open a
 * speculative connection to the link's server. The page gets no script of
 * its own; this listener is installed through the API, with the preview's
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

/* Scrolls only when the element for the cursor's line is out of view, so
 * the preview does not jump while the author types in a visible block. */
static const char reveal_js[] =
  "const c = document.getElementById('" BULLETIN_HTML_CONTENT_ID "');\n"
  "const w = c ? c.children[index] : null;\n"
  "if (!w) return false;\n"
  "let t = w.firstElementChild || w;\n"
  "for (const e of w.querySelectorAll('[data-sourcepos]')) {\n"
  "  if (parseInt(e.getAttribute('data-sourcepos'), 10) <= line) t = e; else break;\n"
  "}\n"
  "const r = t.getBoundingClientRect();\n"
  "if (r.bottom < 0 || r.top > window.innerHeight) {\n"
  "  t.scrollIntoView({ block: 'center' });\n"
  "  return true;\n"
  "}\n"
  "return false;\n";

typedef struct
{
  GBytes *text;
  BulletinBlockList *base;
  gint64 changed_at;
  guint generation;
  gboolean rtl;
  /* results */
  BulletinBlockList *list;
  guint position;
  guint n_removed;
  guint n_added;
  char *html;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  g_bytes_unref (job->text);
  g_clear_pointer (&job->base, bulletin_block_list_unref);
  g_clear_pointer (&job->list, bulletin_block_list_unref);
  g_free (job->html);
  g_free (job);
}

static void start_render (BulletinPreview *self);
static void load_shell (BulletinPreview *self);
static void bulletin_preview_map (GtkWidget *widget);

static void
set_busy (BulletinPreview *self,
          gboolean         busy)
{
  if (self->busy == !!busy)
    return;

  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
reveal_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Preview could not scroll: %s", error->message);
}

static void
do_reveal (BulletinPreview *self)
{
  g_autoptr(GVariant) args = NULL;
  GVariantDict dict;
  guint index;
  guint line_in_block = 1;

  g_assert (BULLETIN_IS_PREVIEW (self));

  self->reveal_pending = FALSE;

  if (self->shown == NULL)
    return;

  index = bulletin_block_list_lookup_line (self->shown, self->reveal_line, &line_in_block);
  if (index == G_MAXUINT)
    return;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "index", "u", index);
  g_variant_dict_insert (&dict, "line", "u", line_in_block);
  args = g_variant_ref_sink (g_variant_dict_end (&dict));

  webkit_web_view_call_async_javascript_function (self->web_view, reveal_js, -1, args,
                                                  NULL, NULL, self->cancellable,
                                                  reveal_done_cb, NULL);
}

static void
patch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulletinPreview *self = g_task_get_source_object (task);
  RenderJob *job = g_task_get_task_data (task);
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;
  int n_children;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (job->generation != self->generation)
    {
      /* the page was reloaded meanwhile; everything will be resent */
      start_render (self);
      return;
    }

  n_children = value != NULL && jsc_value_is_number (value) ? jsc_value_to_int32 (value) : -1;

  if (error != NULL || n_children != (int)bulletin_block_list_get_n_blocks (job->list))
    {
      /* The page and our model disagree: resend every block. */
      g_warning ("Preview update failed (%s); redrawing the whole preview",
                 error ? error->message : "block count mismatch");
      g_clear_pointer (&self->shown, bulletin_block_list_unref);
      if (self->pending_text == NULL && self->last_text != NULL)
        {
          self->pending_text = g_bytes_ref (self->last_text);
          self->pending_since = g_get_monotonic_time ();
        }
      start_render (self);
      return;
    }

  g_clear_pointer (&self->shown, bulletin_block_list_unref);
  self->shown = bulletin_block_list_ref (job->list);
  self->n_updates++;
  self->last_latency_ms = (g_get_monotonic_time () - job->changed_at) / 1000.0;

  g_debug ("Preview updated: %u block(s) replaced by %u at %u, %.1f ms after the change",
           job->n_removed, job->n_added, job->position, self->last_latency_ms);

  g_signal_emit (self, signals[UPDATED], 0);

  if (self->pending_text != NULL)
    start_render (self);
  else if (self->reveal_pending)
    do_reveal (self);
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BulletinPreview *self = BULLETIN_PREVIEW (object);
  GTask *task = G_TASK (result);
  RenderJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) args = NULL;
  GVariantDict dict;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_busy (self, FALSE);
      return;
    }

  if (job->generation != self->generation || !self->page_ready)
    {
      set_busy (self, FALSE);
      start_render (self);
      return;
    }

  if (job->n_removed == 0 && job->n_added == 0)
    {
      /* Nothing visible changed (e.g. trailing spaces were typed). */
      g_clear_pointer (&self->shown, bulletin_block_list_unref);
      self->shown = bulletin_block_list_ref (job->list);
      self->last_latency_ms = (g_get_monotonic_time () - job->changed_at) / 1000.0;
      set_busy (self, FALSE);
      g_signal_emit (self, signals[UPDATED], 0);
      if (self->pending_text != NULL)
        start_render (self);
      else if (self->reveal_pending)
        do_reveal (self);
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "position", "u", job->position);
  g_variant_dict_insert (&dict, "removed", "u", job->n_removed);
  g_variant_dict_insert (&dict, "html", "s", job->html);
  /* WebKit only reads the arguments (transfer none) and never sinks
   * them: a floating dict passed straight in would keep a copy of every
   * patch's HTML for as long as the window lives. */
  args = g_variant_ref_sink (g_variant_dict_end (&dict));

  webkit_web_view_call_async_javascript_function (self->web_view, patch_js, -1, args,
                                                  NULL, NULL, self->cancellable,
                                                  patch_done_cb, g_object_ref (task));
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  gsize len;
  const char *text = g_bytes_get_data (job->text, &len);

  job->list = bulletin_block_list_new_full (text, len, job->rtl);
  bulletin_block_list_diff (job->base, job->list, &job->position, &job->n_removed, &job->n_added);
  job->html = bulletin_block_list_join (job->list, job->position, job->n_added);

  g_task_return_boolean (task, TRUE);
}

static void
start_render (BulletinPreview *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_assert (BULLETIN_IS_PREVIEW (self));

  if (self->busy || !self->page_ready || self->pending_text == NULL)
    return;

  job = g_new0 (RenderJob, 1);
  job->text = g_steal_pointer (&self->pending_text);
  job->changed_at = self->pending_since;
  job->generation = self->generation;
  job->base = self->shown ? bulletin_block_list_ref (self->shown) : NULL;
  /* a change of language loads the page again, so base is then NULL */
  job->rtl = self->lang != NULL && bulletin_html_language_is_rtl (self->lang);

  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static void
load_shell (BulletinPreview *self)
{
  g_autofree char *shell = NULL;

  g_assert (BULLETIN_IS_PREVIEW (self));

  self->generation++;
  self->page_ready = FALSE;
  self->loading_shell = TRUE;
  g_clear_pointer (&self->shown, bulletin_block_list_unref);

  if (self->pending_text == NULL && self->last_text != NULL)
    {
      self->pending_text = g_bytes_ref (self->last_text);
      self->pending_since = g_get_monotonic_time ();
    }

  if (self->lang == NULL)
    self->lang = bulletin_export_resolve_language (self->language);
  shell = bulletin_html_wrap_document (_("Preview"), self->lang, "", BULLETIN_HTML_PREVIEW);
  webkit_web_view_load_html (self->web_view, shell, self->base_uri);
}

static void
emit_activate_link (BulletinPreview *self,
                    const char      *uri)
{
  gboolean handled = FALSE;

  if (uri == NULL || uri[0] == '#' || !bulletin_markdown_url_is_safe (uri, FALSE))
    return;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
}

static void
link_message_cb (BulletinPreview          *self,
                 JSCValue                 *value,
                 WebKitUserContentManager *manager)
{
  g_autofree char *uri = NULL;

  if (!jsc_value_is_string (value))
    return;

  uri = jsc_value_to_string (value);
  emit_activate_link (self, uri);
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
load_changed_cb (BulletinPreview *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;

  {
    g_autofree char *listener = g_strdup_printf (link_listener_js, self->link_handler);

    webkit_web_view_evaluate_javascript (self->web_view, listener, -1, NULL, NULL,
                                         self->cancellable, listener_installed_cb, NULL);
  }

  self->loading_shell = FALSE;
  self->page_ready = TRUE;
  start_render (self);
}

static void
web_process_terminated_cb (BulletinPreview                      *self,
                           WebKitWebProcessTerminationReason     reason,
                           WebKitWebView                        *web_view)
{
  g_warning ("The preview's web process ended (reason %d); reloading it", reason);
  load_shell (self);
}

static gboolean
decide_policy_cb (BulletinPreview          *self,
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

  /* Our own load of the email shell is the only navigation ever allowed;
   * the preview must never become a browser. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      self->loading_shell &&
      (g_strcmp0 (uri, "about:blank") == 0 || g_strcmp0 (uri, self->base_uri) == 0))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* A link activated some way the page's listener did not see. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    emit_activate_link (self, uri);

  return TRUE;
}

static gboolean
context_menu_cb (BulletinPreview     *self,
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

static gboolean
bulletin_preview_real_activate_link (BulletinPreview *self,
                                     const char      *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);

  return TRUE;
}

static void
bulletin_preview_dispose (GObject *object)
{
  BulletinPreview *self = (BulletinPreview *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->create_source, g_source_remove);

  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  if (self->link_handler != NULL)
    {
      webkit_user_content_manager_unregister_script_message_handler (get_content_manager (),
                                                                     self->link_handler, NULL);
      g_clear_pointer (&self->link_handler, g_free);
    }

  G_OBJECT_CLASS (bulletin_preview_parent_class)->dispose (object);
}

static void
bulletin_preview_finalize (GObject *object)
{
  BulletinPreview *self = (BulletinPreview *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, bulletin_block_list_unref);
  g_clear_pointer (&self->pending_text, g_bytes_unref);
  g_clear_pointer (&self->last_text, g_bytes_unref);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->lang, g_free);
  if (self->resolve_destroy != NULL)
    self->resolve_destroy (self->resolve_data);

  G_OBJECT_CLASS (bulletin_preview_parent_class)->finalize (object);
}

static void
bulletin_preview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BulletinPreview *self = BULLETIN_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_preview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BulletinPreview *self = BULLETIN_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      bulletin_preview_set_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_preview_class_init (BulletinPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_preview_dispose;
  object_class->finalize = bulletin_preview_finalize;
  object_class->get_property = bulletin_preview_get_property;
  object_class->set_property = bulletin_preview_set_property;

  widget_class->map = bulletin_preview_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BulletinPreview:language:
   *
   * The update's language, as the document-language setting holds it:
   * a language tag, or empty for the user's locale's.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BulletinPreview::activate-link:
   * @uri: the link's destination
   *
   * Emitted when a link in the preview is clicked. The default handler
   * opens it in the user's browser; the preview itself never navigates.
   */
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (bulletin_preview_real_activate_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /**
   * BulletinPreview::updated:
   *
   * Emitted each time the page shows a newer version of the draft.
   */
  signals[UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* bulletin-image:KEY, for the page that shows it: the bytes come from
 * the preview's resolver, in this process; the page itself may still
 * load nothing from the network */
static void
image_scheme_cb (WebKitURISchemeRequest *request,
                 gpointer                user_data)
{
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *parent = view != NULL ? gtk_widget_get_parent (GTK_WIDGET (view)) : NULL;
  BulletinPreview *self = BULLETIN_IS_PREVIEW (parent) ? BULLETIN_PREVIEW (parent) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;

  if (self != NULL && self->resolve_image != NULL)
    data = self->resolve_image (webkit_uri_scheme_request_get_uri (request), &name,
                                self->resolve_data, &error);
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

/* a preview's web view that is still alive, for the next one to share
 * its web process with */
static GWeakRef living_view;

static void
ensure_web_view (BulletinPreview *self)
{
  static guint n_handlers = 0;
  g_autoptr(WebKitWebView) related = NULL;
  g_autofree char *signal_name = NULL;
  WebKitUserContentManager *content = get_content_manager ();
  GdkRGBA background;

  g_assert (BULLETIN_IS_PREVIEW (self));

  g_clear_handle_id (&self->create_source, g_source_remove);

  if (self->web_view != NULL)
    return;

  /* The content manager is shared, so each preview listens to its page's
   * link messages under a name of its own. */
  if (self->link_handler == NULL)
    {
      self->link_handler = g_strdup_printf ("bulletinLink%u", ++n_handlers);
      webkit_user_content_manager_register_script_message_handler (content, self->link_handler, NULL);
      signal_name = g_strconcat ("script-message-received::", self->link_handler, NULL);
      g_signal_connect_object (content, signal_name,
                               G_CALLBACK (link_message_cb), self, G_CONNECT_SWAPPED);
    }

  /* A second window's preview in the first one's web process: a web
   * process of its own cost 29 MB more (README → Performance), and the
   * pages are all the user's own drafts. If the process ends, every
   * preview in it reloads (web_process_terminated_cb). */
  related = g_weak_ref_get (&living_view);
  if (related != NULL)
    /* which takes the other's context and session, and refuses to be
     * given them */
    self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                   "related-view", related,
                                   "settings", get_settings (),
                                   "user-content-manager", content,
                                   "hexpand", TRUE,
                                   "vexpand", TRUE,
                                   NULL);
  else
    self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                   "network-session", get_network_session (),
                                   "web-context", get_web_context (),
                                   "settings", get_settings (),
                                   "user-content-manager", content,
                                   "hexpand", TRUE,
                                   "vexpand", TRUE,
                                   NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  g_weak_ref_set (&living_view, self->web_view);

  /* Paint the email's own background before the first page arrives, so
   * opening a window does not flash white. */
  {
    g_autofree char *color = bulletin_html_get_style_property ("body", "background-color");

    if (color == NULL || !gdk_rgba_parse (&background, color))
      gdk_rgba_parse (&background, "white");
    webkit_web_view_set_background_color (self->web_view, &background);
  }

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (context_menu_cb), self, G_CONNECT_SWAPPED);

  load_shell (self);
}

static gboolean
create_web_view_cb (gpointer user_data)
{
  BulletinPreview *self = user_data;

  self->create_source = 0;
  ensure_web_view (self);

  return G_SOURCE_REMOVE;
}

/* The web view costs tens of milliseconds to create; doing that after the
 * window's first frame lets the window appear as fast as a plain editor,
 * with the preview following a moment later. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  BulletinPreview *self = BULLETIN_PREVIEW (widget);

  if (self->web_view == NULL && self->create_source == 0)
    self->create_source = g_timeout_add (0, create_web_view_cb, self);

  return G_SOURCE_REMOVE;
}

static void
bulletin_preview_map (GtkWidget *widget)
{
  BulletinPreview *self = BULLETIN_PREVIEW (widget);

  GTK_WIDGET_CLASS (bulletin_preview_parent_class)->map (widget);

  if (self->web_view == NULL)
    gtk_widget_add_tick_callback (widget, first_frame_cb, NULL, NULL);
}

static void
bulletin_preview_init (BulletinPreview *self)
{
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
bulletin_preview_new (void)
{
  return g_object_new (BULLETIN_TYPE_PREVIEW, NULL);
}

/**
 * bulletin_preview_set_markdown:
 * @self: a #BulletinPreview
 * @text: (transfer full): valid UTF-8 Markdown
 * @len: length of @text
 * @changed_at: monotonic time of the edit that produced @text, for the
 *   latency measurement
 *
 * Shows @text as soon as possible. Returns at once: the work happens in a
 * worker thread and in the web process.
 */
void
bulletin_preview_set_markdown (BulletinPreview *self,
                               char            *text,
                               gsize            len,
                               gint64           changed_at)
{
  g_return_if_fail (BULLETIN_IS_PREVIEW (self));
  g_return_if_fail (text != NULL);

  /* Keep the time of the oldest edit the next render will include. */
  if (self->pending_text == NULL)
    self->pending_since = changed_at;

  g_clear_pointer (&self->last_text, g_bytes_unref);
  self->last_text = g_bytes_new_take (text, len);

  g_clear_pointer (&self->pending_text, g_bytes_unref);
  self->pending_text = g_bytes_ref (self->last_text);

  start_render (self);
}

/**
 * bulletin_preview_set_base:
 * @self: a #BulletinPreview
 * @folder: (nullable): the draft's folder, or %NULL for a draft with no file
 *
 * Images with a relative address are shown from @folder, as the exports
 * embed them from it. Changing it loads the page again.
 */
void
bulletin_preview_set_base (BulletinPreview *self,
                           GFile           *folder)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (BULLETIN_IS_PREVIEW (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (folder != NULL)
    {
      g_autofree char *folder_uri = g_file_get_uri (folder);

      uri = g_str_has_suffix (folder_uri, "/") ? g_strdup (folder_uri) : g_strconcat (folder_uri, "/", NULL);
    }
  if (g_strcmp0 (uri, self->base_uri) == 0)
    return;

  g_free (self->base_uri);
  self->base_uri = g_steal_pointer (&uri);
  if (self->web_view != NULL)
    load_shell (self);
}

/**
 * bulletin_preview_set_image_resolver:
 * @self: a #BulletinPreview
 * @resolve: (nullable): reads images the draft names by an address of
 *   the application's own, `bulletin-image:`
 * @data: data for @resolve
 * @destroy: (nullable): frees @data
 */
void
bulletin_preview_set_image_resolver (BulletinPreview       *self,
                                     BulletinImageResolver  resolve,
                                     gpointer               data,
                                     GDestroyNotify         destroy)
{
  g_return_if_fail (BULLETIN_IS_PREVIEW (self));

  if (self->resolve_destroy != NULL)
    self->resolve_destroy (self->resolve_data);
  self->resolve_image = resolve;
  self->resolve_data = data;
  self->resolve_destroy = destroy;
}

/**
 * bulletin_preview_set_language:
 * @self: a #BulletinPreview
 * @language: (nullable): a language tag such as "ar"; %NULL or empty for
 *   the user's locale's
 *
 * The page says the update's language as the exports do, and turns right
 * to left for a language written so. Changing it loads the page again.
 */
void
bulletin_preview_set_language (BulletinPreview *self,
                               const char      *language)
{
  g_autofree char *lang = NULL;

  g_return_if_fail (BULLETIN_IS_PREVIEW (self));

  if (g_strcmp0 (language, self->language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);

  lang = bulletin_export_resolve_language (language);
  if (g_strcmp0 (lang, self->lang) == 0)
    return;
  g_free (self->lang);
  self->lang = g_steal_pointer (&lang);
  if (self->web_view != NULL)
    load_shell (self);
}

/**
 * bulletin_preview_reveal_line:
 * @self: a #BulletinPreview
 * @line: a 1-based line of the draft
 *
 * Scrolls the preview to the block that shows @line, if it is out of
 * view.
 */
void
bulletin_preview_reveal_line (BulletinPreview *self,
                              guint            line)
{
  g_return_if_fail (BULLETIN_IS_PREVIEW (self));

  self->reveal_line = line;
  self->reveal_pending = TRUE;

  if (!self->busy && self->page_ready && self->pending_text == NULL)
    do_reveal (self);
}

gboolean
bulletin_preview_get_busy (BulletinPreview *self)
{
  g_return_val_if_fail (BULLETIN_IS_PREVIEW (self), FALSE);

  return self->busy || self->pending_text != NULL || !self->page_ready;
}

guint
bulletin_preview_get_n_updates (BulletinPreview *self)
{
  g_return_val_if_fail (BULLETIN_IS_PREVIEW (self), 0);

  return self->n_updates;
}

double
bulletin_preview_get_last_latency (BulletinPreview *self)
{
  g_return_val_if_fail (BULLETIN_IS_PREVIEW (self), 0);

  return self->last_latency_ms;
}

/**
 * bulletin_preview_get_web_view:
 * @self: a #BulletinPreview
 *
 * Creates the web view now if the preview has not been shown yet.
 *
 * Returns: (transfer none): the web view, for tests that read the page
 */
WebKitWebView *
bulletin_preview_get_web_view (BulletinPreview *self)
{
  g_return_val_if_fail (BULLETIN_IS_PREVIEW (self), NULL);

  ensure_web_view (self);

  return self->web_view;
}
