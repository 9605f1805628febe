/* bulletin-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-glossary-dialog.h"
#include "bulletin-preferences-calendar.h"
#include "bulletin-preferences-packs.h"
#include "bulletin-spell.h"

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
  GtkWidget            *sender_email_error_icon;
  AdwEntryRow          *recipients_row;
  GtkWidget            *recipients_error_icon;
  AdwPreferencesGroup  *language_group;
  AdwEntryRow          *document_language_row;
  AdwComboRow          *week_ends_on_row;
  GtkSwitch            *check_acronyms_switch;
  GtkSwitch            *check_links_switch;
  GtkSwitch            *check_leftovers_switch;
  GtkSwitch            *check_structure_switch;
  GtkSwitch            *check_dates_switch;
  GtkSwitch            *check_spelling_switch;
  AdwComboRow          *spelling_language_row;
  AdwPreferencesGroup  *glossary_group;
  AdwPreferencesGroup  *dictionary_group;

  GSettings            *settings;
  BulletinStore        *store;
  GPtrArray            *glossary_rows;
  GPtrArray            *dictionary_rows;
  char                **languages;
  char                 *session_language;
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

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  BulletinPreferencesWindow *self = user_data;
  g_autoptr(GVariant) chosen = g_settings_get_user_value (self->settings, "spelling-language");
  const char *language = g_variant_get_string (variant, NULL);

  /* never chosen: the one the checks use, which may be the session's */
  if (chosen == NULL && self->session_language != NULL)
    language = self->session_language;

  for (guint i = 0; self->languages[i] != NULL; i++)
    if (g_str_equal (language, self->languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  BulletinPreferencesWindow *self = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length (self->languages))
    return NULL;
  return g_variant_new_string (self->languages[i]);
}

/* "en_GB" means little to most people; the usual English ones, and
 * those of the shipped translations, get names */
static const char *
language_name (const char *code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "de_AT", N_("German (Austria)") },
    { "de_CH", N_("German (Switzerland)") },
    { "de_DE", N_("German (Germany)") },
    { "en_AU", N_("English (Australia)") },
    { "en_CA", N_("English (Canada)") },
    { "en_GB", N_("English (United Kingdom)") },
    { "en_IE", N_("English (Ireland)") },
    { "en_NZ", N_("English (New Zealand)") },
    { "en_US", N_("English (United States)") },
    { "en_ZA", N_("English (South Africa)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (code, names[i].code))
      return _(names[i].name);
  return code;
}

static void
setup_languages (BulletinPreferencesWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = bulletin_spell_choose_language (self->settings);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) installed = bulletin_spell_list_languages ();

  /* the chosen language stays listed even when its dictionary is gone,
   * so the row does not silently show another one */
  g_strv_builder_addv (builder, (const char **)installed);
  if (!g_strv_contains ((const char * const *)installed, current))
    g_strv_builder_add (builder, current);
  self->languages = g_strv_builder_end (builder);
  g_free (self->session_language);
  self->session_language = g_strdup (current);

  for (guint i = 0; self->languages[i] != NULL; i++)
    gtk_string_list_append (model, language_name (self->languages[i]));
  adw_combo_row_set_model (self->spelling_language_row, G_LIST_MODEL (model));
  g_settings_bind_with_mapping (self->settings, "spelling-language", self->spelling_language_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping, self, NULL);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

/* The rows' buttons name their entry or word in their action's target:
 * the rows are rebuilt whenever the glossary or the dictionary changes. */
static void
edit_glossary_entry_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BulletinPreferencesWindow *self = BULLETIN_PREFERENCES_WINDOW (widget);
  const char *acronym = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  BulletinGlossaryEntry *entry;

  if (self->store == NULL)
    return;
  entry = bulletin_store_glossary_lookup (self->store, acronym, &error);
  if (entry == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read %s from the glossary: %s", acronym, error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (bulletin_glossary_dialog_new (GTK_WINDOW (self), self->store,
                                                                entry->acronym, entry->expansion,
                                                                entry->well_known)));
  bulletin_glossary_entry_free (entry);
}

static void
remove_glossary_entry_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BulletinPreferencesWindow *self = BULLETIN_PREFERENCES_WINDOW (widget);
  const char *acronym = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !bulletin_store_glossary_remove (self->store, acronym, &error))
    g_warning ("Could not remove %s from the glossary: %s", acronym, error->message);
}

static void
remove_word_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BulletinPreferencesWindow *self = BULLETIN_PREFERENCES_WINDOW (widget);
  const char *word = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !bulletin_store_dictionary_remove (self->store, word, &error))
    g_warning ("Could not remove %s from the dictionary: %s", word, error->message);
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, tooltip);
  bulletin_accessibility_name_button (button);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
fill_glossary (BulletinPreferencesWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->glossary_group, self->glossary_rows);
  entries = bulletin_store_glossary_list (self->store, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the glossary: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      BulletinGlossaryEntry *entry = entries->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = row_button ("document-edit-symbolic", _("Change"),
                                    "prefs.edit-glossary-entry", entry->acronym);
      GtkWidget *remove = row_button ("user-trash-symbolic", _("Remove"),
                                      "prefs.remove-glossary-entry", entry->acronym);
      g_autofree char *escaped = g_markup_escape_text (entry->acronym, -1);
      g_autofree char *subtitle = NULL;

      if (entry->well_known)
        /* TRANSLATORS: a glossary entry readers know, e.g. "National Health Service · well known" */
        subtitle = g_strdup_printf (_("%s · well known"), entry->expansion);
      else
        subtitle = g_strdup (entry->expansion);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->glossary_group, row);
      g_ptr_array_add (self->glossary_rows, row);
    }
}

static void
fill_dictionary (BulletinPreferencesWindow *self)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->dictionary_group, self->dictionary_rows);
  words = bulletin_store_dictionary_list (self->store, &error);
  if (words == NULL)
    {
      g_warning ("Could not read the personal dictionary: %s", error->message);
      return;
    }

  if (words[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No words yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->dictionary_group, row);
      g_ptr_array_add (self->dictionary_rows, row);
    }

  for (guint i = 0; words[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = row_button ("user-trash-symbolic", _("Remove"), "prefs.remove-word", words[i]);
      g_autofree char *escaped = g_markup_escape_text (words[i], -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->dictionary_group, row);
      g_ptr_array_add (self->dictionary_rows, row);
    }
}

static void
add_glossary_entry_cb (BulletinPreferencesWindow *self)
{
  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (bulletin_glossary_dialog_new (GTK_WINDOW (self), self->store,
                                                                  NULL, NULL, FALSE)));
}

static void
bulletin_preferences_window_finalize (GObject *object)
{
  BulletinPreferencesWindow *self = (BulletinPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->glossary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->dictionary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->session_language, g_free);

  G_OBJECT_CLASS (bulletin_preferences_window_parent_class)->finalize (object);
}

static void
bulletin_preferences_window_class_init (BulletinPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bulletin_preferences_window_finalize;

  /* groups of the template's own */
  g_type_ensure (BULLETIN_TYPE_PREFERENCES_CALENDAR);
  g_type_ensure (BULLETIN_TYPE_PREFERENCES_PACKS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_role_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_email_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, sender_email_error_icon);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, recipients_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, recipients_error_icon);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, language_group);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, document_language_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, week_ends_on_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_acronyms_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_links_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_leftovers_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_structure_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_dates_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, check_spelling_switch);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, spelling_language_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, glossary_group);
  gtk_widget_class_bind_template_child (widget_class, BulletinPreferencesWindow, dictionary_group);
  gtk_widget_class_bind_template_callback (widget_class, add_glossary_entry_cb);

  gtk_widget_class_install_action (widget_class, "prefs.edit-glossary-entry", "s", edit_glossary_entry_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-glossary-entry", "s", remove_glossary_entry_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-word", "s", remove_word_action);
}

/* the warning sign each address row shows beside what is wrong */
static GtkWidget *
error_icon (BulletinPreferencesWindow *self,
            AdwEntryRow               *row)
{
  g_assert (row == self->sender_email_row || row == self->recipients_row);

  return row == self->sender_email_row ? self->sender_email_error_icon : self->recipients_error_icon;
}

/* An address that is not one is named as it is typed, not when the
 * .eml export refuses it on Friday afternoon. */
static void
address_row_changed_cb (AdwEntryRow               *row,
                        BulletinPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *icon = error_icon (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean valid;

  valid = *text == '\0' || bulletin_eml_check_addresses (text, NULL, &error);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (icon, !valid);
  gtk_widget_set_tooltip_text (icon, valid ? NULL : error->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, valid ? "" : error->message,
                                  -1);
}

static void
watch_addresses (BulletinPreferencesWindow *self,
                 AdwEntryRow               *row)
{
  g_signal_connect_object (row, "changed", G_CALLBACK (address_row_changed_cb), self, 0);
  address_row_changed_cb (row, self);
}

/* A tag that is not one is shown as wrong, and the exports use the
 * system's language meanwhile (bulletin_export_resolve_language()) */
static void
language_row_changed_cb (AdwEntryRow               *row,
                         BulletinPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean valid;

  g_strdelimit (text, "_", '-');
  valid = *text == '\0' || bulletin_export_language_is_valid (text);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  valid ? "" : _("Not a language tag: the system’s language is used"),
                                  -1);
}

static void
setup_document_language (BulletinPreferencesWindow *self)
{
  g_autofree char *system = bulletin_export_document_language ();
  g_autofree char *description = NULL;

  /* Translators: %s is a language tag such as "en-GB" */
  description = g_strdup_printf (_("What the exports and the preview say the update is written in, "
                                   "for screen readers and spelling in mail clients. Arabic, Hebrew, "
                                   "Persian, Urdu and other languages written right to left turn the "
                                   "whole message. Empty: the system’s, %s."),
                                 system);
  adw_preferences_group_set_description (self->language_group, description);
  g_settings_bind (self->settings, "document-language", self->document_language_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->document_language_row, "changed",
                           G_CALLBACK (language_row_changed_cb), self, 0);
  language_row_changed_cb (self->document_language_row, self);
}

/**
 * bulletin_preferences_window_get_address_error:
 * @self: a #BulletinPreferencesWindow
 * @key: "sender-email" or "recipients"
 *
 * Returns: (nullable): what is wrong with the addresses in that row, as
 *   the row shows it, or %NULL when they are fine
 */
const char *
bulletin_preferences_window_get_address_error (BulletinPreferencesWindow *self,
                                               const char                *key)
{
  AdwEntryRow *row;
  GtkWidget *icon;

  g_return_val_if_fail (BULLETIN_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = g_str_equal (key, "sender-email") ? self->sender_email_row : self->recipients_row;
  icon = error_icon (self, row);
  return gtk_widget_get_visible (icon) ? gtk_widget_get_tooltip_text (icon) : NULL;
}

static void
bulletin_preferences_window_init (BulletinPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bulletin_accessibility_name_buttons (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "sender-name", self->sender_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sender-role", self->sender_role_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "organisation", self->organisation_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sender-email", self->sender_email_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recipients", self->recipients_row, "text", G_SETTINGS_BIND_DEFAULT);
  watch_addresses (self, self->sender_email_row);
  watch_addresses (self, self->recipients_row);
  setup_document_language (self);
  g_settings_bind_with_mapping (self->settings, "week-ends-on", self->week_ends_on_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, weekday_get_mapping, weekday_set_mapping,
                                NULL, NULL);

  g_settings_bind (self->settings, "check-acronyms", self->check_acronyms_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-links", self->check_links_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-leftovers", self->check_leftovers_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-structure", self->check_structure_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-dates", self->check_dates_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "check-spelling", self->check_spelling_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->check_spelling_switch, "active", self->spelling_language_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  setup_languages (self);
  self->glossary_rows = g_ptr_array_new ();
  self->dictionary_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->glossary_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->dictionary_group), FALSE);
}

/**
 * bulletin_preferences_window_set_store:
 * @self: a #BulletinPreferencesWindow
 * @store: (nullable): where the glossary and the personal dictionary live
 *
 * Without a store (the database could not be opened) the glossary and
 * dictionary groups are hidden rather than shown empty.
 */
void
bulletin_preferences_window_set_store (BulletinPreferencesWindow *self,
                                       BulletinStore             *store)
{
  g_return_if_fail (BULLETIN_IS_PREFERENCES_WINDOW (self));

  if (!g_set_object (&self->store, store))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->glossary_group), store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->dictionary_group), store != NULL);
  if (store == NULL)
    return;

  g_signal_connect_object (store, "glossary-changed", G_CALLBACK (fill_glossary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "dictionary-changed", G_CALLBACK (fill_dictionary), self, G_CONNECT_SWAPPED);
  fill_glossary (self);
  fill_dictionary (self);
}

BulletinPreferencesWindow *
bulletin_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (BULLETIN_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
