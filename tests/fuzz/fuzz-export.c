/* fuzz-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes through every email export. The plain
 * text must be valid UTF-8 with no trailing spaces and one final newline;
 * the .eml must build and keep to CRLF lines of at most 998 octets, also
 * when its two parts are rendered on two threads from one document.
 */

#include "config.h"

#include <string.h>

#include "bulletin-eml.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-text.h"

#include "fuzz-reader-sizes.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_lines (GBytes *message)
{
  gsize len;
  const char *line = g_bytes_get_data (message, &len);
  const char *end = line + len;

  while (line < end)
    {
      const char *nl = memchr (line, '\n', end - line);

      g_assert (nl != NULL && nl > line && nl[-1] == '\r');
      g_assert (nl - line <= 1000);
      line = nl + 1;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  g_autofree char *preheader = NULL;
  g_autoptr(cmark_node) doc = NULL;
  g_autoptr(GBytes) eml = NULL;
  g_autoptr(GBytes) export = NULL;
  g_autoptr(GError) error = NULL;
  gsize html_size = 0;
  gsize len = 0;

  /* the exports read drafts a part, and long paragraphs a piece, at a
   * time: small inputs go through that too, with the smallest sizes */
  fuzz_set_reader_sizes (size);

  text = bulletin_markdown_sanitize ((const char *)data, size, &len, NULL);
  doc = bulletin_markdown_parse (text, len);

  plain = bulletin_text_render (doc, 72);
  g_assert (g_utf8_validate (plain, -1, NULL));
  g_assert (*plain == '\0' || g_str_has_suffix (plain, "\n"));
  g_assert (!g_str_has_suffix (plain, "\n\n"));
  g_assert (strstr (plain, " \n") == NULL);

  /* a width narrower than any nesting must not break anything either */
  narrow = bulletin_text_render (doc, 1 + size % 8);
  g_assert (g_utf8_validate (narrow, -1, NULL));

  preheader = bulletin_html_extract_preheader (doc);
  g_assert (preheader == NULL || g_utf8_validate (preheader, -1, NULL));
  g_assert (preheader == NULL || g_utf8_strlen (preheader, -1) <= BULLETIN_HTML_PREHEADER_MAX_CHARS);

  html = bulletin_html_render_email (doc, "Fuzz", NULL, NULL);
  g_assert (g_utf8_validate (html, -1, NULL));

  title = bulletin_markdown_extract_title (text, len);
  eml = bulletin_eml_build (title != NULL ? title : "", NULL, NULL, plain, html, NULL, &error);
  g_assert_no_error (error);
  check_lines (eml);

  export = bulletin_export_render_full (BULLETIN_EXPORT_EML, text, len, NULL, NULL, &html_size, &error);
  /* a draft with nothing in it is refused, and only that */
  if (cmark_node_first_child (doc) == NULL)
    {
      g_assert (export == NULL);
      g_assert (g_error_matches (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_EMPTY));
      return 0;
    }
  g_assert_no_error (error);
  g_assert (html_size > 0);
  check_lines (export);

  return 0;
}
