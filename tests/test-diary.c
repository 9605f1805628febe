/* test-diary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Next week's diary from a calendar: which events of the .ics fixtures in tests/data
 * become bullets for the week after Friday 4 December 2026, and how they
 * go into a draft. TZ is Europe/London (tests/meson.build), so every
 * expected time is a London time whatever zone the machine is in.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bulletin-diary.h"
#include "bulletin-template.h"
#include "bulletin-test-util.h"

static GDateTime *
week_ending_4_december (void)
{
  return g_date_time_new_local (2026, 12, 4, 0, 0, 0);
}

/* The bullets of @ics for that week, one per line */
static char *
bullets_of (const char               *ics,
            gsize                     len,
            const char               *owner,
            BulletinDiaryFormatFlags  flags)
{
  g_autoptr(GDateTime) ending = week_ending_4_december ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GString *out = g_string_new (NULL);

  events = bulletin_diary_parse (ics, len, ending, owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *bullet = bulletin_diary_format_event (events->pdata[i], flags, "en_GB.UTF-8");

      g_string_append_printf (out, "%s\n", bullet);
    }

  return g_string_free (out, FALSE);
}

static const char expected_with_times[] =
  "Monday 7 December, 9.00: Leadership team\n"
  "Monday 7 December, 10.30: Partnership Board, Leeds\n"
  "Tuesday 8 December to Wednesday 9 December: Digital inclusion conference, Harrogate\n"
  "Tuesday 8 December, 8.00: Site huddle\n"
  "Tuesday 8 December, 13.00: Primary care network forum\n"
  "Wednesday 9 December, 18.00: Governors' meeting, Brookfield Hospital\n"
  "Thursday 10 December, 1.00: Call with the US digital health network\n"
  "Thursday 10 December, 15.00: Finance and performance committee, Room 4, County Hall\n"
  "Friday 11 December: Carers Rights Day stall, Brookfield market\n"
  "Saturday 12 December, 12.30: Volunteer thank-you lunch\n"
  "Sunday 13 December, 23.30: Board \\*draft\\* papers \\[review\\] \\<due\\>\n";

/* Every rule at once: weekly, daily with COUNT and EXDATE, weekly with
 * UNTIL and a moved occurrence, monthly by weekday, RDATE, a cancelled
 * occurrence of a series, time zones (New York's 20.00 on Wednesday is
 * 1.00 on Thursday in London), UTC, floating and all-day times; the
 * cancelled, private, confidential and declined events are not there,
 * nor the week before's or after's. */
static void
test_fixture_week (void)
{
  g_autofree char *ics = bulletin_test_read_fixture ("diary-brookfield.ics");
  g_autofree char *got = bullets_of (ics, strlen (ics), "fiona.kerr@brookfield.test",
                                     BULLETIN_DIARY_FORMAT_TIMES);

  g_assert_cmpstr (got, ==, expected_with_times);
}

/* Without times, as the draft gets them by default: the office's style */
static void
test_fixture_week_no_times (void)
{
  g_autofree char *ics = bulletin_test_read_fixture ("diary-brookfield.ics");
  g_autofree char *got = bullets_of (ics, strlen (ics), "fiona.kerr@brookfield.test",
                                     BULLETIN_DIARY_FORMAT_DEFAULT);
  g_auto(GStrv) lines = g_strsplit (got, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_cmpstr (lines[1], ==, "Monday 7 December: Partnership Board, Leeds");
  g_assert_cmpstr (lines[9], ==, "Saturday 12 December: Volunteer thank-you lunch");
}

/* The owner from the calendar's X-WR-CALNAME when Preferences has no
 * address, and from "Name <address>" in any case; another address than
 * the one who declined keeps the event. */
static void
test_owner (void)
{
  g_autofree char *ics = bulletin_test_read_fixture ("diary-brookfield.ics");
  g_autofree char *from_calendar = bullets_of (ics, strlen (ics), NULL, BULLETIN_DIARY_FORMAT_TIMES);
  g_autofree char *other = bullets_of (ics, strlen (ics), "someone.else@brookfield.test",
                                       BULLETIN_DIARY_FORMAT_DEFAULT);
  g_autofree char *named = bullets_of (ics, strlen (ics), "Fiona Kerr <FIONA.KERR@brookfield.test>",
                                       BULLETIN_DIARY_FORMAT_TIMES);

  g_assert_cmpstr (from_calendar, ==, expected_with_times);
  /* as Preferences may hold it, with a name */
  g_assert_cmpstr (named, ==, expected_with_times);
  g_assert_nonnull (strstr (other, "Tuesday 8 December: Rostering software demo\n"));
  g_assert_null (strstr (other, "Dentist"));
}

/* The same calendar with CRLF line ends, as RFC 5545 writes it and
 * Outlook exports it, and with a byte order mark */
static void
test_crlf_and_bom (void)
{
  g_autofree char *ics = bulletin_test_read_fixture ("diary-brookfield.ics");
  g_auto(GStrv) lines = g_strsplit (ics, "\n", -1);
  g_autofree char *joined = g_strjoinv ("\r\n", lines);
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", joined, NULL);
  g_autofree char *got = bullets_of (with_bom, strlen (with_bom), "fiona.kerr@brookfield.test",
                                     BULLETIN_DIARY_FORMAT_TIMES);

  g_assert_cmpstr (got, ==, expected_with_times);
}

/* EXDATE with several dates on one line, and in another zone than
 * DTSTART (8.00 in London is 8.00Z in December) */
static void
test_exdate_forms (void)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\n"
    "BEGIN:VEVENT\n"
    "UID:huddle@brookfield.test\n"
    "SUMMARY:Huddle\n"
    "DTSTART;TZID=Europe/London:20261201T080000\n"
    "RRULE:FREQ=DAILY;COUNT=10\n"
    "EXDATE;TZID=Europe/London:20261207T080000,20261209T080000\n"
    "EXDATE:20261210T080000Z\n"
    "END:VEVENT\n"
    "END:VCALENDAR\n";
  g_autofree char *got = bullets_of (ics, strlen (ics), NULL, BULLETIN_DIARY_FORMAT_TIMES);

  g_assert_cmpstr (got, ==, "Tuesday 8 December, 8.00: Huddle\n");
}

/* A daily event with no end, from 1900, stops at the week: seven
 * bullets; a fortnightly one from 2020 keeps its fortnights (the one a
 * week out of step is not there), and one every fifty hours its hours;
 * one every second since 2000 is cut off, not followed for days; one
 * every minute of the week itself is there 14 times, not 10,080. */
static void
test_endless (void)
{
  g_autofree char *ics = bulletin_test_read_fixture ("diary-endless.ics");
  g_autofree char *got = bullets_of (ics, strlen (ics), NULL, BULLETIN_DIARY_FORMAT_TIMES);
  g_autoptr(GString) want = g_string_new ("Monday 7 December, 6.00: Every fifty hours\n"
                                          "Monday 7 December, 7.45: Morning briefing\n"
                                          "Monday 7 December, 12.00: Fortnightly forum\n"
                                          "Tuesday 8 December, 7.45: Morning briefing\n"
                                          "Wednesday 9 December, 7.45: Morning briefing\n"
                                          "Wednesday 9 December, 8.00: Every fifty hours\n"
                                          "Thursday 10 December, 7.45: Morning briefing\n"
                                          "Friday 11 December, 7.45: Morning briefing\n"
                                          "Friday 11 December, 10.00: Every fifty hours\n");

  for (guint minute = 0; minute < 14; minute++)
    g_string_append_printf (want, "Saturday 12 December, 0.%02u: Every minute\n", minute);
  g_string_append (want,
                   "Saturday 12 December, 7.45: Morning briefing\n"
                   "Sunday 13 December, 7.45: Morning briefing\n"
                   "Sunday 13 December, 12.00: Every fifty hours\n");

  g_assert_cmpstr (got, ==, want->str);
}

/* A calendar with 1,200 events in the week gives 1,000, as many as a
 * picker can show: the first in the file */
static void
test_too_many (void)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\n");
  g_autoptr(GDateTime) ending = week_ending_4_december ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (ics,
                            "BEGIN:VEVENT\nUID:%u@x.test\nSUMMARY:Event %u\n"
                            "DTSTART:202612%02uT%02u%02u00Z\nEND:VEVENT\n",
                            i, i, 7 + i / 200, (i % 200) / 10, (i % 10) * 5);
  g_string_append (ics, "END:VCALENDAR\n");

  events = bulletin_diary_parse (ics->str, ics->len, ending, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1000);
  g_assert_cmpstr (((BulletinDiaryEvent *) events->pdata[0])->summary, ==, "Event 0");
  g_assert_cmpstr (((BulletinDiaryEvent *) events->pdata[999])->summary, ==, "Event 999");
}

static void
assert_refused (const char *data,
                gsize       len,
                int         code,
                const char *message)
{
  g_autoptr(GDateTime) ending = week_ending_4_december ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = bulletin_diary_parse (data, len, ending, NULL, &error);

  g_assert_null (events);
  g_assert_error (error, BULLETIN_DIARY_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* What is not a calendar says so in plain words */
static void
test_bad_input (void)
{
  static const char not_utf8[] = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Caf\xe9\nEND:VEVENT\nEND:VCALENDAR\n";
  static const char with_nul[] = "BEGIN:VCALENDAR\n\0END:VCALENDAR\n";
  g_autofree char *markdown = bulletin_test_read_fixture ("weekly-update-volunteers.md");
  g_autofree char *huge = NULL;

  assert_refused ("", 0, BULLETIN_DIARY_ERROR_NOT_CALENDAR, "This file isn’t a calendar (.ics)");
  assert_refused (markdown, strlen (markdown), BULLETIN_DIARY_ERROR_NOT_CALENDAR,
                  "This file isn’t a calendar (.ics)");
  assert_refused (with_nul, sizeof with_nul - 1, BULLETIN_DIARY_ERROR_NOT_CALENDAR,
                  "This file isn’t a calendar (.ics)");
  assert_refused (not_utf8, strlen (not_utf8), BULLETIN_DIARY_ERROR_ENCODING,
                  "This calendar has characters that are not UTF-8 text, so it cannot be read: "
                  "export it again from your calendar app");
  /* a VEVENT on its own is no calendar */
  assert_refused ("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n", 33, BULLETIN_DIARY_ERROR_NOT_CALENDAR,
                  "This file isn’t a calendar (.ics)");

  /* cut short, as a download that stopped */
  assert_refused ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Cut\nDTSTART:20261210T100000", 64,
                  BULLETIN_DIARY_ERROR_DAMAGED,
                  "This calendar file is damaged or incomplete: export it again from your calendar app");

  huge = g_malloc0 (BULLETIN_DIARY_MAX_SIZE + 2);
  memcpy (huge, "BEGIN:VCALENDAR\n", 16);
  memset (huge + 16, 'x', BULLETIN_DIARY_MAX_SIZE - 15);
  assert_refused (huge, BULLETIN_DIARY_MAX_SIZE + 1, BULLETIN_DIARY_ERROR_TOO_LARGE,
                  "This calendar is larger than 33.6\302\240MB: export only the coming weeks from your calendar app");
}

/* A broken calendar gives what it can, never a crash: an event with no
 * start, a start that is no time, an unknown zone (taken as local time),
 * a rule that is nonsense or never matches. */
static void
test_broken_calendar (void)
{
  static const char broken[] =
    "BEGIN:VCALENDAR\n"
    "BEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Bad start\nDTSTART:2026120\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Unknown zone\nDTSTART;TZID=GMT Standard Time:20261208T100000\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Nonsense rule\nDTSTART:20261201T100000\nRRULE:FREQ=SOMETIMES;COUNT=x\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Impossible rule\nDTSTART:20261201T100000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Tab\there\\nand a line\nDTSTART;VALUE=DATE:20261209\nEND:VEVENT\n"
    "BEGIN:VEVENT\nSUMMARY:Ended\nDTSTART:20261210T100000\nEND:VEVENT\n"
    "END:VCALENDAR\n";
  g_autofree char *got = bullets_of (broken, strlen (broken), NULL, BULLETIN_DIARY_FORMAT_TIMES);

  g_assert_cmpstr (got, ==,
                   "Tuesday 8 December, 10.00: Unknown zone\n"
                   "Wednesday 9 December: Tab here and a line\n"
                   "Thursday 10 December, 10.00: Ended\n");
}

/* A calendar file that is not there, or is a folder, says so by name */
static void
test_load_errors (void)
{
  g_autoptr(GDateTime) ending = week_ending_4_december ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/diary.ics");
  g_autofree char *data_dir = bulletin_test_fixture_path ("images");
  g_autoptr(GFile) folder = g_file_new_for_path (data_dir);
  g_autofree char *fixture = bulletin_test_fixture_path ("diary-brookfield.ics");
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(GPtrArray) events = NULL;

  g_assert_null (bulletin_diary_load (missing, ending, NULL, NULL, &error));
  g_assert_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_READ);
  g_assert_cmpstr (error->message, ==,
                   "The calendar “/nonexistent/diary.ics” could not be found: it may have been moved or renamed");
  g_clear_error (&error);

  g_assert_null (bulletin_diary_load (folder, ending, NULL, NULL, &error));
  g_assert_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "is a folder, not a calendar file"));
  g_clear_error (&error);

  events = bulletin_diary_load (file, ending, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 11);
}

/* The week after a week that ends on Friday, Sunday or Monday, across a
 * year's end */
static void
test_next_week (void)
{
  struct { int y, m, d; int mon_y, mon_m, mon_d; } cases[] = {
    { 2026, 12, 4, 2026, 12, 7 },
    { 2026, 12, 6, 2026, 12, 7 },
    { 2026, 12, 7, 2026, 12, 14 },
    { 2026, 12, 25, 2026, 12, 28 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) ending = g_date_time_new_local (cases[i].y, cases[i].m, cases[i].d, 0, 0, 0);
      g_autoptr(GDateTime) monday = NULL;
      g_autoptr(GDateTime) next = NULL;

      bulletin_diary_next_week (ending, &monday, &next);
      g_assert_cmpint (g_date_time_get_year (monday), ==, cases[i].mon_y);
      g_assert_cmpint (g_date_time_get_month (monday), ==, cases[i].mon_m);
      g_assert_cmpint (g_date_time_get_day_of_month (monday), ==, cases[i].mon_d);
      g_assert_cmpint (g_date_time_get_hour (monday), ==, 0);
      g_assert_cmpint (g_date_time_difference (next, monday), ==, 7 * G_TIME_SPAN_DAY);
    }
}

/* The week is the title's ("week ending Friday 4 December 2026"), else
 * this week's */
static void
test_week_ending_of (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 20, 9, 0, 0);
  struct { const char *markdown; int d, m; } cases[] = {
    { "# Weekly update – week ending Friday 4 December 2026\n\nText\n", 4, 12 },
    { "# Weekly update: week ending 11 December 2026\n", 11, 12 },
    { "# Week ending 2026-12-18\n", 18, 12 },
    { "# Weekly update\n\nweek ending Friday 4 December 2026\n", 20, 11 },
    { "# Weekly update – week ending Friday 40 December 2026\n", 20, 11 },
    { "", 20, 11 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) ending = bulletin_diary_week_ending_of (cases[i].markdown, today, G_DATE_FRIDAY);

      g_assert_cmpint (g_date_time_get_day_of_month (ending), ==, cases[i].d);
      g_assert_cmpint (g_date_time_get_month (ending), ==, cases[i].m);
      g_assert_cmpint (g_date_time_get_year (ending), ==, 2026);
    }
}

static const char * const two_bullets[] = {
  "Monday 7 December: Partnership Board, Leeds",
  "Friday 11 December: Carers Rights Day stall, Brookfield market",
  NULL,
};

/* The template's placeholder bullet is replaced; everything else stays
 * byte for byte */
static void
test_insert_replaces_placeholder (void)
{
  static const char draft[] =
    "# Weekly update – week ending Friday 4 December 2026\n"
    "\n"
    "Hello.\n"
    "\n"
    "## What else has been happening this week?\n"
    "\n"
    "- Something\n"
    "\n"
    "## What’s happening next week?\n"
    "\n"
    "- The first event, with its day\n"
    "\n"
    "## Contact\n"
    "\n"
    "Me.\n";
  g_autofree char *got = bulletin_diary_insert (draft, two_bullets, NULL);

  g_assert_cmpstr (got, ==,
                   "# Weekly update – week ending Friday 4 December 2026\n"
                   "\n"
                   "Hello.\n"
                   "\n"
                   "## What else has been happening this week?\n"
                   "\n"
                   "- Something\n"
                   "\n"
                   "## What’s happening next week?\n"
                   "\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n"
                   "\n"
                   "## Contact\n"
                   "\n"
                   "Me.\n");
}

/* The user's own bullets stay, in their list and with their marker; the
 * new ones follow; a bullet already there is not added twice, so filling
 * again adds nothing */
static void
test_insert_appends_to_own_list (void)
{
  static const char draft[] =
    "## Whats happening next week\n"
    "\n"
    "A busy one.\n"
    "\n"
    "* Tuesday 8 December: Staff forum\n"
    "* Monday 7 December: Partnership Board, Leeds\n"
    "\n"
    "Thanks";
  g_autofree char *got = bulletin_diary_insert (draft, two_bullets, NULL);
  g_autofree char *again = bulletin_diary_insert (got, two_bullets, NULL);

  g_assert_cmpstr (got, ==,
                   "## Whats happening next week\n"
                   "\n"
                   "A busy one.\n"
                   "\n"
                   "* Tuesday 8 December: Staff forum\n"
                   "* Monday 7 December: Partnership Board, Leeds\n"
                   "* Friday 11 December: Carers Rights Day stall, Brookfield market\n"
                   "\n"
                   "Thanks");
  g_assert_cmpstr (again, ==, got);
}

/* A heading with no list gets one after its text; a draft with no
 * heading gets the heading at its end */
static void
test_insert_without_list_or_heading (void)
{
  static const char no_list[] =
    "## What is happening next week?\n"
    "Quiet.\n"
    "## Contact\n";
  static const char no_heading[] = "# Note\n\nJust this.\n\n\n";
  g_autofree char *got = bulletin_diary_insert (no_list, two_bullets, NULL);
  g_autofree char *got2 = bulletin_diary_insert (no_heading, two_bullets, NULL);
  g_autofree char *got3 = bulletin_diary_insert ("", two_bullets, NULL);

  g_assert_cmpstr (got, ==,
                   "## What is happening next week?\n"
                   "Quiet.\n"
                   "\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n"
                   "\n"
                   "## Contact\n");
  g_assert_cmpstr (got2, ==,
                   "# Note\n"
                   "\n"
                   "Just this.\n"
                   "\n"
                   "## What’s happening next week?\n"
                   "\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n"
                   "\n\n");
  g_assert_cmpstr (got3, ==,
                   "## What’s happening next week?\n"
                   "\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n");
}

/* The placeholder of an office's own template is one too; an empty
 * bullet also goes; CRLF lines stay CRLF */
static void
test_insert_own_template (void)
{
  static const char template_text[] =
    "## What’s happening next week?\n\n- Day: event, place\n";
  static const char draft[] =
    "## What’s happening next week?\r\n"
    "\r\n"
    "- Day: event, place\r\n"
    "-\r\n";
  g_autofree char *got = bulletin_diary_insert (draft, two_bullets, template_text);

  g_assert_cmpstr (got, ==,
                   "## What’s happening next week?\r\n"
                   "\r\n"
                   "- Monday 7 December: Partnership Board, Leeds\n"
                   "- Friday 11 December: Carers Rights Day stall, Brookfield market\n");
}

/* German names in German order, when the window is in German */
static void
test_format_german (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 12, 7, 10, 30, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 2);
  BulletinDiaryEvent event = {
    .uid = (char *) "x", .summary = (char *) "Vorstand", .location = (char *) "",
    .start = start, .end = end, .all_day = FALSE,
  };
  g_autofree char *got = bulletin_diary_format_event (&event, BULLETIN_DIARY_FORMAT_DEFAULT, "de_DE.UTF-8");

  g_assert_cmpstr (got, ==, "Montag, 7. Dezember: Vorstand");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diary/fixture-week", test_fixture_week);
  g_test_add_func ("/diary/fixture-week-no-times", test_fixture_week_no_times);
  g_test_add_func ("/diary/owner", test_owner);
  g_test_add_func ("/diary/crlf-and-bom", test_crlf_and_bom);
  g_test_add_func ("/diary/exdate-forms", test_exdate_forms);
  g_test_add_func ("/diary/endless", test_endless);
  g_test_add_func ("/diary/too-many", test_too_many);
  g_test_add_func ("/diary/bad-input", test_bad_input);
  g_test_add_func ("/diary/broken-calendar", test_broken_calendar);
  g_test_add_func ("/diary/load-errors", test_load_errors);
  g_test_add_func ("/diary/next-week", test_next_week);
  g_test_add_func ("/diary/week-ending-of", test_week_ending_of);
  g_test_add_func ("/diary/insert/replaces-placeholder", test_insert_replaces_placeholder);
  g_test_add_func ("/diary/insert/appends-to-own-list", test_insert_appends_to_own_list);
  g_test_add_func ("/diary/insert/without-list-or-heading", test_insert_without_list_or_heading);
  g_test_add_func ("/diary/insert/own-template", test_insert_own_template);
  g_test_add_func ("/diary/format-german", test_format_german);

  return g_test_run ();
}
