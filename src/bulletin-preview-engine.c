/* bulletin-preview-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "bulletin-preview-engine.h"

/* Loads the preview's web engine, the module bulletin-preview-web.c is
 * built into, once per process and for good. Loading it means loading
 * WebKit and the hundred libraries it needs, and relocating them: 50 ms
 * of CPU, more on a busy machine. The window asks for it after its first
 * frame, and it loads on a worker thread, so the window can be typed in
 * meanwhile. */

#define MODULE_NAME "bulletin-preview-web." G_MODULE_SUFFIX

G_DEFINE_QUARK (bulletin-preview-engine-error-quark, bulletin_preview_engine_error)

static GMutex lock;
static const BulletinPreviewPageOps *loaded_ops;

/* Where the module is: BULLETIN_PREVIEW_MODULE_DIR when set (the tests
 * and benchmarks set it); next to the program, when it runs from its
 * build directory; and where it is installed. */
static char *
find_module (void)
{
  const char *env = g_getenv ("BULLETIN_PREVIEW_MODULE_DIR");
  g_autofree char *exe = NULL;
  g_autofree char *exe_dir = NULL;
  const char *dirs[2];

  if (env != NULL && env[0] != '\0')
    return g_build_filename (env, MODULE_NAME, NULL);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    exe_dir = g_path_get_dirname (exe);

  dirs[0] = exe_dir;
  dirs[1] = BULLETIN_MODULE_DIR;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], MODULE_NAME, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* on any thread; the lock makes a second caller wait for the first */
static const BulletinPreviewPageOps *
load (GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autofree char *path = NULL;
  BulletinPreviewPageGetOps get_ops = NULL;
  const BulletinPreviewPageOps *ops;
  GModule *module;
  gint64 start;

  if (loaded_ops != NULL)
    return loaded_ops;

  path = find_module ();
  if (path == NULL)
    {
      g_set_error (error, BULLETIN_PREVIEW_ENGINE_ERROR, BULLETIN_PREVIEW_ENGINE_ERROR_NOT_FOUND,
                   _("%s is not installed in %s"), MODULE_NAME, BULLETIN_MODULE_DIR);
      return NULL;
    }

  start = g_get_monotonic_time ();
  /* local: its symbols are for this file only */
  module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, BULLETIN_PREVIEW_ENGINE_ERROR, BULLETIN_PREVIEW_ENGINE_ERROR_FAILED,
                   "%s", g_module_error ());
      return NULL;
    }

  if (!g_module_symbol (module, BULLETIN_PREVIEW_PAGE_OPS_SYMBOL, (gpointer *)&get_ops) ||
      get_ops == NULL || (ops = get_ops ()) == NULL || ops->abi != BULLETIN_PREVIEW_PAGE_ABI)
    {
      g_set_error (error, BULLETIN_PREVIEW_ENGINE_ERROR, BULLETIN_PREVIEW_ENGINE_ERROR_FAILED,
                   _("%s is from another version of Bulletin"), path);
      g_module_close (module);
      return NULL;
    }

  /* WebKit keeps threads and types of its own: it can never go */
  g_module_make_resident (module);
  loaded_ops = ops;

  g_debug ("Startup: preview engine loaded in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  return loaded_ops;
}

/**
 * bulletin_preview_engine_get:
 * @error: return location for why the engine is missing
 *
 * Loads the engine now, if it is not loaded yet, on this thread.
 *
 * Returns: (nullable): what the preview calls to show its page
 */
const BulletinPreviewPageOps *
bulletin_preview_engine_get (GError **error)
{
  return load (error);
}

/**
 * bulletin_preview_engine_is_loaded:
 *
 * Returns: whether bulletin_preview_engine_get() returns at once
 */
gboolean
bulletin_preview_engine_is_loaded (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  return loaded_ops != NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  const BulletinPreviewPageOps *ops = load (&error);

  if (ops == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, (gpointer)ops, NULL);
}

/**
 * bulletin_preview_engine_load_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread once the engine is loaded
 * @user_data: data for @callback
 *
 * Loads the engine on a worker thread.
 */
void
bulletin_preview_engine_load_async (GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, bulletin_preview_engine_load_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

const BulletinPreviewPageOps *
bulletin_preview_engine_load_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
