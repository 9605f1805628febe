/* bulletin-packs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BULLETIN_PACK_ERROR (bulletin_pack_error_quark ())

typedef enum
{
  BULLETIN_PACK_ERROR_NOT_A_PACK,
  BULLETIN_PACK_ERROR_INVALID,
  BULLETIN_PACK_ERROR_TOO_BIG,
  BULLETIN_PACK_ERROR_EMPTY,
  BULLETIN_PACK_ERROR_NOT_FOUND,
  BULLETIN_PACK_ERROR_FAILED,
} BulletinPackError;

/* no pack an office writes by hand comes near this */
#define BULLETIN_PACK_MAX_SIZE (1024 * 1024)

typedef struct
{
  char       *id;          /* the file's name without ".ini" */
  char       *name;        /* as shown: translated for a shipped pack */
  char       *description;
  gboolean    imported;    /* from the user's packs folder */
  GHashTable *entries;     /* acronym → BulletinGlossaryEntry */
  GStrv       words;       /* for the spelling check */
} BulletinPack;

GQuark        bulletin_pack_error_quark          (void);
BulletinPack *bulletin_pack_new_from_bytes       (const char          *id,
                                                  GBytes              *bytes,
                                                  GError             **error);
void          bulletin_pack_free                 (BulletinPack        *pack);
char         *bulletin_packs_user_dir            (void);
GPtrArray    *bulletin_packs_list                (void);
BulletinPack *bulletin_packs_import              (GFile               *file,
                                                  GError             **error);
gboolean      bulletin_packs_remove              (const char          *id,
                                                  GError             **error);
void          bulletin_packs_add_to_glossary     (GHashTable          *table,
                                                  GPtrArray           *packs,
                                                  const char * const  *enabled);
GStrv         bulletin_packs_words               (GPtrArray           *packs,
                                                  const char * const  *enabled);
GHashTable   *bulletin_packs_glossary_new        (const char * const  *enabled);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinPack, bulletin_pack_free)

G_END_DECLS
