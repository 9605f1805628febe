/* bulletin-window-diary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fill Next Week's Diary (win.fill-diary): the events of the week after
 * the draft's, from an iCalendar file, ticked in a picker and put under
 * "What’s happening next week?". Which events, and where they go, is the
 * core's (bulletin-diary.c); this file asks for the file, reads it off
 * the main thread and shows the choice.
 *
 * The calendar is the file set in the calendar-file preference when
 * there is one, read afresh each time (an office re-exports it), else
 * one chosen each time; the picker's "Read this calendar each time" sets
 * or clears the preference.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bulletin-clock.h"
#include "bulletin-diary.h"
#include "bulletin-library.h"
#include "bulletin-settings.h"
#include "bulletin-template.h"
#include "bulletin-window-private.h"

typedef struct
{
  GFile     *file;
  GDateTime *week_ending;
  char      *owner;
  gboolean   from_preferences;
} DiaryRequest;

static void
diary_request_free (DiaryRequest *request)
{
  g_clear_object (&request->file);
  g_clear_pointer (&request->week_ending, g_date_time_unref);
  g_free (request->owner);
  g_free (request);
}

static void start_load (BulletinWindow *self,
                        GFile          *file,
                        gboolean        from_preferences);
static void choose_file (BulletinWindow *self);

/* The calendar-file preference's value for @file: a path when it has
 * one, else its URI */
static char *
preference_value (GFile *file)
{
  char *path = g_file_get_path (file);

  return path != NULL ? path : g_file_get_uri (file);
}

/* A bullet's Markdown as the picker shows it: the calendar's own text,
 * without the escapes that keep it text in the draft */
static char *
shown_text (const char *bullet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = bullet; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* "Monday 7 December to Sunday 13 December": the whole week the diary
 * reads, weekend included */
static char *
describe_week (GDateTime *week_ending)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next_monday = NULL;
  g_autoptr(GDateTime) sunday = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  bulletin_diary_next_week (week_ending, &monday, &next_monday);
  sunday = g_date_time_add_days (monday, 6);
  first = bulletin_template_format_day_month (monday, NULL);
  last = bulletin_template_format_day_month (sunday, NULL);

  /* Translators: a week, e.g. "Monday 7 December to Sunday 13 December" */
  return g_strdup_printf (_("%s to %s"), first, last);
}

/* Replaces only what differs between @old and @new, as one undo step,
 * so the cursor, marks and the rest of the undo history stay where they
 * were. */
static void
replace_changed_part (BulletinWindow *self,
                      const char     *old,
                      const char     *new)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gsize old_len = strlen (old);
  gsize new_len = strlen (new);
  gsize prefix = 0;
  gsize suffix = 0;
  GtkTextIter start, end;

  while (prefix < old_len && prefix < new_len && old[prefix] == new[prefix])
    prefix++;
  /* back to the start of a character */
  while (prefix > 0 && (old[prefix] & 0xc0) == 0x80)
    prefix--;
  while (suffix < old_len - prefix && suffix < new_len - prefix
         && old[old_len - 1 - suffix] == new[new_len - 1 - suffix])
    suffix++;
  while (suffix > 0 && (old[old_len - suffix] & 0xc0) == 0x80)
    suffix--;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, g_utf8_strlen (old, prefix));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, g_utf8_strlen (old, old_len - suffix));
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, new + prefix, new_len - prefix - suffix);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_end_user_action (buffer);

  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->source_view),
                                      gtk_text_buffer_get_insert (buffer));
}

static void
insert_bullets (BulletinWindow     *self,
                const char * const *bullets,
                guint               n_bullets)
{
  g_autofree char *text = bulletin_window_dup_text (self);
  g_autofree char *template_text = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *message = NULL;

  template_text = bulletin_library_dup_weekly_template (bulletin_window_get_store (self, NULL), NULL);
  filled = bulletin_diary_insert (text, bullets, template_text);

  if (g_str_equal (filled, text))
    {
      bulletin_window_add_toast (self, _("Those events are in next week’s diary already"));
      return;
    }

  replace_changed_part (self, text, filled);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u event put in next week’s diary",
                                          "%u events put in next week’s diary",
                                          n_bullets),
                             n_bullets);
  bulletin_window_add_toast (self, message);
}

/* One event offered: its box, and the bullet it puts in the draft with
 * and without its times. */
typedef struct
{
  GtkCheckButton *check;   /* the dialog's */
  char           *bullet;
  char           *timed;
} PickerEvent;

static void
picker_event_free (PickerEvent *event)
{
  g_free (event->bullet);
  g_free (event->timed);
  g_free (event);
}

/* The picker's question: the calendar it read, and its boxes. Freed
 * with the dialog. */
typedef struct
{
  DiaryRequest   *request;
  GPtrArray      *events;    /* PickerEvent */
  GtkCheckButton *remember;  /* the dialog's */
  GtkCheckButton *times;     /* the dialog's */
} Picker;

static void
picker_free (gpointer  data,
             GClosure *closure)
{
  Picker *picker = data;

  diary_request_free (picker->request);
  g_ptr_array_unref (picker->events);
  g_free (picker);
}

static const char *
event_text (Picker      *picker,
            PickerEvent *event)
{
  return gtk_check_button_get_active (picker->times) ? event->timed : event->bullet;
}

static void
picker_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Picker           *picker)
{
  BulletinWindow *self = BULLETIN_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  DiaryRequest *request = picker->request;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) bullets = NULL;
  guint n = 0;

  if (self == NULL)
    return;

  if (g_str_equal (response, "other"))
    {
      choose_file (self);
      return;
    }
  if (!g_str_equal (response, "insert"))
    return;

  if (gtk_check_button_get_active (picker->remember))
    {
      g_autofree char *value = preference_value (request->file);

      g_settings_set_string (self->settings, "calendar-file", value);
    }
  else if (request->from_preferences)
    {
      g_settings_reset (self->settings, "calendar-file");
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < picker->events->len; i++)
    {
      PickerEvent *event = picker->events->pdata[i];

      if (gtk_check_button_get_active (event->check))
        {
          g_strv_builder_add (builder, event_text (picker, event));
          n++;
        }
    }
  bullets = g_strv_builder_end (builder);

  if (n == 0)
    return;

  insert_bullets (self, (const char * const *) bullets, n);
}

/* Each event's label follows "Include the times" */
static void
times_toggled_cb (GtkCheckButton *times,
                  Picker         *picker)
{
  for (guint i = 0; i < picker->events->len; i++)
    {
      PickerEvent *event = picker->events->pdata[i];
      g_autofree char *label = shown_text (event_text (picker, event));

      gtk_check_button_set_label (event->check, label);
    }
}

static void
show_picker (BulletinWindow *self,
             DiaryRequest   *request,
             GPtrArray      *events)
{
  g_autofree char *name = NULL;
  g_autofree char *week = NULL;
  Picker *picker;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *list;
  GtkWidget *remember;
  GtkWidget *times;

  name = g_file_get_basename (request->file);
  week = describe_week (request->week_ending);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Next Week’s Diary"), NULL);
  /* Translators: the first %s is a week such as "Monday 7 December to
   * Sunday 13 December", the second a file name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Tick the events of %s to put under “What’s happening next week?”, "
                                    "from “%s”. Private, cancelled and declined events are left out."),
                                  week, name);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  picker = g_new0 (Picker, 1);
  picker->request = request;
  picker->events = g_ptr_array_new_with_free_func ((GDestroyNotify) picker_event_free);
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *bullet = bulletin_diary_format_event (events->pdata[i], BULLETIN_DIARY_FORMAT_DEFAULT, NULL);
      g_autofree char *timed = bulletin_diary_format_event (events->pdata[i], BULLETIN_DIARY_FORMAT_TIMES, NULL);
      g_autofree char *label = shown_text (bullet);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      PickerEvent *event = g_new0 (PickerEvent, 1);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_name (check, "diary-event");
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      event->check = GTK_CHECK_BUTTON (check);
      event->bullet = g_steal_pointer (&bullet);
      event->timed = g_steal_pointer (&timed);
      gtk_list_box_append (GTK_LIST_BOX (list), check);
      g_ptr_array_add (picker->events, event);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  remember = gtk_check_button_new_with_mnemonic (_("_Read this calendar each time"));
  gtk_widget_set_name (remember, "diary-remember");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (remember), request->from_preferences);
  picker->remember = GTK_CHECK_BUTTON (remember);

  times = gtk_check_button_new_with_mnemonic (_("Include the _times"));
  gtk_widget_set_name (times, "diary-times");
  picker->times = GTK_CHECK_BUTTON (times);
  g_signal_connect (times, "toggled", G_CALLBACK (times_toggled_cb), picker);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), times);
  gtk_box_append (GTK_BOX (box), remember);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (request->from_preferences)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "other", _("_Other Calendar…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "insert", _("_Put in Draft"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "insert", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "insert");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  /* the picker goes with the dialog, whose boxes it reads */
  g_signal_connect_data (dialog, "response", G_CALLBACK (picker_response_cb), picker, picker_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiaryRequest *request = task_data;
  GError *error = NULL;
  GPtrArray *events;

  events = bulletin_diary_load (request->file, request->week_ending, request->owner, cancellable, &error);
  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BulletinWindow *self = BULLETIN_WINDOW (source_object);
  DiaryRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = g_task_propagate_pointer (G_TASK (result), &error);
  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bulletin_window_show_error (self, _("The Calendar Could Not Be Read"), error->message);
      return;
    }

  if (events->len == 0)
    {
      g_autofree char *week = describe_week (request->week_ending);
      g_autofree char *message = NULL;

      /* Translators: %s is a week such as "Monday 7 December to Sunday
       * 13 December" */
      message = g_strdup_printf (_("The calendar has no events from %s"), week);
      bulletin_window_add_toast (self, message);
      return;
    }

  /* the picker outlives the task: it takes its own copy */
  {
    DiaryRequest *copy = g_new0 (DiaryRequest, 1);

    copy->file = g_object_ref (request->file);
    copy->week_ending = g_date_time_ref (request->week_ending);
    copy->owner = g_strdup (request->owner);
    copy->from_preferences = request->from_preferences;
    show_picker (self, copy, events);
  }
}

static void
start_load (BulletinWindow *self,
            GFile          *file,
            gboolean        from_preferences)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = bulletin_window_dup_text (self);
  BulletinTemplateContext ctx;
  DiaryRequest *request;

  bulletin_settings_fill_template_context (self->settings, &ctx);

  request = g_new0 (DiaryRequest, 1);
  request->file = g_object_ref (file);
  /* the week the draft's title names, as the checks take it */
  request->week_ending = bulletin_diary_week_ending_of (text, ctx.today, ctx.week_ends_on);
  /* the core takes "Name <address>" as well as the bare address */
  request->owner = g_settings_get_string (self->settings, "sender-email");
  request->from_preferences = from_preferences;
  bulletin_settings_clear_template_context (&ctx);

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, request, (GDestroyNotify) diary_request_free);
  g_task_run_in_thread (task, load_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  BulletinWindow *self = BULLETIN_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        start_load (self, file, FALSE);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (BulletinWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) calendars = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) everything = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Calendar"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  gtk_file_filter_set_name (calendars, _("Calendars (.ics)"));
  gtk_file_filter_add_pattern (calendars, "*.ics");
  gtk_file_filter_add_pattern (calendars, "*.ICS");
  gtk_file_filter_add_mime_type (calendars, "text/calendar");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), calendars);
  gtk_file_filter_set_name (everything, _("All Files"));
  gtk_file_filter_add_pattern (everything, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
fill_diary_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BulletinWindow *self = BULLETIN_WINDOW (widget);
  g_autofree char *path = NULL;

  /* a damaged draft, shown read-only until it is restored, disables
   * this action (bulletin-window-actions.c) */
  /* read each time: Preferences may have changed since */
  path = g_settings_get_string (self->settings, "calendar-file");
  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      start_load (self, file, TRUE);
      return;
    }

  choose_file (self);
}

void
bulletin_window_class_init_diary (BulletinWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.fill-diary", NULL, fill_diary_action);
}
