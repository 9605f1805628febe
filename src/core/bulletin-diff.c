/* bulletin-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diff-private.h"

/* Two versions of a draft as chunks, for the history view: this file
 * turns the tokens that changed into runs, puts each run on the
 * clearest boundaries and writes the chunks. The tokens and the word
 * count are bulletin-diff-tokens.c's, the comparison
 * bulletin-diff-myers.c's. */

/* Token positions are ints; no draft comes near this. */
#define MAX_TEXT_LEN ((gsize) G_MAXINT / 4)

/* A run of tokens that is in both texts, or that differs between them. */
typedef struct
{
  gboolean equal;
  int o0, o1;         /* old tokens [o0, o1) */
  int n0, n1;         /* new tokens [n0, n1) */
} Piece;

void
bulletin_diff_chunk_free (BulletinDiffChunk *chunk)
{
  if (chunk == NULL)
    return;

  g_free (chunk->text);
  g_free (chunk);
}


static GArray *
build_pieces (const Diff *diff)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  int n_old = diff->old_tokens->len;
  int n_new = diff->new_tokens->len;
  int i = 0;
  int j = 0;

  while (i < n_old || j < n_new)
    {
      Piece piece = { TRUE, i, i, j, j };

      while (i < n_old && diff->old_changed[i])
        i++;
      while (j < n_new && diff->new_changed[j])
        j++;

      if (i > piece.o0 || j > piece.n0)
        {
          piece.equal = FALSE;
        }
      else
        {
          while (i < n_old && j < n_new &&
                 !diff->old_changed[i] && !diff->new_changed[j])
            i++, j++;

          /* the unflagged tokens of both sides pair up one to one */
          g_assert (i > piece.o0);
        }

      piece.o1 = i;
      piece.n1 = j;
      g_array_append_val (pieces, piece);
    }

  return pieces;
}

/* How good a place the gap before tokens[pos] is for a change to start
 * or end: the edges of the text, of paragraphs and of lines are best,
 * then the edges of words. */
static int
boundary_score (const Token *tokens,
                int          n,
                int          pos)
{
  TokenKind before;
  TokenKind after;

  if (pos == 0 || pos == n)
    return 7;

  before = tokens[pos - 1].kind;
  after = tokens[pos].kind;

  if (before == TOKEN_NEWLINE)
    return pos >= 2 && tokens[pos - 2].kind == TOKEN_NEWLINE ? 6 : 5;
  if (after == TOKEN_NEWLINE)
    return 4;
  if (before == TOKEN_SPACE)
    return 3;
  if (after == TOKEN_SPACE)
    return 2;
  if (before == TOKEN_PUNCT || after == TOKEN_PUNCT ||
      before == TOKEN_CJK || after == TOKEN_CJK)
    return 1;

  return 0;
}

/* Merges what sliding left adjacent, and drops what it emptied. */
static void
normalize_pieces (GArray *pieces)
{
  guint out = 0;

  for (guint p = 0; p < pieces->len; p++)
    {
      Piece piece = g_array_index (pieces, Piece, p);
      Piece *last = out > 0 ? &g_array_index (pieces, Piece, out - 1) : NULL;

      if (piece.o0 == piece.o1 && piece.n0 == piece.n1)
        continue;

      if (last != NULL && last->equal == piece.equal)
        {
          last->o1 = piece.o1;
          last->n1 = piece.n1;
          continue;
        }

      g_array_index (pieces, Piece, out++) = piece;
    }

  g_array_set_size (pieces, out);
}

/* A run inserted or deleted next to text that repeats it can sit in
 * several places: "the mat" to "the big mat" is "the {+big +}mat" or
 * "the{+ big+} mat". Myers picks one blindly; move each such run to
 * where its edges fall on the clearest boundaries. */
static void
slide_pieces (GArray     *pieces,
              const Diff *diff)
{
  Piece first = { TRUE, 0, 0, 0, 0 };
  Piece last = { TRUE,
                 diff->old_tokens->len, diff->old_tokens->len,
                 diff->new_tokens->len, diff->new_tokens->len };

  if (pieces->len == 0)
    return;

  /* A run moves tokens from the equal text on one side of it to the
   * other, so give a run at either end of the text an empty neighbour to
   * move them into. */
  g_array_prepend_val (pieces, first);
  g_array_append_val (pieces, last);

  for (guint p = 1; p + 1 < pieces->len; p++)
    {
      Piece *piece = &g_array_index (pieces, Piece, p);
      Piece *prev = piece - 1;
      Piece *next = piece + 1;
      gboolean deletion;
      const Token *tokens;
      int n_tokens;
      int s, e, lo, hi;
      int best;
      int best_score;
      int shift;

      if (piece->equal || (piece->o0 != piece->o1 && piece->n0 != piece->n1))
        continue;

      deletion = piece->o0 != piece->o1;
      tokens = token_data (deletion ? diff->old_tokens : diff->new_tokens);
      n_tokens = (deletion ? diff->old_tokens : diff->new_tokens)->len;
      s = deletion ? piece->o0 : piece->n0;
      e = deletion ? piece->o1 : piece->n1;
      lo = deletion ? prev->o0 : prev->n0;
      hi = deletion ? next->o1 : next->n1;

      /* on a tie, Myers' choice stays */
      best = s;
      best_score = boundary_score (tokens, n_tokens, s) +
                   boundary_score (tokens, n_tokens, e);

      while (s > lo && token_equal (&tokens[s - 1], &tokens[e - 1]))
        s--, e--;

      for (;;)
        {
          int score = boundary_score (tokens, n_tokens, s) +
                      boundary_score (tokens, n_tokens, e);

          if (score > best_score)
            {
              best_score = score;
              best = s;
            }

          if (e >= hi || !token_equal (&tokens[s], &tokens[e]))
            break;
          s++, e++;
        }

      shift = best - (deletion ? piece->o0 : piece->n0);
      if (shift == 0)
        continue;

      /* Tokens move between the run and its equal neighbours on this side
       * only; the other side's matching tokens just slide along. */
      piece->o0 += shift;
      piece->o1 += shift;
      piece->n0 += shift;
      piece->n1 += shift;
      prev->o1 += shift;
      prev->n1 += shift;
      next->o0 += shift;
      next->n0 += shift;
    }

  normalize_pieces (pieces);
}

static gboolean
is_foldable (const Piece *piece,
             const Token *old_tokens)
{
  int newlines = 0;

  for (int i = piece->o0; i < piece->o1; i++)
    {
      if (old_tokens[i].kind == TOKEN_NEWLINE)
        newlines++;
      else if (old_tokens[i].kind != TOKEN_SPACE)
        return FALSE;
    }

  return newlines <= 1;
}

/* "the [-cat-]{+dog+} [-sat-]{+ran+}" is hard to read: the one space
 * kept between two replaced words splits them up. Fold such gaps into the
 * changes around them, giving "the [-cat sat-]{+dog ran+}". A blank line
 * is kept, so that a rewritten paragraph does not run into the next. Two
 * insertions (or deletions) around a space stay apart: folding them would
 * turn the space into a change of its own. */
static void
fold_whitespace (GArray      *pieces,
                 const Token *old_tokens)
{
  guint out = 0;

  for (guint p = 0; p < pieces->len; p++)
    {
      Piece piece = g_array_index (pieces, Piece, p);

      if (piece.equal && out > 0 && p + 1 < pieces->len)
        {
          Piece *before = &g_array_index (pieces, Piece, out - 1);
          const Piece *after = &g_array_index (pieces, Piece, p + 1);
          gboolean deletes = before->o1 > before->o0 || after->o1 > after->o0;
          gboolean inserts = before->n1 > before->n0 || after->n1 > after->n0;

          if (!before->equal && !after->equal && deletes && inserts &&
              is_foldable (&piece, old_tokens))
            {
              before->o1 = after->o1;
              before->n1 = after->n1;
              p++;
              continue;
            }
        }

      g_array_index (pieces, Piece, out++) = piece;
    }

  g_array_set_size (pieces, out);
}

static void
add_chunk (GPtrArray      *chunks,
           BulletinDiffOp  op,
           const char     *text,
           gsize           len)
{
  BulletinDiffChunk *chunk;

  if (len == 0)
    return;

  chunk = g_new (BulletinDiffChunk, 1);
  chunk->op = op;
  chunk->text = g_strndup (text, len);
  g_ptr_array_add (chunks, chunk);
}

static void
add_token_chunk (GPtrArray      *chunks,
                 BulletinDiffOp  op,
                 GArray         *tokens,
                 int             first,
                 int             end)
{
  const Token *a;
  const Token *b;

  if (first == end)
    return;

  a = &g_array_index (tokens, Token, first);
  b = &g_array_index (tokens, Token, end - 1);
  add_chunk (chunks, op, a->p, b->p + b->len - a->p);
}

static gboolean
diff_tokens (const char *old_text,
             gsize       old_len,
             const char *new_text,
             gsize       new_len,
             gboolean    by_lines,
             GPtrArray  *chunks)
{
  g_autoptr(GArray) old_tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr(GArray) new_tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autofree guint8 *old_changed = NULL;
  g_autofree guint8 *new_changed = NULL;
  g_autoptr(GArray) pieces = NULL;
  Diff diff;

  if (by_lines)
    {
      bulletin_diff_tokenize_lines (old_text, old_len, old_tokens);
      bulletin_diff_tokenize_lines (new_text, new_len, new_tokens);
    }
  else
    {
      bulletin_diff_tokenize_words (old_text, old_len, old_tokens);
      bulletin_diff_tokenize_words (new_text, new_len, new_tokens);
    }

  old_changed = g_new0 (guint8, old_tokens->len + 1);
  new_changed = g_new0 (guint8, new_tokens->len + 1);

  diff.old_tokens = old_tokens;
  diff.new_tokens = new_tokens;
  diff.old_changed = old_changed;
  diff.new_changed = new_changed;

  if (!bulletin_diff_mark_changes (&diff, !by_lines))
    return FALSE;

  pieces = build_pieces (&diff);

  if (!by_lines)
    {
      slide_pieces (pieces, &diff);
      fold_whitespace (pieces, token_data (old_tokens));
    }

  for (guint p = 0; p < pieces->len; p++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, p);

      if (piece->equal)
        {
          add_token_chunk (chunks, BULLETIN_DIFF_EQUAL, old_tokens, piece->o0, piece->o1);
        }
      else
        {
          add_token_chunk (chunks, BULLETIN_DIFF_DELETE, old_tokens, piece->o0, piece->o1);
          add_token_chunk (chunks, BULLETIN_DIFF_INSERT, new_tokens, piece->n0, piece->n1);
        }
    }

  return TRUE;
}

/**
 * bulletin_diff_words:
 * @old_text: valid UTF-8, the earlier version
 * @new_text: valid UTF-8, the later version
 *
 * Compares two versions of a draft word by word, for the history view.
 *
 * The chunks cover both texts: the EQUAL and DELETE chunks in order give
 * back @old_text byte for byte, and the EQUAL and INSERT chunks give back
 * @new_text. No two neighbouring chunks have the same op, and where text
 * was replaced the DELETE comes before the INSERT.
 *
 * Tokens are words (with inner apostrophes, as in "What’s"), single CJK
 * characters, runs of spaces, line breaks and single punctuation marks;
 * accents and emoji modifiers stay with their character. The token
 * sequences are compared with Myers' O((N+M)D) algorithm in linear space.
 * Spaces (but not blank lines) between two changes are folded into them,
 * so a rewritten phrase shows as one deletion and one insertion, and an
 * inserted or deleted run that could sit in several places is put where
 * it starts and ends on word, line or paragraph boundaries.
 *
 * When the versions differ by more than 20,000 tokens, a word diff would
 * be slow (up to about half a second) and unreadable, so whole lines are
 * compared instead: each chunk then starts and ends at line breaks. If
 * even the lines differ that much, the differing middle is shown as one
 * deletion and one insertion. Invalid UTF-8 does not break the guarantees
 * above. Safe to call from a worker thread.
 *
 * Returns: (transfer full) (element-type BulletinDiffChunk): the chunks,
 *   with a free function set; empty when both texts are
 */
GPtrArray *
bulletin_diff_words (const char *old_text,
                     const char *new_text)
{
  GPtrArray *chunks;
  gsize old_len;
  gsize new_len;

  g_return_val_if_fail (old_text != NULL, NULL);
  g_return_val_if_fail (new_text != NULL, NULL);

  chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) bulletin_diff_chunk_free);
  old_len = strlen (old_text);
  new_len = strlen (new_text);

  if (old_len > MAX_TEXT_LEN || new_len > MAX_TEXT_LEN)
    {
      if (strcmp (old_text, new_text) == 0)
        {
          add_chunk (chunks, BULLETIN_DIFF_EQUAL, old_text, old_len);
        }
      else
        {
          add_chunk (chunks, BULLETIN_DIFF_DELETE, old_text, old_len);
          add_chunk (chunks, BULLETIN_DIFF_INSERT, new_text, new_len);
        }
    }
  else if (!diff_tokens (old_text, old_len, new_text, new_len, FALSE, chunks))
    {
      diff_tokens (old_text, old_len, new_text, new_len, TRUE, chunks);
    }

  return chunks;
}

