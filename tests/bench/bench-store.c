/* bench-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast, and how big, the drafts database is: autosave latency (fsync
 * included), database growth under autosaves, the history list of a draft
 * with many versions, search over hundreds of weekly updates, and creating
 * a draft. Everything goes through the public BulletinStore API, on
 * databases in a fresh folder on the real disk, with a fake clock so that
 * hours of typing take seconds.
 *
 *   bench-store [--dir=PARENT] [--only=SECTIONS] [--keep] [FOLDER]
 *
 * The weekly updates come from FOLDER, which holds files of the same
 * names, or tests/data. Prints Markdown tables;
 * exits 0 even when a target is missed (it says "missed"), non-zero only
 * when it could not run.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bulletin-diff.h"
#include "bulletin-markdown.h"
#include "bulletin-store.h"

/* Targets this benchmark checks */
#define TARGET_AUTOSAVE_MS      2.0    /* median autosave of a 20 KB draft */
#define TARGET_GROWTH_BYTES     (2 * 1024 * 1024) /* 1,000 autosaves, 2 s apart */
#define TARGET_HISTORY_MS       50.0   /* list 10,000 versions */
#define TARGET_SEARCH_MS        20.0   /* search 500 weekly updates */
#define TARGET_FRAME_MS         16.0   /* create a draft on the UI thread */

#define DRAFT_BYTES             (20 * 1024)

static char *opt_dir = NULL;
static char *opt_only = NULL;
static gboolean opt_keep = FALSE;
static int opt_autosave_runs = 300;
static int opt_growth_saves = 1000;
static int opt_versions = 10000;
static int opt_history_kb = 0;
static int opt_drafts = 500;
static int opt_queries = 50;
static int opt_creates = 50;
static int opt_seed = 42;

static GOptionEntry entries[] = {
  { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dir,
    "Make the scratch folder in DIR (default: the temporary folder)", "DIR" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
    "Only these sections, comma-separated: fsync, autosave, growth, history, search, create", "LIST" },
  { "keep", 'k', 0, G_OPTION_ARG_NONE, &opt_keep,
    "Keep the databases (their folder is printed)", NULL },
  { "autosave-runs", 0, 0, G_OPTION_ARG_INT, &opt_autosave_runs,
    "Timed autosaves of the 20 KB draft (default 300, at least 200 for the target)", "N" },
  { "growth-saves", 0, 0, G_OPTION_ARG_INT, &opt_growth_saves,
    "Autosaves in each growth run (default 1000)", "N" },
  { "versions", 0, 0, G_OPTION_ARG_INT, &opt_versions,
    "Versions in the history benchmark (default 10000)", "N" },
  { "history-kb", 0, 0, G_OPTION_ARG_INT, &opt_history_kb,
    "Size of each version's text in the history benchmark, in KB (default 20)", "KB" },
  { "drafts", 0, 0, G_OPTION_ARG_INT, &opt_drafts,
    "Weekly updates in the search benchmark (default 500)", "N" },
  { "queries", 0, 0, G_OPTION_ARG_INT, &opt_queries,
    "Runs of each search and of the history list (default 50)", "N" },
  { "creates", 0, 0, G_OPTION_ARG_INT, &opt_creates,
    "Drafts created in the create benchmark (default 50)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed,
    "Seed of the random edits (default 42)", "N" },
  { NULL }
};

/* ------------------------------------------------------------------ */
/* Timing and statistics */

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline double
ms_since (gint64 t0)
{
  return (now_ns () - t0) / 1e6;
}

/* CPU time of this thread, user and system: the store does its work on
 * the caller's thread, so wall time minus this is time spent waiting,
 * mostly for fsync. */
static inline gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  GArray *ms;
  gboolean sorted;
} Stats;

static Stats *
stats_new (void)
{
  Stats *s = g_new0 (Stats, 1);

  s->ms = g_array_new (FALSE, FALSE, sizeof (double));
  return s;
}

static void
stats_free (Stats *s)
{
  if (s == NULL)
    return;
  g_array_unref (s->ms);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Stats, stats_free)

static void
stats_add (Stats  *s,
           double  ms)
{
  g_array_append_val (s->ms, ms);
  s->sorted = FALSE;
}

static guint
stats_n (Stats *s)
{
  return s->ms->len;
}

/* nearest rank: the smallest value with at least @p of the runs at or
 * below it */
static double
stats_percentile (Stats  *s,
                  double  p)
{
  guint n = s->ms->len;
  guint rank;

  if (n == 0)
    return -1;
  if (!s->sorted)
    {
      g_array_sort (s->ms, cmp_double);
      s->sorted = TRUE;
    }
  if (p <= 0)
    return g_array_index (s->ms, double, 0);
  rank = (guint)(p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return g_array_index (s->ms, double, rank - 1);
}

static double
stats_median (Stats *s)
{
  guint n = s->ms->len;

  if (n == 0)
    return -1;
  stats_percentile (s, 0);
  if (n % 2)
    return g_array_index (s->ms, double, n / 2);
  return (g_array_index (s->ms, double, n / 2 - 1) + g_array_index (s->ms, double, n / 2)) / 2;
}

static double
stats_max (Stats *s)
{
  return stats_percentile (s, 100);
}

static char *
fmt_ms (double ms)
{
  if (ms < 0)
    return g_strdup ("n/a");
  if (ms < 1)
    return g_strdup_printf ("%.3f", ms);
  if (ms < 100)
    return g_strdup_printf ("%.2f", ms);
  return g_strdup_printf ("%.0f", ms);
}

static char *
fmt_bytes (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup ("n/a");
  if (bytes < 10 * 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " B", bytes);
  if (bytes < 10 * 1024 * 1024)
    return g_strdup_printf ("%.1f KB", bytes / 1024.0);
  return g_strdup_printf ("%.2f MB", bytes / (1024.0 * 1024.0));
}

/* A sink the compiler cannot see through, so no work is optimised away. */
static volatile gsize sink;

/* ------------------------------------------------------------------ */
/* The summary table, filled as the sections run */

typedef struct
{
  char *what;
  char *result;
  char *target;
  char *status; /* "met", "missed" or "info" */
} Row;

static GPtrArray *summary;
static gboolean all_met = TRUE;

static void
row_free (Row *row)
{
  g_free (row->what);
  g_free (row->result);
  g_free (row->target);
  g_free (row->status);
  g_free (row);
}

static void
summary_add (const char *what,
             const char *result,
             const char *target,
             int         met) /* 1 met, 0 missed, -1 no target */
{
  Row *row = g_new0 (Row, 1);

  row->what = g_strdup (what);
  row->result = g_strdup (result);
  row->target = g_strdup (target ? target : "");
  row->status = g_strdup (met > 0 ? "met" : met == 0 ? "missed" : "info");
  if (met == 0)
    all_met = FALSE;
  g_ptr_array_add (summary, row);
}

/* ------------------------------------------------------------------ */
/* The fake clock: µs since the epoch, moved by hand */

typedef struct
{
  gint64 now;
} FakeClock;

static gint64
fake_clock_func (gpointer user_data)
{
  return ((FakeClock *)user_data)->now;
}

/* Monday 2024-01-08 09:00 UTC, a working morning */
#define CLOCK_START G_GINT64_CONSTANT (1704704400000000)

/* ------------------------------------------------------------------ */
/* Files */

static char *scratch_dir;

static gint64
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

typedef struct
{
  gint64 db;
  gint64 wal;
} DbSize;

static DbSize
db_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  DbSize size = { file_size (path), file_size (wal) };

  return size;
}

static void
remove_db (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

static char *
db_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  return g_build_filename (scratch_dir, file, NULL);
}

static BulletinStore *
open_fresh (const char  *path,
            FakeClock   *clock)
{
  g_autoptr(GError) error = NULL;
  BulletinStore *store;

  remove_db (path);
  store = bulletin_store_open (path, &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  bulletin_store_set_clock (store, fake_clock_func, clock);

  return store;
}

/* Closing the store (the last reference) closes the SQLite connection,
 * which checkpoints the WAL into the database and deletes it. */
static void
close_store (BulletinStore **store)
{
  g_clear_object (store);
}

static void
describe_filesystem (const char *dir,
                     char      **fs_type,
                     char      **free_space)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_filesystem_info (file,
                                       G_FILE_ATTRIBUTE_FILESYSTEM_TYPE ","
                                       G_FILE_ATTRIBUTE_FILESYSTEM_FREE,
                                       NULL, NULL);
  *fs_type = g_strdup (info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE)
                       ? g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE)
                       : "unknown");
  *free_space = info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE)
                ? g_strdup_printf ("%.0f GB", g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE) / 1e9)
                : g_strdup ("unknown");
}

/* Drops the file's pages from the kernel's page cache (after writing
 * them), so the next read comes from the disk. */
static gboolean
evict_from_page_cache (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fdatasync (fd) == 0 && posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
  close (fd);

  return ok;
}

/* The peak resident set of this process. VmHWM, not getrusage(): Linux
 * carries ru_maxrss over execve(), so under `meson test` that would be the
 * peak of the Python process that started us. */
static double
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *hwm;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (hwm = strstr (status, "VmHWM:")) != NULL)
    return g_ascii_strtod (hwm + strlen ("VmHWM:"), NULL);

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;

  return -1;
}

/* ------------------------------------------------------------------ */
/* Texts */

static const char *const update_names[] = {
  "weekly-update-neighbourhood-teams.md",
  "weekly-update-shared-record.md",
  "weekly-update-volunteers.md",
};
static GBytes *updates[G_N_ELEMENTS (update_names)];

/* Words the edits type in: the kind of words a weekly update has, short
 * ones too, so that a thousand edits leave the draft about its size. */
static const char *const vocabulary[] = {
  "a", "the", "of", "and", "to", "in", "we", "is", "for", "on", "our", "with",
  "it", "as", "be", "at", "by", "this", "that", "are", "have", "from", "an",
  "week", "team", "work", "all", "new", "can", "will", "more", "NHS", "GP",
  "budget", "clinic", "staffing", "partners", "community", "pathway",
  "primary", "care", "review", "board", "meeting", "update", "digital",
  "services", "patients", "funding", "plan", "priority", "workforce",
  "hospital", "pharmacy", "screening", "quality", "outcomes", "local",
  "regional", "assurance", "programme", "delivery", "capacity", "demand",
  "discharge", "prevention", "support", "volunteers", "carers", "housing",
  "transport", "schools", "evidence", "progress", "milestone", "targets",
  "consultation", "engagement", "governance", "leadership", "network",
};

/* The updates one after another, as often as needed, cut at the last
 * line break before @target bytes so the text stays UTF-8 and Markdown. */
static GString *
build_text (gsize target)
{
  GString *s = g_string_sized_new (target + 8192);
  char *cut;

  for (guint i = 0; s->len < target; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (updates[i % G_N_ELEMENTS (updates)], &len);

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

static const char *
random_word (GRand *rand)
{
  return vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
}

/* Replaces one to three words at a random place (never in the first line,
 * the title) with words from the vocabulary: what a few seconds of typing
 * between two autosaves look like. Words are cut at ASCII spaces, so the
 * text stays UTF-8. Always changes the text. */
static void
small_edit (GString *text,
            GRand   *rand)
{
  const char *first_nl = strchr (text->str, '\n');
  gsize body = first_nl ? (gsize)(first_nl - text->str) + 1 : 0;

  for (int attempt = 0; attempt < 1000; attempt++)
    {
      gsize start, end;
      int n_words = g_rand_int_range (rand, 1, 4);
      g_autoptr(GString) repl = g_string_new (NULL);

      if (text->len <= body + 2)
        break;
      start = g_rand_int_range (rand, body, text->len - 1);

      /* to the start of the next word on this line */
      while (start < text->len && text->str[start] != ' ' && text->str[start] != '\n')
        start++;
      if (start >= text->len || text->str[start] == '\n')
        continue;
      start++;

      end = start;
      for (int w = 0; w < n_words; w++)
        {
          while (end < text->len && text->str[end] != ' ' && text->str[end] != '\n')
            end++;
          if (w + 1 < n_words && end < text->len && text->str[end] == ' ')
            end++;
          else
            break;
        }
      if (end > start && text->str[end - 1] == ' ')
        end--;
      if (end <= start)
        continue;

      for (int w = 0; w < n_words; w++)
        {
          if (w > 0)
            g_string_append_c (repl, ' ');
          g_string_append (repl, random_word (rand));
        }

      if (repl->len == end - start && memcmp (repl->str, text->str + start, repl->len) == 0)
        continue;

      g_string_erase (text, start, end - start);
      g_string_insert_len (text, start, repl->str, repl->len);
      return;
    }

  /* never reached with real texts, but keep the promise */
  g_string_append_printf (text, "%s\n", random_word (rand));
}

/* ------------------------------------------------------------------ */
/* Sections */

static gboolean
section_wanted (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (opt_only == NULL)
    return TRUE;
  parts = g_strsplit (opt_only, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[i]), name) == 0)
      return TRUE;
  return FALSE;
}

/* 0. What one fsync costs here: the floor under every autosave, which
 * SQLite syncs (WAL, synchronous=FULL) at each commit. */
static void
bench_fsync (void)
{
  g_autofree char *path = g_build_filename (scratch_dir, "fsync-probe", NULL);
  g_autoptr(Stats) s = stats_new ();
  char block[4096];
  int fd;

  memset (block, 'x', sizeof block);
  fd = g_open (path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    {
      g_printerr ("fsync probe: %s\n", g_strerror (errno));
      return;
    }

  for (int i = 0; i < 105; i++)
    {
      gint64 t0 = now_ns ();

      if (pwrite (fd, block, sizeof block, (off_t)(i % 16) * sizeof block) != sizeof block ||
          fdatasync (fd) != 0)
        {
          g_printerr ("fsync probe: %s\n", g_strerror (errno));
          break;
        }
      if (i >= 5)
        stats_add (s, ms_since (t0));
    }
  close (fd);
  g_unlink (path);

  if (stats_n (s) > 0)
    {
      g_autofree char *med = fmt_ms (stats_median (s));
      g_autofree char *p95 = fmt_ms (stats_percentile (s, 95));
      g_autofree char *result = g_strdup_printf ("median %s ms, p95 %s ms", med, p95);

      g_print ("## Disk\n\n");
      g_print ("4 KB pwrite + fdatasync in the scratch folder, %u runs: median %s ms, p95 %s ms.\n\n",
               stats_n (s), med, p95);
      summary_add ("4 KB write + fdatasync (the disk's floor)", result, NULL, -1);
    }
}

/* 1. Autosave latency */
static void
bench_autosave (GRand *rand)
{
  g_autofree char *path = db_path ("autosave");
  g_autoptr(GString) text = build_text (DRAFT_BYTES);
  g_autoptr(Stats) all = stats_new ();
  g_autoptr(Stats) plain = stats_new ();
  g_autoptr(Stats) snap = stats_new ();
  g_autoptr(Stats) same = stats_new ();
  g_autoptr(Stats) all_cpu = stats_new ();
  g_autoptr(Stats) plain_cpu = stats_new ();
  g_autoptr(Stats) snap_cpu = stats_new ();
  g_autoptr(Stats) same_cpu = stats_new ();
  g_autoptr(Stats) words = stats_new ();
  g_autoptr(Stats) title_ms = stats_new ();
  g_autoptr(GError) error = NULL;
  FakeClock clock = { CLOCK_START };
  BulletinStore *store = open_fresh (path, &clock);
  gint64 last_snapshot = G_MININT64 / 2;
  gint64 draft;
  gsize start_len = text->len;
  int runs = MAX (opt_autosave_runs, 1);

  g_printerr ("Autosave latency (%d runs)...\n", runs);

  draft = bulletin_store_create_draft (store, text->str, NULL, &error);
  if (draft == 0)
    g_error ("create_draft: %s", error->message);

  /* warm up: statement paths, the page cache, the WAL file's first pages */
  for (int i = 0; i < 10; i++)
    {
      clock.now += 2 * G_TIME_SPAN_SECOND;
      small_edit (text, rand);
      if (!bulletin_store_autosave (store, draft, text->str, &error))
        g_error ("autosave: %s", error->message);
      if (clock.now - last_snapshot >= BULLETIN_STORE_SNAPSHOT_INTERVAL)
        last_snapshot = clock.now;
    }

  for (int i = 0; i < runs; i++)
    {
      gboolean snapshot;
      gint64 t0, c0;
      double ms, cpu;

      clock.now += 2 * G_TIME_SPAN_SECOND;
      small_edit (text, rand);

      /* the store snapshots when its newest version is at least the
       * interval old; with this clock the newest is the last snapshot */
      snapshot = clock.now - last_snapshot >= BULLETIN_STORE_SNAPSHOT_INTERVAL;
      if (snapshot)
        last_snapshot = clock.now;

      c0 = cpu_ns ();
      t0 = now_ns ();
      if (!bulletin_store_autosave (store, draft, text->str, &error))
        g_error ("autosave: %s", error->message);
      ms = ms_since (t0);
      cpu = (cpu_ns () - c0) / 1e6;

      stats_add (all, ms);
      stats_add (snapshot ? snap : plain, ms);
      stats_add (all_cpu, cpu);
      stats_add (snapshot ? snap_cpu : plain_cpu, cpu);
    }

  /* the same text again: the store reads and compares, writes nothing */
  for (int i = 0; i < 50; i++)
    {
      gint64 t0, c0;

      clock.now += 2 * G_TIME_SPAN_SECOND;
      c0 = cpu_ns ();
      t0 = now_ns ();
      if (!bulletin_store_autosave (store, draft, text->str, &error))
        g_error ("autosave: %s", error->message);
      stats_add (same, ms_since (t0));
      stats_add (same_cpu, (cpu_ns () - c0) / 1e6);
    }

  close_store (&store);
  if (!opt_keep)
    remove_db (path);

  /* Two things every changed autosave does on the caller's thread besides
   * SQLite, timed alone on the same text: the word count and the title
   * (the first heading, found by parsing the draft as Markdown). */
  for (int i = 0; i < 200; i++)
    {
      gint64 t0 = now_ns ();
      g_autofree char *title = NULL;

      sink += bulletin_diff_count_words (text->str);
      stats_add (words, ms_since (t0));

      t0 = now_ns ();
      title = bulletin_markdown_extract_title (text->str, text->len);
      stats_add (title_ms, ms_since (t0));
      sink += title ? strlen (title) : 0;
    }

  g_print ("## 1. Autosave of a %zu-byte draft (%zu bytes at the end), one small edit each, clock +2 s\n\n",
           start_len, text->len);
  g_print ("| autosaves | runs | median ms | p95 ms | max ms | CPU median ms | wall - CPU (waiting) median ms |\n");
  g_print ("|---|---:|---:|---:|---:|---:|---:|\n");
  {
    struct { const char *label; Stats *s; Stats *cpu; } rows[] = {
      { "all", all, all_cpu },
      { "text only (no snapshot)", plain, plain_cpu },
      { "with a history snapshot", snap, snap_cpu },
      { "unchanged text (no write)", same, same_cpu },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *med = fmt_ms (stats_median (rows[i].s));
        g_autofree char *p95 = fmt_ms (stats_percentile (rows[i].s, 95));
        g_autofree char *max = fmt_ms (stats_max (rows[i].s));
        g_autofree char *cpu = fmt_ms (stats_median (rows[i].cpu));
        g_autofree char *wait = fmt_ms (MAX (stats_median (rows[i].s) - stats_median (rows[i].cpu), 0));

        if (stats_n (rows[i].s) == 0)
          continue;
        g_print ("| %s | %u | %s | %s | %s | %s | %s |\n",
                 rows[i].label, stats_n (rows[i].s), med, p95, max, cpu, wait);
      }
  }
  g_print ("\nEach autosave is one transaction: read the current text, update the draft row, "
           "delete and re-insert the draft in the FTS5 index, every %d s a compressed snapshot, "
           "COMMIT (one WAL fsync; now and then a checkpoint, with its own fsyncs). "
           "CPU is this thread's user + system time.\n\n",
           (int)(BULLETIN_STORE_SNAPSHOT_INTERVAL / G_TIME_SPAN_SECOND));
  {
    g_autofree char *w = fmt_ms (stats_median (words));
    g_autofree char *t = fmt_ms (stats_median (title_ms));
    double total = stats_median (all);

    g_print ("Part of it, timed alone on the same text (median of 200): "
             "bulletin_diff_count_words %s ms (%.0f%%; a snapshot counts again), "
             "bulletin_markdown_extract_title %s ms (%.0f%%). "
             "The rest is SQLite: the row, the FTS5 delete + insert (which tokenize the old "
             "and the new text), the commit.\n\n",
             w, 100 * stats_median (words) / total, t, 100 * stats_median (title_ms) / total);
  }

  {
    double med = stats_median (all);
    g_autofree char *m = fmt_ms (med);
    g_autofree char *p = fmt_ms (stats_percentile (all, 95));
    g_autofree char *result = g_strdup_printf ("median %s ms, p95 %s ms (%u runs)", m, p, stats_n (all));
    g_autofree char *target = g_strdup_printf ("median <= %.0f ms", TARGET_AUTOSAVE_MS);

    summary_add ("Autosave, 20 KB draft, small edit", result, target,
                 med <= TARGET_AUTOSAVE_MS && stats_n (all) >= 200);
  }
}

typedef struct
{
  DbSize open;       /* while the store is open */
  DbSize closed;     /* after closing it */
  guint versions;
  gsize text_len;
  Stats *latency;
} Growth;

static void
run_growth (const char *name,
            gint64      step,
            int         saves,
            GRand      *rand,
            Growth     *g)
{
  g_autofree char *path = db_path (name);
  g_autoptr(GString) text = build_text (DRAFT_BYTES);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  FakeClock clock = { CLOCK_START };
  BulletinStore *store = open_fresh (path, &clock);
  gint64 draft;

  memset (g, 0, sizeof *g);
  g->latency = stats_new ();

  draft = bulletin_store_create_draft (store, text->str, NULL, &error);
  if (draft == 0)
    g_error ("create_draft: %s", error->message);

  for (int i = 0; i < saves; i++)
    {
      gint64 t0;

      clock.now += step;
      small_edit (text, rand);
      t0 = now_ns ();
      if (!bulletin_store_autosave (store, draft, text->str, &error))
        g_error ("autosave: %s", error->message);
      stats_add (g->latency, ms_since (t0));
    }

  versions = bulletin_store_list_versions (store, draft, &error);
  if (versions == NULL)
    g_error ("list_versions: %s", error->message);
  g->versions = versions->len;
  g->text_len = text->len;

  g->open = db_size (path);
  close_store (&store);
  g->closed = db_size (path);

  if (!opt_keep)
    remove_db (path);
}

/* 2. Database growth */
static void
bench_growth (GRand *rand)
{
  Growth mild, harsh;
  int saves = MAX (opt_growth_saves, 1);
  gint64 mild_total, harsh_total;
  double per_version = -1;

  g_printerr ("Database growth (%d autosaves, +2 s)...\n", saves);
  run_growth ("growth-2s", 2 * G_TIME_SPAN_SECOND, saves, rand, &mild);
  g_printerr ("Database growth (%d autosaves, +5 min)...\n", saves);
  run_growth ("growth-5min", BULLETIN_STORE_SNAPSHOT_INTERVAL, saves, rand, &harsh);

  mild_total = mild.closed.db + mild.closed.wal;
  harsh_total = harsh.closed.db + harsh.closed.wal;
  if (harsh.versions > mild.versions)
    per_version = (double)(harsh_total - mild_total) / (harsh.versions - mild.versions);

  g_print ("## 2. Database growth: %d autosaves of a ~%zu-byte draft, small edits\n\n",
           saves, mild.text_len);
  g_print ("| clock step | versions | db open | WAL open | db + WAL open | db after close | WAL after close "
           "| total after close | total / versions |\n");
  g_print ("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  {
    Growth *gs[] = { &mild, &harsh };
    const char *labels[] = { "+2 s (the store picks snapshots)", "+5 min (every autosave a snapshot)" };

    for (guint i = 0; i < G_N_ELEMENTS (gs); i++)
      {
        Growth *g = gs[i];
        g_autofree char *a = fmt_bytes (g->open.db);
        g_autofree char *b = fmt_bytes (g->open.wal);
        g_autofree char *c = fmt_bytes (g->open.db + g->open.wal);
        g_autofree char *d = fmt_bytes (g->closed.db);
        g_autofree char *e = fmt_bytes (g->closed.wal);
        g_autofree char *f = fmt_bytes (g->closed.db + g->closed.wal);
        g_autofree char *per = g->versions ? fmt_bytes ((g->closed.db + g->closed.wal) / g->versions) : g_strdup ("n/a");

        g_print ("| %s | %u | %s | %s | %s | %s | %s | %s | %s |\n",
                 labels[i], g->versions, a, b, c, d, e, f, per);
      }
  }
  if (per_version >= 0)
    {
      g_autofree char *pv = fmt_bytes ((gint64)per_version);

      g_print ("\nMarginal cost of a version (difference of the two runs over the difference "
               "of their versions): %s for a %zu-byte text.\n", pv, harsh.text_len);
    }
  {
    g_autofree char *m = fmt_ms (stats_median (harsh.latency));
    g_autofree char *p = fmt_ms (stats_percentile (harsh.latency, 95));
    g_autofree char *x = fmt_ms (stats_max (harsh.latency));

    g_print ("\nAutosave latency in the +5 min run (every one writes a snapshot): "
             "median %s ms, p95 %s ms, max %s ms.\n\n", m, p, x);
  }

  {
    g_autofree char *closed = fmt_bytes (mild_total);
    g_autofree char *open = fmt_bytes (mild.open.db + mild.open.wal);
    g_autofree char *result = g_strdup_printf ("%s after close (%s with the WAL, open), %u versions",
                                               closed, open, mild.versions);
    g_autofree char *h = fmt_bytes (harsh_total);
    g_autofree char *hp = per_version >= 0 ? fmt_bytes ((gint64)per_version) : g_strdup ("n/a");
    g_autofree char *hresult = g_strdup_printf ("%s, %u versions, ~%s per version", h, harsh.versions, hp);

    g_autofree char *wal = fmt_bytes (mild.open.wal);
    g_autofree char *oresult = g_strdup_printf ("%s (of which WAL %s)", open, wal);

    summary_add ("DB size, 1,000 autosaves +2 s each", result, "<= 2 MB",
                 mild_total <= TARGET_GROWTH_BYTES);
    summary_add ("Same, on disk while the store is open (db + WAL)", oresult, NULL, -1);
    summary_add ("DB size, 1,000 autosaves +5 min each", hresult, NULL, -1);
  }

  stats_free (mild.latency);
  stats_free (harsh.latency);
}

/* 3. The history list of a draft with many versions */
static void
bench_history (GRand *rand)
{
  g_autofree char *path = db_path ("history");
  int kb = opt_history_kb > 0 ? opt_history_kb : 20;
  g_autoptr(GString) text = build_text ((gsize)kb * 1024);
  g_autoptr(Stats) setup = stats_new ();
  g_autoptr(Stats) list = stats_new ();
  g_autoptr(Stats) open_version = stats_new ();
  g_autoptr(GError) error = NULL;
  FakeClock clock = { CLOCK_START };
  BulletinStore *store = open_fresh (path, &clock);
  gint64 draft;
  gint64 t_setup, t0;
  guint n_listed = 0;
  int n = MAX (opt_versions, 1);
  int runs = MAX (opt_queries / 2, 20);
  double setup_s, reopen_ms, first_list_ms, cold_open_ms = -1;
  gboolean evicted;
  DbSize size;

  g_printerr ("History: creating %d versions of a %d KB draft...\n", n, kb);

  draft = bulletin_store_create_draft (store, text->str, NULL, &error);
  if (draft == 0)
    g_error ("create_draft: %s", error->message);

  /* one autosave every 5 minutes: each one is a snapshot */
  t_setup = now_ns ();
  for (int i = 0; i < n; i++)
    {
      clock.now += BULLETIN_STORE_SNAPSHOT_INTERVAL;
      small_edit (text, rand);
      t0 = now_ns ();
      if (!bulletin_store_autosave (store, draft, text->str, &error))
        g_error ("autosave: %s", error->message);
      stats_add (setup, ms_since (t0));
      if ((i + 1) % 2000 == 0)
        g_printerr ("  %d versions, %.0f s\n", i + 1, ms_since (t_setup) / 1000);
    }
  setup_s = ms_since (t_setup) / 1000;
  size = db_size (path);
  close_store (&store);

  /* Opening with the file out of the page cache, as after a reboot: the
   * integrity check then reads the whole file from the disk. Only this
   * file's pages are dropped (no root needed, nothing else touched). */
  evicted = evict_from_page_cache (path);
  if (evicted)
    {
      g_printerr ("History: opening with the file out of the page cache...\n");
      t0 = now_ns ();
      store = bulletin_store_open (path, &error);
      cold_open_ms = ms_since (t0);
      if (store == NULL)
        g_error ("reopen: %s", error->message);
      close_store (&store);
    }

  /* What the user meets: the store opened at start-up (its integrity
   * check reads every page), then the history opened for the first time
   * with SQLite's cache empty (the kernel's page cache is warm here). */
  g_printerr ("History: reopening and listing...\n");
  t0 = now_ns ();
  store = bulletin_store_open (path, &error);
  reopen_ms = ms_since (t0);
  if (store == NULL)
    g_error ("reopen: %s", error->message);
  bulletin_store_set_clock (store, fake_clock_func, &clock);

  {
    g_autoptr(GPtrArray) v = NULL;

    t0 = now_ns ();
    v = bulletin_store_list_versions (store, draft, &error);
    first_list_ms = ms_since (t0);
    if (v == NULL)
      g_error ("list_versions: %s", error->message);
    n_listed = v->len;
  }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GPtrArray) v = NULL;

      t0 = now_ns ();
      v = bulletin_store_list_versions (store, draft, &error);
      stats_add (list, ms_since (t0));
      if (v == NULL)
        g_error ("list_versions: %s", error->message);

      /* and the text of one version, as a click in the history does */
      {
        BulletinVersionInfo *info = g_ptr_array_index (v, g_rand_int_range (rand, 0, v->len));
        g_autofree char *t = NULL;

        t0 = now_ns ();
        t = bulletin_store_get_version_text (store, info->id, &error);
        if (t == NULL)
          g_error ("get_version_text: %s", error->message);
        stats_add (open_version, ms_since (t0));
      }
    }

  close_store (&store);
  if (!opt_keep)
    remove_db (path);

  {
    g_autofree char *m = fmt_ms (stats_median (list));
    g_autofree char *p = fmt_ms (stats_percentile (list, 95));
    g_autofree char *x = fmt_ms (stats_max (list));
    g_autofree char *om = fmt_ms (stats_median (open_version));
    g_autofree char *op = fmt_ms (stats_percentile (open_version, 95));
    g_autofree char *ox = fmt_ms (stats_max (open_version));
    g_autofree char *first = fmt_ms (first_list_ms);
    g_autofree char *reopen = fmt_ms (reopen_ms);
    g_autofree char *sm = fmt_ms (stats_median (setup));
    g_autofree char *sp = fmt_ms (stats_percentile (setup, 95));
    g_autofree char *sz = fmt_bytes (size.db + size.wal);
    g_autofree char *result = g_strdup_printf ("median %s ms, p95 %s ms; first after opening %s ms",
                                               m, p, first);
    g_autofree char *label = g_strdup_printf ("History list, %u versions of a %d KB draft", n_listed, kb);
    g_autofree char *open_label = g_strdup_printf ("bulletin_store_open of that %s database", sz);
    g_autofree char *cold = fmt_ms (cold_open_ms);
    g_autofree char *open_result = cold_open_ms >= 0
                                   ? g_strdup_printf ("%s ms; %s ms with the file not in the page cache", reopen, cold)
                                   : g_strdup_printf ("%s ms", reopen);

    g_print ("## 3. History of a draft with %u versions (texts of %d KB, %zu bytes at the end)\n\n",
             n_listed, kb, text->len);
    g_print ("| operation | runs | median ms | p95 ms | max ms |\n");
    g_print ("|---|---:|---:|---:|---:|\n");
    g_print ("| bulletin_store_list_versions | %d | %s | %s | %s |\n", runs, m, p, x);
    g_print ("| the same, first call after opening the store | 1 | %s | | |\n", first);
    g_print ("| bulletin_store_get_version_text (a random one) | %d | %s | %s | %s |\n", runs, om, op, ox);
    g_print ("| bulletin_store_open (integrity check included), file in the page cache | 1 | %s | | |\n", reopen);
    if (cold_open_ms >= 0)
      {
        g_autofree char *cold = fmt_ms (cold_open_ms);

        g_print ("| bulletin_store_open, file not in the page cache (as after a reboot) | 1 | %s | | |\n", cold);
      }
    g_print ("\nSetup: %d autosaves, each one a snapshot, in %.1f s (median %s ms, p95 %s ms); "
             "database %s.\n\n", n, setup_s, sm, sp, sz);

    summary_add (label, result, "median <= 50 ms", stats_median (list) <= TARGET_HISTORY_MS);
    summary_add (open_label, open_result, NULL, -1);
  }
}

typedef struct
{
  const char *label;
  const char *query;
} Query;

/* 4. Search over many weekly updates, and 5. creating a draft */
static void
bench_search_and_create (GRand    *rand,
                         gboolean  search,
                         gboolean  create)
{
  g_autofree char *path = db_path ("search");
  g_autoptr(Stats) create_small = stats_new ();
  g_autoptr(Stats) create_big = stats_new ();
  g_autoptr(GError) error = NULL;
  FakeClock clock = { CLOCK_START };
  BulletinStore *store = open_fresh (path, &clock);
  int n_drafts = search ? MAX (opt_drafts, 1) : 0;
  int n_rare = 0;
  const Query queries[] = {
    { "common phrase, in nearly every update", "care partnership" },
    { "rare word, in ~1% of updates", "ophthalmology" },
    { "prefix, in a third of them", "huddl" },
    { "no search (the draft list)", NULL },
  };
  Stats *qstats[G_N_ELEMENTS (queries)];
  guint qhits[G_N_ELEMENTS (queries)];

  if (search)
    g_printerr ("Search: creating %d weekly updates...\n", n_drafts);

  /* a year's worth of weekly updates (and then some), each a fixture with
   * a few edits and a line of its own */
  for (int i = 0; i < n_drafts; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (updates[i % G_N_ELEMENTS (updates)], &len);
      g_autoptr(GString) text = g_string_new_len (data, len);
      gint64 t0, id;

      for (int e = 0; e < 5; e++)
        small_edit (text, rand);
      g_string_append_printf (text, "\nNotes for week %d:", i + 1);
      for (int w = 0; w < 12; w++)
        g_string_append_printf (text, " %s", random_word (rand));
      if (i % 100 == 7)
        {
          g_string_append (text, " ophthalmology");
          n_rare++;
        }
      g_string_append (text, ".\n");

      clock.now += G_TIME_SPAN_HOUR;
      t0 = now_ns ();
      id = bulletin_store_create_draft (store, text->str, NULL, &error);
      if (id == 0)
        g_error ("create_draft: %s", error->message);
      stats_add (create_small, ms_since (t0));
    }

  if (search)
    {
      int runs = MAX (opt_queries, 1);

      g_printerr ("Search: %d runs of each query...\n", runs);

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          qstats[q] = stats_new ();
          qhits[q] = 0;
        }

      /* one untimed round, then the queries interleaved */
      for (int r = -1; r < runs; r++)
        for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
          {
            gint64 t0 = now_ns ();
            g_autoptr(GPtrArray) found = bulletin_store_list_drafts (store, queries[q].query, FALSE, &error);
            double ms = ms_since (t0);

            if (found == NULL)
              g_error ("list_drafts: %s", error->message);
            qhits[q] = found->len;
            if (r >= 0)
              stats_add (qstats[q], ms);
          }

      g_print ("## 4. Search over %d weekly updates (~7.5 KB each)\n\n", n_drafts);
      g_print ("| query | matches | runs | median ms | p95 ms | max ms |\n");
      g_print ("|---|---:|---:|---:|---:|---:|\n");
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autofree char *m = fmt_ms (stats_median (qstats[q]));
          g_autofree char *p = fmt_ms (stats_percentile (qstats[q], 95));
          g_autofree char *x = fmt_ms (stats_max (qstats[q]));

          g_print ("| %s%s%s (%s) | %u | %u | %s | %s | %s |\n",
                   queries[q].query ? "\"" : "", queries[q].query ? queries[q].query : "(none)",
                   queries[q].query ? "\"" : "", queries[q].label,
                   qhits[q], stats_n (qstats[q]), m, p, x);
        }
      g_print ("\n");

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          double med = stats_median (qstats[q]);
          g_autofree char *m = fmt_ms (med);
          g_autofree char *p = fmt_ms (stats_percentile (qstats[q], 95));
          g_autofree char *what = queries[q].query
                                  ? g_strdup_printf ("Search \"%s\", %d drafts", queries[q].query, n_drafts)
                                  : g_strdup_printf ("Draft list (no search), %d drafts", n_drafts);
          g_autofree char *result = g_strdup_printf ("median %s ms, p95 %s ms (%u matches)", m, p, qhits[q]);

          summary_add (what, result, "median <= 20 ms", med <= TARGET_SEARCH_MS);
          stats_free (qstats[q]);
        }
    }

  if (create)
    {
      g_autoptr(GString) text = build_text (DRAFT_BYTES);
      int runs = MAX (opt_creates, 1);

      g_printerr ("Creating %d drafts of 20 KB...\n", runs);

      for (int i = 0; i < runs + 3; i++)
        {
          gint64 t0, id;
          double ms;

          clock.now += G_TIME_SPAN_MINUTE;
          small_edit (text, rand);
          t0 = now_ns ();
          id = bulletin_store_create_draft (store, text->str, NULL, &error);
          ms = ms_since (t0);
          if (id == 0)
            g_error ("create_draft: %s", error->message);
          if (i >= 3) /* the first ones warm up */
            stats_add (create_big, ms);
        }

      {
        g_autofree char *m = fmt_ms (stats_median (create_big));
        g_autofree char *p = fmt_ms (stats_percentile (create_big, 95));
        g_autofree char *x = fmt_ms (stats_max (create_big));
        g_autofree char *sm = fmt_ms (stats_median (create_small));
        g_autofree char *sp = fmt_ms (stats_percentile (create_small, 95));
        g_autofree char *sx = fmt_ms (stats_max (create_small));
        g_autofree char *result = g_strdup_printf ("median %s ms, p95 %s ms, max %s ms", m, p, x);

        g_print ("## 5. Creating a draft (synchronous, as the window does once per draft)\n\n");
        g_print ("| draft | into a database of | runs | median ms | p95 ms | max ms |\n");
        g_print ("|---|---|---:|---:|---:|---:|\n");
        g_print ("| %zu bytes | %d drafts | %u | %s | %s | %s |\n",
                 text->len, n_drafts, stats_n (create_big), m, p, x);
        if (stats_n (create_small) > 0)
          g_print ("| ~7.5 KB weekly update | 0 to %d drafts | %u | %s | %s | %s |\n",
                   n_drafts - 1, stats_n (create_small), sm, sp, sx);
        g_print ("\nAgainst one frame at 60 Hz (%.0f ms): the median is %.0f%% of it.\n\n",
                 TARGET_FRAME_MS, 100 * stats_median (create_big) / TARGET_FRAME_MS);

        summary_add ("Create a 20 KB draft (UI thread)", result, "median <= 16 ms (one frame)",
                     stats_median (create_big) <= TARGET_FRAME_MS);
      }
    }

  if (search && n_rare == 0)
    g_printerr ("note: too few drafts for the rare word to appear\n");

  close_store (&store);
  if (!opt_keep)
    remove_db (path);
}

/* ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *updates_dir = NULL;
  g_autofree char *fs_type = NULL;
  g_autofree char *free_space = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *parent;
  gint64 t_start = now_ns ();

  context = g_option_context_new ("[FOLDER] - time and size the drafts database");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  updates_dir = g_strdup (argc > 1 ? argv[1] : BENCH_FIXTURES_DIR);

  for (guint i = 0; i < G_N_ELEMENTS (update_names); i++)
    {
      g_autofree char *p = g_build_filename (updates_dir, update_names[i], NULL);
      char *data;
      gsize len;

      if (!g_file_get_contents (p, &data, &len, &error))
        {
          g_printerr ("Cannot read a weekly update: %s\n", error->message);
          return 2;
        }
      if (!g_utf8_validate (data, len, NULL))
        {
          g_printerr ("%s is not UTF-8\n", p);
          return 2;
        }
      updates[i] = g_bytes_new_take (data, len);
    }

  parent = opt_dir ? opt_dir : g_get_tmp_dir ();
  {
    g_autofree char *tmpl = g_build_filename (parent, "bulletin-bench-store-XXXXXX", NULL);

    scratch_dir = g_mkdtemp (tmpl) ? g_steal_pointer (&tmpl) : NULL;
    if (scratch_dir == NULL)
      {
        g_printerr ("Cannot make a folder in %s: %s\n", parent, g_strerror (errno));
        return 2;
      }
  }
  describe_filesystem (scratch_dir, &fs_type, &free_space);

  rand = g_rand_new_with_seed (opt_seed);
  summary = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);

  g_print ("# Bulletin drafts database benchmark\n\n");
  g_print ("Databases in %s (%s, %s free); SQLite %s, WAL, synchronous=FULL; %u CPU(s); "
           "fake clock; edits seeded with %d.\n\n",
           scratch_dir, fs_type, free_space, sqlite3_libversion (),
           g_get_num_processors (), opt_seed);

  if (section_wanted ("fsync"))
    bench_fsync ();
  if (section_wanted ("autosave"))
    bench_autosave (rand);
  if (section_wanted ("growth"))
    bench_growth (rand);
  if (section_wanted ("history"))
    bench_history (rand);
  if (section_wanted ("search") || section_wanted ("create"))
    bench_search_and_create (rand, section_wanted ("search"), section_wanted ("create"));

  g_print ("## Summary\n\n");
  g_print ("| measure | result | target | status |\n");
  g_print ("|---|---|---|---|\n");
  for (guint i = 0; i < summary->len; i++)
    {
      Row *row = g_ptr_array_index (summary, i);

      g_print ("| %s | %s | %s | %s |\n", row->what, row->result, row->target, row->status);
    }

  g_print ("\nPeak RSS: %.1f MB. Wall time: %.0f s.\n", peak_rss_kb () / 1024.0, ms_since (t_start) / 1000);

  g_print ("\nAll targets %s.\n", all_met ? "met" : "NOT met (see \"missed\")");

  if (opt_keep)
    g_printerr ("Databases kept in %s\n", scratch_dir);
  else if (g_rmdir (scratch_dir) != 0)
    g_printerr ("Could not remove %s: %s\n", scratch_dir, g_strerror (errno));

  g_ptr_array_unref (summary);
  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    g_bytes_unref (updates[i]);
  g_free (scratch_dir);

  return 0;
}
