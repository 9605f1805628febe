/* bulletin-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-preferences-window.h"

/* Who sends the update and when its week ends: the values templates and
 * exports fill in. Every row writes its GSettings key as the user types,
 * as GNOME preferences do; there is no Apply button to forget. */

struct _BulletinPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *sender_name_row;
  AdwEntryRow          *sender_role_row;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *sender_email_row;
  AdwEntryRow          *recipients_row;
  AdwComboRow          *week_ends_on_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BulletinPreferencesWindow, bulletin_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* in the order of the combo row's items */
static const char * const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static gboolean
weekday_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *day = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (g_str_equal (day, weekdays[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
weekday_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (weekdays))
    return NULL;

  return g_variant_new_string (weekdays[i]);
}

static void
bulletin_preferences_window_finalize (GObject *object)
{
  BulletinPreferencesWindow *self = (BulletinPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bulletin_preferences_window_parent_class)->finalize (object);
}

static void
bulletin_preferences_window_class_init (BulletinPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bulletin_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_role_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_email_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, recipients_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, week_ends_on_row);
}

static void
bulletin_preferences_window_init (BulletinPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "sender-name", self->sender_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sender-role", self->sender_role_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "organisation", self->organisation_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sender-email", self->sender_email_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recipients", self->recipients_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "week-ends-on", self->week_ends_on_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, weekday_get_mapping, weekday_set_mapping,
                                NULL, NULL);
}

BulletinPreferencesWindow *
bulletin_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (BULLETIN_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
