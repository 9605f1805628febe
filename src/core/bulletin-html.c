/* bulletin-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <cmark-gfm-core-extensions.h>

#include "bulletin-html-private.h"
#include "bulletin-images.h"
#include "bulletin-markdown.h"

/* One renderer serves the preview and the email export, so the preview can
 * never drift from what recipients see. It walks the cmark AST and writes
 * each element with its inline style; mail clients ignore <style>. */

/* This file is the walk and the elements; bulletin-html-style.c has
 * the style table, bulletin-html-document.c the document around them
 * and bulletin-html-preheader.c the email's hidden first line. */

void
bulletin_html_escape (GString    *out,
                      const char *text,
                      gssize      len)
{
  const char *p;
  const char *end;
  const char *run;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);

  run = text;
  end = text + len;
  for (p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

/* Percent-encodes what may not appear raw in a URL attribute, so the
 * result is valid HTML whatever the author typed. */
static void
escape_href (GString    *out,
             const char *url)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *)url; *p; p++)
    {
      guchar c = *p;

      if (g_ascii_isalnum (c) || strchr ("-_.~!*();:@=+$,/?#[]%", c) != NULL)
        g_string_append_c (out, c);
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '\'')
        g_string_append (out, "&#39;");
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xF]);
        }
    }
}

typedef struct
{
  GString *out;
  const StyleSheet *sheet;
  BulletinHtmlFlags flags;
  int first_line;
  guint depth;          /* quotes, lists and items open around the node */
  const char *box;      /* a loose task item's box, for its first paragraph */
  BulletinHtmlImageFunc image_func;
  gpointer image_data;
} Renderer;

/* Deeper than this, quotes, lists and items add no more elements of
 * their own, and what they hold goes on at this depth, as in the plain
 * text (issue 14): 16 quotes, or 8 levels of lists (a list and its item
 * count one each). WebKit's parser flattens past 512 elements (its
 * preview showed nothing of a list nested 5,000 deep), 2,000 nested
 * quotes gave the Nu checker 4,972 errors, and no weekly update needs
 * more. */
#define MAX_NESTING 16

static inline void
put (Renderer   *r,
     const char *s)
{
  g_string_append (r->out, s);
}

static inline void
put_style (Renderer *r,
           Style     style)
{
  g_string_append_len (r->out, r->sheet->attributes[style], r->sheet->attribute_lens[style]);
}

/* printf is a measurable part of rendering a long draft; this is not */
static void
put_int (GString *out,
         int      value)
{
  char buf[16];
  int i = sizeof buf;

  if (value < 0)
    value = 0;

  do
    {
      buf[--i] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0 && i > 0);

  g_string_append_len (out, buf + i, sizeof buf - i);
}

static void
put_sourcepos (Renderer   *r,
               cmark_node *node)
{
  int line;

  if (!(r->flags & BULLETIN_HTML_PREVIEW))
    return;

  line = cmark_node_get_start_line (node);
  if (line <= 0)
    return;

  g_string_append (r->out, " data-sourcepos=\"");
  put_int (r->out, line - r->first_line + 1);
  g_string_append_c (r->out, ':');
  put_int (r->out, cmark_node_get_start_column (node));
  g_string_append_c (r->out, '-');
  put_int (r->out, MAX (cmark_node_get_end_line (node) - r->first_line + 1, 1));
  g_string_append_c (r->out, ':');
  put_int (r->out, cmark_node_get_end_column (node));
  g_string_append_c (r->out, '"');
}

/* A paragraph of images alone has no letter to take a direction from,
 * and dir="auto" would make it left to right: in a right-to-left update
 * its images would sit on the wrong side. It follows the page instead.
 * Only its own children are looked at, so the cost stays linear. */
static gboolean
has_only_images (cmark_node *node)
{
  gboolean any = FALSE;

  if (node == NULL || cmark_node_get_type (node) != CMARK_NODE_PARAGRAPH)
    return FALSE;
  for (cmark_node *child = cmark_node_first_child (node); child != NULL; child = cmark_node_next (child))
    {
      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_IMAGE:
          any = TRUE;
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          break;
        case CMARK_NODE_TEXT:
          {
            const char *literal = cmark_node_get_literal (child);

            for (const char *p = literal; p != NULL && *p != '\0'; p++)
              if (!g_ascii_isspace (*p))
                return FALSE;
          }
          break;
        default:
          return FALSE;
        }
    }
  return any;
}

static gboolean
is_in_loose_list (cmark_node *item)
{
  cmark_node *list = item != NULL ? cmark_node_parent (item) : NULL;

  return list != NULL && cmark_node_get_type (list) == CMARK_NODE_LIST && !cmark_node_get_list_tight (list);
}

/* Opens a block element: `<tag style="…" data-sourcepos="…"`, leaving the
 * tag open for extra attributes. */
static void
open_block (Renderer   *r,
            const char *tag,
            Style       style,
            cmark_node *node)
{
  g_string_append_c (r->out, '<');
  put (r, tag);
  /* each block takes its direction from its first letter: an update in
   * Arabic or Hebrew reads right to left, a quoted English line inside it
   * left to right (issue 14). Code keeps its own; a rule has no text.
   * A list, quote or table holds blocks that each say their own
   * direction, which dir="auto" skips: finding no letter of its own it
   * would be left to right, and a right-to-left update's lists would
   * align left. They follow the page instead, as a loose list's items
   * do (their paragraphs say theirs). */
  if (strcmp (tag, "pre") != 0 && strcmp (tag, "hr") != 0 &&
      strcmp (tag, "ul") != 0 && strcmp (tag, "ol") != 0 &&
      strcmp (tag, "blockquote") != 0 && strcmp (tag, "table") != 0 &&
      !(strcmp (tag, "li") == 0 && is_in_loose_list (node)) &&
      !(strcmp (tag, "p") == 0 && has_only_images (node)))
    put (r, " dir=\"auto\"");
  put_style (r, style);
  put_sourcepos (r, node);
}

static gboolean
in_tight_list (cmark_node *paragraph)
{
  cmark_node *item = cmark_node_parent (paragraph);
  cmark_node *list;

  if (item == NULL || cmark_node_get_type (item) != CMARK_NODE_ITEM)
    return FALSE;

  list = cmark_node_parent (item);
  return list != NULL && cmark_node_get_list_tight (list);
}

static gboolean
in_list_item (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM;
}

static void
append_plain_text (GString    *out,
                   cmark_node *node)
{
  g_autofree char *text = bulletin_markdown_plain_text (node);

  bulletin_html_escape (out, text, -1);
}

static gboolean
is_web_address (const char *url)
{
  return g_ascii_strncasecmp (url, "https:", 6) == 0 || g_ascii_strncasecmp (url, "http:", 5) == 0;
}

/* A box where the picture goes, with its alt text and the site it comes
 * from: the preview is offline by design, the email is not. */
static void
render_web_image_placeholder (Renderer   *r,
                              cmark_node *node,
                              const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *where = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autofree char *host = g_ascii_strdown (where != NULL && *where != '\0' ? where : url, -1);
  g_autofree char *alt = bulletin_markdown_plain_text (node);
  g_autofree char *note = NULL;

  g_strstrip (alt);
  /* Translators: under a picture's description in the preview, in
   * place of a picture on the web, which only the email loads */
  note = g_strdup_printf (_("Picture from %s, shown when the email is opened"), host);

  put (r, "<span class=\"bulletin-web-image\" role=\"img\" aria-label=\"");
  bulletin_html_escape (r->out, *alt != '\0' ? alt : note, -1);
  put (r, "\" style=\"display:block;box-sizing:border-box;max-width:100%;margin:8px 0;padding:12px 16px;"
          "border:1px dashed #8a8a8a;border-radius:6px;background:#f4f4f4;color:#3d3d3d;\">");
  if (*alt != '\0')
    {
      put (r, "<span style=\"display:block;\">");
      bulletin_html_escape (r->out, alt, -1);
      put (r, "</span>");
    }
  put (r, "<span style=\"display:block;font-size:85%;color:#5e5e5e;\">");
  bulletin_html_escape (r->out, note, -1);
  put (r, "</span></span>");
}

static void
render_image (Renderer   *r,
              cmark_node *node)
{
  const char *url = cmark_node_get_url (node);
  const char *title = cmark_node_get_title (node);
  g_autofree char *src = NULL;
  guint width = 0;

  /* an image beside the draft, which the caller knows how to send */
  if (r->image_func != NULL && url != NULL &&
      r->image_func (url, &src, &width, r->image_data))
    {
      g_assert (src != NULL);
      url = src;
    }
  else if ((r->flags & BULLETIN_HTML_PREVIEW) && url != NULL && *url != '\0' && *url != '#' &&
           !g_str_has_prefix (url, "//") && g_uri_peek_scheme (url) == NULL)
    {
      /* an image beside the draft: the preview's page has the draft's
       * folder as its base (bulletin_preview_set_base()), and may load
       * only local files, never the network */
    }
  else if ((r->flags & BULLETIN_HTML_PREVIEW) && url != NULL &&
           g_ascii_strncasecmp (url, BULLETIN_IMAGE_SCHEME ":", strlen (BULLETIN_IMAGE_SCHEME ":")) == 0)
    {
      /* one kept in the database, which the preview serves itself */
    }
  else if (!bulletin_markdown_url_is_safe (url, TRUE))
    {
      /* Not a source a mail client may load: keep the words, drop the
       * picture. */
      put (r, "[");
      append_plain_text (r->out, node);
      put (r, "]");
      return;
    }

  /* The preview never loads from the network (its Content-Security-
   * Policy), and a picture it may not load was an empty strip: it says
   * what will be there and where from, as the email will show it. */
  if ((r->flags & BULLETIN_HTML_PREVIEW) && url != NULL && src == NULL && is_web_address (url))
    {
      render_web_image_placeholder (r, node, url);
      return;
    }

  put (r, "<img src=\"");
  escape_href (r->out, url);
  put (r, "\" alt=\"");
  append_plain_text (r->out, node);
  put (r, "\"");
  if (title != NULL && *title)
    {
      put (r, " title=\"");
      bulletin_html_escape (r->out, title, -1);
      put (r, "\"");
    }
  /* Outlook for Windows ignores max-width and shows an image at its
   * own size: a wide photo without a width breaks the column */
  if (width > 0)
    {
      const char *attribute = r->sheet->attributes[STYLE_IMG];
      gsize len = r->sheet->attribute_lens[STYLE_IMG];

      g_string_append_printf (r->out, " width=\"%u\"", width);
      /* Thunderbird and Gmail let an image with a width attribute run
       * past a narrow reading pane, max-width:100% or not: an image
       * with a known width takes the pane's width, up to its own */
      if (len > strlen (" style=\"") + 1)
        {
          g_string_append_len (r->out, attribute, len - 1);
          if (attribute[len - 2] != ';')
            g_string_append_c (r->out, ';');
        }
      else
        put (r, " style=\"");
      g_string_append_printf (r->out, "width:100%%;max-width:%upx;\"", width);
    }
  else
    put_style (r, STYLE_IMG);
  put (r, ">");
}

static int
cell_index (cmark_node *cell)
{
  int i = 0;

  for (cmark_node *prev = cmark_node_previous (cell); prev; prev = cmark_node_previous (prev))
    i++;

  return i;
}

static void
render_cell (Renderer   *r,
             cmark_node *cell,
             gboolean    entering)
{
  cmark_node *row = cmark_node_parent (cell);
  cmark_node *table = row ? cmark_node_parent (row) : NULL;
  gboolean header = row != NULL && strcmp (cmark_node_get_type_string (row), "table_header") == 0;
  const char *tag = header ? "th" : "td";

  if (!entering)
    {
      g_string_append_printf (r->out, "</%s>\n", tag);
      return;
    }

  g_string_append_printf (r->out, "<%s dir=\"auto\"", tag);

  {
    uint8_t *aligns = table ? cmark_gfm_extensions_get_table_alignments (table) : NULL;
    guint n_cols = table ? cmark_gfm_extensions_get_table_columns (table) : 0;
    int i = cell_index (cell);
    const char *align = NULL;
    Style style = header ? STYLE_TH : STYLE_TD;

    if (aligns != NULL && i >= 0 && (guint)i < n_cols)
      {
        switch (aligns[i])
          {
          case 'l': align = "left"; break;
          case 'c': align = "center"; break;
          case 'r': align = "right"; break;
          default: break;
          }
      }

    if (align == NULL)
      put_style (r, style);
    else
      {
        const char *decl = r->sheet->values[style];

        /* the column's alignment instead of the style sheet's, not after
         * it: written twice, the first is dead weight (issue 14) */
        put (r, " style=\"");
        while (*decl != '\0')
          {
            const char *end = strchr (decl, ';');
            gsize len = end != NULL ? (gsize)(end - decl) + 1 : strlen (decl);
            const char *name = decl;

            while (*name == ' ')
              name++;
            if (g_ascii_strncasecmp (name, "text-align", strlen ("text-align")) != 0)
              bulletin_html_escape (r->out, decl, len);
            decl += len;
          }
        g_string_append_printf (r->out, "text-align:%s;\"", align);
      }
  }

  put_sourcepos (r, cell);
  put (r, ">");
}

static void
render_extension (Renderer         *r,
                  cmark_node       *node,
                  cmark_event_type  ev)
{
  const char *kind = cmark_node_get_type_string (node);
  gboolean entering = ev == CMARK_EVENT_ENTER;

  if (strcmp (kind, "table") == 0)
    {
      if (entering)
        {
          put (r, "<div");
          put_style (r, STYLE_TABLE_BOX);
          put (r, ">\n");
          open_block (r, "table", STYLE_TABLE, node);
          put (r, ">\n");
        }
      else
        {
          /* tbody is opened by the first body row, if there is one */
          cmark_node *last = cmark_node_last_child (node);
          if (last != NULL && strcmp (cmark_node_get_type_string (last), "table_row") == 0)
            put (r, "</tbody>\n");
          put (r, "</table>\n</div>\n");
        }
    }
  else if (strcmp (kind, "table_header") == 0)
    {
      if (entering)
        {
          put (r, "<thead>\n<tr");
          put_sourcepos (r, node);
          put (r, ">\n");
        }
      else
        put (r, "</tr>\n</thead>\n");
    }
  else if (strcmp (kind, "table_row") == 0)
    {
      if (entering)
        {
          cmark_node *prev = cmark_node_previous (node);
          if (prev == NULL || strcmp (cmark_node_get_type_string (prev), "table_row") != 0)
            put (r, "<tbody>\n");
          put (r, "<tr");
          put_sourcepos (r, node);
          put (r, ">\n");
        }
      else
        put (r, "</tr>\n");
    }
  else if (strcmp (kind, "table_cell") == 0)
    {
      render_cell (r, node, entering);
    }
  else if (strcmp (kind, "strikethrough") == 0)
    {
      if (entering)
        {
          put (r, "<del");
          put_style (r, STYLE_DEL);
          put (r, ">");
        }
      else
        put (r, "</del>");
    }
  /* Unknown extension nodes render only their children. */
}

static void
render_node (Renderer         *r,
             cmark_iter       *iter,
             cmark_node       *node,
             cmark_event_type  ev)
{
  gboolean entering = ev == CMARK_EVENT_ENTER;
  cmark_node_type type = cmark_node_get_type (node);
  const char *literal;

  if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_ITEM)
    {
      gboolean too_deep;

      if (entering)
        r->depth++;
      too_deep = r->depth > MAX_NESTING;
      if (!entering)
        r->depth--;
      if (too_deep)
        return;
    }

  switch (type)
    {
    case CMARK_NODE_DOCUMENT:
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      if (entering)
        {
          open_block (r, "blockquote", (r->flags & BULLETIN_HTML_RTL) ? STYLE_BLOCKQUOTE_RTL : STYLE_BLOCKQUOTE, node);
          put (r, ">\n");
        }
      else
        put (r, "</blockquote>\n");
      break;

    case CMARK_NODE_LIST:
      {
        gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;

        if (entering)
          {
            int start = cmark_node_get_list_start (node);

            open_block (r, ordered ? "ol" : "ul",
                        (r->flags & BULLETIN_HTML_RTL) ? (ordered ? STYLE_OL_RTL : STYLE_UL_RTL)
                                                       : (ordered ? STYLE_OL : STYLE_UL),
                        node);
            if (ordered && start != 1)
              g_string_append_printf (r->out, " start=\"%d\"", start);
            put (r, ">\n");
          }
        else
          put (r, ordered ? "</ol>\n" : "</ul>\n");
      }
      break;

    case CMARK_NODE_ITEM:
      if (entering)
        {
          gboolean checked = FALSE;

          if (bulletin_markdown_is_task_item (node, &checked))
            {
              cmark_node *first = cmark_node_first_child (node);
              /* Form controls do not survive mail clients; a box
               * character does. */
              const char *box = checked ? "\xE2\x98\x91 " : "\xE2\x98\x90 ";

              open_block (r, "li", STYLE_TASK, node);
              put (r, ">");
              /* in a loose list the item's words are a <p>: the box goes
               * in it, not on a line of its own above it (issue 14) */
              if (first != NULL && cmark_node_get_type (first) == CMARK_NODE_PARAGRAPH && !in_tight_list (first))
                r->box = box;
              else
                put (r, box);
            }
          else
            {
              open_block (r, "li", STYLE_LI, node);
              put (r, ">");
            }
        }
      else
        put (r, "</li>\n");
      break;

    case CMARK_NODE_CODE_BLOCK:
      open_block (r, "pre", STYLE_PRE, node);
      put (r, "><code");
      put_style (r, STYLE_PRE_CODE);
      put (r, ">");
      bulletin_html_escape (r->out, cmark_node_get_literal (node), -1);
      put (r, "</code></pre>\n");
      break;

    case CMARK_NODE_HTML_BLOCK:
      /* Raw HTML never reaches the page; the author sees what they typed,
       * as text, rather than having it vanish. */
      literal = cmark_node_get_literal (node);
      open_block (r, "p", STYLE_RAW, node);
      put (r, ">");
      if (literal != NULL)
        {
          gsize len = strlen (literal);
          while (len > 0 && (literal[len - 1] == '\n' || literal[len - 1] == '\r'))
            len--;
          bulletin_html_escape (r->out, literal, len);
        }
      put (r, "</p>\n");
      break;

    case CMARK_NODE_PARAGRAPH:
      if (in_tight_list (node))
        {
          /* separate consecutive tight-list blocks as cmark does */
          if (!entering && cmark_node_next (node) != NULL)
            put (r, "\n");
          break;
        }
      if (entering)
        {
          open_block (r, "p", in_list_item (node) ? STYLE_LI_P : STYLE_P, node);
          put (r, ">");
          if (r->box != NULL)
            put (r, r->box);
          r->box = NULL;
        }
      else
        put (r, "</p>\n");
      break;

    case CMARK_NODE_HEADING:
      {
        int level = CLAMP (cmark_node_get_heading_level (node), 1, 6);
        char tag[3] = { 'h', '0' + level, 0 };

        if (entering)
          {
            open_block (r, tag, STYLE_H1 + level - 1, node);
            put (r, ">");
          }
        else
          g_string_append_printf (r->out, "</%s>\n", tag);
      }
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      open_block (r, "hr", STYLE_HR, node);
      put (r, ">\n");
      break;

    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
      bulletin_html_escape (r->out, cmark_node_get_literal (node), -1);
      break;

    case CMARK_NODE_SOFTBREAK:
      put (r, "\n");
      break;

    case CMARK_NODE_LINEBREAK:
      put (r, "<br>\n");
      break;

    case CMARK_NODE_CODE:
      put (r, "<code");
      put_style (r, STYLE_CODE);
      put (r, ">");
      bulletin_html_escape (r->out, cmark_node_get_literal (node), -1);
      put (r, "</code>");
      break;

    case CMARK_NODE_EMPH:
      if (entering)
        {
          put (r, "<em");
          put_style (r, STYLE_EM);
          put (r, ">");
        }
      else
        put (r, "</em>");
      break;

    case CMARK_NODE_STRONG:
      if (entering)
        {
          put (r, "<strong");
          put_style (r, STYLE_STRONG);
          put (r, ">");
        }
      else
        put (r, "</strong>");
      break;

    case CMARK_NODE_LINK:
      {
        const char *url = cmark_node_get_url (node);

        /* Unsafe destinations keep their text but lose the link; so do
         * links to a place in the page, which most mail clients leave
         * dead (issue 14). */
        if (!bulletin_markdown_url_is_safe (url, FALSE) || url[0] == '#')
          break;

        if (entering)
          {
            const char *title = cmark_node_get_title (node);
            cmark_node *text = cmark_node_first_child (node);

            put (r, "<a href=\"");
            /* cmark-gfm makes "www.example.org" an http: link; every
             * site a weekly update points to answers on https, and an
             * http: link is flagged by mail filters (issue 14) */
            if (g_str_has_prefix (url, "http://www.") && text != NULL &&
                cmark_node_next (text) == NULL && cmark_node_get_type (text) == CMARK_NODE_TEXT &&
                g_strcmp0 (cmark_node_get_literal (text), url + strlen ("http://")) == 0)
              {
                put (r, "https://");
                escape_href (r->out, url + strlen ("http://"));
              }
            else
              escape_href (r->out, url);
            put (r, "\"");
            if (title != NULL && *title)
              {
                put (r, " title=\"");
                bulletin_html_escape (r->out, title, -1);
                put (r, "\"");
              }
            put_style (r, STYLE_A);
            put (r, ">");
          }
        else
          put (r, "</a>");
      }
      break;

    case CMARK_NODE_IMAGE:
      if (entering)
        {
          render_image (r, node);
          /* the alt text is written already; skip the children */
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
        }
      break;

    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      /* footnotes are not enabled in the parser */
      break;

    default:
      render_extension (r, node, ev);
      break;
    }
}

/**
 * bulletin_html_render_block:
 * @out: where to append
 * @block: a node and its subtree, usually a top-level block
 * @flags: #BulletinHtmlFlags
 *
 * Appends the HTML of @block. With %BULLETIN_HTML_PREVIEW, source lines in
 * `data-sourcepos` are relative to the first line of @block.
 */
void
bulletin_html_render_block (GString           *out,
                            cmark_node        *block,
                            BulletinHtmlFlags  flags)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (block != NULL);

  bulletin_html_render_block_with_images (out, block, flags, NULL, NULL);
}

/**
 * bulletin_html_render_block_with_images:
 * @out: where to append
 * @block: a node and its subtree, usually a top-level block
 * @flags: #BulletinHtmlFlags
 * @image_func: (nullable): asked about every image's address first
 * @image_data: data for @image_func
 *
 * Like bulletin_html_render_block(); an image for which @image_func
 * returns %TRUE is written with the source and width it gives, whatever
 * its address (a file beside the draft, which becomes a `cid:` address
 * in an .eml).
 */
void
bulletin_html_render_block_with_images (GString               *out,
                                        cmark_node            *block,
                                        BulletinHtmlFlags      flags,
                                        BulletinHtmlImageFunc  image_func,
                                        gpointer               image_data)
{
  Renderer r;
  cmark_iter *iter;
  cmark_event_type ev;

  g_return_if_fail (out != NULL);
  g_return_if_fail (block != NULL);

  r.out = out;
  r.sheet = bulletin_html_style_sheet ();
  r.flags = flags;
  r.first_line = MAX (cmark_node_get_start_line (block), 1);
  r.depth = 0;
  r.box = NULL;
  r.image_func = image_func;
  r.image_data = image_data;

  iter = cmark_iter_new (block);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    render_node (&r, iter, cmark_iter_get_node (iter), ev);
  cmark_iter_free (iter);
}

/**
 * bulletin_html_render_body:
 * @document: a document node from bulletin_markdown_parse()
 * @flags: #BulletinHtmlFlags
 *
 * Returns: (transfer full): the HTML of every block of @document
 */
char *
bulletin_html_render_body (cmark_node        *document,
                           BulletinHtmlFlags  flags)
{
  GString *out;

  g_return_val_if_fail (document != NULL, NULL);

  out = g_string_sized_new (4096);
  for (cmark_node *child = cmark_node_first_child (document);
       child != NULL;
       child = cmark_node_next (child))
    bulletin_html_render_block (out, child, flags);

  return g_string_free (out, FALSE);
}
