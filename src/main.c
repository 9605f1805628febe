/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "bulletin-application.h"

int
main (int   argc,
      char *argv[])
{
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(BulletinApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Bulletin"));

  app = bulletin_application_new (start_time);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
