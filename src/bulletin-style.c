/* bulletin-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "bulletin-style.h"

static void
update_scheme (GtkSourceBuffer *buffer)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, "classic");

  gtk_source_buffer_set_style_scheme (buffer, scheme);
}

/**
 * bulletin_style_follow_dark:
 * @buffer: the buffer of a source view
 *
 * Gives @buffer the style scheme of the application's light or dark
 * style, now and whenever it changes: a source view keeps the white
 * "classic" scheme otherwise, in a dark window too.
 */
void
bulletin_style_follow_dark (GtkSourceBuffer *buffer)
{
  g_return_if_fail (GTK_SOURCE_IS_BUFFER (buffer));

  update_scheme (buffer);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), buffer, G_CONNECT_SWAPPED);
}
