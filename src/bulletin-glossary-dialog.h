/* bulletin-glossary-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

GtkWidget *bulletin_glossary_dialog_new (GtkWindow     *parent,
                                         BulletinStore *store,
                                         const char    *acronym,
                                         const char    *expansion,
                                         gboolean       well_known);

G_END_DECLS
