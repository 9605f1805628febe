/* bulletin-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "bulletin-check-report.h"
#include "bulletin-checker.h"
#include "bulletin-checks-panel.h"
#include "bulletin-document.h"
#include "bulletin-drafts-panel.h"
#include "bulletin-library-panel.h"
#include "bulletin-preview.h"
#include "bulletin-window.h"

G_BEGIN_DECLS

struct _BulletinWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkPaned             *paned;
  GtkSourceView        *source_view;
  BulletinPreview      *preview;
  GtkInfoBar           *store_banner;
  AdwFlap              *flap;
  GtkToggleButton      *drafts_button;
  BulletinDraftsPanel  *drafts_panel;
  GtkLabel             *store_banner_label;
  GtkWidget            *store_banner_retry;
  GtkWidget            *store_banner_restore;
  AdwFlap              *end_flap;     /* the library and the checks */
  AdwViewStack         *end_stack;
  AdwViewStackPage     *checks_page;
  GtkWidget            *welcome_page; /* instead of the editor, until text comes */
  GtkWidget            *editor_area;
  GtkWidget            *editor_scroller;
  GtkToggleButton      *library_button;
  AdwBin               *library_slot;
  /* NULL until the library is first shown */
  BulletinLibraryPanel *library_panel;
  GMenuModel           *editor_menu;
  GMenu                *spell_section;
  GtkToggleButton      *checks_button;
  AdwButtonContent     *checks_button_content;
  BulletinChecksPanel  *checks_panel;
  GtkInfoBar           *safe_banner;

  /* the text, its file, its draft and the store (bulletin-document.c) */
  BulletinDocument     *document;
  GtkSourceBuffer      *buffer;     /* shown here, and the document's */
  gboolean              showing_damaged; /* read-only, until the user restores */

  GSettings            *settings;
  GtkCssProvider       *font_css;
  GCancellable         *cancellable; /* the window's requests, cancelled on dispose */

  gint64                first_change_at;
  int                   last_cursor_offset;

  /* the checks (bulletin-window-checks.c) */
  BulletinChecker      *checker;
  BulletinCheckReport  *check_report;         /* the one shown */
  GBinding             *report_binding;       /* the checker's to the panel's */
  guint64               check_serial_applied; /* change_serial of its text */
  guint                 check_source;
  GtkTextTag           *check_tags[BULLETIN_FINDING_N_KINDS];
  GtkTextMark          *spell_start;
  GtkTextMark          *spell_end;
  struct _BulletinSendRequest *pending_send; /* waits for the checks */
  char                 *sent_anyway;         /* digest of the text sent anyway */

  /* bulletin-window-template.c */
  guint                 fill_state_source;   /* Fill In Placeholders' check */
  guint                 fill_offer_source;
  AdwToast             *fill_offer_toast;    /* weak: the offer shown */
  gboolean              listening_for_details;

  guint                 preview_source;
  guint                 reveal_source;
  guint                 layout_source;

  guint                 show_preview : 1;
  guint                 preview_folded : 1;  /* no room for it beside the editor */
  guint                 started : 1;         /* the welcome made way for the text */
  guint                 syncing_end_sidebar : 1;
  guint                 close_after_save : 1;
  guint                 force_close : 1;
  guint                 first_paint_logged : 1;
  /* after crashes with this draft open: no preview, no checks */
  guint                 safe_mode : 1;
};

void           bulletin_window_class_init_actions (BulletinWindowClass *klass);
/* the window's own state, for its files; the rest of the program and the
 * tests read it through its properties */
gint64         bulletin_window_get_draft_id      (BulletinWindow      *self);
gboolean       bulletin_window_get_safe_mode     (BulletinWindow      *self);
GFile         *bulletin_window_get_file          (BulletinWindow      *self);
BulletinCheckReport *bulletin_window_get_check_report (BulletinWindow *self);
BulletinStore *bulletin_window_get_store         (BulletinWindow      *self,
                                                  GError             **error);
void           bulletin_window_autosave_now      (BulletinWindow      *self);
void           bulletin_window_record_milestone  (BulletinWindow      *self,
                                                  BulletinVersionKind  kind,
                                                  const char          *name);
char          *bulletin_window_dup_text          (BulletinWindow      *self);
GWeakRef      *bulletin_window_weak_ref_new      (BulletinWindow      *self);
BulletinWindow *bulletin_window_weak_ref_take    (GWeakRef            *ref);
BulletinWindow *bulletin_window_new_like         (BulletinWindow      *self);
BulletinDocument *bulletin_window_get_document   (BulletinWindow      *self);
void           bulletin_window_close_draft       (BulletinWindow      *self);
void           bulletin_window_class_init_drafts (BulletinWindowClass *klass);
void           bulletin_window_init_drafts       (BulletinWindow      *self);
void           bulletin_window_class_init_template (BulletinWindowClass *klass);
void           bulletin_window_class_init_diary  (BulletinWindowClass *klass);
void           bulletin_window_class_init_export (BulletinWindowClass *klass);
void           bulletin_window_class_init_library (BulletinWindowClass *klass);
void           bulletin_window_init_library      (BulletinWindow      *self);
void           bulletin_window_ensure_library_panel (BulletinWindow    *self);
void           bulletin_window_carry_forward_from (BulletinWindow     *self,
                                                  gint64               draft_id);
void           bulletin_window_open_draft        (BulletinWindow      *self,
                                                  gint64               draft_id);

typedef void (*BulletinSendFunc) (BulletinWindow *self,
                                  gpointer        data);

guint          bulletin_window_count_open_findings (BulletinWindow   *self);
void           bulletin_window_confirm_send      (BulletinWindow      *self,
                                                  BulletinSendFunc     send,
                                                  gpointer             data,
                                                  GDestroyNotify       destroy);
void           bulletin_window_class_init_checks (BulletinWindowClass *klass);
void           bulletin_window_init_checks       (BulletinWindow      *self);
/* bulletin-window-images.c */
void           bulletin_window_init_images       (BulletinWindow      *self);
gboolean       bulletin_window_drop_images       (BulletinWindow      *self,
                                                  const GSList        *files,
                                                  double               x,
                                                  double               y);
void           bulletin_window_dispose_checks    (BulletinWindow      *self);
void           bulletin_window_report_unknown    (BulletinWindow      *self,
                                                  GPtrArray           *unknown);
void bulletin_window_update_title      (BulletinWindow      *self);
void bulletin_window_show_error        (BulletinWindow      *self,
                                        const char          *heading,
                                        const char          *body);

/* bulletin-window-layout.c */
void     bulletin_window_init_layout          (BulletinWindow *self);
void     bulletin_window_welcome_sync         (BulletinWindow *self);
/* bulletin-window.c */
void     bulletin_window_sync_preview_visible (BulletinWindow *self);
/* bulletin-window-file.c */
gboolean bulletin_window_ready_to_close       (BulletinWindow *self);
gboolean bulletin_window_drop_cb              (GtkDropTarget  *target,
                                               const GValue   *value,
                                               double          x,
                                               double          y,
                                               BulletinWindow *self);

void bulletin_window_watch_panel (BulletinWindow *self,
                                 AdwFlap        *flap);
void bulletin_window_show_end_panel (BulletinWindow *self,
                                     const char     *name);

G_END_DECLS
