/* bulletin-preferences-packs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences' "Glossary Packs" group (issue 16), in its template: a
 * switch for each pack the checks can use (the glossary-packs setting),
 * Import Pack… for an office's own, and a remove button on each imported
 * one. Reading, checking and copying packs is the core's
 * (bulletin-packs.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-pack-row.h"
#include "bulletin-packs.h"
#include "bulletin-preferences-packs.h"

struct _BulletinPreferencesPacks
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GPtrArray           *rows;       /* the pack rows, rebuilt when the packs change */
  GtkWidget           *import_row; /* a reference of ours */
};

G_DEFINE_FINAL_TYPE (BulletinPreferencesPacks, bulletin_preferences_packs, ADW_TYPE_PREFERENCES_GROUP)

static void fill (BulletinPreferencesPacks *self);

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
row_active_cb (BulletinPackRow          *row,
               GParamSpec               *pspec,
               BulletinPreferencesPacks *self)
{
  const char *id = bulletin_pack_row_get_pack_id (row);
  g_auto(GStrv) current = g_settings_get_strv (self->settings, "glossary-packs");
  gboolean active = bulletin_pack_row_get_active (row);

  if (g_strv_contains ((const char * const *)current, id) != active)
    set_enabled (self->settings, id, active);
}

/* the setting changed elsewhere (another window, the test): the switches
 * follow it */
static void
settings_changed_cb (GSettings                *settings,
                     const char               *key,
                     BulletinPreferencesPacks *self)
{
  g_auto(GStrv) current = g_settings_get_strv (settings, "glossary-packs");

  for (guint i = 0; i < self->rows->len; i++)
    {
      BulletinPackRow *row = self->rows->pdata[i];

      bulletin_pack_row_set_active (row, g_strv_contains ((const char * const *)current,
                                                          bulletin_pack_row_get_pack_id (row)));
    }
}

static void
show_error (BulletinPreferencesPacks *self,
            const char               *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/* packs.remove, from an office's pack's row, with the pack's id */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BulletinPreferencesPacks *self = BULLETIN_PREFERENCES_PACKS (widget);
  /* the row that holds the id goes in fill() */
  g_autofree char *id = g_variant_dup_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!bulletin_packs_remove (id, &error))
    {
      show_error (self, error->message);
      return;
    }
  fill (self);
  /* switched off too, which tells the windows to forget it */
  set_enabled (self->settings, id, FALSE);
}

static void
fill (BulletinPreferencesPacks *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  g_autoptr(GPtrArray) list = bulletin_packs_list ();
  g_auto(GStrv) enabled = g_settings_get_strv (self->settings, "glossary-packs");

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  adw_preferences_group_remove (group, self->import_row);

  for (guint i = 0; i < list->len; i++)
    {
      const BulletinPack *pack = list->pdata[i];
      GtkWidget *row = bulletin_pack_row_new (pack->id, pack->name, pack->description, pack->imported);

      bulletin_pack_row_set_active (BULLETIN_PACK_ROW (row), g_strv_contains ((const char * const *)enabled, pack->id));
      g_signal_connect_object (row, "notify::active", G_CALLBACK (row_active_cb), self, 0);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }

  adw_preferences_group_add (group, self->import_row);
}

/**
 * bulletin_preferences_packs_import:
 * @self: a #BulletinPreferencesPacks
 * @file: an office's pack
 * @error: return location for an error
 *
 * What Import Pack… does with the chosen file, for the tests too: the
 * pack is checked, kept and switched on at once.
 *
 * Returns: whether @file was imported
 */
gboolean
bulletin_preferences_packs_import (BulletinPreferencesPacks  *self,
                                   GFile                     *file,
                                   GError                   **error)
{
  g_autoptr(BulletinPack) pack = NULL;

  g_return_val_if_fail (BULLETIN_IS_PREFERENCES_PACKS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  pack = bulletin_packs_import (file, error);
  if (pack == NULL)
    return FALSE;

  fill (self);
  /* off first if it was on: the windows read a pack imported again
   * afresh only when the setting changes */
  set_enabled (self->settings, pack->id, FALSE);
  set_enabled (self->settings, pack->id, TRUE);
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  BulletinPreferencesPacks *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !bulletin_preferences_packs_import (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: the first %s is a file name, the second why it was refused */
          g_autofree char *message = g_strdup_printf (_("“%s” was not imported: %s"), name, error->message);

          show_error (self, message);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* packs.import, from Import Pack… */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Glossary Pack"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Glossary packs (.ini)"));
  gtk_file_filter_add_pattern (filter, "*.ini");
  gtk_file_filter_add_pattern (filter, "*.INI");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* the group stays until the chooser answers, even if Preferences closes */
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
bulletin_preferences_packs_dispose (GObject *object)
{
  BulletinPreferencesPacks *self = (BulletinPreferencesPacks *)object;

  g_clear_object (&self->import_row);

  G_OBJECT_CLASS (bulletin_preferences_packs_parent_class)->dispose (object);
}

static void
bulletin_preferences_packs_finalize (GObject *object)
{
  BulletinPreferencesPacks *self = (BulletinPreferencesPacks *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bulletin_preferences_packs_parent_class)->finalize (object);
}

static void
bulletin_preferences_packs_class_init (BulletinPreferencesPacksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_preferences_packs_dispose;
  object_class->finalize = bulletin_preferences_packs_finalize;

  gtk_widget_class_install_action (widget_class, "packs.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "packs.import", NULL, import_action);
}

static void
bulletin_preferences_packs_init (BulletinPreferencesPacks *self)
{
  GtkWidget *import;

  self->settings = g_settings_new (APP_ID);
  self->rows = g_ptr_array_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "glossary-packs-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Glossary Packs"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Abbreviations and words the checks know, switched on or off "
                                           "together. The office’s own glossary always comes first."));

  /* kept while fill() takes it out to put it back last */
  self->import_row = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->import_row), _("An Office’s Own Pack"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->import_row),
                               _("A file in the format of the shipped packs, kept in your data folder"));
  import = gtk_button_new_with_mnemonic (_("_Import Pack…"));
  gtk_widget_set_name (import, "glossary-packs-import");
  gtk_widget_set_valign (import, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "packs.import");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->import_row), import);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->import_row);

  g_signal_connect_object (self->settings, "changed::glossary-packs", G_CALLBACK (settings_changed_cb), self, 0);
  fill (self);
}

