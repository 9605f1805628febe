/* bulletin-window-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-window-private.h"

/* Where the window's parts go: the drafts sidebar at the start, the
 * library and the checks as pages of one sidebar at the end, the preview
 * folding away first when the window narrows, and the welcome in the
 * editor's place until there is text. */

static void
panel_revealed_cb (BulletinWindow *self,
                   GParamSpec     *pspec,
                   AdwFlap        *flap)
{
  GtkWidget *focus;
  GtkWidget *panel;

  if (adw_flap_get_reveal_flap (flap))
    return;

  /* A panel closed with the keyboard or its button: the writer goes back
   * to the text, not to whatever GTK finds next (the Drafts button). */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  panel = adw_flap_get_flap (flap);
  if (focus == NULL || focus == GTK_WIDGET (self->drafts_button) ||
      focus == GTK_WIDGET (self->library_button) || focus == GTK_WIDGET (self->checks_button) ||
      (panel != NULL && (focus == panel || gtk_widget_is_ancestor (focus, panel))))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/**
 * bulletin_window_watch_panel:
 * @self: a #BulletinWindow
 * @flap: the flap a side panel is in
 *
 * When the panel closes, the focus returns to the editor.
 */
void
bulletin_window_watch_panel (BulletinWindow *self,
                             AdwFlap        *flap)
{
  g_signal_connect_object (flap, "notify::reveal-flap", G_CALLBACK (panel_revealed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * bulletin_window_show_end_panel:
 * @self: a #BulletinWindow
 * @name: (nullable): "library" or "checks", or %NULL to close the sidebar
 *
 * The library and the checks share the sidebar at the end, one page at a
 * time: showing one hides the other, and the header's toggles follow.
 */
void
bulletin_window_show_end_panel (BulletinWindow *self,
                                const char     *name)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  if (self->syncing_end_sidebar)
    return;

  self->syncing_end_sidebar = TRUE;
  if (name != NULL)
    adw_view_stack_set_visible_child_name (self->end_stack, name);
  gtk_toggle_button_set_active (self->library_button, g_strcmp0 (name, "library") == 0);
  gtk_toggle_button_set_active (self->checks_button, g_strcmp0 (name, "checks") == 0);
  /* folded, the two sidebars would cover the text and each other */
  if (name != NULL && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  adw_flap_set_reveal_flap (self->end_flap, name != NULL);
  self->syncing_end_sidebar = FALSE;

  /* the page that went away had the focus (the library's search): it
   * moves to the page shown, not to nowhere */
  if (name != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || !gtk_widget_get_mapped (focus))
        gtk_widget_child_focus (adw_view_stack_get_visible_child (self->end_stack), GTK_DIR_TAB_FORWARD);
    }
}

static void
end_button_toggled_cb (BulletinWindow  *self,
                       GtkToggleButton *button)
{
  const char *name = button == self->library_button ? "library" : "checks";

  if (self->syncing_end_sidebar)
    return;

  if (gtk_toggle_button_get_active (button))
    bulletin_window_show_end_panel (self, name);
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->end_stack), name) == 0)
    /* the page shown was toggled off: the sidebar closes */
    bulletin_window_show_end_panel (self, NULL);
}

/* closed by the flap itself (a click beside it when folded, a swipe) */
static void
end_flap_revealed_cb (BulletinWindow *self,
                      GParamSpec     *pspec,
                      AdwFlap        *flap)
{
  if (self->syncing_end_sidebar)
    return;

  bulletin_window_show_end_panel (self, adw_flap_get_reveal_flap (flap)
                                  ? adw_view_stack_get_visible_child_name (self->end_stack)
                                  : NULL);
}

/* the switcher at the top of the sidebar */
static void
end_page_changed_cb (BulletinWindow *self,
                     GParamSpec     *pspec,
                     AdwViewStack   *stack)
{
  if (self->syncing_end_sidebar || !adw_flap_get_reveal_flap (self->end_flap))
    return;

  bulletin_window_show_end_panel (self, adw_view_stack_get_visible_child_name (stack));
}

static void
drafts_flap_revealed_cb (BulletinWindow *self,
                         GParamSpec     *pspec,
                         AdwFlap        *flap)
{
  if (adw_flap_get_reveal_flap (flap) && adw_flap_get_folded (flap))
    bulletin_window_show_end_panel (self, NULL);
}

/* Runs after the layout that folded or unfolded the preview, not inside
 * it: the action's sensitivity restyles widgets already allocated. */
static gboolean
layout_changed_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;

  self->layout_source = 0;
  /* folded, the preview button would do nothing the writer could see */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-preview", !self->preview_folded);

  return G_SOURCE_REMOVE;
}

static void
queue_layout_changed (BulletinWindow *self)
{
  if (self->layout_source == 0)
    self->layout_source = g_timeout_add (0, layout_changed_cb, self);
}

static BulletinWindow *
editor_area_window (GtkWidget *widget)
{
  return BULLETIN_WINDOW (gtk_widget_get_ancestor (widget, BULLETIN_TYPE_WINDOW));
}

/* The preview is the first thing to go when the window narrows: the
 * editor area asks only for the editor's width, and given less than the
 * editor and the preview need side by side, it folds the preview away
 * until there is room again. */
static void
editor_area_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  BulletinWindow *self = editor_area_window (widget);
  int editor_min = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      gtk_widget_measure (GTK_WIDGET (self->paned), orientation, -1,
                          minimum, natural, minimum_baseline, natural_baseline);
      return;
    }

  gtk_widget_measure (GTK_WIDGET (self->paned), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  gtk_widget_measure (self->editor_scroller, orientation, -1, &editor_min, NULL, NULL, NULL);
  *minimum = MIN (*minimum, editor_min);
  *natural = MAX (*natural, *minimum);
}

static void
editor_area_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  BulletinWindow *self = editor_area_window (widget);
  int editor_min = 0;
  int preview_min = 0;
  gboolean folded;

  gtk_widget_measure (self->editor_scroller, GTK_ORIENTATION_HORIZONTAL, -1,
                      &editor_min, NULL, NULL, NULL);
  /* its request, not its measure: hidden, it measures nothing */
  gtk_widget_get_size_request (GTK_WIDGET (self->preview), &preview_min, NULL);
  /* the paned's handle */
  folded = width < editor_min + MAX (preview_min, 0) + 1;

  if (folded != self->preview_folded)
    {
      self->preview_folded = folded;
      bulletin_window_sync_preview_visible (self);
      queue_layout_changed (self);
    }

  gtk_widget_allocate (GTK_WIDGET (self->paned), width, height, baseline, NULL);
}

void
bulletin_window_welcome_sync (BulletinWindow *self)
{
  gboolean welcome;

  if (!self->started && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->buffer)) > 0)
    self->started = TRUE;

  welcome = !self->started && bulletin_document_get_file (self->document) == NULL && !self->showing_damaged;
  gtk_widget_set_visible (self->welcome_page, welcome);
  gtk_widget_set_visible (self->editor_area, !welcome);
}

/* Typing on the welcome starts writing: the key goes to the editor. It
 * is caught before the focused widget sees it, so the first key is not
 * lost to a hidden view; only a Space on a welcome button the writer
 * moved to presses it. */
static gboolean
welcome_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BulletinWindow        *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_widget_get_visible (self->welcome_page) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isprint (c))
    return FALSE;

  if (c == ' ' && focus != NULL && gtk_widget_is_ancestor (focus, self->welcome_page))
    return FALSE;

  self->started = TRUE;
  bulletin_window_welcome_sync (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  return gtk_event_controller_key_forward (controller, GTK_WIDGET (self->source_view));
}

/* GTK 4.8 fails a critical when a scrolled window is unmapped (the
 * window closing) while its view still scrolls smoothly to the cursor:
 * ending the animation there first, at the view's own unmap, avoids it. */
static void
editor_unmap_cb (GtkWidget *view)
{
  GtkAdjustment *adjustments[] = {
    gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view)),
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (adjustments); i++)
    if (adjustments[i] != NULL)
      gtk_adjustment_set_value (adjustments[i], gtk_adjustment_get_value (adjustments[i]));
}

void
bulletin_window_init_layout (BulletinWindow *self)
{
  GtkEventController *keys;

  gtk_widget_set_layout_manager (self->editor_area,
                                 gtk_custom_layout_new (NULL, editor_area_measure, editor_area_allocate));

  g_signal_connect_object (self->library_button, "toggled",
                           G_CALLBACK (end_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checks_button, "toggled",
                           G_CALLBACK (end_button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_flap, "notify::reveal-flap",
                           G_CALLBACK (end_flap_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_stack, "notify::visible-child-name",
                           G_CALLBACK (end_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (drafts_flap_revealed_cb), self, G_CONNECT_SWAPPED);
  bulletin_window_watch_panel (self, self->end_flap);

  g_signal_connect (self->source_view, "unmap", G_CALLBACK (editor_unmap_cb), NULL);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (welcome_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  bulletin_window_welcome_sync (self);
}
