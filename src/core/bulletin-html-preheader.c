/* bulletin-html-preheader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-html.h"
#include "bulletin-markdown.h"

/* The preheader: what an inbox list shows after the subject, the
 * lead's first sentence. */

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
