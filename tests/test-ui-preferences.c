/* test-ui-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences' glossary and personal dictionary under Xvfb (issue 15):
 * each row's buttons act on that row's entry or word, and the glossary
 * dialog adds an entry, or changes one and replaces it when renamed.
 */

#include "config.h"

#include "bulletin-glossary-dialog.h"
#include "bulletin-preferences-window.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinPreferencesWindow *prefs;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-prefs-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    g_assert_true (bulletin_store_dictionary_add (f->store, (const char *[]) { "calderdale", "moorside", "wellbeing" }[i],
                                                  &error));
  g_assert_true (bulletin_store_glossary_set (f->store, "ICB", "integrated care board", FALSE, &error));
  g_assert_true (bulletin_store_glossary_set (f->store, "VCS", "voluntary and community sector", FALSE, &error));
  g_assert_no_error (error);

  f->prefs = bulletin_preferences_window_new (NULL);
  bulletin_preferences_window_set_store (f->prefs, f->store);
  gtk_window_present (GTK_WINDOW (f->prefs));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = bulletin_test_message_dialog ()) != NULL)
    bulletin_test_destroy_window (GTK_WINDOW (dialog));
  bulletin_test_destroy_window (GTK_WINDOW (f->prefs));
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
click_row_button (Fixture    *f,
                  const char *title,
                  const char *icon)
{
  GtkWidget *row = bulletin_test_find_row (GTK_WIDGET (f->prefs), title);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = bulletin_test_find_widget (row, GTK_TYPE_BUTTON, icon);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  Fixture *f;
  const char *title;
} Row;

static gboolean
row_gone (gpointer data)
{
  Row *row = data;

  return bulletin_test_find_row (GTK_WIDGET (row->f->prefs), row->title) == NULL;
}

static void
test_remove_word (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) words = NULL;

  g_assert_nonnull (bulletin_test_find_row (GTK_WIDGET (f->prefs), "calderdale"));
  g_assert_nonnull (bulletin_test_find_row (GTK_WIDGET (f->prefs), "wellbeing"));

  /* the middle row's button removes its own word, and no other */
  click_row_button (f, "moorside", "user-trash-symbolic");
  words = bulletin_store_dictionary_list (f->store, NULL);
  g_assert_cmpstrv (words, ((const char *[]) { "calderdale", "wellbeing", NULL }));
  g_assert_true (bulletin_test_wait_until (row_gone, &(Row) { f, "moorside" }, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_nonnull (bulletin_test_find_row (GTK_WIDGET (f->prefs), "calderdale"));
  g_assert_nonnull (bulletin_test_find_row (GTK_WIDGET (f->prefs), "wellbeing"));

  /* and the rows rebuilt after it act on theirs */
  click_row_button (f, "calderdale", "user-trash-symbolic");
  g_clear_pointer (&words, g_strfreev);
  words = bulletin_store_dictionary_list (f->store, NULL);
  g_assert_cmpstrv (words, ((const char *[]) { "wellbeing", NULL }));
}

static void
test_remove_glossary_entry (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;

  click_row_button (f, "VCS", "user-trash-symbolic");
  entries = bulletin_store_glossary_list (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((BulletinGlossaryEntry *)entries->pdata[0])->acronym, ==, "ICB");
  g_assert_true (bulletin_test_wait_until (row_gone, &(Row) { f, "VCS" }, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_nonnull (bulletin_test_find_row (GTK_WIDGET (f->prefs), "ICB"));
}

static const char *
entry_row_text (GtkWidget  *dialog,
                const char *title)
{
  GtkWidget *row = bulletin_test_find_row (dialog, title);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Change opens the dialog on that entry; renaming it replaces the entry */
static void
test_change_glossary_entry (Fixture       *f,
                            gconstpointer  data)
{
  AdwMessageDialog *dialog;
  BulletinGlossaryEntry *entry;

  click_row_button (f, "ICB", "document-edit-symbolic");
  dialog = bulletin_test_wait_for_message_dialog ();
  g_assert_true (BULLETIN_IS_GLOSSARY_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Change Glossary Entry");
  g_assert_cmpstr (entry_row_text (GTK_WIDGET (dialog), "Abbreviation"), ==, "ICB");
  g_assert_cmpstr (entry_row_text (GTK_WIDGET (dialog), "Stands for"), ==, "integrated care board");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->prefs));

  gtk_editable_set_text (GTK_EDITABLE (bulletin_test_find_row (GTK_WIDGET (dialog), "Abbreviation")), "ICS");
  bulletin_test_respond (dialog, "save");

  entry = bulletin_store_glossary_lookup (f->store, "ICS", NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->expansion, ==, "integrated care board");
  bulletin_glossary_entry_free (entry);
  g_assert_null (bulletin_store_glossary_lookup (f->store, "ICB", NULL));
  entry = bulletin_store_glossary_lookup (f->store, "VCS", NULL);
  g_assert_nonnull (entry);
  bulletin_glossary_entry_free (entry);
  g_assert_true (bulletin_test_wait_until (row_gone, &(Row) { f, "ICB" }, BULLETIN_TEST_TIMEOUT_MS));
}

/* The header's + adds an entry: Save only once there is an abbreviation
 * and either its meaning or "well known"; Cancel keeps nothing */
static void
test_add_glossary_entry (Fixture       *f,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *add = bulletin_test_find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_BUTTON, "list-add-symbolic");
  GtkSwitch *well_known;
  BulletinGlossaryEntry *entry;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  dialog = bulletin_test_wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add to Glossary");
  g_assert_cmpstr (entry_row_text (GTK_WIDGET (dialog), "Abbreviation"), ==, "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  gtk_editable_set_text (GTK_EDITABLE (bulletin_test_find_row (GTK_WIDGET (dialog), "Abbreviation")), "PCN");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  well_known = GTK_SWITCH (bulletin_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL));
  gtk_switch_set_active (well_known, TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  bulletin_test_respond (dialog, "cancel");
  entries = bulletin_store_glossary_list (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, 2);

  g_signal_emit_by_name (add, "clicked");
  dialog = bulletin_test_wait_for_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (bulletin_test_find_row (GTK_WIDGET (dialog), "Abbreviation")), "PCN");
  gtk_editable_set_text (GTK_EDITABLE (bulletin_test_find_row (GTK_WIDGET (dialog), "Stands for")), "primary care network");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  bulletin_test_respond (dialog, "save");

  entry = bulletin_store_glossary_lookup (f->store, "PCN", NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->expansion, ==, "primary care network");
  g_assert_false (entry->well_known);
  bulletin_glossary_entry_free (entry);
  /* adding never replaces another entry */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = bulletin_store_glossary_list (f->store, NULL);
  g_assert_cmpuint (entries->len, ==, 3);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/preferences/remove-word", test_remove_word);
  ADD ("/ui/preferences/remove-glossary-entry", test_remove_glossary_entry);
  ADD ("/ui/preferences/change-glossary-entry", test_change_glossary_entry);
  ADD ("/ui/preferences/add-glossary-entry", test_add_glossary_entry);

  return g_test_run ();
}
