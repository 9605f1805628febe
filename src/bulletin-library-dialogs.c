/* bulletin-library-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bulletin-library.h"
#include "bulletin-sections-model.h"

#include "bulletin-library-panel-private.h"

/* The library panel's questions: a section's name, a new category, and
 * a new section's name and category. Enter in the name answers. */

/* What a question was asked about and where its answer is: made when it
 * is asked, read when it is answered, freed with the dialog. The panel
 * may be gone by then (its window closed). */
typedef struct
{
  GWeakRef         panel;
  GtkEditable     *entry;       /* the dialog's */
  GtkComboBoxText *category;    /* the dialog's, for a new section */
  gint64           section_id;
  char            *body;        /* a new section's text */
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  Question *question = data;

  g_weak_ref_clear (&question->panel);
  g_free (question->body);
  g_free (question);
}

static Question *
question_new (BulletinLibraryPanel *self)
{
  Question *question = g_new0 (Question, 1);

  g_weak_ref_init (&question->panel, self);
  return question;
}

typedef void (*AnswerFunc) (AdwMessageDialog *dialog,
                            const char       *response,
                            Question         *question);

/* The dialog owns @question from now on. */
static void
wait_for_answer (GtkWidget  *dialog,
                 Question   *question,
                 AnswerFunc  answered)
{
  g_signal_connect_data (dialog, "response", G_CALLBACK (answered), question, question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
ask_for_name (BulletinLibraryPanel *self,
              Question             *question,
              const char           *heading,
              const char           *body,
              const char           *initial,
              const char           *response_label)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  question->entry = GTK_EDITABLE (entry);

  return dialog;
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Question         *question)
{
  g_autoptr(BulletinLibraryPanel) self = g_weak_ref_get (&question->panel);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));

  if (self != NULL && g_str_equal (response, "ok"))
    bulletin_library_panel_rename (self, question->section_id, name);
}

/* Asks for a section's new name, then renames it. */
void
bulletin_library_panel_ask_rename (BulletinLibraryPanel *self,
                                   gint64                section_id)
{
  g_autoptr(BulletinSectionItem) item = NULL;
  GListModel *sections = bulletin_library_panel_get_sections (self);
  Question *question;
  GtkWidget *dialog;

  for (guint i = 0; i < g_list_model_get_n_items (sections) && item == NULL; i++)
    {
      g_autoptr(BulletinSectionItem) candidate = g_list_model_get_item (sections, i);

      if (bulletin_section_item_get_id (candidate) == section_id)
        item = g_steal_pointer (&candidate);
    }
  if (item == NULL)
    return;

  question = question_new (self);
  question->section_id = section_id;
  dialog = ask_for_name (self, question, _("Rename Section"), NULL, bulletin_section_item_get_name (item), _("_Rename"));
  wait_for_answer (dialog, question, rename_response_cb);
}

static void
new_category_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          Question         *question)
{
  g_autoptr(BulletinLibraryPanel) self = g_weak_ref_get (&question->panel);
  g_autofree char *category = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));

  if (self != NULL && g_str_equal (response, "ok") && *category != '\0')
    bulletin_library_panel_recategorise (self, question->section_id, category);
}

/* Asks for a category's name, then moves the section there. */
void
bulletin_library_panel_ask_new_category (BulletinLibraryPanel *self,
                                         gint64                id)
{
  Question *question = question_new (self);
  GtkWidget *dialog;

  question->section_id = id;
  dialog = ask_for_name (self, question, _("New Category"), _("The section moves to the new category."), NULL, _("_Move"));
  wait_for_answer (dialog, question, new_category_response_cb);
}

static void
new_section_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Question         *question)
{
  g_autoptr(BulletinLibraryPanel) self = g_weak_ref_get (&question->panel);
  const char *body = question->body;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));
  g_autofree char *category = g_strstrip (gtk_combo_box_text_get_active_text (question->category));
  g_autofree char *unique = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  BulletinStore *store;
  AdwToast *done;
  gint64 id;

  if (self == NULL || !g_str_equal (response, "ok") ||
      (store = bulletin_library_panel_get_store (self)) == NULL)
    return;

  if (*name == '\0')
    {
      g_free (name);
      name = bulletin_library_suggest_name (body);
    }
  if (category == NULL || *category == '\0')
    {
      g_free (category);
      category = g_strdup (bulletin_library_category_name (BULLETIN_LIBRARY_DEFAULT_CATEGORY));
    }

  /* names are unique, ignoring case: never refuse the user's text for it */
  unique = g_strdup (name);
  for (guint n = 2; ; n++)
    {
      g_autoptr(BulletinSection) existing = bulletin_store_find_section (store, unique, NULL);

      if (existing == NULL)
        break;
      g_free (unique);
      unique = g_strdup_printf ("%s (%u)", name, n);
    }

  id = bulletin_store_add_section (store, unique, category, body, &error);
  if (id == 0)
    {
      bulletin_library_panel_report_error (self, _("The section could not be added"), error);
      return;
    }

  bulletin_library_panel_set_search (self, "");
  bulletin_library_panel_select_id (self, id);
  if (*body == '\0')
    bulletin_library_panel_set_editing (self, TRUE);

  /* Translators: the first %s is a section's name, the second its category */
  message = g_strdup_printf (_("“%s” added to %s"), unique, category);
  done = adw_toast_new (message);
  adw_toast_set_timeout (done, 4);
  bulletin_library_panel_toast (self, done);
}

/**
 * bulletin_library_panel_ask_new_section:
 * @self: a #BulletinLibraryPanel
 * @body: the new section's Markdown (may be empty)
 *
 * Asks for a name and a category, then adds the section and selects it.
 */
void
bulletin_library_panel_ask_new_section (BulletinLibraryPanel *self,
                                        const char           *body)
{
  g_autoptr(GPtrArray) all = NULL;
  g_auto(GStrv) categories = NULL;
  g_autofree char *name = NULL;
  BulletinStore *store;
  Question *question;
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkWidget *combo;
  GtkWidget *label;

  g_return_if_fail (BULLETIN_IS_LIBRARY_PANEL (self));
  g_return_if_fail (body != NULL);

  name = *body ? bulletin_library_suggest_name (body) : NULL;
  question = question_new (self);
  question->body = g_strdup (body);
  dialog = ask_for_name (self, question,
                         *body ? _("Add Selection to Library") : _("New Section"),
                         *body ? _("Keep this text as a section you can insert into any update.") : NULL,
                         name, _("_Add"));

  store = bulletin_library_panel_get_store (self);
  all = store != NULL ? bulletin_store_list_sections (store, NULL, NULL) : NULL;
  categories = bulletin_library_list_categories (all);
  combo = gtk_combo_box_text_new_with_entry ();
  for (guint i = 0, row = 0; categories[i] != NULL; i++)
    if (bulletin_library_category_rank (categories[i]) != 0)
      {
        gtk_combo_box_text_append_text (GTK_COMBO_BOX_TEXT (combo), categories[i]);
        if (bulletin_library_category_rank (categories[i])
            == bulletin_library_category_rank (BULLETIN_LIBRARY_DEFAULT_CATEGORY))
          gtk_combo_box_set_active (GTK_COMBO_BOX (combo), row);
        row++;
      }
  question->category = GTK_COMBO_BOX_TEXT (combo);

  /* the name entry made by ask_for_name() moves into a labelled grid */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  {
    GtkWidget *entry = GTK_WIDGET (question->entry);

    g_object_ref (entry);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
    gtk_widget_set_hexpand (entry, TRUE);
    gtk_grid_attach (GTK_GRID (grid), entry, 1, 0, 1, 1);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
    g_object_unref (entry);
  }
  label = gtk_label_new_with_mnemonic (_("C_ategory"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), combo, 1, 1, 1, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), combo);

  wait_for_answer (dialog, question, new_section_response_cb);
}

