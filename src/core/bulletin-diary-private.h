/* bulletin-diary-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libical/ical.h>

#include "bulletin-diary.h"

G_BEGIN_DECLS

/* Shared by the files of the diary (bulletin-diary*.c) and nothing else:
 * bulletin-diary.c reads a calendar into events with the helpers of
 * bulletin-diary-ical.c, and bulletin-diary-draft.c writes them into
 * the draft. */

char                *bulletin_diary_one_line      (const char          *text);

struct icaltimetype  bulletin_diary_attach_zone   (struct icaltimetype  t,
                                                   icalproperty        *prop,
                                                   icalcomponent       *vcalendar);
gboolean             bulletin_diary_to_unix       (struct icaltimetype  t,
                                                   gint64              *out);
GPtrArray           *bulletin_diary_properties_of (icalcomponent       *comp,
                                                   icalproperty_kind    kind);
GPtrArray           *bulletin_diary_components_of (icalcomponent       *comp,
                                                   icalcomponent_kind   kind);
char                *bulletin_diary_address_of    (const char          *value);

G_END_DECLS
