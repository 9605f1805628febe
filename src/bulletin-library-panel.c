/* bulletin-library-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "bulletin-style.h"
#include "bulletin-accessibility.h"
#include "bulletin-first-frame.h"
#include "bulletin-library.h"
#include "bulletin-sections-model.h"
#include "bulletin-settings.h"

#include "bulletin-library-panel-private.h"

/* The section library: reusable openings, sign-offs, recurring sections
 * and boilerplate, grouped by category. The panel lists, previews, edits
 * and reorders them; inserting into the draft is the window's job (its
 * win.insert-section action), since only the window knows the cursor. The
 * rows' behaviour is in bulletin-library-rows.c, and the dialogs that
 * ask for names in bulletin-library-dialogs.c.
 *
 * The sections are a list model shown by a list view, which builds rows
 * (bulletin-section-row.ui) only for what is on screen; a refresh changes
 * only the rows of sections that changed, so a drop onto a row moves
 * sections at once, while that row handles it. */

struct _BulletinLibraryPanel
{
  GtkWidget        parent_instance;

  GtkBox          *box;
  GtkSearchEntry  *search_entry;
  GtkPaned        *paned;
  GtkStack        *stack;
  GtkListView     *list;
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
  BulletinSectionsModel *sections;   /* as shown */
  GtkSingleSelection *selection;
  gint64           selected_id;
  gint64           editing_id;    /* 0 when not editing */
  gint64           last_insert_time;
  gint64           last_insert_id;
  char            *editing_body;  /* the text when editing began */
  gboolean         refreshing;    /* the selection follows the model */
};

G_DEFINE_FINAL_TYPE (BulletinLibraryPanel, bulletin_library_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  BulletinSectionItem *item = bulletin_sections_model_find (self->sections, id, index);

  return item != NULL ? bulletin_section_item_get_section (item) : NULL;
}

/* An error or a confirmation where the window shows them. */
void
bulletin_library_panel_toast (BulletinLibraryPanel *self,
                              AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
bulletin_library_panel_report_error (BulletinLibraryPanel *self,
                                     const char           *what,
                                     const GError         *error)
{
  g_autofree char *reason = bulletin_store_describe_error (error);
  g_autofree char *message = g_strdup_printf ("%s: %s", what, reason);

  g_warning ("%s", message);
  bulletin_library_panel_toast (self, adw_toast_new (message));
}

BulletinStore *
bulletin_library_panel_get_store (BulletinLibraryPanel *self)
{
  return self->store;
}

/* Reads the model again; the section selected in the list stays selected
 * wherever it went, and no selection change on the way counts as the
 * user's. */
static void
refresh_model (BulletinLibraryPanel *self)
{
  BulletinSectionItem *selected = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = selected != NULL ? bulletin_section_item_get_id (selected) : 0;
  g_autoptr(GError) error = NULL;
  guint index;

  self->refreshing = TRUE;
  if (!bulletin_sections_model_refresh (self->sections, &error))
    g_warning ("Could not list the section library: %s", error->message);
  if (id != 0 && bulletin_sections_model_find (self->sections, id, &index) != NULL)
    gtk_single_selection_set_selected (self->selection, index);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->refreshing = FALSE;
}

/* -- which actions can apply ---------------------------------------------- */

/* The rows' actions name their section, so they need a section listed
 * and the database; Insert and Edit below the preview need the section
 * selected, and Insert waits while it is being edited. Set whenever the
 * store, the list, the selection or the editing changes. */
static void
sync_action_states (BulletinLibraryPanel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  /* the database the list was read from: none until the panel is shown */
  BulletinStore *read = bulletin_store_list_get_store (BULLETIN_STORE_LIST (self->sections));
  gboolean listed = read != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sections)) > 0;
  gboolean selected = read != NULL && find_shown (self, self->selected_id, NULL) != NULL;

  gtk_widget_action_set_enabled (widget, "library.insert", listed);
  gtk_widget_action_set_enabled (widget, "library.edit", listed);
  gtk_widget_action_set_enabled (widget, "library.rename", listed);
  gtk_widget_action_set_enabled (widget, "library.move", listed);
  gtk_widget_action_set_enabled (widget, "library.new-category", listed);
  gtk_widget_action_set_enabled (widget, "library.delete", listed);
  gtk_widget_action_set_enabled (widget, "library.new-section", read != NULL);
  gtk_widget_action_set_enabled (widget, "library.insert-selected", selected && self->editing_id == 0);
}

/* -- the detail pane ------------------------------------------------------ */

static void
show_detail (BulletinLibraryPanel *self)
{
  const BulletinSection *section = find_shown (self, self->selected_id, NULL);
  g_autofree char *text = NULL;

  sync_action_states (self);
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
  gtk_label_set_text (self->detail_hint, _("Shown as it will be inserted. Drag a section into your update, or double-click it."));
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);

  if (g_strcmp0 (body, self->editing_body) != 0 && self->store != NULL)
    {
      const BulletinSection *section = find_shown (self, id, NULL);

      if (section == NULL)
        {
          /* it went away (deleted elsewhere): keep the words as a new one */
          g_autofree char *name = bulletin_library_suggest_name (body);

          if (bulletin_store_add_section (self->store, name,
                                          bulletin_library_category_name (BULLETIN_LIBRARY_DEFAULT_CATEGORY),
                                          body, &error) == 0)
            bulletin_library_panel_report_error (self, _("The section could not be saved"), error);
        }
      else if (!bulletin_store_update_section (self->store, id, section->name, section->category, body, &error))
        bulletin_library_panel_report_error (self, _("The section could not be saved"), error);
      else
        {
          /* only the text changed: one item, and the rows around it
           * stay, though this may run while a click selects another */
          refresh_model (self);
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
  sync_action_states (self);
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

  if (find_shown (self, id, NULL) == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sections)) > 0)
    {
      g_autoptr(BulletinSectionItem) first = g_list_model_get_item (G_LIST_MODEL (self->sections), 0);

      id = bulletin_section_item_get_id (first);
    }
  if (id != 0)
    bulletin_library_panel_insert (self, id);
}

/* Enter or a double-click on a row */
static void
section_activated_cb (BulletinLibraryPanel *self,
                      guint                 position)
{
  bulletin_library_panel_activate_row (self, position);
}

static void
selected_cb (BulletinLibraryPanel *self)
{
  BulletinSectionItem *item = gtk_single_selection_get_selected_item (self->selection);
  gint64 id;

  if (self->refreshing || item == NULL)
    return;

  id = bulletin_section_item_get_id (item);
  if (self->editing_id != 0 && self->editing_id != id)
    finish_editing (self);

  self->selected_id = id;
  show_detail (self);
}

static void
insert_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (widget);

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

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  bulletin_library_panel_ask_rename (BULLETIN_LIBRARY_PANEL (widget), g_variant_get_int64 (param));
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
new_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  bulletin_library_panel_ask_new_category (BULLETIN_LIBRARY_PANEL (widget), g_variant_get_int64 (param));
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

/* the window's Add Selection to Library: the text is the new section's */
static void
add_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  bulletin_library_panel_ask_new_section (BULLETIN_LIBRARY_PANEL (widget),
                                          g_variant_get_string (param, NULL));
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
  g_clear_object (&self->selection);
  g_clear_object (&self->sections);
  g_clear_pointer (&self->editing_body, g_free);

  G_OBJECT_CLASS (bulletin_library_panel_parent_class)->finalize (object);
}

/* The library is read when the panel is shown (the window refreshes it
 * then), not when the window hands over its store at construction. */
static void
set_store (BulletinLibraryPanel *self,
           BulletinStore        *store)
{
  if (!g_set_object (&self->store, store))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bulletin_library_panel_refresh (self);
  sync_action_states (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  bulletin_library_panel_refresh (BULLETIN_LIBRARY_PANEL (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (BULLETIN_LIBRARY_PANEL (widget)->search_entry));
}

static void
bulletin_library_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (object);

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
bulletin_library_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BulletinLibraryPanel *self = BULLETIN_LIBRARY_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_library_panel_class_init (BulletinLibraryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_library_panel_dispose;
  object_class->finalize = bulletin_library_panel_finalize;
  object_class->get_property = bulletin_library_panel_get_property;
  object_class->set_property = bulletin_library_panel_set_property;

  /**
   * BulletinLibraryPanel:store:
   *
   * The database whose library is shown, %NULL for none; the window
   * binds it to its own. It is read when the panel is shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  /* the row template names them */
  g_type_ensure (BULLETIN_TYPE_SECTION_ITEM);
  g_type_ensure (BULLETIN_TYPE_SECTION_DRAG);

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
  gtk_widget_class_bind_template_callback (widget_class, section_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);

  gtk_widget_class_install_action (widget_class, "library.insert", "x", insert_action);
  gtk_widget_class_install_action (widget_class, "library.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "library.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "library.move", "(xs)", move_action);
  gtk_widget_class_install_action (widget_class, "library.new-category", "x", new_category_action);
  gtk_widget_class_install_action (widget_class, "library.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "library.new-section", NULL, new_section_action);
  gtk_widget_class_install_action (widget_class, "library.insert-selected", NULL, insert_selected_action);
  /* the window's, as it shows the panel or changes the library */
  gtk_widget_class_install_action (widget_class, "library.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "library.add-section", "s", add_section_action);
  gtk_widget_class_install_action (widget_class, "library.focus-search", NULL, focus_search_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "librarypanel");
}

static void
bulletin_library_panel_init (BulletinLibraryPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = bulletin_library_rows_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->detail_buffer = gtk_source_buffer_new (NULL);
  bulletin_set_markdown_when_shown (self->detail_buffer, GTK_WIDGET (self->detail_view));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->detail_view), GTK_TEXT_BUFFER (self->detail_buffer));
  bulletin_style_follow_dark (self->detail_buffer);
  gtk_paned_set_position (self->paned, 330);

  self->sections = bulletin_sections_model_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sections)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));

  /* the preview follows the preferences its placeholders come from */
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (show_detail), self, G_CONNECT_SWAPPED);
  /* nothing to act on until the window hands over its store */
  sync_action_states (self);
}

/* -- public API ----------------------------------------------------------- */

/**
 * bulletin_library_panel_refresh:
 * @self: a #BulletinLibraryPanel
 *
 * Reads the library again, with the current search. A library is tens
 * of sections, read in well under a millisecond, so this runs in place;
 * only the rows of sections that changed are rebuilt.
 */
void
bulletin_library_panel_refresh (BulletinLibraryPanel *self)
{
  const char *search;
  guint index;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  if (self->editing_id != 0)
    return;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  bulletin_sections_model_set_store (self->sections, self->store);
  bulletin_sections_model_set_search (self->sections, search);
  refresh_model (self);
  sync_action_states (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sections)) > 0)
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
  else if (*search != '\0' && g_list_model_get_n_items (G_LIST_MODEL (self->sections)) > 0)
    {
      /* the best match is previewed, and Enter inserts it */
      bulletin_library_panel_select (self, 0);
    }
  else
    {
      self->selected_id = 0;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
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

/**
 * bulletin_library_panel_get_sections:
 * @self: a #BulletinLibraryPanel
 *
 * Returns: (transfer none): the sections listed, a #BulletinSectionItem
 *   each, by category: the list's rows show them
 */
GListModel *
bulletin_library_panel_get_sections (BulletinLibraryPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), NULL);

  return G_LIST_MODEL (self->sections);
}

guint
bulletin_library_panel_get_n_sections (BulletinLibraryPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sections));
}

/**
 * bulletin_library_panel_get_section:
 * @self: a #BulletinLibraryPanel
 * @index: a row, counted from the top
 *
 * Returns: (transfer none): the section shown in that row, until the
 *   list next changes
 */
const BulletinSection *
bulletin_library_panel_get_section (BulletinLibraryPanel *self,
                                    guint                 index)
{
  g_autoptr(BulletinSectionItem) item = NULL;

  g_return_val_if_fail (BULLETIN_IS_LIBRARY_PANEL (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sections), index);
  g_return_val_if_fail (item != NULL, NULL);

  /* the model holds the item */
  return bulletin_section_item_get_section (item);
}

void
bulletin_library_panel_select (BulletinLibraryPanel *self,
                               guint                 index)
{
  g_autoptr(BulletinSectionItem) item = NULL;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->sections), index);
  if (item == NULL)
    return;

  /* what a click on the row does, even when it is selected already */
  gtk_single_selection_set_selected (self->selection, index);
  self->selected_id = bulletin_section_item_get_id (item);
  show_detail (self);
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
  g_autoptr(BulletinSectionItem) item = NULL;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->sections), index);
  if (item != NULL)
    bulletin_library_panel_insert (self, bulletin_section_item_get_id (item));
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
 * Asks the window to insert the section's text at its cursor
 * (win.insert-section).
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

  gtk_widget_activate_action (GTK_WIDGET (self), "win.insert-section", "(xs)",
                              section->id, section->body);
}

/**
 * bulletin_library_panel_rename:
 * @self: a #BulletinLibraryPanel
 * @section_id: a section
 * @name: its new name
 *
 * Returns: %TRUE if it was renamed
 */
gboolean
bulletin_library_panel_rename (BulletinLibraryPanel *self,
                               gint64                section_id,
                               const char           *name)
{
  const BulletinSection *section;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (BULLETIN_IS_LIBRARY_PANEL (self));

  if (name == NULL || *name == '\0' || self->store == NULL)
    return FALSE;

  finish_editing (self);
  section = find_shown (self, section_id, NULL);
  if (section == NULL)
    return FALSE;

  ok = bulletin_store_update_section (self->store, section_id, name, section->category, section->body, &error);
  if (!ok)
    bulletin_library_panel_report_error (self, _("The section could not be renamed"), error);
  bulletin_library_panel_refresh (self);
  return ok;
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
      bulletin_library_panel_report_error (self, _("The section could not be moved"), error);
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
      bulletin_library_panel_report_error (self, _("The section could not be moved"), error);
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
      bulletin_library_panel_report_error (self, _("The section could not be moved"), error);
      return FALSE;
    }

  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, section_id);
  return TRUE;
}

/* A deleted section, for its toast's Undo; the panel may be gone by
 * then. */
typedef struct
{
  GWeakRef panel;
  gint64   section_id;
} Deleted;

static void
deleted_free (gpointer  data,
              GClosure *closure)
{
  Deleted *deleted = data;

  g_weak_ref_clear (&deleted->panel);
  g_free (deleted);
}

static void
undo_delete_cb (AdwToast *undo,
                Deleted  *deleted)
{
  g_autoptr(BulletinLibraryPanel) self = g_weak_ref_get (&deleted->panel);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;

  if (!bulletin_store_delete_section (self->store, deleted->section_id, FALSE, &error))
    bulletin_library_panel_report_error (self, _("The section could not be restored"), error);
  bulletin_library_panel_refresh (self);
  bulletin_library_panel_select_id (self, deleted->section_id);
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
  Deleted *deleted;
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
      bulletin_library_panel_report_error (self, _("The section could not be deleted"), error);
      return FALSE;
    }

  bulletin_library_panel_refresh (self);

  undo = adw_toast_new (message);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  deleted = g_new0 (Deleted, 1);
  g_weak_ref_init (&deleted->panel, self);
  deleted->section_id = section_id;
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (undo_delete_cb), deleted, deleted_free, 0);
  bulletin_library_panel_toast (self, undo);

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
