/* bulletin-history-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-row-box.h"
#include "bulletin-versions-model.h"

#include "bulletin-diff.h"
#include "bulletin-history-window.h"

/* The history of one draft: its versions, newest first; for the selected
 * one, what changed between it and the current text, word by word, and
 * how it looked. Restore brings it back; the text it replaces is kept as
 * a version first, so a restore can itself be undone.
 *
 * The versions are a list model shown by a list view, which builds rows
 * (bulletin-version-row.ui) only for what is on screen: a draft written
 * over months has hundreds. */

struct _BulletinHistoryWindow
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkListView        *version_list;
  GtkStack           *list_stack;
  GtkTextView        *diff_view;
  BulletinPreview    *preview;
  GtkButton          *restore_button;
  GtkButton          *copy_button;
  GtkButton          *back_button;
  AdwLeaflet         *leaflet;

  BulletinWindow     *parent;      /* weak */
  BulletinStore      *store;
  gint64              draft_id;
  BulletinVersionsModel *versions;
  GtkSingleSelection *selection;
  char               *selected_text;
  gint64              selected_id;
  GtkTextMark        *first_change;   /* in the diff view */
  gboolean            follow_change;  /* until the lines are all measured */
  gint64              before_restore; /* the version Undo brings back */
};

G_DEFINE_FINAL_TYPE (BulletinHistoryWindow, bulletin_history_window, ADW_TYPE_WINDOW)

/* New versions come in at the top and the rest keep their rows, and the
 * selected version stays selected where it moved to. */
static void
reload (BulletinHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!bulletin_versions_model_refresh (self->versions, &error))
    {
      g_autofree char *message = bulletin_store_describe_error (error);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->versions)) > 0 ? "list" : "empty");
}

static void
show_diff (BulletinHistoryWindow *self,
           const char            *old_text,
           const char            *new_text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autoptr(GPtrArray) chunks = bulletin_diff_words (old_text, new_text);
  GtkTextIter end;
  int first_change = -1;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);

  for (guint i = 0; i < chunks->len; i++)
    {
      BulletinDiffChunk *chunk = chunks->pdata[i];

      /* a small change in a long update would otherwise be a search */
      if (chunk->op != BULLETIN_DIFF_EQUAL && first_change < 0)
        first_change = gtk_text_iter_get_offset (&end);

      switch (chunk->op)
        {
        case BULLETIN_DIFF_EQUAL:
          gtk_text_buffer_insert (buffer, &end, chunk->text, -1);
          break;
        case BULLETIN_DIFF_INSERT:
          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1, "added", NULL);
          break;
        case BULLETIN_DIFF_DELETE:
          gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1, "removed", NULL);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &end, MAX (first_change, 0));
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_move_mark (buffer, self->first_change, &end);
  self->follow_change = first_change > 0;
  gtk_text_view_scroll_to_mark (self->diff_view, self->first_change, 0.0, TRUE, 0.0, 0.2);
}

/* The view measures its lines a few at a time, after the scroll above
 * was computed from estimates: as the height grows, it is aimed at the
 * change again, until the user takes over. */
static void
diff_height_cb (BulletinHistoryWindow *self)
{
  if (self->follow_change)
    gtk_text_view_scroll_to_mark (self->diff_view, self->first_change, 0.0, TRUE, 0.0, 0.2);
}

static void
diff_user_cb (BulletinHistoryWindow *self)
{
  self->follow_change = FALSE;
}

static void
selected_cb (BulletinHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  BulletinVersionItem *item;

  /* the selection goes while the window is torn down */
  if (self->restore_button == NULL || self->versions == NULL)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), item != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), item != NULL);

  if (item == NULL)
    return;

  g_clear_pointer (&self->selected_text, g_free);
  self->selected_id = bulletin_version_item_get_id (item);
  self->selected_text = bulletin_store_get_version_text (self->store, self->selected_id, &error);
  if (self->selected_text == NULL)
    {
      g_autofree char *message = bulletin_store_describe_error (error);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
      return;
    }

  current = self->parent ? bulletin_window_dup_current_text (self->parent) : g_strdup ("");
  show_diff (self, self->selected_text, current);

  bulletin_preview_set_markdown (self->preview, g_strdup (self->selected_text),
                                 strlen (self->selected_text), g_get_monotonic_time ());
}

/* Narrow, the list and the version chosen take turns; the back button
 * shows where the list is hidden. */
static void
leaflet_changed_cb (BulletinHistoryWindow *self)
{
  gboolean on_text;

  /* the template's widgets go one by one while the window is torn down */
  if (self->leaflet == NULL || self->back_button == NULL || self->list_stack == NULL)
    return;

  on_text = adw_leaflet_get_folded (self->leaflet) &&
            adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->list_stack);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), on_text);
}

static void
back_clicked_cb (BulletinHistoryWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->list_stack));
  gtk_widget_grab_focus (GTK_WIDGET (self->version_list));
}

static void
show_version (BulletinHistoryWindow *self)
{
  if (self->leaflet != NULL && self->selection != NULL &&
      adw_leaflet_get_folded (self->leaflet) &&
      gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* a row chosen with Enter or a double click */
static void
version_activated_cb (BulletinHistoryWindow *self,
                      guint                  position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_version (self);
}

/* A click on a row: its selection changes only if it was not selected
 * (the newest is, from the start), so the click itself moves on, once
 * the row has taken it. */
static gboolean
show_version_idle_cb (gpointer data)
{
  BulletinHistoryWindow *self = data;

  show_version (self);
  return G_SOURCE_REMOVE;
}

static void
list_released_cb (GtkGestureClick       *gesture,
                  int                    n_press,
                  double                 x,
                  double                 y,
                  BulletinHistoryWindow *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);

  /* on a row, not the space below the last one */
  if (picked != NULL && picked != list && adw_leaflet_get_folded (self->leaflet))
    g_idle_add_full (G_PRIORITY_DEFAULT, show_version_idle_cb, g_object_ref (self), g_object_unref);
}

static void
undo_restore_cb (AdwToast              *toast,
                 BulletinHistoryWindow *self)
{
  bulletin_history_window_undo_restore (self);
}

/**
 * bulletin_history_window_restore:
 * @self: a #BulletinHistoryWindow
 *
 * Restores the selected version into the draft's window. The toast that
 * says so has Undo, which brings back the text it replaced.
 */
void
bulletin_history_window_restore (BulletinHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  AdwToast *toast;
  gint64 before;

  g_return_if_fail (BULLETIN_IS_HISTORY_WINDOW (self));

  if (self->parent == NULL || self->selected_id == 0)
    return;

  /* The text being replaced, as a version of its own first: the store
   * would keep it too, but Undo needs to know which version it is (the
   * newest one, when the text was already kept as it is). */
  if (!bulletin_window_flush (self->parent, &error)
      || (current = bulletin_window_dup_current_text (self->parent)) == NULL
      || (before = bulletin_store_add_version (self->store, self->draft_id, current,
                                               BULLETIN_VERSION_BEFORE_RESTORE, NULL, &error)) == 0
      || !bulletin_window_restore_version (self->parent, self->selected_id, &error))
    {
      g_autofree char *message = bulletin_store_describe_error (error);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  self->before_restore = before;
  reload (self);
  toast = adw_toast_new (_("Restored. The text it replaced is the version before it."));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_restore_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  bulletin_history_window_select (self, 0);
}

/**
 * bulletin_history_window_undo_restore:
 * @self: a #BulletinHistoryWindow
 *
 * Brings back the text the last restore replaced, itself as a restore,
 * so that is in the history too and nothing is lost either way.
 */
void
bulletin_history_window_undo_restore (BulletinHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BULLETIN_IS_HISTORY_WINDOW (self));

  if (self->parent == NULL || self->before_restore == 0)
    return;

  if (!bulletin_window_restore_version (self->parent, self->before_restore, &error))
    {
      g_autofree char *message = bulletin_store_describe_error (error);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  self->before_restore = 0;
  reload (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Restore undone")));
  bulletin_history_window_select (self, 0);
}

static void
restore_clicked_cb (BulletinHistoryWindow *self)
{
  bulletin_history_window_restore (self);
}

static void
copy_clicked_cb (BulletinHistoryWindow *self)
{
  if (self->selected_text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->selected_text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static void
bulletin_history_window_dispose (GObject *object)
{
  BulletinHistoryWindow *self = (BulletinHistoryWindow *)object;

  g_clear_weak_pointer (&self->parent);
  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (bulletin_history_window_parent_class)->dispose (object);
}

static void
bulletin_history_window_finalize (GObject *object)
{
  BulletinHistoryWindow *self = (BulletinHistoryWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->versions);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->selected_text, g_free);

  G_OBJECT_CLASS (bulletin_history_window_parent_class)->finalize (object);
}

static void
bulletin_history_window_class_init (BulletinHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_history_window_dispose;
  object_class->finalize = bulletin_history_window_finalize;

  g_type_ensure (BULLETIN_TYPE_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bulletin-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, version_list);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, diff_view);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinHistoryWindow, leaflet);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* What a screen reader says for a version's row: when it was kept and
 * what made it, the words the row shows less its dots ("Today 14:05,
 * Autosaved, +12 words"). */
static char *
version_accessible_label (gpointer    this,
                          const char *when,
                          const char *summary)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *said = NULL;

  if (when == NULL)
    return NULL;
  if (summary == NULL || *summary == '\0')
    return g_strdup (when);
  parts = g_strsplit (summary, " · ", -1);
  said = g_strjoinv (", ", parts);
  /* TRANSLATORS: a version in the history, as a screen reader says it:
   * when it was kept, then what made it and how long it is */
  return g_strdup_printf (_("%s, %s"), when, said);
}

static void
bulletin_history_window_init (BulletinHistoryWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkTextBuffer *buffer;

  g_type_ensure (BULLETIN_TYPE_VERSION_ITEM);
  g_type_ensure (BULLETIN_TYPE_ROW_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "version_accessible_label",
                                          G_CALLBACK (version_accessible_label));
  factory = gtk_builder_list_item_factory_new_from_resource (scope, RESOURCE_PREFIX "/bulletin-version-row.ui");
  gtk_list_view_set_factory (self->version_list, factory);
  g_signal_connect_object (self->version_list, "activate", G_CALLBACK (version_activated_cb), self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    /* beside the rows' own gestures, which claim the click */
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "released", G_CALLBACK (list_released_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->version_list), GTK_EVENT_CONTROLLER (click));
  }
  bulletin_accessibility_name_buttons (GTK_WIDGET (self));

  /* Colours and strike-through both, so the changes read without colour. */
  buffer = gtk_text_view_get_buffer (self->diff_view);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    self->first_change = gtk_text_buffer_create_mark (buffer, "first-change", &start, TRUE);
  }
  {
    GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->diff_view));
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    GtkGesture *click = gtk_gesture_click_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (vadjustment, "notify::upper", G_CALLBACK (diff_height_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (scroll, "scroll-begin", G_CALLBACK (diff_user_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (scroll, "scroll", G_CALLBACK (diff_user_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (click, "pressed", G_CALLBACK (diff_user_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (diff_user_cb), self, G_CONNECT_SWAPPED);
    gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_widget_add_controller (GTK_WIDGET (self->diff_view), scroll);
    gtk_widget_add_controller (GTK_WIDGET (self->diff_view), GTK_EVENT_CONTROLLER (click));
    gtk_widget_add_controller (GTK_WIDGET (self->diff_view), keys);
  }
  gtk_text_buffer_create_tag (buffer, "added",
                              "background", "#c6efce",
                              "foreground", "#0b4f1c",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "removed",
                              "background", "#ffd7d5",
                              "foreground", "#7a1510",
                              "strikethrough", TRUE,
                              NULL);
}

/**
 * bulletin_history_window_new:
 * @parent: the window whose draft this is
 * @store: the drafts database
 * @draft_id: the draft
 *
 * Returns: (transfer floating): a new history window, transient for @parent
 */
BulletinHistoryWindow *
bulletin_history_window_new (BulletinWindow *parent,
                             BulletinStore  *store,
                             gint64          draft_id)
{
  BulletinHistoryWindow *self;
  g_autoptr(BulletinDraftInfo) info = NULL;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BULLETIN_IS_STORE (store), NULL);

  self = g_object_new (BULLETIN_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->draft_id = draft_id;
  self->versions = bulletin_versions_model_new (store, draft_id);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->versions)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selected_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->version_list, GTK_SELECTION_MODEL (self->selection));

  info = bulletin_store_get_draft (store, draft_id, NULL);
  if (info != NULL && info->title != NULL && *info->title != '\0')
    adw_view_switcher_title_set_subtitle (self->switcher_title, info->title);

  reload (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->versions)) > 0)
    bulletin_history_window_select (self, 0);

  return self;
}

guint
bulletin_history_window_get_n_versions (BulletinHistoryWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_HISTORY_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->versions));
}

gint64
bulletin_history_window_get_version_id (BulletinHistoryWindow *self,
                                        guint                  index)
{
  g_autoptr(BulletinVersionItem) item = NULL;

  g_return_val_if_fail (BULLETIN_IS_HISTORY_WINDOW (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->versions), index);
  g_return_val_if_fail (item != NULL, 0);

  return bulletin_version_item_get_id (item);
}

/**
 * bulletin_history_window_get_versions:
 * @self: a #BulletinHistoryWindow
 *
 * Returns: (transfer none): the versions listed, a #BulletinVersionItem
 *   each, newest first, and which one is selected: the list's rows show
 *   them
 */
GtkSingleSelection *
bulletin_history_window_get_versions (BulletinHistoryWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_HISTORY_WINDOW (self), NULL);

  return self->selection;
}

void
bulletin_history_window_select (BulletinHistoryWindow *self,
                                guint                  index)
{
  g_return_if_fail (BULLETIN_IS_HISTORY_WINDOW (self));

  if (index < g_list_model_get_n_items (G_LIST_MODEL (self->versions)))
    gtk_single_selection_set_selected (self->selection, index);
}

BulletinPreview *
bulletin_history_window_get_preview (BulletinHistoryWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_HISTORY_WINDOW (self), NULL);

  return self->preview;
}

GtkTextView *
bulletin_history_window_get_diff_view (BulletinHistoryWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_HISTORY_WINDOW (self), NULL);

  return self->diff_view;
}
