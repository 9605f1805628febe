/* bulletin-cli-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "bulletin-check-report.h"
#include "bulletin-checks.h"
#include "bulletin-cli-checks.h"
#include "bulletin-file.h"
#include "bulletin-packs.h"
#include "bulletin-spell.h"
#include "bulletin-store.h"

/**
 * bulletin_cli_check_file:
 * @path: a Markdown file
 * @language: (nullable): the spelling language, as the window's
 *   preference says it (`en_US`); %NULL for the default
 * @packs: (nullable): the ids of the glossary packs to use, as the
 *   window's preference says them; %NULL for all
 * @out: where findings go, one a line: `FILE:LINE:COLUMN: kind: message`
 * @err: where errors and warnings go
 *
 * `bulletin --check FILE`. Uses the glossary and personal dictionary of
 * the user's database when there is one (`BULLETIN_DB` names another),
 * and the enabled packs' abbreviations and words, shipped and imported;
 * it never creates a database.
 * Spelling is skipped, with a warning, if the dictionary is missing.
 *
 * Returns: the exit status: 0 clean, 1 findings, 2 error
 */
int
bulletin_cli_check_file (const char         *path,
                         const char         *language,
                         const char * const *packs,
                         FILE               *out,
                         FILE               *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(BulletinSpell) spell = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) pack_list = NULL;
  g_auto(GStrv) pack_words = NULL;
  g_autoptr(GFile) base = NULL;
  BulletinCheckOptions opts = { 0 };
  BulletinFileLoadFlags load_flags = BULLETIN_FILE_LOAD_CLEAN;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, 2);
  g_return_val_if_fail (out != NULL && err != NULL, 2);

  /* the loader every other way in uses: same decoding, same size limit */
  file = g_file_new_for_commandline_arg (path);
  text = bulletin_file_load (file, NULL, &len, &load_flags, &error);
  if (text == NULL)
    {
      fprintf (err, "%s: %s\n", path, error->message);
      return 2;
    }
  if (bulletin_file_load_notice (load_flags) != NULL)
    fprintf (err, _("%s: warning: %s\n"), path, bulletin_file_load_notice (load_flags));

  db_path = bulletin_store_default_path ();
  if (g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      store = bulletin_store_open (db_path, &error);
      if (store == NULL)
        {
          fprintf (err, _("%s: warning: the glossary and dictionary cannot be read (%s); using the defaults\n"),
                   path, error->message);
          g_clear_error (&error);
        }
    }
  /* the office's own glossary, then what the packs add to it */
  if (store != NULL)
    {
      table = bulletin_check_report_load_glossary (store, &error);
      if (table == NULL)
        {
          fprintf (err, _("%s: warning: the glossary cannot be read (%s)\n"), path, error->message);
          g_clear_error (&error);
        }
    }
  if (table == NULL)
    table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)bulletin_glossary_entry_free);
  pack_list = bulletin_packs_list ();
  bulletin_packs_add_to_glossary (table, pack_list, packs);
  pack_words = bulletin_packs_words (pack_list, packs);

  spell = bulletin_spell_new (language, &error);
  if (spell == NULL)
    {
      fprintf (err, _("%s: warning: spelling not checked: %s\n"), path, error->message);
      g_clear_error (&error);
    }
  else
    {
      bulletin_spell_add_words (spell, (const char * const *)pack_words);
      if (store != NULL)
        {
          g_auto(GStrv) words = bulletin_store_dictionary_list (store, NULL);

          if (words != NULL)
            bulletin_spell_add_words (spell, (const char * const *)words);
        }
    }

  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = table;
  opts.spell = spell;
  /* images with a relative address are beside the draft */
  base = g_file_get_parent (file);
  opts.base = base;

  findings = bulletin_checks_run (text, len, &opts);

  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      fprintf (out, "%s:%u:%u: %s: %s\n", path, f->line, f->column,
               bulletin_finding_kind_to_string (f->kind), f->message);
    }

  /* findings that never reached their reader (a full disk, a closed
   * pipe) are an error, not a verdict on the draft */
  if (fflush (out) != 0 || ferror (out))
    {
      fprintf (err, _("%s: the findings could not be written: %s\n"), path, g_strerror (errno));
      return 2;
    }

  return findings->len > 0 ? 1 : 0;
}
