/* bench-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long each export of a 1 MB draft (built from the weekly updates in
 * tests/data, or FOLDER) takes, against bare cmark-gfm HTML rendering of
 * the same text and `pandoc -t plain` on the same file.
 *
 *   bench-export [--runs=N] [FOLDER]
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "bench-util.h"
#include "bulletin-export.h"

#define TARGET_CMARK_RATIO   3.0   /* each export <= 3 x bare cmark-gfm HTML */
#define TARGET_PANDOC_FACTOR 50.0  /* text export >= 50 x faster than pandoc */
#define DRAFT_SIZE           (1024 * 1024)

static int opt_runs = 15;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, "Runs per pipeline (default 15)", "N" },
  { NULL }
};

static char *
bare_cmark (const char *text)
{
  cmark_parser *parser = cmark_parser_new (CMARK_OPT_DEFAULT);
  const char *names[] = { "table", "strikethrough", "autolink", "tasklist" };
  cmark_node *doc;
  char *html;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (names[i]));
  cmark_parser_feed (parser, text, strlen (text));
  doc = cmark_parser_finish (parser);
  html = cmark_render_html (doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions (parser));
  cmark_node_free (doc);
  cmark_parser_free (parser);

  return html;
}

static double
time_pipeline (const char *text,
               int         pipeline)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < opt_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (pipeline < 0)
        g_free (bare_cmark (text));
      else
        g_bytes_unref (bulletin_export_render (pipeline, text, strlen (text), NULL, NULL, NULL));

      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return bench_percentile (times, 0.5);
}

static double
time_pandoc (const char *path)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { "pandoc", "-f", "gfm", "-t", "plain", "-o", "/dev/null", path, NULL };

  if (g_find_program_in_path ("pandoc") == NULL)
    return -1;

  for (int run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL))
        return -1;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  return bench_percentile (times, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[FOLDER]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) updates = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *path = NULL;
  const char *dir;
  const char *labels[] = { "HTML email", "plain text", ".eml (text + HTML)" };
  double cmark_ms, pandoc_ms, text_ms = 0;
  gboolean met = TRUE;
  int fd;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = argc > 1 ? argv[1] : BENCH_FIXTURES_DIR;
  if ((updates = bench_load_updates (dir, &error)) == NULL)
    g_error ("no weekly updates: %s", error->message);

  cmark_gfm_core_extensions_ensure_registered ();
  draft = g_string_free (bench_build_draft (updates, DRAFT_SIZE), FALSE);
  fd = g_file_open_tmp ("bench-export-XXXXXX.md", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, draft, -1, NULL));
  close (fd);

  cmark_ms = time_pipeline (draft, -1);
  printf ("Export of a %.2f MB draft, median of %d runs\n\n", strlen (draft) / 1048576.0, opt_runs);
  printf ("| Pipeline | Median | vs bare cmark-gfm HTML (target <= %.0fx) |\n|---|---:|---:|\n", TARGET_CMARK_RATIO);
  printf ("| bare cmark-gfm HTML | %.1f ms | 1.00x |\n", cmark_ms);

  for (int format = BULLETIN_EXPORT_HTML; format <= BULLETIN_EXPORT_EML; format++)
    {
      double ms = time_pipeline (draft, format);

      if (format == BULLETIN_EXPORT_TEXT)
        text_ms = ms;
      met &= ms <= TARGET_CMARK_RATIO * cmark_ms;
      printf ("| %s | %.1f ms | %.2fx |\n", labels[format], ms, ms / cmark_ms);
    }

  pandoc_ms = time_pandoc (path);
  if (pandoc_ms > 0)
    {
      printf ("\npandoc -t plain: %.0f ms; the plain-text export is %.0fx faster (target >= %.0fx)\n",
              pandoc_ms, pandoc_ms / text_ms, TARGET_PANDOC_FACTOR);
      met &= pandoc_ms / text_ms >= TARGET_PANDOC_FACTOR;
    }
  else
    printf ("\npandoc not found: install it (build-aux/bench does)\n");

  printf ("\ntargets: %s\n", met ? "met" : "NOT met");
  g_unlink (path);

  return 0;
}
