/* bulletin-spell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BULLETIN_SPELL_ERROR (bulletin_spell_error_quark ())

typedef enum
{
  BULLETIN_SPELL_ERROR_NO_DICTIONARY,
} BulletinSpellError;

/* The office writes British English; Debian's hunspell-en-gb provides it. */
#define BULLETIN_SPELL_DEFAULT_LANGUAGE "en_GB"

#define BULLETIN_TYPE_SPELL (bulletin_spell_get_type ())

G_DECLARE_FINAL_TYPE (BulletinSpell, bulletin_spell, BULLETIN, SPELL, GObject)

GQuark         bulletin_spell_error_quark   (void);
BulletinSpell *bulletin_spell_new           (const char          *language,
                                             GError             **error);
const char    *bulletin_spell_get_language  (BulletinSpell       *self);
gboolean       bulletin_spell_check_word    (BulletinSpell       *self,
                                             const char          *word,
                                             gssize               len);
char         **bulletin_spell_suggest       (BulletinSpell       *self,
                                             const char          *word,
                                             gssize               len);
void           bulletin_spell_add_word      (BulletinSpell       *self,
                                             const char          *word);
void           bulletin_spell_add_words     (BulletinSpell       *self,
                                             const char * const  *words);
char         **bulletin_spell_list_languages (void);

char          *bulletin_spell_pick_language (const char * const *installed,
                                             const char * const *wanted);
char          *bulletin_spell_choose_language (GSettings        *settings);

G_END_DECLS
