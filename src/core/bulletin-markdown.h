/* bulletin-markdown.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/* Tables past these sizes are shown as text (see bulletin_markdown_parse()):
 * no weekly update needs them, and cmark-gfm's cost grows with their
 * square. */
#define BULLETIN_MARKDOWN_MAX_TABLE_COLUMNS 100
#define BULLETIN_MARKDOWN_TABLE_CELLS_PER_BYTE 4
/* Lists and quotes opened on one line past this depth are text from there
 * on: cmark-gfm's cost grows with the square of such nesting. */
#define BULLETIN_MARKDOWN_MAX_LINE_NESTING 100

/* Lines longer than this are folded for the editor, at about every
 * BULLETIN_MARKDOWN_FOLD_AT bytes (see bulletin_markdown_fold_long_lines()) */
#define BULLETIN_MARKDOWN_FOLD_LINE 10000
#define BULLETIN_MARKDOWN_FOLD_AT 1000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)

char       *bulletin_markdown_sanitize      (const char *text,
                                             gssize      len,
                                             gsize      *out_len,
                                             gboolean   *was_valid);
cmark_node *bulletin_markdown_parse         (const char *text,
                                             gsize       len);
gboolean    bulletin_markdown_url_is_safe   (const char *url,
                                             gboolean    for_image);
gboolean    bulletin_markdown_is_task_item  (cmark_node *node,
                                             gboolean   *checked);
const char *bulletin_markdown_node_kind     (cmark_node *node);
char       *bulletin_markdown_plain_text    (cmark_node *node);
char       *bulletin_markdown_fold_long_lines (const char *text,
                                              gsize       len);
char       *bulletin_markdown_extract_title (const char *text,
                                             gsize       len);
char       *bulletin_markdown_document_title (cmark_node *doc);
char       *bulletin_markdown_block_title   (cmark_node *block);
void        bulletin_markdown_prepare_for_threads (cmark_node *doc);

gsize       bulletin_markdown_delimiter_row_cells (const char *line,
                                                  const char *end);

char       *bulletin_markdown_normalise_phrase (const char *text);
guint       bulletin_markdown_edit_distance    (const char *a,
                                                const char *b);

G_END_DECLS
