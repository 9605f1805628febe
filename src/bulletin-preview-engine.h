/* bulletin-preview-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-preview-page.h"

G_BEGIN_DECLS

#define BULLETIN_PREVIEW_ENGINE_ERROR (bulletin_preview_engine_error_quark ())

typedef enum
{
  BULLETIN_PREVIEW_ENGINE_ERROR_NOT_FOUND,
  BULLETIN_PREVIEW_ENGINE_ERROR_FAILED,
} BulletinPreviewEngineError;

GQuark                        bulletin_preview_engine_error_quark (void);

const BulletinPreviewPageOps *bulletin_preview_engine_get         (GError              **error);
void                          bulletin_preview_engine_load_async  (GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
const BulletinPreviewPageOps *bulletin_preview_engine_load_finish (GAsyncResult         *result,
                                                                   GError              **error);
gboolean                      bulletin_preview_engine_is_loaded   (void);

G_END_DECLS
