/* bulletin-packs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bulletin-packs.h"
#include "bulletin-store.h"

/* Glossary packs (issue 16): sets of abbreviations and words an office
 * switches on or off together, so the checks know a sector's language
 * without every office typing it in. Two ship in the resources; an
 * office imports its own into the user's data folder. The database's
 * glossary stays the office's own and wins over every pack. */

G_DEFINE_QUARK (bulletin-pack-error-quark, bulletin_pack_error)

#define PACK_GROUP "Pack"

static const char * const shipped_ids[] = { "general", "health-and-care" };

/* The shipped packs' names and descriptions are English in their data
 * files and shown through gettext; xgettext finds them here. Keep them
 * the same as data/packs/. */
G_GNUC_UNUSED static const char * const shipped_strings[] = {
  N_("General abbreviations"),
  N_("Abbreviations every reader knows, such as NHS, GP and BBC"),
  N_("Health and care"),
  N_("The sector’s bodies and programmes, such as ICB, PCN and VCSE, and words such as wellbeing and workstream"),
};

void
bulletin_pack_free (BulletinPack *pack)
{
  if (pack == NULL)
    return;
  g_free (pack->id);
  g_free (pack->name);
  g_free (pack->description);
  g_clear_pointer (&pack->entries, g_hash_table_unref);
  g_strfreev (pack->words);
  g_free (pack);
}

/**
 * bulletin_pack_new_from_bytes:
 * @id: what the settings call the pack
 * @bytes: the pack's file, in the format of data/packs/
 * @error: return location for a %BULLETIN_PACK_ERROR
 *
 * Reads and checks a pack: a file that is not one is told in plain
 * words, for the import.
 *
 * Returns: (transfer full): the pack, or %NULL
 */
BulletinPack *
bulletin_pack_new_from_bytes (const char  *id,
                              GBytes      *bytes,
                              GError     **error)
{
  g_autoptr(BulletinPack) pack = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > BULLETIN_PACK_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (BULLETIN_PACK_MAX_SIZE);

      g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_TOO_BIG,
                   /* TRANSLATORS: %s is a size such as "1.0 MB" */
                   _("The file is too big to be a glossary pack: a pack is at most %s"), limit);
      return NULL;
    }
  if (size == 0 || !g_utf8_validate (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      g_set_error_literal (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_INVALID,
                           size == 0 ? _("The file is empty, so it is not a glossary pack")
                                     : _("The file is not text in UTF-8, so it is not a glossary pack"));
      return NULL;
    }
  if (!g_key_file_load_from_data (keyfile, data, size, G_KEY_FILE_NONE, &local_error)
      || !g_key_file_has_group (keyfile, PACK_GROUP))
    {
      g_set_error_literal (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_A_PACK,
                           _("The file is not a glossary pack: a pack starts with a [Pack] group "
                             "with its Name, followed by one group for each abbreviation"));
      return NULL;
    }

  pack = g_new0 (BulletinPack, 1);
  pack->id = g_strdup (id);
  pack->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)bulletin_glossary_entry_free);
  pack->name = g_key_file_get_string (keyfile, PACK_GROUP, "Name", NULL);
  if (pack->name == NULL || *g_strstrip (pack->name) == '\0')
    {
      g_free (pack->name);
      pack->name = g_strdup (id);
    }
  pack->description = g_key_file_get_string (keyfile, PACK_GROUP, "Description", NULL);
  if (pack->description == NULL)
    pack->description = g_strdup ("");

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *acronym = g_strstrip (g_strdup (groups[i]));
      g_autofree char *expansion = NULL;
      BulletinGlossaryEntry *entry;

      if (g_str_equal (groups[i], PACK_GROUP) || *acronym == '\0')
        continue;
      expansion = g_key_file_get_string (keyfile, groups[i], "Expansion", NULL);
      entry = bulletin_glossary_entry_new (acronym, expansion != NULL ? g_strstrip (expansion) : "",
                                           g_key_file_get_boolean (keyfile, groups[i], "WellKnown", NULL));
      g_hash_table_replace (pack->entries, entry->acronym, entry);
    }

  kept = g_ptr_array_new_with_free_func (g_free);
  words = g_key_file_get_string_list (keyfile, PACK_GROUP, "Words", NULL, NULL);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (*g_strstrip (words[i]) != '\0')
      g_ptr_array_add (kept, g_strdup (words[i]));
  g_ptr_array_add (kept, NULL);
  pack->words = (GStrv)g_ptr_array_free (g_steal_pointer (&kept), FALSE);

  if (g_hash_table_size (pack->entries) == 0 && pack->words[0] == NULL)
    {
      g_set_error_literal (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_EMPTY,
                           _("The glossary pack has no abbreviations and no words"));
      return NULL;
    }

  return g_steal_pointer (&pack);
}

/**
 * bulletin_packs_user_dir:
 *
 * Returns: (transfer full): where imported packs are kept
 */
char *
bulletin_packs_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "packs", NULL);
}

static void
replace_with_translation (char **text)
{
  char *translated = g_strdup (_(*text));

  g_free (*text);
  *text = translated;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * bulletin_packs_list:
 *
 * The shipped packs, then the imported ones by name. An imported file
 * that cannot be read any more is left out, with a message in the log.
 *
 * Returns: (transfer container) (element-type BulletinPack): the packs
 */
GPtrArray *
bulletin_packs_list (void)
{
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_pack_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir_path = bulletin_packs_user_dir ();
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (shipped_ids); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/packs/", shipped_ids[i], ".ini", NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GError) error = NULL;
      BulletinPack *pack;

      if (bytes == NULL)
        continue;
      pack = bulletin_pack_new_from_bytes (shipped_ids[i], bytes, &error);
      if (pack == NULL)
        {
          g_critical ("shipped pack %s: %s", shipped_ids[i], error->message);
          continue;
        }
      replace_with_translation (&pack->name);
      replace_with_translation (&pack->description);
      g_ptr_array_add (packs, pack);
    }

  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ini"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
      g_autofree char *id = g_strndup (names->pdata[i], strlen (names->pdata[i]) - strlen (".ini"));
      g_autoptr(GMappedFile) mapped = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      BulletinPack *pack;

      mapped = g_mapped_file_new (path, FALSE, &error);
      if (mapped != NULL)
        {
          bytes = g_mapped_file_get_bytes (mapped);
          pack = bulletin_pack_new_from_bytes (id, bytes, &error);
        }
      else
        pack = NULL;
      if (pack == NULL)
        {
          g_message ("The glossary pack %s is left out: %s", path, error->message);
          continue;
        }
      pack->imported = TRUE;
      g_ptr_array_add (packs, pack);
    }

  return g_steal_pointer (&packs);
}

/* a name for the settings and the file: letters, digits and dashes */
static char *
id_for_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *lower = NULL;
  GString *id = g_string_new (NULL);

  if (g_str_has_suffix (base, ".ini"))
    base[strlen (base) - strlen (".ini")] = '\0';
  lower = g_ascii_strdown (base, -1);
  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, *p);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "office");
  /* a shipped pack's name would make the two one in the settings */
  for (guint i = 0; i < G_N_ELEMENTS (shipped_ids); i++)
    if (g_str_equal (id->str, shipped_ids[i]))
      {
        g_string_prepend (id, "office-");
        break;
      }

  return g_string_free (id, FALSE);
}

/**
 * bulletin_packs_import:
 * @file: an office's pack
 * @error: return location for an error
 *
 * Checks @file is a pack and copies it into the user's packs folder,
 * replacing an earlier import of the same name. Nothing is copied when
 * the file is not a pack.
 *
 * Returns: (transfer full): the imported pack, or %NULL
 */
BulletinPack *
bulletin_packs_import (GFile   *file,
                       GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BulletinPack) pack = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* the size first, so a huge file is never read whole */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > BULLETIN_PACK_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (BULLETIN_PACK_MAX_SIZE);

      g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_TOO_BIG,
                   _("The file is too big to be a glossary pack: a pack is at most %s"), limit);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &size, NULL, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);

  id = id_for_file (file);
  pack = bulletin_pack_new_from_bytes (id, bytes, error);
  if (pack == NULL)
    return NULL;
  pack->imported = TRUE;

  dir = bulletin_packs_user_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_FAILED,
                   _("The glossary pack could not be kept: %s"), g_strerror (saved));
      return NULL;
    }
  name = g_strconcat (id, ".ini", NULL);
  path = g_build_filename (dir, name, NULL);
  /* written whole and renamed over: a half-written pack is never read */
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;

  return g_steal_pointer (&pack);
}

/**
 * bulletin_packs_remove:
 * @id: an imported pack
 * @error: return location for an error
 *
 * Returns: whether the pack was removed
 */
gboolean
bulletin_packs_remove (const char  *id,
                       GError     **error)
{
  g_autofree char *dir = bulletin_packs_user_dir ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (id != NULL, FALSE);

  if (strchr (id, G_DIR_SEPARATOR) != NULL || *id == '.' || *id == '\0')
    {
      g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_FOUND,
                   _("There is no imported glossary pack called “%s”"), id);
      return FALSE;
    }
  name = g_strconcat (id, ".ini", NULL);
  path = g_build_filename (dir, name, NULL);
  if (g_unlink (path) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_FOUND,
                     _("There is no imported glossary pack called “%s”"), id);
      else
        g_set_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_FAILED,
                     _("The glossary pack could not be removed: %s"), g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_enabled (const BulletinPack *pack,
            const char * const *enabled)
{
  return enabled == NULL || g_strv_contains (enabled, pack->id);
}

/**
 * bulletin_packs_add_to_glossary:
 * @table: a table for bulletin_checks_glossary_table_lookup()
 * @packs: (element-type BulletinPack): from bulletin_packs_list()
 * @enabled: (nullable): the ids of the packs to use; %NULL for all
 *
 * Adds the abbreviations of the enabled packs that @table lacks: what is
 * already there (the office's own glossary) wins, and an imported pack
 * wins over a shipped one.
 */
void
bulletin_packs_add_to_glossary (GHashTable         *table,
                                GPtrArray          *packs,
                                const char * const *enabled)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (packs != NULL);

  /* the imported packs are listed last */
  for (guint i = packs->len; i > 0; i--)
    {
      const BulletinPack *pack = packs->pdata[i - 1];
      GHashTableIter iter;
      const BulletinGlossaryEntry *entry;

      if (!is_enabled (pack, enabled))
        continue;
      g_hash_table_iter_init (&iter, pack->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
        {
          BulletinGlossaryEntry *copy;

          if (g_hash_table_contains (table, entry->acronym))
            continue;
          copy = bulletin_glossary_entry_new (entry->acronym, entry->expansion, entry->well_known);
          g_hash_table_insert (table, copy->acronym, copy);
        }
    }
}

/**
 * bulletin_packs_words:
 * @packs: (element-type BulletinPack): from bulletin_packs_list()
 * @enabled: (nullable): the ids of the packs to use; %NULL for all
 *
 * Returns: (transfer full): the words of the enabled packs
 */
GStrv
bulletin_packs_words (GPtrArray          *packs,
                      const char * const *enabled)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (packs != NULL, NULL);

  for (guint i = 0; i < packs->len; i++)
    {
      const BulletinPack *pack = packs->pdata[i];

      if (is_enabled (pack, enabled))
        g_strv_builder_addv (builder, (const char **)pack->words);
    }

  return g_strv_builder_end (builder);
}

/**
 * bulletin_packs_glossary_new:
 * @enabled: (nullable): the ids of the packs to use; %NULL for all
 *
 * Returns: (transfer full): a table for
 *   bulletin_checks_glossary_table_lookup() of the enabled packs'
 *   abbreviations
 */
GHashTable *
bulletin_packs_glossary_new (const char * const *enabled)
{
  g_autoptr(GPtrArray) packs = bulletin_packs_list ();
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify)bulletin_glossary_entry_free);

  bulletin_packs_add_to_glossary (table, packs, enabled);
  return table;
}
