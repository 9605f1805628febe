/* bulletin-checks-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-html.h"

#include "bulletin-checks-panel.h"

/* Lists what the checks found in the draft, with the statistics above.
 * What a finding's menu offers (replace, ignore, add to the glossary or
 * the dictionary, go there) is carried out by the window's actions, named
 * by the finding's key: the list may be rebuilt while a menu is open, and
 * a key still names the same problem afterwards. */

/* Suggestions a spelling menu shows; more is a list nobody reads. */
#define MAX_SUGGESTIONS 5

/* Rows built at once: a pasted megabyte can have thousands of findings,
 * and building them all would freeze the window. The underlines still
 * show every one. */
#define MAX_ROWS 300

struct _BulletinChecksPanel
{
  GtkWidget            parent_instance;

  GtkBox              *box;
  GtkLabel            *words_label;
  GtkLabel            *ease_label;
  GtkButton           *longest_button;
  GtkLabel            *longest_label;
  GtkLabel            *size_label;
  GtkLabel            *count_label;
  GtkLabel            *note_label;
  GtkStack            *stack;
  GtkListBox          *list;
  AdwStatusPage       *empty_page;

  BulletinCheckReport *report;
  BulletinSpell       *spell;
  guint                n_ignored;
  char                *note;
};

G_DEFINE_FINAL_TYPE (BulletinChecksPanel, bulletin_checks_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_icons[BULLETIN_FINDING_N_KINDS] = {
  [BULLETIN_FINDING_ACRONYM]   = "accessories-dictionary-symbolic",
  [BULLETIN_FINDING_LINK]      = "insert-link-symbolic",
  [BULLETIN_FINDING_LEFTOVER]  = "edit-clear-all-symbolic",
  [BULLETIN_FINDING_STRUCTURE] = "view-list-bullet-symbolic",
  [BULLETIN_FINDING_DATE]      = "x-office-calendar-symbolic",
  [BULLETIN_FINDING_SPELLING]  = "tools-check-spelling-symbolic",
};

static void
set_warning (GtkWidget *widget,
             gboolean   warning)
{
  if (warning)
    gtk_widget_add_css_class (widget, "warning");
  else
    gtk_widget_remove_css_class (widget, "warning");
}

static void
update_stats (BulletinChecksPanel *self)
{
  const BulletinStats *stats = &self->report->stats;
  g_autofree char *words = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *length = NULL;
  g_autofree char *ease = NULL;
  g_autofree char *longest = NULL;
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *size_text = NULL;
  guint reading_minutes = (stats->reading_seconds + 59) / 60;
  gboolean clipped;

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", stats->words),
                           stats->words);
  if (stats->reading_seconds < 60)
    minutes = g_strdup (_("under a minute to read"));
  else
    minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute to read",
                                            "%u minutes to read", reading_minutes),
                               reading_minutes);
  /* TRANSLATORS: words, then reading time: "812 words, 4 minutes to read" */
  length = g_strdup_printf (_("%s, %s"), words, minutes);
  gtk_label_set_label (self->words_label, length);

  if (stats->sentences == 0)
    {
      ease = g_strdup (_("no sentences yet"));
      set_warning (GTK_WIDGET (self->ease_label), FALSE);
    }
  else
    {
      gboolean plain = stats->flesch_reading_ease >= BULLETIN_STATS_PLAIN_ENGLISH_TARGET;

      /* TRANSLATORS: Flesch reading ease, then the plain-English target */
      ease = g_strdup_printf (plain ? _("%.0f (plain English is %.0f or more)")
                                    : _("%.0f: aim for %.0f or more with shorter sentences and words"),
                              stats->flesch_reading_ease, BULLETIN_STATS_PLAIN_ENGLISH_TARGET);
      set_warning (GTK_WIDGET (self->ease_label), !plain);
    }
  gtk_label_set_label (self->ease_label, ease);

  if (stats->longest_sentence_line == 0)
    {
      longest = g_strdup (_("none"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->longest_button), FALSE);
    }
  else
    {
      longest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word, on line %u",
                                              "%u words, on line %u", stats->longest_sentence_words),
                                 stats->longest_sentence_words, stats->longest_sentence_line);
      gtk_widget_set_sensitive (GTK_WIDGET (self->longest_button), TRUE);
    }
  gtk_label_set_label (self->longest_label, longest);
  /* 25 words is where plain-English guides draw the line */
  set_warning (GTK_WIDGET (self->longest_label), stats->longest_sentence_words > 25);

  size = g_format_size (self->report->html_size);
  limit = g_format_size (BULLETIN_HTML_GMAIL_CLIP_SIZE);
  clipped = bulletin_html_exceeds_gmail_clip (self->report->html_size);
  if (clipped)
    /* TRANSLATORS: the HTML email's size, then Gmail's limit */
    size_text = g_strdup_printf (_("%s: over %s, so Gmail will cut it short"), size, limit);
  else
    size_text = g_strdup_printf (_("%s of Gmail’s %s"), size, limit);
  gtk_label_set_label (self->size_label, size_text);
  set_warning (GTK_WIDGET (self->size_label), clipped);
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  BulletinChecksPanel *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "finding-index"));
  g_autoptr(GMenuModel) menu = NULL;

  if (self->report == NULL || index >= self->report->findings->len)
    return;

  menu = bulletin_checks_panel_build_menu (self, index);
  gtk_menu_button_set_menu_model (button, menu);
}

static GtkWidget *
make_row (BulletinChecksPanel   *self,
          guint                  index,
          const BulletinFinding *f)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icons[f->kind]);
  GtkWidget *message = gtk_label_new (f->message);
  GtkWidget *where;
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autofree char *caption = NULL;
  g_autofree char *kind_class = g_strdup_printf ("check-%s", bulletin_finding_kind_to_string (f->kind));

  /* TRANSLATORS: the kind of a finding and its line, under its message */
  caption = g_strdup_printf (_("%s · line %u"), bulletin_finding_kind_to_label (f->kind), f->line);
  where = gtk_label_new (caption);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_widget_add_css_class (icon, kind_class);
  gtk_widget_set_tooltip_text (icon, bulletin_finding_kind_to_label (f->kind));

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_box_append (GTK_BOX (vbox), message);
  gtk_box_append (GTK_BOX (vbox), where);

  /* built when opened: spelling suggestions take milliseconds a word */
  g_object_set_data (G_OBJECT (menu_button), "finding-index", GUINT_TO_POINTER (index));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_menu_cb, self, NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (menu_button, _("Fix or Ignore"));
  bulletin_accessibility_name_button (menu_button);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");

  gtk_box_append (GTK_BOX (hbox), icon);
  gtk_box_append (GTK_BOX (hbox), vbox);
  gtk_box_append (GTK_BOX (hbox), menu_button);
  gtk_widget_set_margin_top (hbox, 4);
  gtk_widget_set_margin_bottom (hbox, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  g_object_set_data_full (G_OBJECT (row), "finding-key", g_strdup (f->key), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->message,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption,
                                  -1);

  return row;
}

static void
add_key_item (GMenu      *menu,
              const char *label,
              const char *action,
              const char *key)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, "s", key);
  g_menu_append_item (menu, item);
}

/**
 * bulletin_checks_panel_build_menu:
 * @self: a #BulletinChecksPanel
 * @index: a finding of the current report
 *
 * The ways to deal with a finding, each a window action. Spelling
 * suggestions are looked up now rather than with the checks, which would
 * take milliseconds a word for menus nobody opens.
 *
 * Returns: (transfer full): the menu
 */
GMenuModel *
bulletin_checks_panel_build_menu (BulletinChecksPanel *self,
                                  guint                index)
{
  const BulletinFinding *f;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) fixes = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  g_autofree char *range = NULL;
  g_auto(GStrv) spelling = NULL;
  const char * const *suggestions;

  g_return_val_if_fail (BULLETIN_IS_CHECKS_PANEL (self), NULL);
  g_return_val_if_fail (self->report != NULL, NULL);
  g_return_val_if_fail (index < self->report->findings->len, NULL);

  f = self->report->findings->pdata[index];
  range = bulletin_check_report_dup_range (self->report, index);
  suggestions = (const char * const *)f->suggestions;
  if (f->kind == BULLETIN_FINDING_SPELLING && suggestions == NULL &&
      self->spell != NULL && range != NULL)
    {
      spelling = bulletin_spell_suggest (self->spell, range, -1);
      suggestions = (const char * const *)spelling;
    }

  for (guint i = 0; suggestions != NULL && suggestions[i] != NULL && i < MAX_SUGGESTIONS; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      const char *shown = suggestions[i];

      if (g_strcmp0 (shown, " ") == 0)
        label = g_strdup (_("Replace With One Space"));
      else
        label = g_strdup_printf (_("Replace With “%s”"), shown);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.apply-suggestion", "(ss)", f->key, shown);
      g_menu_append_item (fixes, item);
    }

  if (f->kind == BULLETIN_FINDING_ACRONYM && range != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Add “%s” to the Glossary…"), range);

      add_key_item (others, label, "win.add-to-glossary", f->key);
    }
  if (f->kind == BULLETIN_FINDING_SPELLING && range != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Add “%s” to the Dictionary"), range);

      add_key_item (others, label, "win.add-to-dictionary", f->key);
    }
  add_key_item (others, _("_Ignore in This Draft"), "win.ignore-finding", f->key);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (fixes));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
update_count (BulletinChecksPanel *self)
{
  guint n = self->report != NULL ? self->report->findings->len : 0;
  g_autofree char *count = NULL;

  if (n == 0)
    count = g_strdup (_("No findings"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n), n);

  if (self->n_ignored > 0)
    {
      g_autofree char *with = NULL;

      /* TRANSLATORS: "3 findings (2 ignored)" */
      with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u ignored)", "%s (%u ignored)",
                                           self->n_ignored),
                              count, self->n_ignored);
      g_free (count);
      count = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->count_label, count);
}

/**
 * bulletin_checks_panel_set_report:
 * @self: a #BulletinChecksPanel
 * @report: the newest report
 *
 * Shows @report. Rows are only rebuilt when the findings changed, so
 * that a list the user is reading does not flicker on every pause in
 * typing elsewhere.
 */
void
bulletin_checks_panel_set_report (BulletinChecksPanel *self,
                                  BulletinCheckReport *report)
{
  gboolean same = FALSE;
  GtkWidget *child;

  g_return_if_fail (BULLETIN_IS_CHECKS_PANEL (self));
  g_return_if_fail (report != NULL);

  if (self->report != NULL && self->report->findings->len == report->findings->len)
    {
      same = TRUE;
      for (guint i = 0; same && i < report->findings->len; i++)
        {
          const BulletinFinding *a = self->report->findings->pdata[i];
          const BulletinFinding *b = report->findings->pdata[i];

          same = g_str_equal (a->key, b->key) && a->line == b->line &&
                 g_str_equal (a->message, b->message) &&
                 g_strv_equal ((const char * const *)(a->suggestions ? a->suggestions : (char *[]) { NULL }),
                               (const char * const *)(b->suggestions ? b->suggestions : (char *[]) { NULL }));
        }
    }

  g_clear_pointer (&self->report, bulletin_check_report_unref);
  self->report = bulletin_check_report_ref (report);
  update_stats (self);
  update_count (self);

  if (same)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < MIN (report->findings->len, MAX_ROWS); i++)
    gtk_list_box_append (self->list, make_row (self, i, report->findings->pdata[i]));
  if (report->findings->len > MAX_ROWS)
    {
      guint more = report->findings->len - MAX_ROWS;
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u more finding: fix these first",
                                                             "%u more findings: fix these first", more),
                                                more);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *text = gtk_label_new (label);

      gtk_widget_add_css_class (text, "dim-label");
      gtk_widget_set_margin_top (text, 8);
      gtk_widget_set_margin_bottom (text, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, report->findings->len > 0 ? "list" : "empty");
}

/**
 * bulletin_checks_panel_set_spell:
 * @self: a #BulletinChecksPanel
 * @spell: (nullable): the spell checker, for suggestions
 */
void
bulletin_checks_panel_set_spell (BulletinChecksPanel *self,
                                 BulletinSpell       *spell)
{
  g_return_if_fail (BULLETIN_IS_CHECKS_PANEL (self));

  g_set_object (&self->spell, spell);
}

/**
 * bulletin_checks_panel_set_n_ignored:
 * @self: a #BulletinChecksPanel
 * @n_ignored: how many findings the user ignored in this draft
 */
void
bulletin_checks_panel_set_n_ignored (BulletinChecksPanel *self,
                                     guint                n_ignored)
{
  g_return_if_fail (BULLETIN_IS_CHECKS_PANEL (self));

  self->n_ignored = n_ignored;
  update_count (self);
}

/**
 * bulletin_checks_panel_get_list:
 * @self: a #BulletinChecksPanel
 *
 * Returns: (transfer none): the list of findings, one row each, in the
 *   report's order
 */
GtkListBox *
bulletin_checks_panel_get_list (BulletinChecksPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKS_PANEL (self), NULL);

  return self->list;
}

static void
row_activated_cb (BulletinChecksPanel *self,
                  GtkListBoxRow       *row,
                  GtkListBox          *list)
{
  if (g_object_get_data (G_OBJECT (row), "finding-key") == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (row), "win.go-to-finding", "s",
                              g_object_get_data (G_OBJECT (row), "finding-key"));
}

static void
bulletin_checks_panel_dispose (GObject *object)
{
  BulletinChecksPanel *self = (BulletinChecksPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_CHECKS_PANEL);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->report, bulletin_check_report_unref);
  g_clear_object (&self->spell);

  G_OBJECT_CLASS (bulletin_checks_panel_parent_class)->dispose (object);
}

static void
bulletin_checks_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinChecksPanel *self = BULLETIN_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_checks_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BulletinChecksPanel *self = BULLETIN_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      bulletin_checks_panel_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_checks_panel_class_init (BulletinChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bulletin_checks_panel_dispose;
  object_class->get_property = bulletin_checks_panel_get_property;
  object_class->set_property = bulletin_checks_panel_set_property;

  /**
   * BulletinChecksPanel:note:
   *
   * A sentence under the count about how the draft was checked (a check
   * paused for a very long draft, say); %NULL or empty for none.
   */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/bulletin/Bulletin/bulletin-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, box);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, words_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, ease_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, longest_button);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, longest_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, size_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, note_label);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, list);
  gtk_widget_class_bind_template_child (widget_class, BulletinChecksPanel, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkspanel");
}

static void
bulletin_checks_panel_init (BulletinChecksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_count (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * bulletin_checks_panel_set_note:
 * @self: a #BulletinChecksPanel
 * @note: (nullable): see #BulletinChecksPanel:note
 */
void
bulletin_checks_panel_set_note (BulletinChecksPanel *self,
                                const char          *note)
{
  g_return_if_fail (BULLETIN_IS_CHECKS_PANEL (self));

  if (note != NULL && *note == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);

  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/**
 * bulletin_checks_panel_get_note:
 * @self: a #BulletinChecksPanel
 *
 * Returns: (nullable): see #BulletinChecksPanel:note
 */
const char *
bulletin_checks_panel_get_note (BulletinChecksPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKS_PANEL (self), NULL);

  return self->note;
}
