/* bulletin-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BULLETIN_TYPE_APPLICATION (bulletin_application_get_type ())

G_DECLARE_FINAL_TYPE (BulletinApplication, bulletin_application, BULLETIN, APPLICATION, AdwApplication)

typedef struct
{
  const char *action;
  const char *accels[3];
} BulletinAccel;

const BulletinAccel *bulletin_application_get_accels (guint *n_accels);

#include "bulletin-session.h"
#include "bulletin-store.h"

BulletinApplication *bulletin_application_new            (gint64               start_time);
gint64               bulletin_application_get_start_time (BulletinApplication *self);
BulletinStore       *bulletin_application_get_store      (BulletinApplication *self,
                                                          GError             **error);
BulletinStore       *bulletin_application_retry_store    (BulletinApplication *self);
BulletinSession     *bulletin_application_get_session    (BulletinApplication *self);

void                 bulletin_application_tune_malloc    (void);

G_END_DECLS
