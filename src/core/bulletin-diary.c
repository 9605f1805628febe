/* bulletin-diary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Next week's diary from an iCalendar file: the events of the week after
 * the update's, as bullets for "What’s happening next week?".
 *
 * libical parses; this file decides which events are the office's to
 * tell (not cancelled, not private, not declined by the calendar's owner),
 * expands recurring ones into the week, and puts each in the office's
 * words: "Monday 7 December: Partnership Board, Leeds".
 *
 * The calendar's owner, whose declined invitations are left out, is the
 * sender's address from Preferences when given, else the calendar's
 * X-WR-CALNAME when that is an address (Google names its exports so).
 * Without either, no event counts as declined.
 *
 * Every time is turned into an absolute moment first (floating times and
 * all-day dates are the user's local time, as a calendar app shows them),
 * so an exception, an override and an occurrence are matched by the
 * moment they name, whatever zone each was written in.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "bulletin-diary.h"
#include "bulletin-library.h"
#include "bulletin-markdown.h"
#include "bulletin-template.h"

/* A recurring event is followed to the week (from the day before it
 * where libical can jump, see jump_to_week(), else from its first
 * occurrence); these bound that walk, so an event repeating every second
 * since 1970 cannot hold the window: one series stops after this many
 * occurrences (a daily one with a COUNT, which cannot jump, reaches the
 * week from 50 years back), and a whole file after the second number.
 * What is cut off is an event repeating more often than daily for
 * months before the week, or a counted daily one from before 1970: no
 * office's diary. */
#define MAX_STEPS_PER_RULE 20000
#define MAX_STEPS_PER_FILE 200000

/* A week's diary is a list to read: a series that comes round more
 * often than twice a day is in it this many times at most, and a whole
 * calendar gives this many events at most (a file can ask for an event
 * every second). */
#define MAX_OCCURRENCES_IN_WEEK 14
#define MAX_EVENTS 1000

/* One line of a summary or location in the diary, at most */
#define MAX_TEXT_CHARS 200

G_DEFINE_QUARK (bulletin-diary-error-quark, bulletin_diary_error)

void
bulletin_diary_event_free (BulletinDiaryEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->uid);
  g_free (event->summary);
  g_free (event->location);
  g_clear_pointer (&event->start, g_date_time_unref);
  g_clear_pointer (&event->end, g_date_time_unref);
  g_free (event);
}

/* ------------------------------------------------------------------ */
/* The week                                                            */
/* ------------------------------------------------------------------ */

/**
 * bulletin_diary_next_week:
 * @week_ending: the update's last day; only its date counts
 * @monday: (out) (transfer full): local midnight of the first Monday
 *   strictly after @week_ending
 * @next_monday: (out) (transfer full): local midnight seven days later,
 *   the end of the week (exclusive)
 */
void
bulletin_diary_next_week (GDateTime  *week_ending,
                          GDateTime **monday,
                          GDateTime **next_monday)
{
  GDate date;

  g_return_if_fail (week_ending != NULL);
  g_return_if_fail (monday != NULL && next_monday != NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  g_date_time_get_day_of_month (week_ending),
                  g_date_time_get_month (week_ending),
                  g_date_time_get_year (week_ending));
  /* as bulletin_template_format_next_week(): a week ending on a Monday
   * still looks a week ahead */
  g_date_add_days (&date, 8 - g_date_get_weekday (&date));
  *monday = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 0, 0);
  g_date_add_days (&date, 7);
  /* from the date, not monday + 7 days: a clock change in the week
   * would move that off midnight */
  *next_monday = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                        g_date_get_day (&date), 0, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Times                                                               */
/* ------------------------------------------------------------------ */

/* Gives a time with a TZID the zone it names: the calendar's own
 * VTIMEZONE, else the system's zone of that name. A name neither knows
 * (Outlook's "GMT Standard Time" without its VTIMEZONE) leaves the time
 * floating, which is local time: right for the office's own calendar. */
static struct icaltimetype
attach_zone (struct icaltimetype  t,
             icalproperty        *prop,
             icalcomponent       *vcalendar)
{
  icalparameter *param;
  const char *tzid;
  icaltimezone *zone = NULL;

  if (t.is_date || t.zone != NULL || icaltime_is_null_time (t))
    return t;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  tzid = param != NULL ? icalparameter_get_tzid (param) : NULL;
  if (tzid == NULL || *tzid == '\0')
    return t;

  zone = icalcomponent_get_timezone (vcalendar, tzid);
  if (zone == NULL)
    zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone == NULL)
    zone = icaltimezone_get_builtin_timezone_from_tzid (tzid);
  t.zone = zone;

  return t;
}

/* The moment @t names, in seconds since the epoch; %FALSE for a null or
 * impossible time. */
static gboolean
to_unix (struct icaltimetype  t,
         gint64              *out)
{
  g_autoptr(GDateTime) dt = NULL;

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return FALSE;
  if (t.year < 1 || t.year > 9999)
    return FALSE;

  if (t.is_date)
    {
      dt = g_date_time_new_local (t.year, t.month, t.day, 0, 0, 0);
    }
  else if (t.zone == NULL)
    {
      dt = g_date_time_new_local (t.year, t.month, t.day, t.hour, t.minute, MIN (t.second, 59));
    }
  else
    {
      struct icaltimetype u = icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());

      if (icaltime_is_null_time (u) || u.year < 1 || u.year > 9999)
        return FALSE;
      dt = g_date_time_new_utc (u.year, u.month, u.day, u.hour, u.minute, MIN (u.second, 59));
    }

  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* One line of plain text: what a calendar holds may have line breaks,
 * tabs and control characters, and be a page long. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;
  guint chars = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c)
          || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          space = out->len > 0;
          continue;
        }

      if (chars >= MAX_TEXT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (out, ' ');
          chars++;
        }
      space = FALSE;
      g_string_append_unichar (out, c);
      chars++;
    }

  return g_string_free (out, FALSE);
}

/* A calendar's text in a Markdown bullet is text, not markup: "*"
 * and "_" stay themselves, "[" starts no link, "<" no HTML. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* ------------------------------------------------------------------ */
/* Which events                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  gint64      from;          /* the week, in seconds since the epoch */
  gint64      to;            /* exclusive */
  char       *owner;         /* lower case, no "mailto:"; NULL: unknown */
  GPtrArray  *events;
  guint64     steps;         /* recurrence steps taken in the whole file */
  GHashTable *overridden;    /* "UID\nmoment" of each overridden occurrence */
  GHashTable *hidden_uids;   /* UIDs of series that are private or cancelled */
} Diary;

/* libical walks a component's children with one cursor inside the
 * component, which any getter moves (icalcomponent_get_summary() looks
 * for SUMMARY with it): walking while calling them loops or skips. So
 * each walk takes a list first. */
static GPtrArray *
properties_of (icalcomponent    *comp,
               icalproperty_kind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (icalproperty *prop = icalcomponent_get_first_property (comp, kind);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, kind))
    g_ptr_array_add (out, prop);

  return out;
}

static GPtrArray *
components_of (icalcomponent     *comp,
               icalcomponent_kind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (icalcomponent *c = icalcomponent_get_first_component (comp, kind);
       c != NULL;
       c = icalcomponent_get_next_component (comp, kind))
    g_ptr_array_add (out, c);

  return out;
}

/* "mailto:Fiona.Kerr@…", "Fiona Kerr <fiona.kerr@…>" or the bare
 * address, as one lower-case address */
static char *
address_of (const char *value)
{
  g_autofree char *stripped = NULL;
  const char *open;
  const char *close;

  if (value == NULL)
    return NULL;
  if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    value += 7;
  open = strchr (value, '<');
  close = open != NULL ? strchr (open, '>') : NULL;
  if (close != NULL)
    stripped = g_strstrip (g_strndup (open + 1, close - open - 1));
  else
    stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0')
    return NULL;
  return g_ascii_strdown (stripped, -1);
}

static gboolean
is_private (icalcomponent *event)
{
  icalproperty *prop = icalcomponent_get_first_property (event, ICAL_CLASS_PROPERTY);

  if (prop == NULL)
    return FALSE;

  /* an unknown class is private, as RFC 5545 asks */
  return icalproperty_get_class (prop) != ICAL_CLASS_PUBLIC;
}

static gboolean
is_cancelled (icalcomponent *event)
{
  icalproperty *prop = icalcomponent_get_first_property (event, ICAL_STATUS_PROPERTY);

  return prop != NULL && icalproperty_get_status (prop) == ICAL_STATUS_CANCELLED;
}

static gboolean
owner_declined (Diary         *d,
                icalcomponent *event)
{
  g_autoptr(GPtrArray) attendees = NULL;

  if (d->owner == NULL)
    return FALSE;

  attendees = properties_of (event, ICAL_ATTENDEE_PROPERTY);
  for (guint i = 0; i < attendees->len; i++)
    {
      icalproperty *prop = attendees->pdata[i];
      g_autofree char *who = address_of (icalproperty_get_attendee (prop));
      icalparameter *partstat;

      if (who == NULL || !g_str_equal (who, d->owner))
        continue;

      partstat = icalproperty_get_first_parameter (prop, ICAL_PARTSTAT_PARAMETER);
      if (partstat != NULL && icalparameter_get_partstat (partstat) == ICAL_PARTSTAT_DECLINED)
        return TRUE;
    }

  return FALSE;
}

static const char *
uid_of (icalcomponent *event)
{
  const char *uid = icalcomponent_get_uid (event);

  return uid != NULL ? uid : "";
}

static char *
occurrence_key (const char *uid,
                gint64      moment)
{
  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT, uid, moment);
}

/* How long each occurrence lasts, in seconds; for all-day events a
 * whole number of days. */
static gint64
duration_of (icalcomponent       *event,
             icalcomponent       *vcalendar,
             struct icaltimetype  dtstart,
             gint64               start)
{
  icalproperty *prop;
  gint64 end;

  prop = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
  if (prop != NULL)
    {
      struct icaltimetype dtend = attach_zone (icalproperty_get_dtend (prop), prop, vcalendar);

      if (to_unix (dtend, &end) && end > start)
        return end - start;
      return dtstart.is_date ? 86400 : 0;
    }

  prop = icalcomponent_get_first_property (event, ICAL_DURATION_PROPERTY);
  if (prop != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (prop);
      gint64 seconds = icaldurationtype_as_int (duration);

      if (seconds > 0)
        return seconds;
    }

  return dtstart.is_date ? 86400 : 0;
}

static void
add_event (Diary               *d,
           icalcomponent       *event,
           struct icaltimetype  start_time,
           gint64               start,
           gint64               duration)
{
  BulletinDiaryEvent *e;

  if (start < d->from || start >= d->to || d->events->len >= MAX_EVENTS)
    return;

  e = g_new0 (BulletinDiaryEvent, 1);
  e->uid = g_strdup (uid_of (event));
  e->summary = one_line (icalcomponent_get_summary (event));
  e->location = one_line (icalcomponent_get_location (event));
  e->all_day = start_time.is_date;

  if (e->all_day)
    {
      /* whole days from the date itself, never 24-hour steps: a day
       * with a clock change is 23 or 25 hours long */
      gint64 days = MAX (1, (duration + 43200) / 86400);
      g_autoptr(GDateTime) midnight = g_date_time_new_local (start_time.year, start_time.month,
                                                              start_time.day, 0, 0, 0);

      e->start = g_date_time_ref (midnight);
      e->end = g_date_time_add_days (midnight, (int) MIN (days, 3660));
    }
  else
    {
      e->start = g_date_time_new_from_unix_local (start);
      e->end = g_date_time_new_from_unix_local (start + MAX (0, MIN (duration, (gint64) 3660 * 86400)));
    }

  if (e->start == NULL || e->end == NULL)
    {
      bulletin_diary_event_free (e);
      return;
    }

  g_ptr_array_add (d->events, e);
}

/* One occurrence of a series, unless it was taken out (EXDATE), is
 * told by an override of its own, or was already counted. */
static void
add_occurrence (Diary               *d,
                icalcomponent       *event,
                GHashTable          *seen,
                GHashTable          *excluded,
                struct icaltimetype  t,
                gint64               moment,
                gint64               duration)
{
  g_autofree char *key = NULL;

  if (moment < d->from || moment >= d->to)
    return;
  if (g_hash_table_size (seen) >= MAX_OCCURRENCES_IN_WEEK)
    return;
  if (g_hash_table_contains (seen, &moment) || g_hash_table_contains (excluded, &moment))
    return;

  key = occurrence_key (uid_of (event), moment);
  if (g_hash_table_contains (d->overridden, key))
    return;

  g_hash_table_add (seen, g_memdup2 (&moment, sizeof moment));
  add_event (d, event, t, moment, duration);
}

/* Moves a series' iterator to the day before the week, so a series from
 * years back costs a few steps rather than one per occurrence since.
 * libical can do that only for rules without COUNT, and gets rules of
 * less than a day wrong (it restarts their INTERVAL from the new
 * start): those walk from DTSTART, within the step limits. */
static void
jump_to_week (Diary                     *d,
              icalrecur_iterator        *iter,
              struct icalrecurrencetype *rule,
              struct icaltimetype        dtstart,
              gint64                     start)
{
  struct icaltimetype from;
  gint64 moment = d->from - 86400;

  if (rule->count != 0 || moment <= start)
    return;
  if (rule->freq != ICAL_DAILY_RECURRENCE && rule->freq != ICAL_WEEKLY_RECURRENCE
      && rule->freq != ICAL_MONTHLY_RECURRENCE && rule->freq != ICAL_YEARLY_RECURRENCE)
    return;

  if (dtstart.zone != NULL && !dtstart.is_date)
    {
      from = icaltime_from_timet_with_zone ((time_t) moment, 0, (icaltimezone *) dtstart.zone);
    }
  else
    {
      /* floating times and dates are local */
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (moment);

      if (local == NULL)
        return;
      from = icaltime_null_time ();
      from.year = g_date_time_get_year (local);
      from.month = g_date_time_get_month (local);
      from.day = g_date_time_get_day_of_month (local);
      from.is_date = dtstart.is_date;
    }

  if (icaltime_is_null_time (from)
      || (!icaltime_is_null_time (rule->until) && icaltime_compare (from, rule->until) > 0))
    return;

  icalrecur_iterator_set_start (iter, from);
}

static void
expand_series (Diary               *d,
               icalcomponent       *vcalendar,
               icalcomponent       *event,
               struct icaltimetype  dtstart,
               gint64               start,
               gint64               duration)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) excluded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_autoptr(GPtrArray) exdates = properties_of (event, ICAL_EXDATE_PROPERTY);
  g_autoptr(GPtrArray) rrules = properties_of (event, ICAL_RRULE_PROPERTY);
  g_autoptr(GPtrArray) rdates = properties_of (event, ICAL_RDATE_PROPERTY);

  for (guint i = 0; i < exdates->len; i++)
    {
      icalproperty *prop = exdates->pdata[i];
      struct icaltimetype t = attach_zone (icalproperty_get_exdate (prop), prop, vcalendar);
      gint64 moment;

      if (to_unix (t, &moment))
        g_hash_table_add (excluded, g_memdup2 (&moment, sizeof moment));
    }

  /* DTSTART is the first occurrence even when the rule would not give it */
  add_occurrence (d, event, seen, excluded, dtstart, start, duration);

  for (guint i = 0; i < rrules->len; i++)
    {
      icalproperty *prop = rrules->pdata[i];
      struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
      icalrecur_iterator *iter;
      gint64 until;

      if (rule.freq == ICAL_NO_RECURRENCE)
        continue;
      if (!icaltime_is_null_time (rule.until) && to_unix (rule.until, &until) && until < d->from)
        continue;

      iter = icalrecur_iterator_new (rule, dtstart);
      if (iter == NULL)
        continue;
      jump_to_week (d, iter, &rule, dtstart, start);

      for (guint n = 0; n < MAX_STEPS_PER_RULE && d->steps < MAX_STEPS_PER_FILE; n++)
        {
          struct icaltimetype t = icalrecur_iterator_next (iter);
          gint64 moment;

          d->steps++;
          if (icaltime_is_null_time (t))
            break;

          t.zone = dtstart.zone;
          t.is_date = dtstart.is_date;
          if (!to_unix (t, &moment))
            break;
          if (moment >= d->to || g_hash_table_size (seen) >= MAX_OCCURRENCES_IN_WEEK
              || d->events->len >= MAX_EVENTS)
            break;

          add_occurrence (d, event, seen, excluded, t, moment, duration);
        }

      icalrecur_iterator_free (iter);
    }

  for (guint i = 0; i < rdates->len; i++)
    {
      icalproperty *prop = rdates->pdata[i];
      struct icaldatetimeperiodtype rdate = icalproperty_get_rdate (prop);
      struct icaltimetype t = !icaltime_is_null_time (rdate.time) ? rdate.time : rdate.period.start;
      gint64 moment;

      t = attach_zone (t, prop, vcalendar);
      if (to_unix (t, &moment))
        add_occurrence (d, event, seen, excluded, t, moment, duration);
    }
}

static gboolean
has_recurrence_id (icalcomponent *event)
{
  return icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY) != NULL;
}

/* First pass over a calendar: the occurrences that an override replaces,
 * and the series whose overrides must stay hidden with them. */
static void
collect_overrides (Diary         *d,
                   icalcomponent *vcalendar)
{
  g_autoptr(GPtrArray) events = components_of (vcalendar, ICAL_VEVENT_COMPONENT);

  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *event = events->pdata[i];
      icalproperty *prop = icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY);

      if (prop == NULL)
        {
          if (is_private (event) || is_cancelled (event))
            g_hash_table_add (d->hidden_uids, g_strdup (uid_of (event)));
          continue;
        }

      {
        struct icaltimetype t = attach_zone (icalproperty_get_recurrenceid (prop), prop, vcalendar);
        gint64 moment;

        if (to_unix (t, &moment))
          g_hash_table_add (d->overridden, occurrence_key (uid_of (event), moment));
      }
    }
}

static void
collect_events (Diary         *d,
                icalcomponent *vcalendar)
{
  icalproperty *method = icalcomponent_get_first_property (vcalendar, ICAL_METHOD_PROPERTY);
  g_autoptr(GPtrArray) events = NULL;

  /* an invitation's cancellation, saved as a file, names no event to go */
  if (method != NULL && icalproperty_get_method (method) == ICAL_METHOD_CANCEL)
    return;

  events = components_of (vcalendar, ICAL_VEVENT_COMPONENT);
  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *event = events->pdata[i];
      icalproperty *prop = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      struct icaltimetype dtstart;
      gint64 start;
      gint64 duration;

      if (prop == NULL)
        continue;
      if (is_private (event) || is_cancelled (event) || owner_declined (d, event))
        continue;
      if (has_recurrence_id (event) && g_hash_table_contains (d->hidden_uids, uid_of (event)))
        continue;

      dtstart = attach_zone (icalproperty_get_dtstart (prop), prop, vcalendar);
      if (!to_unix (dtstart, &start))
        continue;
      duration = duration_of (event, vcalendar, dtstart, start);

      if (has_recurrence_id (event))
        add_event (d, event, dtstart, start, duration);
      else
        expand_series (d, vcalendar, event, dtstart, start, duration);
    }
}

static char *
calendar_owner (icalcomponent *vcalendar)
{
  g_autoptr(GPtrArray) props = properties_of (vcalendar, ICAL_X_PROPERTY);

  for (guint i = 0; i < props->len; i++)
    {
      icalproperty *prop = props->pdata[i];
      const char *name = icalproperty_get_x_name (prop);
      const char *value = icalproperty_get_x (prop);

      if (name != NULL && g_ascii_strcasecmp (name, "X-WR-CALNAME") == 0
          && value != NULL && strchr (value, '@') != NULL && strchr (value, ' ') == NULL)
        return address_of (value);
    }

  return NULL;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const BulletinDiaryEvent *x = *(BulletinDiaryEvent * const *) a;
  const BulletinDiaryEvent *y = *(BulletinDiaryEvent * const *) b;
  int order = g_date_time_compare (x->start, y->start);

  if (order != 0)
    return order;
  /* on the same day, all-day events first, as a calendar shows them */
  if (x->all_day != y->all_day)
    return x->all_day ? -1 : 1;
  order = g_strcmp0 (x->summary, y->summary);
  if (order != 0)
    return order;
  return g_strcmp0 (x->location, y->location);
}

/* A line at the start of the file (after a byte order mark and blank
 * lines) that opens a calendar. */
static gboolean
looks_like_calendar (const char *data,
                     gsize       len)
{
  static const char begin[] = "BEGIN:VCALENDAR";
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  return len - i >= strlen (begin) && g_ascii_strncasecmp (data + i, begin, strlen (begin)) == 0;
}

/**
 * bulletin_diary_parse:
 * @data: the bytes of an iCalendar (.ics) file
 * @len: their length
 * @week_ending: the update's last day (see bulletin_template_week_ending())
 * @owner: (nullable): the calendar owner's address (the sender's, from
 *   Preferences), whose declined invitations are left out; %NULL or ""
 *   to take it from the calendar's X-WR-CALNAME, if that is an address
 * @error: return location for a #BULLETIN_DIARY_ERROR
 *
 * The events of the week after @week_ending, Monday to Sunday in local
 * time, that start in that week: recurring events expanded (RRULE,
 * RDATE, EXDATE, overridden occurrences), times in any zone turned into
 * local time; cancelled, private and confidential events left out, and
 * those the owner declined.
 *
 * Returns: (transfer full) (element-type BulletinDiaryEvent): the events
 *   in order of their start, possibly none; %NULL with @error set when
 *   @data is no calendar
 */
GPtrArray *
bulletin_diary_parse (const char  *data,
                      gsize        len,
                      GDateTime   *week_ending,
                      const char  *owner,
                      GError     **error)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next_monday = NULL;
  g_autoptr(GHashTable) overridden = NULL;
  g_autoptr(GHashTable) hidden_uids = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *text = NULL;
  icalcomponent *root;
  Diary d = { 0 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (week_ending != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > BULLETIN_DIARY_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (BULLETIN_DIARY_MAX_SIZE);

      /* Translators: %s is a size such as "33.6 MB" */
      g_set_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_TOO_LARGE,
                   _("This calendar is larger than %s: export only the coming weeks from your calendar app"),
                   size);
      return NULL;
    }

  if (len == 0 || !looks_like_calendar (data, len) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_NOT_CALENDAR,
                           _("This file isn’t a calendar (.ics)"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_ENCODING,
                           _("This calendar has characters that are not UTF-8 text, so it cannot be read: "
                             "export it again from your calendar app"));
      return NULL;
    }

  text = g_strndup (data, len);

  /* libical aborts on its own errors unless told otherwise; a bad file
   * must be an error to show, never a crash */
  icalerror_set_errors_are_fatal (0);
  root = icalparser_parse_string (text);

  calendars = g_ptr_array_new ();
  if (root != NULL && icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    g_ptr_array_add (calendars, root);
  else if (root != NULL && icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    {
      g_ptr_array_unref (calendars);
      calendars = components_of (root, ICAL_VCALENDAR_COMPONENT);
    }

  if (calendars->len == 0)
    {
      if (root != NULL)
        icalcomponent_free (root);
      /* it starts as a calendar, so most likely it was cut short */
      g_set_error_literal (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_DAMAGED,
                           _("This calendar file is damaged or incomplete: export it again from your calendar app"));
      return NULL;
    }

  bulletin_diary_next_week (week_ending, &monday, &next_monday);
  overridden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hidden_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) bulletin_diary_event_free);

  d.from = g_date_time_to_unix (monday);
  d.to = g_date_time_to_unix (next_monday);
  d.events = events;
  d.overridden = overridden;
  d.hidden_uids = hidden_uids;

  for (guint i = 0; i < calendars->len; i++)
    {
      icalcomponent *vcalendar = calendars->pdata[i];

      g_clear_pointer (&d.owner, g_free);
      d.owner = owner != NULL && *owner != '\0' ? address_of (owner) : calendar_owner (vcalendar);
      g_hash_table_remove_all (overridden);
      g_hash_table_remove_all (hidden_uids);

      collect_overrides (&d, vcalendar);
      collect_events (&d, vcalendar);
    }

  g_clear_pointer (&d.owner, g_free);
  icalcomponent_free (root);

  g_ptr_array_sort (events, compare_events);
  return g_steal_pointer (&events);
}

/**
 * bulletin_diary_load:
 * @file: an iCalendar file
 * @week_ending: as for bulletin_diary_parse()
 * @owner: (nullable): as for bulletin_diary_parse()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file afresh (a calendar file is re-exported behind our back)
 * and parses it with bulletin_diary_parse().
 *
 * Returns: (transfer full) (element-type BulletinDiaryEvent): the events
 */
GPtrArray *
bulletin_diary_load (GFile         *file,
                     GDateTime     *week_ending,
                     const char    *owner,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (week_ending != NULL, NULL);

  name = g_file_get_parse_name (file);

  /* the size first, so a huge file is never read into memory */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      /* Translators: %s is a file name */
      g_set_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_READ,
                   _("“%s” is a folder, not a calendar file"), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > BULLETIN_DIARY_MAX_SIZE)
    return bulletin_diary_parse ("", BULLETIN_DIARY_MAX_SIZE + 1, week_ending, owner, error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Translators: %s is a file name */
      g_set_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_READ,
                   _("The calendar “%s” could not be found: it may have been moved or renamed"), name);
      return NULL;
    }
  if (info == NULL
      || !g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
    {
      /* Translators: the first %s is a file name, the second why it
       * could not be read */
      g_set_error (error, BULLETIN_DIARY_ERROR, BULLETIN_DIARY_ERROR_READ,
                   _("The calendar “%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  return bulletin_diary_parse (data, len, week_ending, owner, error);
}

/* ------------------------------------------------------------------ */
/* Bullets                                                             */
/* ------------------------------------------------------------------ */

/**
 * bulletin_diary_format_event:
 * @event: an event from bulletin_diary_parse()
 * @flags: whether to give the time of day
 * @locale: (nullable): as for bulletin_template_format_date()
 *
 * The event as the office writes it under "What’s happening next week?",
 * without the list marker: "Monday 7 December: Partnership Board, Leeds";
 * with %BULLETIN_DIARY_FORMAT_TIMES a timed event gets its start,
 * "Monday 7 December, 10.30: …"; an all-day event over several days
 * "Monday 7 December to Wednesday 9 December: …". The calendar's text is
 * escaped, so it reads in the email just as in the calendar.
 *
 * Returns: (transfer full): the bullet's Markdown
 */
char *
bulletin_diary_format_event (const BulletinDiaryEvent *event,
                             BulletinDiaryFormatFlags  flags,
                             const char               *locale)
{
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GString) what = NULL;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (event->start != NULL && event->end != NULL, NULL);

  day = bulletin_template_format_day_month (event->start, locale);

  if (event->all_day && g_date_time_difference (event->end, event->start) > 25 * G_TIME_SPAN_HOUR)
    {
      g_autoptr(GDateTime) last = g_date_time_add_days (event->end, -1);
      g_autofree char *last_day = bulletin_template_format_day_month (last, locale);

      /* Translators: an event over several days, e.g. "Monday 7 December
       * to Wednesday 9 December" */
      when = g_strdup_printf (_("%s to %s"), day, last_day);
    }
  else if (!event->all_day && (flags & BULLETIN_DIARY_FORMAT_TIMES) != 0)
    {
      g_autofree char *time = g_strdup_printf ("%d.%02d",
                                               g_date_time_get_hour (event->start),
                                               g_date_time_get_minute (event->start));

      /* Translators: a day and a time, e.g. "Monday 7 December, 10.30" */
      when = g_strdup_printf (_("%s, %s"), day, time);
    }
  else
    {
      when = g_steal_pointer (&day);
    }

  what = g_string_new (NULL);
  if (*event->summary != '\0')
    append_escaped (what, event->summary);
  else
    g_string_append (what, _("Untitled event"));
  if (*event->location != '\0')
    {
      g_string_append (what, ", ");
      append_escaped (what, event->location);
    }

  /* Translators: a diary entry, e.g. "Monday 7 December: Partnership
   * Board, Leeds" */
  return g_strdup_printf (_("%s: %s"), when, what->str);
}

/* ------------------------------------------------------------------ */
/* Into the draft                                                      */
/* ------------------------------------------------------------------ */



/* The heading as the checks find it: its wording may be off by a word
 * or a typo ("Whats happening next week", "What is happening next
 * week?"). */
static gboolean
is_next_week_heading (cmark_node *node)
{
  static const char next[] = "what's happening next week";
  g_autofree char *text = NULL;
  g_autofree char *norm = NULL;

  if (cmark_node_get_type (node) != CMARK_NODE_HEADING || cmark_node_get_heading_level (node) != 2)
    return FALSE;

  text = bulletin_markdown_plain_text (node);
  norm = bulletin_markdown_normalise_phrase (text);
  if (g_str_equal (norm, "what is happening next week"))
    return TRUE;
  /* a long heading is some other one: no need to measure it */
  if (strlen (norm) > 2 * strlen (next))
    return FALSE;

  return bulletin_markdown_edit_distance (norm, next) <= strlen (next) / 5;
}

static gboolean
is_section_start (cmark_node *node)
{
  return cmark_node_get_type (node) == CMARK_NODE_HEADING
         && cmark_node_get_heading_level (node) <= 2;
}

typedef struct
{
  const char *text;
  GArray     *starts;   /* gsize offset of each line; one more at the end */
} Lines;

static void
lines_init (Lines      *lines,
            const char *text,
            gsize       len)
{
  gsize zero = 0;

  lines->text = text;
  lines->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (lines->starts, zero);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        gsize next = i + 1;

        if (next < len)
          g_array_append_val (lines->starts, next);
      }
  g_array_append_val (lines->starts, len);
}

static guint
lines_count (const Lines *lines)
{
  return lines->starts->len - 1;
}

/* Line @n (1-based) with its line ending */
static const char *
line_at (const Lines *lines,
         guint        n,
         gsize       *len)
{
  gsize start = g_array_index (lines->starts, gsize, n - 1);

  *len = g_array_index (lines->starts, gsize, n) - start;
  return lines->text + start;
}

static gboolean
line_blank (const Lines *lines,
            guint        n)
{
  gsize len;
  const char *line;

  if (n < 1 || n > lines_count (lines))
    return TRUE;
  line = line_at (lines, n, &len);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* The texts of the template's own bullets under the heading: in a
 * draft, those are placeholders to replace, not events to keep. */
static GPtrArray *
placeholder_texts (const char *template_text)
{
  g_autofree char *owned = NULL;
  g_autofree char *text = NULL;
  g_autoptr(cmark_node) doc = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  gsize len = 0;
  cmark_node *node;

  if (template_text == NULL)
    template_text = owned = bulletin_library_dup_weekly_template (NULL, NULL);

  text = bulletin_markdown_sanitize (template_text, -1, &len, NULL);
  doc = bulletin_markdown_parse (text, len);

  for (node = cmark_node_first_child (doc); node != NULL; node = cmark_node_next (node))
    if (is_next_week_heading (node))
      break;

  for (node = node != NULL ? cmark_node_next (node) : NULL;
       node != NULL && !is_section_start (node);
       node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) != CMARK_NODE_LIST)
        continue;
      for (cmark_node *item = cmark_node_first_child (node); item != NULL; item = cmark_node_next (item))
        {
          g_autofree char *plain = bulletin_markdown_plain_text (item);

          g_ptr_array_add (out, bulletin_markdown_normalise_phrase (plain));
        }
    }

  return out;
}

static gboolean
is_placeholder (cmark_node *item,
                GPtrArray  *placeholders)
{
  g_autofree char *plain = bulletin_markdown_plain_text (item);
  g_autofree char *norm = bulletin_markdown_normalise_phrase (plain);

  if (*norm == '\0')
    return TRUE;
  for (guint i = 0; i < placeholders->len; i++)
    if (g_str_equal (norm, placeholders->pdata[i]))
      return TRUE;
  return FALSE;
}

/* The source of an item's first line after its marker, for telling
 * whether a bullet is there already. */
static char *
item_text (const Lines *lines,
           cmark_node  *item)
{
  cmark_node *first = cmark_node_first_child (item);
  gsize len;
  const char *line;
  int column;

  if (first == NULL)
    return g_strdup ("");

  line = line_at (lines, cmark_node_get_start_line (first), &len);
  column = cmark_node_get_start_column (first);
  if (column < 1 || (gsize) column > len)
    return g_strdup ("");

  return g_strstrip (g_strndup (line + column - 1, len - (column - 1)));
}

static void
ensure_newline (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

/**
 * bulletin_diary_insert:
 * @markdown: the draft
 * @bullets: (array zero-terminated=1): the entries, without list markers
 *   (see bulletin_diary_format_event())
 * @template_text: (nullable): the weekly template, whose bullets under
 *   the heading are placeholders; %NULL for the built-in one
 *
 * Puts @bullets under the draft's "What’s happening next week?", found
 * as the checks find it. The template's placeholder bullets there (and
 * empty ones) are replaced; the user's own are kept, and the new ones
 * follow them in the same list. A bullet that is there already is not
 * added twice, so filling the diary again adds only what is new. A
 * draft without the heading gets it, at the end. Everything else is
 * kept byte for byte.
 *
 * Returns: (transfer full): the new draft
 */
char *
bulletin_diary_insert (const char         *markdown,
                       const char * const *bullets,
                       const char         *template_text)
{
  g_autofree char *text = NULL;
  g_autoptr(cmark_node) doc = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GString) block = NULL;
  g_autofree gboolean *removed = NULL;
  g_autofree char *marker = NULL;
  cmark_node *heading = NULL;
  cmark_node *last_list_item = NULL;
  guint first_removed = 0;
  guint insert_after;
  gboolean blank_before = FALSE;
  Lines lines = { 0 };
  gsize len = 0;
  GString *out;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (bullets != NULL, NULL);

  text = bulletin_markdown_sanitize (markdown, -1, &len, NULL);
  doc = bulletin_markdown_parse (text, len);
  lines_init (&lines, text, len);
  placeholders = placeholder_texts (template_text);
  present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  removed = g_new0 (gboolean, lines_count (&lines) + 2);

  for (cmark_node *node = cmark_node_first_child (doc); node != NULL; node = cmark_node_next (node))
    if (is_next_week_heading (node))
      {
        heading = node;
        break;
      }

  if (heading != NULL)
    {
      guint last_content = cmark_node_get_end_line (heading);

      for (cmark_node *node = cmark_node_next (heading);
           node != NULL && !is_section_start (node);
           node = cmark_node_next (node))
        {
          last_content = MAX (last_content, (guint) cmark_node_get_end_line (node));

          if (cmark_node_get_type (node) != CMARK_NODE_LIST)
            continue;

          for (cmark_node *item = cmark_node_first_child (node); item != NULL; item = cmark_node_next (item))
            {
              if (is_placeholder (item, placeholders))
                {
                  guint from = cmark_node_get_start_line (item);
                  guint to = cmark_node_get_end_line (item);

                  for (guint n = from; n <= to && n <= lines_count (&lines); n++)
                    removed[n] = TRUE;
                  if (first_removed == 0)
                    first_removed = from;
                  continue;
                }

              g_hash_table_add (present, item_text (&lines, item));
              if (cmark_node_get_list_type (node) == CMARK_BULLET_LIST)
                last_list_item = item;
            }
        }

      if (last_list_item != NULL)
        {
          /* the new bullets join the user's list, with its marker and
           * indentation */
          gsize line_len;
          const char *line = line_at (&lines, cmark_node_get_start_line (last_list_item), &line_len);
          gsize column = MAX (1, cmark_node_get_start_column (last_list_item)) - 1;
          gsize n = 0;

          while (n < column && n < line_len && line[n] == ' ')
            n++;
          if (n < line_len && strchr ("-*+", line[n]) != NULL)
            marker = g_strdup_printf ("%.*s%c ", (int) n, line, line[n]);
          insert_after = cmark_node_get_end_line (last_list_item);
          /* a loose item's last line may be blank */
          while (insert_after > (guint) cmark_node_get_start_line (last_list_item) && line_blank (&lines, insert_after))
            insert_after--;
        }
      else if (first_removed != 0)
        {
          insert_after = first_removed - 1;
        }
      else
        {
          insert_after = last_content;
          blank_before = TRUE;
        }
    }
  else
    {
      insert_after = lines_count (&lines);
      while (insert_after > 0 && line_blank (&lines, insert_after))
        insert_after--;
    }

  if (marker == NULL)
    marker = g_strdup ("- ");

  block = g_string_new (NULL);
  for (guint i = 0; bullets[i] != NULL; i++)
    {
      g_autofree char *bullet = one_line (bullets[i]);

      if (*bullet == '\0' || g_hash_table_contains (present, bullet))
        continue;
      g_string_append_printf (block, "%s%s\n", marker, bullet);
      g_hash_table_add (present, g_steal_pointer (&bullet));
    }

  out = g_string_sized_new (len + block->len + 64);

  for (guint n = 1; n <= insert_after && n <= lines_count (&lines); n++)
    {
      gsize line_len;
      const char *line = line_at (&lines, n, &line_len);

      if (!removed[n])
        g_string_append_len (out, line, line_len);
    }

  if (heading == NULL)
    {
      ensure_newline (out);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, "## ");
      g_string_append (out, _("What’s happening next week?"));
      g_string_append (out, "\n");
      blank_before = TRUE;
    }

  if (block->len > 0)
    {
      ensure_newline (out);
      if (blank_before)
        g_string_append_c (out, '\n');
      g_string_append (out, block->str);
      /* what follows starts a block of its own */
      if (!line_blank (&lines, insert_after + 1) && insert_after + 1 <= lines_count (&lines)
          && (heading == NULL || last_list_item == NULL))
        {
          guint next = insert_after + 1;

          while (next <= lines_count (&lines) && removed[next])
            next++;
          if (!line_blank (&lines, next))
            g_string_append_c (out, '\n');
        }
    }

  for (guint n = insert_after + 1; n <= lines_count (&lines); n++)
    {
      gsize line_len;
      const char *line = line_at (&lines, n, &line_len);

      if (!removed[n])
        g_string_append_len (out, line, line_len);
    }

  g_clear_pointer (&lines.starts, g_array_unref);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* The update's week                                                   */
/* ------------------------------------------------------------------ */

static int
month_number (const char *word)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_str_equal (lower, months[i])
        || (strlen (lower) >= 3 && g_str_has_prefix (months[i], lower)))
      return i + 1;

  /* the translated title's month, from the locale's own names */
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%B");
      g_autofree char *name_lower = name != NULL ? g_utf8_strdown (name, -1) : NULL;

      if (name_lower != NULL && g_str_equal (lower, name_lower))
        return m;
    }

  return 0;
}

/* "Friday 4 December 2026", "4 December 2026", "Freitag, 4. Dezember
 * 2026" or "2026-12-04" at the start of @text. */
static gboolean
parse_title_date (const char *text,
                  GDate      *date)
{
  g_auto(GStrv) words = NULL;
  int day = 0, month = 0, year = 0;
  guint i = 0;

  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3 && g_date_valid_dmy (day, month, year))
    {
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }

  words = g_strsplit_set (text, " ,.\t", 8);
  for (; words[i] != NULL && day == 0; i++)
    if (g_ascii_isdigit (words[i][0]))
      day = atoi (words[i]);
  for (; words[i] != NULL && *words[i] == '\0'; i++)
    ;
  if (words[i] == NULL || (month = month_number (words[i])) == 0)
    return FALSE;
  for (i++; words[i] != NULL && *words[i] == '\0'; i++)
    ;
  if (words[i] == NULL || !g_ascii_isdigit (words[i][0]))
    return FALSE;
  year = atoi (words[i]);

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * bulletin_diary_week_ending_of:
 * @markdown: the draft
 * @today: the day it is written
 * @last_day: the last day of the working week
 *
 * The week the draft is about: the date after "week ending" in its
 * first line, when it is a title that names one, else the week of
 * @today (see bulletin_template_week_ending()). Next week's diary is the
 * week after this one, as the checks take it.
 *
 * Returns: (transfer full): local midnight of the week's last day
 */
GDateTime *
bulletin_diary_week_ending_of (const char   *markdown,
                               GDateTime    *today,
                               GDateWeekday  last_day)
{
  g_autofree char *first = NULL;
  g_autofree char *lower = NULL;
  const char *end;
  const char *found;

  g_return_val_if_fail (markdown != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  while (*markdown == '\n' || *markdown == '\r' || *markdown == ' ')
    markdown++;
  end = strchr (markdown, '\n');
  first = end != NULL ? g_strndup (markdown, end - markdown) : g_strdup (markdown);

  if (first[0] == '#' && strlen (first) < 300)
    {
      GDate date;
      g_auto(GStrv) parts = g_strsplit (_("Weekly update – week ending %s"), "%s", 2);

      g_date_clear (&date, 1);
      lower = g_ascii_strdown (first, -1);
      if (parts[0] != NULL && parts[0][0] != '\0' && parts[1] != NULL
          && (found = strstr (first, parts[0])) != NULL)
        found = found + strlen (parts[0]);
      else if ((found = strstr (lower, "week ending ")) != NULL)
        found = first + (found - lower) + strlen ("week ending ");

      if (found != NULL && parse_title_date (found, &date))
        return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 0, 0, 0);
    }

  return bulletin_template_week_ending (today, g_date_valid_weekday (last_day) ? last_day : G_DATE_FRIDAY);
}
