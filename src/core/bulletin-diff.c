/* bulletin-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diff.h"

/* Myers' algorithm takes about D² steps for D token edits, however long
 * the texts. Past this many edits a word diff would keep the history view
 * waiting, and a page of one-word changes is no use to a reader anyway, so
 * whole lines are compared instead. */
#define MAX_EDIT_DISTANCE 20000

/* Token positions are ints; no draft comes near this. */
#define MAX_TEXT_LEN ((gsize) G_MAXINT / 4)

#define INVALID_CHAR ((gunichar) -1)
#define ZWJ 0x200D

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

/* A run of tokens that is in both texts, or that differs between them. */
typedef struct
{
  gboolean equal;
  int o0, o1;         /* old tokens [o0, o1) */
  int n0, n1;         /* new tokens [n0, n1) */
} Piece;

typedef struct
{
  GArray *old_tokens; /* of Token */
  GArray *new_tokens;
  guint8 *old_changed;
  guint8 *new_changed;
} Diff;

typedef struct
{
  const int *a;       /* the tokens of each side, as interned ids */
  const int *b;
  guint8 *a_changed;
  guint8 *b_changed;
  int *vf;            /* furthest x reached on each diagonal, forward */
  int *vb;            /* and backward, indexed by diagonal minus delta */
  int v_half;         /* both hold indices -v_half - 1 … v_half + 1 */
} Myers;

typedef struct
{
  int x0, y0;
  int x1, y1;
} Snake;

void
bulletin_diff_chunk_free (BulletinDiffChunk *chunk)
{
  if (chunk == NULL)
    return;

  g_free (chunk->text);
  g_free (chunk);
}

static gunichar
next_char (const char  *p,
           const char  *end,
           const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  /* A stray byte becomes a character of its own, so that the diff still
   * gives back every byte of what it was given. */
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return INVALID_CHAR;
    }

  *next = g_utf8_next_char (p);
  return c;
}

static gboolean
is_space (gunichar c)
{
  return c != INVALID_CHAR && g_unichar_isspace (c);
}

/* Japanese and Chinese put no spaces between words, so each ideograph or
 * kana has to stand as a word of its own. */
static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x2E80 || c == INVALID_CHAR)
    return FALSE;

  script = g_unichar_get_script (c);

  return (script == G_UNICODE_SCRIPT_HAN ||
          script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA) &&
         g_unichar_isalpha (c);
}

/* ー lengthens the kana before it and 々 repeats the ideograph before it:
 * neither is a word alone. */
static gboolean
is_cjk_tail (gunichar c)
{
  return c >= 0x3000 && c != INVALID_CHAR &&
         g_unichar_type (c) == G_UNICODE_MODIFIER_LETTER;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);

  if (c == INVALID_CHAR)
    return FALSE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return !is_cjk (c);

    default:
      return FALSE;
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_extender (gunichar c)
{
  return c != INVALID_CHAR &&
         (g_unichar_ismark (c) ||
          c == ZWJ ||
          (c >= 0x1F3FB && c <= 0x1F3FF) ||   /* skin tones */
          (c >= 0xE0020 && c <= 0xE007F));    /* emoji tag sequences */
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Keeps what the reader sees as one character in one token: a letter and
 * its accents, an emoji with its modifiers or joined sequence, a flag.
 * Splitting one would show half a glyph as changed. @p is just past
 * @first; returns the end of the cluster. */
static const char *
skip_cluster (const char *p,
              const char *end,
              gunichar    first)
{
  gunichar prev = first;
  gboolean flag_open = is_regional_indicator (first);

  while (p < end)
    {
      const char *next;
      gunichar c = next_char (p, end, &next);

      if (flag_open && is_regional_indicator (c))
        flag_open = FALSE;
      else if (!is_extender (c) &&
               !(prev == ZWJ && c != INVALID_CHAR && !is_space (c)))
        break;

      prev = c;
      p = next;
    }

  return p;
}

/* Words (with inner apostrophes, so "What’s" stays whole), single CJK
 * characters, runs of spaces, line breaks, and single punctuation marks. */
static void
tokenize_words (const char *text,
                gsize       len,
                GArray     *tokens)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      Token token = { p, 0, TOKEN_PUNCT };
      const char *next;
      gunichar c = next_char (p, end, &next);

      p = next;

      if (c == '\n')
        {
          token.kind = TOKEN_NEWLINE;
        }
      else if (c == '\r')
        {
          token.kind = TOKEN_NEWLINE;
          if (p < end && *p == '\n')
            p++;
        }
      else if (is_space (c))
        {
          token.kind = TOKEN_SPACE;
          while (p < end)
            {
              c = next_char (p, end, &next);
              if (c == '\n' || c == '\r' || !is_space (c))
                break;
              p = next;
            }
        }
      else if (is_cjk (c))
        {
          token.kind = TOKEN_CJK;
          p = skip_cluster (p, end, c);
          while (p < end && is_cjk_tail (c = next_char (p, end, &next)))
            p = skip_cluster (next, end, c);
        }
      else if (is_word_char (c))
        {
          token.kind = TOKEN_WORD;
          p = skip_cluster (p, end, c);
          while (p < end)
            {
              c = next_char (p, end, &next);

              if (is_apostrophe (c) && next < end)
                {
                  const char *after;
                  gunichar d = next_char (next, end, &after);

                  if (!is_word_char (d))
                    break;
                  c = d;
                  next = after;
                }
              else if (!is_word_char (c))
                {
                  break;
                }

              p = skip_cluster (next, end, c);
            }
        }
      else
        {
          p = skip_cluster (p, end, c);
        }

      token.len = p - token.p;
      g_array_append_val (tokens, token);
    }
}

static void
tokenize_lines (const char *text,
                gsize       len,
                GArray     *tokens)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl + 1 : end;
      Token token = { p, stop - p, TOKEN_LINE };

      g_array_append_val (tokens, token);
      p = stop;
    }
}

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

static guint
token_hash (gconstpointer key)
{
  const Token *token = key;
  guint32 h = 2166136261u;

  /* FNV-1a: short words hash in a few steps */
  for (gsize i = 0; i < token->len; i++)
    h = (h ^ (guchar) token->p[i]) * 16777619u;

  return h;
}

static gboolean
token_hash_equal (gconstpointer a,
                  gconstpointer b)
{
  return token_equal (a, b);
}

/* Myers compares the same tokens over and over: numbering equal tokens
 * alike once turns every comparison into one integer compare. */
static int *
intern_tokens (GHashTable  *ids,
               const Token *tokens,
               int          n)
{
  int *out = g_new (int, MAX (n, 1));

  for (int i = 0; i < n; i++)
    {
      gpointer id;

      if (!g_hash_table_lookup_extended (ids, &tokens[i], NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, (gpointer) &tokens[i], id);
        }

      out[i] = GPOINTER_TO_INT (id);
    }

  return out;
}

/* Finds the middle snake of a shortest edit script from a[a0, a1) to
 * b[b0, b1), searching forward from the start and backward from the end
 * at once until the two searches overlap (Myers 1986, section 4b). Gives
 * up when the script would be longer than about 2 × @d_limit. */
static gboolean
middle_snake (Myers *m,
              int    a0,
              int    a1,
              int    b0,
              int    b1,
              int    d_limit,
              Snake *snake)
{
  const int *a = m->a + a0;
  const int *b = m->b + b0;
  int n = a1 - a0;
  int nb = b1 - b0;
  int delta = n - nb;
  gboolean odd = (delta & 1) != 0;
  int *vf = m->vf + m->v_half + 1;
  int *vb = m->vb + m->v_half + 1;
  int d_max = MIN ((n + nb + 1) / 2, MIN (d_limit, m->v_half));

  vf[1] = 0;
  vb[1] = n + 1;

  for (int d = 0; d <= d_max; d++)
    {
      for (int k = -d; k <= d; k += 2)
        {
          int x;
          int y;
          int x0;
          int y0;

          if (k == -d || (k != d && vf[k - 1] < vf[k + 1]))
            x = vf[k + 1];
          else
            x = vf[k - 1] + 1;
          y = x - k;

          x0 = x;
          y0 = y;
          while (x < n && y < nb && a[x] == b[y])
            x++, y++;
          vf[k] = x;

          if (odd && k - delta >= -(d - 1) && k - delta <= d - 1 &&
              x >= vb[k - delta])
            {
              *snake = (Snake) { a0 + x0, b0 + y0, a0 + x, b0 + y };
              return TRUE;
            }
        }

      for (int k = -d; k <= d; k += 2)
        {
          int kd = k + delta;
          int x;
          int y;
          int x1;
          int y1;

          if (k == -d || (k != d && vb[k + 1] <= vb[k - 1]))
            x = vb[k + 1] - 1;
          else
            x = vb[k - 1];
          y = x - kd;

          x1 = x;
          y1 = y;
          while (x > 0 && y > 0 && a[x - 1] == b[y - 1])
            x--, y--;
          vb[k] = x;

          if (!odd && kd >= -d && kd <= d && x <= vf[kd])
            {
              *snake = (Snake) { a0 + x, b0 + y, a0 + x1, b0 + y1 };
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
compare (Myers *m,
         int    a0,
         int    a1,
         int    b0,
         int    b1,
         int    d_limit)
{
  Snake snake;

  while (a0 < a1 && b0 < b1 && m->a[a0] == m->b[b0])
    a0++, b0++;
  while (a0 < a1 && b0 < b1 && m->a[a1 - 1] == m->b[b1 - 1])
    a1--, b1--;

  if (a0 == a1 || b0 == b1)
    {
      memset (m->a_changed + a0, 1, a1 - a0);
      memset (m->b_changed + b0, 1, b1 - b0);
      return TRUE;
    }

  if (!middle_snake (m, a0, a1, b0, b1, d_limit, &snake))
    return FALSE;

  /* Cannot happen; but an index out of range here would write past the
   * flags, so fall back to the coarse diff instead. */
  if (snake.x0 < a0 || snake.y0 < b0 || snake.x1 > a1 || snake.y1 > b1 ||
      snake.x0 > snake.x1 || snake.y0 > snake.y1)
    return FALSE;

  /* The halves have at most half the edits each, so they always fit in
   * the limit the whole did. */
  return compare (m, a0, snake.x0, b0, snake.y0, G_MAXINT) &&
         compare (m, snake.x1, a1, snake.y1, b1, G_MAXINT);
}

/* Flags the tokens of each side that are not part of a longest common
 * subsequence. When that takes more than MAX_EDIT_DISTANCE edits, returns
 * FALSE if @may_fail, or else flags the whole differing middle. */
static gboolean
mark_changes (Diff     *diff,
              gboolean  may_fail)
{
  const Token *ot = token_data (diff->old_tokens);
  const Token *nt = token_data (diff->new_tokens);
  int n_old = diff->old_tokens->len;
  int n_new = diff->new_tokens->len;
  int pre = 0;
  int suf = 0;
  int na;
  int nb;
  g_autoptr(GHashTable) ids = NULL;
  g_autofree int *a = NULL;
  g_autofree int *b = NULL;
  g_autofree int *vf = NULL;
  g_autofree int *vb = NULL;
  Myers m;

  /* Versions of a draft mostly differ in a few places: trimming the
   * common ends is one cheap pass and leaves Myers only the middle. */
  while (pre < n_old && pre < n_new && token_equal (&ot[pre], &nt[pre]))
    pre++;
  while (suf < n_old - pre && suf < n_new - pre &&
         token_equal (&ot[n_old - 1 - suf], &nt[n_new - 1 - suf]))
    suf++;

  na = n_old - pre - suf;
  nb = n_new - pre - suf;

  if (na > 0 && nb > 0)
    {
      ids = g_hash_table_new (token_hash, token_hash_equal);
      a = intern_tokens (ids, ot + pre, na);
      b = intern_tokens (ids, nt + pre, nb);

      m.a = a;
      m.b = b;
      m.a_changed = diff->old_changed + pre;
      m.b_changed = diff->new_changed + pre;
      m.v_half = MIN ((na + nb + 1) / 2, (MAX_EDIT_DISTANCE + 1) / 2);
      vf = g_new (int, 2 * m.v_half + 3);
      vb = g_new (int, 2 * m.v_half + 3);
      m.vf = vf;
      m.vb = vb;

      if (compare (&m, 0, na, 0, nb, m.v_half))
        return TRUE;

      if (may_fail)
        return FALSE;
    }

  memset (diff->old_changed, 0, n_old);
  memset (diff->new_changed, 0, n_new);
  memset (diff->old_changed + pre, 1, na);
  memset (diff->new_changed + pre, 1, nb);

  return TRUE;
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
      tokenize_lines (old_text, old_len, old_tokens);
      tokenize_lines (new_text, new_len, new_tokens);
    }
  else
    {
      tokenize_words (old_text, old_len, old_tokens);
      tokenize_words (new_text, new_len, new_tokens);
    }

  old_changed = g_new0 (guint8, old_tokens->len + 1);
  new_changed = g_new0 (guint8, new_tokens->len + 1);

  diff.old_tokens = old_tokens;
  diff.new_tokens = new_tokens;
  diff.old_changed = old_changed;
  diff.new_changed = new_changed;

  if (!mark_changes (&diff, !by_lines))
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

/* A list bullet, quote markers, a task box or an ordered list number at
 * the start of a line: Markdown syntax, not words. */
static gboolean
is_container_marker (const char *p,
                     gsize       len)
{
  gsize digits = 0;
  gsize quotes = 0;

  if (len == 1 && (p[0] == '-' || p[0] == '*' || p[0] == '+'))
    return TRUE;

  if (len == 3 && p[0] == '[' && (p[1] == 'x' || p[1] == 'X') && p[2] == ']')
    return TRUE;

  while (digits < len && g_ascii_isdigit (p[digits]))
    digits++;
  if (digits >= 1 && digits <= 9 && len == digits + 1 &&
      (p[digits] == '.' || p[digits] == ')'))
    return TRUE;

  while (quotes < len && p[quotes] == '>')
    quotes++;

  return quotes == len;
}

/**
 * bulletin_diff_count_words:
 * @text: valid UTF-8 Markdown
 *
 * Counts words as the reader of the email would: each stretch between
 * spaces that has a letter or digit in it counts once, so "What’s",
 * "co-operate", "A&E", "£5" and a URL are one word each, while Markdown
 * syntax standing alone (#, *, -, >, |, list numbers and task boxes at
 * the start of a line) and lone punctuation or emoji do not count.
 * Chinese and Japanese put no spaces between words, so there each
 * ideograph and kana counts as a word, as word processors count them.
 *
 * Returns: the number of words in @text
 */
guint
bulletin_diff_count_words (const char *text)
{
  const char *p;
  const char *end;
  guint count = 0;
  gboolean line_start = TRUE;

  g_return_val_if_fail (text != NULL, 0);

  p = text;
  end = text + strlen (text);

  while (p < end)
    {
      const char *field = p;
      const char *next;
      gunichar c = next_char (p, end, &next);
      gboolean in_word = FALSE;
      gboolean after_cjk = FALSE;
      guint n = 0;

      if (is_space (c))
        {
          if (c == '\n' || c == '\r')
            line_start = TRUE;
          p = next;
          continue;
        }

      while (p < end && !is_space (c = next_char (p, end, &next)))
        {
          if (is_cjk (c))
            {
              n++;
              in_word = FALSE;
              after_cjk = TRUE;
            }
          else if (after_cjk && (is_extender (c) || is_cjk_tail (c)))
            {
              /* still the same character */
            }
          else if (is_word_char (c))
            {
              if (!in_word)
                n++;
              in_word = TRUE;
              after_cjk = FALSE;
            }
          else
            {
              /* punctuation inside a word, as in "co-operate", joins it */
              after_cjk = FALSE;
            }

          p = next;
        }

      if (line_start && is_container_marker (field, p - field))
        continue;

      line_start = FALSE;
      count += n;
    }

  return count;
}
