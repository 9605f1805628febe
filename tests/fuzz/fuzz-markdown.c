/* fuzz-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes through everything the preview and the
 * HTML export do with a draft. The output must always be valid UTF-8 and
 * never contain a live script or javascript: link.
 */

#include "config.h"

#include <string.h>

#include "bulletin-blocks.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  g_autoptr(cmark_node) doc = NULL;
  g_autoptr(BulletinBlockList) blocks = NULL;
  g_autoptr(BulletinBlockList) half = NULL;
  gsize len = 0;
  guint pos, removed, added;

  text = bulletin_markdown_sanitize ((const char *)data, size, &len, NULL);
  g_assert (g_utf8_validate (text, len, NULL));

  doc = bulletin_markdown_parse (text, len);
  html = bulletin_html_render_document (doc, "Fuzz", NULL, BULLETIN_HTML_NONE);
  g_assert (g_utf8_validate (html, -1, NULL));
  g_assert (strstr (html, "<script") == NULL);
  g_assert (strstr (html, "href=\"javascript") == NULL);
  g_assert (strstr (html, "src=\"javascript") == NULL);

  blocks = bulletin_block_list_new (text, len);
  half = bulletin_block_list_new (text, len / 2);
  bulletin_block_list_diff (half, blocks, &pos, &removed, &added);
  g_assert (pos + removed <= bulletin_block_list_get_n_blocks (half));
  g_assert (pos + added <= bulletin_block_list_get_n_blocks (blocks));

  if (bulletin_block_list_get_n_blocks (blocks) > 0)
    {
      g_autofree char *joined = bulletin_block_list_join (blocks, pos, added);
      guint rel = 0;

      g_assert (g_utf8_validate (joined, -1, NULL));
      g_assert (bulletin_block_list_lookup_line (blocks, 1 + (size % 50), &rel) <
                bulletin_block_list_get_n_blocks (blocks));
    }

  title = bulletin_markdown_extract_title (text, len);
  g_assert (title == NULL || g_utf8_validate (title, -1, NULL));

  return 0;
}
