/* test-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bulletin-library.h"
#include "bulletin-test-util.h"

typedef struct
{
  char *dir;
  BulletinStore *store;
} Fixture;

static BulletinStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("bulletin-library-XXXXXX", NULL);
  f->store = open_store (f->dir, "bulletin.db");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static BulletinSection *
section_at (GPtrArray *list,
            guint      i)
{
  g_assert_cmpuint (i, <, list->len);
  return list->pdata[i];
}

static void
test_add_and_unique_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinSection) found = NULL;
  gint64 id;

  id = bulletin_store_add_section (f->store, "Have a good weekend", "Sign-offs", "Have a good weekend", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* names are unique, ignoring case */
  g_assert_cmpint (bulletin_store_add_section (f->store, "HAVE A GOOD WEEKEND", "Sign-offs", "x", &error), ==, 0);
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (bulletin_store_add_section (f->store, "  ", "Sign-offs", "x", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  found = bulletin_store_find_section (f->store, "have a good weekend", &error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, id);
}

static void
test_edit_keeps_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = bulletin_store_add_section (f->store, "Contact", "Boilerplate", "Write to us.", &error);
  gint64 other = bulletin_store_add_section (f->store, "Other", "Boilerplate", "x", &error);

  g_assert_true (bulletin_store_update_section (f->store, id, "Contact us", "Boilerplate", "Write to comms@example.org.", &error));
  g_assert_true (bulletin_store_update_section (f->store, id, "Contact us", "Boilerplate", "Write to comms@example.org.", &error));
  g_assert_true (bulletin_store_update_section (f->store, id, "Contact us", "Closing", "Write to comms@example.org by Thursday.", &error));

  /* renaming onto another section's name is refused */
  g_assert_false (bulletin_store_update_section (f->store, other, "contact US", "Boilerplate", "x", &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  history = bulletin_store_list_section_history (f->store, id, &error);
  g_assert_no_error (error);
  /* two real changes; the repeated one added nothing */
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (section_at (history, 1)->body, ==, "Write to us.");
  g_assert_cmpstr (section_at (history, 1)->name, ==, "Contact");
  g_assert_cmpstr (section_at (history, 0)->category, ==, "Boilerplate");

  list = bulletin_store_list_sections (f->store, "thursday", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (section_at (list, 0)->category, ==, "Closing");
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = bulletin_store_add_section (f->store, "Have a great week", "Sign-offs", "Have a great week", &error);

  g_assert_true (bulletin_store_delete_section (f->store, id, TRUE, &error));
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* the name is free again while deleted... */
  g_assert_cmpint (bulletin_store_add_section (f->store, "Have a great week", "Sign-offs", "new", &error), >, 0);
  /* ...so undo must not make two of them */
  g_assert_false (bulletin_store_delete_section (f->store, id, FALSE, &error));
  g_assert_error (error, BULLETIN_STORE_ERROR, BULLETIN_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  {
    gint64 other = bulletin_store_add_section (f->store, "Best wishes", "Sign-offs", "Best wishes", &error);

    g_assert_true (bulletin_store_delete_section (f->store, other, TRUE, &error));
    g_assert_true (bulletin_store_delete_section (f->store, other, FALSE, &error));
  }
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_reorder_and_recategorise (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 a = bulletin_store_add_section (f->store, "A", "Openings", "a", &error);
  gint64 b = bulletin_store_add_section (f->store, "B", "Openings", "b", &error);
  gint64 c = bulletin_store_add_section (f->store, "C", "Openings", "c", &error);

  /* drag C to the top */
  g_assert_true (bulletin_store_move_section (f->store, c, "Openings", 0, &error));
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpint (section_at (list, 0)->id, ==, c);
  g_assert_cmpint (section_at (list, 1)->id, ==, a);
  g_assert_cmpint (section_at (list, 2)->id, ==, b);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* and A into another category, past its end */
  g_assert_true (bulletin_store_move_section (f->store, a, "Sign-offs", 99, &error));
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpstr (section_at (list, 2)->category, ==, "Sign-offs");
  g_assert_cmpint (section_at (list, 2)->id, ==, a);
  (void)b;
}

static void
test_defaults_once (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean openings = FALSE, signoffs = FALSE, recurring = FALSE, boiler = FALSE;

  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  g_assert_no_error (error);
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpuint (list->len, >=, 7);
  for (guint i = 0; i < list->len; i++)
    {
      const char *category = section_at (list, i)->category;

      openings |= g_str_equal (category, "Openings");
      signoffs |= g_str_equal (category, "Sign-offs");
      recurring |= g_str_equal (category, "Recurring sections");
      boiler |= g_str_equal (category, "Boilerplate");
    }
  g_assert_true (openings && signoffs && recurring && boiler);

  /* a user who empties the library keeps it empty */
  for (guint i = 0; i < list->len; i++)
    g_assert_true (bulletin_store_delete_section (f->store, section_at (list, i)->id, TRUE, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  list = bulletin_store_list_sections (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_export_import_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(BulletinStore) other = open_store (f->dir, "other.db");
  g_autofree char *file = NULL;
  BulletinImportReport report;

  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  g_assert_cmpint (bulletin_store_add_section (f->store, "Tricky = name [x]", "Mine",
                                               "Line one\n\n  Line two with \\ and ; and # and “quotes” 日本\n", &error), >, 0);
  mine = bulletin_store_list_sections (f->store, NULL, &error);

  file = bulletin_library_export (mine);
  parsed = bulletin_library_parse (file, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, mine->len);

  g_assert_true (bulletin_library_import (other, parsed, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.added, ==, mine->len);

  theirs = bulletin_store_list_sections (other, NULL, &error);
  g_assert_cmpuint (theirs->len, ==, mine->len);
  for (guint i = 0; i < mine->len; i++)
    {
      g_assert_cmpstr (section_at (theirs, i)->name, ==, section_at (mine, i)->name);
      g_assert_cmpstr (section_at (theirs, i)->category, ==, section_at (mine, i)->category);
      g_assert_cmpstr (section_at (theirs, i)->body, ==, section_at (mine, i)->body);
    }

  /* importing the same file again changes nothing */
  g_assert_true (bulletin_library_import (other, parsed, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, mine->len);
}

static BulletinImportChoice
choose (const BulletinSection *existing,
        const BulletinSection *incoming,
        gpointer               user_data)
{
  return GPOINTER_TO_INT (user_data);
}

static void
test_import_conflicts (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(BulletinSection) kept = NULL;
  g_autoptr(BulletinSection) replaced = NULL;
  g_autoptr(BulletinSection) both = NULL;
  BulletinImportReport report;
  gint64 id;

  id = bulletin_store_add_section (f->store, "Sign-off", "Sign-offs", "Ours", &error);
  parsed = bulletin_library_parse ("[Bulletin Library]\nVersion=1\n\n[Section 1]\nName=sign-off\nCategory=Sign-offs\nBody=Theirs\n", -1, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) conflicts = bulletin_library_find_conflicts (f->store, parsed);

    g_assert_cmpuint (conflicts->len, ==, 1);
    g_assert_cmpstr (conflicts->pdata[0], ==, "sign-off");
  }

  /* keep ours (also what happens with no question asked) */
  g_assert_true (bulletin_library_import (f->store, parsed, NULL, NULL, &report, &error));
  g_assert_cmpuint (report.kept, ==, 1);
  kept = bulletin_store_find_section (f->store, "Sign-off", &error);
  g_assert_cmpstr (kept->body, ==, "Ours");

  /* keep both: theirs arrives under a new name */
  g_assert_true (bulletin_library_import (f->store, parsed, choose, GINT_TO_POINTER (BULLETIN_IMPORT_KEEP_BOTH), &report, &error));
  both = bulletin_store_find_section (f->store, "sign-off (2)", &error);
  g_assert_nonnull (both);
  g_assert_cmpstr (both->body, ==, "Theirs");

  /* replace: ours goes into the section's history */
  g_assert_true (bulletin_library_import (f->store, parsed, choose, GINT_TO_POINTER (BULLETIN_IMPORT_REPLACE), &report, &error));
  g_assert_cmpuint (report.replaced, ==, 1);
  replaced = bulletin_store_find_section (f->store, "Sign-off", &error);
  g_assert_cmpint (replaced->id, ==, id);
  g_assert_cmpstr (replaced->body, ==, "Theirs");
  {
    g_autoptr(GPtrArray) history = bulletin_store_list_section_history (f->store, id, &error);
    g_assert_cmpstr (section_at (history, 0)->body, ==, "Ours");
  }

  /* once the same, nothing is left to ask about */
  {
    g_autoptr(GPtrArray) conflicts = bulletin_library_find_conflicts (f->store, parsed);

    g_assert_cmpuint (conflicts->len, ==, 0);
  }
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_null (bulletin_library_parse ("# just Markdown\n", -1, &e1));
  g_assert_error (e1, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID);
  g_assert_null (bulletin_library_parse ("[Bulletin Library]\nVersion=99\n", -1, &e2));
  g_assert_error (e2, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID);
  g_assert_null (bulletin_library_parse ("[Bulletin Library]\nVersion=1\n\xff\n", -1, &e3));
  g_assert_error (e3, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID);
  g_assert_null (bulletin_library_parse ("[Other]\nVersion=1\n", -1, &e4));
  g_assert_nonnull (e4);
}

static void
test_display_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) categories = NULL;
  const char *expected[] = { "Weekly update", "Opening: sent from", "Opening: welcome",
                             "Have a good weekend", "Have a great week", "Best wishes",
                             "What else has been happening this week?",
                             "What’s happening next week?", "Contact us", "Find out more",
                             "Alpha item", "Zulu item" };

  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  g_assert_cmpint (bulletin_store_add_section (f->store, "Zulu item", "Zoo", "z", &error), >, 0);
  g_assert_cmpint (bulletin_store_add_section (f->store, "Alpha item", "Awards", "a", &error), >, 0);

  list = bulletin_store_list_sections (f->store, NULL, &error);
  bulletin_library_sort (list);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (section_at (list, i)->name, ==, expected[i]);

  categories = bulletin_library_list_categories (list);
  g_autofree char *joined = g_strjoinv ("|", categories);
  g_assert_cmpstr (joined, ==,
                   "Templates|Openings|Sign-offs|Recurring sections|Boilerplate|Awards|Zoo");
  g_assert_cmpint (bulletin_library_category_rank ("sign-offs"), ==, 2);
  g_assert_cmpint (bulletin_library_category_rank ("Awards"), ==, G_MAXINT);
}

static void
test_weekly_template_is_editable (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *builtin = bulletin_library_dup_weekly_template (NULL, NULL);
  g_autofree char *from_empty = NULL;
  g_autofree char *from_defaults = NULL;
  g_autofree char *edited = NULL;
  gint64 id = -1;

  g_assert_true (g_str_has_prefix (builtin, "# Weekly update – week ending {{week_ending}}"));
  g_assert_nonnull (strstr (builtin, "## What’s happening next week?"));

  /* an empty library still starts weekly updates */
  from_empty = bulletin_library_dup_weekly_template (f->store, &id);
  g_assert_cmpstr (from_empty, ==, builtin);
  g_assert_cmpint (id, ==, 0);

  g_assert_true (bulletin_library_ensure_defaults (f->store, &error));
  from_defaults = bulletin_library_dup_weekly_template (f->store, &id);
  g_assert_cmpstr (from_defaults, ==, builtin);
  g_assert_cmpint (id, >, 0);

  g_assert_true (bulletin_store_update_section (f->store, id, "Weekly update", BULLETIN_LIBRARY_TEMPLATES,
                                                "# Our update for {{week_ending}}\n", &error));
  edited = bulletin_library_dup_weekly_template (f->store, NULL);
  g_assert_cmpstr (edited, ==, "# Our update for {{week_ending}}\n");
}

static void
test_pad_block (void)
{
  struct {
    const char *before;
    const char *after;
    const char *expected;
  } cases[] = {
    { "", "", "Have a good weekend\n" },
    { NULL, NULL, "Have a good weekend\n" },
    /* mid-paragraph: split it */
    { "Thanks to everyone", " who came.", "\n\nHave a good weekend\n\n" },
    /* at the start of a line under a paragraph */
    { "Thanks.\n", "", "\nHave a good weekend\n" },
    /* on a blank line between two paragraphs */
    { "Thanks.\n\n", "\nNext paragraph", "Have a good weekend\n" },
    { "Thanks.\n\n", "\n\nNext paragraph", "Have a good weekend" },
    /* just before a paragraph */
    { "Thanks.\n\n", "Next paragraph", "Have a good weekend\n\n" },
    /* spaces on the line do not count as text */
    { "Thanks.\n  \n  ", "  \n", "Have a good weekend" },
    { "Thanks.\r\n\r\n", "", "Have a good weekend\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize end = 0;
      g_autofree char *padded = bulletin_library_pad_block (cases[i].before, cases[i].after,
                                                            "\nHave a good weekend\n\n", &end);

      g_test_message ("case %u", i);
      g_assert_cmpstr (padded, ==, cases[i].expected);
      g_assert_cmpstr (padded + end - strlen ("weekend"), ==, strstr (padded, "weekend"));
    }
}

static void
test_block_end (void)
{
  const char *text = "One of the conversations we have\nbeen having is this.\n\n- first item\n- second\n";
  const char *heading = "## What else has been happening this week?\n\nText\n";

  /* inside a word: the end of the paragraph, not the end of the line */
  g_assert_cmpuint (bulletin_library_block_end (text, 10), ==, strlen ("One of the conversations we have\nbeen having is this."));
  /* at the start or the end of a line: where it is */
  g_assert_cmpuint (bulletin_library_block_end (text, 0), ==, 0);
  g_assert_cmpuint (bulletin_library_block_end (text, 32), ==, 32);
  /* inside a list item: the end of that item */
  g_assert_cmpuint (bulletin_library_block_end (text + 55, 3), ==, strlen ("- first item"));
  /* inside a heading: its end */
  g_assert_cmpuint (bulletin_library_block_end (heading, 8), ==, strlen ("## What else has been happening this week?"));
  /* no newline at the end */
  g_assert_cmpuint (bulletin_library_block_end ("last words", 4), ==, strlen ("last words"));
}

static void
test_suggest_name (void)
{
  struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "## What else has been happening this week?\n\n### Item\n", "What else has been happening this week?" },
    { "Have a good weekend", "Have a good weekend" },
    { "- **Monday**: the [board](https://example.org) meets\n- Tuesday", "Monday: the board meets" },
    { "This week’s message is sent from Jo Bloggs, Director of Strategy and Partnerships.",
      "This week’s message is sent from Jo…" },
    { "\n\n", "New section" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = bulletin_library_suggest_name (cases[i].text);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/library/add-and-unique-names", test_add_and_unique_names);
  ADD ("/library/edit-keeps-history", test_edit_keeps_history);
  ADD ("/library/delete-and-undo", test_delete_and_undo);
  ADD ("/library/reorder-and-recategorise", test_reorder_and_recategorise);
  ADD ("/library/defaults-once", test_defaults_once);
  ADD ("/library/export-import-round-trip", test_export_import_round_trip);
  ADD ("/library/import-conflicts", test_import_conflicts);
  ADD ("/library/display-order", test_display_order);
  ADD ("/library/weekly-template-is-editable", test_weekly_template_is_editable);
  g_test_add_func ("/library/parse-errors", test_parse_errors);
  g_test_add_func ("/library/pad-block", test_pad_block);
  g_test_add_func ("/library/suggest-name", test_suggest_name);
  g_test_add_func ("/library/block-end", test_block_end);

  return g_test_run ();
}
