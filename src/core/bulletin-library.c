/* bulletin-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-library.h"

/* The library travels as one GKeyFile: readable, diffable, and parsed by
 * GLib, so an office can keep its shared sections in a plain file. */

#define GROUP_HEADER "Bulletin Library"
#define FORMAT_VERSION 1

G_DEFINE_QUARK (bulletin-library-error-quark, bulletin_library_error)

/**
 * bulletin_library_export:
 * @sections: (element-type BulletinSection): what to export
 *
 * Returns: (transfer full): the library file's text
 */
char *
bulletin_library_export (GPtrArray *sections)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_return_val_if_fail (sections != NULL, NULL);

  g_key_file_set_integer (keyfile, GROUP_HEADER, "Version", FORMAT_VERSION);

  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *section = sections->pdata[i];
      g_autofree char *group = g_strdup_printf ("Section %u", i + 1);

      g_key_file_set_string (keyfile, group, "Name", section->name);
      g_key_file_set_string (keyfile, group, "Category", section->category);
      g_key_file_set_string (keyfile, group, "Body", section->body);
    }

  return g_key_file_to_data (keyfile, NULL, NULL);
}

/**
 * bulletin_library_parse:
 * @data: a library file's contents
 * @len: their length, or -1
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinSection): the
 *   sections in the file, in its order (ids are 0)
 */
GPtrArray *
bulletin_library_parse (const char  *data,
                        gssize       len,
                        GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_section_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  int version;

  g_return_val_if_fail (data != NULL, NULL);

  if (len < 0)
    len = strlen (data);

  if (!g_utf8_validate (data, len, NULL) ||
      !g_key_file_load_from_data (keyfile, data, len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This is not a Bulletin section library file"));
      return NULL;
    }

  version = g_key_file_get_integer (keyfile, GROUP_HEADER, "Version", &local_error);
  if (local_error != NULL || version < 1)
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This is not a Bulletin section library file"));
      return NULL;
    }
  if (version > FORMAT_VERSION)
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This library was written by a newer version of Bulletin"));
      return NULL;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      BulletinSection *section;
      g_autofree char *name = NULL;

      if (!g_str_has_prefix (groups[i], "Section "))
        continue;

      name = g_key_file_get_string (keyfile, groups[i], "Name", NULL);
      if (name == NULL || *g_strstrip (name) == '\0')
        continue;

      section = g_new0 (BulletinSection, 1);
      section->name = g_steal_pointer (&name);
      section->category = g_key_file_get_string (keyfile, groups[i], "Category", NULL);
      if (section->category == NULL || *section->category == '\0')
        {
          g_free (section->category);
          section->category = g_strdup (_("Imported"));
        }
      section->body = g_key_file_get_string (keyfile, groups[i], "Body", NULL);
      if (section->body == NULL)
        section->body = g_strdup ("");
      section->position = sections->len;
      g_ptr_array_add (sections, section);
    }

  return g_steal_pointer (&sections);
}

static char *
free_name (BulletinStore *store,
           const char    *name)
{
  for (guint n = 2; n < 1000; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s (%u)", name, n);
      g_autoptr(BulletinSection) taken = bulletin_store_find_section (store, candidate, NULL);

      if (taken == NULL)
        return g_steal_pointer (&candidate);
    }

  return g_uuid_string_random ();
}

/**
 * bulletin_library_import:
 * @store: the drafts database holding the library
 * @sections: (element-type BulletinSection): sections to merge in
 * @resolve: (nullable): asked when a section of the same name has other
 *   text; %NULL keeps the library's
 * @user_data: data for @resolve
 * @report: (out) (optional): what happened
 * @error: return location for an error
 *
 * Merges by name (ignoring case): new names are added, identical sections
 * are left alone, and a name with different text asks @resolve.
 */
gboolean
bulletin_library_import (BulletinStore               *store,
                         GPtrArray                   *sections,
                         BulletinImportConflictFunc   resolve,
                         gpointer                     user_data,
                         BulletinImportReport        *report,
                         GError                     **error)
{
  BulletinImportReport r = { 0 };

  g_return_val_if_fail (BULLETIN_IS_STORE (store), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);

  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *incoming = sections->pdata[i];
      g_autoptr(BulletinSection) existing = bulletin_store_find_section (store, incoming->name, NULL);
      BulletinImportChoice choice;

      if (existing == NULL)
        {
          if (bulletin_store_add_section (store, incoming->name, incoming->category, incoming->body, error) == 0)
            return FALSE;
          r.added++;
          continue;
        }

      if (g_strcmp0 (existing->body, incoming->body) == 0 &&
          g_strcmp0 (existing->category, incoming->category) == 0)
        {
          r.unchanged++;
          continue;
        }

      choice = resolve ? resolve (existing, incoming, user_data) : BULLETIN_IMPORT_KEEP;
      switch (choice)
        {
        case BULLETIN_IMPORT_REPLACE:
          if (!bulletin_store_update_section (store, existing->id, existing->name,
                                              incoming->category, incoming->body, error))
            return FALSE;
          r.replaced++;
          break;

        case BULLETIN_IMPORT_KEEP_BOTH:
          {
            g_autofree char *name = free_name (store, incoming->name);

            if (bulletin_store_add_section (store, name, incoming->category, incoming->body, error) == 0)
              return FALSE;
            r.added++;
          }
          break;

        case BULLETIN_IMPORT_KEEP:
        default:
          r.kept++;
          break;
        }
    }

  if (report != NULL)
    *report = r;

  return TRUE;
}

/**
 * bulletin_library_ensure_defaults:
 * @store: the drafts database
 * @error: return location for an error
 *
 * Fills a library that was never filled with the sections shipped with
 * Bulletin. A library the user emptied stays empty.
 */
gboolean
bulletin_library_ensure_defaults (BulletinStore  *store,
                                  GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), FALSE);

  if (bulletin_store_count_sections_ever (store, &local_error) > 0)
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/default-library.ini", 0, error);
  if (bytes == NULL)
    return FALSE;

  sections = bulletin_library_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (sections == NULL)
    return FALSE;

  return bulletin_library_import (store, sections, NULL, NULL, NULL, error);
}
