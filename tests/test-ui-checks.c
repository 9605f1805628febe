/* test-ui-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks under Xvfb: a finding appears in the panel as the user
 * types, clicking it moves the cursor, fixing the text removes it; the
 * spelling menu, the personal dictionary, the glossary, ignoring a
 * finding in a draft, and the switches in preferences.
 */

#include "config.h"

#include <string.h>

#include "bulletin-findings-model.h"
#include "bulletin-glossary-dialog.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  BulletinChecksPanel *panel;
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

  f->dir = g_dir_make_tmp ("bulletin-checks-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  f->panel = bulletin_test_window_checks_panel (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, f->panel, BULLETIN_TEST_TIMEOUT_MS));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_close_windows (GTK_WINDOW (f->window));

  g_settings_reset (f->settings, "show-checks");
  g_settings_reset (f->settings, "check-spelling");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* as a user types: one character at a time, at the cursor, with what
 * each keystroke queued (the preview, the checks' timer) run before the
 * next, however long that takes */
static void
type_text (Fixture    *f,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      gtk_text_buffer_insert_interactive_at_cursor (f->buffer, p, next - p, TRUE);
      bulletin_test_wait_queued ();
    }
}

typedef struct
{
  Fixture *f;
  BulletinFindingKind kind;
  const char *word;      /* in the finding's range, or NULL for any */
  gboolean present;
} Want;

static int
find_finding (Fixture            *f,
              BulletinFindingKind kind,
              const char         *word)
{
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);

  if (report == NULL)
    return -1;

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *finding = report->findings->pdata[i];
      g_autofree char *range = bulletin_check_report_dup_range (report, i);

      if (finding->kind == kind && (word == NULL || g_strcmp0 (range, word) == 0))
        return i;
    }

  return -1;
}

static gboolean
finding_is_cb (gpointer data)
{
  Want *want = data;

  /* the report must be for the text as it is now */
  if (bulletin_test_window_check_report (want->f->window) == NULL)
    return FALSE;

  return (find_finding (want->f, want->kind, want->word) >= 0) == want->present;
}

static void
wait_for_finding (Fixture            *f,
                  BulletinFindingKind kind,
                  const char         *word,
                  gboolean            present)
{
  Want want = { f, kind, word, present };

  g_test_message ("waiting for %s finding %s to be %s", bulletin_finding_kind_to_string (kind),
                  word ? word : "(any)", present ? "there" : "gone");
  g_assert_true (bulletin_test_wait_until (finding_is_cb, &want, BULLETIN_TEST_TIMEOUT_MS));
}

static guint
offset_of (Fixture    *f,
           const char *needle)
{
  g_autofree char *text = bulletin_test_buffer_text (f->buffer);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static gboolean
has_tag_at (Fixture    *f,
            const char *tag_name,
            guint       offset)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (f->buffer), tag_name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static GtkListView *
findings_view (Fixture *f)
{
  GtkWidget *view = bulletin_test_find_widget (GTK_WIDGET (f->panel), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (view);
  return GTK_LIST_VIEW (view);
}

/* The row on screen that shows the finding at @position in the panel's
 * model, as a user would find it: its message and caption; %NULL while
 * it is scrolled out of view. */
static GtkWidget *
row_for (Fixture *f,
         guint    position)
{
  GListModel *findings = bulletin_checks_panel_get_findings (f->panel);
  g_autoptr(BulletinFindingItem) item = g_list_model_get_item (findings, position);
  GtkWidget *view = GTK_WIDGET (findings_view (f));

  if (item == NULL)
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) &&
        bulletin_test_shows_label (row, bulletin_finding_item_get_message (item), BULLETIN_TEST_MATCH_EXACT) &&
        bulletin_test_shows_label (row, bulletin_finding_item_get_caption (item), BULLETIN_TEST_MATCH_EXACT))
      return row;

  return NULL;
}

/* the row of the first finding in the panel whose message has @part */
static GtkWidget *
row_with_message (Fixture    *f,
                  const char *part)
{
  GListModel *findings = bulletin_checks_panel_get_findings (f->panel);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(BulletinFindingItem) item = g_list_model_get_item (findings, i);

      if (strstr (bulletin_finding_item_get_message (item), part) != NULL)
        return row_for (f, i);
    }

  return NULL;
}

typedef struct
{
  Fixture *f;
  const char *part;
} RowWant;

static gboolean
row_shown_cb (gpointer data)
{
  RowWant *want = data;

  return row_with_message (want->f, want->part) != NULL;
}

static void
cursor_range (Fixture *f,
              guint   *start,
              guint   *end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_selection_bounds (f->buffer, &a, &b);
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
}

static void
test_vague_link (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *row;
  GtkTextIter start, end;
  guint here, sel_start, sel_end;

  gtk_widget_grab_focus (GTK_WIDGET (bulletin_test_window_text_view (f->window)));
  type_text (f, "For the details, click [here](https://example.org) before Friday.");
  wait_for_finding (f, BULLETIN_FINDING_LINK, "here", TRUE);

  /* in the panel, and underlined in the editor; a list view lays its
   * rows out when it next draws */
  g_assert_true (bulletin_test_wait_until (row_shown_cb, &(RowWant) { f, "“here”" }, BULLETIN_TEST_TIMEOUT_MS));
  row = row_with_message (f, "“here”");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  here = offset_of (f, "here]");
  g_assert_true (has_tag_at (f, "check-link", here));
  g_assert_false (has_tag_at (f, "check-link", offset_of (f, "details")));

  /* clicking it moves the cursor there, with the problem selected */
  gtk_text_buffer_get_start_iter (f->buffer, &start);
  gtk_text_buffer_place_cursor (f->buffer, &start);
  gtk_widget_activate (GTK_WIDGET (row));
  cursor_range (f, &sel_start, &sel_end);
  g_assert_cmpuint (sel_start, ==, here);
  g_assert_cmpuint (sel_end, ==, here + strlen ("here"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (bulletin_test_window_text_view (f->window))));

  /* typing over the selection fixes it, and the finding goes */
  gtk_text_buffer_get_iter_at_offset (f->buffer, &start, sel_start);
  gtk_text_buffer_get_iter_at_offset (f->buffer, &end, sel_end);
  gtk_text_buffer_delete_interactive (f->buffer, &start, &end, TRUE);
  type_text (f, "the events guide");
  wait_for_finding (f, BULLETIN_FINDING_LINK, NULL, FALSE);
  g_assert_null (row_with_message (f, "“here”"));
  g_assert_false (has_tag_at (f, "check-link", offset_of (f, "events guide")));
}

typedef struct
{
  Fixture *f;
  guint n;
} Count;

static gboolean
panel_lists_n_cb (gpointer data)
{
  Count *c = data;

  return g_list_model_get_n_items (bulletin_checks_panel_get_findings (c->f->panel)) == c->n;
}

/* as a user drags the scroll bar to the end: the list's height is an
 * estimate until the rows there are built, so it is dragged again until
 * the last row shows */
static gboolean
last_row_shown_cb (gpointer data)
{
  Fixture *f = data;
  guint n = g_list_model_get_n_items (bulletin_checks_panel_get_findings (f->panel));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (findings_view (f)));

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  return n > 0 && row_for (f, n - 1) != NULL;
}

/* Issue 15: the panel built 300 rows and said "900 more findings: fix
 * these first"; a pasted megabyte's findings are now all in the list.
 * The last one can be scrolled to, and clicking it selects that very
 * word in the editor, not the first with the same spelling, and its menu
 * offers to add that word to the dictionary. */
static void
test_every_finding_reachable (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("# Weekly update\n\n## What else has been happening this week?\n\n");
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(BulletinFindingItem) last = NULL;
  g_autofree char *unnamed = NULL;
  GtkMenuButton *menu_button;
  GtkWidget *row;
  Count want = { f, 1200 };
  guint sel_start, sel_end, expected;
  GtkTextIter start;
  const char *at;

  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (text, "Item %u: we thank the volunteerz for their help.\n\n", i);
  /* the weekly sections, so that the misspellings are all there is */
  g_string_append (text, "## What’s happening next week?\n\nThe usual meetings.\n");
  gtk_text_buffer_set_text (f->buffer, text->str, text->len);
  g_assert_true (bulletin_test_wait_until (panel_lists_n_cb, &want, BULLETIN_TEST_TIMEOUT_MS));

  last = g_list_model_get_item (bulletin_checks_panel_get_findings (f->panel), 1199);
  g_assert_cmpstr (bulletin_finding_item_get_text (last), ==, "volunteerz");
  g_assert_cmpuint (bulletin_finding_item_get_line (last), ==, 5 + 2 * 1199);

  g_assert_true (bulletin_test_wait_until (last_row_shown_cb, f, BULLETIN_TEST_TIMEOUT_MS));
  row = row_for (f, 1199);
  g_assert_true (bulletin_test_shows_label (row, "Spelling · line 2403", BULLETIN_TEST_MATCH_EXACT));

  /* its menu is built when opened, for that word; a screen reader names
   * the button that opens it */
  menu_button = GTK_MENU_BUTTON (bulletin_test_find_widget (row, GTK_TYPE_MENU_BUTTON, NULL));
  g_assert_nonnull (menu_button);
  unnamed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Fix or Ignore");
  g_assert_null (unnamed);
  gtk_menu_button_popup (menu_button);
  g_assert_nonnull (gtk_menu_button_get_menu_model (menu_button));
  bulletin_test_menu_labels (gtk_menu_button_get_menu_model (menu_button), labels);
  g_assert_nonnull (strstr (labels->str, "Add “volunteerz” to the Dictionary"));
  g_assert_nonnull (strstr (labels->str, "Ignore in This Draft"));
  gtk_menu_button_popdown (menu_button);

  /* clicking it selects the last "volunteerz" */
  gtk_text_buffer_get_start_iter (f->buffer, &start);
  gtk_text_buffer_place_cursor (f->buffer, &start);
  gtk_widget_activate (row);
  at = g_strrstr (text->str, "volunteerz");
  expected = g_utf8_pointer_to_offset (text->str, at);
  cursor_range (f, &sel_start, &sel_end);
  g_assert_cmpuint (sel_start, ==, expected);
  g_assert_cmpuint (sel_end, ==, expected + strlen ("volunteerz"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (bulletin_test_window_text_view (f->window))));
}

static char *
spell_menu_item (Fixture *f,
                 guint    index)
{
  GMenuModel *menu = gtk_text_view_get_extra_menu (bulletin_test_window_text_view (f->window));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  char *label = NULL;

  if (index >= (guint)g_menu_model_get_n_items (section))
    return NULL;
  g_menu_model_get_item_attribute (section, index, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

static gboolean
menu_has_item (Fixture    *f,
               const char *label)
{
  for (guint i = 0; ; i++)
    {
      g_autofree char *item = spell_menu_item (f, i);

      if (item == NULL)
        return FALSE;
      if (g_str_equal (item, label))
        return TRUE;
    }
}

static void
test_spelling (Fixture       *f,
               gconstpointer  data)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  gtk_text_buffer_set_text (f->buffer, "We publically thank the andcommunity team for their help.\n", -1);
  /* the dictionary loads on a worker thread, so the first reports may
   * come without spelling */
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, "publically", TRUE);
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, "andcommunity", TRUE);
  g_assert_true (has_tag_at (f, "check-spelling", offset_of (f, "publically") + 3));

  /* the editor's menu on a correct word has no spelling items */
  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset_of (f, "thank") + 1);
  g_assert_false (bulletin_window_update_spell_menu (f->window, &iter));
  g_assert_null (spell_menu_item (f, 0));

  /* on a misspelled one: suggestions, then Add to the Dictionary */
  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset_of (f, "publically") + 2);
  g_assert_true (bulletin_window_update_spell_menu (f->window, &iter));
  g_assert_true (menu_has_item (f, "publicly"));
  g_assert_true (menu_has_item (f, "Add “publically” to the Dictionary"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.spell-replace", "s", "publicly");
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, "We publicly thank the andcommunity team for their help.\n");
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, "publically", FALSE);

  /* one step to undo, as any other edit */
  gtk_text_buffer_undo (f->buffer);
  g_clear_pointer (&text, g_free);
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_nonnull (strstr (text, "publically"));

  /* a word added to the dictionary is kept in the database and no
   * longer flagged */
  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, offset_of (f, "andcommunity") + 12);
  g_assert_true (bulletin_window_update_spell_menu (f->window, &iter));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.spell-add-word", "s", "andcommunity");
  words = bulletin_store_dictionary_list (f->store, NULL);
  g_assert_true (g_strv_contains ((const char * const *)words, "andcommunity"));
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, "andcommunity", FALSE);
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, "publically", TRUE);

  /* switched off in preferences, spelling is neither listed nor underlined */
  g_settings_set_boolean (f->settings, "check-spelling", FALSE);
  wait_for_finding (f, BULLETIN_FINDING_SPELLING, NULL, FALSE);
  g_assert_false (has_tag_at (f, "check-spelling", offset_of (f, "publically") + 3));
}

static gboolean
acronym_has_suggestion_cb (gpointer data)
{
  Fixture *f = data;
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);
  int i = find_finding (f, BULLETIN_FINDING_ACRONYM, "VCS");

  return report != NULL && i >= 0 &&
         ((BulletinFinding *)report->findings->pdata[i])->suggestions != NULL;
}

static void
test_glossary_and_ignore (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GHashTable) ignored = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  BulletinCheckReport *report;
  const BulletinFinding *finding;
  int index;

  gtk_text_buffer_set_text (f->buffer, "The VCS met on Monday. The VCS agreed the plan.\n", -1);
  wait_for_finding (f, BULLETIN_FINDING_ACRONYM, "VCS", TRUE);
  report = bulletin_test_window_check_report (f->window);
  index = find_finding (f, BULLETIN_FINDING_ACRONYM, "VCS");
  finding = report->findings->pdata[index];
  key = g_strdup (finding->key);
  g_assert_null (finding->suggestions);

  /* ignored in this draft: gone, and remembered with the draft */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.ignore-finding", "s", key);
  wait_for_finding (f, BULLETIN_FINDING_ACRONYM, "VCS", FALSE);
  g_assert_cmpint (bulletin_test_window_draft_id (f->window), >, 0);
  ignored = bulletin_store_list_ignored_findings (f->store, bulletin_test_window_draft_id (f->window), NULL);
  g_assert_true (g_hash_table_contains (ignored, key));
  /* the panel counts it with the report that left it out */
  {
    GtkWidget *panel = bulletin_test_find_widget (GTK_WIDGET (f->window), BULLETIN_TYPE_CHECKS_PANEL, NULL);
    g_autoptr(BulletinCheckReport) shown = NULL;

    g_object_get (panel, "report", &shown, NULL);
    g_assert_nonnull (shown);
    g_assert_cmpuint (shown->n_ignored, ==, 1);
    g_assert_true (bulletin_test_shows_label (panel, "(1 ignored)", BULLETIN_TEST_MATCH_CONTAINS));
  }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unignore-findings", NULL);
  wait_for_finding (f, BULLETIN_FINDING_ACRONYM, "VCS", TRUE);
  g_assert_false (bulletin_test_shows_label (GTK_WIDGET (f->window), "(1 ignored)", BULLETIN_TEST_MATCH_CONTAINS));

  /* with the glossary's expansion, the finding offers to write it out
   * at the first use */
  g_assert_true (bulletin_store_glossary_set (f->store, "VCS", "voluntary and community sector", FALSE, NULL));
  g_assert_true (bulletin_test_wait_until (acronym_has_suggestion_cb, f, BULLETIN_TEST_TIMEOUT_MS));
  report = bulletin_test_window_check_report (f->window);
  finding = report->findings->pdata[find_finding (f, BULLETIN_FINDING_ACRONYM, "VCS")];
  g_assert_cmpstr (finding->suggestions[0], ==, "voluntary and community sector (VCS)");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.apply-suggestion", "(ss)",
                              finding->key, finding->suggestions[0]);
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, "The voluntary and community sector (VCS) met on Monday. The VCS agreed the plan.\n");
  wait_for_finding (f, BULLETIN_FINDING_ACRONYM, NULL, FALSE);

  /* the statistics come with the same report */
  report = bulletin_test_window_check_report (f->window);
  g_assert_cmpuint (report->stats.words, ==, 14);
  g_assert_cmpuint (report->stats.sentences, ==, 2);
  g_assert_cmpuint (report->html_size, >, 1000);
}

static gboolean
is_checking_cb (gpointer data)
{
  return bulletin_test_window_is_checking (data);
}

static gboolean
has_report_cb (gpointer data)
{
  return bulletin_test_window_check_report (data) != NULL;
}

/* Closing a window while its checks run on the worker: the window goes at
 * once (in-flight work holds it only weakly), and the run's result, when
 * it comes, finds no window to underline. */
static void
test_close_while_checking (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-checks-close-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = bulletin_store_open (path, &error);
  g_autoptr(GString) text = g_string_new ("# Weekly update\n\n");
  BulletinWindow *window;
  BulletinWindow *second;

  g_assert_no_error (error);
  /* long enough that the run is still going when the window closes */
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "The NHS board met on Tuesday to talk about [here](http://example.org) and TODO.\n\n");

  window = g_object_new (BULLETIN_TYPE_WINDOW, "store", store, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_text_buffer_set_text (bulletin_test_window_buffer (window), text->str, -1);
  g_assert_true (bulletin_test_wait_until (is_checking_cb, window, 30000));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (window);

  /* the app goes on: another window checks its own text */
  second = g_object_new (BULLETIN_TYPE_WINDOW, "store", store, NULL);
  gtk_window_present (GTK_WINDOW (second));
  gtk_text_buffer_set_text (bulletin_test_window_buffer (second), "Read it [here](https://example.org).\n", -1);
  g_assert_true (bulletin_test_wait_until (has_report_cb, second, 30000));
  bulletin_test_close_windows (GTK_WINDOW (second));
  bulletin_test_remove_tree (dir);
}

static gboolean
has_spelling_finding (BulletinWindow *window)
{
  BulletinCheckReport *report = bulletin_test_window_check_report (window);

  for (guint i = 0; report != NULL && i < report->findings->len; i++)
    if (((BulletinFinding *)report->findings->pdata[i])->kind == BULLETIN_FINDING_SPELLING)
      return TRUE;
  return FALSE;
}

static gboolean
report_with_spelling_cb (gpointer data)
{
  Fixture *f = data;

  return !bulletin_test_window_is_checking (f->window) && has_spelling_finding (f->window);
}

static gboolean
report_without_spelling_cb (gpointer data)
{
  Fixture *f = data;

  return !bulletin_test_window_is_checking (f->window) &&
         bulletin_test_window_check_report (f->window) != NULL &&
         !has_spelling_finding (f->window);
}

/* Spelling, the slow check, waits while a draft is past what any weekly
 * update reaches, and the panel says so; the other checks go on, and
 * spelling comes back once the draft is short again. */
static void
test_spelling_paused_for_huge_drafts (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GString) huge = g_string_new ("# Weekly update\n\n");
  const char *note;

  gtk_text_buffer_set_text (f->buffer, "Thiss is misspelt.\n", -1);
  g_assert_true (bulletin_test_wait_until (report_with_spelling_cb, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_null (bulletin_checks_panel_get_note (f->panel));

  while (huge->len < 9 * 1000 * 1000)
    g_string_append (huge, "Thiss is misspelt, see [here](https://example.org/a).\n\n");
  gtk_text_buffer_set_text (f->buffer, huge->str, huge->len);
  g_assert_true (bulletin_test_wait_until (report_without_spelling_cb, f, BULLETIN_TEST_TIMEOUT_MS));
  note = bulletin_checks_panel_get_note (f->panel);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "Spelling is paused"));
  /* the other checks still ran */
  g_assert_true (find_finding (f, BULLETIN_FINDING_LINK, NULL) >= 0);

  gtk_text_buffer_set_text (f->buffer, "Thiss is misspelt again.\n", -1);
  g_assert_true (bulletin_test_wait_until (report_with_spelling_cb, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_null (bulletin_checks_panel_get_note (f->panel));
}

/* the first GtkText under @widget, depth first */
static GtkWidget *
find_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_TEXT (w))
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

static gboolean
window_gone (gpointer data)
{
  return *(GtkWidget **)data == NULL;
}

/* Issue 15: Enter in the glossary dialog's fields saves, as its
 * highlighted button says. */
static void
test_glossary_dialog_enter_saves (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *dialog = bulletin_glossary_dialog_new (GTK_WINDOW (f->window), f->store, "ICB", NULL, FALSE);
  GtkWidget *rows[2] = { NULL, NULL };
  guint n = 0;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  BulletinGlossaryEntry *entry;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  g_ptr_array_add (stack, dialog);
  while (stack->len > 0 && n < 2)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_ENTRY_ROW (w))
        rows[n++] = w;
      else
        for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
          g_ptr_array_add (stack, c);
    }
  g_assert_cmpuint (n, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (rows[1]), "integrated care board");
  /* what Enter in the field does */
  g_signal_emit_by_name (find_text (rows[1]), "activate");

  g_assert_true (bulletin_test_wait_until (window_gone, &dialog, BULLETIN_TEST_TIMEOUT_MS));
  entry = bulletin_store_glossary_lookup (f->store, "ICB", NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->expansion, ==, "integrated care board");
  bulletin_glossary_entry_free (entry);
}

/* Issue 15: the panel grew from about 375 to 520 pixels when the reading
 * ease's words did not wrap; its labels wrap within a fixed width. */
static void
test_panel_keeps_its_width (Fixture       *f,
                            gconstpointer  data)
{
  int minimum = 0, natural = 0;

  gtk_widget_grab_focus (GTK_WIDGET (bulletin_test_window_text_view (f->window)));
  type_text (f, "Notwithstanding considerable organisational reconfiguration, multidisciplinary "
                "collaboration accelerated implementation considerably. Click [here](https://example.org).");
  wait_for_finding (f, BULLETIN_FINDING_LINK, "here", TRUE);

  gtk_widget_measure (GTK_WIDGET (f->panel), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("checks panel: minimum %d, natural %d pixels", minimum, natural);
  g_assert_cmpint (natural, <=, 400);
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  g_test_add ("/ui/checks/vague-link", Fixture, NULL, fixture_setup, test_vague_link, fixture_teardown);
  g_test_add ("/ui/checks/spelling", Fixture, NULL, fixture_setup, test_spelling, fixture_teardown);
  g_test_add ("/ui/checks/every-finding-reachable", Fixture, NULL, fixture_setup,
              test_every_finding_reachable, fixture_teardown);
  g_test_add ("/ui/checks/glossary-and-ignore", Fixture, NULL, fixture_setup, test_glossary_and_ignore, fixture_teardown);
  g_test_add ("/ui/checks/panel-keeps-its-width", Fixture, NULL, fixture_setup, test_panel_keeps_its_width, fixture_teardown);
  g_test_add ("/ui/checks/glossary-dialog-enter-saves", Fixture, NULL, fixture_setup, test_glossary_dialog_enter_saves, fixture_teardown);
  g_test_add ("/ui/checks/spelling-paused-for-huge-drafts", Fixture, NULL, fixture_setup,
              test_spelling_paused_for_huge_drafts, fixture_teardown);
  g_test_add_func ("/ui/checks/close-while-checking", test_close_while_checking);

  return g_test_run ();
}
