/* bulletin-focus-regions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * F6 and Shift+F6 move the focus from one region of a window to the next
 * (GNOME's convention, as in Files or Text Editor): a keyboard user gets
 * from the editor to the preview or a sidebar in one key, not by tabbing
 * through every button on the way.
 */

#include "config.h"

#include "bulletin-focus-regions.h"

static gboolean
region_holds (GtkWidget *region,
              GtkWidget *widget)
{
  return widget != NULL && (widget == region || gtk_widget_is_ancestor (widget, region));
}

/**
 * bulletin_focus_regions_move:
 * @root: the window
 * @regions: (array length=n_regions): its regions, in the order F6 visits them
 * @n_regions: how many
 * @backwards: to the previous region (Shift+F6)
 *
 * Moves the focus into the first focusable widget of the next region that
 * is shown, after the one holding the focus (the first one when none
 * does), going round.
 *
 * Returns: whether the focus moved
 */
gboolean
bulletin_focus_regions_move (GtkRoot          *root,
                             GtkWidget * const *regions,
                             guint             n_regions,
                             gboolean          backwards)
{
  GtkWidget *focus;
  guint current = n_regions;

  g_return_val_if_fail (GTK_IS_ROOT (root), FALSE);
  g_return_val_if_fail (regions != NULL || n_regions == 0, FALSE);

  focus = gtk_root_get_focus (root);
  for (guint i = 0; i < n_regions; i++)
    if (region_holds (regions[i], focus))
      current = i;

  for (guint step = 1; step <= n_regions; step++)
    {
      guint i;
      GtkWidget *region;

      if (current == n_regions)
        i = backwards ? n_regions - step : step - 1;
      else
        i = backwards ? (current + n_regions - step) % n_regions : (current + step) % n_regions;
      region = regions[i];

      if (i == current || region == NULL || !gtk_widget_get_mapped (region) ||
          !gtk_widget_is_sensitive (region))
        continue;
      /* a focusable region takes it itself (the editor, the preview),
       * a box of widgets gives it to its first one */
      if ((gtk_widget_get_focusable (region) && gtk_widget_grab_focus (region)) ||
          gtk_widget_child_focus (region, GTK_DIR_TAB_FORWARD))
        return TRUE;
    }

  return FALSE;
}
