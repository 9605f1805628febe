/* bulletin-checks-structure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"
#include "bulletin-i18n.h"
#include "bulletin-markdown.h"
#include "bulletin-template.h"

/* The weekly template's sections (there, once each, in order, not
 * empty) and the dates in a draft (right weekdays, and next week's
 * events in next week). */

/* The recurring sections of data/weekly-template.md, in their order.
 * Their translations must be the headings of data/<lang>/weekly-template.md. */
static const char * const section_names[] = {
  NULL,
  /* Translators: the headings of the weekly template's two recurring
   * sections: write them exactly as in data/<lang>/weekly-template.md
   * (tests/check-translations.py compares them) */
  N_("What else has been happening this week?"),
  N_("What’s happening next week?"),
};
#define ELSE_HEADING section_names[1]
#define NEXT_HEADING section_names[2]

typedef enum
{
  SECTION_NONE,
  SECTION_ELSE,
  SECTION_NEXT,
} SectionKind;

/* The two level-2 headings of the weekly template, in one language */
typedef struct
{
  char *headings[3];      /* indexed by SectionKind; [0] unused */
  char *normalised[3];
} TemplateHeadings;


/* A draft is recognised in any language Bulletin ships a template in,
 * whatever the language of the menus: the office's text is what it is.
 * Read once from the resources, English first. */
static gpointer
load_template_headings (gpointer data)
{
  g_autoptr(GPtrArray) templates = bulletin_i18n_lookup_all_data ("weekly-template.md");
  GArray *sets = g_array_new (FALSE, TRUE, sizeof (TemplateHeadings));

  for (guint t = 0; t < templates->len; t++)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (templates->pdata[t], NULL),
                                         g_bytes_get_size (templates->pdata[t]));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      TemplateHeadings set = { { NULL } };
      guint kind = SECTION_ELSE;

      for (guint i = 0; lines[i] != NULL && kind <= SECTION_NEXT; i++)
        if (g_str_has_prefix (lines[i], "## "))
          {
            set.headings[kind] = g_strstrip (g_strdup (lines[i] + 3));
            set.normalised[kind] = bulletin_markdown_normalise_phrase (set.headings[kind]);
            kind++;
          }

      if (kind > SECTION_NEXT)
        g_array_append_val (sets, set);
      else
        for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
          {
            g_free (set.headings[k]);
            g_free (set.normalised[k]);
          }
    }

  /* the built-in names, should a template have lost its headings */
  if (sets->len == 0)
    {
      TemplateHeadings set = { { NULL } };

      for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
        {
          set.headings[k] = g_strdup (section_names[k]);
          set.normalised[k] = bulletin_markdown_normalise_phrase (section_names[k]);
        }
      g_array_append_val (sets, set);
    }

  return sets;
}

static GArray *
template_headings (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_template_headings, NULL);
}


typedef struct
{
  SectionKind  kind;
  gboolean     exact;
  guint        language;     /* the template its heading is closest to */
  guint        region;       /* the heading */
  guint        block;        /* the heading, in Checker.blocks */
  gsize        body_start;
  gsize        body_end;
  gboolean     empty;
} Section;

/* A heading of the template, its wording off by a word or a typo, still
 * counts: "What else had been happening this week?" is the same section
 * and gets its own finding. */
static SectionKind
classify_heading (const char *text,
                  gboolean   *exact,
                  guint      *language)
{
  g_autofree char *norm = bulletin_markdown_normalise_phrase (text);
  GArray *sets = template_headings ();
  SectionKind best = SECTION_NONE;
  guint best_distance = G_MAXUINT;

  *exact = g_str_equal (norm, "what is happening next week");
  *language = 0;
  for (guint t = 0; t < sets->len; t++)
    {
      const TemplateHeadings *set = &g_array_index (sets, TemplateHeadings, t);
      const char *else_norm = set->normalised[SECTION_ELSE];
      const char *next_norm = set->normalised[SECTION_NEXT];
      guint to_else = bulletin_markdown_edit_distance (norm, else_norm);
      guint to_next = bulletin_markdown_edit_distance (norm, next_norm);
      SectionKind kind = SECTION_NONE;
      guint distance = G_MAXUINT;

      if (to_else == 0 || to_next == 0)
        *exact = TRUE;
      if (to_else <= to_next && to_else <= strlen (else_norm) / 5)
        kind = SECTION_ELSE, distance = to_else;
      else if (to_next < to_else && (to_next <= strlen (next_norm) / 5 || *exact))
        kind = SECTION_NEXT, distance = to_next;

      if (kind != SECTION_NONE && distance < best_distance)
        {
          best = kind;
          best_distance = distance;
          *language = t;
        }
    }

  return best;
}

GArray *
bulletin_checks_find_sections (Checker *c)
{
  GArray *sections = g_array_new (FALSE, TRUE, sizeof (Section));

  for (guint b = 0; b < c->blocks->len; b++)
    {
      const TopBlock *block = &g_array_index (c->blocks, TopBlock, b);
      Section s = { 0 };

      if (block->type != CMARK_NODE_HEADING || block->heading_level != 2)
        continue;

      s.kind = classify_heading (top_block_text (c, block), &s.exact, &s.language);
      if (s.kind == SECTION_NONE)
        continue;

      s.block = b;
      s.region = block->region;
      s.body_start = block->end;
      s.body_end = c->len;
      s.empty = TRUE;
      for (guint n = b + 1; n < c->blocks->len; n++)
        {
          const TopBlock *next = &g_array_index (c->blocks, TopBlock, n);

          if (next->type == CMARK_NODE_HEADING && next->heading_level <= 2)
            {
              s.body_end = next->start;
              break;
            }
          s.empty = FALSE;
        }

      g_array_append_val (sections, s);
    }

  return sections;
}

/* The heading's text without its "## " and closing #s. */
static void
heading_text_range (Checker      *c,
                    const Region *r,
                    gsize        *start,
                    gsize        *end)
{
  gsize s = r->start, e = r->end;

  while (s < e && (c->text[s] == '#' || c->text[s] == ' '))
    s++;
  if (memchr (c->text + s, '\n', e - s) != NULL)   /* setext: the first line */
    e = (const char *)memchr (c->text + s, '\n', e - s) - c->text;
  while (e > s && (c->text[e - 1] == '#' || c->text[e - 1] == ' ' || c->text[e - 1] == '\r'))
    e--;

  *start = s;
  *end = e;
}

void
bulletin_checks_check_structure (Checker *c,
                                 GArray  *sections)
{
  const Section *found[3] = { NULL, NULL, NULL };
  const char * const *names = section_names;
  const char *keys[3] = { NULL, "else", "next" };

  for (guint i = 0; i < sections->len; i++)
    {
      const Section *s = &g_array_index (sections, Section, i);
      const Region *r = &g_array_index (c->regions, Region, s->region);
      g_autofree char *key = NULL;

      if (s->region == G_MAXUINT)
        continue;

      if (found[s->kind] != NULL)
        {
          key = g_strconcat ("structure:twice:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, key, NULL,
                                       g_strdup_printf (_("The “%s” section appears twice"), _(names[s->kind])));
          continue;
        }
      found[s->kind] = s;

      if (!s->exact)
        {
          gsize start, end;

          heading_text_range (c, r, &start, &end);
          key = g_strconcat ("structure:wording:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, start, end - start, key,
                                       bulletin_checks_one_suggestion (g_array_index (template_headings (), TemplateHeadings,
                                                                                      s->language).headings[s->kind]),
                                       g_strdup_printf (_("This heading differs from the weekly template’s “%s”"),
                                                        _(names[s->kind])));
          g_clear_pointer (&key, g_free);
        }

      if (s->empty)
        {
          key = g_strconcat ("structure:empty:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, key, NULL,
                                       g_strdup_printf (_("The “%s” section is empty"), _(names[s->kind])));
        }
    }

  if (found[SECTION_ELSE] != NULL && found[SECTION_NEXT] != NULL &&
      found[SECTION_NEXT]->body_start < found[SECTION_ELSE]->body_start)
    {
      const Region *r = &g_array_index (c->regions, Region, found[SECTION_NEXT]->region);

      bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, "structure:order", NULL,
                                   g_strdup_printf (_("“%s” should come after “%s”"), _(NEXT_HEADING), _(ELSE_HEADING)));
    }

  /* a short note to staff is no weekly update: the sections are missing
   * only from a draft that has one of them, or whose title names its
   * week (issue 16) */
  if (found[SECTION_ELSE] == NULL && found[SECTION_NEXT] == NULL && c->weekly != 1)
    return;

  for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
    if (found[k] == NULL)
      {
        g_autofree char *key = g_strconcat ("structure:missing:", keys[k], NULL);

        /* nothing to underline: point at the end, where it would go
         * (on the last line, not on the empty one after it) */
        bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE,
                                     c->len > 0 && c->text[c->len - 1] == '\n' ? c->len - 1 : c->len, 0, key, NULL,
                                     g_strdup_printf (_("The weekly template’s “%s” section is missing"), _(names[k])));
      }
}

/* ----- dates ----- */

static const char * const weekday_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekday_short[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};
static const char * const weekday_other[] = {   /* and their weekdays */
  "Tues", "Thur", "Thurs", "Weds",
};
static const GDateWeekday weekday_other_days[] = {
  G_DATE_TUESDAY, G_DATE_THURSDAY, G_DATE_THURSDAY, G_DATE_WEDNESDAY,
};
static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/* English only: the samples and the template are in English, and a
 * wrong weekday in another language is left alone rather than guessed. */
static GDateWeekday
weekday_of_word (Checker    *c,
                 const Word *w)
{
  if (!(w->flags & WORD_HAS_UPPER) || (w->flags & WORD_HAS_DIGIT))
    return G_DATE_BAD_WEEKDAY;
  for (guint i = 0; i < 7; i++)
    if (word_is_ci (c, w, weekday_names[i]) || word_is (c, w, weekday_short[i]))
      return i + 1;
  for (guint i = 0; i < G_N_ELEMENTS (weekday_other); i++)
    if (word_is (c, w, weekday_other[i]))
      return weekday_other_days[i];
  return G_DATE_BAD_WEEKDAY;
}

static GDateMonth
month_of_word (Checker    *c,
               const Word *w)
{
  gsize n = w->end - w->start;

  if (!g_ascii_isupper (c->text[w->start]) || (w->flags & WORD_HAS_DIGIT))
    return G_DATE_BAD_MONTH;
  for (guint i = 0; i < 12; i++)
    {
      if (word_is_ci (c, w, month_names[i]))
        return i + 1;
      /* "Nov", "Sept" */
      if (n >= 3 && n < strlen (month_names[i]) &&
          strncmp (c->text + w->start, month_names[i], n) == 0 && (n == 3 || i == 8))
        return i + 1;
    }
  return G_DATE_BAD_MONTH;
}

/* 1–31, with or without "st", "nd", "rd", "th". */
static int
day_of_word (Checker    *c,
             const Word *w)
{
  const char *p = c->text + w->start;
  const char *end = c->text + w->end;
  int day = 0;

  if (!g_ascii_isdigit (*p))
    return 0;
  while (p < end && g_ascii_isdigit (*p) && day < 100)
    day = day * 10 + (*p++ - '0');
  if (p < end && !(end - p == 2 && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
                                     g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)))
    return 0;
  return day >= 1 && day <= 31 ? day : 0;
}

/* data/de/weekly-template.md's events name their day in German: "am
 * Dienstag", "Mittwoch, 25. November", "morgen". Only enough to see that
 * an event has its day: the weekday is not compared with the date, as a
 * wrong weekday in another language is left alone rather than guessed. */
static const char * const german_day_words[] = {
  "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
  "heute", "morgen", "übermorgen",
};
static const char * const german_months[] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
  "August", "September", "Oktober", "November", "Dezember",
};

static gboolean
says_day_in_german (Checker *c,
                    guint    i)
{
  const Word *w = word_at (c, i);
  const Word *next;
  gsize gap;

  for (guint d = 0; d < G_N_ELEMENTS (german_day_words); d++)
    if (word_is_ci (c, w, german_day_words[d]))
      return TRUE;

  /* "25. November" */
  if (day_of_word (c, w) == 0 || i + 1 >= c->words->len)
    return FALSE;
  next = word_at (c, i + 1);
  if (next->region != w->region || w->end >= next->start || c->text[w->end] != '.')
    return FALSE;
  for (gap = w->end + 1; gap < next->start; gap++)
    if (c->text[gap] != ' ')
      return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (german_months); m++)
    if (word_is (c, next, german_months[m]))
      return TRUE;
  return FALSE;
}

static int
year_of_word (Checker    *c,
              const Word *w)
{
  const char *p = c->text + w->start;
  int year = 0;

  if (w->end - w->start != 4)
    return 0;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return 0;
      year = year * 10 + (p[i] - '0');
    }
  return year >= 1900 && year <= 2199 ? year : 0;
}

/* Only white space and commas between two words of the same block. */
static gboolean
adjacent_or_comma (Checker    *c,
                   const Word *a,
                   const Word *b)
{
  if (a->region != b->region || b->start <= a->end)
    return FALSE;
  for (gsize i = a->end; i < b->start; i++)
    if (!g_ascii_isspace (c->text[i]) && c->text[i] != ',')
      return FALSE;
  return TRUE;
}

typedef struct
{
  guint         first;      /* word indices */
  guint         last;
  GDateWeekday  weekday;    /* as written, or BAD */
  guint         weekday_word;
  int           day;
  GDateMonth    month;
  int           year;       /* as written, or 0 */
} DateExpr;

static gboolean
next_word (Checker *c,
           guint    i,
           guint   *next)
{
  if (i + 1 >= c->words->len || !adjacent_or_comma (c, word_at (c, i), word_at (c, i + 1)))
    return FALSE;
  *next = i + 1;
  return TRUE;
}

/* "Tuesday 26 November 2026", "Tue, 26th of Nov", "Tuesday, November
 * 26, 2026", "26 November": a day and a month, in either order. */
static gboolean
parse_date (Checker  *c,
            guint     i,
            DateExpr *d)
{
  guint j = i, k;

  memset (d, 0, sizeof *d);
  d->first = i;
  d->weekday = weekday_of_word (c, word_at (c, i));
  if (d->weekday != G_DATE_BAD_WEEKDAY)
    {
      d->weekday_word = i;
      if (!next_word (c, i, &j))
        return FALSE;
    }

  if ((d->day = day_of_word (c, word_at (c, j))) != 0)
    {
      if (!next_word (c, j, &k))
        return FALSE;
      if (word_is (c, word_at (c, k), "of") && !next_word (c, k, &k))
        return FALSE;
      if ((d->month = month_of_word (c, word_at (c, k))) == G_DATE_BAD_MONTH)
        return FALSE;
    }
  else if ((d->month = month_of_word (c, word_at (c, j))) != G_DATE_BAD_MONTH)
    {
      if (!next_word (c, j, &k) || (d->day = day_of_word (c, word_at (c, k))) == 0)
        return FALSE;
    }
  else
    return FALSE;

  d->last = k;
  if (next_word (c, k, &j) && (d->year = year_of_word (c, word_at (c, j))) != 0)
    d->last = j;

  return TRUE;
}

/* A date written without its year is the one nearest to today. */
static gboolean
resolve_date (Checker        *c,
              const DateExpr *d,
              GDate          *out)
{
  gint64 best = G_MAXINT64;
  int years[3];
  guint n_years = 0;

  if (d->year != 0)
    years[n_years++] = d->year;
  else
    {
      int y = g_date_get_year (&c->today);

      years[n_years++] = y - 1;
      years[n_years++] = y;
      years[n_years++] = y + 1;
    }

  for (guint i = 0; i < n_years; i++)
    {
      GDate candidate;
      gint64 distance;

      if (!g_date_valid_dmy (d->day, d->month, years[i]))
        continue;
      g_date_clear (&candidate, 1);
      g_date_set_dmy (&candidate, d->day, d->month, years[i]);
      distance = ABS ((gint64)g_date_days_between (&c->today, &candidate));
      if (distance < best)
        {
          best = distance;
          *out = candidate;
        }
    }

  return best != G_MAXINT64;
}

static char *
format_gdate (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  /* the date was read in English, so it is described in English */
  return bulletin_template_format_date (dt, "en_GB.UTF-8");
}

/* The index of the first word at or after @offset. */
static guint
first_word_from (Checker *c,
                 gsize    offset)
{
  guint lo = 0, hi = c->words->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (word_at (c, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
in_range (gsize offset,
          gsize start,
          gsize end)
{
  return offset >= start && offset < end;
}

/* The Monday of the week after the one the update's title names ("week
 * ending Friday 4 December 2026"): the dates under "next week" belong
 * to that week, whatever day the update is checked on (issue 16). */
static gboolean
find_next_week (Checker *c,
                GDate   *monday)
{
  const TopBlock *title = NULL;

  for (guint b = 0; b < c->blocks->len && title == NULL; b++)
    if (g_array_index (c->blocks, TopBlock, b).type == CMARK_NODE_HEADING)
      title = &g_array_index (c->blocks, TopBlock, b);
  if (title == NULL)
    return FALSE;

  for (guint i = first_word_from (c, title->start);
       i < c->words->len && word_at (c, i)->start < title->end;
       i++)
    {
      DateExpr d;
      GDate date;

      if (parse_date (c, i, &d) && word_at (c, d.last)->end <= title->end && resolve_date (c, &d, &date))
        {
          *monday = date;
          g_date_add_days (monday, 8 - g_date_get_weekday (&date));
          return TRUE;
        }
    }
  return FALSE;
}

void
bulletin_checks_check_dates (Checker *c,
                             GArray  *sections)
{
  const Section *next = NULL;
  GDate next_monday, next_sunday;
  gboolean know_week = find_next_week (c, &next_monday);

  if (know_week)
    {
      next_sunday = next_monday;
      g_date_add_days (&next_sunday, 6);
    }

  for (guint i = 0; i < sections->len; i++)
    if (g_array_index (sections, Section, i).kind == SECTION_NEXT)
      {
        next = &g_array_index (sections, Section, i);
        break;
      }

  for (guint i = 0; i < c->words->len; i++)
    {
      DateExpr d;
      GDate date;
      gsize start, end;
      g_autofree char *written = NULL;

      if (!parse_date (c, i, &d))
        continue;

      start = word_at (c, d.first)->start;
      end = word_at (c, d.last)->end;
      written = source_copy (c, start, end);
      i = d.last;

      if (!resolve_date (c, &d, &date))
        {
          g_autofree char *key = g_strconcat ("date:invalid:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("“%s” is not a date"), written));
          continue;
        }

      if (d.weekday != G_DATE_BAD_WEEKDAY && g_date_get_weekday (&date) != d.weekday)
        {
          const Word *w = word_at (c, d.weekday_word);
          g_autofree char *right = format_gdate (&date);
          g_autofree char *key = g_strconcat ("date:weekday:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, w->start, w->end - w->start, key,
                                       bulletin_checks_one_suggestion (weekday_names[g_date_get_weekday (&date) - 1]),
                                       g_strdup_printf (_("“%s” has the wrong weekday: the date is %s"), written, right));
        }

      if (next != NULL && in_range (start, next->body_start, next->body_end) && know_week &&
          (g_date_compare (&date, &next_monday) < 0 || g_date_compare (&date, &next_sunday) > 0))
        {
          g_autofree char *when = format_gdate (&date);
          g_autofree char *from = format_gdate (&next_monday);
          g_autofree char *to = format_gdate (&next_sunday);
          g_autofree char *key = g_strconcat ("date:not-next-week:", written, NULL);

          /* Translators: "Thursday 3 December 2026 is not in the week after
           * this update's, Monday 7 December 2026 to Sunday 13 December
           * 2026, but it is under “What’s happening next week?”" */
          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("%s is not in the week after this update’s, %s to %s, but it is under “%s”"),
                                                        when, from, to, _(NEXT_HEADING)));
        }
      else if (next != NULL && in_range (start, next->body_start, next->body_end) && !know_week &&
               g_date_compare (&date, &c->today) < 0)
        {
          g_autofree char *when = format_gdate (&date);
          g_autofree char *key = g_strconcat ("date:past:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("%s is in the past, but it is under “%s”"), when, _(NEXT_HEADING)));
        }
    }

  if (next == NULL)
    return;

  /* every event next week needs its day */
  for (guint b = next->block + 1;
       b < c->blocks->len && g_array_index (c->blocks, TopBlock, b).start < next->body_end;
       b++)
    {
      const TopBlock *list = &g_array_index (c->blocks, TopBlock, b);

      if (list->type != CMARK_NODE_LIST)
        continue;

      for (guint k = 0; k < list->n_items; k++)
        {
          const Span *item = &g_array_index (c->items, Span, list->first_item + k);
          gsize start = item->start, end = item->end;
          gboolean has_day = FALSE;
          gsize first_word = end, text_end = end;
          g_autofree char *key = NULL;
          g_autofree char *summary = NULL;
          guint n_words = 0;

          for (guint i = first_word_from (c, start); i < c->words->len && !has_day; i++)
            {
              const Word *w = word_at (c, i);
              DateExpr d;

              if (w->start >= end)
                break;
              if (first_word == end)
                first_word = w->start;
              if (n_words++ < 6)
                text_end = w->end;
              has_day = weekday_of_word (c, w) != G_DATE_BAD_WEEKDAY ||
                        word_is_ci (c, w, "today") || word_is_ci (c, w, "tomorrow") ||
                        parse_date (c, i, &d) || says_day_in_german (c, i) ||
                        (w->flags & WORD_HAS_DIGIT && w->end < end && c->text[w->end] == '/' &&
                         g_ascii_isdigit (c->text[w->end + 1]));
            }

          if (has_day || first_word == end)
            continue;

          /* underline the item's first line */
          end = MIN (end, bulletin_checks_line_end (c, bulletin_checks_line_of_offset (c, first_word)));
          summary = source_copy (c, first_word, MAX (text_end, first_word));
          key = g_strconcat ("date:no-day:", summary, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, first_word, end - first_word, key, NULL,
                                       g_strdup (_("This event next week does not say which day it is on")));
        }
    }
}
