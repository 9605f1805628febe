/* bulletin-check-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-checks.h"
#include "bulletin-store.h"

G_BEGIN_DECLS

/**
 * BulletinCheckSpan:
 * @start: character offset of a finding's start in the checked text
 * @end: character offset of its end
 *
 * Editors count in characters, the checks in bytes.
 */
typedef struct
{
  guint start;
  guint end;
} BulletinCheckSpan;

/**
 * BulletinCheckReport:
 * @findings: (element-type BulletinFinding): every finding, in text order
 * @spans: one #BulletinCheckSpan per finding, same order
 * @stats: the plain-English statistics
 * @longest_sentence: the longest sentence, in characters
 * @html_size: bytes of the HTML email export, to weigh against Gmail's
 *   clipping size
 * @text: the text that was checked, which the offsets refer to
 * @n_ignored: how many findings the user had ignored in the draft when
 *   the report was delivered (see #BulletinChecker), which it leaves out
 *
 * Everything the checks panel shows about one version of a draft.
 * Reference counted, as the window and its panel both hold it.
 */
typedef struct
{
  GBytes            *text;
  GPtrArray         *findings;
  GArray            *spans;
  BulletinStats      stats;
  BulletinCheckSpan  longest_sentence;
  gsize              html_size;
  guint              n_ignored;
} BulletinCheckReport;

#define BULLETIN_TYPE_CHECK_REPORT (bulletin_check_report_get_type ())

GType                bulletin_check_report_get_type    (void) G_GNUC_CONST;

BulletinCheckReport *bulletin_check_report_new         (const char                  *text,
                                                        gsize                        len,
                                                        const BulletinCheckOptions  *opts);
void                 bulletin_check_report_new_async   (GBytes                      *text,
                                                        const BulletinCheckOptions  *opts,
                                                        GCancellable                *cancellable,
                                                        GAsyncReadyCallback          callback,
                                                        gpointer                     user_data);
BulletinCheckReport *bulletin_check_report_new_finish  (GAsyncResult                *result,
                                                        GError                     **error);
BulletinCheckReport *bulletin_check_report_ref         (BulletinCheckReport         *report);
void                 bulletin_check_report_unref       (BulletinCheckReport         *report);
char                *bulletin_check_report_dup_range   (BulletinCheckReport         *report,
                                                        guint                        index);
GHashTable          *bulletin_check_report_load_glossary (BulletinStore             *store,
                                                          GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinCheckReport, bulletin_check_report_unref)

G_END_DECLS
