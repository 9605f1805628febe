/* test-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data that comes in the user's language (data/<lang>/: the weekly
 * template, the section library a new database starts with) and what
 * must recognise it whatever the menus' language: the checks and
 * "Start from last week's". German, the language shipped.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-checks.h"
#include "bulletin-i18n.h"
#include "bulletin-library.h"
#include "bulletin-spell.h"
#include "bulletin-store.h"
#include "bulletin-template.h"
#include "bulletin-test-util.h"

/* As a desktop session would: C.UTF-8 exists on every glibc system, and
 * gettext honours $LANGUAGE in it (not in plain "C"). */
static void
use_language (const char *lang,
              const char *language)
{
  g_setenv ("LANG", lang, TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* also makes gettext forget what it looked up in the last language */
  setlocale (LC_ALL, "");
}

static char *
lookup_text (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bulletin_i18n_lookup_data (name, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_template_language (const char *want_heading)
{
  g_autofree char *template = lookup_text ("weekly-template.md");

  if (strstr (template, want_heading) == NULL)
    g_error ("the weekly template has no “%s”:\n%s", want_heading, template);
}

#define GERMAN_ELSE "Was sonst noch in dieser Woche geschah"
#define GERMAN_NEXT "Was steht nächste Woche an?"
#define ENGLISH_ELSE "What else has been happening this week?"

static void
test_data_language (void)
{
  g_autofree char *library = NULL;

  use_language ("C.UTF-8", "de");
  assert_template_language ("## " GERMAN_ELSE "\n");
  assert_template_language ("## " GERMAN_NEXT "\n");
  library = lookup_text ("default-library.ini");
  g_assert_nonnull (strstr (library, "Category=Schlussformeln\n"));

  /* the first language that has a copy; English is the original */
  use_language ("C.UTF-8", "fr:de");
  assert_template_language (GERMAN_ELSE);
  use_language ("C.UTF-8", "en_GB:de");
  assert_template_language (ENGLISH_ELSE);
  /* gettext ignores $LANGUAGE in the C locale, showing English: so
   * must the data */
  use_language ("C", "de");
  assert_template_language (ENGLISH_ELSE);
  use_language ("C.UTF-8", NULL);
  assert_template_language (ENGLISH_ELSE);
}

static GPtrArray *
fresh_draft_findings (const char *language,
                      const char *locale)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 20, 10, 0, 0);
  g_autoptr(GDate) date = g_date_new_dmy (20, 11, 2026);
  BulletinTemplateContext ctx = { 0 };
  BulletinCheckOptions opts = { 0 };
  g_autofree char *template = NULL;
  g_autofree char *text = NULL;

  use_language ("C.UTF-8", language);
  template = lookup_text ("weekly-template.md");
  ctx.today = today;
  ctx.locale = locale;
  ctx.sender_name = "Sam Example";
  ctx.sender_role = "Chief Executive";
  ctx.organisation = "Example Trust";
  text = bulletin_template_instantiate (template, &ctx, NULL, NULL);

  opts.kinds = BULLETIN_CHECK_ALL & ~BULLETIN_CHECK_SPELLING;
  opts.today = date;
  return bulletin_checks_run (text, strlen (text), &opts);
}

static char *
describe (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      g_string_append_printf (out, "%s %u %s\n", bulletin_finding_kind_to_string (f->kind),
                              f->line, f->message);
    }

  return g_string_free (out, FALSE);
}

/* A fresh German draft is what a fresh English one is: the same
 * findings (the example lines to replace) on the same lines, and no
 * "section missing". */
static void
test_fresh_german_draft (void)
{
  g_autoptr(GPtrArray) english = fresh_draft_findings (NULL, "en_GB.UTF-8");
  g_autoptr(GPtrArray) german = fresh_draft_findings ("de", "de_DE.UTF-8");
  g_autofree char *en = describe (english);
  g_autofree char *de = describe (german);

  g_test_message ("English:\n%sGerman:\n%s", en, de);
  g_assert_cmpuint (german->len, ==, english->len);
  g_assert_cmpuint (german->len, >, 0);
  for (guint i = 0; i < german->len; i++)
    {
      const BulletinFinding *e = english->pdata[i];
      const BulletinFinding *g = german->pdata[i];

      g_assert_cmpint (g->kind, ==, e->kind);
      g_assert_cmpuint (g->line, ==, e->line);
      g_assert_cmpint (g->kind, !=, BULLETIN_FINDING_STRUCTURE);
    }
}

static const BulletinFinding *
find_key (GPtrArray  *findings,
          const char *key)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      if (g_str_equal (f->key, key))
        return f;
    }

  return NULL;
}

static GPtrArray *
check_structure (const char *text)
{
  g_autoptr(GDate) date = g_date_new_dmy (20, 11, 2026);
  BulletinCheckOptions opts = { 0 };

  opts.kinds = BULLETIN_CHECK_STRUCTURE;
  opts.today = date;
  return bulletin_checks_run (text, strlen (text), &opts);
}

/* German headings are recognised whatever the menus' language, their
 * near misses get the German heading as the fix, and a German weekly
 * update with one section misses the other. The messages are in the
 * menus' language and name the template's headings. */
static void
test_german_structure (void)
{
  g_autoptr(GPtrArray) off = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) english_menus = NULL;
  const BulletinFinding *f;

  use_language ("C.UTF-8", "de");
  off = check_structure ("# Wochenbericht\n\n"
                         "## Was sonst in dieser Woche geschah\n\nEtwas.\n\n"
                         "## " GERMAN_NEXT "\n\n- Am Montag: etwas.\n");
  f = find_key (off, "structure:wording:else");
  g_assert_nonnull (f);
  g_assert_nonnull (f->suggestions);
  g_assert_cmpstr (f->suggestions[0], ==, GERMAN_ELSE);
  g_assert_cmpstr (f->message, ==, "Diese Überschrift weicht von „" GERMAN_ELSE "“ aus der Wochenvorlage ab");
  g_assert_null (find_key (off, "structure:missing:next"));

  missing = check_structure ("# Wochenbericht – Woche bis Freitag, 20. November 2026\n\n"
                             "## " GERMAN_NEXT "\n\n- Am Montag: etwas.\n");
  f = find_key (missing, "structure:missing:else");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->message, ==, "Der Abschnitt „" GERMAN_ELSE "“ der Wochenvorlage fehlt");
  g_assert_cmpuint (missing->len, ==, 1);

  /* an English session checking the German office's draft */
  use_language ("C.UTF-8", NULL);
  english_menus = check_structure ("# Wochenbericht\n\n"
                                   "## " GERMAN_ELSE "\n\nEtwas.\n\n"
                                   "## " GERMAN_NEXT "\n\n- Am Montag: etwas.\n");
  g_assert_cmpuint (english_menus->len, ==, 0);
}

/* Events next week that name their day in German have it; the others
 * still get the finding, in German under German menus. */
static void
test_german_days (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (20, 11, 2026);
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GPtrArray) findings = NULL;
  const char *text = "# Wochenbericht – Woche bis Freitag, 20. November 2026\n\n"
                     "## " GERMAN_ELSE "\n\nEtwas.\n\n"
                     "## " GERMAN_NEXT "\n\n"
                     "- Die Leitungsrunde trifft sich am Dienstag.\n"
                     "- Am 25. November tagt der Vorstand.\n"
                     "- Mittwoch, 25. November: Jahresbericht\n"
                     "- Morgen beginnt der Umzug.\n"
                     "- Der Vorstand tagt.\n"
                     "- Im November tagt er.\n";

  use_language ("C.UTF-8", "de");
  opts.kinds = BULLETIN_CHECK_DATES;
  opts.today = date;
  findings = bulletin_checks_run (text, strlen (text), &opts);

  g_assert_cmpuint (findings->len, ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      g_assert_cmpuint (f->line, ==, 13 + i);
      g_assert_cmpstr (f->message, ==, "Bei diesem Termin der nächsten Woche fehlt der Tag");
    }
}

/* German link text that says nothing about where it goes is vague as
 * English is; a German title is not. */
static void
test_german_links (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (20, 11, 2026);
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GPtrArray) findings = NULL;
  const char *text = "Details [hier](https://example.org/a), [Mehr dazu](https://example.org/b) "
                     "und [Klicken Sie hier, um sich anzumelden](https://example.org/c). "
                     "Der [Jahresbericht 2026](https://example.org/d) ist da, "
                     "[hierzu mehr](https://example.org/e).\n";
  const char *vague[] = { "hier", "Mehr dazu", "Klicken Sie hier, um sich anzumelden" };

  opts.kinds = BULLETIN_CHECK_LINKS;
  opts.today = date;
  findings = bulletin_checks_run (text, strlen (text), &opts);

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (vague));
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      g_assert_cmpuint (f->length, ==, strlen (vague[i]));
      g_assert_cmpmem (text + f->offset, f->length, vague[i], strlen (vague[i]));
    }
}

/* An unfilled placeholder is a leftover, not three misspelt English
 * words in a German draft (German dictionary: hunspell-de-de, in
 * build-aux/lib.sh's test packages). */
static void
test_german_spelling_placeholders (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new ("de_DE", &error);
  g_autoptr(GDate) date = g_date_new_dmy (20, 11, 2026);
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GPtrArray) findings = NULL;
  const char *text = "Die Nachricht kommt von {{sender_name}}, {{sender_role}}, {{organisation}} "
                     "und Sabine Beispiel. Ein Fehlr bleibt einer.\n";
  const BulletinFinding *f;

  g_assert_no_error (error);
  opts.kinds = BULLETIN_CHECK_SPELLING;
  opts.today = date;
  opts.spell = spell;
  findings = bulletin_checks_run (text, strlen (text), &opts);

  g_assert_cmpuint (findings->len, ==, 1);
  f = findings->pdata[0];
  g_assert_cmpmem (text + f->offset, f->length, "Fehlr", 5);
}

/* A session in German checks German spelling when the user never chose
 * a dictionary; English and the C locale keep en_GB. */
static void
test_spell_language (void)
{
  const char * const installed[] = { "de_AT", "de_DE", "en_GB", "en_US", "fr_FR", NULL };
  const char * const swiss_only[] = { "de_CH", "en_GB", NULL };
  const char * const de_utf8[] = { "de_DE.UTF-8", "de_DE", "de.UTF-8", "de", "C", NULL };
  const char * const de[] = { "de", "C", NULL };
  const char * const at[] = { "de_AT.UTF-8", "de_AT", "de", "C", NULL };
  const char * const nl_then_fr[] = { "nl", "fr", "C", NULL };
  const char * const en_us[] = { "en_US.UTF-8", "en_US", "en", "C", NULL };
  const char * const en_then_de[] = { "en_GB", "de", "C", NULL };
  const char * const c[] = { "C.UTF-8", "C", NULL };
  struct { const char * const *installed, * const *wanted; const char *want; } cases[] = {
    { installed, de_utf8, "de_DE" },
    { installed, de, "de_DE" },
    { installed, at, "de_AT" },
    { swiss_only, de, "de_CH" },
    { installed, nl_then_fr, "fr_FR" },
    { installed, en_us, NULL },
    { installed, en_then_de, NULL },
    { installed, c, NULL },
    { swiss_only, nl_then_fr, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bulletin_spell_pick_language (cases[i].installed, cases[i].wanted);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static BulletinStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A German user's new database starts with the German library, its
 * standard categories under their German names and in their order, and
 * New Weekly Update finds the German template in it. */
static void
test_german_library (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-i18n-XXXXXX", NULL);
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(BulletinSection) next = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) categories = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *template = NULL;
  const BulletinSection *first;
  gint64 template_id = 0;

  use_language ("C.UTF-8", "de");
  store = open_store (dir);
  g_assert_true (bulletin_library_ensure_defaults (store, &error));
  g_assert_no_error (error);

  sections = bulletin_store_list_sections (store, NULL, &error);
  g_assert_no_error (error);
  bulletin_library_sort (sections);
  first = sections->pdata[0];
  g_assert_cmpstr (first->name, ==, "Wochenbericht");
  g_assert_cmpstr (first->category, ==, "Vorlagen");
  next = bulletin_store_find_section (store, GERMAN_NEXT, NULL);
  g_assert_nonnull (next);
  g_assert_cmpstr (next->category, ==, "Wiederkehrende Abschnitte");

  categories = bulletin_library_list_categories (sections);
  joined = g_strjoinv ("|", categories);
  g_assert_cmpstr (joined, ==, "Vorlagen|Einleitungen|Schlussformeln|Wiederkehrende Abschnitte|Textbausteine");
  g_assert_cmpint (bulletin_library_category_rank ("Textbausteine"), ==, 4);
  /* a library from an English office still sorts */
  g_assert_cmpint (bulletin_library_category_rank ("Sign-offs"), ==, 2);
  g_assert_cmpstr (bulletin_library_category_name (BULLETIN_LIBRARY_DEFAULT_CATEGORY), ==, "Textbausteine");

  template = bulletin_library_dup_weekly_template (store, &template_id);
  g_assert_cmpint (template_id, ==, first->id);
  g_assert_true (g_str_has_prefix (template, "# Wochenbericht – Woche bis {{week_ending}}\n"));

  g_clear_object (&store);
  bulletin_test_remove_tree (dir);
}

/* Last week's German update: its title gets this week's German date,
 * its sign-off stays, and its tasks go under a German heading. */
static void
test_german_carry_forward (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 27, 10, 0, 0);
  BulletinTemplateContext ctx = { 0 };
  g_autofree char *out = NULL;

  use_language ("C.UTF-8", "de");
  ctx.today = today;
  ctx.locale = "de_DE.UTF-8";
  out = bulletin_template_carry_forward ("# Wochenbericht – Woche bis Freitag, 20. November 2026\n\n"
                                         "Die Nachricht dieser Woche.\n\n"
                                         "Ein schönes Wochenende!\n\n"
                                         "## " GERMAN_NEXT "\n\n"
                                         "- [ ] Jahresbericht am Dienstag\n",
                                         &ctx);
  g_assert_cmpstr (out, ==,
                   "# Wochenbericht – Woche bis Freitag, 27. November 2026\n\n"
                   "Ein schönes Wochenende!\n\n"
                   "## " GERMAN_ELSE "\n\n"
                   "- [ ] Jahresbericht am Dienstag\n\n"
                   "## " GERMAN_NEXT "\n");
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("BULLETIN_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  /* the build tree's catalogue (tests/meson.build), as the app binds it */
  g_assert_nonnull (dir);
  bulletin_i18n_init ();

  g_test_add_func ("/i18n/data/language", test_data_language);
  g_test_add_func ("/i18n/checks/fresh-german-draft", test_fresh_german_draft);
  g_test_add_func ("/i18n/checks/german-structure", test_german_structure);
  g_test_add_func ("/i18n/checks/german-days", test_german_days);
  g_test_add_func ("/i18n/checks/german-links", test_german_links);
  g_test_add_func ("/i18n/spell/session-language", test_spell_language);
  g_test_add_func ("/i18n/spell/placeholders", test_german_spelling_placeholders);
  g_test_add_func ("/i18n/library/german-defaults", test_german_library);
  g_test_add_func ("/i18n/template/german-carry-forward", test_german_carry_forward);

  return g_test_run ();
}
