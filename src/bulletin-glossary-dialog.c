/* bulletin-glossary-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-glossary-dialog.h"

/* One dialog adds or changes a glossary entry, whether it is opened from
 * a finding ("Add to the Glossary…") or from Preferences. */

typedef struct
{
  BulletinStore *store;
  char          *original;     /* the acronym being edited, or NULL */
  GtkEditable   *acronym;
  GtkEditable   *expansion;
  GtkSwitch     *well_known;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_clear_object (&d->store);
  g_free (d->original);
  g_free (d);
}

static void
update_response (AdwMessageDialog *dialog)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "glossary-dialog");
  g_autofree char *acronym = g_strstrip (g_strdup (gtk_editable_get_text (d->acronym)));
  g_autofree char *expansion = g_strstrip (g_strdup (gtk_editable_get_text (d->expansion)));

  /* an entry needs the abbreviation, and either what it stands for or
   * the word that readers know it */
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           *acronym != '\0' &&
                                           (*expansion != '\0' || gtk_switch_get_active (d->well_known)));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "glossary-dialog");
  g_autoptr(GError) error = NULL;
  g_autofree char *acronym = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  acronym = g_strstrip (g_strdup (gtk_editable_get_text (d->acronym)));
  if (!bulletin_store_glossary_set (d->store, acronym, gtk_editable_get_text (d->expansion),
                                    gtk_switch_get_active (d->well_known), &error))
    {
      GtkWidget *alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                 _("The Glossary Could Not Be Changed"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }

  /* renaming an entry replaces it */
  if (d->original != NULL && g_strcmp0 (acronym, d->original) != 0)
    bulletin_store_glossary_remove (d->store, d->original, NULL);
}

static GtkWidget *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  /* Enter saves, as the highlighted button says */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (list, row);

  return row;
}

/**
 * bulletin_glossary_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the glossary lives
 * @acronym: (nullable): the abbreviation to add or change
 * @expansion: (nullable): what it stands for, if known
 * @well_known: whether it is marked well known
 *
 * Returns: (transfer none): a dialog, not yet shown, that saves the entry
 *   to @store when the user says so
 */
GtkWidget *
bulletin_glossary_dialog_new (GtkWindow     *parent,
                              BulletinStore *store,
                              const char    *acronym,
                              const char    *expansion,
                              gboolean       well_known)
{
  gboolean editing = expansion != NULL || well_known;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *known_row;
  GtkWidget *known;
  Dialog *d;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       editing
                                                         ? _("Change Glossary Entry")
                                                         : _("Add to Glossary"),
                                                       _("Readers outside the office may not know an abbreviation. "
                                                         "The checks suggest writing it out at its first use, unless it is well known.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  d = g_new0 (Dialog, 1);
  d->store = g_object_ref (store);
  d->original = editing ? g_strdup (acronym) : NULL;
  d->acronym = GTK_EDITABLE (add_entry_row (GTK_LIST_BOX (list), _("Abbreviation"), acronym));
  d->expansion = GTK_EDITABLE (add_entry_row (GTK_LIST_BOX (list), _("Stands for"), expansion));

  known_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (known_row), _("Well Known"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (known_row), _("Readers know it: no need to write it out"));
  known = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (known), well_known);
  gtk_widget_set_valign (known, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (known_row), known);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (known_row), known);
  gtk_list_box_append (GTK_LIST_BOX (list), known_row);
  d->well_known = GTK_SWITCH (known);

  g_object_set_data_full (G_OBJECT (dialog), "glossary-dialog", d, (GDestroyNotify)dialog_free);
  adw_message_dialog_set_extra_child (dialog, list);

  g_signal_connect_swapped (d->acronym, "changed", G_CALLBACK (update_response), dialog);
  g_signal_connect_swapped (d->expansion, "changed", G_CALLBACK (update_response), dialog);
  g_signal_connect_swapped (d->well_known, "notify::active", G_CALLBACK (update_response), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  update_response (dialog);

  /* the abbreviation is usually known already: start on its meaning */
  gtk_window_set_focus (GTK_WINDOW (dialog),
                        GTK_WIDGET (acronym != NULL && *acronym != '\0' ? d->expansion : d->acronym));

  return GTK_WIDGET (dialog);
}
