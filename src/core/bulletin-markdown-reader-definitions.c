/* bulletin-markdown-reader-definitions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader-private.h"

/* Link reference definitions hold for the whole draft, while the reader
 * parses a part at a time: it finds every definition first and puts the
 * ones a part uses, but does not define before, in front of its text. */

/* cmark-gfm's own limit on the length of a link label */
#define MAX_LABEL_LENGTH 999

typedef struct
{
  gsize start;
  gsize end;
} Definition;

/* Lower case, runs of white space as one space, none at either end: two
 * labels match when these are equal. */
static char *
normalize_label (const char *label,
                 gsize       len)
{
  GString *collapsed = g_string_sized_new (len);
  gboolean space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = label[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_c (collapsed, c);
    }

  {
    char *folded = g_utf8_casefold (collapsed->str, collapsed->len);

    g_string_free (collapsed, TRUE);
    return folded;
  }
}

/* Where the label of a definition on this line ends (its ']'), or NULL. */
const char *
reader_definition_label_end (const char *p,
                             const char *eol)
{
  if (p >= eol || *p != '[' || p + 1 >= eol || p[1] == '^')
    return NULL;

  for (const char *q = p + 1; q < eol && q - p <= MAX_LABEL_LENGTH + 1; q++)
    {
      if (*q == '\\')
        {
          q++;
          continue;
        }
      if (*q == '[')
        return NULL;
      if (*q == ']')
        return q + 1 < eol && q[1] == ':' && q > p + 1 ? q : NULL;
    }
  return NULL;
}

void
reader_find_definitions (BulletinMarkdownReader *self)
{
  const char *text = self->text;
  const char *end = text + self->len;

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next;
      const char *p = line;
      const char *label_end;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;

      /* definitions count inside quotes and list items too */
      for (guint i = 0; i < 100 && p < eol; i++)
        {
          const char *after;

          while (p < eol && (*p == ' ' || *p == '\t'))
            p++;
          if (p < eol && *p == '>')
            p++;
          else if ((after = reader_skip_list_marker (p, eol)) != NULL && after > p)
            p = after;
          else
            break;
        }

      label_end = reader_definition_label_end (p, eol);
      if (label_end != NULL)
        {
          g_autofree char *key = normalize_label (p + 1, label_end - p - 1);
          const char *def_end = eol;

          /* the address or a title may be on the next line */
          if (next < end)
            {
              const char *next_eol = memchr (next, '\n', end - next);
              const char *q = next;

              if (next_eol == NULL)
                next_eol = end;
              while (q < next_eol && (*q == ' ' || *q == '\t'))
                q++;
              if (!reader_is_blank_line (next, next_eol) &&
                  (reader_is_blank_line (label_end + 2, eol) || *q == '"' || *q == '\'' || *q == '('))
                {
                  def_end = next_eol;
                  next = next_eol < end ? next_eol + 1 : end;
                }
            }

          if (!g_hash_table_contains (self->definitions, key))
            {
              Definition *def = g_new (Definition, 1);

              def->start = p - text;
              def->end = def_end - text;
              g_hash_table_insert (self->definitions, g_steal_pointer (&key), def);
            }
        }

      line = next;
    }
}

/* The definitions of labels the part uses but does not define first */
GString *
reader_definitions_for_part (BulletinMarkdownReader *self,
                             gsize                   start,
                             gsize                   end,
                             guint                  *n_lines)
{
  g_autoptr(GHashTable) added = NULL;
  GString *prefix = NULL;
  gsize open = G_MAXSIZE;

  *n_lines = 0;
  if (g_hash_table_size (self->definitions) == 0)
    return NULL;

  added = g_hash_table_new (NULL, NULL);
  for (gsize i = start; i < end; i++)
    {
      char c = self->text[i];

      if (c == '\\')
        i++;
      else if (c == '[')
        open = i;
      else if (c == ']' && open != G_MAXSIZE)
        {
          if (i - open - 1 <= MAX_LABEL_LENGTH)
            {
              g_autofree char *key = normalize_label (self->text + open + 1, i - open - 1);
              Definition *def = g_hash_table_lookup (self->definitions, key);

              if (def != NULL && (def->start < start || def->start >= end) &&
                  g_hash_table_add (added, def))
                {
                  if (prefix == NULL)
                    prefix = g_string_new (NULL);
                  g_string_append_len (prefix, self->text + def->start, def->end - def->start);
                  g_string_append_c (prefix, '\n');
                }
            }
          open = G_MAXSIZE;
        }
    }

  if (prefix != NULL)
    {
      g_string_append_c (prefix, '\n');
      for (gsize i = 0; i < prefix->len; i++)
        *n_lines += prefix->str[i] == '\n';
    }

  return prefix;
}
