/* bulletin-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place Bulletin asks what time it is. Everything that depends on
 * "now" or "today" (the weekly template's dates, "next week" in the checks,
 * version times in the store, the .eml Date header, the names of a damaged
 * database set aside) reads it here, so that a test can fix the day and pass
 * on any date the suite happens to run.
 *
 * Tests fix the clock in one of two ways:
 *  - bulletin_clock_set_fixed(): time stands still at that moment, for
 *    unit tests that compare exact outputs;
 *  - bulletin_clock_set_start() or the environment variables
 *    BULLETIN_NOW (ISO 8601, e.g. 2026-11-20T09:00:00) and BULLETIN_TODAY
 *    (YYYY-MM-DD, 9:00 local time), read once on first use: the clock starts
 *    at that moment and then runs with the machine's monotonic clock, so a
 *    running app (autosave every 2 s, versions every 5 minutes) still sees
 *    time pass.
 */

#include "config.h"

#include <stdio.h>

#include "bulletin-clock.h"

typedef enum
{
  CLOCK_UNSET,
  CLOCK_REAL,
  CLOCK_FIXED,
  CLOCK_RUNNING,
} ClockMode;

static GMutex clock_lock;
static ClockMode clock_mode = CLOCK_UNSET;
/* µs since the Unix epoch at the moment the clock was fixed or started */
static gint64 clock_base;
/* g_get_monotonic_time() at that moment, for a running clock */
static gint64 clock_base_monotonic;

static GDateTime *
parse_environment (void)
{
  const char *now = g_getenv ("BULLETIN_NOW");
  const char *today = g_getenv ("BULLETIN_TODAY");

  if (now != NULL && *now != '\0')
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      GDateTime *dt = g_date_time_new_from_iso8601 (now, local);

      if (dt != NULL)
        return dt;
      g_warning ("BULLETIN_NOW=%s is not an ISO 8601 date and time; using the real clock", now);
    }

  if (today != NULL && *today != '\0')
    {
      int y, m, d;

      if (sscanf (today, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
        return g_date_time_new_local (y, m, d, 9, 0, 0);
      g_warning ("BULLETIN_TODAY=%s is not a YYYY-MM-DD date; using the real clock", today);
    }

  return NULL;
}

static void
set_locked (ClockMode  mode,
            GDateTime *when)
{
  clock_mode = mode;
  clock_base = when != NULL ? g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when) : 0;
  clock_base_monotonic = g_get_monotonic_time ();
}

static void
ensure_mode_locked (void)
{
  g_autoptr(GDateTime) from_env = NULL;

  if (clock_mode != CLOCK_UNSET)
    return;

  from_env = parse_environment ();
  set_locked (from_env != NULL ? CLOCK_RUNNING : CLOCK_REAL, from_env);
}

/**
 * bulletin_clock_now:
 *
 * Returns: the current time, in microseconds since the Unix epoch (UTC),
 *   as Bulletin's one clock tells it
 */
gint64
bulletin_clock_now (void)
{
  gint64 now;

  g_mutex_lock (&clock_lock);
  ensure_mode_locked ();
  switch (clock_mode)
    {
    case CLOCK_FIXED:
      now = clock_base;
      break;

    case CLOCK_RUNNING:
      now = clock_base + (g_get_monotonic_time () - clock_base_monotonic);
      break;

    case CLOCK_UNSET:
    case CLOCK_REAL:
    default:
      now = g_get_real_time ();
      break;
    }
  g_mutex_unlock (&clock_lock);

  return now;
}

/**
 * bulletin_clock_now_local:
 *
 * Returns: (transfer full): bulletin_clock_now() in the local time zone
 */
GDateTime *
bulletin_clock_now_local (void)
{
  gint64 now = bulletin_clock_now ();
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);

  return g_date_time_add (seconds, now % G_USEC_PER_SEC);
}

/**
 * bulletin_clock_today:
 * @date: (out caller-allocates): where to write today's date, in local time
 */
void
bulletin_clock_today (GDate *date)
{
  g_autoptr(GDateTime) now = bulletin_clock_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * bulletin_clock_set_fixed:
 * @when: (nullable): the moment time stands still at; %NULL for the real
 *   clock again
 *
 * For tests that compare exact outputs.
 */
void
bulletin_clock_set_fixed (GDateTime *when)
{
  g_mutex_lock (&clock_lock);
  set_locked (when != NULL ? CLOCK_FIXED : CLOCK_REAL, when);
  g_mutex_unlock (&clock_lock);
}

/**
 * bulletin_clock_set_start:
 * @when: (nullable): the moment the clock starts from, and runs on;
 *   %NULL for the real clock again
 */
void
bulletin_clock_set_start (GDateTime *when)
{
  g_mutex_lock (&clock_lock);
  set_locked (when != NULL ? CLOCK_RUNNING : CLOCK_REAL, when);
  g_mutex_unlock (&clock_lock);
}
