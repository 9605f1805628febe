/* bulletin-findings-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-findings-model.h"

/* A check report's findings as a list model, one item a finding in the
 * report's order, so a list view builds rows only for what is on screen
 * and every finding stays reachable however many there are. The model
 * lives in the core so that tests reach it without a display. */

G_DEFINE_ENUM_TYPE (BulletinFindingKind, bulletin_finding_kind,
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_ACRONYM, "acronym"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_LINK, "link"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_LEFTOVER, "leftover"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_STRUCTURE, "structure"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_DATE, "date"),
  G_DEFINE_ENUM_VALUE (BULLETIN_FINDING_SPELLING, "spelling"))

struct _BulletinFindingItem
{
  GObject          parent_instance;

  BulletinFinding *finding;
  char            *caption;
  char            *text;
  guint            start;
  guint            end;
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

  g_clear_pointer (&self->finding, bulletin_finding_free);
  g_clear_pointer (&self->caption, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (bulletin_finding_item_parent_class)->finalize (object);
}

static void
bulletin_finding_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BulletinFindingItem *self = BULLETIN_FINDING_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_KIND:
      g_value_set_enum (value, self->finding->kind);
      break;

    case ITEM_PROP_KIND_NAME:
      g_value_set_string (value, bulletin_finding_kind_to_string (self->finding->kind));
      break;

    case ITEM_PROP_KIND_LABEL:
      g_value_set_string (value, bulletin_finding_kind_to_label (self->finding->kind));
      break;

    case ITEM_PROP_MESSAGE:
      g_value_set_string (value, self->finding->message);
      break;

    case ITEM_PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case ITEM_PROP_KEY:
      g_value_set_string (value, self->finding->key);
      break;

    case ITEM_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case ITEM_PROP_SUGGESTIONS:
      g_value_set_boxed (value, self->finding->suggestions);
      break;

    case ITEM_PROP_LINE:
      g_value_set_uint (value, self->finding->line);
      break;

    case ITEM_PROP_COLUMN:
      g_value_set_uint (value, self->finding->column);
      break;

    case ITEM_PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case ITEM_PROP_END:
      g_value_set_uint (value, self->end);
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
  const BulletinFinding *f = report->findings->pdata[index];

  self->finding = bulletin_finding_copy (f);
  /* TRANSLATORS: the kind of a finding and its line, under its message */
  self->caption = g_strdup_printf (_("%s · line %u"), bulletin_finding_kind_to_label (f->kind), f->line);
  self->text = bulletin_check_report_dup_range (report, index);
  span_of (report, index, &self->start, &self->end);

  return self;
}

/* The same finding at a new place: what moves as text is typed before
 * it on its line, or on lines before it without adding any. */
static void
bulletin_finding_item_move (BulletinFindingItem *self,
                            BulletinCheckReport *report,
                            guint                index)
{
  const BulletinFinding *f = report->findings->pdata[index];
  guint start, end;

  self->finding->offset = f->offset;
  self->finding->length = f->length;
  if (self->finding->column != f->column)
    {
      self->finding->column = f->column;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_COLUMN]);
    }

  span_of (report, index, &start, &end);
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_END]);
    }
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
 * bulletin_finding_item_get_caption: (get-property caption)
 * bulletin_finding_item_get_key: (get-property key)
 * bulletin_finding_item_get_text: (get-property text)
 * bulletin_finding_item_get_suggestions: (get-property suggestions)
 * bulletin_finding_item_get_line: (get-property line)
 * bulletin_finding_item_get_column: (get-property column)
 * bulletin_finding_item_get_start: (get-property start)
 * bulletin_finding_item_get_end: (get-property end)
 *
 * The item's properties, owned by the item.
 */
DEFINE_GETTER (BulletinFindingKind, kind, self->finding->kind)
DEFINE_GETTER (const char *, kind_name, bulletin_finding_kind_to_string (self->finding->kind))
DEFINE_GETTER (const char *, message, self->finding->message)
DEFINE_GETTER (const char *, caption, self->caption)
DEFINE_GETTER (const char *, key, self->finding->key)
DEFINE_GETTER (const char *, text, self->text)
DEFINE_GETTER (const char * const *, suggestions, (const char * const *)self->finding->suggestions)
DEFINE_GETTER (guint, line, self->finding->line)
DEFINE_GETTER (guint, column, self->finding->column)
DEFINE_GETTER (guint, start, self->start)
DEFINE_GETTER (guint, end, self->end)

#undef DEFINE_GETTER

struct _BulletinFindingsModel
{
  GObject              parent_instance;

  BulletinCheckReport *report;
  GPtrArray           *items;
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
bulletin_findings_model_init (BulletinFindingsModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
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
same_finding (BulletinFindingItem   *item,
              const BulletinFinding *b)
{
  const BulletinFinding *a = item->finding;
  static const char * const none[] = { NULL };

  return a->kind == b->kind && a->line == b->line &&
         g_str_equal (a->key, b->key) &&
         g_str_equal (a->message, b->message) &&
         g_strv_equal (a->suggestions ? (const char * const *)a->suggestions : none,
                       b->suggestions ? (const char * const *)b->suggestions : none);
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
  GPtrArray *findings;
  guint old_n, new_n, prefix = 0, suffix = 0;
  guint removed, added;
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (BULLETIN_IS_FINDINGS_MODEL (self));

  if (report == self->report)
    return;

  findings = report != NULL ? report->findings : NULL;
  old_n = self->items->len;
  new_n = findings != NULL ? findings->len : 0;

  while (prefix < MIN (old_n, new_n) &&
         same_finding (self->items->pdata[prefix], findings->pdata[prefix]))
    prefix++;
  while (suffix < MIN (old_n, new_n) - prefix &&
         same_finding (self->items->pdata[old_n - 1 - suffix], findings->pdata[new_n - 1 - suffix]))
    suffix++;
  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;

  items = g_ptr_array_new_full (new_n, g_object_unref);
  for (guint i = 0; i < prefix; i++)
    g_ptr_array_add (items, g_object_ref (self->items->pdata[i]));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, bulletin_finding_item_new (report, prefix + i));
  for (guint i = old_n - suffix; i < old_n; i++)
    g_ptr_array_add (items, g_object_ref (self->items->pdata[i]));

  g_clear_pointer (&self->report, bulletin_check_report_unref);
  self->report = report != NULL ? bulletin_check_report_ref (report) : NULL;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  /* kept items take their new places before anyone hears of the change */
  for (guint i = 0; i < prefix; i++)
    bulletin_finding_item_move (self->items->pdata[i], report, i);
  for (guint i = new_n - suffix; i < new_n; i++)
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
