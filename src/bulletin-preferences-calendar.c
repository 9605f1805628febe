/* bulletin-preferences-calendar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences' "Next Week’s Diary" group, in its template: the calendar
 * file that Fill Next Week's Diary reads each time (the calendar-file
 * setting), shown, chosen or cleared. The diary picker's "Read this calendar each time"
 * sets the same setting.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-preferences-calendar.h"

struct _BulletinPreferencesCalendar
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *row;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (BulletinPreferencesCalendar, bulletin_preferences_calendar, ADW_TYPE_PREFERENCES_GROUP)

static void
update_row (BulletinPreferencesCalendar *self)
{
  g_autofree char *value = g_settings_get_string (self->settings, "calendar-file");

  /* nothing to clear: the clear button is insensitive */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.clear", *value != '\0');
  if (*value == '\0')
    {
      adw_action_row_set_subtitle (self->row, _("None: a calendar is chosen each time"));
      return;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (value);
    g_autofree char *name = g_file_get_parse_name (file);
    /* the subtitle is markup */
    g_autofree char *escaped = g_markup_escape_text (name, -1);

    adw_action_row_set_subtitle (self->row, escaped);
  }
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BulletinPreferencesCalendar *self = BULLETIN_PREFERENCES_CALENDAR (widget);

  g_settings_reset (self->settings, "calendar-file");
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
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BulletinPreferencesCalendar *self = BULLETIN_PREFERENCES_CALENDAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) calendars = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Calendar"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (calendars, _("Calendars (.ics)"));
  gtk_file_filter_add_pattern (calendars, "*.ics");
  gtk_file_filter_add_pattern (calendars, "*.ICS");
  gtk_file_filter_add_mime_type (calendars, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), calendars);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self->settings));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
bulletin_preferences_calendar_finalize (GObject *object)
{
  BulletinPreferencesCalendar *self = (BulletinPreferencesCalendar *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bulletin_preferences_calendar_parent_class)->finalize (object);
}

static void
bulletin_preferences_calendar_class_init (BulletinPreferencesCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bulletin_preferences_calendar_finalize;

  gtk_widget_class_install_action (widget_class, "calendar.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "calendar.clear", NULL, clear_action);
}

static void
bulletin_preferences_calendar_init (BulletinPreferencesCalendar *self)
{
  GtkWidget *choose;
  GtkWidget *clear;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Next Week’s Diary"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Fill Next Week’s Diary reads this calendar afresh each time: "
                                           "an export from Outlook or Google as an .ics file."));

  self->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row), _("Calendar File"));
  gtk_widget_set_name (GTK_WIDGET (self->row), "calendar-file-row");

  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), "calendar.choose");
  bulletin_accessibility_name_button (choose);

  clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_name (clear, "calendar-file-clear");
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (clear, _("Choose a calendar each time instead"));
  bulletin_accessibility_name_button (clear);
  gtk_widget_add_css_class (clear, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "calendar.clear");

  adw_action_row_add_suffix (self->row, choose);
  adw_action_row_add_suffix (self->row, clear);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->row));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::calendar-file", G_CALLBACK (update_row), self,
                           G_CONNECT_SWAPPED);
  update_row (self);
}

