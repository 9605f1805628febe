/* bulletin-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <cmark-gfm-core-extensions.h>

#include "bulletin-html.h"
#include "bulletin-images.h"
#include "bulletin-markdown.h"

/* One renderer serves the preview and the email export, so the preview can
 * never drift from what recipients see. It walks the cmark AST and writes
 * each element with its inline style; mail clients ignore <style>. */

typedef enum
{
  STYLE_BODY,
  STYLE_MSO_CELL,
  STYLE_COLUMN,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_H4,
  STYLE_H5,
  STYLE_H6,
  STYLE_P,
  STYLE_LI_P,
  STYLE_A,
  STYLE_UL,
  STYLE_OL,
  STYLE_UL_RTL,
  STYLE_OL_RTL,
  STYLE_BLOCKQUOTE_RTL,
  STYLE_LI,
  STYLE_TASK,
  STYLE_BLOCKQUOTE,
  STYLE_PRE,
  STYLE_PRE_CODE,
  STYLE_CODE,
  STYLE_HR,
  STYLE_TABLE_BOX,
  STYLE_TABLE,
  STYLE_TH,
  STYLE_TD,
  STYLE_IMG,
  STYLE_STRONG,
  STYLE_EM,
  STYLE_DEL,
  STYLE_RAW,
  N_STYLES
} Style;

static const char * const style_names[N_STYLES] = {
  [STYLE_BODY] = "body",
  [STYLE_MSO_CELL] = "mso-cell",
  [STYLE_COLUMN] = "column",
  [STYLE_H1] = "h1",
  [STYLE_H2] = "h2",
  [STYLE_H3] = "h3",
  [STYLE_H4] = "h4",
  [STYLE_H5] = "h5",
  [STYLE_H6] = "h6",
  [STYLE_P] = "p",
  [STYLE_LI_P] = "li-p",
  [STYLE_A] = "a",
  [STYLE_UL] = "ul",
  [STYLE_OL] = "ol",
  [STYLE_UL_RTL] = "ul-rtl",
  [STYLE_OL_RTL] = "ol-rtl",
  [STYLE_BLOCKQUOTE_RTL] = "blockquote-rtl",
  [STYLE_LI] = "li",
  [STYLE_TASK] = "task",
  [STYLE_BLOCKQUOTE] = "blockquote",
  [STYLE_PRE] = "pre",
  [STYLE_PRE_CODE] = "pre-code",
  [STYLE_CODE] = "code",
  [STYLE_HR] = "hr",
  [STYLE_TABLE_BOX] = "table-box",
  [STYLE_TABLE] = "table",
  [STYLE_TH] = "th",
  [STYLE_TD] = "td",
  [STYLE_IMG] = "img",
  [STYLE_STRONG] = "strong",
  [STYLE_EM] = "em",
  [STYLE_DEL] = "del",
  [STYLE_RAW] = "raw",
};

typedef struct
{
  char *values[N_STYLES];     /* the declarations */
  char *attributes[N_STYLES]; /* ` style="…"`, escaped, ready to append */
  gsize attribute_lens[N_STYLES];
} StyleSheet;

static gpointer
load_style_sheet (gpointer data)
{
  StyleSheet *sheet = g_new0 (StyleSheet, 1);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/email-style.ini", 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error))
    g_error ("The built-in email stylesheet is missing: %s", error->message);

  for (guint i = 0; i < N_STYLES; i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, "Elements", style_names[i], NULL);
      GString *attr = g_string_new (" style=\"");

      /* Every element must carry a style; a missing key is a packaging bug
       * that the tests catch, not something to paper over at run time. */
      if (value == NULL)
        g_error ("The email stylesheet has no entry for “%s”", style_names[i]);

      g_strstrip (value);
      bulletin_html_escape (attr, value, -1);
      g_string_append_c (attr, '"');

      sheet->values[i] = g_steal_pointer (&value);
      sheet->attribute_lens[i] = attr->len;
      sheet->attributes[i] = g_string_free (attr, FALSE);
    }

  return sheet;
}

static const StyleSheet *
get_style_sheet (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_style_sheet, NULL);
  return once.retval;
}

/**
 * bulletin_html_get_style:
 * @element: a key of the stylesheet ("p", "h1", "column", …)
 *
 * Returns: (nullable): the inline declarations for @element
 */
const char *
bulletin_html_get_style (const char *element)
{
  const StyleSheet *sheet = get_style_sheet ();

  g_return_val_if_fail (element != NULL, NULL);

  for (guint i = 0; i < N_STYLES; i++)
    if (g_str_equal (style_names[i], element))
      return sheet->values[i];

  return NULL;
}

/**
 * bulletin_html_get_style_property:
 * @element: a key of the stylesheet
 * @property: a CSS property name
 *
 * Returns: (transfer full) (nullable): the value of @property in the
 *   declarations for @element
 */
char *
bulletin_html_get_style_property (const char *element,
                                  const char *property)
{
  const char *style = bulletin_html_get_style (element);
  g_auto(GStrv) decls = NULL;

  g_return_val_if_fail (property != NULL, NULL);

  if (style == NULL)
    return NULL;

  decls = g_strsplit (style, ";", -1);
  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_str_equal (g_strstrip (decls[i]), property))
        return g_strdup (g_strstrip (colon + 1));
    }

  return NULL;
}

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
  r.sheet = get_style_sheet ();
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

static char *wrap_document (const char        *title,
                            const char        *lang,
                            const char        *body_html,
                            BulletinHtmlFlags  flags,
                            const char        *preheader);

/**
 * bulletin_html_wrap_document:
 * @title: (nullable): the document title
 * @lang: (nullable): a BCP 47 language tag; "en" when %NULL
 * @body_html: the content, as from bulletin_html_render_body()
 * @flags: #BulletinHtmlFlags
 *
 * Wraps content in the email shell: a centred column of at most 600 px,
 * with an Outlook-only fixed-width table because Outlook for Windows
 * ignores max-width. The preview uses the same shell, plus a
 * Content-Security-Policy that forbids every network load and every
 * script in the page.
 *
 * Returns: (transfer full): a complete HTML document
 */
char *
bulletin_html_wrap_document (const char        *title,
                             const char        *lang,
                             const char        *body_html,
                             BulletinHtmlFlags  flags)
{
  g_return_val_if_fail (body_html != NULL, NULL);

  return wrap_document (title, lang, body_html, flags, NULL);
}

/**
 * bulletin_html_language_is_rtl:
 * @lang: a BCP 47 language tag, as "ar" or "ur-PK" or "az-Arab"
 *
 * Returns: %TRUE when text in @lang is written right to left: its script
 *   subtag says so, or it has none and its language is usually written
 *   in Arabic, Hebrew, Thaana, Syriac or N’Ko letters
 */
gboolean
bulletin_html_language_is_rtl (const char *lang)
{
  static const char * const languages[] = {
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "nqo", "prs", "ps", "sd", "syr",
    "ug", "ur", "yi",
  };
  static const char * const scripts[] = { "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg" };
  g_auto(GStrv) subtags = NULL;
  gsize primary_len;

  g_return_val_if_fail (lang != NULL, FALSE);

  /* a script subtag is four letters, right after the language */
  subtags = g_strsplit_set (lang, "-_", 0);
  if (subtags[0] == NULL)
    return FALSE;
  for (guint i = 1; subtags[i] != NULL; i++)
    if (strlen (subtags[i]) == 4 && g_ascii_isalpha (subtags[i][0]))
      {
        for (guint j = 0; j < G_N_ELEMENTS (scripts); j++)
          if (g_ascii_strcasecmp (subtags[i], scripts[j]) == 0)
            return TRUE;
        return FALSE;
      }

  primary_len = strlen (subtags[0]);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strlen (languages[i]) == primary_len && g_ascii_strcasecmp (subtags[0], languages[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
append_language (GString    *out,
                 const char *lang,
                 gboolean    rtl)
{
  g_string_append (out, " lang=\"");
  bulletin_html_escape (out, lang, -1);
  g_string_append_c (out, '"');
  if (rtl)
    g_string_append (out, " dir=\"rtl\"");
}

static void
append_shell_start (GString           *out,
                    const char        *title,
                    const char        *lang,
                    BulletinHtmlFlags  flags,
                    const char        *preheader)
{
  const StyleSheet *sheet = get_style_sheet ();

  gboolean rtl;

  if (lang == NULL || *lang == '\0')
    lang = "en";
  rtl = bulletin_html_language_is_rtl (lang);

  g_string_append (out, "<!DOCTYPE html>\n<html");
  append_language (out, lang, rtl);
  g_string_append (out, ">\n<head>\n<meta charset=\"utf-8\">\n");
  if (flags & BULLETIN_HTML_PREVIEW)
    g_string_append (out,
                     "<meta http-equiv=\"Content-Security-Policy\" content=\""
                     "default-src 'none'; img-src data: file: " BULLETIN_IMAGE_SCHEME ":; style-src 'unsafe-inline'\">\n");
  g_string_append (out,
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"color-scheme\" content=\"light\">\n"
                   "<title>");
  bulletin_html_escape (out, title && *title ? title : "", -1);
  /* Outlook for Windows scales images and widths by the screen's DPI
   * unless told the page was laid out at 96 */
  g_string_append (out,
                   "</title>\n"
                   "<!--[if mso]><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
                   "<o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->\n"
                   "</head>\n<body");
  if (rtl)
    g_string_append (out, " dir=\"rtl\"");
  g_string_append (out, sheet->attributes[STYLE_BODY]);
  g_string_append (out, ">\n");
  if (preheader != NULL && *preheader != '\0')
    {
      /* Inbox lists show the first text of a message next to its
       * subject; this hidden element decides what that is. Outlook for
       * Windows shows display:none text, so it does not get the element
       * at all: the conditional comment does what "mso-hide:all" would,
       * which validators reject as unknown CSS. */
      g_string_append (out,
                       "<!--[if !mso]><!--><div style=\"display:none;font-size:1px;"
                       "line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;"
                       "color:transparent;\">");
      bulletin_html_escape (out, preheader, -1);
      /* Inbox lists fill the line with what follows the preheader, here
       * the update's own first words again: invisible spaces that
       * clients do not fold away keep that part of the line empty. */
      for (guint i = 0; i < 80; i++)
        g_string_append (out, "&zwnj;&nbsp;");
      g_string_append (out, "</div><!--<![endif]-->\n");
    }
  g_string_append (out,
                   "<!--[if mso]><table role=\"presentation\" width=\"600\" align=\"center\" "
                   "cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td");
  g_string_append (out, sheet->attributes[STYLE_MSO_CELL]);
  g_string_append (out, "><![endif]-->\n<div");
  if (flags & BULLETIN_HTML_PREVIEW)
    g_string_append (out, " id=\"" BULLETIN_HTML_CONTENT_ID "\"");
  /* Gmail and others drop <html> and <body> with their attributes: the
   * column says the language and direction again for screen readers and
   * for the text's alignment */
  append_language (out, lang, rtl);
  g_string_append (out, sheet->attributes[STYLE_COLUMN]);
  g_string_append (out, ">\n");
}

static void
append_shell_end (GString *out)
{
  g_string_append (out,
                   "</div>\n"
                   "<!--[if mso]></td></tr></table><![endif]-->\n"
                   "</body>\n</html>\n");
}

static char *
wrap_document (const char        *title,
               const char        *lang,
               const char        *body_html,
               BulletinHtmlFlags  flags,
               const char        *preheader)
{
  GString *out;

  g_assert (body_html != NULL);

  out = g_string_sized_new (strlen (body_html) + 2048);
  append_shell_start (out, title, lang, flags, preheader);
  g_string_append (out, body_html);
  append_shell_end (out);

  return g_string_free (out, FALSE);
}

/**
 * bulletin_html_render_document:
 * @document: a document node from bulletin_markdown_parse()
 * @title: (nullable): the document title
 * @lang: (nullable): a BCP 47 language tag
 * @flags: #BulletinHtmlFlags
 *
 * Returns: (transfer full): a complete, standalone HTML document
 */
char *
bulletin_html_render_document (cmark_node        *document,
                               const char        *title,
                               const char        *lang,
                               BulletinHtmlFlags  flags)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  body = bulletin_html_render_body (document, flags);
  return bulletin_html_wrap_document (title, lang, body, flags);
}

/* "10 a.m. on Tuesday", "teams vs. targets", "J. Smith": a full stop
 * that ends a word like these ends no sentence. Only the few bytes
 * before @dot are read, so a long run of dots costs no more. */
static gboolean
ends_abbreviation (const char *text,
                   const char *dot)
{
  static const char * const words[] = {
    "a.m", "p.m", "vs", "e.g", "i.e", "approx", "incl", "cf", "mr", "mrs", "ms", "dr", "st", "no",
  };
  const char *start = dot;
  gsize len;

  while (start > text && dot - start < 8 && !g_ascii_isspace (start[-1]) && start[-1] != '(')
    start--;
  len = dot - start;
  if (len == 0 || (start > text && !g_ascii_isspace (start[-1]) && start[-1] != '('))
    return FALSE;

  if (len == 1 && g_ascii_isupper (*start))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i]) == len && g_ascii_strncasecmp (start, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
ends_sentence (const char *text,
               const char *p)
{
  gunichar c = g_utf8_get_char (p);
  const char *next;

  if (c != '.' && c != '!' && c != '?' && c != 0x2026 /* … */)
    {
      /* CJK full stops need no space after them */
      return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
    }
  if (c == '.' && ends_abbreviation (text, p))
    return FALSE;

  next = g_utf8_next_char (p);
  /* closing quotes and brackets belong to the sentence they end */
  while (*next && strchr ("\"')", *next) != NULL)
    next++;
  while (g_str_has_prefix (next, "\xE2\x80\x99") || g_str_has_prefix (next, "\xE2\x80\x9D"))
    next += 3;

  return *next == '\0' || g_unichar_isspace (g_utf8_get_char (next));
}

/**
 * bulletin_html_extract_preheader:
 * @document: a document node from bulletin_markdown_parse()
 *
 * The preheader is what inbox lists show after the subject: the first
 * sentence of the lead message, that is of the first top-level paragraph,
 * cut at a word boundary with an ellipsis if longer than
 * %BULLETIN_HTML_PREHEADER_MAX_CHARS characters.
 *
 * Returns: (transfer full) (nullable): the preheader, or %NULL when the
 *   document has no paragraph
 */
char *
bulletin_html_extract_preheader (cmark_node *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  for (cmark_node *child = cmark_node_first_child (document); child; child = cmark_node_next (child))
    {
      cmark_node *paragraph = bulletin_html_first_paragraph (child);
      char *preheader = paragraph != NULL ? bulletin_html_paragraph_preheader (paragraph) : NULL;

      if (preheader != NULL)
        return preheader;
    }

  return NULL;
}

/**
 * bulletin_html_first_paragraph:
 * @block: a top-level block
 *
 * An update that opens with a list or a quote still has a first line in
 * the inbox: the preheader is the first paragraph in the order the
 * recipient reads, at any depth (issue 14).
 *
 * Returns: (transfer none) (nullable): the first paragraph in @block
 */
cmark_node *
bulletin_html_first_paragraph (cmark_node *block)
{
  cmark_iter *iter;
  cmark_event_type ev;
  cmark_node *found = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  if (cmark_node_get_type (block) == CMARK_NODE_PARAGRAPH)
    return block;
  if (cmark_node_get_type (block) != CMARK_NODE_BLOCK_QUOTE &&
      cmark_node_get_type (block) != CMARK_NODE_LIST)
    return NULL;

  iter = cmark_iter_new (block);
  while (found == NULL && (ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (cmark_iter_get_node (iter)) == CMARK_NODE_PARAGRAPH)
      found = cmark_iter_get_node (iter);
  cmark_iter_free (iter);

  return found;
}

/* Whether @paragraph holds images and the space between them, no words */
static gboolean
is_images_only (cmark_node *paragraph)
{
  for (cmark_node *child = cmark_node_first_child (paragraph); child != NULL; child = cmark_node_next (child))
    switch (cmark_node_get_type (child))
      {
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        break;
      case CMARK_NODE_TEXT:
        for (const char *p = cmark_node_get_literal (child); p != NULL && *p; p++)
          if (!g_ascii_isspace (*p))
            return FALSE;
        break;
      default:
        return FALSE;
      }
  return TRUE;
}

/**
 * bulletin_html_paragraph_preheader:
 * @paragraph: the first top-level paragraph of a draft
 *
 * Returns: (transfer full) (nullable): the preheader
 *   bulletin_html_extract_preheader() finds in @paragraph
 */
char *
bulletin_html_paragraph_preheader (cmark_node *paragraph)
{
  g_autofree char *text = NULL;
  glong offset = 0;
  char *cut;

  g_return_val_if_fail (paragraph != NULL, NULL);

  /* a logo or a photo on its own says nothing in an inbox list: its alt
   * text is no first line */
  if (is_images_only (paragraph))
    return NULL;

  text = bulletin_markdown_plain_text (paragraph);
  if (*text == '\0')
    return NULL;

  /* A full stop early on is more likely "Dr." or "e.g." than the end of
   * the first sentence. The character offset is counted as we go, never
   * recomputed from the start: a long paragraph without a full stop would
   * make that quadratic (issue 12). */
  for (char *p = text; *p; p = g_utf8_next_char (p), offset++)
    if (offset >= 20 && ends_sentence (text, p))
      {
        char *end = g_utf8_next_char (p);

        while (*end && !g_unichar_isspace (g_utf8_get_char (end)))
          end = g_utf8_next_char (end);
        *end = '\0';
        break;
      }

  if (g_utf8_strlen (text, -1) <= BULLETIN_HTML_PREHEADER_MAX_CHARS)
    return g_steal_pointer (&text);

  cut = g_utf8_offset_to_pointer (text, BULLETIN_HTML_PREHEADER_MAX_CHARS - 1);
  *cut = '\0';
  if ((cut = strrchr (text, ' ')) != NULL && cut > text)
    *cut = '\0';
  return g_strconcat (g_strchomp (text), "…", NULL);
}

/**
 * bulletin_html_render_email:
 * @document: a document node from bulletin_markdown_parse()
 * @title: (nullable): the document title
 * @lang: (nullable): a BCP 47 language tag
 * @preheader: (nullable): the hidden preview text; %NULL for the one
 *   bulletin_html_extract_preheader() finds, "" for none
 *
 * Like bulletin_html_render_document() with %BULLETIN_HTML_NONE, plus a
 * hidden preheader as the first element of the body.
 *
 * Returns: (transfer full): a complete HTML document for an email
 */
char *
bulletin_html_render_email (cmark_node *document,
                            const char *title,
                            const char *lang,
                            const char *preheader)
{
  g_autofree char *body = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (document != NULL, NULL);

  if (preheader == NULL)
    preheader = found = bulletin_html_extract_preheader (document);

  body = bulletin_html_render_body (document, BULLETIN_HTML_NONE);
  return wrap_document (title, lang, body, BULLETIN_HTML_NONE, preheader);
}

/**
 * bulletin_html_begin_email:
 * @out: where the HTML goes
 * @title: (nullable): the document title
 * @lang: (nullable): a BCP 47 language tag
 * @preheader: (nullable): the hidden preview text, or %NULL for none
 *
 * With bulletin_html_render_block() for each top-level block and then
 * bulletin_html_end_email(), writes what bulletin_html_render_email()
 * returns, for a draft read a part at a time (see
 * #BulletinMarkdownReader). The HTML goes straight into @out: a long
 * draft costs its HTML once, not once in the body and again in the shell.
 */
void
bulletin_html_begin_email (GString    *out,
                           const char *title,
                           const char *lang,
                           const char *preheader)
{
  g_return_if_fail (out != NULL);

  append_shell_start (out, title, lang, BULLETIN_HTML_NONE, preheader);
}

/**
 * bulletin_html_end_email:
 * @out: where the HTML goes
 *
 * See bulletin_html_begin_email().
 */
void
bulletin_html_end_email (GString *out)
{
  g_return_if_fail (out != NULL);

  append_shell_end (out);
}

/**
 * bulletin_html_exceeds_gmail_clip:
 * @len: the size of an email's HTML in bytes
 *
 * Returns: %TRUE if Gmail would clip HTML of @len bytes (see
 *   %BULLETIN_HTML_GMAIL_CLIP_SIZE)
 */
gboolean
bulletin_html_exceeds_gmail_clip (gsize len)
{
  return len > BULLETIN_HTML_GMAIL_CLIP_SIZE;
}
