/* bulletin-checks-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "bulletin-checks.h"
#include "bulletin-markdown-reader.h"

G_BEGIN_DECLS

/* The checks read the Markdown source itself. cmark-gfm says which lines
 * are prose (paragraphs, headings, table rows) and which are code or
 * HTML; its positions for inline nodes are not reliable (the autolink
 * extension and smart punctuation shift them), so inside each prose
 * block a small scanner finds code spans, link destinations, autolinks
 * and bare addresses by itself. Everything it leaves is prose, and every
 * finding points at exact bytes of the source. */

/* Shared by the files of the checks (bulletin-checks*.c) and nothing
 * else: bulletin-checks-scanner.c reads the draft into a Checker (its
 * blocks, lines and words), bulletin-checks-scanner-inline.c finds what
 * in a block is not prose, one file per kind of check looks at what the
 * scanner found, and bulletin-checks.c runs them in turn. */

typedef enum
{
  REGION_TEXT,      /* paragraph or table row */
  REGION_HEADING,
} RegionKind;

typedef struct
{
  gsize       start;
  gsize       end;
  RegionKind  kind;
  int         heading_level;
  gboolean    in_item;       /* the first paragraph of a list item */
} Region;

/* What the checks need of a top-level block once its part of the draft
 * has been parsed and freed (see #BulletinMarkdownReader). */
typedef struct
{
  int    type;               /* CMARK_NODE_HEADING, CMARK_NODE_LIST, or 0 */
  int    heading_level;
  gsize  start;
  gsize  end;
  guint  region;             /* a heading's region, or G_MAXUINT */
  gsize  text;               /* a second-level heading's plain text, in
                              * Checker.heading_texts, or G_MAXSIZE */
  guint  first_item;         /* a list's items, in Checker.items */
  guint  n_items;
} TopBlock;

typedef enum
{
  LINK_INLINE,      /* [text](url) */
  LINK_REFERENCE,   /* [text][label], [label] */
  LINK_AUTOLINK,    /* <https://…>, <name@example.org> */
  LINK_BARE,        /* https://…, www.… written out */
  LINK_BARE_EMAIL,
} LinkKind;

typedef struct
{
  LinkKind  kind;
  gboolean  is_image;
  gsize     start;
  gsize     end;
  gsize     text_start;
  gsize     text_end;
  char     *url;
} Link;

typedef struct
{
  gsize start;
  gsize end;
} Span;

enum {
  WORD_HAS_DIGIT = 1 << 0,
  WORD_HAS_LOWER = 1 << 1,
  WORD_HAS_UPPER = 1 << 2,
  WORD_HAS_AMP   = 1 << 3,
};

/* A draft has a word every six bytes or so: offsets of 32 bits keep the
 * list of a 50 MB draft at 140 MB instead of 210 (issue 12). bulletin_checks_scan()
 * refuses drafts of 4 GB and more. */
typedef struct
{
  guint32 start;
  guint32 end;
  guint32 region;
  guint32 flags;
} Word;

typedef struct
{
  const char                 *text;
  gsize                       len;
  const BulletinCheckOptions *opts;
  BulletinCheckKinds          kinds;
  GDate                       today;

  BulletinMarkdownReader     *reader;        /* of the blocks being walked */
  GArray                     *blocks;        /* TopBlock */
  GString                    *heading_texts; /* the TopBlocks' texts, each after a NUL */
  int                         weekly;        /* -1 unknown, 0 or 1: the first heading names a week */
  GArray                     *items;         /* Span: the items of lists in blocks */
  GArray                     *open_tasks;    /* Span: the "[ ]" of unticked task items */
  GArray                     *line_starts;   /* guint32: drafts are under 4 GB (see Word) */
  GArray                     *regions;       /* Region */
  GArray                     *excluded;      /* Span, sorted */
  GArray                     *links;         /* Link */
  GArray                     *brackets;      /* Span: [text] that is no link */
  GArray                     *words;         /* Word */
  GHashTable                 *refdefs;       /* folded label → url */

  GPtrArray                  *findings;
  GHashTable                 *keys_seen;
} Checker;

/* a TopBlock's text, or NULL */
static inline const char *
top_block_text (Checker        *c,
                const TopBlock *block)
{
  return block->text != G_MAXSIZE ? c->heading_texts->str + block->text : NULL;
}

static inline guint
line_count (Checker *c)
{
  return c->line_starts->len;
}

static inline gsize
line_start (Checker *c,
            guint    line)
{
  g_assert (line >= 1);

  if (line > c->line_starts->len)
    return c->len;
  return g_array_index (c->line_starts, guint32, line - 1);
}

static inline char *
source_copy (Checker *c,
             gsize    start,
             gsize    end)
{
  return g_strndup (c->text + start, end - start);
}

static inline const Word *
word_at (Checker *c,
         guint    i)
{
  return &g_array_index (c->words, Word, i);
}

static inline gboolean
word_is (Checker    *c,
         const Word *w,
         const char *literal)
{
  gsize n = strlen (literal);

  return w->end - w->start == n && memcmp (c->text + w->start, literal, n) == 0;
}

static inline gboolean
word_is_ci (Checker    *c,
            const Word *w,
            const char *literal)
{
  gsize n = strlen (literal);

  return w->end - w->start == n && g_ascii_strncasecmp (c->text + w->start, literal, n) == 0;
}

static inline gboolean
cancelled (Checker *c)
{
  return c->opts != NULL && g_cancellable_is_cancelled (c->opts->cancellable);
}

/* bulletin-checks-scanner.c */
void      bulletin_checks_checker_init    (Checker                    *c,
                                           const char                 *text,
                                           gsize                       len,
                                           const BulletinCheckOptions *opts);
void      bulletin_checks_checker_clear   (Checker                    *c);
gboolean  bulletin_checks_scan            (Checker                    *c);
gsize     bulletin_checks_line_end        (Checker                    *c,
                                           guint                       line);
guint     bulletin_checks_line_of_offset  (Checker                    *c,
                                           gsize                       offset);
void      bulletin_checks_add_finding     (Checker                    *c,
                                           BulletinFindingKind         kind,
                                           gsize                       offset,
                                           gsize                       length,
                                           const char                 *key,
                                           char                      **suggestions,
                                           char                       *message);
char    **bulletin_checks_one_suggestion  (const char                 *text);

/* bulletin-checks-scanner-inline.c */
void      bulletin_checks_find_reference_definitions (Checker        *c);
void      bulletin_checks_scan_region                (Checker        *c,
                                                      guint           index);
int       bulletin_checks_compare_span_starts        (gconstpointer   a,
                                                      gconstpointer   b);

/* bulletin-checks-acronyms.c */
gboolean  bulletin_checks_is_acronym      (Checker                    *c,
                                           const Word                 *w,
                                           gsize                      *letters_end);
void      bulletin_checks_check_acronyms  (Checker                    *c);

/* bulletin-checks-links.c */
void      bulletin_checks_check_links     (Checker                    *c);

/* bulletin-checks-leftovers.c */
/* the marks of something still to do: leftovers, and never acronyms */
extern const char * const bulletin_checks_leftover_words[4];

void      bulletin_checks_check_leftovers (Checker                    *c);

/* bulletin-checks-structure.c: @sections comes from
 * bulletin_checks_find_sections(), for both checks */
GArray   *bulletin_checks_find_sections   (Checker                    *c);
void      bulletin_checks_check_structure (Checker                    *c,
                                           GArray                     *sections);
void      bulletin_checks_check_dates     (Checker                    *c,
                                           GArray                     *sections);

/* bulletin-checks-spelling.c */
void      bulletin_checks_check_spelling  (Checker                    *c);

G_END_DECLS
