/* test-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-markdown.h"
#include "bulletin-test-util.h"
#include "bulletin-text.h"

static char *
render_width (const char *markdown,
              guint       width)
{
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));

  return bulletin_text_render (doc, width);
}

static char *
render (const char *markdown)
{
  return render_width (markdown, 0);
}

#define assert_renders(markdown, expected) \
  G_STMT_START { \
    g_autofree char *_text = render (markdown); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

#define assert_renders_width(markdown, width, expected) \
  G_STMT_START { \
    g_autofree char *_text = render_width (markdown, width); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

static void
test_display_width (void)
{
  g_assert_cmpuint (bulletin_text_display_width ("abc", -1), ==, 3);
  g_assert_cmpuint (bulletin_text_display_width ("日本", -1), ==, 4);
  /* e + COMBINING ACUTE ACCENT is one column */
  g_assert_cmpuint (bulletin_text_display_width ("e\xcc\x81", -1), ==, 1);
  /* ZERO WIDTH SPACE */
  g_assert_cmpuint (bulletin_text_display_width ("a\xe2\x80\x8b" "b", -1), ==, 2);
  g_assert_cmpuint (bulletin_text_display_width ("abcdef", 2), ==, 2);
}

static void
test_empty (void)
{
  assert_renders ("", "");
  assert_renders ("\n\n   \n", "");
}

static void
test_paragraphs (void)
{
  assert_renders ("One\ntwo\n\nThree\n", "One two\n\nThree\n");
  /* a hard break (two spaces or a backslash) keeps its line end */
  assert_renders ("One  \ntwo\\\nthree\n", "One\ntwo\nthree\n");
  /* escapes are gone, and so are the escaping backslashes */
  assert_renders ("\\*not emphasis\\* and \\# and \\[x\\]\n", "*not emphasis* and # and [x]\n");
}

static void
test_headings (void)
{
  assert_renders ("# Weekly update\n", "Weekly update\n=============\n");
  assert_renders ("## Next week\n", "Next week\n---------\n");
  /* no hashes left behind (issue 14): the words on a line of their own */
  assert_renders ("### Three\n\n#### Four\n\n###### Six\n",
                  "Three\n\nFour\n\nSix\n");
  /* the underline is as wide as the heading looks, not as its bytes */
  assert_renders ("# 日本語 café\n", "日本語 café\n===========\n");
  assert_renders ("Setext\n======\n\nText\n", "Setext\n======\n\nText\n");
}

static void
test_inline_styles (void)
{
  /* no stars left behind (issue 14) */
  assert_renders ("Some *emphasis*, **strong** and _under_ __score__.\n",
                  "Some emphasis, strong and under score.\n");
  /* strikethrough keeps its marks, or struck text would read as current */
  assert_renders ("It was ~~Monday~~ Tuesday.\n", "It was ~~Monday~~ Tuesday.\n");
  assert_renders ("It was ~Monday~ Tuesday.\n", "It was ~~Monday~~ Tuesday.\n");
  /* inline code is plain text */
  assert_renders ("Run `make check` now.\n", "Run make check now.\n");
  /* smart punctuation from the parser stays */
  assert_renders ("\"Quoted\" -- dash\n", "“Quoted” – dash\n");
}

static void
test_lists (void)
{
  assert_renders ("- one\n- two\n  - inner\n  - second\n- three\n",
                  "- one\n- two\n  - inner\n  - second\n- three\n");
  assert_renders ("1. one\n2. two\n   1. inner\n",
                  "1. one\n2. two\n   1. inner\n");
  /* the list's start number and aligned text after 9 */
  assert_renders ("8. eight\n9. nine\n10. ten\n",
                  "8.  eight\n9.  nine\n10. ten\n");
  /* loose lists keep a blank line between items */
  assert_renders ("- a\n\n- b\n", "- a\n\n- b\n");
  /* a list item with two paragraphs */
  assert_renders ("- first\n\n  more\n- second\n", "- first\n\n  more\n\n- second\n");
  /* an empty item is just its marker */
  assert_renders ("- a\n-\n- b\n", "- a\n-\n- b\n");
}

static void
test_list_hanging_indent (void)
{
  assert_renders_width ("- alpha beta gamma delta epsilon\n"
                        "  1. one two three four five six\n",
                        20,
                        "- alpha beta gamma\n"
                        "  delta epsilon\n"
                        "  1. one two three\n"
                        "     four five six\n");
}

static void
test_task_items (void)
{
  assert_renders ("- [ ] todo\n- [x] done\n", "- [ ] todo\n- [x] done\n");
  assert_renders_width ("- [ ] write the weekly update\n", 16,
                        "- [ ] write the\n      weekly\n      update\n");
}

static void
test_block_quotes (void)
{
  assert_renders ("> quoted\n> text\n", "> quoted text\n");
  assert_renders ("> outer\n>\n> > inner\n", "> outer\n>\n> > inner\n");
  assert_renders_width ("> one two three four\n", 12, "> one two\n> three four\n");
  assert_renders ("> - item\n>\n> para\n", "> - item\n>\n> para\n");
}

static void
test_code_blocks (void)
{
  g_autofree char *long_line = g_strnfill (100, 'x');
  g_autofree char *markdown = g_strdup_printf ("```\n%s a b\n  indented\n\nlast\n```\n", long_line);
  g_autofree char *expected = g_strdup_printf ("    %s a b\n      indented\n\n    last\n", long_line);

  /* never wrapped, indented four spaces */
  assert_renders (markdown, expected);
  assert_renders ("Text\n\n    code\n\nMore\n", "Text\n\n    code\n\nMore\n");
  /* inside a list, the indent adds to the item's */
  assert_renders ("- item\n\n  ```\n  x = 1\n  ```\n", "- item\n\n      x = 1\n");
}

static void
test_thematic_break (void)
{
  assert_renders ("Above\n\n---\n\nBelow\n", "Above\n\n* * *\n\nBelow\n");
  assert_renders ("Above\n\n___\n", "Above\n\n* * *\n");
}

static void
test_links (void)
{
  assert_renders ("See [the plan](https://example.org/plan) and [it again](https://example.org/plan), "
                  "and [another](https://example.org/b \"Title\").\n",
                  "See the plan [1] and it again [1], and another [2].\n"
                  "\n"
                  "[1] https://example.org/plan\n"
                  "[2] https://example.org/b\n");
  /* link text with emphasis */
  assert_renders ("[*this* one](https://x.example/)\n", "this one [1]\n\n[1] https://x.example/\n");
  /* reference-style links are links too */
  assert_renders ("A [ref][r].\n\n[r]: https://r.example/\n", "A ref [1].\n\n[1] https://r.example/\n");
  /* a space or a quote would end the address for a plain-text reader:
   * encoded as in the href, while other non-ASCII stays readable */
  assert_renders ("[minutes](<https://r.example/board minutes.pdf>) and "
                  "[café](https://r.example/café?q=\"x\"&a=<b>)\n",
                  "minutes [1] and café [2]\n\n"
                  "[1] https://r.example/board%20minutes.pdf\n"
                  "[2] https://r.example/café?q=%22x%22&a=%3Cb%3E\n");
  assert_renders ("[](<https://e.example/a b>)\n", "https://e.example/a%20b\n");
}

static void
test_bare_links (void)
{
  /* autolinks, bare URLs and www. links stay inline, once */
  assert_renders ("<https://example.org/a> and https://example.org/b and www.example.org\n",
                  "https://example.org/a and https://example.org/b and www.example.org\n");
  assert_renders ("Write to <jill@example.org> or [jill@example.org](mailto:jill@example.org).\n",
                  "Write to jill@example.org or jill@example.org.\n");
  /* a link whose text is not its address gets a reference */
  assert_renders ("[Jill](mailto:jill@example.org)\n", "Jill [1]\n\n[1] mailto:jill@example.org\n");
  /* destinations the HTML export refuses keep their words only */
  assert_renders ("[click](javascript:alert(1)) [top](#top)\n", "click top\n");
  /* an empty link text shows the address */
  assert_renders ("[](https://e.example/)\n", "https://e.example/\n");
}

static void
test_link_reference_not_split (void)
{
  /* "text [1]" never breaks between the text and its number */
  assert_renders_width ("aaaa bbbb [cc](https://c.example/)\n", 12,
                        "aaaa bbbb\ncc [1]\n\n[1] https://c.example/\n");
  /* nor after East Asian text, which may break anywhere else: the line
   * must not start with the space before the number */
  assert_renders_width ("[日本語のテキストです](https://c.example/)\n", 5,
                        "日本\n語の\nテキ\nスト\nで\nす [1]\n\n[1] https://c.example/\n");
}

static void
test_images (void)
{
  /* the address of an image is listed with the links' (issue 14) */
  assert_renders ("![The team](https://example.org/team.png)\n",
                  "[image: The team] [1]\n\n[1] https://example.org/team.png\n");
  assert_renders ("Before ![](https://example.org/x.png) after\n",
                  "Before [image] [1] after\n\n[1] https://example.org/x.png\n");
  assert_renders ("[![Logo](https://e.example/l.png)](https://e.example/)\n",
                  "[image: Logo] [1] [2]\n\n[1] https://e.example/l.png\n[2] https://e.example/\n");
  /* an address that is not safe is not listed */
  assert_renders ("![x](javascript:alert(1))\n", "[image: x]\n");
}

static void
test_tables (void)
{
  assert_renders ("| Name | Qty | Note |\n"
                  "|:-----|----:|:----:|\n"
                  "| 日本 | 1 | é |\n"
                  "| apple | 10 | *x* |\n"
                  "| **Total** | 11 | |\n",
                  "Name   Qty  Note\n"
                  "-----  ---  ----\n"
                  "日本     1   é\n"
                  "apple   10   x\n"
                  "Total   11\n");
}

static void
test_table_fallback (void)
{
  assert_renders_width ("| Programme | Lead | Status |\n"
                        "|---|---|---|\n"
                        "| Urgent and emergency care | Dr Andy Withers | On track |\n"
                        "| Cancer | Karen Poole | Needs attention this week |\n",
                        30,
                        "Programme: Urgent and\n"
                        "  emergency care\n"
                        "Lead: Dr Andy Withers\n"
                        "Status: On track\n"
                        "\n"
                        "Programme: Cancer\n"
                        "Lead: Karen Poole\n"
                        "Status: Needs attention this\n"
                        "  week\n");
}

static void
test_raw_html (void)
{
  /* raw HTML is written as typed, as the HTML export shows it as text */
  assert_renders ("<div>\nblock html\n</div>\n\nText <b>bold</b>\n",
                  "<div>\nblock html\n</div>\n\nText <b>bold</b>\n");
  assert_renders ("<!-- a comment -->\n", "<!-- a comment -->\n");
}

static void
test_wrap_cjk (void)
{
  /* wide characters take two columns, and East Asian text may break
   * between any two of its characters */
  assert_renders_width ("日本語のテキストを折り返す\n", 10,
                        "日本語のテ\nキストを折\nり返す\n");
  /* but not before closing punctuation */
  assert_renders_width ("日本語のテ。キスト\n", 10, "日本語の\nテ。キスト\n");
  assert_renders_width ("abc 日本語\n", 7, "abc 日\n本語\n");
}

static void
test_wrap_combining (void)
{
  /* e + U+0301: "café" is four columns, however many bytes */
  assert_renders_width ("cafe\xcc\x81 cafe\xcc\x81 cafe\xcc\x81\n", 10,
                        "cafe\xcc\x81 cafe\xcc\x81\ncafe\xcc\x81\n");
}

static void
test_long_url (void)
{
  GString *url = g_string_new ("https://example.org/");
  g_autofree char *markdown = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *url_str = NULL;

  while (url->len < 120)
    g_string_append (url, "segment-");
  url_str = g_string_free (url, FALSE);

  markdown = g_strdup_printf ("Before the link %s after it.\n", url_str);
  expected = g_strdup_printf ("Before the link\n%s\nafter it.\n", url_str);
  assert_renders (markdown, expected);

  /* not even where its East Asian characters would allow a break */
  assert_renders_width ("See https://example.org/日本語のページ now\n", 12,
                        "See\nhttps://example.org/日本語のページ\nnow\n");

  /* a word longer than the line is not cut either */
  assert_renders_width ("a Supercalifragilistic b\n", 10, "a\nSupercalifragilistic\nb\n");
}

static void
test_no_trailing_spaces (void)
{
  g_autofree char *text = render ("Trailing   \n\n- \n\n> \n\n| a | b |\n|---|---|\n| x |  |\n");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_false (g_str_has_suffix (lines[i], " "));
}

static gboolean
is_single_word (const char *line)
{
  const char *p = line;

  while (*p == ' ' || *p == '>' || *p == '-')
    p++;
  /* "[3] https://…" reference lines have one unbreakable part too */
  if (*p == '[')
    {
      const char *close = strstr (p, "] ");
      if (close != NULL)
        p = close + 2;
    }
  return strchr (p, ' ') == NULL;
}

static void
check_fixture (const char *name)
{
  g_autofree char *path = bulletin_test_fixture_path (name);
  g_autofree char *markdown = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(cmark_node) doc = NULL;
  gsize len;
  cmark_iter *iter;
  cmark_event_type ev;
  guint n_links = 0;

  g_file_get_contents (path, &markdown, &len, &error);
  g_assert_no_error (error);

  doc = bulletin_markdown_parse (markdown, len);
  text = bulletin_text_render (doc, 72);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));
  g_assert_null (strstr (text, "]("));
  g_assert_null (strstr (text, "\\"));
  /* only headings below the second level keep hashes, by design */
  g_assert_null (strstr (text, "\n# "));
  g_assert_null (strstr (text, "\n## "));

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_suffix (lines[i], " "))
        g_error ("%s: trailing space on line %u: “%s”", name, i + 1, lines[i]);
      if (bulletin_text_display_width (lines[i], -1) > 72 && !is_single_word (lines[i]))
        g_error ("%s: line %u is too long: “%s”", name, i + 1, lines[i]);
    }

  /* every link destination is in the reference list or inline */
  iter = cmark_iter_new (doc);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_LINK)
        {
          const char *url = cmark_node_get_url (node);
          g_autofree char *text_of_link = bulletin_markdown_plain_text (node);
          g_autofree char *reference = g_strdup_printf ("] %s\n", url);

          if (strstr (text, reference) == NULL && strstr (text, text_of_link) == NULL)
            g_error ("%s: %s is missing", name, url);
          /* a link that shows its own address is written once, where
           * it stands; any other gets a reference */
          if (g_str_equal (text_of_link, url))
            g_assert_null (strstr (text, reference));
          else if (g_str_has_prefix (url, "https://example."))
            {
              g_assert_nonnull (strstr (text, reference));
              n_links++;
            }
        }
    }
  cmark_iter_free (iter);
  g_assert_cmpuint (n_links, >, 0);
}

static char *
render_fixture (const char *name)
{
  g_autofree char *markdown = bulletin_test_read_fixture (name);
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));

  check_fixture (name);
  return bulletin_text_render (doc, 72);
}

static void
test_fixture_teams (void)
{
  g_autofree char *text = render_fixture ("weekly-update-neighbourhood-teams.md");

  g_assert_true (g_str_has_prefix (text, "Weekly update: neighbourhood teams for every community\n"
                                         "======================================================\n\n"));
  g_assert_nonnull (strstr (text, "\nWhat else has been happening this week?\n"
                                  "---------------------------------------\n"));
  g_assert_nonnull (strstr (text, "\n\nCarers’ rights day\n\n"));
  g_assert_nonnull (strstr (text, "\ninvolvement@example.org if you would like to know more.\n"));
  /* an image is its alt text, or a mark where it was */
  g_assert_nonnull (strstr (text, "\n[image: District nurses and social workers from the Kirkby Marsh team at\n"
                                  "their morning huddle] [3]\n"));
  g_assert_nonnull (strstr (text, "\n\n[image] [4]\n\n"));
  g_assert_nonnull (strstr (text, "\n[3] https://example.org/images/kirkby-marsh-huddle.jpg\n"));
  /* no Markdown left behind anywhere */
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "###"));
  g_assert_nonnull (strstr (text, "[1] https://example.org/plain-english-guide\n"));
}

static void
test_fixture_record (void)
{
  g_autofree char *text = render_fixture ("weekly-update-shared-record.md");

  g_assert_nonnull (strstr (text, "out more about our partnership at www.example.com/partnership.\n"));
  g_assert_nonnull (strstr (text, "\n- The care home leaders’ network meets again on Wednesday 25 November.\n"));
  g_assert_nonnull (strstr (text, "which you can read here [1].\n"));
  /* the table in columns; the long address on a line of its own, whole */
  g_assert_nonnull (strstr (text, "\n\nOrganisation                      Connected    Sharing since\n"
                                  "--------------------------------  -----------  --------------\n"
                                  "Brookfield general hospital       Yes          June 2026\n"));
  g_assert_nonnull (strstr (text, "\nhttps://example.org/shared-care-record/guides/getting-started-for-care-home-staff-and-managers.\n"));
  g_assert_true (g_str_has_suffix (text, "[1] https://example.com/shared-care-record/rules\n"
                                         "[2] http://example.com/results-portal\n"));
}

static void
test_fixture_volunteers (void)
{
  g_autofree char *text = render_fixture ("weekly-update-volunteers.md");

  g_assert_true (g_str_has_prefix (text, "Weekly update: thank you to our volunteers\n"
                                         "==========================================\n\n"));
  g_assert_true (g_str_has_suffix (text, "[1] https://example.org/volunteering/progress-report\n"
                                         "[2] https://example.org/images/volunteer-awards.jpg\n"
                                         "[3] https://example.org/volunteering/young-people\n"));
}

static void
test_deep_nesting (void)
{
  GString *markdown = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(cmark_node) doc = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (markdown, '>');
  g_string_append (markdown, " deep\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append (markdown, "*a ");
  g_string_append_c (markdown, '\n');

  doc = bulletin_markdown_parse (markdown->str, markdown->len);
  text = bulletin_text_render (doc, 72);
  g_assert_nonnull (strstr (text, "deep"));
  g_string_free (markdown, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/display-width", test_display_width);
  g_test_add_func ("/text/empty", test_empty);
  g_test_add_func ("/text/paragraphs", test_paragraphs);
  g_test_add_func ("/text/headings", test_headings);
  g_test_add_func ("/text/inline-styles", test_inline_styles);
  g_test_add_func ("/text/lists", test_lists);
  g_test_add_func ("/text/list-hanging-indent", test_list_hanging_indent);
  g_test_add_func ("/text/task-items", test_task_items);
  g_test_add_func ("/text/block-quotes", test_block_quotes);
  g_test_add_func ("/text/code-blocks", test_code_blocks);
  g_test_add_func ("/text/thematic-break", test_thematic_break);
  g_test_add_func ("/text/links", test_links);
  g_test_add_func ("/text/bare-links", test_bare_links);
  g_test_add_func ("/text/link-reference-not-split", test_link_reference_not_split);
  g_test_add_func ("/text/images", test_images);
  g_test_add_func ("/text/tables", test_tables);
  g_test_add_func ("/text/table-fallback", test_table_fallback);
  g_test_add_func ("/text/raw-html", test_raw_html);
  g_test_add_func ("/text/wrap-cjk", test_wrap_cjk);
  g_test_add_func ("/text/wrap-combining", test_wrap_combining);
  g_test_add_func ("/text/long-url", test_long_url);
  g_test_add_func ("/text/no-trailing-spaces", test_no_trailing_spaces);
  g_test_add_func ("/text/fixture-teams", test_fixture_teams);
  g_test_add_func ("/text/fixture-record", test_fixture_record);
  g_test_add_func ("/text/fixture-volunteers", test_fixture_volunteers);
  g_test_add_func ("/text/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
