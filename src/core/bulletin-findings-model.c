/* bulletin-findings-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-findings-model.h"

#include "bulletin-list-ends.h"

/* A check report's findings as a list model, one item a finding in the
 * report's order, so a list view builds rows only for what is on screen
 * and every finding stays reachable however many there are. An item is
 * made when first asked for: a pasted 9 MB draft has 160,000 findings,
 * and a list view asks for a screenful. The model lives in the core so
 * that tests reach it without a display. */

G_DEFINE_ENUM_TYPE (BulletinFindingKind, bulletin_finding_kind,
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_ACRONYM, "acronym"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_LINK, "link"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_LEFTOVER, "leftover"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_STRUCTURE, "structure"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_DATE, "date"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_SPELLING, "spelling"))

/* An item reads its finding from the report, which it holds: making one
 * costs an object, however long the message, since a list view may ask
 * for every item when the rows it shows are replaced. The strings made
 * for it are made when first asked for. */
struct _BulletinFindingItem
{
  GObject              parent_instance;

  BulletinCheckReport *report;
  guint                index;
  char                *caption;
  char                *text;
  gboolean             text_read;
};

G_DEFINE_FINAL_TYPE (BulletinFindingItem, bulletin_finding_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_KIND,
  ITEM_PROP_KIND_NAME,
  ITEM_PROP_KIND_LABEL,
  ITEM_PROP_MESSAGE,
  ITEM_PROP_CAPTION,
  ITEM_PROP_KEY,
  ITEM_PROP_TEXT,
  ITEM_PROP_SUGGESTIONS,
  ITEM_PROP_LINE,
  ITEM_PROP_COLUMN,
  ITEM_PROP_START,
  ITEM_PROP_END,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
bulletin_finding_item_finalize (GObject *object)
{
  BulletinFindingItem *self = (BulletinFindingItem *)object;

  g_clear_pointer (&self->report, bulletin_check_report_unref);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (bulletin_finding_item_parent_class)->finalize (object);
}

static const BulletinFinding *
finding_of (BulletinFindingItem *self)
{
  return self->report->findings->pdata[self->index];
}

static void
bulletin_finding_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinFindingItem *self = BULLETIN_FINDING_ITEM (object);
  const BulletinFinding *f = finding_of (self);

  switch (prop_id)
    {
    case ITEM_PROP_KIND:
      g_value_set_enum (value, f->kind);
      break;

    case ITEM_PROP_KIND_NAME:
      g_value_set_string (value, bulletin_finding_kind_to_string (f->kind));
      break;

    case ITEM_PROP_KIND_LABEL:
      g_value_set_string (value, bulletin_finding_kind_to_label (f->kind));
      break;

    case ITEM_PROP_MESSAGE:
      g_value_set_string (value, f->message);
      break;

    case ITEM_PROP_CAPTION:
      g_value_set_string (value, bulletin_finding_item_get_caption (self));
      break;

    case ITEM_PROP_KEY:
      g_value_set_string (value, f->key);
      break;

    case ITEM_PROP_TEXT:
      g_value_set_string (value, bulletin_finding_item_get_text (self));
      break;

    case ITEM_PROP_SUGGESTIONS:
      g_value_set_boxed (value, f->suggestions);
      break;

    case ITEM_PROP_LINE:
      g_value_set_uint (value, f->line);
      break;

    case ITEM_PROP_COLUMN:
      g_value_set_uint (value, f->column);
      break;

    case ITEM_PROP_START:
      g_value_set_uint (value, bulletin_finding_item_get_start (self));
      break;

    case ITEM_PROP_END:
      g_value_set_uint (value, bulletin_finding_item_get_end (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_finding_item_class_init (BulletinFindingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bulletin_finding_item_finalize;
  object_class->get_property = bulletin_finding_item_get_property;

  /**
   * BulletinFindingItem:kind:
   *
   * What sort of problem, a #BulletinFindingKind.
   */
  item_properties[ITEM_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, BULLETIN_TYPE_FINDING_KIND, BULLETIN_FINDING_ACRONYM, flags);
  /**
   * BulletinFindingItem:kind-name:
   *
   * The kind for machines ("spelling"), as bulletin_finding_kind_to_string().
   */
  item_properties[ITEM_PROP_KIND_NAME] = g_param_spec_string ("kind-name", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:kind-label:
   *
   * The kind for people, translated ("Spelling").
   */
  item_properties[ITEM_PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:message:
   *
   * What is wrong, translated.
   */
  item_properties[ITEM_PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:caption:
   *
   * The kind and the line, shown under the message ("Links · line 4").
   */
  item_properties[ITEM_PROP_CAPTION] = g_param_spec_string ("caption", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:key:
   *
   * Names the finding for the window's actions (ignore, fix, go there).
   */
  item_properties[ITEM_PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:text:
   *
   * The text the finding is about ("publically"); %NULL for something
   * missing.
   */
  item_properties[ITEM_PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  /**
   * BulletinFindingItem:suggestions:
   *
   * Replacements for #BulletinFindingItem:text, best first, or %NULL.
   */
  item_properties[ITEM_PROP_SUGGESTIONS] = g_param_spec_boxed ("suggestions", NULL, NULL, G_TYPE_STRV, flags);
  /**
   * BulletinFindingItem:line:
   *
   * The 1-based line of the finding's start.
   */
  item_properties[ITEM_PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * BulletinFindingItem:column:
   *
   * The 1-based column of the finding's start, in characters.
   */
  item_properties[ITEM_PROP_COLUMN] = g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * BulletinFindingItem:start:
   *
   * The character offset of the finding's start in the checked text.
   */
  item_properties[ITEM_PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * BulletinFindingItem:end:
   *
   * The character offset of the finding's end in the checked text.
   */
  item_properties[ITEM_PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
bulletin_finding_item_init (BulletinFindingItem *self)
{
}

static void
span_of (BulletinCheckReport *report,
         guint                index,
         guint               *start,
         guint               *end)
{
  /* a cancelled run has findings without spans; nobody shows it, but
   * nothing reads past the array either */
  if (index < report->spans->len)
    {
      const BulletinCheckSpan *span = &g_array_index (report->spans, BulletinCheckSpan, index);

      *start = span->start;
      *end = span->end;
    }
  else
    *start = *end = 0;
}

static BulletinFindingItem *
bulletin_finding_item_new (BulletinCheckReport *report,
                           guint                index)
{
  BulletinFindingItem *self = g_object_new (BULLETIN_TYPE_FINDING_ITEM, NULL);

  self->report = bulletin_check_report_ref (report);
  self->index = index;

  return self;
}

/* The same finding in a newer report, at @index there: it may have moved
 * along its line, as text was typed before it. */
static void
bulletin_finding_item_move (BulletinFindingItem *self,
                            BulletinCheckReport *report,
                            guint                index)
{
  guint old_column = finding_of (self)->column;
  guint old_start, old_end, start, end;
  g_autofree char *old_text = NULL;

  span_of (self->report, self->index, &old_start, &old_end);
  if (self->text_read)
    {
      old_text = g_steal_pointer (&self->text);
      self->text_read = FALSE;
    }

  bulletin_check_report_unref (self->report);
  self->report = bulletin_check_report_ref (report);
  self->index = index;

  span_of (report, index, &start, &end);
  if (finding_of (self)->column != old_column)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_COLUMN]);
  if (start != old_start)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_START]);
  if (end != old_end)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_END]);
  if (old_text != NULL && g_strcmp0 (bulletin_finding_item_get_text (self), old_text) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_TEXT]);
}

/**
 * bulletin_finding_item_get_caption: (get-property caption)
 * @self: a #BulletinFindingItem
 *
 * Returns: the kind and the line, owned by the item
 */
const char *
bulletin_finding_item_get_caption (BulletinFindingItem *self)
{
  const BulletinFinding *f;

  g_return_val_if_fail (BULLETIN_IS_FINDING_ITEM (self), NULL);

  /* a kept item's kind and line never change (same_finding()) */
  f = finding_of (self);
  if (self->caption == NULL)
    /* TRANSLATORS: the kind of a finding and its line, under its message */
    self->caption = g_strdup_printf (_("%s · line %u"), bulletin_finding_kind_to_label (f->kind), f->line);
  return self->caption;
}

/**
 * bulletin_finding_item_get_text: (get-property text)
 * @self: a #BulletinFindingItem
 *
 * Returns: (nullable): the text the finding is about, owned by the item
 */
const char *
bulletin_finding_item_get_text (BulletinFindingItem *self)
{
  g_return_val_if_fail (BULLETIN_IS_FINDING_ITEM (self), NULL);

  if (!self->text_read)
    {
      self->text = bulletin_check_report_dup_range (self->report, self->index);
      self->text_read = TRUE;
    }
  return self->text;
}

/**
 * bulletin_finding_item_get_start: (get-property start)
 * @self: a #BulletinFindingItem
 *
 * Returns: the character offset of the finding's start
 */
guint
bulletin_finding_item_get_start (BulletinFindingItem *self)
{
  guint start, end;

  g_return_val_if_fail (BULLETIN_IS_FINDING_ITEM (self), 0);

  span_of (self->report, self->index, &start, &end);
  return start;
}

/**
 * bulletin_finding_item_get_end: (get-property end)
 * @self: a #BulletinFindingItem
 *
 * Returns: the character offset of the finding's end
 */
guint
bulletin_finding_item_get_end (BulletinFindingItem *self)
{
  guint start, end;

  g_return_val_if_fail (BULLETIN_IS_FINDING_ITEM (self), 0);

  span_of (self->report, self->index, &start, &end);
  return end;
}

#define DEFINE_GETTER(type, name, expr)                         \
  type                                                          \
  bulletin_finding_item_get_##name (BulletinFindingItem *self)  \
  {                                                             \
    g_return_val_if_fail (BULLETIN_IS_FINDING_ITEM (self), 0);  \
    return (expr);                                              \
  }

/**
 * bulletin_finding_item_get_kind: (get-property kind)
 * bulletin_finding_item_get_kind_name: (get-property kind-name)
 * bulletin_finding_item_get_message: (get-property message)
 * bulletin_finding_item_get_key: (get-property key)
 * bulletin_finding_item_get_suggestions: (get-property suggestions)
 * bulletin_finding_item_get_line: (get-property line)
 * bulletin_finding_item_get_column: (get-property column)
 *
 * The item's properties, owned by the item.
 */
DEFINE_GETTER (BulletinFindingKind, kind, finding_of (self)->kind)
DEFINE_GETTER (const char *, kind_name, bulletin_finding_kind_to_string (finding_of (self)->kind))
DEFINE_GETTER (const char *, message, finding_of (self)->message)
DEFINE_GETTER (const char *, key, finding_of (self)->key)
DEFINE_GETTER (const char * const *, suggestions, (const char * const *)finding_of (self)->suggestions)
DEFINE_GETTER (guint, line, finding_of (self)->line)
DEFINE_GETTER (guint, column, finding_of (self)->column)

#undef DEFINE_GETTER

struct _BulletinFindingsModel
{
  GObject              parent_instance;

  BulletinCheckReport *report;
  GPtrArray           *items;   /* one a finding: its item, or NULL until asked for */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BulletinFindingsModel, bulletin_findings_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return BULLETIN_TYPE_FINDING_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return BULLETIN_FINDINGS_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BulletinFindingsModel *self = BULLETIN_FINDINGS_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  if (self->items->pdata[position] == NULL)
    self->items->pdata[position] = bulletin_finding_item_new (self->report, position);
  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
bulletin_findings_model_finalize (GObject *object)
{
  BulletinFindingsModel *self = (BulletinFindingsModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->report, bulletin_check_report_unref);

  G_OBJECT_CLASS (bulletin_findings_model_parent_class)->finalize (object);
}

static void
bulletin_findings_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BulletinFindingsModel *self = BULLETIN_FINDINGS_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bulletin_findings_model_class_init (BulletinFindingsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_findings_model_finalize;
  object_class->get_property = bulletin_findings_model_get_property;

  /**
   * BulletinFindingsModel:n-items:
   *
   * How many findings the model holds.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
bulletin_findings_model_init (BulletinFindingsModel *self)
{
  self->items = g_ptr_array_new_with_free_func (unref_item);
}

/**
 * bulletin_findings_model_new:
 *
 * Returns: (transfer full): an empty model, until a report is set
 */
BulletinFindingsModel *
bulletin_findings_model_new (void)
{
  return g_object_new (BULLETIN_TYPE_FINDINGS_MODEL, NULL);
}

/* What a row shows, and what an action names it by: a finding that only
 * moved along its line keeps its item, so the row the user is reading
 * stays put. */
static gboolean
same_finding (const BulletinFinding *a,
              const BulletinFinding *b)
{
  static const char * const none[] = { NULL };

  return a->kind == b->kind && a->line == b->line &&
         g_str_equal (a->key, b->key) &&
         g_str_equal (a->message, b->message) &&
         g_strv_equal (a->suggestions ? (const char * const *)a->suggestions : none,
                       b->suggestions ? (const char * const *)b->suggestions : none);
}

typedef struct
{
  GPtrArray *old;
  GPtrArray *findings;
} FindingsDiff;

static gboolean
same_finding_at (guint    old_index,
                 guint    new_index,
                 gpointer user_data)
{
  FindingsDiff *d = user_data;

  return same_finding (d->old->pdata[old_index], d->findings->pdata[new_index]);
}

/**
 * bulletin_findings_model_set_report:
 * @self: a #BulletinFindingsModel
 * @report: (nullable): the newest report, or %NULL for none
 *
 * Shows @report's findings. The findings at the start and at the end
 * that did not change keep their items, and #GListModel::items-changed
 * names only the run between them, so that a list the user is reading
 * does not flicker on every pause in typing elsewhere. Linear in the
 * number of findings.
 */
void
bulletin_findings_model_set_report (BulletinFindingsModel *self,
                                    BulletinCheckReport   *report)
{
  GPtrArray *old, *findings;
  guint old_n, new_n, prefix, suffix;
  guint removed, added;

  g_return_if_fail (BULLETIN_IS_FINDINGS_MODEL (self));

  if (report == self->report)
    return;

  old = self->report != NULL ? self->report->findings : NULL;
  findings = report != NULL ? report->findings : NULL;
  old_n = self->items->len;
  new_n = findings != NULL ? findings->len : 0;

  bulletin_list_unchanged_ends (old_n, new_n, same_finding_at,
                                &(FindingsDiff) { old, findings }, &prefix, &suffix);
  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;

  /* the changed run's items are made when asked for */
  bulletin_list_replace_run (self->items, prefix, suffix, NULL, added);

  g_clear_pointer (&self->report, bulletin_check_report_unref);
  self->report = report != NULL ? bulletin_check_report_ref (report) : NULL;

  /* kept items take their new places before anyone hears of the change */
  for (guint i = 0; i < prefix; i++)
    if (self->items->pdata[i] != NULL)
      bulletin_finding_item_move (self->items->pdata[i], report, i);
  for (guint i = new_n - suffix; i < new_n; i++)
    if (self->items->pdata[i] != NULL)
      bulletin_finding_item_move (self->items->pdata[i], report, i);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * bulletin_findings_model_get_report:
 * @self: a #BulletinFindingsModel
 *
 * Returns: (nullable) (transfer none): the report shown, whose finding at
 *   a position is the model's item at that position
 */
BulletinCheckReport *
bulletin_findings_model_get_report (BulletinFindingsModel *self)
{
  g_return_val_if_fail (BULLETIN_IS_FINDINGS_MODEL (self), NULL);

  return self->report;
}
