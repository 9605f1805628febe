/* bulletin-drafts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-template.h"

#include "bulletin-drafts-panel.h"

/* Every weekly update ever written, newest first, with full-text search
 * over all of them. The panel only lists and asks; the window opens,
 * duplicates and offers undo for deletions (signals below). */

struct _BulletinDraftsPanel
{
  GtkWidget       parent_instance;

  GtkBox         *box;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
  GMenuModel     *row_menu;

  BulletinStore  *store;
  GPtrArray      *drafts;       /* BulletinDraftInfo, as shown */
  gboolean        stale;        /* the store changed while hidden */
};

enum {
  OPEN_DRAFT,
  DUPLICATE_DRAFT,
  CARRY_FORWARD_DRAFT,
  DRAFT_TRASHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BulletinDraftsPanel, bulletin_drafts_panel, GTK_TYPE_WIDGET)

static GtkWidget *
make_row (BulletinDraftsPanel *self,
          BulletinDraftInfo   *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (*info->title ? info->title : _("Untitled"));
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *menu = gtk_menu_button_new ();
  g_autofree char *edited = bulletin_template_format_when (info->updated_at, NULL, FALSE);
  g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", info->word_count),
                                            info->word_count);
  g_autofree char *sub = g_strdup_printf ("%s · %s", edited, words);
  g_autoptr(GMenu) model = g_menu_new ();

  /* Weekly updates differ only at the end of their titles, in the week
   * ending date: the title wraps rather than losing it. A small natural
   * width keeps the panel at its own width; the label takes what the
   * row gives it. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (title), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (vbox), title);

  gtk_label_set_text (GTK_LABEL (subtitle), sub);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (vbox), subtitle);

  if (info->snippet != NULL)
    {
      g_autofree char *flat = g_strdelimit (g_strdup (info->snippet), "\r\n\t", ' ');
      GtkWidget *snippet = gtk_label_new (flat);

      gtk_label_set_xalign (GTK_LABEL (snippet), 0);
      gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
      gtk_label_set_lines (GTK_LABEL (snippet), 2);
      gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (snippet, "caption");
      gtk_box_append (GTK_BOX (vbox), snippet);
    }

  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_set_margin_top (vbox, 4);
  gtk_widget_set_margin_bottom (vbox, 4);
  gtk_box_append (GTK_BOX (hbox), vbox);

  /* each row's menu targets its own draft */
  for (int i = 0; i < g_menu_model_get_n_items (self->row_menu); i++)
    {
      GMenuModel *section = g_menu_model_get_item_link (self->row_menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenu) copy = g_menu_new ();

      for (int j = 0; section && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *label = NULL;
          g_autofree char *action = NULL;
          g_autoptr(GMenuItem) item = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (info->id));
          g_menu_append_item (copy, item);
        }
      g_menu_append_section (model, NULL, G_MENU_MODEL (copy));
      g_clear_object (&section);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), G_MENU_MODEL (model));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Draft Menu"));
  bulletin_accessibility_name_button (menu);
  gtk_box_append (GTK_BOX (hbox), menu);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  return row;
}

/**
 * bulletin_drafts_panel_refresh:
 * @self: a #BulletinDraftsPanel
 *
 * Reads the list again, with the current search. Listing 500 updates
 * takes well under a frame (see the store benchmark), so this runs in
 * place.
 */
void
bulletin_drafts_panel_refresh (BulletinDraftsPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *search;
  GtkWidget *child;

  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  self->stale = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  self->drafts = bulletin_store_list_drafts (self->store, *search ? search : NULL, FALSE, &error);
  if (self->drafts == NULL)
    {
      g_warning ("Could not list drafts: %s", error->message);
      self->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_draft_info_free);
    }

  for (guint i = 0; i < self->drafts->len; i++)
    gtk_list_box_append (self->list, make_row (self, self->drafts->pdata[i]));

  if (self->drafts->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      adw_status_page_set_title (self->empty_page, *search ? _("No Results") : _("No Drafts"));
      adw_status_page_set_description (self->empty_page,
                                       *search ? _("No update contains these words.")
                                               : _("Everything you write is kept here as you type."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* Another window made, renamed or deleted a draft (or this one did):
 * the list follows at once if it is shown, else when it is next shown. */
static void
drafts_changed_cb (BulletinDraftsPanel *self,
                   BulletinStore       *store)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    bulletin_drafts_panel_refresh (self);
  else
    self->stale = TRUE;
}

static void
mapped_cb (BulletinDraftsPanel *self)
{
  if (self->stale)
    bulletin_drafts_panel_refresh (self);
}

static void
search_changed_cb (BulletinDraftsPanel *self)
{
  bulletin_drafts_panel_refresh (self);
}

static void
search_activate_cb (BulletinDraftsPanel *self)
{
  if (self->drafts != NULL && self->drafts->len > 0)
    bulletin_drafts_panel_activate (self, 0);
}

static void
row_activated_cb (BulletinDraftsPanel *self,
                  GtkListBoxRow       *row)
{
  bulletin_drafts_panel_activate (self, gtk_list_box_row_get_index (row));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  g_signal_emit (widget, signals[OPEN_DRAFT], 0, g_variant_get_int64 (param));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_signal_emit (widget, signals[DUPLICATE_DRAFT], 0, g_variant_get_int64 (param));
}

static void
carry_forward_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_signal_emit (widget, signals[CARRY_FORWARD_DRAFT], 0, g_variant_get_int64 (param));
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  bulletin_drafts_panel_trash (BULLETIN_DRAFTS_PANEL (widget), g_variant_get_int64 (param));
}

static void
rename_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    BulletinDraftsPanel *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "draft-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename") || self->store == NULL)
    return;

  if (!bulletin_store_rename_draft (self->store, id, gtk_editable_get_text (entry), &error))
    g_warning ("Could not rename the draft: %s", error->message);
  bulletin_drafts_panel_refresh (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BulletinDraftsPanel *self = BULLETIN_DRAFTS_PANEL (widget);
  g_autoptr(BulletinDraftInfo) info = NULL;
  gint64 id = g_variant_get_int64 (param);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->store == NULL || (info = bulletin_store_get_draft (self->store, id, NULL)) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Rename Draft"),
                                   _("Leave the name empty to use the draft's first heading."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), info->title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "draft-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bulletin_drafts_panel_dispose (GObject *object)
{
  BulletinDraftsPanel *self = (BulletinDraftsPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_DRAFTS_PANEL);

  G_OBJECT_CLASS (bulletin_drafts_panel_parent_class)->dispose (object);
}

static void
bulletin_drafts_panel_finalize (GObject *object)
{
  BulletinDraftsPanel *self = (BulletinDraftsPanel *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, drafts_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);

  G_OBJECT_CLASS (bulletin_drafts_panel_parent_class)->finalize (object);
}

static void
bulletin_drafts_panel_class_init (BulletinDraftsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_drafts_panel_dispose;
  object_class->finalize = bulletin_drafts_panel_finalize;

  /**
   * BulletinDraftsPanel::open-draft:
   * @draft_id: the draft to open
   */
  signals[OPEN_DRAFT] =
    g_signal_new ("open-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BulletinDraftsPanel::duplicate-draft:
   * @draft_id: the draft to start a new one from
   */
  signals[DUPLICATE_DRAFT] =
    g_signal_new ("duplicate-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BulletinDraftsPanel::carry-forward-draft:
   * @draft_id: last week's update, to start this week's from
   */
  signals[CARRY_FORWARD_DRAFT] =
    g_signal_new ("carry-forward-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BulletinDraftsPanel::draft-trashed:
   * @draft_id: the draft moved to the trash
   * @title: its title, for the undo toast
   */
  signals[DRAFT_TRASHED] =
    g_signal_new ("draft-trashed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-drafts-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "drafts.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "drafts.duplicate", "x", duplicate_action);
  gtk_widget_class_install_action (widget_class, "drafts.carry-forward", "x", carry_forward_action);
  gtk_widget_class_install_action (widget_class, "drafts.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "drafts.trash", "x", trash_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "draftspanel");
}

static void
bulletin_drafts_panel_init (BulletinDraftsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}

void
bulletin_drafts_panel_set_store (BulletinDraftsPanel *self,
                                 BulletinStore       *store)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, drafts_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "drafts-changed", G_CALLBACK (drafts_changed_cb), self, G_CONNECT_SWAPPED);
  bulletin_drafts_panel_refresh (self);
}

void
bulletin_drafts_panel_set_search (BulletinDraftsPanel *self,
                                  const char          *search)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
  bulletin_drafts_panel_refresh (self);
}

guint
bulletin_drafts_panel_get_n_drafts (BulletinDraftsPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), 0);

  return self->drafts ? self->drafts->len : 0;
}

gint64
bulletin_drafts_panel_get_draft_id (BulletinDraftsPanel *self,
                                    guint                index)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), 0);
  g_return_val_if_fail (self->drafts != NULL && index < self->drafts->len, 0);

  return ((BulletinDraftInfo *)self->drafts->pdata[index])->id;
}

void
bulletin_drafts_panel_activate (BulletinDraftsPanel *self,
                                guint                index)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  if (self->drafts == NULL || index >= self->drafts->len)
    return;

  g_signal_emit (self, signals[OPEN_DRAFT], 0, ((BulletinDraftInfo *)self->drafts->pdata[index])->id);
}

/**
 * bulletin_drafts_panel_trash:
 * @self: a #BulletinDraftsPanel
 * @draft_id: the draft
 *
 * Moves a draft to the trash and emits #BulletinDraftsPanel::draft-trashed
 * so the window can offer to undo it.
 *
 * Returns: %TRUE on success
 */
gboolean
bulletin_drafts_panel_trash (BulletinDraftsPanel *self,
                             gint64               draft_id)
{
  g_autoptr(BulletinDraftInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  info = bulletin_store_get_draft (self->store, draft_id, NULL);
  if (!bulletin_store_trash_draft (self->store, draft_id, TRUE, &error))
    {
      g_warning ("Could not move the draft to the trash: %s", error->message);
      return FALSE;
    }

  bulletin_drafts_panel_refresh (self);
  g_signal_emit (self, signals[DRAFT_TRASHED], 0, draft_id,
                 info && *info->title ? info->title : _("Untitled"));
  return TRUE;
}

void
bulletin_drafts_panel_focus_search (BulletinDraftsPanel *self)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
