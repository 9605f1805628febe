/* bulletin-draft-keeper.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-draft-keeper.h"
#include "bulletin-markdown.h"

/* Keeps one editor's text in the drafts database from its first change.
 * Autosave runs at most autosave_ms after the first unsaved change
 * (continued typing does not postpone it); a failed write is kept as the
 * error property and retried after retry_ms, the text staying with the
 * owner meanwhile. Writes of a draft that exists go to the store's worker
 * thread; creating the draft happens once and in place (a millisecond or
 * two, see the store benchmark), so that later writes all know its id.
 *
 * The keeper holds no text: its owner hands it the text and a serial that
 * counts the owner's edits, so a write that finishes after more typing
 * does not mark the newer text as saved. The owner calls
 * bulletin_draft_keeper_flush() before letting go (the window on close,
 * the application on quit): the autosave in flight then is out of date,
 * and is cancelled, as it is on dispose. */

#define AUTOSAVE_DELAY_MS 2000
#define RETRY_DELAY_MS (10 * 1000)

struct _BulletinDraftKeeper
{
  GObject                      parent_instance;

  BulletinStore               *store;
  gint64                       draft_id;
  char                        *title;
  char                        *file_uri;
  GError                      *error;

  BulletinDraftKeeperTextFunc  text_func;
  gpointer                     text_data;
  GDestroyNotify               text_destroy;

  /* the autosave in flight, cancelled once the text it carries is out of
   * date; milestones are records the user asked for and always finish */
  GCancellable                *autosave_cancellable;

  guint64                      change_serial; /* the owner's, last told */
  guint64                      db_serial;     /* change_serial the store holds */
  guint                        autosave_source;
  guint                        retry_source;
  guint                        autosave_ms;
  guint                        retry_ms;

  guint                        saved : 1;
  guint                        in_flight : 1;
};

G_DEFINE_FINAL_TYPE (BulletinDraftKeeper, bulletin_draft_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DRAFT_ID,
  PROP_TITLE,
  PROP_FILE_URI,
  PROP_SAVED,
  PROP_ERROR,
  N_PROPS
};

enum {
  STORE_NEEDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef            keeper;
  guint64             serial;
  char               *text;
} Request;

static Request *
request_new (BulletinDraftKeeper *self,
             guint64              serial,
             char                *text)
{
  Request *req = g_new0 (Request, 1);

  g_weak_ref_init (&req->keeper, self);
  req->serial = serial;
  req->text = text;

  return req;
}

static void
request_free (Request *req)
{
  g_weak_ref_clear (&req->keeper);
  g_free (req->text);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
update_saved (BulletinDraftKeeper *self)
{
  gboolean saved = self->change_serial == self->db_serial;

  if (self->saved == saved)
    return;

  self->saved = saved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
}

static void
set_error (BulletinDraftKeeper *self,
           const GError        *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* An untitled draft is named by its first heading, as the drafts list
 * shows it. */
static void
refresh_title (BulletinDraftKeeper *self,
               const char          *text)
{
  g_autofree char *title = bulletin_markdown_extract_title (text, strlen (text));

  if (g_strcmp0 (title, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static gboolean
retry_cb (gpointer user_data)
{
  BulletinDraftKeeper *self = user_data;

  self->retry_source = 0;
  bulletin_draft_keeper_save_now (self);

  return G_SOURCE_REMOVE;
}

static void
failed (BulletinDraftKeeper *self,
        const GError        *error)
{
  g_warning ("Autosave failed: %s", error->message);
  set_error (self, error);

  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (self->retry_ms, retry_cb, self);
}

static void
succeeded (BulletinDraftKeeper *self,
           guint64              serial)
{
  self->db_serial = MAX (self->db_serial, serial);
  self->change_serial = MAX (self->change_serial, self->db_serial);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  set_error (self, NULL);
  update_saved (self);

  /* changes made while this write was under way get their own */
  if (!self->saved && self->autosave_source == 0)
    bulletin_draft_keeper_save_now (self);
}

/* The store, or %NULL with the reason reported (if anyone knows it). */
static BulletinStore *
get_store (BulletinDraftKeeper *self)
{
  if (self->store == NULL)
    g_signal_emit (self, signals[STORE_NEEDED], 0);

  return self->store;
}

static char *
dup_text (BulletinDraftKeeper *self,
          guint64             *serial)
{
  char *text;

  *serial = 0;
  if (self->text_func == NULL)
    return NULL;

  text = self->text_func (self->text_data, serial);
  if (text != NULL)
    self->change_serial = MAX (self->change_serial, *serial);

  return text;
}

static void
adopt (BulletinDraftKeeper *self,
       BulletinStore       *store,
       gint64               draft_id)
{
  g_autoptr(GError) error = NULL;

  /* open until the owner closes it cleanly: a crash leaves it for
   * recovery at the next start */
  if (!bulletin_store_set_draft_open (store, draft_id, TRUE, &error))
    g_warning ("Could not mark the draft as open: %s", error->message);

  if (self->draft_id == draft_id)
    return;

  self->draft_id = draft_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ID]);
}

static gboolean
ensure_draft (BulletinDraftKeeper  *self,
              BulletinStore        *store,
              const char           *text,
              GError              **error)
{
  gint64 id;

  if (self->draft_id != 0)
    return TRUE;

  id = bulletin_store_create_draft (store, text, self->file_uri, error);
  if (id == 0)
    return FALSE;

  adopt (self, store, id);
  return TRUE;
}

static void
autosave_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) req = user_data;
  g_autoptr(BulletinDraftKeeper) self = g_weak_ref_get (&req->keeper);
  g_autoptr(GError) error = NULL;
  gboolean saved = bulletin_store_autosave_finish (BULLETIN_STORE (object), result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (self == NULL)
    {
      if (!saved && !cancelled)
        g_warning ("Could not autosave a closed draft: %s", error->message);
      return;
    }

  self->in_flight = FALSE;
  g_clear_object (&self->autosave_cancellable);

  /* a newer text was written in its place (bulletin_draft_keeper_flush()) */
  if (cancelled)
    return;

  if (!saved)
    failed (self, error);
  else
    {
      /* not the title of a text a flush has overtaken */
      if (req->serial >= self->db_serial)
        refresh_title (self, req->text);
      succeeded (self, req->serial);
    }
}

static void
milestone_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) req = user_data;
  g_autoptr(BulletinDraftKeeper) self = g_weak_ref_get (&req->keeper);
  g_autoptr(GError) error = NULL;

  /* the version is stored either way; a closed draft has nothing to show */
  if (bulletin_store_add_version_finish (BULLETIN_STORE (object), result, &error) == 0)
    {
      if (self != NULL)
        failed (self, error);
      else
        g_warning ("Could not keep a version of a closed draft: %s", error->message);
    }
  else if (self != NULL)
    succeeded (self, req->serial);
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  BulletinDraftKeeper *self = user_data;

  self->autosave_source = 0;
  bulletin_draft_keeper_save_now (self);

  return G_SOURCE_REMOVE;
}

/**
 * bulletin_draft_keeper_changed:
 * @self: a #BulletinDraftKeeper
 * @serial: the owner's change serial after the change
 *
 * The owner's text changed. The autosave timer starts at the first
 * unsaved change and is not pushed back by further typing.
 */
void
bulletin_draft_keeper_changed (BulletinDraftKeeper *self,
                               guint64              serial)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  self->change_serial = MAX (self->change_serial, serial);
  update_saved (self);

  if (!self->saved && self->autosave_source == 0 && self->retry_source == 0)
    self->autosave_source = g_timeout_add (self->autosave_ms, autosave_timeout_cb, self);
}

/**
 * bulletin_draft_keeper_save_now:
 * @self: a #BulletinDraftKeeper
 *
 * Writes the owner's text to the store in the background, if it changed
 * since the last write.
 */
void
bulletin_draft_keeper_save_now (BulletinDraftKeeper *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BulletinStore *store;
  guint64 serial;

  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->saved || self->in_flight)
    return;

  store = get_store (self);
  if (store == NULL)
    return;

  text = dup_text (self, &serial);
  if (text == NULL)
    return;

  if (self->draft_id == 0)
    {
      if (ensure_draft (self, store, text, &error))
        {
          refresh_title (self, text);
          succeeded (self, serial);
        }
      else
        failed (self, error);
      return;
    }

  self->in_flight = TRUE;
  self->autosave_cancellable = g_cancellable_new ();
  bulletin_store_autosave_async (store, self->draft_id, text, self->autosave_cancellable,
                                 autosave_done_cb, request_new (self, serial, g_strdup (text)));
}

/**
 * bulletin_draft_keeper_retry_now:
 * @self: a #BulletinDraftKeeper
 *
 * Writes at once, not at the next timed retry.
 */
void
bulletin_draft_keeper_retry_now (BulletinDraftKeeper *self)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  g_clear_handle_id (&self->retry_source, g_source_remove);
  bulletin_draft_keeper_save_now (self);
}

/**
 * bulletin_draft_keeper_flush:
 * @self: a #BulletinDraftKeeper
 * @error: return location for an error
 *
 * Writes unsaved text now, synchronously: used where there is no later
 * (closing, quitting) and before reading the draft's history. An empty
 * text that never had a draft stays without one.
 *
 * Returns: %TRUE if the store holds the owner's text
 */
gboolean
bulletin_draft_keeper_flush (BulletinDraftKeeper  *self,
                             GError              **error)
{
  g_autofree char *text = NULL;
  BulletinStore *store;
  guint64 serial;

  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->saved && self->draft_id != 0)
    return TRUE;

  store = get_store (self);
  if (store == NULL)
    {
      if (self->error != NULL)
        g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  text = dup_text (self, &serial);
  if (text == NULL)
    return FALSE;

  /* the write in flight carries older text: were it to land after this
   * one, the store would hold the older */
  g_cancellable_cancel (self->autosave_cancellable);

  if (self->draft_id == 0)
    {
      if (*text == '\0' && self->file_uri == NULL)
        return TRUE;
      if (!ensure_draft (self, store, text, error))
        return FALSE;
    }
  else if (!bulletin_store_autosave (store, self->draft_id, text, error))
    return FALSE;

  refresh_title (self, text);
  self->db_serial = MAX (self->db_serial, serial);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  set_error (self, NULL);
  update_saved (self);

  return TRUE;
}

/**
 * bulletin_draft_keeper_record_milestone:
 * @self: a #BulletinDraftKeeper
 * @kind: what happened
 * @name: (nullable): the user's name for the version
 *
 * Keeps the owner's text as a milestone version (opened, saved to its
 * file, exported, named), creating the draft first if needed.
 */
void
bulletin_draft_keeper_record_milestone (BulletinDraftKeeper *self,
                                        BulletinVersionKind  kind,
                                        const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BulletinStore *store;
  guint64 serial;

  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  store = get_store (self);
  if (store == NULL)
    return;

  text = dup_text (self, &serial);
  if (text == NULL)
    return;

  if (!ensure_draft (self, store, text, &error))
    {
      failed (self, error);
      return;
    }

  if (self->file_uri != NULL)
    bulletin_store_set_draft_file (store, self->draft_id, self->file_uri, NULL);

  bulletin_store_add_version_async (store, self->draft_id, text, kind, name, NULL,
                                    milestone_done_cb, request_new (self, serial, NULL));
}

/**
 * bulletin_draft_keeper_claim:
 * @self: a #BulletinDraftKeeper
 * @draft_id: a draft the owner is about to show
 * @copy_if_busy: edit a copy if the draft is open elsewhere
 * @copied: (out) (optional): set to whether a copy is returned
 * @error: return location for an error
 *
 * Another Bulletin on this database (another session, a Flatpak beside a
 * native build) may have @draft_id open: sharing it, each would write
 * over the other's words. The draft is marked open here unless it is;
 * then, with @copy_if_busy, a copy is made to edit instead, and without,
 * the error is %BULLETIN_STORE_ERROR_BUSY. Failing to mark it otherwise
 * is only logged: the words still go to the draft. Does not adopt.
 *
 * Returns: the draft to show (@draft_id or its copy), or 0 on error
 */
gint64
bulletin_draft_keeper_claim (BulletinDraftKeeper  *self,
                             gint64                draft_id,
                             gboolean              copy_if_busy,
                             gboolean             *copied,
                             GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 copy;

  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), 0);
  g_return_val_if_fail (draft_id > 0, 0);

  if (copied != NULL)
    *copied = FALSE;

  if (self->store == NULL || bulletin_store_claim_draft (self->store, draft_id, &local_error))
    return draft_id;

  if (!g_error_matches (local_error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY))
    {
      g_warning ("Could not mark the draft as open: %s", local_error->message);
      return draft_id;
    }

  if (!copy_if_busy)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  copy = bulletin_store_duplicate_draft (self->store, draft_id, error);
  if (copy != 0 && copied != NULL)
    *copied = TRUE;

  return copy;
}

/**
 * bulletin_draft_keeper_adopt_file_draft:
 * @self: a #BulletinDraftKeeper whose #BulletinDraftKeeper:file-uri is set
 * @file_text: the text just read from the file
 * @unsaved_text: (out) (optional) (nullable): the draft's text, if it is
 *   not the file's (edits never saved to the file), to offer back
 * @error: return location for an error
 *
 * A file opened again finds its draft, so its history goes on. If
 * another running Bulletin has that draft open, nothing is adopted (the
 * keeper makes a draft of its own) and the error is
 * %BULLETIN_STORE_ERROR_BUSY.
 *
 * Returns: %FALSE if the file's draft is open elsewhere
 */
gboolean
bulletin_draft_keeper_adopt_file_draft (BulletinDraftKeeper  *self,
                                        const char           *file_text,
                                        char                **unsaved_text,
                                        GError              **error)
{
  g_autofree char *draft_text = NULL;
  BulletinStore *store;
  gint64 id;

  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), FALSE);
  g_return_val_if_fail (file_text != NULL, FALSE);

  if (unsaved_text != NULL)
    *unsaved_text = NULL;

  store = get_store (self);
  if (store == NULL || self->file_uri == NULL)
    return TRUE;

  id = bulletin_store_find_draft_for_file (store, self->file_uri, NULL);
  if (id == 0 || id == self->draft_id)
    return TRUE;

  if (bulletin_draft_keeper_claim (self, id, FALSE, NULL, error) == 0)
    return FALSE;

  draft_text = bulletin_store_get_draft_text (store, id, NULL);
  adopt (self, store, id);
  if (unsaved_text != NULL && draft_text != NULL && strcmp (draft_text, file_text) != 0)
    *unsaved_text = g_steal_pointer (&draft_text);

  return TRUE;
}

/**
 * bulletin_draft_keeper_adopt:
 * @self: a #BulletinDraftKeeper
 * @draft_id: a draft in the store
 * @title: (nullable): its title
 *
 * From now on the owner's text is @draft_id's, which is marked open (a
 * crash leaves it for recovery). Call bulletin_draft_keeper_mark_saved()
 * too if the owner shows what the store holds.
 */
void
bulletin_draft_keeper_adopt (BulletinDraftKeeper *self,
                             gint64               draft_id,
                             const char          *title)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));
  g_return_if_fail (draft_id > 0);

  if (self->store != NULL)
    adopt (self, self->store, draft_id);
  else if (self->draft_id != draft_id)
    {
      self->draft_id = draft_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ID]);
    }

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

/**
 * bulletin_draft_keeper_mark_saved:
 * @self: a #BulletinDraftKeeper
 * @serial: the owner's change serial
 * @text: (nullable): the text at @serial, for the title
 *
 * The store already holds the owner's text at @serial (it was loaded
 * from there, or written by a restore), so it is not written back.
 */
void
bulletin_draft_keeper_mark_saved (BulletinDraftKeeper *self,
                                  guint64              serial,
                                  const char          *text)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  self->change_serial = MAX (self->change_serial, serial);
  self->db_serial = MAX (self->db_serial, serial);
  if (self->db_serial == self->change_serial)
    g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (text != NULL)
    refresh_title (self, text);
  update_saved (self);
}

/**
 * bulletin_draft_keeper_report_error:
 * @self: a #BulletinDraftKeeper
 * @error: why the text could not be written
 *
 * For a #BulletinDraftKeeper::store-needed handler that found no store:
 * the error is shown as the keeper's own, and the write is retried.
 */
void
bulletin_draft_keeper_report_error (BulletinDraftKeeper *self,
                                    const GError        *error)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));
  g_return_if_fail (error != NULL);

  failed (self, error);
}

/**
 * bulletin_draft_keeper_close:
 * @self: a #BulletinDraftKeeper
 *
 * The owner goes away cleanly: the draft is no longer open, so the next
 * start will not offer to recover it.
 */
void
bulletin_draft_keeper_close (BulletinDraftKeeper *self)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  if (self->store != NULL && self->draft_id != 0)
    bulletin_store_set_draft_open (self->store, self->draft_id, FALSE, NULL);
}

BulletinStore *
bulletin_draft_keeper_get_store (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), NULL);

  return self->store;
}

/**
 * bulletin_draft_keeper_set_store:
 * @self: a #BulletinDraftKeeper
 * @store: (nullable): the drafts database
 *
 * A store that could not be opened at first may come later (the banner's
 * Try Again): unsaved text is then written at once.
 */
void
bulletin_draft_keeper_set_store (BulletinDraftKeeper *self,
                                 BulletinStore       *store)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));
  g_return_if_fail (store == NULL || BULLETIN_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
bulletin_draft_keeper_get_draft_id (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), 0);

  return self->draft_id;
}

const char *
bulletin_draft_keeper_get_title (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), NULL);

  return self->title;
}

const char *
bulletin_draft_keeper_get_file_uri (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), NULL);

  return self->file_uri;
}

/**
 * bulletin_draft_keeper_set_file_uri:
 * @self: a #BulletinDraftKeeper
 * @file_uri: (nullable): the file the text is saved to
 *
 * Recorded with a new draft and with each milestone.
 */
void
bulletin_draft_keeper_set_file_uri (BulletinDraftKeeper *self,
                                    const char          *file_uri)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  if (g_strcmp0 (file_uri, self->file_uri) == 0)
    return;

  g_free (self->file_uri);
  self->file_uri = g_strdup (file_uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_URI]);
}

/**
 * bulletin_draft_keeper_get_saved:
 * @self: a #BulletinDraftKeeper
 *
 * Returns: %TRUE if the store holds the owner's latest text (or there
 *   is nothing to hold)
 */
gboolean
bulletin_draft_keeper_get_saved (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), FALSE);

  return self->saved;
}

/**
 * bulletin_draft_keeper_get_error:
 * @self: a #BulletinDraftKeeper
 *
 * Returns: (nullable): why the last write failed; %NULL once one succeeds
 */
const GError *
bulletin_draft_keeper_get_error (BulletinDraftKeeper *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFT_KEEPER (self), NULL);

  return self->error;
}

/**
 * bulletin_draft_keeper_set_text_func:
 * @self: a #BulletinDraftKeeper
 * @func: reads the owner's text
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data with the keeper
 */
void
bulletin_draft_keeper_set_text_func (BulletinDraftKeeper         *self,
                                     BulletinDraftKeeperTextFunc  func,
                                     gpointer                     user_data,
                                     GDestroyNotify               destroy)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  if (self->text_destroy != NULL)
    self->text_destroy (self->text_data);

  self->text_func = func;
  self->text_data = user_data;
  self->text_destroy = destroy;
}

/**
 * bulletin_draft_keeper_set_delays:
 * @self: a #BulletinDraftKeeper
 * @autosave_ms: from the first unsaved change to its write
 * @retry_ms: from a failed write to the next try
 *
 * For tests, which do not wait seconds.
 */
void
bulletin_draft_keeper_set_delays (BulletinDraftKeeper *self,
                                  guint                autosave_ms,
                                  guint                retry_ms)
{
  g_return_if_fail (BULLETIN_IS_DRAFT_KEEPER (self));

  self->autosave_ms = autosave_ms;
  self->retry_ms = retry_ms;
}

static void
bulletin_draft_keeper_dispose (GObject *object)
{
  BulletinDraftKeeper *self = (BulletinDraftKeeper *)object;

  g_cancellable_cancel (self->autosave_cancellable);
  g_clear_object (&self->autosave_cancellable);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  bulletin_draft_keeper_set_text_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (bulletin_draft_keeper_parent_class)->dispose (object);
}

static void
bulletin_draft_keeper_finalize (GObject *object)
{
  BulletinDraftKeeper *self = (BulletinDraftKeeper *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->file_uri, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bulletin_draft_keeper_parent_class)->finalize (object);
}

static void
bulletin_draft_keeper_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinDraftKeeper *self = BULLETIN_DRAFT_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DRAFT_ID:
      g_value_set_int64 (value, self->draft_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FILE_URI:
      g_value_set_string (value, self->file_uri);
      break;

    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_draft_keeper_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BulletinDraftKeeper *self = BULLETIN_DRAFT_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bulletin_draft_keeper_set_store (self, g_value_get_object (value));
      break;

    case PROP_FILE_URI:
      bulletin_draft_keeper_set_file_uri (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_draft_keeper_class_init (BulletinDraftKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bulletin_draft_keeper_dispose;
  object_class->finalize = bulletin_draft_keeper_finalize;
  object_class->get_property = bulletin_draft_keeper_get_property;
  object_class->set_property = bulletin_draft_keeper_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DRAFT_ID] =
    g_param_spec_int64 ("draft-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE_URI] =
    g_param_spec_string ("file-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BulletinDraftKeeper::store-needed:
   *
   * There is text to write and no store. A handler may set one
   * (bulletin_draft_keeper_set_store()) or say why there is none
   * (bulletin_draft_keeper_report_error()).
   */
  signals[STORE_NEEDED] =
    g_signal_new ("store-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bulletin_draft_keeper_init (BulletinDraftKeeper *self)
{
  self->saved = TRUE;
  self->autosave_ms = AUTOSAVE_DELAY_MS;
  self->retry_ms = RETRY_DELAY_MS;
}

/**
 * bulletin_draft_keeper_new:
 * @store: (nullable): the drafts database, if it could be opened
 *
 * Returns: (transfer full): a new #BulletinDraftKeeper
 */
BulletinDraftKeeper *
bulletin_draft_keeper_new (BulletinStore *store)
{
  return g_object_new (BULLETIN_TYPE_DRAFT_KEEPER, "store", store, NULL);
}
