/* bulletin-diary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BULLETIN_DIARY_ERROR (bulletin_diary_error_quark ())

typedef enum
{
  BULLETIN_DIARY_ERROR_NOT_CALENDAR,   /* not an iCalendar file at all */
  BULLETIN_DIARY_ERROR_ENCODING,       /* not UTF-8 */
  BULLETIN_DIARY_ERROR_TOO_LARGE,
  BULLETIN_DIARY_ERROR_READ,           /* the file could not be read */
  BULLETIN_DIARY_ERROR_DAMAGED,        /* a calendar libical could not make out, e.g. cut short */
} BulletinDiaryError;

/* Calendars larger than this are refused rather than parsed: a whole
 * mailbox exported by mistake would take the window's memory with it. */
#define BULLETIN_DIARY_MAX_SIZE (32 * 1024 * 1024)

typedef struct
{
  char      *uid;
  char      *summary;    /* one line, never NULL ("" when the event has none) */
  char      *location;   /* one line, never NULL */
  GDateTime *start;      /* in the local time zone; midnight for all-day events */
  GDateTime *end;        /* exclusive; for all-day events the midnight after the last day */
  gboolean   all_day;
} BulletinDiaryEvent;

typedef enum
{
  BULLETIN_DIARY_FORMAT_DEFAULT = 0,
  BULLETIN_DIARY_FORMAT_TIMES   = 1 << 0,   /* "Monday 7 December, 10.30: …" */
} BulletinDiaryFormatFlags;

GQuark              bulletin_diary_error_quark  (void);

void                bulletin_diary_event_free   (BulletinDiaryEvent        *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BulletinDiaryEvent, bulletin_diary_event_free)

void                bulletin_diary_next_week    (GDateTime                 *week_ending,
                                                 GDateTime                **monday,
                                                 GDateTime                **next_monday);
GPtrArray          *bulletin_diary_parse        (const char                *data,
                                                 gsize                      len,
                                                 GDateTime                 *week_ending,
                                                 const char                *owner,
                                                 GError                   **error);
GPtrArray          *bulletin_diary_load         (GFile                     *file,
                                                 GDateTime                 *week_ending,
                                                 const char                *owner,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);
char               *bulletin_diary_format_event (const BulletinDiaryEvent  *event,
                                                 BulletinDiaryFormatFlags   flags,
                                                 const char                *locale);
char               *bulletin_diary_insert       (const char                *markdown,
                                                 const char * const        *bullets,
                                                 const char                *template_text);
GDateTime          *bulletin_diary_week_ending_of (const char              *markdown,
                                                   GDateTime               *today,
                                                   GDateWeekday             last_day);

G_END_DECLS
