/* test-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one clock: the environment's day, a fixed moment and a running one,
 * and every reader of "now" in the core following it. build-aux/test also
 * runs this program under faketime on other days: whatever the machine's
 * date, the answers here must be those of the day the tests fix.
 */

#include "config.h"

#include <string.h>

#include "bulletin-checks.h"
#include "bulletin-clock.h"
#include "bulletin-eml.h"
#include "bulletin-store.h"
#include "bulletin-template.h"
#include "bulletin-test-util.h"

static void
assert_local (GDateTime *dt,
              int        year,
              int        month,
              int        day,
              int        hour,
              int        minute)
{
  g_assert_cmpint (g_date_time_get_year (dt), ==, year);
  g_assert_cmpint (g_date_time_get_month (dt), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, day);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, minute);
}

/* Runs first: tests/meson.build starts the clock on Friday 20 November
 * 2026 through BULLETIN_TODAY, at 9:00 local time, and it runs on. */
static void
test_environment (void)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) later = NULL;
  GDate today;
  gint64 a, b;

  g_assert_cmpstr (g_getenv ("BULLETIN_TODAY"), ==, "2026-11-20");

  first = bulletin_clock_now_local ();
  assert_local (first, 2026, 11, 20, 9, 0);

  bulletin_clock_today (&today);
  g_assert_cmpint (g_date_get_year (&today), ==, 2026);
  g_assert_cmpint (g_date_get_month (&today), ==, 11);
  g_assert_cmpint (g_date_get_day (&today), ==, 20);

  /* a running clock: it never goes back, and does move on */
  a = bulletin_clock_now ();
  do
    b = bulletin_clock_now ();
  while (b == a);
  g_assert_cmpint (b, >, a);

  later = bulletin_clock_now_local ();
  g_assert_cmpint (g_date_time_compare (later, first), >=, 0);
}

static void
test_fixed (void)
{
  g_autoptr(GDateTime) leap = g_date_time_new_local (2028, 2, 29, 23, 59, 30);
  g_autoptr(GDateTime) now = NULL;
  GDate today;
  gint64 a;

  bulletin_clock_set_fixed (leap);
  a = bulletin_clock_now ();
  g_assert_cmpint (a, ==, g_date_time_to_unix (leap) * G_USEC_PER_SEC);
  g_assert_cmpint (bulletin_clock_now (), ==, a);

  now = bulletin_clock_now_local ();
  assert_local (now, 2028, 2, 29, 23, 59);

  bulletin_clock_today (&today);
  g_assert_cmpint (g_date_get_day (&today), ==, 29);
  g_assert_cmpint (g_date_get_month (&today), ==, 2);
}

static void
test_start (void)
{
  g_autoptr(GDateTime) eve = g_date_time_new_local (2027, 12, 31, 23, 30, 0);
  g_autoptr(GDateTime) now = NULL;
  gint64 start = g_date_time_to_unix (eve) * G_USEC_PER_SEC;
  gint64 a, b;

  bulletin_clock_set_start (eve);
  a = bulletin_clock_now ();
  g_assert_cmpint (a, >=, start);
  /* generous: a loaded machine may be slow, but not by an hour */
  g_assert_cmpint (a - start, <, (gint64) 3600 * G_USEC_PER_SEC);

  do
    b = bulletin_clock_now ();
  while (b == a);
  g_assert_cmpint (b, >, a);

  now = bulletin_clock_now_local ();
  assert_local (now, 2027, 12, 31, 23, 30);
}

/* "Next week" in the checks is measured from the clock's today. */
static void
test_checks_follow (void)
{
  const char *text =
    "# Weekly update\n\n"
    "Lead.\n\n"
    "## What’s happening next week?\n\n"
    "- The board meets on Tuesday 5 January 2027.\n";
  g_autoptr(GDateTime) before = g_date_time_new_local (2026, 12, 30, 9, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2027, 1, 8, 9, 0, 0);
  BulletinCheckOptions opts = { .kinds = BULLETIN_CHECK_DATES };
  g_autoptr(GPtrArray) ahead = NULL;
  g_autoptr(GPtrArray) past = NULL;

  bulletin_clock_set_fixed (before);
  ahead = bulletin_checks_run (text, strlen (text), &opts);
  g_assert_cmpuint (ahead->len, ==, 0);

  bulletin_clock_set_fixed (after);
  past = bulletin_checks_run (text, strlen (text), &opts);
  g_assert_cmpuint (past->len, ==, 1);
  g_assert_cmpint (((BulletinFinding *) past->pdata[0])->kind, ==, BULLETIN_FINDING_DATE);
  g_assert_nonnull (strstr (((BulletinFinding *) past->pdata[0])->message, "past"));
}

/* The weekly template's dates come from the clock's today. */
static void
test_template_follows (void)
{
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2027, 12, 29, 9, 0, 0);
  BulletinTemplateContext ctx = { .locale = "en_GB.UTF-8" };
  g_autofree char *text = NULL;

  bulletin_clock_set_fixed (wednesday);
  text = bulletin_template_expand ("{{week_ending}} / {{next_week}}", &ctx, NULL);
  g_assert_cmpstr (text, ==, "Friday 31 December 2027 / 3 – 7 January 2028");
}

/* The .eml Date header is the clock's now. */
static void
test_eml_follows (void)
{
  g_autoptr(GDateTime) leap = g_date_time_new_utc (2028, 2, 29, 12, 0, 0);
  g_autoptr(GBytes) eml = NULL;
  g_autofree char *text = NULL;

  bulletin_clock_set_fixed (leap);
  eml = bulletin_eml_build ("Weekly update", NULL, NULL, "Text.\n", "<p>Text.</p>", NULL, NULL);
  g_assert_nonnull (eml);
  text = g_strndup (g_bytes_get_data (eml, NULL), g_bytes_get_size (eml));
  g_assert_nonnull (strstr (text, "29 Feb 2028"));
}

/* A store's default clock is the one clock. */
static void
test_store_follows (void)
{
  g_autoptr(GDateTime) eve = g_date_time_new_local (2027, 12, 31, 23, 30, 0);
  g_autofree char *dir = g_dir_make_tmp ("bulletin-clock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bulletin.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BulletinStore) store = NULL;

  bulletin_clock_set_fixed (eve);
  store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bulletin_store_now (store), ==, g_date_time_to_unix (eve) * G_USEC_PER_SEC);

  g_clear_object (&store);
  bulletin_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/environment", test_environment);
  g_test_add_func ("/clock/fixed", test_fixed);
  g_test_add_func ("/clock/start", test_start);
  g_test_add_func ("/clock/checks", test_checks_follow);
  g_test_add_func ("/clock/template", test_template_follows);
  g_test_add_func ("/clock/eml", test_eml_follows);
  g_test_add_func ("/clock/store", test_store_follows);

  return g_test_run ();
}
