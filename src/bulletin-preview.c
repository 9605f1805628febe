/* bulletin-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-application.h"
#include "bulletin-blocks.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-preview-engine.h"
#include "bulletin-preview.h"

/* The preview shows the draft exactly as the email export renders it. It
 * loads the email shell once and then patches only the top-level blocks
 * that changed, so typing in a long draft costs one block of layout, and
 * the scroll position is never reset by a reload.
 *
 * Rendering runs in a worker thread; patches are applied one at a time,
 * and text that arrives meanwhile waits as the single newest pending
 * version, so a fast typist never queues up stale work.
 *
 * The page itself, WebKit's web view, is behind BulletinPreviewPageOps
 * (bulletin-preview-page.h), in a module loaded after the window's first
 * frame. */

struct _BulletinPreview
{
  GtkWidget          parent_instance;

  /* the web engine, once loaded, and this preview's page in it */
  const BulletinPreviewPageOps *ops;
  BulletinPreviewPage *page;
  /* says why there is no page, when the engine could not be loaded */
  GtkWidget         *error_label;
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
  guint              loading_engine : 1;
  guint              busy : 1;
  guint              reveal_pending : 1;
};

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
  const BulletinPreviewPageOps *ops = user_data;
  g_autoptr(GError) error = NULL;

  ops->call_finish (object, result, &error);
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

  if (self->shown == NULL || self->page == NULL)
    return;

  index = bulletin_block_list_lookup_line (self->shown, self->reveal_line, &line_in_block);
  if (index == G_MAXUINT)
    return;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "index", "u", index);
  g_variant_dict_insert (&dict, "line", "u", line_in_block);
  args = g_variant_ref_sink (g_variant_dict_end (&dict));

  self->ops->call (self->page, reveal_js, args, self->cancellable,
                   reveal_done_cb, (gpointer)self->ops);
}

static void
patch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulletinPreview *self = g_task_get_source_object (task);
  RenderJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  int n_children;

  n_children = self->ops->call_finish (object, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (job->generation != self->generation)
    {
      /* the page was reloaded meanwhile; everything will be resent */
      start_render (self);
      return;
    }

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

  if (job->generation != self->generation || !self->page_ready || self->page == NULL)
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

  self->ops->call (self->page, patch_js, args, self->cancellable,
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
  g_assert (self->page != NULL);

  self->generation++;
  self->page_ready = FALSE;
  g_clear_pointer (&self->shown, bulletin_block_list_unref);

  if (self->pending_text == NULL && self->last_text != NULL)
    {
      self->pending_text = g_bytes_ref (self->last_text);
      self->pending_since = g_get_monotonic_time ();
    }

  if (self->lang == NULL)
    self->lang = bulletin_export_resolve_language (self->language);
  shell = bulletin_html_wrap_document (_("Preview"), self->lang, "", BULLETIN_HTML_PREVIEW);
  self->ops->load_html (self->page, shell, self->base_uri);
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
page_loaded_cb (gpointer data)
{
  BulletinPreview *self = data;

  self->page_ready = TRUE;
  start_render (self);
}

static void
page_crashed_cb (gpointer data)
{
  load_shell (data);
}

static void
page_activate_link_cb (gpointer    data,
                       const char *uri)
{
  emit_activate_link (data, uri);
}

static GBytes *
page_resolve_image_cb (gpointer     data,
                       const char  *uri,
                       char       **name,
                       GError     **error)
{
  BulletinPreview *self = data;

  if (self->resolve_image == NULL)
    return NULL;

  return self->resolve_image (uri, name, self->resolve_data, error);
}

static const BulletinPreviewPageEvents page_events = {
  .loaded = page_loaded_cb,
  .crashed = page_crashed_cb,
  .activate_link = page_activate_link_cb,
  .resolve_image = page_resolve_image_cb,
};

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

  if (self->page != NULL)
    {
      self->ops->free_page (self->page);
      self->page = NULL;
    }
  g_clear_pointer (&self->error_label, gtk_widget_unparent);

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

static void
create_page (BulletinPreview              *self,
             const BulletinPreviewPageOps *ops)
{
  g_autofree char *color = NULL;
  GdkRGBA background;

  g_assert (BULLETIN_IS_PREVIEW (self));
  g_assert (ops != NULL);

  if (self->page != NULL)
    return;

  /* Paint the email's own background before the first page arrives, so
   * opening a window does not flash white. */
  color = bulletin_html_get_style_property ("body", "background-color");
  if (color == NULL || !gdk_rgba_parse (&background, color))
    gdk_rgba_parse (&background, "white");

  /* an earlier try may have found no engine */
  g_clear_pointer (&self->error_label, gtk_widget_unparent);

  self->ops = ops;
  self->page = ops->new_page (GTK_WIDGET (self), &background, &page_events, self);

  load_shell (self);
}

/* The engine is missing or broken: the editor works on, and the preview
 * says so rather than staying blank. */
static void
show_engine_error (BulletinPreview *self,
                   const GError    *error)
{
  g_autofree char *text = NULL;

  if (self->error_label != NULL)
    return;

  g_warning ("The preview cannot be shown: %s", error->message);

  text = g_strdup_printf (_("The preview cannot be shown: %s"), error->message);
  self->error_label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "dim-label");
  gtk_widget_set_parent (self->error_label, GTK_WIDGET (self));
}

static void
ensure_page (BulletinPreview *self)
{
  g_autoptr(GError) error = NULL;
  const BulletinPreviewPageOps *ops;

  g_assert (BULLETIN_IS_PREVIEW (self));

  g_clear_handle_id (&self->create_source, g_source_remove);

  if (self->page != NULL)
    return;

  ops = bulletin_preview_engine_get (&error);
  if (ops == NULL)
    show_engine_error (self, error);
  else
    create_page (self, ops);
}

static void
engine_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BulletinPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  const BulletinPreviewPageOps *ops;

  self->loading_engine = FALSE;
  ops = bulletin_preview_engine_load_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (ops == NULL)
    show_engine_error (self, error);
  else
    create_page (self, ops);
}

static gboolean
create_page_cb (gpointer user_data)
{
  BulletinPreview *self = user_data;

  self->create_source = 0;
  ensure_page (self);

  return G_SOURCE_REMOVE;
}

/* Loading WebKit and creating the web view cost tens of milliseconds;
 * doing that after the window's first frame lets the window appear as
 * fast as a plain editor, with the preview following a moment later. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  static gboolean logged = FALSE;
  BulletinPreview *self = BULLETIN_PREVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  /* the window's first frame is being drawn: what bench-startup.sh
   * compares with GNOME Text Editor, as seen from inside */
  if (!logged && BULLETIN_IS_APPLICATION (app))
    {
      logged = TRUE;
      g_debug ("Startup: window's first frame %.0f ms after the process started",
               (g_get_monotonic_time () - bulletin_application_get_start_time (BULLETIN_APPLICATION (app))) / 1000.0);
    }

  if (self->page != NULL || self->create_source != 0 || self->loading_engine)
    return G_SOURCE_REMOVE;

  /* The engine loads on another core while this frame is drawn and the
   * editor does what waited for it (its Markdown definition); the page
   * is created once both are done. */
  if (bulletin_preview_engine_is_loaded ())
    self->create_source = g_timeout_add (0, create_page_cb, self);
  else
    {
      self->loading_engine = TRUE;
      bulletin_preview_engine_load_async (self->cancellable, engine_loaded_cb, g_object_ref (self));
    }

  return G_SOURCE_REMOVE;
}

static void
bulletin_preview_map (GtkWidget *widget)
{
  BulletinPreview *self = BULLETIN_PREVIEW (widget);

  GTK_WIDGET_CLASS (bulletin_preview_parent_class)->map (widget);

  if (self->page == NULL)
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
  if (self->page != NULL)
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
  if (self->page != NULL)
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
 * Loads the web engine and creates the web view now, if the preview has
 * not been shown yet.
 *
 * Returns: (transfer none) (nullable): the web view, for tests that read
 *   the page; %NULL if the engine could not be loaded
 */
WebKitWebView *
bulletin_preview_get_web_view (BulletinPreview *self)
{
  g_return_val_if_fail (BULLETIN_IS_PREVIEW (self), NULL);

  ensure_page (self);

  if (self->page == NULL)
    return NULL;

  return (WebKitWebView *)self->ops->get_web_view (self->page);
}
