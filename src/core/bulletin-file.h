/* bulletin-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BULLETIN_FILE_ERROR (bulletin_file_error_quark ())

typedef enum
{
  BULLETIN_FILE_ERROR_TOO_LARGE,
  BULLETIN_FILE_ERROR_NOT_TEXT,
} BulletinFileError;

/**
 * BulletinFileLoadFlags:
 * @BULLETIN_FILE_LOAD_CLEAN: the file was valid UTF-8
 * @BULLETIN_FILE_LOAD_REPLACED: invalid bytes were replaced by U+FFFD
 * @BULLETIN_FILE_LOAD_CONVERTED: the file was in another encoding
 *   (UTF-16 with a byte-order mark, or Windows-1252) and was converted
 */
typedef enum
{
  BULLETIN_FILE_LOAD_CLEAN     = 0,
  BULLETIN_FILE_LOAD_REPLACED  = 1 << 0,
  BULLETIN_FILE_LOAD_CONVERTED = 1 << 1,
} BulletinFileLoadFlags;

/* Larger files are refused: a weekly update is a few kilobytes, and a
 * text view holding hundreds of megabytes is unusable anyway. */
#define BULLETIN_FILE_MAX_SIZE (64 * 1024 * 1024)

GQuark   bulletin_file_error_quark   (void);
char    *bulletin_file_decode        (const char             *data,
                                      gsize                   len,
                                      gsize                  *out_len,
                                      BulletinFileLoadFlags  *flags,
                                      GError                **error);
char    *bulletin_file_load          (GFile                  *file,
                                      GCancellable           *cancellable,
                                      gsize                  *len,
                                      BulletinFileLoadFlags  *flags,
                                      GError                **error);
void     bulletin_file_load_async    (GFile                  *file,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
char    *bulletin_file_load_finish   (GFile                  *file,
                                      GAsyncResult           *result,
                                      gsize                  *len,
                                      BulletinFileLoadFlags  *flags,
                                      GError                **error);
void     bulletin_file_save_async    (GFile                  *file,
                                      const char             *text,
                                      gssize                  len,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
gboolean bulletin_file_replace       (GFile                  *file,
                                      const char             *data,
                                      gsize                   len,
                                      GCancellable           *cancellable,
                                      GError                **error);
gboolean bulletin_file_save_finish   (GFile                  *file,
                                      GAsyncResult           *result,
                                      GError                **error);
/* What failed, for bulletin_file_describe_error(): the advice differs
 * between a window, which can Save As, and the command line. */
typedef enum
{
  BULLETIN_FILE_OPENING,
  BULLETIN_FILE_SAVING,
  BULLETIN_FILE_WRITING_OUTPUT,
} BulletinFileAction;

char    *bulletin_file_describe_error (GFile                 *file,
                                       BulletinFileAction     action,
                                       const GError          *error);
char    *bulletin_file_get_display_name (GFile               *file);
const char *bulletin_file_load_notice (BulletinFileLoadFlags  flags);
GFile   *bulletin_file_export_folder (GFile                  *draft_file,
                                      const char             *last_folder);
char    *bulletin_file_suggest_name  (const char             *title,
                                      const char             *fallback);
gboolean bulletin_file_is_markdown   (GFile                  *file,
                                      const char             *content_type);

G_END_DECLS
