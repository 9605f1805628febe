/* bulletin-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
