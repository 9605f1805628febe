/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-test-util.h"
#include "bulletin-text.h"

static void
test_sanitize_valid (void)
{
  gboolean valid = FALSE;
  gsize len = 0;
  g_autofree char *out = bulletin_markdown_sanitize ("What’s happening?", -1, &len, &valid);

  g_assert_true (valid);
  g_assert_cmpstr (out, ==, "What’s happening?");
  g_assert_cmpuint (len, ==, strlen ("What’s happening?"));
}

static void
test_sanitize_invalid (void)
{
  /* a stray Latin-1 byte, a truncated sequence at the end, an embedded NUL */
  static const char input[] = "caf\xe9 ok\0tail \xe2\x80";
  gboolean valid = TRUE;
  gsize len = 0;
  g_autofree char *out = bulletin_markdown_sanitize (input, sizeof input - 1, &len, &valid);

  g_assert_false (valid);
  g_assert_true (g_utf8_validate (out, len, NULL));
  g_assert_cmpuint (strlen (out), ==, len);
  g_assert_cmpstr (out, ==, "caf\xEF\xBF\xBD ok\xEF\xBF\xBDtail \xEF\xBF\xBD");
}

static void
test_sanitize_empty (void)
{
  gsize len = 99;
  g_autofree char *out = bulletin_markdown_sanitize ("", 0, &len, NULL);

  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (len, ==, 0);
}

static void
test_url_safety (void)
{
  g_assert_true (bulletin_markdown_url_is_safe ("https://www.brookfield-moorside.example", FALSE));
  g_assert_true (bulletin_markdown_url_is_safe ("http://example.org/a?b=c&d", FALSE));
  g_assert_true (bulletin_markdown_url_is_safe ("mailto:comms@example.org", FALSE));
  g_assert_true (bulletin_markdown_url_is_safe ("tel:+441132345678", FALSE));
  g_assert_true (bulletin_markdown_url_is_safe ("#next-week", FALSE));
  g_assert_true (bulletin_markdown_url_is_safe ("data:image/png;base64,AAAA", TRUE));

  g_assert_false (bulletin_markdown_url_is_safe ("javascript:alert(1)", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("JaVaScRiPt:alert(1)", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe (" javascript:alert(1)", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("java\tscript:alert(1)", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("vbscript:msgbox", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("file:///etc/passwd", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("file:///tmp/x.png", TRUE));
  g_assert_false (bulletin_markdown_url_is_safe ("data:text/html,<script>", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("data:text/html,<script>", TRUE));
  g_assert_false (bulletin_markdown_url_is_safe ("data:image/svg+xml,<svg>", TRUE));
  g_assert_false (bulletin_markdown_url_is_safe ("mailto:x@example.org", TRUE));
  g_assert_false (bulletin_markdown_url_is_safe ("", FALSE));
  g_assert_false (bulletin_markdown_url_is_safe (NULL, FALSE));
  g_assert_false (bulletin_markdown_url_is_safe ("relative/path.html", FALSE));
}

static void
test_parse_extensions (void)
{
  static const char md[] =
    "# Title\n\n"
    "| a | b |\n|---|--:|\n| 1 | ~~2~~ |\n\n"
    "- [x] done\n- [ ] todo\n\n"
    "See www.example.org today.\n";
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (md, strlen (md));
  cmark_node *table, *list, *para;
  gboolean checked = FALSE;

  table = cmark_node_next (cmark_node_first_child (doc));
  g_assert_cmpstr (bulletin_markdown_node_kind (table), ==, "table");
  g_assert_cmpint (cmark_node_get_start_line (table), ==, 3);

  list = cmark_node_next (table);
  g_assert_cmpint (cmark_node_get_type (list), ==, CMARK_NODE_LIST);
  g_assert_true (bulletin_markdown_is_task_item (cmark_node_first_child (list), &checked));
  g_assert_true (checked);
  g_assert_true (bulletin_markdown_is_task_item (cmark_node_last_child (list), &checked));
  g_assert_false (checked);

  para = cmark_node_next (list);
  g_assert_cmpint (cmark_node_get_type (cmark_node_next (cmark_node_first_child (para))), ==, CMARK_NODE_LINK);
}

static void
test_title (void)
{
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;
  g_autofree char *t4 = NULL;
  g_autofree char *long_text = NULL;

  {
    static const char md[] = "Intro line\n\n# Weekly update: *preparing* for winter\n";
    t1 = bulletin_markdown_extract_title (md, strlen (md));
  }
  g_assert_cmpstr (t1, ==, "Weekly update: preparing for winter");

  t2 = bulletin_markdown_extract_title ("Hello my name is Fiona\nand welcome\n", strlen ("Hello my name is Fiona\nand welcome\n"));
  g_assert_cmpstr (t2, ==, "Hello my name is Fiona and welcome");

  t3 = bulletin_markdown_extract_title ("", 0);
  g_assert_null (t3);

  long_text = g_strnfill (200, 'x');
  memset (long_text + 60, ' ', 1);
  t4 = bulletin_markdown_extract_title (long_text, 200);
  g_assert_true (g_str_has_suffix (t4, "…"));
  g_assert_cmpint (g_utf8_strlen (t4, -1), <=, 81);
}

static guint
count_kind (cmark_node *root,
            const char *kind)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type ev;
  guint n = 0;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    if (ev == CMARK_EVENT_ENTER && g_strcmp0 (cmark_node_get_type_string (cmark_iter_get_node (iter)), kind) == 0)
      n++;
  cmark_iter_free (iter);

  return n;
}

#define N_PARAGRAPHS 200

static gpointer
parse_repeatedly (gpointer data)
{
  const char *markdown = data;
  guint wrong = 0;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));

      if (count_kind (doc, "strikethrough") != N_PARAGRAPHS || count_kind (doc, "link") != N_PARAGRAPHS)
        wrong++;
    }

  return GUINT_TO_POINTER (wrong);
}

/* The preview, an export and the checks each parse on a thread of their
 * own, possibly at the same time: every parse must still see every
 * extension. */
static void
test_parse_threads (void)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  GThread *threads[3];
  guint wrong = 0;

  for (guint i = 0; i < N_PARAGRAPHS; i++)
    g_string_append (markdown, "Some ~~struck~~ words and www.example.org here.\n\n");

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_repeatedly, markdown->str);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    wrong += GPOINTER_TO_UINT (g_thread_join (threads[i]));

  g_assert_cmpuint (wrong, ==, 0);
}

typedef struct
{
  cmark_node *doc;
  char *text;
} RenderJob;

static gpointer
render_text_repeatedly (gpointer data)
{
  RenderJob *job = data;
  guint wrong = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = bulletin_text_render (job->doc, 72);

      wrong += g_strcmp0 (text, job->text) != 0;
    }

  return GUINT_TO_POINTER (wrong);
}

/* Once prepared, one document serves renderers on several threads (the
 * .eml export renders its two parts at once): they give what they give
 * alone, and nothing leaks (the sanitizer build checks that). */
static void
test_prepare_for_threads (void)
{
  static const char markdown[] =
    "# Title with `code`\n\nText, *em*, [a link](https://e.example/ \"T\"), "
    "![an image](https://e.example/i.png), <b>raw</b> and www.example.org.\n\n"
    "```c\ncode\n```\n\n<div>block</div>\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n\n- [x] done\n";
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (markdown, strlen (markdown));
  g_autoptr(cmark_node) fresh = bulletin_markdown_parse (markdown, strlen (markdown));
  g_autofree char *text = bulletin_text_render (fresh, 72);
  g_autofree char *html = bulletin_html_render_email (fresh, "T", "en", NULL);
  RenderJob job = { doc, text };
  GThread *thread;

  bulletin_markdown_prepare_for_threads (doc);
  thread = g_thread_new ("render", render_text_repeatedly, &job);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *again = bulletin_html_render_email (doc, "T", "en", NULL);

      g_assert_cmpstr (again, ==, html);
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (thread)), ==, 0);
}

static guint
count_nodes (cmark_node *doc,
             const char *type)
{
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;
  guint n = 0;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    if (ev == CMARK_EVENT_ENTER && strcmp (cmark_node_get_type_string (cmark_iter_get_node (iter)), type) == 0)
      n++;
  cmark_iter_free (iter);

  return n;
}

static char *
make_table (guint       columns,
            guint       rows,
            const char *row)
{
  GString *out = g_string_new ("Before the table.\n\n");

  for (guint i = 0; i < columns; i++)
    g_string_append_printf (out, "| c%u ", i);
  g_string_append (out, "|\n");
  for (guint i = 0; i < columns; i++)
    g_string_append (out, "|---");
  g_string_append (out, "|\n");
  for (guint i = 0; i < rows; i++)
    g_string_append (out, row);
  g_string_append (out, "\nAfter the table.\n");

  return g_string_free (out, FALSE);
}

/* A table past the documented size is text, not a table cmark-gfm pads
 * cell by cell; one within it stays a table. The text keeps every byte
 * where it was, so positions still point into the draft. */
static void
test_huge_tables (void)
{
  struct {
    guint columns;
    guint rows;
    const char *row;
    gboolean is_table;
  } cases[] = {
    { 3, 2, "| a | b | c |\n", TRUE },
    { BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS, 3, "| a | b |\n", TRUE },
    { BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS + 1, 3, "| a | b |\n", FALSE },
    /* the memory bomb: a wide header over many short rows */
    { 10000, 10000, "| a |\n", FALSE },
    /* few columns, but rows padded far past what they hold */
    { 60, 200000, "|\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = make_table (cases[i].columns, cases[i].rows, cases[i].row);
      cmark_node *doc = bulletin_markdown_parse (text, strlen (text));
      cmark_node *last = cmark_node_last_child (doc);

      g_assert_cmpuint (count_nodes (doc, "table"), ==, cases[i].is_table ? 1 : 0);
      /* the paragraph after the table is where it was */
      g_assert_cmpint (cmark_node_get_type (last), ==, CMARK_NODE_PARAGRAPH);
      g_assert_cmpint (cmark_node_get_start_line (last), ==, 4 + cases[i].rows + 2);
      if (!cases[i].is_table)
        {
          g_autofree char *html = bulletin_html_render_email (doc, "T", "en", NULL);

          /* shown as the text it is: the header's cells, then the
           * delimiter row, whose first dash is escaped */
          g_assert_nonnull (strstr (html, "| c0 | c1 "));
          g_assert_nonnull (strstr (html, "|--|"));
        }
      cmark_node_free (doc);
    }
}

static char *
export_string (BulletinExportFormat  format,
               const char           *text,
               gsize                 len)
{
  g_autoptr(GBytes) bytes = bulletin_export_render (format, text, len, NULL, NULL, NULL);

  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A pasted paragraph of many kilobytes on one line is folded for the editor at spaces,
 * where a line break inside a paragraph is the same space: the exports
 * read the same, and no byte moves. Code, headings, tables, a space
 * before a list marker and a hard break are left alone. */
static void
test_fold_long_lines (void)
{
  g_autoptr(GString) para = g_string_new ("# Pasted\n\n");
  g_autoptr(GString) kept = g_string_new ("# ");
  g_autofree char *folded = NULL;
  g_autofree char *html_before = NULL;
  g_autofree char *html_after = NULL;
  g_autofree char *text_before = NULL;
  g_autofree char *text_after = NULL;

  g_assert_null (bulletin_markdown_fold_long_lines ("Short.\n", 7));

  /* long enough to fold, short enough that the exports never cut the
   * unfolded paragraph (BULLETIN_MARKDOWN_READER_BLOCK_LIMIT) */
  for (guint i = 0; para->len < 80 * 1024; i++)
    g_string_append_printf (para, "word%u costs 10 - 20 pounds,  twice\\ or `code span %u` ", i, i);
  g_string_append (para, "end.\n");

  folded = bulletin_markdown_fold_long_lines (para->str, para->len);
  g_assert_nonnull (folded);
  g_assert_cmpuint (strlen (folded), ==, para->len);
  g_assert_cmpuint (bulletin_test_longest_line (folded, NULL), <=, BULLETIN_MARKDOWN_FOLD_AT + 100);
  for (gsize i = 0; i < para->len; i++)
    if (folded[i] != para->str[i])
      {
        /* a single space before a letter became a line break */
        g_assert_cmpint (para->str[i], ==, ' ');
        g_assert_cmpint (folded[i], ==, '\n');
        g_assert_true (g_ascii_isalpha (para->str[i + 1]));
        g_assert_true (g_ascii_isalnum (para->str[i - 1]));
      }

  text_before = export_string (BULLETIN_EXPORT_TEXT, para->str, para->len);
  text_after = export_string (BULLETIN_EXPORT_TEXT, folded, para->len);
  g_assert_cmpstr (text_before, ==, text_after);
  html_before = export_string (BULLETIN_EXPORT_HTML, para->str, para->len);
  html_after = export_string (BULLETIN_EXPORT_HTML, folded, para->len);
  g_strdelimit (html_before, "\n", ' ');
  g_strdelimit (html_after, "\n", ' ');
  g_assert_cmpstr (html_before, ==, html_after);

  /* a heading, a table row and a fenced code line stay whole */
  for (guint i = 0; kept->len < 20000; i++)
    g_string_append (kept, "heading words ");
  g_string_append (kept, "\n\n| a | b |\n|---|---|\n| ");
  for (guint i = 0; i < 2000; i++)
    g_string_append (kept, "cell words ");
  g_string_append (kept, "| b |\n\n```\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append (kept, "code words ");
  g_string_append (kept, "\n```\n\n");
  /* a list nested 6,000 deep on one line: no space between a marker and
   * the item's first word may break */
  for (guint i = 0; i < 6000; i++)
    g_string_append (kept, "- ");
  g_string_append (kept, "deepest\n");
  g_assert_null (bulletin_markdown_fold_long_lines (kept->str, kept->len));
}

/* Lists and quotes opened on one line past the documented depth are text
 * from there on, as cmark-gfm takes time growing with the square of such
 * nesting (20,000 levels took seconds); a long thematic break stays one. */
static void
test_deep_line_nesting (void)
{
  const char *markers[] = { "- ", "> ", "1. ", "* " };

  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *html = NULL;
      cmark_node *doc;
      guint containers;

      for (guint i = 0; i < 20000; i++)
        g_string_append (text, markers[m]);
      g_string_append (text, "deepest\n");

      doc = bulletin_markdown_parse (text->str, text->len);
      containers = count_nodes (doc, "list") + count_nodes (doc, "block_quote");
      g_assert_cmpuint (containers, ==, BULLETIN_MARKDOWN_MAX_LINE_NESTING);
      html = bulletin_html_render_body (doc, 0);
      g_assert_nonnull (strstr (html, "deepest"));
      cmark_node_free (doc);
    }

  /* a line that ends in a lone "\r" (a Mac's, or a stray byte) is a line
   * to cmark-gfm, and the next is capped as much (fuzz-markdown found
   * 20,000 levels after one, taking seconds) */
  {
    g_autoptr(GString) text = g_string_new ("- ");
    cmark_node *doc;

    for (guint i = 0; i < 2; i++)
      {
        g_string_append (text, "first\r");
        for (guint d = 0; d < 20000; d++)
          g_string_append (text, "- ");
      }
    g_string_append (text, "deepest\n");
    doc = bulletin_markdown_parse (text->str, text->len);
    g_assert_cmpuint (count_nodes (doc, "list"), <=, 2 * BULLETIN_MARKDOWN_MAX_LINE_NESTING + 1);
    cmark_node_free (doc);
  }

  {
    g_autoptr(GString) rule = g_string_new ("Above.\n\n");
    cmark_node *doc;

    for (guint i = 0; i < 500; i++)
      g_string_append (rule, "- ");
    g_string_append (rule, "\n\nBelow.\n");
    doc = bulletin_markdown_parse (rule->str, rule->len);
    g_assert_cmpuint (count_nodes (doc, "thematic_break"), ==, 1);
    cmark_node_free (doc);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/sanitize/valid", test_sanitize_valid);
  g_test_add_func ("/markdown/sanitize/invalid", test_sanitize_invalid);
  g_test_add_func ("/markdown/sanitize/empty", test_sanitize_empty);
  g_test_add_func ("/markdown/url-safety", test_url_safety);
  g_test_add_func ("/markdown/parse/extensions", test_parse_extensions);
  g_test_add_func ("/markdown/title", test_title);
  g_test_add_func ("/markdown/parse/threads", test_parse_threads);
  g_test_add_func ("/markdown/prepare-for-threads", test_prepare_for_threads);
  g_test_add_func ("/markdown/huge-tables", test_huge_tables);
  g_test_add_func ("/markdown/deep-line-nesting", test_deep_line_nesting);
  g_test_add_func ("/markdown/fold-long-lines", test_fold_long_lines);

  return g_test_run ();
}
