/* bulletin-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "bulletin-markdown.h"
#include "bulletin-text-private.h"

/* The plain-text part of an email, written from the same AST as the HTML.
 * Readers of plain text know Markdown-like conventions (underlined
 * headings, "- " lists, "> " quotes, "text [1]" with references at the
 * end), so those are what is written; everything else of the Markdown
 * source is gone.
 *
 * Each block renders to a list of lines without its container's prefix;
 * containers (quotes, list items) then prefix their children's lines.
 * That keeps every block ignorant of how deeply it is nested, apart from
 * the width it may fill.
 *
 * Decisions, kept in one place:
 *  - strikethrough is written ~like this~: dropping the marks would make
 *    struck-out text read as current;
 *  - inline code is written as it is, without backticks, which readers of
 *    a weekly update would not expect;
 *  - raw HTML is written as the author typed it, as the HTML export shows
 *    it as text too: stripping tags could drop words silently;
 *  - a link whose text is its own address (autolinks, "www." links,
 *    mailto: with the address as text) stays inline instead of getting a
 *    reference; links the HTML export refuses (javascript:, …) and in-page
 *    anchors keep their words only.
 */
/* This file walks the AST into lines; bulletin-text-wrap.c fills
 * lines with words at display width. */


/* Past this depth containers are flattened: deeper nesting means nothing
 * in 72 columns, and the recursion must stay bounded whatever the input. */
#define MAX_DEPTH 16

/* The narrowest text column a nested block is given, so that absurd
 * nesting does not leave one word per line. */
#define MIN_WIDTH 12

typedef struct
{
  guint width;
  GPtrArray *urls;          /* (element-type utf8): the reference list */
  GHashTable *url_numbers;  /* URL → reference number */
  GString *paragraph;       /* reused for every paragraph's words */
} TextRenderer;

static void render_block   (TextRenderer *r,
                            cmark_node   *node,
                            guint         width,
                            Lines        *lines,
                            guint         depth);
static void render_inlines (TextRenderer *r,
                            cmark_node   *parent,
                            GString      *out,
                            guint         depth);

static void
append_literal (GString    *out,
                const char *text)
{
  const char *run = text;
  const char *p;

  if (text == NULL)
    return;

  /* Tabs and line ends inside inline text are just spaces; other control
   * characters have no place in a mail. */
  for (p = text; *p; p++)
    {
      if ((guchar)*p >= 0x20 && *p != 0x7f)
        continue;
      g_string_append_len (out, run, p - run);
      if (*p == '\t' || *p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
}

/* Plain-text mail readers find a URL by where it stops: at a space, a
 * quote or an angle bracket. Those (and the other ASCII characters RFC
 * 3986 does not allow) are percent-encoded as in the HTML's href, or a
 * reader would follow half the address; other non-ASCII characters stay
 * readable. */
static char *
url_for_text (const char *url)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out = g_string_sized_new (strlen (url));

  for (const guchar *p = (const guchar *)url; *p; p++)
    {
      if (*p <= 0x20 || *p == 0x7f || strchr ("\"<>\\^`{|}", *p) != NULL)
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xF]);
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static guint
reference_number (TextRenderer *r,
                  const char   *url)
{
  gpointer number = g_hash_table_lookup (r->url_numbers, url);

  if (number != NULL)
    return GPOINTER_TO_UINT (number);

  g_ptr_array_add (r->urls, url_for_text (url));
  g_hash_table_insert (r->url_numbers, g_strdup (url), GUINT_TO_POINTER (r->urls->len));
  return r->urls->len;
}

/* Whether the words of a link already are its address, so that a
 * reference would only repeat it. */
static gboolean
link_is_bare (const char *text,
              const char *url)
{
  static const char * const prefixes[] = { "mailto:", "http://", "https://" };

  if (g_str_equal (text, url))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (url, prefixes[i], n) == 0 && g_str_equal (url + n, text))
        return TRUE;
    }

  return FALSE;
}

static void
render_link (TextRenderer *r,
             cmark_node   *link,
             GString      *out,
             guint         depth)
{
  const char *url = cmark_node_get_url (link);
  g_autofree char *text = bulletin_markdown_plain_text (link);

  if (!bulletin_markdown_url_is_safe (url, FALSE) || url[0] == '#')
    {
      render_inlines (r, link, out, depth + 1);
      return;
    }

  if (link_is_bare (text, url))
    {
      append_literal (out, text);
      return;
    }

  render_inlines (r, link, out, depth + 1);
  if (*text == '\0' && cmark_node_first_child (link) == NULL)
    {
      /* a link with no words at all: the address is all there is */
      g_autofree char *shown = url_for_text (url);

      g_string_append (out, shown);
      return;
    }
  g_string_append_printf (out, "%c[%u]", GLUE, reference_number (r, url));
}

static void
render_inline (TextRenderer *r,
               cmark_node   *node,
               GString      *out,
               guint         depth)
{
  const char *kind;

  if (depth > MAX_DEPTH)
    {
      g_autofree char *text = bulletin_markdown_plain_text (node);

      append_literal (out, text);
      return;
    }

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      append_literal (out, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_SOFTBREAK:
      g_string_append_c (out, ' ');
      break;

    case CMARK_NODE_LINEBREAK:
      g_string_append_c (out, '\n');
      break;

    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
      /* stars read as Markdown left behind, not as emphasis, in a plain
       * email (issue 14): the words carry it */
      render_inlines (r, node, out, depth + 1);
      break;

    case CMARK_NODE_LINK:
      render_link (r, node, out, depth);
      break;

    case CMARK_NODE_IMAGE:
      {
        g_autofree char *alt = bulletin_markdown_plain_text (node);
        const char *url = cmark_node_get_url (node);

        if (*alt == '\0')
          g_string_append (out, "[image]");
        else
          {
            g_string_append (out, "[image: ");
            append_literal (out, alt);
            g_string_append_c (out, ']');
          }
        /* where to see it, with the link addresses at the end */
        if (url != NULL && *url != '\0' && url[0] != '#' && bulletin_markdown_url_is_safe (url, TRUE))
          g_string_append_printf (out, "%c[%u]", GLUE, reference_number (r, url));
      }
      break;

    default:
      kind = cmark_node_get_type_string (node);
      if (kind != NULL && strcmp (kind, "strikethrough") == 0)
        {
          /* struck-out words without their marks would read as current:
           * the two tildes are how plain-text mail marks them */
          g_string_append (out, "~~");
          render_inlines (r, node, out, depth + 1);
          g_string_append (out, "~~");
        }
      else
        render_inlines (r, node, out, depth + 1);
      break;
    }
}

static void
render_inlines (TextRenderer *r,
                cmark_node   *parent,
                GString      *out,
                guint         depth)
{
  for (cmark_node *child = cmark_node_first_child (parent);
       child != NULL;
       child = cmark_node_next (child))
    render_inline (r, child, out, depth);
}

static void
render_children (TextRenderer *r,
                 cmark_node   *parent,
                 guint         width,
                 Lines        *lines,
                 gboolean      tight,
                 guint         depth)
{
  for (cmark_node *child = cmark_node_first_child (parent);
       child != NULL;
       child = cmark_node_next (child))
    {
      if (!tight && child != cmark_node_first_child (parent))
        add_blank (lines);
      render_block (r, child, width, lines, depth + 1);
    }
}

static char *
inline_text (TextRenderer *r,
             cmark_node   *node)
{
  GString *out = g_string_new (NULL);

  render_inlines (r, node, out, 0);
  return g_string_free (out, FALSE);
}

static void
render_heading (TextRenderer *r,
                cmark_node   *node,
                guint         width,
                Lines        *lines)
{
  int level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
  g_autofree char *text = inline_text (r, node);
  g_autofree char *underline = NULL;
  g_auto(Lines) wrapped = { NULL, };
  const char *line = NULL;
  gsize len = 0;
  gsize widest = 0;

  /* "###" is Markdown left behind (issue 14): a smaller heading is its
   * words on a line of their own, between blank lines */
  if (level > 2)
    {
      bulletin_text_wrap_text (lines, text, width);
      return;
    }

  bulletin_text_wrap_text (&wrapped, text, width);
  while ((line = lines_next (&wrapped, line, &len)) != NULL)
    widest = MAX (widest, bulletin_text_display_width (line, len));
  bulletin_text_prefix_lines (lines, &wrapped, "", "");
  underline = g_strnfill (MAX (widest, 1), level == 1 ? '=' : '-');
  lines_add (lines, underline);
}

static void
render_list (TextRenderer *r,
             cmark_node   *list,
             guint         width,
             Lines        *lines,
             guint         depth)
{
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  gboolean tight = cmark_node_get_list_tight (list);
  int number = cmark_node_get_list_start (list);
  int widest = 0;

  if (ordered)
    {
      int last = number;

      for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
        last++;
      /* "9.  " and "10. " start their text in the same column */
      {
        g_autofree char *last_marker = g_strdup_printf ("%d.", MAX (last - 1, number));

        widest = strlen (last_marker) + 1;
      }
    }

  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
    {
      g_auto(Lines) body = { NULL, };
      g_autoptr(GString) marker = g_string_new (NULL);
      g_autofree char *indent = NULL;
      gboolean checked = FALSE;

      if (ordered)
        {
          g_string_printf (marker, "%d.", number++);
          while (marker->len < (gsize)widest)
            g_string_append_c (marker, ' ');
        }
      else
        g_string_append (marker, "- ");

      if (bulletin_markdown_is_task_item (item, &checked))
        g_string_append (marker, checked ? "[x] " : "[ ] ");

      indent = g_strnfill (marker->len, ' ');

      if (!tight && item != cmark_node_first_child (list))
        add_blank (lines);

      render_children (r, item, MAX (width - MIN (width, marker->len), MIN_WIDTH),
                       &body, tight, depth);
      if (body.n_lines == 0)
        lines_end_line (&body);
      bulletin_text_prefix_lines (lines, &body, marker->str, indent);
    }
}

static gboolean
is_kind (cmark_node *node,
         const char *kind)
{
  const char *type = cmark_node_get_type_string (node);

  return type != NULL && strcmp (type, kind) == 0;
}

/* A cell on one line: its hard breaks become spaces, as in the HTML a
 * narrow client would show. */
static char *
cell_text (TextRenderer *r,
           cmark_node   *cell)
{
  char *text = inline_text (r, cell);

  g_strdelimit (text, (char[]) { GLUE, '\n', 0 }, ' ');
  return g_strstrip (text);
}

static void
pad (GString *out,
     gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

static void
render_table (TextRenderer *r,
              cmark_node   *table,
              guint         width,
              Lines        *lines)
{
  guint n_cols = cmark_gfm_extensions_get_table_columns (table);
  uint8_t *aligns = cmark_gfm_extensions_get_table_alignments (table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree gsize *widths = NULL;
  gsize total = 0;
  gboolean has_header = FALSE;

  if (n_cols == 0)
    return;

  widths = g_new0 (gsize, n_cols);
  for (cmark_node *row = cmark_node_first_child (table); row; row = cmark_node_next (row))
    {
      char **cells = g_new0 (char *, n_cols + 1);
      guint i = 0;

      for (cmark_node *cell = cmark_node_first_child (row);
           cell != NULL && i < n_cols;
           cell = cmark_node_next (cell), i++)
        cells[i] = cell_text (r, cell);
      for (; i < n_cols; i++)
        cells[i] = g_strdup ("");

      for (i = 0; i < n_cols; i++)
        widths[i] = MAX (widths[i], bulletin_text_display_width (cells[i], -1));

      if (row == cmark_node_first_child (table) && is_kind (row, "table_header"))
        has_header = TRUE;
      g_ptr_array_add (rows, cells);
    }

  for (guint i = 0; i < n_cols; i++)
    total += widths[i] + (i > 0 ? 2 : 0);

  if (total <= width)
    {
      for (guint j = 0; j < rows->len; j++)
        {
          char **cells = g_ptr_array_index (rows, j);
          g_autoptr(GString) line = g_string_new (NULL);

          for (guint i = 0; i < n_cols; i++)
            {
              gsize room = widths[i] - bulletin_text_display_width (cells[i], -1);
              char align = aligns != NULL ? (char)aligns[i] : 0;
              gsize before = align == 'r' ? room : align == 'c' ? room / 2 : 0;

              if (i > 0)
                g_string_append (line, "  ");
              pad (line, before);
              g_string_append (line, cells[i]);
              pad (line, room - before);
            }
          lines_append (lines, line->str, bulletin_text_chomped_length (line->str, line->len));
          lines_end_line (lines);

          if (j == 0 && has_header)
            {
              g_string_truncate (line, 0);
              for (guint i = 0; i < n_cols; i++)
                {
                  char *dashes = g_strnfill (MAX (widths[i], 1), '-');

                  if (i > 0)
                    g_string_append (line, "  ");
                  g_string_append (line, dashes);
                  g_free (dashes);
                }
              lines_add (lines, line->str);
            }
        }
      return;
    }

  /* Too wide for aligned columns: each row becomes a little record of
   * "Header: value" lines, which wraps like any paragraph. */
  for (guint j = has_header ? 1 : 0; j < rows->len; j++)
    {
      char **header = has_header ? g_ptr_array_index (rows, 0) : NULL;
      char **cells = g_ptr_array_index (rows, j);

      add_blank (lines);
      for (guint i = 0; i < n_cols; i++)
        {
          g_auto(Lines) wrapped = { NULL, };
          g_autofree char *field = NULL;

          if (header != NULL && *header[i] != '\0')
            field = g_strconcat (header[i], ": ", cells[i], NULL);
          else
            field = g_strdup (cells[i]);

          if (*field == '\0')
            continue;
          bulletin_text_wrap_text (&wrapped, field, MAX (width - MIN (width, 2), MIN_WIDTH));
          bulletin_text_prefix_lines (lines, &wrapped, "", "  ");
        }
    }

  if (has_header && rows->len == 1)
    {
      char **header = g_ptr_array_index (rows, 0);

      for (guint i = 0; i < n_cols; i++)
        if (*header[i] != '\0')
          bulletin_text_wrap_text (lines, header[i], width);
    }
}

static void
render_literal_lines (Lines      *lines,
                      const char *literal,
                      const char *indent,
                      guint       wrap_width)
{
  g_auto(GStrv) source = g_strsplit (literal != NULL ? literal : "", "\n", -1);
  guint n = g_strv_length (source);

  /* the literal ends with a newline, which is no line of its own */
  while (n > 0 && *g_strchomp (source[n - 1]) == '\0')
    n--;

  for (guint i = 0; i < n; i++)
    {
      g_strchomp (source[i]);
      if (*source[i] == '\0')
        lines_end_line (lines);
      else if (wrap_width > 0)
        {
          g_autoptr(GString) clean = g_string_new (NULL);

          append_literal (clean, source[i]);
          bulletin_text_wrap_text (lines, clean->str, wrap_width);
        }
      else
        {
          lines_append (lines, indent, strlen (indent));
          lines_add (lines, source[i]);
        }
    }
}

static void
render_block (TextRenderer *r,
              cmark_node   *node,
              guint         width,
              Lines        *lines,
              guint         depth)
{
  if (depth > MAX_DEPTH)
    {
      g_autofree char *text = bulletin_markdown_plain_text (node);

      bulletin_text_wrap_text (lines, text, width);
      return;
    }

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      /* a paragraph holds no paragraph, so one buffer serves them all */
      g_string_truncate (r->paragraph, 0);
      render_inlines (r, node, r->paragraph, 0);
      bulletin_text_wrap_text (lines, r->paragraph->str, width);
      break;

    case CMARK_NODE_HEADING:
      render_heading (r, node, width, lines);
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      lines_add (lines, "* * *");
      break;

    case CMARK_NODE_CODE_BLOCK:
      /* code keeps its lines: wrapping would change what it says */
      render_literal_lines (lines, cmark_node_get_literal (node), "    ", 0);
      break;

    case CMARK_NODE_HTML_BLOCK:
      render_literal_lines (lines, cmark_node_get_literal (node), "", width);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      {
        g_auto(Lines) body = { NULL, };

        render_children (r, node, MAX (width - MIN (width, 2), MIN_WIDTH), &body, FALSE, depth);
        bulletin_text_prefix_lines (lines, &body, "> ", "> ");
      }
      break;

    case CMARK_NODE_LIST:
      render_list (r, node, width, lines, depth);
      break;

    default:
      if (is_kind (node, "table"))
        render_table (r, node, width, lines);
      else
        render_children (r, node, width, lines, FALSE, depth);
      break;
    }
}

/**
 * bulletin_text_render:
 * @document: a document node from bulletin_markdown_parse()
 * @width: the widest a line may be, in columns; 0 for
 *   %BULLETIN_TEXT_DEFAULT_WIDTH
 *
 * Renders @document as the plain-text part of an email: lines of at most
 * @width display columns (only a single word or URL wider than that
 * overflows, on a line of its own, and code blocks are never wrapped), no
 * trailing spaces, links as "text [1]" with the numbered addresses at the
 * end.
 *
 * Returns: (transfer full): UTF-8 text ending with exactly one newline, or
 *   an empty string for an empty document
 */
static void
text_renderer_init (TextRenderer *r,
                    guint         width)
{
  r->width = width > 0 ? width : BULLETIN_TEXT_DEFAULT_WIDTH;
  r->urls = g_ptr_array_new_with_free_func (g_free);
  r->url_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->paragraph = g_string_sized_new (1024);
}

/* Adds the numbered addresses, frees @r and turns @lines into the text. */
static char *
text_renderer_finish (TextRenderer *r,
                      Lines        *lines)
{
  const char *line = NULL;
  gsize len = 0;
  char *out;
  gsize out_len = 0;
  gsize blank_run = 0;

  if (r->urls->len > 0)
    {
      add_blank (lines);
      for (guint i = 0; i < r->urls->len; i++)
        {
          g_autofree char *reference = g_strdup_printf ("[%u] %s", i + 1,
                                                        (const char *)g_ptr_array_index (r->urls, i));

          lines_add (lines, reference);
        }
    }

  g_ptr_array_unref (r->urls);
  g_hash_table_unref (r->url_numbers);
  g_string_free (r->paragraph, TRUE);

  /* The text is written over the lines it comes from, which it never
   * outgrows. Trailing spaces would turn into format=flowed soft breaks
   * in some clients, and they are invisible noise anyway; blank lines
   * are kept only between lines of text. */
  lines_reserve (lines, 1);
  out = lines->data;
  while ((line = lines_next (lines, line, &len)) != NULL)
    {
      gsize kept = bulletin_text_chomped_length (line, len);

      if (kept == 0)
        {
          blank_run += out_len > 0;
          continue;
        }
      for (; blank_run > 0; blank_run--)
        out[out_len++] = '\n';
      memmove (out + out_len, line, kept);
      out_len += kept;
      out[out_len++] = '\n';
    }

  lines->data = NULL;
  out[out_len] = '\0';
  return out;
}

/**
 * bulletin_text_render:
 * @document: a document node from bulletin_markdown_parse()
 * @width: the widest a line may be, in columns; 0 for
 *   %BULLETIN_TEXT_DEFAULT_WIDTH
 *
 * Renders @document as the plain-text part of an email: lines of at most
 * @width display columns (only a single word or URL wider than that
 * overflows, on a line of its own, and code blocks are never wrapped), no
 * trailing spaces, links as "text [1]" with the numbered addresses at the
 * end.
 *
 * Returns: (transfer full): UTF-8 text ending with exactly one newline, or
 *   an empty string for an empty document
 */
char *
bulletin_text_render (cmark_node *document,
                      guint       width)
{
  TextRenderer r;
  g_auto(Lines) lines = { NULL, };

  g_return_val_if_fail (document != NULL, NULL);

  text_renderer_init (&r, width);
  render_block (&r, document, r.width, &lines, 0);
  return text_renderer_finish (&r, &lines);
}

struct _BulletinTextRenderer
{
  TextRenderer r;
  Lines        lines;
  gboolean     started;
};

/**
 * bulletin_text_renderer_new:
 * @width: as for bulletin_text_render()
 *
 * Renders a draft block by block, for a caller that reads it a part at a
 * time (see #BulletinMarkdownReader): the same text as
 * bulletin_text_render() of the whole.
 *
 * Returns: (transfer full): a renderer; end with
 *   bulletin_text_renderer_finish()
 */
BulletinTextRenderer *
bulletin_text_renderer_new (guint width)
{
  BulletinTextRenderer *self = g_new0 (BulletinTextRenderer, 1);

  text_renderer_init (&self->r, width);
  return self;
}

/**
 * bulletin_text_renderer_add_block:
 * @self: a #BulletinTextRenderer
 * @block: the next top-level block of the draft
 */
void
bulletin_text_renderer_add_block (BulletinTextRenderer *self,
                                  cmark_node           *block)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (block != NULL);

  /* as render_children() does for the document's own children */
  if (self->started)
    add_blank (&self->lines);
  self->started = TRUE;
  render_block (&self->r, block, self->r.width, &self->lines, 1);
}

/**
 * bulletin_text_renderer_finish:
 * @self: (transfer full): a #BulletinTextRenderer, freed
 *
 * Returns: (transfer full): the text, as from bulletin_text_render()
 */
char *
bulletin_text_renderer_finish (BulletinTextRenderer *self)
{
  char *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = text_renderer_finish (&self->r, &self->lines);
  lines_clear (&self->lines);
  g_free (self);
  return out;
}
