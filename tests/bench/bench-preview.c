/* bench-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keystroke -> preview latency in the real editor window, under Xvfb:
 *
 *   GSK_RENDERER=cairo WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 \
 *     xvfb-run -a -s '-screen 0 1280x800x24' bench-preview [FOLDER]
 *
 * Loads a draft built from the weekly updates in tests/data (or FOLDER,
 * which holds files of the same names), puts the cursor at the end of a
 * paragraph in its middle and types into it one character at a time,
 * waiting for each keystroke's preview update before the next one (the
 * preview coalesces faster edits, which would hide the per-keystroke
 * cost). Also times the keystroke in the editor itself, to show that
 * echoing a character never waits for the preview. Prints Markdown
 * tables. Exits 77 (skipped) without a display.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <malloc.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <webkit/webkit.h>

#include "bulletin-application.h"
#include "bulletin-preview.h"
#include "bulletin-window.h"

#define TARGET_SMALL_P95_MS 33.0
#define TARGET_LARGE_P95_MS 150.0

static int opt_keystrokes = 150;
static int opt_large_keystrokes = 40;
static int opt_interval_ms = 40;
static int opt_small_kb = 20;
static int opt_large_kb = 1024;
static gboolean opt_no_frame = FALSE;
static int opt_memory_every = 0;
static int opt_settle_s = 0;

static char *opt_draft = NULL;

static GOptionEntry entries[] = {
  { "keystrokes", 'k', 0, G_OPTION_ARG_INT, &opt_keystrokes,
    "Keystrokes typed into the small draft (default 150)", "N" },
  { "large-keystrokes", 'K', 0, G_OPTION_ARG_INT, &opt_large_keystrokes,
    "Keystrokes typed into the large draft (default 40)", "N" },
  { "interval", 'i', 0, G_OPTION_ARG_INT, &opt_interval_ms,
    "Least time between two keystrokes in ms (default 40)", "MS" },
  { "small-kb", 0, 0, G_OPTION_ARG_INT, &opt_small_kb,
    "Size of the small draft in KB (default 20)", "KB" },
  { "large-kb", 0, 0, G_OPTION_ARG_INT, &opt_large_kb,
    "Size of the large draft in KB (default 1024; 0 to skip)", "KB" },
  { "draft", 0, 0, G_OPTION_ARG_FILENAME, &opt_draft,
    "Type into this draft instead of the large one built from the fixtures (e.g. a pasted 1 MB paragraph)", "FILE" },
  { "no-frame", 0, 0, G_OPTION_ARG_NONE, &opt_no_frame,
    "Do not measure up to the preview's next frame", NULL },
  { "memory-every", 0, 0, G_OPTION_ARG_INT, &opt_memory_every,
    "Print both processes' memory to stderr every N keystrokes (default 0: only before and after)", "N" },
  { "settle", 0, 0, G_OPTION_ARG_INT, &opt_settle_s,
    "After the typing, idle this many seconds and print the memory again (default 0)", "S" },
  { NULL }
};

static const char typed_text[] =
  " Typing this sentence into the middle of a long draft measures how quickly"
  " the preview follows every single keystroke, one character at a time,"
  " while the editor keeps echoing what was typed without waiting for it.";

/* ------------------------------------------------------------------ */
/* Scratch home, so nothing of a real session leaks in or is touched */

static char *tmp_home;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
cleanup_home (void)
{
  if (tmp_home != NULL)
    remove_tree (tmp_home);
  g_clear_pointer (&tmp_home, g_free);
}

static void
setup_environment (void)
{
  static const struct { const char *var; const char *dir; } dirs[] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };

  tmp_home = g_dir_make_tmp ("bulletin-bench-preview-XXXXXX", NULL);
  if (tmp_home == NULL)
    {
      g_printerr ("Cannot make a scratch folder\n");
      exit (1);
    }
  atexit (cleanup_home);

  g_setenv ("HOME", tmp_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (tmp_home, dirs[i].dir, NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i].var, path, TRUE);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  /* benchmark environment only, never the app's */
  g_setenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", FALSE);
}

/* ------------------------------------------------------------------ */
/* Main loop helpers; every wait has a time limit */

typedef gboolean (*Condition) (gpointer data);

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  if (condition (data))
    return TRUE;

  id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);
  while (!condition (data))
    {
      if (timed_out)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);

  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
wait_ms (guint ms)
{
  if (ms > 0)
    wait_until (never, NULL, ms);
}

/* ------------------------------------------------------------------ */
/* Statistics */

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
  double p50;
  double p95;
  double max;
  guint n;
} Stats;

/* nearest-rank percentiles */
static Stats
stats_of (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  Stats s = { -1, -1, -1, values->len };

  if (sorted->len == 0)
    return s;

  g_array_sort (sorted, compare_doubles);
#define RANK(p) (MIN (sorted->len - 1, (guint)MAX (0.0, ((p) * sorted->len + 99) / 100 - 1)))
  s.p50 = g_array_index (sorted, double, RANK (50));
  s.p95 = g_array_index (sorted, double, RANK (95));
#undef RANK
  s.max = g_array_index (sorted, double, sorted->len - 1);

  return s;
}

/* ------------------------------------------------------------------ */
/* The draft */

static const char *const update_names[] = {
  "weekly-update-neighbourhood-teams.md",
  "weekly-update-shared-record.md",
  "weekly-update-volunteers.md",
};

static char *
build_draft (const char *updates_dir,
             gsize       target)
{
  GString *s;
  char *data[G_N_ELEMENTS (update_names)];
  gsize lens[G_N_ELEMENTS (update_names)];
  char *cut;

  if (opt_draft != NULL)
    {
      char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (opt_draft, &text, NULL, &error))
        {
          g_printerr ("Cannot read the draft: %s\n", error->message);
          exit (2);
        }
      return text;
    }

  s = g_string_sized_new (target + 16 * 1024);
  for (guint i = 0; i < G_N_ELEMENTS (update_names); i++)
    {
      g_autofree char *path = g_build_filename (updates_dir, update_names[i], NULL);
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &data[i], &lens[i], &error))
        {
          g_printerr ("Cannot read a weekly update: %s\n", error->message);
          exit (2);
        }
    }

  for (guint i = 0; s->len < target; i = (i + 1) % G_N_ELEMENTS (update_names))
    {
      if (s->len > 0)
        g_string_append (s, "\n\n---\n\n");
      g_string_append_len (s, data[i], lens[i]);
    }

  g_string_truncate (s, target);
  cut = strrchr (s->str, '\n');
  if (cut != NULL)
    g_string_truncate (s, cut - s->str + 1);

  for (guint i = 0; i < G_N_ELEMENTS (update_names); i++)
    g_free (data[i]);

  return g_string_free (s, FALSE);
}

/* The first line at or after the middle of @text that ends a plain
 * paragraph: it starts with a letter, is outside fenced code, and a
 * blank line (or the end) follows. Returns a 0-based line, or -1. */
static int
find_paragraph_end (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);
  gboolean in_fence = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *l = lines[i];
      const char *next = i + 1 < n ? lines[i + 1] : "";

      if (g_str_has_prefix (l, "```") || g_str_has_prefix (l, "~~~"))
        {
          in_fence = !in_fence;
          continue;
        }

      if (in_fence || i < n / 2)
        continue;

      if (g_ascii_isalpha (l[0]) && strchr (l, '|') == NULL && strlen (l) > 20 &&
          next[strspn (next, " \t")] == '\0')
        return i;
    }

  return -1;
}

/* ------------------------------------------------------------------ */
/* One run: a window, a draft, keystrokes */

typedef struct
{
  BulletinWindow *window;
  GtkTextBuffer *buffer;
  BulletinPreview *preview;
  GdkFrameClock *frame_clock;

  /* bumped by the preview's "updated" signal */
  guint n_signals;
  gint64 updated_at;

  /* the editor's next frame after a keystroke */
  gboolean watch_paint;
  gint64 painted_at;

  /* the preview's next frame */
  gboolean frame_done;
  gboolean frame_ok;
  gint64 frame_at;

  guint wait_for_signals;
} Run;

static void
preview_updated_cb (BulletinPreview *preview,
                    Run             *run)
{
  run->n_signals++;
  run->updated_at = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  if (run->watch_paint && run->painted_at == 0)
    run->painted_at = g_get_monotonic_time ();
}

static gboolean
preview_idle (gpointer data)
{
  Run *run = data;

  return !bulletin_preview_get_busy (run->preview);
}

static gboolean
preview_updated_and_idle (gpointer data)
{
  Run *run = data;

  return run->n_signals >= run->wait_for_signals && !bulletin_preview_get_busy (run->preview);
}

static gboolean
file_loaded (gpointer data)
{
  Run *run = data;
  g_autoptr(GFile) file = NULL;

  g_object_get (run->window, "file", &file, NULL);
  return file != NULL && gtk_text_buffer_get_char_count (run->buffer) > 0;
}

/* The window's parts, as a user finds them: the preview, and the text
 * view that shows the document's buffer (the library's preview is a text
 * view too). */
static GtkWidget *
find_in_window (BulletinWindow *window,
                GType           type,
                GtkTextBuffer  *buffer)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, window);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          (buffer == NULL || gtk_text_view_get_buffer (GTK_TEXT_VIEW (w)) == buffer))
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }

  return NULL;
}

static gboolean
painted (gpointer data)
{
  return ((Run *)data)->painted_at != 0;
}

static gboolean
frame_done (gpointer data)
{
  return ((Run *)data)->frame_done;
}

static gboolean
mapped (gpointer data)
{
  Run *run = data;

  return gtk_widget_get_mapped (GTK_WIDGET (run->window)) &&
         gtk_widget_get_frame_clock (GTK_WIDGET (run->window)) != NULL;
}

/* Resolves once the web view has rendered the frame after the current
 * DOM: the rAF callback runs before that frame's paint, the timeout after
 * it. Scripts in the page are off, but API calls still run. */
static const char frame_js[] =
  "await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));\n"
  "return 1;\n";

static void
frame_js_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  run->frame_at = g_get_monotonic_time ();
  run->frame_ok = error == NULL;
  run->frame_done = TRUE;
  if (error != NULL)
    g_printerr ("Preview frame probe failed: %s\n", error->message);
}

/* Waits for the preview's next rendered frame; FALSE if that cannot be
 * measured here. */
static gboolean
probe_frame (Run *run)
{
  run->frame_done = FALSE;
  run->frame_ok = FALSE;
  webkit_web_view_call_async_javascript_function (bulletin_preview_get_web_view (run->preview),
                                                  frame_js, -1, NULL, NULL, NULL, NULL,
                                                  frame_js_done_cb, run);
  if (wait_until (frame_done, run, 5000) && run->frame_ok)
    return TRUE;

  g_printerr ("The preview's frames cannot be timed here; not measuring them\n");
  /* the callback still refers to run: let it land before run goes away */
  if (!wait_until (frame_done, run, 30000))
    {
      g_printerr ("The web view never answered\n");
      exit (1);
    }
  return FALSE;
}

typedef struct
{
  const char *label;
  gsize bytes;
  guint n_blocks_line;
  int keystrokes;
  int typed;
  int patched;          /* keystrokes whose update replaced a block */
  gboolean failed;
  char *error;
  double load_ms;       /* file load -> first full preview patched */
  double load_frame_ms; /* file load -> that preview's frame rendered */
  GArray *latency;      /* preview's own: buffer change -> page patched */
  GArray *wall;         /* our clock: before the insert -> "updated" */
  GArray *frame;        /* our clock: before the insert -> preview frame */
  GArray *insert;       /* inside gtk_text_buffer_insert_at_cursor */
  GArray *echo;         /* insert + one main-context iteration */
  GArray *echo_paint;   /* before the insert -> editor's next frame painted */
  double ui_rss_before_mb; /* resident memory before and after the typing */
  double ui_rss_after_mb;
  double web_rss_before_mb;
  double web_rss_after_mb;
  GArray *web_samples;  /* MemorySample, every MEMORY_SAMPLE_EVERY keystrokes */
} Result;

/* The web process's memory goes up and down by 10 to 18 MB as
 * JavaScriptCore's garbage collector and WebKit's memory-pressure
 * handler take turns (measured: 298, 306, 315, 302, 309 MB… at every
 * 100 keystrokes into 1 MB), so one reading after the typing says more
 * about where that cycle stood than about growth. Readings taken all
 * along give the trend (least squares), which is what a leak moves. */
#define MEMORY_SAMPLE_EVERY 25
/* issue 12: memory while typing 2,000 keystrokes into 1 MB stays flat */
#define MEMORY_TARGET_MB 10

typedef struct
{
  double keystrokes;
  double mb;
} MemorySample;

/* The slope of the least-squares line through the samples, in MB a
 * keystroke; 0 with fewer than two. */
static double
memory_trend (GArray *samples)
{
  double n = samples->len, sx = 0, sy = 0, sxx = 0, sxy = 0;

  if (samples->len < 2)
    return 0;
  for (guint i = 0; i < samples->len; i++)
    {
      const MemorySample *m = &g_array_index (samples, MemorySample, i);

      sx += m->keystrokes;
      sy += m->mb;
      sxx += m->keystrokes * m->keystrokes;
      sxy += m->keystrokes * m->mb;
    }
  if (n * sxx - sx * sx == 0)
    return 0;
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

static void
memory_range (GArray *samples,
              double *low,
              double *high)
{
  *low = G_MAXDOUBLE;
  *high = 0;
  for (guint i = 0; i < samples->len; i++)
    {
      *low = MIN (*low, g_array_index (samples, MemorySample, i).mb);
      *high = MAX (*high, g_array_index (samples, MemorySample, i).mb);
    }
  if (samples->len == 0)
    *low = 0;
}

/* VmRSS of a process, in MB; 0 if it cannot be read */
static double
rss_mb (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0 : 0;
}

/* the web processes this one started (WebKitWebProcess), added up */
static double
web_rss_mb (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  double total = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *paren;
      int ppid = 0;

      if (!g_ascii_isdigit (name[0]))
        continue;
      stat_path = g_strdup_printf ("/proc/%s/stat", name);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …", and comm may hold spaces */
      paren = strrchr (stat, ')');
      if (paren == NULL || sscanf (paren + 1, " %*c %d", &ppid) != 1 || ppid != getpid ())
        continue;
      if (strstr (stat, "(WebKitWebProces") != NULL)
        total += rss_mb (atoi (name));
    }

  return total;
}

/* Where the memory is at this point, on stderr: the UI process's RSS
 * next to what its malloc heap holds in use, to tell a leak (in use
 * grows) from memory the allocator keeps (only RSS grows). */
static void
print_memory (const char *when)
{
  struct mallinfo2 mi = mallinfo2 ();

  g_printerr ("memory %s: UI RSS %.1f MB (malloc in use %.1f MB, free in heap %.1f MB, mmapped %.1f MB), web RSS %.1f MB\n",
              when, rss_mb (getpid ()), mi.uordblks / 1048576.0, mi.fordblks / 1048576.0,
              mi.hblkhd / 1048576.0, web_rss_mb ());
}

static void
result_init (Result     *r,
             const char *label,
             int         keystrokes)
{
  memset (r, 0, sizeof *r);
  r->label = label;
  r->keystrokes = keystrokes;
  r->latency = g_array_new (FALSE, FALSE, sizeof (double));
  r->wall = g_array_new (FALSE, FALSE, sizeof (double));
  r->frame = g_array_new (FALSE, FALSE, sizeof (double));
  r->insert = g_array_new (FALSE, FALSE, sizeof (double));
  r->echo = g_array_new (FALSE, FALSE, sizeof (double));
  r->echo_paint = g_array_new (FALSE, FALSE, sizeof (double));
  r->web_samples = g_array_new (FALSE, FALSE, sizeof (MemorySample));
}

static void
result_clear (Result *r)
{
  g_array_unref (r->latency);
  g_array_unref (r->wall);
  g_array_unref (r->frame);
  g_array_unref (r->insert);
  g_array_unref (r->echo);
  g_array_unref (r->echo_paint);
  g_array_unref (r->web_samples);
  g_free (r->error);
}

static void
add (GArray *a,
     double  v)
{
  g_array_append_val (a, v);
}

static void
fail (Result     *r,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Result     *r,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  r->failed = TRUE;
  g_free (r->error);
  r->error = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s draft: %s\n", r->label, r->error);
}

static void
bench_draft (const char *updates_dir,
             gsize       bytes,
             Result     *r)
{
  g_autofree char *draft = build_draft (updates_dir, bytes);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;
  Run run = { 0 };
  guint wait_timeout = bytes > 200 * 1024 ? 60000 : 20000;
  gint64 t_load;
  gulong paint_handler = 0;
  gboolean measure_frame = !opt_no_frame;
  int line;

  r->bytes = strlen (draft);
  path = g_strdup_printf ("%s/draft-%zu.md", tmp_home, r->bytes);
  if (!g_file_set_contents (path, draft, -1, &error))
    {
      fail (r, "%s", error->message);
      return;
    }
  file = g_file_new_for_path (path);

  line = find_paragraph_end (draft);
  if (line < 0)
    {
      fail (r, "no paragraph found in the middle of the draft");
      return;
    }

  run.window = bulletin_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (run.window));
  {
    g_autoptr(GObject) document = NULL;
    g_autoptr(GtkTextBuffer) buffer = NULL;

    /* the window holds both for its whole life */
    g_object_get (run.window, "document", &document, NULL);
    g_object_get (document, "buffer", &buffer, NULL);
    run.buffer = buffer;
  }
  run.preview = BULLETIN_PREVIEW (find_in_window (run.window, BULLETIN_TYPE_PREVIEW, NULL));
  g_signal_connect (run.preview, "updated", G_CALLBACK (preview_updated_cb), &run);

  if (!wait_until (mapped, &run, 10000))
    {
      fail (r, "the window was not mapped within 10 s");
      goto out;
    }
  /* An empty new window shows its welcome, and the preview beside the
   * editor only once the draft has text: a line break shows the editor
   * and an empty preview, whose first load is waited for below. */
  gtk_text_buffer_set_text (run.buffer, "\n", -1);
  run.frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  paint_handler = g_signal_connect (run.frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &run);

  /* the empty window's first page load (the web process starting) */
  wait_ms (50);
  if (!wait_until (preview_idle, &run, 30000))
    {
      fail (r, "the empty preview did not become ready within 30 s");
      goto out;
    }

  t_load = g_get_monotonic_time ();
  run.wait_for_signals = run.n_signals + 1;
  bulletin_window_load_file (run.window, file);
  if (!wait_until (file_loaded, &run, 60000))
    {
      fail (r, "the draft did not load within 60 s");
      goto out;
    }
  wait_ms (20);
  if (!wait_until (preview_updated_and_idle, &run, 120000))
    {
      fail (r, "the preview did not show the draft within 120 s");
      goto out;
    }
  r->load_ms = (g_get_monotonic_time () - t_load) / 1000.0;
  if (measure_frame)
    {
      if (probe_frame (&run))
        r->load_frame_ms = (run.frame_at - t_load) / 1000.0;
      else
        measure_frame = FALSE;
    }

  /* the cursor at the end of a paragraph in the middle, in view */
  gtk_text_buffer_get_iter_at_line (run.buffer, &iter, line);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (run.buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (find_in_window (run.window, GTK_TYPE_TEXT_VIEW, run.buffer)),
                                gtk_text_buffer_get_insert (run.buffer), 0.0, TRUE, 0.0, 0.5);
  gtk_widget_grab_focus (find_in_window (run.window, GTK_TYPE_TEXT_VIEW, run.buffer));

  /* let the layout of a long buffer and the preview's scroll settle */
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    wait_ms (300);
    while (g_main_context_pending (NULL) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    wait_ms (200);
    if (!wait_until (preview_idle, &run, wait_timeout))
      {
        fail (r, "the preview did not settle within %u s", wait_timeout / 1000);
        goto out;
      }
  }

  r->ui_rss_before_mb = rss_mb (getpid ());
  r->web_rss_before_mb = web_rss_mb ();
  g_array_append_val (r->web_samples, ((MemorySample) { 0, r->web_rss_before_mb }));
  if (opt_memory_every > 0 || opt_settle_s > 0)
    print_memory ("before typing");

  for (int k = 0; k < r->keystrokes; k++)
    {
      char ch[2] = { typed_text[k % (sizeof typed_text - 1)], '\0' };
      guint n_before = bulletin_preview_get_n_updates (run.preview);
      gint64 t0, t1, t2;

      run.wait_for_signals = run.n_signals + 1;
      run.painted_at = 0;
      run.watch_paint = TRUE;

      t0 = g_get_monotonic_time ();
      gtk_text_buffer_insert_at_cursor (run.buffer, ch, 1);
      t1 = g_get_monotonic_time ();
      g_main_context_iteration (NULL, FALSE);
      t2 = g_get_monotonic_time ();

      add (r->insert, (t1 - t0) / 1000.0);
      add (r->echo, (t2 - t0) / 1000.0);

      if (!wait_until (preview_updated_and_idle, &run, wait_timeout))
        {
          fail (r, "keystroke %d: no preview update within %u s", k + 1, wait_timeout / 1000);
          break;
        }

      add (r->latency, bulletin_preview_get_last_latency (run.preview));
      add (r->wall, (run.updated_at - t0) / 1000.0);
      if (bulletin_preview_get_n_updates (run.preview) > n_before)
        r->patched++;

      if (wait_until (painted, &run, 2000))
        add (r->echo_paint, (run.painted_at - t0) / 1000.0);
      run.watch_paint = FALSE;

      if (measure_frame)
        {
          if (probe_frame (&run))
            add (r->frame, (run.frame_at - t0) / 1000.0);
          else
            {
              measure_frame = FALSE;
              g_array_set_size (r->frame, 0);
            }
        }

      r->typed++;

      if (r->typed % MEMORY_SAMPLE_EVERY == 0)
        g_array_append_val (r->web_samples, ((MemorySample) { r->typed, web_rss_mb () }));

      if (opt_memory_every > 0 && r->typed % opt_memory_every == 0)
        {
          g_autofree char *when = g_strdup_printf ("after %d keystrokes", r->typed);

          print_memory (when);
        }

      /* a typist's pace, at most: never faster than the interval */
      {
        gint64 next = t0 + (gint64)opt_interval_ms * 1000;
        gint64 now = g_get_monotonic_time ();

        if (next > now)
          wait_ms ((next - now + 999) / 1000);
      }
    }

  r->ui_rss_after_mb = rss_mb (getpid ());
  r->web_rss_after_mb = web_rss_mb ();

  if (opt_settle_s > 0)
    {
      g_autofree char *when = g_strdup_printf ("%d s after the typing", opt_settle_s);

      wait_ms (opt_settle_s * 1000);
      print_memory (when);
    }

out:
  if (paint_handler != 0)
    g_signal_handler_disconnect (run.frame_clock, paint_handler);
  g_signal_handlers_disconnect_by_data (run.preview, &run);
  /* discard, do not ask */
  gtk_text_buffer_set_modified (run.buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (run.window));
  wait_ms (200);
  g_unlink (path);
}

static char *
fmt (double ms)
{
  if (ms < 0)
    return g_strdup ("n/a");
  if (ms < 10)
    return g_strdup_printf ("%.2f", ms);
  return g_strdup_printf ("%.1f", ms);
}

static char *
fmt_stats (GArray *values)
{
  Stats s = stats_of (values);
  g_autofree char *a = fmt (s.p50);
  g_autofree char *b = fmt (s.p95);
  g_autofree char *c = fmt (s.max);

  if (s.n == 0)
    return g_strdup ("n/a");
  return g_strdup_printf ("%s / %s / %s", a, b, c);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *updates_dir;
  Result results[2];
  guint n_results = 0;
  gboolean all_met = TRUE;
  gboolean any_failed = FALSE;
  struct rusage usage;

  /* the memory figures are the application's: set malloc up as its main() does */
  bulletin_application_tune_malloc ();

  context = g_option_context_new ("[FOLDER] - keystroke -> preview latency");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  updates_dir = argc > 1 ? argv[1] : BENCH_FIXTURES_DIR;

  setup_environment ();

  if (!gtk_init_check ())
    {
      g_print ("Not run: no display (run under xvfb-run -a -s '-screen 0 1280x800x24')\n");
      return 77;
    }
  adw_init ();
  gtk_source_init ();

  g_print ("# Bulletin preview latency benchmark\n\n");
  g_print ("GTK %u.%u.%u, WebKitGTK %u.%u.%u, GSK_RENDERER=%s, %u CPU(s). "
           "One character at a time at the end of a paragraph in the middle of the draft, "
           "at most every %d ms, each keystroke waiting for its own preview update.\n\n",
           gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
           webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version (),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
           g_get_num_processors (), opt_interval_ms);

  if (opt_small_kb > 0 && opt_keystrokes > 0)
    {
      g_autofree char *label = g_strdup_printf ("%d KB", opt_small_kb);

      g_printerr ("Typing into the %s draft...\n", label);
      result_init (&results[n_results], g_intern_string (label), opt_keystrokes);
      bench_draft (updates_dir, (gsize)opt_small_kb * 1024, &results[n_results]);
      n_results++;
    }

  if (opt_large_kb > 0 && opt_large_keystrokes > 0)
    {
      g_autofree char *label = opt_draft != NULL
        ? g_path_get_basename (opt_draft)
        : opt_large_kb % 1024 == 0
        ? g_strdup_printf ("%d MB", opt_large_kb / 1024)
        : g_strdup_printf ("%d KB", opt_large_kb);

      g_printerr ("Typing into the %s draft...\n", label);
      result_init (&results[n_results], g_intern_string (label), opt_large_keystrokes);
      bench_draft (updates_dir, (gsize)opt_large_kb * 1024, &results[n_results]);
      n_results++;
    }

  g_print ("## Keystroke -> preview, ms (p50 / p95 / max)\n\n");
  g_print ("| draft | keystrokes | patched | draft patched / painted after load | preview latency (app) "
           "| to \"updated\" (bench clock) | to preview's next frame | target p95 |\n");
  g_print ("|---|---:|---:|---:|---:|---:|---:|---|\n");
  for (guint i = 0; i < n_results; i++)
    {
      Result *r = &results[i];
      g_autofree char *lat = fmt_stats (r->latency);
      g_autofree char *wall = fmt_stats (r->wall);
      g_autofree char *frame = fmt_stats (r->frame);
      g_autofree char *load_frame = g_strdup_printf ("%.0f", r->load_frame_ms);
      double target = r->bytes > 200 * 1024 ? TARGET_LARGE_P95_MS : TARGET_SMALL_P95_MS;
      Stats s = stats_of (r->latency);
      gboolean met = !r->failed && s.n > 0 && s.p95 <= target;

      all_met &= met;
      any_failed |= r->failed;
      g_print ("| %s (%zu B) | %d/%d | %d | %.0f / %s ms | %s | %s | %s | <= %.0f: %s |\n",
               r->label, r->bytes, r->typed, r->keystrokes, r->patched, r->load_ms,
               r->load_frame_ms > 0 ? load_frame : "n/a",
               lat, wall, frame, target,
               r->failed ? "FAILED" : met ? "met" : "MISSED");
    }

  g_print ("\n## Keystroke echo in the editor, ms (p50 / p95 / max)\n\n");
  g_print ("| draft | inside insert_at_cursor | insert + one main-context iteration "
           "| to the editor's next frame painted |\n");
  g_print ("|---|---:|---:|---:|\n");
  for (guint i = 0; i < n_results; i++)
    {
      Result *r = &results[i];
      g_autofree char *ins = fmt_stats (r->insert);
      g_autofree char *echo = fmt_stats (r->echo);
      g_autofree char *paint = fmt_stats (r->echo_paint);

      g_print ("| %s | %s | %s | %s |\n", r->label, ins, echo, paint);
    }

  g_print ("\nNotes: \"preview latency (app)\" is bulletin_preview_get_last_latency(): from the "
           "buffer change to the page patch returning from the web process. \"patched\" counts "
           "keystrokes whose update replaced a block; any others rendered to identical HTML "
           "and completed without touching the page. \"to preview's next frame\" "
           "adds a requestAnimationFrame round trip in the web view. The editor's frame clock "
           "runs at about 60 Hz under Xvfb (no compositor), so the painted column includes up "
           "to one frame interval of waiting for the next tick.\n");

  for (guint i = 0; i < n_results; i++)
    if (results[i].failed)
      g_print ("\n%s draft FAILED: %s\n", results[i].label, results[i].error);

  g_print ("\n| draft | keystrokes | UI process RSS before → after (MB) | web process RSS before → after (MB) | web process, lowest – highest reading (MB) | web process trend over the typing (MB) | target trend <= %d MB |\n",
           MEMORY_TARGET_MB);
  g_print ("|---|---:|---:|---:|---:|---:|---|\n");
  for (guint i = 0; i < n_results; i++)
    {
      double low, high, trend = memory_trend (results[i].web_samples) * results[i].typed;
      gboolean met = trend <= MEMORY_TARGET_MB &&
                     results[i].ui_rss_after_mb - results[i].ui_rss_before_mb <= MEMORY_TARGET_MB;

      memory_range (results[i].web_samples, &low, &high);
      if (results[i].typed >= 1000)
        all_met &= met;
      g_print ("| %s | %d | %.1f → %.1f (%+.1f) | %.1f → %.1f (%+.1f) | %.1f – %.1f | %+.1f | %s |\n",
               results[i].label, results[i].typed,
               results[i].ui_rss_before_mb, results[i].ui_rss_after_mb,
               results[i].ui_rss_after_mb - results[i].ui_rss_before_mb,
               results[i].web_rss_before_mb, results[i].web_rss_after_mb,
               results[i].web_rss_after_mb - results[i].web_rss_before_mb,
               low, high, trend,
               results[i].typed < 1000 ? "(too few keystrokes to judge)" : met ? "met" : "NOT met");
    }
  g_print ("\nThe web process's readings, one every %d keystrokes, go up and down with its garbage "
           "collector; the trend is the least-squares line through them over the whole typing, "
           "which memory kept per keystroke would raise. The UI process is judged on its one "
           "reading after the typing.\n", MEMORY_SAMPLE_EVERY);

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    g_print ("\nPeak RSS of the UI process: %.1f MB (the web process is separate)\n",
             usage.ru_maxrss / 1024.0);

  g_print ("\nAll targets %s.\n", all_met ? "met" : "NOT met");

  for (guint i = 0; i < n_results; i++)
    result_clear (&results[i]);

  return any_failed ? 1 : 0;
}
