/* bulletin-row-box.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-row-box.h"

/* The box at the top of a list row's template (bulletin-*-row.ui), which
 * names the row for screen readers.
 *
 * What takes the focus as the user moves through a GtkListView is not
 * the template's child but the row GTK puts it in, and GTK 4.8 names that
 * row nothing (gtk_list_item_set_accessible_label() is 4.12): Orca would
 * say "list item" for every draft. The template binds :accessible-label
 * to what the row shows, and the box gives it to its parent, the row,
 * whenever either changes: a row is reused for other items as the list
 * scrolls, and keeps its child. */

struct _BulletinRowBox
{
  GtkBox     parent_instance;

  char      *accessible_label;
  GPtrArray *controls;  /* described by the label (unowned) */
};

G_DEFINE_FINAL_TYPE (BulletinRowBox, bulletin_row_box, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ACCESSIBLE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
name_row (BulletinRowBox *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));
  gboolean named = self->accessible_label != NULL && *self->accessible_label != '\0';

  for (guint i = 0; i < self->controls->len; i++)
    {
      GtkAccessible *control = g_ptr_array_index (self->controls, i);

      if (named)
        gtk_accessible_update_property (control,
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->accessible_label,
                                        -1);
      else
        gtk_accessible_reset_property (control, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  if (row == NULL)
    return;

  if (named)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
parent_changed_cb (BulletinRowBox *self)
{
  name_row (self);
}

static void
bulletin_row_box_finalize (GObject *object)
{
  BulletinRowBox *self = BULLETIN_ROW_BOX (object);

  g_free (self->accessible_label);
  g_ptr_array_unref (self->controls);

  G_OBJECT_CLASS (bulletin_row_box_parent_class)->finalize (object);
}

static void
bulletin_row_box_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BulletinRowBox *self = BULLETIN_ROW_BOX (object);

  switch (prop_id)
    {
    case PROP_ACCESSIBLE_LABEL:
      g_value_set_string (value, self->accessible_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_row_box_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BulletinRowBox *self = BULLETIN_ROW_BOX (object);

  switch (prop_id)
    {
    case PROP_ACCESSIBLE_LABEL:
      bulletin_row_box_set_accessible_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_row_box_class_init (BulletinRowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_row_box_finalize;
  object_class->get_property = bulletin_row_box_get_property;
  object_class->set_property = bulletin_row_box_set_property;

  /**
   * BulletinRowBox:accessible-label:
   *
   * What a screen reader says for the list row holding the box, such as
   * "Weekly update, edited Today 09:00, 13 words".
   */
  properties[PROP_ACCESSIBLE_LABEL] =
    g_param_spec_string ("accessible-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bulletin_row_box_init (BulletinRowBox *self)
{
  self->controls = g_ptr_array_new ();
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

/**
 * bulletin_row_box_get_accessible_label: (get-property accessible-label)
 * @self: a #BulletinRowBox
 *
 * Returns: (nullable): the name given to the row holding @self
 */
const char *
bulletin_row_box_get_accessible_label (BulletinRowBox *self)
{
  g_return_val_if_fail (BULLETIN_IS_ROW_BOX (self), NULL);

  return self->accessible_label;
}

/**
 * bulletin_row_box_set_accessible_label: (set-property accessible-label)
 * @self: a #BulletinRowBox
 * @label: (nullable): what a screen reader should say for the row
 *
 * Names the list row holding @self, now and whenever @self moves to
 * another row.
 */
void
bulletin_row_box_set_accessible_label (BulletinRowBox *self,
                                       const char     *label)
{
  g_return_if_fail (BULLETIN_IS_ROW_BOX (self));

  if (g_strcmp0 (self->accessible_label, label) == 0)
    return;

  g_free (self->accessible_label);
  self->accessible_label = g_strdup (label);
  name_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCESSIBLE_LABEL]);
}

/**
 * bulletin_row_box_describe_control:
 * @control: a menu button of a row, inside a #BulletinRowBox
 *
 * Describes @control by the row's name, for screen readers: in GTK 4.8 a
 * row with a button in it gives the focus to the button rather than to
 * itself, and every row's "Draft Menu" would sound the same. The
 * description follows the row's name as the row is reused.
 */
void
bulletin_row_box_describe_control (GtkWidget *control)
{
  GtkWidget *box;
  BulletinRowBox *self;

  g_return_if_fail (GTK_IS_WIDGET (control));

  box = gtk_widget_get_ancestor (control, BULLETIN_TYPE_ROW_BOX);
  if (box == NULL)
    return;

  self = BULLETIN_ROW_BOX (box);
  /* not referenced: a control inside the box goes with it. The button
   * inside a menu button, which takes the focus, says the menu button's
   * description after its own: it is given none. */
  if (!g_ptr_array_find (self->controls, control, NULL))
    g_ptr_array_add (self->controls, control);
  name_row (self);
}
