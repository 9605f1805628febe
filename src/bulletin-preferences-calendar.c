/* bulletin-preferences-calendar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences' "Next Week’s Diary" group: the calendar file that Fill
 * Next Week's Diary reads each time (the calendar-file setting), shown,
 * chosen or cleared. The diary picker's "Read this calendar each time"
 * sets the same setting.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-preferences-calendar.h"

static void
update_row (GSettings   *settings,
            const char  *key,
            AdwActionRow *row)
{
  g_autofree char *value = g_settings_get_string (settings, "calendar-file");
  GtkWidget *clear = g_object_get_data (G_OBJECT (row), "bulletin-clear");

  if (*value == '\0')
    {
      adw_action_row_set_subtitle (row, _("None: a calendar is chosen each time"));
      gtk_widget_set_sensitive (clear, FALSE);
      return;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (value);
    g_autofree char *name = g_file_get_parse_name (file);
    /* the subtitle is markup */
    g_autofree char *escaped = g_markup_escape_text (name, -1);

    adw_action_row_set_subtitle (row, escaped);
    gtk_widget_set_sensitive (clear, TRUE);
  }
}

static void
clear_clicked_cb (GtkButton *button,
                  GSettings *settings)
{
  g_settings_reset (settings, "calendar-file");
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GSettings       *settings)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autofree char *uri = file != NULL && path == NULL ? g_file_get_uri (file) : NULL;

      if (path != NULL || uri != NULL)
        g_settings_set_string (settings, "calendar-file", path != NULL ? path : uri);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (settings);
}

static void
choose_clicked_cb (GtkButton *button,
                   GSettings *settings)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  g_autoptr(GtkFileFilter) calendars = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Calendar"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (calendars, _("Calendars (.ics)"));
  gtk_file_filter_add_pattern (calendars, "*.ics");
  gtk_file_filter_add_pattern (calendars, "*.ICS");
  gtk_file_filter_add_mime_type (calendars, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), calendars);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (settings));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * bulletin_preferences_calendar_group_new:
 * @settings: Bulletin's settings
 *
 * Returns: (transfer floating): the group, for a preferences page
 */
GtkWidget *
bulletin_preferences_calendar_group_new (GSettings *settings)
{
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *choose;
  GtkWidget *clear;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Next Week’s Diary"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Fill Next Week’s Diary reads this calendar afresh each time: "
                                           "an export from Outlook or Google as an .ics file."));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Calendar File"));
  gtk_widget_set_name (row, "calendar-file-row");

  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_object (choose, "clicked", G_CALLBACK (choose_clicked_cb), settings, 0);
  bulletin_accessibility_name_button (choose);

  clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_name (clear, "calendar-file-clear");
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (clear, _("Choose a calendar each time instead"));
  bulletin_accessibility_name_button (clear);
  gtk_widget_add_css_class (clear, "flat");
  g_signal_connect_object (clear, "clicked", G_CALLBACK (clear_clicked_cb), settings, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
  g_object_set_data (G_OBJECT (row), "bulletin-clear", clear);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  g_signal_connect_object (settings, "changed::calendar-file", G_CALLBACK (update_row), row, 0);
  update_row (settings, "calendar-file", ADW_ACTION_ROW (row));

  return group;
}
