/* bulletin-accessibility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bulletin-accessibility.h"

/**
 * bulletin_accessibility_name_from_tooltip:
 * @tooltip: (nullable): a button's tooltip, such as "New Weekly Update (Ctrl+N)"
 *
 * Returns: (transfer full) (nullable): the name a screen reader should say,
 *   without the shortcut in brackets that the tooltip shows sighted users
 */
char *
bulletin_accessibility_name_from_tooltip (const char *tooltip)
{
  g_autofree char *name = NULL;
  char *open;

  if (tooltip == NULL)
    return NULL;

  name = g_strstrip (g_strdup (tooltip));
  open = strrchr (name, '(');
  /* "(Ctrl+N)", "(F9)": a shortcut, which has no space */
  if (open != NULL && g_str_has_suffix (open, ")") && strchr (open, ' ') == NULL)
    {
      *open = '\0';
      g_strchomp (name);
    }

  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

/* The name of an icon-only button: its tooltip, or the tooltip of the split
 * button it is a part of. */
static char *
name_for (GtkWidget *button)
{
  GtkWidget *parent = gtk_widget_get_parent (button);
  g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (button));

  if (tooltip == NULL && GTK_IS_MENU_BUTTON (parent))
    {
      button = parent;
      parent = gtk_widget_get_parent (button);
      tooltip = g_strdup (gtk_widget_get_tooltip_text (button));
    }

  while (tooltip == NULL && parent != NULL && !ADW_IS_SPLIT_BUTTON (parent))
    parent = gtk_widget_get_parent (parent);
  if (tooltip == NULL && ADW_IS_SPLIT_BUTTON (parent))
    {
      if (GTK_IS_MENU_BUTTON (button))
        {
          const char *dropdown = adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (parent));

          tooltip = g_strdup (dropdown != NULL && *dropdown ? dropdown : _("More Options"));
        }
      else
        tooltip = g_strdup (gtk_widget_get_tooltip_text (parent));
    }

  return bulletin_accessibility_name_from_tooltip (tooltip);
}

static gboolean
has_own_label (GtkWidget *widget)
{
  const char *label = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      label = gtk_button_get_label (GTK_BUTTON (widget));
      if ((label == NULL || *label == '\0') && GTK_IS_LABEL (child))
        label = gtk_label_get_text (GTK_LABEL (child));
    }

  return label != NULL && *label != '\0';
}

static void
name_one (GtkWidget *widget)
{
  g_autofree char *name = NULL;

  /* GTK 4.8 names a button with a mnemonic after its label as written and
   * then as shown ("_Open Open"): the label it shows is name enough */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (!(GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) || has_own_label (widget))
    return;
  /* the button inside a menu button says the menu button's name after its
   * own: named too, it would say it twice ("Main Menu Main Menu") */
  if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    return;

  name = name_for (widget);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

/**
 * bulletin_accessibility_name_button:
 * @button: a button or menu button showing only an icon, its tooltip set
 *
 * Names @button for screen readers after its tooltip, as
 * bulletin_accessibility_name_buttons() does for a window: for buttons
 * made after the window, such as those of list rows.
 */
void
bulletin_accessibility_name_button (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  name_one (button);
}

/**
 * bulletin_accessibility_name_buttons:
 * @root: a window, or any widget
 *
 * Gives every button under @root that shows only an icon the name of its
 * tooltip: GTK 4.8 names such a button after its class ("GtkImage",
 * "GtkMenuButton"), which is what a screen reader would say. Call it once
 * the widgets are built.
 */
void
bulletin_accessibility_name_buttons (GtkWidget *root)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_WIDGET (root));

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      name_one (widget);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
}
