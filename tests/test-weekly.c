/* test-weekly.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Next week's update from last week's: the week its title names, the
 * title's style kept, the open checklist items counted, and which draft
 * in the store is last week's or a given week's.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bulletin-template.h"
#include "bulletin-test-util.h"
#include "bulletin-weekly.h"

static const char *last_week =
  "# Weekly update – week ending Friday 27 November 2026\n\n"
  "Lead message.\n\n"
  "Have a good weekend\n\n"
  "## What else has been happening this week?\n\n"
  "- [x] Done already\n\n"
  "## What’s happening next week?\n\n"
  "- Monday 30 November: Partnership Board\n"
  "- Thursday 3 December: carers’ forum\n";

static void
init_context (BulletinTemplateContext *ctx,
              GDateTime               *today)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->today = today;
  ctx->week_ends_on = G_DATE_FRIDAY;
  ctx->locale = "en_GB.UTF-8";
}

static char *
next_title (const char *markdown,
            int         year,
            int         month,
            int         day,
            const char *locale)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (year, month, day, 10, 0, 0);
  BulletinTemplateContext ctx;
  g_autofree char *text = NULL;
  char *title = NULL;

  init_context (&ctx, today);
  if (locale != NULL)
    ctx.locale = locale;
  text = bulletin_template_next_week (markdown, &ctx, &title, NULL);
  g_assert_nonnull (text);

  return title;
}

static void
assert_week (const char *title,
             int         year,
             int         month,
             int         day)
{
  g_autoptr(GDateTime) week = bulletin_template_title_week_ending (title);

  g_assert_nonnull (week);
  g_assert_cmpint (g_date_time_get_year (week), ==, year);
  g_assert_cmpint (g_date_time_get_month (week), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (week), ==, day);
}

static void
test_title_week_ending (void)
{
  assert_week ("Weekly update – week ending Friday 27 November 2026", 2026, 11, 27);
  assert_week ("# Weekly update – week ending Friday 27 November 2026", 2026, 11, 27);
  assert_week ("Update for the week ending Fri 27th Nov 2026", 2026, 11, 27);
  assert_week ("Week ending 4 December 2026", 2026, 12, 4);
  assert_week ("Week ending Freitag, 27. November 2026", 2026, 11, 27);
  assert_week ("Week ending Freitag, 5. März 2027", 2027, 3, 5);
  assert_week ("WEEK ENDING FRIDAY 27 NOVEMBER 2026", 2026, 11, 27);
  assert_week ("Week ending freitag, 5. MÄRZ 2027", 2027, 3, 5);

  /* no week named, or more than a date after it */
  g_assert_null (bulletin_template_title_week_ending ("Weekly update: one shared care record"));
  g_assert_null (bulletin_template_title_week_ending ("Week ending 27 November 2026 (draft 2)"));
  g_assert_null (bulletin_template_title_week_ending ("Week ending 31 November 2026"));
  g_assert_null (bulletin_template_title_week_ending ("Week ending *27 November 2026*"));
  g_assert_null (bulletin_template_title_week_ending (""));
}

static void
test_next_week_title (void)
{
  g_autofree char *friday = next_title (last_week, 2026, 11, 27, NULL);
  g_autofree char *monday = next_title (last_week, 2026, 11, 30, NULL);
  g_autofree char *later = next_title (last_week, 2026, 12, 16, NULL);
  g_autofree char *same_week = next_title (last_week, 2026, 11, 25, NULL);
  g_autofree char *short_form = next_title ("# Update, week ending Fri 27th Nov 2026\n", 2026, 11, 27, NULL);
  g_autofree char *german = next_title ("# Week ending Freitag, 27. November 2026\n", 2026, 11, 27, "de_DE.UTF-8");
  g_autofree char *year_end = next_title ("# Week ending Friday 25 December 2026\n", 2026, 12, 24, NULL);
  g_autofree char *no_date = next_title ("# Weekly update: one shared care record\n", 2026, 11, 27, NULL);

  /* on the Friday the update goes out, the next one is for next week,
   * not for the week that is ending */
  g_assert_cmpstr (friday, ==, "Weekly update – week ending Friday 4 December 2026");
  g_assert_cmpstr (monday, ==, "Weekly update – week ending Friday 4 December 2026");
  g_assert_cmpstr (same_week, ==, "Weekly update – week ending Friday 4 December 2026");
  /* from an update weeks old, this week: never a week already over */
  g_assert_cmpstr (later, ==, "Weekly update – week ending Friday 18 December 2026");
  /* the office's own style of date */
  g_assert_cmpstr (short_form, ==, "Update, week ending Fri 4th Dec 2026");
  g_assert_cmpstr (german, ==, "Week ending Freitag, 4. Dezember 2026");
  g_assert_cmpstr (year_end, ==, "Week ending Friday 1 January 2027");
  /* a title that names no week is the user's */
  g_assert_cmpstr (no_date, ==, "Weekly update: one shared care record");
}

static void
test_next_week_text_and_tasks (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 27, 16, 0, 0);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;
  BulletinTemplateContext ctx;
  guint n_tasks = 99;

  init_context (&ctx, today);
  text = bulletin_template_next_week (last_week, &ctx, &title, &n_tasks);

  g_assert_cmpstr (text, ==,
                   "# Weekly update – week ending Friday 4 December 2026\n\n"
                   "Have a good weekend\n\n"
                   "## What else has been happening this week?\n\n"
                   "- [ ] Monday 30 November: Partnership Board\n"
                   "- [ ] Thursday 3 December: carers’ forum\n\n"
                   "## What’s happening next week?\n");
  /* the two promises are open boxes that would go out as ☐ */
  g_assert_cmpuint (n_tasks, ==, 2);

  /* carry_forward with a context is the same */
  {
    g_autofree char *same = bulletin_template_carry_forward (last_week, &ctx);
    g_assert_cmpstr (same, ==, text);
  }

  none = bulletin_template_next_week ("# Week ending Friday 27 November 2026\n\nLead.\n", &ctx, NULL, &n_tasks);
  g_assert_cmpuint (n_tasks, ==, 0);
}

static void
test_is_weekly_update (void)
{
  g_autofree char *record = bulletin_test_read_fixture ("weekly-update-shared-record.md");

  g_assert_true (bulletin_template_is_weekly_update (last_week));
  g_assert_true (bulletin_template_is_weekly_update (record));
  g_assert_true (bulletin_template_is_weekly_update ("# Week ending Friday 27 November 2026\n"));
  g_assert_false (bulletin_template_is_weekly_update ("# Car park closed on Monday\n\nUse the side entrance.\n"));
  g_assert_false (bulletin_template_is_weekly_update (""));
}

static GPtrArray *
strings (const char *first,
         ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (list, g_strdup (s));
  va_end (args);

  return list;
}

/* Issue 16: the toast said "Left for you to fill in: {{sender_name}}". */
static void
test_describe_missing (void)
{
  g_autoptr(GPtrArray) name_org = strings ("empty:sender_name", "empty:organisation", NULL);
  g_autoptr(GPtrArray) all = strings ("empty:organisation", "empty:sender_role", "empty:sender_name", NULL);
  g_autoptr(GPtrArray) role = strings ("empty:sender_role", NULL);
  g_autoptr(GPtrArray) unknown = strings ("sender_email", NULL);
  g_autoptr(GPtrArray) both = strings ("empty:sender_name", "sender_email", "phone", NULL);
  g_autoptr(GPtrArray) none = strings (NULL, NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  gboolean prefs = FALSE;

  a = bulletin_template_describe_missing (name_org, &prefs);
  g_assert_cmpstr (a, ==, "Add your name and your organisation in Preferences to fill them in");
  g_assert_true (prefs);

  b = bulletin_template_describe_missing (all, NULL);
  g_assert_cmpstr (b, ==, "Add your name, your role and your organisation in Preferences to fill them in");

  c = bulletin_template_describe_missing (role, NULL);
  g_assert_cmpstr (c, ==, "Add your role in Preferences to fill it in");

  /* what Preferences cannot fill is named as the draft has it */
  d = bulletin_template_describe_missing (unknown, &prefs);
  g_assert_cmpstr (d, ==, "Bulletin cannot fill {{sender_email}}: replace it by hand");
  g_assert_false (prefs);

  e = bulletin_template_describe_missing (both, NULL);
  g_assert_cmpstr (e, ==, "Add your name in Preferences to fill it in. "
                          "Bulletin cannot fill {{sender_email}}, {{phone}}: replace them by hand");

  g_assert_null (bulletin_template_describe_missing (none, &prefs));
  g_assert_null (bulletin_template_describe_missing (NULL, NULL));
}

static void
test_find_fills (void)
{
  const char *text = "Sent by {{sender_name}}, {{ sender_role }}, {{organisation}} on {{date}}; "
                     "{{sender_email}} {{sender_name}}";
  g_autoptr(GPtrArray) fills = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  BulletinTemplateContext ctx;
  BulletinTemplateFill *fill;

  init_context (&ctx, NULL);
  ctx.sender_name = "Fiona Kerr";
  ctx.sender_role = "";

  fills = bulletin_template_find_fills (text, &ctx);
  /* the name twice; the empty role, the unset organisation, the date and
   * the unknown placeholder stay */
  g_assert_cmpuint (fills->len, ==, 2);
  fill = fills->pdata[0];
  g_assert_cmpuint (fill->start, ==, strlen ("Sent by "));
  g_assert_cmpuint (fill->end, ==, strlen ("Sent by {{sender_name}}"));
  g_assert_cmpstr (fill->value, ==, "Fiona Kerr");
  fill = fills->pdata[1];
  g_assert_cmpuint (fill->end, ==, strlen (text));

  ctx.sender_role = "Chief Executive Lead";
  ctx.organisation = "B&M Partnership";
  g_clear_pointer (&fills, g_ptr_array_unref);
  fills = bulletin_template_find_fills (text, &ctx);
  g_assert_cmpuint (fills->len, ==, 4);
  fill = fills->pdata[1];
  g_assert_cmpstr (fill->value, ==, "Chief Executive Lead");
  g_assert_cmpuint (fill->end - fill->start, ==, strlen ("{{ sender_role }}"));

  nothing = bulletin_template_find_fills ("No placeholders {{ here", &ctx);
  g_assert_cmpuint (nothing->len, ==, 0);
}

typedef struct
{
  char          *dir;
  BulletinStore *store;
  gint64         now;
} Fixture;

static gint64
fake_clock (gpointer data)
{
  return ((Fixture *) data)->now;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-weekly-XXXXXX", NULL);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->now = (gint64) 1795000000 * G_USEC_PER_SEC;
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  bulletin_store_set_clock (f->store, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add (Fixture    *f,
     const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  f->now += G_TIME_SPAN_MINUTE;
  id = bulletin_store_create_draft (f->store, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
test_find_last (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 week_27, week_20, note, empty;

  week_27 = add (f, "# Weekly update – week ending Friday 27 November 2026\n\nLead.\n");
  week_20 = add (f, "# Weekly update – week ending Friday 20 November 2026\n\nLead.\n");
  note = add (f, "# Car park closed on Monday\n\nUse the side entrance.\n");
  empty = add (f, "");
  (void) empty;

  /* the latest week, not the most recently edited draft */
  g_assert_cmpint (bulletin_weekly_find_last (f->store, 0, &error), ==, week_27);
  g_assert_no_error (error);
  /* never the window's own draft */
  g_assert_cmpint (bulletin_weekly_find_last (f->store, week_27, &error), ==, week_20);
  g_assert_cmpint (bulletin_weekly_find_last (f->store, week_20, &error), ==, week_27);
  g_assert_cmpint (note, !=, 0);
}

static void
test_find_last_by_sections (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *record = bulletin_test_read_fixture ("weekly-update-shared-record.md");
  g_autoptr(GError) error = NULL;
  gint64 update;

  update = add (f, record);
  add (f, "# Car park closed on Monday\n\nUse the side entrance.\n");

  /* no title names a week: the newest draft that is a weekly update,
   * not the note edited after it */
  g_assert_cmpint (bulletin_weekly_find_last (f->store, 0, &error), ==, update);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_weekly_find_last (f->store, update, &error), ==, 0);
}

static void
test_find_week (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) dec_4 = g_date_time_new_local (2026, 12, 4, 0, 0, 0);
  g_autoptr(GDateTime) dec_11 = g_date_time_new_local (2026, 12, 11, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 this_week;

  add (f, "# Weekly update – week ending Friday 27 November 2026\n");
  this_week = add (f, "# Weekly update – week ending Friday 4 December 2026\n");

  g_assert_cmpint (bulletin_weekly_find_week (f->store, dec_4, 0, &error), ==, this_week);
  g_assert_cmpint (bulletin_weekly_find_week (f->store, dec_4, this_week, &error), ==, 0);
  g_assert_cmpint (bulletin_weekly_find_week (f->store, dec_11, 0, &error), ==, 0);

  /* a draft in the trash is no longer that week's */
  g_assert_true (bulletin_store_trash_draft (f->store, this_week, TRUE, &error));
  g_assert_cmpint (bulletin_weekly_find_week (f->store, dec_4, 0, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/weekly/title-week-ending", test_title_week_ending);
  g_test_add_func ("/weekly/next-week/title", test_next_week_title);
  g_test_add_func ("/weekly/next-week/text-and-tasks", test_next_week_text_and_tasks);
  g_test_add_func ("/weekly/is-weekly-update", test_is_weekly_update);
  g_test_add_func ("/weekly/placeholders/describe-missing", test_describe_missing);
  g_test_add_func ("/weekly/placeholders/find-fills", test_find_fills);
  g_test_add ("/weekly/find-last", Fixture, NULL, fixture_setup, test_find_last, fixture_teardown);
  g_test_add ("/weekly/find-last/by-sections", Fixture, NULL, fixture_setup, test_find_last_by_sections, fixture_teardown);
  g_test_add ("/weekly/find-week", Fixture, NULL, fixture_setup, test_find_week, fixture_teardown);

  return g_test_run ();
}
