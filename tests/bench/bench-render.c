/* bench-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast Bulletin turns Markdown into HTML, against bare cmark-gfm and
 * pandoc, on drafts of 10 KB, 100 KB and 1 MB built from the weekly
 * updates in tests/data.
 *
 *   bench-render [--min-time=SECONDS] [--min-runs=N] [--size=1MB] [FOLDER]
 *
 * FOLDER, which holds files of the same names, defaults to tests/data.
 * Prints Markdown tables.
 * For a profiler, `--profile=preview --size=1MB --min-time=5` loops over
 * one pipeline only, e.g. under `perf record -g` or callgrind.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "bulletin-blocks.h"
#include "bulletin-html.h"
#include "bulletin-markdown.h"

/* Targets this benchmark checks */
#define TARGET_CMARK_RATIO   1.3   /* preview pipeline <= 1.3 x bare cmark-gfm */
#define TARGET_PANDOC_FACTOR 50.0  /* and >= 50 x faster than pandoc */

static double opt_min_time = 1.0;
static int opt_min_runs = 20;
static int opt_max_runs = 20000;
static double opt_pandoc_min_time = 1.0;
static gboolean opt_no_pandoc = FALSE;
static char *opt_profile = NULL;
static char *opt_size = NULL;

static GOptionEntry entries[] = {
  { "min-time", 't', 0, G_OPTION_ARG_DOUBLE, &opt_min_time,
    "Measure each pipeline for at least this many seconds per size (default 1)", "SECONDS" },
  { "min-runs", 'n', 0, G_OPTION_ARG_INT, &opt_min_runs,
    "Run each pipeline at least this many times per size (default 20)", "N" },
  { "max-runs", 0, 0, G_OPTION_ARG_INT, &opt_max_runs,
    "Never run a pipeline more than this many times per size (default 20000)", "N" },
  { "pandoc-min-time", 0, 0, G_OPTION_ARG_DOUBLE, &opt_pandoc_min_time,
    "Run pandoc for at least this many seconds per size (default 1; at least 3 runs)", "SECONDS" },
  { "no-pandoc", 0, 0, G_OPTION_ARG_NONE, &opt_no_pandoc,
    "Do not run pandoc", NULL },
  { "profile", 0, 0, G_OPTION_ARG_STRING, &opt_profile,
    "Only loop over one pipeline for --min-time seconds, for perf or callgrind: preview, "
    "export, cmark, parse, cmark-sourcepos, cmark-parse or cmark-parse-sourcepos", "PIPELINE" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &opt_size,
    "Only this size: 10KB, 100KB or 1MB", "SIZE" },
  { NULL }
};

/* ------------------------------------------------------------------ */
/* Timing */

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  GArray *samples_ms; /* of double */
} Series;

static void
series_init (Series *s)
{
  s->samples_ms = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_clear (Series *s)
{
  g_clear_pointer (&s->samples_ms, g_array_unref);
}

static void
series_add (Series *s,
            double  ms)
{
  g_array_append_val (s->samples_ms, ms);
}

static void
series_sort (Series *s)
{
  g_array_sort (s->samples_ms, compare_doubles);
}

static double
series_median (Series *s)
{
  guint n = s->samples_ms->len;

  if (n == 0)
    return -1;
  series_sort (s);
  if (n % 2)
    return g_array_index (s->samples_ms, double, n / 2);
  return (g_array_index (s->samples_ms, double, n / 2 - 1) +
          g_array_index (s->samples_ms, double, n / 2)) / 2;
}

static double
series_min (Series *s)
{
  if (s->samples_ms->len == 0)
    return -1;
  series_sort (s);
  return g_array_index (s->samples_ms, double, 0);
}

/* ------------------------------------------------------------------ */
/* The pipelines. Each frees what it built: a caller pays for that too. */

/* A sink the compiler cannot see through, so no work is optimised away. */
static volatile gsize sink;

/* (a) what the live preview does in its worker thread for each update */
static void
run_preview (const char *text,
             gsize       len)
{
  BulletinBlockList *list = bulletin_block_list_new (text, len);

  sink += bulletin_block_list_get_n_blocks (list);
  bulletin_block_list_unref (list);
}

/* (b) what the email export does */
static void
run_export (const char *text,
            gsize       len)
{
  cmark_node *doc = bulletin_markdown_parse (text, len);
  char *html = bulletin_html_render_document (doc, "Weekly update", "en", BULLETIN_HTML_NONE);

  sink += strlen (html);
  g_free (html);
  cmark_node_free (doc);
}

/* (c) bare cmark-gfm: cmark_markdown_to_html() with the GFM extensions
 * Bulletin enables, and the same SMART option */
static const char *const cmark_extension_names[] = {
  "table", "strikethrough", "autolink", "tasklist",
};

static void
run_cmark (const char *text,
           gsize       len)
{
  const int options = CMARK_OPT_SMART;
  cmark_parser *parser = cmark_parser_new (options);
  cmark_node *doc;
  char *html;

  for (guint i = 0; i < G_N_ELEMENTS (cmark_extension_names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (cmark_extension_names[i]));

  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);
  html = cmark_render_html (doc, options, cmark_parser_get_syntax_extensions (parser));

  sink += strlen (html);
  free (html);
  cmark_node_free (doc);
  cmark_parser_free (parser);
}

/* For the breakdown: Bulletin's parse alone, and cmark-gfm with the
 * options Bulletin parses with (SOURCEPOS, VALIDATE_UTF8) */
static void
run_parse_only (const char *text,
                gsize       len)
{
  cmark_node *doc = bulletin_markdown_parse (text, len);

  sink += GPOINTER_TO_SIZE (cmark_node_first_child (doc));
  cmark_node_free (doc);
}

static void
run_cmark_sourcepos (const char *text,
                     gsize       len)
{
  const int options = CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8;
  cmark_parser *parser = cmark_parser_new (options);
  cmark_node *doc;
  char *html;

  for (guint i = 0; i < G_N_ELEMENTS (cmark_extension_names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (cmark_extension_names[i]));

  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);
  html = cmark_render_html (doc, options, cmark_parser_get_syntax_extensions (parser));

  sink += strlen (html);
  free (html);
  cmark_node_free (doc);
  cmark_parser_free (parser);
}

static void
cmark_parse_only (const char *text,
                  gsize       len,
                  int         options)
{
  cmark_parser *parser = cmark_parser_new (options);
  cmark_node *doc;

  for (guint i = 0; i < G_N_ELEMENTS (cmark_extension_names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (cmark_extension_names[i]));

  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);

  sink += GPOINTER_TO_SIZE (cmark_node_first_child (doc));
  cmark_node_free (doc);
  cmark_parser_free (parser);
}

static void
run_cmark_parse (const char *text,
                 gsize       len)
{
  cmark_parse_only (text, len, CMARK_OPT_SMART);
}

static void
run_cmark_parse_sourcepos (const char *text,
                           gsize       len)
{
  cmark_parse_only (text, len, CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8);
}

typedef void (*Pipeline) (const char *text, gsize len);

enum {
  P_PREVIEW,
  P_EXPORT,
  P_CMARK,
  P_PARSE,
  P_CMARK_SOURCEPOS,
  P_CMARK_PARSE,
  P_CMARK_PARSE_SOURCEPOS,
  N_PIPELINES
};

static const Pipeline pipelines[N_PIPELINES] = {
  run_preview, run_export, run_cmark, run_parse_only, run_cmark_sourcepos,
  run_cmark_parse, run_cmark_parse_sourcepos,
};

static const char *const pipeline_names[N_PIPELINES] = {
  "preview", "export", "cmark", "parse", "cmark-sourcepos",
  "cmark-parse", "cmark-parse-sourcepos",
};

/* Runs the pipelines in interleaved rounds (the order rotating each
 * round), so that noise from anything else on the machine falls on all
 * of them alike and the ratios stay fair. Stops once every pipeline has
 * run at least min_runs times and the rounds took min_time per pipeline. */
static void
measure (const char *text,
         gsize       len,
         Series      series[N_PIPELINES])
{
  gint64 start;
  gint64 budget_ns = (gint64)(opt_min_time * 1e9) * N_PIPELINES;
  int round;

  /* warm up: caches, page faults, lazy initialisation */
  for (int p = 0; p < N_PIPELINES; p++)
    for (int i = 0; i < 2; i++)
      pipelines[p] (text, len);

  start = now_ns ();
  for (round = 0; round < opt_max_runs; round++)
    {
      for (int k = 0; k < N_PIPELINES; k++)
        {
          int p = (round + k) % N_PIPELINES;
          gint64 t0 = now_ns ();

          pipelines[p] (text, len);
          series_add (&series[p], (now_ns () - t0) / 1e6);
        }

      if (round + 1 >= opt_min_runs && now_ns () - start >= budget_ns)
        break;
    }
}

/* ------------------------------------------------------------------ */
/* pandoc */

typedef struct
{
  gboolean available;
  char *path;
  char *version;
} Pandoc;

static gboolean
run_pandoc_once (Pandoc      *pandoc,
                 const char  *file,
                 double      *ms,
                 GError     **error)
{
  const char *argv[] = { pandoc->path, "-f", "commonmark", "-t", "html", file, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  gint64 t0 = now_ns ();

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  *ms = (now_ns () - t0) / 1e6;

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "pandoc: %s: ", err ? err : "");
      return FALSE;
    }
  sink += out ? strlen (out) : 0;
  return TRUE;
}

static gboolean
measure_pandoc (Pandoc     *pandoc,
                const char *file,
                Series     *series)
{
  g_autoptr(GError) error = NULL;
  gint64 start;
  double ms;

  /* one warm-up run: the binary into the page cache */
  if (!run_pandoc_once (pandoc, file, &ms, &error))
    {
      g_printerr ("pandoc failed on %s: %s\n", file, error->message);
      return FALSE;
    }

  start = now_ns ();
  for (int i = 0; i < 50; i++)
    {
      if (!run_pandoc_once (pandoc, file, &ms, &error))
        {
          g_printerr ("pandoc failed on %s: %s\n", file, error->message);
          return FALSE;
        }
      series_add (series, ms);
      if (i + 1 >= 3 && now_ns () - start >= (gint64)(opt_pandoc_min_time * 1e9))
        break;
    }

  return TRUE;
}

static void
pandoc_init (Pandoc *pandoc)
{
  g_autofree char *out = NULL;
  const char *argv[] = { NULL, "--version", NULL };
  int status = 0;

  memset (pandoc, 0, sizeof *pandoc);
  if (opt_no_pandoc)
    return;

  pandoc->path = g_find_program_in_path ("pandoc");
  if (pandoc->path == NULL)
    return;

  argv[0] = pandoc->path;
  if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &status, NULL) &&
      g_spawn_check_wait_status (status, NULL) && out != NULL)
    {
      char *nl = strchr (out, '\n');

      if (nl)
        *nl = '\0';
      pandoc->version = g_strdup (out);
      pandoc->available = TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Inputs */

static const char *const update_names[] = {
  "weekly-update-neighbourhood-teams.md",
  "weekly-update-shared-record.md",
  "weekly-update-volunteers.md",
};

static const struct
{
  const char *label;
  const char *key;
  gsize bytes;
} sizes[] = {
  { "10 KB", "10KB", 10 * 1024 },
  { "100 KB", "100KB", 100 * 1024 },
  { "1 MB", "1MB", 1024 * 1024 },
};

/* The updates one after the other, as often as needed, cut at the last
 * line break within @target bytes so the result is still UTF-8 and still
 * reads as a run of weekly updates. */
static GString *
build_input (GBytes *const *updates,
             guint          n_updates,
             gsize          target)
{
  GString *s = g_string_sized_new (target + 16 * 1024);
  char *cut;

  for (guint i = 0; s->len < target; i = (i + 1) % n_updates)
    {
      gsize len;
      const char *data = g_bytes_get_data (updates[i], &len);

      if (s->len > 0)
        g_string_append (s, "\n\n---\n\n");
      g_string_append_len (s, data, len);
    }

  g_string_truncate (s, target);
  cut = strrchr (s->str, '\n');
  if (cut != NULL)
    g_string_truncate (s, cut - s->str + 1);

  return s;
}

static char *
format_ms (double ms)
{
  if (ms < 0)
    return g_strdup ("n/a");
  if (ms < 1)
    return g_strdup_printf ("%.3f", ms);
  if (ms < 100)
    return g_strdup_printf ("%.2f", ms);
  return g_strdup_printf ("%.0f", ms);
}

/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean measured;
  gsize bytes;
  guint n_blocks;
  guint runs;
  double median[N_PIPELINES];
  double min[N_PIPELINES];
  double pandoc_median;
  double pandoc_min;
  guint pandoc_runs;
} Result;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *updates_dir = NULL;
  g_autofree char *tmp_dir = NULL;
  GBytes *updates[G_N_ELEMENTS (update_names)];
  Result results[G_N_ELEMENTS (sizes)];
  Pandoc pandoc;
  double pandoc_empty_ms = -1;
  struct rusage usage;
  gboolean all_met = TRUE;
  int size_index = -1;
  int profile_index = -1;

  context = g_option_context_new ("[FOLDER] - time Bulletin's Markdown pipelines");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_min_runs < 1)
    opt_min_runs = 1;
  if (opt_max_runs < opt_min_runs)
    opt_max_runs = opt_min_runs;

  if (opt_size != NULL)
    {
      for (size_index = 0; size_index < (int)G_N_ELEMENTS (sizes); size_index++)
        if (g_ascii_strcasecmp (opt_size, sizes[size_index].key) == 0)
          break;
      if (size_index == G_N_ELEMENTS (sizes))
        {
          g_printerr ("Unknown size %s: use 10KB, 100KB or 1MB\n", opt_size);
          return 2;
        }
    }

  if (opt_profile != NULL)
    {
      for (profile_index = 0; profile_index < N_PIPELINES; profile_index++)
        if (g_str_equal (opt_profile, pipeline_names[profile_index]))
          break;
      if (profile_index == N_PIPELINES)
        {
          g_printerr ("Unknown pipeline %s\n", opt_profile);
          return 2;
        }
    }

  updates_dir = g_strdup (argc > 1 ? argv[1] : BENCH_FIXTURES_DIR);

  for (guint i = 0; i < G_N_ELEMENTS (update_names); i++)
    {
      g_autofree char *path = g_build_filename (updates_dir, update_names[i], NULL);
      char *data;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, &error))
        {
          g_printerr ("Cannot read a weekly update: %s\n", error->message);
          return 2;
        }
      if (!g_utf8_validate (data, len, NULL))
        {
          g_printerr ("%s is not UTF-8\n", path);
          return 2;
        }
      updates[i] = g_bytes_new_take (data, len);
    }

  cmark_gfm_core_extensions_ensure_registered ();
  for (guint i = 0; i < G_N_ELEMENTS (cmark_extension_names); i++)
    if (cmark_find_syntax_extension (cmark_extension_names[i]) == NULL)
      {
        g_printerr ("cmark-gfm has no \"%s\" extension\n", cmark_extension_names[i]);
        return 2;
      }

  if (profile_index >= 0)
    {
      int i = size_index >= 0 ? size_index : (int)G_N_ELEMENTS (sizes) - 1;
      g_autoptr(GString) input = build_input (updates, G_N_ELEMENTS (updates), sizes[i].bytes);
      Series series;
      gint64 start = now_ns ();
      double median;

      series_init (&series);
      while (now_ns () - start < (gint64)(opt_min_time * 1e9) ||
             (int)series.samples_ms->len < opt_min_runs)
        {
          gint64 t0 = now_ns ();

          pipelines[profile_index] (input->str, input->len);
          series_add (&series, (now_ns () - t0) / 1e6);
        }
      median = series_median (&series);
      g_print ("%s on %s (%zu B): %u runs, median %.3f ms, min %.3f ms\n",
               pipeline_names[profile_index], sizes[i].label, input->len,
               series.samples_ms->len, median, series_min (&series));
      series_clear (&series);
      for (guint k = 0; k < G_N_ELEMENTS (updates); k++)
        g_bytes_unref (updates[k]);
      return 0;
    }

  pandoc_init (&pandoc);

  tmp_dir = g_dir_make_tmp ("bulletin-bench-render-XXXXXX", &error);
  if (tmp_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  g_print ("# Bulletin render benchmark\n\n");
  g_print ("Inputs: the weekly updates in %s, concatenated and cut at a line break.\n", updates_dir);
  g_print ("cmark-gfm %s; %s; %u CPU(s); at least %d runs and %.1f s per pipeline and size, "
           "pipelines interleaved.\n\n",
           cmark_version_string (),
           pandoc.available ? pandoc.version
           : opt_no_pandoc ? "pandoc not run (--no-pandoc)"
           : "pandoc not found: its columns are skipped",
           g_get_num_processors (), opt_min_runs, opt_min_time);

  if (pandoc.available)
    {
      g_autofree char *empty = g_build_filename (tmp_dir, "empty.md", NULL);
      Series s;

      series_init (&s);
      if (g_file_set_contents (empty, "", 0, NULL) && measure_pandoc (&pandoc, empty, &s))
        pandoc_empty_ms = series_median (&s);
      series_clear (&s);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GString) input = NULL;
      Result *r = &results[i];
      Series series[N_PIPELINES];

      memset (r, 0, sizeof *r);
      if (size_index >= 0 && (int)i != size_index)
        continue;

      input = build_input (updates, G_N_ELEMENTS (updates), sizes[i].bytes);
      r->measured = TRUE;
      r->bytes = input->len;
      r->pandoc_median = r->pandoc_min = -1;

      {
        BulletinBlockList *list = bulletin_block_list_new (input->str, input->len);
        r->n_blocks = bulletin_block_list_get_n_blocks (list);
        bulletin_block_list_unref (list);
      }

      g_printerr ("Measuring %s...\n", sizes[i].label);

      for (int p = 0; p < N_PIPELINES; p++)
        series_init (&series[p]);

      measure (input->str, input->len, series);

      r->runs = series[0].samples_ms->len;
      for (int p = 0; p < N_PIPELINES; p++)
        {
          r->median[p] = series_median (&series[p]);
          r->min[p] = series_min (&series[p]);
          series_clear (&series[p]);
        }

      if (pandoc.available)
        {
          g_autofree char *name = g_strdup_printf ("draft-%zu.md", input->len);
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          Series s;

          series_init (&s);
          if (!g_file_set_contents (path, input->str, input->len, &error))
            {
              g_printerr ("%s\n", error->message);
              g_clear_error (&error);
            }
          else if (measure_pandoc (&pandoc, path, &s))
            {
              r->pandoc_median = series_median (&s);
              r->pandoc_min = series_min (&s);
              r->pandoc_runs = s.samples_ms->len;
            }
          g_unlink (path);
          series_clear (&s);
        }
    }

  g_print ("## Markdown -> HTML, median ms (min)\n\n");
  g_print ("| size | blocks | runs | bulletin preview ms | bulletin export ms | cmark-gfm ms "
           "| ratio preview/cmark | pandoc ms | pandoc/bulletin speedup |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Result *r = &results[i];
      g_autofree char *a = format_ms (r->median[P_PREVIEW]);
      g_autofree char *a_min = format_ms (r->min[P_PREVIEW]);
      g_autofree char *b = format_ms (r->median[P_EXPORT]);
      g_autofree char *b_min = format_ms (r->min[P_EXPORT]);
      g_autofree char *c = format_ms (r->median[P_CMARK]);
      g_autofree char *c_min = format_ms (r->min[P_CMARK]);
      g_autofree char *d = NULL;
      g_autofree char *speedup = NULL;
      double ratio = r->median[P_PREVIEW] / r->median[P_CMARK];

      if (!r->measured)
        continue;
      if (r->pandoc_median >= 0)
        {
          g_autofree char *d_med = format_ms (r->pandoc_median);
          g_autofree char *d_min = format_ms (r->pandoc_min);

          d = g_strdup_printf ("%s (%s)", d_med, d_min);
          speedup = g_strdup_printf ("%.0fx", r->pandoc_median / r->median[P_PREVIEW]);
        }

      g_print ("| %s (%zu B) | %u | %u | %s (%s) | %s (%s) | %s (%s) | %.2fx | %s | %s |\n",
               sizes[i].label, r->bytes, r->n_blocks, r->runs,
               a, a_min, b, b_min, c, c_min, ratio,
               d ? d : "skipped", speedup ? speedup : "n/a");
    }

  g_print ("\n## Where the time goes, median ms\n\n");
  g_print ("| size | cmark parse (SMART) | cmark parse (+SOURCEPOS +VALIDATE_UTF8) | bulletin parse "
           "| cmark render (full - parse) | bulletin preview render (preview - parse) "
           "| cmark-gfm full with bulletin's options | ratio preview/that |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Result *r = &results[i];
      g_autofree char *cparse = format_ms (r->median[P_CMARK_PARSE]);
      g_autofree char *cparse_sp = format_ms (r->median[P_CMARK_PARSE_SOURCEPOS]);
      g_autofree char *parse = format_ms (r->median[P_PARSE]);
      g_autofree char *crender = format_ms (r->median[P_CMARK] - r->median[P_CMARK_PARSE]);
      g_autofree char *render = format_ms (r->median[P_PREVIEW] - r->median[P_PARSE]);
      g_autofree char *cs = format_ms (r->median[P_CMARK_SOURCEPOS]);

      if (!r->measured)
        continue;
      g_print ("| %s | %s | %s | %s | %s | %s | %s | %.2fx |\n", sizes[i].label,
               cparse, cparse_sp, parse, crender, render, cs,
               r->median[P_PREVIEW] / r->median[P_CMARK_SOURCEPOS]);
    }

  g_print ("\n## Targets\n\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Result *r = &results[i];
      double ratio = r->median[P_PREVIEW] / r->median[P_CMARK];
      gboolean met = ratio <= TARGET_CMARK_RATIO;

      if (!r->measured)
        continue;

      all_met &= met;
      g_print ("- %s: preview pipeline %.2fx bare cmark-gfm (target <= %.1fx): %s\n",
               sizes[i].label, ratio, TARGET_CMARK_RATIO,
               met ? "met" : "MISSED");
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Result *r = &results[i];
      double factor;
      gboolean met;

      if (!r->measured)
        continue;
      if (r->pandoc_median < 0)
        {
          g_print ("- %s: pandoc comparison skipped (%s)\n", sizes[i].label,
                   pandoc.available ? "pandoc failed"
                   : opt_no_pandoc ? "--no-pandoc" : "pandoc is not installed");
          continue;
        }

      factor = r->pandoc_median / r->median[P_PREVIEW];
      met = factor >= TARGET_PANDOC_FACTOR;
      all_met &= met;
      g_print ("- %s: preview pipeline %.0fx faster than pandoc (target >= %.0fx): %s\n",
               sizes[i].label, factor, TARGET_PANDOC_FACTOR, met ? "met" : "MISSED");
    }

  g_print ("\nNotes: times include freeing what each pipeline built. The preview pipeline "
           "renders every top-level block into its own wrapper with data-sourcepos and "
           "inline email styles; the export pipeline renders the full email document. "
           "pandoc times are wall times of `pandoc -f commonmark -t html FILE` spawned "
           "with g_spawn_sync, process start included");
  if (pandoc_empty_ms >= 0)
    g_print (" (pandoc on an empty file: %.0f ms)", pandoc_empty_ms);
  g_print (".\n");

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    g_print ("\nPeak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);

  g_print ("\nAll targets %s.\n", all_met ? "met" : "NOT met");

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    g_bytes_unref (updates[i]);
  g_rmdir (tmp_dir);
  g_free (pandoc.path);
  g_free (pandoc.version);

  return 0;
}
