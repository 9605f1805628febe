/* bulletin-html-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-html.h"

G_BEGIN_DECLS

/* Shared by the files of the HTML renderer (bulletin-html*.c) and
 * nothing else: the elements' styles, which bulletin-html-style.c
 * loads, bulletin-html.c writes on each element and
 * bulletin-html-document.c on the document's shell. */

typedef enum
{
  STYLE_BODY,
  STYLE_MSO_CELL,
  STYLE_COLUMN,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_H4,
  STYLE_H5,
  STYLE_H6,
  STYLE_P,
  STYLE_LI_P,
  STYLE_A,
  STYLE_UL,
  STYLE_OL,
  STYLE_UL_RTL,
  STYLE_OL_RTL,
  STYLE_BLOCKQUOTE_RTL,
  STYLE_LI,
  STYLE_TASK,
  STYLE_BLOCKQUOTE,
  STYLE_PRE,
  STYLE_PRE_CODE,
  STYLE_CODE,
  STYLE_HR,
  STYLE_TABLE_BOX,
  STYLE_TABLE,
  STYLE_TH,
  STYLE_TD,
  STYLE_IMG,
  STYLE_STRONG,
  STYLE_EM,
  STYLE_DEL,
  STYLE_RAW,
  N_STYLES
} Style;

typedef struct
{
  char *values[N_STYLES];     /* the declarations */
  char *attributes[N_STYLES]; /* ` style="…"`, escaped, ready to append */
  gsize attribute_lens[N_STYLES];
} StyleSheet;

const StyleSheet *bulletin_html_style_sheet (void);

G_END_DECLS
