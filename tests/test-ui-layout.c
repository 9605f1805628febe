/* test-ui-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's layout under Xvfb at 360, 800 and 1280 px wide (issue
 * 15): the library and the checks share one sidebar, one page at a time;
 * the preview folds away before the editor does; the editor stays
 * usable at 360 px; and an empty first start shows a welcome whose
 * buttons start an update or open a file.
 */

#include "config.h"

#include <string.h>

#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
  BulletinWindow *window;
  GSettings *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-layout-ui-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_text_buffer_set_modified (bulletin_test_window_buffer (f->window), FALSE);
      bulletin_test_close_windows (GTK_WINDOW (f->window));
    }
  g_settings_reset (f->settings, "show-checks");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  GtkWidget *widget;
  int width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *w = data;

  /* the width asked for is the window's with its frame (the shadow and
   * resize borders it draws itself without a window manager) */
  return gtk_widget_get_mapped (w->widget) &&
         gtk_widget_get_width (w->widget) <= w->width &&
         gtk_widget_get_width (w->widget) >= w->width - 24;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
insensitive (gpointer data)
{
  return !gtk_widget_is_sensitive (GTK_WIDGET (data));
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* A window as a user would have it at @width, with text in it unless
 * @empty: a new one each time, since without a window manager nothing
 * but the first size is certain to be applied. */
static void
open_window (Fixture  *f,
             int       width,
             gboolean  empty)
{
  WidthWait wait;

  if (f->window != NULL)
    {
      gtk_text_buffer_set_modified (bulletin_test_window_buffer (f->window), FALSE);
      bulletin_test_close_windows (GTK_WINDOW (f->window));
    }

  /* the checks' sidebar is remembered open from the window before */
  g_settings_reset (f->settings, "show-checks");
  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  if (!empty)
    gtk_text_buffer_set_text (bulletin_test_window_buffer (f->window),
                              "# Weekly update\n\nThe new rota starts on Monday.\n", -1);

  /* not wider than asked: everything in the window fits the width */
  wait.widget = GTK_WIDGET (f->window);
  wait.width = width;
  if (!bulletin_test_wait_until (has_width, &wait, BULLETIN_TEST_TIMEOUT_MS))
    g_error ("asked for %d px, the window is %d px wide", width, gtk_widget_get_width (wait.widget));
}

static GtkWidget *
header_toggle (Fixture    *f,
               const char *icon)
{
  GtkWidget *header = bulletin_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *button;

  g_assert_nonnull (header);
  button = bulletin_test_find_widget (header, GTK_TYPE_TOGGLE_BUTTON, icon);
  if (button == NULL)  /* the checks button shows its icon in a button content */
    {
      GtkWidget *content = bulletin_test_find_widget (header, ADW_TYPE_BUTTON_CONTENT, icon);

      g_assert_nonnull (content);
      button = gtk_widget_get_ancestor (content, GTK_TYPE_TOGGLE_BUTTON);
    }
  g_assert_nonnull (button);
  return button;
}

static gboolean
toggle_active (GtkWidget *button)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

static gboolean
bounds_overlap (GtkWidget *a,
                GtkWidget *b,
                GtkWidget *root)
{
  graphene_rect_t ra, rb;

  g_assert_true (gtk_widget_compute_bounds (a, root, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, root, &rb));
  return graphene_rect_intersection (&ra, &rb, NULL);
}

static gboolean
inside_window (GtkWidget *widget,
               GtkWidget *window)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &r));
  return r.origin.x >= 0 && r.origin.x + r.size.width <= gtk_widget_get_width (window) + 0.5;
}

typedef struct
{
  GtkWidget *widget;
  GtkWidget *window;
} InsideWait;

static gboolean
shown_inside (gpointer data)
{
  InsideWait *w = data;

  return gtk_widget_get_mapped (w->widget) && inside_window (w->widget, w->window);
}

/* mapped, and slid in all the way (a sidebar moves in from the edge) */
static void
wait_shown_inside (GtkWidget *widget,
                   GtkWidget *window)
{
  InsideWait wait = { widget, window };

  g_assert_true (bulletin_test_wait_until (shown_inside, &wait, BULLETIN_TEST_TIMEOUT_MS));
}

static const int widths[] = { 360, 800, 1280 };

/* Library then checks: one end sidebar, showing the checks only, with
 * the header's toggles following; the checks toggled off close it. */
static void
test_one_end_panel (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWidget *library, *checks, *library_button, *checks_button, *editor;

      g_test_message ("%d px wide", widths[i]);
      open_window (f, widths[i], FALSE);
      checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
      editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
      checks_button = header_toggle (f, "tools-check-spelling-symbolic");

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-library", NULL);
      library = GTK_WIDGET (bulletin_test_window_library_panel (f->window));
      wait_shown_inside (library, GTK_WIDGET (f->window));
      g_assert_false (gtk_widget_get_mapped (checks));

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
      wait_shown_inside (checks, GTK_WIDGET (f->window));
      g_assert_true (bulletin_test_wait_until (widget_unmapped, library, BULLETIN_TEST_TIMEOUT_MS));
      g_assert_true (toggle_active (checks_button));
      /* at 360 px the library's toggle has made way; it is there wider */
      if (widths[i] > 360)
        {
          library_button = header_toggle (f, "insert-text-symbolic");
          g_assert_false (toggle_active (library_button));
        }

      /* beside the text where there is room; over it only when there is not */
      if (widths[i] >= 800)
        g_assert_false (bounds_overlap (checks, editor, GTK_WIDGET (f->window)));

      /* the page shown, toggled off: the sidebar closes */
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
      g_assert_true (bulletin_test_wait_until (widget_unmapped, checks, BULLETIN_TEST_TIMEOUT_MS));
      g_assert_false (gtk_widget_get_mapped (library));
      g_assert_false (toggle_active (checks_button));
    }
}

/* The switcher on top of the sidebar moves the header's toggles too. */
static void
test_switcher_follows (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *library, *checks, *library_button, *checks_button, *stack;

  open_window (f, 1280, FALSE);
  checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
  library_button = header_toggle (f, "insert-text-symbolic");
  checks_button = header_toggle (f, "tools-check-spelling-symbolic");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (checks_button), TRUE);
  g_assert_true (bulletin_test_wait_until (widget_mapped, checks, BULLETIN_TEST_TIMEOUT_MS));

  /* the library's page, chosen in the switcher, builds its panel */
  stack = gtk_widget_get_ancestor (checks, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "library");
  library = GTK_WIDGET (bulletin_test_window_library_panel (f->window));
  g_assert_true (bulletin_test_wait_until (widget_mapped, library, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (toggle_active (library_button));
  g_assert_false (toggle_active (checks_button));

  /* the library toggled off from the header: nothing is left open */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (library_button), FALSE);
  g_assert_true (bulletin_test_wait_until (widget_unmapped, library, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_mapped (checks));
}

/* The preview goes first: beside an open sidebar at 800 px it has
 * folded away while the editor keeps its room; at 1280 px both show. */
static void
test_preview_folds_first (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *editor, *preview, *checks;

  open_window (f, 1280, FALSE);
  editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
  preview = GTK_WIDGET (bulletin_test_window_preview (f->window));
  checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
  g_assert_true (bulletin_test_wait_until (widget_mapped, preview, BULLETIN_TEST_TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, checks, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (preview));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_false (bounds_overlap (preview, checks, GTK_WIDGET (f->window)));

  open_window (f, 800, FALSE);
  editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
  preview = GTK_WIDGET (bulletin_test_window_preview (f->window));
  checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
  g_assert_true (bulletin_test_wait_until (widget_mapped, preview, BULLETIN_TEST_TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, checks, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (widget_unmapped, preview, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_false (bounds_overlap (editor, checks, GTK_WIDGET (f->window)));
  /* and the preview's toggle says it can do nothing here */
  g_assert_true (bulletin_test_wait_until (insensitive, header_toggle (f, "view-dual-symbolic"),
                                           BULLETIN_TEST_TIMEOUT_MS));

  /* the sidebar closed, there is room again */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, preview, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (editor));
}

/* 360 px: the editor alone, the whole width, nothing cut off. */
static void
test_narrow_editor (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *editor, *preview;

  open_window (f, 360, FALSE);
  editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
  preview = GTK_WIDGET (bulletin_test_window_preview (f->window));
  g_assert_true (bulletin_test_wait_until (widget_mapped, editor, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_mapped (preview));
  g_assert_true (inside_window (editor, GTK_WIDGET (f->window)));
  g_assert_cmpint (gtk_widget_get_width (editor), >=, 300);

  /* the drafts cover the editor as they open, and close again */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  wait_shown_inside (GTK_WIDGET (bulletin_test_window_drafts_panel (f->window)), GTK_WIDGET (f->window));
  /* opening the checks over them closes them: one sidebar over the text */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, bulletin_test_window_checks_panel (f->window),
                                           BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (widget_unmapped, bulletin_test_window_drafts_panel (f->window),
                                           BULLETIN_TEST_TIMEOUT_MS));
}

/* the welcome, not the status page of an empty panel */
static GtkWidget *
welcome (Fixture *f)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, f->window);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_STATUS_PAGE (w) &&
          g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (w)), "Write This Week’s Update") == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return NULL;
}

static gboolean
has_text (gpointer data)
{
  Fixture *f = data;

  return gtk_text_buffer_get_char_count (bulletin_test_window_buffer (f->window)) > 0;
}

static gboolean
file_chooser_shown (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_mapped (l->data))
      found = TRUE;
  g_list_free (toplevels);

  return found;
}

/* First start: an empty draft shows the welcome, not a blank editor;
 * its New Weekly Update starts this week's update in the editor. */
static void
test_welcome_new_update (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *page, *button, *editor;

  g_settings_set_string (f->settings, "week-ends-on", "friday");
  open_window (f, 1280, TRUE);
  page = welcome (f);
  editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
  g_assert_nonnull (page);
  g_assert_true (bulletin_test_wait_until (widget_mapped, page, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_mapped (editor));

  button = find_button (page, "_New Weekly Update");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (bulletin_test_wait_until (has_text, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (widget_mapped, editor, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_mapped (page));
  text = bulletin_test_buffer_text (bulletin_test_window_buffer (f->window));
  /* the weekly template, dated for the fixed week (BULLETIN_TODAY) */
  g_assert_nonnull (strstr (text, "20 November 2026"));

  g_settings_reset (f->settings, "week-ends-on");
}

/* Its Open… asks for a file; typing text in shows the editor. */
static void
test_welcome_open (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page, *button;
  GList *toplevels;

  open_window (f, 800, TRUE);
  page = welcome (f);
  g_assert_nonnull (page);
  g_assert_true (bulletin_test_wait_until (widget_mapped, page, BULLETIN_TEST_TIMEOUT_MS));

  button = find_button (page, "_Open…");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (bulletin_test_wait_until (file_chooser_shown, NULL, BULLETIN_TEST_TIMEOUT_MS));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_DIALOG (l->data) && GTK_IS_FILE_CHOOSER (l->data))
      gtk_dialog_response (l->data, GTK_RESPONSE_CANCEL);
  g_list_free (toplevels);
  /* cancelled: still the welcome */
  g_assert_true (gtk_widget_get_mapped (page));

  gtk_text_buffer_insert_at_cursor (bulletin_test_window_buffer (f->window), "Hello", -1);
  g_assert_true (bulletin_test_wait_until (widget_mapped, bulletin_test_window_text_view (f->window),
                                           BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (gtk_widget_get_mapped (page));

  /* emptied again, the text stays in the editor: the welcome is for a
   * window that never had any */
  gtk_text_buffer_set_text (bulletin_test_window_buffer (f->window), "", -1);
  bulletin_test_wait_queued ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bulletin_test_window_text_view (f->window))));
}

static gboolean
checks_done (gpointer data)
{
  Fixture *f = data;

  return bulletin_test_window_check_report (f->window) != NULL && !bulletin_test_window_is_checking (f->window);
}

/* Issue 15: a first start showed a findings badge of 2 on an empty
 * document. */
static void
test_empty_draft_no_findings (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *header, *content;

  open_window (f, 1280, TRUE);
  g_assert_true (bulletin_test_wait_until (checks_done, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_cmpuint (bulletin_test_window_check_report (f->window)->findings->len, ==, 0);

  header = bulletin_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR, NULL);
  content = bulletin_test_find_widget (header, ADW_TYPE_BUTTON_CONTENT, "tools-check-spelling-symbolic");
  g_assert_nonnull (content);
  g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), ==, "");
}

static gboolean
focus_in (BulletinWindow *window,
          GtkWidget      *region)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == region || gtk_widget_is_ancestor (focus, region));
}

static void
press_f6 (Fixture  *f,
          gboolean  backwards)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window),
                              backwards ? "win.focus-previous-region" : "win.focus-next-region",
                              NULL);
}

/* F6 goes round the regions that are shown, start to end, and Shift+F6
 * back: a keyboard user reaches the preview or a sidebar in one key. */
static void
test_f6_moves_between_regions (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *editor, *preview, *checks, *drafts;
  GtkWidget *order[4];
  guint n = 0;

  open_window (f, 1280, FALSE);
  editor = GTK_WIDGET (bulletin_test_window_text_view (f->window));
  preview = GTK_WIDGET (bulletin_test_window_preview (f->window));
  checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
  drafts = bulletin_test_find_widget (GTK_WIDGET (f->window), BULLETIN_TYPE_DRAFTS_PANEL, NULL);
  g_assert_nonnull (drafts);
  g_assert_true (bulletin_test_wait_until (widget_mapped, preview, BULLETIN_TEST_TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, checks, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (widget_mapped, drafts, BULLETIN_TEST_TIMEOUT_MS));

  /* the regions shown, in the order they stand in */
  order[n++] = drafts;
  order[n++] = editor;
  if (gtk_widget_get_mapped (preview))
    order[n++] = preview;
  order[n++] = checks;

  g_assert_true (gtk_widget_grab_focus (editor));
  for (guint step = 1; step <= n; step++)
    {
      press_f6 (f, FALSE);
      if (!focus_in (f->window, order[(1 + step) % n]))
        g_error ("F6 %u times from the editor: the focus is not in %s",
                 step, G_OBJECT_TYPE_NAME (order[(1 + step) % n]));
    }
  g_assert_true (focus_in (f->window, editor));

  press_f6 (f, TRUE);
  g_assert_true (focus_in (f->window, drafts));
  press_f6 (f, TRUE);
  g_assert_true (focus_in (f->window, checks));

  /* a region folded away is skipped */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_unmapped, drafts, BULLETIN_TEST_TIMEOUT_MS));
  press_f6 (f, FALSE);
  g_assert_true (focus_in (f->window, editor));
}

/* Closing one side panel leaves the focus where it is in the other: a
 * toggle button there (the checks' menu) is not the closed panel's own
 * button, which is the one that sends the focus back to the text. */
static void
test_closing_panel_keeps_focus_elsewhere (Fixture       *f,
                                          gconstpointer  data)
{
  GtkWidget *checks, *drafts, *menu;

  open_window (f, 1280, FALSE);
  checks = GTK_WIDGET (bulletin_test_window_checks_panel (f->window));
  drafts = GTK_WIDGET (bulletin_test_window_drafts_panel (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-checks", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_mapped, checks, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (widget_mapped, drafts, BULLETIN_TEST_TIMEOUT_MS));

  menu = bulletin_test_find_widget (checks, GTK_TYPE_MENU_BUTTON, "view-more-symbolic");
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_grab_focus (menu));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (gtk_root_get_focus (GTK_ROOT (f->window))));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (widget_unmapped, drafts, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (focus_in (f->window, menu));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/layout/one-end-panel", test_one_end_panel);
  ADD ("/ui/layout/switcher-follows", test_switcher_follows);
  ADD ("/ui/layout/preview-folds-first", test_preview_folds_first);
  ADD ("/ui/layout/narrow-editor", test_narrow_editor);
  ADD ("/ui/layout/welcome-new-update", test_welcome_new_update);
  ADD ("/ui/layout/welcome-open", test_welcome_open);
  ADD ("/ui/layout/empty-draft-no-findings", test_empty_draft_no_findings);
  ADD ("/ui/layout/f6-moves-between-regions", test_f6_moves_between_regions);
  ADD ("/ui/layout/closing-panel-keeps-focus-elsewhere", test_closing_panel_keeps_focus_elsewhere);

  return g_test_run ();
}
