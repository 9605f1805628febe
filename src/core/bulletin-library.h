/* bulletin-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-store.h"

G_BEGIN_DECLS

/* The category whose first section is the weekly template. */
#define BULLETIN_LIBRARY_TEMPLATES "Templates"

/* Where a section goes when the user names no category (in English:
 * bulletin_library_category_name() gives the name in the user's
 * language). */
#define BULLETIN_LIBRARY_DEFAULT_CATEGORY "Boilerplate"

#define BULLETIN_LIBRARY_ERROR (bulletin_library_error_quark ())

typedef enum
{
  BULLETIN_LIBRARY_ERROR_INVALID,
} BulletinLibraryError;

/**
 * BulletinImportChoice:
 * @BULLETIN_IMPORT_KEEP: keep the library's section, skip the imported one
 * @BULLETIN_IMPORT_REPLACE: replace it (the old text stays in its history)
 * @BULLETIN_IMPORT_KEEP_BOTH: add the imported one under a new name
 */
typedef enum
{
  BULLETIN_IMPORT_KEEP,
  BULLETIN_IMPORT_REPLACE,
  BULLETIN_IMPORT_KEEP_BOTH,
} BulletinImportChoice;

typedef BulletinImportChoice (*BulletinImportConflictFunc) (const BulletinSection *existing,
                                                           const BulletinSection *incoming,
                                                           gpointer               user_data);

typedef struct
{
  guint added;
  guint replaced;
  guint kept;
  guint unchanged;
} BulletinImportReport;

GQuark     bulletin_library_error_quark    (void);
char      *bulletin_library_export         (GPtrArray                  *sections);
GPtrArray *bulletin_library_parse          (const char                 *data,
                                            gssize                      len,
                                            GError                    **error);
gboolean   bulletin_library_import         (BulletinStore              *store,
                                            GPtrArray                  *sections,
                                            BulletinImportConflictFunc  resolve,
                                            gpointer                    user_data,
                                            BulletinImportReport       *report,
                                            GError                    **error);
gboolean   bulletin_library_ensure_defaults (BulletinStore             *store,
                                             GError                   **error);

int        bulletin_library_category_rank  (const char                 *category);
const char *bulletin_library_category_name (const char                 *category);
void       bulletin_library_sort           (GPtrArray                  *sections);
GStrv      bulletin_library_list_categories (GPtrArray                 *sections);
char      *bulletin_library_dup_weekly_template (BulletinStore         *store,
                                                 gint64                *section_id);
char      *bulletin_library_pad_block      (const char                 *before,
                                            const char                 *after,
                                            const char                 *section,
                                            gsize                      *text_end);
char      *bulletin_library_suggest_name   (const char                 *text);
gsize      bulletin_library_block_end      (const char                 *text,
                                            gsize                       offset);
GPtrArray *bulletin_library_find_conflicts (BulletinStore             *store,
                                            GPtrArray                 *sections);

G_END_DECLS
