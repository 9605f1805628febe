/* fuzz-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes through the checks before sending and
 * the statistics. The scanner of the Markdown source walks raw bytes
 * with its own pointers, so every finding must stay inside the text, on
 * character boundaries, in order.
 */

#include "config.h"

#include <string.h>

#include "bulletin-checks.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-markdown.h"
#include "bulletin-store.h"

#include "fuzz-reader-sizes.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static GHashTable *
make_glossary (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify)bulletin_glossary_entry_free);
  BulletinGlossaryEntry *nhs = bulletin_glossary_entry_new ("NHS", "National Health Service", TRUE);
  BulletinGlossaryEntry *vcs = bulletin_glossary_entry_new ("VCS", "voluntary and community sector", FALSE);

  g_hash_table_insert (table, nhs->acronym, nhs);
  g_hash_table_insert (table, vcs->acronym, vcs);
  return table;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static GHashTable *glossary;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  BulletinCheckOptions opts = { 0 };
  BulletinStats stats;
  GDate today;
  gsize len = 0;

  if (glossary == NULL)
    glossary = make_glossary ();

  /* the checks read drafts a part, and long paragraphs a piece, at a
   * time: small inputs go through that too, with the smallest sizes, and
   * every finding must still point into the text */
  fuzz_set_reader_sizes (size);

  text = bulletin_markdown_sanitize ((const char *)data, size, &len, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_NOVEMBER, 2026);
  opts.today = &today;
  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = glossary;

  findings = bulletin_checks_run (text, len, &opts);
  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      g_assert (f->offset + f->length <= len);
      g_assert (f->line >= 1 && f->column >= 1);
      g_assert (g_utf8_validate (text + f->offset, f->length, NULL));
      g_assert (f->offset == len || (text[f->offset] & 0xC0) != 0x80);
      g_assert (g_utf8_validate (f->message, -1, NULL));
      g_assert (f->key != NULL && *f->key != '\0');
      if (i > 0)
        g_assert (((BulletinFinding *)findings->pdata[i - 1])->offset <= f->offset);
    }

  stats = bulletin_checks_stats (text, len);
  g_assert (stats.longest_sentence_offset + stats.longest_sentence_length <= len);
  g_assert (stats.sentences <= stats.words);

  return 0;
}
