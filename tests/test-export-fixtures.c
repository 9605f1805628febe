/* test-export-fixtures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fixture (the Markdown files in tests/data) through every export,
 * compared byte for byte with the golden files in tests/golden, and
 * checked for the properties an email must have whatever the draft.
 *
 * After a deliberate change to an export, regenerate the golden files,
 * read the diff as a recipient would, and commit it:
 *
 *   BULLETIN_UPDATE_GOLDEN=1 meson test -C _build test-export-fixtures
 *   git diff tests/golden
 *
 * The .eml golden files have the headers that change with every export
 * (Date, Message-ID) and the multipart boundary masked.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bulletin-export.h"
#include "bulletin-markdown.h"
#include "bulletin-test-util.h"
#include "bulletin-text.h"

#define FROM "Fiona Kerr <fiona.kerr@brookfield.test>"
#define TO   "leaders@brookfield.test, ceo@brookfield.test"

typedef struct
{
  char *name;
  char *markdown;
  gsize len;
  GFile *folder;    /* images with a relative address are read from here */
} Fixture;

static void
fixture_free (Fixture *f)
{
  g_free (f->name);
  g_free (f->markdown);
  g_clear_object (&f->folder);
  g_free (f);
}

static char *
export (Fixture              *f,
        BulletinExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean eml = format == BULLETIN_EXPORT_EML;

  g_auto(GStrv) warnings = NULL;

  /* as `bulletin --export` does: the fixtures' images are all there */
  bytes = bulletin_export_render_with_base (format, f->markdown, f->len, eml ? FROM : NULL, eml ? TO : NULL,
                                            f->folder, NULL, &warnings, &error);
  g_assert_no_error (error);
  g_assert_null (warnings);
  if (eml)
    return bulletin_test_mask_eml (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Shows what changed as a unified diff on stderr, where meson test
 * --print-errorlogs shows it, so a failure can be judged at once. */
static void
print_diff (const char *golden_path,
            const char *actual)
{
  g_autofree char *actual_path = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_file_open_tmp ("bulletin-golden-XXXXXX", &actual_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (actual_path, actual, -1, NULL));

  {
    const char *argv[] = { "diff", "-u", golden_path, actual_path, NULL };

    if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      &output, NULL, NULL, &error))
      {
        g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

        for (guint i = 0; lines[i] != NULL && i < 400; i++)
          g_printerr ("%s\n", lines[i]);
      }
    else
      g_printerr ("diff could not run: %s\n", error->message);
  }

  g_unlink (actual_path);
}

static void
check_golden (Fixture    *f,
              const char *suffix,
              const char *actual)
{
  g_autofree char *file = g_strconcat (f->name, suffix, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("BULLETIN_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
      g_test_message ("updated %s", path);
      return;
    }

  if (!g_file_get_contents (path, &expected, NULL, &error))
    {
      g_test_fail_printf ("%s: %s. Make it with BULLETIN_UPDATE_GOLDEN=1 meson test test-export-fixtures, "
                          "and check it before committing it", file, error->message);
      return;
    }

  if (strcmp (expected, actual) != 0)
    {
      print_diff (path, actual);
      g_test_fail_printf ("the %s export of %s differs from %s (diff above); if the change is "
                          "intended, regenerate with BULLETIN_UPDATE_GOLDEN=1", suffix, f->name, file);
    }
}

static void
test_golden_html (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *html = export (f, BULLETIN_EXPORT_HTML);

  check_golden (f, ".html", html);
}

static void
test_golden_text (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *text = export (f, BULLETIN_EXPORT_TEXT);

  check_golden (f, ".txt", text);
}

static void
test_golden_eml (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *eml = export (f, BULLETIN_EXPORT_EML);

  g_assert_nonnull (strstr (eml, "Date: (masked)\r\n"));
  g_assert_nonnull (strstr (eml, "Message-Id: (masked)\r\n"));
  check_golden (f, ".eml", eml);
}

/* The structural prefixes of the text export: quote marks, list markers
 * and the number of a reference. What is left of a line after them is
 * its content. */
static const char *
skip_prefix (const char *line)
{
  const char *p = line;

  for (;;)
    {
      const char *q = p;

      while (*q == ' ')
        q++;
      if (*q == '>' && (q[1] == ' ' || q[1] == '\0'))
        q += 1;
      else if (*q == '-' && q[1] == ' ')
        q += 2;
      else if (g_ascii_isdigit (*q))
        {
          while (g_ascii_isdigit (*q))
            q++;
          if (*q != '.' || q[1] != ' ')
            return p;
          q += 2;
        }
      else if (*q == '[' && (g_ascii_isdigit (q[1]) || q[1] == ' ' || q[1] == 'x'))
        {
          const char *close = strchr (q, ']');

          if (close == NULL || close[1] != ' ')
            return p;
          q = close + 2;
        }
      else
        return q;
      p = q;
    }
}

static void
collect_code_lines (cmark_node *doc,
                    GHashTable *lines)
{
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      g_auto(GStrv) split = NULL;

      if (ev != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_CODE_BLOCK)
        continue;
      split = g_strsplit (cmark_node_get_literal (node), "\n", -1);
      for (guint i = 0; split[i] != NULL; i++)
        g_hash_table_add (lines, g_strstrip (g_strdup (split[i])));
    }
  cmark_iter_free (iter);
}

/* No line wider than 72 columns, unless what overflows cannot be broken:
 * one word or URL (with the reference number glued to it), or a line of
 * code, which is never wrapped. */
static void
test_text_width (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *text = export (f, BULLETIN_EXPORT_TEXT);
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (f->markdown, f->len);
  g_autoptr(GHashTable) code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint overflowing = 0;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_false (g_str_has_suffix (text, "\n\n"));
  collect_code_lines (doc, code);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *content = skip_prefix (line);
      g_autofree char *trimmed = g_strstrip (g_strdup (content));
      const char *space;

      g_assert_false (g_str_has_suffix (line, " "));
      if (bulletin_text_display_width (line, -1) <= BULLETIN_TEXT_DEFAULT_WIDTH)
        continue;

      overflowing++;
      if (g_hash_table_contains (code, trimmed))
        continue;
      space = strchr (trimmed, ' ');
      /* "word [1]" is held together on purpose */
      if (space != NULL && space[1] == '[' && strchr (space + 1, ' ') == NULL &&
          g_str_has_suffix (space, "]"))
        continue;
      if (space != NULL)
        g_test_fail_printf ("line %u is %zu columns and could have been broken: %s", i + 1,
                            bulletin_text_display_width (line, -1), line);
    }

  g_test_message ("%u overflowing lines, all unbreakable", overflowing);
}

/* How a link's address is shown in the text: as its words when they
 * already are the address (autolinks, bare URLs), otherwise in the
 * reference list, with what would end it for a plain-text reader
 * percent-encoded. */
static char *
shown_url (const char *url,
           const char *text)
{
  static const char * const schemes[] = { "", "mailto:", "http://", "https://" };
  GString *shown;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (*text != '\0' && g_str_has_prefix (url, schemes[i]) && g_str_equal (url + strlen (schemes[i]), text))
      return g_strdup (text);

  shown = g_string_new (NULL);
  for (const guchar *p = (const guchar *)url; *p; p++)
    {
      if (*p <= ' ' || strchr ("\"<>\\^`{|}\x7f", *p) != NULL)
        g_string_append_printf (shown, "%%%02X", *p);
      else
        g_string_append_c (shown, *p);
    }

  return g_string_free (shown, FALSE);
}

static gboolean
is_token_boundary_before (const char *text,
                          const char *at)
{
  return at == text || g_ascii_isspace (at[-1]) || at[-1] == '(';
}

static gboolean
is_token_boundary_after (const char *end)
{
  /* punctuation may follow an address, as long as a space or the end of
   * the line follows the punctuation */
  while (*end != '\0' && strchr (".,;:!?)", *end) != NULL)
    end++;
  return *end == '\0' || g_ascii_isspace (*end);
}

static guint
count_tokens (const char *text,
              const char *token)
{
  gsize len = strlen (token);
  guint n = 0;

  for (const char *at = strstr (text, token); at != NULL; at = strstr (at + 1, token))
    if (is_token_boundary_before (text, at) && is_token_boundary_after (at + len))
      n++;

  return n;
}

typedef struct
{
  guint inline_uses;  /* shown where it is, as its own words */
  gboolean listed;    /* in the reference list */
  gboolean unsafe;    /* a destination the exports refuse */
} UrlUse;

/* Every address the draft links to is in the text export once: where
 * the author wrote it out, or in the reference list, never dropped (as
 * pandoc's plain writer does) and never repeated by the export. The
 * URLs come from the parsed draft, not from a pattern over its text. */
static void
test_text_urls (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *text = export (f, BULLETIN_EXPORT_TEXT);
  g_autoptr(cmark_node) doc = bulletin_markdown_parse (f->markdown, f->len);
  g_autoptr(GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;
  GHashTableIter it;
  gpointer key;
  gpointer value;
  guint n_links = 0;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *url;
      g_autofree char *words = NULL;
      g_autofree char *shown = NULL;
      UrlUse *use;

      if (ev != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_LINK)
        continue;

      n_links++;
      url = cmark_node_get_url (node);
      words = bulletin_markdown_plain_text (node);
      shown = shown_url (url, words);
      if ((use = g_hash_table_lookup (uses, shown)) == NULL)
        {
          use = g_new0 (UrlUse, 1);
          g_hash_table_insert (uses, g_strdup (shown), use);
        }

      if (!bulletin_markdown_url_is_safe (url, FALSE) || url[0] == '#')
        use->unsafe = TRUE;
      else if (g_str_equal (shown, words) || *words == '\0')
        use->inline_uses++;
      else
        use->listed = TRUE;
    }
  cmark_iter_free (iter);

  g_hash_table_iter_init (&it, uses);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      UrlUse *use = value;
      guint expected = use->unsafe ? 0 : use->inline_uses + (use->listed ? 1 : 0);
      guint found = count_tokens (text, key);

      if (found != expected)
        g_test_fail_printf ("%s appears %u times in the text, not %u", (const char *)key, found, expected);
    }

  g_test_message ("%u links, %u addresses", n_links, g_hash_table_size (uses));
}

typedef struct
{
  char *name;
  gboolean styled;
} Element;

static void
element_free (Element *e)
{
  g_free (e->name);
  g_free (e);
}

static gboolean
is_void (const char *name)
{
  static const char * const names[] = { "br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base", "source", NULL };

  return g_strv_contains (names, name);
}

/* Elements that group others and hold no text of their own */
static gboolean
is_structural (const char *name)
{
  static const char * const names[] = { "html", "head", "title", "meta", "thead", "tbody", "tr", "br", NULL };

  return g_strv_contains (names, name);
}

static gboolean
url_is_refused (const char *name,
                const char *value)
{
  g_autofree char *trimmed = g_ascii_strdown (value, -1);
  char *p = g_strstrip (trimmed);

  if (g_str_equal (name, "src") && g_str_has_prefix (p, "data:image/"))
    return FALSE;

  return g_str_has_prefix (p, "javascript:") || g_str_has_prefix (p, "vbscript:") ||
         g_str_has_prefix (p, "data:") || g_str_has_prefix (p, "file:");
}

/* Reads the tags of the HTML export (it is generated, so a small
 * tokenizer will do: text is escaped and attribute values are quoted)
 * and checks each element: every one inside the body that can show text
 * carries an inline style, as do the elements text actually sits in; no
 * script, no style sheet, no event handler, no script URL. */
static void
test_html_elements (gconstpointer data)
{
  Fixture *f = (Fixture *)data;
  g_autofree char *html = export (f, BULLETIN_EXPORT_HTML);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func ((GDestroyNotify)element_free);
  gboolean in_body = FALSE;
  guint n_elements = 0;
  const char *p = html;

  /* not even in a conditional comment */
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<style"));

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "<!--"))
        {
          const char *end = strstr (p + 4, "-->");

          g_assert_nonnull (end);
          p = end + 3;
        }
      else if (g_str_has_prefix (p, "<!"))
        p = strchr (p, '>') + 1;
      else if (p[0] == '<' && p[1] == '/')
        {
          const char *end = strchr (p, '>');
          g_autofree char *name = g_ascii_strdown (p + 2, end - p - 2);
          Element *open;

          g_assert_cmpuint (stack->len, >, 0);
          open = g_ptr_array_index (stack, stack->len - 1);
          g_assert_cmpstr (open->name, ==, name);
          g_ptr_array_remove_index (stack, stack->len - 1);
          if (g_str_equal (name, "body"))
            in_body = FALSE;
          p = end + 1;
        }
      else if (p[0] == '<')
        {
          Element *e = g_new0 (Element, 1);
          const char *q = p + 1;

          while (g_ascii_isalnum (*q))
            q++;
          e->name = g_ascii_strdown (p + 1, q - p - 1);
          g_assert_cmpstr (e->name, !=, "script");
          g_assert_cmpstr (e->name, !=, "style");

          while (*q != '>')
            {
              const char *name_start;
              g_autofree char *name = NULL;
              g_autofree char *value = NULL;

              while (*q == ' ')
                q++;
              if (*q == '>')
                break;
              name_start = q;
              while (*q != '=' && *q != ' ' && *q != '>')
                q++;
              name = g_ascii_strdown (name_start, q - name_start);
              if (*q == '=')
                {
                  const char *quote_end;

                  g_assert_cmpint (q[1], ==, '"');
                  quote_end = strchr (q + 2, '"');
                  value = g_strndup (q + 2, quote_end - q - 2);
                  q = quote_end + 1;
                }

              if (g_str_has_prefix (name, "on"))
                g_test_fail_printf ("<%s> has an event handler: %s", e->name, name);
              if (value != NULL && (g_str_equal (name, "href") || g_str_equal (name, "src")) &&
                  url_is_refused (name, value))
                g_test_fail_printf ("<%s %s=\"%s\"> is a refused address", e->name, name, value);
              if (g_str_equal (name, "style") && value != NULL && *value != '\0')
                e->styled = TRUE;
            }
          p = q + 1;

          if (in_body && !is_structural (e->name))
            {
              n_elements++;
              if (!e->styled)
                g_test_fail_printf ("<%s> has no inline style", e->name);
            }
          if (g_str_equal (e->name, "body"))
            in_body = TRUE;

          if (is_void (e->name))
            element_free (e);
          else
            g_ptr_array_add (stack, e);
        }
      else
        {
          const char *end = strchr (p, '<');
          gboolean has_text = FALSE;

          if (end == NULL)
            end = p + strlen (p);
          for (const char *c = p; c < end; c++)
            has_text |= !g_ascii_isspace (*c);

          if (has_text && in_body)
            {
              Element *around = g_ptr_array_index (stack, stack->len - 1);

              if (!around->styled)
                g_test_fail_printf ("text inside an unstyled <%s>: %.*s", around->name, (int)(end - p), p);
            }
          p = end;
        }
    }

  g_assert_cmpuint (stack->len, ==, 0);
  g_assert_cmpuint (n_elements, >, 10);
}

static Fixture *
fixture_load (const char *path)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *raw = NULL;
  gsize raw_len;

  g_assert_true (g_file_get_contents (path, &raw, &raw_len, NULL));
  f->markdown = bulletin_markdown_sanitize (raw, raw_len, &f->len, NULL);
  base[strlen (base) - strlen (".md")] = '\0';
  f->name = g_steal_pointer (&base);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    f->folder = g_file_get_parent (file);
  }

  return f;
}

/* Issue 14: an empty or blank draft exported with an empty Subject and
 * an invalid empty <title>. Every export refuses it. */
static void
test_empty_refused (void)
{
  static const char * const empty[] = { "", "   \n\n\t\n", "[site]: https://example.org/\n" };
  static const BulletinExportFormat formats[] = {
    BULLETIN_EXPORT_HTML, BULLETIN_EXPORT_TEXT, BULLETIN_EXPORT_EML,
  };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    for (guint j = 0; j < G_N_ELEMENTS (formats); j++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = bulletin_export_render (formats[j], empty[i], strlen (empty[i]),
                                                          NULL, NULL, &error);

        g_assert_null (bytes);
        g_assert_error (error, BULLETIN_EXPORT_ERROR, BULLETIN_EXPORT_ERROR_EMPTY);
      }

  /* one visible character is enough */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = bulletin_export_render (BULLETIN_EXPORT_EML, "x", 1, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (bytes);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) fixtures = g_ptr_array_new_with_free_func ((GDestroyNotify)fixture_free);
  static const struct
  {
    const char *kind;
    GTestDataFunc func;
  } tests[] = {
    { "golden-html", test_golden_html },
    { "golden-text", test_golden_text },
    { "golden-eml", test_golden_eml },
    { "text-width", test_text_width },
    { "text-urls", test_text_urls },
    { "html-elements", test_html_elements },
  };
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
  g_auto(GStrv) test_args = NULL;
  g_autofree char **test_argv = NULL;
  int test_argc;

  /* <html lang> follows the user's language: the golden files are
   * British English, like the updates. The locale itself only needs to
   * print a diff of UTF-8 text as it is. */
  g_setenv ("LANGUAGE", "en_GB", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  /* every fixture's differences at once, rather than the first one's */
  g_strv_builder_addv (args, (const char **)argv);
  g_strv_builder_add (args, "--keep-going");
  test_args = g_strv_builder_end (args);
  test_argc = g_strv_length (test_args);
  /* g_test_init() takes out what it reads: a copy of the pointers keeps
   * every string for freeing */
  test_argv = g_memdup2 (test_args, (test_argc + 1) * sizeof (char *));
  g_test_init (&test_argc, &test_argv, NULL);

  paths = bulletin_test_export_fixtures ();
  for (guint i = 0; i < paths->len; i++)
    {
      Fixture *f = fixture_load (g_ptr_array_index (paths, i));

      g_ptr_array_add (fixtures, f);
      for (guint j = 0; j < G_N_ELEMENTS (tests); j++)
        {
          g_autofree char *test_path = g_strdup_printf ("/export/%s/%s", f->name, tests[j].kind);

          g_test_add_data_func (test_path, f, tests[j].func);
        }
    }
  g_test_add_func ("/export/empty-refused", test_empty_refused);

  return g_test_run ();
}
