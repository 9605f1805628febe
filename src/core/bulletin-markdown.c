/* bulletin-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"

static const char * const extension_names[] = {
  "table",
  "strikethrough",
  "autolink",
  "tasklist",
};

/**
 * bulletin_markdown_sanitize:
 * @text: bytes that claim to be UTF-8
 * @len: length of @text, or -1 if nul-terminated
 * @out_len: (out) (optional): length of the result
 * @was_valid: (out) (optional): %TRUE when @text needed no change
 *
 * Returns text that GtkTextBuffer and cmark accept: valid UTF-8 with no
 * embedded NUL bytes. Invalid sequences and NULs become U+FFFD, so no
 * surrounding text is dropped.
 *
 * Returns: (transfer full): a nul-terminated copy
 */
char *
bulletin_markdown_sanitize (const char *text,
                            gssize      len,
                            gsize      *out_len,
                            gboolean   *was_valid)
{
  const char *end = NULL;
  gboolean valid;
  GString *str;
  gsize i;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  /* g_utf8_validate() refuses embedded NULs when given a length, which is
   * what we want: a NUL would silently truncate the text in GTK. */
  valid = g_utf8_validate (text, len, &end);

  if (was_valid != NULL)
    *was_valid = valid;

  if (valid)
    {
      if (out_len != NULL)
        *out_len = len;
      return g_strndup (text, len);
    }

  str = g_string_sized_new (len + 16);
  i = 0;
  while (i < (gsize)len)
    {
      const char *chunk = text + i;
      gsize remaining = len - i;

      if (g_utf8_validate (chunk, remaining, &end))
        {
          g_string_append_len (str, chunk, remaining);
          break;
        }

      g_string_append_len (str, chunk, end - chunk);
      i += end - chunk;

      if (text[i] == '\0')
        {
          g_string_append (str, "\xEF\xBF\xBD");
          i++;
        }
      else
        {
          /* Skip one maximal invalid subsequence: a lead byte and any
           * continuation bytes that follow it. */
          g_string_append (str, "\xEF\xBF\xBD");
          i++;
          while (i < (gsize)len && ((guchar)text[i] & 0xC0) == 0x80)
            i++;
        }
    }

  if (out_len != NULL)
    *out_len = str->len;

  return g_string_free (str, FALSE);
}

static gpointer
register_extensions_once (gpointer data)
{
  cmark_gfm_core_extensions_ensure_registered ();
  return NULL;
}

/* A copy that ends in a NUL past @len, as callers may expect of text */
static char *
dup_text (const char *text,
          gsize       len)
{
  char *copy = g_malloc (len + 1);

  memcpy (copy, text, len);
  copy[len] = '\0';
  return copy;
}

/**
 * bulletin_markdown_delimiter_row_cells:
 * @line: the start of a line
 * @end: its end, before the newline
 *
 * A delimiter row (|---|:--:|) is made of pipes, dashes, colons and
 * spaces, with at least one pipe and one dash. The Markdown reader asks
 * it too, to tell where a cut would lose a table's header.
 *
 * Returns: the row's number of cells, or 0 for any other line
 */
gsize
bulletin_markdown_delimiter_row_cells (const char *line,
                                       const char *end)
{
  gsize pipes = 0;
  gboolean dash = FALSE;
  const char *first = NULL, *last = NULL;

  for (const char *p = line; p < end; p++)
    {
      switch (*p)
        {
        case '|':
          pipes++;
          break;
        case '-':
          dash = TRUE;
          break;
        case ':': case ' ': case '\t': case '\r':
          break;
        default:
          return 0;
        }
      if (*p != ' ' && *p != '\t' && *p != '\r')
        {
          if (first == NULL)
            first = p;
          last = p;
        }
    }

  if (pipes == 0 || !dash)
    return 0;

  /* "|a|b|" has two cells between three pipes, "a|b" two with one */
  return pipes + 1 - (*first == '|') - (*last == '|' && last != first);
}

/* A line that opens lists and quotes inside each other ("- - - - x",
 * "> > > x", "1. 1. 1. x") past BULLETIN_MARKDOWN_MAX_LINE_NESTING: the
 * marker where it goes past, or %NULL. A line of one marker and spaces
 * ("- - - -", "* * *") is a thematic break, not nesting. */
static const char *
nesting_overflow (const char *line,
                  const char *eol)
{
  const char *p = line;
  guint depth = 0;
  char only = 0;
  gboolean one_char = TRUE;

  for (const char *q = line; q < eol && one_char; q++)
    {
      if (*q == ' ' || *q == '\t')
        continue;
      if (only == 0)
        only = *q;
      one_char = *q == only && (only == '-' || only == '*' || only == '_');
    }
  if (one_char)
    return NULL;

  for (;;)
    {
      const char *marker;

      while (p < eol && (*p == ' ' || *p == '\t'))
        p++;
      if (p >= eol)
        return NULL;
      marker = p;

      if (*p == '>')
        p++;
      else if ((*p == '-' || *p == '+' || *p == '*') && p + 1 < eol && (p[1] == ' ' || p[1] == '\t'))
        p++;
      else if (g_ascii_isdigit (*p))
        {
          const char *digits = p;

          while (p < eol && g_ascii_isdigit (*p) && p - digits < 9)
            p++;
          if (p + 1 >= eol || (*p != '.' && *p != ')') || (p[1] != ' ' && p[1] != '\t'))
            return NULL;
          p++;
        }
      else
        return NULL;

      if (++depth > BULLETIN_MARKDOWN_MAX_LINE_NESTING)
        return marker;
    }
}

/* What cmark-gfm 0.29.0.gfm.6 would take too long or too much memory for,
 * shown as the text it is instead. Every byte keeps its offset, so source
 * positions, findings and the editor still agree.
 *
 * Nesting: cmark-gfm checks each new block against all its ancestors, so a
 * line opening lists or quotes 20,000 deep took seconds (the fuzzer found
 * it). Past BULLETIN_MARKDOWN_MAX_LINE_NESTING on one line, the next
 * marker becomes a backslash, and the rest of the line is text.
 *
 * Tables: cmark-gfm's table extension gives every row of a table as many cells as
 * its header, and its cost grows with the square of the columns: a pasted
 * spreadsheet row of 10,000 columns over 10,000 short lines asked for a
 * hundred million cells and was killed for memory. A table with more than
 * BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS columns, or with more cells than
 * BULLETIN_MARKDOWN_TABLE_CELLS_PER_BYTE times its own size in bytes (only
 * rows padded far past what they hold get there), is shown as the text it
 * is instead: the first dash of its delimiter row becomes a backslash,
 * which is no delimiter and shows as the dash it escapes.
 *
 * Returns: (transfer full) (nullable): the text to parse instead, or %NULL
 *   when @text has nothing of the kind */
static char *
tame_for_cmark (const char *text,
                gsize       len)
{
  const char *end = text + len;
  const char *prev = NULL;
  char *copy = NULL;

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *next;
      gsize columns;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;

      columns = prev != NULL ? bulletin_markdown_delimiter_row_cells (line, eol) : 0;
      if (columns > 0)
        {
          const char *table_end = next;
          gsize rows = 0;

          /* the body runs to the next blank line */
          while (table_end < end && *table_end != '\n' && *table_end != '\r')
            {
              const char *row_end = memchr (table_end, '\n', end - table_end);

              table_end = row_end != NULL ? row_end + 1 : end;
              rows++;
            }

          if (columns > BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS ||
              (guint64)columns * (rows + 1) >
                (guint64)BULLETIN_MARKDOWN_TABLE_CELLS_PER_BYTE * (table_end - prev) + 4096)
            {
              const char *dash = memchr (line, '-', eol - line);

              if (copy == NULL)
                copy = dup_text (text, len);
              copy[dash - text] = '\\';
            }

          /* a table's rows are no header of another */
          prev = NULL;
          line = table_end;
          continue;
        }

      /* cmark-gfm ends a line at a lone "\r" too: a pasted "- - - …"
       * after one nested as deep as it went on, and every inline node of
       * it then walked all its ancestors (found by fuzz-markdown) */
      for (const char *part = line; part < eol;)
        {
          const char *cr = memchr (part, '\r', eol - part);
          const char *part_end = cr != NULL ? cr : eol;
          const char *marker = nesting_overflow (part, part_end);

          if (marker != NULL)
            {
              if (copy == NULL)
                copy = dup_text (text, len);
              copy[marker - text] = '\\';
            }
          part = cr != NULL ? cr + 1 : eol;
        }

      prev = eol > line ? line : NULL;
      line = next;
    }

  return copy;
}

/* Whether a line may be broken: a line of a paragraph, not of a fenced or
 * indented code block, a heading or a table (where a line break ends or
 * changes the block). */
static gboolean
line_is_foldable (const char *line,
                  const char *eol)
{
  const char *p = line;

  while (p < eol && *p == ' ')
    p++;
  if (p - line >= 4 || p == eol)
    return FALSE;
  if (*p == '#' || *p == '|' || memchr (p, '|', eol - p) != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
is_fence (const char *line,
          const char *eol)
{
  const char *p = line;

  while (p < eol && *p == ' ' && p - line < 3)
    p++;
  return eol - p >= 3 && (memcmp (p, "```", 3) == 0 || memcmp (p, "~~~", 3) == 0);
}

/**
 * bulletin_markdown_fold_long_lines:
 * @text: Markdown
 * @len: its length in bytes
 *
 * GTK lays out a paragraph of the editor as a whole, on every keystroke in
 * it and at a cost that grows faster than its length: typing in a pasted
 * 100 KB line took 0.6 s a character to show, a 1 MB one minutes. This
 * breaks every line longer than %BULLETIN_MARKDOWN_FOLD_LINE bytes into
 * lines of about %BULLETIN_MARKDOWN_FOLD_AT bytes, turning single spaces
 * into line breaks. Inside a paragraph a line break is a space, so the
 * preview and every export stay the same: only a space between a letter
 * or digit and a letter is used (not one after another space or a
 * backslash, a hard break; not one after a list or quote marker; not
 * one before "- " or "1.", which would begin a list), and never in code,
 * headings or tables. Every byte keeps its offset. A line with no such
 * space (one unbroken token) stays as it is.
 *
 * Returns: (transfer full) (nullable): the folded text, or %NULL when
 *   nothing needed folding
 */
char *
bulletin_markdown_fold_long_lines (const char *text,
                                   gsize       len)
{
  const char *end = text + len;
  gboolean in_fence = FALSE;
  char *copy = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL)
        eol = end;

      if (is_fence (line, eol))
        in_fence = !in_fence;
      else if (!in_fence && (gsize)(eol - line) > BULLETIN_MARKDOWN_FOLD_LINE &&
               line_is_foldable (line, eol))
        {
          const char *piece = line;

          while ((gsize)(eol - piece) > BULLETIN_MARKDOWN_FOLD_AT)
            {
              const char *p = piece + BULLETIN_MARKDOWN_FOLD_AT;

              /* the next good space after the mark, so that each piece is
               * at least that long and the scan moves on */
              while (p < eol && !(p[0] == ' ' && g_ascii_isalnum (p[-1]) &&
                                  p + 1 < eol && g_ascii_isalpha (p[1])))
                p++;
              if (p >= eol)
                break;
              if (copy == NULL)
                copy = dup_text (text, len);
              copy[p - text] = '\n';
              piece = p + 1;
            }
        }

      line = eol < end ? eol + 1 : end;
    }

  return copy;
}

/**
 * bulletin_markdown_parse:
 * @text: valid UTF-8 (see bulletin_markdown_sanitize())
 * @len: length of @text in bytes
 *
 * Text from a GtkTextBuffer or from bulletin_file_decode() is valid
 * already, so the parser does not validate it again; other bytes must go
 * through bulletin_markdown_sanitize() first.
 *
 * Parses Markdown the way every part of Bulletin sees it: CommonMark plus
 * the GFM table, strikethrough, autolink and task-list extensions, smart
 * punctuation, and source positions. Safe to call from any thread.
 *
 * Returns: (transfer full): the document node; free with cmark_node_free()
 */
cmark_node *
bulletin_markdown_parse (const char *text,
                         gsize       len)
{
  static GOnce once = G_ONCE_INIT;
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;
  cmark_parser *parser;
  cmark_node *doc;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  g_once (&once, register_extensions_once, NULL);

  /* cmark-gfm 0.29 keeps the characters that start an extension's inline
   * syntax ("~", "w", ":", "|") in tables shared by the whole process,
   * and sets and clears them around every parse: two parses at once (the
   * preview's and an export's, say) lose strikethrough and autolinks. One
   * parse at a time, then; rendering needs no lock. */
  locker = g_mutex_locker_new (&lock);

  parser = cmark_parser_new (CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS);

  for (guint i = 0; i < G_N_ELEMENTS (extension_names); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extension_names[i]);

      g_assert (ext != NULL);
      cmark_parser_attach_syntax_extension (parser, ext);
    }

  if (len > 0)
    {
      g_autofree char *flattened = tame_for_cmark (text, len);

      cmark_parser_feed (parser, flattened != NULL ? flattened : text, len);
    }
  doc = cmark_parser_finish (parser);
  cmark_parser_free (parser);

  return doc;
}

/**
 * bulletin_markdown_prepare_for_threads:
 * @doc: a document node from bulletin_markdown_parse()
 *
 * cmark-gfm copies a node's literal text, address, title and fence info
 * into a string of their own the first time they are read, and stores it
 * in the node. Reading them all once here means that afterwards nothing
 * in @doc changes when it is read: renderers on several threads may then
 * walk it at once, as long as none of them changes it.
 */
void
bulletin_markdown_prepare_for_threads (cmark_node *doc)
{
  cmark_iter *iter;
  cmark_event_type ev;

  g_return_if_fail (doc != NULL);

  iter = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_CODE_BLOCK:
          cmark_node_get_fence_info (node);
          cmark_node_get_literal (node);
          break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          cmark_node_get_url (node);
          cmark_node_get_title (node);
          break;
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
          cmark_node_get_on_enter (node);
          cmark_node_get_on_exit (node);
          break;
        default:
          cmark_node_get_literal (node);
          break;
        }
    }
  cmark_iter_free (iter);
}

static gboolean
has_scheme (const char *url,
            const char *scheme)
{
  gsize n = strlen (scheme);

  return g_ascii_strncasecmp (url, scheme, n) == 0 && url[n] == ':';
}

/**
 * bulletin_markdown_url_is_safe:
 * @url: a link or image destination from the document
 * @for_image: whether @url is an image source
 *
 * Only destinations that make sense in an email may become live links:
 * web, mail and phone links, and in-page anchors. Images may also be
 * inline data. Everything else (javascript:, file:, vbscript:, …) is shown
 * as plain text instead.
 *
 * Returns: %TRUE if @url may be emitted as an href or src
 */
gboolean
bulletin_markdown_url_is_safe (const char *url,
                               gboolean    for_image)
{
  const char *scheme;
  g_autofree char *trimmed = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;

  /* Browsers ignore leading spaces and control characters in URLs; so
   * must we, or " javascript:" would slip through. Embedded tabs and
   * newlines are also dropped by URL parsers. */
  {
    GString *s = g_string_new (NULL);
    for (const char *p = url; *p; p++)
      if ((guchar)*p > 0x20)
        g_string_append_c (s, *p);
    trimmed = g_string_free (s, FALSE);
  }

  if (trimmed[0] == '#')
    return !for_image;

  scheme = g_uri_peek_scheme (trimmed);
  if (scheme == NULL)
    return FALSE;

  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    return TRUE;

  if (!for_image && (g_str_equal (scheme, "mailto") || g_str_equal (scheme, "tel")))
    return TRUE;

  if (for_image && has_scheme (trimmed, "data"))
    {
      static const char * const types[] = {
        "data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp",
      };
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        {
          gsize n = strlen (types[i]);
          if (g_ascii_strncasecmp (trimmed, types[i], n) == 0 &&
              (trimmed[n] == ';' || trimmed[n] == ','))
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * bulletin_markdown_is_task_item:
 * @node: a node
 * @checked: (out) (optional): whether the box is ticked
 *
 * Returns: %TRUE if @node is a GFM task-list item ("- [ ] …")
 */
gboolean
bulletin_markdown_is_task_item (cmark_node *node,
                                gboolean   *checked)
{
  const char *kind;

  g_return_val_if_fail (node != NULL, FALSE);

  kind = cmark_node_get_type_string (node);
  if (kind == NULL || strcmp (kind, "tasklist") != 0)
    return FALSE;

  if (checked != NULL)
    *checked = cmark_gfm_extensions_get_tasklist_item_checked (node);

  return TRUE;
}

/**
 * bulletin_markdown_node_kind:
 * @node: a node
 *
 * Extension nodes (tables, strikethrough, task items) have no fixed
 * cmark_node_type value; their type string is the stable way to tell them
 * apart.
 *
 * Returns: (transfer none): "table", "table_row", "paragraph", …
 */
const char *
bulletin_markdown_node_kind (cmark_node *node)
{
  g_return_val_if_fail (node != NULL, "");

  return cmark_node_get_type_string (node);
}

/**
 * bulletin_markdown_plain_text:
 * @node: a node
 *
 * Returns: (transfer full): the text of @node and its descendants, with
 *   line breaks as spaces and no markup
 */
char *
bulletin_markdown_plain_text (cmark_node *node)
{
  GString *out;
  cmark_iter *iter;
  cmark_event_type ev;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  iter = cmark_iter_new (node);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *cur = cmark_iter_get_node (iter);

      if (ev != CMARK_EVENT_ENTER)
        continue;

      switch (cmark_node_get_type (cur))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (out, cmark_node_get_literal (cur));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;
        default:
          break;
        }
    }
  cmark_iter_free (iter);

  return g_strstrip (g_string_free (out, FALSE));
}

/**
 * bulletin_markdown_extract_title:
 * @text: valid UTF-8 Markdown
 * @len: its length
 *
 * A draft's title is its first top-level heading, or failing that its
 * first paragraph, cut to a reasonable length.
 *
 * Returns: (transfer full) (nullable): the title, or %NULL for an empty draft
 */
char *
bulletin_markdown_extract_title (const char *text,
                                 gsize       len)
{
  g_autoptr(BulletinMarkdownReader) reader = NULL;
  g_autofree char *first_paragraph = NULL;
  gboolean paragraph_seen = FALSE;
  cmark_node *block;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  /* a part at a time, as everything else: the store asks on every save,
   * and a whole parse of a long pasted paragraph is not linear */
  reader = bulletin_markdown_reader_new (text != NULL ? text : "", len);
  while ((block = bulletin_markdown_reader_next (reader)) != NULL)
    {
      if (cmark_node_get_type (block) == CMARK_NODE_HEADING)
        return bulletin_markdown_block_title (block);
      if (!paragraph_seen && cmark_node_get_type (block) == CMARK_NODE_PARAGRAPH)
        {
          first_paragraph = bulletin_markdown_block_title (block);
          paragraph_seen = TRUE;
        }
    }

  return g_steal_pointer (&first_paragraph);
}

/**
 * bulletin_markdown_document_title:
 * @doc: a parsed document
 *
 * Like bulletin_markdown_extract_title(), for a caller that has already
 * parsed the text: an export of a large draft need not parse it twice.
 *
 * Returns: (transfer full) (nullable): the title, or %NULL for an empty draft
 */
char *
bulletin_markdown_document_title (cmark_node *doc)
{
  cmark_node *found = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  for (cmark_node *child = cmark_node_first_child (doc); child; child = cmark_node_next (child))
    if (cmark_node_get_type (child) == CMARK_NODE_HEADING)
      {
        found = child;
        break;
      }

  if (found == NULL)
    for (cmark_node *child = cmark_node_first_child (doc); child; child = cmark_node_next (child))
      if (cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH)
        {
          found = child;
          break;
        }

  if (found == NULL)
    return NULL;

  return bulletin_markdown_block_title (found);
}

/**
 * bulletin_markdown_block_title:
 * @block: the heading or paragraph a title is taken from
 *
 * Returns: (transfer full) (nullable): the text of @block, cut near 80
 *   characters, or %NULL when it has none
 */
char *
bulletin_markdown_block_title (cmark_node *block)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  title = bulletin_markdown_plain_text (block);
  if (*title == '\0')
    return NULL;

  if (g_utf8_strlen (title, -1) > 80)
    {
      /* cut at a word boundary near 80 characters */
      char *cut = g_utf8_offset_to_pointer (title, 80);
      char *space;

      *cut = '\0';
      space = strrchr (title, ' ');
      if (space != NULL && space - title > 40)
        *space = '\0';
      return g_strconcat (title, "…", NULL);
    }

  return g_steal_pointer (&title);
}

/**
 * bulletin_markdown_normalise_phrase:
 * @text: a heading's or a line's words
 *
 * Lower case, straight apostrophes, single spaces, no closing punctuation:
 * the form in which headings typed by hand each week are compared with
 * the template's ("What’s happening next week?" and "whats happening
 * next week" come close).
 *
 * Returns: (transfer full): the normalised phrase
 */
char *
bulletin_markdown_normalise_phrase (const char *text)
{
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (c == 0x2019 || c == 0x2018)
        g_string_append_c (out, '\'');
      else
        g_string_append_unichar (out, c);
    }

  while (out->len > 0 && strchr ("?!.,:;", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * bulletin_markdown_edit_distance:
 * @a: a string
 * @b: another
 *
 * Levenshtein's distance in bytes, in time proportional to the product of
 * the lengths and memory to the length of @b: give the short one as @b.
 *
 * Returns: how many bytes to insert, delete or change to make @a into @b
 */
guint
bulletin_markdown_edit_distance (const char *a,
                                 const char *b)
{
  gsize la, lb;
  g_autofree guint *row = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  la = strlen (a);
  lb = strlen (b);
  row = g_new (guint, lb + 1);
  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + (a[i - 1] != b[j - 1]));
          diag = up;
        }
    }

  return row[lb];
}
