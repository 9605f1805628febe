/* bulletin-library-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-library.h"
#include "bulletin-row-box.h"
#include "bulletin-sections-model.h"

#include "bulletin-library-panel-private.h"

/* The library panel's rows (bulletin-section-row.ui): each is dragged
 * into the update to insert its section, or onto another row to reorder
 * the library; a double-click inserts it, and its menu is built when
 * opened. */

static BulletinSectionItem *
list_item_section (GtkListItem *list_item)
{
  gpointer item = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;

  return BULLETIN_IS_SECTION_ITEM (item) ? item : NULL;
}

static BulletinLibraryPanel *
panel_of (GtkEventController *controller)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  GtkWidget *panel = widget != NULL ? gtk_widget_get_ancestor (widget, BULLETIN_TYPE_LIBRARY_PANEL) : NULL;

  return panel != NULL ? BULLETIN_LIBRARY_PANEL (panel) : NULL;
}

static GdkContentProvider *
section_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkListItem   *list_item)
{
  BulletinSectionItem *item = list_item_section (list_item);
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  BulletinSectionDrag drag = { 0 };
  g_autoptr(GdkPaintable) icon = NULL;

  if (item == NULL)
    return NULL;

  drag.section_id = bulletin_section_item_get_id (item);
  icon = gtk_widget_paintable_new (row);
  gtk_drag_source_set_icon (source, icon, (int)x, (int)y);
  return gdk_content_provider_new_typed (BULLETIN_TYPE_SECTION_DRAG, &drag);
}

static gboolean
section_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  BulletinLibraryPanel *self = panel_of (GTK_EVENT_CONTROLLER (target));
  const BulletinSectionDrag *drag = g_value_get_boxed (value);
  BulletinSectionItem *onto = list_item_section (list_item);
  g_autoptr(GtkWidget) row = NULL;
  gint64 target_id;
  gboolean after;

  if (self == NULL || drag == NULL || onto == NULL || drag->section_id == bulletin_section_item_get_id (onto))
    return FALSE;

  /* The sections that only change place keep their rows (see
   * bulletin_sections_model_refresh()), so this one can move them while
   * it handles the drop; held all the same, whatever the list view does.
   * The lower half of a row means "after it". */
  row = g_object_ref (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  target_id = bulletin_section_item_get_id (onto);
  after = y > gtk_widget_get_height (row) / 2.0;
  bulletin_library_panel_move_next_to (self, drag->section_id, target_id, after);

  return TRUE;
}

static void
section_pressed_cb (GtkGestureClick *click,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *list_item)
{
  BulletinLibraryPanel *self = panel_of (GTK_EVENT_CONTROLLER (click));
  BulletinSectionItem *item = list_item_section (list_item);

  if (n_press == 2 && self != NULL && item != NULL)
    bulletin_library_panel_insert (self, bulletin_section_item_get_id (item));
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
  BulletinStore *store;

  add_menu_item (first, _("_Insert"), "library.insert", g_variant_new_int64 (section->id));
  add_menu_item (first, _("_Edit"), "library.edit", g_variant_new_int64 (section->id));
  add_menu_item (first, _("_Rename…"), "library.rename", g_variant_new_int64 (section->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));

  store = bulletin_library_panel_get_store (self);
  all = store != NULL ? bulletin_store_list_sections (store, NULL, NULL) : NULL;
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

/* The row's list item, held weakly: the button is the item's, and a
 * strong reference would keep both alive for ever. The menu is built
 * when opened, as the categories change as the user works. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr(GtkListItem) list_item = g_weak_ref_get (user_data);
  GtkWidget *panel = gtk_widget_get_ancestor (GTK_WIDGET (button), BULLETIN_TYPE_LIBRARY_PANEL);
  BulletinSectionItem *item = list_item_section (list_item);
  g_autoptr(GMenuModel) menu = NULL;

  if (item == NULL || panel == NULL)
    return;

  menu = make_row_menu (BULLETIN_LIBRARY_PANEL (panel), bulletin_section_item_get_section (item));
  gtk_menu_button_set_menu_model (button, menu);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* GtkBuilder cannot set a popup function, so it is set here, when the
 * row first shows. */
static void
section_menu_button_realize_cb (GtkMenuButton *button,
                                GtkListItem   *list_item)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, list_item);
  gtk_menu_button_set_create_popup_func (button, create_menu_cb, ref, weak_ref_free);
  bulletin_accessibility_name_button (GTK_WIDGET (button));
  bulletin_row_box_describe_control (GTK_WIDGET (button));
}

/* What a screen reader says for the row: the section's name, and its
 * category, which the list shows only above the first of a category. */
static char *
section_accessible_label (gpointer    this,
                          const char *name,
                          const char *category)
{
  if (name == NULL)
    return NULL;
  if (category == NULL || *category == '\0')
    return g_strdup (name);
  /* TRANSLATORS: a section of the library, as a screen reader says it:
   * its name and its category ("Have a good weekend, in Sign-offs") */
  return g_strdup_printf (_("%s, in %s"), name, category);
}

/**
 * bulletin_library_rows_factory_new:
 *
 * Returns: (transfer full): what makes the library panel's rows, a
 *   #BulletinSectionItem each
 */
GtkListItemFactory *
bulletin_library_rows_factory_new (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();

  g_type_ensure (BULLETIN_TYPE_ROW_BOX);
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "section_menu_button_realize_cb", G_CALLBACK (section_menu_button_realize_cb),
                                           "section_drag_prepare_cb", G_CALLBACK (section_drag_prepare_cb),
                                           "section_drop_cb", G_CALLBACK (section_drop_cb),
                                           "section_pressed_cb", G_CALLBACK (section_pressed_cb),
                                           "section_accessible_label", G_CALLBACK (section_accessible_label),
                                           NULL);
  return gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/bulletin-section-row.ui");
}
