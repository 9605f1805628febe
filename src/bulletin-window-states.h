/* bulletin-window-states.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-window.h"

G_BEGIN_DECLS

/* Which of the window's actions can apply now (bulletin-window-actions.c
 * has the list). Each file that installs actions keeps their enabled
 * state in step with what they need, from the signals that change it, so
 * every button and menu item bound to them greys out by itself; a toast
 * is left only for what fails once the action runs. */

void bulletin_window_init_action_states  (BulletinWindow *self);
void bulletin_window_sync_store_states   (BulletinWindow *self);
void bulletin_window_init_finding_states (BulletinWindow *self);
void bulletin_window_sync_fill_state     (BulletinWindow *self);
void bulletin_window_init_fill_state     (BulletinWindow *self);
void bulletin_window_dispose_fill_state  (BulletinWindow *self);

/* What one of the window's dialogs or toasts needs for its answer, in
 * place of object data on it: the window, weakly (it may close first),
 * and a value, freed with the handler (g_signal_connect_data()). */
typedef struct _BulletinWindowReply BulletinWindowReply;

BulletinWindowReply *bulletin_window_reply_new        (BulletinWindow      *self,
                                                       gpointer             data,
                                                       GDestroyNotify       destroy);
void                 bulletin_window_reply_free       (gpointer             reply,
                                                       GClosure            *closure);
BulletinWindow      *bulletin_window_reply_dup_window (BulletinWindowReply *reply);
gpointer             bulletin_window_reply_get_data   (BulletinWindowReply *reply);

G_END_DECLS
