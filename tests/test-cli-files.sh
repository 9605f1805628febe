#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command line never damages a file: its exports with write() failing
# (ENOSPC) part-way and with fsync() failing (EIO), through
# tests/fault-inject.c; links, devices and permissions; an output that is
# the input; an endless input; --check writing to a full disk. Speaks TAP.
#
#   test-cli-files.sh BULLETIN FAULT_INJECT_SO FIXTURES_DIR

set -u

bulletin=$1
inject=$2
fixtures=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source "$(dirname "$0")/tap.sh"

input=$fixtures/every-construct.md
out=$work/out
mkdir -p "$out"
printf 'The update as it was before the export.\n' >"$out/update.html"
cp "$out/update.html" "$work/before.html"

# faulty CMD...: runs CMD with the disk below $out failing as the
# BULLETIN_FAULT_* variables already exported say
faulty() {
  env LD_PRELOAD="$inject" BULLETIN_FAULT_DIR="$out" "$@"
}

for format in html text eml; do
  # a full disk after 100 bytes: the export fails, the old file stays
  rc=0
  BULLETIN_FAULT_WRITE_AFTER=100 faulty "$bulletin" --export="$format" --output="$out/update.html" "$input" \
    >/dev/null 2>"$work/err" || rc=$?
  check "$format on a full disk exits 2" test "$rc" -eq 2
  check "$format on a full disk says the disk is full" grep -q 'disk is full' "$work/err"
  check "$format on a full disk gives no window advice" sh -c "! grep -qE 'Save As|still here' '$work/err'"
  check "$format on a full disk leaves the old file as it was" cmp -s "$out/update.html" "$work/before.html"
  check "$format on a full disk leaves no temporary file" test "$(ls -A "$out")" = "update.html"

  # the data never reaches the disk: the export fails the same way
  rc=0
  BULLETIN_FAULT_SYNC=1 faulty "$bulletin" --export="$format" --output="$out/update.html" "$input" \
    >/dev/null 2>"$work/err" || rc=$?
  check "$format with a failing fsync exits 2" test "$rc" -eq 2
  check "$format with a failing fsync leaves the old file as it was" cmp -s "$out/update.html" "$work/before.html"
  check "$format with a failing fsync leaves no temporary file" test "$(ls -A "$out")" = "update.html"
done

# the shim itself: with room on the disk, the same export succeeds
rc=0
BULLETIN_FAULT_WRITE_AFTER=100000000 faulty "$bulletin" --export=html --output="$out/update.html" "$input" \
  >/dev/null 2>"$work/err" || rc=$?
check "with room on the disk the export succeeds" test "$rc" -eq 0
check "with room on the disk the file is replaced" grep -q '<html' "$out/update.html"

# a device is written in place, not replaced
rc=0
"$bulletin" --export=text --output=/dev/null "$input" >/dev/null 2>"$work/err" || rc=$?
check "--output=/dev/null is accepted" test "$rc" -eq 0
check "/dev/null is still a device" test -c /dev/null

# a link keeps pointing where it did, at the new text
printf 'old\n' >"$work/target.txt"
ln -s "$work/target.txt" "$work/link.txt"
"$bulletin" --export=text --output="$work/link.txt" "$input" >/dev/null 2>&1
check "a symbolic link stays a link" test -L "$work/link.txt"
check "its target holds the export" grep -q 'Every construct' "$work/target.txt"

# permissions of a replaced file are kept
printf 'old\n' >"$work/private.txt"
chmod 600 "$work/private.txt"
"$bulletin" --export=text --output="$work/private.txt" "$input" >/dev/null 2>&1
check "a replaced file keeps its permissions" test "$(stat -c %a "$work/private.txt")" = 600

# the export never replaces its own Markdown, under any name
cp "$input" "$work/draft.md"
ln -s "$work/draft.md" "$work/draft-link.md"
for output in "$work/draft.md" "$work/draft-link.md" "$work/./draft.md"; do
  rc=0
  "$bulletin" --export=html --output="$output" "$work/draft.md" >/dev/null 2>"$work/err" || rc=$?
  check "--output=$(basename "$output") naming the input exits 2" test "$rc" -eq 2
  check "--output=$(basename "$output") naming the input leaves it as it was" cmp -s "$work/draft.md" "$input"
done
check "the refusal says why" grep -q 'would replace its own Markdown' "$work/err"

# a device that never ends is refused at the size limit, not read forever
rc=0
timeout 120 "$bulletin" --export=text /dev/zero >/dev/null 2>"$work/err" || rc=$?
check "/dev/zero as input exits 2" test "$rc" -eq 2
check "/dev/zero as input is too large" grep -q 'too large' "$work/err"

# findings that cannot be written are an error, not "clean" or "found"
rc=0
"$bulletin" --check "$fixtures/weekly-update-neighbourhood-teams.md" >/dev/full 2>"$work/err" || rc=$?
check "--check to a full disk exits 2" test "$rc" -eq 2
check "--check to a full disk says so" grep -q 'could not be written' "$work/err"

tap_finish
