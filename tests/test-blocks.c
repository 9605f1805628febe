/* test-blocks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-blocks.h"

static BulletinBlockList *
blocks (const char *md)
{
  return bulletin_block_list_new (md, strlen (md));
}

static void
test_split (void)
{
  g_autoptr(BulletinBlockList) list = blocks ("# Title\n\nPara one\nstill one\n\n- a\n- b\n\n\n> quote\n");
  g_autofree char *all = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (bulletin_block_list_get_n_blocks (list), ==, 4);
  g_assert_cmpuint (bulletin_block_list_get_start_line (list, 0), ==, 1);
  g_assert_cmpuint (bulletin_block_list_get_start_line (list, 1), ==, 3);
  g_assert_cmpuint (bulletin_block_list_get_end_line (list, 1), ==, 4);
  g_assert_cmpuint (bulletin_block_list_get_start_line (list, 2), ==, 6);
  g_assert_cmpuint (bulletin_block_list_get_start_line (list, 3), ==, 10);

  second = bulletin_block_list_join (list, 1, 1);
  g_assert_true (g_str_has_prefix (second, "<div class=\"bulletin-block\"><p "));
  g_assert_true (g_str_has_suffix (second, "</p>\n</div>\n"));
  g_assert_nonnull (strstr (second, "Para one\nstill one"));

  all = bulletin_block_list_join (list, 0, 4);
  g_assert_nonnull (strstr (all, "Title</h1>"));
  g_assert_nonnull (strstr (all, "quote"));
}

static void
test_empty (void)
{
  g_autoptr(BulletinBlockList) list = blocks ("");
  g_autoptr(BulletinBlockList) other = blocks ("Text");
  guint pos, removed, added;
  g_autofree char *joined = bulletin_block_list_join (list, 0, 0);

  g_assert_cmpuint (bulletin_block_list_get_n_blocks (list), ==, 0);
  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 1, NULL), ==, G_MAXUINT);
  g_assert_cmpstr (joined, ==, "");

  bulletin_block_list_diff (list, other, &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);

  bulletin_block_list_diff (other, list, &pos, &removed, &added);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 0);
}

static void
test_diff_edit_one_block (void)
{
  g_autoptr(BulletinBlockList) a = blocks ("# T\n\nOne\n\nTwo\n\nThree\n");
  g_autoptr(BulletinBlockList) b = blocks ("# T\n\nOne\n\nTwo!\n\nThree\n");
  guint pos, removed, added;

  bulletin_block_list_diff (a, b, &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 2);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 1);
}

static void
test_diff_insert_lines_above (void)
{
  /* New lines at the top shift every block down, but relative source
   * positions keep the blocks below identical: only the new block is sent. */
  g_autoptr(BulletinBlockList) a = blocks ("One\n\n- x\n- y\n\nThree\n");
  g_autoptr(BulletinBlockList) b = blocks ("New\n\n\n\nOne\n\n- x\n- y\n\nThree\n");
  guint pos, removed, added;

  bulletin_block_list_diff (a, b, &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (bulletin_block_list_get_start_line (b, 2), ==, 7);
}

static void
test_diff_identical (void)
{
  g_autoptr(BulletinBlockList) a = blocks ("A\n\nB\n");
  g_autoptr(BulletinBlockList) b = blocks ("A\n\nB\n\n\n");
  guint pos, removed, added;

  bulletin_block_list_diff (a, b, &pos, &removed, &added);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 0);
}

static void
test_diff_merge_blocks (void)
{
  /* deleting the blank line joins two paragraphs into one */
  g_autoptr(BulletinBlockList) a = blocks ("Head\n\nOne\n\nTwo\n\nTail\n");
  g_autoptr(BulletinBlockList) b = blocks ("Head\n\nOne\nTwo\n\nTail\n");
  guint pos, removed, added;

  bulletin_block_list_diff (a, b, &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (added, ==, 1);
}

static void
test_diff_reference_definition (void)
{
  /* a link reference defined at the end changes a block at the top */
  g_autoptr(BulletinBlockList) a = blocks ("See [here].\n\nMiddle\n");
  g_autoptr(BulletinBlockList) b = blocks ("See [here].\n\nMiddle\n\n[here]: https://example.org\n");
  guint pos, removed, added;
  g_autofree char *html = NULL;

  bulletin_block_list_diff (a, b, &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 1);

  html = bulletin_block_list_join (b, pos, added);
  g_assert_nonnull (strstr (html, "href=\"https://example.org\""));
}

static void
test_lookup_line (void)
{
  g_autoptr(BulletinBlockList) list = blocks ("# Title\n\nPara one\nstill one\n\n- a\n- b\n");
  guint rel = 0;

  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 1, &rel), ==, 0);
  g_assert_cmpuint (rel, ==, 1);
  /* the blank line after the heading belongs to the heading */
  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 2, &rel), ==, 0);
  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 4, &rel), ==, 1);
  g_assert_cmpuint (rel, ==, 2);
  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 7, &rel), ==, 2);
  g_assert_cmpuint (rel, ==, 2);
  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 500, &rel), ==, 2);
}

static void
test_lookup_before_first (void)
{
  g_autoptr(BulletinBlockList) list = blocks ("\n\n\nText\n");
  guint rel = 0;

  g_assert_cmpuint (bulletin_block_list_lookup_line (list, 1, &rel), ==, 0);
  g_assert_cmpuint (rel, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blocks/split", test_split);
  g_test_add_func ("/blocks/empty", test_empty);
  g_test_add_func ("/blocks/diff/edit-one-block", test_diff_edit_one_block);
  g_test_add_func ("/blocks/diff/insert-lines-above", test_diff_insert_lines_above);
  g_test_add_func ("/blocks/diff/identical", test_diff_identical);
  g_test_add_func ("/blocks/diff/merge-blocks", test_diff_merge_blocks);
  g_test_add_func ("/blocks/diff/reference-definition", test_diff_reference_definition);
  g_test_add_func ("/blocks/lookup-line", test_lookup_line);
  g_test_add_func ("/blocks/lookup-before-first", test_lookup_before_first);

  return g_test_run ();
}
