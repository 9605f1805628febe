/* bulletin-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-check-report.h"
#include "bulletin-spell.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

#define BULLETIN_TYPE_CHECKER (bulletin_checker_get_type ())

G_DECLARE_FINAL_TYPE (BulletinChecker, bulletin_checker, BULLETIN, CHECKER, GObject)

BulletinChecker     *bulletin_checker_new               (BulletinStore   *store);
void                 bulletin_checker_set_store         (BulletinChecker *self,
                                                         BulletinStore   *store);
void                 bulletin_checker_check             (BulletinChecker *self,
                                                         GBytes          *text,
                                                         guint64          serial,
                                                         gint64           draft_id,
                                                         GFile           *base);
void                 bulletin_checker_cancel            (BulletinChecker *self);
BulletinCheckReport *bulletin_checker_get_report        (BulletinChecker *self);
guint64              bulletin_checker_get_report_serial (BulletinChecker *self);
const char          *bulletin_checker_get_note          (BulletinChecker *self);
gboolean             bulletin_checker_get_busy          (BulletinChecker *self);
BulletinSpell       *bulletin_checker_get_spell         (BulletinChecker *self);
guint                bulletin_checker_get_kinds         (BulletinChecker *self);
void                 bulletin_checker_set_kinds         (BulletinChecker *self,
                                                         guint            kinds);
void                 bulletin_checker_set_spelling_language (BulletinChecker *self,
                                                             const char      *language);
void                 bulletin_checker_set_glossary_packs (BulletinChecker   *self,
                                                          const char * const *packs);
guint                bulletin_checker_get_n_ignored     (BulletinChecker *self);
void                 bulletin_checker_ignore            (BulletinChecker *self,
                                                         gint64           draft_id,
                                                         const char      *key);
void                 bulletin_checker_unignore_all      (BulletinChecker *self);

G_END_DECLS
