/* bulletin-diff-myers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diff-private.h"

/* Which tokens changed: Myers' O((N+M)D) algorithm in linear space,
 * on the tokens interned as integers. */

/* Myers' algorithm takes about D² steps for D token edits, however long
 * the texts. Past this many edits a word diff would keep the history view
 * waiting, and a page of one-word changes is no use to a reader anyway, so
 * whole lines are compared instead. */
#define MAX_EDIT_DISTANCE 20000

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
gboolean
bulletin_diff_mark_changes (Diff     *diff,
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
