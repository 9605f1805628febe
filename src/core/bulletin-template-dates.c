/* bulletin-template-dates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-clock.h"
#include "bulletin-template-private.h"

/* The weekly update's dates in the user's language: the week ending,
 * the next working week, a diary's day, and when something happened.
 * Nothing here touches the process-wide locale: names come from
 * nl_langinfo_l() on a private locale_t, so any thread may call in. */

/* The order of day, month and year is a property of the language, not
 * something nl_langinfo() can tell us (D_FMT is the short numeric form),
 * so each language we know gets its own patterns. Tokens: %A weekday,
 * %B month, %-d day of month without padding, %Y year. */
typedef struct
{
  const char *lang;
  const char *long_date;       /* weekday, day, month and year */
  const char *day_month_year;
  const char *day_month;
  const char *day;
} DatePatterns;

static const DatePatterns date_patterns[] = {
  { "en", "%A %-d %B %Y",   "%-d %B %Y",  "%-d %B",  "%-d" },
  { "de", "%A, %-d. %B %Y", "%-d. %B %Y", "%-d. %B", "%-d." },
  { "fr", "%A %-d %B %Y",   "%-d %B %Y",  "%-d %B",  "%-d" },
};

/* Built-in names, used when newlocale() fails because the locale is not
 * generated on this machine (Debian ships only C and C.UTF-8 unless the
 * "locales" package is configured). Without them a German user on such
 * a system would get English names in a German pattern, and the tests
 * would depend on the machine. They match glibc's en_GB and de_DE. */
const char * const bulletin_template_en_days[7] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
const char * const bulletin_template_en_months[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};
const char * const bulletin_template_de_days[7] = {
  "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
};
const char * const bulletin_template_de_months[12] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
  "August", "September", "Oktober", "November", "Dezember",
};

typedef struct
{
  char               *days[7];    /* Monday first, as GDateTime counts */
  char               *months[12];
  const DatePatterns *patterns;
} DateNames;

static void
date_names_clear (DateNames *names)
{
  for (guint i = 0; i < G_N_ELEMENTS (names->days); i++)
    g_clear_pointer (&names->days[i], g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names->months); i++)
    g_clear_pointer (&names->months[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DateNames, date_names_clear)

static const DatePatterns *
find_patterns (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_patterns); i++)
    if (g_strcmp0 (date_patterns[i].lang, lang) == 0)
      return &date_patterns[i];
  return NULL;
}

/* "de_DE.UTF-8@euro" → "de"; "C", "POSIX" and "C.UTF-8" are English. */
static char *
language_of (const char *locale_name)
{
  gsize n;

  if (locale_name == NULL || *locale_name == '\0'
      || g_str_equal (locale_name, "C") || g_str_equal (locale_name, "POSIX")
      || g_str_has_prefix (locale_name, "C."))
    return g_strdup ("en");

  n = strcspn (locale_name, "_.@");
  return g_ascii_strdown (locale_name, n);
}

static void
load_builtin_names (DateNames  *names,
                    const char *lang)
{
  gboolean german = g_strcmp0 (lang, "de") == 0;

  for (guint i = 0; i < 7; i++)
    names->days[i] = g_strdup (german ? bulletin_template_de_days[i] : bulletin_template_en_days[i]);
  for (guint i = 0; i < 12; i++)
    names->months[i] = g_strdup (german ? bulletin_template_de_months[i] : bulletin_template_en_months[i]);
  names->patterns = find_patterns (german ? "de" : "en");
}

static char *
langinfo_utf8 (nl_item   item,
               locale_t  loc)
{
  const char *codeset = nl_langinfo_l (CODESET, loc);
  const char *value = nl_langinfo_l (item, loc);

  if (value == NULL || *value == '\0')
    return NULL;

  /* A locale such as de_DE (without .UTF-8) answers in ISO-8859-1. */
  if (codeset == NULL || g_ascii_strcasecmp (codeset, "UTF-8") == 0)
    return g_utf8_validate (value, -1, NULL) ? g_strdup (value) : NULL;

  return g_convert (value, -1, "UTF-8", codeset, NULL, NULL, NULL);
}

static gboolean
load_locale_names (DateNames *names,
                   locale_t   loc)
{
  /* glibc numbers days from Sunday (DAY_1); GDateTime from Monday. */
  for (guint i = 0; i < 7; i++)
    {
      names->days[i] = langinfo_utf8 (DAY_1 + (i + 1) % 7, loc);
      if (names->days[i] == NULL)
        return FALSE;
    }

  /* MON_n is the form used inside a date (genitive where the language
   * has one); ALTMON_n would be the standalone form. */
  for (guint i = 0; i < 12; i++)
    {
      names->months[i] = langinfo_utf8 (MON_1 + i, loc);
      if (names->months[i] == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
date_names_load (DateNames  *names,
                 const char *locale_name)
{
  g_autofree char *current = NULL;
  g_autofree char *lang = NULL;
  locale_t loc;

  memset (names, 0, sizeof *names);

  if (locale_name == NULL)
    {
      /* This thread's locale, which may differ from the process's. */
      loc = duplocale (uselocale ((locale_t) 0));
#ifdef _NL_LOCALE_NAME
      if (loc != (locale_t) 0)
        current = g_strdup (nl_langinfo_l (_NL_LOCALE_NAME (LC_TIME), loc));
#else
      /* Only a query: setlocale() with NULL changes nothing. */
      current = g_strdup (setlocale (LC_TIME, NULL));
#endif
      lang = language_of (current);
    }
  else
    {
      lang = language_of (locale_name);
      loc = newlocale (LC_TIME_MASK | LC_CTYPE_MASK, locale_name, (locale_t) 0);
    }

  if (loc != (locale_t) 0)
    {
      gboolean ok = load_locale_names (names, loc);

      freelocale (loc);

      if (ok)
        {
          names->patterns = find_patterns (lang);
          /* Names from the locale in a language we have no pattern for:
           * day-month-year is the most common order. */
          if (names->patterns == NULL)
            names->patterns = find_patterns ("en");
          return;
        }

      date_names_clear (names);
    }

  load_builtin_names (names, lang);
}

static void
append_pattern (GString         *out,
                const char      *pattern,
                const DateNames *names,
                GDateTime       *date)
{
  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'A':
          g_string_append (out, names->days[g_date_time_get_day_of_week (date) - 1]);
          break;
        case 'B':
          g_string_append (out, names->months[g_date_time_get_month (date) - 1]);
          break;
        case 'Y':
          g_string_append_printf (out, "%d", g_date_time_get_year (date));
          break;
        case '-':
          if (p[1] == 'd')
            {
              p++;
              g_string_append_printf (out, "%d", g_date_time_get_day_of_month (date));
            }
          break;
        case '\0':
          return;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static GDateTime *
start_of_day (GDateTime *date)
{
  return g_date_time_new (g_date_time_get_timezone (date),
                          g_date_time_get_year (date),
                          g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date),
                          0, 0, 0);
}

/* The day @ctx writes for, now when it names none, and the last day of
 * its working week, Friday when it names none: the placeholders' dates
 * and the carried-forward title's week start from the same two. */
GDateTime *
bulletin_template_context_today (const BulletinTemplateContext *ctx,
                                 GDateWeekday                  *last_day)
{
  g_assert (ctx != NULL);
  g_assert (last_day != NULL);

  *last_day = g_date_valid_weekday (ctx->week_ends_on) ? ctx->week_ends_on : G_DATE_FRIDAY;
  return ctx->today != NULL ? g_date_time_ref (ctx->today) : bulletin_clock_now_local ();
}

/**
 * bulletin_template_week_ending:
 * @today: the day the update is written
 * @last_day: the last day of the working week, usually %G_DATE_FRIDAY
 *
 * Returns: (transfer full): midnight of the next @last_day on or after
 *   @today (@today itself when it is that day), in @today's time zone
 */
GDateTime *
bulletin_template_week_ending (GDateTime    *today,
                               GDateWeekday  last_day)
{
  g_autoptr(GDateTime) day = NULL;
  int delta;

  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (g_date_valid_weekday (last_day), NULL);

  /* GDateWeekday and g_date_time_get_day_of_week() both count Monday as
   * 1, so the difference is a number of days. */
  delta = ((int) last_day - g_date_time_get_day_of_week (today) + 7) % 7;
  day = start_of_day (today);

  return g_date_time_add_days (day, delta);
}

/**
 * bulletin_template_format_date:
 * @date: a date
 * @locale: (nullable): a locale name such as "de_DE.UTF-8"; %NULL for
 *   the current LC_TIME
 *
 * Formats @date the long way, as a letter would: "Friday 27 November
 * 2026", "Freitag, 27. November 2026". English and German names are
 * built in for machines where the locale is not generated; other
 * missing locales fall back to English.
 *
 * Returns: (transfer full): the date in UTF-8
 */
char *
bulletin_template_format_date (GDateTime  *date,
                               const char *locale)
{
  g_auto(DateNames) names = { 0 };
  GString *out;

  g_return_val_if_fail (date != NULL, NULL);

  date_names_load (&names, locale);
  out = g_string_new (NULL);
  append_pattern (out, names.patterns->long_date, &names, date);

  return g_string_free (out, FALSE);
}

/**
 * bulletin_template_format_next_week:
 * @week_ending: the last day of this week (see bulletin_template_week_ending())
 * @locale: (nullable): as for bulletin_template_format_date()
 *
 * Names the working week after @week_ending, Monday to Friday, as a
 * range: "30 November – 4 December 2026", "7 – 11 December 2026",
 * "28 December 2026 – 1 January 2027". The parts both ends share are
 * written once, at the end.
 *
 * Returns: (transfer full): the range in UTF-8
 */
char *
bulletin_template_format_next_week (GDateTime  *week_ending,
                                    const char *locale)
{
  g_auto(DateNames) names = { 0 };
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) friday = NULL;
  const char *first_pattern;
  GString *out;
  int to_monday;

  g_return_val_if_fail (week_ending != NULL, NULL);

  /* The first Monday strictly after the week ending, so a week that
   * ends on Monday still looks a week ahead. */
  to_monday = 8 - g_date_time_get_day_of_week (week_ending);
  day = start_of_day (week_ending);
  monday = g_date_time_add_days (day, to_monday);
  friday = g_date_time_add_days (monday, 4);

  date_names_load (&names, locale);

  if (g_date_time_get_year (monday) != g_date_time_get_year (friday))
    first_pattern = names.patterns->day_month_year;
  else if (g_date_time_get_month (monday) != g_date_time_get_month (friday))
    first_pattern = names.patterns->day_month;
  else
    first_pattern = names.patterns->day;

  out = g_string_new (NULL);
  append_pattern (out, first_pattern, &names, monday);
  g_string_append (out, " – ");
  append_pattern (out, names.patterns->day_month_year, &names, friday);

  return g_string_free (out, FALSE);
}

/**
 * bulletin_template_format_day_month:
 * @date: a date
 * @locale: (nullable): as for bulletin_template_format_date()
 *
 * The long date without its year, as a diary entry names its day:
 * "Monday 7 December", "Montag, 7. Dezember".
 *
 * Returns: (transfer full): the date in UTF-8
 */
char *
bulletin_template_format_day_month (GDateTime  *date,
                                    const char *locale)
{
  g_auto(DateNames) names = { 0 };
  g_autoptr(GString) pattern = NULL;
  const char *year;
  GString *out;

  g_return_val_if_fail (date != NULL, NULL);

  date_names_load (&names, locale);

  /* Each language's long date less its year keeps the language's own
   * order and punctuation, with no second table to keep in step. */
  pattern = g_string_new (names.patterns->long_date);
  year = strstr (pattern->str, "%Y");
  if (year != NULL)
    g_string_erase (pattern, year - pattern->str, 2);
  while (pattern->len > 0 && strchr (" ,", pattern->str[pattern->len - 1]) != NULL)
    g_string_truncate (pattern, pattern->len - 1);

  out = g_string_new (NULL);
  append_pattern (out, pattern->str, &names, date);

  return g_string_free (out, FALSE);
}

/**
 * bulletin_template_format_when:
 * @when: µs since the epoch
 * @now: (nullable): the present, for tests; %NULL for the real one
 * @with_time: also give the time of day for days other than today
 *
 * When something happened, as the drafts list and the history say it:
 * "Today 14:05", "Fri 20 Nov" (with the time: "Fri 20 Nov, 16:30") this
 * year, "20 Nov 2025" before.
 *
 * Returns: (transfer full): the text
 */
char *
bulletin_template_format_when (gint64     when,
                               GDateTime *now,
                               gboolean   with_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when / G_USEC_PER_SEC);
  g_autoptr(GDateTime) real_now = NULL;

  g_return_val_if_fail (time != NULL, g_strdup (""));

  if (now == NULL)
    now = real_now = bulletin_clock_now_local ();

  if (g_date_time_get_year (time) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    /* Translators: something done today, e.g. "Today 14:05" */
    return g_date_time_format (time, _("Today %H:%M"));

  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* Translators: this year, e.g. "Fri 20 Nov, 16:30" and "Fri 20 Nov" */
    return g_date_time_format (time, with_time ? _("%a %e %b, %H:%M") : _("%a %e %b"));

  return g_date_time_format (time, with_time ? _("%e %b %Y, %H:%M") : _("%e %b %Y"));
}
