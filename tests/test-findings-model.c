/* test-findings-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The check report's findings as a list model (issue 15): one item a
 * finding, in the report's order and with its properties, however many
 * there are; a new report changes only the items that changed, and says
 * so with items-changed.
 */

#include "config.h"

#include <string.h>

#include "bulletin-findings-model.h"
#include "bulletin-test-util.h"

static BulletinCheckReport *
links_report (const char *text)
{
  BulletinCheckOptions opts = { 0 };

  opts.kinds = BULLETIN_CHECK_LINKS | BULLETIN_CHECK_LEFTOVERS;
  return bulletin_check_report_new (text, strlen (text), &opts);
}

/* @n paragraphs, each with a vague link of its own address */
static char *
vague_links (guint n)
{
  GString *text = g_string_new ("# Weekly update\n\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "Item %u: read about it [here](https://example.org/%u).\n\n", i, i);
  return g_string_free (text, FALSE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static BulletinFindingItem *
item_at (BulletinFindingsModel *model,
         guint                  position)
{
  BulletinFindingItem *item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  /* the model holds its own reference */
  g_object_unref (item);
  return item;
}

static void
assert_mirrors (BulletinFindingsModel *model,
                BulletinCheckReport   *report)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, report->findings->len);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), report->findings->len));

  for (guint i = 0; i < report->findings->len; i++)
    {
      const BulletinFinding *f = report->findings->pdata[i];
      const BulletinCheckSpan *span = &g_array_index (report->spans, BulletinCheckSpan, i);
      BulletinFindingItem *item = item_at (model, i);
      g_autofree char *range = bulletin_check_report_dup_range (report, i);
      g_autofree char *message = NULL;
      g_autofree char *caption = NULL;
      g_autofree char *kind_name = NULL;
      g_autofree char *text = NULL;
      g_autofree char *line_part = g_strdup_printf ("line %u", f->line);
      BulletinFindingKind kind;
      guint line, start, end;

      g_object_get (item,
                    "kind", &kind,
                    "kind-name", &kind_name,
                    "message", &message,
                    "caption", &caption,
                    "text", &text,
                    "line", &line,
                    "start", &start,
                    "end", &end,
                    NULL);
      g_assert_cmpint (kind, ==, f->kind);
      g_assert_cmpstr (kind_name, ==, bulletin_finding_kind_to_string (f->kind));
      g_assert_cmpstr (message, ==, f->message);
      g_assert_cmpstr (bulletin_finding_item_get_key (item), ==, f->key);
      g_assert_cmpstr (text, ==, range);
      g_assert_cmpuint (line, ==, f->line);
      g_assert_cmpuint (bulletin_finding_item_get_column (item), ==, f->column);
      g_assert_cmpuint (start, ==, span->start);
      g_assert_cmpuint (end, ==, span->end);
      g_assert_true (g_str_has_prefix (caption, bulletin_finding_kind_to_label (f->kind)));
      g_assert_nonnull (strstr (caption, line_part));
    }
}

static void
test_mirrors_report (void)
{
  g_autoptr(BulletinFindingsModel) model = bulletin_findings_model_new ();
  g_autoptr(BulletinCheckReport) report = links_report ("# Weekly update\n\n"
                                                        "Read the plan [here](https://example.org/plan).\n\n"
                                                        "TODO: thank the volunteers.\n\n"
                                                        "See [the minutes](http://example.org/minutes).\n");

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == BULLETIN_TYPE_FINDING_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  bulletin_findings_model_set_report (model, report);
  g_assert_true (bulletin_findings_model_get_report (model) == report);
  g_assert_cmpuint (report->findings->len, >=, 3);
  assert_mirrors (model, report);
  g_assert_cmpstr (bulletin_finding_item_get_text (item_at (model, 0)), ==, "here");
}

/* The checks panel showed 300 findings and a "more" row; the model has
 * every one. */
static void
test_no_cap (void)
{
  g_autoptr(BulletinFindingsModel) model = bulletin_findings_model_new ();
  g_autofree char *text = vague_links (1200);
  g_autoptr(BulletinCheckReport) report = links_report (text);
  BulletinFindingItem *last;
  guint n_items = 0;

  bulletin_findings_model_set_report (model, report);
  g_assert_cmpuint (report->findings->len, ==, 1200);
  g_object_get (model, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 1200);
  assert_mirrors (model, report);

  last = item_at (model, 1199);
  g_assert_cmpuint (bulletin_finding_item_get_line (last), ==, 3 + 2 * 1199);
  g_assert_cmpstr (bulletin_finding_item_get_key (last), ==, "link:vague:https://example.org/1200");
}

static void
test_updates (void)
{
  g_autoptr(BulletinFindingsModel) model = bulletin_findings_model_new ();
  g_autofree char *text = vague_links (5);
  g_autoptr(BulletinCheckReport) first = links_report (text);
  g_autoptr(BulletinCheckReport) same = links_report (text);
  g_autoptr(BulletinCheckReport) inserted = NULL;
  g_autoptr(BulletinCheckReport) moved = NULL;
  g_autoptr(BulletinCheckReport) fewer = NULL;
  g_autoptr(GString) edit = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  BulletinTestChanges c = { 0 };
  guint notified_n = 0;
  const char *at;

  bulletin_test_watch_changes (G_LIST_MODEL (model), &c);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (count_notify_cb), &notified_n);

  bulletin_findings_model_set_report (model, first);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 5);
  g_assert_cmpuint (notified_n, ==, 1);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (kept, g_object_ref (item_at (model, i)));

  /* the same findings again: nothing changes, and no row is rebuilt */
  bulletin_findings_model_set_report (model, same);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpuint (notified_n, ==, 1);
  for (guint i = 0; i < 5; i++)
    g_assert_true (item_at (model, i) == kept->pdata[i]);
  assert_mirrors (model, same);

  /* a new finding on the third item's line: one item added there, the
   * others kept */
  edit = g_string_new (text);
  at = strstr (edit->str, "Item 3:");
  g_string_insert (edit, at - edit->str, "TODO ");
  inserted = links_report (edit->str);
  g_assert_cmpuint (inserted->findings->len, ==, 6);
  bulletin_findings_model_set_report (model, inserted);
  g_assert_cmpuint (c.calls, ==, 2);
  g_assert_cmpuint (c.position, ==, 2);
  g_assert_cmpuint (c.removed, ==, 0);
  g_assert_cmpuint (c.added, ==, 1);
  g_assert_cmpuint (notified_n, ==, 2);
  assert_mirrors (model, inserted);
  g_assert_true (item_at (model, 0) == kept->pdata[0]);
  g_assert_true (item_at (model, 1) == kept->pdata[1]);
  /* the kept third link moved along its line, and says where it is now */
  g_assert_true (item_at (model, 3) == kept->pdata[2]);
  g_assert_true (item_at (model, 5) == kept->pdata[4]);
  g_assert_cmpuint (bulletin_finding_item_get_start (item_at (model, 3)), ==,
                    g_array_index (inserted->spans, BulletinCheckSpan, 3).start);

  /* text typed before a finding on its line moves it without a change */
  g_string_insert (edit, strstr (edit->str, "Item 1:") - edit->str, "The first ");
  moved = links_report (edit->str);
  bulletin_findings_model_set_report (model, moved);
  g_assert_cmpuint (c.calls, ==, 2);
  assert_mirrors (model, moved);
  g_assert_true (item_at (model, 0) == kept->pdata[0]);

  /* the last link fixed: only it goes */
  g_string_replace (edit, "[here](https://example.org/5)", "[the fifth report](https://example.org/5)", 1);
  fewer = links_report (edit->str);
  bulletin_findings_model_set_report (model, fewer);
  g_assert_cmpuint (c.calls, ==, 3);
  g_assert_cmpuint (c.position, ==, 5);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (c.added, ==, 0);
  assert_mirrors (model, fewer);

  /* no report: empty */
  bulletin_findings_model_set_report (model, NULL);
  g_assert_cmpuint (c.calls, ==, 4);
  g_assert_cmpuint (c.position, ==, 0);
  g_assert_cmpuint (c.removed, ==, 5);
  g_assert_cmpuint (c.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (bulletin_findings_model_get_report (model));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/findings-model/mirrors-report", test_mirrors_report);
  g_test_add_func ("/findings-model/no-cap", test_no_cap);
  g_test_add_func ("/findings-model/updates", test_updates);

  return g_test_run ();
}
