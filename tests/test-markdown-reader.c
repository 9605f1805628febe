/* test-markdown-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader parses a draft a part at a time; whatever the parts, the
 * blocks it hands out must be exactly those of one parse of the whole.
 * Each case is read with parts as small as they can be (every blank line
 * before a line at the margin ends one) and compared, block by block, in
 * HTML and in source lines, with bulletin_markdown_parse().
 */

#include "config.h"

#include <string.h>

#include "bulletin-checks.h"
#include "bulletin-export.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-test-util.h"

typedef struct
{
  GString *html;
  GString *lines;
  guint    n_blocks;
} Blocks;

/* @reader NULL: a block of a whole parse */
static void
add_block (Blocks                 *blocks,
           cmark_node             *block,
           BulletinMarkdownReader *reader)
{
  int start = cmark_node_get_start_line (block), end = cmark_node_get_end_line (block);

  if (reader != NULL)
    bulletin_markdown_reader_locate (reader, block, &start, NULL, &end, NULL);
  bulletin_html_render_block (blocks->html, block, BULLETIN_HTML_NONE);
  g_string_append_printf (blocks->lines, "%s %d-%d\n",
                          cmark_node_get_type_string (block), start, end);
  blocks->n_blocks++;
}

static void
blocks_clear (Blocks *blocks)
{
  g_string_free (blocks->html, TRUE);
  g_string_free (blocks->lines, TRUE);
}

static Blocks
whole (const char *text)
{
  Blocks blocks = { g_string_new (NULL), g_string_new (NULL), 0 };
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (text, strlen (text));

  for (cmark_node *child = cmark_node_first_child (doc); child; child = cmark_node_next (child))
    add_block (&blocks, child, NULL);
  return blocks;
}

/* parts of the real size are cut past the real limit; the tests scale
 * both down so that a draft of 64 KB shows what one of megabytes does */
#define TEST_CHUNK_SIZE (16 * 1024)
#define TEST_BLOCK_LIMIT (16 * 1024)

static Blocks
in_parts_limited (const char *text,
                  gsize       chunk_size,
                  gsize       block_limit,
                  guint      *n_parses)
{
  Blocks blocks = { g_string_new (NULL), g_string_new (NULL), 0 };
  g_autoptr(BulletinMarkdownReader) reader = bulletin_markdown_reader_new (text, strlen (text));
  cmark_node *block;

  bulletin_markdown_reader_set_chunk_size (reader, chunk_size);
  bulletin_markdown_reader_set_block_limit (reader, block_limit);
  while ((block = bulletin_markdown_reader_next (reader)) != NULL)
    add_block (&blocks, block, reader);
  g_assert_null (bulletin_markdown_reader_next (reader));

  if (n_parses != NULL)
    *n_parses = bulletin_markdown_reader_get_n_parses (reader);
  return blocks;
}

static Blocks
in_parts (const char *text,
          gsize       chunk_size,
          guint      *n_parses)
{
  return in_parts_limited (text, chunk_size, BULLETIN_MARKDOWN_READER_BLOCK_LIMIT, n_parses);
}

static void
assert_same_as_whole (const char *text)
{
  Blocks expected = whole (text);

  for (gsize size = 1; size <= 64; size *= 4)
    {
      Blocks got = in_parts (text, size, NULL);

      g_assert_cmpstr (got.lines->str, ==, expected.lines->str);
      g_assert_cmpstr (got.html->str, ==, expected.html->str);
      blocks_clear (&got);
    }
  blocks_clear (&expected);
}

static void
test_fixtures (void)
{
  g_autoptr(GPtrArray) paths = bulletin_test_export_fixtures ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      guint n_parses = 0;
      Blocks got;

      g_file_get_contents (g_ptr_array_index (paths, i), &text, NULL, &error);
      g_assert_no_error (error);
      assert_same_as_whole (text);

      /* parts really are small: one parse for every few blocks, not one
       * for the whole */
      got = in_parts (text, 1, &n_parses);
      g_assert_cmpuint (n_parses, >, 5);
      blocks_clear (&got);
    }
}

static void
test_carry_on (void)
{
  static const char * const cases[] = {
    /* fenced code runs on past blank lines and lines at the margin */
    "Before\n\n```\ncode\n\nnot a part\n\nstill code\n```\n\nafter\n",
    "~~~~\nx\n\ny\n~~~\n\nz\n~~~~\n\nw\n",
    "Text\n\n```\nopen\n\nto the end\n",
    /* a fence in a list item ends with the item; the next fence is real */
    "- a\n  ```\n\ntext\n\n```\ncode\n\nmore code\n```\n\nend\n",
    "> ```\n> x\n\ny\n\nz\n",
    /* HTML blocks that run to an end marker */
    "<!--\n\nhidden\n\n-->\n\nvisible\n",
    "<script>\nvar a;\n\nb\n</script>\n\nshown\n",
    "<pre>\nA\n\nB\n</pre>\n\nC\n",
    /* a list item at the margin joins the list above it */
    "- one\n\n- two\n\nthree\n\n1. a\n\n2. b\n\nend\n",
    "* tight\n* list\n\n+ other\n\ntext\n",
    /* blank lines with spaces, Windows line ends */
    "a\r\n\r\nb\r\n \r\n```\r\nx\r\n\r\ny\r\n```\r\n\r\nz\r\n",
    "    code\n\n    more\n\ntext\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nafter\n",
    "> a\n\n> b\n\nc\n\nTitle\n=====\n\n---\n\ntext\n",
    "",
    "\n\n\n",
    "one line, no newline",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_as_whole (cases[i]);
}

static void
test_definitions (void)
{
  static const char * const cases[] = {
    /* used before, after and far from their definitions; the first of
     * two definitions of one label wins, whatever its case */
    "See [the plan][plan] and [Plan].\n\nMiddle\n\n"
    "[plan]: https://example.org/plan \"Plan\"\n\n[PLAN]: https://example.org/other\n\n"
    "Again [plan] and [ the   PLAN ][plan]\n",
    /* the title on the next line; a definition in a quote or a list */
    "[x]: https://example.org/x\n  \"Title\"\n\nUse [x]\n",
    "[y]:\n  https://example.org/y\n\nUse [y] and ![y]\n",
    "> [q]: https://example.org/q\n\nUse [q]\n\n- [l]: https://example.org/l\n\n[l] too\n",
    /* labels that are not defined, escaped brackets, footnote-like */
    "[none] \\[x\\] [^1]\n\n[x]: https://example.org/x\n\n[^1]: not a definition\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_as_whole (cases[i]);
}

/* A fence that never closes makes every part end inside it: each retry
 * doubles the part, so the parses grow with the logarithm of the size. */
static void
test_open_fence_is_linear (void)
{
  g_autoptr(GString) text = g_string_new ("Lead\n\n```\n");
  guint n_parses = 0;
  Blocks got, expected;

  for (guint i = 0; i < 4096; i++)
    g_string_append (text, "line\n\nline\n");

  got = in_parts (text->str, 1, &n_parses);
  expected = whole (text->str);
  g_assert_cmpstr (got.html->str, ==, expected.html->str);
  g_assert_cmpuint (got.n_blocks, ==, 2);
  g_assert_cmpuint (n_parses, <=, 2 + 2 * g_bit_storage (text->len));

  blocks_clear (&got);
  blocks_clear (&expected);
}

static void
test_rewind (void)
{
  const char *text = "# Title\n\nLead.\n\n- a\n- b\n";
  g_autoptr(BulletinMarkdownReader) reader = bulletin_markdown_reader_new (text, strlen (text));
  guint first = 0, second = 0;

  while (bulletin_markdown_reader_next (reader) != NULL)
    first++;
  g_assert_cmpuint (bulletin_markdown_reader_get_n_parses (reader), ==, 1);

  bulletin_markdown_reader_rewind (reader);
  while (bulletin_markdown_reader_next (reader) != NULL)
    second++;

  g_assert_cmpuint (first, ==, 3);
  g_assert_cmpuint (second, ==, 3);
  /* one part: the rewind kept its tree */
  g_assert_cmpuint (bulletin_markdown_reader_get_n_parses (reader), ==, 1);
}

/* Blocks that run on far past a part's size are cut at a line end, but
 * never in fenced code or a table, and no line is lost or repeated. */
static void
test_cut_long_blocks (void)
{
  /* the third: rows of a table too wide to be one (no delimiter row), which
   * is text and is cut too, if later than other text */
  static const char * const lines[] = { "word and word again\n", "> > quoted mail, quoted again\n",
                                        "| a pasted | spreadsheet | row |\n" };
  static const char * const uncut[][3] = {
    { "```\n", "code line\n", "```\n" },
    { "| a | b |\n|---|---|\n", "| 1 | 2 |\n", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(BulletinMarkdownReader) reader = NULL;
      cmark_node *block;
      int next_line = 1;
      guint n_blocks = 0;

      while (text->len < 4 * TEST_BLOCK_LIMIT)
        g_string_append (text, lines[i]);

      reader = bulletin_markdown_reader_new (text->str, text->len);
      bulletin_markdown_reader_set_chunk_size (reader, TEST_CHUNK_SIZE);
      bulletin_markdown_reader_set_block_limit (reader, TEST_BLOCK_LIMIT);
      while ((block = bulletin_markdown_reader_next (reader)) != NULL)
        {
          int start, end;

          /* one after the other, every line in one block */
          bulletin_markdown_reader_locate (reader, block, &start, NULL, &end, NULL);
          g_assert_cmpint (start, ==, next_line);
          next_line = end + 1;
          n_blocks++;
        }
      g_assert_cmpint (next_line - 1, ==, (int)bulletin_test_count (text->str, "\n"));
      g_assert_cmpuint (n_blocks, >=, 2);
      g_assert_cmpuint (n_blocks, <=, 2 * text->len / TEST_CHUNK_SIZE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (uncut); i++)
    {
      g_autoptr(GString) text = g_string_new (uncut[i][0]);
      Blocks got, expected;

      while (text->len < 3 * TEST_BLOCK_LIMIT)
        g_string_append (text, uncut[i][1]);
      g_string_append (text, uncut[i][2]);

      got = in_parts_limited (text->str, TEST_CHUNK_SIZE, TEST_BLOCK_LIMIT, NULL);
      expected = whole (text->str);
      g_assert_cmpuint (got.n_blocks, ==, 1);
      g_assert_cmpstr (got.lines->str, ==, expected.lines->str);
      g_assert_true (g_str_equal (got.html->str, expected.html->str));
      blocks_clear (&got);
      blocks_clear (&expected);
    }
}

static char *
describe_findings (const char *text)
{
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GDate) today = g_date_new_dmy (20, 11, 2026);
  g_autoptr(GPtrArray) findings = NULL;
  GString *out = g_string_new (NULL);
  BulletinStats stats;

  opts.kinds = BULLETIN_CHECK_ALL & ~BULLETIN_CHECK_SPELLING;
  opts.today = today;
  findings = bulletin_checks_run (text, strlen (text), &opts);
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = g_ptr_array_index (findings, i);

      g_string_append_printf (out, "%d %u:%u %zu+%zu %s [%s]\n", f->kind, f->line, f->column,
                              f->offset, f->length, f->message, f->key);
    }

  stats = bulletin_checks_stats (text, strlen (text));
  g_string_append_printf (out, "words %u sentences %u longest %u at %zu\n", stats.words,
                          stats.sentences, stats.longest_sentence_words, stats.longest_sentence_offset);
  return g_string_free (out, FALSE);
}

/* A paragraph longer than the piece limit is parsed in pieces (cmark-gfm's
 * inline parser is quadratic or worse in a paragraph's length) and joined:
 * one paragraph, as a whole parse gives it, on one line or many, with
 * links, emphasis and code that the cuts wait to get past. */
static void
test_long_paragraphs_in_pieces (void)
{
  static const char * const pieces[] = {
    "x **bold** [link](https://example.org/l) `code` and ",
    "a *pasted* line of [the report](https://example.org/r) for the board\n",
    "café – naïve _emphasis_ “quoted” ",
    "abcdefghij",
    "see [the `report`](<https://example.org/a b> \"Title text\") and ![a](i.png) ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GString) text = g_string_new ("# Title\n\n");
      Blocks got, expected;
      guint n_parses = 0;
      g_autofree char *findings = NULL;
      g_autofree char *at = NULL;
      const char *here;

      while (text->len < 5 * BULLETIN_MARKDOWN_READER_PIECE_LIMIT)
        g_string_append (text, pieces[i]);
      g_string_append (text, "[click here](https://example.org/c) ");
      while (text->len < 10 * BULLETIN_MARKDOWN_READER_PIECE_LIMIT)
        g_string_append (text, pieces[i]);
      g_string_append (text, "\n\n## What’s happening next week?\n\n- Monday: a meeting\n");

      expected = whole (text->str);
      got = in_parts (text->str, BULLETIN_MARKDOWN_READER_CHUNK_SIZE, &n_parses);
      g_assert_cmpuint (got.n_blocks, ==, 4);
      g_assert_cmpstr (got.lines->str, ==, expected.lines->str);
      g_assert_true (g_str_equal (got.html->str, expected.html->str));
      /* in pieces, not at once */
      g_assert_cmpuint (n_parses, >=, 9);
      blocks_clear (&got);
      blocks_clear (&expected);

      /* the checks find the vague link where it is */
      findings = describe_findings (text->str);
      here = strstr (text->str, "[click here]");
      at = g_strdup_printf (" %zu+10 ", (gsize)(here + 1 - text->str));
      if (strstr (findings, at) == NULL)
        g_error ("no finding at %s in:\n%s", at, findings);
    }
}

/* A paragraph's line is cut into pieces only where the line after it
 * cannot make a heading or a table of it: a long heading underlined, a
 * table's long header, and a table too wide to be one, which is text and
 * so is cut like any long paragraph. */
static void
test_tables_and_headings_in_pieces (void)
{
  enum { WIDE_COLUMNS = BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS + 20 };
  g_autoptr(GString) wide = g_string_new ("# Figures\n\n");
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GString) long_line = g_string_new (NULL);
  const char *texts[4];
  guint min_parses[4] = { 6, 0, 0, 0 };
  g_autofree char *long_header = NULL;
  g_autofree char *underlined = NULL;
  g_autofree char *dashed = NULL;

  for (guint c = 0; c < WIDE_COLUMNS; c++)
    g_string_append_printf (header, "| Column %u ", c);
  g_string_append (wide, header->str);
  g_string_append (wide, "|\n");
  for (guint c = 0; c < WIDE_COLUMNS; c++)
    g_string_append (wide, "|---");
  g_string_append (wide, "|\n");
  while (wide->len < 8 * BULLETIN_MARKDOWN_READER_PIECE_LIMIT)
    {
      for (guint c = 0; c < WIDE_COLUMNS; c++)
        g_string_append (wide, "| a cell ");
      g_string_append (wide, "|\n");
    }
  g_string_append (wide, "\nAfter the table.\n");

  while (long_line->len < 3 * BULLETIN_MARKDOWN_READER_PIECE_LIMIT)
    g_string_append (long_line, "the words of a very long line ");
  long_header = g_strdup_printf ("%s| %s\n| --- | --- |\n| a | b |\n\nAfter.\n",
                                 long_line->str, long_line->str);
  underlined = g_strdup_printf ("Before.\n\n%s\n=====\n\nAfter.\n", long_line->str);
  dashed = g_strdup_printf ("Before.\n\n%s\n---\n\nAfter.\n", long_line->str);
  texts[0] = wide->str;
  texts[1] = long_header;
  texts[2] = underlined;
  texts[3] = dashed;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      Blocks expected = whole (texts[i]);
      guint n_parses = 0;
      Blocks got = in_parts (texts[i], BULLETIN_MARKDOWN_READER_CHUNK_SIZE, &n_parses);

      g_assert_cmpstr (got.lines->str, ==, expected.lines->str);
      g_assert_true (g_str_equal (got.html->str, expected.html->str));
      g_assert_cmpuint (n_parses, >=, min_parses[i]);
      blocks_clear (&got);
      blocks_clear (&expected);
    }
}

static char *
export_text (const char           *text,
             BulletinExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = bulletin_export_render (format, text, strlen (text), "a@example.org", "b@example.org", &error);
  g_assert_no_error (error);
  if (format == BULLETIN_EXPORT_EML)
    return bulletin_test_mask_eml (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The exports and the checks read drafts a part at a time: with the
 * smallest parts, every fixture gives what it gives in one part. */
static void
test_exports_and_checks_in_parts (void)
{
  g_autoptr(GPtrArray) paths = bulletin_test_export_fixtures ();
  static const BulletinExportFormat formats[] = {
    BULLETIN_EXPORT_HTML, BULLETIN_EXPORT_TEXT, BULLETIN_EXPORT_EML,
  };

  g_ptr_array_add (paths, NULL);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *one = NULL;
      g_autofree char *parts = NULL;

      if (g_ptr_array_index (paths, i) == NULL)
        /* a heading far down, under many paragraphs and a definition */
        {
          GString *long_text = g_string_new ("[site]: https://example.org/site\n\n");

          for (guint k = 0; k < 300; k++)
            g_string_append_printf (long_text, "Paragraph %u links to [the site][site].\n\n", k);
          g_string_append (long_text, "## What’s happening next week?\n\n- Monday: a meeting\n- a day\n");
          text = g_string_free (long_text, FALSE);
        }
      else
        g_file_get_contents (g_ptr_array_index (paths, i), &text, NULL, NULL);
      g_assert_nonnull (text);

      one = describe_findings (text);
      bulletin_markdown_reader_set_default_chunk_size (1);
      parts = describe_findings (text);
      bulletin_markdown_reader_set_default_chunk_size (0);
      g_assert_cmpstr (parts, ==, one);

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *whole_export = export_text (text, formats[f]);
          g_autofree char *parts_export = NULL;

          bulletin_markdown_reader_set_default_chunk_size (1);
          parts_export = export_text (text, formats[f]);
          bulletin_markdown_reader_set_default_chunk_size (0);
          g_assert_cmpstr (parts_export, ==, whole_export);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown-reader/fixtures", test_fixtures);
  g_test_add_func ("/markdown-reader/carry-on", test_carry_on);
  g_test_add_func ("/markdown-reader/definitions", test_definitions);
  g_test_add_func ("/markdown-reader/open-fence-is-linear", test_open_fence_is_linear);
  g_test_add_func ("/markdown-reader/rewind", test_rewind);
  g_test_add_func ("/markdown-reader/cut-long-blocks", test_cut_long_blocks);
  g_test_add_func ("/markdown-reader/exports-and-checks-in-parts", test_exports_and_checks_in_parts);
  g_test_add_func ("/markdown-reader/long-paragraphs-in-pieces", test_long_paragraphs_in_pieces);
  g_test_add_func ("/markdown-reader/tables-and-headings-in-pieces", test_tables_and_headings_in_pieces);

  return g_test_run ();
}
