/* bulletin-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "bulletin-checker.h"
#include "bulletin-checks-panel.h"
#include "bulletin-document.h"
#include "bulletin-drafts-panel.h"
#include "bulletin-library-panel.h"
#include "bulletin-preview.h"
#include "bulletin-window.h"

G_BEGIN_DECLS

/* How long anything a UI test waits for may take: generous, so a loaded
 * machine passes, but bounded, so a hang fails instead of stalling. */
#define BULLETIN_TEST_TIMEOUT_MS 60000

typedef gboolean (*BulletinTestCondition) (gpointer data);

void      bulletin_test_ui_init          (int                   *argc,
                                          char                ***argv);
gboolean  bulletin_test_wait_until       (BulletinTestCondition  condition,
                                          gpointer               data,
                                          guint                  timeout_ms);
void      bulletin_test_wait_queued      (void);
void      bulletin_test_destroy_window   (GtkWindow             *window);
void      bulletin_test_close_windows    (GtkWindow             *main_window);
char     *bulletin_test_eval_js          (WebKitWebView         *web_view,
                                          const char            *script);
double    bulletin_test_eval_js_number   (WebKitWebView         *web_view,
                                          const char            *script);
void      bulletin_test_wait_for_preview (BulletinPreview       *preview);
char     *bulletin_test_preview_text     (BulletinPreview       *preview);
char     *bulletin_test_buffer_text      (GtkTextBuffer         *buffer);
GtkWidget *bulletin_test_find_widget     (GtkWidget             *widget,
                                          GType                  type,
                                          const char            *icon);
GtkWidget *bulletin_test_find_row        (GtkWidget             *root,
                                          const char            *title);
void      bulletin_test_menu_labels      (GMenuModel            *menu,
                                          GString               *out);
void      bulletin_test_assert_access_keys_unique (const char   *labels);
typedef enum
{
  BULLETIN_TEST_MATCH_EXACT,
  BULLETIN_TEST_MATCH_PREFIX,
  BULLETIN_TEST_MATCH_CONTAINS,
} BulletinTestMatch;

gboolean  bulletin_test_shows_label      (GtkWidget             *root,
                                          const char            *text,
                                          BulletinTestMatch      match);
char     *bulletin_test_clipboard_read   (GdkClipboard          *clipboard,
                                          const char            *mime_type);
AdwMessageDialog *bulletin_test_message_dialog (void);
AdwMessageDialog *bulletin_test_wait_for_message_dialog (void);
void      bulletin_test_respond          (AdwMessageDialog      *dialog,
                                          const char            *response);
void      bulletin_test_answer_dialog    (const char            *response);
gboolean  bulletin_test_action_enabled   (GtkWidget             *widget,
                                          const char            *action_name,
                                          GVariant              *target);

/* A window's state, read as the window shows it: through its properties
 * (document, checker, file, modified, safe-mode) and its widget tree,
 * never through getters of its own. Each is (transfer none): the window
 * holds what is returned. */
BulletinDocument     *bulletin_test_window_document     (BulletinWindow *window);
GtkTextBuffer        *bulletin_test_window_buffer       (BulletinWindow *window);
gint64                bulletin_test_window_draft_id     (BulletinWindow *window);
GFile                *bulletin_test_window_file         (BulletinWindow *window);
gboolean              bulletin_test_window_modified     (BulletinWindow *window);
gboolean              bulletin_test_window_safe_mode    (BulletinWindow *window);
BulletinChecker      *bulletin_test_window_checker      (BulletinWindow *window);
BulletinCheckReport  *bulletin_test_window_check_report (BulletinWindow *window);
gboolean              bulletin_test_window_is_checking  (BulletinWindow *window);
GtkTextView          *bulletin_test_window_text_view    (BulletinWindow *window);
BulletinPreview      *bulletin_test_window_preview      (BulletinWindow *window);
BulletinDraftsPanel  *bulletin_test_window_drafts_panel (BulletinWindow *window);
BulletinChecksPanel  *bulletin_test_window_checks_panel (BulletinWindow *window);
BulletinLibraryPanel *bulletin_test_window_library_panel (BulletinWindow *window);

G_END_DECLS
