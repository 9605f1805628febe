/* bulletin-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bulletin-application.h"
#include "bulletin-first-frame.h"
#include "bulletin-preferences-window.h"
#include "bulletin-session.h"
#include "bulletin-window.h"

struct _BulletinApplication
{
  AdwApplication  parent_instance;

  gint64          start_time;

  BulletinSession *session;
};

G_DEFINE_FINAL_TYPE (BulletinApplication, bulletin_application, ADW_TYPE_APPLICATION)

static BulletinWindow *
find_window_for_file (BulletinApplication *self,
                      GFile               *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (BULLETIN_IS_WINDOW (l->data))
        {
          g_autoptr(GFile) other = NULL;

          g_object_get (l->data, "file", &other, NULL);

          if (other != NULL && g_file_equal (other, file))
            return l->data;
        }
    }

  return NULL;
}

static BulletinWindow *
find_empty_window (BulletinApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (BULLETIN_IS_WINDOW (active) && bulletin_window_is_empty (BULLETIN_WINDOW (active)))
    return BULLETIN_WINDOW (active);

  return NULL;
}

/**
 * bulletin_application_get_store:
 * @self: a #BulletinApplication
 * @error: return location for why there is no store
 *
 * The drafts database, opened at start-up; see
 * bulletin_session_get_store_or_retry().
 *
 * Returns: (transfer none) (nullable): the store
 */
BulletinStore *
bulletin_application_get_store (BulletinApplication  *self,
                                GError              **error)
{
  g_return_val_if_fail (BULLETIN_IS_APPLICATION (self), NULL);

  if (self->session == NULL)
    return NULL;
  return bulletin_session_get_store_or_retry (self->session, error);
}

/**
 * bulletin_application_retry_store:
 * @self: a #BulletinApplication
 *
 * Opens the drafts database again now, if it could not be opened (the
 * user pressed Try Again).
 *
 * Returns: (transfer none) (nullable): the store
 */
BulletinStore *
bulletin_application_retry_store (BulletinApplication *self)
{
  g_return_val_if_fail (BULLETIN_IS_APPLICATION (self), NULL);

  if (self->session == NULL)
    return NULL;
  return bulletin_session_retry_store (self->session);
}

/**
 * bulletin_application_get_session:
 * @self: a #BulletinApplication
 *
 * Returns: (transfer none) (nullable): what the windows share: the drafts
 *   database and the drafts to reopen; %NULL before start-up
 */
BulletinSession *
bulletin_application_get_session (BulletinApplication *self)
{
  g_return_val_if_fail (BULLETIN_IS_APPLICATION (self), NULL);

  return self->session;
}

static void
tell_about_damaged_store (BulletinApplication *self,
                          GtkWindow           *parent)
{
  g_autofree char *moved_to = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  guint n_rescued = 0;

  moved_to = bulletin_session_take_damaged_copy (self->session, &n_rescued);
  if (moved_to == NULL)
    return;

  name = g_path_get_basename (moved_to);
  dialog = adw_message_dialog_new (parent, _("Drafts Database Was Damaged"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Bulletin could not read its drafts database, so it started a new one and rescued %u draft from the old one. The damaged file was kept as “%s” in the same folder; nothing was deleted.",
                                               "Bulletin could not read its drafts database, so it started a new one and rescued %u drafts from the old one. The damaged file was kept as “%s” in the same folder; nothing was deleted.",
                                               n_rescued),
                                  n_rescued, name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After a crash or kill, the drafts that were open come back in windows of
 * their own, with everything up to the last autosave. */
static guint
recover_orphans (BulletinApplication *self)
{
  g_autoptr(GArray) reopen = bulletin_session_take_drafts_to_reopen (self->session);

  for (guint i = 0; i < reopen->len; i++)
    {
      const BulletinReopen *draft = &g_array_index (reopen, BulletinReopen, i);
      BulletinWindow *window = bulletin_window_new (self);

      if (draft->safe_mode)
        bulletin_window_set_safe_mode (window, TRUE);
      bulletin_window_load_draft (window, draft->draft_id, TRUE);
      gtk_window_present (GTK_WINDOW (window));
    }

  return reopen->len;
}

static void
bulletin_application_activate (GApplication *app)
{
  BulletinApplication *self = BULLETIN_APPLICATION (app);
  GtkWindow *window;

  if (recover_orphans (self) == 0)
    {
      window = GTK_WINDOW (bulletin_window_new (self));
      gtk_window_present (window);
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  tell_about_damaged_store (self, window);
}

static void
bulletin_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  BulletinApplication *self = BULLETIN_APPLICATION (app);

  recover_orphans (self);

  for (int i = 0; i < n_files; i++)
    {
      BulletinWindow *window = find_window_for_file (self, files[i]);

      if (window == NULL)
        {
          window = find_empty_window (self);
          if (window == NULL)
            window = bulletin_window_new (self);
          bulletin_window_load_file (window, files[i]);
        }

      gtk_window_present (GTK_WINDOW (window));
    }

  tell_about_damaged_store (self, gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  BulletinApplication *self = user_data;
  BulletinWindow *window = bulletin_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  BulletinApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes; the application
   * quits when the last one has closed. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  BulletinApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Bulletin developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Bulletin"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Bulletin developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Write your weekly update in Markdown and send it as email"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* Logging out or `kill` sends SIGTERM: write every window's last words
 * to the drafts database before going. The drafts stay marked open, so
 * the next start brings the windows back. */
static gboolean
terminate_cb (gpointer user_data)
{
  BulletinApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (BULLETIN_IS_WINDOW (l->data) && !bulletin_window_flush (l->data, &error) && error != NULL)
        g_warning ("Could not save a draft before quitting: %s", error->message);
    }

  /* reopened at the next start, but not counted as a crash */
  if (bulletin_session_get_store (self->session) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!bulletin_store_leave_drafts_open (bulletin_session_get_store (self->session), &error))
        g_warning ("Could not note a clean exit: %s", error->message);
    }

  g_application_quit (G_APPLICATION (self));

  return G_SOURCE_CONTINUE;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  BulletinApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  BulletinPreferencesWindow *preferences = bulletin_preferences_window_new (parent);

  bulletin_preferences_window_set_store (preferences, bulletin_application_get_store (self, NULL));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

/* Every accelerator of the app: the shortcuts window must list each one
 * (test-ui-window compares the two). */
static const BulletinAccel accels[] = {
  { "app.new-window", { "<Shift><Control>n", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Shift><Control>s", NULL } },
  { "win.show-preview", { "F9", NULL } },
  { "win.focus-next-region", { "F6", NULL } },
  { "win.focus-previous-region", { "<Shift>F6", NULL } },
  { "win.show-history", { "<Shift><Control>h", NULL } },
  { "win.toggle-drafts", { "<Shift><Control>d", NULL } },
  { "win.new-weekly-update", { "<Control>n", NULL } },
  { "win.start-from-last-week", { "<Shift><Control>l", NULL } },
  { "win.toggle-library", { "<Shift><Control>b", NULL } },
  { "win.toggle-checks", { "<Shift><Control>j", NULL } },
  { "win.add-to-library", { "<Shift><Control>k", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.copy-for-email", { "<Shift><Control>c", NULL } },
  { "win.export-eml", { "<Shift><Control>e", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

/**
 * bulletin_application_get_accels:
 * @n_accels: (out): how many
 *
 * Returns: (transfer none): the actions that have keyboard shortcuts, and
 *   their shortcuts
 */
const BulletinAccel *
bulletin_application_get_accels (guint *n_accels)
{
  g_return_val_if_fail (n_accels != NULL, NULL);

  *n_accels = G_N_ELEMENTS (accels);
  return accels;
}

static gpointer
open_store_thread (gpointer data)
{
  BulletinApplication *self = data;

  self->session = bulletin_session_new (NULL);

  return NULL;
}

static void
bulletin_application_startup (GApplication *app)
{
  BulletinApplication *self = BULLETIN_APPLICATION (app);
  GThread *store_opener;

  /* The drafts database opens (the first time: creates its tables and
   * syncs them to disk) on a thread of its own while GTK starts, and is
   * there before any window asks for it. */
  store_opener = g_thread_new ("bulletin-store", open_store_thread, self);

  G_APPLICATION_CLASS (bulletin_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  g_thread_join (store_opener);

  g_unix_signal_add (SIGTERM, terminate_cb, self);
  g_unix_signal_add (SIGHUP, terminate_cb, self);
  g_unix_signal_add (SIGINT, terminate_cb, self);

  bulletin_session_tidy_async (self->session);
}

static gboolean
attach_help_overlay_cb (gpointer data)
{
  GtkApplicationWindow *window = data;
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  if (gtk_application_window_get_help_overlay (window) != NULL)
    return G_SOURCE_REMOVE;

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/bulletin-help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  if (GTK_IS_SHORTCUTS_WINDOW (overlay))
    gtk_application_window_set_help_overlay (window, GTK_SHORTCUTS_WINDOW (overlay));

  return G_SOURCE_REMOVE;
}

/* The shortcuts window (win.show-help-overlay) is built after the
 * window's first frame: built with the window, as GTK does with
 * gtk/help-overlay.ui, it took 7-11 ms of the main thread before it. */
static void
bulletin_application_window_added (GtkApplication *app,
                                   GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (bulletin_application_parent_class)->window_added (app, window);

  if (GTK_IS_APPLICATION_WINDOW (window))
    bulletin_after_first_frame (GTK_WIDGET (window), attach_help_overlay_cb,
                                g_object_ref (window), g_object_unref);
}

static void
bulletin_application_finalize (GObject *object)
{
  BulletinApplication *self = (BulletinApplication *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (bulletin_application_parent_class)->finalize (object);
}

static void
bulletin_application_class_init (BulletinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = bulletin_application_finalize;

  app_class->activate = bulletin_application_activate;
  app_class->open = bulletin_application_open;
  app_class->startup = bulletin_application_startup;

  gtk_app_class->window_added = bulletin_application_window_added;
}

static void
bulletin_application_init (BulletinApplication *self)
{
}

/* Below this size glibc serves a buffer from its heap, above it with a
 * mapping of its own that goes back to the system when freed. */
#define MMAP_THRESHOLD (128 * 1024)

/**
 * bulletin_application_tune_malloc:
 *
 * Keeps glibc's default threshold for serving big buffers with mappings
 * of their own, instead of letting it rise. Call it once, first thing,
 * in a process that shows windows.
 *
 * Every keystroke in a long draft makes a few buffers the size of the
 * draft (its text for the preview, the preview's HTML) and frees them a
 * moment later. By default glibc raises that threshold to the size of
 * the largest mapped buffer freed so far (up to 32 MB), so after the
 * first keystroke these buffers come from the heap, and between the
 * small long-lived allocations made meanwhile the heap keeps their
 * freed space: typing 2,000 characters into a 1 MB draft grew the
 * window's process by 12 MB that were free but not given back. Mapped,
 * each goes back to the system when freed, for about a millisecond of
 * page faults a keystroke on a 1 MB draft.
 */
void
bulletin_application_tune_malloc (void)
{
#ifdef __GLIBC__
  /* setting it at all turns off glibc's raising of it */
  if (mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1)
    g_debug ("Could not set the malloc mapping threshold");
#endif
}

BulletinApplication *
bulletin_application_new (gint64 start_time)
{
  BulletinApplication *self;

  self = g_object_new (BULLETIN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
  self->start_time = start_time;

  return self;
}

/**
 * bulletin_application_get_start_time:
 * @self: a #BulletinApplication
 *
 * Returns: the monotonic time at which the process started, for the
 *   startup measurement
 */
gint64
bulletin_application_get_start_time (BulletinApplication *self)
{
  g_return_val_if_fail (BULLETIN_IS_APPLICATION (self), 0);

  return self->start_time;
}
