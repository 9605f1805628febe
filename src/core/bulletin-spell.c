/* bulletin-spell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <enchant.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "bulletin-spell.h"

/* A thin layer over enchant-2. The personal dictionary lives in
 * Bulletin's database, not in enchant's own word list files, so its
 * words are only ever added to the session: nothing is written under
 * ~/.config/enchant behind the user's back.
 *
 * Enchant dictionaries are not thread-safe; the mutex lets the checks
 * run on a worker thread while the UI adds a word. */

struct _BulletinSpell
{
  GObject        parent_instance;

  GMutex         mutex;
  EnchantBroker *broker;
  EnchantDict   *dict;
  char          *language;
};

G_DEFINE_FINAL_TYPE (BulletinSpell, bulletin_spell, G_TYPE_OBJECT)
G_DEFINE_QUARK (bulletin-spell-error-quark, bulletin_spell_error)

static void
bulletin_spell_finalize (GObject *object)
{
  BulletinSpell *self = (BulletinSpell *)object;

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
  g_free (self->language);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (bulletin_spell_parent_class)->finalize (object);
}

static void
bulletin_spell_class_init (BulletinSpellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bulletin_spell_finalize;
}

static void
bulletin_spell_init (BulletinSpell *self)
{
  g_mutex_init (&self->mutex);
}

/* Hunspell's English dictionaries know "week's" with a straight
 * apostrophe only, and smart punctuation gives us the curly one. */
static char *
normalise_word (const char *word,
                gssize      len)
{
  GString *out;
  const char *end;

  if (len < 0)
    len = strlen (word);
  end = word + len;
  out = g_string_sized_new (len);

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019 || c == 0x2018)
        g_string_append_c (out, '\'');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * bulletin_spell_new:
 * @language: (nullable): a language tag such as "en_GB"; %NULL for
 *   %BULLETIN_SPELL_DEFAULT_LANGUAGE
 * @error: return location for an error
 *
 * Returns: (transfer full): a spell checker, or %NULL with
 *   %BULLETIN_SPELL_ERROR_NO_DICTIONARY when no dictionary for @language
 *   is installed
 */
BulletinSpell *
bulletin_spell_new (const char  *language,
                    GError     **error)
{
  g_autoptr(BulletinSpell) self = NULL;

  if (language == NULL || *language == '\0')
    language = BULLETIN_SPELL_DEFAULT_LANGUAGE;

  self = g_object_new (BULLETIN_TYPE_SPELL, NULL);
  self->language = g_strdup (language);
  self->broker = enchant_broker_init ();

  if (self->broker == NULL)
    {
      g_set_error_literal (error, BULLETIN_SPELL_ERROR, BULLETIN_SPELL_ERROR_NO_DICTIONARY,
                           _("Spelling cannot be checked: the enchant library could not start"));
      return NULL;
    }

  if (enchant_broker_dict_exists (self->broker, language))
    self->dict = enchant_broker_request_dict (self->broker, language);

  if (self->dict == NULL)
    {
      g_set_error (error, BULLETIN_SPELL_ERROR, BULLETIN_SPELL_ERROR_NO_DICTIONARY,
                   /* Translators: %s is a language tag such as en_GB */
                   _("No spelling dictionary for “%s” is installed (on Debian, install a hunspell package such as hunspell-en-gb)"),
                   language);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bulletin_spell_get_language (BulletinSpell *self)
{
  g_return_val_if_fail (BULLETIN_IS_SPELL (self), NULL);

  return self->language;
}

/**
 * bulletin_spell_check_word:
 * @self: a #BulletinSpell
 * @word: one word, UTF-8
 * @len: its length in bytes, or -1
 *
 * Returns: %TRUE if @word is spelled correctly (or was added)
 */
gboolean
bulletin_spell_check_word (BulletinSpell *self,
                           const char    *word,
                           gssize         len)
{
  g_autofree char *norm = NULL;
  int rc;

  g_return_val_if_fail (BULLETIN_IS_SPELL (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  norm = normalise_word (word, len);
  if (*norm == '\0')
    return TRUE;

  g_mutex_lock (&self->mutex);
  rc = enchant_dict_check (self->dict, norm, -1);
  g_mutex_unlock (&self->mutex);

  /* a negative result is enchant's own error: say nothing rather than
   * underline a word we could not check */
  return rc <= 0;
}

/**
 * bulletin_spell_suggest:
 * @self: a #BulletinSpell
 * @word: a misspelled word
 * @len: its length in bytes, or -1
 *
 * Slow (milliseconds a word): call it for the word the user is looking
 * at, not for every finding.
 *
 * Returns: (transfer full): suggestions, best first; possibly empty, never
 *   %NULL
 */
char **
bulletin_spell_suggest (BulletinSpell *self,
                        const char    *word,
                        gssize         len)
{
  g_autofree char *norm = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  size_t n = 0;
  char **list;

  g_return_val_if_fail (BULLETIN_IS_SPELL (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  norm = normalise_word (word, len);

  g_mutex_lock (&self->mutex);
  list = *norm != '\0' ? enchant_dict_suggest (self->dict, norm, -1, &n) : NULL;
  for (size_t i = 0; list != NULL && i < n; i++)
    g_strv_builder_add (builder, list[i]);
  if (list != NULL)
    enchant_dict_free_string_list (self->dict, list);
  g_mutex_unlock (&self->mutex);

  return g_strv_builder_end (builder);
}

/**
 * bulletin_spell_add_word:
 * @self: a #BulletinSpell
 * @word: a word from the personal dictionary
 *
 * Accepts @word for the life of @self. Keeping it is the store's job
 * (bulletin_store_dictionary_add()). There is no way back short of a new
 * checker: enchant's "remove from session" would mark even a dictionary
 * word as wrong.
 */
void
bulletin_spell_add_word (BulletinSpell *self,
                         const char    *word)
{
  g_autofree char *norm = NULL;

  g_return_if_fail (BULLETIN_IS_SPELL (self));
  g_return_if_fail (word != NULL);

  norm = normalise_word (word, -1);
  if (*norm == '\0')
    return;

  g_mutex_lock (&self->mutex);
  enchant_dict_add_to_session (self->dict, norm, -1);
  g_mutex_unlock (&self->mutex);
}

/**
 * bulletin_spell_add_words:
 * @self: a #BulletinSpell
 * @words: (array zero-terminated=1): e.g. the personal dictionary
 */
void
bulletin_spell_add_words (BulletinSpell      *self,
                          const char * const *words)
{
  g_return_if_fail (BULLETIN_IS_SPELL (self));

  for (gsize i = 0; words != NULL && words[i] != NULL; i++)
    bulletin_spell_add_word (self, words[i]);
}

static void
add_language_cb (const char * const  lang_tag,
                 const char * const  provider_name,
                 const char * const  provider_desc,
                 const char * const  provider_file,
                 void               *user_data)
{
  GPtrArray *languages = user_data;

  for (guint i = 0; i < languages->len; i++)
    if (g_str_equal (languages->pdata[i], lang_tag))
      return;
  g_ptr_array_add (languages, g_strdup (lang_tag));
}

static int
compare_languages (gconstpointer a,
                   gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * bulletin_spell_list_languages:
 *
 * Returns: (transfer full): the language tags of the installed
 *   dictionaries, sorted, for the spelling preference
 */
char **
bulletin_spell_list_languages (void)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  EnchantBroker *broker = enchant_broker_init ();

  if (broker != NULL)
    {
      enchant_broker_list_dicts (broker, add_language_cb, languages);
      enchant_broker_free (broker);
    }
  g_ptr_array_sort (languages, compare_languages);
  g_ptr_array_set_free_func (languages, NULL);
  g_ptr_array_add (languages, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&languages), FALSE);
}

/**
 * bulletin_spell_pick_language:
 * @installed: the installed dictionaries, as from bulletin_spell_list_languages()
 * @wanted: the user's languages, most wanted first, as from
 *   g_get_language_names()
 *
 * The dictionary a user who never chose one gets when their session is
 * not in English: the first of @wanted that has one ("de_DE" for
 * "de_DE.UTF-8"; for a bare "de", de_DE if installed, else the first
 * de_*). English and the C locale keep %BULLETIN_SPELL_DEFAULT_LANGUAGE:
 * the office writes British English whatever the country.
 *
 * Returns: (transfer full) (nullable): the dictionary, or %NULL for the
 *   default
 */
char *
bulletin_spell_pick_language (const char * const *installed,
                              const char * const *wanted)
{
  g_return_val_if_fail (installed != NULL, NULL);
  g_return_val_if_fail (wanted != NULL, NULL);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_autofree char *tag = g_strndup (wanted[i], strcspn (wanted[i], ".@"));
      g_autofree char *lang = g_strndup (tag, strcspn (tag, "_"));
      g_autofree char *usual = NULL;

      if (g_str_equal (lang, "C") || g_str_equal (lang, "POSIX") || g_str_equal (lang, "en"))
        return NULL;
      if (*lang == '\0')
        continue;
      if (g_strv_contains (installed, tag))
        return g_steal_pointer (&tag);
      if (strchr (tag, '_') != NULL)
        continue;

      /* "de" alone: the language's own country first */
      usual = g_strdup_printf ("%s_%s", lang, tag);
      for (char *p = usual + strlen (lang) + 1; *p != '\0'; p++)
        *p = g_ascii_toupper (*p);
      if (g_strv_contains (installed, usual))
        return g_steal_pointer (&usual);
      for (guint k = 0; installed[k] != NULL; k++)
        if (g_str_has_prefix (installed[k], lang) && installed[k][strlen (lang)] == '_')
          return g_strdup (installed[k]);
    }

  return NULL;
}

/**
 * bulletin_spell_choose_language:
 * @settings: Bulletin's settings
 *
 * The spelling language to use: the user's choice if they made one,
 * else the dictionary of their session's language when it is not
 * English and installed (bulletin_spell_pick_language()), else the
 * schema's default.
 *
 * Returns: (transfer full): a language tag such as "en_GB"
 */
char *
bulletin_spell_choose_language (GSettings *settings)
{
  g_autoptr(GVariant) chosen = NULL;
  const char * const *wanted = g_get_language_names_with_category ("LC_MESSAGES");
  const char *messages = setlocale (LC_MESSAGES, NULL);

  g_return_val_if_fail (G_IS_SETTINGS (settings), g_strdup (BULLETIN_SPELL_DEFAULT_LANGUAGE));

  chosen = g_settings_get_user_value (settings, "spelling-language");
  /* listing the dictionaries starts enchant's providers: only when the
   * answer may be another language than English (gettext, and so the
   * menus, ignore $LANGUAGE in the C locale) */
  if (chosen == NULL && messages != NULL && !g_str_equal (messages, "C") && !g_str_equal (messages, "POSIX")
      && wanted[0] != NULL && !g_str_has_prefix (wanted[0], "en") && !g_str_has_prefix (wanted[0], "C"))
    {
      g_auto(GStrv) installed = bulletin_spell_list_languages ();
      char *picked = bulletin_spell_pick_language ((const char * const *)installed, wanted);

      if (picked != NULL)
        return picked;
    }

  return g_settings_get_string (settings, "spelling-language");
}
