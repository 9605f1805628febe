/* test-ui-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Friday routine under Xvfb (issue 16): next week's update from last
 * week's, one draft per week, the drafts list across windows, the
 * placeholders, the question before sending with findings open, and the
 * history's Undo after Restore.
 */

#include "config.h"

#include <string.h>

#include "bulletin-clock.h"
#include "bulletin-check-report.h"
#include "bulletin-history-window.h"
#include "bulletin-test-ui.h"
#include "bulletin-test-util.h"
#include "bulletin-window.h"

typedef struct
{
  char           *dir;
  BulletinStore  *store;
  BulletinWindow *window;
  GtkTextBuffer  *buffer;
  gint64          now;
} Fixture;

static gint64
fake_clock (gpointer data)
{
  return ((Fixture *) data)->now;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-flow-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  /* drafts made by the test get times in order, a minute apart */
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
  bulletin_store_set_clock (f->store, fake_clock, f);

  f->window = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  f->buffer = bulletin_test_window_buffer (f->window);
  bulletin_test_wait_for_preview (bulletin_test_window_preview (f->window));
}

static void
close_other_windows (Fixture *f)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) f->window && gtk_widget_get_visible (l->data))
      bulletin_test_destroy_window (l->data);
  g_list_free (toplevels);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_other_windows (f);
  bulletin_test_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_draft (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  f->now += G_TIME_SPAN_MINUTE;
  id = bulletin_store_create_draft (f->store, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static guint
n_drafts (Fixture *f)
{
  g_autoptr(GPtrArray) drafts = bulletin_store_list_drafts (f->store, NULL, FALSE, NULL);

  return drafts != NULL ? drafts->len : 0;
}

static void
set_today (int year,
           int month,
           int day)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (year, month, day, 15, 0, 0);

  bulletin_clock_set_start (when);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *s = data;

  return bulletin_test_shows_label (s->widget, s->text, BULLETIN_TEST_MATCH_CONTAINS);
}

static BulletinWindow *
other_window (Fixture *f)
{
  BulletinWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (BULLETIN_IS_WINDOW (l->data) && l->data != (gpointer) f->window && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* ------------------------------------------------------------------ */
/* Start Next Week's From This One                                     */
/* ------------------------------------------------------------------ */

static const char *week_27 =
  "# Weekly update – week ending Friday 27 November 2026\n\n"
  "Lead message.\n\n"
  "## What else has been happening this week?\n\n"
  "### The new referral portal\n\n"
  "It went live.\n\n"
  "## What’s happening next week?\n\n"
  "- Monday 30 November: Partnership Board, Leeds\n";

/* Issue 16: Shift+Ctrl+L on the Friday the update went out started from
 * whichever draft was edited last (here a short note, then last month's
 * update looked at again) and kept the week that was ending as the
 * title. It starts from the latest week's update, names the next week,
 * and says that a promise came over as an unticked box. */
static void
test_start_next_week (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  Shows toast = { NULL, "1 unticked checklist item came over from last week" };

  set_today (2026, 11, 27);
  add_draft (f, week_27);
  add_draft (f, "# Weekly update – week ending Friday 30 October 2026\n\n"
                "## What’s happening next week?\n\n- Old news\n");
  add_draft (f, "# Car park closed on Monday\n\nUse the side entrance.\n");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-from-last-week", NULL);
  text = bulletin_test_buffer_text (f->buffer);

  g_assert_true (g_str_has_prefix (text, "# Weekly update – week ending Friday 4 December 2026\n"));
  g_assert_nonnull (strstr (text, "- [ ] Monday 30 November: Partnership Board, Leeds"));
  g_assert_null (strstr (text, "Old news"));
  g_assert_null (strstr (text, "Car park"));

  toast.widget = GTK_WIDGET (f->window);
  g_assert_true (bulletin_test_wait_until (shows_cb, &toast, BULLETIN_TEST_TIMEOUT_MS));

  /* a week later, from the window that has that update: the one after */
  {
    g_autofree char *after = NULL;
    BulletinWindow *next;

    set_today (2026, 12, 4);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-from-last-week", NULL);
    next = other_window (f);
    g_assert_nonnull (next);
    after = bulletin_test_buffer_text (bulletin_test_window_buffer (next));
    g_assert_true (g_str_has_prefix (after, "# Weekly update – week ending Friday 11 December 2026\n"));
  }
}

/* ------------------------------------------------------------------ */
/* One draft per week                                                  */
/* ------------------------------------------------------------------ */

static void
new_weekly_update_twice (Fixture    *f,
                         const char *answer)
{
  AdwMessageDialog *dialog;
  gint64 first;

  /* Wednesday 18 November 2026: the week ends on Friday the 20th */
  set_today (2026, 11, 18);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-weekly-update", NULL);
  first = bulletin_test_window_draft_id (f->window);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpuint (n_drafts (f), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-weekly-update", NULL);
  dialog = bulletin_test_wait_for_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Weekly update – week ending Friday 20 November 2026"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (adw_message_dialog_has_response (dialog, "create"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "open");
  bulletin_test_respond (dialog, answer);
}

/* Issue 16: Ctrl+N twice made two drafts with one title. */
static void
test_same_week_open_existing (Fixture       *f,
                              gconstpointer  data)
{
  gint64 first;

  new_weekly_update_twice (f, "open");
  first = bulletin_test_window_draft_id (f->window);

  /* still the one draft, shown where it was */
  g_assert_cmpuint (n_drafts (f), ==, 1);
  g_assert_null (other_window (f));
  g_assert_cmpint (bulletin_test_window_draft_id (f->window), ==, first);
}

static gboolean
has_second_draft (gpointer data)
{
  return n_drafts (data) == 2;
}

static void
test_same_week_create_another (Fixture       *f,
                               gconstpointer  data)
{
  BulletinWindow *second;

  new_weekly_update_twice (f, "create");

  /* asked for, so made: in a window of its own */
  second = other_window (f);
  g_assert_nonnull (second);
  g_assert_true (bulletin_test_wait_until (has_second_draft, f, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_cmpint (bulletin_test_window_draft_id (second), !=, bulletin_test_window_draft_id (f->window));
}

/* ------------------------------------------------------------------ */
/* The drafts list                                                     */
/* ------------------------------------------------------------------ */

/* With BULLETIN_TEST_SCREENSHOTS=DIR, a picture of @widget as shown, for
 * a person to look at; the assertions never depend on it. */
typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} Snap;

/* a window just mapped has nothing to show until its first frame */
static gboolean
snap_cb (gpointer data)
{
  Snap *snap = data;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (snap->widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (snap->widget);
  int height = gtk_widget_get_height (snap->widget);

  if (width <= 0 || height <= 0)
    return FALSE;
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  snap->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return snap->node != NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("BULLETIN_TEST_SCREENSHOTS");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  Snap snap = { widget, NULL };
  GskRenderer *renderer;

  if (dir == NULL)
    return;

  g_assert_true (bulletin_test_wait_until (snap_cb, &snap, BULLETIN_TEST_TIMEOUT_MS));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, snap.node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  gsk_render_node_unref (snap.node);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

typedef struct
{
  BulletinDraftsPanel *panel;
  guint                n;
} PanelCount;

static gboolean
panel_shows (gpointer data)
{
  PanelCount *c = data;

  return bulletin_drafts_panel_get_n_drafts (c->panel) == c->n;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_laid_out (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_mapped (data);
}

/* the panel has slid all the way in */
static gboolean
panel_in_place (gpointer data)
{
  GtkWidget *panel = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (panel, GTK_WIDGET (gtk_widget_get_root (panel)), &bounds)
         && bounds.origin.x >= 0 && bounds.size.width > 0;
}

/* Issue 16: the list cut titles at about 28 characters, so six weekly
 * updates read alike: the week ending date, the part that differs, was
 * cut off. It wraps instead, and the panel keeps its width. */
static void
test_drafts_list_titles (Fixture       *f,
                         gconstpointer  data)
{
  BulletinDraftsPanel *panel = bulletin_test_window_drafts_panel (f->window);
  PanelCount count = { panel, 6 };
  const int days[6][2] = { { 10, 23 }, { 10, 30 }, { 11, 6 }, { 11, 13 }, { 11, 20 }, { 11, 27 } };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2026, days[i][0], days[i][1], 0, 0, 0);
      g_autofree char *date = g_date_time_format (day, "%A %-d %B %Y");
      g_autofree char *text = g_strdup_printf ("# Weekly update – week ending %s\n\n"
                                               "Lead message for the week.\n\n"
                                               "## What else has been happening this week?\n", date);

      add_draft (f, text);
    }

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (panel_shows, &count, BULLETIN_TEST_TIMEOUT_MS));

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2026, days[i][0], days[i][1], 0, 0, 0);
      g_autofree char *date = g_date_time_format (day, "%A %-d %B %Y");
      g_autofree char *title = g_strdup_printf ("Weekly update – week ending %s", date);
      GtkLabel *label = find_label (GTK_WIDGET (panel), title);

      g_assert_nonnull (label);
      g_assert_true (bulletin_test_wait_until (label_laid_out, label, BULLETIN_TEST_TIMEOUT_MS));
      /* all of it shows, the date too */
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
    }
  g_assert_true (bulletin_test_wait_until (panel_in_place, panel, BULLETIN_TEST_TIMEOUT_MS));
  /* and the panel did not widen to fit the titles on one line */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (panel)), <=, 320);

  save_screenshot (GTK_WIDGET (f->window), "drafts-list.png");
}

/* Issue 16: a window's drafts list showed 2 drafts of 6: those made in
 * other windows after it was opened were missing. */
static void
test_drafts_list_follows_other_windows (Fixture       *f,
                                        gconstpointer  data)
{
  BulletinWindow *other = g_object_new (BULLETIN_TYPE_WINDOW, "store", f->store, NULL);
  BulletinDraftsPanel *panel = bulletin_test_window_drafts_panel (other);
  PanelCount count = { panel, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  gtk_window_set_default_size (GTK_WINDOW (other), 1000, 700);
  gtk_window_present (GTK_WINDOW (other));
  gtk_widget_activate_action (GTK_WIDGET (other), "win.toggle-drafts", NULL);
  g_assert_true (bulletin_test_wait_until (panel_shows, &count, BULLETIN_TEST_TIMEOUT_MS));

  /* made in the first window */
  set_today (2026, 11, 18);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-weekly-update", NULL);
  id = bulletin_test_window_draft_id (f->window);
  g_assert_cmpint (id, >, 0);
  count.n = 1;
  g_assert_true (bulletin_test_wait_until (panel_shows, &count, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_cmpint (bulletin_drafts_panel_get_draft_id (panel, 0), ==, id);

  /* renamed there */
  g_assert_true (bulletin_store_rename_draft (f->store, id, "Friday’s update", &error));
  {
    Shows renamed = { GTK_WIDGET (panel), "Friday’s update" };

    g_assert_true (bulletin_test_wait_until (shows_cb, &renamed, BULLETIN_TEST_TIMEOUT_MS));
  }

  /* and deleted from the first window's list */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-drafts", NULL);
  gtk_widget_activate_action (GTK_WIDGET (bulletin_test_window_drafts_panel (f->window)), "drafts.trash", "x", id);
  count.n = 0;
  g_assert_true (bulletin_test_wait_until (panel_shows, &count, BULLETIN_TEST_TIMEOUT_MS));
}

/* ------------------------------------------------------------------ */
/* Placeholders                                                        */
/* ------------------------------------------------------------------ */

static void
set_details (const char *name,
             const char *role,
             const char *organisation)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.bulletin.Bulletin");

  g_settings_set_string (settings, "sender-name", name);
  g_settings_set_string (settings, "sender-role", role);
  g_settings_set_string (settings, "organisation", organisation);
}

/* Issue 16: the toast listed {{sender_name}} and had no way to
 * Preferences; filling them in afterwards left the draft as it was. */
static void
test_placeholders_filled_later (Fixture       *f,
                                gconstpointer  data)
{
  Shows asks = { GTK_WIDGET (f->window), "Add your name, your role and your organisation in Preferences to fill them in" };
  Shows button = { GTK_WIDGET (f->window), "Preferences" };
  Shows offer = { GTK_WIDGET (f->window), "Your details are in Preferences now: fill them in this draft?" };
  g_autofree char *before = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *undone = NULL;

  set_details ("", "", "");
  set_today (2026, 11, 18);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-weekly-update", NULL);
  g_assert_true (bulletin_test_wait_until (shows_cb, &asks, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_shows_label (GTK_WIDGET (f->window), button.text, BULLETIN_TEST_MATCH_CONTAINS));
  g_assert_false (bulletin_test_shows_label (GTK_WIDGET (f->window), "{{sender_name}}, ", BULLETIN_TEST_MATCH_CONTAINS));
  before = bulletin_test_buffer_text (f->buffer);
  g_assert_nonnull (strstr (before, "sent from {{sender_name}}, {{sender_role}}, {{organisation}}."));

  /* typed into Preferences, one keystroke at a time as the rows save */
  set_details ("F", "", "");
  set_details ("Fiona Kerr", "Chief Executive Lead", "Brookfield and Moorside Partnership");
  g_assert_true (bulletin_test_wait_until (shows_cb, &offer, BULLETIN_TEST_TIMEOUT_MS));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.fill-placeholders", NULL);
  filled = bulletin_test_buffer_text (f->buffer);
  g_assert_nonnull (strstr (filled, "sent from Fiona Kerr, Chief Executive Lead, Brookfield and Moorside Partnership."));
  g_assert_null (strstr (filled, "{{"));
  /* the rest as it was */
  g_assert_true (g_str_has_prefix (filled, "# Weekly update – week ending Friday 20 November 2026\n"));

  /* one Undo takes it back */
  gtk_text_buffer_undo (f->buffer);
  undone = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (undone, ==, before);

  set_details ("", "", "");
}

/* ------------------------------------------------------------------ */
/* Sending with findings open                                          */
/* ------------------------------------------------------------------ */

static const char *with_findings =
  "# Car park closed on Monday\n\n"
  "The main car park is closed for resurfacing. Read the plan [here](https://example.org/car-park).\n";

static gboolean
checked (gpointer data)
{
  BulletinCheckReport *report = bulletin_test_window_check_report (data);

  return report != NULL && report->findings->len > 0;
}

static gboolean
clipboard_has_html (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_mime_type (formats, "text/html");
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static AdwMessageDialog *
findings_question (Fixture *f)
{
  BulletinCheckReport *report;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  g_assert_true (bulletin_test_wait_until (checked, f->window, BULLETIN_TEST_TIMEOUT_MS));
  report = bulletin_test_window_check_report (f->window);
  heading = g_strdup_printf (report->findings->len == 1 ? "%u Finding Open" : "%u Findings Open",
                             report->findings->len);

  dialog = bulletin_test_wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_has_response (dialog, "review"));
  g_assert_true (adw_message_dialog_has_response (dialog, "send"));
  /* Escape, or a stray Enter, does not send */
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "review");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "review");

  return dialog;
}

/* Issue 16: Copy for Email went ahead with findings open, silently.
 * Review shows the checks and sends nothing. */
static void
test_send_review (Fixture       *f,
                  gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (f->buffer, with_findings, -1);
  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  dialog = findings_question (f);

  g_assert_true (bulletin_test_wait_until (mapped, dialog, BULLETIN_TEST_TIMEOUT_MS));
  save_screenshot (GTK_WIDGET (dialog), "findings-question.png");

  bulletin_test_respond (dialog, "review");
  g_assert_true (bulletin_test_wait_until (mapped, bulletin_test_window_checks_panel (f->window),
                                           BULLETIN_TEST_TIMEOUT_MS));
  g_assert_false (clipboard_has_html (clipboard));

  /* the exports ask the same, before asking where */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-eml", NULL);
  dialog = findings_question (f);
  bulletin_test_respond (dialog, "review");
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      g_assert_false (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data));
    g_list_free (toplevels);
  }
}

static gboolean
copied_twice (gpointer data)
{
  Fixture *f = data;
  gint64 draft = bulletin_test_window_draft_id (f->window);
  g_autoptr(GPtrArray) versions = draft ? bulletin_store_list_versions (f->store, draft, NULL) : NULL;
  guint n = 0;

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      BulletinVersionInfo *info = versions->pdata[i];

      n += info->kind == BULLETIN_VERSION_EXPORTED && g_strcmp0 (info->name, "Copied for email") == 0;
    }

  return n == 2;
}

/* Send Anyway sends, and is not asked again for the same text; a changed
 * text is a new version, and is asked about again. */
static void
test_send_anyway (Fixture       *f,
                  gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  GtkTextIter end;

  gtk_text_buffer_set_text (f->buffer, with_findings, -1);
  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  bulletin_test_respond (findings_question (f), "send");
  g_assert_true (bulletin_test_wait_until (clipboard_has_html, clipboard, BULLETIN_TEST_TIMEOUT_MS));

  /* the same text again: straight to the clipboard */
  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  g_assert_null (bulletin_test_message_dialog ());
  g_assert_true (bulletin_test_wait_until (clipboard_has_html, clipboard, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_null (bulletin_test_message_dialog ());

  /* each copy is in the history, the same text twice (issue 16) */
  g_assert_true (bulletin_test_wait_until (copied_twice, f, BULLETIN_TEST_TIMEOUT_MS));

  /* edited: asked again */
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_insert (f->buffer, &end, "Use the side entrance.\n", -1);
  gdk_clipboard_set_text (clipboard, "something else");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-for-email", NULL);
  bulletin_test_respond (findings_question (f), "review");
  g_assert_false (clipboard_has_html (clipboard));
}

/* ------------------------------------------------------------------ */
/* History                                                             */
/* ------------------------------------------------------------------ */

static BulletinHistoryWindow *
find_history (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (BULLETIN_IS_HISTORY_WINDOW (window))
        return BULLETIN_HISTORY_WINDOW (window);
    }

  return NULL;
}

static guint
find_version (Fixture               *f,
              BulletinHistoryWindow *history,
              const char            *text)
{
  for (guint i = 0; i < bulletin_history_window_get_n_versions (history); i++)
    {
      g_autofree char *t = bulletin_store_get_version_text (f->store, bulletin_history_window_get_version_id (history, i), NULL);

      if (g_strcmp0 (t, text) == 0)
        return i;
    }

  g_assert_not_reached ();
}

static BulletinHistoryWindow *
history_with (Fixture    *f,
              const char *old_text,
              const char *new_text)
{
  g_autoptr(GError) error = NULL;
  BulletinHistoryWindow *history;
  gint64 draft;

  gtk_text_buffer_set_text (f->buffer, old_text, -1);
  g_assert_true (bulletin_window_flush (f->window, &error));
  draft = bulletin_test_window_draft_id (f->window);
  g_assert_cmpint (bulletin_store_add_version (f->store, draft, old_text, BULLETIN_VERSION_NAMED,
                                               "Sent to staff", &error), >, 0);
  gtk_text_buffer_set_text (f->buffer, new_text, -1);
  g_assert_true (bulletin_window_flush (f->window, &error));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-history", NULL);
  history = find_history ();
  g_assert_nonnull (history);
  bulletin_history_window_select (history, find_version (f, history, old_text));

  return history;
}

/* Issue 16: the Restore toast had no Undo: putting back the text it
 * replaced meant finding it in the list. */
static void
test_history_undo_restore (Fixture       *f,
                           gconstpointer  data)
{
  static const char old_text[] = "# Weekly update\n\nThe stroke group met on Tuesday.\n";
  static const char new_text[] = "# Weekly update\n\nThe carers group met on Thursday.\n";
  BulletinHistoryWindow *history = history_with (f, old_text, new_text);
  Shows undo = { GTK_WIDGET (history), "Undo" };
  g_autofree char *restored = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *stored = NULL;

  bulletin_history_window_restore (history);
  restored = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (restored, ==, old_text);
  g_assert_true (bulletin_test_wait_until (shows_cb, &undo, BULLETIN_TEST_TIMEOUT_MS));

  bulletin_history_window_undo_restore (history);
  undone = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (undone, ==, new_text);
  stored = bulletin_store_get_draft_text (f->store, bulletin_test_window_draft_id (f->window), NULL);
  g_assert_cmpstr (stored, ==, new_text);

  /* the restored text is kept too: the history has both */
  g_assert_cmpuint (find_version (f, history, old_text), <, bulletin_history_window_get_n_versions (history));
  bulletin_test_destroy_window (GTK_WINDOW (history));
}

/* Undo after edits made since the restore brings back the text before
 * the restore; the edits are kept as a version. */
static void
test_history_undo_restore_after_edits (Fixture       *f,
                                       gconstpointer  data)
{
  static const char old_text[] = "# Weekly update\n\nOld words.\n";
  static const char new_text[] = "# Weekly update\n\nNew words.\n";
  BulletinHistoryWindow *history = history_with (f, old_text, new_text);
  g_autofree char *undone = NULL;
  GtkTextIter end;

  bulletin_history_window_restore (history);
  gtk_text_buffer_get_end_iter (f->buffer, &end);
  gtk_text_buffer_insert (f->buffer, &end, "Typed after.\n", -1);

  bulletin_history_window_undo_restore (history);
  undone = bulletin_test_buffer_text (f->buffer);
  g_assert_cmpstr (undone, ==, new_text);
  find_version (f, history, "# Weekly update\n\nOld words.\nTyped after.\n");
  bulletin_test_destroy_window (GTK_WINDOW (history));
}

typedef struct
{
  GtkTextView *view;
  int          offset;
} Visible;

static gboolean
change_in_view (gpointer data)
{
  Visible *v = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (v->view);
  GdkRectangle visible, where;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, v->offset);
  gtk_text_view_get_visible_rect (v->view, &visible);
  gtk_text_view_get_iter_location (v->view, &iter, &where);

  return visible.y > 0 && where.y >= visible.y && where.y + where.height <= visible.y + visible.height;
}

/* Issue 16: the Changes view opened at the top, however far down the one
 * change was. */
static void
test_history_jumps_to_change (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) old_text = g_string_new ("# Weekly update\n\n");
  g_autoptr(GString) new_text = NULL;
  BulletinHistoryWindow *history;
  GtkTextView *view;
  g_autofree char *shown = NULL;
  Visible v;

  for (int i = 0; i < 150; i++)
    g_string_append_printf (old_text, "Paragraph %d stays as it was.\n\n", i);
  new_text = g_string_new (old_text->str);
  g_string_append (old_text, "The stroke group met on Tuesday.\n");
  g_string_append (new_text, "The carers group met on Tuesday.\n");

  history = history_with (f, old_text->str, new_text->str);
  view = bulletin_history_window_get_diff_view (history);
  shown = bulletin_test_buffer_text (gtk_text_view_get_buffer (view));
  v.view = view;
  v.offset = g_utf8_pointer_to_offset (shown, strstr (shown, "The ") + strlen ("The "));

  g_assert_true (bulletin_test_wait_until (change_in_view, &v, BULLETIN_TEST_TIMEOUT_MS));
  bulletin_test_destroy_window (GTK_WINDOW (history));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  ADD ("/ui/flow/start-next-week", test_start_next_week);
  ADD ("/ui/flow/same-week/open-existing", test_same_week_open_existing);
  ADD ("/ui/flow/same-week/create-another", test_same_week_create_another);
  ADD ("/ui/flow/drafts-list/titles", test_drafts_list_titles);
  ADD ("/ui/flow/drafts-list/follows-other-windows", test_drafts_list_follows_other_windows);
  ADD ("/ui/flow/placeholders/filled-later", test_placeholders_filled_later);
  ADD ("/ui/flow/send/review", test_send_review);
  ADD ("/ui/flow/send/anyway", test_send_anyway);
  ADD ("/ui/flow/history/undo-restore", test_history_undo_restore);
  ADD ("/ui/flow/history/undo-restore-after-edits", test_history_undo_restore_after_edits);
  ADD ("/ui/flow/history/jumps-to-change", test_history_jumps_to_change);

  return g_test_run ();
}
