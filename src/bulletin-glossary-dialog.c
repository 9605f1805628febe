/* bulletin-glossary-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-glossary-dialog.h"

/* One dialog adds or changes a glossary entry, whether it is opened from
 * a finding ("Add to the Glossary…") or from Preferences. */

struct _BulletinGlossaryDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *acronym_row;
  AdwEntryRow      *expansion_row;
  GtkSwitch        *well_known_switch;

  BulletinStore    *store;
  /* the abbreviation being changed, which a rename replaces; NULL when
   * adding one */
  char             *original;
  gboolean          editing;
};

G_DEFINE_FINAL_TYPE (BulletinGlossaryDialog, bulletin_glossary_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACRONYM,
  PROP_EXPANSION,
  PROP_WELL_KNOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_response (BulletinGlossaryDialog *self)
{
  g_autofree char *acronym = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->acronym_row))));
  g_autofree char *expansion = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->expansion_row))));

  /* an entry needs the abbreviation, and either what it stands for or
   * the word that readers know it */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           *acronym != '\0' &&
                                           (*expansion != '\0' || gtk_switch_get_active (self->well_known_switch)));
}

static void
bulletin_glossary_dialog_response (AdwMessageDialog *dialog,
                                   const char       *response)
{
  BulletinGlossaryDialog *self = BULLETIN_GLOSSARY_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *acronym = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  acronym = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->acronym_row))));
  if (!bulletin_store_glossary_set (self->store, acronym, gtk_editable_get_text (GTK_EDITABLE (self->expansion_row)),
                                    gtk_switch_get_active (self->well_known_switch), &error))
    {
      GtkWidget *alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                                 _("The Glossary Could Not Be Changed"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }

  /* renaming an entry replaces it */
  if (self->original != NULL && g_strcmp0 (acronym, self->original) != 0)
    bulletin_store_glossary_remove (self->store, self->original, NULL);
}

static void
bulletin_glossary_dialog_constructed (GObject *object)
{
  BulletinGlossaryDialog *self = (BulletinGlossaryDialog *)object;
  const char *acronym = gtk_editable_get_text (GTK_EDITABLE (self->acronym_row));

  G_OBJECT_CLASS (bulletin_glossary_dialog_parent_class)->constructed (object);

  if (!self->editing)
    g_clear_pointer (&self->original, g_free);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  self->editing ? _("Change Glossary Entry") : _("Add to Glossary"));
  update_response (self);

  /* the abbreviation is usually known already: start on its meaning */
  gtk_window_set_focus (GTK_WINDOW (self),
                        GTK_WIDGET (*acronym != '\0' ? self->expansion_row : self->acronym_row));
}

static void
bulletin_glossary_dialog_finalize (GObject *object)
{
  BulletinGlossaryDialog *self = (BulletinGlossaryDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->original, g_free);

  G_OBJECT_CLASS (bulletin_glossary_dialog_parent_class)->finalize (object);
}

static void
bulletin_glossary_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  BulletinGlossaryDialog *self = BULLETIN_GLOSSARY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_glossary_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  BulletinGlossaryDialog *self = BULLETIN_GLOSSARY_DIALOG (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ACRONYM:
      text = g_value_get_string (value);
      g_free (self->original);
      self->original = g_strdup (text);
      gtk_editable_set_text (GTK_EDITABLE (self->acronym_row), text != NULL ? text : "");
      break;

    case PROP_EXPANSION:
      text = g_value_get_string (value);
      /* an entry that has a meaning already is being changed */
      self->editing |= text != NULL;
      gtk_editable_set_text (GTK_EDITABLE (self->expansion_row), text != NULL ? text : "");
      break;

    case PROP_WELL_KNOWN:
      self->editing |= g_value_get_boolean (value);
      gtk_switch_set_active (self->well_known_switch, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_glossary_dialog_class_init (BulletinGlossaryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);
  GParamFlags construct = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bulletin_glossary_dialog_constructed;
  object_class->finalize = bulletin_glossary_dialog_finalize;
  object_class->get_property = bulletin_glossary_dialog_get_property;
  object_class->set_property = bulletin_glossary_dialog_set_property;
  dialog_class->response = bulletin_glossary_dialog_response;

  /**
   * BulletinGlossaryDialog:store:
   *
   * Where the glossary lives.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BulletinGlossaryDialog:acronym:
   *
   * The abbreviation the dialog opens with.
   */
  properties[PROP_ACRONYM] = g_param_spec_string ("acronym", NULL, NULL, NULL, construct);
  /**
   * BulletinGlossaryDialog:expansion:
   *
   * What the abbreviation stands for, when known: given one (or
   * #BulletinGlossaryDialog:well-known), the dialog changes an entry, and
   * renaming it replaces it.
   */
  properties[PROP_EXPANSION] = g_param_spec_string ("expansion", NULL, NULL, NULL, construct);
  /**
   * BulletinGlossaryDialog:well-known:
   *
   * Whether the entry opens marked well known.
   */
  properties[PROP_WELL_KNOWN] = g_param_spec_boolean ("well-known", NULL, NULL, FALSE, construct);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-glossary-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinGlossaryDialog, acronym_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinGlossaryDialog, expansion_row);
  gtk_widget_class_bind_template_child (widget_class, BulletinGlossaryDialog, well_known_switch);
  gtk_widget_class_bind_template_callback (widget_class, update_response);
}

static void
bulletin_glossary_dialog_init (BulletinGlossaryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  return g_object_new (BULLETIN_TYPE_GLOSSARY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "acronym", acronym,
                       "expansion", expansion,
                       "well-known", well_known,
                       NULL);
}
