/* test-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-checker.h"
#include "bulletin-store.h"
#include "bulletin-test-util.h"

/* Issue 15: the checks' scheduling, glossary, spell checker and ignored
 * findings belong to a BulletinChecker that a test drives without a
 * window or a display. */

#define TASKS \
  "# Weekly update\n\n" \
  "- [ ] Book the room\n" \
  "- [x] Send the agenda\n" \
  "- [ ] Print the slides\n"

typedef struct
{
  char          *dir;
  BulletinStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bulletin-checker-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bulletin.db", NULL);
  f->store = bulletin_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  bulletin_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
settled (gpointer data)
{
  BulletinChecker *checker = data;

  return !bulletin_checker_get_busy (checker) && bulletin_checker_get_report (checker) != NULL;
}

typedef struct
{
  BulletinChecker *checker;
  guint64          serial;
} Want;

static gboolean
settled_at (gpointer data)
{
  Want *want = data;

  return settled (want->checker) && bulletin_checker_get_report_serial (want->checker) == want->serial;
}

/* Checks @text as version @serial and waits for its report. */
static BulletinCheckReport *
check_and_wait (BulletinChecker *checker,
                GBytes          *text,
                guint64          serial,
                gint64           draft_id)
{
  Want want = { checker, serial };

  bulletin_checker_check (checker, text, serial, draft_id, NULL);
  bulletin_test_iterate_until (settled_at, &want);
  return bulletin_checker_get_report (checker);
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new_take (g_strdup (text), strlen (text));
}

static gboolean
has_key (BulletinCheckReport *report,
         const char          *key)
{
  for (guint i = 0; i < report->findings->len; i++)
    if (g_str_equal (((BulletinFinding *)report->findings->pdata[i])->key, key))
      return TRUE;
  return FALSE;
}

static void
test_report_arrives (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BulletinChecker) checker = bulletin_checker_new (f->store);
  g_autoptr(GBytes) text = bytes (TASKS);
  BulletinCheckReport *report;

  bulletin_checker_set_kinds (checker, BULLETIN_CHECK_LEFTOVERS);
  bulletin_checker_check (checker, text, 7, 0, NULL);
  g_assert_true (bulletin_checker_get_busy (checker));
  bulletin_test_iterate_until (settled, checker);

  report = bulletin_checker_get_report (checker);
  g_assert_true (g_bytes_equal (report->text, text));
  g_assert_cmpuint (bulletin_checker_get_report_serial (checker), ==, 7);
  g_assert_true (has_key (report, "leftover:open-task"));
  g_assert_true (has_key (report, "leftover:open-task#2"));
  g_assert_cmpuint (report->findings->len, ==, 2);
  g_assert_null (bulletin_checker_get_note (checker));
}

typedef struct
{
  GBytes *old_text;
  GBytes *new_text;
  guint   n_old;
  guint   n_new;
} Seen;

static void
report_cb (BulletinChecker *checker,
           GParamSpec      *pspec,
           Seen            *seen)
{
  BulletinCheckReport *report = bulletin_checker_get_report (checker);

  if (g_bytes_equal (report->text, seen->old_text))
    seen->n_old++;
  else if (g_bytes_equal (report->text, seen->new_text))
    seen->n_new++;
}

/* Typing on while a run is under way: the run for the older text is
 * overtaken and never shows, even though it may finish first. */
static void
test_newer_text_overtakes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BulletinChecker) checker = bulletin_checker_new (f->store);
  g_autoptr(GBytes) old_text = bytes (TASKS);
  g_autoptr(GBytes) new_text = bytes ("# Weekly update\n\nTODO: the figures\n");
  Seen seen = { old_text, new_text, 0, 0 };
  BulletinCheckReport *report;

  bulletin_checker_set_kinds (checker, BULLETIN_CHECK_LEFTOVERS);
  g_signal_connect (checker, "notify::report", G_CALLBACK (report_cb), &seen);
  bulletin_checker_check (checker, old_text, 1, 0, NULL);
  bulletin_checker_check (checker, new_text, 2, 0, NULL);
  bulletin_test_iterate_until (settled, checker);

  g_assert_cmpuint (seen.n_old, ==, 0);
  g_assert_cmpuint (seen.n_new, ==, 1);
  report = bulletin_checker_get_report (checker);
  g_assert_true (g_bytes_equal (report->text, new_text));
  g_assert_cmpuint (bulletin_checker_get_report_serial (checker), ==, 2);
  g_assert_false (has_key (report, "leftover:open-task"));

  /* and cancelled, the run never shows either */
  bulletin_checker_check (checker, old_text, 3, 0, NULL);
  bulletin_checker_cancel (checker);
  while (bulletin_checker_get_busy (checker))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.n_old, ==, 0);
  g_assert_cmpuint (bulletin_checker_get_report_serial (checker), ==, 2);
}

typedef struct
{
  char     *data;
  gint      freed;   /* set on whichever thread frees the text */
} Marked;

static void
marked_free_cb (gpointer data)
{
  Marked *marked = data;

  g_clear_pointer (&marked->data, g_free);
  /* The last reference may go on the worker thread, after the main
   * thread ran the task's callback and went back to waiting: without a
   * wakeup, nothing tells it (CI hung here for its 30 s, once in a run
   * on a loaded machine). */
  g_atomic_int_set (&marked->freed, TRUE);
  g_main_context_wakeup (NULL);
}

static gboolean
marked_freed (gpointer data)
{
  return g_atomic_int_get (&((Marked *)data)->freed);
}

/* Closing the window mid-run: the worker holds no reference, so the
 * checker goes at once, and the worker's end, later, touches nothing
 * freed (the ASan build would say). */
static void
test_dispose_in_flight (Fixture       *f,
                        gconstpointer  data)
{
  BulletinChecker *checker = bulletin_checker_new (f->store);
  GString *long_text = g_string_new (NULL);
  g_autoptr(GBytes) text = NULL;
  Marked marked = { NULL, FALSE };
  gsize len;

  /* long enough to still be on the worker when the checker goes */
  while (long_text->len < 2 * 1000 * 1000)
    g_string_append (long_text, TASKS "Some TODO text about the NHS and the GP, wrongg.\n\n");
  len = long_text->len;
  marked.data = g_string_free (long_text, FALSE);
  text = g_bytes_new_with_free_func (marked.data, len, marked_free_cb, &marked);
  bulletin_checker_check (checker, text, 1, 0, NULL);
  g_assert_true (bulletin_checker_get_busy (checker));
  g_clear_pointer (&text, g_bytes_unref);

  g_object_add_weak_pointer (G_OBJECT (checker), (gpointer *)&checker);
  g_object_unref (checker);
  g_assert_null (checker);

  /* the worker's end: the text goes with its task, and nothing else
   * happens (a report would need the checker, which is gone) */
  bulletin_test_iterate_until (marked_freed, &marked);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_ignored_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BulletinChecker) checker = bulletin_checker_new (f->store);
  g_autoptr(GBytes) text = bytes (TASKS);
  g_autoptr(GError) error = NULL;
  BulletinCheckReport *report;
  gint64 draft_id;

  draft_id = bulletin_store_create_draft (f->store, TASKS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bulletin_store_ignore_finding (f->store, draft_id, "leftover:open-task", &error));
  g_assert_no_error (error);

  bulletin_checker_set_kinds (checker, BULLETIN_CHECK_LEFTOVERS);
  /* the draft's own ignored findings, read from the store */
  report = check_and_wait (checker, text, 1, draft_id);
  g_assert_false (has_key (report, "leftover:open-task"));
  g_assert_true (has_key (report, "leftover:open-task#2"));
  g_assert_cmpuint (bulletin_checker_get_n_ignored (checker), ==, 1);
  /* the report counts what it left out, for the checks panel */
  g_assert_cmpuint (report->n_ignored, ==, 1);

  /* another draft (none yet) ignores nothing */
  report = check_and_wait (checker, text, 2, 0);
  g_assert_true (has_key (report, "leftover:open-task"));
  g_assert_cmpuint (bulletin_checker_get_n_ignored (checker), ==, 0);

  /* one ignored from the panel counts from the next run */
  bulletin_checker_ignore (checker, draft_id, "leftover:open-task#2");
  report = check_and_wait (checker, text, 3, draft_id);
  g_assert_false (has_key (report, "leftover:open-task"));
  g_assert_false (has_key (report, "leftover:open-task#2"));
  g_assert_cmpuint (bulletin_checker_get_n_ignored (checker), ==, 2);
  g_assert_cmpuint (report->n_ignored, ==, 2);

  /* and shown again */
  bulletin_checker_unignore_all (checker);
  report = check_and_wait (checker, text, 4, draft_id);
  g_assert_true (has_key (report, "leftover:open-task#2"));
}

static void
spell_failed_cb (BulletinChecker *checker,
                 GError          *error,
                 char           **message)
{
  g_free (*message);
  *message = g_strdup (error->message);
}

static gboolean
is_set (gpointer data)
{
  return *(char **)data != NULL;
}

/* A spelling language without a dictionary: the window says so (it
 * toasts the reason), and the other checks go on. */
static void
test_spell_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BulletinChecker) checker = bulletin_checker_new (f->store);
  g_autoptr(GBytes) text = bytes (TASKS);
  g_autofree char *message = NULL;
  BulletinCheckReport *report;

  bulletin_checker_set_kinds (checker, BULLETIN_CHECK_LEFTOVERS | BULLETIN_CHECK_SPELLING);
  bulletin_checker_set_spelling_language (checker, "zz_ZZ");
  g_signal_connect (checker, "spell-failed", G_CALLBACK (spell_failed_cb), &message);
  report = check_and_wait (checker, text, 1, 0);
  g_assert_true (has_key (report, "leftover:open-task"));

  bulletin_test_iterate_until (is_set, &message);
  g_assert_cmpstr (message, !=, "");
  g_assert_null (bulletin_checker_get_spell (checker));
  /* the run after it still reports */
  bulletin_test_iterate_until (settled, checker);
  g_assert_true (has_key (bulletin_checker_get_report (checker), "leftover:open-task"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/checker/report-arrives", Fixture, NULL, fixture_set_up, test_report_arrives, fixture_tear_down);
  g_test_add ("/checker/newer-text-overtakes", Fixture, NULL, fixture_set_up, test_newer_text_overtakes, fixture_tear_down);
  g_test_add ("/checker/dispose-in-flight", Fixture, NULL, fixture_set_up, test_dispose_in_flight, fixture_tear_down);
  g_test_add ("/checker/ignored-keys", Fixture, NULL, fixture_set_up, test_ignored_keys, fixture_tear_down);
  g_test_add ("/checker/spell-missing", Fixture, NULL, fixture_set_up, test_spell_missing, fixture_tear_down);

  return g_test_run ();
}
