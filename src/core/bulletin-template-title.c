/* bulletin-template-title.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-template-private.h"

/* The date a weekly update's title names after "week ending": found,
 * read word by word in English or German, long or short, and written
 * again for another week in the title's own style. */

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

  if ((v = match_name (word, bulletin_template_en_days, 7)) != 0)
    token->kind = TOKEN_WEEKDAY;
  else if ((v = match_name (word, en_days_short, 7)) != 0)
    token->kind = TOKEN_WEEKDAY, token->short_form = TRUE;
  else if ((v = match_name (word, bulletin_template_de_days, 7)) != 0)
    token->kind = TOKEN_WEEKDAY, token->german = TRUE;
  else if ((v = match_name (word, bulletin_template_en_months, 12)) != 0)
    token->kind = TOKEN_MONTH;
  else if ((v = match_name (word, en_months_short, 12)) != 0 || g_ascii_strcasecmp (word, "Sept") == 0)
    token->kind = TOKEN_MONTH, token->short_form = TRUE, v = v ? v : 9;
  else if ((v = match_name (word, bulletin_template_de_months, 12)) != 0)
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
          g_string_append (out, date->german ? bulletin_template_de_days[weekday - 1]
                                : token->short_form ? en_days_short[weekday - 1]
                                : bulletin_template_en_days[weekday - 1]);
          break;
        case TOKEN_DAY:
          g_string_append_printf (out, "%d%s", day, token->suffix ? english_ordinal (day) : "");
          break;
        case TOKEN_MONTH:
          g_string_append (out, date->german ? bulletin_template_de_months[month - 1]
                                : token->short_form ? en_months_short[month - 1]
                                : bulletin_template_en_months[month - 1]);
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
char *
bulletin_template_update_title_date (char       *title,
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

