/* test-ui-german.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window as a German-speaking user sees it, under Xvfb: a real
 * de_DE.UTF-8 locale (generated into the test's own folder, as Debian
 * has only C.UTF-8 until the "locales" package is configured), $LANGUAGE
 * "de", and the catalogue built from po/de.po, bound as the app binds
 * it. The menus, tooltips and title are German, and New Weekly Update
 * gives the German template with German dates and no structure findings.
 */

#include "config.h"

#include <string.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin-clock.h"
#include "bulletin-i18n.h"
#include "bulletin-library.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-german-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  /* as the application does for a new database */
  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  g_assert_no_error (error);

  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_text_buffer_set_modified (bulletin_test_window_buffer (f->window), FALSE);
  bulletin_test_close_windows (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_menus_and_tooltips (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  GtkWidget *menu_button = bulletin_test_find_widget (root, GTK_TYPE_MENU_BUTTON, "open-menu-symbolic");
  GtkWidget *new_button = bulletin_test_find_widget (root, ADW_TYPE_SPLIT_BUTTON, NULL);
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_nonnull (menu_button);
  bulletin_test_menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), labels);
  g_test_message ("main menu:\n%s", labels->str);
  g_assert_cmpstr (labels->str, ==,
                   "Neuer _Wochenbericht\n"
                   "Mit dem Bericht der _letzten Woche beginnen\n"
                   "Termine der nächsten Woche aus _Kalender …\n"
                   "_Neues Fenster\n"
                   "_Speichern\n"
                   "Speichern _unter …\n"
                   "Abschnitts_bibliothek\n"
                   "_Prüfungen\n"
                   "Auswahl zur Bibliothek _hinzufügen …\n"
                   "Bibliothek i_mportieren …\n"
                   "Bibliothek e_xportieren …\n"
                   "_Verlauf\n"
                   "_Diese Version benennen …\n"
                   "Vorschau an_zeigen\n"
                   "_Einstellungen\n"
                   "_Tastenkürzel\n"
                   "_Info zu Bulletin\n");
  bulletin_test_assert_access_keys_unique (labels->str);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Hauptmenü");

  g_assert_nonnull (new_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (new_button), ==, "Neuer Wochenbericht (Strg+N)");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Unbenannt – Bulletin");
}

typedef struct
{
  BulletinWindow *window;
  const char *text;
} ReportWait;

static gboolean
report_is_for_text (gpointer data)
{
  ReportWait *w = data;
  BulletinCheckReport *report = bulletin_test_window_check_report (w->window);

  return report != NULL && !bulletin_test_window_is_checking (w->window)
         && g_bytes_get_size (report->text) == strlen (w->text)
         && memcmp (g_bytes_get_data (report->text, NULL), w->text, strlen (w->text)) == 0;
}

static void
test_new_weekly_update (Fixture       *f,
                        gconstpointer  data)
{
  /* Wednesday 25 November 2026: the week ends on Friday the 27th */
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2026, 11, 25, 9, 0, 0);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  BulletinCheckReport *report;
  ReportWait wait;
  gboolean example_found = FALSE;

  /* as set in Preferences: the placeholders' names are no German */
  g_settings_set_string (settings, "sender-name", "Sabine Beispiel");
  g_settings_set_string (settings, "sender-role", "Geschäftsführerin");
  g_settings_set_string (settings, "organisation", "Klinikum Musterstadt");
  bulletin_clock_set_start (wednesday);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-weekly-update", NULL);

  text = bulletin_test_buffer_text (bulletin_test_window_buffer (f->window));
  g_assert_true (g_str_has_prefix (text, "# Wochenbericht – Woche bis Freitag, 27. November 2026\n"));
  g_assert_nonnull (strstr (text, "\n## Was sonst noch in dieser Woche geschah\n"));
  g_assert_nonnull (strstr (text, "\n## Was steht nächste Woche an?\n"));
  g_assert_nonnull (strstr (text, "kommt von Sabine Beispiel, Geschäftsführerin, Klinikum Musterstadt."));

  shown = bulletin_test_preview_text (bulletin_test_window_preview (f->window));
  g_assert_nonnull (strstr (shown, "Was sonst noch in dieser Woche geschah"));

  /* the checks find the example lines to replace, in German, and no
   * section missing or misnamed */
  wait.window = f->window;
  wait.text = text;
  g_assert_true (bulletin_test_wait_until (report_is_for_text, &wait, BULLETIN_TEST_TIMEOUT_MS));
  report = bulletin_test_window_check_report (f->window);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *finding = report->findings->pdata[i];

      g_test_message ("%u: %s", finding->line, finding->message);
      g_assert_cmpint (finding->kind, !=, BULLETIN_FINDING_STRUCTURE);
      /* German spelling: hunspell-de-de is in build-aux/lib.sh's test
       * packages, and a session in German checks in German */
      g_assert_cmpint (finding->kind, !=, BULLETIN_FINDING_SPELLING);
      example_found |= g_str_equal (finding->message, "Dies ist der Beispieltext der Wochenvorlage: Ersetzen Sie ihn");
    }
  g_assert_true (example_found);
}

static char *locale_dir;

static void
remove_locale_dir (void)
{
  bulletin_test_remove_tree (locale_dir);
  g_free (locale_dir);
}

/* A German locale of our own: LOCPATH points glibc at it, so the test
 * needs neither root nor a configured system, only the locale sources
 * of Debian's "locales" package (build-aux/lib.sh installs it). */
static void
use_german_locale (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (g_get_tmp_dir (), "bulletin-locale-XXXXXX", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *target = NULL;
  int status = 0;

  g_assert_nonnull (g_mkdtemp (dir));
  locale_dir = dir;
  atexit (remove_locale_dir);
  target = g_build_filename (dir, "de_DE.UTF-8", NULL);
  {
    const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_file_test (target, G_FILE_TEST_IS_DIR))
    g_error ("localedef could not make de_DE.UTF-8 (install the “locales” package): %s", err);

  g_setenv ("LOCPATH", dir, TRUE);
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LC_TIME");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_assert_nonnull (g_getenv ("BULLETIN_LOCALEDIR"));
  use_german_locale ();
  bulletin_i18n_init ();
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "de_DE.UTF-8");

  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/german/menus-and-tooltips", test_menus_and_tooltips);
  ADD ("/ui/german/new-weekly-update", test_new_weekly_update);

  return g_test_run ();
}
