/* test-ui-packs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glossary packs under Xvfb (issue 16): switching a pack off in
 * Preferences changes what the open window's checks say at once; an
 * office's pack imported there (through the same function Import Pack…
 * calls with the chosen file) is switched on and known, and its remove
 * button takes it away again.
 */

#include "config.h"

#include <string.h>

#include "bulletin-pack-row.h"
#include "bulletin-packs.h"
#include "bulletin-preferences-packs.h"
#include "bulletin-preferences-window.h"
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

/* the finding on @word: -1 none, 0 without a suggestion, 1 with
 * @suggestion as its first */
typedef struct
{
  Fixture *f;
  BulletinFindingKind kind;
  const char *word;
  const char *suggestion;  /* NULL: the finding has none */
  gboolean present;
} Want;

static const BulletinFinding *
find_finding (Fixture            *f,
              BulletinFindingKind kind,
              const char         *word)
{
  BulletinCheckReport *report = bulletin_test_window_check_report (f->window);

  for (guint i = 0; report != NULL && i < report->findings->len; i++)
    {
      const BulletinFinding *finding = report->findings->pdata[i];
      g_autofree char *range = bulletin_check_report_dup_range (report, i);

      if (finding->kind == kind && g_strcmp0 (range, word) == 0)
        return finding;
    }

  return NULL;
}

static gboolean
finding_is_cb (gpointer data)
{
  Want *want = data;
  const BulletinFinding *finding;

  if (bulletin_test_window_check_report (want->f->window) == NULL)
    return FALSE;
  finding = find_finding (want->f, want->kind, want->word);
  if (!want->present)
    return finding == NULL;
  if (finding == NULL)
    return FALSE;
  if (want->suggestion == NULL)
    return finding->suggestions == NULL;
  return finding->suggestions != NULL && g_strcmp0 (finding->suggestions[0], want->suggestion) == 0;
}

static void
wait_for (Fixture            *f,
          BulletinFindingKind kind,
          const char         *word,
          gboolean            present,
          const char         *suggestion)
{
  Want want = { f, kind, word, suggestion, present };

  g_test_message ("waiting for %s %s to be %s, suggesting %s", bulletin_finding_kind_to_string (kind),
                  word, present ? "there" : "gone", suggestion ? suggestion : "nothing");
  g_assert_true (bulletin_test_wait_until (finding_is_cb, &want, BULLETIN_TEST_TIMEOUT_MS));
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  /* a widget tree is a few levels deep: a queue, not recursion */
  g_autoptr(GQueue) queue = g_queue_new ();

  g_queue_push_tail (queue, root);
  while (!g_queue_is_empty (queue))
    {
      GtkWidget *widget = g_queue_pop_head (queue);

      if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
        return widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (queue, child);
    }

  return NULL;
}

static gboolean
packs_setting_has (Fixture    *f,
                   const char *id)
{
  g_auto(GStrv) packs = g_settings_get_strv (f->settings, "glossary-packs");

  return g_strv_contains ((const char * const *)packs, id);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-packs-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, bulletin_test_window_checks_panel (f->window),
                                           BULLETIN_TEST_TIMEOUT_MS));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bulletin_test_close_windows (GTK_WINDOW (f->window));

  g_settings_reset (f->settings, "show-checks");
  g_settings_reset (f->settings, "glossary-packs");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GtkWidget *
open_preferences (Fixture *f)
{
  BulletinPreferencesWindow *prefs = bulletin_preferences_window_new (GTK_WINDOW (f->window));
  GtkWidget *group;

  bulletin_preferences_window_set_store (prefs, f->store);
  gtk_window_present (GTK_WINDOW (prefs));
  group = find_named (GTK_WIDGET (prefs), "glossary-packs-group");
  g_assert_nonnull (group);
  return group;
}

static GtkSwitch *
row_switch (GtkWidget *row)
{
  GtkWidget *sw = bulletin_test_find_widget (row, GTK_TYPE_SWITCH, NULL);

  g_assert_nonnull (sw);
  return GTK_SWITCH (sw);
}

/* as a click on the row's switch does once its animation ends (on a
 * page not shown, a switch's animation never runs) */
static void
click_switch (GtkWidget *row)
{
  GtkSwitch *sw = row_switch (row);

  gtk_switch_set_active (sw, !gtk_switch_get_active (sw));
}

/* what the row says and what its switch shows, which must agree */
static gboolean
row_active (GtkWidget *row)
{
  gboolean active = bulletin_pack_row_get_active (BULLETIN_PACK_ROW (row));

  g_assert_cmpint (active, ==, gtk_switch_get_active (row_switch (row)));
  return active;
}

static void
test_switch_off (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *group;
  GtkWidget *health, *general;

  gtk_text_buffer_set_text (f->buffer, "# Update\n\nThe NHS and the ICB met about wellbeing.\n", -1);
  /* both shipped packs on: NHS is well known, ICB has its expansion,
   * wellbeing is a word */
  wait_for (f, BULLETIN_FINDING_ACRONYM, "ICB", TRUE, "integrated care board (ICB)");
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NHS", FALSE, NULL);

  group = open_preferences (f);
  health = find_named (group, "pack-health-and-care");
  general = find_named (group, "pack-general");
  g_assert_nonnull (health);
  g_assert_nonnull (general);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (health)), ==, "Health and care");
  g_assert_true (row_active (health));

  /* the health pack off: ICB is unknown, and wellbeing misspelt */
  click_switch (health);
  g_assert_false (row_active (health));
  g_assert_false (packs_setting_has (f, "health-and-care"));
  wait_for (f, BULLETIN_FINDING_ACRONYM, "ICB", TRUE, NULL);
  wait_for (f, BULLETIN_FINDING_SPELLING, "wellbeing", TRUE, NULL);

  /* the general pack off: the checks panel gains NHS */
  click_switch (general);
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NHS", TRUE, NULL);

  /* and on again: it is gone */
  click_switch (general);
  click_switch (health);
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NHS", FALSE, NULL);
  wait_for (f, BULLETIN_FINDING_ACRONYM, "ICB", TRUE, "integrated care board (ICB)");
  wait_for (f, BULLETIN_FINDING_SPELLING, "wellbeing", FALSE, NULL);
}

static void
test_import_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "packs", "brookfield-office.ini", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(GFile) not_a_pack = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bulletin_packs_user_dir ();
  g_autofree char *kept = g_build_filename (dir, "brookfield-office.ini", NULL);
  g_autofree char *md = g_build_filename (f->dir, "update.md", NULL);
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *remove;

  gtk_text_buffer_set_text (f->buffer, "# Update\n\nThe NTT met in Moorside.\n", -1);
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NTT", TRUE, NULL);

  group = open_preferences (f);

  /* a file that is not a pack is refused and nothing is kept */
  g_assert_true (g_file_set_contents (md, "# Weekly update\n", -1, NULL));
  not_a_pack = g_file_new_for_path (md);
  g_assert_false (bulletin_preferences_packs_import (BULLETIN_PREFERENCES_PACKS (group), not_a_pack, &error));
  g_assert_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_A_PACK);
  g_clear_error (&error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS) && g_file_test (kept, G_FILE_TEST_EXISTS));

  /* the office's pack: kept, listed, switched on, known to the checks */
  g_assert_true (bulletin_preferences_packs_import (BULLETIN_PREFERENCES_PACKS (group), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_true (packs_setting_has (f, "brookfield-office"));
  g_assert_true (packs_setting_has (f, "health-and-care"));
  row = find_named (group, "pack-brookfield-office");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Brookfield and Moorside office");
  g_assert_true (row_active (row));
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NTT", TRUE, "neighbourhood team tracker (NTT)");

  /* removed: the file, the row, the setting and what the checks knew */
  remove = bulletin_test_find_widget (row, GTK_TYPE_BUTTON, "user-trash-symbolic");
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_visible (remove));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove This Pack");
  g_signal_emit_by_name (remove, "clicked");
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_false (packs_setting_has (f, "brookfield-office"));
  g_assert_null (find_named (group, "pack-brookfield-office"));
  wait_for (f, BULLETIN_FINDING_ACRONYM, "NTT", TRUE, NULL);
}

/* The switches follow the setting when another window (or Reset) changes
 * it, and only an office's own pack offers to be removed */
static void
test_follows_setting (Fixture       *f,
                      gconstpointer  data)
{
  const char * const general_only[] = { "general", NULL };
  GtkWidget *group = open_preferences (f);
  GtkWidget *health = find_named (group, "pack-health-and-care");
  GtkWidget *general = find_named (group, "pack-general");
  GtkWidget *remove;

  g_assert_true (row_active (health));
  g_settings_set_strv (f->settings, "glossary-packs", general_only);
  g_assert_false (row_active (health));
  g_assert_true (row_active (general));
  /* following the setting wrote nothing back */
  g_assert_false (packs_setting_has (f, "health-and-care"));
  g_assert_true (packs_setting_has (f, "general"));

  g_settings_reset (f->settings, "glossary-packs");
  g_assert_true (row_active (health));

  remove = bulletin_test_find_widget (health, GTK_TYPE_BUTTON, "user-trash-symbolic");
  g_assert_true (remove == NULL || !gtk_widget_get_visible (remove));
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  g_test_add ("/ui/packs/switch-off", Fixture, NULL, fixture_setup, test_switch_off, fixture_teardown);
  g_test_add ("/ui/packs/follows-setting", Fixture, NULL, fixture_setup, test_follows_setting, fixture_teardown);
  g_test_add ("/ui/packs/import-and-remove", Fixture, NULL, fixture_setup, test_import_and_remove, fixture_teardown);

  return g_test_run ();
}
