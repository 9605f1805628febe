#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The man page formats without a warning, and names every option that
# `bulletin --help` (and `--export --help`, `--new-update --help`) lists. Speaks TAP.
#
#   check-man-page.sh BULLETIN MAN_PAGE

set -u
bulletin=$1
page=$2

. "$(dirname "$0")/tap.sh"

warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z "$page" 2>&1)
check "the man page formats without warnings" test -z "$warnings"

options=$( { "$bulletin" --help; "$bulletin" --export=text --help; "$bulletin" --new-update --help; } 2>/dev/null |
  grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]+' | grep -oE -- '--[a-z][a-z-]+' |
  grep -vE -- '^--help-(all|gapplication)$' | sort -u)
check "--help lists options" test -n "$options"
text=$(LC_ALL=C.UTF-8 man -l "$page" 2>/dev/null | col -b)
for option in $options; do
  check "the man page names $option" sh -c "printf '%s' \"\$1\" | grep -qF -- '$option'" sh "$text"
done

tap_finish
