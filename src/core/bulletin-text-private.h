/* bulletin-text-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "bulletin-text.h"

G_BEGIN_DECLS

/* Shared by the files of the plain-text renderer (bulletin-text*.c)
 * and nothing else: the lines a block renders to, which
 * bulletin-text.c builds from the AST and bulletin-text-wrap.c fills
 * with words. */

/* Stands for a space that must not become a line break, between a link's
 * text and its reference number. Control characters in the input are
 * dropped, so this one cannot come from the document. */
#define GLUE '\x1f'

/* The lines of a block, one after another in one buffer: a long draft
 * has tens of thousands of them, and a string each cost more than
 * wrapping them. A line never holds a '\n'. */
typedef struct
{
  char *data;     /* every line, each ending with '\n' */
  gsize len;
  gsize size;
  gsize open;     /* where the line being written starts */
  gsize last;     /* where the last complete line starts */
  guint n_lines;
} Lines;

static inline void
lines_clear (Lines *lines)
{
  g_free (lines->data);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lines, lines_clear)

/* Makes room for @extra more bytes and returns where they go; there is
 * always a buffer afterwards, even for no bytes. */
static inline char *
lines_reserve (Lines *lines,
               gsize  extra)
{
  if (lines->data == NULL || lines->len + extra > lines->size)
    {
      lines->size = MAX (lines->size * 2, lines->len + extra + 256);
      lines->data = g_realloc (lines->data, lines->size);
    }

  return lines->data + lines->len;
}

static inline void
lines_append (Lines      *lines,
              const char *text,
              gsize       len)
{
  memcpy (lines_reserve (lines, len), text, len);
  lines->len += len;
}

static inline void
lines_end_line (Lines *lines)
{
  *lines_reserve (lines, 1) = '\n';
  lines->len++;
  lines->last = lines->open;
  lines->open = lines->len;
  lines->n_lines++;
}

static inline void
lines_add (Lines      *lines,
           const char *line)
{
  lines_append (lines, line, strlen (line));
  lines_end_line (lines);
}

/* Walks the lines: @line is NULL to start; returns the next line and its
 * length, or NULL after the last one. */
static inline const char *
lines_next (Lines      *lines,
            const char *line,
            gsize      *len)
{
  const char *end;
  const char *next;
  const char *nl;

  if (lines->data == NULL)
    return NULL;

  end = lines->data + lines->len;
  next = line == NULL ? lines->data : line + *len + 1;
  if (next >= end)
    return NULL;

  nl = memchr (next, '\n', end - next);
  *len = nl - next;
  return next;
}

static inline void
add_blank (Lines *lines)
{
  if (lines->n_lines > 0 && lines->len - lines->last > 1)
    lines_end_line (lines);
}

gsize  bulletin_text_chomped_length (const char *text,
                                    gsize       len);
void   bulletin_text_prefix_lines   (Lines      *dst,
                                    Lines      *src,
                                    const char *first,
                                    const char *rest);
void   bulletin_text_wrap_text      (Lines      *lines,
                                    const char *text,
                                    guint       width);

G_END_DECLS
