/* test-ui-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15: every action stayed enabled whatever the situation, and
 * answered what it could not do with a toast. Under Xvfb, each group of
 * actions is read as a button bound to it would read it (greyed out or
 * not), before and after the situation it needs comes and goes: text to
 * send, a selection, findings, safe mode, the database, an editor that
 * takes typing, placeholders, and the library's and the drafts list's
 * rows. The library panel inserts through the window's action, so a
 * read-only draft takes no section.
 */

#include "config.h"

#include <string.h>

#include "bulletin-library.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  GSettings *settings;
} Fixture;

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-actions-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));

  f->settings = g_settings_new (APP_ID);
  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_close_windows (GTK_WINDOW (f->window));
  g_settings_reset (f->settings, "sender-name");
  g_settings_reset (f->settings, "show-checks");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
enabled (Fixture    *f,
         const char *action)
{
  return bulletin_test_action_enabled (GTK_WIDGET (f->window), action, NULL);
}

typedef struct
{
  GtkWidget  *widget;
  const char *action;
  gboolean    enabled;
} WantState;

static gboolean
action_state_is (gpointer data)
{
  WantState *want = data;

  return bulletin_test_action_enabled (want->widget, want->action, NULL) == want->enabled;
}

static void
wait_for_state (GtkWidget  *widget,
                const char *action,
                gboolean    state)
{
  WantState want = { widget, action, state };

  if (!bulletin_test_wait_until (action_state_is, &want, BULLETIN_TEST_TIMEOUT_MS))
    g_error ("%s did not become %s", action, state ? "enabled" : "disabled");
}

/* Export, Copy for Email: only with text to send. The history and
 * naming a version: with a draft, in text or in the database. */
static void
test_text_to_send (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const sending[] = {
    "win.export-html", "win.export-text", "win.export-eml", "win.copy-for-email",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sending); i++)
    g_assert_false (enabled (f, sending[i]));
  g_assert_false (enabled (f, "win.show-history"));
  g_assert_false (enabled (f, "win.name-version"));

  gtk_text_buffer_set_text (f->buffer, "# Weekly update\n\nThe hall reopens on Monday.\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (sending); i++)
    g_assert_true (enabled (f, sending[i]));
  g_assert_true (enabled (f, "win.show-history"));
  g_assert_true (enabled (f, "win.name-version"));

  /* blank lines are nothing to send (the export would refuse them) */
  gtk_text_buffer_set_text (f->buffer, "\n  \n\t\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (sending); i++)
    g_assert_false (enabled (f, sending[i]));

  /* emptied before it was ever saved: nothing to send, no history */
  gtk_text_buffer_set_text (f->buffer, "", -1);
  for (guint i = 0; i < G_N_ELEMENTS (sending); i++)
    g_assert_false (enabled (f, sending[i]));
  g_assert_false (enabled (f, "win.show-history"));

  /* a draft in the database keeps its history, emptied or not */
  gtk_text_buffer_set_text (f->buffer, "Notes for Friday.\n", -1);
  g_assert_true (bulletin_window_flush (f->window, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_test_window_draft_id (f->window), >, 0);
  gtk_text_buffer_set_text (f->buffer, "", -1);
  g_assert_false (enabled (f, "win.copy-for-email"));
  g_assert_true (enabled (f, "win.show-history"));
  g_assert_true (enabled (f, "win.name-version"));
}

/* Add Selection to Library: only with text selected. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  GtkTextIter start, end;

  gtk_text_buffer_set_text (f->buffer, "Thanks to everyone who came on Saturday.\n", -1);
  g_assert_false (enabled (f, "win.add-to-library"));

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  gtk_text_buffer_select_range (f->buffer, &start, &end);
  g_assert_true (enabled (f, "win.add-to-library"));

  gtk_text_buffer_place_cursor (f->buffer, &end);
  g_assert_false (enabled (f, "win.add-to-library"));
}

static gboolean
has_findings (gpointer data)
{
  Fixture *f = data;
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);

  return report != NULL && report->findings->len > 0;
}

static gboolean
has_no_findings (gpointer data)
{
  Fixture *f = data;
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);

  return report != NULL && report->findings->len == 0;
}

/* A finding's actions, each with a parameter of its type: a button or a
 * menu item names the finding it acts on. */
static const struct
{
  const char *action;
  const char *format;
} per_finding[] = {
  { "win.go-to-finding", "s" },
  { "win.go-to-finding-at", "(su)" },
  { "win.ignore-finding", "s" },
  { "win.add-to-glossary", "s" },
  { "win.add-to-dictionary", "s" },
  { "win.apply-suggestion", "(ss)" },
};

static gboolean
finding_action_enabled (Fixture *f,
                        guint    i)
{
  GVariant *target;

  if (g_str_equal (per_finding[i].format, "s"))
    target = g_variant_new_string ("key");
  else if (g_str_equal (per_finding[i].format, "(su)"))
    target = g_variant_new ("(su)", "key", 0);
  else
    target = g_variant_new ("(ss)", "key", "replacement");

  return bulletin_test_action_enabled (GTK_WIDGET (f->window), per_finding[i].action, target);
}

/* A finding's actions need a finding; a fix needs the report of the
 * text as it is; showing ignored findings again needs one ignored; the
 * longest sentence needs a sentence. */
static void
test_findings (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autofree char *key = NULL;
  BulletinCheckReport *report;
  GtkTextIter end;

  gtk_text_buffer_set_text (f->buffer, "", -1);
  g_assert_true (bulletin_test_wait_until (has_no_findings, f, BULLETIN_TEST_TIMEOUT_MS));
  for (guint i = 0; i < G_N_ELEMENTS (per_finding); i++)
    g_assert_false (finding_action_enabled (f, i));
  g_assert_false (enabled (f, "win.show-longest-sentence"));
  g_assert_false (enabled (f, "win.unignore-findings"));

  gtk_text_buffer_set_text (f->buffer, "The VCS met on Monday. The VCS agreed the plan.\n", -1);
  g_assert_true (bulletin_test_wait_until (has_findings, f, BULLETIN_TEST_TIMEOUT_MS));
  for (guint i = 0; i < G_N_ELEMENTS (per_finding); i++)
    g_assert_true (finding_action_enabled (f, i));
  g_assert_true (enabled (f, "win.show-longest-sentence"));
  g_assert_false (enabled (f, "win.unignore-findings"));

  /* a keystroke: the report's offsets no longer match, so no fix until
   * the next one; the findings are still there to look at */
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_insert (f->buffer, &end, "\n", -1);
  g_assert_false (finding_action_enabled (f, G_N_ELEMENTS (per_finding) - 1));
  g_assert_true (finding_action_enabled (f, 0));
  g_assert_true (bulletin_test_wait_until (has_findings, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (finding_action_enabled (f, G_N_ELEMENTS (per_finding) - 1));

  report = bulletin_test_window_check_report (f->window);
  key = g_strdup (((BulletinFinding *)report->findings->pdata[0])->key);
  g_assert_true (gtk_widget_activate_action (window, "win.ignore-finding", "s", key));
  wait_for_state (window, "win.unignore-findings", TRUE);
  g_assert_true (gtk_widget_activate_action (window, "win.unignore-findings", NULL));
  wait_for_state (window, "win.unignore-findings", FALSE);

  gtk_text_buffer_set_text (f->buffer, "", -1);
  g_assert_true (bulletin_test_wait_until (has_no_findings, f, BULLETIN_TEST_TIMEOUT_MS));
  for (guint i = 0; i < G_N_ELEMENTS (per_finding); i++)
    g_assert_false (finding_action_enabled (f, i));
  g_assert_false (enabled (f, "win.show-longest-sentence"));
}

/* Leave Safe Mode: only in safe mode. */
static void
test_safe_mode (Fixture       *f,
                gconstpointer  data)
{
  g_assert_false (enabled (f, "win.leave-safe-mode"));

  bulletin_window_set_safe_mode (f->window, TRUE);
  g_assert_true (enabled (f, "win.leave-safe-mode"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.leave-safe-mode", NULL));
  g_assert_false (bulletin_test_window_safe_mode (f->window));
  g_assert_false (enabled (f, "win.leave-safe-mode"));
}

/* Try Again: only when the database is out of reach; what needs the
 * database waits for it. */
static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  static const char * const need_store[] = {
    "win.export-library", "win.import-library", "win.start-from-last-week",
  };
  static const char * const need_store_draft[] = {
    "win.open-draft", "win.duplicate-draft", "win.carry-forward-draft",
  };
  BulletinWindow *lost = g_object_new (BULLETIN_TYPE_WINDOW, NULL);

  g_assert_false (enabled (f, "win.retry-store"));
  for (guint i = 0; i < G_N_ELEMENTS (need_store); i++)
    g_assert_true (enabled (f, need_store[i]));
  for (guint i = 0; i < G_N_ELEMENTS (need_store_draft); i++)
    g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (f->window), need_store_draft[i],
                                                 g_variant_new_int64 (1)));

  gtk_window_present (GTK_WINDOW (lost));
  g_assert_true (bulletin_test_wait_until (widget_mapped, lost, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (lost), "win.retry-store", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (need_store); i++)
    g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (lost), need_store[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (need_store_draft); i++)
    g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (lost), need_store_draft[i],
                                                  g_variant_new_int64 (1)));
  bulletin_test_destroy_window (GTK_WINDOW (lost));
}

/* The diary and a library section go into an editor that takes typing:
 * not into a damaged draft shown read-only. */
static void
test_editable (Fixture       *f,
               gconstpointer  data)
{
  GtkTextView *view = bulletin_test_window_text_view (f->window);
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_true (enabled (f, "win.fill-diary"));
  g_assert_true (bulletin_test_action_enabled (window, "win.insert-section",
                                               g_variant_new ("(xs)", (gint64) 1, "Body")));

  gtk_text_view_set_editable (view, FALSE);
  g_assert_false (enabled (f, "win.fill-diary"));
  g_assert_false (bulletin_test_action_enabled (window, "win.insert-section",
                                                g_variant_new ("(xs)", (gint64) 1, "Body")));

  gtk_text_view_set_editable (view, TRUE);
  g_assert_true (enabled (f, "win.fill-diary"));
}

/* Fill In Placeholders: only while the text has one Preferences can
 * fill. */
static void
test_placeholders (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_settings_set_string (f->settings, "sender-name", "Jo Bloggs");
  g_assert_false (enabled (f, "win.fill-placeholders"));

  gtk_text_buffer_set_text (f->buffer, "Best wishes,\n\n{{sender_name}}\n", -1);
  wait_for_state (GTK_WIDGET (f->window), "win.fill-placeholders", TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fill-placeholders", NULL));
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, "Best wishes,\n\nJo Bloggs\n");
  wait_for_state (GTK_WIDGET (f->window), "win.fill-placeholders", FALSE);
}

static BulletinLibraryPanel *
show_library (Fixture *f)
{
  BulletinLibraryPanel *panel;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-library", NULL);
  panel = bulletin_test_window_library_panel (f->window);
  g_assert_true (bulletin_test_wait_until (widget_mapped, panel, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_cmpuint (bulletin_library_panel_get_n_sections (panel), >, 1);

  return panel;
}

static gboolean
panel_enabled (BulletinLibraryPanel *panel,
               const char           *action,
               gint64                id)
{
  return bulletin_test_action_enabled (GTK_WIDGET (panel), action,
                                       id != 0 ? g_variant_new_int64 (id) : NULL);
}

/* The library's rows need a section listed and the database; Insert
 * below the preview needs the section selected, not being edited. */
static void
test_library_panel (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const per_row[] = {
    "library.insert", "library.edit", "library.rename", "library.new-category", "library.delete",
  };
  BulletinLibraryPanel *panel;
  gint64 id;

  /* not yet shown: the panel is not even built (nothing of it is needed
   * for the window's first frame) */
  g_assert_null (bulletin_test_find_widget (GTK_WIDGET (f->window), BULLETIN_TYPE_LIBRARY_PANEL, NULL));

  panel = show_library (f);
  g_assert_true (panel_enabled (panel, "library.new-section", 0));
  id = bulletin_library_panel_get_section (panel, 0)->id;
  for (guint i = 0; i < G_N_ELEMENTS (per_row); i++)
    g_assert_true (panel_enabled (panel, per_row[i], id));

  g_assert_false (panel_enabled (panel, "library.insert-selected", 0));
  bulletin_library_panel_select (panel, 0);
  g_assert_true (panel_enabled (panel, "library.insert-selected", 0));
  bulletin_library_panel_set_editing (panel, TRUE);
  g_assert_false (panel_enabled (panel, "library.insert-selected", 0));
  bulletin_library_panel_set_editing (panel, FALSE);
  g_assert_true (panel_enabled (panel, "library.insert-selected", 0));

  /* a search that finds nothing leaves nothing to act on */
  bulletin_library_panel_set_search (panel, "xyzzy-nothing-like-it");
  g_assert_cmpuint (bulletin_library_panel_get_n_sections (panel), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (per_row); i++)
    g_assert_false (panel_enabled (panel, per_row[i], id));
  g_assert_false (panel_enabled (panel, "library.insert-selected", 0));
  g_assert_true (panel_enabled (panel, "library.new-section", 0));
}

/* The panel inserts through win.insert-section: into the text at the
 * cursor, and not at all into a draft shown read-only. */
static void
test_library_inserts_through_window (Fixture       *f,
                                     gconstpointer  data)
{
  BulletinLibraryPanel *panel = show_library (f);
  GtkTextView *view = bulletin_test_window_text_view (f->window);
  g_autofree char *text = NULL;
  g_autofree char *unchanged = NULL;

  bulletin_library_panel_select (panel, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "library.insert-selected", NULL));
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpuint (strlen (text), >, 0);

  /* another section, so the double-click guard is not what stops it */
  gtk_text_view_set_editable (view, FALSE);
  bulletin_library_panel_select (panel, 1);
  gtk_widget_activate_action (GTK_WIDGET (panel), "library.insert-selected", NULL);
  unchanged = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (unchanged, ==, text);
  gtk_text_view_set_editable (view, TRUE);
}

/* Renaming and trashing a draft in the list need the list's database. */
static void
test_drafts_panel (Fixture       *f,
                   gconstpointer  data)
{
  BulletinDraftsPanel *panel = bulletin_test_window_drafts_panel (f->window);
  g_autoptr(GError) error = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "# Notes\n", NULL, &error);

  g_assert_no_error (error);
  g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (panel), "drafts.rename", g_variant_new_int64 (id)));
  g_assert_false (bulletin_test_action_enabled (GTK_WIDGET (panel), "drafts.trash", g_variant_new_int64 (id)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, panel, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (panel), "drafts.rename", g_variant_new_int64 (id)));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (panel), "drafts.trash", g_variant_new_int64 (id)));
  g_assert_true (bulletin_test_action_enabled (GTK_WIDGET (panel), "drafts.open", g_variant_new_int64 (id)));
}

/* The panels tell the window what to do through its actions alone: no
 * signal of their own for it to connect to. */
static void
test_panels_have_no_signals (void)
{
  const GType panels[] = {
    BULLETIN_TYPE_DRAFTS_PANEL, BULLETIN_TYPE_LIBRARY_PANEL, BULLETIN_TYPE_CHECKS_PANEL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      g_autofree guint *ids = NULL;
      guint n = 0;

      g_type_class_unref (g_type_class_ref (panels[i]));
      ids = g_signal_list_ids (panels[i], &n);
      if (n != 0)
        g_error ("%s has %u signals of its own, the first “%s”",
                 g_type_name (panels[i]), n, g_signal_name (ids[0]));
    }
}

static gboolean
has_n_drafts (gpointer data)
{
  BulletinDraftsPanel *panel = data;

  return bulletin_drafts_panel_get_n_drafts (panel) == 2;
}

static gboolean
shows_trashed (gpointer data)
{
  return bulletin_test_shows_label (data, "“Copy me” moved to the trash", BULLETIN_TEST_MATCH_EXACT);
}

/* A row's Copy to a New Draft and Move to Trash, through the panel's
 * actions: the window copies and opens the copy, the panel trashes and
 * offers Undo where the window shows its toasts. */
static void
test_drafts_rows (Fixture       *f,
                  gconstpointer  data)
{
  BulletinDraftsPanel *panel = bulletin_test_window_drafts_panel (f->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = bulletin_store_create_draft (f->store, "# Copy me\n\nThe words.\n", NULL, &error);

  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, panel, BULLETIN_TEST_TIMEOUT_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "drafts.duplicate", "x", id));
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, "# Copy me\n\nThe words.\n");
  g_assert_cmpint (bulletin_test_window_draft_id (f->window), !=, id);
  g_assert_true (bulletin_test_wait_until (has_n_drafts, panel, BULLETIN_TEST_TIMEOUT_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "drafts.trash", "x", id));
  g_assert_true (bulletin_test_wait_until (shows_trashed, f->window, BULLETIN_TEST_TIMEOUT_MS));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/actions/text-to-send", test_text_to_send);
  ADD ("/ui/actions/selection", test_selection);
  ADD ("/ui/actions/findings", test_findings);
  ADD ("/ui/actions/safe-mode", test_safe_mode);
  ADD ("/ui/actions/store", test_store);
  ADD ("/ui/actions/editable", test_editable);
  ADD ("/ui/actions/placeholders", test_placeholders);
  ADD ("/ui/actions/library-panel", test_library_panel);
  ADD ("/ui/actions/library-inserts-through-window", test_library_inserts_through_window);
  ADD ("/ui/actions/drafts-panel", test_drafts_panel);
  ADD ("/ui/actions/drafts-rows", test_drafts_rows);
  g_test_add_func ("/ui/actions/panels-have-no-signals", test_panels_have_no_signals);

  return g_test_run ();
}
