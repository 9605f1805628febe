/* bulletin-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for every test program, with or without a display.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bulletin-test-util.h"

/**
 * bulletin_test_remove_tree:
 * @path: a scratch directory a test made
 *
 * Removes @path and everything below it, so tests leave nothing behind.
 * Symbolic links are removed, never followed.
 */
void
bulletin_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            bulletin_test_remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

/**
 * bulletin_test_fixture_path:
 * @name: a file in tests/data
 *
 * The weekly updates the tests read are the repository's own, so that a
 * clone on its own passes; tests/data/README.md says what each one holds.
 *
 * Returns: (transfer full): its path
 */
char *
bulletin_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/**
 * bulletin_test_read_fixture:
 * @name: a file in tests/data
 *
 * Returns: (transfer full): its contents; the test fails if it cannot be read
 */
char *
bulletin_test_read_fixture (const char *name)
{
  g_autofree char *path = bulletin_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
add_markdown_files (GPtrArray  *paths,
                    const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  /* README.md says what the fixtures hold; it is not one */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".md") && !g_str_equal (name, "README.md"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
}

static int
compare_basenames (gconstpointer a,
                   gconstpointer b)
{
  g_autofree char *name_a = g_path_get_basename (*(const char * const *)a);
  g_autofree char *name_b = g_path_get_basename (*(const char * const *)b);

  return strcmp (name_a, name_b);
}

/**
 * bulletin_test_export_fixtures:
 *
 * Every draft the exports are checked on: the Markdown files in
 * tests/data, so that a fixture added there is checked everywhere without
 * touching the tests.
 *
 * Returns: (transfer full) (element-type filename): their paths, sorted
 *   by file name
 */
GPtrArray *
bulletin_test_export_fixtures (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);

  add_markdown_files (paths, data);
  g_ptr_array_sort (paths, compare_basenames);
  /* every-construct.md and the three weekly updates */
  g_assert_cmpuint (paths->len, >=, 4);

  return paths;
}

static gboolean
is_header (const char *line,
           const char *name)
{
  gsize n = strlen (name);

  return g_ascii_strncasecmp (line, name, n) == 0 && line[n] == ':';
}

/**
 * bulletin_test_mask_eml:
 * @eml: an .eml export
 * @len: its length
 *
 * What changes from one export to the next: the Date and Message-ID
 * headers and the multipart boundary, each replaced by a fixed word, so
 * that two exports of the same draft compare equal byte for byte.
 *
 * Returns: (transfer full): the masked message
 */
char *
bulletin_test_mask_eml (const char *eml,
                        gsize       len)
{
  g_autofree char *copy = g_strndup (eml, len);
  g_autofree char *boundary = NULL;
  g_autofree char *masked = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GString) out = g_string_sized_new (len);
  const char *body = strstr (copy, "\r\n\r\n");
  const char *start;
  const char *end;
  gboolean masking = FALSE;

  g_assert_nonnull (body);
  body += 2;

  for (const char *line = copy; line < body;)
    {
      const char *eol = strstr (line, "\r\n");

      /* a folded header goes on a line starting with white space */
      if (line[0] != ' ' && line[0] != '\t')
        masking = is_header (line, "Date") || is_header (line, "Message-Id");
      if (!masking)
        g_string_append_len (out, line, eol + 2 - line);
      else if (line[0] != ' ' && line[0] != '\t')
        g_string_append_printf (out, "%.*s: (masked)\r\n", (int)(strchr (line, ':') - line), line);
      line = eol + 2;
    }
  g_string_append (out, body);
  masked = g_string_free (g_steal_pointer (&out), FALSE);

  /* the first boundary is "(boundary)"; a message with images has a
   * second one, "(boundary 2)" */
  for (guint n = 1;; n++)
    {
      g_autofree char *name = NULL;

      for (start = strstr (masked, "boundary=\""); start != NULL && start[10] == '(';
           start = strstr (start + 10, "boundary=\""))
        ;
      if (start == NULL || (end = strchr (start + 10, '"')) == NULL || end == start + 10)
        break;

      name = n == 1 ? g_strdup ("(boundary)") : g_strdup_printf ("(boundary %u)", n);
      boundary = g_strndup (start + 10, end - start - 10);
      pieces = g_strsplit (masked, boundary, -1);
      g_free (masked);
      masked = g_strjoinv (name, pieces);
      g_clear_pointer (&pieces, g_strfreev);
      g_clear_pointer (&boundary, g_free);
    }

  return g_steal_pointer (&masked);
}

/**
 * bulletin_test_count:
 * @haystack: a text
 * @needle: what to look for
 *
 * Returns: how many times @needle starts in @haystack (overlaps count)
 */
guint
bulletin_test_count (const char *haystack,
                     const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/**
 * bulletin_test_longest_line:
 * @text: a nul-terminated text
 * @skip_prefix: (nullable): lines starting with this are not counted
 *
 * Returns: the length in bytes of @text's longest line
 */
gsize
bulletin_test_longest_line (const char *text,
                            const char *skip_prefix)
{
  gsize longest = 0;

  for (const char *line = text; *line != '\0';)
    {
      const char *eol = strchr (line, '\n');

      if (eol == NULL)
        eol = line + strlen (line);
      if (skip_prefix == NULL || !g_str_has_prefix (line, skip_prefix))
        longest = MAX (longest, (gsize)(eol - line));
      line = *eol != '\0' ? eol + 1 : eol;
    }

  return longest;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  BulletinTestChanges *c = user_data;

  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

/* @changes must outlive @model, or its signal */
void
bulletin_test_watch_changes (GListModel          *model,
                             BulletinTestChanges *changes)
{
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * bulletin_test_iterate_until:
 * @cond: what to wait for
 * @data: for @cond
 *
 * Runs the default main context until @cond holds, and fails the test
 * after 20 s: under meson's 30 s, so that a wait that never ends fails
 * here, saying where. (UI tests have bulletin_test_wait_until().)
 */
void
bulletin_test_iterate_until (gboolean (*cond) (gpointer),
                             gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}
