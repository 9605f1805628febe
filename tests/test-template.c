/* test-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bulletin-template.h"
#include "bulletin-test-util.h"

/* Every locale-dependent test below passes with or without the en_GB and
 * de_DE locales generated: bulletin-template.c has built-in English and
 * German names for when newlocale() fails, matching glibc's own. */

static GDateTime *
make_day (int year,
          int month,
          int day)
{
  /* Mid-morning, so any time-zone slip would show as a wrong day. */
  return g_date_time_new_utc (year, month, day, 10, 30, 0);
}

static void
assert_day (GDateTime *date,
            int        year,
            int        month,
            int        day)
{
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_year (date), ==, year);
  g_assert_cmpint (g_date_time_get_month (date), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, day);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 0);
}

static void
check_week_ending (int          year,
                   int          month,
                   int          day,
                   GDateWeekday last_day,
                   int          want_year,
                   int          want_month,
                   int          want_day)
{
  g_autoptr(GDateTime) today = make_day (year, month, day);
  g_autoptr(GDateTime) ending = bulletin_template_week_ending (today, last_day);

  assert_day (ending, want_year, want_month, want_day);
  g_assert_cmpint (g_date_time_get_day_of_week (ending), ==, last_day);
}

static void
test_week_ending (void)
{
  /* Friday itself */
  check_week_ending (2026, 11, 27, G_DATE_FRIDAY, 2026, 11, 27);
  /* Monday and Thursday of the same week */
  check_week_ending (2026, 11, 23, G_DATE_FRIDAY, 2026, 11, 27);
  check_week_ending (2026, 11, 26, G_DATE_FRIDAY, 2026, 11, 27);
  /* Saturday looks at the next week */
  check_week_ending (2026, 11, 28, G_DATE_FRIDAY, 2026, 12, 4);
  /* across a month end */
  check_week_ending (2026, 11, 30, G_DATE_FRIDAY, 2026, 12, 4);
  /* across a year end: Wednesday 30 December 2026 */
  check_week_ending (2026, 12, 30, G_DATE_FRIDAY, 2027, 1, 1);
  /* a week that ends on Sunday */
  check_week_ending (2026, 11, 25, G_DATE_SUNDAY, 2026, 11, 29);
  check_week_ending (2026, 11, 29, G_DATE_SUNDAY, 2026, 11, 29);
  check_week_ending (2026, 11, 30, G_DATE_SUNDAY, 2026, 12, 6);
  /* and across a leap day */
  check_week_ending (2028, 2, 28, G_DATE_FRIDAY, 2028, 3, 3);
}

static void
check_date (int         year,
            int         month,
            int         day,
            const char *locale,
            const char *want)
{
  g_autoptr(GDateTime) date = make_day (year, month, day);
  g_autofree char *text = bulletin_template_format_date (date, locale);

  g_assert_cmpstr (text, ==, want);
}

static void
test_format_date (void)
{
  check_date (2026, 11, 27, "en_GB.UTF-8", "Friday 27 November 2026");
  check_date (2027, 1, 1, "en_GB.UTF-8", "Friday 1 January 2027");
  check_date (2026, 11, 27, "de_DE.UTF-8", "Freitag, 27. November 2026");
  check_date (2027, 3, 5, "de_DE.UTF-8", "Freitag, 5. März 2027");
  check_date (2026, 11, 29, "de_DE.UTF-8", "Sonntag, 29. November 2026");
  /* a Latin-1 locale still gives UTF-8 */
  check_date (2027, 3, 5, "de_DE", "Freitag, 5. März 2027");
  /* an unknown locale falls back to English, names and order alike */
  check_date (2026, 11, 27, "xx_YY.UTF-8", "Friday 27 November 2026");
  check_date (2026, 11, 27, "C", "Friday 27 November 2026");
}

static void
test_format_date_current_locale (void)
{
  g_autoptr(GDateTime) date = make_day (2026, 11, 27);
  g_autofree char *text = bulletin_template_format_date (date, NULL);
  const char *current = setlocale (LC_TIME, NULL);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "27"));
  g_assert_nonnull (strstr (text, "2026"));

  if (g_strcmp0 (current, "C") == 0 || g_strcmp0 (current, "C.UTF-8") == 0
      || g_strcmp0 (current, "POSIX") == 0)
    g_assert_cmpstr (text, ==, "Friday 27 November 2026");
}

static void
check_next_week (int         year,
                 int         month,
                 int         day,
                 const char *locale,
                 const char *want)
{
  g_autoptr(GDateTime) ending = make_day (year, month, day);
  g_autofree char *text = bulletin_template_format_next_week (ending, locale);

  g_assert_cmpstr (text, ==, want);
}

static void
test_next_week (void)
{
  check_next_week (2026, 11, 27, "en_GB.UTF-8", "30 November – 4 December 2026");
  check_next_week (2026, 12, 4, "en_GB.UTF-8", "7 – 11 December 2026");
  check_next_week (2026, 12, 25, "en_GB.UTF-8", "28 December 2026 – 1 January 2027");
  check_next_week (2026, 11, 27, "de_DE.UTF-8", "30. November – 4. Dezember 2026");
  check_next_week (2026, 12, 4, "de_DE.UTF-8", "7. – 11. Dezember 2026");
  check_next_week (2026, 12, 25, "de_DE.UTF-8", "28. Dezember 2026 – 1. Januar 2027");
  /* a week ending on Sunday is still followed by Monday to Friday */
  check_next_week (2026, 11, 29, "en_GB.UTF-8", "30 November – 4 December 2026");
}

static void
init_context (BulletinTemplateContext *ctx,
              GDateTime               *today)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->today = today;
  ctx->week_ends_on = G_DATE_FRIDAY;
  ctx->sender_name = "Fiona Kerr";
  ctx->sender_role = "CEO Lead";
  ctx->organisation = "Brookfield and Moorside Health and Care Partnership";
  ctx->locale = "en_GB.UTF-8";
}

static gboolean
list_has (GPtrArray  *list,
          const char *entry)
{
  return g_ptr_array_find_with_equal_func (list, entry, g_str_equal, NULL);
}

static void
test_expand (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 11, 25);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);

  out = bulletin_template_expand ("Sent {{date}} by {{ sender_name }}, {{\tsender_role }}"
                                  " of {{organisation}}.\n"
                                  "Week ending {{week_ending}}; next week {{next_week}}.",
                                  &ctx, &unknown);
  g_assert_cmpstr (out, ==,
                   "Sent Wednesday 25 November 2026 by Fiona Kerr, CEO Lead"
                   " of Brookfield and Moorside Health and Care Partnership.\n"
                   "Week ending Friday 27 November 2026; next week 30 November – 4 December 2026.");
  g_assert_nonnull (unknown);
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_expand_unknown (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 11, 25);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);

  out = bulletin_template_expand ("{{ sender_email }} {{sender_email}} {{Date}} {{date}}",
                                  &ctx, &unknown);
  /* left exactly as written, spacing and case included */
  g_assert_cmpstr (out, ==, "{{ sender_email }} {{sender_email}} {{Date}} Wednesday 25 November 2026");
  g_assert_cmpuint (unknown->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (unknown, 0), ==, "sender_email");
  g_assert_cmpstr (g_ptr_array_index (unknown, 1), ==, "Date");
}

static void
test_expand_empty_value (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 11, 25);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);
  ctx.sender_name = "";
  ctx.organisation = NULL;

  out = bulletin_template_expand ("{{ sender_name }}, {{sender_role}}, {{organisation}}, {{sender_name}}",
                                  &ctx, &unknown);
  g_assert_cmpstr (out, ==, "{{ sender_name }}, CEO Lead, {{organisation}}, {{sender_name}}");
  g_assert_cmpuint (unknown->len, ==, 2);
  g_assert_true (list_has (unknown, BULLETIN_TEMPLATE_EMPTY_PREFIX "sender_name"));
  g_assert_true (list_has (unknown, BULLETIN_TEMPLATE_EMPTY_PREFIX "organisation"));
}

static void
test_expand_not_placeholders (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 11, 25);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);

  out = bulletin_template_expand ("{{}} {{ }} {{date} {{date\n}} {not} {{{date}}} {{ two words }} {{",
                                  &ctx, &unknown);
  g_assert_cmpstr (out, ==,
                   "{{}} {{ }} {{date} {{date\n}} {not} {Wednesday 25 November 2026} {{ two words }} {{");
  g_assert_cmpuint (unknown->len, ==, 0);

  /* no out list at all is fine too */
  g_clear_pointer (&out, g_free);
  out = bulletin_template_expand ("", &ctx, NULL);
  g_assert_cmpstr (out, ==, "");
}

static void
test_expand_german (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 12, 30);
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);
  ctx.locale = "de_DE.UTF-8";

  out = bulletin_template_expand ("{{week_ending}} / {{next_week}}", &ctx, NULL);
  g_assert_cmpstr (out, ==, "Freitag, 1. Januar 2027 / 4. – 8. Januar 2027");
}

static void
test_instantiate (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 11, 24);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autofree char *title = NULL;
  g_autofree char *out = NULL;
  BulletinTemplateContext ctx;

  init_context (&ctx, today);
  ctx.week_ends_on = 0;   /* the default, Friday */

  out = bulletin_template_instantiate ("# Weekly update\n\n"
                                       "Hello, this is {{sender_name}} with the update for "
                                       "the week ending {{ week_ending }}.\n\n"
                                       "{{signature}}\n",
                                       &ctx, &title, &unknown);
  g_assert_cmpstr (title, ==, "Weekly update – week ending Friday 27 November 2026");
  g_assert_cmpstr (out, ==,
                   "# Weekly update\n\n"
                   "Hello, this is Fiona Kerr with the update for "
                   "the week ending Friday 27 November 2026.\n\n"
                   "{{signature}}\n");
  g_assert_cmpuint (unknown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (unknown, 0), ==, "signature");

  /* title and unknown are optional */
  g_clear_pointer (&out, g_free);
  out = bulletin_template_instantiate ("{{date}}", &ctx, NULL, NULL);
  g_assert_cmpstr (out, ==, "Tuesday 24 November 2026");
}

static void
test_carry_forward_record (void)
{
  g_autofree char *fixture = bulletin_test_read_fixture ("weekly-update-shared-record.md");
  g_autofree char *last_week = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  const char *had;
  const char *else_heading;
  const char *next_heading;
  const char *tasks;

  /* the update as an office that words the heading its own way wrote it */
  had = strstr (fixture, "What else has been happening");
  g_assert_nonnull (had);
  last_week = g_strdup_printf ("%.*sWhat else had been happening%s", (int)(had - fixture), fixture,
                               had + strlen ("What else has been happening"));

  out = bulletin_template_carry_forward (last_week, NULL);
  g_test_message ("carried forward:\n%s", out);

  g_assert_true (g_str_has_prefix (out, "# Weekly update: one shared care record\n\n"));
  g_assert_nonnull (strstr (out, "\n\nHave a great week\n\n"));

  /* the user's own heading wording is kept, "had" and all */
  else_heading = strstr (out, "\n## What else had been happening this week?\n\n");
  next_heading = strstr (out, "\n## What’s happening next week?\n");
  g_assert_nonnull (else_heading);
  g_assert_nonnull (next_heading);
  g_assert_true (else_heading < next_heading);

  tasks = strstr (out,
                  "\n- [ ] Monday 23 November: the shared care record goes live in adult social care"
                  " in both councils.\n"
                  "- [ ] The digital board meets on Tuesday 24 November 2026 to review the first day’s"
                  " calls to the help line.\n"
                  "- [ ] The care home leaders’ network meets again on Wednesday 25 November.\n"
                  "- [ ] Trainers visit the social care teams in Moorside on Thursday 26 November and"
                  " in Brookfield on Friday 27 November.\n\n");
  g_assert_nonnull (tasks);
  g_assert_true (tasks > else_heading);
  g_assert_true (tasks < next_heading);
  g_assert_cmpuint (bulletin_test_count (out, "- [ ] "), ==, 4);
  g_assert_cmpuint (bulletin_test_count (out, "- [x]"), ==, 0);

  /* nothing after the next-week heading: its bullets are now tasks */
  g_assert_true (g_str_has_suffix (out, "## What’s happening next week?\n"));

  /* last week's news is gone, the lead's table with it */
  g_assert_null (strstr (out, "###"));
  g_assert_null (strstr (out, "Stroke services review"));
  g_assert_null (strstr (out, "Retiring the old portal"));
  g_assert_null (strstr (out, "This week’s message is sent from"));
  g_assert_null (strstr (out, "On Monday, after two years of work"));
  g_assert_null (strstr (out, "| Organisation"));

  /* next week, the tasks are last week's news too */
  again = bulletin_template_carry_forward (out, NULL);
  g_assert_cmpuint (bulletin_test_count (again, "- [ ] "), ==, 0);
  g_assert_nonnull (strstr (again, "## What else had been happening this week?"));
  g_assert_nonnull (strstr (again, "Have a great week"));
}

static void
test_carry_forward_teams (void)
{
  g_autofree char *last_week = bulletin_test_read_fixture ("weekly-update-neighbourhood-teams.md");
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *third = NULL;

  out = bulletin_template_carry_forward (last_week, NULL);
  g_test_message ("carried forward:\n%s", out);

  /* the title and sign-off stay, the bullets become tasks, the rest goes */
  g_assert_cmpstr (out, ==,
                   "# Weekly update: neighbourhood teams for every community\n"
                   "\n"
                   "Have a good weekend\n"
                   "\n"
                   "## What else has been happening this week?\n"
                   "\n"
                   "- [ ] The ICB board meets on Monday 23 November 2026 to agree the neighbourhood budgets.\n"
                   "- [ ] Clinical directors from each PCN meet on Tuesday 25 November 2026.\n"
                   "- [ ] Directors of public health meet on Thursday 26 November.\n"
                   "- [ ] The partnership assembly meets on Friday 27 November 2026 at Brookfield town hall.\n"
                   "\n"
                   "## What’s happening next week?\n");

  /* a week on, the tasks go too */
  again = bulletin_template_carry_forward (out, NULL);
  g_assert_cmpstr (again, ==,
                   "# Weekly update: neighbourhood teams for every community\n"
                   "\n"
                   "Have a good weekend\n"
                   "\n"
                   "## What else has been happening this week?\n"
                   "\n"
                   "## What’s happening next week?\n");

  /* with nothing one-off left, carrying forward again changes nothing */
  third = bulletin_template_carry_forward (again, NULL);
  g_assert_cmpstr (third, ==, again);
}

static void
test_carry_forward_edge_cases (void)
{
  g_autofree char *empty = bulletin_template_carry_forward ("", NULL);
  g_autofree char *blank = bulletin_template_carry_forward ("\n\n  \n", NULL);
  g_autofree char *only_next = NULL;
  g_autofree char *other = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *crlf = NULL;

  g_assert_nonnull (empty);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (blank, ==, "");

  /* straight apostrophe, no title; the tasks get a section of their own */
  only_next = bulletin_template_carry_forward ("Lead text.\n\n"
                                               "## what's happening NEXT week\n\n"
                                               "* Board meeting on *Monday*.\n"
                                               "* A two-line\n"
                                               "  item.\n",
                                               NULL);
  g_assert_cmpstr (only_next, ==,
                   "## What else has been happening this week?\n\n"
                   "- [ ] Board meeting on *Monday*.\n"
                   "- [ ] A two-line\n"
                   "      item.\n\n"
                   "## what's happening NEXT week\n");

  /* a section we do not know is kept whole */
  other = bulletin_template_carry_forward ("# Title\n\n"
                                           "Thanks!\n\n"
                                           "## Contact us\n\n"
                                           "Write to *comms@example.org*.\n\n"
                                           "More.\n\n\n"
                                           "## What else has been happening this week?\n\n"
                                           "### Item\n\nGone.\n",
                                           NULL);
  g_assert_cmpstr (other, ==,
                   "# Title\n\n"
                   "Thanks!\n\n"
                   "## Contact us\n\n"
                   "Write to *comms@example.org*.\n\n"
                   "More.\n\n"
                   "## What else has been happening this week?\n");

  /* last week's tasks, ticked or not, become fresh prompts */
  tasks = bulletin_template_carry_forward ("## What’s happening next week?\n\n"
                                           "- [x] Done already\n"
                                           "- [ ] Still to do\n"
                                           "-\n",
                                           NULL);
  g_assert_cmpstr (tasks, ==,
                   "## What else has been happening this week?\n\n"
                   "- [ ] Done already\n"
                   "- [ ] Still to do\n\n"
                   "## What’s happening next week?\n");

  /* Windows line endings */
  crlf = bulletin_template_carry_forward ("# T\r\n\r\nHave a good weekend.\r\n\r\n"
                                          "## What's happening next week?\r\n\r\n- One\r\n",
                                          NULL);
  g_assert_cmpstr (crlf, ==,
                   "# T\n\nHave a good weekend.\n\n"
                   "## What else has been happening this week?\n\n"
                   "- [ ] One\n\n"
                   "## What's happening next week?\n");
}

static void
test_carry_forward_title_date (void)
{
  g_autoptr(GDateTime) today = make_day (2026, 12, 30);
  g_autofree char *updated = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *german = NULL;
  BulletinTemplateContext ctx;
  const char *last_week = "# Weekly update – week ending Friday 25 December 2026\n\n"
                          "Lead.\n\n"
                          "## What else has been happening this week?\n";

  init_context (&ctx, today);

  updated = bulletin_template_carry_forward (last_week, &ctx);
  g_assert_cmpstr (updated, ==,
                   "# Weekly update – week ending Friday 1 January 2027\n\n"
                   "## What else has been happening this week?\n");

  /* without a context the title is kept as it was */
  kept = bulletin_template_carry_forward (last_week, NULL);
  g_assert_true (g_str_has_prefix (kept, "# Weekly update – week ending Friday 25 December 2026\n"));

  /* markup in the date is the user's, not ours to replace */
  markup = bulletin_template_carry_forward ("# Update for the week ending *25 December 2026*\n", &ctx);
  g_assert_cmpstr (markup, ==, "# Update for the week ending *25 December 2026*\n");

  ctx.locale = "de_DE.UTF-8";
  german = bulletin_template_carry_forward ("# Week ending Freitag, 25. Dezember 2026\n", &ctx);
  g_assert_cmpstr (german, ==, "# Week ending Freitag, 1. Januar 2027\n");

  /* on the Friday last week's update went out, the new one is for the
   * week after, not for the week that is ending (issue 16) */
  {
    g_autoptr(GDateTime) friday = make_day (2026, 12, 25);
    g_autofree char *next = NULL;

    init_context (&ctx, friday);
    next = bulletin_template_carry_forward (last_week, &ctx);
    g_assert_true (g_str_has_prefix (next, "# Weekly update – week ending Friday 1 January 2027\n"));
  }
}

static void
test_format_when (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 17, 0, 0);
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 27, 14, 5, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_local (2026, 11, 20, 16, 30, 0);
  g_autoptr(GDateTime) last_year = g_date_time_new_local (2025, 11, 20, 9, 0, 0);
  g_autofree char *a = bulletin_template_format_when (g_date_time_to_unix (today) * G_USEC_PER_SEC, now, TRUE);
  g_autofree char *b = bulletin_template_format_when (g_date_time_to_unix (earlier) * G_USEC_PER_SEC, now, TRUE);
  g_autofree char *c = bulletin_template_format_when (g_date_time_to_unix (earlier) * G_USEC_PER_SEC, now, FALSE);
  g_autofree char *d = bulletin_template_format_when (g_date_time_to_unix (last_year) * G_USEC_PER_SEC, now, FALSE);

  g_assert_cmpstr (a, ==, "Today 14:05");
  g_assert_cmpstr (b, ==, "Fri 20 Nov, 16:30");
  g_assert_cmpstr (c, ==, "Fri 20 Nov");
  g_assert_cmpstr (d, ==, "20 Nov 2025");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/week-ending", test_week_ending);
  g_test_add_func ("/template/format-date", test_format_date);
  g_test_add_func ("/template/format-date/current-locale", test_format_date_current_locale);
  g_test_add_func ("/template/next-week", test_next_week);
  g_test_add_func ("/template/expand", test_expand);
  g_test_add_func ("/template/expand/unknown", test_expand_unknown);
  g_test_add_func ("/template/expand/empty-value", test_expand_empty_value);
  g_test_add_func ("/template/expand/not-placeholders", test_expand_not_placeholders);
  g_test_add_func ("/template/expand/german", test_expand_german);
  g_test_add_func ("/template/instantiate", test_instantiate);
  g_test_add_func ("/template/carry-forward/record", test_carry_forward_record);
  g_test_add_func ("/template/carry-forward/teams", test_carry_forward_teams);
  g_test_add_func ("/template/carry-forward/edge-cases", test_carry_forward_edge_cases);
  g_test_add_func ("/template/carry-forward/title-date", test_carry_forward_title_date);

  g_test_add_func ("/template/format-when", test_format_when);

  return g_test_run ();
}
