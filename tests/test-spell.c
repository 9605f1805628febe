/* test-spell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-spell.h"

static void
test_check_and_suggest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new (NULL, &error);
  g_auto(GStrv) suggestions = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bulletin_spell_get_language (spell), ==, "en_GB");

  g_assert_true (bulletin_spell_check_word (spell, "colour", -1));
  g_assert_true (bulletin_spell_check_word (spell, "organisation", -1));
  g_assert_true (bulletin_spell_check_word (spell, "week’s", -1));
  g_assert_false (bulletin_spell_check_word (spell, "publically", -1));
  g_assert_false (bulletin_spell_check_word (spell, "andcommunity", -1));
  /* the sector's words Hunspell lacks come from the health and care
   * glossary pack (test-packs), not from the checker itself */
  g_assert_false (bulletin_spell_check_word (spell, "wellbeing", -1));
  /* only the first len bytes count */
  g_assert_true (bulletin_spell_check_word (spell, "careXYZ", 4));

  suggestions = bulletin_spell_suggest (spell, "publically", -1);
  g_assert_nonnull (suggestions);
  g_assert_true (g_strv_contains ((const char * const *)suggestions, "publicly"));
}

static void
test_session_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new ("en_GB", &error);
  const char * const words[] = { "Quaxtonby", "Zorblingham", NULL };

  g_assert_no_error (error);
  g_assert_false (bulletin_spell_check_word (spell, "Zorblingham", -1));
  bulletin_spell_add_words (spell, words);
  g_assert_true (bulletin_spell_check_word (spell, "Zorblingham", -1));
  g_assert_true (bulletin_spell_check_word (spell, "Quaxtonby", -1));

  /* a new checker starts from the dictionary alone */
  g_clear_object (&spell);
  spell = bulletin_spell_new ("en_GB", &error);
  g_assert_false (bulletin_spell_check_word (spell, "Zorblingham", -1));
}

static void
test_missing_dictionary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new ("xx_NOPE", &error);

  g_assert_null (spell);
  g_assert_error (error, BULLETIN_SPELL_ERROR, BULLETIN_SPELL_ERROR_NO_DICTIONARY);
  g_assert_nonnull (strstr (error->message, "xx_NOPE"));
}

static void
test_list_languages (void)
{
  g_auto(GStrv) languages = bulletin_spell_list_languages ();

  /* both are installed by build-aux/test */
  g_assert_true (g_strv_contains ((const char * const *)languages, "en_GB"));
  g_assert_true (g_strv_contains ((const char * const *)languages, "en_US"));
  for (guint i = 1; languages[i] != NULL; i++)
    g_assert_cmpstr (languages[i - 1], <, languages[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell/check-and-suggest", test_check_and_suggest);
  g_test_add_func ("/spell/session-words", test_session_words);
  g_test_add_func ("/spell/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/spell/list-languages", test_list_languages);

  return g_test_run ();
}
