/* bulletin-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-i18n.h"

/* The shipped text that is data rather than messages (the weekly
 * template, the section library a new database starts with) has a copy
 * per language in the resources, under RESOURCE_PREFIX/<lang>/, added
 * by hand like a .po file: data/<lang>/ in the source tree. */

/**
 * bulletin_i18n_init:
 *
 * Sets the locale from the environment and binds Bulletin's message
 * catalogue. The catalogue is looked for in $BULLETIN_LOCALEDIR when it
 * is set, so the tests can run on the build tree's po/ (meson builds
 * po/<lang>/LC_MESSAGES/bulletin.mo there); otherwise in the installed
 * LOCALEDIR.
 */
void
bulletin_i18n_init (void)
{
  const char *dir = g_getenv ("BULLETIN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* The resource for @lang (a name such as "de_DE.UTF-8" or "de"), trying
 * the language as written, then without its codeset and modifier, then
 * without its territory. */
static GBytes *
lookup_in (const char *lang,
           const char *name)
{
  g_autofree char *plain = g_strndup (lang, strcspn (lang, ".@"));
  g_autofree char *base = g_strndup (lang, strcspn (lang, "_.@"));
  const char *candidates[] = { lang, plain, base };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = NULL;
      GBytes *bytes;

      if (*candidates[i] == '\0' || strchr (candidates[i], '/') != NULL)
        continue;
      path = g_strconcat (RESOURCE_PREFIX "/", candidates[i], "/", name, NULL);
      bytes = g_resources_lookup_data (path, 0, NULL);
      if (bytes != NULL)
        return bytes;
    }

  return NULL;
}

/* gettext ignores $LANGUAGE when the messages locale is "C" or "POSIX";
 * so does this, so the data never comes in another language than the
 * menus. */
static gboolean
messages_in_c_locale (void)
{
  const char *current = setlocale (LC_MESSAGES, NULL);

  return current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX");
}

static GBytes *
lookup_localised (const char *name)
{
  const char * const *langs = g_get_language_names_with_category ("LC_MESSAGES");

  if (messages_in_c_locale ())
    return NULL;

  for (guint i = 0; langs[i] != NULL; i++)
    {
      GBytes *bytes;

      /* English is the untranslated resource itself */
      if (g_str_equal (langs[i], "C") || g_str_has_prefix (langs[i], "C.")
          || g_str_has_prefix (langs[i], "en"))
        return NULL;

      bytes = lookup_in (langs[i], name);
      if (bytes != NULL)
        return bytes;
    }

  return NULL;
}

/**
 * bulletin_i18n_lookup_data:
 * @name: a file of data/, such as "weekly-template.md"
 * @error: return location for an error
 *
 * Returns: (transfer full): the copy of @name in the first language of
 *   the user's that has one, else the English original
 */
GBytes *
bulletin_i18n_lookup_data (const char  *name,
                           GError     **error)
{
  g_autofree char *path = NULL;
  GBytes *bytes;

  g_return_val_if_fail (name != NULL, NULL);

  bytes = lookup_localised (name);
  if (bytes != NULL)
    return bytes;

  path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);
  return g_resources_lookup_data (path, 0, error);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * bulletin_i18n_lookup_all_data:
 * @name: a file of data/, such as "weekly-template.md"
 *
 * For what must be recognised in any language whatever the user's (the
 * template's headings and example lines in a draft).
 *
 * Returns: (transfer container) (element-type GBytes): the English
 *   original first, then every translated copy of @name, by language
 */
GPtrArray *
bulletin_i18n_lookup_all_data (const char *name)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *path = NULL;
  g_auto(GStrv) children = NULL;
  GBytes *bytes;

  g_return_val_if_fail (name != NULL, all);

  path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);
  bytes = g_resources_lookup_data (path, 0, NULL);
  if (bytes != NULL)
    g_ptr_array_add (all, bytes);

  children = g_resources_enumerate_children (RESOURCE_PREFIX "/", 0, NULL);
  if (children == NULL)
    return all;
  qsort (children, g_strv_length (children), sizeof (char *), compare_names);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *child = NULL;

      /* the languages are the folders, named with a closing "/" */
      if (!g_str_has_suffix (children[i], "/"))
        continue;
      child = g_strconcat (RESOURCE_PREFIX "/", children[i], name, NULL);
      bytes = g_resources_lookup_data (child, 0, NULL);
      if (bytes != NULL)
        g_ptr_array_add (all, bytes);
    }

  return all;
}
