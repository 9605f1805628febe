/* bulletin-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-document.h"

/* One text being edited: its buffer, the file it is saved to (if any),
 * and the BulletinDraftKeeper that keeps it in the drafts database. It
 * counts the edits (the change serial), so that a write that finishes
 * after more typing, to the file or to the database, does not count the
 * newer text as written. It shows nothing: a window shows it. */

struct _BulletinDocument
{
  GObject              parent_instance;

  GtkSourceBuffer     *buffer;
  BulletinDraftKeeper *keeper;
  GFile               *file;
  /* the file being read in: the title bar names it at once, as the
   * window appears, not once its bytes have arrived */
  GFile               *opening;
  guint64              change_serial;

  guint                loading : 1;
  guint                saving : 1;
};

G_DEFINE_FINAL_TYPE (BulletinDocument, bulletin_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUFFER,
  PROP_KEEPER,
  PROP_STORE,
  PROP_FILE,
  PROP_DRAFT_ID,
  PROP_TITLE,
  PROP_LOADING,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
keeper_text_cb (gpointer  user_data,
                guint64  *serial)
{
  BulletinDocument *self = user_data;

  *serial = self->change_serial;
  return bulletin_document_dup_text (self);
}

static void
buffer_changed_cb (BulletinDocument *self)
{
  self->change_serial++;
  /* replaced text too: the keeper then knows the store does not hold it,
   * until told otherwise (bulletin_draft_keeper_mark_saved()) */
  bulletin_draft_keeper_changed (self->keeper, self->change_serial);
}

static void
notify_title (BulletinDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
keeper_draft_id_cb (BulletinDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ID]);
  notify_title (self);
}

static void
set_flag (BulletinDocument *self,
          guint             prop_id,
          gboolean          value)
{
  gboolean old = prop_id == PROP_LOADING ? self->loading : self->saving;

  if (old == !!value)
    return;

  if (prop_id == PROP_LOADING)
    self->loading = !!value;
  else
    self->saving = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

GtkSourceBuffer *
bulletin_document_get_buffer (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  return self->buffer;
}

BulletinDraftKeeper *
bulletin_document_get_keeper (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  return self->keeper;
}

BulletinStore *
bulletin_document_get_store (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  return bulletin_draft_keeper_get_store (self->keeper);
}

void
bulletin_document_set_store (BulletinDocument *self,
                             BulletinStore    *store)
{
  g_return_if_fail (BULLETIN_IS_DOCUMENT (self));

  if (bulletin_draft_keeper_get_store (self->keeper) == store)
    return;

  bulletin_draft_keeper_set_store (self->keeper, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

GFile *
bulletin_document_get_file (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * bulletin_document_set_file:
 * @self: a #BulletinDocument
 * @file: (nullable): where the text is saved
 */
void
bulletin_document_set_file (BulletinDocument *self,
                            GFile            *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (BULLETIN_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  uri = file != NULL ? g_file_get_uri (file) : NULL;
  bulletin_draft_keeper_set_file_uri (self->keeper, uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  notify_title (self);
}

gint64
bulletin_document_get_draft_id (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), 0);

  return bulletin_draft_keeper_get_draft_id (self->keeper);
}

/**
 * bulletin_document_dup_title:
 * @self: a #BulletinDocument
 *
 * Returns: (transfer full): what the title bar calls it: the name of
 *   the file being opened or else of its file, else its draft's title
 *   (its first heading), else "Untitled"
 */
char *
bulletin_document_dup_title (BulletinDocument *self)
{
  const char *draft_title;

  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  if (self->opening != NULL)
    return bulletin_file_get_display_name (self->opening);

  if (self->file != NULL)
    return bulletin_file_get_display_name (self->file);

  draft_title = bulletin_draft_keeper_get_title (self->keeper);
  if (bulletin_draft_keeper_get_draft_id (self->keeper) != 0 && draft_title != NULL && *draft_title != '\0')
    return g_strdup (draft_title);

  return g_strdup (_("Untitled"));
}

guint64
bulletin_document_get_change_serial (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), 0);

  return self->change_serial;
}

gboolean
bulletin_document_get_loading (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), FALSE);

  return self->loading;
}

gboolean
bulletin_document_get_saving (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), FALSE);

  return self->saving;
}

/**
 * bulletin_document_is_empty:
 * @self: a #BulletinDocument
 *
 * Returns: %TRUE if it holds no file and no text, so opening a file may
 *   reuse it
 */
gboolean
bulletin_document_is_empty (BulletinDocument *self)
{
  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), FALSE);

  return self->file == NULL &&
         !self->loading &&
         gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->buffer)) == 0;
}

char *
bulletin_document_dup_text (BulletinDocument *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (BULLETIN_IS_DOCUMENT (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

/**
 * bulletin_document_replace_text:
 * @self: a #BulletinDocument
 * @text: the new text
 * @len: its length, or -1
 *
 * Puts in text that was not typed (a file, a draft, a restored copy):
 * it cannot be undone, and the cursor goes to its start. The property
 * #BulletinDocument:loading is set meanwhile.
 */
void
bulletin_document_replace_text (BulletinDocument *self,
                                const char       *text,
                                gssize            len)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  gboolean was_loading;

  g_return_if_fail (BULLETIN_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  was_loading = self->loading;
  set_flag (self, PROP_LOADING, TRUE);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, len);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  set_flag (self, PROP_LOADING, was_loading);
}

/* ----- files ----- */

typedef struct
{
  GFile                 *file;
  char                  *text;
  gsize                  len;
  guint64                serial;
  BulletinFileLoadFlags  flags;
  char                  *unsaved_draft_text;
  gboolean               draft_open_elsewhere;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_clear_object (&job->file);
  g_free (job->text);
  g_free (job->unsaved_draft_text);
  g_free (job);
}

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulletinDocument *self = g_task_get_source_object (task);
  FileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->text = bulletin_file_load_finish (G_FILE (object), result, &job->len, &job->flags, &error);
  if (self->opening == job->file)
    g_clear_object (&self->opening);
  if (job->text == NULL)
    {
      notify_title (self);
      set_flag (self, PROP_LOADING, FALSE);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bulletin_document_set_file (self, job->file);
  bulletin_document_replace_text (self, job->text, job->len);
  /* Text that had to be repaired or converted differs from the file on
   * disk, so it counts as unsaved until the user saves it. */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), job->flags != BULLETIN_FILE_LOAD_CLEAN);
  set_flag (self, PROP_LOADING, FALSE);

  /* its history goes on in the draft it had, if no other Bulletin is
   * editing that one; the opening is a milestone either way (without a
   * database, the keeper has said so already: the first write retries) */
  if (!bulletin_draft_keeper_adopt_file_draft (self->keeper, job->text, &job->unsaved_draft_text, &error))
    job->draft_open_elsewhere = g_error_matches (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_BUSY);
  if (bulletin_draft_keeper_get_store (self->keeper) != NULL)
    bulletin_draft_keeper_record_milestone (self->keeper, BULLETIN_VERSION_OPENED, NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * bulletin_document_load_file_async:
 * @self: a #BulletinDocument
 * @file: the file to open
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the text is in
 * @user_data: for @callback
 *
 * Replaces the text with @file's, which becomes the document's file,
 * and finds the file's draft, whose history goes on.
 */
void
bulletin_document_load_file_async (BulletinDocument    *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  FileJob *job;

  g_return_if_fail (BULLETIN_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_document_load_file_async);
  job = g_new0 (FileJob, 1);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);

  set_flag (self, PROP_LOADING, TRUE);
  g_set_object (&self->opening, job->file);
  notify_title (self);
  bulletin_file_load_async (file, cancellable, load_file_cb, task);
}

/**
 * bulletin_document_load_file_finish:
 * @self: a #BulletinDocument
 * @result: the result
 * @flags: (out) (optional): how the file's bytes had to be read
 * @unsaved_draft_text: (out) (optional) (nullable): the text of the
 *   file's draft, if it holds edits never saved to the file
 * @draft_open_elsewhere: (out) (optional): whether another running
 *   Bulletin edits the file's draft (this document then has its own)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the text as loaded, or %NULL
 */
char *
bulletin_document_load_file_finish (BulletinDocument       *self,
                                    GAsyncResult           *result,
                                    BulletinFileLoadFlags  *flags,
                                    char                  **unsaved_draft_text,
                                    gboolean               *draft_open_elsewhere,
                                    GError                **error)
{
  FileJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  if (flags != NULL)
    *flags = job->flags;
  if (unsaved_draft_text != NULL)
    *unsaved_draft_text = g_strdup (job->unsaved_draft_text);
  if (draft_open_elsewhere != NULL)
    *draft_open_elsewhere = job->draft_open_elsewhere;

  return g_strndup (job->text, job->len);
}

static void
save_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulletinDocument *self = g_task_get_source_object (task);
  FileJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  set_flag (self, PROP_SAVING, FALSE);

  if (!bulletin_file_save_finish (G_FILE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bulletin_document_set_file (self, job->file);

  /* Only what was written counts as saved: if the user kept typing while
   * the file was written, the document stays modified. */
  if (self->change_serial == job->serial)
    gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self->buffer), FALSE);

  bulletin_draft_keeper_record_milestone (self->keeper, BULLETIN_VERSION_SAVED, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * bulletin_document_save_file_async:
 * @self: a #BulletinDocument
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: for @callback
 *
 * Writes the text to @file, which becomes the document's file, and keeps
 * the text as a "saved" milestone in its history.
 */
void
bulletin_document_save_file_async (BulletinDocument    *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  FileJob *job;

  g_return_if_fail (BULLETIN_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bulletin_document_save_file_async);
  job = g_new0 (FileJob, 1);
  job->file = g_object_ref (file);
  job->serial = self->change_serial;
  job->text = bulletin_document_dup_text (self);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);

  set_flag (self, PROP_SAVING, TRUE);
  bulletin_file_save_async (file, job->text, -1, cancellable, save_file_cb, task);
}

gboolean
bulletin_document_save_file_finish (BulletinDocument  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ----- the object ----- */

static void
bulletin_document_constructed (GObject *object)
{
  BulletinDocument *self = (BulletinDocument *)object;

  G_OBJECT_CLASS (bulletin_document_parent_class)->constructed (object);

  if (self->buffer == NULL)
    self->buffer = gtk_source_buffer_new (NULL);

  /* connected before the owner's own handlers, so the serial counts a
   * change before anyone who reads it hears of the change */
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
bulletin_document_dispose (GObject *object)
{
  BulletinDocument *self = (BulletinDocument *)object;

  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  if (self->keeper != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->keeper, self);
      /* the keeper outlives nothing it reads from */
      bulletin_draft_keeper_set_text_func (self->keeper, NULL, NULL, NULL);
    }
  g_clear_object (&self->keeper);

  G_OBJECT_CLASS (bulletin_document_parent_class)->dispose (object);
}

static void
bulletin_document_finalize (GObject *object)
{
  BulletinDocument *self = (BulletinDocument *)object;

  g_clear_object (&self->buffer);
  g_clear_object (&self->file);
  g_clear_object (&self->opening);

  G_OBJECT_CLASS (bulletin_document_parent_class)->finalize (object);
}

static void
bulletin_document_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BulletinDocument *self = BULLETIN_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      g_value_set_object (value, self->buffer);
      break;

    case PROP_KEEPER:
      g_value_set_object (value, self->keeper);
      break;

    case PROP_STORE:
      g_value_set_object (value, bulletin_document_get_store (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DRAFT_ID:
      g_value_set_int64 (value, bulletin_document_get_draft_id (self));
      break;

    case PROP_TITLE:
      g_value_take_string (value, bulletin_document_dup_title (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_document_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BulletinDocument *self = BULLETIN_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      g_assert (self->buffer == NULL);
      self->buffer = g_value_dup_object (value);
      break;

    case PROP_STORE:
      bulletin_document_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_document_class_init (BulletinDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bulletin_document_constructed;
  object_class->dispose = bulletin_document_dispose;
  object_class->finalize = bulletin_document_finalize;
  object_class->get_property = bulletin_document_get_property;
  object_class->set_property = bulletin_document_set_property;

  /**
   * BulletinDocument:buffer:
   *
   * The text. Its owner may hand one in, set up for showing (a language,
   * highlighting); otherwise a plain one is made.
   */
  properties[PROP_BUFFER] =
    g_param_spec_object ("buffer", NULL, NULL, GTK_SOURCE_TYPE_BUFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEPER] =
    g_param_spec_object ("keeper", NULL, NULL, BULLETIN_TYPE_DRAFT_KEEPER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DRAFT_ID] =
    g_param_spec_int64 ("draft-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_document_init (BulletinDocument *self)
{
  self->keeper = bulletin_draft_keeper_new (NULL);
  bulletin_draft_keeper_set_text_func (self->keeper, keeper_text_cb, self, NULL);

  g_signal_connect_object (self->keeper, "notify::draft-id", G_CALLBACK (keeper_draft_id_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "notify::title", G_CALLBACK (notify_title),
                           self, G_CONNECT_SWAPPED);
}

/**
 * bulletin_document_new:
 * @store: (nullable): the drafts database, if it could be opened
 *
 * Returns: (transfer full): a new, empty #BulletinDocument
 */
BulletinDocument *
bulletin_document_new (BulletinStore *store)
{
  return g_object_new (BULLETIN_TYPE_DOCUMENT, "store", store, NULL);
}
