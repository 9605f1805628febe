/* bulletin-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"
#include "bulletin-packs.h"
#include "bulletin-check-report.h"
#include "bulletin-i18n.h"
#include "bulletin-images.h"
#include "bulletin-clock.h"
#include "bulletin-file.h"
#include "bulletin-markdown.h"
#include "bulletin-markdown-reader.h"
#include "bulletin-store.h"
#include "bulletin-template.h"

G_DEFINE_QUARK (bulletin-checks-error-quark, bulletin_checks_error)
G_DEFINE_BOXED_TYPE (BulletinFinding, bulletin_finding,
                     bulletin_finding_copy, bulletin_finding_free)

BulletinFinding *
bulletin_finding_copy (const BulletinFinding *finding)
{
  BulletinFinding *copy;

  g_return_val_if_fail (finding != NULL, NULL);

  copy = g_new0 (BulletinFinding, 1);
  *copy = *finding;
  copy->message = g_strdup (finding->message);
  copy->suggestions = g_strdupv (finding->suggestions);
  copy->key = g_strdup (finding->key);

  return copy;
}

void
bulletin_finding_free (BulletinFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->message);
  g_strfreev (finding->suggestions);
  g_free (finding->key);
  g_free (finding);
}

/**
 * bulletin_finding_kind_to_string:
 * @kind: a #BulletinFindingKind
 *
 * Returns: the kind's name for machines ("acronym", "spelling"…), as the
 *   command line prints it; never translated
 */
const char *
bulletin_finding_kind_to_string (BulletinFindingKind kind)
{
  static const char * const names[] = {
    "acronym", "link", "leftover", "structure", "date", "spelling",
  };

  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (names), "unknown");

  return names[kind];
}

/**
 * bulletin_finding_kind_to_label:
 * @kind: a #BulletinFindingKind
 *
 * Returns: the kind's name for people, translated
 */
const char *
bulletin_finding_kind_to_label (BulletinFindingKind kind)
{
  switch (kind)
    {
    case BULLETIN_FINDING_ACRONYM:
      return _("Acronyms");
    case BULLETIN_FINDING_LINK:
      return _("Links");
    case BULLETIN_FINDING_LEFTOVER:
      return _("Leftovers");
    case BULLETIN_FINDING_STRUCTURE:
      return _("Structure");
    case BULLETIN_FINDING_DATE:
      return _("Dates");
    case BULLETIN_FINDING_SPELLING:
      return _("Spelling");
    default:
      g_return_val_if_reached (NULL);
    }
}


/* Only white space between two words of the same block. */
static gboolean
adjacent (Checker    *c,
          const Word *a,
          const Word *b)
{
  if (a->region != b->region)
    return FALSE;
  for (gsize i = a->end; i < b->start; i++)
    if (c->text[i] != ' ' && c->text[i] != '\t' && c->text[i] != '\n' && c->text[i] != '\r')
      return FALSE;
  return b->start > a->end;
}

/* Only white space and commas between two words of the same block. */
static gboolean
adjacent_or_comma (Checker    *c,
                   const Word *a,
                   const Word *b)
{
  if (a->region != b->region || b->start <= a->end)
    return FALSE;
  for (gsize i = a->end; i < b->start; i++)
    if (!g_ascii_isspace (c->text[i]) && c->text[i] != ',')
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Acronyms                                                            */
/* ------------------------------------------------------------------ */

static const char * const bulletin_checks_leftover_words[] = { "TODO", "FIXME", "XXX", "TK" };

/* Two or more capitals, '&' between them allowed, and a plural "s". */
#define MAX_ACRONYM_LETTERS 12

static gboolean
bulletin_checks_is_acronym (Checker    *c,
                            const Word *w,
                            gsize      *letters_end)
{
  const char *p = c->text + w->start;
  gsize n = w->end - w->start;
  guint capitals = 0;

  if ((w->flags & (WORD_HAS_UPPER | WORD_HAS_DIGIT)) != WORD_HAS_UPPER)
    return FALSE;

  if (n >= 3 && p[n - 1] == 's')
    n--;
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isupper (p[i]))
        capitals++;
      else if (p[i] != '&')
        return FALSE;
    }
  /* past a dozen capitals it is shouting, not an acronym: nobody spells
   * out "PLEASEREADTHISNOW" */
  if (capitals < 2 || capitals > MAX_ACRONYM_LETTERS)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (bulletin_checks_leftover_words); i++)
    if (n == strlen (bulletin_checks_leftover_words[i]) && memcmp (p, bulletin_checks_leftover_words[i], n) == 0)
      return FALSE;

  /* "OK", and numbering such as "Phase II" or "Part XIV" */
  if (n == 2 && memcmp (p, "OK", 2) == 0)
    return FALSE;
  if (strspn (p, "IVX") >= n)
    return FALSE;

  *letters_end = w->start + n;
  return TRUE;
}

static const char * const small_words[] = {
  "and", "of", "for", "the", "in", "on", "to", "a", "an", "at", "by", "with", "&",
};

static gboolean
word_is_one_of (Checker            *c,
                const Word         *w,
                const char * const *words,
                guint               n_words)
{
  for (guint i = 0; i < n_words; i++)
    if (word_is_ci (c, w, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_small_word (Checker    *c,
               const Word *w)
{
  return word_is_one_of (c, w, small_words, G_N_ELEMENTS (small_words));
}

/* Whether words [first, last] (counting back from @last) spell the
 * letters @acronym[0, @n) by their initials; small words may be skipped,
 * and '&' stands for "and". */
static gboolean
initials_match (Checker    *c,
                int         first,
                int         last,
                const char *acronym,
                int         n)
{
  /* Tried branch by branch (letter or passed-over small word, for each
   * word) this was exponential: "a a a … (ZAAAAAAAAAAAA)" took 40 s. Built
   * up from the first word instead, each question is answered once. */
  int n_words = last - first + 1;
  g_autofree gboolean *ok = NULL;
  int cols = n + 1;

  if (n == 0)
    return TRUE;
  if (n_words <= 0)
    return FALSE;

  /* ok[j * cols + k]: words first .. first + j - 1, read back from the
   * last of them, give the acronym's first k letters (words before those
   * letters' first one are free) */
  ok = g_new0 (gboolean, (gsize)(n_words + 1) * cols);
  for (int j = 0; j <= n_words; j++)
    ok[j * cols] = TRUE;

  for (int j = 1; j <= n_words; j++)
    {
      const Word *w = word_at (c, first + j - 1);
      gunichar initial = g_unichar_toupper (g_utf8_get_char (c->text + w->start));
      gboolean small = is_small_word (c, w);
      gboolean and = word_is_ci (c, w, "and");

      for (int k = 1; k <= n; k++)
        {
          gboolean match;

          if (acronym[k - 1] == '&')
            match = and ? ok[(j - 1) * cols + k - 1] : small && ok[(j - 1) * cols + k];
          else
            match = (initial == (gunichar)acronym[k - 1] && ok[(j - 1) * cols + k - 1]) ||
                    (small && ok[(j - 1) * cols + k]);
          ok[j * cols + k] = match;
        }
    }

  return ok[n_words * cols + n];
}

static const char * const connector_words[] = { "or", "the", "aka", "as", "called", "known", "a", "an" };

static gboolean
is_connector (Checker    *c,
              const Word *w)
{
  return word_is_one_of (c, w, connector_words, G_N_ELEMENTS (connector_words));
}

/* "Full Name (ABC)", "Full Name – ABC", "‘Full name’, or ABC" and
 * "ABC (Full Name)" all spell ABC out. */
static gboolean
spelled_out_at (Checker    *c,
                guint       index,
                const char *acronym)
{
  const Word *w = word_at (c, index);
  int n = strlen (acronym);
  int window = 2 * n + 2;
  int last = (int)index - 1;

  /* before: skip a connector or two ("…systems’, or ACS") */
  for (int skipped = 0; skipped <= 2 && last >= 0; skipped++)
    {
      if (word_at (c, last)->region != w->region)
        break;
      int first = last;

      /* a match among fewer words is one among more: only the widest
       * window needs trying */
      while (first > 0 && last - (first - 1) < window &&
             word_at (c, first - 1)->region == w->region)
        first--;
      if (initials_match (c, first, last, acronym, n))
        return TRUE;
      if (!is_connector (c, word_at (c, last)))
        break;
      last--;
    }

  /* after, in brackets */
  {
    gsize p = w->end;
    guint close_word = index + 1;

    while (p < c->len && g_ascii_isspace (c->text[p]))
      p++;
    if (p >= c->len || c->text[p] != '(')
      return FALSE;

    while (close_word < c->words->len && close_word - index <= (guint)window &&
           word_at (c, close_word)->region == w->region &&
           memchr (c->text + p, ')', word_at (c, close_word)->start - p) == NULL)
      close_word++;
    /* words index + 1 .. close_word - 1 are inside the brackets */
    for (int lastw = (int)close_word - 1; lastw > (int)index; lastw--)
      if (initials_match (c, index + 1, lastw, acronym, n))
        return TRUE;
  }

  return FALSE;
}

typedef struct
{
  guint    first;        /* word index of the first use */
  guint    spelled_at;   /* 0 or 1 + word index where it is spelled out */
} AcronymUse;

static void
bulletin_checks_check_acronyms (Checker *c)
{
  g_autoptr(GHashTable) uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);
      g_autofree char *acronym = NULL;
      AcronymUse *use;
      gsize letters_end;

      if (!bulletin_checks_is_acronym (c, w, &letters_end))
        continue;

      acronym = source_copy (c, w->start, letters_end);
      use = g_hash_table_lookup (uses, acronym);
      if (use == NULL)
        {
          use = g_new0 (AcronymUse, 1);
          use->first = i;
          g_ptr_array_add (order, acronym);
          g_hash_table_insert (uses, g_steal_pointer (&acronym), use);
          acronym = g_strdup (order->pdata[order->len - 1]);
        }
      if (use->spelled_at == 0 && spelled_out_at (c, i, acronym))
        use->spelled_at = i + 1;
    }

  for (guint k = 0; k < order->len; k++)
    {
      const char *acronym = order->pdata[k];
      AcronymUse *use = g_hash_table_lookup (uses, acronym);
      const Word *w = word_at (c, use->first);
      g_autofree char *expansion = NULL;
      g_autofree char *key = NULL;
      gboolean well_known = FALSE;
      gboolean known = FALSE;
      char **suggestions = NULL;
      char *message;

      if (use->spelled_at == use->first + 1)
        continue;

      if (c->opts != NULL && c->opts->glossary_lookup != NULL)
        known = c->opts->glossary_lookup (acronym, &expansion, &well_known, c->opts->glossary_data);
      if (known && well_known)
        continue;

      if (known && expansion != NULL && *expansion != '\0')
        {
          g_autofree char *with = g_strdup_printf ("%s (%s)", expansion, acronym);

          suggestions = bulletin_checks_one_suggestion (with);
        }

      if (use->spelled_at != 0)
        message = g_strdup_printf (_("“%s” is spelled out on line %u, after its first use; spell it out here instead"),
                                   acronym,
                                   bulletin_checks_line_of_offset (c, word_at (c, use->spelled_at - 1)->start));
      else if (suggestions != NULL)
        message = g_strdup_printf (_("“%s” is not spelled out at its first use: write “%s”"),
                                   acronym, suggestions[0]);
      else
        message = g_strdup_printf (_("“%s” is not spelled out at its first use; spell it out, or add it to the glossary"),
                                   acronym);

      key = g_strconcat ("acronym:", acronym, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_ACRONYM, w->start, strlen (acronym),
                                   key, suggestions, message);
    }
}

/**
 * bulletin_checks_glossary_table_lookup:
 * @acronym: an acronym as written
 * @expansion: (out): its expansion
 * @well_known: (out): whether it needs none
 * @user_data: a #GHashTable from acronyms to #BulletinGlossaryEntry
 *
 * A #BulletinGlossaryLookupFunc over a table made from
 * bulletin_store_glossary_list(): the checks run on every keystroke, so
 * the UI keeps the glossary in memory rather than ask the database.
 */
gboolean
bulletin_checks_glossary_table_lookup (const char  *acronym,
                                       char       **expansion,
                                       gboolean    *well_known,
                                       gpointer     user_data)
{
  GHashTable *table = user_data;
  const BulletinGlossaryEntry *entry;

  g_return_val_if_fail (acronym != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  entry = g_hash_table_lookup (table, acronym);
  if (entry == NULL)
    return FALSE;

  if (expansion != NULL)
    *expansion = g_strdup (entry->expansion);
  if (well_known != NULL)
    *well_known = entry->well_known;
  return TRUE;
}

/**
 * bulletin_checks_load_default_glossary:
 * @error: return location for an error
 *
 * The shipped glossary packs' abbreviations, all of them.
 *
 * Returns: (transfer full): a table from acronyms to
 *   #BulletinGlossaryEntry, for bulletin_checks_glossary_table_lookup()
 */
GHashTable *
bulletin_checks_load_default_glossary (GError **error)
{
  static const char * const shipped[] = { "general", "health-and-care", NULL };

  return bulletin_packs_glossary_new (shipped);
}

/* ------------------------------------------------------------------ */
/* Links                                                               */
/* ------------------------------------------------------------------ */

/* Link text that says nothing about where the link goes, lower case and
 * without punctuation. */
static const char * const vague_link_texts[] = {
  "here", "click here", "more", "read more", "this link", "link",
  "click", "this", "this page", "more here", "read more here", "find out more",
  /* German, for data/de/'s drafts */
  "hier", "hier klicken", "mehr", "mehr dazu", "mehr lesen", "weiterlesen", "weiter",
  "mehr erfahren", "mehr informationen", "dieser link", "diese seite",
};

/* Link text that starts like this says what to do, not where it goes,
 * however it goes on: "Click here to book", "clicking here" (issue 16). */
static const char * const vague_link_openings[] = {
  "click here", "clicking here", "tap here", "click this link", "follow this link",
  "hier klicken", "klicken sie hier", "hier geht es", "hier geht's",
};

static gboolean
is_vague_link_text (const char *text)
{
  for (guint v = 0; v < G_N_ELEMENTS (vague_link_texts); v++)
    if (g_str_equal (text, vague_link_texts[v]))
      return TRUE;
  for (guint v = 0; v < G_N_ELEMENTS (vague_link_openings); v++)
    if (g_str_has_prefix (text, vague_link_openings[v]))
      {
        char after = text[strlen (vague_link_openings[v])];

        if (!g_ascii_isalnum (after))
          return TRUE;
      }
  return FALSE;
}

/* Longer normalised link texts are cut here: no vague text is nearly as
 * long, and nested links hold each other's text, so normalising every
 * one whole was quadratic (issue 12). */
#define MAX_LINK_TEXT 200

/* The link text as a reader sees it: no markup, single spaces, lower
 * case, no closing punctuation; at most about MAX_LINK_TEXT bytes. */
static char *
normalise_link_text (const char *start,
                     gsize       len)
{
  const char *end = start + len;
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = start; p < end && *p != '\0' && out->len <= MAX_LINK_TEXT;)
    {
      const char *next = (guchar)*p < 0x80 ? p + 1 : g_utf8_find_next_char (p, end);

      if (next == NULL)
        next = end;
      if (strchr ("*_`~", *p) != NULL)
        ;
      else if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          if ((guchar)*p < 0x80)
            g_string_append_c (out, g_ascii_tolower (*p));
          else
            {
              /* case folding works a character at a time */
              g_autofree char *folded = g_utf8_casefold (p, next - p);

              g_string_append (out, folded);
            }
        }
      p = next;
    }

  for (;;)
    {
      if (out->len > 0 && strchr (".,:;!?", out->str[out->len - 1]) != NULL)
        g_string_truncate (out, out->len - 1);
      else if (g_str_has_suffix (out->str, "…"))
        g_string_truncate (out, out->len - strlen ("…"));
      else
        break;
    }

  return g_string_free (out, FALSE);
}

static gboolean
url_has_scheme (const char *url)
{
  const char *p = url;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-')
    p++;
  return *p == ':';
}

/* The address without its query and fragment ends in ".svg" */
static gboolean
is_svg_address (const char *url)
{
  gsize len = strcspn (url, "?#");

  if (g_ascii_strncasecmp (url, "data:", 5) == 0)
    return g_ascii_strncasecmp (url + 5, "image/svg", 9) == 0;
  return len >= 4 && g_ascii_strncasecmp (url + len - 4, ".svg", 4) == 0;
}

/* An image beside the draft goes in the email; whether it can, and at
 * what cost to the reader. Returns FALSE for an address that is not a
 * file beside the draft. */
static gboolean
check_local_image (Checker    *c,
                   const Link *link,
                   const char *url)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *kept_name = NULL;
  BulletinImageInfo info = { 0 };
  gboolean readable;

  /* one kept in the application's database, else a file beside the draft */
  if (c->opts != NULL && c->opts->resolve_image != NULL)
    kept = c->opts->resolve_image (url, &kept_name, c->opts->resolve_data, &error);
  if (kept != NULL)
    readable = bulletin_image_query_bytes (kept, &info, &error);
  else if (error != NULL)
    readable = FALSE;
  else if (g_ascii_strncasecmp (url, BULLETIN_IMAGE_SCHEME ":", strlen (BULLETIN_IMAGE_SCHEME ":")) == 0)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("it was pasted into Bulletin and is kept in its drafts database, which only the window reads"));
      readable = FALSE;
    }
  else
    {
      file = bulletin_image_resolve_local (c->opts != NULL ? c->opts->base : NULL, url);
      if (file == NULL)
        return FALSE;
      readable = bulletin_image_query (file, &info, &error);
    }

  if (!readable)
    {
      key = g_strconcat ("link:image-unreadable:", url, NULL);
      /* Translators: the first %s is an image's address, the second why
       * it cannot be read */
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                   g_strdup_printf (_("The image “%s” cannot be read (%s), so it will be left out of the email"),
                                                    url, error->message));
      return TRUE;
    }

  if (!bulletin_image_type_is_for_email (info.mime_type))
    {
      key = g_strconcat ("link:image-type:", url, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                   g_strdup_printf (_("Mail clients do not all show images of the type %s: use PNG, JPEG or GIF"),
                                                    info.mime_type));
    }
  else if (info.width > BULLETIN_IMAGE_MAX_WIDTH || info.size > BULLETIN_IMAGE_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (info.size);

      key = g_strconcat ("link:image-large:", url, NULL);
      if (info.width > BULLETIN_IMAGE_MAX_WIDTH)
        bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                     /* Translators: %d is a width in pixels */
                                     g_strdup_printf (_("This image is %d px wide: it will be slow to download; scale it down to 1,200 px"),
                                                      info.width));
      else
        bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                     /* Translators: %s is a size such as "2.4 MB" */
                                     g_strdup_printf (_("This image is %s: it will be slow to download; scale it down to 1,200 px"),
                                                      size));
    }

  bulletin_image_info_clear (&info);
  return TRUE;
}

/* What keeps an image from its recipients although its address is
 * written right: adds the finding and returns TRUE if there is one, so
 * that bulletin_checks_check_links() says nothing more about the address. */
static gboolean
check_image_address (Checker    *c,
                     const Link *link,
                     const char *url)
{
  g_autofree char *key = NULL;

  if (is_svg_address (url))
    {
      /* an inline SVG can be megabytes: the key names it by a digest */
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);

      key = g_strconcat ("link:image-svg:", digest, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                   g_strdup (_("Gmail and Outlook do not show SVG images: use a PNG or JPEG instead")));
      return TRUE;
    }

  if (g_ascii_strncasecmp (url, "data:", 5) == 0)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);

      key = g_strconcat ("link:image-data:", digest, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                   g_strdup (_("Most mail clients, Gmail among them, do not show images embedded as data: addresses: link to the image over https:// instead")));
      return TRUE;
    }

  if (g_ascii_strncasecmp (url, "http://", 7) == 0)
    {
      g_autofree char *https = g_strconcat ("https://", url + 7, NULL);
      /* the suggestion replaces the address, where it is written out;
       * a reference image's is elsewhere, and it gets none */
      const char *found = g_strstr_len (c->text + link->text_end, link->end - link->text_end, url);
      gsize at = found != NULL ? (gsize)(found - c->text) : link->start;
      gsize length = found != NULL ? strlen (url) : link->end - link->start;

      key = g_strconcat ("link:image-http:", url, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, at, length, key,
                                   found != NULL ? bulletin_checks_one_suggestion (https) : NULL,
                                   g_strdup (_("Recipients’ mail clients block images sent over http://: use https://")));
      return TRUE;
    }

  return check_local_image (c, link, url);
}

static void
bulletin_checks_check_links (Checker *c)
{
  for (guint i = 0; i < c->links->len; i++)
    {
      const Link *link = &g_array_index (c->links, Link, i);
      g_autofree char *url = g_strstrip (g_strdup (link->url));
      g_autofree char *text = normalise_link_text (c->text + link->text_start,
                                                   link->text_end - link->text_start);
      g_autofree char *key = NULL;

      if (link->kind == LINK_BARE_EMAIL)
        continue;

      if (link->is_image)
        {
          if (*text == '\0')
            {
              key = g_strconcat ("link:no-alt:", url, NULL);
              bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                           g_strdup (_("This image has no alt text: describe it for people who cannot see it")));
              g_clear_pointer (&key, g_free);
            }
        }
      else
        {
          if (is_vague_link_text (text))
            {
              key = g_strconcat ("link:vague:", url, NULL);
              bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->text_start,
                                           link->text_end - link->text_start, key, NULL,
                                           g_strdup_printf (_("The link text “%s” does not say where the link goes"),
                                                            text));
              g_clear_pointer (&key, g_free);
            }
        }

      if (*url == '\0')
        {
          key = g_strconcat ("link:empty:", text, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                       g_strdup (_("This link has no address")));
          continue;
        }

      if (link->is_image && check_image_address (c, link, url))
        continue;

      if (!url_has_scheme (url) && url[0] != '#')
        {
          key = g_strconcat ("link:relative:", url, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key, NULL,
                                       g_strdup_printf (_("“%s” is a relative address, which goes nowhere in an email: give the full https:// address"),
                                                        url));
          continue;
        }

      if (link->kind == LINK_BARE && g_ascii_strncasecmp (c->text + link->start, "www.", 4) == 0)
        {
          g_autofree char *written = source_copy (c, link->start, link->end);
          g_autofree char *https = g_strconcat ("https://", written, NULL);

          key = g_strconcat ("link:bare:", written, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, link->start, link->end - link->start, key,
                                       bulletin_checks_one_suggestion (https),
                                       g_strdup_printf (_("“%s” has no https://, so some mail programs will not make it a link in the plain-text email"),
                                                        written));
          continue;
        }

      if (g_ascii_strncasecmp (url, "http://", 7) == 0)
        {
          g_autofree char *https = g_strconcat ("https://", url + 7, NULL);
          /* the address is looked for in the link text only when that
           * is short: nested links each searching all the others' text
           * was quadratic */
          gsize from = link->text_end - link->text_start > 4096 ? link->text_end : link->start;
          const char *found = g_strstr_len (c->text + from, link->end - from, url);
          gsize at = found != NULL ? (gsize)(found - c->text) : link->start;
          gsize length = found != NULL ? strlen (url) : link->end - link->start;

          key = g_strconcat ("link:http:", url, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_LINK, at, length, key,
                                       found != NULL ? bulletin_checks_one_suggestion (https) : NULL,
                                       g_strdup_printf (_("“%s” is not secure: use https:// if the site has it"), url));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Leftovers                                                           */
/* ------------------------------------------------------------------ */

static gboolean
is_excluded (Checker *c,
             gsize    offset)
{
  guint lo = 0, hi = c->excluded->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Span *s = &g_array_index (c->excluded, Span, mid);

      if (s->end <= offset)
        lo = mid + 1;
      else if (s->start > offset)
        hi = mid;
      else
        return TRUE;
    }

  return FALSE;
}

/* A block's first line without its Markdown markers, trimmed. */
static char *
strip_block_markers (const char *start,
                     gsize       len)
{
  const char *end = start + len;
  const char *nl = memchr (start, '\n', len);

  if (nl != NULL)
    end = nl;
  while (start < end && strchr ("#>-*+ \t", *start) != NULL)
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  return g_strndup (start, end - start);
}

/* The example lines of the weekly template ("A few lines about it."),
 * which a draft should have replaced. Read once from the resources. */
static gpointer
load_template_examples (gpointer data)
{
  /* every language's: a draft may be in any of them */
  g_autoptr(GPtrArray) templates = bulletin_i18n_lookup_all_data ("weekly-template.md");
  GHashTable *examples = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < templates->len; t++)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (templates->pdata[t], NULL),
                                         g_bytes_get_size (templates->pdata[t]));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      gboolean in_sections = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line;

          /* the headings of the recurring sections are meant to stay */
          if (g_str_has_prefix (lines[i], "## "))
            {
              in_sections = TRUE;
              continue;
            }
          line = strip_block_markers (lines[i], strlen (lines[i]));
          if (in_sections && *line != '\0' && strstr (line, "{{") == NULL)
            g_hash_table_add (examples, line);
          else
            g_free (line);
        }
    }

  return examples;
}

static void
check_template_examples (Checker *c)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *examples = g_once (&once, load_template_examples, NULL);

  if (g_hash_table_size (examples) == 0)
    return;

  for (guint r = 0; r < c->regions->len; r++)
    {
      const Region *region = &g_array_index (c->regions, Region, r);
      g_autofree char *line = strip_block_markers (c->text + region->start, region->end - region->start);
      g_autofree char *key = NULL;
      const char *found;

      if (!g_hash_table_contains (examples, line))
        continue;

      found = g_strstr_len (c->text + region->start, region->end - region->start, line);
      g_assert (found != NULL);
      key = g_strconcat ("leftover:template:", line, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, found - c->text, strlen (line), key, NULL,
                                   g_strdup (_("This is the weekly template’s example text: replace it")));
    }
}

static void
bulletin_checks_check_leftovers (Checker *c)
{
  const Word *prev = NULL;

  /* a to-do list carried over from last week goes out as boxes nobody
   * meant to send (issue 16) */
  for (guint i = 0; i < c->open_tasks->len; i++)
    {
      const Span *box = &g_array_index (c->open_tasks, Span, i);

      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, box->start, box->end - box->start, "leftover:open-task", NULL,
                                   g_strdup (_("This checklist item is not ticked: it goes out as an empty box")));
    }

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);
      gsize n = w->end - w->start;

      for (guint k = 0; k < G_N_ELEMENTS (bulletin_checks_leftover_words); k++)
        if (word_is (c, w, bulletin_checks_leftover_words[k]))
          {
            g_autofree char *key = g_strconcat ("leftover:", bulletin_checks_leftover_words[k], NULL);

            bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, w->start, n, key, NULL,
                                         g_strdup_printf (_("“%s” marks something still to do"), bulletin_checks_leftover_words[k]));
          }

      if (word_is_ci (c, w, "lorem") && i + 1 < c->words->len &&
          word_is_ci (c, word_at (c, i + 1), "ipsum") && adjacent (c, w, word_at (c, i + 1)))
        bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, w->start, word_at (c, i + 1)->end - w->start,
                                     "leftover:lorem-ipsum", NULL,
                                     g_strdup (_("“Lorem ipsum” is placeholder text")));

      /* "the the"; numbers ("10 10") are left alone */
      if (prev != NULL && !(w->flags & WORD_HAS_DIGIT) && prev->end - prev->start == n &&
          g_ascii_strncasecmp (c->text + prev->start, c->text + w->start, n) == 0 &&
          (n > 1 || g_ascii_isalpha (c->text[w->start])) &&
          adjacent (c, prev, w))
        {
          g_autofree char *word = source_copy (c, w->start, w->end);
          g_autofree char *key = g_strconcat ("leftover:doubled:", word, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, prev->start, w->end - prev->start, key,
                                       bulletin_checks_one_suggestion (word),
                                       g_strdup_printf (_("“%s” is doubled"), word));
        }

      prev = w;
    }

  for (guint i = 0; i < c->brackets->len; i++)
    {
      const Span *s = &g_array_index (c->brackets, Span, i);
      g_autofree char *inner = NULL;
      g_autofree char *key = NULL;
      gboolean has_letter = FALSE;

      /* over 60 characters for sure: not copied or read, since nested
       * brackets hold each other and reading them all is quadratic */
      if (s->end - s->start - 2 > 60 * 4)
        continue;
      inner = source_copy (c, s->start + 1, s->end - 1);

      for (const char *p = inner; *p != '\0'; p = g_utf8_next_char (p))
        has_letter |= g_unichar_isalpha (g_utf8_get_char (p));
      if (!has_letter || g_utf8_strlen (inner, -1) > 60)
        continue;

      key = g_strconcat ("leftover:bracket:", inner, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, s->start, s->end - s->start, key, NULL,
                                   g_strdup_printf (_("“[%s]” looks like a gap to fill in"), inner));
    }

  check_template_examples (c);

  /* placeholders and double spaces: scan the prose bytes of each block */
  for (guint r = 0; r < c->regions->len; r++)
    {
      const Region *region = &g_array_index (c->regions, Region, r);
      const char *base = c->text;
      /* the next "}}" and newline, looked for again only once passed:
       * "{{" after "{{" with no "}}" read to the end each time */
      const char *next_close = NULL, *next_nl = NULL;

      for (gsize i = region->start; i + 1 < region->end; i++)
        {
          if (base[i] == '{' && base[i + 1] == '{' && !is_excluded (c, i))
            {
              const char *close, *nl;

              if (next_close == NULL || (next_close != base + region->end && next_close < base + i + 2))
                {
                  next_close = g_strstr_len (base + i + 2, region->end - i - 2, "}}");
                  if (next_close == NULL)
                    next_close = base + region->end;
                }
              if (next_nl == NULL || (next_nl != base + region->end && next_nl < base + i))
                {
                  next_nl = memchr (base + i, '\n', region->end - i);
                  if (next_nl == NULL)
                    next_nl = base + region->end;
                }
              close = next_close != base + region->end ? next_close : NULL;
              nl = next_nl != base + region->end ? next_nl : NULL;

              if (close != NULL && (nl == NULL || close < nl))
                {
                  gsize end = close + 2 - base;
                  g_autofree char *name = source_copy (c, i + 2, end - 2);
                  g_autofree char *key = g_strconcat ("leftover:placeholder:", g_strstrip (name), NULL);

                  bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, i, end - i, key, NULL,
                                               g_strdup_printf (_("The placeholder “{{%s}}” was not filled in"), name));
                  i = end - 1;
                }
            }
          else if (base[i] == '.' && i + 3 < region->end && base[i + 1] == ' ' && base[i + 2] == ' ' &&
                   !g_ascii_isspace (base[i + 3]) && !is_excluded (c, i))
            {
              /* two spaces before a line break are a hard break, and are
               * not caught here: a third character must follow */
              bulletin_checks_add_finding (c, BULLETIN_FINDING_LEFTOVER, i + 1, 2, "leftover:two-spaces",
                                           bulletin_checks_one_suggestion (" "),
                                           g_strdup (_("Two spaces after a full stop: one is enough")));
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Structure and dates                                                 */
/* ------------------------------------------------------------------ */

/* The recurring sections of data/weekly-template.md, in their order.
 * Their translations must be the headings of data/<lang>/weekly-template.md. */
static const char * const section_names[] = {
  NULL,
  /* Translators: the headings of the weekly template's two recurring
   * sections: write them exactly as in data/<lang>/weekly-template.md
   * (tests/check-translations.py compares them) */
  N_("What else has been happening this week?"),
  N_("What’s happening next week?"),
};
#define ELSE_HEADING section_names[1]
#define NEXT_HEADING section_names[2]

typedef enum
{
  SECTION_NONE,
  SECTION_ELSE,
  SECTION_NEXT,
} SectionKind;

/* The two level-2 headings of the weekly template, in one language */
typedef struct
{
  char *headings[3];      /* indexed by SectionKind; [0] unused */
  char *normalised[3];
} TemplateHeadings;


/* A draft is recognised in any language Bulletin ships a template in,
 * whatever the language of the menus: the office's text is what it is.
 * Read once from the resources, English first. */
static gpointer
load_template_headings (gpointer data)
{
  g_autoptr(GPtrArray) templates = bulletin_i18n_lookup_all_data ("weekly-template.md");
  GArray *sets = g_array_new (FALSE, TRUE, sizeof (TemplateHeadings));

  for (guint t = 0; t < templates->len; t++)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (templates->pdata[t], NULL),
                                         g_bytes_get_size (templates->pdata[t]));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      TemplateHeadings set = { { NULL } };
      guint kind = SECTION_ELSE;

      for (guint i = 0; lines[i] != NULL && kind <= SECTION_NEXT; i++)
        if (g_str_has_prefix (lines[i], "## "))
          {
            set.headings[kind] = g_strstrip (g_strdup (lines[i] + 3));
            set.normalised[kind] = bulletin_markdown_normalise_phrase (set.headings[kind]);
            kind++;
          }

      if (kind > SECTION_NEXT)
        g_array_append_val (sets, set);
      else
        for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
          {
            g_free (set.headings[k]);
            g_free (set.normalised[k]);
          }
    }

  /* the built-in names, should a template have lost its headings */
  if (sets->len == 0)
    {
      TemplateHeadings set = { { NULL } };

      for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
        {
          set.headings[k] = g_strdup (section_names[k]);
          set.normalised[k] = bulletin_markdown_normalise_phrase (section_names[k]);
        }
      g_array_append_val (sets, set);
    }

  return sets;
}

static GArray *
template_headings (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_template_headings, NULL);
}


typedef struct
{
  SectionKind  kind;
  gboolean     exact;
  guint        language;     /* the template its heading is closest to */
  guint        region;       /* the heading */
  guint        block;        /* the heading, in Checker.blocks */
  gsize        body_start;
  gsize        body_end;
  gboolean     empty;
} Section;

/* A heading of the template, its wording off by a word or a typo, still
 * counts: "What else had been happening this week?" is the same section
 * and gets its own finding. */
static SectionKind
classify_heading (const char *text,
                  gboolean   *exact,
                  guint      *language)
{
  g_autofree char *norm = bulletin_markdown_normalise_phrase (text);
  GArray *sets = template_headings ();
  SectionKind best = SECTION_NONE;
  guint best_distance = G_MAXUINT;

  *exact = g_str_equal (norm, "what is happening next week");
  *language = 0;
  for (guint t = 0; t < sets->len; t++)
    {
      const TemplateHeadings *set = &g_array_index (sets, TemplateHeadings, t);
      const char *else_norm = set->normalised[SECTION_ELSE];
      const char *next_norm = set->normalised[SECTION_NEXT];
      guint to_else = bulletin_markdown_edit_distance (norm, else_norm);
      guint to_next = bulletin_markdown_edit_distance (norm, next_norm);
      SectionKind kind = SECTION_NONE;
      guint distance = G_MAXUINT;

      if (to_else == 0 || to_next == 0)
        *exact = TRUE;
      if (to_else <= to_next && to_else <= strlen (else_norm) / 5)
        kind = SECTION_ELSE, distance = to_else;
      else if (to_next < to_else && (to_next <= strlen (next_norm) / 5 || *exact))
        kind = SECTION_NEXT, distance = to_next;

      if (kind != SECTION_NONE && distance < best_distance)
        {
          best = kind;
          best_distance = distance;
          *language = t;
        }
    }

  return best;
}

static GArray *
bulletin_checks_find_sections (Checker *c)
{
  GArray *sections = g_array_new (FALSE, TRUE, sizeof (Section));

  for (guint b = 0; b < c->blocks->len; b++)
    {
      const TopBlock *block = &g_array_index (c->blocks, TopBlock, b);
      Section s = { 0 };

      if (block->type != CMARK_NODE_HEADING || block->heading_level != 2)
        continue;

      s.kind = classify_heading (block->text, &s.exact, &s.language);
      if (s.kind == SECTION_NONE)
        continue;

      s.block = b;
      s.region = block->region;
      s.body_start = block->end;
      s.body_end = c->len;
      s.empty = TRUE;
      for (guint n = b + 1; n < c->blocks->len; n++)
        {
          const TopBlock *next = &g_array_index (c->blocks, TopBlock, n);

          if (next->type == CMARK_NODE_HEADING && next->heading_level <= 2)
            {
              s.body_end = next->start;
              break;
            }
          s.empty = FALSE;
        }

      g_array_append_val (sections, s);
    }

  return sections;
}

/* The heading's text without its "## " and closing #s. */
static void
heading_text_range (Checker      *c,
                    const Region *r,
                    gsize        *start,
                    gsize        *end)
{
  gsize s = r->start, e = r->end;

  while (s < e && (c->text[s] == '#' || c->text[s] == ' '))
    s++;
  if (memchr (c->text + s, '\n', e - s) != NULL)   /* setext: the first line */
    e = (const char *)memchr (c->text + s, '\n', e - s) - c->text;
  while (e > s && (c->text[e - 1] == '#' || c->text[e - 1] == ' ' || c->text[e - 1] == '\r'))
    e--;

  *start = s;
  *end = e;
}

static void
bulletin_checks_check_structure (Checker *c,
                                 GArray  *sections)
{
  const Section *found[3] = { NULL, NULL, NULL };
  const char * const *names = section_names;
  const char *keys[3] = { NULL, "else", "next" };

  for (guint i = 0; i < sections->len; i++)
    {
      const Section *s = &g_array_index (sections, Section, i);
      const Region *r = &g_array_index (c->regions, Region, s->region);
      g_autofree char *key = NULL;

      if (s->region == G_MAXUINT)
        continue;

      if (found[s->kind] != NULL)
        {
          key = g_strconcat ("structure:twice:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, key, NULL,
                                       g_strdup_printf (_("The “%s” section appears twice"), _(names[s->kind])));
          continue;
        }
      found[s->kind] = s;

      if (!s->exact)
        {
          gsize start, end;

          heading_text_range (c, r, &start, &end);
          key = g_strconcat ("structure:wording:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, start, end - start, key,
                                       bulletin_checks_one_suggestion (g_array_index (template_headings (), TemplateHeadings,
                                                                                      s->language).headings[s->kind]),
                                       g_strdup_printf (_("This heading differs from the weekly template’s “%s”"),
                                                        _(names[s->kind])));
          g_clear_pointer (&key, g_free);
        }

      if (s->empty)
        {
          key = g_strconcat ("structure:empty:", keys[s->kind], NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, key, NULL,
                                       g_strdup_printf (_("The “%s” section is empty"), _(names[s->kind])));
        }
    }

  if (found[SECTION_ELSE] != NULL && found[SECTION_NEXT] != NULL &&
      found[SECTION_NEXT]->body_start < found[SECTION_ELSE]->body_start)
    {
      const Region *r = &g_array_index (c->regions, Region, found[SECTION_NEXT]->region);

      bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE, r->start, r->end - r->start, "structure:order", NULL,
                                   g_strdup_printf (_("“%s” should come after “%s”"), _(NEXT_HEADING), _(ELSE_HEADING)));
    }

  /* a short note to staff is no weekly update: the sections are missing
   * only from a draft that has one of them, or whose title names its
   * week (issue 16) */
  if (found[SECTION_ELSE] == NULL && found[SECTION_NEXT] == NULL && c->weekly != 1)
    return;

  for (guint k = SECTION_ELSE; k <= SECTION_NEXT; k++)
    if (found[k] == NULL)
      {
        g_autofree char *key = g_strconcat ("structure:missing:", keys[k], NULL);

        /* nothing to underline: point at the end, where it would go
         * (on the last line, not on the empty one after it) */
        bulletin_checks_add_finding (c, BULLETIN_FINDING_STRUCTURE,
                                     c->len > 0 && c->text[c->len - 1] == '\n' ? c->len - 1 : c->len, 0, key, NULL,
                                     g_strdup_printf (_("The weekly template’s “%s” section is missing"), _(names[k])));
      }
}

/* ----- dates ----- */

static const char * const weekday_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekday_short[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};
static const char * const weekday_other[] = {   /* and their weekdays */
  "Tues", "Thur", "Thurs", "Weds",
};
static const GDateWeekday weekday_other_days[] = {
  G_DATE_TUESDAY, G_DATE_THURSDAY, G_DATE_THURSDAY, G_DATE_WEDNESDAY,
};
static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/* English only: the samples and the template are in English, and a
 * wrong weekday in another language is left alone rather than guessed. */
static GDateWeekday
weekday_of_word (Checker    *c,
                 const Word *w)
{
  if (!(w->flags & WORD_HAS_UPPER) || (w->flags & WORD_HAS_DIGIT))
    return G_DATE_BAD_WEEKDAY;
  for (guint i = 0; i < 7; i++)
    if (word_is_ci (c, w, weekday_names[i]) || word_is (c, w, weekday_short[i]))
      return i + 1;
  for (guint i = 0; i < G_N_ELEMENTS (weekday_other); i++)
    if (word_is (c, w, weekday_other[i]))
      return weekday_other_days[i];
  return G_DATE_BAD_WEEKDAY;
}

static GDateMonth
month_of_word (Checker    *c,
               const Word *w)
{
  gsize n = w->end - w->start;

  if (!g_ascii_isupper (c->text[w->start]) || (w->flags & WORD_HAS_DIGIT))
    return G_DATE_BAD_MONTH;
  for (guint i = 0; i < 12; i++)
    {
      if (word_is_ci (c, w, month_names[i]))
        return i + 1;
      /* "Nov", "Sept" */
      if (n >= 3 && n < strlen (month_names[i]) &&
          strncmp (c->text + w->start, month_names[i], n) == 0 && (n == 3 || i == 8))
        return i + 1;
    }
  return G_DATE_BAD_MONTH;
}

/* 1–31, with or without "st", "nd", "rd", "th". */
static int
day_of_word (Checker    *c,
             const Word *w)
{
  const char *p = c->text + w->start;
  const char *end = c->text + w->end;
  int day = 0;

  if (!g_ascii_isdigit (*p))
    return 0;
  while (p < end && g_ascii_isdigit (*p) && day < 100)
    day = day * 10 + (*p++ - '0');
  if (p < end && !(end - p == 2 && (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
                                     g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0)))
    return 0;
  return day >= 1 && day <= 31 ? day : 0;
}

/* data/de/weekly-template.md's events name their day in German: "am
 * Dienstag", "Mittwoch, 25. November", "morgen". Only enough to see that
 * an event has its day: the weekday is not compared with the date, as a
 * wrong weekday in another language is left alone rather than guessed. */
static const char * const german_day_words[] = {
  "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
  "heute", "morgen", "übermorgen",
};
static const char * const german_months[] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
  "August", "September", "Oktober", "November", "Dezember",
};

static gboolean
says_day_in_german (Checker *c,
                    guint    i)
{
  const Word *w = word_at (c, i);
  const Word *next;
  gsize gap;

  for (guint d = 0; d < G_N_ELEMENTS (german_day_words); d++)
    if (word_is_ci (c, w, german_day_words[d]))
      return TRUE;

  /* "25. November" */
  if (day_of_word (c, w) == 0 || i + 1 >= c->words->len)
    return FALSE;
  next = word_at (c, i + 1);
  if (next->region != w->region || w->end >= next->start || c->text[w->end] != '.')
    return FALSE;
  for (gap = w->end + 1; gap < next->start; gap++)
    if (c->text[gap] != ' ')
      return FALSE;
  for (guint m = 0; m < G_N_ELEMENTS (german_months); m++)
    if (word_is (c, next, german_months[m]))
      return TRUE;
  return FALSE;
}

static int
year_of_word (Checker    *c,
              const Word *w)
{
  const char *p = c->text + w->start;
  int year = 0;

  if (w->end - w->start != 4)
    return 0;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return 0;
      year = year * 10 + (p[i] - '0');
    }
  return year >= 1900 && year <= 2199 ? year : 0;
}

typedef struct
{
  guint         first;      /* word indices */
  guint         last;
  GDateWeekday  weekday;    /* as written, or BAD */
  guint         weekday_word;
  int           day;
  GDateMonth    month;
  int           year;       /* as written, or 0 */
} DateExpr;

static gboolean
next_word (Checker *c,
           guint    i,
           guint   *next)
{
  if (i + 1 >= c->words->len || !adjacent_or_comma (c, word_at (c, i), word_at (c, i + 1)))
    return FALSE;
  *next = i + 1;
  return TRUE;
}

/* "Tuesday 26 November 2026", "Tue, 26th of Nov", "Tuesday, November
 * 26, 2026", "26 November": a day and a month, in either order. */
static gboolean
parse_date (Checker  *c,
            guint     i,
            DateExpr *d)
{
  guint j = i, k;

  memset (d, 0, sizeof *d);
  d->first = i;
  d->weekday = weekday_of_word (c, word_at (c, i));
  if (d->weekday != G_DATE_BAD_WEEKDAY)
    {
      d->weekday_word = i;
      if (!next_word (c, i, &j))
        return FALSE;
    }

  if ((d->day = day_of_word (c, word_at (c, j))) != 0)
    {
      if (!next_word (c, j, &k))
        return FALSE;
      if (word_is (c, word_at (c, k), "of") && !next_word (c, k, &k))
        return FALSE;
      if ((d->month = month_of_word (c, word_at (c, k))) == G_DATE_BAD_MONTH)
        return FALSE;
    }
  else if ((d->month = month_of_word (c, word_at (c, j))) != G_DATE_BAD_MONTH)
    {
      if (!next_word (c, j, &k) || (d->day = day_of_word (c, word_at (c, k))) == 0)
        return FALSE;
    }
  else
    return FALSE;

  d->last = k;
  if (next_word (c, k, &j) && (d->year = year_of_word (c, word_at (c, j))) != 0)
    d->last = j;

  return TRUE;
}

/* A date written without its year is the one nearest to today. */
static gboolean
resolve_date (Checker        *c,
              const DateExpr *d,
              GDate          *out)
{
  gint64 best = G_MAXINT64;
  int years[3];
  guint n_years = 0;

  if (d->year != 0)
    years[n_years++] = d->year;
  else
    {
      int y = g_date_get_year (&c->today);

      years[n_years++] = y - 1;
      years[n_years++] = y;
      years[n_years++] = y + 1;
    }

  for (guint i = 0; i < n_years; i++)
    {
      GDate candidate;
      gint64 distance;

      if (!g_date_valid_dmy (d->day, d->month, years[i]))
        continue;
      g_date_clear (&candidate, 1);
      g_date_set_dmy (&candidate, d->day, d->month, years[i]);
      distance = ABS ((gint64)g_date_days_between (&c->today, &candidate));
      if (distance < best)
        {
          best = distance;
          *out = candidate;
        }
    }

  return best != G_MAXINT64;
}

static char *
format_gdate (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  /* the date was read in English, so it is described in English */
  return bulletin_template_format_date (dt, "en_GB.UTF-8");
}

/* The index of the first word at or after @offset. */
static guint
first_word_from (Checker *c,
                 gsize    offset)
{
  guint lo = 0, hi = c->words->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (word_at (c, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
in_range (gsize offset,
          gsize start,
          gsize end)
{
  return offset >= start && offset < end;
}

/* The Monday of the week after the one the update's title names ("week
 * ending Friday 4 December 2026"): the dates under "next week" belong
 * to that week, whatever day the update is checked on (issue 16). */
static gboolean
find_next_week (Checker *c,
                GDate   *monday)
{
  const TopBlock *title = NULL;

  for (guint b = 0; b < c->blocks->len && title == NULL; b++)
    if (g_array_index (c->blocks, TopBlock, b).type == CMARK_NODE_HEADING)
      title = &g_array_index (c->blocks, TopBlock, b);
  if (title == NULL)
    return FALSE;

  for (guint i = first_word_from (c, title->start);
       i < c->words->len && word_at (c, i)->start < title->end;
       i++)
    {
      DateExpr d;
      GDate date;

      if (parse_date (c, i, &d) && word_at (c, d.last)->end <= title->end && resolve_date (c, &d, &date))
        {
          *monday = date;
          g_date_add_days (monday, 8 - g_date_get_weekday (&date));
          return TRUE;
        }
    }
  return FALSE;
}

static void
bulletin_checks_check_dates (Checker *c,
                             GArray  *sections)
{
  const Section *next = NULL;
  GDate next_monday, next_sunday;
  gboolean know_week = find_next_week (c, &next_monday);

  if (know_week)
    {
      next_sunday = next_monday;
      g_date_add_days (&next_sunday, 6);
    }

  for (guint i = 0; i < sections->len; i++)
    if (g_array_index (sections, Section, i).kind == SECTION_NEXT)
      {
        next = &g_array_index (sections, Section, i);
        break;
      }

  for (guint i = 0; i < c->words->len; i++)
    {
      DateExpr d;
      GDate date;
      gsize start, end;
      g_autofree char *written = NULL;

      if (!parse_date (c, i, &d))
        continue;

      start = word_at (c, d.first)->start;
      end = word_at (c, d.last)->end;
      written = source_copy (c, start, end);
      i = d.last;

      if (!resolve_date (c, &d, &date))
        {
          g_autofree char *key = g_strconcat ("date:invalid:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("“%s” is not a date"), written));
          continue;
        }

      if (d.weekday != G_DATE_BAD_WEEKDAY && g_date_get_weekday (&date) != d.weekday)
        {
          const Word *w = word_at (c, d.weekday_word);
          g_autofree char *right = format_gdate (&date);
          g_autofree char *key = g_strconcat ("date:weekday:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, w->start, w->end - w->start, key,
                                       bulletin_checks_one_suggestion (weekday_names[g_date_get_weekday (&date) - 1]),
                                       g_strdup_printf (_("“%s” has the wrong weekday: the date is %s"), written, right));
        }

      if (next != NULL && in_range (start, next->body_start, next->body_end) && know_week &&
          (g_date_compare (&date, &next_monday) < 0 || g_date_compare (&date, &next_sunday) > 0))
        {
          g_autofree char *when = format_gdate (&date);
          g_autofree char *from = format_gdate (&next_monday);
          g_autofree char *to = format_gdate (&next_sunday);
          g_autofree char *key = g_strconcat ("date:not-next-week:", written, NULL);

          /* Translators: "Thursday 3 December 2026 is not in the week after
           * this update's, Monday 7 December 2026 to Sunday 13 December
           * 2026, but it is under “What’s happening next week?”" */
          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("%s is not in the week after this update’s, %s to %s, but it is under “%s”"),
                                                        when, from, to, _(NEXT_HEADING)));
        }
      else if (next != NULL && in_range (start, next->body_start, next->body_end) && !know_week &&
               g_date_compare (&date, &c->today) < 0)
        {
          g_autofree char *when = format_gdate (&date);
          g_autofree char *key = g_strconcat ("date:past:", written, NULL);

          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, start, end - start, key, NULL,
                                       g_strdup_printf (_("%s is in the past, but it is under “%s”"), when, _(NEXT_HEADING)));
        }
    }

  if (next == NULL)
    return;

  /* every event next week needs its day */
  for (guint b = next->block + 1;
       b < c->blocks->len && g_array_index (c->blocks, TopBlock, b).start < next->body_end;
       b++)
    {
      const TopBlock *list = &g_array_index (c->blocks, TopBlock, b);

      if (list->type != CMARK_NODE_LIST)
        continue;

      for (guint k = 0; k < list->n_items; k++)
        {
          const Span *item = &g_array_index (c->items, Span, list->first_item + k);
          gsize start = item->start, end = item->end;
          gboolean has_day = FALSE;
          gsize first_word = end, text_end = end;
          g_autofree char *key = NULL;
          g_autofree char *summary = NULL;
          guint n_words = 0;

          for (guint i = first_word_from (c, start); i < c->words->len && !has_day; i++)
            {
              const Word *w = word_at (c, i);
              DateExpr d;

              if (w->start >= end)
                break;
              if (first_word == end)
                first_word = w->start;
              if (n_words++ < 6)
                text_end = w->end;
              has_day = weekday_of_word (c, w) != G_DATE_BAD_WEEKDAY ||
                        word_is_ci (c, w, "today") || word_is_ci (c, w, "tomorrow") ||
                        parse_date (c, i, &d) || says_day_in_german (c, i) ||
                        (w->flags & WORD_HAS_DIGIT && w->end < end && c->text[w->end] == '/' &&
                         g_ascii_isdigit (c->text[w->end + 1]));
            }

          if (has_day || first_word == end)
            continue;

          /* underline the item's first line */
          end = MIN (end, bulletin_checks_line_end (c, bulletin_checks_line_of_offset (c, first_word)));
          summary = source_copy (c, first_word, MAX (text_end, first_word));
          key = g_strconcat ("date:no-day:", summary, NULL);
          bulletin_checks_add_finding (c, BULLETIN_FINDING_DATE, first_word, end - first_word, key, NULL,
                                       g_strdup (_("This event next week does not say which day it is on")));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Spelling                                                            */
/* ------------------------------------------------------------------ */


/* Whether @w is part of a placeholder's name, "sender" in
 * "{{sender_name}}": the leftovers check reports an unfilled one, and
 * its English name is no misspelling in a German draft. Names are short
 * and plain, so only a few bytes either side are looked at. */
static gboolean
in_placeholder (Checker    *c,
                const Word *w)
{
  gsize start = w->start, end = w->end;

  while (start > 0 && w->start - start < 64 && (g_ascii_isalnum (c->text[start - 1]) || c->text[start - 1] == '_'))
    start--;
  while (end < c->len && end - w->end < 64 && (g_ascii_isalnum (c->text[end]) || c->text[end] == '_'))
    end++;

  return start >= 2 && c->text[start - 1] == '{' && c->text[start - 2] == '{'
         && end + 2 <= c->len && c->text[end] == '}' && c->text[end + 1] == '}';
}

static void
bulletin_checks_check_spelling (Checker *c)
{
  BulletinSpell *spell = c->opts != NULL ? c->opts->spell : NULL;
  /* a draft repeats its words: ask enchant once for each */
  g_autoptr(GHashTable) verdicts = NULL;

  if (spell == NULL)
    return;

  verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < c->words->len; i++)
    {
      const Word *w = word_at (c, i);

      /* enchant takes microseconds a new word: the slowest check */
      if (i % 4096 == 4095 && cancelled (c))
        return;
      g_autofree char *word = NULL;
      g_autofree char *key = NULL;
      gpointer verdict;
      gsize letters_end;

      /* numbers, acronyms (the acronym check's business) and single
       * letters are not spelled */
      if (w->flags & (WORD_HAS_DIGIT | WORD_HAS_AMP))
        continue;
      if (w->end - w->start < 2 || bulletin_checks_is_acronym (c, w, &letters_end))
        continue;
      if ((w->flags & (WORD_HAS_UPPER | WORD_HAS_LOWER)) == WORD_HAS_UPPER)
        continue;
      if (in_placeholder (c, w))
        continue;

      word = source_copy (c, w->start, w->end);
      verdict = g_hash_table_lookup (verdicts, word);
      if (verdict == NULL)
        {
          gboolean ok = bulletin_spell_check_word (spell, word, -1);

          /* "etc." and "St." are in the dictionary with their dot */
          if (!ok && w->end < c->len && c->text[w->end] == '.')
            ok = bulletin_spell_check_word (spell, c->text + w->start, w->end + 1 - w->start);
          /* words from the personal dictionary come without affixes, but
           * "Calderdale’s" is as right as "Calderdale" */
          if (!ok && (g_str_has_suffix (word, "’s") || g_str_has_suffix (word, "'s")))
            ok = bulletin_spell_check_word (spell, word,
                                            strlen (word) - (g_str_has_suffix (word, "'s") ? 2 : strlen ("’s")));
          verdict = GINT_TO_POINTER (ok ? 1 : 2);
          g_hash_table_insert (verdicts, g_strdup (word), verdict);
        }

      if (GPOINTER_TO_INT (verdict) != 2)
        continue;

      key = g_strconcat ("spelling:", word, NULL);
      bulletin_checks_add_finding (c, BULLETIN_FINDING_SPELLING, w->start, w->end - w->start, key,
                                   c->opts->spelling_suggestions ? bulletin_spell_suggest (spell, word, -1) : NULL,
                                   g_strdup_printf (_("“%s” is not in the dictionary"), word));
    }
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

/* Line and character column of every finding, in one pass over findings
 * sorted by offset: each column is counted on from the previous finding
 * on the same line, never from the line's start again, so a long line
 * full of findings stays linear (issue 12). */
static void
compute_positions (Checker   *c,
                   GPtrArray *findings)
{
  guint line = 0;
  gsize at = 0;
  guint column = 1;

  for (guint i = 0; i < findings->len; i++)
    {
      BulletinFinding *f = findings->pdata[i];
      guint f_line = bulletin_checks_line_of_offset (c, f->offset);

      if (f_line != line || f->offset < at)
        {
          line = f_line;
          at = line_start (c, line);
          column = 1;
        }
      column += g_utf8_strlen (c->text + at, f->offset - at);
      at = f->offset;
      f->line = line;
      f->column = column;
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const BulletinFinding *fa = *(const BulletinFinding * const *)a;
  const BulletinFinding *fb = *(const BulletinFinding * const *)b;

  if (fa->offset != fb->offset)
    return fa->offset < fb->offset ? -1 : 1;
  if (fa->kind != fb->kind)
    return fa->kind < fb->kind ? -1 : 1;
  return g_strcmp0 (fa->key, fb->key);
}

/**
 * bulletin_checks_run:
 * @text: the draft, valid UTF-8
 * @len: its length in bytes
 * @opts: (nullable): which checks, and what they need; %NULL runs
 *   everything but spelling, with no glossary
 *
 * Looks for what to fix before sending. Safe on any thread as long as
 * @opts's glossary function is.
 *
 * Returns: (transfer container) (element-type BulletinFinding): the
 *   findings in the order of the text
 */
GPtrArray *
bulletin_checks_run (const char                 *text,
                     gsize                       len,
                     const BulletinCheckOptions *opts)
{
  Checker c;
  g_autoptr(GArray) sections = NULL;
  GPtrArray *findings;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (text == NULL)
    text = "";

  bulletin_checks_checker_init (&c, text, len, opts);
  if (!bulletin_checks_scan (&c))
    {
      bulletin_checks_checker_clear (&c);
      return g_ptr_array_new_with_free_func ((GDestroyNotify)bulletin_finding_free);
    }

  sections = bulletin_checks_find_sections (&c);

  /* a run overtaken by newer text stops at the next check */
  if ((c.kinds & BULLETIN_CHECK_ACRONYMS) && !cancelled (&c))
    bulletin_checks_check_acronyms (&c);
  if ((c.kinds & BULLETIN_CHECK_LINKS) && !cancelled (&c))
    bulletin_checks_check_links (&c);
  if ((c.kinds & BULLETIN_CHECK_LEFTOVERS) && !cancelled (&c))
    bulletin_checks_check_leftovers (&c);
  if ((c.kinds & BULLETIN_CHECK_STRUCTURE) && !cancelled (&c))
    bulletin_checks_check_structure (&c, sections);
  if ((c.kinds & BULLETIN_CHECK_DATES) && !cancelled (&c))
    bulletin_checks_check_dates (&c, sections);
  if ((c.kinds & BULLETIN_CHECK_SPELLING) && !cancelled (&c))
    bulletin_checks_check_spelling (&c);

  findings = g_steal_pointer (&c.findings);

  /* dropped in one pass: removing them one at a time moved the rest of
   * the array each time */
  if (opts != NULL && opts->ignored_keys != NULL)
    {
      GPtrArray *kept = g_ptr_array_new_full (findings->len, (GDestroyNotify)bulletin_finding_free);

      for (guint i = 0; i < findings->len; i++)
        {
          BulletinFinding *f = findings->pdata[i];

          if (g_hash_table_contains (opts->ignored_keys, f->key))
            bulletin_finding_free (f);
          else
            g_ptr_array_add (kept, f);
        }
      g_ptr_array_set_free_func (findings, NULL);
      g_ptr_array_unref (findings);
      findings = kept;
    }

  /* sorted first, by offset: the positions are then counted in order */
  g_ptr_array_sort (findings, compare_findings);
  compute_positions (&c, findings);

  bulletin_checks_checker_clear (&c);

  return findings;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                          */
/* ------------------------------------------------------------------ */

/* Vowel groups, less a silent final "e": good to a syllable or so a
 * word, which is all the Flesch formula needs. */
static guint
count_syllables (const char *p,
                 gsize       n)
{
  guint count = 0;
  gboolean in_vowels = FALSE;
  char last = 0, before_last = 0;
  guint letters = 0;

  for (gsize i = 0; i < n; i++)
    {
      char ch = g_ascii_tolower (p[i]);
      gboolean vowel;

      if (!g_ascii_isalpha (ch))
        {
          if ((guchar)p[i] >= 0x80)
            in_vowels = FALSE;
          continue;
        }
      vowel = strchr ("aeiouy", ch) != NULL;
      if (vowel && !in_vowels)
        count++;
      in_vowels = vowel;
      before_last = last;
      last = ch;
      letters++;
    }

  if (letters > 2 && last == 'e' && before_last != 'l' && count > 1)
    count--;

  return MAX (count, 1);
}

static const char * const abbreviations[] = { "Dr", "Mr", "Mrs", "Ms", "St", "eg", "ie", "etc", "vs", "e.g", "i.e" };

static gboolean
ends_sentence (Checker    *c,
               const Word *w,
               const Word *next)
{
  gsize stop = next != NULL && next->region == w->region ? next->start : g_array_index (c->regions, Region, w->region).end;

  if (next == NULL || next->region != w->region)
    return TRUE;

  for (gsize i = w->end; i < stop; i++)
    {
      char ch = c->text[i];

      if ((ch == '.' || ch == '!' || ch == '?') &&
          (i + 1 >= stop || g_ascii_isspace (c->text[i + 1]) || c->text[i + 1] == '*' ||
           c->text[i + 1] == '_' || c->text[i + 1] == ')' || (guchar)c->text[i + 1] >= 0x80))
        {
          if (ch == '.')
            for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
              if (word_is (c, w, abbreviations[k]))
                return FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * bulletin_checks_stats:
 * @text: the draft, valid UTF-8
 * @len: its length in bytes
 *
 * Counts the prose (not code, not addresses). Headings count as words
 * but not as sentences, which would make every update look simpler than
 * it is.
 *
 * Returns: the figures
 */
BulletinStats
bulletin_checks_stats (const char *text,
                       gsize       len)
{
  BulletinStats stats = { 0 };
  Checker c;
  guint sentence_words = 0, sentence_first = 0;
  guint prose_words = 0;

  g_return_val_if_fail (text != NULL || len == 0, stats);

  if (text == NULL)
    text = "";

  bulletin_checks_checker_init (&c, text, len, NULL);
  if (!bulletin_checks_scan (&c))
    {
      bulletin_checks_checker_clear (&c);
      return stats;
    }

  stats.words = c.words->len;

  for (guint i = 0; i < c.words->len; i++)
    {
      const Word *w = word_at (&c, i);
      const Word *next = i + 1 < c.words->len ? word_at (&c, i + 1) : NULL;

      if (g_array_index (c.regions, Region, w->region).kind == REGION_HEADING)
        continue;

      if (sentence_words == 0)
        sentence_first = i;
      sentence_words++;
      prose_words++;
      stats.syllables += count_syllables (text + w->start, w->end - w->start);

      if (ends_sentence (&c, w, next))
        {
          stats.sentences++;
          if (sentence_words > stats.longest_sentence_words)
            {
              const Word *first = word_at (&c, sentence_first);

              stats.longest_sentence_words = sentence_words;
              stats.longest_sentence_offset = first->start;
              stats.longest_sentence_length = w->end - first->start;
              stats.longest_sentence_line = bulletin_checks_line_of_offset (&c, first->start);
            }
          sentence_words = 0;
        }
    }

  stats.reading_seconds = (guint)((stats.words * 60.0) / BULLETIN_STATS_WORDS_PER_MINUTE + 0.5);
  if (stats.sentences > 0 && prose_words > 0)
    stats.flesch_reading_ease = 206.835
                                - 1.015 * ((double)prose_words / stats.sentences)
                                - 84.6 * ((double)stats.syllables / prose_words);

  bulletin_checks_checker_clear (&c);

  return stats;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */
/* ------------------------------------------------------------------ */

/**
 * bulletin_checks_run_cli:
 * @path: a Markdown file
 * @language: (nullable): the spelling language, as the window's
 *   preference says it (`en_US`); %NULL for the default
 * @packs: (nullable): the ids of the glossary packs to use, as the
 *   window's preference says them; %NULL for all
 * @out: where findings go, one a line: `FILE:LINE:COLUMN: kind: message`
 * @err: where errors and warnings go
 *
 * `bulletin --check FILE`. Uses the glossary and personal dictionary of
 * the user's database when there is one (`BULLETIN_DB` names another),
 * and the enabled packs' abbreviations and words, shipped and imported;
 * it never creates a database.
 * Spelling is skipped, with a warning, if the dictionary is missing.
 *
 * Returns: the exit status: 0 clean, 1 findings, 2 error
 */
int
bulletin_checks_run_cli (const char         *path,
                         const char         *language,
                         const char * const *packs,
                         FILE               *out,
                         FILE               *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(BulletinStore) store = NULL;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(BulletinSpell) spell = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) pack_list = NULL;
  g_auto(GStrv) pack_words = NULL;
  g_autoptr(GFile) base = NULL;
  BulletinCheckOptions opts = { 0 };
  BulletinFileLoadFlags load_flags = BULLETIN_FILE_LOAD_CLEAN;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, 2);
  g_return_val_if_fail (out != NULL && err != NULL, 2);

  /* the loader every other way in uses: same decoding, same size limit */
  file = g_file_new_for_commandline_arg (path);
  text = bulletin_file_load (file, NULL, &len, &load_flags, &error);
  if (text == NULL)
    {
      fprintf (err, "%s: %s\n", path, error->message);
      return 2;
    }
  if (bulletin_file_load_notice (load_flags) != NULL)
    fprintf (err, _("%s: warning: %s\n"), path, bulletin_file_load_notice (load_flags));

  db_path = bulletin_store_default_path ();
  if (g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      store = bulletin_store_open (db_path, &error);
      if (store == NULL)
        {
          fprintf (err, _("%s: warning: the glossary and dictionary cannot be read (%s); using the defaults\n"),
                   path, error->message);
          g_clear_error (&error);
        }
    }
  /* the office's own glossary, then what the packs add to it */
  if (store != NULL)
    {
      table = bulletin_check_report_load_glossary (store, &error);
      if (table == NULL)
        {
          fprintf (err, _("%s: warning: the glossary cannot be read (%s)\n"), path, error->message);
          g_clear_error (&error);
        }
    }
  if (table == NULL)
    table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify)bulletin_glossary_entry_free);
  pack_list = bulletin_packs_list ();
  bulletin_packs_add_to_glossary (table, pack_list, packs);
  pack_words = bulletin_packs_words (pack_list, packs);

  spell = bulletin_spell_new (language, &error);
  if (spell == NULL)
    {
      fprintf (err, _("%s: warning: spelling not checked: %s\n"), path, error->message);
      g_clear_error (&error);
    }
  else
    {
      bulletin_spell_add_words (spell, (const char * const *)pack_words);
      if (store != NULL)
        {
          g_auto(GStrv) words = bulletin_store_dictionary_list (store, NULL);

          if (words != NULL)
            bulletin_spell_add_words (spell, (const char * const *)words);
        }
    }

  opts.glossary_lookup = bulletin_checks_glossary_table_lookup;
  opts.glossary_data = table;
  opts.spell = spell;
  /* images with a relative address are beside the draft */
  base = g_file_get_parent (file);
  opts.base = base;

  findings = bulletin_checks_run (text, len, &opts);

  for (guint i = 0; i < findings->len; i++)
    {
      const BulletinFinding *f = findings->pdata[i];

      fprintf (out, "%s:%u:%u: %s: %s\n", path, f->line, f->column,
               bulletin_finding_kind_to_string (f->kind), f->message);
    }

  /* findings that never reached their reader (a full disk, a closed
   * pipe) are an error, not a verdict on the draft */
  if (fflush (out) != 0 || ferror (out))
    {
      fprintf (err, _("%s: the findings could not be written: %s\n"), path, g_strerror (errno));
      return 2;
    }

  return findings->len > 0 ? 1 : 0;
}
