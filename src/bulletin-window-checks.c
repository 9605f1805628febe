/* bulletin-window-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-check-report.h"
#include "bulletin-glossary-dialog.h"
#include "bulletin-checker.h"
#include "bulletin-settings.h"
#include "bulletin-window-private.h"
#include "bulletin-window-states.h"

/* The window's side of the checks: handing the text to its
 * BulletinChecker once typing pauses, underlining what it finds, the
 * checks panel, and the fixes offered in the panel and in the editor's
 * menu. */

/* A pause this long in typing runs the checks: shorter flags words
 * while they are still being typed. */
#define CHECK_DELAY_MS 400

/* Suggestions in the editor's menu. */
#define MAX_SPELL_SUGGESTIONS 5

static const struct {
  const char *key;
  BulletinCheckKinds kinds;
} check_settings[] = {
  { "check-acronyms", BULLETIN_CHECK_ACRONYMS },
  { "check-links", BULLETIN_CHECK_LINKS },
  { "check-leftovers", BULLETIN_CHECK_LEFTOVERS },
  { "check-structure", BULLETIN_CHECK_STRUCTURE },
  { "check-dates", BULLETIN_CHECK_DATES },
  { "check-spelling", BULLETIN_CHECK_SPELLING },
};

static void run_checks_soon (BulletinWindow *self,
                             guint           delay_ms);

static BulletinCheckKinds
enabled_kinds (BulletinWindow *self)
{
  BulletinCheckKinds kinds = 0;

  for (guint i = 0; i < G_N_ELEMENTS (check_settings); i++)
    if (g_settings_get_boolean (self->settings, check_settings[i].key))
      kinds |= check_settings[i].kinds;

  return kinds;
}

static void
create_tags (BulletinWindow *self)
{
  /* a colour and a line style per kind, so two findings on one word can
   * still be told apart; red squiggles stay reserved for spelling as in
   * every other editor */
  static const struct {
    const char    *color;
    PangoUnderline underline;
  } styles[BULLETIN_FINDING_N_KINDS] = {
    [BULLETIN_FINDING_ACRONYM]   = { "#1c71d8", PANGO_UNDERLINE_SINGLE },
    [BULLETIN_FINDING_LINK]      = { "#9141ac", PANGO_UNDERLINE_DOUBLE },
    [BULLETIN_FINDING_LEFTOVER]  = { "#e66100", PANGO_UNDERLINE_ERROR },
    [BULLETIN_FINDING_STRUCTURE] = { "#986a44", PANGO_UNDERLINE_SINGLE },
    [BULLETIN_FINDING_DATE]      = { "#c64600", PANGO_UNDERLINE_DOUBLE },
    [BULLETIN_FINDING_SPELLING]  = { "#e01b24", PANGO_UNDERLINE_ERROR },
  };
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer));

  for (guint k = 0; k < BULLETIN_FINDING_N_KINDS; k++)
    {
      g_autofree char *name = g_strdup_printf ("check-%s", bulletin_finding_kind_to_string (k));
      GdkRGBA rgba;

      gdk_rgba_parse (&rgba, styles[k].color);
      self->check_tags[k] = gtk_text_tag_new (name);
      g_object_set (self->check_tags[k],
                    "underline", styles[k].underline,
                    "underline-rgba", &rgba,
                    NULL);
      gtk_text_tag_table_add (table, self->check_tags[k]);
      g_object_unref (self->check_tags[k]);
    }
}

static void
span_range (BulletinWindow          *self,
            const BulletinCheckSpan *span,
            GtkTextIter             *start,
            GtkTextIter             *end)
{
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), start, span->start);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->buffer), end, span->end);
}

static void
underline_findings (BulletinWindow      *self,
                    BulletinCheckReport *report)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint k = 0; k < BULLETIN_FINDING_N_KINDS; k++)
    gtk_text_buffer_remove_tag (buffer, self->check_tags[k], &start, &end);

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *f = report->findings->pdata[i];
      const BulletinCheckSpan *span = &g_array_index (report->spans, BulletinCheckSpan, i);

      if (span->end <= span->start)
        continue;
      span_range (self, span, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->check_tags[f->kind], &start, &end);
    }
}

static void
update_checks_button (BulletinWindow *self)
{
  guint n = self->check_report != NULL ? self->check_report->findings->len : 0;
  g_autofree char *count = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
  g_autofree char *tooltip = NULL;

  if (n == 0)
    tooltip = g_strdup (_("Checks: nothing to fix (Shift+Ctrl+J)"));
  else
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Checks: %u finding (Shift+Ctrl+J)",
                                            "Checks: %u findings (Shift+Ctrl+J)", n), n);

  adw_button_content_set_label (self->checks_button_content, count);
  adw_view_stack_page_set_badge_number (self->checks_page, n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->checks_button), tooltip);
  /* named once from the first tooltip, it would say "nothing to fix" */
  bulletin_accessibility_name_button (GTK_WIDGET (self->checks_button));
}

static void decide_pending_send (BulletinWindow *self);

/* The findings' actions need a finding, and a fix needs the report of
 * the text as it is now (its offsets say what to replace). */
static void
sync_finding_states (BulletinWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BulletinCheckReport *report = self->check_report;
  gboolean any = report != NULL && report->findings->len > 0;
  gboolean current = any && self->check_serial_applied == bulletin_document_get_change_serial (self->document);

  gtk_widget_action_set_enabled (widget, "win.go-to-finding", any);
  gtk_widget_action_set_enabled (widget, "win.go-to-finding-at", any);
  gtk_widget_action_set_enabled (widget, "win.ignore-finding", any);
  gtk_widget_action_set_enabled (widget, "win.add-to-glossary", any);
  gtk_widget_action_set_enabled (widget, "win.add-to-dictionary", any);
  gtk_widget_action_set_enabled (widget, "win.apply-suggestion", current);
  gtk_widget_action_set_enabled (widget, "win.show-longest-sentence",
                                 report != NULL && report->stats.longest_sentence_line != 0);
  gtk_widget_action_set_enabled (widget, "win.unignore-findings",
                                 self->checker != NULL && bulletin_checker_get_n_ignored (self->checker) > 0);
}

void
bulletin_window_init_finding_states (BulletinWindow *self)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  /* typing makes the report's offsets stale until the next one */
  g_signal_connect_object (self->buffer, "changed",
                           G_CALLBACK (sync_finding_states), self, G_CONNECT_SWAPPED);
  sync_finding_states (self);
}

/* The checker has a report: shown if it is of the text as it is now. */
static void
checker_report_cb (BulletinWindow *self)
{
  BulletinCheckReport *report = bulletin_checker_get_report (self->checker);
  gint64 started;

  /* the text moved on: its offsets would be wrong, and the newer text
   * gets its own run */
  if (report == NULL || self->buffer == NULL || self->checks_panel == NULL ||
      bulletin_checker_get_report_serial (self->checker) != bulletin_document_get_change_serial (self->document))
    return;

  started = g_get_monotonic_time ();
  g_clear_pointer (&self->check_report, bulletin_check_report_unref);
  self->check_report = bulletin_check_report_ref (report);
  self->check_serial_applied = bulletin_document_get_change_serial (self->document);
  underline_findings (self, self->check_report);
  /* the panel follows the report through its binding */
  update_checks_button (self);
  sync_finding_states (self);
  g_debug ("Checks: %u findings shown in %.1f ms on the UI thread",
           self->check_report->findings->len, (g_get_monotonic_time () - started) / 1000.0);

  decide_pending_send (self);
}

/* The checks panel shows the checker's report only while it is of the
 * text as it is now, as the underlines do: an older one keeps showing
 * until then. */
static gboolean
report_for_panel_cb (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  BulletinWindow *self = user_data;
  BulletinCheckReport *report = g_value_get_boxed (from);

  if (report == NULL || self->checker == NULL ||
      bulletin_checker_get_report_serial (self->checker) != bulletin_document_get_change_serial (self->document))
    return FALSE;

  g_value_set_boxed (to, report);
  return TRUE;
}

/* A run ended without a report of the text as it is now (overtaken by
 * typing): a send waiting for one asks for it. */
static void
checker_busy_cb (BulletinWindow *self)
{
  if (bulletin_checker_get_busy (self->checker) || self->buffer == NULL)
    return;

  if (self->safe_mode)
    decide_pending_send (self);
  else if (bulletin_window_get_check_report (self) == NULL &&
           self->pending_send != NULL)
    run_checks_soon (self, 0);
}

/* the checks failed: the send does not wait for ever */
static void
checker_failed_cb (BulletinWindow *self,
                   GError         *error)
{
  g_debug ("The checks failed: %s", error->message);
  decide_pending_send (self);
}

static void
checker_spell_failed_cb (BulletinWindow *self,
                         GError         *error)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: the reason comes from the spell checker */
  message = g_strdup_printf (_("Spelling is not checked: %s"), error->message);
  bulletin_window_add_toast (self, message);
}

static gboolean
run_checks_cb (gpointer user_data)
{
  BulletinWindow *self = user_data;
  BulletinStore *store = bulletin_window_get_store (self, NULL);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GFile) base = NULL;
  char *copy;

  self->check_source = 0;

  /* the draft may be what crashed Bulletin (see bulletin_window_set_safe_mode()) */
  if (self->safe_mode)
    return G_SOURCE_REMOVE;

  /* The store is known only once the window is in its application (or a
   * test gave it one), which is after init. */
  if (store != NULL)
    bulletin_checker_set_store (self->checker, store);
  /* images beside the draft's file: missing, unreadable or too large */
  if (bulletin_window_get_file (self) != NULL)
    base = g_file_get_parent (bulletin_window_get_file (self));

  /* the one copy of the text: the worker and then the report keep it */
  copy = bulletin_window_dup_text (self);
  text = g_bytes_new_take (copy, strlen (copy));
  bulletin_checker_check (self->checker, text, bulletin_document_get_change_serial (self->document), bulletin_window_get_draft_id (self), base);

  return G_SOURCE_REMOVE;
}

static void
run_checks_soon (BulletinWindow *self,
                 guint           delay_ms)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (delay_ms, run_checks_cb, self);
}

/**
 * bulletin_window_schedule_checks:
 * @self: a #BulletinWindow
 *
 * Checks the draft again once typing pauses.
 */
void
bulletin_window_schedule_checks (BulletinWindow *self)
{
  g_return_if_fail (BULLETIN_IS_WINDOW (self));

  /* the run under way checks text that is no longer there: stop it, and
   * check the new text once typing pauses */
  bulletin_checker_cancel (self->checker);
  run_checks_soon (self, CHECK_DELAY_MS);
}

/* ----- the settings the checker follows ----- */

static void
check_setting_changed_cb (BulletinWindow *self)
{
  bulletin_checker_set_kinds (self->checker, enabled_kinds (self));
}

static void
spelling_language_changed_cb (BulletinWindow *self)
{
  g_autofree char *language = bulletin_spell_choose_language (self->settings);

  bulletin_checker_set_spelling_language (self->checker, language);
}

/* ----- acting on findings ----- */

static int
find_finding (BulletinWindow *self,
              const char     *key)
{
  if (self->check_report == NULL)
    return -1;

  for (guint i = 0; i < self->check_report->findings->len; i++)
    {
      const BulletinFinding *f = self->check_report->findings->pdata[i];

      if (g_str_equal (f->key, key))
        return i;
    }

  return -1;
}

static gboolean
finding_range (BulletinWindow *self,
               int             index,
               GtkTextIter    *start,
               GtkTextIter    *end)
{
  if (index < 0)
    return FALSE;

  span_range (self, &g_array_index (self->check_report->spans, BulletinCheckSpan, index), start, end);
  return TRUE;
}

static void
show_range (BulletinWindow *self,
            GtkTextIter    *start,
            GtkTextIter    *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  /* the cursor goes to the start, with the problem selected so it shows */
  gtk_text_buffer_select_range (buffer, start, end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                gtk_text_buffer_get_insert (buffer), 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
go_to_finding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkTextIter start, end;

  if (finding_range (self, find_finding (self, g_variant_get_string (param, NULL)), &start, &end))
    show_range (self, &start, &end);
}

/* A misspelt word's findings share one key, so the checks panel names
 * the row it was at too: the finding there, while it has that key. */
static void
go_to_finding_at_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  const char *key;
  guint index;
  int found;
  GtkTextIter start, end;

  g_variant_get (param, "(&su)", &key, &index);
  if (self->check_report != NULL && index < self->check_report->findings->len &&
      g_str_equal (((BulletinFinding *)self->check_report->findings->pdata[index])->key, key))
    found = index;
  else
    found = find_finding (self, key);
  if (finding_range (self, found, &start, &end))
    show_range (self, &start, &end);
}

static void
show_longest_sentence_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkTextIter start, end;

  if (self->check_report == NULL || self->check_report->stats.longest_sentence_line == 0)
    return;

  span_range (self, &self->check_report->longest_sentence, &start, &end);
  show_range (self, &start, &end);
}

static void
replace_range (BulletinWindow *self,
               GtkTextIter    *start,
               GtkTextIter    *end,
               const char     *replacement)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, start, end);
  gtk_text_buffer_insert (buffer, start, replacement, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, start);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
apply_suggestion_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  const char *key, *replacement;
  GtkTextIter start, end;
  int index;

  g_variant_get (param, "(&s&s)", &key, &replacement);

  /* the offsets are only good for the text that was checked */
  index = find_finding (self, key);
  if (index < 0 || self->check_serial_applied != bulletin_document_get_change_serial (self->document))
    {
      bulletin_window_add_toast (self, _("The draft changed since it was checked: try again in a moment"));
      run_checks_soon (self, 0);
      return;
    }

  finding_range (self, index, &start, &end);
  replace_range (self, &start, &end, replacement);
}

static void
ignore_finding_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  const char *key = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  BulletinStore *store;

  /* ignoring is remembered with the draft, so it needs one */
  if (!bulletin_window_flush (self, &error) || bulletin_window_get_draft_id (self) == 0 ||
      (store = bulletin_window_get_store (self, &error)) == NULL ||
      !bulletin_store_ignore_finding (store, bulletin_window_get_draft_id (self), key, &error))
    {
      g_autofree char *body = error != NULL ? bulletin_store_describe_error (error)
                                            : g_strdup (_("The draft has not been saved yet."));

      bulletin_window_show_error (self, _("The Finding Could Not Be Ignored"), body);
      return;
    }

  bulletin_checker_set_store (self->checker, store);
  bulletin_checker_ignore (self->checker, bulletin_window_get_draft_id (self), key);
  run_checks_soon (self, 0);
}

static void
unignore_findings_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_window_get_store (self, NULL);

  if (store != NULL && bulletin_window_get_draft_id (self) != 0 &&
      !bulletin_store_unignore_findings (store, bulletin_window_get_draft_id (self), &error))
    {
      g_autofree char *body = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("Ignored Findings Could Not Be Shown Again"), body);
      return;
    }

  bulletin_checker_unignore_all (self->checker);
  run_checks_soon (self, 0);
}

static char *
dup_finding_text (BulletinWindow *self,
                  const char     *key)
{
  int index = find_finding (self, key);

  return index >= 0 ? bulletin_check_report_dup_range (self->check_report, index) : NULL;
}

static void
add_to_glossary_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autofree char *acronym = dup_finding_text (self, g_variant_get_string (param, NULL));
  g_autoptr(GError) error = NULL;
  BulletinStore *store = bulletin_window_get_store (self, &error);

  if (store == NULL)
    {
      g_autofree char *body = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("The Glossary Could Not Be Opened"), body);
      return;
    }

  gtk_window_present (GTK_WINDOW (bulletin_glossary_dialog_new (GTK_WINDOW (self), store,
                                                                acronym, NULL, FALSE)));
}

static void
add_word (BulletinWindow *self,
          const char     *word)
{
  g_autoptr(GError) error = NULL;
  BulletinStore *store;

  if (word == NULL)
    return;

  store = bulletin_window_get_store (self, &error);
  if (store == NULL || !bulletin_store_dictionary_add (store, word, &error))
    {
      g_autofree char *body = bulletin_store_describe_error (error);

      bulletin_window_show_error (self, _("The Word Could Not Be Added to the Dictionary"), body);
    }
}

static void
add_to_dictionary_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autofree char *word = dup_finding_text (self, g_variant_get_string (param, NULL));

  add_word (self, word);
}

static void
toggle_checks_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);

  gtk_toggle_button_set_active (self->checks_button,
                                !gtk_toggle_button_get_active (self->checks_button));
}

/* ----- the editor's menu on a misspelled word ----- */

/**
 * bulletin_window_update_spell_menu:
 * @self: a #BulletinWindow
 * @iter: where the menu was asked for
 *
 * Fills the editor menu's spelling section for the word at @iter, or
 * empties it if that word is not underlined as misspelled.
 *
 * Returns: whether @iter is on a misspelled word
 */
gboolean
bulletin_window_update_spell_menu (BulletinWindow    *self,
                                   const GtkTextIter *iter)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter start, end;
  g_autofree char *word = NULL;
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *add_label = NULL;
  g_autoptr(GMenuItem) add = NULL;

  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (iter != NULL, FALSE);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  tag = self->check_tags[BULLETIN_FINDING_SPELLING];
  g_menu_remove_all (self->spell_section);

  start = end = *iter;
  if (!gtk_text_iter_has_tag (&start, tag))
    {
      /* just after the word's last letter still counts */
      if (!gtk_text_iter_backward_char (&start) || !gtk_text_iter_has_tag (&start, tag))
        return FALSE;
      end = start;
    }
  if (!gtk_text_iter_starts_tag (&start, tag))
    gtk_text_iter_backward_to_tag_toggle (&start, tag);
  gtk_text_iter_forward_to_tag_toggle (&end, tag);

  if (self->spell_start == NULL)
    {
      self->spell_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      self->spell_end = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
    }
  else
    {
      gtk_text_buffer_move_mark (buffer, self->spell_start, &start);
      gtk_text_buffer_move_mark (buffer, self->spell_end, &end);
    }

  word = gtk_text_iter_get_slice (&start, &end);
  if (bulletin_checker_get_spell (self->checker) != NULL)
    suggestions = bulletin_spell_suggest (bulletin_checker_get_spell (self->checker), word, -1);

  for (guint i = 0; suggestions != NULL && suggestions[i] != NULL && i < MAX_SPELL_SUGGESTIONS; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target (item, "win.spell-replace", "s", suggestions[i]);
      g_menu_append_item (self->spell_section, item);
    }
  if (suggestions == NULL || suggestions[0] == NULL)
    {
      g_autoptr(GMenuItem) none = g_menu_item_new (_("No Suggestions"), "win.spell-none");

      g_menu_append_item (self->spell_section, none);
    }

  add_label = g_strdup_printf (_("Add “%s” to the Dictionary"), word);
  add = g_menu_item_new (add_label, NULL);
  g_menu_item_set_action_and_target (add, "win.spell-add-word", "s", word);
  g_menu_append_item (self->spell_section, add);

  return TRUE;
}

static void
editor_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   BulletinWindow  *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextIter iter;
  int bx, by;

  /* runs before the text view opens its menu, so the menu shows what
   * was under the pointer */
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  bulletin_window_update_spell_menu (self, &iter);
}

static void
spell_replace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  if (self->spell_start == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->spell_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->spell_end);
  replace_range (self, &start, &end, g_variant_get_string (param, NULL));
}

static void
spell_add_word_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  add_word (BULLETIN_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ----- set-up ----- */

/* ------------------------------------------------------------------ */
/* Sending with findings open                                          */
/* ------------------------------------------------------------------ */

/* What counts is what the Checks button counts: every finding the user
 * has not ignored, of every kind. They are all things a reader would
 * see (a misspelling as much as a broken link), and the number in the
 * question is then the number on the button. */

typedef struct _BulletinSendRequest
{
  BulletinSendFunc  send;
  gpointer          data;
  GDestroyNotify    destroy;
  char             *digest;
} SendRequest;

static void
send_request_free (SendRequest *req)
{
  if (req->destroy != NULL)
    req->destroy (req->data);
  g_free (req->digest);
  g_free (req);
}

static char *
text_digest (BulletinWindow *self)
{
  g_autofree char *text = bulletin_window_dup_text (self);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
send_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  BulletinWindowReply *reply)
{
  g_autoptr(BulletinWindow) self = bulletin_window_reply_dup_window (reply);
  SendRequest *req = bulletin_window_reply_get_data (reply);

  if (self == NULL)
    return;

  if (g_str_equal (response, "send"))
    {
      /* this text was looked at and sent as it is: not asked again for
       * it, asked again once it changes */
      g_free (self->sent_anyway);
      self->sent_anyway = g_strdup (req->digest);
      req->send (self, req->data);
    }
  else
    {
      gtk_toggle_button_set_active (self->checks_button, TRUE);
    }
}

/**
 * bulletin_window_count_open_findings:
 * @self: a #BulletinWindow
 *
 * Returns: the findings the Checks button counts, from the latest run
 */
guint
bulletin_window_count_open_findings (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), 0);

  return self->check_report != NULL ? self->check_report->findings->len : 0;
}

/* Decides on @req with the report the window has now. */
static void
decide_send (BulletinWindow *self,
             SendRequest    *req)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  guint n = bulletin_window_count_open_findings (self);

  if (n > 0)
    req->digest = text_digest (self);

  if (n == 0 || g_strcmp0 (req->digest, self->sent_anyway) == 0)
    {
      req->send (self, req->data);
      send_request_free (req);
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Finding Open", "%u Findings Open", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "The checks found something to look at before this goes out.",
                                                "The checks found things to look at before this goes out.",
                                                n));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "review", _("_Review"),
                                    "send", _("Send _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "review");
  g_signal_connect_data (dialog, "response", G_CALLBACK (send_response_cb),
                         bulletin_window_reply_new (self, req, (GDestroyNotify) send_request_free),
                         bulletin_window_reply_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Called when a run of the checks ends: a send that waited for it goes
 * ahead or asks. */
static void
decide_pending_send (BulletinWindow *self)
{
  SendRequest *req = g_steal_pointer (&self->pending_send);

  if (req != NULL)
    decide_send (self, req);
}

/**
 * bulletin_window_confirm_send:
 * @self: a #BulletinWindow
 * @send: what sends the update (Copy for Email, an export)
 * @data: for @send
 * @destroy: (nullable): frees @data
 *
 * Calls @send at once when the checks have nothing open, or when the
 * user already chose Send Anyway for this very text; otherwise asks
 * first, "N findings open", with Review (shows the checks) or Send
 * Anyway. When the checks have not yet seen the text as it is (it was
 * typed a moment ago), the answer waits for them: what is asked about is
 * always the text that goes out.
 */
void
bulletin_window_confirm_send (BulletinWindow   *self,
                              BulletinSendFunc  send,
                              gpointer          data,
                              GDestroyNotify    destroy)
{
  SendRequest *req;

  g_return_if_fail (BULLETIN_IS_WINDOW (self));
  g_return_if_fail (send != NULL);

  req = g_new0 (SendRequest, 1);
  req->send = send;
  req->data = data;
  req->destroy = destroy;

  /* in safe mode nothing is checked, and there is nothing to wait for */
  if (!self->safe_mode && bulletin_window_get_check_report (self) == NULL)
    {
      /* a newer send replaces one still waiting, as before */
      g_clear_pointer (&self->pending_send, send_request_free);
      self->pending_send = req;
      if (!bulletin_checker_get_busy (self->checker))
        run_checks_soon (self, 0);
      return;
    }

  decide_send (self, req);
}

/**
 * bulletin_window_get_check_report:
 * @self: a #BulletinWindow
 *
 * Returns: (transfer none) (nullable): the newest report of the checks,
 *   whose offsets match the buffer
 */
BulletinCheckReport *
bulletin_window_get_check_report (BulletinWindow *self)
{
  g_return_val_if_fail (BULLETIN_IS_WINDOW (self), NULL);

  if (self->check_report == NULL || self->check_serial_applied != bulletin_document_get_change_serial (self->document))
    return NULL;

  return self->check_report;
}

void
bulletin_window_init_checks (BulletinWindow *self)
{
  GtkGesture *gesture;

  create_tags (self);

  g_settings_bind (self->settings, "show-checks", self->checks_button, "active", G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (check_settings); i++)
    {
      g_autofree char *signal = g_strdup_printf ("changed::%s", check_settings[i].key);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (check_setting_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->settings, "changed::spelling-language",
                           G_CALLBACK (spelling_language_changed_cb), self, G_CONNECT_SWAPPED);

  /* the checker's state is its own; the window hands it the settings and
   * shows what it finds */
  self->checker = bulletin_checker_new (NULL);
  bulletin_checker_set_kinds (self->checker, enabled_kinds (self));
  spelling_language_changed_cb (self);
  g_settings_bind (self->settings, "glossary-packs", self->checker, "glossary-packs", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->checker, "notify::report", G_CALLBACK (checker_report_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "notify::busy", G_CALLBACK (checker_busy_cb), self, G_CONNECT_SWAPPED);
  /* what the panel shows of the checker's state follows it by itself */
  g_object_bind_property (self->checker, "note", self->checks_panel, "note", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->checker, "spell", self->checks_panel, "spell", G_BINDING_SYNC_CREATE);
  self->report_binding =
    g_object_bind_property_full (self->checker, "report", self->checks_panel, "report", G_BINDING_SYNC_CREATE,
                                 report_for_panel_cb, NULL, self, NULL);
  g_signal_connect_object (self->checker, "failed", G_CALLBACK (checker_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "spell-failed", G_CALLBACK (checker_spell_failed_cb), self, G_CONNECT_SWAPPED);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (editor_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (gesture));

  update_checks_button (self);
  run_checks_soon (self, 0);
}

void
bulletin_window_dispose_checks (BulletinWindow *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  /* a test may hold the checker longer: its binding must not reach back
   * into a window that is gone */
  if (self->report_binding != NULL)
    g_binding_unbind (g_steal_pointer (&self->report_binding));
  /* its dispose cancels what it has in flight */
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_clear_object (&self->checker);
  g_clear_pointer (&self->check_report, bulletin_check_report_unref);
  g_clear_pointer (&self->pending_send, send_request_free);
  g_clear_pointer (&self->sent_anyway, g_free);
}

void
bulletin_window_class_init_checks (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.toggle-checks", NULL, toggle_checks_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-finding", "s", go_to_finding_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-finding-at", "(su)", go_to_finding_at_action);
  gtk_widget_class_install_action (widget_class, "win.show-longest-sentence", NULL, show_longest_sentence_action);
  gtk_widget_class_install_action (widget_class, "win.apply-suggestion", "(ss)", apply_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.ignore-finding", "s", ignore_finding_action);
  gtk_widget_class_install_action (widget_class, "win.unignore-findings", NULL, unignore_findings_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-glossary", "s", add_to_glossary_action);
  gtk_widget_class_install_action (widget_class, "win.add-to-dictionary", "s", add_to_dictionary_action);
  gtk_widget_class_install_action (widget_class, "win.spell-replace", "s", spell_replace_action);
  gtk_widget_class_install_action (widget_class, "win.spell-add-word", "s", spell_add_word_action);
}
