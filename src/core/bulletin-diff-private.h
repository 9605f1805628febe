/* bulletin-diff-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "bulletin-diff.h"

G_BEGIN_DECLS

/* Shared by the files of the diff (bulletin-diff*.c) and nothing else:
 * bulletin-diff-tokens.c cuts the texts into tokens,
 * bulletin-diff-myers.c flags the tokens that changed, and
 * bulletin-diff.c makes chunks of them. */

typedef enum
{
  TOKEN_WORD,
  TOKEN_CJK,
  TOKEN_SPACE,
  TOKEN_NEWLINE,
  TOKEN_PUNCT,
  TOKEN_LINE,
} TokenKind;

typedef struct
{
  const char *p;
  gsize len;
  TokenKind kind;
} Token;

typedef struct
{
  GArray *old_tokens; /* of Token */
  GArray *new_tokens;
  guint8 *old_changed;
  guint8 *new_changed;
} Diff;

static inline const Token *
token_data (GArray *tokens)
{
  /* GArray keeps its elements aligned; the void * says so to the compiler */
  return (const Token *) (void *) tokens->data;
}

static inline gboolean
token_equal (const Token *a,
             const Token *b)
{
  return a->len == b->len && memcmp (a->p, b->p, a->len) == 0;
}

void      bulletin_diff_tokenize_words (const char *text,
                                        gsize       len,
                                        GArray     *tokens);
void      bulletin_diff_tokenize_lines (const char *text,
                                        gsize       len,
                                        GArray     *tokens);
gboolean  bulletin_diff_mark_changes   (Diff       *diff,
                                        gboolean    may_fail);

G_END_DECLS
