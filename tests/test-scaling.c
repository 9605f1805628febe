/* test-scaling.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12: never hang, never crash. Every operation (parse and preview
 * blocks, HTML email, plain text, .eml, all checks with spelling, the
 * statistics) runs on every input shape of scaling-shapes.h at n and at
 * 16n; a linear operation takes about 16 times as long, a quadratic one
 * 256 times, so a ratio over 48 fails. A ratio within one process holds
 * on a slow machine as on a fast one; the fastest of several runs, in
 * the process's CPU time, keeps other processes' noise out. tests/bench/bench-scaling prints the same
 * at larger sizes.
 *
 * BULLETIN_SCALING_SCALE=K multiplies n (default 0.5, so the test stays
 * well inside meson's 30 s on a loaded 2-core machine; 0.25 under
 * AddressSanitizer or Valgrind, which slow everything alike).
 */

#include "config.h"

#include <stdlib.h>

#include "scaling-shapes.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

#define MAX_RATIO 48.0
#define DEEP 100000

static ScalingContext ctx;
static double scale = 0.5;

static gboolean
under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "valgrind") != NULL;
}

static void
test_shape (gconstpointer data)
{
  const ScalingShape *shape = data;
  guint n = MAX (1, (guint)(shape->units * scale));
  g_autoptr(GString) small = g_string_new (NULL);
  g_autoptr(GString) large = g_string_new (NULL);

  shape->build (small, n);
  shape->build (large, n * 16);

  for (guint op = 0; op < SCALING_N_OPS; op++)
    {
      double t_small, t_large, ratio, limit = MAX_RATIO;

      /* a first run of each, untimed, so the ratio does not count
       * enchant's and the allocator's first use */
      scaling_run_op (&ctx, op, small->str, small->len);

      t_small = scaling_time_op (&ctx, op, small->str, small->len, 16, 3, 0.01, 1);
      t_large = scaling_time_op (&ctx, op, large->str, large->len, 1, 2, 0.02, 5);
      ratio = t_large / t_small;

      /* a noisy sample is measured again before it counts against us */
      for (guint retry = 0; retry < 4 && ratio > limit; retry++)
        {
          t_small = MIN (t_small, scaling_time_op (&ctx, op, small->str, small->len, 16, 5, 0.05, 2));
          t_large = MIN (t_large, scaling_time_op (&ctx, op, large->str, large->len, 1, 3, 0.05, 10));
          ratio = t_large / t_small;
        }

      g_test_message ("%s, %s: %zu bytes %.3f ms, %zu bytes %.3f ms, ratio %.1f",
                      shape->name, scaling_op_names[op], small->len, t_small * 1000,
                      large->len, t_large * 1000, ratio);
      if (ratio > limit)
        {
          g_test_message ("%s is superlinear on \"%s\": ratio %.1f for 16 times the input",
                          scaling_op_names[op], shape->name, ratio);
          g_test_fail ();
        }
    }
}

/* Nesting the parser accepts at any depth must not overflow a stack in
 * our walks over its tree: every operation on 100,000 levels. */
static void
test_deep (gconstpointer data)
{
  const char *kind = data;
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_str_equal (kind, "list"))
    scaling_shape_deep_list (text, DEEP);
  else if (g_str_equal (kind, "quote"))
    scaling_shape_deep_quote (text, DEEP);
  else if (g_str_equal (kind, "brackets"))
    scaling_shape_brackets (text, DEEP);
  else if (g_str_equal (kind, "emphasis"))
    scaling_shape_emphasis (text, DEEP / 4);
  else if (g_str_equal (kind, "indented-list"))
    {
      /* the issue's own crash, with fewer levels: indented 2 spaces a
       * level, so its size grows with the square of the depth */
      for (guint i = 0; i < 3000; i++)
        {
          for (guint s = 0; s < i; s++)
            g_string_append (text, "  ");
          g_string_append (text, "- item\n");
        }
    }
  else
    g_assert_not_reached ();

  for (guint op = 0; op < SCALING_N_OPS; op++)
    {
      double start = scaling_now ();
      gsize result = scaling_run_op (&ctx, op, text->str, text->len);

      g_test_message ("%s, %s: %zu bytes in %.1f ms (%zu)", kind, scaling_op_names[op],
                      text->len, (scaling_now () - start) * 1000, result);
      if (op != SCALING_OP_PARSE && op != SCALING_OP_CHECKS && op != SCALING_OP_STATS &&
          op != SCALING_OP_TITLE)
        g_assert_cmpuint (result, >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("BULLETIN_SCALING_SCALE");
  static const char * const deep[] = { "list", "quote", "brackets", "emphasis", "indented-list" };
  int status;

  g_test_init (&argc, &argv, NULL);

  if (env != NULL)
    scale = g_ascii_strtod (env, NULL);
  else if (UNDER_SANITIZER || under_valgrind ())
    scale = 0.25;
  if (scale <= 0)
    scale = 0.5;

  scaling_keep_heap ();
  scaling_context_init (&ctx);

  for (guint s = 0; s < G_N_ELEMENTS (scaling_shapes); s++)
    {
      g_autofree char *slug = g_strdup (scaling_shapes[s].name);
      g_autofree char *path = NULL;

      g_strcanon (slug, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      path = g_strdup_printf ("/scaling/linear/%s", slug);

      g_test_add_data_func (path, &scaling_shapes[s], test_shape);
    }
  for (guint d = 0; d < G_N_ELEMENTS (deep); d++)
    {
      g_autofree char *path = g_strdup_printf ("/scaling/deep/%s", deep[d]);

      g_test_add_data_func (path, deep[d], test_deep);
    }

  status = g_test_run ();
  scaling_context_clear (&ctx);

  return status;
}
