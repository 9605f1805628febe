/* test-ui-preview-processes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two windows' previews share one web process (about 50 MB each), and
 * still each hears only its own page's links. A program of its own, so
 * no web process of an earlier test is counted. Under Xvfb, in the real
 * windows.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "bulletin-test-ui.h"
#include "bulletin-window.h"

/* this process's children that are WebKit web processes */
static guint
count_web_processes (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *open, *close;
      int ppid;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* pid (comm) state ppid ...; comm may hold spaces, not parentheses
       * at its end */
      open = strchr (stat, '(');
      close = strrchr (stat, ')');
      if (open == NULL || close == NULL || sscanf (close + 1, " %*c %d", &ppid) != 1)
        continue;
      if (ppid == getpid () &&
          g_str_has_prefix (open + 1, "WebKitWebProces"))
        n++;
    }

  return n;
}

static gboolean
record_link_cb (BulletinPreview *preview,
                const char      *uri,
                char           **out)
{
  g_free (*out);
  *out = g_strdup (uri);
  return TRUE;
}

static gboolean
link_recorded (gpointer data)
{
  return *(char **)data != NULL;
}

static BulletinWindow *
window_with_link (const char *uri)
{
  BulletinWindow *window = bulletin_window_new (NULL);
  BulletinPreview *preview = bulletin_test_window_preview (window);
  g_autofree char *md = g_strdup_printf ("# Weekly update\n\nSee [the page](%s).\n", uri);
  g_autofree char *text = NULL;

  gtk_window_present (GTK_WINDOW (window));
  bulletin_preview_get_web_view (preview);
  bulletin_test_wait_for_preview (preview);
  gtk_text_buffer_set_text (bulletin_test_window_buffer (window), md, -1);
  bulletin_test_wait_for_preview (preview);
  text = bulletin_test_preview_text (preview);
  g_assert_nonnull (strstr (text, "the page"));

  return window;
}

/* clicks the page's link; returns what each preview reported */
static void
click_link (BulletinWindow  *window,
            BulletinPreview *first,
            char           **first_link,
            BulletinPreview *second,
            char           **second_link)
{
  BulletinPreview *preview = bulletin_test_window_preview (window);
  g_autofree char *ignored = NULL;

  g_clear_pointer (first_link, g_free);
  g_clear_pointer (second_link, g_free);
  if (first != NULL)
    g_signal_connect (first, "activate-link", G_CALLBACK (record_link_cb), first_link);
  g_signal_connect (second, "activate-link", G_CALLBACK (record_link_cb), second_link);

  ignored = bulletin_test_eval_js (bulletin_preview_get_web_view (preview),
                                   "document.querySelector('a').click(); ''");
  g_assert_true (bulletin_test_wait_until (link_recorded,
                                           preview == second ? (gpointer)second_link : (gpointer)first_link,
                                           BULLETIN_TEST_TIMEOUT_MS));
  /* what reaches one preview reaches any other in the same turn of the
   * main loop, as both handlers hang off the one content manager */
  bulletin_test_wait_queued ();

  if (first != NULL)
    g_signal_handlers_disconnect_by_func (first, record_link_cb, first_link);
  g_signal_handlers_disconnect_by_func (second, record_link_cb, second_link);
}

static gboolean
preview_shows_link (gpointer data)
{
  BulletinPreview *preview = data;
  g_autofree char *text = NULL;

  if (bulletin_preview_get_busy (preview))
    return FALSE;
  text = bulletin_test_eval_js (bulletin_preview_get_web_view (preview),
                                "document.body ? document.body.innerText : ''");
  return strstr (text, "the page") != NULL;
}

static void
test_windows_share_web_process (void)
{
  BulletinWindow *first = window_with_link ("https://example.org/first");
  BulletinWindow *second = window_with_link ("https://example.org/second");
  BulletinPreview *first_preview = bulletin_test_window_preview (first);
  BulletinPreview *second_preview = bulletin_test_window_preview (second);
  g_autofree char *first_link = NULL;
  g_autofree char *second_link = NULL;

  /* both pages painted: one web process serves them */
  g_assert_cmpuint (count_web_processes (), ==, 1);

  /* each preview hears its own page's link, and only that */
  click_link (second, first_preview, &first_link, second_preview, &second_link);
  g_assert_cmpstr (second_link, ==, "https://example.org/second");
  g_assert_null (first_link);

  click_link (first, first_preview, &first_link, second_preview, &second_link);
  g_assert_cmpstr (first_link, ==, "https://example.org/first");
  g_assert_null (second_link);

  /* the shared process ends: both previews show their drafts again, and
   * hear their links */
  g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "*web process ended*");
  g_test_expect_message ("Bulletin", G_LOG_LEVEL_WARNING, "*web process ended*");
  webkit_web_view_terminate_web_process (bulletin_preview_get_web_view (second_preview));
  g_assert_true (bulletin_test_wait_until (preview_shows_link, first_preview, BULLETIN_TEST_TIMEOUT_MS));
  g_assert_true (bulletin_test_wait_until (preview_shows_link, second_preview, BULLETIN_TEST_TIMEOUT_MS));
  g_test_assert_expected_messages ();
  click_link (first, first_preview, &first_link, second_preview, &second_link);
  g_assert_cmpstr (first_link, ==, "https://example.org/first");
  g_assert_null (second_link);

  /* the first window closed, the second's preview still hears its links */
  gtk_text_buffer_set_modified (bulletin_test_window_buffer (first), FALSE);
  bulletin_test_destroy_window (GTK_WINDOW (first));
  click_link (second, NULL, &first_link, second_preview, &second_link);
  g_assert_cmpstr (second_link, ==, "https://example.org/second");

  gtk_text_buffer_set_modified (bulletin_test_window_buffer (second), FALSE);
  bulletin_test_destroy_window (GTK_WINDOW (second));
}

int
main (int   argc,
      char *argv[])
{
  bulletin_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/preview/windows-share-web-process", test_windows_share_web_process);

  return g_test_run ();
}
