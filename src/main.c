/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-application.h"
#include "bulletin-cli.h"
#include "bulletin-i18n.h"

int
main (int   argc,
      char *argv[])
{
  gint64 start_time = g_get_monotonic_time ();
  g_autoptr(BulletinApplication) app = NULL;
  gboolean handled = FALSE;
  int status;

  bulletin_i18n_init ();

  g_set_application_name (_("Bulletin"));

  /* before GTK, like the exports: packagers and scripts ask it anywhere */
  if (argc == 2 && g_str_equal (argv[1], "--version"))
    {
      g_print ("%s %s\n", "bulletin", PACKAGE_VERSION);
      return 0;
    }

  /* An export runs before GTK is ever initialised, so it works without a
   * display, from scripts and over ssh. */
  status = bulletin_cli_run (argc, argv, &handled);
  if (handled)
    return status;

  /* the window's process lives for hours of typing; an export does not */
  bulletin_application_tune_malloc ();

  app = bulletin_application_new (start_time);
  g_application_set_option_context_parameter_string (G_APPLICATION (app), _("[FILE…]"));
  /* only listed in --help: handled above */
  g_application_add_main_option (G_APPLICATION (app), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Show the version and exit"), NULL);
  /* only listed in --help: bulletin_cli_run() handles it before here */
  g_application_add_main_option (G_APPLICATION (app), "export", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Export INPUT.md as html, text or eml without opening a window "
                                   "(see --export --help)"),
                                 _("FORMAT"));
  g_application_add_main_option (G_APPLICATION (app), "new-update", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Print this week’s draft as Markdown, from the template or last week’s, "
                                   "with next week’s diary from a calendar (see --new-update --help)"),
                                 NULL);
  g_application_add_main_option (G_APPLICATION (app), "check", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Check FILE.md for acronyms, vague links, leftovers, dates and spelling, "
                                   "printing FILE:LINE:COLUMN: kind: message"),
                                 NULL);
  g_application_add_main_option (G_APPLICATION (app), "glossary-packs", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("With --check: the glossary packs to use, such as general,health-and-care "
                                   "(empty for none), instead of those Preferences enables"),
                                 _("IDS"));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
