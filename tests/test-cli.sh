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
fixtures=$2

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

source "$(dirname "$0")/tap.sh"

# tests/data/README.md says what each holds
record=$fixtures/weekly-update-shared-record.md
teams=$fixtures/weekly-update-neighbourhood-teams.md
volunteers=$fixtures/weekly-update-volunteers.md

# 1. HTML to the standard output
run --export=html "$record" >"$tmp/out.html" 2>"$tmp/err"
status=$?
check "html: exit 0" test $status -eq 0
check "html: a complete document" grep -q '^<!DOCTYPE html>$' "$tmp/out.html"
check "html: title from the first heading" grep -qF '<title>Weekly update: one shared care record</title>' "$tmp/out.html"
check "html: hidden preheader" grep -qF 'display:none;' "$tmp/out.html"
check "html: links kept" grep -qF 'href="https://example.com/shared-care-record/rules"' "$tmp/out.html"
check "html: nothing on stderr" test ! -s "$tmp/err"

# 2. plain text to the standard output
run --export=text "$record" >"$tmp/out.txt"
status=$?
check "text: exit 0" test $status -eq 0
check "text: underlined title" test "$(sed -n 2p "$tmp/out.txt")" = "====================================="
check "text: reference list" grep -qx '\[1\] https://example.com/shared-care-record/rules' "$tmp/out.txt"
# a line with a space in it could have been broken
check "text: lines within 72 columns" test "$(grep ' ' "$tmp/out.txt" | LC_ALL=C.UTF-8 wc -L)" -le 72
check "text: a longer address whole on its own line" \
  grep -qx 'https://example.org/shared-care-record/guides/getting-started-for-care-home-staff-and-managers.' "$tmp/out.txt"

# 3. eml to the standard output
run --export=eml --from='Fiona Kerr <fiona.kerr@brookfield.test>' --to='leaders@brookfield.test' "$teams" >"$tmp/out.eml"
status=$?
check "eml: exit 0" test $status -eq 0
check "eml: X-Unsent" grep -q $'^X-Unsent: 1\r$' "$tmp/out.eml"
check "eml: From" grep -q $'^From: Fiona Kerr <fiona.kerr@brookfield.test>\r$' "$tmp/out.eml"
check "eml: To" grep -q $'^To: leaders@brookfield.test\r$' "$tmp/out.eml"
check "eml: multipart/alternative" grep -q '^Content-Type: multipart/alternative' "$tmp/out.eml"
check "eml: CRLF everywhere" test "$(grep -vc $'\r$' "$tmp/out.eml")" -eq 0

# 4. --output writes the same as the standard output
for format in html text; do
  run --export=$format --output="$tmp/file.$format" "$record" >"$tmp/stdout.$format"
  status=$?
  check "$format --output: exit 0" test $status -eq 0
  check "$format --output: nothing on stdout" test ! -s "$tmp/stdout.$format"
  run --export=$format "$record" >"$tmp/expected.$format"
  check "$format --output: same bytes" cmp -s "$tmp/file.$format" "$tmp/expected.$format"
done
run --export=eml -o "$tmp/file.eml" "$record"
check "eml -o: written" grep -q '^Subject: Weekly update: one shared care record' "$tmp/file.eml"
check "eml -o: no From without --from" test "$(grep -c '^From:' "$tmp/file.eml")" -eq 0

# 5. the standard input
run --export=text - <"$record" >"$tmp/stdin.txt"
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
run --export=pdf "$record" >"$tmp/pdf.out" 2>"$tmp/err"
status=$?
check "--export=pdf: exit 2" test $status -eq 2
check "--export=pdf: says so" grep -qF 'Unknown export format “pdf”' "$tmp/err"
check "--export=pdf: no output" test ! -s "$tmp/pdf.out"
run --export=html 2>/dev/null
check "no input: exit 2" test $? -eq 2
run --export=html "$record" "$teams" 2>/dev/null >/dev/null
check "two inputs: exit 2" test $? -eq 2
run --export=text --no-such-option "$record" 2>/dev/null >/dev/null
check "unknown option: exit 2" test $? -eq 2
run --export --help >"$tmp/help"
check "--help: exit 0" test $? -eq 0
check "--help: lists --output" grep -q -- '--output=FILE' "$tmp/help"

# 8. an output folder that cannot be written: a file where the folder
# should be (works as root too), and a read-only folder when not root
touch "$tmp/not-a-folder"
run --export=html --output="$tmp/not-a-folder/out.html" "$record" 2>"$tmp/err"
status=$?
check "output under a file: fails" test $status -ne 0
check "output under a file: says so" test -s "$tmp/err"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/read-only"
  chmod 0500 "$tmp/read-only"
  run --export=html --output="$tmp/read-only/out.html" "$record" 2>/dev/null
  check "read-only folder: fails" test $? -ne 0
  check "read-only folder: left empty" test -z "$(ls -A "$tmp/read-only")"
  chmod 0700 "$tmp/read-only"
else
  # root writes anywhere, but not into /proc
  run --export=html --output=/proc/bulletin-test-out.html "$record" 2>/dev/null
  check "folder nobody may write: fails" test $? -ne 0
  check "folder nobody may write: nothing there" test ! -e /proc/bulletin-test-out.html
fi
# a folder where the output file should be
mkdir -p "$tmp/dir-target/out.html"
run --export=html --output="$tmp/dir-target/out.html" "$record" 2>/dev/null
check "output is a folder: fails" test $? -ne 0
check "output is a folder: no temporary files left" test "$(ls -A "$tmp/dir-target")" = "out.html"
check "output is a folder: still an empty folder" test -z "$(ls -A "$tmp/dir-target/out.html")"

# 9. a failed export leaves an existing output file as it was
mkdir "$tmp/keep"
printf 'precious\n' >"$tmp/keep/out.eml"
run --export=eml --output="$tmp/keep/out.eml" "$tmp/no-such-file.md" 2>/dev/null
check "missing input: exit 2 with an existing output" test $? -eq 2
check "missing input: existing output intact" test "$(cat "$tmp/keep/out.eml")" = "precious"
run --export=eml --from='not an address' --output="$tmp/keep/out.eml" "$record" 2>"$tmp/err"
check "bad --from: exit 2" test $? -eq 2
check "bad --from: says so" grep -qF '“not an address” is not a valid email address' "$tmp/err"
check "bad --from: existing output intact" test "$(cat "$tmp/keep/out.eml")" = "precious"

# a file that is not UTF-8 is read, and the command line says so
printf '# Caf\xe9 news\n\nThe caf\xe9 opens on Monday.\n' >"$tmp/latin1.md"
run --export=text "$tmp/latin1.md" >"$tmp/latin1.txt" 2>"$tmp/err"
check "Windows-1252 file: exit 0" test $? -eq 0
check "Windows-1252 file: converted" grep -qF 'The café opens on Monday.' "$tmp/latin1.txt"
check "Windows-1252 file: says so" grep -qF 'converted to UTF-8' "$tmp/err"

# what packagers and scripts ask first
out=$("$bulletin" --version 2>&1)
check "--version: exit 0" test $? -eq 0
check "--version: names the program and a version" sh -c "echo '$out' | grep -qE '^bulletin [0-9]+\.[0-9]+\.[0-9]+$'"
"$bulletin" --help >"$tmp/help" 2>&1
check "--help: shows a FILE may be given" grep -qF '[FILE…]' "$tmp/help"
check "--help: lists --version" grep -qF -- '--version' "$tmp/help"

# --check spells in the language the window is set to (issue 16: it
# always used en_GB)
printf '# Update\n\nThe colour of the new signs is green.\n' >"$tmp/colour.md"
mkdir -p "$tmp/settings/glib-2.0/settings"
printf "[io/github/bulletin/Bulletin]\nspelling-language='en_US'\n" >"$tmp/settings/glib-2.0/settings/keyfile"
run --check "$tmp/colour.md" >"$tmp/colour-gb.txt" 2>/dev/null
check "--check, en_GB by default: colour is a word" sh -c "! grep -qF '“colour”' '$tmp/colour-gb.txt'"
GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/settings" run --check "$tmp/colour.md" >"$tmp/colour-us.txt" 2>/dev/null
check "--check, set to en_US: colour is flagged" grep -qF '“colour” is not in the dictionary' "$tmp/colour-us.txt"

# an empty draft is nothing to send: refused, and no file is written
printf '  \n\n' >"$tmp/blank.md"
run --export=eml --output="$tmp/blank.eml" "$tmp/blank.md" 2>"$tmp/err"
check "blank draft: exit 2" test $? -eq 2
check "blank draft: says so" grep -qF 'The draft is empty' "$tmp/err"
check "blank draft: no file" test ! -e "$tmp/blank.eml"

# Outlook users separate recipients with "; ": every one is kept, and the
# one that is no address is named
run --export=eml --to='a@brookfield.test; b@brookfield.test,c@brookfield.test' --output="$tmp/three.eml" "$record"
check "--to with ; and ,: exit 0" test $? -eq 0
check "--to with ; and ,: all three recipients" sh -c "grep '^To: ' '$tmp/three.eml' | grep -qF 'a@brookfield.test, b@brookfield.test, c@brookfield.test'"
run --export=eml --to='a@brookfield.test; Sam at the office' --output="$tmp/keep/out.eml" "$record" 2>"$tmp/err"
check "bad second --to: exit 2" test $? -eq 2
check "bad second --to: names it" grep -qF '“Sam at the office” is not a valid email address' "$tmp/err"
check "failures: no temporary files left" test "$(ls -A "$tmp/keep")" = "out.eml"

# 10. a standard output that cannot be written
run --export=text "$record" >/dev/full 2>"$tmp/err"
check "full stdout: exit 2" test $? -eq 2
check "full stdout: says so" grep -qF 'could not be written' "$tmp/err"

# 11. --check: findings as FILE:LINE:COLUMN: kind: message, exit 1
run --check "$teams" >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 1 on findings" test $? -eq 1
check "check: compiler-style lines" grep -qE "^$teams:[0-9]+:[0-9]+: (acronym|link|leftover|structure|date|spelling): " "$tmp/check.out"
check "check: every line in that form" test "$(grep -cvE "^$teams:[0-9]+:[0-9]+: [a-z]+: " "$tmp/check.out")" = 0
check "check: ten findings" test "$(wc -l <"$tmp/check.out")" -eq 10
check "check: PCN not spelled out" grep -qF "$teams:13:34: acronym: “PCN”" "$tmp/check.out"
check "check: andcommunity caught" grep -qF "$teams:5:269: spelling: “andcommunity”" "$tmp/check.out"
check "check: the wrong weekday" grep -qF "$teams:58:44: date: “Tuesday 25 November 2026” has the wrong weekday" "$tmp/check.out"
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
run --check "$volunteers" >"$tmp/check.out" 2>"$tmp/err"
status=$?
check "check: the clean fixture, exit 0" test $status -eq 0
check "check: the clean fixture, no output" test ! -s "$tmp/check.out"

run --check "$tmp/missing.md" >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 2 on a missing file" test $? -eq 2
check "check: says which file" grep -qF "missing.md" "$tmp/err"
run --check >"$tmp/check.out" 2>"$tmp/err"
check "check: exit 2 without a file" test $? -eq 2

# 12. an update whose HTML Gmail would clip: still exported, with a
# warning on stderr for html and eml (not for text, which Gmail does
# not clip); the short updates above gave no warning
for i in $(seq 16); do
  cat "$record"
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
run --export=eml "$record" >/dev/null 2>"$tmp/err"
check "short eml: no warning" test ! -s "$tmp/err"

# Issue 14: images beside the draft. Found where the draft is, whatever
# the working directory; one that is missing is left out with a warning,
# and the update still goes.
images=$fixtures/weekly-update-with-images.md
(cd "$tmp" && run --check "$images") >"$tmp/check.out" 2>"$tmp/err"
status=$?
check "images: the fixture checks clean from elsewhere" test $status -eq 0
check "images: no findings" test ! -s "$tmp/check.out"
(cd "$tmp" && run --export=eml "$images") >"$tmp/images.eml" 2>"$tmp/err"
check "images: eml exit 0" test $? -eq 0
check "images: eml has a related part" grep -q '^Content-Type: multipart/related;' "$tmp/images.eml"
check "images: eml image parts inline" test "$(grep -c $'^Content-Disposition: inline; filename=' "$tmp/images.eml")" -eq 2
check "images: eml, no warning" test ! -s "$tmp/err"
mkdir -p "$tmp/draft"
printf '# Photos\n\n![The fair](fair.png)\n' >"$tmp/draft/update.md"
run --export=eml --output="$tmp/draft/update.eml" "$tmp/draft/update.md" 2>"$tmp/err"
check "images: a missing image, exit 0" test $? -eq 0
check "images: a missing image, the email is written" grep -q '^X-Unsent: 1' "$tmp/draft/update.eml"
check "images: a missing image, a warning naming it" grep -qF 'warning: the image “fair.png” is left out' "$tmp/err"
check "images: a missing image, no related part" test "$(grep -c 'multipart/related' "$tmp/draft/update.eml")" -eq 0
run --check "$tmp/draft/update.md" >"$tmp/check.out" 2>"$tmp/err"
check "images: a missing image, a finding" grep -qF 'update.md:3:1: link: The image “fair.png” cannot be read' "$tmp/check.out"

# Issue 14: the update's language, from --lang
run --export=html --lang=ar "$record" >"$tmp/ar.html" 2>"$tmp/err"
check "lang: exit 0" test $? -eq 0
check "lang: html lang and direction" grep -qF '<html lang="ar" dir="rtl">' "$tmp/ar.html"
check "lang: the column says it again" grep -qF '<div lang="ar" dir="rtl" style=' "$tmp/ar.html"
run --export=eml --lang=de-CH "$record" >"$tmp/de.eml" 2>"$tmp/err"
check "lang: eml Content-Language" grep -q $'^Content-Language: de-CH\r$' "$tmp/de.eml"
run --export=html --lang='en GB"' --output="$tmp/bad-lang.html" "$record" 2>"$tmp/err"
check "lang: not a tag, exit 2" test $? -eq 2
check "lang: not a tag, named" grep -qF '“en GB"” is not a language tag' "$tmp/err"
check "lang: not a tag, no file" test ! -e "$tmp/bad-lang.html"

# Issue 14: an HTML export to a file takes its images along, in a folder
# beside it named after it; the links resolve from there
mkdir -p "$tmp/sent"
run --export=html --output="$tmp/sent/Update 4 December.html" "$images" 2>"$tmp/err"
check "html images: exit 0" test $? -eq 0
check "html images: no warning" test ! -s "$tmp/err"
check "html images: the folder" test -d "$tmp/sent/Update 4 December_files"
check "html images: both images in it" test "$(ls "$tmp/sent/Update 4 December_files" | wc -l)" -eq 2
check "html images: the logo, as it was" cmp "$fixtures/images/partnership-logo.png" "$tmp/sent/Update 4 December_files/partnership-logo.png"
check "html images: a relative link" grep -qF '<img src="Update%204%20December_files/volunteers-fair.png"' "$tmp/sent/Update 4 December.html"
check "html images: remote ones stay remote" grep -qF '<img src="https://example.org/volunteering/fair-map.png"' "$tmp/sent/Update 4 December.html"
run --export=html --output="$tmp/sent/words.html" "$record" 2>"$tmp/err"
check "html images: none, no folder" test ! -e "$tmp/sent/words_files"
(cd "$tmp/sent" && run --export=html "$images" >"$tmp/sent/stdout.html")
check "html images: to the standard output, relative links as written" grep -qF '<img src="images/partnership-logo.png"' "$tmp/sent/stdout.html"
check "html images: to the standard output, no folder" test "$(ls "$tmp/sent" | wc -l)" -eq 4
touch "$tmp/sent/blocked_files"
run --export=html --output="$tmp/sent/blocked.html" "$images" 2>"$tmp/err"
check "html images: not copied, exit 2" test $? -eq 2
check "html images: not copied, the image named" grep -qF 'partnership-logo.png' "$tmp/err"
check "html images: not copied, no page" test ! -e "$tmp/sent/blocked.html"

# Issue 14: an image pasted in the window is kept in its database, which
# the command line does not read: left out, and said so
printf '# Pasted\n\n![Chart](bulletin-image:0123456789abcdef)\n' >"$tmp/pasted.md"
run --export=eml --output="$tmp/pasted.eml" "$tmp/pasted.md" 2>"$tmp/err"
check "kept image: exit 0" test $? -eq 0
check "kept image: a warning naming it" grep -qF 'warning: the image “bulletin-image:0123456789abcdef” is left out: it was pasted into Bulletin' "$tmp/err"
run --export=html - <"$tmp/pasted.md" >"$tmp/pasted.html" 2>"$tmp/err"
check "kept image: from the standard input too" grep -qF 'bulletin-image:0123456789abcdef' "$tmp/err"
check "kept image: its alt text in the page" grep -qF '[Chart]' "$tmp/pasted.html"
run --check "$tmp/pasted.md" >"$tmp/check.out" 2>"$tmp/err"
check "kept image: a finding" grep -qF 'pasted.md:3:1: link: The image “bulletin-image:0123456789abcdef” cannot be read' "$tmp/check.out"

# Issue 16: glossary packs. The health and care pack gives the check the
# sector's expansions, the general one its well-known abbreviations; the
# settings choose them, --glossary-packs overrides, and an imported
# office pack (in the user's data folder) is read too.
printf '# Update\n\nThe NHS and the ICB met the NTT on Tuesday.\n' >"$tmp/packs.md"
packs_run() {
  XDG_DATA_HOME="$tmp/packs-data" BULLETIN_DB="$tmp/packs-data/none.db" run --check "$@" "$tmp/packs.md"
}
packs_run >"$tmp/packs-all.out" 2>"$tmp/err"
check "packs: by default ICB's expansion is offered" grep -qF '“ICB” is not spelled out at its first use: write “integrated care board (ICB)”' "$tmp/packs-all.out"
check "packs: by default NHS is well known" sh -c "! grep -qF '“NHS”' '$tmp/packs-all.out'"
packs_run --glossary-packs=general >"$tmp/packs-general.out" 2>"$tmp/err"
check "packs: without the health pack ICB is unknown" grep -qF '“ICB” is not spelled out at its first use; spell it out, or add it to the glossary' "$tmp/packs-general.out"
check "packs: with the general pack NHS is still well known" sh -c "! grep -qF '“NHS”' '$tmp/packs-general.out'"
packs_run --glossary-packs= >"$tmp/packs-none.out" 2>"$tmp/err"
check "packs: with none NHS is flagged" grep -qF '“NHS” is not spelled out' "$tmp/packs-none.out"
mkdir -p "$tmp/packs-settings/glib-2.0/settings"
printf "[io/github/bulletin/Bulletin]\nglossary-packs=['general']\n" >"$tmp/packs-settings/glib-2.0/settings/keyfile"
GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/packs-settings" packs_run >"$tmp/packs-set.out" 2>"$tmp/err"
check "packs: the setting switches the health pack off" grep -qF '“ICB” is not spelled out at its first use; spell it out, or add it to the glossary' "$tmp/packs-set.out"
mkdir -p "$tmp/packs-data/io.github.bulletin.Bulletin/packs"
cp "$fixtures/packs/brookfield-office.ini" "$tmp/packs-data/io.github.bulletin.Bulletin/packs/"
packs_run --glossary-packs=general,health-and-care,brookfield-office >"$tmp/packs-office.out" 2>"$tmp/err"
check "packs: an imported office pack is read" grep -qF 'write “neighbourhood team tracker (NTT)”' "$tmp/packs-office.out"
check "packs: its ICB wins over the shipped one" grep -qF 'write “Brookfield integrated care board (ICB)”' "$tmp/packs-office.out"

tap_finish
