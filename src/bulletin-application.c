/* bulletin-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-application.h"
#include "bulletin-window.h"

struct _BulletinApplication
{
  AdwApplication parent_instance;

  gint64         start_time;
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
          GFile *other = bulletin_window_get_file (l->data);

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

static void
bulletin_application_activate (GApplication *app)
{
  BulletinWindow *window = bulletin_window_new (BULLETIN_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
bulletin_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  BulletinApplication *self = BULLETIN_APPLICATION (app);

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

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
bulletin_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Shift><Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.show-preview", { "F9", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (bulletin_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
bulletin_application_class_init (BulletinApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bulletin_application_activate;
  app_class->open = bulletin_application_open;
  app_class->startup = bulletin_application_startup;
}

static void
bulletin_application_init (BulletinApplication *self)
{
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
