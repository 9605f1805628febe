/* bulletin-checks.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bulletin-images.h"
#include "bulletin-spell.h"

G_BEGIN_DECLS

#define BULLETIN_CHECKS_ERROR (bulletin_checks_error_quark ())

typedef enum
{
  BULLETIN_CHECKS_ERROR_FAILED,
} BulletinChecksError;

typedef enum
{
  BULLETIN_FINDING_ACRONYM,
  BULLETIN_FINDING_LINK,
  BULLETIN_FINDING_LEFTOVER,
  BULLETIN_FINDING_STRUCTURE,
  BULLETIN_FINDING_DATE,
  BULLETIN_FINDING_SPELLING,
} BulletinFindingKind;

#define BULLETIN_FINDING_N_KINDS (BULLETIN_FINDING_SPELLING + 1)

typedef enum
{
  BULLETIN_CHECK_ACRONYMS  = 1 << BULLETIN_FINDING_ACRONYM,
  BULLETIN_CHECK_LINKS     = 1 << BULLETIN_FINDING_LINK,
  BULLETIN_CHECK_LEFTOVERS = 1 << BULLETIN_FINDING_LEFTOVER,
  BULLETIN_CHECK_STRUCTURE = 1 << BULLETIN_FINDING_STRUCTURE,
  BULLETIN_CHECK_DATES     = 1 << BULLETIN_FINDING_DATE,
  BULLETIN_CHECK_SPELLING  = 1 << BULLETIN_FINDING_SPELLING,
  BULLETIN_CHECK_ALL       = (1 << BULLETIN_FINDING_N_KINDS) - 1,
} BulletinCheckKinds;

/**
 * BulletinFinding:
 * @kind: what sort of problem
 * @line: 1-based line of its start
 * @column: 1-based column of its start, in characters
 * @offset: byte offset of its start in the checked text, for underlining
 * @length: its length in bytes (0 for something missing)
 * @message: what is wrong, translated
 * @suggestions: (nullable): replacements for the range, best first: the
 *   expansion of an acronym, the right weekday, an https address…
 * @key: names the finding for "ignore this in this draft"; stays the same
 *   while the text around it changes. A repeated problem gets "#2", "#3"…
 *   except a misspelled word, whose findings share one key
 */
typedef struct
{
  BulletinFindingKind   kind;
  guint                 line;
  guint                 column;
  gsize                 offset;
  gsize                 length;
  char                 *message;
  char                **suggestions;
  char                 *key;
} BulletinFinding;

/* Looks an acronym up in the office glossary; returns FALSE if it is not
 * there. @expansion receives a newly allocated string. */
typedef gboolean (*BulletinGlossaryLookupFunc) (const char  *acronym,
                                                char       **expansion,
                                                gboolean    *well_known,
                                                gpointer     user_data);

/**
 * BulletinCheckOptions:
 * @kinds: which checks to run; 0 for all
 * @today: (nullable): the date "next week" is measured from; %NULL for
 *   bulletin_clock_today()
 * @glossary_lookup: (nullable): the office glossary
 * @glossary_data: data for @glossary_lookup
 * @ignored_keys: (nullable): a set of #BulletinFinding keys to leave out
 * @spell: (nullable): the spell checker; %NULL skips the spelling check
 * @spelling_suggestions: fill @suggestions of spelling findings (slow:
 *   milliseconds a word; the editor asks bulletin_spell_suggest() for
 *   the word under the pointer instead)
 * @base: (nullable): the draft's folder, where images with a relative
 *   address are looked at (they go in the email); %NULL for a draft
 *   without one, whose relative addresses go nowhere
 * @resolve_image: (nullable): reads images of the application's own,
 *   such as `bulletin-image:` ones kept in its database
 * @resolve_data: data for @resolve_image
 * @cancellable: (nullable): stops a run between its checks and every few
 *   thousand words of spelling; what was found by then is returned, and
 *   the caller, who cancelled, throws it away
 */
typedef struct
{
  BulletinCheckKinds          kinds;
  const GDate                *today;
  BulletinGlossaryLookupFunc  glossary_lookup;
  gpointer                    glossary_data;
  GHashTable                 *ignored_keys;
  BulletinSpell              *spell;
  gboolean                    spelling_suggestions;
  GCancellable               *cancellable;
  GFile                      *base;
  BulletinImageResolver       resolve_image;
  gpointer                    resolve_data;
} BulletinCheckOptions;

/* Brysbaert (2019): adults read non-fiction silently at about 238 words a
 * minute. */
#define BULLETIN_STATS_WORDS_PER_MINUTE 238
/* The plain-English target for Flesch reading ease. */
#define BULLETIN_STATS_PLAIN_ENGLISH_TARGET 60.0

/**
 * BulletinStats:
 * @words: words of prose (code and addresses left out)
 * @sentences: sentences in paragraphs, lists and tables (not headings)
 * @syllables: syllables in those sentences, estimated
 * @reading_seconds: reading time at %BULLETIN_STATS_WORDS_PER_MINUTE
 * @flesch_reading_ease: 206.835 − 1.015 × words/sentence − 84.6 ×
 *   syllables/word; plain English is %BULLETIN_STATS_PLAIN_ENGLISH_TARGET
 *   or more; 0 for a text without sentences
 * @longest_sentence_words: the longest sentence's length in words
 * @longest_sentence_line: its 1-based line (0 if there is none)
 * @longest_sentence_offset: its byte offset
 * @longest_sentence_length: its length in bytes
 */
typedef struct
{
  guint   words;
  guint   sentences;
  guint   syllables;
  guint   reading_seconds;
  double  flesch_reading_ease;
  guint   longest_sentence_words;
  guint   longest_sentence_line;
  gsize   longest_sentence_offset;
  gsize   longest_sentence_length;
} BulletinStats;

#define BULLETIN_TYPE_FINDING (bulletin_finding_get_type ())

GQuark           bulletin_checks_error_quark      (void);
GType            bulletin_finding_get_type        (void) G_GNUC_CONST;
BulletinFinding *bulletin_finding_copy            (const BulletinFinding      *finding);
void             bulletin_finding_free            (BulletinFinding            *finding);
const char      *bulletin_finding_kind_to_string  (BulletinFindingKind         kind);
const char      *bulletin_finding_kind_to_label   (BulletinFindingKind         kind);

GPtrArray       *bulletin_checks_run              (const char                 *text,
                                                   gsize                       len,
                                                   const BulletinCheckOptions *opts);
BulletinStats    bulletin_checks_stats            (const char                 *text,
                                                   gsize                       len);
gboolean         bulletin_checks_glossary_table_lookup (const char            *acronym,
                                                        char                 **expansion,
                                                        gboolean              *well_known,
                                                        gpointer               user_data);
GHashTable      *bulletin_checks_load_default_glossary (GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinFinding, bulletin_finding_free)

G_END_DECLS
