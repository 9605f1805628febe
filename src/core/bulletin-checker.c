/* bulletin-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checker.h"
#include "bulletin-clock.h"
#include "bulletin-packs.h"

/* Runs the checks on a draft (issue 15): one run at a time on a worker
 * thread, the glossary and the spell checker they need, and the findings
 * the user ignored in the draft. What it holds is what the checks panel
 * and the underlines show; the window only hands it the text. */

/* about a second of checking on this project's machine (8 MB of weekly
 * updates: 0.6 s for all the checks, spelling included) */
#define SPELLING_MAX_BYTES (8 * 1000 * 1000)

struct _BulletinChecker
{
  GObject              parent_instance;

  BulletinStore       *store;
  guint                kinds;
  char                *spelling_language;
  char               **glossary_packs;

  BulletinCheckReport *report;
  guint64              report_serial;
  char                *note;
  BulletinSpell       *spell;

  /* the newest text asked for: what a run checks, and runs again when
   * the glossary or the dictionary changes */
  GBytes              *text;
  guint64              serial;
  gint64               draft_id;
  GFile               *base;

  GCancellable        *run_cancellable;
  guint                rerun_source;
  GHashTable          *glossary;         /* read once, for the worker */
  GHashTable          *ignored_keys;
  gint64               ignored_draft_id; /* the draft they belong to */
  GCancellable        *spell_cancellable;
  guint                spell_generation; /* of the newest load_spell () */

  guint                in_flight : 1;
  guint                pending : 1;
  guint                spell_requested : 1;
};

G_DEFINE_FINAL_TYPE (BulletinChecker, bulletin_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KINDS,
  PROP_SPELLING_LANGUAGE,
  PROP_GLOSSARY_PACKS,
  PROP_REPORT,
  PROP_NOTE,
  PROP_BUSY,
  PROP_SPELL,
  N_PROPS
};

enum {
  FAILED,
  SPELL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef     *checker;
  GCancellable *cancellable;
  guint64       serial;
} Run;

static void start_run  (BulletinChecker *self);
static void load_spell (BulletinChecker *self);

static GWeakRef *
weak_ref_new (BulletinChecker *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static BulletinChecker *
weak_ref_take (GWeakRef *ref)
{
  BulletinChecker *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
set_note (BulletinChecker *self,
          const char      *note)
{
  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(BulletinChecker) self = weak_ref_take (run->checker);
  g_autoptr(GCancellable) cancellable = run->cancellable;
  guint64 serial = run->serial;
  g_autoptr(BulletinCheckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean current, delivered = FALSE;

  g_free (run);
  report = bulletin_check_report_new_finish (result, &error);
  /* disposed: the run was cancelled, and nobody is waiting for it */
  if (self == NULL)
    return;

  self->in_flight = FALSE;
  /* a run for text that has moved on, or was cancelled, never shows: its
   * offsets would be wrong */
  current = self->text != NULL && serial == self->serial && !g_cancellable_is_cancelled (cancellable);
  if (current && report != NULL)
    {
      g_clear_pointer (&self->report, bulletin_check_report_unref);
      self->report = g_steal_pointer (&report);
      self->report_serial = serial;
      /* what the report left out, counted with it */
      self->report->n_ignored = bulletin_checker_get_n_ignored (self);
      delivered = TRUE;
    }

  if (self->pending && self->text != NULL)
    start_run (self);

  if (delivered)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  else if (current && error != NULL)
    g_signal_emit (self, signals[FAILED], 0, error);

  if (!self->in_flight)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The ignored findings belong to the draft, which may change under the
 * checker (a draft opened from the list, a first autosave). */
static void
sync_ignored_keys (BulletinChecker *self,
                   gint64           draft_id)
{
  g_autoptr(GError) error = NULL;

  if (self->ignored_keys != NULL && self->ignored_draft_id == draft_id)
    return;

  g_clear_pointer (&self->ignored_keys, g_hash_table_unref);
  self->ignored_draft_id = draft_id;
  if (self->store != NULL && draft_id != 0)
    self->ignored_keys = bulletin_store_list_ignored_findings (self->store, draft_id, &error);
  if (error != NULL)
    g_warning ("Could not read the findings ignored in this draft: %s", error->message);
  if (self->ignored_keys == NULL)
    self->ignored_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
ensure_glossary (BulletinChecker *self)
{
  g_autoptr(GPtrArray) packs = NULL;

  if (self->glossary != NULL)
    return;

  /* the office's own glossary, then what the enabled packs add to it */
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->glossary = bulletin_check_report_load_glossary (self->store, &error);
      if (error != NULL)
        g_warning ("Could not read the glossary: %s", error->message);
    }
  if (self->glossary == NULL)
    self->glossary = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)bulletin_glossary_entry_free);
  packs = bulletin_packs_list ();
  bulletin_packs_add_to_glossary (self->glossary, packs, (const char * const *)self->glossary_packs);
}

static void
start_run (BulletinChecker *self)
{
  BulletinCheckOptions opts = { 0 };
  g_autoptr(GDateTime) now = bulletin_clock_now_local ();
  g_autoptr(GDate) today = NULL;
  Run *run;

  g_assert (self->text != NULL);
  g_assert (!self->in_flight);

  self->pending = FALSE;
  /* the first run with spelling on starts the dictionary loading, and
   * the run after it adds spelling; with it off, no dictionary is read */
  if (!self->spell_requested && (self->kinds & BULLETIN_CHECK_SPELLING))
    {
      self->spell_requested = TRUE;
      load_spell (self);
    }
  ensure_glossary (self);
  sync_ignored_keys (self, self->draft_id);

  today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                          g_date_time_get_month (now),
                          g_date_time_get_year (now));
  opts.kinds = self->kinds;
  opts.today = today;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = self->glossary;
  opts.ignored_keys = self->ignored_keys;
  opts.spell = self->spell;
  /* images beside the draft's file: missing, unreadable or too large */
  opts.base = self->base;
  /* and those pasted into a draft without a file, kept in the database */
  if (self->store != NULL)
    {
      opts.resolve_image = bulletin_store_image_resolve;
      opts.resolve_data = self->store;
    }

  /* Spelling is the slow check (enchant, word by word): past a size no
   * weekly update reaches, it would keep a core busy for seconds after
   * every pause in typing, so it waits until the draft is shorter, and
   * the panel says so. */
  if ((opts.kinds & BULLETIN_CHECK_SPELLING) && g_bytes_get_size (self->text) > SPELLING_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (SPELLING_MAX_BYTES);
      g_autofree char *note = NULL;

      /* TRANSLATORS: %s is a size such as "4.2 MB" */
      note = g_strdup_printf (_("Spelling is paused while the draft is over %s, so that typing stays quick. The other checks still run."),
                              limit);
      set_note (self, note);
      opts.kinds &= ~BULLETIN_CHECK_SPELLING;
      opts.spell = NULL;
    }
  else
    set_note (self, NULL);

  /* no kinds at all means every kind to the core; spelling without a
   * speller is the way to ask for none, and still get the statistics */
  if (opts.kinds == 0)
    {
      opts.kinds = BULLETIN_CHECK_SPELLING;
      opts.spell = NULL;
    }

  /* its own cancellable: newer text cancels the run it overtakes */
  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();

  run = g_new0 (Run, 1);
  run->checker = weak_ref_new (self);
  run->cancellable = g_object_ref (self->run_cancellable);
  run->serial = self->serial;
  /* the callers say when this makes it busy: after a run, it stays so */
  self->in_flight = TRUE;
  bulletin_check_report_new_async (self->text, &opts, self->run_cancellable, run_done_cb, run);
}

/* The text is the same, what it is checked against changed. */
static gboolean
rerun_cb (gpointer user_data)
{
  BulletinChecker *self = user_data;

  self->rerun_source = 0;
  if (self->text == NULL)
    return G_SOURCE_REMOVE;

  /* one run at a time: on a long draft a second would only compete with
   * the first for the same core */
  if (self->in_flight)
    {
      self->pending = TRUE;
      return G_SOURCE_REMOVE;
    }
  start_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return G_SOURCE_REMOVE;
}

static void
rerun_soon (BulletinChecker *self)
{
  /* several changes at once (a pack: its abbreviations and its words)
   * make one run */
  if (self->rerun_source == 0)
    self->rerun_source = g_timeout_add (0, rerun_cb, self);
}

/* ----- the spell checker ----- */

/* what a dictionary load on a worker thread needs, copied when it
 * starts: the checker's settings may change meanwhile */
typedef struct
{
  guint          generation;
  char          *language;
  char         **packs;
  BulletinStore *store;
} SpellJob;

static void
spell_job_free (SpellJob *job)
{
  g_free (job->language);
  g_strfreev (job->packs);
  g_clear_object (&job->store);
  g_free (job);
}

static void
spell_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BulletinChecker) self = weak_ref_take (user_data);
  g_autoptr(BulletinSpell) spell = NULL;
  g_autoptr(GError) error = NULL;

  spell = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    return;
  /* two loads at once (a pack switched off and on again): only the
   * newest one's words count, whichever thread ends last */
  if (((SpellJob *)g_task_get_task_data (G_TASK (result)))->generation != self->spell_generation)
    return;

  if (spell == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->spell);
      g_signal_emit (self, signals[SPELL_FAILED], 0, error);
    }
  else
    g_set_object (&self->spell, spell);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPELL]);
  rerun_soon (self);
}

static void
load_spell_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SpellJob *job = task_data;
  BulletinStore *store = job->store;
  const char *language = job->language;
  g_autoptr(BulletinSpell) spell = NULL;
  g_autoptr(GError) error = NULL;

  /* loading a Hunspell dictionary takes a good part of a second */
  spell = bulletin_spell_new (language, &error);
  if (spell == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* the enabled packs' words, such as "wellbeing" (issue 16) */
  {
    g_autoptr(GPtrArray) packs = bulletin_packs_list ();
    g_auto(GStrv) words = bulletin_packs_words (packs, (const char * const *)job->packs);

    bulletin_spell_add_words (spell, (const char * const *)words);
  }

  if (store != NULL)
    {
      g_auto(GStrv) words = bulletin_store_dictionary_list (store, NULL);

      if (words != NULL)
        bulletin_spell_add_words (spell, (const char * const *)words);
    }

  g_task_return_pointer (task, g_steal_pointer (&spell), g_object_unref);
}

static void
load_spell (BulletinChecker *self)
{
  g_autoptr(GTask) task = NULL;

  SpellJob *job;

  job = g_new0 (SpellJob, 1);
  job->generation = ++self->spell_generation;
  job->language = g_strdup (self->spelling_language != NULL ? self->spelling_language
                                                            : BULLETIN_SPELL_DEFAULT_LANGUAGE);
  job->packs = g_strdupv (self->glossary_packs);
  job->store = self->store != NULL ? g_object_ref (self->store) : NULL;

  task = g_task_new (NULL, self->spell_cancellable, spell_loaded_cb, weak_ref_new (self));
  g_task_set_task_data (task, job, (GDestroyNotify)spell_job_free);
  g_task_run_in_thread (task, load_spell_thread);
}

/* ----- the store's glossary and dictionary ----- */

static void
glossary_changed_cb (BulletinChecker *self)
{
  g_clear_pointer (&self->glossary, g_hash_table_unref);
  rerun_soon (self);
}

static void
dictionary_changed_cb (BulletinChecker *self,
                       const char      *word,
                       gboolean         added)
{
  /* enchant cannot forget a session word: a removal needs a new checker */
  if (added && self->spell != NULL)
    {
      bulletin_spell_add_word (self->spell, word);
      rerun_soon (self);
    }
  else if (self->spell_requested)
    load_spell (self);
}

/* ----- GObject ----- */

static void
bulletin_checker_dispose (GObject *object)
{
  BulletinChecker *self = BULLETIN_CHECKER (object);

  /* the workers hold weak references only: cancelled, their results go
   * nowhere */
  g_clear_handle_id (&self->rerun_source, g_source_remove);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_cancellable_cancel (self->spell_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bulletin_checker_parent_class)->dispose (object);
}

static void
bulletin_checker_finalize (GObject *object)
{
  BulletinChecker *self = BULLETIN_CHECKER (object);

  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->spell_cancellable);
  g_clear_pointer (&self->report, bulletin_check_report_unref);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_object (&self->base);
  g_clear_pointer (&self->glossary, g_hash_table_unref);
  g_clear_pointer (&self->ignored_keys, g_hash_table_unref);
  g_clear_object (&self->spell);
  g_free (self->note);
  g_free (self->spelling_language);
  g_strfreev (self->glossary_packs);

  G_OBJECT_CLASS (bulletin_checker_parent_class)->finalize (object);
}

static void
bulletin_checker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BulletinChecker *self = BULLETIN_CHECKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KINDS:
      g_value_set_uint (value, self->kinds);
      break;
    case PROP_SPELLING_LANGUAGE:
      g_value_set_string (value, self->spelling_language);
      break;
    case PROP_GLOSSARY_PACKS:
      g_value_set_boxed (value, self->glossary_packs);
      break;
    case PROP_REPORT:
      g_value_set_boxed (value, self->report);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->in_flight);
      break;
    case PROP_SPELL:
      g_value_set_object (value, self->spell);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_checker_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BulletinChecker *self = BULLETIN_CHECKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      bulletin_checker_set_store (self, g_value_get_object (value));
      break;
    case PROP_KINDS:
      bulletin_checker_set_kinds (self, g_value_get_uint (value));
      break;
    case PROP_SPELLING_LANGUAGE:
      bulletin_checker_set_spelling_language (self, g_value_get_string (value));
      break;
    case PROP_GLOSSARY_PACKS:
      bulletin_checker_set_glossary_packs (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_checker_class_init (BulletinCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bulletin_checker_dispose;
  object_class->finalize = bulletin_checker_finalize;
  object_class->get_property = bulletin_checker_get_property;
  object_class->set_property = bulletin_checker_set_property;

  /* the window learns its store only once it is in the application, so
   * it may come after construction */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BULLETIN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KINDS] =
    g_param_spec_uint ("kinds", NULL, NULL, 0, BULLETIN_CHECK_ALL, BULLETIN_CHECK_ALL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPELLING_LANGUAGE] =
    g_param_spec_string ("spelling-language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_GLOSSARY_PACKS] =
    g_param_spec_boxed ("glossary-packs", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REPORT] =
    g_param_spec_boxed ("report", NULL, NULL, BULLETIN_TYPE_CHECK_REPORT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPELL] =
    g_param_spec_object ("spell", NULL, NULL, BULLETIN_TYPE_SPELL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BulletinChecker::failed:
   * @error: why
   *
   * A run for the newest text ended without a report.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * BulletinChecker::spell-failed:
   * @error: the spell checker's reason
   *
   * The dictionary could not be loaded: spelling is not checked.
   */
  signals[SPELL_FAILED] =
    g_signal_new ("spell-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bulletin_checker_init (BulletinChecker *self)
{
  self->kinds = BULLETIN_CHECK_ALL;
  self->glossary_packs = g_new0 (char *, 1);
  self->spell_cancellable = g_cancellable_new ();
}

/* ----- public ----- */

/**
 * bulletin_checker_new:
 * @store: (nullable): where the glossary, the dictionary and the ignored
 *   findings are kept
 *
 * Returns: (transfer full): a new #BulletinChecker
 */
BulletinChecker *
bulletin_checker_new (BulletinStore *store)
{
  g_return_val_if_fail (store == NULL || BULLETIN_IS_STORE (store), NULL);

  return g_object_new (BULLETIN_TYPE_CHECKER, "store", store, NULL);
}

/**
 * bulletin_checker_set_store:
 * @self: a #BulletinChecker
 * @store: (nullable): a #BulletinStore
 *
 * Reads the glossary, the dictionary and the ignored findings from @store
 * from the next run on, and follows its changes.
 */
void
bulletin_checker_set_store (BulletinChecker *self,
                            BulletinStore   *store)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));
  g_return_if_fail (store == NULL || BULLETIN_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "glossary-changed",
                               G_CALLBACK (glossary_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "dictionary-changed",
                               G_CALLBACK (dictionary_changed_cb), self, G_CONNECT_SWAPPED);
    }
  /* what was read from the old one */
  g_clear_pointer (&self->glossary, g_hash_table_unref);
  g_clear_pointer (&self->ignored_keys, g_hash_table_unref);
  if (self->spell_requested)
    load_spell (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * bulletin_checker_check:
 * @self: a #BulletinChecker
 * @text: the draft, NUL-terminated beyond its length (as from
 *   g_bytes_new_take() of a string)
 * @serial: which version of the draft @text is; the report carries it
 * @draft_id: the draft in the store, whose ignored findings count, or 0
 * @base: (nullable): the draft's folder, for its images
 *
 * Checks @text on a worker thread; #BulletinChecker:report changes when
 * it is done. A run under way for older text is cancelled, and its
 * report never shows: one run at a time, for the newest text.
 */
void
bulletin_checker_check (BulletinChecker *self,
                        GBytes          *text,
                        guint64          serial,
                        gint64           draft_id,
                        GFile           *base)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (base == NULL || G_IS_FILE (base));

  g_clear_handle_id (&self->rerun_source, g_source_remove);
  g_bytes_ref (text);
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = text;
  self->serial = serial;
  self->draft_id = draft_id;
  g_set_object (&self->base, base);

  if (self->in_flight)
    {
      /* it checks text that is no longer there */
      g_cancellable_cancel (self->run_cancellable);
      self->pending = TRUE;
      return;
    }
  start_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * bulletin_checker_cancel:
 * @self: a #BulletinChecker
 *
 * Stops the run under way, whose report will not show, and forgets the
 * text: nothing runs again until the next bulletin_checker_check().
 */
void
bulletin_checker_cancel (BulletinChecker *self)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));

  g_clear_handle_id (&self->rerun_source, g_source_remove);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  self->pending = FALSE;
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_object (&self->base);
}

/**
 * bulletin_checker_get_report:
 * @self: a #BulletinChecker
 *
 * Returns: (transfer none) (nullable): the newest report
 */
BulletinCheckReport *
bulletin_checker_get_report (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), NULL);

  return self->report;
}

/**
 * bulletin_checker_get_report_serial:
 * @self: a #BulletinChecker
 *
 * Returns: the serial given with the text of the newest report
 */
guint64
bulletin_checker_get_report_serial (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), 0);

  return self->report_serial;
}

/**
 * bulletin_checker_get_note:
 * @self: a #BulletinChecker
 *
 * Returns: (nullable): what the checks panel should say about the last
 *   run, such as spelling being paused on a very long draft
 */
const char *
bulletin_checker_get_note (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), NULL);

  return self->note;
}

/**
 * bulletin_checker_get_busy:
 * @self: a #BulletinChecker
 *
 * Returns: %TRUE while a run is on the worker thread
 */
gboolean
bulletin_checker_get_busy (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), FALSE);

  return self->in_flight;
}

/**
 * bulletin_checker_get_spell:
 * @self: a #BulletinChecker
 *
 * Returns: (transfer none) (nullable): the spell checker, once loaded
 */
BulletinSpell *
bulletin_checker_get_spell (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), NULL);

  return self->spell;
}

guint
bulletin_checker_get_kinds (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), 0);

  return self->kinds;
}

/**
 * bulletin_checker_set_kinds:
 * @self: a #BulletinChecker
 * @kinds: the #BulletinCheckKinds to run; none still gives the statistics
 */
void
bulletin_checker_set_kinds (BulletinChecker *self,
                            guint            kinds)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));

  kinds &= BULLETIN_CHECK_ALL;
  if (self->kinds == kinds)
    return;

  self->kinds = kinds;
  rerun_soon (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KINDS]);
}

/**
 * bulletin_checker_set_spelling_language:
 * @self: a #BulletinChecker
 * @language: (nullable): a language tag such as "en_GB"; %NULL for
 *   %BULLETIN_SPELL_DEFAULT_LANGUAGE
 */
void
bulletin_checker_set_spelling_language (BulletinChecker *self,
                                        const char      *language)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));

  if (g_strcmp0 (self->spelling_language, language) == 0)
    return;

  g_free (self->spelling_language);
  self->spelling_language = g_strdup (language);
  /* before the first run, the first run loads it */
  if (self->spell_requested)
    load_spell (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPELLING_LANGUAGE]);
}

/**
 * bulletin_checker_set_glossary_packs:
 * @self: a #BulletinChecker
 * @packs: (nullable) (array zero-terminated=1): the enabled glossary
 *   packs, whose abbreviations and words count
 */
void
bulletin_checker_set_glossary_packs (BulletinChecker    *self,
                                     const char * const *packs)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (BULLETIN_IS_CHECKER (self));

  if (packs == NULL)
    packs = none;
  if (g_strv_equal ((const char * const *)self->glossary_packs, packs))
    return;

  g_strfreev (self->glossary_packs);
  self->glossary_packs = g_strdupv ((char **)packs);
  g_clear_pointer (&self->glossary, g_hash_table_unref);
  if (self->spell_requested)
    load_spell (self);
  rerun_soon (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GLOSSARY_PACKS]);
}

/**
 * bulletin_checker_get_n_ignored:
 * @self: a #BulletinChecker
 *
 * Returns: how many findings the user ignored in the draft last checked
 */
guint
bulletin_checker_get_n_ignored (BulletinChecker *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKER (self), 0);

  return self->ignored_keys != NULL ? g_hash_table_size (self->ignored_keys) : 0;
}

/**
 * bulletin_checker_ignore:
 * @self: a #BulletinChecker
 * @draft_id: the draft @key was ignored in (the store has it already)
 * @key: a finding's key
 *
 * Leaves @key out of the next run's report; the caller checks again.
 */
void
bulletin_checker_ignore (BulletinChecker *self,
                         gint64           draft_id,
                         const char      *key)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));
  g_return_if_fail (key != NULL);

  sync_ignored_keys (self, draft_id);
  g_hash_table_add (self->ignored_keys, g_strdup (key));
}

/**
 * bulletin_checker_unignore_all:
 * @self: a #BulletinChecker
 *
 * Shows every ignored finding again from the next run (the caller has
 * cleared them in the store); the caller checks again.
 */
void
bulletin_checker_unignore_all (BulletinChecker *self)
{
  g_return_if_fail (BULLETIN_IS_CHECKER (self));

  if (self->ignored_keys != NULL)
    g_hash_table_remove_all (self->ignored_keys);
}
