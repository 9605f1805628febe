/* bulletin-diary-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-diary-private.h"
#include "bulletin-library.h"
#include "bulletin-markdown.h"
#include "bulletin-template.h"

/* The diary's events in the office's words, and put under the
 * draft's "What’s happening next week?". */

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
      g_autofree char *bullet = bulletin_diary_one_line (bullets[i]);

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

