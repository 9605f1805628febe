/* bulletin-eml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gmime/gmime.h>

#include "bulletin-clock.h"
#include "bulletin-eml.h"

/* An .eml draft the user opens in their mail client, checks and sends:
 * multipart/alternative with the plain text first and the HTML last (RFC
 * 2046 §5.1.4: the preferred part comes last), both UTF-8 in
 * quoted-printable so that every line stays within 76 octets whatever the
 * text, CRLF line ends as on the wire, and "X-Unsent: 1" so that Outlook
 * opens it as an editable draft.
 *
 * A missing or empty sender leaves out the From header entirely rather
 * than writing an empty one: an unsent draft gets its sender from the
 * account that sends it (Outlook and Thunderbird both fill it in), while
 * an empty "From:" is an address list that does not parse. */

G_DEFINE_QUARK (bulletin-eml-error-quark, bulletin_eml_error)

/* GMime 3.2 declares no cleanup functions of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentType, g_object_unref)

/* Message-IDs need a domain; without a sender, this reserved one (RFC
 * 2606) says where the message came from without naming the machine. */
#define FALLBACK_DOMAIN "bulletin.invalid"

static gpointer
init_gmime (gpointer data)
{
  g_mime_init ();
  return NULL;
}

static void
ensure_gmime (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gmime, NULL);
}

/* Splits a list of addresses at the commas and semicolons between them
 * (Outlook users type "; "), but not at those inside quotes, angle
 * brackets or comments: "Kerr, Fiona" <f@example.org> is one address. */
static GPtrArray *
split_addresses (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *piece = text;
  gboolean quoted = FALSE;
  int angle = 0, comment = 0;

  for (const char *p = text;; p++)
    {
      if (*p == '\\' && quoted && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '"' && comment == 0)
        quoted = !quoted;
      else if (!quoted && *p == '(')
        comment++;
      else if (!quoted && *p == ')' && comment > 0)
        comment--;
      else if (!quoted && comment == 0 && *p == '<')
        angle++;
      else if (!quoted && comment == 0 && *p == '>' && angle > 0)
        angle--;
      else if (*p == '\0' || (!quoted && comment == 0 && angle == 0 && (*p == ',' || *p == ';')))
        {
          g_autofree char *one = g_strstrip (g_strndup (piece, p - piece));

          if (*one != '\0')
            g_ptr_array_add (pieces, g_steal_pointer (&one));
          if (*p == '\0')
            break;
          piece = p + 1;
        }
    }

  return pieces;
}

static InternetAddressList *
parse_addresses (const char  *text,
                 GError     **error)
{
  g_autoptr(GPtrArray) pieces = NULL;
  InternetAddressList *list;

  g_assert (text != NULL);

  pieces = split_addresses (text);
  list = internet_address_list_new ();

  /* each piece one mailbox, or the piece is named: a recipient silently
   * dropped is a colleague who never gets the update */
  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      g_autoptr(InternetAddressList) parsed = internet_address_list_parse (NULL, piece);
      InternetAddress *address = NULL;
      const char *addr = NULL;

      if (parsed != NULL && internet_address_list_length (parsed) == 1)
        address = internet_address_list_get_address (parsed, 0);
      if (address != NULL && INTERNET_ADDRESS_IS_MAILBOX (address))
        addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));

      if (addr == NULL || strchr (addr, '@') == NULL || addr[0] == '@' ||
          g_str_has_suffix (addr, "@") || strchr (addr, ' ') != NULL)
        {
          g_object_unref (list);
          g_set_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS,
                       _("“%s” is not a valid email address"), piece);
          return NULL;
        }
      internet_address_list_add (list, address);
    }

  if (internet_address_list_length (list) == 0)
    {
      g_object_unref (list);
      g_set_error (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid email address"), text);
      return NULL;
    }

  return list;
}

/**
 * bulletin_eml_check_addresses:
 * @text: addresses separated by commas or semicolons
 * @n_addresses: (out) (optional): how many there are
 * @error: return location for a %BULLETIN_EML_ERROR_INVALID_ADDRESS that
 *   names the first one that is not an address
 *
 * Returns: %TRUE if every address in @text is one
 */
gboolean
bulletin_eml_check_addresses (const char  *text,
                              guint       *n_addresses,
                              GError     **error)
{
  g_autoptr(InternetAddressList) list = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  ensure_gmime ();

  list = parse_addresses (text, error);
  if (n_addresses != NULL)
    *n_addresses = list != NULL ? internet_address_list_length (list) : 0;
  return list != NULL;
}

/* Encoded a piece at a time so that the buffer grows with what is
 * written rather than with the worst case, three times the text. */
#define ENCODE_CHUNK (64 * 1024)

struct _BulletinEmlEncoder
{
  GMimeEncoding encoder;
  GByteArray   *out;
  gboolean      after_cr;   /* the last piece ended with a CR */
};

/**
 * bulletin_eml_encoder_new:
 *
 * Encodes a part in quoted-printable as its text arrives, so that a long
 * part need not be held whole before it is encoded (see
 * bulletin_eml_encode_body()).
 *
 * Returns: (transfer full): an encoder; end with
 *   bulletin_eml_encoder_finish()
 */
BulletinEmlEncoder *
bulletin_eml_encoder_new (void)
{
  BulletinEmlEncoder *self = g_new0 (BulletinEmlEncoder, 1);

  ensure_gmime ();

  self->out = g_byte_array_new ();
  g_mime_encoding_init_encode (&self->encoder, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return self;
}

static void
encode_step (BulletinEmlEncoder *self,
             const char         *text,
             gsize               len,
             gboolean            last)
{
  guint used = self->out->len;
  gsize written;

  g_byte_array_set_size (self->out, used + g_mime_encoding_outlen (&self->encoder, len));
  if (last)
    written = g_mime_encoding_flush (&self->encoder, text, len, (char *)self->out->data + used);
  else
    written = g_mime_encoding_step (&self->encoder, text, len, (char *)self->out->data + used);
  g_byte_array_set_size (self->out, used + written);
}

/**
 * bulletin_eml_encoder_add:
 * @self: a #BulletinEmlEncoder
 * @text: the next piece of the part's text
 * @len: its length in bytes
 */
void
bulletin_eml_encoder_add (BulletinEmlEncoder *self,
                          const char         *text,
                          gsize               len)
{
  g_autoptr(GString) normalized = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || len == 0);

  /* GMime writes CRLF itself; a CR left in the text would be encoded as
   * "=0D" instead. A CR and the LF after it may come in two pieces. */
  if (len > 0 && self->after_cr && text[0] == '\n')
    {
      text++;
      len--;
    }
  self->after_cr = FALSE;
  if (memchr (text, '\r', len) != NULL)
    {
      normalized = g_string_sized_new (len);
      for (gsize i = 0; i < len; i++)
        {
          if (text[i] != '\r')
            g_string_append_c (normalized, text[i]);
          else if (i + 1 == len)
            {
              g_string_append_c (normalized, '\n');
              self->after_cr = TRUE;
            }
          else if (text[i + 1] != '\n')
            g_string_append_c (normalized, '\n');
        }
      text = normalized->str;
      len = normalized->len;
    }

  while (len > 0)
    {
      gsize n = MIN (len, ENCODE_CHUNK);

      encode_step (self, text, n, FALSE);
      text += n;
      len -= n;
    }
}

/**
 * bulletin_eml_encoder_finish:
 * @self: (transfer full): a #BulletinEmlEncoder, freed
 *
 * Returns: (transfer full): the encoded part, for
 *   bulletin_eml_build_encoded()
 */
GBytes *
bulletin_eml_encoder_finish (BulletinEmlEncoder *self)
{
  GByteArray *out;

  g_return_val_if_fail (self != NULL, NULL);

  encode_step (self, "", 0, TRUE);
  out = self->out;
  g_free (self);
  return g_byte_array_free_to_bytes (out);
}

/**
 * bulletin_eml_encode_body:
 * @body: a part's text, as from bulletin_text_render() or
 *   bulletin_html_render_email()
 *
 * Encodes @body in quoted-printable with GMime, with LF line ends (they
 * become CRLF when the message is written). Encoding is most of the work
 * of building a message, and it needs nothing but the text: the parts
 * of one message may be encoded on different threads.
 *
 * Returns: (transfer full): the encoded part, for
 *   bulletin_eml_build_encoded()
 */
GBytes *
bulletin_eml_encode_body (const char *body)
{
  BulletinEmlEncoder *encoder;

  g_return_val_if_fail (body != NULL, NULL);

  encoder = bulletin_eml_encoder_new ();
  bulletin_eml_encoder_add (encoder, body, strlen (body));
  return bulletin_eml_encoder_finish (encoder);
}

/* GMime writes the message around a line that stands for each part's
 * content; the encoded content goes in its place afterwards, each part
 * freed as soon as it is in (see bulletin_eml_build_encoded()). The line
 * holds a random id made for each message, and is looked for only past
 * the headers: a subject may say anything (the fuzzer wrote the fixed
 * placeholder of an earlier version into one). */

static GMimeObject *
encoded_text_part (const char *subtype,
                   GBytes     *encoded)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeDataWrapper) content = NULL;

  /* the content is encoded already, as the part says: GMime writes it
   * as it is, only with CRLF line ends */
  stream = g_mime_stream_mem_new_with_byte_array (g_bytes_unref_to_array (encoded));
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_part_set_content (GMIME_PART (part), content);
  /* always UTF-8: g_mime_text_part_set_text() would pick the "best"
   * charset, which can be ISO-8859-1 for one text and not the other */
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);

  return GMIME_OBJECT (part);
}

static char *
domain_of (InternetAddressList *from)
{
  InternetAddress *address;
  const char *addr;
  const char *at;

  if (from == NULL || internet_address_list_length (from) == 0)
    return g_strdup (FALLBACK_DOMAIN);

  address = internet_address_list_get_address (from, 0);
  addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
  at = strrchr (addr, '@');
  return g_strdup (at != NULL && at[1] != '\0' ? at + 1 : FALLBACK_DOMAIN);
}

/**
 * bulletin_eml_build:
 * @title: the subject
 * @from: (nullable): the sender's address(es), as "Name <addr>"; %NULL or
 *   empty leaves out the From header, for the mail client to fill in
 * @to: (nullable): the recipients' addresses, comma-separated; %NULL or
 *   empty for none
 * @text_body: the plain-text part, as from bulletin_text_render()
 * @html_body: the HTML part, as from bulletin_html_render_email()
 * @date: (nullable): the Date header; now when %NULL
 * @error: return location for a #BULLETIN_EML_ERROR
 *
 * Builds an unsent email draft in RFC 5322 form with CRLF line ends.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when an
 *   address is not valid
 */
GBytes *
bulletin_eml_build (const char  *title,
                    const char  *from,
                    const char  *to,
                    const char  *text_body,
                    const char  *html_body,
                    GDateTime   *date,
                    GError     **error)
{
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (text_body != NULL, NULL);
  g_return_val_if_fail (html_body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return bulletin_eml_build_encoded (title, from, to,
                                     bulletin_eml_encode_body (text_body),
                                     bulletin_eml_encode_body (html_body),
                                     date, error);
}

/**
 * bulletin_eml_build_encoded:
 * @title: the subject
 * @from: (nullable): as for bulletin_eml_build()
 * @to: (nullable): as for bulletin_eml_build()
 * @text_part: (transfer full): the plain-text part, from
 *   bulletin_eml_encode_body()
 * @html_part: (transfer full): the HTML part, from
 *   bulletin_eml_encode_body()
 * @date: (nullable): the Date header; now when %NULL
 * @error: return location for a #BULLETIN_EML_ERROR
 *
 * Like bulletin_eml_build(), with bodies encoded beforehand.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when an
 *   address is not valid
 */
/* GMime 3.2 writes a run of non-ASCII words as one encoded-word of any
 * length on one line: 178 characters for a Japanese subject (issue 14).
 * RFC 2047 allows 75 characters an encoded-word and RFC 5322 asks for
 * lines of 78 at most, so such a subject is written here as whole UTF-8
 * characters, at most 42 bytes on the first line (after "Subject: ") and
 * 45 on the next, base64-encoded, one encoded-word a line. A subject that
 * GMime encodes in short words it folds well at its spaces. */
static void
fold_subject (GMimeMessage *message,
              const char   *title)
{
  GMimeHeader *header;
  GString *raw;
  gsize max_bytes = 42;
  gboolean ascii = TRUE;

  for (const char *p = title; *p != '\0' && ascii; p++)
    ascii = (guchar)*p < 0x80;
  header = g_mime_header_list_get_header (g_mime_object_get_header_list (GMIME_OBJECT (message)), "Subject");
  if (ascii || header == NULL)
    return;

  /* GMime's own encoding keeps English words readable: kept when its
   * encoded-words fit a line, as they do when the words between the
   * spaces are short */
  {
    g_autofree char *gmime = g_mime_utils_header_encode_text (NULL, title, "utf-8");
    gboolean fits = TRUE;

    for (const char *word = strstr (gmime, "=?"); word != NULL && fits; word = strstr (word + 2, "=?"))
      {
        const char *end = strstr (word + 2, "?=");
        const char *q;

        /* past charset and encoding: "=?UTF-8?B?" */
        q = strchr (word + 2, '?');
        q = q != NULL ? strchr (q + 1, '?') : NULL;
        if (end != NULL && q != NULL && end < q)
          end = strstr (q + 1, "?=");
        fits = end != NULL && end + 2 - word <= 66;
        if (end != NULL)
          word = end;
      }
    if (fits)
      return;
  }

  raw = g_string_new (NULL);
  for (const char *p = title; *p != '\0';)
    {
      const char *start = p;
      g_autofree char *encoded = NULL;

      const char *whole = NULL;

      /* whole characters, and a multiple of three bytes but at the end:
       * base64 padding inside the subject makes GMime, which joins
       * adjacent encoded-words before decoding, lose the rest */
      while (*p != '\0' && (gsize)(g_utf8_next_char (p) - start) <= max_bytes)
        {
          p = g_utf8_next_char (p);
          if ((p - start) % 3 == 0)
            whole = p;
        }
      if (*p != '\0' && whole != NULL)
        p = whole;
      encoded = g_base64_encode ((const guchar *)start, p - start);
      g_string_append_printf (raw, "%s=?UTF-8?B?%s?=", raw->len > 0 ? "\n " : " ", encoded);
      max_bytes = 45;
    }
  g_string_append_c (raw, '\n');

  g_mime_header_set_raw_value (header, raw->str);
  g_string_free (raw, TRUE);
}

/* Appends @part with CRLF line ends, as GMime writes content */
static void
append_crlf (GByteArray *out,
             GBytes     *part)
{
  gsize len = 0;
  const char *p = g_bytes_get_data (part, &len);
  const char *end = p + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        {
          g_byte_array_append (out, (const guint8 *)p, end - p);
          break;
        }
      g_byte_array_append (out, (const guint8 *)p, nl - p);
      g_byte_array_append (out, (const guint8 *)"\r\n", 2);
      p = nl + 1;
    }
}

GBytes *
bulletin_eml_build_encoded (const char  *title,
                            const char  *from,
                            const char  *to,
                            GBytes      *text_part,
                            GBytes      *html_part,
                            GDateTime   *date,
                            GError     **error)
{
  return bulletin_eml_build_with_images (title, from, to, text_part, html_part, NULL, NULL, date, error);
}

/**
 * bulletin_eml_image_new:
 * @content_id: as for #BulletinEmlImage
 * @mime_type: as "image/png"
 * @filename: (nullable): the name mail clients show
 * @data: the image's bytes
 *
 * Returns: (transfer full): an image for bulletin_eml_build_with_images()
 */
BulletinEmlImage *
bulletin_eml_image_new (const char *content_id,
                        const char *mime_type,
                        const char *filename,
                        GBytes     *data)
{
  BulletinEmlImage *image;

  g_return_val_if_fail (content_id != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  image = g_new0 (BulletinEmlImage, 1);
  image->content_id = g_strdup (content_id);
  image->mime_type = g_strdup (mime_type);
  image->filename = g_strdup (filename);
  image->data = g_bytes_ref (data);
  return image;
}

void
bulletin_eml_image_free (BulletinEmlImage *image)
{
  if (image == NULL)
    return;
  g_free (image->content_id);
  g_free (image->mime_type);
  g_free (image->filename);
  g_bytes_unref (image->data);
  g_free (image);
}

/* An image GMime encodes itself, in base64: images are small beside the
 * text of a long draft, and each is held once already. */
static GMimeObject *
image_part (const BulletinEmlImage *image)
{
  g_autoptr(GMimeContentType) type = g_mime_content_type_parse (NULL, image->mime_type);
  GMimePart *part = g_mime_part_new_with_type (g_mime_content_type_get_media_type (type),
                                               g_mime_content_type_get_media_subtype (type));
  gsize len;
  const guint8 *data = g_bytes_get_data (image->data, &len);
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer ((const char *)data, len);
  g_autoptr(GMimeDataWrapper) content =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_content_id (GMIME_OBJECT (part), image->content_id);
  /* inline: shown where the HTML puts it, not listed as an attachment */
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_INLINE);
  if (image->filename != NULL)
    g_mime_part_set_filename (part, image->filename);

  return GMIME_OBJECT (part);
}

/**
 * bulletin_eml_build_with_images:
 * @title: the subject
 * @from: (nullable): as for bulletin_eml_build()
 * @to: (nullable): as for bulletin_eml_build()
 * @text_part: (transfer full): the plain-text part, from
 *   bulletin_eml_encode_body()
 * @html_part: (transfer full): the HTML part, from
 *   bulletin_eml_encode_body(), which refers to each image by `cid:`
 * @images: (nullable) (element-type BulletinEmlImage): the images the
 *   HTML shows; none or %NULL for a message without any
 * @language: (nullable): the Content-Language header, a BCP 47 tag
 * @date: (nullable): the Date header; now when %NULL
 * @error: return location for a #BULLETIN_EML_ERROR
 *
 * Like bulletin_eml_build_encoded(). With images, the HTML alternative is
 * a multipart/related (RFC 2387) of the HTML and the images, so that the
 * message reads: alternative → [text/plain, related → [text/html,
 * image…]].
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when an
 *   address is not valid
 */
GBytes *
bulletin_eml_build_with_images (const char  *title,
                                const char  *from,
                                const char  *to,
                                GBytes      *text_part,
                                GBytes      *html_part,
                                GPtrArray   *images,
                                const char  *language,
                                GDateTime   *date,
                                GError     **error)
{
  g_autoptr(GBytes) text_encoded = text_part;
  g_autoptr(GBytes) html_encoded = html_part;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeMultipart) alternative = NULL;
  g_autoptr(GMimeObject) plain = NULL;
  g_autoptr(GMimeObject) html = NULL;
  g_autoptr(InternetAddressList) from_list = NULL;
  g_autoptr(InternetAddressList) to_list = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *message_id = NULL;
  g_autoptr(GByteArray) skeleton = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *placeholder_text = NULL;
  g_autofree char *placeholder_html = NULL;
  GMimeFormatOptions *options;
  GByteArray *bytes;
  gsize size;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (text_encoded != NULL, NULL);
  g_return_val_if_fail (html_encoded != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gmime ();

  if (from != NULL && *from != '\0' && (from_list = parse_addresses (from, error)) == NULL)
    return NULL;
  if (to != NULL && *to != '\0' && (to_list = parse_addresses (to, error)) == NULL)
    return NULL;

  message = g_mime_message_new (TRUE);

  if (from_list != NULL)
    internet_address_list_append (g_mime_message_get_from (message), from_list);
  if (to_list != NULL)
    internet_address_list_append (g_mime_message_get_to (message), to_list);

  g_mime_message_set_subject (message, title, "utf-8");
  fold_subject (message, title);

  if (date == NULL)
    date = now = bulletin_clock_now_local ();
  g_mime_message_set_date (message, date);

  domain = domain_of (from_list);
  message_id = g_mime_utils_generate_message_id (domain);
  g_mime_message_set_message_id (message, message_id);

  g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);
  /* RFC 3282: which language the reader is to expect */
  if (language != NULL && *language != '\0')
    g_mime_object_set_header (GMIME_OBJECT (message), "Content-Language", language, NULL);

  /* what CRLF adds is one byte a line, within what the headers leave */
  size = g_bytes_get_size (text_encoded) + g_bytes_get_size (html_encoded);
  size += size / 64 + 4096;

  alternative = g_mime_multipart_new_with_subtype ("alternative");
  nonce = g_uuid_string_random ();
  placeholder_text = g_strdup_printf ("BULLETIN-PLAIN-%s\n", nonce);
  placeholder_html = g_strdup_printf ("BULLETIN-HTML-%s\n", nonce);
  plain = encoded_text_part ("plain", g_bytes_new (placeholder_text, strlen (placeholder_text)));
  html = encoded_text_part ("html", g_bytes_new (placeholder_html, strlen (placeholder_html)));
  g_mime_multipart_add (alternative, plain);
  if (images != NULL && images->len > 0)
    {
      g_autoptr(GMimeMultipart) related = g_mime_multipart_new_with_subtype ("related");

      /* RFC 2387 asks for the root part's type */
      g_mime_object_set_content_type_parameter (GMIME_OBJECT (related), "type", "text/html");
      g_mime_multipart_add (related, html);
      for (guint i = 0; i < images->len; i++)
        {
          g_autoptr(GMimeObject) part = image_part (images->pdata[i]);

          g_mime_multipart_add (related, part);
        }
      g_mime_multipart_add (alternative, GMIME_OBJECT (related));
    }
  else
    g_mime_multipart_add (alternative, html);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (alternative));

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);

  skeleton = g_byte_array_new ();
  stream = g_mime_stream_mem_new_with_byte_array (skeleton);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  if (g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream) < 0)
    {
      g_mime_format_options_free (options);
      g_set_error_literal (error, BULLETIN_EML_ERROR, BULLETIN_EML_ERROR_FAILED,
                           _("Could not write the email message"));
      return NULL;
    }
  g_mime_format_options_free (options);
  g_byte_array_append (skeleton, (const guint8 *)"", 1);

  /* Room for the whole message from the start: growing a buffer of
   * megabytes step by step costs more than writing into it. The buffer
   * is handed over as it is rather than copied. */
  bytes = g_byte_array_sized_new (size + skeleton->len);
  {
    const char *body = strstr ((const char *)skeleton->data, "\r\n\r\n");
    g_autofree char *text_line = g_strdup_printf ("BULLETIN-PLAIN-%s\r\n", nonce);
    g_autofree char *html_line = g_strdup_printf ("BULLETIN-HTML-%s\r\n", nonce);
    const char *text_at = body != NULL ? strstr (body, text_line) : NULL;
    const char *html_at = text_at != NULL ? strstr (text_at, html_line) : NULL;
    const char *end = (const char *)skeleton->data + skeleton->len - 1;

    g_assert (text_at != NULL && html_at != NULL);

    g_byte_array_append (bytes, skeleton->data, text_at - (const char *)skeleton->data);
    append_crlf (bytes, text_encoded);
    g_clear_pointer (&text_encoded, g_bytes_unref);
    text_at += strlen (text_line);
    g_byte_array_append (bytes, (const guint8 *)text_at, html_at - text_at);
    append_crlf (bytes, html_encoded);
    g_clear_pointer (&html_encoded, g_bytes_unref);
    html_at += strlen (html_line);
    g_byte_array_append (bytes, (const guint8 *)html_at, end - html_at);
  }

  return g_byte_array_free_to_bytes (bytes);
}
