/* bulletin-export-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-export.h"

/* The export on a worker thread, for the window: a large draft never
 * stalls typing. */

typedef struct
{
  BulletinExportFormat format;
  char *markdown;
  gsize len;
  char *from;
  char *to;
  GFile *base;
  char *language;
  GFile *html_output;
  gboolean inline_images;
  BulletinImageResolver resolve_image;
  GObject *resolve_data;
  char **warnings;        /* written by the worker, read once it is done */
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->markdown);
  g_free (job->from);
  g_free (job->to);
  g_clear_object (&job->base);
  g_free (job->language);
  g_clear_object (&job->html_output);
  g_clear_object (&job->resolve_data);
  g_strfreev (job->warnings);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  BulletinExportOptions options = {
    .from = job->from,
    .to = job->to,
    .base = job->base,
    .language = job->language,
    .html_output = job->html_output,
    .inline_images = job->inline_images,
    .resolve_image = job->resolve_image,
    .resolve_data = job->resolve_data,
  };
  GError *error = NULL;
  GBytes *bytes;

  bytes = bulletin_export_render_with_options (job->format, job->markdown, job->len, &options,
                                               NULL, &job->warnings, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/**
 * bulletin_export_render_with_options_async:
 * @options: (nullable): as for bulletin_export_render_with_options(),
 *   copied
 *
 * Like bulletin_export_render_with_options(), on a worker thread;
 * @markdown is copied. With @options's html_output, the images are
 * copied beside it on the worker too. The image resolver's data, if any,
 * must be a #GObject (as a #BulletinStore), which is kept until the
 * render ends.
 */
void
bulletin_export_render_with_options_async (BulletinExportFormat         format,
                                           const char                  *markdown,
                                           gsize                        len,
                                           const BulletinExportOptions *options,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (markdown != NULL);

  job = g_new0 (RenderJob, 1);
  job->format = format;
  job->markdown = g_strndup (markdown, len);
  job->len = len;
  if (options != NULL)
    {
      job->from = g_strdup (options->from);
      job->to = g_strdup (options->to);
      job->base = options->base != NULL ? g_object_ref (options->base) : NULL;
      job->language = g_strdup (options->language);
      job->html_output = options->html_output != NULL ? g_object_ref (options->html_output) : NULL;
      job->inline_images = options->inline_images;
      job->resolve_image = options->resolve_image;
      if (options->resolve_image != NULL && options->resolve_data != NULL)
        {
          g_return_if_fail (G_IS_OBJECT (options->resolve_data));
          job->resolve_data = g_object_ref (options->resolve_data);
        }
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_export_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/**
 * bulletin_export_render_async:
 * @base: (nullable): the draft's folder, where images with a relative
 *   address are (see bulletin_export_render_with_base())
 *
 * Like bulletin_export_render(), on a worker thread; @markdown is copied.
 */
void
bulletin_export_render_async (BulletinExportFormat  format,
                              const char           *markdown,
                              gsize                 len,
                              const char           *from,
                              const char           *to,
                              GFile                *base,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  BulletinExportOptions options = { .from = from, .to = to, .base = base };

  bulletin_export_render_with_options_async (format, markdown, len, &options, cancellable,
                                             callback, user_data);
}

GBytes *
bulletin_export_render_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bulletin_export_render_get_warnings:
 * @result: the result given to the callback of
 *   bulletin_export_render_with_options_async()
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): what the
 *   export left out and why, as for bulletin_export_render_with_options(),
 *   or %NULL when nothing was
 */
const char * const *
bulletin_export_render_get_warnings (GAsyncResult *result)
{
  RenderJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job != NULL ? (const char * const *)job->warnings : NULL;
}
