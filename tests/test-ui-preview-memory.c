/* test-ui-preview-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typing must not cost memory that stays: every keystroke sends the
 * changed block to the web view, and what was sent must be freed once the
 * page has it; and the draft-sized buffers each keystroke makes and frees
 * must go back to the system, not stay in the heap. Under Xvfb, in the
 * real window.
 */

#include "config.h"

#include <malloc.h>
#include <string.h>

#include "bulletin-application.h"
#include "bulletin-test-ui.h"
#include "bulletin-window.h"

/* One paragraph this long (soft-wrapped, so GTK lays out short lines) is
 * one block: each keystroke at its end sends about this much HTML. */
#define PARAGRAPH_BYTES (256 * 1024)
#define KEYSTROKES 16

typedef struct
{
  BulletinPreview *preview;
  guint n_updates;
} UpdateWait;

static gboolean
preview_updated (gpointer data)
{
  UpdateWait *w = data;

  return bulletin_preview_get_n_updates (w->preview) > w->n_updates &&
         !bulletin_preview_get_busy (w->preview);
}

/* what the process's malloc heaps hold in use, every thread's arena */
static gsize
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}

static char *
long_paragraph_draft (void)
{
  static const char line[] =
    "The neighbourhood teams shared one care record this week and kept it up to date.\n";
  GString *s = g_string_new ("# Weekly update\n\nIntroduction.\n\n");

  while (s->len < PARAGRAPH_BYTES)
    g_string_append (s, line);
  /* the cursor goes at the end of the paragraph, before this */
  g_string_append (s, "\nClosing words.\n");

  return g_string_free (s, FALSE);
}

/* The checks of the text as it is, with the dictionary loaded and none
 * running: what they hold is then in "before" and "after" alike, not in
 * their difference (a check in flight at one reading and not the other
 * moved it by 1.4 MB on a loaded machine). */
static gboolean
checks_settled (gpointer data)
{
  BulletinWindow *window = data;
  BulletinChecker *checker = bulletin_test_window_checker (window);
  g_autoptr(GObject) spell = NULL;
  gboolean busy = TRUE;

  g_object_get (checker, "busy", &busy, "spell", &spell, NULL);
  return !busy && spell != NULL && bulletin_test_window_check_report (window) != NULL;
}

static void
test_typing_frees_patches (void)
{
  BulletinWindow *window = bulletin_window_new (NULL);
  GtkTextBuffer *buffer = bulletin_test_window_buffer (window);
  BulletinPreview *preview = bulletin_test_window_preview (window);
  g_autofree char *draft = long_paragraph_draft ();
  g_autofree char *shown = NULL;
  UpdateWait wait = { preview, 0 };
  GtkTextIter iter;
  gsize before, after;
  gsize sent = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  bulletin_preview_get_web_view (preview);
  bulletin_test_wait_for_preview (preview);

  gtk_text_buffer_set_text (buffer, draft, -1);
  bulletin_test_wait_for_preview (preview);

  /* at the end of the long paragraph, as an author adding to it */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_iter_backward_lines (&iter, 3);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);

  /* one keystroke first, so that whatever is made once (the cursor's
   * scrolling, a larger layout) is counted in "before" */
  wait.n_updates = bulletin_preview_get_n_updates (preview);
  gtk_text_buffer_insert_at_cursor (buffer, "!", 1);
  g_assert_true (bulletin_test_wait_until (preview_updated, &wait, BULLETIN_TEST_TIMEOUT_MS));
  bulletin_test_wait_for_preview (preview);
  g_assert_true (bulletin_test_wait_until (checks_settled, window, BULLETIN_TEST_TIMEOUT_MS));

  before = heap_in_use ();
  for (guint k = 0; k < KEYSTROKES; k++)
    {
      wait.n_updates = bulletin_preview_get_n_updates (preview);
      gtk_text_buffer_insert_at_cursor (buffer, "a", 1);
      /* each keystroke is patched on its own, none coalesced */
      g_assert_true (bulletin_test_wait_until (preview_updated, &wait, BULLETIN_TEST_TIMEOUT_MS));
      sent += PARAGRAPH_BYTES;
    }
  bulletin_test_wait_for_preview (preview);
  g_assert_true (bulletin_test_wait_until (checks_settled, window, BULLETIN_TEST_TIMEOUT_MS));
  after = heap_in_use ();

  /* the page does show the typing */
  shown = bulletin_test_preview_text (preview);
  g_assert_nonnull (strstr (shown, "up to date.!aaaaaaaaaaaaaaaa"));

  g_test_message ("heap in use: %zu before, %zu after %d keystrokes that sent %zu bytes",
                  before, after, KEYSTROKES, sent);
  /* Keeping each patch would keep all of @sent (4 MB); a quarter of it
   * leaves room for the allocator's and WebKit's own noise. */
  g_assert_cmpuint (after, <, before + sent / 4);

  gtk_text_buffer_set_modified (buffer, FALSE);
  bulletin_test_destroy_window (GTK_WINDOW (window));
}

/* What a keystroke in a long draft does to the heap: a draft-sized
 * buffer freed (the last keystroke's), then another one made. Each must
 * be a mapping of its own that is gone once freed; glibc's default is to
 * serve the second from the heap, which keeps its space afterwards. */
static void
test_big_buffers_go_back (void)
{
  const gsize big = 8 * 1024 * 1024;
  const gsize draft = 1024 * 1024;
  char *buffer;
  gsize before, during, after;

  buffer = g_malloc (big);
  memset (buffer, 'a', big);
  g_free (buffer);

  before = mallinfo2 ().hblkhd;
  buffer = g_malloc (draft);
  memset (buffer, 'b', draft);
  during = mallinfo2 ().hblkhd;
  g_free (buffer);
  after = mallinfo2 ().hblkhd;

  g_test_message ("mapped: %zu before, %zu with a 1 MB buffer, %zu once it is freed",
                  before, during, after);
  g_assert_cmpuint (during, >=, before + draft);
  g_assert_cmpuint (after + draft, <=, during);
}

/* The previews share a web context of their own, made with a memory
 * limit (see get_web_context() in bulletin-preview.c): the default one
 * would leave the web process to grow with every keystroke's patch. */
static void
test_previews_share_limited_context (void)
{
  BulletinWindow *first = bulletin_window_new (NULL);
  BulletinWindow *second = bulletin_window_new (NULL);
  WebKitWebView *first_view, *second_view;

  gtk_window_present (GTK_WINDOW (first));
  gtk_window_present (GTK_WINDOW (second));
  first_view = bulletin_preview_get_web_view (bulletin_test_window_preview (first));
  second_view = bulletin_preview_get_web_view (bulletin_test_window_preview (second));
  bulletin_test_wait_for_preview (bulletin_test_window_preview (first));
  bulletin_test_wait_for_preview (bulletin_test_window_preview (second));

  g_assert_true (webkit_web_view_get_context (first_view) == webkit_web_view_get_context (second_view));
  g_assert_true (webkit_web_view_get_context (first_view) != webkit_web_context_get_default ());

  bulletin_test_destroy_window (GTK_WINDOW (first));
  bulletin_test_destroy_window (GTK_WINDOW (second));
}

int
main (int   argc,
      char *argv[])
{
  /* as the application's main() does */
  bulletin_application_tune_malloc ();
  bulletin_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/preview/big-buffers-go-back", test_big_buffers_go_back);
  g_test_add_func ("/ui/preview/typing-frees-patches", test_typing_frees_patches);
  g_test_add_func ("/ui/preview/previews-share-limited-context", test_previews_share_limited_context);

  return g_test_run ();
}
