/* fuzz-reader-sizes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bulletin-markdown-reader.h"

/* The reader parses a draft a part, and a long paragraph a piece, at a
 * time; the fuzzers make both as small as they can go, so short inputs
 * reach every cut. Each piece looks up to 8 KB past its limit for a
 * better place to cut, which is 2x the work at the real limit (8 KB) but
 * a thousand times at a limit of 7 bytes: so the pieces grow with the
 * input, at most 64 a paragraph, and a long input is slow only where the
 * reader itself is. */
static inline void
fuzz_set_reader_sizes (gsize size)
{
  gsize piece_limit = 1 + size % 64;

  if (size / 64 > piece_limit)
    piece_limit = size / 64;

  bulletin_markdown_reader_set_default_chunk_size (size % 3 == 0 ? 1 : 0);
  bulletin_markdown_reader_set_default_piece_limit (size % 2 == 0 ? piece_limit : 0);
}
