/* bulletin-template-carry-forward.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-template-private.h"

/* "Start from last week's": what of last week's update recurs, found
 * on the AST and copied from the source byte for byte, with last
 * week's "next week" items made this week's tasks. */


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

/* The week the new draft is for: the week after the one last week's
 * title names, but never a week already over (an update carried forward
 * from a month ago is for this week). */
static GDateTime *
next_week_ending (const char                    *title_line,
                  const BulletinTemplateContext *ctx)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) this_week = NULL;
  g_autoptr(GDateTime) named = NULL;
  GDateWeekday last_day;

  today = bulletin_template_context_today (ctx, &last_day);
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
      g_ptr_array_add (blocks, bulletin_template_update_title_date (copy_node (&src, node), week_ending, locale));
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

