/* bulletin-findings-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-check-report.h"
#include "bulletin-checks.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_FINDING_KIND (bulletin_finding_kind_get_type ())

GType bulletin_finding_kind_get_type (void) G_GNUC_CONST;

#define BULLETIN_TYPE_FINDING_ITEM (bulletin_finding_item_get_type ())

G_DECLARE_FINAL_TYPE (BulletinFindingItem, bulletin_finding_item, BULLETIN, FINDING_ITEM, GObject)

BulletinFindingKind     bulletin_finding_item_get_kind        (BulletinFindingItem *self);
const char             *bulletin_finding_item_get_kind_name   (BulletinFindingItem *self);
const char             *bulletin_finding_item_get_message     (BulletinFindingItem *self);
const char             *bulletin_finding_item_get_caption     (BulletinFindingItem *self);
const char             *bulletin_finding_item_get_key         (BulletinFindingItem *self);
const char             *bulletin_finding_item_get_text        (BulletinFindingItem *self);
const char * const     *bulletin_finding_item_get_suggestions (BulletinFindingItem *self);
guint                   bulletin_finding_item_get_line        (BulletinFindingItem *self);
guint                   bulletin_finding_item_get_column      (BulletinFindingItem *self);
guint                   bulletin_finding_item_get_start       (BulletinFindingItem *self);
guint                   bulletin_finding_item_get_end         (BulletinFindingItem *self);

#define BULLETIN_TYPE_FINDINGS_MODEL (bulletin_findings_model_get_type ())

G_DECLARE_FINAL_TYPE (BulletinFindingsModel, bulletin_findings_model, BULLETIN, FINDINGS_MODEL, GObject)

BulletinFindingsModel  *bulletin_findings_model_new           (void);
void                    bulletin_findings_model_set_report    (BulletinFindingsModel *self,
                                                               BulletinCheckReport   *report);
BulletinCheckReport    *bulletin_findings_model_get_report    (BulletinFindingsModel *self);

G_END_DECLS
