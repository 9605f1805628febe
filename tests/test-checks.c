/* test-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "bulletin-check-report.h"
#include "bulletin-checks.h"
#include "bulletin-cli-checks.h"
#include "bulletin-packs.h"
#include "bulletin-export.h"
#include "bulletin-markdown.h"
#include "bulletin-store.h"
#include "bulletin-template.h"
#include "bulletin-test-util.h"

/* tests/data/README.md lists what each of these holds */
#define TEAMS      "weekly-update-neighbourhood-teams.md"
#define RECORD     "weekly-update-shared-record.md"
#define VOLUNTEERS "weekly-update-volunteers.md"

static GDate *
make_date (int year,
           int month,
           int day)
{
  return g_date_new_dmy (day, month, year);
}

static GPtrArray *
run (const char        *text,
     BulletinCheckKinds kinds,
     GDate             *today)
{
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GDate) fallback = NULL;

  if (today == NULL)
    today = fallback = make_date (2026, 11, 20);
  opts.kinds = kinds;
  opts.today = today;

  return bulletin_checks_run (text, strlen (text), &opts);
}

static void
dump (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      g_test_message ("%u:%u: %s: %s [%s]", f->line, f->column,
                      bulletin_finding_kind_to_string (f->kind), f->message, f->key);
    }
}

/* The finding of @kind at @line:@column, failing the test if there is
 * none. */
static const BulletinFinding *
expect (GPtrArray           *findings,
        BulletinFindingKind  kind,
        guint                line,
        guint                column)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      if (f->kind == kind && f->line == line && f->column == column)
        return f;
    }

  dump (findings);
  g_error ("no %s finding at %u:%u", bulletin_finding_kind_to_string (kind), line, column);
  return NULL;
}

static void
assert_none (GPtrArray *findings)
{
  if (findings->len > 0)
    {
      dump (findings);
      g_error ("%u unexpected findings, first: %s", findings->len,
               ((BulletinFinding *)findings->pdata[0])->message);
    }
}

static void
assert_text (const char            *text,
             const BulletinFinding *f,
             const char            *covered)
{
  g_autofree char *got = g_strndup (text + f->offset, f->length);

  g_assert_cmpstr (got, ==, covered);
}

static GHashTable *
test_glossary (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify)bulletin_glossary_entry_free);
  BulletinGlossaryEntry *e;

  e = bulletin_glossary_entry_new ("NHS", "National Health Service", TRUE);
  g_hash_table_insert (table, e->acronym, e);
  e = bulletin_glossary_entry_new ("VCS", "voluntary and community sector", FALSE);
  g_hash_table_insert (table, e->acronym, e);

  return table;
}

/* ----- acronyms ----- */

static void
test_acronyms_teams_fixture (void)
{
  g_autofree char *text = bulletin_test_read_fixture (TEAMS);
  g_autoptr(GHashTable) glossary = bulletin_checks_load_default_glossary (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  opts.kinds = BULLETIN_CHECK_ACRONYMS;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;

  findings = bulletin_checks_run (text, strlen (text), &opts);
  dump (findings);

  /* B&M ("Brookfield and Moorside (B&M)") and ICB ("integrated care board
   * (ICB)") are spelled out at their first use; NHS is well known; PCN
   * is neither */
  g_assert_cmpuint (findings->len, ==, 1);
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 13, 34);
  assert_text (text, f, "PCN");
  g_assert_cmpstr (f->key, ==, "acronym:PCN");
  /* the default glossary knows the sector's acronyms (issue 16), so the
   * fix is offered */
  g_assert_nonnull (f->suggestions);
  g_assert_cmpstr (f->suggestions[0], ==, "primary care network (PCN)");

  /* without the glossary NHS needs spelling out too, at its first use */
  g_clear_pointer (&findings, g_ptr_array_unref);
  opts.glossary_lookup = NULL;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  dump (findings);
  g_assert_cmpuint (findings->len, ==, 2);
  expect (findings, BULLETIN_FINDING_ACRONYM, 13, 34);
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 7, 102);
  assert_text (text, f, "NHS");
}

static void
test_acronyms_record_fixture (void)
{
  g_autofree char *text = bulletin_test_read_fixture (RECORD);
  g_autoptr(GHashTable) glossary = bulletin_checks_load_default_glossary (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  g_assert_nonnull (glossary);
  opts.kinds = BULLETIN_CHECK_ACRONYMS;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;

  findings = bulletin_checks_run (text, strlen (text), &opts);
  dump (findings);

  /* SCR is spelled out on line 5 and used bare afterwards; "APIs" is the
   * plural of API, which is never spelled out */
  g_assert_cmpuint (findings->len, ==, 1);
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 7, 296);
  assert_text (text, f, "API");
  g_assert_cmpstr (f->key, ==, "acronym:API");
}

/* Small words whose initials are the acronym's letters could each be a
 * letter or be passed over: trying every way took 40 s for one line of
 * "a a a … (ZAAAAAAAAAAA)". Ten such lines must be quick, and say the
 * right thing: not spelled out (no Z), and spelled out when the Z is
 * there. An all-capital word past a dozen letters is no acronym. */
static void
test_acronyms_many_small_words (void)
{
  g_autoptr(GString) text = g_string_new ("# Weekly update\n\n");
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  guint n_zaaa = 0, n_yaaa = 0;

  for (guint i = 0; i < 10; i++)
    {
      g_string_append (text, "Of the ");
      for (guint w = 0; w < 26; w++)
        g_string_append (text, "a ");
      g_string_append (text, "(ZAAAAAAAAAAA) again.\n\n");
    }
  g_string_append (text, "Yes a a a a a a a a a a a (YAAAAAAAAAAA).\n\n"
                         "PLEASEREADTHISNOWBEFOREFRIDAY.\n");

  opts.kinds = BULLETIN_CHECK_ACRONYMS;
  findings = bulletin_checks_run (text->str, text->len, &opts);
  dump (findings);

  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      if (g_str_equal (f->key, "acronym:ZAAAAAAAAAAA"))
        n_zaaa++;
      else if (g_str_equal (f->key, "acronym:YAAAAAAAAAAA"))
        n_yaaa++;
      else
        g_assert_not_reached ();
    }
  /* reported at its first use only */
  g_assert_cmpuint (n_zaaa, ==, 1);
  g_assert_cmpuint (n_yaaa, ==, 0);
}

static void
test_acronyms_forms (void)
{
  const char *text =
    "The Clinical Commissioning Group (CCG) met. The CCG agreed.\n"
    "\n"
    "The ICB met the Voluntary and Community Sector (VCS).\n"
    "\n"
    "Later: Integrated Care Board (ICB). The A&E (accident and emergency) teams and\n"
    "the SPFs (Social Partnership Forums) met. ABC and the DfE.\n"
    "It is OK: Phase II starts, and part XIV of the plan, with the MOU\n"
    "(memorandum of understanding).\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_ACRONYMS, NULL);
  const BulletinFinding *f;

  dump (findings);
  g_assert_cmpuint (findings->len, ==, 2);
  /* spelled out, but only after its first use */
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 3, 5);
  assert_text (text, f, "ICB");
  g_assert_nonnull (strstr (f->message, "line 5"));
  /* never spelled out; "DfE" has a small letter, "OK" and Roman numerals
   * are no acronyms, and "ABC (Full Name)" spells out too */
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 6, 43);
  assert_text (text, f, "ABC");
}

static void
test_acronyms_glossary (void)
{
  const char *text = "# Update\n\nThe NHS and the VCS met. The VCS agreed.\n";
  g_autoptr(GHashTable) glossary = test_glossary ();
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  opts.kinds = BULLETIN_CHECK_ACRONYMS;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;
  findings = bulletin_checks_run (text, strlen (text), &opts);

  /* NHS is well known; VCS is known, and the finding offers its expansion */
  g_assert_cmpuint (findings->len, ==, 1);
  f = expect (findings, BULLETIN_FINDING_ACRONYM, 3, 17);
  assert_text (text, f, "VCS");
  g_assert_nonnull (f->suggestions);
  g_assert_cmpstr (f->suggestions[0], ==, "voluntary and community sector (VCS)");
  g_assert_nonnull (strstr (f->message, "voluntary and community sector (VCS)"));
}

static void
test_acronyms_glossary_from_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-checks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = bulletin_store_open (path, &error);
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GPtrArray) packs = bulletin_packs_list ();
  g_autoptr(GPtrArray) findings = NULL;
  const char *text = "The NHS, the CQC and the A&E teams met.\n";
  const char * const general[] = { "general", NULL };
  BulletinCheckOptions opts = { 0 };

  g_assert_no_error (error);
  /* "Add to glossary" from a finding */
  g_assert_true (bulletin_store_glossary_set (store, "CQC", "Care Quality Commission", TRUE, &error));
  /* as the window reads it: the store's, then the packs' (NHS, A&E) */
  table = bulletin_check_report_load_glossary (store, &error);
  g_assert_no_error (error);
  bulletin_packs_add_to_glossary (table, packs, general);

  opts.kinds = BULLETIN_CHECK_ACRONYMS;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = table;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  assert_none (findings);

  g_clear_object (&store);
  bulletin_test_remove_tree (dir);
}

/* ----- nothing inside code or addresses ----- */

static void
test_code_and_urls_skipped (void)
{
  const char *text =
    "# Code\n"
    "\n"
    "Run `TODO ABC the the mispelt {{name}}` and see <https://example.org/XYZ/TODO>.\n"
    "Also [the report](https://example.org/QRS/wrongg \"Title TK\") and\n"
    "https://example.org/LMN/mispelt, www.example.org/PQR, jane.doe@example.org.\n"
    "\n"
    "```\n"
    "TODO XXX [name] {{placeholder}} lorem ipsum DEF wrongg\n"
    "```\n"
    "\n"
    "    indented TODO GHI\n"
    "\n"
    "<div>TODO JKL</div>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new (NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  g_assert_no_error (error);
  opts.kinds = BULLETIN_CHECK_ALL & ~BULLETIN_CHECK_STRUCTURE;
  opts.spell = spell;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  dump (findings);

  /* the only finding is the bare www. address */
  g_assert_cmpuint (findings->len, ==, 1);
  f = expect (findings, BULLETIN_FINDING_LINK, 5, 34);
  assert_text (text, f, "www.example.org/PQR");
  g_assert_cmpstr (f->suggestions[0], ==, "https://www.example.org/PQR");
}

/* ----- links ----- */

static void
test_links (void)
{
  const char *text =
    "Read the plan [here](https://example.org/plan). [Click here](https://example.org/a) or\n"
    "[Read more…](https://example.org/b), [this link](https://example.org/c), [**More**](https://example.org/d).\n"
    "The [annual report](https://example.org/report) is good, [so is this](http://example.org/old).\n"
    "An [empty]() link, a [relative](/news/item) one, an [anchor](#top), and <http://example.net>.\n"
    "![](https://example.org/a.png) ![A chart](https://example.org/b.png)\n"
    "Write to jane@example.org or visit www.example.org.\n"
    "See [the guide][guide] and [here][guide].\n"
    "\n"
    "[guide]: https://example.org/guide\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_LINKS, NULL);
  const BulletinFinding *f;

  dump (findings);

  f = expect (findings, BULLETIN_FINDING_LINK, 1, 16);
  assert_text (text, f, "here");
  g_assert_cmpstr (f->key, ==, "link:vague:https://example.org/plan");
  f = expect (findings, BULLETIN_FINDING_LINK, 1, 50);
  assert_text (text, f, "Click here");
  /* "…" and markup do not hide the vagueness */
  expect (findings, BULLETIN_FINDING_LINK, 2, 2);
  expect (findings, BULLETIN_FINDING_LINK, 2, 39);
  expect (findings, BULLETIN_FINDING_LINK, 2, 75);

  f = expect (findings, BULLETIN_FINDING_LINK, 3, 71);
  assert_text (text, f, "http://example.org/old");
  g_assert_cmpstr (f->suggestions[0], ==, "https://example.org/old");

  f = expect (findings, BULLETIN_FINDING_LINK, 4, 4);
  assert_text (text, f, "[empty]()");
  f = expect (findings, BULLETIN_FINDING_LINK, 4, 22);
  assert_text (text, f, "[relative](/news/item)");
  f = expect (findings, BULLETIN_FINDING_LINK, 4, 74);
  assert_text (text, f, "http://example.net");

  f = expect (findings, BULLETIN_FINDING_LINK, 5, 1);
  assert_text (text, f, "![](https://example.org/a.png)");

  f = expect (findings, BULLETIN_FINDING_LINK, 6, 36);
  assert_text (text, f, "www.example.org");

  /* reference links are links too */
  f = expect (findings, BULLETIN_FINDING_LINK, 7, 29);
  assert_text (text, f, "here");
  g_assert_cmpstr (f->key, ==, "link:vague:https://example.org/guide");

  /* not the annual report, the alt text, the anchor or the address */
  g_assert_cmpuint (findings->len, ==, 12);
}

/* Issue 16: "clicking here" and "Click here to book" say what to do,
 * not where the link goes; a text that only starts with the same letters
 * is fine. */
static void
test_links_vague_openings (void)
{
  const char *text =
    "Book by [clicking here](https://example.org/a) or [Click here to book](https://example.org/b).\n"
    "Or [tap here, then choose a day](https://example.org/c), or read [Clickhouse news](https://example.org/d)\n"
    "and [the booking page](https://example.org/e).\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_LINKS, NULL);
  const BulletinFinding *f;

  dump (findings);
  f = expect (findings, BULLETIN_FINDING_LINK, 1, 10);
  assert_text (text, f, "clicking here");
  f = expect (findings, BULLETIN_FINDING_LINK, 1, 52);
  assert_text (text, f, "Click here to book");
  f = expect (findings, BULLETIN_FINDING_LINK, 2, 5);
  assert_text (text, f, "tap here, then choose a day");
  g_assert_cmpuint (findings->len, ==, 3);
}

static void
test_links_fixtures (void)
{
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  g_autofree char *record = bulletin_test_read_fixture (RECORD);
  g_autofree char *volunteers = bulletin_test_read_fixture (VOLUNTEERS);
  g_autoptr(GPtrArray) t = run (teams, BULLETIN_CHECK_LINKS, NULL);
  g_autoptr(GPtrArray) r = run (record, BULLETIN_CHECK_LINKS, NULL);
  g_autoptr(GPtrArray) v = run (volunteers, BULLETIN_CHECK_LINKS, NULL);
  const BulletinFinding *f;

  dump (t);
  g_assert_cmpuint (t->len, ==, 6);
  f = expect (t, BULLETIN_FINDING_LINK, 7, 180);
  assert_text (teams, f, "here");
  g_assert_cmpstr (f->key, ==, "link:vague:https://example.org/plain-english-guide");
  f = expect (t, BULLETIN_FINDING_LINK, 29, 235);
  assert_text (teams, f, "more");
  /* the image without alt text; the one with it on line 35 is fine */
  f = expect (t, BULLETIN_FINDING_LINK, 45, 1);
  assert_text (teams, f, "![](https://example.org/images/digital-inclusion-banner.png)");
  expect (t, BULLETIN_FINDING_LINK, 49, 183);
  /* the two links "here" on line 53 go to different pages */
  f = expect (t, BULLETIN_FINDING_LINK, 53, 194);
  g_assert_cmpstr (f->key, ==, "link:vague:https://example.org/falls/joanna-story");
  f = expect (t, BULLETIN_FINDING_LINK, 53, 295);
  g_assert_cmpstr (f->key, ==, "link:vague:https://example.org/falls/evaluation");

  /* the bare www. address, a vague link and an http:// one; not the long
   * address, the mail address or the descriptive links */
  dump (r);
  g_assert_cmpuint (r->len, ==, 3);
  f = expect (r, BULLETIN_FINDING_LINK, 3, 175);
  assert_text (record, f, "www.example.com/partnership");
  g_assert_cmpstr (f->suggestions[0], ==, "https://www.example.com/partnership");
  f = expect (r, BULLETIN_FINDING_LINK, 37, 189);
  assert_text (record, f, "here");
  f = expect (r, BULLETIN_FINDING_LINK, 45, 26);
  assert_text (record, f, "http://example.com/results-portal");
  g_assert_cmpstr (f->suggestions[0], ==, "https://example.com/results-portal");

  /* descriptive links and an image with alt text */
  assert_none (v);
}

/* Images recipients would not see, and why (issue 14) */
static void
test_links_images (void)
{
  const char *text =
    "![Logo](http://example.org/logo.png) ![Chart](https://example.org/chart.png)\n"
    "![Dot](data:image/png;base64,iVBORw0KGgo=) ![Map](https://example.org/map.SVG?v=2)\n"
    "![Badge](data:image/svg+xml;base64,PHN2Zz4=) ![Old][old]\n"
    "\n"
    "[old]: http://example.org/old.png\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_LINKS, NULL);
  const BulletinFinding *f;

  dump (findings);

  /* the address alone, so that the suggestion can replace it */
  f = expect (findings, BULLETIN_FINDING_LINK, 1, 9);
  assert_text (text, f, "http://example.org/logo.png");
  g_assert_nonnull (strstr (f->message, "block images sent over http://"));
  g_assert_cmpstr (f->suggestions[0], ==, "https://example.org/logo.png");
  g_assert_cmpstr (f->key, ==, "link:image-http:http://example.org/logo.png");

  f = expect (findings, BULLETIN_FINDING_LINK, 2, 1);
  assert_text (text, f, "![Dot](data:image/png;base64,iVBORw0KGgo=)");
  g_assert_nonnull (strstr (f->message, "data: addresses"));
  g_assert_true (g_str_has_prefix (f->key, "link:image-data:"));
  /* the key names a long address by a digest */
  g_assert_cmpuint (strlen (f->key), ==, strlen ("link:image-data:") + 40);

  f = expect (findings, BULLETIN_FINDING_LINK, 2, 44);
  assert_text (text, f, "![Map](https://example.org/map.SVG?v=2)");
  g_assert_nonnull (strstr (f->message, "SVG"));
  g_assert_true (g_str_has_prefix (f->key, "link:image-svg:"));

  /* an SVG inline is an SVG first */
  f = expect (findings, BULLETIN_FINDING_LINK, 3, 1);
  g_assert_nonnull (strstr (f->message, "SVG"));

  /* a reference image: its address is elsewhere, so no suggestion */
  f = expect (findings, BULLETIN_FINDING_LINK, 3, 46);
  assert_text (text, f, "![Old][old]");
  g_assert_nonnull (strstr (f->message, "http://"));
  g_assert_null (f->suggestions);

  /* not the https PNG */
  g_assert_cmpuint (findings->len, ==, 5);
}

static void
save_png (const char *dir,
          const char *name,
          int         width,
          int         height,
          gboolean    noise)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x2060a0ff);
  if (noise)
    {
      /* what no compression shrinks: a file of about 3 bytes a pixel */
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
      GRand *rand = g_rand_new_with_seed (14);

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width * 3; x++)
          pixels[y * gdk_pixbuf_get_rowstride (pixbuf) + x] = g_rand_int_range (rand, 0, 256);
      g_rand_free (rand);
    }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* Issue 14: images beside the draft go in the email; one that is too
 * wide or too heavy for a reader's download, or that cannot go at all,
 * is a finding. A draft without a folder has only relative addresses. */
static void
test_links_local_images (void)
{
  const char *text =
    "![Logo](logo.png) ![Wide](wide.png) ![Heavy](heavy.png)\n"
    "![Gone](gone.png) ![Notes](notes.png) ![Chart](https://example.org/chart.png)\n";
  g_autofree char *dir = g_dir_make_tmp ("bulletin-images-XXXXXX", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.png", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) without_folder = NULL;
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  g_assert_nonnull (dir);
  save_png (dir, "logo.png", 240, 80, FALSE);
  save_png (dir, "wide.png", 1600, 20, FALSE);
  save_png (dir, "heavy.png", 700, 700, TRUE);
  g_assert_true (g_file_set_contents (notes, "not a picture\n", -1, NULL));

  opts.kinds = BULLETIN_CHECK_LINKS;
  opts.today = today;
  opts.base = base;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  dump (findings);

  f = expect (findings, BULLETIN_FINDING_LINK, 1, 19);
  assert_text (text, f, "![Wide](wide.png)");
  g_assert_cmpstr (f->message, ==, "This image is 1600 px wide: it will be slow to download; scale it down to 1,200 px");
  g_assert_cmpstr (f->key, ==, "link:image-large:wide.png");
  f = expect (findings, BULLETIN_FINDING_LINK, 1, 37);
  assert_text (text, f, "![Heavy](heavy.png)");
  g_assert_true (g_str_has_prefix (f->message, "This image is 1.5\u00a0MB"));
  g_assert_cmpstr (f->key, ==, "link:image-large:heavy.png");
  f = expect (findings, BULLETIN_FINDING_LINK, 2, 1);
  g_assert_nonnull (strstr (f->message, "“gone.png” cannot be read"));
  g_assert_cmpstr (f->key, ==, "link:image-unreadable:gone.png");
  f = expect (findings, BULLETIN_FINDING_LINK, 2, 19);
  g_assert_nonnull (strstr (f->message, "“notes.png” cannot be read"));
  /* not the logo, which goes as it is, nor the remote chart */
  g_assert_cmpuint (findings->len, ==, 4);

  /* without the folder, as before: addresses that go nowhere */
  opts.base = NULL;
  without_folder = bulletin_checks_run (text, strlen (text), &opts);
  dump (without_folder);
  g_assert_cmpuint (without_folder->len, ==, 5);
  f = expect (without_folder, BULLETIN_FINDING_LINK, 1, 1);
  g_assert_cmpstr (f->key, ==, "link:relative:logo.png");

  bulletin_test_remove_tree (dir);
}

/* The fixture with images beside it is clean when checked where it is */
static void
test_links_images_fixture (void)
{
  g_autofree char *text = bulletin_test_read_fixture ("weekly-update-with-images.md");
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (data_dir);
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };

  opts.today = today;
  opts.base = base;
  opts.kinds = BULLETIN_CHECK_ALL & ~BULLETIN_CHECK_SPELLING;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  assert_none (findings);
}

/* ----- leftovers ----- */

/* Issue 16: a to-do list carried over from last week went out as empty
 * boxes, with no word of warning. */
static void
test_open_tasks (void)
{
  const char *text =
    "# Weekly update\n\n"
    "- [ ] Book the room\n"
    "- [x] Send the agenda\n"
    "- [ ] Print the slides\n\n"
    "Text with [ ] in it, and [name].\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_LEFTOVERS, NULL);
  const BulletinFinding *f;

  dump (findings);
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 3, 3);
  assert_text (text, f, "[ ]");
  g_assert_cmpstr (f->key, ==, "leftover:open-task");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 5, 3);
  assert_text (text, f, "[ ]");
  g_assert_cmpstr (f->key, ==, "leftover:open-task#2");
  /* the ticked one is done, and brackets in prose are no task */
  for (guint i = 0; i < findings->len; i++)
    if (g_str_has_prefix (((BulletinFinding *)findings->pdata[i])->key, "leftover:open-task"))
      g_assert_cmpuint (((BulletinFinding *)findings->pdata[i])->line, !=, 4);
  g_assert_cmpuint (findings->len, ==, 3);
}

static void
test_leftovers (void)
{
  const char *text =
    "# Update for {{week_ending}}\n"
    "\n"
    "TODO: add the figures. The TK and XXX are here.  Two spaces.\n"
    "Send it to [name] by [date], and and check it.\n"
    "Lorem ipsum dolor sit amet. The the end.\n"
    "\n"
    "- [ ] a task, not a gap\n"
    "- [x] done\n"
    "\n"
    "Hard break  \n"
    "then more. Café – the the.\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_LEFTOVERS, NULL);
  const BulletinFinding *f;

  dump (findings);

  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 1, 14);
  assert_text (text, f, "{{week_ending}}");
  g_assert_cmpstr (f->key, ==, "leftover:placeholder:week_ending");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 3, 1);
  assert_text (text, f, "TODO");
  expect (findings, BULLETIN_FINDING_LEFTOVER, 3, 28);
  expect (findings, BULLETIN_FINDING_LEFTOVER, 3, 35);
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 3, 48);
  assert_text (text, f, "  ");
  g_assert_cmpstr (f->suggestions[0], ==, " ");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 4, 12);
  assert_text (text, f, "[name]");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 4, 22);
  assert_text (text, f, "[date]");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 4, 30);
  assert_text (text, f, "and and");
  g_assert_cmpstr (f->suggestions[0], ==, "and");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 5, 1);
  assert_text (text, f, "Lorem ipsum");
  /* across a sentence's end it is still doubled ("The the") */
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 5, 29);
  assert_text (text, f, "The the");
  /* columns count characters: "Café –" is 6 characters, 9 bytes */
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 11, 19);
  assert_text (text, f, "the the");
  g_assert_cmpuint (f->offset, ==, strstr (text, "the the.") - text);
  g_assert_cmpstr (f->key, ==, "leftover:doubled:the#2");

  /* the open task box is no [name] gap, but an unticked item (issue 16);
   * no hard line break */
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 7, 3);
  g_assert_cmpstr (f->key, ==, "leftover:open-task");
  g_assert_cmpuint (findings->len, ==, 12);
}

static void
test_template_examples (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/weekly-template.md", 0, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 18, 10, 0, 0);
  g_autoptr(GDate) today = make_date (2026, 11, 18);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *template_text = NULL;
  g_autofree char *draft = NULL;
  BulletinTemplateContext ctx = { 0 };
  const BulletinFinding *f;

  g_assert_nonnull (bytes);
  template_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  ctx.today = now;
  ctx.week_ends_on = G_DATE_FRIDAY;
  ctx.sender_name = "Sam Jones";
  ctx.sender_role = "Chief Executive";
  ctx.organisation = "the partnership";
  ctx.locale = "en_GB.UTF-8";
  draft = bulletin_template_instantiate (template_text, &ctx, NULL, NULL);

  /* a new week's draft, untouched: the template's examples are left over
   * (and its event has no day), but its dates are right */
  findings = run (draft, BULLETIN_CHECK_ALL, today);
  dump (findings);
  g_assert_cmpuint (findings->len, ==, 4);
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 9, 5);
  assert_text (draft, f, "Headline of the first item");
  f = expect (findings, BULLETIN_FINDING_LEFTOVER, 11, 1);
  assert_text (draft, f, "A few lines about it.");
  expect (findings, BULLETIN_FINDING_LEFTOVER, 15, 3);
  expect (findings, BULLETIN_FINDING_DATE, 15, 3);
}

/* ----- structure ----- */

/* @text with its only @from replaced by @to */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, from));
  return g_strdup_printf ("%.*s%s%s", (int)(at - text), text, to, at + strlen (from));
}

static void
test_structure (void)
{
  const char *missing = "# Weekly update\n\nText.\n";
  /* issue 16: a short note is no weekly update, and misses nothing */
  const char *note = "# Car park closed on Monday\n\nPlease park at the library.\n";
  const char *reversed =
    "# Update\n\nText.\n\n"
    "## What’s happening next week?\n\n- Monday: a meeting\n\n"
    "## What else has been happening this week?\n\n### Item\n\nText.\n";
  const char *empty =
    "# Update\n\n"
    "## What else has been happening this week?\n\n"
    "## What's happening next week?\n";
  g_autofree char *record = bulletin_test_read_fixture (RECORD);
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  g_autofree char *volunteers = bulletin_test_read_fixture (VOLUNTEERS);
  /* the same updates, one heading worded differently, one cut short */
  g_autofree char *had = replace_once (record, "What else has been happening", "What else had been happening");
  g_autofree char *no_next = g_strndup (teams, strstr (teams, "\n\n## What’s happening next week?") + 1 - teams);
  g_autoptr(GPtrArray) a = run (missing, BULLETIN_CHECK_STRUCTURE, NULL);
  g_autoptr(GPtrArray) n = run (note, BULLETIN_CHECK_STRUCTURE, NULL);
  g_autoptr(GPtrArray) b = run (reversed, BULLETIN_CHECK_STRUCTURE, NULL);
  g_autoptr(GPtrArray) c = run (empty, BULLETIN_CHECK_STRUCTURE, NULL);
  g_autoptr(GPtrArray) w = run (had, BULLETIN_CHECK_STRUCTURE, NULL);
  g_autoptr(GPtrArray) s = run (no_next, BULLETIN_CHECK_STRUCTURE, NULL);
  const BulletinFinding *f;

  /* as written, every fixture has both sections in order */
  {
    g_autoptr(GPtrArray) r = run (record, BULLETIN_CHECK_STRUCTURE, NULL);
    g_autoptr(GPtrArray) t = run (teams, BULLETIN_CHECK_STRUCTURE, NULL);
    g_autoptr(GPtrArray) v = run (volunteers, BULLETIN_CHECK_STRUCTURE, NULL);

    assert_none (r);
    assert_none (t);
    assert_none (v);
  }

  assert_none (n);

  /* both missing: pointed at the end of the last line */
  g_assert_cmpuint (a->len, ==, 2);
  f = expect (a, BULLETIN_FINDING_STRUCTURE, 3, 6);
  g_assert_cmpuint (f->length, ==, 0);
  g_assert_cmpstr (((BulletinFinding *)a->pdata[0])->key, ==, "structure:missing:else");
  g_assert_cmpstr (((BulletinFinding *)a->pdata[1])->key, ==, "structure:missing:next");

  dump (b);
  g_assert_cmpuint (b->len, ==, 1);
  f = expect (b, BULLETIN_FINDING_STRUCTURE, 5, 1);
  g_assert_cmpstr (f->key, ==, "structure:order");

  /* a straight apostrophe is the same heading */
  dump (c);
  g_assert_cmpuint (c->len, ==, 2);
  expect (c, BULLETIN_FINDING_STRUCTURE, 3, 1);
  expect (c, BULLETIN_FINDING_STRUCTURE, 5, 1);
  g_assert_cmpstr (((BulletinFinding *)c->pdata[0])->key, ==, "structure:empty:else");

  /* "What else had been happening": present, but worded differently */
  dump (w);
  g_assert_cmpuint (w->len, ==, 1);
  f = expect (w, BULLETIN_FINDING_STRUCTURE, 29, 4);
  assert_text (had, f, "What else had been happening this week?");
  g_assert_cmpstr (f->suggestions[0], ==, "What else has been happening this week?");

  /* no "next week" section: pointed at the end of the last line */
  dump (s);
  g_assert_cmpuint (s->len, ==, 1);
  g_assert_cmpstr (((BulletinFinding *)s->pdata[0])->key, ==, "structure:missing:next");
  f = expect (s, BULLETIN_FINDING_STRUCTURE, 53, 339);
  g_assert_cmpuint (f->length, ==, 0);
}

/* ----- dates ----- */

/* Issue 16: next week's dates were compared with today, so "Thursday 3
 * December" under next week in the update for the week ending Friday 4
 * December went through. The title's week decides. */
static void
test_dates_next_week_from_title (void)
{
  const char *text =
    "# Weekly update: week ending Friday 4 December 2026\n\n"
    "Lead.\n\n"
    "## What else has been happening this week?\n\n"
    "News on Wednesday 2 December 2026.\n\n"
    "## What’s happening next week?\n\n"
    "- Thursday 3 December 2026: the board\n"
    "- Monday 7 December 2026: the partnership board\n"
    "- Sunday 13 December 2026: carols\n"
    "- Monday 14 December 2026: too late\n";
  g_autoptr(GDate) today = g_date_new_dmy (20, 11, 2026);
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_DATES, today);
  const BulletinFinding *f;

  dump (findings);
  f = expect (findings, BULLETIN_FINDING_DATE, 11, 3);
  assert_text (text, f, "Thursday 3 December 2026");
  g_assert_cmpstr (f->key, ==, "date:not-next-week:Thursday 3 December 2026");
  g_assert_nonnull (strstr (f->message, "Monday 7 December 2026 to Sunday 13 December 2026"));
  expect (findings, BULLETIN_FINDING_DATE, 14, 3);
  /* the week itself, and this week's news, are fine */
  g_assert_cmpuint (findings->len, ==, 2);
}

static void
test_weekday_mismatch (void)
{
  const char *text =
    "The board met on Tuesday 26 November 2026 and on Monday 30 November 2026.\n"
    "The next is on Tuesday 1 December 2026, then Wednesday, 31st December 2026.\n"
    "After that Friday 1 January 2027, Thu 31 Dec 2026 and Saturday, January 3rd, 2027.\n"
    "Not a date: Friday 31 November 2026. A leap day: Saturday 29 February 2028.\n";
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_DATES, NULL);
  const BulletinFinding *f;

  dump (findings);

  f = expect (findings, BULLETIN_FINDING_DATE, 1, 18);
  assert_text (text, f, "Tuesday");
  g_assert_cmpstr (f->suggestions[0], ==, "Thursday");
  g_assert_nonnull (strstr (f->message, "Thursday 26 November 2026"));
  /* across the year's end */
  f = expect (findings, BULLETIN_FINDING_DATE, 2, 46);
  assert_text (text, f, "Wednesday");
  g_assert_cmpstr (f->suggestions[0], ==, "Thursday");
  f = expect (findings, BULLETIN_FINDING_DATE, 3, 55);
  assert_text (text, f, "Saturday");
  g_assert_cmpstr (f->suggestions[0], ==, "Sunday");
  f = expect (findings, BULLETIN_FINDING_DATE, 4, 13);
  assert_text (text, f, "Friday 31 November 2026");
  /* 29 February 2028 is a Tuesday */
  f = expect (findings, BULLETIN_FINDING_DATE, 4, 50);
  g_assert_cmpstr (f->suggestions[0], ==, "Tuesday");

  g_assert_cmpuint (findings->len, ==, 5);
}

static void
test_dates_without_year (void)
{
  /* late in December, "4 January" is next year's */
  const char *text =
    "## What else has been happening this week?\n\nText.\n\n"
    "## What’s happening next week?\n\n"
    "- Monday 4 January: the board\n"
    "- Tuesday 4 January: wrong day\n"
    "- Wednesday 23 December: already past\n"
    "- Thursday 31 December 2026: a meeting\n"
    "- The finance meeting, some time\n"
    "- On 5/1 the partnership forum\n";
  g_autoptr(GDate) today = make_date (2026, 12, 28);
  g_autoptr(GPtrArray) findings = run (text, BULLETIN_CHECK_DATES, today);
  const BulletinFinding *f;

  dump (findings);

  f = expect (findings, BULLETIN_FINDING_DATE, 8, 3);
  assert_text (text, f, "Tuesday");
  g_assert_cmpstr (f->suggestions[0], ==, "Monday");
  f = expect (findings, BULLETIN_FINDING_DATE, 9, 3);
  assert_text (text, f, "Wednesday 23 December");
  g_assert_nonnull (strstr (f->message, "past"));
  f = expect (findings, BULLETIN_FINDING_DATE, 11, 3);
  assert_text (text, f, "The finance meeting, some time");
  g_assert_cmpuint (findings->len, ==, 3);
}

static void
test_dates_next_week_fixtures (void)
{
  g_autofree char *volunteers = bulletin_test_read_fixture (VOLUNTEERS);
  g_autofree char *record = bulletin_test_read_fixture (RECORD);
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  g_autoptr(GDate) week_later = make_date (2026, 11, 27);
  g_autoptr(GPtrArray) v = run (volunteers, BULLETIN_CHECK_DATES, today);
  g_autoptr(GPtrArray) r = run (record, BULLETIN_CHECK_DATES, today);
  g_autoptr(GPtrArray) t = run (teams, BULLETIN_CHECK_DATES, today);
  g_autoptr(GPtrArray) late = run (volunteers, BULLETIN_CHECK_DATES, week_later);
  const BulletinFinding *f;

  /* every event names its day, and the day is right */
  assert_none (v);
  assert_none (r);

  /* 25 November 2026 is a Wednesday */
  dump (t);
  g_assert_cmpuint (t->len, ==, 1);
  f = expect (t, BULLETIN_FINDING_DATE, 58, 44);
  assert_text (teams, f, "Tuesday");
  g_assert_cmpstr (f->suggestions[0], ==, "Wednesday");
  g_assert_nonnull (strstr (f->message, "Wednesday 25 November 2026"));

  /* a week later, the same "next week" is in the past, but for today */
  dump (late);
  g_assert_cmpuint (late->len, ==, 3);
  f = expect (late, BULLETIN_FINDING_DATE, 47, 34);
  assert_text (volunteers, f, "Monday 23 November");
  g_assert_cmpstr (f->key, ==, "date:past:Monday 23 November");
  expect (late, BULLETIN_FINDING_DATE, 48, 48);
  expect (late, BULLETIN_FINDING_DATE, 49, 42);
}

/* ----- spelling ----- */

static void
test_spelling_fixtures (void)
{
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  g_autofree char *record = bulletin_test_read_fixture (RECORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new (NULL, &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) none = NULL;
  BulletinCheckOptions opts = { 0 };
  const BulletinFinding *f;

  g_assert_no_error (error);
  opts.kinds = BULLETIN_CHECK_SPELLING;
  opts.spell = spell;
  opts.spelling_suggestions = TRUE;
  findings = bulletin_checks_run (teams, strlen (teams), &opts);
  dump (findings);

  /* only the two misspellings: acronyms are not spelled ("B&M", "ICB",
   * "PCN"), and "etc." is a word */
  g_assert_cmpuint (findings->len, ==, 2);
  f = expect (findings, BULLETIN_FINDING_SPELLING, 5, 269);
  assert_text (teams, f, "andcommunity");
  g_assert_cmpstr (f->key, ==, "spelling:andcommunity");
  g_assert_nonnull (f->suggestions);
  f = expect (findings, BULLETIN_FINDING_SPELLING, 39, 101);
  assert_text (teams, f, "publically");
  g_assert_true (g_strv_contains ((const char * const *)f->suggestions, "publicly"));

  /* names, "SCR" and "APIs" */
  none = bulletin_checks_run (record, strlen (record), &opts);
  assert_none (none);
}

static void
test_spelling_personal_dictionary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-checks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  const char *text = "Quaxtonby and Zorblingham are twinned; Zorblingham’s mayor came to Zorblingham.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = bulletin_store_open (path, &error);
  g_autoptr(BulletinSpell) spell = bulletin_spell_new ("en_GB", &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) ignoring = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GHashTable) ignored = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) words = NULL;
  BulletinCheckOptions opts = { 0 };

  g_assert_no_error (error);
  opts.kinds = BULLETIN_CHECK_SPELLING;
  opts.spell = spell;

  before = bulletin_checks_run (text, strlen (text), &opts);
  dump (before);
  g_assert_cmpuint (before->len, ==, 4);
  expect (before, BULLETIN_FINDING_SPELLING, 1, 1);
  expect (before, BULLETIN_FINDING_SPELLING, 1, 15);
  expect (before, BULLETIN_FINDING_SPELLING, 1, 68);
  /* one key for every "Zorblingham": ignoring it ignores them all */
  g_assert_cmpstr (((BulletinFinding *)before->pdata[1])->key, ==, "spelling:Zorblingham");
  g_assert_cmpstr (((BulletinFinding *)before->pdata[3])->key, ==, "spelling:Zorblingham");
  g_hash_table_add (ignored, (char *)"spelling:Zorblingham");
  opts.ignored_keys = ignored;
  ignoring = bulletin_checks_run (text, strlen (text), &opts);
  g_assert_cmpuint (ignoring->len, ==, 2);
  opts.ignored_keys = NULL;

  /* "Add to dictionary" stores the word; the checker learns the list */
  g_assert_true (bulletin_store_dictionary_add (store, "Zorblingham", &error));
  g_assert_true (bulletin_store_dictionary_add (store, "Quaxtonby", &error));
  words = bulletin_store_dictionary_list (store, &error);
  g_assert_no_error (error);
  bulletin_spell_add_words (spell, (const char * const *)words);

  after = bulletin_checks_run (text, strlen (text), &opts);
  assert_none (after);

  g_clear_object (&store);
  bulletin_test_remove_tree (dir);
}

/* ----- everything together ----- */

static const char clean_update[] =
  "# Weekly update – week ending Friday 20 November 2026\n"
  "\n"
  "This week’s message is sent from Sam Jones, Chief Executive, on behalf of the partnership.\n"
  "\n"
  "The Integrated Care Board (ICB) met on Tuesday 17 November 2026. The ICB agreed the\n"
  "winter plan, which you can read on the [partnership website](https://example.org/winter).\n"
  "The NHS and our councils will publish it on the 1st of December.\n"
  "\n"
  "| Team | Lead |\n"
  "|------|------|\n"
  "| Finance | Sam Jones |\n"
  "\n"
  "Have a good weekend\n"
  "\n"
  "## What else has been happening this week?\n"
  "\n"
  "### Carers\n"
  "\n"
  "The carers’ group met on Thursday. Write to <carers@example.org> to join. Use the\n"
  "`carers-2026` code when you book.\n"
  "\n"
  "## What’s happening next week?\n"
  "\n"
  "- The board meets on Monday 23 November.\n"
  "- Directors of finance will meet on Wednesday.\n"
  "- [x] The staff forum on Friday 27 November 2026\n";

static void
test_clean_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new (NULL, &error);
  g_autoptr(GHashTable) glossary = test_glossary ();
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };

  g_assert_no_error (error);
  opts.today = today;
  opts.spell = spell;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;

  findings = bulletin_checks_run (clean_update, strlen (clean_update), &opts);
  assert_none (findings);
}

/* the clean weekly update in tests/data, with what `bulletin --check`
 * uses: the default glossary and the dictionary */
static void
test_clean_fixture_file (void)
{
  g_autofree char *volunteers = bulletin_test_read_fixture (VOLUNTEERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSpell) spell = bulletin_spell_new (NULL, &error);
  g_autoptr(GHashTable) glossary = bulletin_checks_load_default_glossary (NULL);
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };

  g_assert_no_error (error);
  opts.today = today;
  opts.spell = spell;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;

  findings = bulletin_checks_run (volunteers, strlen (volunteers), &opts);
  assert_none (findings);
}

static void
test_ignored_keys_and_kinds (void)
{
  const char *text = "TODO: one. TODO: two. See [here](https://example.org).\n";
  g_autoptr(GHashTable) ignored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all = run (text, BULLETIN_CHECK_LEFTOVERS | BULLETIN_CHECK_LINKS, NULL);
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GPtrArray) links = run (text, BULLETIN_CHECK_LINKS, NULL);
  BulletinCheckOptions opts = { 0 };

  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((BulletinFinding *)all->pdata[0])->key, ==, "leftover:TODO");
  g_assert_cmpstr (((BulletinFinding *)all->pdata[1])->key, ==, "leftover:TODO#2");
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((BulletinFinding *)links->pdata[0])->kind, ==, BULLETIN_FINDING_LINK);

  g_hash_table_add (ignored, (char *)"leftover:TODO#2");
  g_hash_table_add (ignored, (char *)"link:vague:https://example.org");
  opts.kinds = BULLETIN_CHECK_LEFTOVERS | BULLETIN_CHECK_LINKS;
  opts.ignored_keys = ignored;
  some = bulletin_checks_run (text, strlen (text), &opts);
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_cmpuint (((BulletinFinding *)some->pdata[0])->column, ==, 1);
}

static void
test_sorted_and_boxed (void)
{
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  g_autoptr(GPtrArray) findings = run (teams, 0, NULL);
  g_autoptr(BulletinFinding) copy = NULL;

  g_assert_cmpuint (findings->len, >, 3);
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpuint (((BulletinFinding *)findings->pdata[i - 1])->offset, <=,
                      ((BulletinFinding *)findings->pdata[i])->offset);

  copy = g_boxed_copy (BULLETIN_TYPE_FINDING, findings->pdata[0]);
  g_assert_cmpstr (copy->key, ==, ((BulletinFinding *)findings->pdata[0])->key);
  g_assert_cmpstr (bulletin_finding_kind_to_string (BULLETIN_FINDING_SPELLING), ==, "spelling");
}

static void
test_empty_and_odd_input (void)
{
  g_autoptr(GPtrArray) empty = bulletin_checks_run ("", 0, NULL);
  g_autoptr(GPtrArray) odd = NULL;
  const char *text = "[unclosed `tick *star <a href=\"x\n\n]( ) ![\n";

  /* nothing: an empty draft is not yet a weekly update missing its
   * sections (issue 15 saw a badge of 2 on a new, empty window) */
  g_assert_cmpuint (empty->len, ==, 0);
  odd = bulletin_checks_run (text, strlen (text), NULL);
  g_assert_nonnull (odd);
}

/* ----- statistics ----- */

static void
test_stats (void)
{
  const char *text =
    "# A heading of six words here\n"
    "\n"
    "The cat sat on the mat. It was a very good day for everyone!\n"
    "See `code here` and https://example.org/page.\n";
  g_autofree char *teams = bulletin_test_read_fixture (TEAMS);
  BulletinStats stats = bulletin_checks_stats (text, strlen (text));
  BulletinStats empty = bulletin_checks_stats ("", 0);

  /* 6 + 6 + 8 + 2: code and the address are not words */
  g_assert_cmpuint (stats.words, ==, 22);
  g_assert_cmpuint (stats.sentences, ==, 3);
  g_assert_cmpuint (stats.longest_sentence_words, ==, 8);
  g_assert_cmpuint (stats.longest_sentence_line, ==, 3);
  g_assert_cmpuint (stats.longest_sentence_offset, ==, strstr (text, "It was") - text);
  g_assert_cmpuint (stats.reading_seconds, ==, 6);   /* 22 words at 238 a minute */
  g_assert_cmpfloat (stats.flesch_reading_ease, >, 90.0);

  g_assert_cmpuint (empty.words, ==, 0);
  g_assert_cmpfloat (empty.flesch_reading_ease, ==, 0.0);

  /* a whole update: about 1,000 words and harder than plain English */
  stats = bulletin_checks_stats (teams, strlen (teams));
  g_test_message ("%s: %u words, %u sentences, Flesch %.1f, longest %u words on line %u",
                  TEAMS, stats.words, stats.sentences, stats.flesch_reading_ease,
                  stats.longest_sentence_words, stats.longest_sentence_line);
  g_assert_cmpuint (stats.words, >, 1000);
  g_assert_cmpuint (stats.words, <, 1300);
  g_assert_cmpfloat (stats.flesch_reading_ease, <, BULLETIN_STATS_PLAIN_ENGLISH_TARGET);
  g_assert_cmpfloat (stats.flesch_reading_ease, >, 10.0);
}

/* ----- the command line ----- */

static char *
run_cli (const char *path,
         int        *status,
         char      **errors)
{
  g_autofree char *out_path = g_strconcat (path, ".out", NULL);
  g_autofree char *err_path = g_strconcat (path, ".err", NULL);
  FILE *out = g_fopen (out_path, "w");
  FILE *err = g_fopen (err_path, "w");
  char *text = NULL;

  *status = bulletin_cli_check_file (path, NULL, NULL, out, err);
  fclose (out);
  fclose (err);
  g_assert_true (g_file_get_contents (out_path, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (err_path, errors, NULL, NULL));

  return text;
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bulletin-checks-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "no-such.db", NULL);
  g_autofree char *draft = g_build_filename (dir, "draft.md", NULL);
  g_autofree char *clean = g_build_filename (dir, "clean.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.md", NULL);
  g_autofree char *binary = g_build_filename (dir, "binary.md", NULL);
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *expected = NULL;
  const char *draft_text =
    "# Update\n"
    "\n"
    "Café – the the NHS and the VCS, see [here](https://example.org).\n"
    "\n"
    "## What else has been happening this week?\n"
    "\n"
    "Text.\n"
    "\n"
    "## What’s happening next week?\n"
    "\n"
    "- A meeting on Tuesday 4 January 2100.\n";
  int status;

  /* no database, and none is created: the default glossary is used */
  g_setenv ("BULLETIN_DB", db, TRUE);

  g_assert_true (g_file_set_contents (draft, draft_text, -1, NULL));
  out = run_cli (draft, &status, &errors);
  g_assert_cmpint (status, ==, 1);
  expected = g_strdup_printf ("%s:3:8: leftover: “the” is doubled\n"
                              "%s:3:28: acronym: “VCS” is not spelled out at its first use; spell it out, or add it to the glossary\n"
                              "%s:3:38: link: The link text “here” does not say where the link goes\n"
                              "%s:11:16: date: “Tuesday 4 January 2100” has the wrong weekday: the date is Monday 4 January 2100\n",
                              draft, draft, draft, draft);
  g_assert_cmpstr (out, ==, expected);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&errors, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_true (g_file_set_contents (clean, clean_update, -1, NULL));
  out = run_cli (clean, &status, &errors);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&errors, g_free);

  out = run_cli (missing, &status, &errors);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (errors, "missing.md"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&errors, g_free);

  g_assert_true (g_file_set_contents (binary, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16, NULL));
  out = run_cli (binary, &status, &errors);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (errors, !=, "");

  g_unsetenv ("BULLETIN_DB");
  bulletin_test_remove_tree (dir);
}

static void
report_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BulletinCheckReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = bulletin_check_report_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static void
test_report (void)
{
  /* non-ASCII before the finding: spans count characters, not bytes */
  const char *text =
    "# Café news\n"
    "\n"
    "Thé team met the VCS. Please click [here](https://example.org) to read more.\n";
  g_autoptr(GHashTable) glossary = NULL;
  g_autoptr(GHashTable) ignored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(BulletinCheckReport) report = NULL;
  g_autoptr(BulletinCheckReport) async_report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GDate) today = make_date (2026, 11, 20);
  BulletinCheckOptions opts = { 0 };
  const char *here;
  gboolean found_link = FALSE;

  glossary = bulletin_checks_load_default_glossary (NULL);
  g_assert_nonnull (glossary);
  opts.kinds = BULLETIN_CHECK_ACRONYMS | BULLETIN_CHECK_LINKS;
  opts.today = today;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;
  opts.ignored_keys = ignored;

  report = bulletin_check_report_new (text, strlen (text), &opts);
  g_assert_cmpuint (report->findings->len, ==, report->spans->len);
  g_assert_cmpuint (report->findings->len, >=, 2);

  here = strstr (text, "here]");
  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *f = report->findings->pdata[i];
      const BulletinCheckSpan *span = &g_array_index (report->spans, BulletinCheckSpan, i);

      g_assert_cmpuint (span->start, ==, g_utf8_pointer_to_offset (text, text + f->offset));
      g_assert_cmpuint (span->end, ==, g_utf8_pointer_to_offset (text, text + f->offset + f->length));
      if (f->kind == BULLETIN_FINDING_LINK && text + f->offset <= here &&
          here < text + f->offset + f->length)
        found_link = TRUE;
    }
  g_assert_true (found_link);
  {
    g_autofree char *first = bulletin_check_report_dup_range (report, 0);

    g_assert_cmpstr (first, ==, "VCS");
  }

  g_assert_cmpuint (report->stats.words, >, 10);
  g_assert_cmpuint (report->longest_sentence.end, >, report->longest_sentence.start);
  html = bulletin_export_render (BULLETIN_EXPORT_HTML, text, strlen (text), NULL, NULL, NULL);
  g_assert_cmpuint (report->html_size, ==, g_bytes_get_size (html));

  /* the worker gives the same, and ignoring a key works through the copy */
  g_hash_table_add (ignored, ((BulletinFinding *)report->findings->pdata[0])->key);
  bytes = g_bytes_new_take (g_strdup (text), strlen (text));
  bulletin_check_report_new_async (bytes, &opts, NULL, report_ready_cb, &async_report);
  /* the table was copied: emptying it now must not matter */
  g_hash_table_remove_all (ignored);
  while (async_report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async_report->findings->len, ==, report->findings->len - 1);
  g_assert_cmpuint (async_report->html_size, ==, report->html_size);
}

typedef struct
{
  gboolean done;
  GError *error;
  BulletinCheckReport *report;
} Cancelled;

static void
cancelled_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Cancelled *c = user_data;

  c->report = bulletin_check_report_new_finish (result, &c->error);
  c->done = TRUE;
}

/* A run overtaken by newer text is cancelled, even once started, and
 * gives no report; the checks themselves stop between passes and every
 * few thousand words of spelling. */
static void
test_report_cancel (void)
{
  g_autoptr(GString) text = g_string_new ("# Weekly update\n\n");
  g_autoptr(BulletinSpell) spell = bulletin_spell_new ("en_GB", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) partial = NULL;
  BulletinCheckOptions opts = { 0 };
  Cancelled c = { 0 };

  g_assert_nonnull (spell);
  /* long enough that the run is still going when it is cancelled */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "The NHS board met on Tuesday about the plann%u for [here](https://example.org). ", i);
  bytes = g_bytes_new (text->str, text->len + 1);
  bytes = g_bytes_new_from_bytes (bytes, 0, text->len);

  opts.spell = spell;
  bulletin_check_report_new_async (bytes, &opts, cancellable, cancelled_ready_cb, &c);
  g_cancellable_cancel (cancellable);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (c.report);
  g_assert_error (c.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&c.error);

  /* in the checks: cancelled before the spelling, no spelling finding */
  opts.cancellable = cancellable;
  partial = bulletin_checks_run (text->str, text->len, &opts);
  for (guint i = 0; i < partial->len; i++)
    g_assert_cmpint (((BulletinFinding *)partial->pdata[i])->kind, !=, BULLETIN_FINDING_SPELLING);
}

/* inputs fuzz-checks found: a range from cmark-gfm's columns ended
 * inside a character, and a message quoted half a character; every
 * finding must cover whole characters and say something valid */
static void
test_ranges_whole_characters (void)
{
  const char * const inputs[] = {
    "checks-range-inside-character.md",
    "checks-message-inside-character.md",
  };

  for (guint n = 0; n < G_N_ELEMENTS (inputs); n++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fuzz", "corpus",
                                                inputs[n], NULL);
      g_autofree char *data = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GDate) today = make_date (2026, 11, 20);
      BulletinCheckOptions opts = { 0 };
      gsize size = 0, len = 0;

      g_assert_true (g_file_get_contents (path, &data, &size, NULL));
      text = bulletin_markdown_sanitize (data, size, &len, NULL);
      opts.today = today;
      findings = bulletin_checks_run (text, len, &opts);
      g_assert_cmpuint (findings->len, >, 0);
      for (guint i = 0; i < findings->len; i++)
        {
          const BulletinFinding *f = findings->pdata[i];

          if (!g_utf8_validate (f->message, -1, NULL))
            g_error ("%s: invalid message %u: %s", inputs[n], i, f->message);
          g_assert_true (g_utf8_validate (text + f->offset, f->length, NULL));
          g_assert_true (f->offset == len || (text[f->offset] & 0xC0) != 0x80);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checks/acronyms/teams-fixture", test_acronyms_teams_fixture);
  g_test_add_func ("/checks/acronyms/record-fixture", test_acronyms_record_fixture);
  g_test_add_func ("/checks/acronyms/forms", test_acronyms_forms);
  g_test_add_func ("/checks/acronyms/many-small-words", test_acronyms_many_small_words);
  g_test_add_func ("/checks/acronyms/glossary", test_acronyms_glossary);
  g_test_add_func ("/checks/acronyms/glossary-from-store", test_acronyms_glossary_from_store);
  g_test_add_func ("/checks/code-and-urls-skipped", test_code_and_urls_skipped);
  g_test_add_func ("/checks/links", test_links);
  g_test_add_func ("/checks/links-fixtures", test_links_fixtures);
  g_test_add_func ("/checks/links-vague-openings", test_links_vague_openings);
  g_test_add_func ("/checks/links-images", test_links_images);
  g_test_add_func ("/checks/links-local-images", test_links_local_images);
  g_test_add_func ("/checks/links-images-fixture", test_links_images_fixture);
  g_test_add_func ("/checks/leftovers", test_leftovers);
  g_test_add_func ("/checks/open-tasks", test_open_tasks);
  g_test_add_func ("/checks/template-examples", test_template_examples);
  g_test_add_func ("/checks/structure", test_structure);
  g_test_add_func ("/checks/dates/weekday-mismatch", test_weekday_mismatch);
  g_test_add_func ("/checks/dates/without-year", test_dates_without_year);
  g_test_add_func ("/checks/dates/next-week-fixtures", test_dates_next_week_fixtures);
  g_test_add_func ("/checks/dates/next-week-from-title", test_dates_next_week_from_title);
  g_test_add_func ("/checks/spelling/fixtures", test_spelling_fixtures);
  g_test_add_func ("/checks/spelling/personal-dictionary", test_spelling_personal_dictionary);
  g_test_add_func ("/checks/clean-fixture", test_clean_fixture);
  g_test_add_func ("/checks/clean-fixture-file", test_clean_fixture_file);
  g_test_add_func ("/checks/ignored-keys-and-kinds", test_ignored_keys_and_kinds);
  g_test_add_func ("/checks/sorted-and-boxed", test_sorted_and_boxed);
  g_test_add_func ("/checks/empty-and-odd-input", test_empty_and_odd_input);
  g_test_add_func ("/checks/stats", test_stats);
  g_test_add_func ("/checks/cli", test_cli);
  g_test_add_func ("/checks/report", test_report);
  g_test_add_func ("/checks/report/cancel", test_report_cancel);
  g_test_add_func ("/checks/ranges-whole-characters", test_ranges_whole_characters);

  return g_test_run ();
}
