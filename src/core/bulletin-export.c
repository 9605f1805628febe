/* bulletin-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-text.h"

/* One draft, three ways to send it: the same code serves the command
 * line (synchronously) and the window (on a worker thread, so a large
 * draft never stalls typing). */

/**
 * bulletin_export_document_language:
 *
 * Returns: (transfer full): the language for `<html lang>` from the
 *   user's locale ("en_GB.UTF-8" becomes "en-GB"), "en" when unknown
 */
char *
bulletin_export_document_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lang = g_strdup (names[i]);
      char *cut;

      if ((cut = strpbrk (lang, ".@")) != NULL)
        *cut = '\0';
      if (*lang == '\0' || g_str_equal (lang, "C") || g_str_equal (lang, "POSIX"))
        continue;
      g_strdelimit (lang, "_", '-');
      return g_steal_pointer (&lang);
    }

  return g_strdup ("en");
}

const char *
bulletin_export_format_suffix (BulletinExportFormat format)
{
  switch (format)
    {
    case BULLETIN_EXPORT_HTML:
      return ".html";
    case BULLETIN_EXPORT_TEXT:
      return ".txt";
    case BULLETIN_EXPORT_EML:
      return ".eml";
    default:
      g_return_val_if_reached (".txt");
    }
}

typedef struct
{
  cmark_node *doc;
  GBytes *encoded;
  GMutex lock;
  GCond cond;
  gboolean rendered;  /* done with the document */
} TextPartJob;

static gpointer
encode_text_part (gpointer data)
{
  TextPartJob *job = data;
  g_autofree char *text = bulletin_text_render (job->doc, BULLETIN_TEXT_DEFAULT_WIDTH);

  g_mutex_lock (&job->lock);
  job->rendered = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);

  job->encoded = bulletin_eml_encode_body (text);
  return NULL;
}

/* An .eml is mostly its two parts, rendered and then encoded, and they
 * need nothing from each other: the plain text is done on a thread of its
 * own while this one does the HTML, which on a draft of a megabyte saves
 * about a third of the wait. Both read the one parsed document, made
 * read-only first (cmark-gfm otherwise fills in strings as they are read);
 * parsing it twice would cost more, as parses cannot overlap. The
 * document is freed as soon as both are done with it, while the text is
 * still being encoded. */
static GBytes *
render_eml (const char  *markdown,
            gsize        len,
            const char  *from,
            const char  *to,
            gsize       *html_size,
            GError     **error)
{
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, len);
  g_autofree char *title = bulletin_markdown_document_title (doc);
  g_autofree char *lang = bulletin_export_document_language ();
  g_autofree char *html = NULL;
  TextPartJob job = { doc, NULL, };
  GBytes *html_part;
  GThread *thread;

  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  bulletin_markdown_prepare_for_threads (doc);
  thread = g_thread_try_new ("bulletin-eml-text", encode_text_part, &job, NULL);
  if (thread == NULL)
    encode_text_part (&job);

  html = bulletin_html_render_email (doc, title != NULL ? title : "", lang, NULL);
  *html_size = strlen (html);
  html_part = bulletin_eml_encode_body (html);

  g_mutex_lock (&job.lock);
  while (!job.rendered)
    g_cond_wait (&job.cond, &job.lock);
  g_mutex_unlock (&job.lock);
  g_clear_pointer (&doc, cmark_node_free);
  g_clear_pointer (&html, g_free);

  if (thread != NULL)
    g_thread_join (thread);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  return bulletin_eml_build_encoded (title != NULL ? title : "", from, to,
                                     job.encoded, html_part, NULL, error);
}

/**
 * bulletin_export_render:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @error: return location for an error (an invalid address)
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render (BulletinExportFormat   format,
                        const char            *markdown,
                        gsize                  len,
                        const char            *from,
                        const char            *to,
                        GError               **error)
{
  return bulletin_export_render_full (format, markdown, len, from, to, NULL, error);
}

/**
 * bulletin_export_render_full:
 * @format: what to make
 * @markdown: the draft
 * @len: its length in bytes
 * @from: (nullable): the sender, for .eml
 * @to: (nullable): the recipients, for .eml
 * @html_size: (out) (optional): the size of the email's HTML, in the
 *   file or in the .eml's HTML part, as Gmail counts it to clip; 0 for
 *   plain text
 * @error: return location for an error (an invalid address)
 *
 * Like bulletin_export_render(), and says how large the HTML is (see
 * bulletin_html_exceeds_gmail_clip()).
 *
 * Returns: (transfer full) (nullable): the exported file's bytes
 */
GBytes *
bulletin_export_render_full (BulletinExportFormat   format,
                             const char            *markdown,
                             gsize                  len,
                             const char            *from,
                             const char            *to,
                             gsize                 *html_size,
                             GError               **error)
{
  g_autoptr(cmark_node) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  gsize size = 0;
  char *result;

  g_return_val_if_fail (markdown != NULL, NULL);

  if (html_size == NULL)
    html_size = &size;
  *html_size = 0;

  if (format == BULLETIN_EXPORT_EML)
    return render_eml (markdown, len, from, to, html_size, error);

  doc = bulletin_markdown_parse (markdown, len);
  title = bulletin_markdown_document_title (doc);
  lang = bulletin_export_document_language ();
  if (title == NULL)
    title = g_strdup ("");

  switch (format)
    {
    case BULLETIN_EXPORT_HTML:
      result = bulletin_html_render_email (doc, title, lang, NULL);
      *html_size = strlen (result);
      return g_bytes_new_take (result, *html_size);

    case BULLETIN_EXPORT_TEXT:
      result = bulletin_text_render (doc, BULLETIN_TEXT_DEFAULT_WIDTH);
      return g_bytes_new_take (result, strlen (result));

    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  BulletinExportFormat format;
  char *markdown;
  gsize len;
  char *from;
  char *to;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_free (job->markdown);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = bulletin_export_render (job->format, job->markdown, job->len, job->from, job->to, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/**
 * bulletin_export_render_async:
 *
 * Like bulletin_export_render(), on a worker thread; @markdown is copied.
 */
void
bulletin_export_render_async (BulletinExportFormat  format,
                              const char           *markdown,
                              gsize                 len,
                              const char           *from,
                              const char           *to,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (markdown != NULL);

  job = g_new0 (RenderJob, 1);
  job->format = format;
  job->markdown = g_strndup (markdown, len);
  job->len = len;
  job->from = g_strdup (from);
  job->to = g_strdup (to);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_export_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
bulletin_export_render_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
