/* bench-scaling.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12: linear time on any input. For every input shape of
 * tests/scaling-shapes.h (long paragraphs, long lines, deep nesting, wide
 * and long tables, many links, acronyms and dates...) and every operation
 * (parse + preview blocks, HTML email, plain text, .eml, all checks with
 * spelling, the statistics) prints the fastest time at n and at 16n and
 * their ratio: linear is about 16, quadratic about 256. tests/test-scaling
 * asserts the same at smaller sizes. Time is the process's CPU time; a
 * sample at n is 16 runs in a row, so samples at both sizes last as long;
 * the heap keeps what runs free (scaling_keep_heap(), unless
 * --return-memory), so both sizes reuse warm memory; a ratio over 24 is
 * measured again up to three times before it counts.
 *
 *   bench-scaling [--scale=K] [--runs=N] [--shape=SUBSTRING] [--op=SUBSTRING]
 *                 [--return-memory]
 *
 * n is K times the test's size (default 8: about 32 KB, so 16n is about
 * 512 KB). An operation whose time at n is over --skip-after seconds is
 * not run at 16n (it would take minutes); its row says so. Exits 1 when a
 * ratio is over 24.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#ifdef HAVE_VALGRIND_CALLGRIND_H
# include <valgrind/callgrind.h>
#endif

#include "../scaling-shapes.h"

#define RATIO_TARGET 24.0

static int opt_scale = 8;
static int opt_runs = 3;
static double opt_skip_after = 2.0;
static char *opt_shape = NULL;
static char *opt_op = NULL;
static char *opt_write_seeds = NULL;
static gboolean opt_instructions = FALSE;
static gboolean opt_return_memory = FALSE;

static GOptionEntry entries[] = {
  { "scale", 's', 0, G_OPTION_ARG_INT, &opt_scale, "n is K times the test's size (default 8)", "K" },
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each operation, the fastest counts (default 3)", "N" },
  { "skip-after", 0, 0, G_OPTION_ARG_DOUBLE, &opt_skip_after, "Skip 16n when n takes longer (seconds, default 2)", "S" },
  { "shape", 0, 0, G_OPTION_ARG_STRING, &opt_shape, "Only shapes whose name contains this", "SUBSTRING" },
  { "op", 0, 0, G_OPTION_ARG_STRING, &opt_op, "Only operations whose name contains this (to profile one)", "SUBSTRING" },
  { "instructions", 0, 0, G_OPTION_ARG_NONE, &opt_instructions, "Count instructions instead of time, under callgrind (tests/bench/bench-instructions.sh runs it so)", NULL },
  { "return-memory", 0, 0, G_OPTION_ARG_NONE, &opt_return_memory, "Leave glibc's heap as it is by default, giving freed memory back between runs (see scaling_keep_heap())", NULL },
  { "write-seeds", 0, 0, G_OPTION_ARG_FILENAME, &opt_write_seeds, "Write each shape at n (the test's size times K) into DIR as a fuzzing seed, and stop", "DIR" },
  { NULL }
};

static char *
format_size (gsize len)
{
  if (len >= 1024 * 1024)
    return g_strdup_printf ("%.1f MB", len / (1024.0 * 1024.0));
  return g_strdup_printf ("%.0f KB", len / 1024.0);
}

static int
write_seeds (const char *dir)
{
  for (guint s = 0; s < G_N_ELEMENTS (scaling_shapes); s++)
    {
      const ScalingShape *shape = &scaling_shapes[s];
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *slug = g_strdup (shape->name);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      if (opt_shape != NULL && strstr (shape->name, opt_shape) == NULL)
        continue;

      shape->build (text, MAX (1, shape->units * opt_scale));
      g_autoptr(GString) clean = g_string_new (NULL);

      /* "[here](…) links" becomes "here-links" */
      g_strcanon (slug, "abcdefghijklmnopqrstuvwxyz0123456789", '-');
      for (const char *p = slug; *p != '\0'; p++)
        if (*p != '-' || (clean->len > 0 && clean->str[clean->len - 1] != '-'))
          g_string_append_c (clean, *p);
      while (clean->len > 0 && clean->str[clean->len - 1] == '-')
        g_string_truncate (clean, clean->len - 1);
      name = g_strdup_printf ("shape-%s.md", clean->str);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents (path, text->str, text->len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%s: %zu bytes\n", path, text->len);
    }

  return 0;
}

#ifdef HAVE_VALGRIND_CALLGRIND_H
/* The instructions one run of @op takes, as callgrind counts them: its
 * dump of this run alone, read back (BENCH_CALLGRIND_OUT names the file
 * callgrind was given). Unlike time, no cache or heap state changes the
 * count, so the ratio is the work's own. */
static double
count_instructions (ScalingContext *ctx,
                    ScalingOp       op,
                    const char     *text,
                    gsize           len)
{
  static guint n_dumps = 0;
  const char *base = g_getenv ("BENCH_CALLGRIND_OUT");
  g_autofree char *path = NULL;
  g_autofree char *dump = NULL;
  const char *totals;

  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  scaling_run_op (ctx, op, text, len);
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_DUMP_STATS;

  path = g_strdup_printf ("%s.%u", base != NULL ? base : "callgrind.out", ++n_dumps);
  if (!g_file_get_contents (path, &dump, NULL, NULL) ||
      (totals = strstr (dump, "\ntotals: ")) == NULL)
    {
      g_printerr ("no callgrind dump in %s: run this under tests/bench/bench-instructions.sh\n", path);
      exit (2);
    }
  g_unlink (path);
  return g_ascii_strtod (totals + strlen ("\ntotals: "), NULL);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  ScalingContext ctx;
  double worst = 0;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* tests/fuzz/corpus holds these, so the fuzzers start from the shapes
   * that were once slow, and a slow path again is a timeout they report */
  if (opt_write_seeds != NULL)
    return write_seeds (opt_write_seeds);

  if (!opt_return_memory)
    scaling_keep_heap ();
  scaling_context_init (&ctx);
  if (ctx.spell == NULL)
    g_printerr ("no en_GB dictionary: the checks run without spelling\n");

#ifndef HAVE_VALGRIND_CALLGRIND_H
  if (opt_instructions)
    {
      g_printerr ("built without valgrind/callgrind.h: --instructions needs it\n");
      return 2;
    }
#endif
  if (opt_instructions)
    g_print ("| Shape | Operation | n | instructions at n (thousands) | 16n | at 16n (thousands) | ratio |\n");
  else
    g_print ("| Shape | Operation | n | time at n (ms) | 16n | time at 16n (ms) | ratio |\n");
  g_print ("|---|---|---:|---:|---:|---:|---:|\n");

  for (guint s = 0; s < G_N_ELEMENTS (scaling_shapes); s++)
    {
      const ScalingShape *shape = &scaling_shapes[s];
      g_autoptr(GString) small = g_string_new (NULL);
      g_autoptr(GString) large = g_string_new (NULL);
      g_autofree char *small_size = NULL;
      g_autofree char *large_size = NULL;

      if (opt_shape != NULL && strstr (shape->name, opt_shape) == NULL)
        continue;

      shape->build (small, shape->units * opt_scale);
      shape->build (large, shape->units * opt_scale * 16);
      small_size = format_size (small->len);
      large_size = format_size (large->len);

      for (guint op = 0; op < SCALING_N_OPS; op++)
        {
          double t_small, t_large, ratio;

          if (opt_op != NULL && strstr (scaling_op_names[op], opt_op) == NULL)
            continue;
#ifdef HAVE_VALGRIND_CALLGRIND_H
          if (opt_instructions)
            {
              /* warmed up once, as the timed runs are */
              scaling_run_op (&ctx, op, small->str, small->len);
              t_small = count_instructions (&ctx, op, small->str, small->len);
              t_large = count_instructions (&ctx, op, large->str, large->len);
              ratio = t_large / t_small;
              worst = MAX (worst, ratio);
              if (ratio > RATIO_TARGET)
                status = 1;
              g_print ("| %s | %s | %s | %.0f | %s | %.0f | %.1f%s |\n",
                       shape->name, scaling_op_names[op], small_size, t_small / 1e3,
                       large_size, t_large / 1e3, ratio, ratio > RATIO_TARGET ? " **" : "");
              continue;
            }
#endif
          t_small = scaling_time_op (&ctx, op, small->str, small->len, 16, opt_runs, 0.2, 10);
          if (t_small > opt_skip_after)
            {
              g_print ("| %s | %s | %s | %.1f | %s | skipped | — |\n",
                       shape->name, scaling_op_names[op], small_size,
                       t_small * 1000, large_size);
              status = 1;
              continue;
            }
          t_large = scaling_time_op (&ctx, op, large->str, large->len, 1, opt_runs, 0.2, 30);
          ratio = t_large / t_small;
          /* as test-scaling does: a ratio over the target is measured
           * again, both sizes, before it counts; a machine shared with
           * builds disturbs a sample by more than a third now and then,
           * an algorithm's growth shows on every try */
          for (guint retry = 0; retry < 3 && ratio > RATIO_TARGET; retry++)
            {
              t_small = MIN (t_small, scaling_time_op (&ctx, op, small->str, small->len, 16, opt_runs, 0.2, 10));
              t_large = MIN (t_large, scaling_time_op (&ctx, op, large->str, large->len, 1, opt_runs, 0.2, 30));
              ratio = t_large / t_small;
            }
          worst = MAX (worst, ratio);
          if (ratio > RATIO_TARGET)
            status = 1;
          g_print ("| %s | %s | %s | %.2f | %s | %.1f | %.1f%s |\n",
                   shape->name, scaling_op_names[op], small_size, t_small * 1000,
                   large_size, t_large * 1000, ratio, ratio > RATIO_TARGET ? " **" : "");
        }
    }

  g_print ("\nWorst ratio %.1f (linear is 16, quadratic 256; target <= %.0f)\n",
           worst, RATIO_TARGET);
  scaling_context_clear (&ctx);

  return status;
}
