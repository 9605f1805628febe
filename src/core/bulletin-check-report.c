/* bulletin-check-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-check-report.h"
#include "bulletin-export.h"

/* Byte offsets to character offsets in one walk over the text, since the
 * findings come in text order; an offset that goes back (there should be
 * none) restarts the walk rather than giving a wrong span. */
typedef struct
{
  const char *text;
  gsize       byte;
  guint       chars;
} Cursor;

static guint
cursor_advance (Cursor *cursor,
                gsize   byte)
{
  if (byte < cursor->byte)
    {
      cursor->byte = 0;
      cursor->chars = 0;
    }
  while (cursor->byte < byte)
    {
      const char *next = g_utf8_next_char (cursor->text + cursor->byte);

      cursor->byte = next - cursor->text;
      cursor->chars++;
    }
  return cursor->chars;
}

/* The text is kept in the report, as the offsets refer to it; it is
 * NUL-terminated beyond its length, as bulletin_checks_run() expects of
 * a draft. */
static BulletinCheckReport *
report_new_for_bytes (GBytes                     *bytes,
                      const BulletinCheckOptions *opts)
{
  BulletinCheckReport *report;
  g_autoptr(GBytes) html = NULL;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  Cursor cursor = { text, 0, 0 };

  report = g_atomic_rc_box_new0 (BulletinCheckReport);
  report->text = g_bytes_ref (bytes);
  report->findings = bulletin_checks_run (text, len, opts);
  /* cancelled: the caller throws the report away, so the statistics and
   * the HTML, which take as long again, are not worth making */
  if (opts != NULL && g_cancellable_is_cancelled (opts->cancellable))
    {
      report->spans = g_array_new (FALSE, FALSE, sizeof (BulletinCheckSpan));
      return report;
    }
  report->stats = bulletin_checks_stats (text, len);
  report->spans = g_array_sized_new (FALSE, FALSE, sizeof (BulletinCheckSpan),
                                     report->findings->len);

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *f = report->findings->pdata[i];
      BulletinCheckSpan span;

      span.start = cursor_advance (&cursor, MIN (f->offset, len));
      span.end = cursor_advance (&cursor, MIN (f->offset + f->length, len));
      g_array_append_val (report->spans, span);
    }

  if (report->stats.longest_sentence_line > 0)
    {
      report->longest_sentence.start =
        cursor_advance (&cursor, MIN (report->stats.longest_sentence_offset, len));
      report->longest_sentence.end =
        cursor_advance (&cursor, MIN (report->stats.longest_sentence_offset +
                                      report->stats.longest_sentence_length, len));
    }

  html = bulletin_export_render (BULLETIN_EXPORT_HTML, text, len, NULL, NULL, NULL);
  if (html != NULL)
    report->html_size = g_bytes_get_size (html);

  return report;
}

/**
 * bulletin_check_report_new:
 * @text: a draft, valid UTF-8
 * @len: its length in bytes
 * @opts: (nullable): as for bulletin_checks_run()
 *
 * Runs the checks and the statistics, and renders the HTML email to
 * weigh it.
 *
 * Returns: (transfer full): the report
 */
BulletinCheckReport *
bulletin_check_report_new (const char                 *text,
                           gsize                       len,
                           const BulletinCheckOptions *opts)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_bytes_new_take (g_strndup (text, len), len);
  return report_new_for_bytes (bytes, opts);
}

BulletinCheckReport *
bulletin_check_report_ref (BulletinCheckReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return g_atomic_rc_box_acquire (report);
}

static void
report_clear (BulletinCheckReport *report)
{
  g_clear_pointer (&report->text, g_bytes_unref);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_clear_pointer (&report->spans, g_array_unref);
}

void
bulletin_check_report_unref (BulletinCheckReport *report)
{
  g_return_if_fail (report != NULL);

  g_atomic_rc_box_release_full (report, (GDestroyNotify)report_clear);
}

/* a boxed type, so the report can be a property (the checker's, the
 * checks panel's); copying takes a reference */
G_DEFINE_BOXED_TYPE (BulletinCheckReport, bulletin_check_report,
                     bulletin_check_report_ref, bulletin_check_report_unref)

/**
 * bulletin_check_report_dup_range:
 * @report: a report
 * @index: a finding's index
 *
 * Returns: (transfer full): the text the finding is about ("VCS",
 *   "publically"), or %NULL for a finding about something missing
 */
char *
bulletin_check_report_dup_range (BulletinCheckReport *report,
                                 guint                index)
{
  const BulletinFinding *f;
  gsize len;
  const char *text;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->findings->len, NULL);

  f = report->findings->pdata[index];
  text = g_bytes_get_data (report->text, &len);
  if (f->length == 0 || f->offset + f->length > len)
    return NULL;

  return g_strndup (text + f->offset, f->length);
}

typedef struct
{
  GBytes               *text;
  BulletinCheckOptions  opts;
  GDate                *today;
  GHashTable           *glossary;
  GHashTable           *ignored_keys;
  BulletinSpell        *spell;
  GFile                *base;
  GObject              *resolve_data;
} Job;

static void
job_free (Job *job)
{
  g_bytes_unref (job->text);
  g_clear_pointer (&job->today, g_date_free);
  g_clear_pointer (&job->glossary, g_hash_table_unref);
  g_clear_pointer (&job->ignored_keys, g_hash_table_unref);
  g_clear_object (&job->spell);
  g_clear_object (&job->base);
  g_clear_object (&job->resolve_data);
  g_free (job);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  BulletinCheckReport *report;

  /* a newer version of the draft is already on its way: the checks stop
   * between passes, and what they found so far is thrown away */
  if (g_task_return_error_if_cancelled (task))
    return;

  job->opts.cancellable = cancellable;
  report = report_new_for_bytes (job->text, &job->opts);
  if (g_task_return_error_if_cancelled (task))
    {
      bulletin_check_report_unref (report);
      return;
    }

  g_task_return_pointer (task, report, (GDestroyNotify)bulletin_check_report_unref);
}

/**
 * bulletin_check_report_new_async:
 * @text: a draft, NUL-terminated beyond its length (as from
 *   g_bytes_new_take() of a string); kept, not copied, as the report's
 *   text
 * @opts: (nullable): as for bulletin_checks_run(), except that the
 *   glossary, if any, must be a table for
 *   bulletin_checks_glossary_table_lookup() that nobody changes any more
 *   (it is kept, not copied); the ignored keys are copied; the image
 *   resolver's data, if any, must be a #GObject (as a #BulletinStore),
 *   which is kept until the run ends
 * @cancellable: (nullable): cancels the run, even once started (it stops
 *   between checks)
 * @callback: called on the calling thread's main context
 * @user_data: data for @callback
 *
 * Like bulletin_check_report_new(), on a worker thread, so that checking
 * a long draft never holds up typing.
 */
void
bulletin_check_report_new_async (GBytes                     *text,
                                 const BulletinCheckOptions *opts,
                                 GCancellable               *cancellable,
                                 GAsyncReadyCallback         callback,
                                 gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (text != NULL);
  g_return_if_fail (opts == NULL || opts->glossary_lookup == NULL ||
                    opts->glossary_lookup == bulletin_checks_glossary_table_lookup);

  job = g_new0 (Job, 1);
  job->text = g_bytes_ref (text);
  if (opts != NULL)
    {
      job->opts = *opts;
      if (opts->today != NULL)
        {
          job->today = g_date_copy (opts->today);
          job->opts.today = job->today;
        }
      if (opts->glossary_data != NULL)
        {
          job->glossary = g_hash_table_ref (opts->glossary_data);
          job->opts.glossary_data = job->glossary;
        }
      if (opts->ignored_keys != NULL)
        {
          GHashTableIter iter;
          gpointer key;

          job->ignored_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_iter_init (&iter, opts->ignored_keys);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (job->ignored_keys, g_strdup (key));
          job->opts.ignored_keys = job->ignored_keys;
        }
      if (opts->spell != NULL)
        {
          /* BulletinSpell locks around enchant, so the editor may ask for
           * suggestions while this runs */
          job->spell = g_object_ref (opts->spell);
          job->opts.spell = job->spell;
        }
      if (opts->base != NULL)
        {
          job->base = g_object_ref (opts->base);
          job->opts.base = job->base;
        }
      if (opts->resolve_image != NULL && opts->resolve_data != NULL)
        {
          g_return_if_fail (G_IS_OBJECT (opts->resolve_data));
          job->resolve_data = g_object_ref (opts->resolve_data);
        }
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_check_report_new_async);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_run_in_thread (task, report_thread);
}

/**
 * bulletin_check_report_new_finish:
 *
 * Returns: (transfer full): the report, or %NULL if cancelled
 */
BulletinCheckReport *
bulletin_check_report_new_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * bulletin_check_report_load_glossary:
 * @store: a #BulletinStore
 * @error: return location for an error
 *
 * Reads the office glossary once, so the checks can look acronyms up on
 * a worker thread without going back to the database.
 *
 * Returns: (transfer full): a table for
 *   bulletin_checks_glossary_table_lookup(), or %NULL on error
 */
GHashTable *
bulletin_check_report_load_glossary (BulletinStore  *store,
                                     GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GHashTable *table;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  entries = bulletin_store_glossary_list (store, error);
  if (entries == NULL)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify)bulletin_glossary_entry_free);
  /* the table takes the entries over */
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      BulletinGlossaryEntry *entry = entries->pdata[i];

      g_hash_table_replace (table, entry->acronym, entry);
    }

  return table;
}
