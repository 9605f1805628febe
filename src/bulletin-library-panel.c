/* bulletin-library-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "bulletin-style.h"
#include "bulletin-accessibility.h"
#include "bulletin-library.h"
#include "bulletin-settings.h"

#include "bulletin-library-panel.h"

/* The section library: reusable openings, sign-offs, recurring sections
 * and boilerplate, grouped by category. The panel lists, previews, edits
 * and reorders them; inserting into the draft is the window's job (the
 * ::insert-section signal), since only the window knows the cursor. */

struct _BulletinLibraryPanel
{
  GtkWidget        parent_instance;

  GtkBox          *box;
  GtkSearchEntry  *search_entry;
  GtkPaned        *paned;
  GtkStack        *stack;
  GtkListBox      *list;
  AdwStatusPage   *empty_page;
  GtkBox          *detail_box;
  GtkLabel        *detail_title;
  GtkButton       *insert_button;
  GtkToggleButton *edit_button;
  GtkSourceView   *detail_view;
  GtkLabel        *detail_hint;

  BulletinStore   *store;
  GSettings       *settings;
  GtkSourceBuffer *detail_buffer;
  GPtrArray       *sections;      /* BulletinSection, as shown */
  gint64           selected_id;
  gint64           editing_id;    /* 0 when not editing */
  gint64           last_insert_time;
  gint64           last_insert_id;
  char            *editing_body;  /* the text when editing began */
};

enum {
  INSERT_SECTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BulletinLibraryPanel, bulletin_library_panel, GTK_TYPE_WIDGET)

static BulletinSectionDrag *
section_drag_copy (const BulletinSectionDrag *drag)
{
  return g_memdup2 (drag, sizeof *drag);
}

G_DEFINE_BOXED_TYPE (BulletinSectionDrag, bulletin_section_drag, section_drag_copy, g_free)

static const BulletinSection *
find_shown (BulletinLibraryPanel *self,
            gint64                id,
            guint                *index)
{
  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    {
      const BulletinSection *section = self->sections->pdata[i];

      if (section->id == id)
        {
          if (index != NULL)
            *index = i;
          return section;
        }
    }

  return NULL;
}

static void
toast (BulletinLibraryPanel *self,
       AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
report_error (BulletinLibraryPanel *self,
              const char           *what,
              const GError         *error)
{
  g_autofree char *reason = bulletin_store_describe_error (error);
  g_autofree char *message = g_strdup_printf ("%s: %s", what, reason);

  g_warning ("%s", message);
  toast (self, adw_toast_new (message));
}

/* -- the list ------------------------------------------------------------ */

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  BulletinLibraryPanel *self = user_data;
  const BulletinSection *section;
  const BulletinSection *previous;
  GtkWidget *label;

  section = g_object_get_data (G_OBJECT (row), "section");
  previous = before ? g_object_get_data (G_OBJECT (before), "section") : NULL;

  if (section == NULL || (previous != NULL && g_str_equal (previous->category, section->category)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (section->category);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, previous ? 12 : 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
  (void)self;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  const BulletinSection *section = g_object_get_data (G_OBJECT (row), "section");
  BulletinSectionDrag drag = { section->id };
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int)x, (int)y);
  return gdk_content_provider_new_typed (BULLETIN_TYPE_SECTION_DRAG, &drag);
}

typedef struct
{
  BulletinLibraryPanel *self;
  gint64                section_id;
  gint64                target_id;
  gboolean              after;
} PendingMove;

static gboolean
pending_move_cb (gpointer data)
{
  PendingMove *move = data;

  bulletin_library_panel_move_next_to (move->self, move->section_id, move->target_id, move->after);
  g_object_unref (move->self);
  g_free (move);

  return G_SOURCE_REMOVE;
}

static gboolean
row_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             GtkWidget     *row)
{
  GtkWidget *panel = gtk_widget_get_ancestor (row, BULLETIN_TYPE_LIBRARY_PANEL);
  const BulletinSectionDrag *drag = g_value_get_boxed (value);
  const BulletinSection *onto = g_object_get_data (G_OBJECT (row), "section");
  PendingMove *move;

  if (panel == NULL || drag == NULL || onto == NULL || drag->section_id == onto->id)
    return FALSE;

  /* moving rebuilds the rows, so not while this one handles the drop;
   * the lower half of a row means "after it" */
  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (BULLETIN_LIBRARY_PANEL (panel));
  move->section_id = drag->section_id;
  move->target_id = onto->id;
  move->after = y > gtk_widget_get_height (row) / 2.0;
  g_idle_add_full (G_PRIORITY_DEFAULT, pending_move_cb, move, NULL);

  return TRUE;
}

static void
add_menu_item (GMenu      *menu,
               const char *label,
               const char *action,
               GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static GMenuModel *
make_row_menu (BulletinLibraryPanel  *self,
               const BulletinSection *section)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) move_known = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_auto(GStrv) categories = NULL;

  add_menu_item (first, _("_Insert"), "library.insert", g_variant_new_int64 (section->id));
  add_menu_item (first, _("_Edit"), "library.edit", g_variant_new_int64 (section->id));
  add_menu_item (first, _("_Rename…"), "library.rename", g_variant_new_int64 (section->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));

  all = self->store ? bulletin_store_list_sections (self->store, NULL, NULL) : NULL;
  categories = bulletin_library_list_categories (all);
  for (guint i = 0; categories[i] != NULL; i++)
    if (!g_str_equal (categories[i], section->category))
      add_menu_item (move_known, categories[i], "library.move",
                     g_variant_new ("(xs)", section->id, categories[i]));
  g_menu_append_section (move, NULL, G_MENU_MODEL (move_known));
  add_menu_item (move, _("_New Category…"), "library.new-category", g_variant_new_int64 (section->id));
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (move));

  add_menu_item (last, _("_Delete"), "library.delete", g_variant_new_int64 (section->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));

  return G_MENU_MODEL (menu);
}

static void
row_menu_activate_cb (GtkMenuButton        *button,
                      BulletinLibraryPanel *self)
{
  const BulletinSection *section = g_object_get_data (G_OBJECT (button), "section");
  g_autoptr(GMenuModel) menu = NULL;

  /* built on demand: the categories change as the user works */
  menu = make_row_menu (self, section);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
row_pressed_cb (GtkGestureClick *click,
                int              n_press,
                double           x,
                double           y,
                GtkWidget       *row)
{
  GtkWidget *panel = gtk_widget_get_ancestor (row, BULLETIN_TYPE_LIBRARY_PANEL);
  const BulletinSection *section = g_object_get_data (G_OBJECT (row), "section");

  if (n_press == 2 && panel != NULL && section != NULL)
    bulletin_library_panel_insert (BULLETIN_LIBRARY_PANEL (panel), section->id);
}

static GtkWidget *
make_row (BulletinLibraryPanel  *self,
          const BulletinSection *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (section->name);
  GtkWidget *menu = gtk_menu_button_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkGesture *click;
  GtkDropTarget *drop = gtk_drop_target_new (BULLETIN_TYPE_SECTION_DRAG, GDK_ACTION_MOVE);
  g_autoptr(GMenu) placeholder = g_menu_new ();

  g_object_set_data (G_OBJECT (row), "section", (gpointer)section);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* a fixed natural width: the sidebar must not change size with names */
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, section->name);
  gtk_box_append (GTK_BOX (hbox), label);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), G_MENU_MODEL (placeholder));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Section Menu"));
  bulletin_accessibility_name_button (menu);
  g_object_set_data (G_OBJECT (menu), "section", (gpointer)section);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu),
                                         (GtkMenuButtonCreatePopupFunc)row_menu_activate_cb,
                                         self, NULL);
  gtk_box_append (GTK_BOX (hbox), menu);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

  /* the drag source keeps the list's own double-click from activating */
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (row_pressed_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drop, "drop", G_CALLBACK (row_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, section->name,
                                  -1);
  return row;
}

/* -- the detail pane ------------------------------------------------------ */

static void
show_detail (BulletinLibraryPanel *self)
{
  const BulletinSection *section = find_shown (self, self->selected_id, NULL);
  g_autofree char *text = NULL;

  if (self->editing_id != 0)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->detail_box), section != NULL);
  if (section == NULL)
    {
      gtk_label_set_text (self->detail_title, _("Preview"));
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->detail_buffer), "", 0);
      return;
    }

  gtk_label_set_text (self->detail_title, section->name);
  text = bulletin_settings_expand (self->settings, section->body, NULL);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->detail_buffer), text, -1);
}

static void
finish_editing (BulletinLibraryPanel *self)
{
  g_autoptr(BulletinSection) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkTextIter start, end;
  gint64 id = self->editing_id;

  if (id == 0)
    return;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->detail_buffer), &start, &end);
  body = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->detail_buffer), &start, &end, FALSE);

  self->editing_id = 0;
  /* The cursor stays visible: GTK 4.8 keeps blinking it after the view
   * turns read-only, and its blink asserts that the cursor is visible
   * (gtktextview.c blink_cb), so hiding it here aborted the app. A
   * read-only view draws its cursor only while focused, where it helps
   * keyboard users select and copy. */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->detail_view), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->insert_button), TRUE);
  gtk_label_set_text (self->detail_hint, _("Shown as it will be inserted. Drag a section into your update, or double-click it."));
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);

  if (g_strcmp0 (body, self->editing_body) != 0 && self->store != NULL)
    {
      BulletinSection *section = (BulletinSection *)find_shown (self, id, NULL);

      if (section == NULL)
        {
          /* it went away (deleted elsewhere): keep the words as a new one */
          g_autofree char *name = bulletin_library_suggest_name (body);

          if (bulletin_store_add_section (self->store, name,
                                          bulletin_library_category_name (BULLETIN_LIBRARY_DEFAULT_CATEGORY),
                                          body, &error) == 0)
            report_error (self, _("The section could not be saved"), error);
        }
      else if (!bulletin_store_update_section (self->store, id, section->name, section->category, body, &error))
        report_error (self, _("The section could not be saved"), error);
      else
        {
          /* only the text changed: no need to rebuild the rows, which may
           * be in the middle of handling a click */
          g_free (section->body);
          section->body = g_steal_pointer (&body);
        }
    }
  g_clear_pointer (&self->editing_body, g_free);

  show_detail (self);
}

static void
begin_editing (BulletinLibraryPanel *self)
{
  const BulletinSection *section = find_shown (self, self->selected_id, NULL);
  GtkTextIter start;

  if (section == NULL || self->editing_id == section->id)
    return;

  finish_editing (self);

  self->editing_id = section->id;
  g_free (self->editing_body);
  self->editing_body = g_strdup (section->body);

  /* editing shows the placeholders themselves, not their values */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->detail_buffer), section->body, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->detail_view), TRUE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->detail_view), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->insert_button), FALSE);
  gtk_label_set_text (self->detail_hint,
                      _("Editing. Placeholders such as {{week_ending}} are filled in on insert. Changes are kept when you finish."));
  if (!gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, TRUE);

  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->detail_buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->detail_buffer), &start);
  gtk_widget_grab_focus (GTK_WIDGET (self->detail_view));
}

static void
edit_toggled_cb (BulletinLibraryPanel *self,
                 GtkToggleButton      *button)
{
  if (gtk_toggle_button_get_active (button))
    begin_editing (self);
  else
    finish_editing (self);
}

/* -- signals from the template -------------------------------------------- */

static void
search_changed_cb (BulletinLibraryPanel *self)
{
  bulletin_library_panel_refresh (self);
}

static void
search_activate_cb (BulletinLibraryPanel *self)
{
  gint64 id = self->selected_id;

  if (find_shown (self, id, NULL) == NULL && self->sections != NULL && self->sections->len > 0)
    id = ((BulletinSection *)self->sections->pdata[0])->id;
  if (id != 0)
    bulletin_library_panel_insert (self, id);
}

static void
row_activated_cb (BulletinLibraryPanel *self,
                  GtkListBoxRow        *row)
{
  const BulletinSection *section = g_object_get_data (G_OBJECT (row), "section");

  if (section != NULL)
    bulletin_library_panel_insert (self, section->id);
}

static void
row_selected_cb (BulletinLibraryPanel *self,
                 GtkListBoxRow        *row)
{
  const BulletinSection *section = row ? g_object_get_data (G_OBJECT (row), "section") : NULL;

  if (section == NULL)
    return;

  if (self->editing_id != 0 && self->editing_id != section->id)
    finish_editing (self);

  self->selected_id = section->id;
  show_detail (self);
}

static void
insert_clicked_cb (BulletinLibraryPanel *self)
{
  if (self->selected_id != 0)
    bulletin_library_panel_insert (self, self->selected_id);
}

/* -- row actions ---------------------------------------------------------- */

static void
insert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  bulletin_library_panel_insert (BULLETIN_LIBRARY_PANEL (widget), g_variant_get_int64 (param));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (widget);

  if (bulletin_library_panel_select_id (self, g_variant_get_int64 (param)))
    bulletin_library_panel_set_editing (self, TRUE);
}

static GtkWidget *
ask_for_name (BulletinLibraryPanel *self,
              const char           *heading,
              const char           *body,
              const char           *initial,
              const char           *response_label)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  return dialog;
}

static void
rename_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    BulletinLibraryPanel *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "section-id");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const BulletinSection *section = find_shown (self, id, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok") || section == NULL || *name == '\0' || self->store == NULL)
    return;

  finish_editing (self);
  section = find_shown (self, id, NULL);
  if (section == NULL)
    return;

  if (!bulletin_store_update_section (self->store, id, name, section->category, section->body, &error))
    report_error (self, _("The section could not be renamed"), error);
  bulletin_library_panel_refresh (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (widget);
  gint64 id = g_variant_get_int64 (param);
  const BulletinSection *section = find_shown (self, id, NULL);
  GtkWidget *dialog;

  if (section == NULL)
    return;

  dialog = ask_for_name (self, _("Rename Section"), NULL, section->name, _("_Rename"));
  g_object_set_data_full (G_OBJECT (dialog), "section-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gint64 id;
  const char *category;

  g_variant_get (param, "(x&s)", &id, &category);
  bulletin_library_panel_recategorise (BULLETIN_LIBRARY_PANEL (widget), id, category);
}

static void
new_category_response_cb (AdwMessageDialog     *dialog,
                          const char           *response,
                          BulletinLibraryPanel *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "section-id");
  g_autofree char *category = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "ok") && *category != '\0')
    bulletin_library_panel_recategorise (self, id, category);
}

static void
new_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (widget);
  gint64 id = g_variant_get_int64 (param);
  GtkWidget *dialog;

  dialog = ask_for_name (self, _("New Category"), _("The section moves to the new category."), NULL, _("_Move"));
  g_object_set_data_full (G_OBJECT (dialog), "section-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_category_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  bulletin_library_panel_delete (BULLETIN_LIBRARY_PANEL (widget), g_variant_get_int64 (param));
}

static void
new_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  bulletin_library_panel_ask_new_section (BULLETIN_LIBRARY_PANEL (widget), "");
}

/* -- adding a section ----------------------------------------------------- */

static void
new_section_response_cb (AdwMessageDialog     *dialog,
                         const char           *response,
                         BulletinLibraryPanel *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkComboBoxText *combo = g_object_get_data (G_OBJECT (dialog), "category");
  const char *body = g_object_get_data (G_OBJECT (dialog), "body");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *category = g_strstrip (gtk_combo_box_text_get_active_text (combo));
  g_autofree char *unique = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *done;
  gint64 id;

  if (!g_str_equal (response, "ok") || self->store == NULL)
    return;

  if (*name == '\0')
    {
      g_free (name);
      name = bulletin_library_suggest_name (body);
    }
  if (category == NULL || *category == '\0')
    {
      g_free (category);
      category = g_strdup (bulletin_library_category_name (BULLETIN_LIBRARY_DEFAULT_CATEGORY));
    }

  /* names are unique, ignoring case: never refuse the user's text for it */
  unique = g_strdup (name);
  for (guint n = 2; ; n++)
    {
      g_autoptr(BulletinSection) existing = bulletin_store_find_section (self->store, unique, NULL);

      if (existing == NULL)
        break;
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", name, n);
    }

  id = bulletin_store_add_section (self->store, unique, category, body, &error);
  if (id == 0)
    {
      report_error (self, _("The section could not be added"), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, id);
  if (*body == '\0')
    bulletin_library_panel_set_editing (self, TRUE);

  /* Translators: the first %s is a section's name, the second its category */
  message = g_strdup_printf (_("“%s” added to %s"), unique, category);
  done = adw_toast_new (message);
  adw_toast_set_timeout (done, 4);
  toast (self, done);
}

/**
 * bulletin_library_panel_ask_new_section:
 * @self: a #BulletinLibraryPanel
 * @body: the new section's Markdown (may be empty)
 *
 * Asks for a name and a category, then adds the section and selects it.
 */
void
bulletin_library_panel_ask_new_section (BulletinLibraryPanel *self,
                                        const char           *body)
{
  g_autoptr(GPtrArray) all = NULL;
  g_auto(GStrv) categories = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkWidget *combo;
  GtkWidget *label;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));
  g_return_if_fail (body != NULL);

  name = *body ? bulletin_library_suggest_name (body) : NULL;
  dialog = ask_for_name (self,
                         *body ? _("Add Selection to Library") : _("New Section"),
                         *body ? _("Keep this text as a section you can insert into any update.") : NULL,
                         name, _("_Add"));
  g_object_set_data_full (G_OBJECT (dialog), "body", g_strdup (body), g_free);

  all = self->store ? bulletin_store_list_sections (self->store, NULL, NULL) : NULL;
  categories = bulletin_library_list_categories (all);
  combo = gtk_combo_box_text_new_with_entry ();
  for (guint i = 0, row = 0; categories[i] != NULL; i++)
    if (bulletin_library_category_rank (categories[i]) != 0)
      {
        gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (combo), categories[i]);
        if (bulletin_library_category_rank (categories[i])
            == bulletin_library_category_rank (BULLETIN_LIBRARY_DEFAULT_CATEGORY))
          gtk_combo_box_set_active (GTK_COMBO_BOX (combo), row);
        row++;
      }
  g_object_set_data (G_OBJECT (dialog), "category", combo);

  /* the name entry made by ask_for_name() moves into a labelled grid */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  {
    GtkWidget *entry = g_object_get_data (G_OBJECT (dialog), "entry");

    g_object_ref (entry);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
    gtk_widget_set_hexpand (entry, TRUE);
    gtk_grid_attach (GTK_GRID (grid), entry, 1, 0, 1, 1);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
    g_object_unref (entry);
  }
  label = gtk_label_new_with_mnemonic (_("C_ategory"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), combo, 1, 1, 1, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), combo);

  g_signal_connect_object (dialog, "response", G_CALLBACK (new_section_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- GObject ------------------------------------------------------------ */

static void
bulletin_library_panel_dispose (GObject *object)
{
  BulletinLibraryPanel *self = (BulletinLibraryPanel *)object;

  finish_editing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_LIBRARY_PANEL);

  G_OBJECT_CLASS (bulletin_library_panel_parent_class)->dispose (object);
}

static void
bulletin_library_panel_finalize (GObject *object)
{
  BulletinLibraryPanel *self = (BulletinLibraryPanel *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->detail_buffer);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->editing_body, g_free);

  G_OBJECT_CLASS (bulletin_library_panel_parent_class)->finalize (object);
}

static void
bulletin_library_panel_class_init (BulletinLibraryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_library_panel_dispose;
  object_class->finalize = bulletin_library_panel_finalize;

  /**
   * BulletinLibraryPanel::insert-section:
   * @section_id: the section
   * @body: its Markdown, placeholders not yet filled in
   */
  signals[INSERT_SECTION] =
    g_signal_new ("insert-section", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-library-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, box);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, paned);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, list);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, detail_box);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, detail_title);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, insert_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, edit_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, detail_view);
  gtk_widget_class_bind_template_child (widget_class, BulletinLibraryPanel, detail_hint);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, insert_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);

  gtk_widget_class_install_action (widget_class, "library.insert", "x", insert_action);
  gtk_widget_class_install_action (widget_class, "library.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "library.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "library.move", "(xs)", move_action);
  gtk_widget_class_install_action (widget_class, "library.new-category", "x", new_category_action);
  gtk_widget_class_install_action (widget_class, "library.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "library.new-section", NULL, new_section_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "librarypanel");
}

static void
bulletin_library_panel_init (BulletinLibraryPanel *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->detail_buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->detail_view), GTK_TEXT_BUFFER (self->detail_buffer));
  bulletin_style_follow_dark (self->detail_buffer);
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_paned_set_position (self->paned, 330);

  /* the preview follows the preferences its placeholders come from */
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (show_detail), self, G_CONNECT_SWAPPED);
}

/* -- public API ----------------------------------------------------------- */

void
bulletin_library_panel_set_store (BulletinLibraryPanel *self,
                                  BulletinStore        *store)
{
  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  if (g_set_object (&self->store, store))
    bulletin_library_panel_refresh (self);
}

/**
 * bulletin_library_panel_refresh:
 * @self: a #BulletinLibraryPanel
 *
 * Reads the library again, with the current search. A library is tens
 * of sections, read in well under a millisecond, so this runs in place.
 */
void
bulletin_library_panel_refresh (BulletinLibraryPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *search;
  GtkWidget *child;
  guint index;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  if (self->editing_id != 0)
    return;

  gtk_list_box_unselect_all (self->list);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (self->store != NULL)
    {
      self->sections = bulletin_store_list_sections (self->store, *search ? search : NULL, &error);
      if (self->sections == NULL)
        g_warning ("Could not list the section library: %s", error->message);
    }
  if (self->sections == NULL)
    self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_section_free);
  bulletin_library_sort (self->sections);

  for (guint i = 0; i < self->sections->len; i++)
    gtk_list_box_append (self->list, make_row (self, self->sections->pdata[i]));

  if (self->sections->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      adw_status_page_set_title (self->empty_page, *search ? _("No Results") : _("No Sections"));
      adw_status_page_set_description (self->empty_page,
                                       *search ? _("No section contains these words.")
                                               : _("Select text in your update and choose “Add Selection to Library” to keep it here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  if (find_shown (self, self->selected_id, &index) != NULL)
    bulletin_library_panel_select (self, index);
  else if (*search != '\0' && self->sections->len > 0)
    {
      /* the best match is previewed, and Enter inserts it */
      bulletin_library_panel_select (self, 0);
    }
  else
    {
      self->selected_id = 0;
      show_detail (self);
    }
}

void
bulletin_library_panel_set_search (BulletinLibraryPanel *self,
                                   const char           *search)
{
  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
  bulletin_library_panel_refresh (self);
}

void
bulletin_library_panel_focus_search (BulletinLibraryPanel *self)
{
  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
bulletin_library_panel_get_n_sections (BulletinLibraryPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), 0);

  return self->sections ? self->sections->len : 0;
}

/**
 * bulletin_library_panel_get_section:
 * @self: a #BulletinLibraryPanel
 * @index: a row, counted from the top
 *
 * Returns: (transfer none): the section shown in that row
 */
const BulletinSection *
bulletin_library_panel_get_section (BulletinLibraryPanel *self,
                                    guint                 index)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), NULL);
  g_return_val_if_fail (self->sections != NULL && index < self->sections->len, NULL);

  return self->sections->pdata[index];
}

void
bulletin_library_panel_select (BulletinLibraryPanel *self,
                               guint                 index)
{
  GtkListBoxRow *row;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  row = gtk_list_box_get_row_at_index (self->list, index);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list, row);
      self->selected_id = ((BulletinSection *)self->sections->pdata[index])->id;
      show_detail (self);
    }
}

/**
 * bulletin_library_panel_activate_row:
 * @self: a #BulletinLibraryPanel
 * @index: a row, counted from the top
 *
 * Does what Enter or a double-click on that row does: inserts it.
 */
void
bulletin_library_panel_activate_row (BulletinLibraryPanel *self,
                                     guint                 index)
{
  GtkListBoxRow *row;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  row = gtk_list_box_get_row_at_index (self->list, index);
  if (row != NULL)
    gtk_widget_activate (GTK_WIDGET (row));
}

gboolean
bulletin_library_panel_select_id (BulletinLibraryPanel *self,
                                  gint64                section_id)
{
  guint index;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), FALSE);

  if (find_shown (self, section_id, &index) == NULL)
    return FALSE;

  bulletin_library_panel_select (self, index);
  return TRUE;
}

gint64
bulletin_library_panel_get_selected_id (BulletinLibraryPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), 0);

  return self->selected_id;
}

/**
 * bulletin_library_panel_dup_preview_text:
 * @self: a #BulletinLibraryPanel
 *
 * Returns: (transfer full): what the detail pane shows
 */
char *
bulletin_library_panel_dup_preview_text (BulletinLibraryPanel *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->detail_buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->detail_buffer), &start, &end, FALSE);
}

/**
 * bulletin_library_panel_insert:
 * @self: a #BulletinLibraryPanel
 * @section_id: a section of the library
 *
 * Emits #BulletinLibraryPanel::insert-section with the section's text.
 */
void
bulletin_library_panel_insert (BulletinLibraryPanel *self,
                               gint64                section_id)
{
  const BulletinSection *section;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  finish_editing (self);
  section = find_shown (self, section_id, NULL);
  if (section == NULL)
    return;

  /* a double-click must insert once, whichever handler saw it first */
  if (section_id == self->last_insert_id &&
      g_get_monotonic_time () - self->last_insert_time < 300 * G_TIME_SPAN_MILLISECOND)
    return;
  self->last_insert_id = section_id;
  self->last_insert_time = g_get_monotonic_time ();

  g_signal_emit (self, signals[INSERT_SECTION], 0, section->id, section->body);
}

/**
 * bulletin_library_panel_move_next_to:
 * @self: a #BulletinLibraryPanel
 * @section_id: the section being moved
 * @target_id: the section it was dropped on
 * @after: whether it goes after @target_id rather than before
 *
 * Moves a section next to another, into that one's category: what a drop
 * onto a row does.
 *
 * Returns: %TRUE if it moved
 */
gboolean
bulletin_library_panel_move_next_to (BulletinLibraryPanel *self,
                                     gint64                section_id,
                                     gint64                target_id,
                                     gboolean              after)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  int position = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), FALSE);

  if (self->store == NULL || section_id == target_id)
    return FALSE;

  finish_editing (self);

  /* positions count in the whole category, not just the search results */
  all = bulletin_store_list_sections (self->store, NULL, &error);
  if (all == NULL)
    {
      report_error (self, _("The section could not be moved"), error);
      return FALSE;
    }
  bulletin_library_sort (all);

  for (guint i = 0; i < all->len && !found; i++)
    {
      const BulletinSection *section = all->pdata[i];

      if (section->id == target_id)
        {
          category = g_strdup (section->category);
          found = TRUE;
        }
    }
  if (!found)
    return FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      const BulletinSection *section = all->pdata[i];

      if (section->id == section_id || !g_str_equal (section->category, category))
        continue;
      if (section->id == target_id)
        {
          position += after ? 1 : 0;
          break;
        }
      position++;
    }

  if (!bulletin_store_move_section (self->store, section_id, category, position, &error))
    {
      report_error (self, _("The section could not be moved"), error);
      return FALSE;
    }

  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, section_id);
  return TRUE;
}

/**
 * bulletin_library_panel_recategorise:
 * @self: a #BulletinLibraryPanel
 * @section_id: a section
 * @category: its new category (a new one is created by using it)
 *
 * Returns: %TRUE if it moved; it goes to the end of @category
 */
gboolean
bulletin_library_panel_recategorise (BulletinLibraryPanel *self,
                                     gint64                section_id,
                                     const char           *category)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), FALSE);
  g_return_val_if_fail (category != NULL && *category != '\0', FALSE);

  if (self->store == NULL)
    return FALSE;

  finish_editing (self);
  if (!bulletin_store_move_section (self->store, section_id, category, G_MAXINT, &error))
    {
      report_error (self, _("The section could not be moved"), error);
      return FALSE;
    }

  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, section_id);
  return TRUE;
}

static void
undo_delete_cb (AdwToast             *undo,
                BulletinLibraryPanel *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (undo), "section-id");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!bulletin_store_delete_section (self->store, id, FALSE, &error))
    report_error (self, _("The section could not be restored"), error);
  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, id);
}

/**
 * bulletin_library_panel_delete:
 * @self: a #BulletinLibraryPanel
 * @section_id: a section
 *
 * Deletes a section and offers to undo it in a toast.
 *
 * Returns: %TRUE if it was deleted
 */
gboolean
bulletin_library_panel_delete (BulletinLibraryPanel *self,
                               gint64                section_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const BulletinSection *section;
  AdwToast *undo;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  if (self->editing_id == section_id)
    {
      /* what was typed is kept in the section's history */
      finish_editing (self);
    }
  section = find_shown (self, section_id, NULL);
  if (section == NULL)
    return FALSE;

  message = g_strdup_printf (_("“%s” deleted"), section->name);
  if (!bulletin_store_delete_section (self->store, section_id, TRUE, &error))
    {
      report_error (self, _("The section could not be deleted"), error);
      return FALSE;
    }

  bulletin_library_panel_refresh (self);

  undo = adw_toast_new (message);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (undo), "section-id", g_memdup2 (&section_id, sizeof section_id), g_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  toast (self, undo);

  return TRUE;
}

void
bulletin_library_panel_set_editing (BulletinLibraryPanel *self,
                                    gboolean              editing)
{
  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  if (editing)
    begin_editing (self);
  else
    finish_editing (self);
}

/**
 * bulletin_library_panel_get_edit_buffer:
 * @self: a #BulletinLibraryPanel
 *
 * Returns: (transfer none): the detail pane's buffer
 */
GtkTextBuffer *
bulletin_library_panel_get_edit_buffer (BulletinLibraryPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), NULL);

  return GTK_TEXT_BUFFER (self->detail_buffer);
}
