/* test-ui-diary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fill Next Week's Diary for real, under Xvfb: the calendar of
 * Preferences (the fixture, so no file chooser), the picker with every
 * event ticked, one unticked, and the bullets in the draft and the
 * preview. TZ is London's (tests/meson.build), as the fixture's times.
 *
 * With BULLETIN_TEST_SCREENSHOT_DIR set, the picker is saved there as
 * diary-picker.png, and Preferences with the calendar as
 * diary-preferences.png.
 */

#include "config.h"

#include <string.h>

#include "bulletin-preferences-window.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

static const char draft[] =
  "# Weekly update – week ending Friday 4 December 2026\n"
  "\n"
  "Hello all.\n"
  "\n"
  "## What else has been happening this week?\n"
  "\n"
  "- The new rota started.\n"
  "\n"
  "## What’s happening next week?\n"
  "\n"
  "- The first event, with its day\n"
  "\n"
  "## Contact\n"
  "\n"
  "Fiona\n";

typedef struct
{
  BulletinWindow *window;
  GtkTextBuffer  *buffer;
  BulletinPreview *preview;
  GSettings      *settings;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_set_string (f->settings, "sender-email", "Fiona Kerr <fiona.kerr@brookfield.test>");

  f->window = bulletin_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  f->preview = bulletin_test_window_preview (f->window);
  bulletin_test_wait_for_preview (f->preview);

  gtk_text_buffer_set_text (f->buffer, draft, -1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_text_buffer_set_modified (f->buffer, FALSE);
  bulletin_test_close_windows (GTK_WINDOW (f->window));
  g_settings_reset (f->settings, "calendar-file");
  g_settings_reset (f->settings, "sender-email");
  g_clear_object (&f->settings);
}

/* The AdwMessageDialog over the window with @heading, if one is shown */
static AdwMessageDialog *
find_dialog (Fixture    *f,
             const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_window_get_transient_for (window) == GTK_WINDOW (f->window)
          && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  const char *heading;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *w = data;

  return find_dialog (w->f, w->heading) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (Fixture    *f,
                 const char *heading)
{
  DialogWait w = { f, heading };

  g_assert_true (bulletin_test_wait_until (dialog_shown, &w, BULLETIN_TEST_TIMEOUT_MS));
  return find_dialog (f, heading);
}

static void
collect_named (GtkWidget  *widget,
               const char *name,
               GPtrArray  *out)
{
  /* a dialog's tree is a few dozen widgets deep at most */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        g_ptr_array_add (out, child);
      collect_named (child, name, out);
    }
}

static gboolean
preview_shows (gpointer data)
{
  Fixture *f = data;
  g_autofree char *text = bulletin_test_preview_text (f->preview);

  return strstr (text, "Monday 7 December: Partnership Board, Leeds") != NULL;
}

typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} Shot;

/* drawn once it is mapped and laid out: a snapshot is empty before */
static gboolean
snapshot_taken (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (!gtk_widget_get_mapped (shot->widget) || gtk_widget_get_width (shot->widget) == 0)
    return FALSE;

  paintable = gtk_widget_paintable_new (shot->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (shot->widget), gtk_widget_get_height (shot->widget));
  shot->node = gtk_snapshot_free_to_node (snapshot);
  return shot->node != NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("BULLETIN_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  Shot shot = { widget, NULL };

  if (dir == NULL || *dir == '\0')
    return;

  g_assert_true (bulletin_test_wait_until (snapshot_taken, &shot, BULLETIN_TEST_TIMEOUT_MS));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), shot.node, NULL);
  gsk_render_node_unref (shot.node);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Every event of the week is offered, ticked; the one unticked stays out;
 * the rest replace the template's placeholder, in the draft and in the
 * preview, as one undo step; Preferences keeps the calendar. */
static void
test_pick_and_insert (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ics = bulletin_test_fixture_path ("diary-brookfield.ics");
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GPtrArray) remember = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *section = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *kept = NULL;
  AdwMessageDialog *dialog;

  g_settings_set_string (f->settings, "calendar-file", ics);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fill-diary", NULL);
  dialog = wait_for_dialog (f, "Next Week’s Diary");

  collect_named (GTK_WIDGET (dialog), "diary-event", events);
  collect_named (GTK_WIDGET (dialog), "diary-remember", remember);
  g_assert_cmpuint (events->len, ==, 11);
  g_assert_cmpuint (remember->len, ==, 1);
  for (guint i = 0; i < events->len; i++)
    g_assert_true (gtk_check_button_get_active (events->pdata[i]));
  g_assert_cmpstr (gtk_check_button_get_label (events->pdata[0]), ==, "Monday 7 December: Leadership team");
  /* the calendar's text as it is, not its Markdown escapes */
  g_assert_cmpstr (gtk_check_button_get_label (events->pdata[10]), ==,
                   "Sunday 13 December: Board *draft* papers [review] <due>");
  g_assert_true (gtk_check_button_get_active (remember->pdata[0]));

  save_screenshot (GTK_WIDGET (dialog), "diary-picker.png");

  gtk_check_button_set_active (events->pdata[0], FALSE);
  adw_message_dialog_response (dialog, "insert");

  text = bulletin_test_buffer_text (f->buffer);
  section = g_strdup (strstr (text, "## What’s happening next week?"));
  g_assert_nonnull (section);
  *strstr (section, "## Contact") = '\0';
  g_assert_cmpstr (section, ==,
                   "## What’s happening next week?\n"
                   "\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Tuesday 8 December to Wednesday 9 December: Digital inclusion conference, Harrogate\n"
                   "- Tuesday 8 December: Site huddle\n"
                   "- Tuesday 8 December: Primary care network forum\n"
                   "- Wednesday 9 December: Governors' meeting, Brookfield Hospital\n"
                   "- Thursday 10 December: Call with the US digital health network\n"
                   "- Thursday 10 December: Finance and performance committee, Room 4, County Hall\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n"
                   "- Saturday 12 December: Volunteer thank-you lunch\n"
                   "- Sunday 13 December: Board \\*draft\\* papers \\[review\\] \\<due\\>\n"
                   "\n");
  /* the rest of the draft as it was */
  g_assert_true (g_str_has_prefix (text, "# Weekly update – week ending Friday 4 December 2026\n\nHello all.\n"));
  g_assert_true (g_str_has_suffix (text, "## Contact\n\nFiona\n"));

  g_assert_true (bulletin_test_wait_until (preview_shows, f, BULLETIN_TEST_TIMEOUT_MS));
  shown = bulletin_test_preview_text (f->preview);
  g_assert_nonnull (strstr (shown, "Sunday 13 December: Board *draft* papers [review] <due>"));
  g_assert_null (strstr (shown, "Leadership team"));
  g_assert_null (strstr (shown, "The first event, with its day"));

  kept = g_settings_get_string (f->settings, "calendar-file");
  g_assert_cmpstr (kept, ==, ics);

  /* one step back is the draft before */
  gtk_text_buffer_undo (f->buffer);
  undone = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (undone, ==, draft);
}

/* With the times, the bullets say when in the day (an all-day event has
 * no time); unticking "Read this calendar each time" clears it from
 * Preferences */
static void
test_times_and_forget (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ics = bulletin_test_fixture_path ("diary-brookfield.ics");
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GPtrArray) times = g_ptr_array_new ();
  g_autoptr(GPtrArray) remember = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;
  AdwMessageDialog *dialog;

  g_settings_set_string (f->settings, "calendar-file", ics);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fill-diary", NULL);
  dialog = wait_for_dialog (f, "Next Week’s Diary");

  collect_named (GTK_WIDGET (dialog), "diary-event", events);
  collect_named (GTK_WIDGET (dialog), "diary-times", times);
  collect_named (GTK_WIDGET (dialog), "diary-remember", remember);
  g_assert_cmpuint (times->len, ==, 1);
  g_assert_false (gtk_check_button_get_active (times->pdata[0]));

  gtk_check_button_set_active (times->pdata[0], TRUE);
  g_assert_cmpstr (gtk_check_button_get_label (events->pdata[1]), ==,
                   "Monday 7 December, 10.30: Partnership Board, Leeds");
  for (guint i = 0; i < events->len; i++)
    gtk_check_button_set_active (events->pdata[i], i == 1 || i == 2);
  gtk_check_button_set_active (remember->pdata[0], FALSE);
  adw_message_dialog_response (dialog, "insert");

  text = bulletin_test_buffer_text (f->buffer);
  g_assert_nonnull (strstr (text,
                            "## What’s happening next week?\n"
                            "\n"
                            "- Monday 7 December, 10.30: Partnership Board, Leeds\n"
                            "- Tuesday 8 December to Wednesday 9 December: Digital inclusion conference, Harrogate\n"
                            "\n"
                            "## Contact\n"));
  kept = g_settings_get_string (f->settings, "calendar-file");
  g_assert_cmpstr (kept, ==, "");
}

/* Preferences shows the calendar the picker remembered, and clears it */
static void
test_preferences_row (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *ics = bulletin_test_fixture_path ("diary-brookfield.ics");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) clears = g_ptr_array_new ();
  g_autofree char *kept = NULL;
  BulletinPreferencesWindow *prefs;

  g_settings_set_string (f->settings, "calendar-file", ics);
  prefs = bulletin_preferences_window_new (GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (prefs));

  collect_named (GTK_WIDGET (prefs), "calendar-file-row", rows);
  collect_named (GTK_WIDGET (prefs), "calendar-file-clear", clears);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (clears->len, ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[0]), ==, ics);
  g_assert_true (gtk_widget_get_sensitive (clears->pdata[0]));
  save_screenshot (GTK_WIDGET (prefs), "diary-preferences.png");

  g_signal_emit_by_name (clears->pdata[0], "clicked");
  kept = g_settings_get_string (f->settings, "calendar-file");
  g_assert_cmpstr (kept, ==, "");
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[0]), ==, "None: a calendar is chosen each time");
  g_assert_false (gtk_widget_get_sensitive (clears->pdata[0]));

  bulletin_test_destroy_window (GTK_WINDOW (prefs));
}

/* A file that is no calendar: the error says so, the draft is untouched */
static void
test_not_a_calendar (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *md = bulletin_test_fixture_path ("weekly-update-volunteers.md");
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;

  g_settings_set_string (f->settings, "calendar-file", md);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fill-diary", NULL);
  dialog = wait_for_dialog (f, "The Calendar Could Not Be Read");

  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "This file isn’t a calendar (.ics)");
  adw_message_dialog_response (dialog, "close");
  text = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (text, ==, draft);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/diary/pick-and-insert", test_pick_and_insert);
  ADD ("/ui/diary/times-and-forget", test_times_and_forget);
  ADD ("/ui/diary/preferences-row", test_preferences_row);
  ADD ("/ui/diary/not-a-calendar", test_not_a_calendar);

  return g_test_run ();
}
