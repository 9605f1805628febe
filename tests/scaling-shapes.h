/* scaling-shapes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input shapes and the operations of tests/test-scaling.c and
 * tests/bench/bench-scaling.c (issue 12: linear time on any input). Each
 * shape makes a draft of about n units; both programs time every
 * operation at n and at 16n and look at the ratio: linear is about 16,
 * quadratic about 256. Shared as a header so the test and the benchmark
 * can never drift apart.
 */

#pragma once

#include <string.h>
#include <time.h>

#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <glib.h>

#include "bulletin-blocks.h"
#include "bulletin-checks.h"
#include "bulletin-export.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-spell.h"

typedef void (*ScalingShapeFunc) (GString *out,
                                  guint    n);

typedef struct
{
  const char       *name;
  ScalingShapeFunc  build;
  guint             units;   /* n for the default size: about 4 KB of text */
} ScalingShape;

static void
scaling_repeat (GString    *out,
                const char *piece,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    g_string_append (out, piece);
}

static const char * const scaling_words[] = {
  "community", "partners", "update", "team", "weekly", "volunteers",
  "programme", "centre", "colour", "organisation", "funding", "housing",
};

/* One paragraph of words with no full stop: the preheader looks for the
 * first sentence's end and never finds it. */
static void
scaling_shape_words (GString *out,
                     guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, scaling_words[i % G_N_ELEMENTS (scaling_words)]);
      g_string_append_c (out, i % 17 == 16 ? ',' : ' ');
      if (i % 17 == 16)
        g_string_append_c (out, ' ');
    }
  g_string_append_c (out, '\n');
}

/* Pasted lines joined by single newlines: one paragraph of soft breaks. */
static void
scaling_shape_lines (GString *out,
                     guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "a pasted line of the %s report\n",
                            scaling_words[i % G_N_ELEMENTS (scaling_words)]);
}

static void
scaling_shape_link_line (GString *out,
                         guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "see [the report](https://example.org/r%u) and ", i);
  g_string_append (out, "more\n");
}

static void
scaling_shape_token (GString *out,
                     guint    n)
{
  scaling_repeat (out, "abcdefghij", n);
  g_string_append_c (out, '\n');
}

/* Distinct acronyms, none spelled out. */
static void
scaling_shape_acronyms (GString *out,
                        guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "the %c%c%c team ",
                            'A' + (i / 676) % 26, 'A' + (i / 26) % 26, 'A' + i % 26);
  g_string_append (out, "met\n");
}

/* Dates with wrong and right weekdays, some under "next week". */
static void
scaling_shape_dates (GString *out,
                     guint    n)
{
  g_string_append (out, "## What's happening next week?\n\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s %u November 2026, ",
                            i % 2 ? "Monday" : "Tuesday", 1 + i % 28);
  g_string_append (out, "then\n");
}

static void
scaling_shape_here_links (GString *out,
                          guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "[here](https://example.org/%u) ", i);
  g_string_append_c (out, '\n');
}

/* "- - - item" nests a list in a list item per marker; unlike indented
 * lists its size is linear in the depth. */
static void
scaling_shape_deep_list (GString *out,
                         guint    n)
{
  scaling_repeat (out, "- ", n);
  g_string_append (out, "item\n");
}

static void
scaling_shape_deep_quote (GString *out,
                          guint    n)
{
  scaling_repeat (out, "> ", n);
  g_string_append (out, "quoted\n");
}

static void
scaling_shape_brackets (GString *out,
                        guint    n)
{
  scaling_repeat (out, "[", n);
  g_string_append (out, "x");
  scaling_repeat (out, "](u)", n / 2);
  scaling_repeat (out, "]", n / 2);
  g_string_append_c (out, '\n');
}

static void
scaling_shape_open_brackets (GString *out,
                             guint    n)
{
  scaling_repeat (out, "[a ", n);
  g_string_append (out, "x\n");
}

static void
scaling_shape_emphasis (GString *out,
                        guint    n)
{
  scaling_repeat (out, "*a _b ", n);
  g_string_append (out, "x");
  scaling_repeat (out, " c_ d*", n);
  g_string_append_c (out, '\n');
}

static void
scaling_shape_wide_table (GString *out,
                          guint    n)
{
  scaling_repeat (out, "| col ", n);
  g_string_append (out, "|\n");
  scaling_repeat (out, "|---", n);
  g_string_append (out, "|\n");
  for (guint r = 0; r < 2; r++)
    {
      scaling_repeat (out, "| cell ", n);
      g_string_append (out, "|\n");
    }
}

static void
scaling_shape_long_table (GString *out,
                          guint    n)
{
  g_string_append (out, "| team | lead | status |\n|---|---|---|\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "| %s | Sam | done %u |\n",
                            scaling_words[i % G_N_ELEMENTS (scaling_words)], i);
}

static void
scaling_shape_headings (GString *out,
                        guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "## What else has been happening %u\n\nNews.\n\n", i);
}

static void
scaling_shape_list_items (GString *out,
                          guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "- [ ] the %s item %u\n",
                            scaling_words[i % G_N_ELEMENTS (scaling_words)], i);
}

/* The 10 MB single line of the issue, scaled: every inline construct,
 * no newline at all. */
static void
scaling_shape_single_line (GString *out,
                           guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "The ACS and %s team, [link](https://example.org/%u) `code` "
                            "**bold** Monday 23 November 2026 {{name}} TODO the the ",
                            scaling_words[i % G_N_ELEMENTS (scaling_words)], i);
}

static const ScalingShape scaling_shapes[] = {
  { "paragraph of words, no full stop", scaling_shape_words, 500 },
  { "single-newline lines", scaling_shape_lines, 130 },
  { "one line of links", scaling_shape_link_line, 90 },
  { "one unbroken token", scaling_shape_token, 400 },
  { "acronyms", scaling_shape_acronyms, 300 },
  { "dates and weekdays", scaling_shape_dates, 160 },
  { "[here](...) links", scaling_shape_here_links, 130 },
  { "nested list (- - -)", scaling_shape_deep_list, 1000 },
  { "nested quote (> > >)", scaling_shape_deep_quote, 1000 },
  { "nested brackets [[[", scaling_shape_brackets, 1000 },
  { "open brackets [a [a", scaling_shape_open_brackets, 700 },
  { "nested emphasis", scaling_shape_emphasis, 350 },
  { "wide table", scaling_shape_wide_table, 250 },
  { "long table", scaling_shape_long_table, 150 },
  { "headings", scaling_shape_headings, 100 },
  { "list items", scaling_shape_list_items, 120 },
  { "single long line", scaling_shape_single_line, 35 },
};

typedef enum
{
  SCALING_OP_PARSE,
  SCALING_OP_BLOCKS,
  SCALING_OP_HTML,
  SCALING_OP_TEXT,
  SCALING_OP_EML,
  SCALING_OP_CHECKS,
  SCALING_OP_STATS,
  SCALING_OP_TITLE,
  SCALING_N_OPS,
} ScalingOp;

static const char * const scaling_op_names[SCALING_N_OPS] = {
  "Markdown parse", "parse + blocks", "HTML email", "plain text", ".eml", "all checks", "statistics", "draft title",
};

typedef struct
{
  GHashTable           *glossary;
  BulletinSpell        *spell;
  GDate                 today;
  BulletinCheckOptions  opts;
} ScalingContext;

static void
scaling_context_init (ScalingContext *ctx)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->glossary = bulletin_checks_load_default_glossary (NULL);
  /* NULL when no British English dictionary is installed: the checks
   * then run without spelling rather than not at all */
  ctx->spell = bulletin_spell_new (NULL, NULL);
  g_date_clear (&ctx->today, 1);
  g_date_set_dmy (&ctx->today, 20, G_DATE_NOVEMBER, 2026);
  ctx->opts.kinds = BULLETIN_CHECK_ALL;
  ctx->opts.today = &ctx->today;
  ctx->opts.glossary_lookup = ctx->glossary ? bulletin_checks_glossary_table_lookup : NULL;
  ctx->opts.glossary_data = ctx->glossary;
  ctx->opts.spell = ctx->spell;
  ctx->opts.spelling_suggestions = FALSE;
}

static void
scaling_context_clear (ScalingContext *ctx)
{
  g_clear_pointer (&ctx->glossary, g_hash_table_unref);
  g_clear_object (&ctx->spell);
}

/* Runs one operation; returns something of its result so the work cannot
 * be optimised away (and a crash shows here, not later). */
static gsize
scaling_run_op (ScalingContext *ctx,
                ScalingOp       op,
                const char     *text,
                gsize           len)
{
  switch (op)
    {
    case SCALING_OP_PARSE:
      {
        /* the way every path parses: a part, and a paragraph's piece, at
         * a time (cmark-gfm's parse of the whole is quadratic on some
         * of these shapes; see bulletin-markdown-reader.c) */
        g_autoptr(BulletinMarkdownReader) reader = bulletin_markdown_reader_new (text, len);
        gsize n = 0;

        while (bulletin_markdown_reader_next (reader) != NULL)
          n++;
        return n;
      }
    case SCALING_OP_BLOCKS:
      {
        g_autoptr(BulletinBlockList) blocks = bulletin_block_list_new (text, len);

        return bulletin_block_list_get_n_blocks (blocks);
      }
    case SCALING_OP_HTML:
    case SCALING_OP_TEXT:
    case SCALING_OP_EML:
      {
        BulletinExportFormat format = op == SCALING_OP_HTML ? BULLETIN_EXPORT_HTML
                                    : op == SCALING_OP_TEXT ? BULLETIN_EXPORT_TEXT
                                    : BULLETIN_EXPORT_EML;
        g_autoptr(GBytes) bytes = bulletin_export_render (format, text, len,
                                                          "sam@example.org",
                                                          "staff@example.org", NULL);

        return bytes ? g_bytes_get_size (bytes) : 0;
      }
    case SCALING_OP_CHECKS:
      {
        g_autoptr(GPtrArray) findings = bulletin_checks_run (text, len, &ctx->opts);

        return findings->len;
      }
    case SCALING_OP_STATS:
      return bulletin_checks_stats (text, len).words;
    case SCALING_OP_TITLE:
      {
        /* the store takes it on every save */
        g_autofree char *title = bulletin_markdown_extract_title (text, len);

        return title != NULL ? strlen (title) : 0;
      }
    case SCALING_N_OPS:
    default:
      g_assert_not_reached ();
    }
}

static double
scaling_now (void)
{
  struct timespec ts;

  /* the process's own CPU time: the other processes of a busy machine
   * take the CPU from it now and then, which wall time would count */
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The fastest of at least min_samples samples, going on until min_total
 * seconds have passed (so a very short operation is not timed by the
 * clock's noise) but no longer than max_total: the fastest sample is the
 * one the other processes on the machine disturbed least. A sample is
 * reps runs in a row, divided by reps: timing the small input 16 runs at
 * a time and the large one a run at a time gives samples of the same
 * length at both sizes, equally exposed to interruptions, and about as
 * many of them, so neither size gets more draws at a lucky minimum. */
static double
scaling_time_op (ScalingContext *ctx,
                 ScalingOp       op,
                 const char     *text,
                 gsize           len,
                 guint           reps,
                 guint           min_samples,
                 double          min_total,
                 double          max_total)
{
  double best = G_MAXDOUBLE, total = 0;

  g_assert (reps > 0);

  for (guint i = 0; i < min_samples || (total < min_total && i < 1000); i++)
    {
      double start = scaling_now (), elapsed;

      for (guint r = 0; r < reps; r++)
        scaling_run_op (ctx, op, text, len);
      elapsed = scaling_now () - start;
      best = MIN (best, elapsed / reps);
      total += elapsed;
      if (total > max_total)
        break;
    }

  return best;
}

/* Lets the heap keep what a run frees, for the next run. By default glibc
 * gives the top of its heap back to the system when more than 128 KB of
 * it is free, and the kernel fills every page with zeros again when it
 * is touched next: at n a run's memory stays below that and is reused,
 * hot; at 16n it goes back after every run and each run pays its page
 * faults anew (measured: 35 instead of 17 for the wide table's parse).
 * That is a cost per byte, the same in one run of each size in a fresh
 * process; with the heap kept, repeated runs compare like with like. */
static void
scaling_keep_heap (void)
{
#ifdef __GLIBC__
  mallopt (M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
}
