#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command-line export: `bulletin --export=html|text|eml [--output=FILE]
# INPUT.md`, run with no display at all. Checks the three formats to the
# standard output and to a file, the standard input as "-", and that every
# failure says why, exits with 2 and leaves no file behind (nor damages one
# that was there). Speaks TAP.

set -u
bulletin=$1
samples=$2

tmp=$(mktemp -d)
cleanup() {
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# no display, no session bus: an export must not need them
run() {
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS LC_ALL=C.UTF-8 \
    "$bulletin" "$@"
}

n=0
failed=0
ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}
check() {
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

winter=$samples/weekly-update-winter.md
acs=$samples/weekly-update-acs.md

# 1. HTML to the standard output
run --export=html "$winter" >"$tmp/out.html" 2>"$tmp/err"
status=$?
check "html: exit 0" test $status -eq 0
check "html: a complete document" grep -q '^<!DOCTYPE html>$' "$tmp/out.html"
check "html: title from the first heading" grep -qF '<title>Weekly update: preparing for winter</title>' "$tmp/out.html"
check "html: hidden preheader" grep -qF 'display:none;' "$tmp/out.html"
check "html: links kept" grep -qF 'href="https://example.org/carers-film"' "$tmp/out.html"
check "html: nothing on stderr" test ! -s "$tmp/err"

# 2. plain text to the standard output
run --export=text "$winter" >"$tmp/out.txt"
status=$?
check "text: exit 0" test $status -eq 0
check "text: underlined title" test "$(sed -n 2p "$tmp/out.txt")" = "==================================="
check "text: reference list" grep -qx '\[2\] https://example.org/carers-film' "$tmp/out.txt"
check "text: lines within 72 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$tmp/out.txt")" -le 72

# 3. eml to the standard output
run --export=eml --from='Rob Webster <rob@wyh.example>' --to='leaders@wyh.example' "$acs" >"$tmp/out.eml"
status=$?
check "eml: exit 0" test $status -eq 0
check "eml: X-Unsent" grep -q $'^X-Unsent: 1\r$' "$tmp/out.eml"
check "eml: From" grep -q $'^From: Rob Webster <rob@wyh.example>\r$' "$tmp/out.eml"
check "eml: To" grep -q $'^To: leaders@wyh.example\r$' "$tmp/out.eml"
check "eml: multipart/alternative" grep -q '^Content-Type: multipart/alternative' "$tmp/out.eml"
check "eml: CRLF everywhere" test "$(grep -vc $'\r$' "$tmp/out.eml")" -eq 0

# 4. --output writes the same as the standard output
for format in html text; do
  run --export=$format --output="$tmp/file.$format" "$winter" >"$tmp/stdout.$format"
  status=$?
  check "$format --output: exit 0" test $status -eq 0
  check "$format --output: nothing on stdout" test ! -s "$tmp/stdout.$format"
  run --export=$format "$winter" >"$tmp/expected.$format"
  check "$format --output: same bytes" cmp -s "$tmp/file.$format" "$tmp/expected.$format"
done
run --export=eml -o "$tmp/file.eml" "$winter"
check "eml -o: written" grep -q '^Subject: Weekly update: preparing for winter' "$tmp/file.eml"
check "eml -o: no From without --from" test "$(grep -c '^From:' "$tmp/file.eml")" -eq 0

# 5. the standard input
run --export=text - <"$winter" >"$tmp/stdin.txt"
status=$?
check "stdin: exit 0" test $status -eq 0
check "stdin: same as the file" cmp -s "$tmp/stdin.txt" "$tmp/out.txt"

# 6. a missing input file
mkdir "$tmp/missing"
run --export=html --output="$tmp/missing/out.html" "$tmp/no-such-file.md" 2>"$tmp/err"
status=$?
check "missing input: exit 2" test $status -eq 2
check "missing input: says so" grep -qF '“no-such-file.md” could not be found' "$tmp/err"
check "missing input: no output file" test -z "$(ls -A "$tmp/missing")"

# 7. an unknown format, and other usage errors
run --export=pdf "$winter" >"$tmp/pdf.out" 2>"$tmp/err"
status=$?
check "--export=pdf: exit 2" test $status -eq 2
check "--export=pdf: says so" grep -qF 'Unknown export format “pdf”' "$tmp/err"
check "--export=pdf: no output" test ! -s "$tmp/pdf.out"
run --export=html 2>/dev/null
check "no input: exit 2" test $? -eq 2
run --export=html "$winter" "$acs" 2>/dev/null >/dev/null
check "two inputs: exit 2" test $? -eq 2
run --export=text --no-such-option "$winter" 2>/dev/null >/dev/null
check "unknown option: exit 2" test $? -eq 2
run --export --help >"$tmp/help"
check "--help: exit 0" test $? -eq 0
check "--help: lists --output" grep -q -- '--output=FILE' "$tmp/help"

# 8. an output folder that cannot be written: a file where the folder
# should be (works as root too), and a read-only folder when not root
touch "$tmp/not-a-folder"
run --export=html --output="$tmp/not-a-folder/out.html" "$winter" 2>"$tmp/err"
status=$?
check "output under a file: fails" test $status -ne 0
check "output under a file: says so" test -s "$tmp/err"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/read-only"
  chmod 0500 "$tmp/read-only"
  run --export=html --output="$tmp/read-only/out.html" "$winter" 2>/dev/null
  check "read-only folder: fails" test $? -ne 0
  check "read-only folder: left empty" test -z "$(ls -A "$tmp/read-only")"
  chmod 0700 "$tmp/read-only"
else
  # root writes anywhere, but not into /proc
  run --export=html --output=/proc/bulletin-test-out.html "$winter" 2>/dev/null
  check "folder nobody may write: fails" test $? -ne 0
  check "folder nobody may write: nothing there" test ! -e /proc/bulletin-test-out.html
fi
# a folder where the output file should be
mkdir -p "$tmp/dir-target/out.html"
run --export=html --output="$tmp/dir-target/out.html" "$winter" 2>/dev/null
check "output is a folder: fails" test $? -ne 0
check "output is a folder: no temporary files left" test "$(ls -A "$tmp/dir-target")" = "out.html"
check "output is a folder: still an empty folder" test -z "$(ls -A "$tmp/dir-target/out.html")"

# 9. a failed export leaves an existing output file as it was
mkdir "$tmp/keep"
printf 'precious\n' >"$tmp/keep/out.eml"
run --export=eml --output="$tmp/keep/out.eml" "$tmp/no-such-file.md" 2>/dev/null
check "missing input: exit 2 with an existing output" test $? -eq 2
check "missing input: existing output intact" test "$(cat "$tmp/keep/out.eml")" = "precious"
run --export=eml --from='not an address' --output="$tmp/keep/out.eml" "$winter" 2>"$tmp/err"
check "bad --from: exit 2" test $? -eq 2
check "bad --from: says so" grep -qF '“not an address” is not a valid email address' "$tmp/err"
check "bad --from: existing output intact" test "$(cat "$tmp/keep/out.eml")" = "precious"
check "failures: no temporary files left" test "$(ls -A "$tmp/keep")" = "out.eml"

# 10. a standard output that cannot be written
run --export=text "$winter" >/dev/full 2>"$tmp/err"
check "full stdout: exit 2" test $? -eq 2
check "full stdout: says so" grep -qF 'could not be written' "$tmp/err"

# 11. --check: findings as FILE:LINE:COLUMN: kind: message, exit 1
run --check "$acs" >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 1 on findings" test $? -eq 1
check "check: compiler-style lines" grep -qE "^$acs:[0-9]+:[0-9]+: (acronym|link|leftover|structure|date|spelling): " "$tmp/check.out"
check "check: every line in that form" test "$(grep -cvE "^$acs:[0-9]+:[0-9]+: [a-z]+: " "$tmp/check.out")" = 0
check "check: VCS not spelled out" grep -qF "$acs:17:87: acronym: “VCS”" "$tmp/check.out"
check "check: andcommunity caught" grep -qF "spelling: “andcommunity”" "$tmp/check.out"
check "check: nothing on stderr" test ! -s "$tmp/err"

cat >"$tmp/clean.md" <<'CLEAN'
# Weekly update – week ending Friday 27 November 2026

Thank you to everyone who came to the open day.

Have a good weekend

## What else has been happening this week?

### Open day

More than two hundred people visited the new clinic on Wednesday.

## What’s happening next week?

- The board meets on Tuesday.
CLEAN
run --check "$tmp/clean.md" >"$tmp/check.out" 2>"$tmp/err"
status=$?
check "check: exit 0 when clean" test $status -eq 0
check "check: no output when clean" test ! -s "$tmp/check.out"

run --check "$tmp/missing.md" >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 2 on a missing file" test $? -eq 2
check "check: says which file" grep -qF "missing.md" "$tmp/err"
run --check >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 2 without a file" test $? -eq 2

# 12. an update whose HTML Gmail would clip: still exported, with a
# warning on stderr for html and eml (not for text, which Gmail does
# not clip); the small samples above gave no warning
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  cat "$winter"
  echo
done >"$tmp/long.md"
for format in html eml; do
  run --export=$format --output="$tmp/long.$format" "$tmp/long.md" 2>"$tmp/err"
  status=$?
  check "long $format: exit 0" test $status -eq 0
  check "long $format: written" test -s "$tmp/long.$format"
  check "long $format: Gmail warning" grep -qE '^bulletin: warning: the email’s HTML is [0-9.]+[^:]*kB: Gmail shows only' "$tmp/err"
done
check "long html: over the clipping size" test "$(stat -c %s "$tmp/long.html")" -gt 102000
run --export=text "$tmp/long.md" >/dev/null 2>"$tmp/err"
check "long text: no warning" test ! -s "$tmp/err"
run --export=eml "$winter" >/dev/null 2>"$tmp/err"
check "short eml: no warning" test ! -s "$tmp/err"

echo "1..$n"
[ $failed -eq 0 ]
