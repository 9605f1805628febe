/* bulletin-preferences-packs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences' "Glossary Packs" group (issue 16): a switch for each pack
 * the checks can use (the glossary-packs setting), Import Pack… for an
 * office's own, and a remove button on each imported one. Reading,
 * checking and copying packs is the core's (bulletin-packs.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-packs.h"
#include "bulletin-preferences-packs.h"

typedef struct
{
  GSettings *settings;
  GtkWidget *group;
  GPtrArray *rows;     /* the pack rows, rebuilt when the packs change */
  GtkWidget *import_row; /* a reference of ours */
} Packs;

static void fill (Packs *packs);

static void
packs_free (Packs *packs)
{
  g_clear_object (&packs->settings);
  g_clear_pointer (&packs->rows, g_ptr_array_unref);
  g_clear_object (&packs->import_row);
  g_free (packs);
}

static void
set_enabled (GSettings  *settings,
             const char *id,
             gboolean    enabled)
{
  g_auto(GStrv) current = g_settings_get_strv (settings, "glossary-packs");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) next = NULL;

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], id))
      g_strv_builder_add (builder, current[i]);
  if (enabled)
    g_strv_builder_add (builder, id);
  next = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "glossary-packs", (const char * const *)next);
}

static void
switch_active_cb (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  Packs      *packs)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "bulletin-pack-id");
  g_auto(GStrv) current = g_settings_get_strv (packs->settings, "glossary-packs");
  gboolean active = gtk_switch_get_active (sw);

  if (g_strv_contains ((const char * const *)current, id) != active)
    set_enabled (packs->settings, id, active);
}

/* the setting changed elsewhere (another window, the test): the switches
 * follow it */
static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     GtkWidget  *group)
{
  Packs *packs = g_object_get_data (G_OBJECT (group), "bulletin-packs");
  g_auto(GStrv) current = g_settings_get_strv (settings, "glossary-packs");

  for (guint i = 0; i < packs->rows->len; i++)
    {
      GtkSwitch *sw = g_object_get_data (packs->rows->pdata[i], "bulletin-switch");
      const char *id = g_object_get_data (G_OBJECT (sw), "bulletin-pack-id");

      gtk_switch_set_active (sw, g_strv_contains ((const char * const *)current, id));
    }
}

static void
show_error (Packs      *packs,
            const char *message)
{
  GtkRoot *root = gtk_widget_get_root (packs->group);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
remove_clicked_cb (GtkButton *button,
                   Packs     *packs)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "bulletin-pack-id"));
  g_autoptr(GError) error = NULL;

  if (!bulletin_packs_remove (id, &error))
    {
      show_error (packs, error->message);
      return;
    }
  fill (packs);
  /* switched off too, which tells the windows to forget it */
  set_enabled (packs->settings, id, FALSE);
}

static void
fill (Packs *packs)
{
  g_autoptr(GPtrArray) list = bulletin_packs_list ();
  g_auto(GStrv) enabled = g_settings_get_strv (packs->settings, "glossary-packs");

  for (guint i = 0; i < packs->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (packs->group), packs->rows->pdata[i]);
  g_ptr_array_set_size (packs->rows, 0);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (packs->group), packs->import_row);

  for (guint i = 0; i < list->len; i++)
    {
      const BulletinPack *pack = list->pdata[i];
      g_autofree char *name = g_strconcat ("pack-", pack->id, NULL);
      g_autofree char *title = g_markup_escape_text (pack->name, -1);
      g_autofree char *subtitle = g_markup_escape_text (pack->description, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (row, name);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), g_strv_contains ((const char * const *)enabled, pack->id));
      g_object_set_data_full (G_OBJECT (sw), "bulletin-pack-id", g_strdup (pack->id), g_free);
      g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), packs);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, pack->name, -1);

      if (pack->imported)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove This Pack"));
          bulletin_accessibility_name_button (remove);
          g_object_set_data_full (G_OBJECT (remove), "bulletin-pack-id", g_strdup (pack->id), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), packs);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      g_object_set_data (G_OBJECT (row), "bulletin-switch", sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (packs->group), row);
      g_ptr_array_add (packs->rows, row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (packs->group), packs->import_row);
}

/**
 * bulletin_preferences_packs_import:
 * @group: from bulletin_preferences_packs_group_new()
 * @file: an office's pack
 * @error: return location for an error
 *
 * What Import Pack… does with the chosen file, for the tests too: the
 * pack is checked, kept and switched on at once.
 *
 * Returns: whether @file was imported
 */
gboolean
bulletin_preferences_packs_import (GtkWidget  *group,
                                   GFile      *file,
                                   GError    **error)
{
  Packs *packs;
  g_autoptr(BulletinPack) pack = NULL;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  packs = g_object_get_data (G_OBJECT (group), "bulletin-packs");
  g_return_val_if_fail (packs != NULL, FALSE);

  pack = bulletin_packs_import (file, error);
  if (pack == NULL)
    return FALSE;

  fill (packs);
  /* off first if it was on: the windows read a pack imported again
   * afresh only when the setting changes */
  set_enabled (packs->settings, pack->id, FALSE);
  set_enabled (packs->settings, pack->id, TRUE);
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  GtkWidget *group = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !bulletin_preferences_packs_import (group, file, &error))
        {
          Packs *packs = g_object_get_data (G_OBJECT (group), "bulletin-packs");
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: the first %s is a file name, the second why it was refused */
          g_autofree char *message = g_strdup_printf (_("“%s” was not imported: %s"), name, error->message);

          show_error (packs, message);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (group);
}

static void
import_clicked_cb (GtkButton *button,
                   GtkWidget *group)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Glossary Pack"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Glossary packs (.ini)"));
  gtk_file_filter_add_pattern (filter, "*.ini");
  gtk_file_filter_add_pattern (filter, "*.INI");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (group));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * bulletin_preferences_packs_group_new:
 * @settings: Bulletin's settings
 *
 * Returns: (transfer floating): the group, for a preferences page
 */
GtkWidget *
bulletin_preferences_packs_group_new (GSettings *settings)
{
  Packs *packs;
  GtkWidget *import;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  packs = g_new0 (Packs, 1);
  packs->settings = g_object_ref (settings);
  packs->rows = g_ptr_array_new ();
  packs->group = adw_preferences_group_new ();
  gtk_widget_set_name (packs->group, "glossary-packs-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (packs->group), _("Glossary Packs"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (packs->group),
                                         _("Abbreviations and words the checks know, switched on or off "
                                           "together. The office’s own glossary always comes first."));
  g_object_set_data_full (G_OBJECT (packs->group), "bulletin-packs", packs, (GDestroyNotify)packs_free);

  /* kept while fill() takes it out to put it back last */
  packs->import_row = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (packs->import_row), _("An Office’s Own Pack"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (packs->import_row),
                               _("A file in the format of the shipped packs, kept in your data folder"));
  import = gtk_button_new_with_mnemonic (_("_Import Pack…"));
  gtk_widget_set_name (import, "glossary-packs-import");
  gtk_widget_set_valign (import, GTK_ALIGN_CENTER);
  g_signal_connect_object (import, "clicked", G_CALLBACK (import_clicked_cb), packs->group, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (packs->import_row), import);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (packs->group), packs->import_row);

  g_signal_connect_object (settings, "changed::glossary-packs", G_CALLBACK (settings_changed_cb), packs->group, 0);
  fill (packs);

  return packs->group;
}
