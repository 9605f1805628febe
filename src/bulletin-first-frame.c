/* bulletin-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-first-frame.h"

/* What a window's first frame does not need waits until it is drawn: the
 * window then shows the file as soon as a plain editor would. */

typedef struct
{
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify destroy;
} Deferred;

static void
deferred_free (gpointer user_data)
{
  Deferred *deferred = user_data;

  if (deferred->destroy != NULL)
    deferred->destroy (deferred->data);
  g_free (deferred);
}

static gboolean
run_deferred_cb (gpointer user_data)
{
  Deferred *deferred = user_data;

  deferred->func (deferred->data);

  return G_SOURCE_REMOVE;
}

/* a copy that takes over @deferred's data, leaving it to be freed alone */
static Deferred *
take (Deferred *deferred)
{
  Deferred *copy = g_memdup2 (deferred, sizeof *deferred);

  deferred->destroy = NULL;

  return copy;
}

/* Called as the frame starts; its layout and paint follow in the same
 * turn of the main loop, before the timeout. */
static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *frame_clock,
          gpointer       user_data)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 0, run_deferred_cb, take (user_data), deferred_free);

  return G_SOURCE_REMOVE;
}

static void
map_closure_free (gpointer  data,
                  GClosure *closure)
{
  deferred_free (data);
}

static void
map_cb (GtkWidget *widget,
        gpointer   user_data)
{
  Deferred *copy = take (user_data);

  /* frees the original */
  g_signal_handlers_disconnect_by_func (widget, map_cb, user_data);
  gtk_widget_add_tick_callback (widget, frame_cb, copy, deferred_free);
}

/**
 * bulletin_after_first_frame:
 * @widget: a widget
 * @func: what to do, once; its return value is ignored
 * @data: data for @func
 * @destroy: (nullable): frees @data, also when @widget goes first
 *
 * Calls @func once @widget has been drawn for the first time: right
 * after the frame that shows it, or after the next one if it is shown
 * already.
 */
void
bulletin_after_first_frame (GtkWidget      *widget,
                            GSourceFunc     func,
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  Deferred *deferred;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  deferred = g_new0 (Deferred, 1);
  deferred->func = func;
  deferred->data = data;
  deferred->destroy = destroy;

  if (gtk_widget_get_mapped (widget))
    gtk_widget_add_tick_callback (widget, frame_cb, deferred, deferred_free);
  else
    /* freed with the widget if it is never shown */
    g_signal_connect_data (widget, "map", G_CALLBACK (map_cb), deferred, map_closure_free, 0);
}

static gboolean
set_markdown_cb (gpointer data)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (data),
                                  gtk_source_language_manager_get_language (languages, "markdown"));

  return G_SOURCE_REMOVE;
}

/**
 * bulletin_set_markdown_when_shown:
 * @buffer: a buffer
 * @view: the view that shows @buffer
 *
 * Highlights @buffer as Markdown from the frame after @view first shows
 * it. Reading GtkSourceView's Markdown definition, which embeds HTML,
 * CSS and JavaScript, is 60 to 100 ms of CPU (README → Performance): the
 * first frame shows the text without it.
 */
void
bulletin_set_markdown_when_shown (GtkSourceBuffer *buffer,
                                  GtkWidget       *view)
{
  g_return_if_fail (GTK_SOURCE_IS_BUFFER (buffer));
  g_return_if_fail (GTK_IS_WIDGET (view));

  bulletin_after_first_frame (view, set_markdown_cb, g_object_ref (buffer), g_object_unref);
}
