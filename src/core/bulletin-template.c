/* bulletin-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-template-private.h"

/* Placeholders: filling {{date}}, {{sender_name}} and the rest in the
 * weekly template, saying what is left to fill, and filling a draft
 * in place once Preferences can. The dates are
 * bulletin-template-dates.c's, a title's date
 * bulletin-template-title.c's, and "start from last week's"
 * bulletin-template-carry-forward.c's. */


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
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) ending = NULL;
  GDateWeekday last_day;

  today = bulletin_template_context_today (ctx, &last_day);
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
