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

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-diary-private.h"

/* This file reads a calendar into the week's events;
 * bulletin-diary-ical.c has the libical helpers it reads with,
 * bulletin-diary-draft.c puts the events into the draft, and
 * bulletin-diary-week.c says which week that is. */

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
/* Text                                                                */
/* ------------------------------------------------------------------ */

/* One line of plain text: what a calendar holds may have line breaks,
 * tabs and control characters, and be a page long. */
char *
bulletin_diary_one_line (const char *text)
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

  attendees = bulletin_diary_properties_of (event, ICAL_ATTENDEE_PROPERTY);
  for (guint i = 0; i < attendees->len; i++)
    {
      icalproperty *prop = attendees->pdata[i];
      g_autofree char *who = bulletin_diary_address_of (icalproperty_get_attendee (prop));
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
      struct icaltimetype dtend = bulletin_diary_attach_zone (icalproperty_get_dtend (prop), prop, vcalendar);

      if (bulletin_diary_to_unix (dtend, &end) && end > start)
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
  e->summary = bulletin_diary_one_line (icalcomponent_get_summary (event));
  e->location = bulletin_diary_one_line (icalcomponent_get_location (event));
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

  g_autoptr(GPtrArray) exdates = bulletin_diary_properties_of (event, ICAL_EXDATE_PROPERTY);
  g_autoptr(GPtrArray) rrules = bulletin_diary_properties_of (event, ICAL_RRULE_PROPERTY);
  g_autoptr(GPtrArray) rdates = bulletin_diary_properties_of (event, ICAL_RDATE_PROPERTY);

  for (guint i = 0; i < exdates->len; i++)
    {
      icalproperty *prop = exdates->pdata[i];
      struct icaltimetype t = bulletin_diary_attach_zone (icalproperty_get_exdate (prop), prop, vcalendar);
      gint64 moment;

      if (bulletin_diary_to_unix (t, &moment))
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
      if (!icaltime_is_null_time (rule.until) && bulletin_diary_to_unix (rule.until, &until) && until < d->from)
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
          if (!bulletin_diary_to_unix (t, &moment))
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

      t = bulletin_diary_attach_zone (t, prop, vcalendar);
      if (bulletin_diary_to_unix (t, &moment))
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
  g_autoptr(GPtrArray) events = bulletin_diary_components_of (vcalendar, ICAL_VEVENT_COMPONENT);

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
        struct icaltimetype t = bulletin_diary_attach_zone (icalproperty_get_recurrenceid (prop), prop, vcalendar);
        gint64 moment;

        if (bulletin_diary_to_unix (t, &moment))
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

  events = bulletin_diary_components_of (vcalendar, ICAL_VEVENT_COMPONENT);
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

      dtstart = bulletin_diary_attach_zone (icalproperty_get_dtstart (prop), prop, vcalendar);
      if (!bulletin_diary_to_unix (dtstart, &start))
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
  g_autoptr(GPtrArray) props = bulletin_diary_properties_of (vcalendar, ICAL_X_PROPERTY);

  for (guint i = 0; i < props->len; i++)
    {
      icalproperty *prop = props->pdata[i];
      const char *name = icalproperty_get_x_name (prop);
      const char *value = icalproperty_get_x (prop);

      if (name != NULL && g_ascii_strcasecmp (name, "X-WR-CALNAME") == 0
          && value != NULL && strchr (value, '@') != NULL && strchr (value, ' ') == NULL)
        return bulletin_diary_address_of (value);
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
      calendars = bulletin_diary_components_of (root, ICAL_VCALENDAR_COMPONENT);
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
      d.owner = owner != NULL && *owner != '\0' ? bulletin_diary_address_of (owner) : calendar_owner (vcalendar);
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

