/* test-packs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bulletin-checks.h"
#include "bulletin-packs.h"
#include "bulletin-spell.h"
#include "bulletin-store.h"
#include "bulletin-test-util.h"

/* Glossary packs (issue 16): which abbreviations and words the checks
 * know with which packs switched on, an office's own pack imported and
 * removed, and files that are not packs refused in plain words. Each
 * test has its own data folder (G_TEST_OPTION_ISOLATE_DIRS). */

static const char * const general_only[] = { "general", NULL };
static const char * const both_shipped[] = { "general", "health-and-care", NULL };
static const char * const none[] = { NULL };

static const BulletinGlossaryEntry *
lookup (GHashTable *table,
        const char *acronym)
{
  return g_hash_table_lookup (table, acronym);
}

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "packs", "brookfield-office.ini", NULL);
}

static GFile *
scratch_file (const char *name,
              const char *contents,
              gssize      len)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static guint
n_imported_files (void)
{
  g_autofree char *dir_path = bulletin_packs_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_shipped (void)
{
  g_autoptr(GPtrArray) packs = bulletin_packs_list ();
  const BulletinPack *general, *health;

  g_assert_cmpuint (packs->len, ==, 2);
  general = packs->pdata[0];
  health = packs->pdata[1];
  g_assert_cmpstr (general->id, ==, "general");
  g_assert_cmpstr (general->name, ==, "General abbreviations");
  g_assert_cmpstr (health->id, ==, "health-and-care");
  g_assert_cmpstr (health->name, ==, "Health and care");
  g_assert_true (strstr (health->description, "ICB") != NULL);
  g_assert_false (general->imported || health->imported);

  /* the sector's words are the health pack's, not the general one's */
  g_assert_true (g_strv_contains ((const char * const *)health->words, "wellbeing"));
  g_assert_true (g_strv_contains ((const char * const *)health->words, "workstream"));
  g_assert_cmpuint (g_strv_length (general->words), ==, 0);
}

static void
test_merge (void)
{
  g_autoptr(GHashTable) all = bulletin_packs_glossary_new (both_shipped);
  g_autoptr(GHashTable) general = bulletin_packs_glossary_new (general_only);
  g_autoptr(GHashTable) nothing = bulletin_packs_glossary_new (none);
  const BulletinGlossaryEntry *e;

  e = lookup (all, "NHS");
  g_assert_nonnull (e);
  g_assert_true (e->well_known);
  e = lookup (all, "ICB");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->expansion, ==, "integrated care board");
  g_assert_false (e->well_known);
  g_assert_nonnull (lookup (all, "VCSE"));
  g_assert_nonnull (lookup (all, "CQC"));

  g_assert_nonnull (lookup (general, "NHS"));
  g_assert_null (lookup (general, "ICB"));
  g_assert_null (lookup (general, "VCSE"));

  g_assert_cmpuint (g_hash_table_size (nothing), ==, 0);
}

/* what the checks say with each choice, end to end through the core */
static void
test_checks_follow_packs (void)
{
  static const char text[] = "# Update\n\nThe NHS and the ICB met on Tuesday.\n";
  const char * const *choices[] = { both_shipped, general_only, none };
  /* per choice: is NHS flagged, does ICB's finding offer the expansion */
  const gboolean nhs_flagged[] = { FALSE, FALSE, TRUE };
  const gboolean icb_expanded[] = { TRUE, FALSE, FALSE };

  for (guint k = 0; k < G_N_ELEMENTS (choices); k++)
    {
      g_autoptr(GHashTable) table = bulletin_packs_glossary_new (choices[k]);
      g_autoptr(GPtrArray) findings = NULL;
      BulletinCheckOptions opts = { 0 };
      const BulletinFinding *icb = NULL;
      gboolean nhs = FALSE;

      opts.kinds = BULLETIN_CHECK_ACRONYMS;
      opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
      opts.glossary_data = table;
      findings = bulletin_checks_run (text, strlen (text), &opts);
      for (guint i = 0; i < findings->len; i++)
        {
          const BulletinFinding *f = findings->pdata[i];

          nhs |= g_strcmp0 (f->key, "acronym:NHS") == 0;
          if (g_strcmp0 (f->key, "acronym:ICB") == 0)
            icb = f;
        }
      g_assert_cmpint (nhs, ==, nhs_flagged[k]);
      g_assert_nonnull (icb);
      if (icb_expanded[k])
        g_assert_cmpstr (icb->suggestions != NULL ? icb->suggestions[0] : NULL,
                         ==, "integrated care board (ICB)");
      else
        g_assert_null (icb->suggestions);
    }
}

static void
test_words (void)
{
  g_autoptr(GPtrArray) packs = bulletin_packs_list ();
  g_auto(GStrv) health = bulletin_packs_words (packs, both_shipped);
  g_auto(GStrv) general = bulletin_packs_words (packs, general_only);
  g_autoptr(BulletinSpell) spell = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_strv_contains ((const char * const *)health, "wellbeing"));
  g_assert_false (g_strv_contains ((const char * const *)general, "wellbeing"));

  spell = bulletin_spell_new ("en_GB", &error);
  g_assert_no_error (error);
  g_assert_false (bulletin_spell_check_word (spell, "workstream", -1));
  bulletin_spell_add_words (spell, (const char * const *)health);
  g_assert_true (bulletin_spell_check_word (spell, "workstream", -1));
  g_assert_true (bulletin_spell_check_word (spell, "wellbeing", -1));
}

static void
test_import_office_pack (void)
{
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinPack) pack = NULL;
  g_autoptr(GPtrArray) packs = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GHashTable) without = NULL;
  g_autoptr(GHashTable) own = NULL;
  g_auto(GStrv) words = NULL;
  const char * const with_office[] = { "general", "health-and-care", "brookfield-office", NULL };
  const BulletinPack *listed;
  const BulletinGlossaryEntry *e;

  pack = bulletin_packs_import (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pack->id, ==, "brookfield-office");
  g_assert_cmpstr (pack->name, ==, "Brookfield and Moorside office");
  g_assert_true (pack->imported);
  g_assert_cmpuint (n_imported_files (), ==, 1);

  /* listed after the shipped ones, from the copy in the data folder */
  packs = bulletin_packs_list ();
  g_assert_cmpuint (packs->len, ==, 3);
  listed = packs->pdata[2];
  g_assert_cmpstr (listed->id, ==, "brookfield-office");
  g_assert_true (listed->imported);

  /* it adds its own and its ICB wins over the shipped pack's */
  merged = bulletin_packs_glossary_new (with_office);
  e = lookup (merged, "B&M");
  g_assert_nonnull (e);
  g_assert_true (e->well_known);
  g_assert_nonnull (lookup (merged, "NTT"));
  g_assert_cmpstr (lookup (merged, "ICB")->expansion, ==, "Brookfield integrated care board");
  g_assert_nonnull (lookup (merged, "VCSE"));
  words = bulletin_packs_words (packs, with_office);
  g_assert_true (g_strv_contains ((const char * const *)words, "Moorside"));
  g_assert_true (g_strv_contains ((const char * const *)words, "wellbeing"));

  /* switched off, it adds nothing */
  without = bulletin_packs_glossary_new (both_shipped);
  g_assert_null (lookup (without, "B&M"));
  g_assert_cmpstr (lookup (without, "ICB")->expansion, ==, "integrated care board");

  /* the office's own glossary (the database's) wins over every pack */
  own = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)bulletin_glossary_entry_free);
  e = bulletin_glossary_entry_new ("ICB", "our care board", TRUE);
  g_hash_table_insert (own, e->acronym, (gpointer)e);
  bulletin_packs_add_to_glossary (own, packs, with_office);
  g_assert_cmpstr (lookup (own, "ICB")->expansion, ==, "our care board");
  g_assert_nonnull (lookup (own, "NTT"));

  /* importing it again replaces it */
  g_clear_pointer (&pack, bulletin_pack_free);
  pack = bulletin_packs_import (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported_files (), ==, 1);

  /* and it can be removed, once */
  g_assert_true (bulletin_packs_remove ("brookfield-office", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported_files (), ==, 0);
  g_clear_pointer (&packs, g_ptr_array_unref);
  packs = bulletin_packs_list ();
  g_assert_cmpuint (packs->len, ==, 2);
  g_assert_false (bulletin_packs_remove ("brookfield-office", &error));
  g_assert_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* a name is never a path */
  g_assert_false (bulletin_packs_remove ("../brookfield-office", &error));
  g_assert_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_NOT_FOUND);
}

/* a pack named like a shipped one does not take its place */
static void
test_import_shipped_name (void)
{
  g_autoptr(GFile) file = scratch_file ("general.ini", "[Pack]\nName=Ours\n[XYZ]\nExpansion=x y z\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinPack) pack = bulletin_packs_import (file, &error);
  g_autoptr(GPtrArray) packs = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pack->id, ==, "office-general");
  packs = bulletin_packs_list ();
  g_assert_cmpuint (packs->len, ==, 3);
  g_assert_cmpstr (((BulletinPack *)packs->pdata[0])->name, ==, "General abbreviations");
}

static void
test_import_errors (void)
{
  struct {
    const char *name;
    const char *contents;
    gssize len;
    int code;
    const char *says;
  } cases[] = {
    { "update.md", "# Weekly update\n\nThe ICB met.\n", -1, BULLETIN_PACK_ERROR_NOT_A_PACK, "not a glossary pack" },
    { "no-pack-group.ini", "[ICB]\nExpansion=integrated care board\n", -1, BULLETIN_PACK_ERROR_NOT_A_PACK, "[Pack]" },
    { "latin1.ini", "[Pack]\nName=Caf\xe9\n[XYZ]\nExpansion=x\n", -1, BULLETIN_PACK_ERROR_INVALID, "UTF-8" },
    { "nul.ini", "[Pack]\nName=A\0B\n", 16, BULLETIN_PACK_ERROR_INVALID, "UTF-8" },
    { "empty.ini", "", 0, BULLETIN_PACK_ERROR_INVALID, "empty" },
    { "nothing.ini", "[Pack]\nName=Nothing\nDescription=Only a name\n", -1, BULLETIN_PACK_ERROR_EMPTY, "no abbreviations and no words" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = scratch_file (cases[i].name, cases[i].contents, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(BulletinPack) pack = bulletin_packs_import (file, &error);

      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "(no error)");
      g_assert_null (pack);
      g_assert_error (error, BULLETIN_PACK_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      /* nothing is kept of a file that is not a pack */
      g_assert_cmpuint (n_imported_files (), ==, 0);
    }
}

static void
test_import_too_big (void)
{
  gsize len = BULLETIN_PACK_MAX_SIZE + 1;
  g_autofree char *big = g_malloc (len);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinPack) pack = NULL;

  memset (big, '#', len);
  memcpy (big, "[Pack]\nName=Big\n[XYZ]\nExpansion=x\n#", 35);
  file = scratch_file ("big.ini", big, len);
  pack = bulletin_packs_import (file, &error);
  g_assert_null (pack);
  g_assert_error (error, BULLETIN_PACK_ERROR, BULLETIN_PACK_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "too big"));
  g_assert_cmpuint (n_imported_files (), ==, 0);
}

/* a file broken in the folder after its import is left out, not fatal */
static void
test_broken_import_left_out (void)
{
  g_autofree char *dir = bulletin_packs_user_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.ini", NULL);
  g_autoptr(GPtrArray) packs = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a pack", -1, NULL));
  packs = bulletin_packs_list ();
  g_assert_cmpuint (packs->len, ==, 2);
}

/* Each test starts with no imported pack. GLib's G_TEST_OPTION_ISOLATE_DIRS
 * would do it, but it leaks the folders' names at every test, which the
 * AddressSanitizer build counts as a failure. */
static void
run_clean (gconstpointer data)
{
  g_autofree char *dir_path = bulletin_packs_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }

  ((void (*) (void))data) ();
}

#define ADD(path, func) g_test_add_data_func (path, (gconstpointer)func, run_clean)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("bulletin-packs-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  int status;

  /* read once by GLib: set before anything asks */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD ("/packs/shipped", test_shipped);
  ADD ("/packs/merge", test_merge);
  ADD ("/packs/checks-follow-packs", test_checks_follow_packs);
  ADD ("/packs/words", test_words);
  ADD ("/packs/import-office-pack", test_import_office_pack);
  ADD ("/packs/import-shipped-name", test_import_shipped_name);
  ADD ("/packs/import-errors", test_import_errors);
  ADD ("/packs/import-too-big", test_import_too_big);
  ADD ("/packs/broken-import-left-out", test_broken_import_left_out);

  status = g_test_run ();
  bulletin_test_remove_tree (home);
  return status;
}
