/* bulletin-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bulletin-instance-lock.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

/* Shared by the files of the store (bulletin-store*.c) and nothing else.
 * The functions here that run SQL expect their caller to hold the store's
 * mutex, but for bulletin_store_collect_rows(), which takes it. */

struct _BulletinStore
{
  GObject             parent_instance;

  GMutex              mutex;
  sqlite3            *db;
  char               *path;
  GThreadPool        *worker;

  BulletinStoreClock  clock;
  gpointer            clock_data;

  /* who this store is to other Bulletins; NULL when the folder beside
   * the database could not hold its lock (then process ids are used) */
  BulletinInstanceLock *instance;

  /* where BulletinStore::drafts-changed is emitted: the main context of
   * the thread that opened the store */
  GMainContext       *main_context;
  gint                drafts_changed_pending;   /* atomic */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef gpointer (*BulletinStoreRowFunc) (sqlite3_stmt *stmt);

/* bulletin-store.c */
void          bulletin_store_set_sqlite_error        (GError              **error,
                                                      sqlite3              *db,
                                                      int                   rc,
                                                      const char           *context);
sqlite3_stmt *bulletin_store_prepare                 (BulletinStore        *self,
                                                      const char           *sql,
                                                      GError              **error);
gboolean      bulletin_store_step_done               (BulletinStore        *self,
                                                      sqlite3_stmt         *stmt,
                                                      GError              **error);
gboolean      bulletin_store_begin                   (BulletinStore        *self,
                                                      GError              **error);
gboolean      bulletin_store_commit                  (BulletinStore        *self,
                                                      GError              **error);
void          bulletin_store_rollback                (BulletinStore        *self);
GPtrArray    *bulletin_store_collect_rows            (BulletinStore        *self,
                                                      const char           *sql,
                                                      gint64                id,
                                                      BulletinStoreRowFunc  from_row,
                                                      GDestroyNotify        free_func,
                                                      const char           *what,
                                                      GError              **error);
void          bulletin_store_emit_glossary_changed   (BulletinStore        *self);
void          bulletin_store_note_drafts_changed     (BulletinStore        *self);
void          bulletin_store_emit_dictionary_changed (BulletinStore        *self,
                                                      const char           *word,
                                                      gboolean              added);

/* bulletin-store-drafts.c */
gboolean      bulletin_store_update_fts              (BulletinStore        *self,
                                                      gint64                draft_id,
                                                      const char           *title,
                                                      const char           *text,
                                                      GError              **error);
gboolean      bulletin_store_autosave_unless_cancelled (BulletinStore      *self,
                                                        gint64              draft_id,
                                                        const char         *text,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
gboolean      bulletin_store_autosave_locked         (BulletinStore        *self,
                                                      gint64                draft_id,
                                                      const char           *text,
                                                      GError              **error);
gboolean      bulletin_store_keep_current_text_locked (BulletinStore       *self,
                                                       gint64               draft_id,
                                                       const char          *new_text,
                                                       GError             **error);
char         *bulletin_store_read_current_bytes_locked (BulletinStore      *self,
                                                        gint64              draft_id,
                                                        gsize              *len,
                                                        gboolean           *damaged,
                                                        GError            **error);
char         *bulletin_store_dup_column_readable     (sqlite3_stmt         *stmt,
                                                      int                   column);

/* bulletin-store-versions.c */
enum {
  ENCODING_PLAIN = 0,
  ENCODING_ZLIB = 1,
};

/* the newest version of a draft, to tell whether a text is new */
typedef struct
{
  gint64 id;
  gint64 created_at;
  int kind;
  guint8 hash[32];
  gboolean found;
} LatestVersion;

gboolean      bulletin_store_check_text              (const char           *data,
                                                      gsize                 len,
                                                      const char           *what,
                                                      GError              **error);
gboolean      bulletin_store_get_latest_version      (BulletinStore        *self,
                                                      gint64                draft_id,
                                                      LatestVersion        *latest,
                                                      GError              **error);
gint64        bulletin_store_add_version_bytes_locked (BulletinStore       *self,
                                                       gint64               draft_id,
                                                       const char          *text,
                                                       gsize                len,
                                                       guint                word_count,
                                                       BulletinVersionKind  kind,
                                                       const char          *name,
                                                       GError             **error);
char         *bulletin_store_decode_version          (const void           *data,
                                                      gsize                 len,
                                                      int                   encoding,
                                                      gint64                size,
                                                      const void           *hash,
                                                      gsize                 hash_len,
                                                      gsize                *out_len,
                                                      GError              **error);
gint64        bulletin_store_add_version_locked      (BulletinStore        *self,
                                                      gint64                draft_id,
                                                      const char           *text,
                                                      BulletinVersionKind   kind,
                                                      const char           *name,
                                                      GError              **error);

/* bulletin-store-async.c */
void          bulletin_store_worker_func             (gpointer              data,
                                                      gpointer              user_data);

G_END_DECLS
