/* bulletin-diary-ical.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diary-private.h"

/* What libical gives, in the terms the diary works in: a time in the
 * zone it names and as a moment, a component's properties and
 * children as lists, an attendee as one address. */


/* Gives a time with a TZID the zone it names: the calendar's own
 * VTIMEZONE, else the system's zone of that name. A name neither knows
 * (Outlook's "GMT Standard Time" without its VTIMEZONE) leaves the time
 * floating, which is local time: right for the office's own calendar. */
struct icaltimetype
bulletin_diary_attach_zone (struct icaltimetype  t,
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
gboolean
bulletin_diary_to_unix (struct icaltimetype  t,
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

/* libical walks a component's children with one cursor inside the
 * component, which any getter moves (icalcomponent_get_summary() looks
 * for SUMMARY with it): walking while calling them loops or skips. So
 * each walk takes a list first. */
GPtrArray *
bulletin_diary_properties_of (icalcomponent    *comp,
                              icalproperty_kind kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (icalproperty *prop = icalcomponent_get_first_property (comp, kind);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, kind))
    g_ptr_array_add (out, prop);

  return out;
}

GPtrArray *
bulletin_diary_components_of (icalcomponent     *comp,
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
char *
bulletin_diary_address_of (const char *value)
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

