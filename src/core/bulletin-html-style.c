/* bulletin-html-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "bulletin-html-private.h"

/* The email's style table, data/email-style.ini: the inline style of
 * each element, loaded once and kept ready to append. */

static const char * const style_names[N_STYLES] = {
  [STYLE_BODY] = "body",
  [STYLE_MSO_CELL] = "mso-cell",
  [STYLE_COLUMN] = "column",
  [STYLE_H1] = "h1",
  [STYLE_H2] = "h2",
  [STYLE_H3] = "h3",
  [STYLE_H4] = "h4",
  [STYLE_H5] = "h5",
  [STYLE_H6] = "h6",
  [STYLE_P] = "p",
  [STYLE_LI_P] = "li-p",
  [STYLE_A] = "a",
  [STYLE_UL] = "ul",
  [STYLE_OL] = "ol",
  [STYLE_UL_RTL] = "ul-rtl",
  [STYLE_OL_RTL] = "ol-rtl",
  [STYLE_BLOCKQUOTE_RTL] = "blockquote-rtl",
  [STYLE_LI] = "li",
  [STYLE_TASK] = "task",
  [STYLE_BLOCKQUOTE] = "blockquote",
  [STYLE_PRE] = "pre",
  [STYLE_PRE_CODE] = "pre-code",
  [STYLE_CODE] = "code",
  [STYLE_HR] = "hr",
  [STYLE_TABLE_BOX] = "table-box",
  [STYLE_TABLE] = "table",
  [STYLE_TH] = "th",
  [STYLE_TD] = "td",
  [STYLE_IMG] = "img",
  [STYLE_STRONG] = "strong",
  [STYLE_EM] = "em",
  [STYLE_DEL] = "del",
  [STYLE_RAW] = "raw",
};

static gpointer
load_style_sheet (gpointer data)
{
  StyleSheet *sheet = g_new0 (StyleSheet, 1);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/email-style.ini", 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (keyfile, bytes, G_KEY_FILE_NONE, &error))
    g_error ("The built-in email stylesheet is missing: %s", error->message);

  for (guint i = 0; i < N_STYLES; i++)
    {
      g_autofree char *value = g_key_file_get_string (keyfile, "Elements", style_names[i], NULL);
      GString *attr = g_string_new (" style=\"");

      /* Every element must carry a style; a missing key is a packaging bug
       * that the tests catch, not something to paper over at run time. */
      if (value == NULL)
        g_error ("The email stylesheet has no entry for “%s”", style_names[i]);

      g_strstrip (value);
      bulletin_html_escape (attr, value, -1);
      g_string_append_c (attr, '"');

      sheet->values[i] = g_steal_pointer (&value);
      sheet->attribute_lens[i] = attr->len;
      sheet->attributes[i] = g_string_free (attr, FALSE);
    }

  return sheet;
}

const StyleSheet *
bulletin_html_style_sheet (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_style_sheet, NULL);
  return once.retval;
}

/**
 * bulletin_html_get_style:
 * @element: a key of the stylesheet ("p", "h1", "column", …)
 *
 * Returns: (nullable): the inline declarations for @element
 */
const char *
bulletin_html_get_style (const char *element)
{
  const StyleSheet *sheet = bulletin_html_style_sheet ();

  g_return_val_if_fail (element != NULL, NULL);

  for (guint i = 0; i < N_STYLES; i++)
    if (g_str_equal (style_names[i], element))
      return sheet->values[i];

  return NULL;
}

/**
 * bulletin_html_get_style_property:
 * @element: a key of the stylesheet
 * @property: a CSS property name
 *
 * Returns: (transfer full) (nullable): the value of @property in the
 *   declarations for @element
 */
char *
bulletin_html_get_style_property (const char *element,
                                  const char *property)
{
  const char *style = bulletin_html_get_style (element);
  g_auto(GStrv) decls = NULL;

  g_return_val_if_fail (property != NULL, NULL);

  if (style == NULL)
    return NULL;

  decls = g_strsplit (style, ";", -1);
  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_str_equal (g_strstrip (decls[i]), property))
        return g_strdup (g_strstrip (colon + 1));
    }

  return NULL;
}
