/* bulletin-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-clock.h"
#include "bulletin-markdown.h"
#include "bulletin-template.h"

/* Dates, placeholders and "start from last week's" for the weekly
 * update. Nothing here touches the process-wide locale: names come from
 * nl_langinfo_l() on a private locale_t, so any thread may call in. */

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

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
static const char * const en_days[7] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const en_months[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};
static const char * const de_days[7] = {
  "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
};
static const char * const de_months[12] = {
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
    names->days[i] = g_strdup (german ? de_days[i] : en_days[i]);
  for (guint i = 0; i < 12; i++)
    names->months[i] = g_strdup (german ? de_months[i] : en_months[i]);
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

/* ------------------------------------------------------------------ */
/* Placeholders                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  char *date;
  char *week_ending;
  char *next_week;
} TemplateDates;

static void
template_dates_clear (TemplateDates *dates)
{
  g_clear_pointer (&dates->date, g_free);
  g_clear_pointer (&dates->week_ending, g_free);
  g_clear_pointer (&dates->next_week, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TemplateDates, template_dates_clear)

static void
template_dates_init (TemplateDates                 *dates,
                     const BulletinTemplateContext *ctx)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) ending = NULL;
  GDateTime *today = ctx->today;
  GDateWeekday last_day = ctx->week_ends_on;

  if (today == NULL)
    today = now = bulletin_clock_now_local ();
  if (!g_date_valid_weekday (last_day))
    last_day = G_DATE_FRIDAY;

  ending = bulletin_template_week_ending (today, last_day);
  dates->date = bulletin_template_format_date (today, ctx->locale);
  dates->week_ending = bulletin_template_format_date (ending, ctx->locale);
  dates->next_week = bulletin_template_format_next_week (ending, ctx->locale);
}

/* Returns %FALSE for a name that is no placeholder of ours; *value may
 * still be NULL or empty for one whose preference is not set. */
static gboolean
lookup_placeholder (const char                    *name,
                    const BulletinTemplateContext *ctx,
                    const TemplateDates           *dates,
                    const char                   **value)
{
  if (g_str_equal (name, "date"))
    *value = dates->date;
  else if (g_str_equal (name, "week_ending"))
    *value = dates->week_ending;
  else if (g_str_equal (name, "next_week"))
    *value = dates->next_week;
  else if (g_str_equal (name, "sender_name"))
    *value = ctx->sender_name;
  else if (g_str_equal (name, "sender_role"))
    *value = ctx->sender_role;
  else if (g_str_equal (name, "organisation"))
    *value = ctx->organisation;
  else
    return FALSE;

  return TRUE;
}

static void
report (GPtrArray  *list,
        const char *entry)
{
  if (list == NULL)
    return;
  if (g_ptr_array_find_with_equal_func (list, entry, g_str_equal, NULL))
    return;
  g_ptr_array_add (list, g_strdup (entry));
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/**
 * bulletin_template_expand:
 * @text: template text
 * @ctx: where the values come from
 * @unknown: (out) (optional) (transfer full): what could not be filled in
 *
 * Replaces {{date}}, {{week_ending}}, {{next_week}}, {{sender_name}},
 * {{sender_role}} and {{organisation}}; spaces and tabs inside the
 * braces are allowed ("{{ date }}").
 *
 * A placeholder that cannot be filled in stays exactly as written, so
 * the user sees it in the draft rather than a silent gap, and is listed
 * in @unknown once: an unknown name as itself ("sender_email"), a known
 * one whose preference is empty or %NULL with
 * %BULLETIN_TEMPLATE_EMPTY_PREFIX ("empty:sender_name"). @unknown is
 * set to an array, possibly empty, that owns its strings.
 *
 * Returns: (transfer full): the expanded text
 */
char *
bulletin_template_expand (const char                    *text,
                          const BulletinTemplateContext *ctx,
                          GPtrArray                    **unknown)
{
  g_auto(TemplateDates) dates = { 0 };
  g_autoptr(GPtrArray) missing = NULL;
  const char *p;
  const char *open;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  template_dates_init (&dates, ctx);
  missing = g_ptr_array_new_with_free_func (g_free);
  out = g_string_sized_new (strlen (text) + 64);

  p = text;
  while ((open = strstr (p, "{{")) != NULL)
    {
      g_autofree char *name = NULL;
      const char *name_start;
      const char *name_end;
      const char *q;
      const char *value = NULL;

      g_string_append_len (out, p, open - p);

      name_start = skip_blanks (open + 2);
      name_end = name_start;
      while (is_name_char (*name_end))
        name_end++;
      q = skip_blanks (name_end);

      if (name_end == name_start || q[0] != '}' || q[1] != '}')
        {
          /* Not a placeholder. Step over one brace only, so "{{{date}}}"
           * still finds the "{{date}}" inside. */
          g_string_append_c (out, '{');
          p = open + 1;
          continue;
        }

      p = q + 2;
      name = g_strndup (name_start, name_end - name_start);

      if (!lookup_placeholder (name, ctx, &dates, &value))
        {
          report (missing, name);
          g_string_append_len (out, open, p - open);
        }
      else if (value == NULL || *value == '\0')
        {
          g_autofree char *entry = g_strconcat (BULLETIN_TEMPLATE_EMPTY_PREFIX, name, NULL);

          report (missing, entry);
          g_string_append_len (out, open, p - open);
        }
      else
        {
          g_string_append (out, value);
        }
    }
  g_string_append (out, p);

  if (unknown != NULL)
    *unknown = g_steal_pointer (&missing);

  return g_string_free (out, FALSE);
}

/* The placeholders filled from Preferences, and what to call each in a
 * sentence that asks for it. */
static const struct
{
  const char *name;
  const char *words;
} preference_placeholders[] = {
  { "sender_name", N_("your name") },
  { "sender_role", N_("your role") },
  { "organisation", N_("your organisation") },
};

/**
 * bulletin_template_describe_missing:
 * @unknown: (nullable) (element-type utf8): what bulletin_template_expand()
 *   reported
 * @needs_preferences: (out) (optional): whether Preferences can fill some
 *   of it, so the message can offer to open them
 *
 * Says what is left to fill in, in the user's words rather than the
 * placeholders' ("Add your name and organisation in Preferences to fill
 * them in"). A placeholder we do not know is named as written, since
 * that is what the user will find in the draft.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when
 *   nothing is missing
 */
char *
bulletin_template_describe_missing (GPtrArray *unknown,
                                    gboolean  *needs_preferences)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GString) others = g_string_new (NULL);
  guint n_others = 0;
  GString *out;

  if (needs_preferences != NULL)
    *needs_preferences = FALSE;
  if (unknown == NULL || unknown->len == 0)
    return NULL;

  /* in a fixed order, whatever order the draft has them in */
  for (guint k = 0; k < G_N_ELEMENTS (preference_placeholders); k++)
    for (guint i = 0; i < unknown->len; i++)
      {
        const char *entry = unknown->pdata[i];

        if (g_str_has_prefix (entry, BULLETIN_TEMPLATE_EMPTY_PREFIX)
            && g_str_equal (entry + strlen (BULLETIN_TEMPLATE_EMPTY_PREFIX), preference_placeholders[k].name))
          {
            g_ptr_array_add (words, (gpointer) _(preference_placeholders[k].words));
            break;
          }
      }

  for (guint i = 0; i < unknown->len; i++)
    {
      const char *entry = unknown->pdata[i];

      if (g_str_has_prefix (entry, BULLETIN_TEMPLATE_EMPTY_PREFIX))
        continue;
      if (others->len > 0)
        g_string_append (others, ", ");
      g_string_append_printf (others, "{{%s}}", entry);
      n_others++;
    }

  out = g_string_new (NULL);
  if (words->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < words->len; i++)
        {
          if (i > 0 && i + 1 == words->len)
            /* Translators: between the last two of "your name, your role and your organisation" */
            g_string_append (list, _(" and "));
          else if (i > 0)
            g_string_append (list, ", ");
          g_string_append (list, words->pdata[i]);
        }

      /* Translators: %s is e.g. "your name and your organisation" */
      g_string_append_printf (out, words->len == 1 ? _("Add %s in Preferences to fill it in")
                                                   : _("Add %s in Preferences to fill them in"),
                              list->str);
      if (needs_preferences != NULL)
        *needs_preferences = TRUE;
    }

  if (n_others > 0)
    {
      if (out->len > 0)
        g_string_append (out, ". ");
      /* Translators: %s names placeholders as written in the draft, e.g. "{{sender_email}}" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Bulletin cannot fill %s: replace it by hand",
                                                "Bulletin cannot fill %s: replace them by hand",
                                                n_others),
                              others->str);
    }

  return g_string_free (out, FALSE);
}

/**
 * bulletin_template_find_fills:
 * @text: a draft
 * @ctx: where the values come from
 *
 * Finds the placeholders of @text that Preferences can fill now
 * ({{sender_name}}, {{sender_role}}, {{organisation}}, however spaced),
 * so a draft started before they were set can be filled in place, each
 * placeholder replaced and nothing else touched. The dates are not
 * among them: today's date is not the draft's.
 *
 * Returns: (transfer full) (element-type BulletinTemplateFill): the
 *   places, in text order; empty when there is nothing to fill
 */
GPtrArray *
bulletin_template_find_fills (const char                    *text,
                              const BulletinTemplateContext *ctx)
{
  GPtrArray *fills = g_ptr_array_new_with_free_func ((GDestroyNotify) bulletin_template_fill_free);
  const char *p;
  const char *open;

  g_return_val_if_fail (text != NULL, fills);
  g_return_val_if_fail (ctx != NULL, fills);

  p = text;
  while ((open = strstr (p, "{{")) != NULL)
    {
      g_autofree char *name = NULL;
      const char *name_start = skip_blanks (open + 2);
      const char *name_end = name_start;
      const char *value = NULL;
      const char *q;

      while (is_name_char (*name_end))
        name_end++;
      q = skip_blanks (name_end);
      if (name_end == name_start || q[0] != '}' || q[1] != '}')
        {
          p = open + 1;
          continue;
        }

      name = g_strndup (name_start, name_end - name_start);
      if (g_str_equal (name, "sender_name"))
        value = ctx->sender_name;
      else if (g_str_equal (name, "sender_role"))
        value = ctx->sender_role;
      else if (g_str_equal (name, "organisation"))
        value = ctx->organisation;

      if (value != NULL && *value != '\0')
        {
          BulletinTemplateFill *fill = g_new0 (BulletinTemplateFill, 1);

          fill->start = open - text;
          fill->end = q + 2 - text;
          fill->value = g_strdup (value);
          g_ptr_array_add (fills, fill);
        }
      p = q + 2;
    }

  return fills;
}

void
bulletin_template_fill_free (BulletinTemplateFill *fill)
{
  if (fill == NULL)
    return;
  g_free (fill->value);
  g_free (fill);
}

/**
 * bulletin_template_instantiate:
 * @template_text: the weekly template
 * @ctx: where the values come from
 * @title: (out) (optional) (transfer full): the draft's title
 * @unknown: (out) (optional) (transfer full): as for bulletin_template_expand()
 *
 * Starts this week's draft from the template. The title names the week
 * ending in the same language as the dates, e.g. "Weekly update – week
 * ending Friday 27 November 2026".
 *
 * Returns: (transfer full): the draft's text
 */
char *
bulletin_template_instantiate (const char                    *template_text,
                               const BulletinTemplateContext *ctx,
                               char                         **title,
                               GPtrArray                    **unknown)
{
  g_return_val_if_fail (template_text != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  if (title != NULL)
    {
      g_auto(TemplateDates) dates = { 0 };

      template_dates_init (&dates, ctx);
      /* Translators: the title of a new weekly draft; %s is a long date
       * such as "Friday 27 November 2026". */
      *title = g_strdup_printf (_("Weekly update – week ending %s"), dates.week_ending);
    }

  return bulletin_template_expand (template_text, ctx, unknown);
}

/* ------------------------------------------------------------------ */
/* Carry-forward                                                       */
/* ------------------------------------------------------------------ */

typedef enum
{
  SECTION_OTHER,
  SECTION_ELSE,   /* "What else has been happening this week?" */
  SECTION_NEXT,   /* "What’s happening next week?" */
} SectionKind;

static const char * const else_headings[] = {
  "what else has been happening this week",
  "what else had been happening this week",
  "what else has happened this week",
  /* data/de/weekly-template.md's */
  "was sonst noch in dieser woche geschah",
  "was sonst noch diese woche geschah",
};

static const char * const next_headings[] = {
  "what's happening next week",
  "whats happening next week",
  "what is happening next week",
  "was steht nächste woche an",
  "was steht kommende woche an",
};

static const char * const sign_offs[] = {
  "have a good weekend",
  "have a great weekend",
  "have a lovely weekend",
  "have a nice weekend",
  "have a good week",
  "have a great week",
  "have a lovely week",
  "enjoy the weekend",
  "enjoy your weekend",
  "best wishes",
  "kind regards",
  "many thanks",
  "thank you",
  "thanks",
  /* German, as g_utf8_casefold() writes it: "ß" becomes "ss" */
  "ein schönes wochenende",
  "schönes wochenende",
  "eine gute woche",
  "eine schöne woche",
  "viele grüsse",
  "beste grüsse",
  "herzliche grüsse",
  "mit freundlichen grüssen",
  "vielen dank",
  "danke",
};


static gboolean
phrase_in (const char         *normalised,
           const char * const *phrases,
           gsize               n_phrases)
{
  for (gsize i = 0; i < n_phrases; i++)
    if (g_str_equal (normalised, phrases[i]))
      return TRUE;
  return FALSE;
}

static SectionKind
classify_heading (cmark_node *heading)
{
  g_autofree char *text = NULL;
  g_autofree char *norm = NULL;

  if (cmark_node_get_heading_level (heading) != 2)
    return SECTION_OTHER;

  text = bulletin_markdown_plain_text (heading);
  norm = bulletin_markdown_normalise_phrase (text);

  if (phrase_in (norm, else_headings, G_N_ELEMENTS (else_headings)))
    return SECTION_ELSE;
  if (phrase_in (norm, next_headings, G_N_ELEMENTS (next_headings)))
    return SECTION_NEXT;
  return SECTION_OTHER;
}

/* The "What else…" heading that last week's tasks go under when a draft
 * has none: in the language of its "What's happening next week?"
 * heading, which is English or data/de/weekly-template.md's. */
static const char *
else_heading_before (cmark_node *next_heading)
{
  g_autofree char *text = bulletin_markdown_plain_text (next_heading);
  g_autofree char *norm = bulletin_markdown_normalise_phrase (text);

  if (g_str_has_prefix (norm, "was "))
    return "## Was sonst noch in dieser Woche geschah";
  return "## What else has been happening this week?";
}

static gboolean
is_sign_off (cmark_node *node)
{
  g_autofree char *text = NULL;
  g_autofree char *norm = NULL;

  if (cmark_node_get_type (node) != CMARK_NODE_PARAGRAPH)
    return FALSE;

  text = bulletin_markdown_plain_text (node);
  norm = bulletin_markdown_normalise_phrase (text);

  return phrase_in (norm, sign_offs, G_N_ELEMENTS (sign_offs));
}

static gboolean
is_section_start (cmark_node *node)
{
  return cmark_node_get_type (node) == CMARK_NODE_HEADING
         && cmark_node_get_heading_level (node) <= 2;
}

/* The source split into lines, so kept blocks can be copied byte for
 * byte by their sourcepos instead of being rendered again. */
typedef struct
{
  const char *text;
  GArray     *starts;   /* gsize offset of each line */
  gsize       len;
} SourceLines;

static void
source_lines_init (SourceLines *src,
                   const char  *text,
                   gsize        len)
{
  gsize zero = 0;

  src->text = text;
  src->len = len;
  src->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (src->starts, zero);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (src->starts, next);
      }
}

static void
source_lines_clear (SourceLines *src)
{
  g_clear_pointer (&src->starts, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SourceLines, source_lines_clear)

static guint
source_lines_count (const SourceLines *src)
{
  return src->starts->len;
}

/* Line @n (1-based, as cmark counts) without its line ending. */
static const char *
source_line (const SourceLines *src,
             guint              n,
             gsize             *len)
{
  gsize start;
  gsize end;

  if (n < 1 || n > src->starts->len)
    {
      *len = 0;
      return "";
    }

  start = g_array_index (src->starts, gsize, n - 1);
  end = n < src->starts->len ? g_array_index (src->starts, gsize, n) : src->len;
  while (end > start && (src->text[end - 1] == '\n' || src->text[end - 1] == '\r'))
    end--;

  *len = end - start;
  return src->text + start;
}

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Lines @first to @last, inclusive, without trailing blank lines. */
static char *
copy_lines (const SourceLines *src,
            guint              first,
            guint              last)
{
  GString *out = g_string_new (NULL);

  while (last >= first && last > 0)
    {
      gsize len;
      const char *line = source_line (src, last, &len);

      if (!line_is_blank (line, len))
        break;
      last--;
    }

  for (guint n = first; n <= last; n++)
    {
      gsize len;
      const char *line = source_line (src, n, &len);

      if (n > first)
        g_string_append_c (out, '\n');
      g_string_append_len (out, line, len);
    }

  return g_string_free (out, FALSE);
}

static char *
copy_node (const SourceLines *src,
           cmark_node        *node)
{
  return copy_lines (src, cmark_node_get_start_line (node), cmark_node_get_end_line (node));
}

/* One list item's content as a task: "- [ ] text", its continuation
 * lines indented to line up under the text, as Markdown wants. */
static void
append_task (GString           *tasks,
             const SourceLines *src,
             cmark_node        *item)
{
  cmark_node *first = cmark_node_first_child (item);
  cmark_node *last = cmark_node_last_child (item);
  g_autoptr(GString) body = NULL;
  guint first_line;
  guint last_line;
  gsize indent;

  if (first == NULL)
    return;

  first_line = cmark_node_get_start_line (first);
  last_line = cmark_node_get_end_line (last);
  indent = cmark_node_get_start_column (first) > 0
           ? (gsize) cmark_node_get_start_column (first) - 1 : 0;

  body = g_string_new (NULL);
  for (guint n = first_line; n <= last_line; n++)
    {
      gsize len;
      const char *line = source_line (src, n, &len);
      gsize skip = 0;

      if (n == first_line)
        {
          skip = MIN (indent, len);
        }
      else
        {
          /* Only the item's own indentation goes; deeper indentation
           * (a nested list) is kept relative to it. */
          while (skip < indent && skip < len && line[skip] == ' ')
            skip++;
          g_string_append_c (body, '\n');
          if (!line_is_blank (line, len))
            g_string_append (body, "      ");
        }

      if (!line_is_blank (line + skip, len - skip))
        g_string_append_len (body, line + skip, len - skip);
    }

  /* Last week's item may already have been a task, ticked or not; this
   * week it is a fresh prompt either way. */
  if (g_str_has_prefix (body->str, "[ ] ")
      || g_str_has_prefix (body->str, "[x] ")
      || g_str_has_prefix (body->str, "[X] "))
    g_string_erase (body, 0, 4);

  while (body->len > 0 && g_ascii_isspace (body->str[body->len - 1]))
    g_string_truncate (body, body->len - 1);

  if (body->len == 0)
    return;

  if (tasks->len > 0)
    g_string_append_c (tasks, '\n');
  g_string_append (tasks, "- [ ] ");
  g_string_append_len (tasks, body->str, body->len);
}

static void
collect_tasks (GString           *tasks,
               const SourceLines *src,
               cmark_node        *heading)
{
  for (cmark_node *node = cmark_node_next (heading);
       node != NULL && !is_section_start (node);
       node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) != CMARK_NODE_LIST)
        continue;

      for (cmark_node *item = cmark_node_first_child (node);
           item != NULL;
           item = cmark_node_next (item))
        append_task (tasks, src, item);
    }
}

/* The last source line of the section that starts at @heading. */
static guint
section_end_line (const SourceLines *src,
                  cmark_node        *heading)
{
  cmark_node *node = cmark_node_next (heading);

  while (node != NULL && !is_section_start (node))
    node = cmark_node_next (node);

  if (node != NULL)
    return cmark_node_get_start_line (node) - 1;
  return source_lines_count (src);
}

/* Where the date starts in a title line such as "# Weekly update – week
 * ending Friday 20 November 2026", or -1. Both the English words and the
 * translated title pattern are looked for, since the title may have come
 * from bulletin_template_instantiate() in either. */
static gssize
find_title_date (const char *line)
{
  g_autofree char *lower = g_ascii_strdown (line, -1);
  g_auto(GStrv) parts = NULL;
  const char *found;

  /* The same message as the title in bulletin_template_instantiate(). */
  parts = g_strsplit (_("Weekly update – week ending %s"), "%s", 2);
  if (parts[0] != NULL && parts[0][0] != '\0' && parts[1] != NULL
      && (found = strstr (line, parts[0])) != NULL)
    return found - line + strlen (parts[0]);

  /* g_ascii_strdown() keeps every byte where it was, so offsets in
   * @lower are offsets in @line. */
  if ((found = strstr (lower, "week ending ")) != NULL)
    return found - lower + strlen ("week ending ");

  return -1;
}

/* ------------------------------------------------------------------ */
/* The date a title names                                              */
/* ------------------------------------------------------------------ */

/* English short forms, as offices write them in a hurry ("Fri 27 Nov"). */
static const char * const en_days_short[7] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};
static const char * const en_months_short[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
  "Aug", "Sep", "Oct", "Nov", "Dec",
};

typedef enum
{
  TOKEN_WEEKDAY,
  TOKEN_DAY,
  TOKEN_MONTH,
  TOKEN_YEAR,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  gsize       start;     /* bytes into the tail */
  gsize       end;
  int         value;     /* weekday 1–7, day, month 1–12 or year */
  gboolean    short_form;
  gboolean    german;    /* only German names match it */
  gboolean    suffix;    /* "27th" */
} DateToken;

/* Case does not matter ("FRIDAY", "märz"); collation would, by locale. */
static int
match_name (const char         *word,
            const char * const *names,
            guint               n)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_utf8_casefold (names[i], -1);

      if (g_str_equal (folded, name))
        return (int) i + 1;
    }
  return 0;
}

/* One word of a date: a weekday or month name in English or German, a day
 * of the month (with "st", "nd", "rd" or "th" in English) or a year. */
static gboolean
classify_token (const char *word,
                DateToken  *token)
{
  gsize len = strlen (word);
  int v;

  memset (token, 0, sizeof *token);

  if (len > 0 && g_ascii_isdigit (word[0]))
    {
      gsize digits = strspn (word, "0123456789");
      gint64 n = g_ascii_strtoll (word, NULL, 10);

      if (digits == 4 && len == 4 && n >= 1900 && n <= 9999)
        {
          token->kind = TOKEN_YEAR;
          token->value = n;
          return TRUE;
        }
      if (digits <= 2 && n >= 1 && n <= 31
          && (len == digits
              || (len == digits + 2
                  && (g_ascii_strcasecmp (word + digits, "st") == 0
                      || g_ascii_strcasecmp (word + digits, "nd") == 0
                      || g_ascii_strcasecmp (word + digits, "rd") == 0
                      || g_ascii_strcasecmp (word + digits, "th") == 0))))
        {
          token->kind = TOKEN_DAY;
          token->value = n;
          token->suffix = len > digits;
          return TRUE;
        }
      return FALSE;
    }

  if ((v = match_name (word, en_days, 7)) != 0)
    token->kind = TOKEN_WEEKDAY;
  else if ((v = match_name (word, en_days_short, 7)) != 0)
    token->kind = TOKEN_WEEKDAY, token->short_form = TRUE;
  else if ((v = match_name (word, de_days, 7)) != 0)
    token->kind = TOKEN_WEEKDAY, token->german = TRUE;
  else if ((v = match_name (word, en_months, 12)) != 0)
    token->kind = TOKEN_MONTH;
  else if ((v = match_name (word, en_months_short, 12)) != 0 || g_ascii_strcasecmp (word, "Sept") == 0)
    token->kind = TOKEN_MONTH, token->short_form = TRUE, v = v ? v : 9;
  else if ((v = match_name (word, de_months, 12)) != 0)
    token->kind = TOKEN_MONTH, token->german = TRUE;
  else
    return FALSE;

  token->value = v;
  return TRUE;
}

typedef struct
{
  GArray   *tokens;    /* DateToken */
  int       day;
  int       month;
  int       year;
  gboolean  german;
} TitleDate;

static void
title_date_clear (TitleDate *date)
{
  g_clear_pointer (&date->tokens, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TitleDate, title_date_clear)

/* Reads @tail, the words after "week ending", as a date. Every word must
 * be part of it (a day, a month and a year, once each, and maybe a
 * weekday) and punctuation is only spaces, commas and full stops: a tail
 * such as "27 November 2026 (draft 2)" is the user's and is not taken. */
static gboolean
parse_title_date (const char *tail,
                  TitleDate  *date)
{
  const char *p = tail;
  gboolean seen[4] = { FALSE, };

  memset (date, 0, sizeof *date);
  date->tokens = g_array_new (FALSE, FALSE, sizeof (DateToken));

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == ',' || c == '.' || c == 0xA0)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          const char *start = p;
          g_autofree char *word = NULL;
          DateToken token;

          while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          word = g_strndup (start, p - start);
          if (!classify_token (word, &token) || seen[token.kind])
            return FALSE;

          seen[token.kind] = TRUE;
          token.start = start - tail;
          token.end = p - tail;
          date->german |= token.german;
          if (token.kind == TOKEN_DAY)
            date->day = token.value;
          else if (token.kind == TOKEN_MONTH)
            date->month = token.value;
          else if (token.kind == TOKEN_YEAR)
            date->year = token.value;
          g_array_append_val (date->tokens, token);
          continue;
        }
      return FALSE;
    }

  return seen[TOKEN_DAY] && seen[TOKEN_MONTH] && seen[TOKEN_YEAR]
         && g_date_valid_dmy (date->day, date->month, date->year);
}

static const char *
english_ordinal (int day)
{
  if (day % 100 >= 11 && day % 100 <= 13)
    return "th";
  switch (day % 10)
    {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

/* @tail again, its date now @when: each part replaced in place, in the
 * same language and form, so the office's style stays ("Fri 27th Nov
 * 2026" becomes "Fri 4th Dec 2026", "Freitag, 27. November 2026"
 * "Freitag, 4. Dezember 2026"). */
static char *
restyle_title_date (const char      *tail,
                    const TitleDate *date,
                    GDateTime       *when)
{
  GString *out = g_string_new (NULL);
  gsize pos = 0;
  int weekday = g_date_time_get_day_of_week (when);
  int day = g_date_time_get_day_of_month (when);
  int month = g_date_time_get_month (when);

  for (guint i = 0; i < date->tokens->len; i++)
    {
      const DateToken *token = &g_array_index (date->tokens, DateToken, i);

      g_string_append_len (out, tail + pos, token->start - pos);
      pos = token->end;

      switch (token->kind)
        {
        case TOKEN_WEEKDAY:
          g_string_append (out, date->german ? de_days[weekday - 1]
                                : token->short_form ? en_days_short[weekday - 1]
                                : en_days[weekday - 1]);
          break;
        case TOKEN_DAY:
          g_string_append_printf (out, "%d%s", day, token->suffix ? english_ordinal (day) : "");
          break;
        case TOKEN_MONTH:
          g_string_append (out, date->german ? de_months[month - 1]
                                : token->short_form ? en_months_short[month - 1]
                                : en_months[month - 1]);
          break;
        case TOKEN_YEAR:
          g_string_append_printf (out, "%d", g_date_time_get_year (when));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, tail + pos);

  return g_string_free (out, FALSE);
}

/* Where the date in @title starts and whether the rest of the line may
 * be taken for it: a plain tail that ends in a year, with no markup and
 * no closing "#" sequence (those are the user's and stay). */
static const char *
title_date_tail (const char *title)
{
  const char *tail;
  gssize start;
  gsize len;

  if (strchr (title, '\n') != NULL)
    return NULL;

  start = find_title_date (title);
  if (start < 0)
    return NULL;

  tail = title + start;
  len = strlen (tail);
  while (len > 0 && (tail[len - 1] == ' ' || tail[len - 1] == '\r'))
    len--;
  if (len < 4 || len > 64 || strpbrk (tail, "*_[]`<>#\\") != NULL)
    return NULL;
  for (gsize i = len - 4; i < len; i++)
    if (!g_ascii_isdigit (tail[i]))
      return NULL;

  return tail;
}

/**
 * bulletin_template_title_week_ending:
 * @title: a draft's title or its first line ("# Weekly update – week
 *   ending Friday 27 November 2026")
 *
 * Reads the date a weekly update's title names after "week ending", in
 * English or German, long or short ("Fri 27th Nov 2026").
 *
 * Returns: (transfer full) (nullable): midnight of that day in local
 *   time, or %NULL when the title names no week
 */
GDateTime *
bulletin_template_title_week_ending (const char *title)
{
  g_auto(TitleDate) date = { 0 };
  const char *tail;

  g_return_val_if_fail (title != NULL, NULL);

  tail = title_date_tail (title);
  if (tail == NULL || !parse_title_date (tail, &date))
    return NULL;

  return g_date_time_new_local (date.year, date.month, date.day, 0, 0, 0);
}

/* The title's date becomes @when. A date we cannot read part by part (a
 * language we have no names for) is written afresh, the long way. */
static char *
update_title_date (char       *title,
                   GDateTime  *when,
                   const char *locale)
{
  g_auto(TitleDate) date = { 0 };
  g_autofree char *head = NULL;
  g_autofree char *tail_out = NULL;
  const char *tail;

  if (when == NULL)
    return title;

  tail = title_date_tail (title);
  if (tail == NULL)
    return title;

  if (parse_title_date (tail, &date))
    tail_out = restyle_title_date (tail, &date, when);
  else
    tail_out = bulletin_template_format_date (when, locale);

  head = g_strndup (title, tail - title);
  g_free (title);
  return g_strconcat (head, tail_out, NULL);
}

/* The week the new draft is for: the week after the one last week's
 * title names, but never a week already over (an update carried forward
 * from a month ago is for this week). */
static GDateTime *
next_week_ending (const char                    *title_line,
                  const BulletinTemplateContext *ctx)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) this_week = NULL;
  g_autoptr(GDateTime) named = NULL;
  GDateTime *today = ctx->today;
  GDateWeekday last_day = ctx->week_ends_on;

  if (today == NULL)
    today = now = bulletin_clock_now_local ();
  if (!g_date_valid_weekday (last_day))
    last_day = G_DATE_FRIDAY;

  this_week = bulletin_template_week_ending (today, last_day);
  named = title_line != NULL ? bulletin_template_title_week_ending (title_line) : NULL;
  if (named != NULL)
    {
      g_autoptr(GDateTime) after = g_date_time_add_days (named, 7);
      g_autoptr(GDateTime) ending = bulletin_template_week_ending (after, last_day);
      g_autoptr(GDateTime) ending_here = g_date_time_new (g_date_time_get_timezone (this_week),
                                                          g_date_time_get_year (ending),
                                                          g_date_time_get_month (ending),
                                                          g_date_time_get_day_of_month (ending),
                                                          0, 0, 0);

      if (g_date_time_compare (ending_here, this_week) > 0)
        return g_steal_pointer (&ending_here);
    }

  return g_steal_pointer (&this_week);
}

static char *carry_forward_to (const char *last_week_markdown,
                               GDateTime  *week_ending,
                               const char *locale);

/**
 * bulletin_template_carry_forward:
 * @last_week_markdown: last week's update
 * @ctx: (nullable): the context, for the title's date; %NULL keeps the
 *   title as it was
 *
 * Starts this week's draft from last week's ("Start from last week's").
 * What recurs is kept, byte for byte from the source: the title (a
 * level-1 heading first in the document; a one-line title ending in
 * "week ending <date>" gets the next week's date when @ctx is given, as
 * bulletin_template_next_week() says), a
 * known sign-off such as
 * "Have a good weekend" just before the first section, the headings of
 * the recurring sections, and any other level-1 or level-2 section
 * whole, since we cannot tell whether it is one-off. What was news last
 * week goes: the lead message and the items under "What else has been
 * happening this week?" and "What’s happening next week?".
 *
 * Last week's "next week" items become unchecked tasks under this
 * week's "What else…" heading, so nothing promised is forgotten. The
 * headings keep the user's own wording (a "had" stays "had"): they are
 * the user's text, and the matching is loose enough to find them again
 * next week. Only when the tasks have no "What else…" section to go to
 * is one added, with the standard wording.
 *
 * Returns: (transfer full): the new draft; "" for an empty document
 */
char *
bulletin_template_carry_forward (const char                    *last_week_markdown,
                                 const BulletinTemplateContext *ctx)
{
  g_return_val_if_fail (last_week_markdown != NULL, NULL);

  if (ctx == NULL)
    return carry_forward_to (last_week_markdown, NULL, NULL);

  return bulletin_template_next_week (last_week_markdown, ctx, NULL, NULL);
}

/* Unticked task items ("- [ ] …") at the start of a line, however deep. */
static guint
count_open_tasks (const char *text)
{
  guint n = 0;

  for (const char *line = text; line != NULL && *line != '\0';)
    {
      const char *p = line;
      const char *nl = strchr (line, '\n');

      while (*p == ' ' || *p == '\t' || *p == '>')
        p++;
      if ((*p == '-' || *p == '*' || *p == '+') && g_str_has_prefix (p + 1, " [ ]"))
        n++;
      line = nl != NULL ? nl + 1 : NULL;
    }

  return n;
}

/**
 * bulletin_template_next_week:
 * @last_week_markdown: last week's update
 * @ctx: where today and the language come from
 * @title: (out) (optional) (transfer full) (nullable): the new draft's
 *   title, as the drafts list will show it; %NULL when it has none
 * @n_open_tasks: (out) (optional): how many unticked checklist items
 *   ("- [ ]") the new draft has, carried over or made from last week's
 *   "next week" items; they go out as empty boxes unless dealt with
 *
 * Starts next week's update from last week's (see
 * bulletin_template_carry_forward()). The week is the one after the week
 * last week's title names ("week ending Friday 27 November 2026" gives
 * "week ending Friday 4 December 2026", whatever day it is today), but
 * never a week that is already over: from an update several weeks old,
 * or one whose title names no week, it is the week that holds today.
 * The date keeps the title's own style: its language, its order and
 * punctuation, short or long names, an ordinal "th".
 *
 * Returns: (transfer full): the new draft's text
 */
char *
bulletin_template_next_week (const char                    *last_week_markdown,
                             const BulletinTemplateContext *ctx,
                             char                         **title,
                             guint                         *n_open_tasks)
{
  g_autofree char *first_line = NULL;
  g_autoptr(GDateTime) ending = NULL;
  const char *nl;
  char *out;

  g_return_val_if_fail (last_week_markdown != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  /* the title, if any, is the first non-blank line */
  {
    const char *p = last_week_markdown;

    while (*p == '\n' || *p == '\r' || *p == ' ')
      p++;
    nl = strchr (p, '\n');
    first_line = nl != NULL ? g_strndup (p, nl - p) : g_strdup (p);
    g_strchomp (first_line);
  }

  ending = next_week_ending (g_str_has_prefix (first_line, "# ") ? first_line : NULL, ctx);
  out = carry_forward_to (last_week_markdown, ending, ctx->locale);

  if (title != NULL)
    {
      *title = bulletin_markdown_extract_title (out, strlen (out));
    }
  if (n_open_tasks != NULL)
    *n_open_tasks = count_open_tasks (out);

  return out;
}

static char *
carry_forward_to (const char *last_week_markdown,
                  GDateTime  *week_ending,
                  const char *locale)
{
  g_autofree char *text = NULL;
  g_auto(SourceLines) src = { 0 };
  g_autoptr(cmark_node) doc = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GString) tasks = NULL;
  cmark_node *node;
  cmark_node *before_sections = NULL;
  gboolean tasks_placed = FALSE;
  gsize len = 0;
  GString *out;

  g_assert (last_week_markdown != NULL);

  /* The sourcepos we copy by must refer to the very bytes cmark saw. */
  text = bulletin_markdown_sanitize (last_week_markdown, -1, &len, NULL);
  doc = bulletin_markdown_parse (text, len);
  source_lines_init (&src, text, len);

  blocks = g_ptr_array_new_with_free_func (g_free);
  tasks = g_string_new (NULL);

  for (node = cmark_node_first_child (doc); node != NULL; node = cmark_node_next (node))
    if (is_section_start (node) && classify_heading (node) == SECTION_NEXT)
      collect_tasks (tasks, &src, node);

  node = cmark_node_first_child (doc);

  if (node != NULL
      && cmark_node_get_type (node) == CMARK_NODE_HEADING
      && cmark_node_get_heading_level (node) == 1)
    {
      g_ptr_array_add (blocks, update_title_date (copy_node (&src, node), week_ending, locale));
      node = cmark_node_next (node);
    }

  /* The lead message: all of it goes but the sign-off at its end. */
  for (; node != NULL && !is_section_start (node); node = cmark_node_next (node))
    before_sections = node;
  if (before_sections != NULL && is_sign_off (before_sections))
    g_ptr_array_add (blocks, copy_node (&src, before_sections));

  for (; node != NULL; node = cmark_node_next (node))
    {
      if (!is_section_start (node))
        continue;

      switch (classify_heading (node))
        {
        case SECTION_ELSE:
          g_ptr_array_add (blocks, copy_node (&src, node));
          if (!tasks_placed && tasks->len > 0)
            g_ptr_array_add (blocks, g_strdup (tasks->str));
          tasks_placed = TRUE;
          break;

        case SECTION_NEXT:
          if (!tasks_placed && tasks->len > 0)
            {
              g_ptr_array_add (blocks, g_strdup (else_heading_before (node)));
              g_ptr_array_add (blocks, g_strdup (tasks->str));
              tasks_placed = TRUE;
            }
          g_ptr_array_add (blocks, copy_node (&src, node));
          break;

        case SECTION_OTHER:
        default:
          g_ptr_array_add (blocks, copy_lines (&src,
                                               cmark_node_get_start_line (node),
                                               section_end_line (&src, node)));
          break;
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < blocks->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, g_ptr_array_index (blocks, i));
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/**
 * bulletin_template_is_weekly_update:
 * @markdown: a draft
 *
 * Whether @markdown looks like a weekly update rather than a short note:
 * its title names a week, or it has one of the weekly sections ("What
 * else has been happening this week?", "What’s happening next week?").
 *
 * Returns: %TRUE for a weekly update
 */
gboolean
bulletin_template_is_weekly_update (const char *markdown)
{
  g_autofree char *text = NULL;
  g_autoptr(cmark_node) doc = NULL;
  gsize len = 0;

  g_return_val_if_fail (markdown != NULL, FALSE);

  text = bulletin_markdown_sanitize (markdown, -1, &len, NULL);
  doc = bulletin_markdown_parse (text, len);

  for (cmark_node *node = cmark_node_first_child (doc); node != NULL; node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;

      if (cmark_node_get_heading_level (node) == 1 && node == cmark_node_first_child (doc))
        {
          g_autofree char *title = bulletin_markdown_plain_text (node);
          g_autofree char *lower = g_utf8_strdown (title, -1);

          if (strstr (lower, "week") != NULL || strstr (lower, "woche") != NULL)
            return TRUE;
        }
      else if (classify_heading (node) != SECTION_OTHER)
        return TRUE;
    }

  return FALSE;
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
