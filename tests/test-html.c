/* test-html.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-images.h"
#include "bulletin-markdown.h"
#include "bulletin-test-util.h"

static char *
render (const char        *markdown,
        BulletinHtmlFlags  flags)
{
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));

  return bulletin_html_render_body (doc, flags);
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) == NULL) \
      g_error ("Expected to find\n  %s\nin\n%s", (needle), (haystack)); \
  } G_STMT_END

#define assert_not_contains(haystack, needle) \
  G_STMT_START { \
    if (strstr ((haystack), (needle)) != NULL) \
      g_error ("Did not expect\n  %s\nin\n%s", (needle), (haystack)); \
  } G_STMT_END

static void
test_headings (void)
{
  g_autofree char *html = render ("# One\n\n## Two\n\n### Three\n\n###### Six\n", BULLETIN_HTML_NONE);
  g_autofree char *h1 = g_strdup_printf ("<h1 dir=\"auto\" style=\"%s\">One</h1>", bulletin_html_get_style ("h1"));
  g_autofree char *h2 = g_strdup_printf ("<h2 dir=\"auto\" style=\"%s\">Two</h2>", bulletin_html_get_style ("h2"));

  assert_contains (html, h1);
  assert_contains (html, h2);
  assert_contains (html, ">Three</h3>");
  assert_contains (html, ">Six</h6>");
  assert_not_contains (html, "data-sourcepos");
}

static void
test_lists (void)
{
  g_autofree char *html = render ("- one\n- two\n  1. inner\n  2. second\n\n5. five\n6. six\n\n- [ ] todo\n- [x] done\n", BULLETIN_HTML_NONE);

  assert_contains (html, "<ul style=");
  assert_contains (html, ">one</li>");
  assert_contains (html, "<ol style=");
  assert_contains (html, ">inner</li>");
  assert_contains (html, " start=\"5\">");
  /* task lists become box characters, not form controls */
  assert_contains (html, ">☐ todo</li>");
  assert_contains (html, ">☑ done</li>");
  assert_not_contains (html, "<input");
  /* tight lists have no paragraphs */
  assert_not_contains (html, "<p");
}

static void
test_loose_list (void)
{
  g_autofree char *html = render ("- one\n\n- two\n", BULLETIN_HTML_NONE);
  g_autofree char *p = g_strdup_printf ("<p dir=\"auto\" style=\"%s\">one</p>", bulletin_html_get_style ("li-p"));

  assert_contains (html, p);
}

static void
test_tables (void)
{
  g_autofree char *html = render ("| Day | Meeting | Room |\n|:----|:-------:|-----:|\n| Tue | Leaders | 4 |\n", BULLETIN_HTML_NONE);

  assert_contains (html, "<table style=");
  assert_contains (html, "<thead>");
  assert_contains (html, "<tbody>");
  assert_contains (html, "text-align:center;\">Meeting</th>");
  assert_contains (html, "text-align:right;\">4</td>");
  assert_contains (html, "border:1px solid");
  /* alignment lives in the style; the align attribute is obsolete HTML */
  assert_not_contains (html, "align=");
  /* once per cell: the column's, not the style sheet's as well (issue 14) */
  g_assert_cmpuint (bulletin_test_count (html, "text-align:"), ==, 6);
  assert_not_contains (html, "text-align:left;text-align");
}

static void
test_table_header_only (void)
{
  g_autofree char *html = render ("| a | b |\n|---|---|\n", BULLETIN_HTML_NONE);

  assert_contains (html, "</thead>\n</table>");
  assert_not_contains (html, "tbody");
}

/* Issue 14: in a loose task list the box stood on a line of its own above
 * the item's words; and a link to "#section" was dead in every inbox. */
static void
test_loose_tasks_and_anchors (void)
{
  g_autofree char *tasks = render ("- [ ] Book the room\n\n- [x] Send the agenda\n", BULLETIN_HTML_NONE);
  g_autofree char *anchor = render ("See [the plan below](#plan) and [the site](https://example.org/).\n",
                                    BULLETIN_HTML_NONE);

  assert_contains (tasks, "style=\"margin:0 0 8px 0;text-align:start;\">\xE2\x98\x90 Book the room</p>");
  assert_contains (tasks, "style=\"margin:0 0 8px 0;text-align:start;\">\xE2\x98\x91 Send the agenda</p>");
  assert_not_contains (tasks, "\xE2\x98\x90 <p");

  assert_contains (anchor, "See the plan below and <a href=\"https://example.org/\"");
  assert_not_contains (anchor, "href=\"#");
}

/* Issue 14: Outlook for Windows ignored the column's padding, showed table
 * cells in Times New Roman and took the first font of a stack it did not
 * know; and scaled by the screen's DPI. */
static void
test_outlook (void)
{
  const char *markdown = "Lead.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));
  g_autofree char *email = bulletin_html_render_email (doc, "T", "en-GB", NULL);
  g_autofree char *cell = bulletin_html_get_style_property ("td", "font-family");
  g_autofree char *column = bulletin_html_get_style_property ("column", "font-family");

  assert_contains (email, "<!--[if mso]><xml><o:OfficeDocumentSettings><o:AllowPNG/>"
                          "<o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->");
  assert_contains (email, "cellspacing=\"0\" border=\"0\"><tr><td style=\"padding:32px 28px;");
  g_assert_nonnull (cell);
  g_assert_true (g_str_has_prefix (cell, "'Segoe UI',"));
  g_assert_true (g_str_has_prefix (column, "'Segoe UI',"));
  assert_contains (email, "<td dir=\"auto\" style=\"padding:6px 10px;font-family:&#39;Segoe UI&#39;,");
}

static void
test_autolinks (void)
{
  g_autofree char *html = render ("Visit www.brookfield-moorside.example or https://example.org/x?a=1&b=2, or mail comms@example.org.", BULLETIN_HTML_NONE);

  /* a bare www. address goes to https (issue 14); one written out as
   * http:// stays what the author wrote */
  assert_contains (html, "<a href=\"https://www.brookfield-moorside.example\" style=");
  assert_contains (html, "<a href=\"https://example.org/x?a=1&amp;b=2\" style=");
  assert_contains (html, "<a href=\"mailto:comms@example.org\" style=");

  {
    g_autofree char *written = render ("See http://www.example.org/old and [the site](http://www.example.org/).", BULLETIN_HTML_NONE);

    assert_contains (written, "<a href=\"http://www.example.org/old\" style=");
    assert_contains (written, "<a href=\"http://www.example.org/\" style=");
  }
}

static void
test_smart_punctuation (void)
{
  g_autofree char *html = render ("\"Quoted\" and 'single' -- dash --- em... done", BULLETIN_HTML_NONE);

  assert_contains (html, "“Quoted”");
  assert_contains (html, "‘single’");
  assert_contains (html, "–");
  assert_contains (html, "—");
  assert_contains (html, "…");
}

static void
test_inlines (void)
{
  g_autofree char *html = render ("*em* **strong** ~~gone~~ `code <b>` line  \nbreak", BULLETIN_HTML_NONE);

  assert_contains (html, "<em style=\"font-style:italic;\">em</em>");
  assert_contains (html, "<strong style=\"font-weight:bold;\">strong</strong>");
  assert_contains (html, "<del style=\"text-decoration:line-through;\">gone</del>");
  assert_contains (html, ">code &lt;b&gt;</code>");
  assert_contains (html, "line<br>\nbreak");
}

static void
test_code_block (void)
{
  g_autofree char *html = render ("```\nif (a < b)\n  return;\n```\n", BULLETIN_HTML_NONE);

  assert_contains (html, "<pre style=");
  assert_contains (html, ">if (a &lt; b)\n  return;\n</code></pre>");
}

static void
test_images (void)
{
  g_autofree char *html = render ("![Team *photo*](https://example.org/team.jpg \"The team\")\n\n![evil](javascript:alert(1))\n", BULLETIN_HTML_NONE);

  assert_contains (html, "<img src=\"https://example.org/team.jpg\" alt=\"Team photo\" title=\"The team\" style=\"max-width:100%;");
  /* an image that may not load keeps its words */
  assert_contains (html, "[evil]");
  assert_not_contains (html, "javascript");
}

/* The preview loads nothing from the network: a picture on the web is a
 * box saying what it shows and where it comes from, not an empty strip;
 * the email keeps the picture itself. */
static void
test_preview_web_image (void)
{
  static const char md[] = "![Volunteers at the <awards>](https://example.org/awards.jpg)\n\n"
                           "![](HTTP://Photos.Example.net/x.png)\n\n![Logo](images/logo.png)\n";
  g_autofree char *preview = render (md, BULLETIN_HTML_PREVIEW);
  g_autofree char *email = render (md, BULLETIN_HTML_NONE);

  assert_not_contains (preview, "<img src=\"https:");
  assert_not_contains (preview, "<img src=\"HTTP:");
  assert_contains (preview, "role=\"img\" aria-label=\"Volunteers at the &lt;awards&gt;\"");
  assert_contains (preview, ">Volunteers at the &lt;awards&gt;</span>");
  assert_contains (preview, "Picture from example.org, shown when the email is opened");
  /* no description: the note names it */
  assert_contains (preview, "aria-label=\"Picture from photos.example.net, shown when the email is opened\"");
  /* a picture beside the draft is the preview's to show */
  assert_contains (preview, "<img src=\"images/logo.png\" alt=\"Logo\"");

  assert_contains (email, "<img src=\"https://example.org/awards.jpg\" alt=\"Volunteers at the &lt;awards&gt;\"");
  assert_contains (email, "<img src=\"HTTP://Photos.Example.net/x.png\" alt=\"\"");
  assert_not_contains (email, "shown when the email is opened");
}

static void
test_sourcepos (void)
{
  static const char md[] = "# Title\n\nFirst para\n\n- a\n- b\n";
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (md, strlen (md));
  cmark_node *list = cmark_node_last_child (doc);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *all = NULL;

  /* lines count from the block's first line, so a block renders the same
   * wherever it sits in the draft */
  bulletin_html_render_block (out, list, BULLETIN_HTML_PREVIEW);
  assert_contains (out->str, "<ul style=\"margin:0 0 16px 0;padding:0 0 0 28px;\" data-sourcepos=\"1:1-2:3\">");
  assert_contains (out->str, "data-sourcepos=\"2:1-2:3\">b</li>");

  all = bulletin_html_render_body (doc, BULLETIN_HTML_PREVIEW);
  assert_contains (all, "data-sourcepos=\"1:1-1:7\">Title</h1>");
  assert_contains (all, "data-sourcepos=\"1:1-1:10\">First para</p>");
}

static void
test_raw_html_neutralised (void)
{
  g_autofree char *html = render ("<script>alert('x')</script>\n\nText <img src=x onerror=alert(1)> and <b>bold</b>\n\n<div onclick=\"x()\">block</div>\n", BULLETIN_HTML_NONE);

  assert_not_contains (html, "<script");
  assert_not_contains (html, "<img");
  assert_not_contains (html, "<b>");
  assert_not_contains (html, "<div");
  /* the author still sees what they typed */
  assert_contains (html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  assert_contains (html, "&lt;b&gt;bold&lt;/b&gt;");
  assert_contains (html, "&lt;img src=x onerror=alert(1)&gt;");
}

static void
test_javascript_links_neutralised (void)
{
  g_autofree char *html = render ("[click](javascript:alert(1)) [file](file:///etc/passwd) [ok](https://example.org) <javascript:alert(2)>\n\n[ref]: javascript:alert(3)\n\n[ref]\n", BULLETIN_HTML_NONE);

  assert_not_contains (html, "href=\"javascript");
  assert_not_contains (html, "href=\"file");
  /* the words stay, as plain text */
  assert_contains (html, "javascript:alert(2)</p>");
  assert_contains (html, "click");
  assert_contains (html, "file");
  assert_contains (html, "<a href=\"https://example.org\"");
  {
    /* exactly one live link */
    const char *p = html;
    guint n = 0;
    while ((p = strstr (p, "<a ")) != NULL)
      {
        n++;
        p++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_href_escaping (void)
{
  g_autofree char *html = render ("[x](<https://example.org/a b\"c'd>)", BULLETIN_HTML_NONE);

  assert_contains (html, "href=\"https://example.org/a%20b%22c&#39;d\"");
}

static void
test_invalid_utf8 (void)
{
  static const char bad[] = "# Caf\xe9\n\nText \xff\xfe with \xc3 bad bytes\n";
  g_autofree char *clean = bulletin_markdown_sanitize (bad, sizeof bad - 1, NULL, NULL);
  g_autoptr(cmark_node) doc = NULL;
  g_autofree char *html = NULL;

  /* unsanitised bytes must not crash the parser or renderer (what they
   * render to is undefined: every entry point sanitises first) */
  doc = bulletin_markdown_parse (bad, sizeof bad - 1);
  html = bulletin_html_render_body (doc, BULLETIN_HTML_NONE);
  g_assert_nonnull (html);

  g_clear_pointer (&html, g_free);
  g_clear_pointer (&doc, cmark_node_free);
  doc = bulletin_markdown_parse (clean, strlen (clean));
  html = bulletin_html_render_body (doc, BULLETIN_HTML_NONE);
  g_assert_true (g_utf8_validate (html, -1, NULL));
  assert_contains (html, "Caf\xEF\xBF\xBD");
  assert_contains (html, "Text \xEF\xBF\xBD\xEF\xBF\xBD with \xEF\xBF\xBD bad bytes");
}

static void
test_large_input (void)
{
  g_autofree char *path = bulletin_test_fixture_path ("weekly-update-shared-record.md");
  g_autofree char *update = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(cmark_node) doc = NULL;
  g_autofree char *html = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &update, &len, NULL));
  while (big->len < 5 * 1024 * 1024)
    g_string_append_len (big, update, len);

  doc = bulletin_markdown_parse (big->str, big->len);
  html = bulletin_html_render_body (doc, BULLETIN_HTML_PREVIEW);

  g_assert_cmpuint (strlen (html), >, big->len);
  assert_contains (html, "What’s happening next week?");
}

static void
test_every_element_styled (void)
{
  static const char md[] =
    "# H1\n\n## H2\n\n### H3\n\n#### H4\n\n##### H5\n\n###### H6\n\n"
    "Para with *em*, **strong**, ~~del~~, `code`, [link](https://e.org) and ![img](https://e.org/i.png)\n\n"
    "> quote\n\n- item\n\n1. item\n\n- [ ] task\n\n```\ncode\n```\n\n---\n\n| a |\n|---|\n| b |\n\n<div>raw</div>\n";
  g_autofree char *html = render (md, BULLETIN_HTML_NONE);
  g_autoptr(GRegex) tag = g_regex_new ("<([a-z0-9]+)([^>]*)>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (tag, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *attrs = g_match_info_fetch (match, 2);

      /* thead/tbody/tr carry no text of their own; br is empty */
      if (!g_str_equal (name, "thead") && !g_str_equal (name, "tbody") &&
          !g_str_equal (name, "tr") && !g_str_equal (name, "br"))
        {
          if (strstr (attrs, "style=\"") == NULL)
            g_error ("<%s%s> has no inline style", name, attrs);
          n++;
        }
      g_match_info_next (match, NULL);
    }

  g_assert_cmpuint (n, >=, 22);
}

static void
test_document_shell (void)
{
  g_autoptr(cmark_node) doc = bulletin_markdown_parse ("Hello", 5);
  g_autofree char *email = bulletin_html_render_document (doc, "Weekly <update>", "en-GB", BULLETIN_HTML_NONE);
  g_autofree char *preview = bulletin_html_render_document (doc, NULL, NULL, BULLETIN_HTML_PREVIEW);

  g_assert_true (g_str_has_prefix (email, "<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  assert_contains (email, "<title>Weekly &lt;update&gt;</title>");
  assert_contains (email, "max-width:600px");
  assert_contains (email, "<!--[if mso]><table role=\"presentation\" width=\"600\"");
  assert_not_contains (email, "Content-Security-Policy");
  assert_not_contains (email, "<style");
  assert_not_contains (email, "<script");

  /* the preview is the same page, locked down */
  assert_contains (preview, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data: file: bulletin-image:; style-src 'unsafe-inline'\">");
  assert_contains (preview, "id=\"" BULLETIN_HTML_CONTENT_ID "\"");
  assert_contains (preview, "<html lang=\"en\">");
}

static void
test_style_property (void)
{
  g_autofree char *bg = bulletin_html_get_style_property ("body", "background-color");
  g_autofree char *none = bulletin_html_get_style_property ("body", "no-such-property");

  g_assert_cmpstr (bg, ==, "#f3f3f1");
  g_assert_null (none);
  g_assert_null (bulletin_html_get_style ("no-such-element"));
}

static void
test_fixtures (void)
{
  static const char * const names[] = {
    "weekly-update-neighbourhood-teams.md",
    "weekly-update-shared-record.md",
    "weekly-update-volunteers.md",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = bulletin_test_fixture_path (names[i]);
      g_autofree char *text = NULL;
      g_autofree char *html = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      html = render (text, BULLETIN_HTML_NONE);

      assert_contains (html, "happening this week?</h2>");
      assert_contains (html, "Have a ");
      assert_contains (html, "<h3 dir=\"auto\" style=");
      assert_not_contains (html, "**");
      assert_not_contains (html, "](");
    }
}

static char *
extract_preheader (const char *markdown)
{
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));

  return bulletin_html_extract_preheader (doc);
}

static void
test_preheader_extract (void)
{
  g_autofree char *first = extract_preheader ("# Title\n\nThis is the lead sentence. And a second one.\n");
  g_autofree char *question = extract_preheader ("Are we ready for the winter? I think so.\n");
  g_autofree char *quoted = extract_preheader ("She said “we are on track.” Then left.\n");
  g_autofree char *abbrev = extract_preheader ("Dr. Andy Withers will talk next week. More.\n");
  g_autofree char *whole = extract_preheader ("No sentence end here\n");
  g_autofree char *none = extract_preheader ("# Only a heading\n");
  g_autofree char *marked = extract_preheader ("A **bold** [link](https://e.example/) start here. Then.\n");
  g_autofree char *morning = extract_preheader ("We meet at 10 a.m. on Tuesday with the board. More.\n");
  g_autofree char *versus = extract_preheader ("Local teams vs. national targets: what changed this year. More.\n");
  g_autofree char *initial = extract_preheader ("A thank you from our chair, J. Okafor, to all volunteers. More.\n");
  g_autofree char *listed = extract_preheader ("# Update\n\n- Clinics reopen on Monday. Book early.\n- More\n");
  g_autofree char *quote = extract_preheader ("> We are proud of every team this winter. Truly.\n\nLead.\n");
  g_autofree char *logo = extract_preheader ("# Update\n\n![Our logo](logo.png)\n\nWelcome to the update. More.\n");
  g_autofree char *long_text = NULL;
  g_autofree char *cut = NULL;
  GString *words = g_string_new (NULL);

  g_assert_cmpstr (first, ==, "This is the lead sentence.");
  g_assert_cmpstr (question, ==, "Are we ready for the winter?");
  g_assert_cmpstr (quoted, ==, "She said “we are on track.”");
  g_assert_cmpstr (abbrev, ==, "Dr. Andy Withers will talk next week.");
  g_assert_cmpstr (whole, ==, "No sentence end here");
  g_assert_null (none);
  g_assert_cmpstr (marked, ==, "A bold link start here.");
  /* abbreviations end no sentence (issue 14) */
  g_assert_cmpstr (morning, ==, "We meet at 10 a.m. on Tuesday with the board.");
  g_assert_cmpstr (versus, ==, "Local teams vs. national targets: what changed this year.");
  g_assert_cmpstr (initial, ==, "A thank you from our chair, J. Okafor, to all volunteers.");
  /* an update that opens with a list or a quote has a preheader too */
  g_assert_cmpstr (listed, ==, "Clinics reopen on Monday.");
  g_assert_cmpstr (quote, ==, "We are proud of every team this winter.");
  /* a logo's alt text is no first line */
  g_assert_cmpstr (logo, ==, "Welcome to the update.");

  while (words->len < 400)
    g_string_append (words, "word ");
  long_text = g_string_free (words, FALSE);
  cut = extract_preheader (long_text);
  g_assert_true (g_str_has_suffix (cut, "word…"));
  g_assert_cmpuint (g_utf8_strlen (cut, -1), <=, BULLETIN_HTML_PREHEADER_MAX_CHARS);
  g_assert_cmpuint (g_utf8_strlen (cut, -1), >=, BULLETIN_HTML_PREHEADER_MAX_CHARS - 6);
}

static void
test_preheader_email (void)
{
  g_autofree char *path = bulletin_test_fixture_path ("weekly-update-neighbourhood-teams.md");
  g_autofree char *text = NULL;
  g_autofree char *email = NULL;
  g_autofree char *given = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *document = NULL;
  g_autofree char *preview = NULL;
  g_autoptr(cmark_node) doc = NULL;
  const char *body;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  doc = bulletin_markdown_parse (text, len);

  email = bulletin_html_render_email (doc, "Weekly update", "en-GB", NULL);
  body = strstr (email, "<body");
  g_assert_nonnull (body);
  body = strchr (body, '>') + 1;
  /* the first element of the body, hidden everywhere */
  g_assert_true (g_str_has_prefix (body,
                                   "\n<!--[if !mso]><!--><div style=\"display:none;font-size:1px;"
                                   "line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;"
                                   "color:transparent;\">Hello, this is Fiona Kerr, and welcome to this "
                                   "week’s update from the Brookfield and Moorside (B&amp;M) Health and "
                                   "Care Partnership.&zwnj;&nbsp;&zwnj;&nbsp;"));
  /* invisible filler, so the inbox line does not run on into the body */
  g_assert_cmpuint (bulletin_test_count (body, "&zwnj;&nbsp;"), ==, 80);
  assert_contains (body, "&zwnj;&nbsp;</div><!--<![endif]-->\n<!--[if mso]>");

  given = bulletin_html_render_email (doc, "Weekly update", "en-GB", "Winter <plans>");
  assert_contains (given, "color:transparent;\">Winter &lt;plans&gt;&zwnj;&nbsp;");

  empty = bulletin_html_render_email (doc, "Weekly update", "en-GB", "");
  assert_not_contains (empty, "display:none");

  /* the plain document and the preview do not change */
  document = bulletin_html_render_document (doc, "Weekly update", "en-GB", BULLETIN_HTML_NONE);
  preview = bulletin_html_render_document (doc, "Weekly update", "en-GB", BULLETIN_HTML_PREVIEW);
  assert_not_contains (document, "display:none");
  assert_not_contains (preview, "display:none");
  g_assert_cmpstr (empty, ==, document);
}

static void
test_email_images (void)
{
  const char *markdown = "![Team photo](https://e.example/t.png) ![](https://e.example/u.png)\n";
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));
  g_autofree char *email = bulletin_html_render_email (doc, "T", NULL, NULL);
  g_autofree char *max_width = bulletin_html_get_style_property ("img", "max-width");

  /* every image has alt text (empty when there is none) and may not
   * overflow a phone's screen */
  g_assert_cmpstr (max_width, ==, "100%");
  assert_contains (email, "<img src=\"https://e.example/t.png\" alt=\"Team photo\" style=\"max-width:100%;");
  assert_contains (email, "<img src=\"https://e.example/u.png\" alt=\"\" style=\"max-width:100%;");
}

static void
test_gmail_clip (void)
{
  g_assert_cmpuint (BULLETIN_HTML_GMAIL_CLIP_SIZE, ==, 102000);
  g_assert_false (bulletin_html_exceeds_gmail_clip (0));
  g_assert_false (bulletin_html_exceeds_gmail_clip (102000));
  g_assert_true (bulletin_html_exceeds_gmail_clip (102001));
  g_assert_true (bulletin_html_exceeds_gmail_clip (102 * 1024));
}

/* Lists and quotes nested past 16 levels add no more elements (WebKit
 * flattens deep trees, and its preview showed nothing of a list nested
 * 5,000 deep); what they hold still shows, at the deepest level. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *html = NULL;
  cmark_node *doc;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "- ");
  g_string_append (text, "deepest item\n\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "> ");
  g_string_append (text, "deepest quote\n\nAfter.\n");

  doc = bulletin_markdown_parse (text->str, text->len);
  html = bulletin_html_render_body (doc, 0);
  cmark_node_free (doc);

  /* 16 levels in all, as the plain text has (issue 14): a list and its
   * item count one each */
  g_assert_cmpuint (bulletin_test_count (html, "<ul"), ==, 8);
  g_assert_cmpuint (bulletin_test_count (html, "</ul>"), ==, 8);
  g_assert_cmpuint (bulletin_test_count (html, "<li"), ==, 8);
  g_assert_cmpuint (bulletin_test_count (html, "</li>"), ==, 8);
  g_assert_cmpuint (bulletin_test_count (html, "<blockquote"), ==, 16);
  g_assert_cmpuint (bulletin_test_count (html, "</blockquote>"), ==, 16);
  g_assert_nonnull (strstr (html, "deepest item"));
  g_assert_nonnull (strstr (html, "deepest quote"));
  g_assert_nonnull (strstr (html, "After."));
}

/* Issue 14: Outlook for Windows ignores max-width, so an image without
 * a width breaks the 600 px column. Images beside the draft get their
 * own width, at most the column's (544 px inside its padding), and keep
 * their relative address in the HTML export. */
static void
test_local_image_width (void)
{
  const char *markdown =
    "# Photos\n"
    "\n"
    "![Logo](images/partnership-logo.png)\n"
    "\n"
    "![The fair](images/volunteers-fair.png \"At the library\")\n";
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (data_dir);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = NULL;

  bytes = bulletin_export_render_with_base (BULLETIN_EXPORT_HTML, markdown, strlen (markdown),
                                            NULL, NULL, base, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_null (warnings);
  html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* 240 px wide: its own width */
  g_assert_nonnull (strstr (html, "<img src=\"images/partnership-logo.png\" alt=\"Logo\" width=\"240\" style=\""));
  /* 960 px wide: the column's */
  g_assert_nonnull (strstr (html, "<img src=\"images/volunteers-fair.png\" alt=\"The fair\" "
                                  "title=\"At the library\" width=\"544\" style=\""));
}

static void
test_image_resolve_local (void)
{
  g_autoptr(GFile) base = g_file_new_for_path ("/drafts/weekly");
  static const char * const not_local[] = {
    "https://example.org/a.png", "http://example.org/a.png", "data:image/png;base64,AA==",
    "//example.org/a.png", "#top", "", "   ", "file:///etc/passwd",
  };
  static const struct { const char *url; const char *path; } local[] = {
    { "logo.png", "/drafts/weekly/logo.png" },
    { "images/my%20logo.png", "/drafts/weekly/images/my logo.png" },
    { "logo.png?v=2#x", "/drafts/weekly/logo.png" },
    { "../common/logo.png", "/drafts/common/logo.png" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_local); i++)
    g_assert_null (bulletin_image_resolve_local (base, not_local[i]));
  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      g_autoptr(GFile) file = bulletin_image_resolve_local (base, local[i].url);
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      g_assert_cmpstr (path, ==, local[i].path);
    }
  /* a draft without a folder has no local images */
  g_assert_null (bulletin_image_resolve_local (NULL, "logo.png"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/headings", test_headings);
  g_test_add_func ("/html/lists", test_lists);
  g_test_add_func ("/html/loose-list", test_loose_list);
  g_test_add_func ("/html/tables", test_tables);
  g_test_add_func ("/html/table-header-only", test_table_header_only);
  g_test_add_func ("/html/autolinks", test_autolinks);
  g_test_add_func ("/html/smart-punctuation", test_smart_punctuation);
  g_test_add_func ("/html/inlines", test_inlines);
  g_test_add_func ("/html/code-block", test_code_block);
  g_test_add_func ("/html/images", test_images);
  g_test_add_func ("/html/preview-web-image", test_preview_web_image);
  g_test_add_func ("/html/sourcepos", test_sourcepos);
  g_test_add_func ("/html/safety/raw-html", test_raw_html_neutralised);
  g_test_add_func ("/html/safety/javascript-links", test_javascript_links_neutralised);
  g_test_add_func ("/html/safety/href-escaping", test_href_escaping);
  g_test_add_func ("/html/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/html/large-input", test_large_input);
  g_test_add_func ("/html/every-element-styled", test_every_element_styled);
  g_test_add_func ("/html/document-shell", test_document_shell);
  g_test_add_func ("/html/style-property", test_style_property);
  g_test_add_func ("/html/fixtures", test_fixtures);
  g_test_add_func ("/html/local-image-width", test_local_image_width);
  g_test_add_func ("/html/image-resolve-local", test_image_resolve_local);
  g_test_add_func ("/html/email/preheader-extract", test_preheader_extract);
  g_test_add_func ("/html/email/preheader", test_preheader_email);
  g_test_add_func ("/html/email/images", test_email_images);
  g_test_add_func ("/html/email/gmail-clip", test_gmail_clip);
  g_test_add_func ("/html/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html/loose-tasks-and-anchors", test_loose_tasks_and_anchors);
  g_test_add_func ("/html/outlook", test_outlook);

  return g_test_run ();
}
