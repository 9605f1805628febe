/* bulletin-store-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-store-private.h"

/* ----- the worker thread ----- */

typedef gboolean (*JobFunc) (BulletinStore *self, GTask *task, gpointer data, GError **error);

typedef struct
{
  gint64 draft_id;
  char *text;
  char *file_uri;
  char *name;
  BulletinVersionKind kind;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->text);
  g_free (job->file_uri);
  g_free (job->name);
  g_free (job);
}

void
bulletin_store_worker_func (gpointer data,
                            gpointer user_data)
{
  GTask *task = data;
  BulletinStore *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gpointer tag = g_task_get_source_tag (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (tag == bulletin_store_autosave_async)
    {
      if (bulletin_store_autosave_unless_cancelled (self, job->draft_id, job->text,
                                                    g_task_get_cancellable (task), &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (tag == bulletin_store_create_draft_async)
    {
      gint64 id = bulletin_store_create_draft (self, job->text, job->file_uri, &error);

      if (id != 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (tag == bulletin_store_add_version_async)
    {
      gint64 id = bulletin_store_add_version (self, job->draft_id, job->text, job->kind, job->name, &error);

      if (id != 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_assert_not_reached ();

  g_object_unref (task);
}

static void
push_job (BulletinStore       *self,
          gpointer             tag,
          Job                 *job,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, job_free);
  g_thread_pool_push (self->worker, task, NULL);
}

void
bulletin_store_autosave_async (BulletinStore       *self,
                               gint64               draft_id,
                               const char          *text,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->draft_id = draft_id;
  job->text = g_strdup (text);
  push_job (self, bulletin_store_autosave_async, job, cancellable, callback, user_data);
}

gboolean
bulletin_store_autosave_finish (BulletinStore  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bulletin_store_create_draft_async (BulletinStore       *self,
                                   const char          *text,
                                   const char          *file_uri,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->text = g_strdup (text);
  job->file_uri = g_strdup (file_uri);
  push_job (self, bulletin_store_create_draft_async, job, cancellable, callback, user_data);
}

gint64
bulletin_store_create_draft_finish (BulletinStore  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

void
bulletin_store_add_version_async (BulletinStore       *self,
                                  gint64               draft_id,
                                  const char          *text,
                                  BulletinVersionKind  kind,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job;

  g_return_if_fail (BULLETIN_IS_STORE (self));
  g_return_if_fail (text != NULL);

  job = g_new0 (Job, 1);
  job->draft_id = draft_id;
  job->text = g_strdup (text);
  job->kind = kind;
  job->name = g_strdup (name);
  push_job (self, bulletin_store_add_version_async, job, cancellable, callback, user_data);
}

gint64
bulletin_store_add_version_finish (BulletinStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}
