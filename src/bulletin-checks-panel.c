/* bulletin-checks-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-accessibility.h"
#include "bulletin-findings-model.h"
#include "bulletin-html.h"
#include "bulletin-row-box.h"

#include "bulletin-checks-panel.h"

/* Lists what the checks found in the draft, with the statistics above.
 * What a finding's menu offers (replace, ignore, add to the glossary or
 * the dictionary, go there) is carried out by the window's actions, named
 * by the finding's key: the list may change while a menu is open, and a
 * key still names the same problem afterwards.
 *
 * The findings are a list model shown by a list view, which builds rows
 * (bulletin-finding-row.ui) only for what is on screen: a pasted
 * megabyte's thousands of findings are all in the list, and cost no more
 * to show than a screenful. */

/* Suggestions a spelling menu shows; more is a list nobody reads. */
#define MAX_SUGGESTIONS 5

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
  GtkListView         *list;
  AdwStatusPage       *empty_page;

  BulletinFindingsModel *findings;
  BulletinSpell       *spell;
  char                *note;
};

G_DEFINE_FINAL_TYPE (BulletinChecksPanel, bulletin_checks_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOTE,
  PROP_SPELL,
  PROP_REPORT,
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

static BulletinCheckReport *
get_report (BulletinChecksPanel *self)
{
  return bulletin_findings_model_get_report (self->findings);
}

static void
update_stats (BulletinChecksPanel *self)
{
  BulletinCheckReport *report = get_report (self);
  const BulletinStats *stats;
  g_autofree char *words = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *length = NULL;
  g_autofree char *ease = NULL;
  g_autofree char *longest = NULL;
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *size_text = NULL;
  guint reading_minutes;
  gboolean clipped;

  /* nothing checked yet: the statistics stay as they were */
  if (report == NULL)
    return;
  stats = &report->stats;
  reading_minutes = (stats->reading_seconds + 59) / 60;

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

  /* the button is win.show-longest-sentence's, which greys it out when
   * there is none */
  if (stats->longest_sentence_line == 0)
    longest = g_strdup (_("none"));
  else
    longest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word, on line %u",
                                            "%u words, on line %u", stats->longest_sentence_words),
                               stats->longest_sentence_words, stats->longest_sentence_line);
  gtk_label_set_label (self->longest_label, longest);
  /* 25 words is where plain-English guides draw the line */
  set_warning (GTK_WIDGET (self->longest_label), stats->longest_sentence_words > 25);

  size = g_format_size (report->html_size);
  limit = g_format_size (BULLETIN_HTML_GMAIL_CLIP_SIZE);
  clipped = bulletin_html_exceeds_gmail_clip (report->html_size);
  if (clipped)
    /* TRANSLATORS: the HTML email's size, then Gmail's limit */
    size_text = g_strdup_printf (_("%s: over %s, so Gmail will cut it short"), size, limit);
  else
    size_text = g_strdup_printf (_("%s of Gmail’s %s"), size, limit);
  gtk_label_set_label (self->size_label, size_text);
  set_warning (GTK_WIDGET (self->size_label), clipped);
}

/* The row's list item, held weakly: the button is the item's, and a
 * strong reference would keep both alive for ever. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr(GtkListItem) list_item = g_weak_ref_get (user_data);
  GtkWidget *panel = gtk_widget_get_ancestor (GTK_WIDGET (button), BULLETIN_TYPE_CHECKS_PANEL);
  BulletinChecksPanel *self;
  BulletinCheckReport *report;
  g_autoptr(GMenuModel) menu = NULL;
  guint position;

  if (list_item == NULL || panel == NULL)
    return;
  self = BULLETIN_CHECKS_PANEL (panel);
  report = get_report (self);
  position = gtk_list_item_get_position (list_item);
  if (report == NULL || position == GTK_INVALID_LIST_POSITION || position >= report->findings->len)
    return;

  menu = bulletin_checks_panel_build_menu (self, position);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A row's menu is built when opened, as spelling suggestions take
 * milliseconds a word; GtkBuilder cannot set a popup function, so it is
 * set here, when the row first shows. */
static void
finding_menu_button_realize_cb (GtkMenuButton *button,
                                GtkListItem   *list_item)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, list_item);
  gtk_menu_button_set_create_popup_func (button, create_menu_cb, ref, weak_ref_free);
  bulletin_accessibility_name_button (GTK_WIDGET (button));
  bulletin_row_box_describe_control (GTK_WIDGET (button));
}

static char *
finding_icon_name (gpointer    this,
                   const char *kind_name)
{
  for (guint i = 0; kind_name != NULL && i < BULLETIN_FINDING_N_KINDS; i++)
    if (g_str_equal (kind_name, bulletin_finding_kind_to_string (i)))
      return g_strdup (kind_icons[i]);
  return NULL;
}

/* the kind's colour, from style.css */
static GStrv
finding_icon_classes (gpointer    this,
                      const char *kind_name)
{
  GStrv classes = g_new0 (char *, 2);

  if (kind_name != NULL)
    classes[0] = g_strconcat ("check-", kind_name, NULL);
  return classes;
}

/* What a screen reader says for the row: where the finding is, what it
 * says, and its kind, which the row shows as an icon. */
static char *
finding_accessible_label (gpointer    this,
                          guint       line,
                          const char *message,
                          const char *kind_label)
{
  if (message == NULL)
    return NULL;
  if (line == 0)
    /* TRANSLATORS: a finding of the checks as a screen reader says it:
     * its message, then its kind ("Spelling") */
    return g_strdup_printf (_("%s (%s)"), message, kind_label != NULL ? kind_label : "");
  /* TRANSLATORS: a finding of the checks as a screen reader says it: its
   * line, its message, then its kind ("Line 12: … (Spelling)") */
  return g_strdup_printf (_("Line %u: %s (%s)"), line, message, kind_label != NULL ? kind_label : "");
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
  g_return_val_if_fail (get_report (self) != NULL, NULL);
  g_return_val_if_fail (index < get_report (self)->findings->len, NULL);

  f = get_report (self)->findings->pdata[index];
  range = bulletin_check_report_dup_range (get_report (self), index);
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
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  guint n_ignored = get_report (self) != NULL ? get_report (self)->n_ignored : 0;
  g_autofree char *count = NULL;

  if (n == 0)
    count = g_strdup (_("No findings"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n), n);

  if (n_ignored > 0)
    {
      g_autofree char *with = NULL;

      /* TRANSLATORS: "3 findings (2 ignored)" */
      with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u ignored)", "%s (%u ignored)",
                                           n_ignored),
                              count, n_ignored);
      g_free (count);
      count = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->count_label, count);
}

/* Shows @report. Only the rows of findings that changed are rebuilt, so
 * that a list the user is reading does not flicker on every pause in
 * typing elsewhere. */
static void
set_report (BulletinChecksPanel *self,
            BulletinCheckReport *report)
{
  if (report == get_report (self))
    return;

  bulletin_findings_model_set_report (self->findings, report);
  update_stats (self);
  update_count (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    report != NULL && report->findings->len > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
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

  if (g_set_object (&self->spell, spell))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPELL]);
}

/**
 * bulletin_checks_panel_get_findings:
 * @self: a #BulletinChecksPanel
 *
 * Returns: (transfer none): the findings shown, a #BulletinFindingItem
 *   each, in the report's order: the list's rows show them
 */
GListModel *
bulletin_checks_panel_get_findings (BulletinChecksPanel *self)
{
  g_return_val_if_fail (BULLETIN_IS_CHECKS_PANEL (self), NULL);

  return G_LIST_MODEL (self->findings);
}

/* A misspelt word's findings share a key, so the position goes with it:
 * the window takes the finding there if it still has that key. */
static void
finding_activated_cb (BulletinChecksPanel *self,
                      guint                position,
                      GtkListView         *list)
{
  g_autoptr(BulletinFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->findings), position);

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (list), "win.go-to-finding-at", "(su)",
                              bulletin_finding_item_get_key (item), position);
}

static void
bulletin_checks_panel_dispose (GObject *object)
{
  BulletinChecksPanel *self = (BulletinChecksPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BULLETIN_TYPE_CHECKS_PANEL);
  g_clear_pointer (&self->note, g_free);
  g_clear_object (&self->findings);
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

    case PROP_SPELL:
      g_value_set_object (value, self->spell);
      break;

    case PROP_REPORT:
      g_value_set_boxed (value, get_report (self));
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

    case PROP_SPELL:
      bulletin_checks_panel_set_spell (self, g_value_get_object (value));
      break;

    case PROP_REPORT:
      set_report (self, g_value_get_boxed (value));
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

  /**
   * BulletinChecksPanel:spell:
   *
   * The spell checker whose suggestions a misspelling's menu offers;
   * %NULL while spelling is not checked.
   */
  properties[PROP_SPELL] =
    g_param_spec_object ("spell", NULL, NULL, BULLETIN_TYPE_SPELL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * BulletinChecksPanel:report:
   *
   * The report shown: its findings, its statistics and how many findings
   * the user ignored. The window binds it to its checker's, for the text
   * as it is.
   */
  properties[PROP_REPORT] =
    g_param_spec_boxed ("report", NULL, NULL, BULLETIN_TYPE_CHECK_REPORT,
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
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkspanel");
}

static void
bulletin_checks_panel_init (BulletinChecksPanel *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_type_ensure (BULLETIN_TYPE_FINDING_ITEM);
  g_type_ensure (BULLETIN_TYPE_ROW_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = bulletin_findings_model_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "finding_icon_name", G_CALLBACK (finding_icon_name),
                                           "finding_icon_classes", G_CALLBACK (finding_icon_classes),
                                           "finding_accessible_label", G_CALLBACK (finding_accessible_label),
                                           "finding_menu_button_realize_cb", G_CALLBACK (finding_menu_button_realize_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/io/github/bulletin/Bulletin/bulletin-finding-row.ui");
  gtk_list_view_set_factory (self->list, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->findings)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
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
