/* test-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bulletin-diff.h"
#include "bulletin-test-util.h"

static const char * const updates[] = {
  "weekly-update-neighbourhood-teams.md",
  "weekly-update-shared-record.md",
  "weekly-update-volunteers.md",
};

/* the weekly updates in tests/data, one after another */
static char *
load_updates (void)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      g_autofree char *text = bulletin_test_read_fixture (updates[i]);

      if (i > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, text);
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* Checks what every diff must satisfy, whatever the texts: the chunks give
 * back both texts byte for byte, none is empty, no two neighbours share an
 * op, and a replacement shows its deletion first. */
static GPtrArray *
diff_checked (const char *old_text,
              const char *new_text)
{
  GPtrArray *chunks = bulletin_diff_words (old_text, new_text);
  g_autoptr(GString) old_back = g_string_new (NULL);
  g_autoptr(GString) new_back = g_string_new (NULL);

  g_assert_nonnull (chunks);

  for (guint i = 0; i < chunks->len; i++)
    {
      const BulletinDiffChunk *chunk = g_ptr_array_index (chunks, i);

      g_assert_nonnull (chunk->text);
      g_assert_cmpuint (strlen (chunk->text), >, 0);

      if (i > 0)
        {
          const BulletinDiffChunk *prev = g_ptr_array_index (chunks, i - 1);

          g_assert_cmpint (prev->op, !=, chunk->op);
          g_assert_false (prev->op == BULLETIN_DIFF_INSERT &&
                          chunk->op == BULLETIN_DIFF_DELETE);
        }

      if (chunk->op != BULLETIN_DIFF_INSERT)
        g_string_append (old_back, chunk->text);
      if (chunk->op != BULLETIN_DIFF_DELETE)
        g_string_append (new_back, chunk->text);
    }

  g_assert_cmpstr (old_back->str, ==, old_text);
  g_assert_cmpstr (new_back->str, ==, new_text);

  return chunks;
}

/* "[-old-]{+new+}" around changes, as git's word diff shows them */
static char *
render (GPtrArray *chunks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const BulletinDiffChunk *chunk = g_ptr_array_index (chunks, i);

      switch (chunk->op)
        {
        case BULLETIN_DIFF_EQUAL:
          g_string_append (out, chunk->text);
          break;

        case BULLETIN_DIFF_DELETE:
          g_string_append_printf (out, "[-%s-]", chunk->text);
          break;

        case BULLETIN_DIFF_INSERT:
          g_string_append_printf (out, "{+%s+}", chunk->text);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_diff (const char *old_text,
             const char *new_text,
             const char *expected)
{
  g_autoptr(GPtrArray) chunks = diff_checked (old_text, new_text);
  g_autofree char *shown = render (chunks);

  g_assert_cmpstr (shown, ==, expected);
}

static guint
count_changes (GPtrArray *chunks)
{
  guint n = 0;

  for (guint i = 0; i < chunks->len; i++)
    {
      const BulletinDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op != BULLETIN_DIFF_EQUAL)
        n++;
    }

  return n;
}

static void
test_identical (void)
{
  g_autoptr(GPtrArray) chunks = diff_checked ("Hello, world.\n\nSecond line.", "Hello, world.\n\nSecond line.");
  g_autoptr(GPtrArray) empty = diff_checked ("", "");
  const BulletinDiffChunk *chunk;

  g_assert_cmpuint (chunks->len, ==, 1);
  chunk = g_ptr_array_index (chunks, 0);
  g_assert_cmpint (chunk->op, ==, BULLETIN_DIFF_EQUAL);
  g_assert_cmpstr (chunk->text, ==, "Hello, world.\n\nSecond line.");

  /* nothing to cover, and no empty chunk */
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_empty_side (void)
{
  g_autoptr(GPtrArray) added = diff_checked ("", "All new\ntext.");
  g_autoptr(GPtrArray) removed = diff_checked ("All gone.", "");
  const BulletinDiffChunk *chunk;

  g_assert_cmpuint (added->len, ==, 1);
  chunk = g_ptr_array_index (added, 0);
  g_assert_cmpint (chunk->op, ==, BULLETIN_DIFF_INSERT);
  g_assert_cmpstr (chunk->text, ==, "All new\ntext.");

  g_assert_cmpuint (removed->len, ==, 1);
  chunk = g_ptr_array_index (removed, 0);
  g_assert_cmpint (chunk->op, ==, BULLETIN_DIFF_DELETE);
  g_assert_cmpstr (chunk->text, ==, "All gone.");
}

static void
test_replace_word (void)
{
  assert_diff ("The quick brown fox jumps.",
               "The quick red fox jumps.",
               "The quick [-brown-]{+red+} fox jumps.");
  /* a word is replaced whole, not patched letter by letter */
  assert_diff ("Directors of Finance will meet on Wednesday.",
               "Directors of Finance will meet on Thursday.",
               "Directors of Finance will meet on [-Wednesday-]{+Thursday+}.");
  assert_diff ("meeting", "meetings", "[-meeting-]{+meetings+}");
}

static void
test_insert (void)
{
  assert_diff ("brown fox", "The brown fox", "{+The +}brown fox");
  assert_diff ("The fox", "The brown fox", "The {+brown +}fox");
  assert_diff ("The fox", "The fox jumps.", "The fox{+ jumps.+}");
  assert_diff ("The fox.", "The fox. It jumps.", "The fox.{+ It jumps.+}");
  /* the repeated word could be matched either way; the inserted text
   * should still read as whole words */
  assert_diff ("on the mat", "on the the mat", "on the {+the +}mat");
  assert_diff ("a\nc\n", "a\nb\nc\n", "a\n{+b\n+}c\n");
  /* a new paragraph is shown whole, with its own blank line */
  assert_diff ("A b.\n\nC d.\n\nE f.\n", "A x.\n\nC d.\n\nNew.\n\nE f.\n",
               "A [-b-]{+x+}.\n\nC d.\n\n{+New.\n\n+}E f.\n");
}

static void
test_delete (void)
{
  assert_diff ("The very quick fox", "The quick fox", "The [-very -]quick fox");
  assert_diff ("Hello there world", "Hello world", "Hello [-there -]world");
  assert_diff ("First.\n\nSecond.\n\nThird.\n", "First.\n\nThird.\n",
               "First.\n\n[-Second.\n\n-]Third.\n");
  assert_diff ("Trailing words here", "Trailing", "Trailing[- words here-]");
}

static void
test_whitespace (void)
{
  assert_diff ("Para one.\nNext", "Para one.\n\nNext", "Para one.\n{+\n+}Next");
  assert_diff ("One two", "One\ntwo", "One[- -]{+\n+}two");
  assert_diff ("One two", "One  two", "One[- -]{+  +}two");
  assert_diff ("One\r\ntwo", "One\ntwo", "One[-\r\n-]{+\n+}two");
  assert_diff ("tab\there", "tab here", "tab[-\t-]{+ +}here");
  assert_diff ("end", "end\n", "end{+\n+}");
}

static void
test_fold_spaces (void)
{
  /* the spaces between replaced words join them into one change */
  assert_diff ("the cat sat on the mat", "the dog ran on the mat",
               "the [-cat sat-]{+dog ran+} on the mat");
  assert_diff ("We will meet on Tuesday morning.", "We shall gather on Friday morning.",
               "We [-will meet-]{+shall gather+} on [-Tuesday-]{+Friday+} morning.");
  assert_diff ("one\ntwo", "uno\ndos", "[-one\ntwo-]{+uno\ndos+}");
  /* a blank line keeps paragraphs apart */
  assert_diff ("one\n\ntwo", "uno\n\ndos", "[-one-]{+uno+}\n\n[-two-]{+dos+}");
  /* two insertions around a space stay insertions */
  assert_diff ("a b c", "a x b y c", "a {+x +}b {+y +}c");
}

static void
test_scattered (void)
{
  assert_diff ("Alpha beta gamma delta epsilon zeta eta theta.",
               "Alpha BETA gamma delta epsilon zeta ETA theta.",
               "Alpha [-beta-]{+BETA+} gamma delta epsilon zeta [-eta-]{+ETA+} theta.");
  assert_diff ("# Weekly update\n\nFiona attended on Tuesday.\n\n- Directors meet on Wednesday.\n",
               "# Weekly update\n\nFiona attended on Monday.\n\n- Directors meet on Wednesday.\n- Staff meet on Friday.\n",
               "# Weekly update\n\nFiona attended on [-Tuesday-]{+Monday+}.\n\n"
               "- Directors meet on Wednesday.\n{+- Staff meet on Friday.\n+}");
}

static void
test_japanese (void)
{
  /* no spaces: each character is a token, so only the changed ones show */
  assert_diff ("今日は雨です。", "今日は晴れです。", "今日は[-雨-]{+晴れ+}です。");
  assert_diff ("データを保存", "データを削除", "データを[-保存-]{+削除+}");
  assert_diff ("東京 meeting", "大阪 meeting", "[-東京-]{+大阪+} meeting");
}

static void
test_combining (void)
{
  /* the accent stays with its letter: never a lone U+0301 */
  assert_diff ("e\u0301", "e", "[-e\u0301-]{+e+}");
  assert_diff ("cafe\u0301 au lait", "cafe au lait", "[-cafe\u0301-]{+cafe+} au lait");
  assert_diff ("a \u0301b", "a b", "a [-\u0301-]b");
  assert_diff ("Caf\u00e9 open", "Caf\u00e9 closed", "Caf\u00e9 [-open-]{+closed+}");
}

static void
test_emoji (void)
{
  assert_diff ("Thanks 👍 all", "Thanks 👍🏽 all", "Thanks [-👍-]{+👍🏽+} all");
  assert_diff ("Family 👨‍👩‍👧 day", "Family 👨‍👩‍👦 day", "Family [-👨‍👩‍👧-]{+👨‍👩‍👦+} day");
  assert_diff ("Flag 🇬🇧🇫🇷", "Flag 🇬🇧🇩🇪", "Flag 🇬🇧[-🇫🇷-]{+🇩🇪+}");
  assert_diff ("Go 🎉", "Go 🎉🎉", "Go 🎉{+🎉+}");
}

static void
test_apostrophes (void)
{
  assert_diff ("What’s happening", "What's happening", "[-What’s-]{+What's+} happening");
  assert_diff ("the Board’s vision", "the Boards’ vision", "the [-Board’s-]{+Boards’+} vision");
  assert_diff ("‘Accountable care’", "‘Integrated care’", "‘[-Accountable-]{+Integrated+} care’");
}

static void
test_invalid_utf8 (void)
{
  /* drafts are valid UTF-8, but a broken byte must not break the diff */
  g_autoptr(GPtrArray) a = diff_checked ("caf\xc3 ok", "caf\xc3\xa9 ok");
  g_autoptr(GPtrArray) b = diff_checked ("\xff\xfe text", "\xfe text \xe2\x80");

  g_assert_cmpuint (count_changes (a), >, 0);
  g_assert_cmpuint (count_changes (b), >, 0);
}

/* Thousands of changed words, more than a word diff is worth: the result
 * falls back to whole lines and still covers both texts. */
static void
test_line_fallback (void)
{
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(GPtrArray) chunks = NULL;
  guint n_equal_lines = 0;

  for (guint line = 0; line < 2500; line++)
    {
      for (guint word = 0; word < 10; word++)
        {
          if (line % 10 == 0)
            {
              g_string_append_printf (old_text, "%skept%u.%u", word ? " " : "", line, word);
              g_string_append_printf (new_text, "%skept%u.%u", word ? " " : "", line, word);
            }
          else
            {
              g_string_append_printf (old_text, "%sold%u.%u", word ? " " : "", line, word);
              g_string_append_printf (new_text, "%snew%u.%u", word ? " " : "", line, word);
            }
        }
      g_string_append_c (old_text, '\n');
      g_string_append_c (new_text, '\n');
    }

  chunks = diff_checked (old_text->str, new_text->str);

  for (guint i = 0; i < chunks->len; i++)
    {
      const BulletinDiffChunk *chunk = g_ptr_array_index (chunks, i);

      /* whole lines only */
      g_assert_true (g_str_has_suffix (chunk->text, "\n"));
      if (chunk->op == BULLETIN_DIFF_EQUAL)
        {
          g_assert_true (g_str_has_prefix (chunk->text, "kept"));
          n_equal_lines++;
        }
      else
        {
          g_assert_null (strstr (chunk->text, "kept"));
        }
    }

  g_assert_cmpuint (n_equal_lines, ==, 250);
}

static char *
random_word (char **words,
             guint  n_words)
{
  switch (g_test_rand_int_range (0, 8))
    {
    case 0:
      return g_strdup ("\n");
    case 1:
      return g_strdup ("inserted");
    case 2:
      return g_strdup ("日本語");
    case 3:
      return g_strdup ("e\u0301t\u00e9");
    default:
      return g_strdup (words[g_test_rand_int_range (0, n_words)]);
    }
}

static void
test_random_edits (void)
{
  g_autofree char *updates_text = load_updates ();
  g_auto(GStrv) words = g_strsplit (updates_text, " ", -1);
  guint n_words = g_strv_length (words);

  for (guint iter = 0; iter < 200; iter++)
    {
      guint start = g_test_rand_int_range (0, n_words);
      /* drawn once: MIN() would draw it twice and could run past the end */
      guint want = g_test_rand_int_range (0, 600);
      guint len = MIN (n_words - start, want);
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint n_edits = g_test_rand_int_range (0, 12);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autoptr(GPtrArray) chunks = NULL;
      gsize changed = 0;

      for (guint i = 0; i < len; i++)
        g_ptr_array_add (fields, g_strdup (words[start + i]));
      g_ptr_array_add (fields, NULL);
      old_text = g_strjoinv (" ", (char **) fields->pdata);
      g_ptr_array_set_size (fields, fields->len - 1);

      for (guint e = 0; e < n_edits; e++)
        {
          guint at = g_test_rand_int_range (0, fields->len + 1);

          switch (g_test_rand_int_range (0, 5))
            {
            case 0:
              g_ptr_array_insert (fields, at, random_word (words, n_words));
              break;

            case 1:
              if (at < fields->len)
                g_ptr_array_remove_index (fields, at);
              break;

            case 2:
              if (at < fields->len)
                {
                  g_free (fields->pdata[at]);
                  fields->pdata[at] = random_word (words, n_words);
                }
              break;

            case 3:
              /* a stretch removed at once */
              if (at < fields->len)
                g_ptr_array_remove_range (fields, at, MIN (fields->len - at, 8));
              break;

            default:
              if (at < fields->len)
                {
                  char *w = fields->pdata[at];
                  fields->pdata[at] = g_strconcat (w, g_test_rand_bit () ? "," : "\n\n", NULL);
                  g_free (w);
                }
              break;
            }
        }

      g_ptr_array_add (fields, NULL);
      new_text = g_strjoinv (" ", (char **) fields->pdata);

      if (g_test_rand_bit ())
        {
          char *swap = old_text;
          old_text = new_text;
          new_text = swap;
        }

      chunks = diff_checked (old_text, new_text);

      for (guint i = 0; i < chunks->len; i++)
        {
          const BulletinDiffChunk *chunk = g_ptr_array_index (chunks, i);

          if (chunk->op != BULLETIN_DIFF_EQUAL)
            changed += strlen (chunk->text);
        }

      /* never worse than "delete all, insert all" */
      g_assert_cmpuint (changed, <=, strlen (old_text) + strlen (new_text));

      if (strcmp (old_text, new_text) == 0)
        g_assert_cmpuint (chunks->len, ==, *old_text != '\0' ? 1 : 0);
      else
        g_assert_cmpuint (count_changes (chunks), >, 0);
    }
}

/* Two 20 KB versions with about fifty words edited here and there: must
 * give a word diff of about fifty changes, quickly (no timing asserts,
 * but a slow algorithm shows up as a slow test). */
static void
test_performance (void)
{
  g_autofree char *updates_text = load_updates ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) fields = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autoptr(GPtrArray) chunks = NULL;
  guint n_fields;
  guint n_edits = 0;

  while (text->len < 20 * 1024)
    g_string_append (text, updates_text);
  old_text = g_strndup (text->str, strchr (text->str + 20 * 1024, '\n') + 1 - text->str);

  fields = g_strsplit (old_text, " ", -1);
  n_fields = g_strv_length (fields);
  for (guint i = n_fields / 100; i < n_fields; i += n_fields / 50)
    {
      g_free (fields[i]);
      fields[i] = g_strdup_printf ("edit%u", n_edits++);
    }
  new_text = g_strjoinv (" ", fields);

  g_assert_cmpuint (strlen (old_text), >=, 20 * 1024);
  g_assert_cmpuint (n_edits, >=, 45);

  chunks = diff_checked (old_text, new_text);
  g_assert_cmpuint (count_changes (chunks), >=, n_edits);
  g_assert_cmpuint (count_changes (chunks), <=, 200);
}

static void
test_count_fixed (void)
{
  g_assert_cmpuint (bulletin_diff_count_words ("# What’s happening next week?\n\n"
                                               "- Directors of Finance will meet on Wednesday."), ==, 11);
  g_assert_cmpuint (bulletin_diff_count_words (""), ==, 0);
  g_assert_cmpuint (bulletin_diff_count_words ("   \n\n\t"), ==, 0);
  g_assert_cmpuint (bulletin_diff_count_words ("one"), ==, 1);
  g_assert_cmpuint (bulletin_diff_count_words ("  two   words  "), ==, 2);
}

static void
test_count_rules (void)
{
  /* Markdown syntax alone is not a word */
  g_assert_cmpuint (bulletin_diff_count_words ("# * - > | ## --- ***"), ==, 0);
  g_assert_cmpuint (bulletin_diff_count_words ("> - quoted item\n> > deeper"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("| Name | Role |\n|---|---|\n| Fiona | CEO |"), ==, 4);
  g_assert_cmpuint (bulletin_diff_count_words ("1. First\n2) Second\n  10. Tenth"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("- [x] Done\n- [ ] To do"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("**Bold** and _emphasis_"), ==, 3);
  /* a number in running text is a word, list marker or not */
  g_assert_cmpuint (bulletin_diff_count_words ("Chapter 1. Begins"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("2.6 million people, £5 billion budget"), ==, 6);

  /* joined by apostrophes, hyphens and the like */
  g_assert_cmpuint (bulletin_diff_count_words ("What’s what's"), ==, 2);
  g_assert_cmpuint (bulletin_diff_count_words ("co-operate self-care"), ==, 2);
  g_assert_cmpuint (bulletin_diff_count_words ("A&E and B&M"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("See https://example.org/self-care-week?x=1&y=2 now"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("[more](https://example.org/self-care-week-blog)."), ==, 1);
  g_assert_cmpuint (bulletin_diff_count_words ("(NHS Improvement )"), ==, 2);

  /* punctuation and emoji standing alone are not words */
  g_assert_cmpuint (bulletin_diff_count_words ("you – you …… you"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("Great news 🎉 👍🏽"), ==, 2);

  /* accents belong to their letter */
  g_assert_cmpuint (bulletin_diff_count_words ("cafe\u0301 e\u0301"), ==, 2);
}

static void
test_count_cjk (void)
{
  g_assert_cmpuint (bulletin_diff_count_words ("日本語"), ==, 3);
  g_assert_cmpuint (bulletin_diff_count_words ("今日は晴れです。"), ==, 7);
  /* the long-vowel mark is part of the kana before it */
  g_assert_cmpuint (bulletin_diff_count_words ("データ"), ==, 2);
  g_assert_cmpuint (bulletin_diff_count_words ("Tokyo 東京 tower"), ==, 4);
  g_assert_cmpuint (bulletin_diff_count_words ("東京Tower"), ==, 3);
  /* Korean puts spaces between words */
  g_assert_cmpuint (bulletin_diff_count_words ("안녕하세요 세계"), ==, 2);
}

static void
test_count_fixtures (void)
{
  /* 1,061, 802 and 727 words today: a counter that loses or doubles
   * words falls outside */
  static const guint low[] = { 1000, 780, 700 };
  static const guint high[] = { 1100, 850, 780 };

  for (guint i = 0; i < G_N_ELEMENTS (updates); i++)
    {
      g_autofree char *text = bulletin_test_read_fixture (updates[i]);
      guint n = bulletin_diff_count_words (text);

      g_test_message ("%s: %u words", updates[i], n);
      g_assert_cmpuint (n, >=, low[i]);
      g_assert_cmpuint (n, <=, high[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/identical", test_identical);
  g_test_add_func ("/diff/empty-side", test_empty_side);
  g_test_add_func ("/diff/replace-word", test_replace_word);
  g_test_add_func ("/diff/insert", test_insert);
  g_test_add_func ("/diff/delete", test_delete);
  g_test_add_func ("/diff/whitespace", test_whitespace);
  g_test_add_func ("/diff/fold-spaces", test_fold_spaces);
  g_test_add_func ("/diff/scattered", test_scattered);
  g_test_add_func ("/diff/unicode/japanese", test_japanese);
  g_test_add_func ("/diff/unicode/combining", test_combining);
  g_test_add_func ("/diff/unicode/emoji", test_emoji);
  g_test_add_func ("/diff/unicode/apostrophes", test_apostrophes);
  g_test_add_func ("/diff/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/diff/line-fallback", test_line_fallback);
  g_test_add_func ("/diff/random-edits", test_random_edits);
  g_test_add_func ("/diff/performance", test_performance);
  g_test_add_func ("/diff/count/fixed", test_count_fixed);
  g_test_add_func ("/diff/count/rules", test_count_rules);
  g_test_add_func ("/diff/count/cjk", test_count_cjk);
  g_test_add_func ("/diff/count/fixtures", test_count_fixtures);

  return g_test_run ();
}
