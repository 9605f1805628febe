/* bulletin-instance-lock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BulletinInstanceLock BulletinInstanceLock;

BulletinInstanceLock *bulletin_instance_lock_acquire  (const char            *db_path,
                                                       GError               **error);
const char           *bulletin_instance_lock_get_id   (BulletinInstanceLock  *lock);
void                  bulletin_instance_lock_release  (BulletinInstanceLock  *lock);
gboolean              bulletin_instance_is_running    (const char            *db_path,
                                                       const char            *id,
                                                       gboolean              *known);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinInstanceLock, bulletin_instance_lock_release)

G_END_DECLS
