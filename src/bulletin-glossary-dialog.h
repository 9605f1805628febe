/* bulletin-glossary-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_GLOSSARY_DIALOG (bulletin_glossary_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BulletinGlossaryDialog, bulletin_glossary_dialog, BULLETIN, GLOSSARY_DIALOG, AdwMessageDialog)

GtkWidget *bulletin_glossary_dialog_new (GtkWindow     *parent,
                                         BulletinStore *store,
                                         const char    *acronym,
                                         const char    *expansion,
                                         gboolean       well_known);

G_END_DECLS
