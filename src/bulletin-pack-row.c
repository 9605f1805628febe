/* bulletin-pack-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-accessibility.h"
#include "bulletin-pack-row.h"

/**
 * BulletinPackRow:
 *
 * One glossary pack in Preferences: its name and description, a switch
 * bound to #BulletinPackRow:active, and for an office's own pack a remove
 * button that activates `packs.remove` with the pack's id. What a switch
 * or a removal means for the settings is the group's
 * (bulletin-preferences-packs.c).
 */
struct _BulletinPackRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *remove_button;
  GtkWidget    *active_switch;

  char         *pack_id;
  gboolean      removable;
  gboolean      active;
};

G_DEFINE_FINAL_TYPE (BulletinPackRow, bulletin_pack_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PACK_ID,
  PROP_REMOVABLE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bulletin_pack_row_constructed (GObject *object)
{
  BulletinPackRow *self = (BulletinPackRow *)object;
  g_autofree char *name = g_strconcat ("pack-", self->pack_id, NULL);

  G_OBJECT_CLASS (bulletin_pack_row_parent_class)->constructed (object);

  gtk_widget_set_name (GTK_WIDGET (self), name);
  if (self->removable)
    {
      /* the action's target only here: a button with an action that wants
       * one and has none is a warning */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", self->pack_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "packs.remove");
      bulletin_accessibility_name_button (self->remove_button);
      gtk_widget_set_visible (self->remove_button, TRUE);
    }
}

static void
bulletin_pack_row_finalize (GObject *object)
{
  BulletinPackRow *self = (BulletinPackRow *)object;

  g_clear_pointer (&self->pack_id, g_free);

  G_OBJECT_CLASS (bulletin_pack_row_parent_class)->finalize (object);
}

static void
bulletin_pack_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BulletinPackRow *self = BULLETIN_PACK_ROW (object);

  switch (prop_id)
    {
    case PROP_PACK_ID:
      g_value_set_string (value, self->pack_id);
      break;

    case PROP_REMOVABLE:
      g_value_set_boolean (value, self->removable);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_pack_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BulletinPackRow *self = BULLETIN_PACK_ROW (object);

  switch (prop_id)
    {
    case PROP_PACK_ID:
      g_free (self->pack_id);
      self->pack_id = g_value_dup_string (value);
      break;

    case PROP_REMOVABLE:
      self->removable = g_value_get_boolean (value);
      break;

    case PROP_ACTIVE:
      bulletin_pack_row_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_pack_row_class_init (BulletinPackRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bulletin_pack_row_constructed;
  object_class->finalize = bulletin_pack_row_finalize;
  object_class->get_property = bulletin_pack_row_get_property;
  object_class->set_property = bulletin_pack_row_set_property;

  /**
   * BulletinPackRow:pack-id:
   *
   * The pack's id: its file's name without ".ini".
   */
  properties[PROP_PACK_ID] =
    g_param_spec_string ("pack-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BulletinPackRow:removable:
   *
   * Whether the pack is an office's own, which the row offers to remove.
   */
  properties[PROP_REMOVABLE] =
    g_param_spec_boolean ("removable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * BulletinPackRow:active:
   *
   * Whether the pack is switched on, as its switch shows.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-pack-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinPackRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinPackRow, active_switch);
}

static void
bulletin_pack_row_init (BulletinPackRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * bulletin_pack_row_new:
 * @pack_id: the pack's id
 * @name: its name, as shown
 * @description: what it holds
 * @removable: whether it is an office's own
 *
 * Returns: (transfer floating): the row, switched off
 */
GtkWidget *
bulletin_pack_row_new (const char *pack_id,
                       const char *name,
                       const char *description,
                       gboolean    removable)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  BulletinPackRow *self;

  g_return_val_if_fail (pack_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* the title and subtitle are markup */
  title = g_markup_escape_text (name, -1);
  subtitle = g_markup_escape_text (description != NULL ? description : "", -1);
  self = g_object_new (BULLETIN_TYPE_PACK_ROW,
                       "pack-id", pack_id,
                       "removable", removable,
                       "title", title,
                       "subtitle", subtitle,
                       NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return GTK_WIDGET (self);
}

/**
 * bulletin_pack_row_get_pack_id:
 * @self: a #BulletinPackRow
 *
 * Returns: see #BulletinPackRow:pack-id
 */
const char *
bulletin_pack_row_get_pack_id (BulletinPackRow *self)
{
  g_return_val_if_fail (BULLETIN_IS_PACK_ROW (self), NULL);

  return self->pack_id;
}

/**
 * bulletin_pack_row_get_active:
 * @self: a #BulletinPackRow
 *
 * Returns: see #BulletinPackRow:active
 */
gboolean
bulletin_pack_row_get_active (BulletinPackRow *self)
{
  g_return_val_if_fail (BULLETIN_IS_PACK_ROW (self), FALSE);

  return self->active;
}

/**
 * bulletin_pack_row_set_active:
 * @self: a #BulletinPackRow
 * @active: see #BulletinPackRow:active
 */
void
bulletin_pack_row_set_active (BulletinPackRow *self,
                              gboolean         active)
{
  g_return_if_fail (BULLETIN_IS_PACK_ROW (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}
