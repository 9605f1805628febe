/* bulletin-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_SESSION (bulletin_session_get_type ())

G_DECLARE_FINAL_TYPE (BulletinSession, bulletin_session, BULLETIN, SESSION, GObject)

/* A draft to open again at start: open when Bulletin last stopped without
 * closing it. */
typedef struct
{
  gint64   draft_id;
  gboolean safe_mode;  /* open through the last two crashes */
} BulletinReopen;

BulletinSession *bulletin_session_new                (const char       *path);
const char      *bulletin_session_get_path           (BulletinSession  *self);
BulletinStore   *bulletin_session_get_store          (BulletinSession  *self);
BulletinStore   *bulletin_session_get_store_or_retry (BulletinSession  *self,
                                                      GError          **error);
BulletinStore   *bulletin_session_retry_store        (BulletinSession  *self);
char            *bulletin_session_take_damaged_copy  (BulletinSession  *self,
                                                      guint            *n_rescued);
GArray          *bulletin_session_take_drafts_to_reopen (BulletinSession *self);
void             bulletin_session_tidy_async         (BulletinSession  *self);

G_END_DECLS
