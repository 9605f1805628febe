#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The HTML export must be valid HTML: every fixture in tests/data (among
# them one with every construct), exported by the real `bulletin
# --export=html` and checked by the Nu HTML Checker (vnu.jar, from npm;
# build-aux/test installs it). A checker that cannot run is a failure, never a skip: a
# skipped validation would let invalid mail through unnoticed. Speaks TAP.

set -u
bulletin=$1
vnu=$2
fixtures=$3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

source "$(dirname "$0")/tap.sh"

# not_ok_showing NAME FILE: a failure, with FILE's lines as TAP comments
not_ok_showing() {
  local lines=()

  mapfile -t lines <"$2" 2>/dev/null
  not_ok "$1" "${lines[@]}"
}

if ! command -v java >/dev/null 2>&1; then
  echo "# java not found: install default-jre-headless (build-aux/test does)"
  not_ok "java is available"
  tap_finish
fi
if [ ! -f "$vnu" ]; then
  echo "# $vnu not found: run build-aux/test, or"
  echo "#   npm install --prefix _build-tools --ignore-scripts vnu-jar"
  not_ok "vnu.jar is installed"
  tap_finish
fi

files=()
for input in "$fixtures"/*.md; do
  name=$(basename "$input" .md)
  # it says what the fixtures hold; it is not one
  [ "$name" = README ] && continue
  if "$bulletin" --export=html --output="$tmp/$name.html" "$input" 2>"$tmp/err"; then
    ok "$name: exported"
    files+=("$tmp/$name.html")
  else
    not_ok_showing "$name: exported" "$tmp/err"
  fi
done

# The checker must find errors where there are some, or a broken setup
# (say, a java that prints nothing) would pass every file.
printf '<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head><body><p><div></p></body></html>\n' \
  >"$tmp/broken.html"
if java -jar "$vnu" --errors-only "$tmp/broken.html" >"$tmp/broken.out" 2>&1; then
  not_ok_showing "vnu rejects invalid HTML" "$tmp/broken.out"
else
  ok "vnu rejects invalid HTML"
fi

for file in "${files[@]}"; do
  name=$(basename "$file")
  if java -jar "$vnu" --errors-only "$file" >"$tmp/vnu.out" 2>&1 && [ ! -s "$tmp/vnu.out" ]; then
    ok "$name: no errors from vnu"
  else
    not_ok_showing "$name: no errors from vnu" "$tmp/vnu.out"
  fi
done

tap_finish
