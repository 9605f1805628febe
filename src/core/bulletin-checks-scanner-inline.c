/* bulletin-checks-scanner-inline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bulletin-checks-private.h"

/* Inside a prose block: code spans, links and their destinations,
 * autolinks, HTML and bare addresses, which are not prose; the words
 * are what they leave. And the reference definitions that [text][label]
 * links take their addresses from. */

/* Reference definitions vanish from the tree, and cmark-gfm does not
 * export its reference map; links written [text][label] need their
 * addresses, so the lines outside every block are read for them. */
static char *
fold_label (const char *start,
            gsize       len)
{
  g_autofree char *raw = g_strndup (start, len);
  g_autofree char *folded = g_utf8_casefold (raw, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* CommonMark's limit on a link label, in characters; in UTF-8 at most
 * four bytes each. */
#define MAX_LABEL_CHARS 999
#define MAX_LABEL_BYTES (MAX_LABEL_CHARS * 4)

static gboolean
label_too_long (const char *start,
                gsize       len)
{
  return len > MAX_LABEL_BYTES ||
         (len > MAX_LABEL_CHARS && g_utf8_strlen (start, len) > MAX_LABEL_CHARS);
}

/* The address a reference definition gives the label at @start, or NULL.
 * Every '[' of the draft asks, nested ones too: folding the whole text
 * of each made nested brackets quadratic, so a label longer than
 * CommonMark allows (which cmark-gfm never links either) is not folded,
 * and nothing is when the draft has no definitions. */
static const char *
lookup_refdef (Checker    *c,
               const char *start,
               gsize       len)
{
  g_autofree char *label = NULL;

  if (g_hash_table_size (c->refdefs) == 0 || label_too_long (start, len))
    return NULL;
  label = fold_label (start, len);
  return g_hash_table_lookup (c->refdefs, label);
}

void
bulletin_checks_find_reference_definitions (Checker *c)
{
  for (guint line = 1; line <= line_count (c); line++)
    {
      const char *p = c->text + line_start (c, line);
      const char *end = c->text + bulletin_checks_line_end (c, line);
      const char *label, *label_end, *url;
      guint indent = 0;

      while (p < end && (*p == ' ' || *p == '>') && indent < 8)
        p++, indent++;
      if (p >= end || *p != '[' || p + 1 >= end || p[1] == '^')
        continue;

      label = p + 1;
      label_end = memchr (label, ']', end - label);
      if (label_end == NULL || label_end + 1 >= end || label_end[1] != ':' ||
          label_too_long (label, label_end - label))
        continue;

      url = label_end + 2;
      while (url < end && (*url == ' ' || *url == '\t'))
        url++;
      if (url < end)
        {
          const char *url_end = url;
          gboolean bracketed = *url == '<';

          if (bracketed)
            url++;
          url_end = url;
          while (url_end < end && !g_ascii_isspace (*url_end) && !(bracketed && *url_end == '>'))
            url_end++;
          g_hash_table_insert (c->refdefs, fold_label (label, label_end - label),
                               g_strndup (url, url_end - url));
        }
    }
}

/* ----- inline scanning ----- */

static gboolean
is_ascii_punct (char ch)
{
  return ch > 0x20 && ch < 0x7f && !g_ascii_isalnum (ch);
}

static void
exclude (Checker *c,
         gsize    start,
         gsize    end)
{
  Span s = { start, end };

  /* spans arrive in order except link destinations, which come before
   * the text scanned after them; bulletin_checks_scan() sorts them once at the end, as
   * inserting each in place was quadratic for nested links */
  if (end > start)
    g_array_append_val (c->excluded, s);
}

int
bulletin_checks_compare_span_starts (gconstpointer a,
                                     gconstpointer b)
{
  const Span *sa = a, *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

/* What one region's scan remembers so that it never reads the same text
 * twice (issue 12): the last run of each length of backticks, and the
 * bracket that closes each '[' seen so far. */
typedef struct
{
  const char *base;
  const char *start;
  const char *end;
  GHashTable *last_backticks;   /* run length → offset of the last such run */
  GHashTable *brackets;         /* offset of '[' → offset of its ']', or NO_MATCH */
} RegionScan;

#define NO_MATCH G_MAXSIZE

static void
region_scan_clear (RegionScan *rs)
{
  g_clear_pointer (&rs->last_backticks, g_hash_table_unref);
  g_clear_pointer (&rs->brackets, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RegionScan, region_scan_clear)

/* The closing run of exactly @n backticks, or NULL. Looking for a closer
 * that never comes read to the region's end each time, so runs of many
 * different lengths were quadratic; now the last run of each length,
 * found in one pass, says at once when there is none. */
static const char *
find_backticks (RegionScan *rs,
                const char *p,
                gsize       n)
{
  const char *end = rs->end;
  gpointer last;

  if (rs->last_backticks == NULL)
    {
      rs->last_backticks = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (const char *q = rs->start; q < end && (q = memchr (q, '`', end - q)) != NULL;)
        {
          gsize run = 0;

          while (q + run < end && q[run] == '`')
            run++;
          g_hash_table_insert (rs->last_backticks, GSIZE_TO_POINTER (run),
                               GSIZE_TO_POINTER (q - rs->base));
          q += run;
        }
    }

  if (!g_hash_table_lookup_extended (rs->last_backticks, GSIZE_TO_POINTER (n), NULL, &last) ||
      rs->base + GPOINTER_TO_SIZE (last) < p)
    return NULL;

  while (p < end)
    {
      const char *tick = memchr (p, '`', end - p);
      gsize run = 0;

      if (tick == NULL)
        return NULL;
      while (tick + run < end && tick[run] == '`')
        run++;
      if (run == n)
        return tick;
      p = tick + run;
    }

  return NULL;
}

static void
remember_bracket (RegionScan *rs,
                  gsize       open,
                  gsize       close)
{
  g_hash_table_insert (rs->brackets, GSIZE_TO_POINTER (open), GSIZE_TO_POINTER (close));
}

/* The ']' that closes the '[' at @p, skipping code spans and escapes.
 * Scanning from each '[' anew made nested or unclosed brackets
 * quadratic; a scan's only state is its depth, so the scan from @p also
 * settles every '[' it passes (closed where the depth comes back, never
 * if it does not), and later calls look them up or jump over them. */
static const char *
find_closing_bracket (RegionScan *rs,
                      const char *p)
{
  const char *base = rs->base;
  const char *end = rs->end;
  g_autoptr(GArray) stack = NULL;
  gpointer found;

  if (rs->brackets == NULL)
    rs->brackets = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (g_hash_table_lookup_extended (rs->brackets, GSIZE_TO_POINTER (p - base), NULL, &found))
    return GPOINTER_TO_SIZE (found) == NO_MATCH ? NULL : base + GPOINTER_TO_SIZE (found);

  stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        p++;
      else if (*p == '`')
        {
          gsize run = 0;
          const char *close;

          while (p + run < end && p[run] == '`')
            run++;
          close = find_backticks (rs, p + run, run);
          p = close != NULL ? close + run - 1 : p + run - 1;
        }
      else if (*p == '[')
        {
          gsize at = p - base;

          if (stack->len > 0 &&
              g_hash_table_lookup_extended (rs->brackets, GSIZE_TO_POINTER (at), NULL, &found))
            {
              /* an inner bracket never closed: neither does any outer one */
              if (GPOINTER_TO_SIZE (found) == NO_MATCH)
                break;
              p = base + GPOINTER_TO_SIZE (found);
              continue;
            }
          g_array_append_val (stack, at);
        }
      else if (*p == ']' && stack->len > 0)
        {
          gsize open = g_array_index (stack, gsize, stack->len - 1);

          g_array_set_size (stack, stack->len - 1);
          remember_bracket (rs, open, p - base);
          if (stack->len == 0)
            return p;
        }
    }

  for (guint i = 0; i < stack->len; i++)
    remember_bracket (rs, g_array_index (stack, gsize, i), NO_MATCH);

  return NULL;
}

/* An inline link's "(destination "title")" at @p; sets @url and returns
 * the byte after ')', or NULL. */
static const char *
parse_destination (const char  *p,
                   const char  *end,
                   char       **url)
{
  const char *d, *d_end;

  g_assert (*p == '(');
  p++;
  while (p < end && g_ascii_isspace (*p))
    p++;

  if (p < end && *p == '<')
    {
      d = p + 1;
      d_end = d;
      while (d_end < end && *d_end != '>' && *d_end != '\n')
        d_end++;
      if (d_end >= end || *d_end != '>')
        return NULL;
      p = d_end + 1;
    }
  else
    {
      int parens = 0;

      d = p;
      while (p < end && !g_ascii_isspace (*p))
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '(')
            parens++;
          else if (*p == ')' && parens-- == 0)
            break;
          p++;
        }
      d_end = p;
    }

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p < end && (*p == '"' || *p == '\'' || *p == '('))
    {
      char close = *p == '(' ? ')' : *p;
      const char *t = p + 1;

      while (t < end && *t != close)
        t += (*t == '\\' && t + 1 < end) ? 2 : 1;
      if (t >= end)
        return NULL;
      p = t + 1;
      while (p < end && g_ascii_isspace (*p))
        p++;
    }

  if (p >= end || *p != ')')
    return NULL;

  *url = g_strndup (d, d_end - d);
  return p + 1;
}

static void
add_link (Checker    *c,
          LinkKind    kind,
          gboolean    is_image,
          gsize       start,
          gsize       end,
          gsize       text_start,
          gsize       text_end,
          char       *url)
{
  Link link = { kind, is_image, start, end, text_start, text_end, url };

  g_array_append_val (c->links, link);
}

static gboolean
starts_with_ci (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* How GFM's autolink extension ends a bare address: at white space or
 * '<', then without trailing punctuation or an unbalanced ')'. */
static const char *
bare_url_end (const char *p,
              const char *end)
{
  const char *e = p;
  int open = 0, close = 0;

  while (e < end && !g_ascii_isspace (*e) && *e != '<')
    e++;

  for (const char *q = p; q < e; q++)
    {
      if (*q == '(')
        open++;
      else if (*q == ')')
        close++;
    }

  while (e > p)
    {
      char last = e[-1];

      if (strchr ("?!.,:*_~'\"", last) != NULL)
        e--;
      else if (last == ')' && close > open)
        {
          e--;
          close--;
        }
      else
        break;
    }

  return e;
}

static gboolean
is_email_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '.' || ch == '-' || ch == '_' || ch == '+';
}

/* A bare e-mail address at @p: local@domain.tld; returns its end. */
static const char *
match_email (const char *p,
             const char *end)
{
  const char *q = p, *at, *dot = NULL;

  while (q < end && is_email_char (*q))
    q++;
  if (q == p || q >= end || *q != '@')
    return NULL;
  at = q++;
  while (q < end && (g_ascii_isalnum (*q) || *q == '-' || *q == '_' || *q == '.'))
    q++;
  /* the full stop after an address ends the sentence, not the address */
  while (q > at && (q[-1] == '.' || q[-1] == '-'))
    q--;
  for (const char *d = at + 1; d < q; d++)
    if (*d == '.')
      dot = d;
  if (dot == NULL || dot == at + 1)
    return NULL;

  return q;
}

/* The end of an HTML tag or comment at @p, or NULL. */
static const char *
match_html (const char *p,
            const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '!')
    {
      const char *close = g_strstr_len (q, end - q, ">");
      return close != NULL ? close + 1 : NULL;
    }
  if (q < end && *q == '/')
    q++;
  if (q >= end || !g_ascii_isalpha (*q))
    return NULL;
  while (q < end && *q != '>' && *q != '<')
    q++;
  return q < end && *q == '>' ? q + 1 : NULL;
}

/* A scheme autolink <scheme:…>: returns the end after '>', or NULL. */
static const char *
match_autolink (const char *p,
                const char *end)
{
  const char *q = p + 1, *s = q;

  while (q < end && (g_ascii_isalnum (*q) || *q == '+' || *q == '.' || *q == '-'))
    q++;
  if (q - s < 2 || q - s > 32 || !g_ascii_isalpha (*s) || q >= end || *q != ':')
    return NULL;
  while (q < end && *q != '>' && *q != '<' && !g_ascii_isspace (*q))
    q++;
  return q < end && *q == '>' ? q + 1 : NULL;
}

typedef struct
{
  gsize from;
  gsize to;
} Skip;

static gboolean
is_task_marker (Checker    *c,
                const Region *r,
                gsize       open,
                gsize       close)
{
  const char *inner = c->text + open + 1;

  if (close - open != 2 || open != r->start)
    return FALSE;
  if (*inner != ' ' && *inner != 'x' && *inner != 'X')
    return FALSE;
  return r->in_item;
}

void
bulletin_checks_scan_region (Checker *c,
                             guint    index)
{
  const Region *r = &g_array_index (c->regions, Region, index);
  const char *base = c->text;
  const char *end = base + r->end;
  g_autoptr(GArray) skips = g_array_new (FALSE, FALSE, sizeof (Skip));
  g_auto(RegionScan) rs = { base, base + r->start, end, NULL, NULL };
  gsize i = r->start;

  while (i < r->end)
    {
      const char *p = base + i;
      char ch = *p;

      /* jump over a link destination reached from inside the link text */
      if (skips->len > 0)
        {
          Skip *top = &g_array_index (skips, Skip, skips->len - 1);

          if (i >= top->from)
            {
              i = MAX (i, top->to);
              g_array_set_size (skips, skips->len - 1);
              continue;
            }
        }

      if (ch == '\\' && p + 1 < end && is_ascii_punct (p[1]))
        {
          i += 2;
          continue;
        }

      if (ch == '`')
        {
          gsize run = 0;
          const char *close;

          while (p + run < end && p[run] == '`')
            run++;
          close = find_backticks (&rs, p + run, run);
          if (close != NULL)
            {
              exclude (c, i, close + run - base);
              i = close + run - base;
            }
          else
            i += run;
          continue;
        }

      if (ch == '<')
        {
          const char *q;

          if ((q = match_autolink (p, end)) != NULL)
            {
              add_link (c, LINK_AUTOLINK, FALSE, i, q - base, i + 1, q - base - 1,
                        g_strndup (p + 1, q - p - 2));
              exclude (c, i, q - base);
              i = q - base;
              continue;
            }
          if ((q = match_email (p + 1, end)) != NULL && q < end && *q == '>')
            {
              g_autofree char *address = g_strndup (p + 1, q - p - 1);

              add_link (c, LINK_AUTOLINK, FALSE, i, q + 1 - base, i + 1, q - base,
                        g_strconcat ("mailto:", address, NULL));
              exclude (c, i, q + 1 - base);
              i = q + 1 - base;
              continue;
            }
          if ((q = match_html (p, end)) != NULL)
            {
              exclude (c, i, q - base);
              i = q - base;
              continue;
            }
          i++;
          continue;
        }

      if (ch == '[' || (ch == '!' && p + 1 < end && p[1] == '['))
        {
          gboolean is_image = ch == '!';
          const char *open = is_image ? p + 1 : p;
          const char *close = find_closing_bracket (&rs, open);
          gsize start = p - base;

          if (close == NULL)
            {
              i = open + 1 - base;
              continue;
            }

          if (close + 1 < end && close[1] == '(')
            {
              char *url = NULL;
              const char *after = parse_destination (close + 1, end, &url);

              if (after != NULL)
                {
                  Skip skip = { close - base, after - base };

                  add_link (c, LINK_INLINE, is_image, start, after - base,
                            open + 1 - base, close - base, url);
                  exclude (c, close - base, after - base);
                  g_array_append_val (skips, skip);
                  i = open + 1 - base;
                  continue;
                }
            }

          if (close + 1 < end && close[1] == '[')
            {
              /* a label is at most 999 characters (CommonMark), so no
               * further than that is read for its end: "[a][" again and
               * again read to the region's end each time */
              const char *label_end = memchr (close + 2, ']',
                                              MIN ((gsize)(end - close - 2), MAX_LABEL_BYTES + 1));

              if (label_end != NULL)
                {
                  const char *url = label_end == close + 2
                    ? lookup_refdef (c, open + 1, close - open - 1)
                    : lookup_refdef (c, close + 2, label_end - close - 2);

                  if (url != NULL)
                    {
                      Skip skip = { close - base, label_end + 1 - base };

                      add_link (c, LINK_REFERENCE, is_image, start, label_end + 1 - base,
                                open + 1 - base, close - base, g_strdup (url));
                      exclude (c, close - base, label_end + 1 - base);
                      g_array_append_val (skips, skip);
                      i = open + 1 - base;
                      continue;
                    }
                }
            }

          {
            const char *url = lookup_refdef (c, open + 1, close - open - 1);

            if (url != NULL)
              add_link (c, LINK_REFERENCE, is_image, start, close + 1 - base,
                        open + 1 - base, close - base, g_strdup (url));
            else if (!is_image && open[1] != '^' &&
                     !is_task_marker (c, r, open - base, close - base))
              {
                Span s = { open - base, close + 1 - base };

                g_array_append_val (c->brackets, s);
              }
          }

          i = open + 1 - base;
          continue;
        }

      /* bare addresses start a word */
      if (g_ascii_isalnum (ch) &&
          (i == r->start || g_ascii_isspace (p[-1]) || strchr ("*_~(\"'", p[-1]) != NULL))
        {
          gboolean www = starts_with_ci (p, end, "www.");

          if (www || starts_with_ci (p, end, "http://") || starts_with_ci (p, end, "https://") ||
              starts_with_ci (p, end, "ftp://"))
            {
              const char *q = bare_url_end (p, end);

              if (q > p + 4)
                {
                  g_autofree char *written = g_strndup (p, q - p);

                  add_link (c, LINK_BARE, FALSE, i, q - base, i, q - base,
                            www ? g_strconcat ("http://", written, NULL) : g_steal_pointer (&written));
                  exclude (c, i, q - base);
                  i = q - base;
                  continue;
                }
            }
          else
            {
              const char *q = match_email (p, end);

              if (q != NULL)
                {
                  g_autofree char *address = g_strndup (p, q - p);

                  add_link (c, LINK_BARE_EMAIL, FALSE, i, q - base, i, q - base,
                            g_strconcat ("mailto:", address, NULL));
                  exclude (c, i, q - base);
                  i = q - base;
                  continue;
                }
            }

          /* the rest of the word cannot start anything */
          while (i < r->end && g_ascii_isalnum (base[i]))
            i++;
          continue;
        }

      i++;
    }
}
