/* bulletin-diff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BulletinDiffOp:
 * @BULLETIN_DIFF_EQUAL: the text is in both versions
 * @BULLETIN_DIFF_INSERT: the text is only in the new version
 * @BULLETIN_DIFF_DELETE: the text is only in the old version
 */
typedef enum
{
  BULLETIN_DIFF_EQUAL,
  BULLETIN_DIFF_INSERT,
  BULLETIN_DIFF_DELETE,
} BulletinDiffOp;

/**
 * BulletinDiffChunk:
 * @op: where @text comes from
 * @text: a non-empty run of one or both versions, nul-terminated
 *
 * One run of a diff, as the history view highlights it.
 */
typedef struct
{
  BulletinDiffOp op;
  char *text;
} BulletinDiffChunk;

GPtrArray *bulletin_diff_words       (const char        *old_text,
                                      const char        *new_text);
void       bulletin_diff_chunk_free  (BulletinDiffChunk *chunk);
guint      bulletin_diff_count_words (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinDiffChunk, bulletin_diff_chunk_free)

G_END_DECLS
