/* bulletin-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-images.h"

G_BEGIN_DECLS

#define BULLETIN_STORE_ERROR (bulletin_store_error_quark ())

typedef enum
{
  BULLETIN_STORE_ERROR_FAILED,
  BULLETIN_STORE_ERROR_CORRUPT,
  BULLETIN_STORE_ERROR_READ_ONLY,
  BULLETIN_STORE_ERROR_FULL,
  BULLETIN_STORE_ERROR_BUSY,
  BULLETIN_STORE_ERROR_NOT_FOUND,
  BULLETIN_STORE_ERROR_TOO_NEW,
  BULLETIN_STORE_ERROR_EXISTS,
  /* a draft's text or a version failed its checks (UTF-8, length,
   * digest); its bytes are kept, see bulletin_store_find_readable_version() */
  BULLETIN_STORE_ERROR_DAMAGED,
  /* the disk failed a read, write or sync (other than by being full) */
  BULLETIN_STORE_ERROR_IO,
} BulletinStoreError;

/**
 * BulletinVersionKind:
 *
 * What made a version. Everything but %BULLETIN_VERSION_AUTOSAVE is a
 * milestone and is kept forever.
 */
typedef enum
{
  BULLETIN_VERSION_AUTOSAVE       = 0,
  BULLETIN_VERSION_OPENED         = 1,
  BULLETIN_VERSION_SAVED          = 2,
  BULLETIN_VERSION_EXPORTED       = 3,
  BULLETIN_VERSION_RESTORED       = 4,
  BULLETIN_VERSION_NAMED          = 5,
  BULLETIN_VERSION_BEFORE_RESTORE = 6,
} BulletinVersionKind;

typedef struct
{
  gint64   id;
  char    *uuid;
  char    *title;
  char    *file_uri;
  char    *snippet;      /* search results only */
  gint64   created_at;   /* µs since the epoch */
  gint64   updated_at;
  gint64   deleted_at;   /* 0 unless in the trash */
  guint    word_count;
  gboolean custom_title;
} BulletinDraftInfo;

typedef struct
{
  gint64              id;
  gint64              draft_id;
  gint64              created_at;
  BulletinVersionKind kind;
  char               *name;
  guint               word_count;
  gsize               size;
} BulletinVersionInfo;

/* A reusable section of the library (an opening, a sign-off, …). */
typedef struct
{
  gint64  id;
  char   *name;
  char   *category;
  char   *body;
  int     position;
  gint64  updated_at;
} BulletinSection;

/* An abbreviation the office knows, for the acronym check. */
typedef struct
{
  char     *acronym;      /* as written: "WY&H"; case matters */
  char     *expansion;
  gboolean  well_known;   /* never needs spelling out ("NHS") */
} BulletinGlossaryEntry;

/* Autosaves snapshot a version at most this often while the text changes. */
#define BULLETIN_STORE_SNAPSHOT_INTERVAL (5 * G_TIME_SPAN_MINUTE)
#define BULLETIN_STORE_TRASH_DAYS 30
/* A search lists at most this many drafts, best matches first. */
#define BULLETIN_STORE_SEARCH_LIMIT 200
#define BULLETIN_STORE_SCHEMA_VERSION 8

typedef gint64 (*BulletinStoreClock) (gpointer user_data);

#define BULLETIN_TYPE_STORE (bulletin_store_get_type ())

G_DECLARE_FINAL_TYPE (BulletinStore, bulletin_store, BULLETIN, STORE, GObject)

GQuark               bulletin_store_error_quark          (void);
char                *bulletin_store_default_path         (void);
BulletinStore       *bulletin_store_open                 (const char           *path,
                                                          GError              **error);
BulletinStore       *bulletin_store_open_or_recover      (const char           *path,
                                                          char                **moved_to,
                                                          guint                *n_recovered,
                                                          GError              **error);
const char          *bulletin_store_get_path             (BulletinStore        *self);
int                  bulletin_store_get_schema_version   (BulletinStore        *self);
void                 bulletin_store_set_clock            (BulletinStore        *self,
                                                          BulletinStoreClock    clock,
                                                          gpointer              user_data);
gint64               bulletin_store_now                  (BulletinStore        *self);

gint64               bulletin_store_create_draft         (BulletinStore        *self,
                                                          const char           *text,
                                                          const char           *file_uri,
                                                          GError              **error);
gboolean             bulletin_store_autosave             (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *text,
                                                          GError              **error);
gint64               bulletin_store_add_version          (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *text,
                                                          BulletinVersionKind   kind,
                                                          const char           *name,
                                                          GError              **error);
gint64               bulletin_store_restore_version      (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          gint64                version_id,
                                                          const char           *current_text,
                                                          char                **restored_text,
                                                          GError              **error);
BulletinDraftInfo   *bulletin_store_get_draft            (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
char                *bulletin_store_get_draft_text       (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
char                *bulletin_store_get_draft_text_lossy (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
BulletinVersionInfo *bulletin_store_find_readable_version (BulletinStore       *self,
                                                          gint64                draft_id,
                                                          char                **text,
                                                          GError              **error);
char                *bulletin_store_find_readable_text   (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          gint64               *saved_at,
                                                          GError              **error);
gint64               bulletin_store_find_draft_for_file  (BulletinStore        *self,
                                                          const char           *file_uri,
                                                          GError              **error);
gboolean             bulletin_store_set_draft_file       (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *file_uri,
                                                          GError              **error);
GPtrArray           *bulletin_store_list_drafts          (BulletinStore        *self,
                                                          const char           *search,
                                                          gboolean              trashed,
                                                          GError              **error);
gint64               bulletin_store_duplicate_draft      (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
gboolean             bulletin_store_rename_draft         (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *title,
                                                          GError              **error);
gboolean             bulletin_store_trash_draft          (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          gboolean              trashed,
                                                          GError              **error);
guint                bulletin_store_purge_trash          (BulletinStore        *self,
                                                          GError              **error);
GPtrArray           *bulletin_store_list_versions        (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
char                *bulletin_store_get_version_text     (BulletinStore        *self,
                                                          gint64                version_id,
                                                          GError              **error);
guint                bulletin_store_thin_versions        (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
gboolean             bulletin_store_set_draft_open       (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          gboolean              open,
                                                          GError              **error);
GArray              *bulletin_store_take_orphaned_drafts (BulletinStore        *self,
                                                          GError              **error);
gboolean             bulletin_store_draft_open_elsewhere (BulletinStore        *self,
                                                          gint64                draft_id);
gboolean             bulletin_store_claim_draft          (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
guint                bulletin_store_get_draft_crashes    (BulletinStore        *self,
                                                          gint64                draft_id);
gboolean             bulletin_store_leave_drafts_open    (BulletinStore        *self,
                                                          GError              **error);

void                 bulletin_store_autosave_async       (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *text,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             bulletin_store_autosave_finish      (BulletinStore        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 bulletin_store_create_draft_async   (BulletinStore        *self,
                                                          const char           *text,
                                                          const char           *file_uri,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gint64               bulletin_store_create_draft_finish  (BulletinStore        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void                 bulletin_store_add_version_async    (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *text,
                                                          BulletinVersionKind   kind,
                                                          const char           *name,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gint64               bulletin_store_add_version_finish   (BulletinStore        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

gint64               bulletin_store_add_section          (BulletinStore        *self,
                                                          const char           *name,
                                                          const char           *category,
                                                          const char           *body,
                                                          GError              **error);
gboolean             bulletin_store_update_section       (BulletinStore        *self,
                                                          gint64                section_id,
                                                          const char           *name,
                                                          const char           *category,
                                                          const char           *body,
                                                          GError              **error);
gboolean             bulletin_store_delete_section       (BulletinStore        *self,
                                                          gint64                section_id,
                                                          gboolean              deleted,
                                                          GError              **error);
gboolean             bulletin_store_move_section         (BulletinStore        *self,
                                                          gint64                section_id,
                                                          const char           *category,
                                                          int                   position,
                                                          GError              **error);
GPtrArray           *bulletin_store_list_sections        (BulletinStore        *self,
                                                          const char           *search,
                                                          GError              **error);
BulletinSection     *bulletin_store_find_section         (BulletinStore        *self,
                                                          const char           *name,
                                                          GError              **error);
GPtrArray           *bulletin_store_list_section_history (BulletinStore        *self,
                                                          gint64                section_id,
                                                          GError              **error);
guint                bulletin_store_count_sections_ever  (BulletinStore        *self,
                                                          GError              **error);
void                 bulletin_section_free               (BulletinSection      *section);

gboolean             bulletin_store_glossary_set         (BulletinStore        *self,
                                                          const char           *acronym,
                                                          const char           *expansion,
                                                          gboolean              well_known,
                                                          GError              **error);
gboolean             bulletin_store_glossary_remove      (BulletinStore        *self,
                                                          const char           *acronym,
                                                          GError              **error);
GPtrArray           *bulletin_store_glossary_list        (BulletinStore        *self,
                                                          GError              **error);
BulletinGlossaryEntry *bulletin_store_glossary_lookup    (BulletinStore        *self,
                                                          const char           *acronym,
                                                          GError              **error);
BulletinGlossaryEntry *bulletin_glossary_entry_new       (const char           *acronym,
                                                          const char           *expansion,
                                                          gboolean              well_known);
void                 bulletin_glossary_entry_free        (BulletinGlossaryEntry *entry);

/* bulletin-store-images.c */
#define BULLETIN_STORE_IMAGE_SCHEME BULLETIN_IMAGE_SCHEME

char                *bulletin_store_image_add            (BulletinStore        *self,
                                                          const char           *name,
                                                          const char           *mime_type,
                                                          GBytes               *data,
                                                          GError              **error);
GBytes              *bulletin_store_image_get            (BulletinStore        *self,
                                                          const char           *key,
                                                          char                **name,
                                                          char                **mime_type,
                                                          GError              **error);
const char          *bulletin_store_image_key_from_uri   (const char           *uri);
GBytes              *bulletin_store_image_resolve        (const char           *url,
                                                          char                **name,
                                                          gpointer              store,
                                                          GError              **error);

gboolean             bulletin_store_dictionary_add       (BulletinStore        *self,
                                                          const char           *word,
                                                          GError              **error);
gboolean             bulletin_store_dictionary_remove    (BulletinStore        *self,
                                                          const char           *word,
                                                          GError              **error);
char               **bulletin_store_dictionary_list      (BulletinStore        *self,
                                                          GError              **error);

gboolean             bulletin_store_ignore_finding       (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          const char           *key,
                                                          GError              **error);
gboolean             bulletin_store_unignore_findings    (BulletinStore        *self,
                                                          gint64                draft_id,
                                                          GError              **error);
GHashTable          *bulletin_store_list_ignored_findings (BulletinStore       *self,
                                                          gint64                draft_id,
                                                          GError              **error);

void                 bulletin_draft_info_free            (BulletinDraftInfo    *info);
void                 bulletin_version_info_free          (BulletinVersionInfo  *info);
const char          *bulletin_version_kind_to_label      (BulletinVersionKind   kind);
gboolean             bulletin_version_kind_is_milestone  (BulletinVersionKind   kind);
char                *bulletin_store_describe_error       (const GError         *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinDraftInfo, bulletin_draft_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinVersionInfo, bulletin_version_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinSection, bulletin_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinGlossaryEntry, bulletin_glossary_entry_free)

G_END_DECLS
