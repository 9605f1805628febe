/* bulletin-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-i18n.h"
#include "bulletin-library.h"
#include "bulletin-markdown.h"

/* The library travels as one GKeyFile: readable, diffable, and parsed by
 * GLib, so an office can keep its shared sections in a plain file. */

#define GROUP_HEADER "Bulletin Library"
#define FORMAT_VERSION 1

G_DEFINE_QUARK (bulletin-library-error-quark, bulletin_library_error)

/**
 * bulletin_library_export:
 * @sections: (element-type BulletinSection): what to export
 *
 * Returns: (transfer full): the library file's text
 */
char *
bulletin_library_export (GPtrArray *sections)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_return_val_if_fail (sections != NULL, NULL);

  g_key_file_set_integer (keyfile, GROUP_HEADER, "Version", FORMAT_VERSION);

  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *section = sections->pdata[i];
      g_autofree char *group = g_strdup_printf ("Section %u", i + 1);

      g_key_file_set_string (keyfile, group, "Name", section->name);
      g_key_file_set_string (keyfile, group, "Category", section->category);
      g_key_file_set_string (keyfile, group, "Body", section->body);
    }

  return g_key_file_to_data (keyfile, NULL, NULL);
}

/**
 * bulletin_library_parse:
 * @data: a library file's contents
 * @len: their length, or -1
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type BulletinSection): the
 *   sections in the file, in its order (ids are 0)
 */
GPtrArray *
bulletin_library_parse (const char  *data,
                        gssize       len,
                        GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_section_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  int version;

  g_return_val_if_fail (data != NULL, NULL);

  if (len < 0)
    len = strlen (data);

  if (!g_utf8_validate (data, len, NULL) ||
      !g_key_file_load_from_data (keyfile, data, len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This is not a Bulletin section library file"));
      return NULL;
    }

  version = g_key_file_get_integer (keyfile, GROUP_HEADER, "Version", &local_error);
  if (local_error != NULL || version < 1)
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This is not a Bulletin section library file"));
      return NULL;
    }
  if (version > FORMAT_VERSION)
    {
      g_set_error_literal (error, BULLETIN_LIBRARY_ERROR, BULLETIN_LIBRARY_ERROR_INVALID,
                           _("This library was written by a newer version of Bulletin"));
      return NULL;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      BulletinSection *section;
      g_autofree char *name = NULL;

      if (!g_str_has_prefix (groups[i], "Section "))
        continue;

      name = g_key_file_get_string (keyfile, groups[i], "Name", NULL);
      if (name == NULL || *g_strstrip (name) == '\0')
        continue;

      section = g_new0 (BulletinSection, 1);
      section->name = g_steal_pointer (&name);
      section->category = g_key_file_get_string (keyfile, groups[i], "Category", NULL);
      if (section->category == NULL || *section->category == '\0')
        {
          g_free (section->category);
          section->category = g_strdup (_("Imported"));
        }
      section->body = g_key_file_get_string (keyfile, groups[i], "Body", NULL);
      if (section->body == NULL)
        section->body = g_strdup ("");
      section->position = sections->len;
      g_ptr_array_add (sections, section);
    }

  return g_steal_pointer (&sections);
}

static char *
free_name (BulletinStore *store,
           const char    *name)
{
  for (guint n = 2; n < 1000; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s (%u)", name, n);
      g_autoptr(BulletinSection) taken = bulletin_store_find_section (store, candidate, NULL);

      if (taken == NULL)
        return g_steal_pointer (&candidate);
    }

  return g_uuid_string_random ();
}

/**
 * bulletin_library_import:
 * @store: the drafts database holding the library
 * @sections: (element-type BulletinSection): sections to merge in
 * @resolve: (nullable): asked when a section of the same name has other
 *   text; %NULL keeps the library's
 * @user_data: data for @resolve
 * @report: (out) (optional): what happened
 * @error: return location for an error
 *
 * Merges by name (ignoring case): new names are added, identical sections
 * are left alone, and a name with different text asks @resolve.
 */
gboolean
bulletin_library_import (BulletinStore               *store,
                         GPtrArray                   *sections,
                         BulletinImportConflictFunc   resolve,
                         gpointer                     user_data,
                         BulletinImportReport        *report,
                         GError                     **error)
{
  BulletinImportReport r = { 0 };

  g_return_val_if_fail (BULLETIN_IS_STORE (store), FALSE);
  g_return_val_if_fail (sections != NULL, FALSE);

  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *incoming = sections->pdata[i];
      g_autoptr(BulletinSection) existing = bulletin_store_find_section (store, incoming->name, NULL);
      BulletinImportChoice choice;

      if (existing == NULL)
        {
          if (bulletin_store_add_section (store, incoming->name, incoming->category, incoming->body, error) == 0)
            return FALSE;
          r.added++;
          continue;
        }

      if (g_strcmp0 (existing->body, incoming->body) == 0 &&
          g_strcmp0 (existing->category, incoming->category) == 0)
        {
          r.unchanged++;
          continue;
        }

      choice = resolve ? resolve (existing, incoming, user_data) : BULLETIN_IMPORT_KEEP;
      switch (choice)
        {
        case BULLETIN_IMPORT_REPLACE:
          if (!bulletin_store_update_section (store, existing->id, existing->name,
                                              incoming->category, incoming->body, error))
            return FALSE;
          r.replaced++;
          break;

        case BULLETIN_IMPORT_KEEP_BOTH:
          {
            g_autofree char *name = free_name (store, incoming->name);

            if (bulletin_store_add_section (store, name, incoming->category, incoming->body, error) == 0)
              return FALSE;
            r.added++;
          }
          break;

        case BULLETIN_IMPORT_KEEP:
        default:
          r.kept++;
          break;
        }
    }

  if (report != NULL)
    *report = r;

  return TRUE;
}

/**
 * bulletin_library_ensure_defaults:
 * @store: the drafts database
 * @error: return location for an error
 *
 * Fills a library that was never filled with the sections shipped with
 * Bulletin. A library the user emptied stays empty.
 */
gboolean
bulletin_library_ensure_defaults (BulletinStore  *store,
                                  GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) local_error = NULL;
  BulletinSection *template;

  g_return_val_if_fail (BULLETIN_IS_STORE (store), FALSE);

  if (bulletin_store_count_sections_ever (store, &local_error) > 0)
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* in the user's language when data/<lang>/ has it: the library is
   * the user's own text from then on, so it is written once, as they
   * would write it */
  bytes = bulletin_i18n_lookup_data ("default-library.ini", error);
  if (bytes == NULL)
    return FALSE;

  sections = bulletin_library_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (sections == NULL)
    return FALSE;

  /* the weekly template lives in the library so the office can edit it;
   * its text is kept once, in the resource New Weekly Update falls back
   * to */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = bulletin_i18n_lookup_data ("weekly-template.md", error);
  if (bytes == NULL)
    return FALSE;
  template = g_new0 (BulletinSection, 1);
  template->name = g_strdup (_("Weekly update"));
  template->category = g_strdup (bulletin_library_category_name (BULLETIN_LIBRARY_TEMPLATES));
  template->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_ptr_array_insert (sections, 0, template);

  return bulletin_library_import (store, sections, NULL, NULL, NULL, error);
}

/* The categories a new library starts with, in the order of a weekly
 * update; the user's own come after them, alphabetically. */
static const char * const standard_categories[] = {
  /* Translators: the standard categories of the section library; use
   * the same names in data/<lang>/default-library.ini */
  NC_("library category", "Templates"),
  NC_("library category", "Openings"),
  NC_("library category", "Sign-offs"),
  NC_("library category", "Recurring sections"),
  NC_("library category", "Boilerplate"),
};

/**
 * bulletin_library_category_name:
 * @category: a category name
 *
 * Categories are the user's text, stored as shown. A new library gets
 * the standard ones in the user's language; this is that name for one
 * of them given in English (such as %BULLETIN_LIBRARY_TEMPLATES), and
 * @category itself for any other.
 *
 * Returns: (transfer none): the name to store and show
 */
const char *
bulletin_library_category_name (const char *category)
{
  g_return_val_if_fail (category != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (standard_categories); i++)
    if (g_ascii_strcasecmp (category, standard_categories[i]) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "library category", standard_categories[i]);

  return category;
}

/**
 * bulletin_library_category_rank:
 * @category: a category name
 *
 * Returns: where @category sorts among the standard categories, or
 *   G_MAXINT for a category of the user's own
 */
int
bulletin_library_category_rank (const char *category)
{
  g_return_val_if_fail (category != NULL, G_MAXINT);

  /* English, as in a library from before there were translations or
   * from another office, or in the user's language */
  for (guint i = 0; i < G_N_ELEMENTS (standard_categories); i++)
    if (g_ascii_strcasecmp (category, standard_categories[i]) == 0
        || g_utf8_collate (category, bulletin_library_category_name (standard_categories[i])) == 0)
      return i;

  return G_MAXINT;
}

static int
compare_categories (const char *a,
                    const char *b)
{
  int ra = bulletin_library_category_rank (a);
  int rb = bulletin_library_category_rank (b);
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if (ra != rb)
    return ra < rb ? -1 : 1;

  ka = g_utf8_collate_key (a, -1);
  kb = g_utf8_collate_key (b, -1);
  return strcmp (ka, kb);
}

static int
compare_category_names (gconstpointer a,
                        gconstpointer b)
{
  return compare_categories (*(const char * const *)a, *(const char * const *)b);
}

static int
compare_sections (gconstpointer a,
                  gconstpointer b)
{
  const BulletinSection *sa = *(const BulletinSection * const *)a;
  const BulletinSection *sb = *(const BulletinSection * const *)b;
  int cmp = compare_categories (sa->category, sb->category);

  if (cmp != 0)
    return cmp;
  if (sa->position != sb->position)
    return sa->position < sb->position ? -1 : 1;
  return g_utf8_collate (sa->name, sb->name);
}

/**
 * bulletin_library_sort:
 * @sections: (element-type BulletinSection): sections to sort in place
 *
 * Sorts by category (standard categories first, in a weekly update's
 * order), then in the user's order within a category.
 */
void
bulletin_library_sort (GPtrArray *sections)
{
  g_return_if_fail (sections != NULL);

  g_ptr_array_sort (sections, compare_sections);
}

/**
 * bulletin_library_list_categories:
 * @sections: (element-type BulletinSection) (nullable): the library
 *
 * Returns: (transfer full): the standard categories followed by every
 *   other category used in @sections, in display order
 */
GStrv
bulletin_library_list_categories (GPtrArray *sections)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (standard_categories); i++)
    g_ptr_array_add (names, (gpointer)bulletin_library_category_name (standard_categories[i]));

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const BulletinSection *section = sections->pdata[i];
      gboolean seen = bulletin_library_category_rank (section->category) != G_MAXINT;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_utf8_collate (names->pdata[j], section->category) == 0
               || g_ascii_strcasecmp (names->pdata[j], section->category) == 0;
      if (!seen && *section->category != '\0')
        g_ptr_array_add (names, section->category);
    }

  g_ptr_array_sort (names, compare_category_names);
  g_ptr_array_add (names, NULL);

  return g_strdupv ((char **)names->pdata);
}

/**
 * bulletin_library_dup_weekly_template:
 * @store: (nullable): the library, or %NULL when the database is not
 *   available
 * @section_id: (out) (optional): the template's section, 0 when the
 *   built-in one is used
 *
 * The first section of the Templates category is the weekly template;
 * a library without one (emptied, or never filled) still gets the
 * built-in template, so New Weekly Update always works.
 *
 * Returns: (transfer full): the template's Markdown
 */
char *
bulletin_library_dup_weekly_template (BulletinStore *store,
                                      gint64        *section_id)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (store == NULL || BULLETIN_IS_STORE (store), NULL);

  if (section_id != NULL)
    *section_id = 0;

  if (store != NULL && (sections = bulletin_store_list_sections (store, NULL, NULL)) != NULL)
    {
      bulletin_library_sort (sections);
      for (guint i = 0; i < sections->len; i++)
        {
          BulletinSection *section = sections->pdata[i];

          if (bulletin_library_category_rank (section->category) == 0 && *section->body != '\0')
            {
              if (section_id != NULL)
                *section_id = section->id;
              return g_strdup (section->body);
            }
        }
    }

  bytes = bulletin_i18n_lookup_data ("weekly-template.md", NULL);
  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gsize
count_trailing_newlines (const char *text)
{
  gsize len = strlen (text);
  gsize n = 0;

  /* spaces on the cursor's line do not make it a paragraph */
  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
    len--;
  while (len > 0 && text[len - 1] == '\n')
    {
      n++;
      len--;
      while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\r'))
        len--;
    }

  return len == 0 ? G_MAXSIZE : n;
}

/**
 * bulletin_library_pad_block:
 * @before: (nullable): the text before the insertion point (its last
 *   lines are enough)
 * @after: (nullable): the text after it (its first lines are enough)
 * @section: the section's text
 * @text_end: (out) (optional): where @section ends in the result, in
 *   bytes, to put the cursor there
 *
 * A section is a block of its own: inserted in the middle of a
 * paragraph it would merge with it, and a heading would stop being one.
 * This adds the blank lines that keep it apart from its neighbours.
 *
 * Returns: (transfer full): the text to insert
 */
char *
bulletin_library_pad_block (const char *before,
                            const char *after,
                            const char *section,
                            gsize      *text_end)
{
  GString *out = g_string_new (NULL);
  gsize before_newlines;
  gsize after_newlines = 0;
  const char *p;
  const char *start;
  const char *end;

  g_return_val_if_fail (section != NULL, NULL);

  start = section;
  while (*start == '\n' || *start == '\r')
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  before_newlines = count_trailing_newlines (before ? before : "");
  if (before_newlines == 0)
    g_string_append (out, "\n\n");
  else if (before_newlines == 1)
    g_string_append_c (out, '\n');

  g_string_append_len (out, start, end - start);
  if (text_end != NULL)
    *text_end = out->len;

  p = after ? after : "";
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    {
      if (*p == '\n')
        after_newlines++;
      p++;
    }

  if (*p == '\0')
    {
      if (after_newlines == 0)
        g_string_append_c (out, '\n');
    }
  else
    {
      for (gsize i = after_newlines; i < 2; i++)
        g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/**
 * bulletin_library_suggest_name:
 * @text: the Markdown about to become a section
 *
 * Returns: (transfer full): a short name for it: its first block's words,
 *   without Markdown, cut at a word near 40 characters
 */
char *
bulletin_library_suggest_name (const char *text)
{
  g_autoptr(cmark_node) doc = NULL;
  g_autofree char *plain = NULL;
  cmark_node *first;
  const char *cut;
  GString *name;
  glong n_chars;

  g_return_val_if_fail (text != NULL, NULL);

  doc = bulletin_markdown_parse (text, strlen (text));
  /* the first paragraph or heading, even inside a list or a quote */
  first = cmark_node_first_child (doc);
  while (first != NULL
         && cmark_node_get_type (first) != CMARK_NODE_PARAGRAPH
         && cmark_node_get_type (first) != CMARK_NODE_HEADING
         && cmark_node_first_child (first) != NULL
         && cmark_node_get_type (cmark_node_first_child (first)) != CMARK_NODE_TEXT)
    first = cmark_node_first_child (first);
  plain = first ? bulletin_markdown_plain_text (first) : g_strdup ("");
  g_strstrip (plain);

  if (*plain == '\0')
    return g_strdup (_("New section"));

  n_chars = g_utf8_strlen (plain, -1);
  if (n_chars <= 40)
    return g_steal_pointer (&plain);

  cut = g_utf8_offset_to_pointer (plain, 40);
  name = g_string_new_len (plain, cut - plain);
  /* end at a word if there is one in the second half */
  for (gsize i = name->len; i > name->len / 2; i--)
    if (name->str[i - 1] == ' ')
      {
        g_string_truncate (name, i - 1);
        break;
      }
  while (name->len > 0 && strchr (" ,;:.-", name->str[name->len - 1]) != NULL)
    g_string_truncate (name, name->len - 1);
  g_string_append (name, "…");

  return g_string_free (name, FALSE);
}

/**
 * bulletin_library_find_conflicts:
 * @store: the library
 * @sections: (element-type BulletinSection): sections about to be imported
 *
 * Lets the caller ask the user once, before importing, what to do with
 * sections that share a name with one of the library's but differ.
 *
 * Returns: (transfer container) (element-type utf8): the names of the
 *   conflicting sections, as in @sections
 */
GPtrArray *
bulletin_library_find_conflicts (BulletinStore *store,
                                 GPtrArray     *sections)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (BULLETIN_IS_STORE (store), names);
  g_return_val_if_fail (sections != NULL, names);

  for (guint i = 0; i < sections->len; i++)
    {
      const BulletinSection *incoming = sections->pdata[i];
      g_autoptr(BulletinSection) existing = bulletin_store_find_section (store, incoming->name, NULL);

      if (existing != NULL &&
          (g_strcmp0 (existing->body, incoming->body) != 0 ||
           g_strcmp0 (existing->category, incoming->category) != 0))
        g_ptr_array_add (names, g_strdup (incoming->name));
    }

  return names;
}

static gboolean
line_starts_block (const char *line)
{
  const char *p = line;

  while (*p == ' ')
    p++;
  if (*p == '#' || *p == '>' || *p == '|')
    return TRUE;
  if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t'))
    return TRUE;
  while (g_ascii_isdigit (*p))
    p++;
  return p != line && (*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t');
}

static gboolean
line_is_blank (const char *line)
{
  for (const char *p = line; *p != '\0' && *p != '\n'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * bulletin_library_block_end:
 * @text: the text from the start of the line holding the insertion
 *   point onwards
 * @offset: the insertion point in @text, in bytes
 *
 * Where a section dropped or inserted at @offset should go: a section is
 * a block, so a point inside a line moves to the end of its paragraph
 * (or list item, or heading) instead of splitting a word or a sentence.
 *
 * Returns: the adjusted offset in @text, in bytes
 */
gsize
bulletin_library_block_end (const char *text,
                            gsize       offset)
{
  const char *line;
  const char *end;

  g_return_val_if_fail (text != NULL, offset);
  g_return_val_if_fail (offset <= strlen (text), offset);

  /* the start or the end of a line is already between blocks' words */
  if (offset == 0 || text[offset] == '\0' || text[offset] == '\n')
    return offset;

  line = text;
  end = strchr (text + offset, '\n');
  if (end == NULL)
    return strlen (text);

  if (line_starts_block (line) && *line == '#')
    return end - text;

  while (TRUE)
    {
      const char *next = end + 1;
      const char *next_end;

      if (*next == '\0' || line_is_blank (next) || line_starts_block (next))
        return end - text;

      next_end = strchr (next, '\n');
      if (next_end == NULL)
        return strlen (text);
      end = next_end;
    }
}
