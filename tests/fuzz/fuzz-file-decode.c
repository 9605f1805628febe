/* fuzz-file-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: whatever bytes a file holds, decoding either refuses
 * it with an error or yields valid UTF-8 with no NUL byte.
 */

#include "config.h"

#include <string.h>

#include "bulletin-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BulletinFileLoadFlags flags = 0;
  gsize len = 0;

  text = bulletin_file_decode ((const char *)data, size, &len, &flags, &error);

  if (text == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  g_assert (error == NULL);
  g_assert (g_utf8_validate (text, len, NULL));
  g_assert (strlen (text) == len);

  return 0;
}
