/* bulletin-markdown-reader-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bulletin-markdown-reader.h"

G_BEGIN_DECLS

/* Shared by the files of the reader (bulletin-markdown-reader*.c) and
 * nothing else. */

/* How a part was cut inside a paragraph to keep its pieces small, and
 * so what stood between its text and the next part's. */
typedef enum
{
  CUT_NONE,
  CUT_LINE,     /* a line end: a soft line break */
  CUT_SPACE,    /* a space */
  CUT_GLUED,    /* nothing: the middle of a run of characters */
} CutKind;

typedef struct
{
  cmark_node *doc;
  gsize       start;
  gsize       end;
  int         line_offset;   /* add to the nodes' lines for the draft's */
  int         first_line;    /* the nodes' line of the part's first line */
  int         column_shift;  /* add to columns on first_line: the part began mid-line */
  CutKind     cut;
} Part;

struct _BulletinMarkdownReader
{
  const char *text;
  gsize       len;
  gsize       chunk_size;
  gsize       block_limit;
  gsize       piece_limit;

  GHashTable *definitions;   /* normalized label → Definition, the first one */

  Part        part;          /* the part whose blocks are handed out */
  Part        ahead;         /* parsed ahead to join a paragraph's pieces */
  cmark_node *current;       /* the block last handed out, or NULL */
  cmark_node *joined;        /* current, when joined from pieces */
  GPtrArray  *emptied;       /* the paragraphs whose inline nodes it took */
  int         joined_end_line;
  int         joined_end_column;

  gsize       next_start;    /* where the next part starts */
  guint       next_line;     /* its line number, 1-based */
  gsize       next_line_start; /* the start of that line */
  guint       n_parses;

  const char *delimiter_line;   /* the line reader_next_line_binds() last read */
  gboolean    delimiter_answer; /* and what it said */
};

/* bulletin-markdown-reader-lines.c */
gboolean
reader_is_blank_line (const char *line,
                      const char *eol);
const char *
reader_skip_list_marker (const char *p,
                         const char *eol);
gboolean
reader_may_start_part (const char *line,
                       const char *eol);
gboolean
reader_is_rule_line (const char *p,
                     const char *eol);
gboolean
reader_is_table_delimiter_row (const char *line,
                               const char *end);
gboolean
reader_starts_with_pipe (const char *line,
                         const char *eol);
gboolean
reader_may_start_row_piece (const char *line,
                            const char *eol);
gboolean
reader_is_paragraph_line (const char *line,
                          const char *eol,
                          gboolean    first);
gboolean
reader_may_start_piece (const char *p,
                        const char *eol);
gboolean
reader_ends_in_hard_break (const char *line,
                           const char *eol);

/* bulletin-markdown-reader-definitions.c */
const char *
reader_definition_label_end (const char *p,
                             const char *eol);
void
reader_find_definitions (BulletinMarkdownReader *self);
GString *
reader_definitions_for_part (BulletinMarkdownReader *self,
                             gsize                   start,
                             gsize                   end,
                             guint                  *n_lines);

/* bulletin-markdown-reader-cuts.c */
gsize
reader_find_part_end (BulletinMarkdownReader *self,
                      gsize                   from);
gsize
reader_find_forced_end (BulletinMarkdownReader *self,
                        gsize                   from);
gboolean
reader_next_line_binds (BulletinMarkdownReader *self,
                        const char             *line);
gsize
reader_find_piece_end (BulletinMarkdownReader *self,
                       gsize                   start,
                       gsize                   part_from,
                       gsize                   limit,
                       CutKind                *kind);
void
reader_advance_lines (BulletinMarkdownReader *self,
                      gsize                   start,
                      gsize                   len);
gboolean
reader_cut_is_in_table (BulletinMarkdownReader *self,
                        gsize                   start,
                        gsize                   cut);

G_END_DECLS
