/* bulletin-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-clock.h"
#include "bulletin-library.h"
#include "bulletin-session.h"

/* How long a database that could not be opened is left alone before a
 * window that needs it makes the next attempt. */
#define RETRY_AFTER_USEC (5 * G_USEC_PER_SEC)

/**
 * BulletinSession:
 *
 * What one running Bulletin shares between its windows, apart from the
 * windows themselves (the application keeps those): the drafts database,
 * opened once at start and again while it cannot be, what became of a
 * damaged one, and the drafts that were open when Bulletin last stopped
 * without closing them, to open again. GIO only, so its tests need no
 * display; the application shows what it says.
 */
struct _BulletinSession
{
  GObject        parent_instance;

  char          *path;
  BulletinStore *store;
  GError        *error;          /* why there is no store */
  gint64         retry_at;       /* bulletin_clock_now() of the next try */
  char          *damaged_copy;   /* where a damaged database was moved */
  guint          n_rescued;      /* drafts rescued from it */
  guint          reopened : 1;   /* the drafts to reopen were taken */
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BulletinSession, bulletin_session, G_TYPE_OBJECT)

static void
open_store (BulletinSession *self)
{
  g_autofree char *moved_to = NULL;
  guint n_rescued = 0;

  g_assert (self->store == NULL);

  g_clear_error (&self->error);
  self->store = bulletin_store_open_or_recover (self->path, &moved_to, &n_rescued, &self->error);
  self->retry_at = bulletin_clock_now () + RETRY_AFTER_USEC;

  if (moved_to != NULL)
    {
      g_free (self->damaged_copy);
      self->damaged_copy = g_steal_pointer (&moved_to);
      self->n_rescued = n_rescued;
    }

  if (self->store == NULL)
    g_message ("Drafts database unavailable: %s", self->error->message);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
bulletin_session_constructed (GObject *object)
{
  BulletinSession *self = BULLETIN_SESSION (object);

  G_OBJECT_CLASS (bulletin_session_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = bulletin_store_default_path ();
  open_store (self);
}

static void
bulletin_session_finalize (GObject *object)
{
  BulletinSession *self = BULLETIN_SESSION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self->damaged_copy);

  G_OBJECT_CLASS (bulletin_session_parent_class)->finalize (object);
}

static void
bulletin_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BulletinSession *self = BULLETIN_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BulletinSession *self = BULLETIN_SESSION (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_session_class_init (BulletinSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bulletin_session_constructed;
  object_class->finalize = bulletin_session_finalize;
  object_class->get_property = bulletin_session_get_property;
  object_class->set_property = bulletin_session_set_property;

  /**
   * BulletinSession:path:
   *
   * The drafts database's file; %NULL for the default one
   * (bulletin_store_default_path()).
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * BulletinSession:store:
   *
   * The drafts database, or %NULL while it cannot be opened; notified
   * when a later attempt opens it.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BULLETIN_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_session_init (BulletinSession *self)
{
}

/**
 * bulletin_session_new:
 * @path: (nullable): the drafts database's file, or %NULL for the
 *   default one
 *
 * Opens the drafts database (moving a damaged one aside and rescuing its
 * drafts, see bulletin_store_open_or_recover()).
 *
 * Returns: (transfer full): a new session, with or without its store
 */
BulletinSession *
bulletin_session_new (const char *path)
{
  return g_object_new (BULLETIN_TYPE_SESSION, "path", path, NULL);
}

const char *
bulletin_session_get_path (BulletinSession *self)
{
  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  return self->path;
}

/**
 * bulletin_session_get_store:
 * @self: a #BulletinSession
 *
 * Returns: (transfer none) (nullable): the drafts database, as it is now:
 *   this makes no attempt to open it
 */
BulletinStore *
bulletin_session_get_store (BulletinSession *self)
{
  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  return self->store;
}

/**
 * bulletin_session_get_store_or_retry:
 * @self: a #BulletinSession
 * @error: return location for why there is no store
 *
 * The drafts database; when it could not be opened (a read-only or full
 * disk) and the last attempt is a few seconds old, tries again first, so
 * drafts start being saved as soon as the disk allows without every
 * keystroke trying.
 *
 * Returns: (transfer none) (nullable): the store
 */
BulletinStore *
bulletin_session_get_store_or_retry (BulletinSession  *self,
                                     GError          **error)
{
  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  if (self->store == NULL && bulletin_clock_now () >= self->retry_at)
    open_store (self);

  if (self->store == NULL && error != NULL)
    *error = g_error_copy (self->error);

  return self->store;
}

/**
 * bulletin_session_retry_store:
 * @self: a #BulletinSession
 *
 * Opens the drafts database again now, if it could not be opened: the
 * user pressed Try Again, having fixed what was wrong.
 *
 * Returns: (transfer none) (nullable): the store
 */
BulletinStore *
bulletin_session_retry_store (BulletinSession *self)
{
  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  if (self->store == NULL)
    open_store (self);

  return self->store;
}

/**
 * bulletin_session_take_damaged_copy:
 * @self: a #BulletinSession
 * @n_rescued: (out) (optional): how many drafts were rescued from it
 *
 * Where a damaged drafts database was moved when it was opened, to tell
 * the user once.
 *
 * Returns: (transfer full) (nullable): the damaged file's path, or %NULL
 *   when there was none or it was taken already
 */
char *
bulletin_session_take_damaged_copy (BulletinSession *self,
                                    guint           *n_rescued)
{
  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  if (n_rescued != NULL)
    *n_rescued = self->damaged_copy != NULL ? self->n_rescued : 0;

  return g_steal_pointer (&self->damaged_copy);
}

/**
 * bulletin_session_take_drafts_to_reopen:
 * @self: a #BulletinSession
 *
 * The drafts that were open when Bulletin last stopped without closing
 * them (a crash, a kill, a logout), once: they come back in windows of
 * their own. One open through the last two crashes is likely their cause
 * and comes back in safe mode.
 *
 * Returns: (transfer full) (element-type BulletinReopen): the drafts,
 *   empty without a store, on an error and after the first call
 */
GArray *
bulletin_session_take_drafts_to_reopen (BulletinSession *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GArray *reopen;

  g_return_val_if_fail (BULLETIN_IS_SESSION (self), NULL);

  reopen = g_array_new (FALSE, FALSE, sizeof (BulletinReopen));
  if (self->reopened || self->store == NULL)
    return reopen;
  self->reopened = TRUE;

  ids = bulletin_store_take_orphaned_drafts (self->store, &error);
  if (ids == NULL)
    {
      g_warning ("Could not look for drafts to recover: %s", error->message);
      return reopen;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      BulletinReopen draft = { g_array_index (ids, gint64, i), FALSE };

      draft.safe_mode = bulletin_store_get_draft_crashes (self->store, draft.draft_id) >= 2;
      g_array_append_val (reopen, draft);
    }

  return reopen;
}

static void
tidy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BulletinStore *store = task_data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* the first run gets the shipped section library */
  bulletin_library_ensure_defaults (store, &error);
  if (error == NULL)
    bulletin_store_purge_trash (store, &error);
  if (error == NULL)
    bulletin_store_thin_versions (store, 0, &error);
  if (error != NULL)
    g_warning ("Tidying the drafts database failed: %s", error->message);
  g_debug ("Startup: the drafts database tidied in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  g_task_return_boolean (task, TRUE);
}

/**
 * bulletin_session_tidy_async:
 * @self: a #BulletinSession
 *
 * In a worker thread: gives a new database the shipped section library,
 * empties the trash of what has been there long enough and thins old
 * history. Nothing to do without a store.
 */
void
bulletin_session_tidy_async (BulletinSession *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BULLETIN_IS_SESSION (self));

  if (self->store == NULL)
    return;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, tidy_thread);
}
