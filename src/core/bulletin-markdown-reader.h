/* bulletin-markdown-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/* A draft is parsed this much at a time: cmark-gfm's tree takes about
 * six bytes for every byte of Markdown, so a parse of the whole of a
 * 50 MB draft would need 300 MB at once. Small enough that a part's tree
 * stays in the CPU's own cache (a megabyte of L2 here): with 256 KB
 * parts, every operation on a 500 KB draft took 1.5 to 2 times as long
 * a byte as on a 30 KB one, for the same instructions (bench-scaling,
 * bench-instructions.sh). */
#define BULLETIN_MARKDOWN_READER_CHUNK_SIZE (32 * 1024)
/* A single block running on past this, counted from where the part
 * holding it starts (so past the part's size and this), is cut in two at
 * a line end (see #BulletinMarkdownReader); no weekly update has even a
 * kilobyte without a blank line, and a paragraph of short lines has a
 * tree of 34 bytes a byte: at 512 KB the checks of a 5 MB pasted table
 * peaked over 10 times its size + 50 MB (bench-memory.sh). */
#define BULLETIN_MARKDOWN_READER_BLOCK_LIMIT (96 * 1024)

/* A paragraph longer than this is parsed in pieces of about this size
 * and handed out whole: cmark-gfm 0.29's inline parser takes time that
 * grows faster than the length of the paragraph it parses. */
#define BULLETIN_MARKDOWN_READER_PIECE_LIMIT (8 * 1024)

typedef struct _BulletinMarkdownReader BulletinMarkdownReader;

BulletinMarkdownReader *bulletin_markdown_reader_new             (const char             *text,
                                                                  gsize                   len);
void                    bulletin_markdown_reader_free            (BulletinMarkdownReader *self);
void                    bulletin_markdown_reader_set_chunk_size  (BulletinMarkdownReader *self,
                                                                  gsize                   size);
void                    bulletin_markdown_reader_set_default_chunk_size (gsize size);
void                    bulletin_markdown_reader_set_default_piece_limit (gsize limit);
void                    bulletin_markdown_reader_set_block_limit (BulletinMarkdownReader *self,
                                                                  gsize                   limit);
void                    bulletin_markdown_reader_set_piece_limit (BulletinMarkdownReader *self,
                                                                  gsize                   limit);
cmark_node             *bulletin_markdown_reader_next            (BulletinMarkdownReader *self);
int                     bulletin_markdown_reader_get_line_offset (BulletinMarkdownReader *self);
void                    bulletin_markdown_reader_locate          (BulletinMarkdownReader *self,
                                                                  cmark_node             *node,
                                                                  int                    *start_line,
                                                                  int                    *start_column,
                                                                  int                    *end_line,
                                                                  int                    *end_column);
void                    bulletin_markdown_reader_rewind          (BulletinMarkdownReader *self);
guint                   bulletin_markdown_reader_get_n_parses    (BulletinMarkdownReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinMarkdownReader, bulletin_markdown_reader_free)

G_END_DECLS
