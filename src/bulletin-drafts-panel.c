/* bulletin-drafts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-drafts-model.h"
#include "bulletin-row-box.h"

#include "bulletin-drafts-panel.h"

/* Every weekly update ever written, newest first, with full-text search
 * over all of them. The panel lists, renames and moves to the trash (with
 * an Undo); opening, copying and carrying a draft forward are the
 * window's, asked for through its actions (win.open-draft and so on).
 *
 * The drafts are a list model shown by a list view, which builds rows
 * (bulletin-draft-row.ui) only for what is on screen. */

struct _BulletinDraftsPanel
{
  GtkWidget       parent_instance;

  GtkBox         *box;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListView    *list;
  AdwStatusPage  *empty_page;

  BulletinStore  *store;
  BulletinDraftsModel *drafts;  /* as shown */
  gboolean        stale;        /* the store changed while hidden */
};

G_DEFINE_FINAL_TYPE (BulletinDraftsPanel, bulletin_drafts_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row's menu: each item targets the row's draft. */
static const struct
{
  const char *label;
  const char *action;
  guint       section;
} row_menu_items[] = {
  { N_("_Open"), "drafts.open", 0 },
  { N_("Start _Next Week’s From This One"), "drafts.carry-forward", 0 },
  { N_("_Copy to a New Draft"), "drafts.duplicate", 0 },
  { N_("_Rename…"), "drafts.rename", 0 },
  { N_("Move to _Trash"), "drafts.trash", 1 },
};

static GMenuModel *
draft_row_menu (gpointer this,
                gint64   id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) trash = g_menu_new ();
  GMenu *sections[2] = { open, trash };

  for (guint i = 0; i < G_N_ELEMENTS (row_menu_items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(row_menu_items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, row_menu_items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (sections[row_menu_items[i].section], item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (sections[i]));

  return G_MENU_MODEL (menu);
}

static char *
draft_title (gpointer    this,
             const char *title)
{
  return g_strdup (title != NULL && *title != '\0' ? title : _("Untitled"));
}

static char *
draft_subtitle (gpointer    this,
                const char *edited,
                guint       word_count)
{
  g_autofree char *words = NULL;

  if (edited == NULL)
    return NULL;
  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", word_count), word_count);
  return g_strdup_printf ("%s · %s", edited, words);
}

/* What a screen reader says for the row, the words the row shows less its
 * punctuation: "Weekly update, edited Today 09:00, 13 words". */
static char *
draft_accessible_label (gpointer    this,
                        const char *title,
                        const char *edited,
                        guint       word_count)
{
  g_autofree char *shown_title = draft_title (this, title);

  if (edited == NULL)
    return g_steal_pointer (&shown_title);
  /* TRANSLATORS: a draft in the drafts list, as a screen reader says it:
   * its title, when it was last edited ("Today 09:00") and its length */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, edited %s, %u word", "%s, edited %s, %u words", word_count),
                          shown_title, edited, word_count);
}

static char *
draft_snippet (gpointer    this,
               const char *snippet)
{
  return snippet != NULL ? g_strdelimit (g_strdup (snippet), "\r\n\t", ' ') : NULL;
}

static gboolean
draft_has_snippet (gpointer    this,
                   const char *snippet)
{
  return snippet != NULL;
}

static void
draft_menu_button_realize_cb (GtkWidget *button)
{
  bulletin_accessibility_name_button (button);
  bulletin_row_box_describe_control (button);
}

/* A row's actions name their draft. Renaming and trashing are done here
 * and need the database the list came from; opening, copying and
 * carrying forward are the window's, with its own. */
static void
sync_action_states (BulletinDraftsPanel *self)
{
  /* none until the panel is shown and the list read */
  BulletinStore *read = bulletin_store_list_get_store (BULLETIN_STORE_LIST (self->drafts));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drafts.rename", read != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drafts.trash", read != NULL);
}

/* Reads the list again, with the current search. Listing 500 updates
 * takes well under a frame (see the store benchmark), so this runs in
 * place. */
static void
refresh (BulletinDraftsPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *search;

  self->stale = FALSE;
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  bulletin_drafts_model_set_store (self->drafts, self->store);
  bulletin_drafts_model_set_search (self->drafts, search);
  sync_action_states (self);
  if (!bulletin_drafts_model_refresh (self->drafts, &error))
    g_warning ("Could not list drafts: %s", error->message);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) > 0)
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
    refresh (self);
  else
    self->stale = TRUE;
}

static void
mapped_cb (BulletinDraftsPanel *self)
{
  if (self->stale)
    refresh (self);
}

/* The list is read when the panel is shown, not before: a store handed
 * over at the window's construction costs nothing until then. */
static void
set_store (BulletinDraftsPanel *self,
           BulletinStore       *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, drafts_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "drafts-changed", G_CALLBACK (drafts_changed_cb), self, G_CONNECT_SWAPPED);
  sync_action_states (self);
  drafts_changed_cb (self, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
search_changed_cb (BulletinDraftsPanel *self)
{
  refresh (self);
}

static void
search_activate_cb (BulletinDraftsPanel *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) > 0)
    bulletin_drafts_panel_activate (self, 0);
}

static void
draft_activated_cb (BulletinDraftsPanel *self,
                    guint                position)
{
  bulletin_drafts_panel_activate (self, position);
}

/* The row's menu names the panel's actions; the window does these. */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  const char *window_action = NULL;

  if (g_str_equal (action_name, "drafts.open"))
    window_action = "win.open-draft";
  else if (g_str_equal (action_name, "drafts.duplicate"))
    window_action = "win.duplicate-draft";
  else if (g_str_equal (action_name, "drafts.carry-forward"))
    window_action = "win.carry-forward-draft";
  g_assert (window_action != NULL);

  gtk_widget_activate_action_variant (widget, window_action, param);
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  bulletin_drafts_panel_trash (BULLETIN_DRAFTS_PANEL (widget), g_variant_get_int64 (param));
}

/* The draft a rename dialog asks about, and where its answer is; the
 * panel may be gone by the time it is answered. */
typedef struct
{
  GWeakRef     panel;
  GtkEditable *entry;     /* the dialog's */
  gint64       draft_id;
} Rename;

static void
rename_free (gpointer  data,
             GClosure *closure)
{
  Rename *question = data;

  g_weak_ref_clear (&question->panel);
  g_free (question);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Rename           *question)
{
  g_autoptr(BulletinDraftsPanel) self = g_weak_ref_get (&question->panel);
  g_autoptr(GError) error = NULL;

  if (self == NULL || !g_str_equal (response, "rename") || self->store == NULL)
    return;

  if (!bulletin_store_rename_draft (self->store, question->draft_id, gtk_editable_get_text (question->entry), &error))
    g_warning ("Could not rename the draft: %s", error->message);
  refresh (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BulletinDraftsPanel *self = BULLETIN_DRAFTS_PANEL (widget);
  g_autoptr(BulletinDraftInfo) info = NULL;
  gint64 id = g_variant_get_int64 (param);
  Rename *question;
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
  question = g_new0 (Rename, 1);
  g_weak_ref_init (&question->panel, self);
  question->entry = GTK_EDITABLE (entry);
  question->draft_id = id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb), question, rename_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  refresh (BULLETIN_DRAFTS_PANEL (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (BULLETIN_DRAFTS_PANEL (widget)->search_entry));
}

static void
bulletin_drafts_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinDraftsPanel *self = BULLETIN_DRAFTS_PANEL (object);

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
bulletin_drafts_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BulletinDraftsPanel *self = BULLETIN_DRAFTS_PANEL (object);

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
  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (bulletin_drafts_panel_parent_class)->finalize (object);
}

static void
bulletin_drafts_panel_class_init (BulletinDraftsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_drafts_panel_dispose;
  object_class->finalize = bulletin_drafts_panel_finalize;
  object_class->get_property = bulletin_drafts_panel_get_property;
  object_class->set_property = bulletin_drafts_panel_set_property;

  /**
   * BulletinDraftsPanel:store:
   *
   * The drafts database listed, %NULL for none; the window binds it to
   * its own. It is read when the panel is shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-drafts-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, BulletinDraftsPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, draft_activated_cb);

  gtk_widget_class_install_action (widget_class, "drafts.open", "x", forward_action);
  gtk_widget_class_install_action (widget_class, "drafts.duplicate", "x", forward_action);
  gtk_widget_class_install_action (widget_class, "drafts.carry-forward", "x", forward_action);
  gtk_widget_class_install_action (widget_class, "drafts.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "drafts.trash", "x", trash_action);
  /* the window's, as it shows the panel or changes the drafts */
  gtk_widget_class_install_action (widget_class, "drafts.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "drafts.focus-search", NULL, focus_search_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "draftspanel");
}

static void
bulletin_drafts_panel_init (BulletinDraftsPanel *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_type_ensure (BULLETIN_TYPE_DRAFT_ITEM);
  g_type_ensure (BULLETIN_TYPE_ROW_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);

  self->drafts = bulletin_drafts_model_new (NULL);
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "draft_title", G_CALLBACK (draft_title),
                                           "draft_subtitle", G_CALLBACK (draft_subtitle),
                                           "draft_accessible_label", G_CALLBACK (draft_accessible_label),
                                           "draft_snippet", G_CALLBACK (draft_snippet),
                                           "draft_has_snippet", G_CALLBACK (draft_has_snippet),
                                           "draft_row_menu", G_CALLBACK (draft_row_menu),
                                           "draft_menu_button_realize_cb", G_CALLBACK (draft_menu_button_realize_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/bulletin-draft-row.ui");
  gtk_list_view_set_factory (self->list, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->drafts)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  sync_action_states (self);
}

void
bulletin_drafts_panel_set_search (BulletinDraftsPanel *self,
                                  const char          *search)
{
  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
  refresh (self);
}

guint
bulletin_drafts_panel_get_n_drafts (BulletinDraftsPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->drafts));
}

/**
 * bulletin_drafts_panel_get_drafts:
 * @self: a #BulletinDraftsPanel
 *
 * Returns: (transfer none): the drafts listed, a #BulletinDraftItem each,
 *   newest first: the list's rows show them
 */
GListModel *
bulletin_drafts_panel_get_drafts (BulletinDraftsPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), NULL);

  return G_LIST_MODEL (self->drafts);
}

gint64
bulletin_drafts_panel_get_draft_id (BulletinDraftsPanel *self,
                                    guint                index)
{
  g_autoptr(BulletinDraftItem) item = NULL;

  g_return_val_if_fail (BULLETIN_IS_DRAFTS_PANEL (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->drafts), index);
  g_return_val_if_fail (item != NULL, 0);

  return bulletin_draft_item_get_id (item);
}

void
bulletin_drafts_panel_activate (BulletinDraftsPanel *self,
                                guint                index)
{
  g_autoptr(BulletinDraftItem) item = NULL;

  g_return_if_fail (BULLETIN_IS_DRAFTS_PANEL (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->drafts), index);
  if (item == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-draft", "x", bulletin_draft_item_get_id (item));
}

/* A draft moved to the trash, for its toast's Undo; the panel may be
 * gone by then. */
typedef struct
{
  GWeakRef panel;
  gint64   draft_id;
} Trashed;

static void
trashed_free (gpointer  data,
              GClosure *closure)
{
  Trashed *trashed = data;

  g_weak_ref_clear (&trashed->panel);
  g_free (trashed);
}

static void
undo_trash_cb (AdwToast *toast,
               Trashed  *trashed)
{
  g_autoptr(BulletinDraftsPanel) self = g_weak_ref_get (&trashed->panel);

  if (self != NULL && self->store != NULL &&
      bulletin_store_trash_draft (self->store, trashed->draft_id, FALSE, NULL))
    refresh (self);
}

/* The Undo goes where the window shows its toasts. */
static void
offer_undo (BulletinDraftsPanel *self,
            gint64               draft_id,
            const char          *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *message = g_strdup_printf (_("“%s” moved to the trash"), title);
  AdwToast *toast = adw_toast_new (message);
  Trashed *trashed = g_new0 (Trashed, 1);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_weak_ref_init (&trashed->panel, self);
  trashed->draft_id = draft_id;
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_trash_cb), trashed, trashed_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * bulletin_drafts_panel_trash:
 * @self: a #BulletinDraftsPanel
 * @draft_id: the draft
 *
 * Moves a draft to the trash and offers to undo it in a toast.
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

  refresh (self);
  offer_undo (self, draft_id, info && *info->title ? info->title : _("Untitled"));
  return TRUE;
}
