/* bulletin-html-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-html-private.h"
#include "bulletin-images.h"

/* The document around the rendered blocks: the email's shell (a
 * centred column, an Outlook-only table, the language and direction),
 * the preview's policy, and the email with its preheader. */

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
  const StyleSheet *sheet = bulletin_html_style_sheet ();

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
