#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source or UI file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=${1:-.}
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

for f in $(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|g_dngettext|ngettext)\(' src --include='*.c' | sort) \
         $(grep -rl 'translatable="yes"' ui --include='*.ui' | sort); do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "not listed in po/POTFILES.in: $f"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "listed in po/POTFILES.in but missing: $f"
    status=1
  fi
done

[ $status -eq 0 ] && echo "po/POTFILES.in is complete"
exit $status
