/* bulletin-checks-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bulletin-check-report.h"
#include "bulletin-spell.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_CHECKS_PANEL (bulletin_checks_panel_get_type ())

G_DECLARE_FINAL_TYPE (BulletinChecksPanel, bulletin_checks_panel, BULLETIN, CHECKS_PANEL, GtkWidget)

void        bulletin_checks_panel_set_spell  (BulletinChecksPanel *self,
                                              BulletinSpell       *spell);
void        bulletin_checks_panel_set_note   (BulletinChecksPanel *self,
                                              const char          *note);
const char *bulletin_checks_panel_get_note   (BulletinChecksPanel *self);
GListModel *bulletin_checks_panel_get_findings (BulletinChecksPanel *self);
GMenuModel *bulletin_checks_panel_build_menu (BulletinChecksPanel *self,
                                              guint                index);

G_END_DECLS
