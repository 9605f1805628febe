/* bulletin-checks-links.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bulletin-checks-private.h"
#include "bulletin-images.h"

/* Links that say where they go and work from an email, and images
 * that reach their recipients. */

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

void
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
