#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `bulletin --new-update [--after=LAST.md] [--calendar=FILE.ics]
# [--week-ending=YYYY-MM-DD]`: the Friday skeleton on the standard output,
# with no display. The clock is BULLETIN_TODAY=2026-11-20 (tests/meson.build)
# and TZ is London's, so the fixture calendar's times are the office's.
# Speaks TAP.

set -u
bulletin=$1
fixtures=$2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS LC_ALL=C.UTF-8 TZ=Europe/London \
    "$bulletin" "$@"
}

source "$(dirname "$0")/tap.sh"

calendar=$fixtures/diary-brookfield.ics
volunteers=$fixtures/weekly-update-volunteers.md

# 1. the template, for this week by the clock: Friday 20 November 2026
run --new-update >"$tmp/plain.md" 2>"$tmp/err"
check "template: exit 0" test $? -eq 0
check "template: this week's title" grep -qx '# Weekly update – week ending Friday 20 November 2026' "$tmp/plain.md"
check "template: the placeholder bullet" grep -qx -- '- The first event, with its day' "$tmp/plain.md"
check "template: the empty sender details are named" grep -qF '{{sender_name}} is left in the draft' "$tmp/err"

# 2. with the calendar: next week's events, Monday 23 to Sunday 29
# November, replace the placeholder; nothing else changes
run --new-update --calendar="$calendar" >"$tmp/diary.md" 2>/dev/null
check "calendar: exit 0" test $? -eq 0
printf '%s\n' \
  '- Monday 23 November: Leadership team' \
  '- Tuesday 24 November: Winter planning group' \
  '- Wednesday 25 November: Finance and performance committee, Room 2, County Hall' \
  '- Friday 27 November: Clinical safety group' >"$tmp/expected-bullets"
grep -- '^- ' "$tmp/diary.md" >"$tmp/bullets"
check "calendar: next week's bullets" cmp -s "$tmp/bullets" "$tmp/expected-bullets"
grep -vx -- '- The first event, with its day' "$tmp/plain.md" >"$tmp/plain-less"
grep -v -- '^- ' "$tmp/diary.md" >"$tmp/diary-less"
check "calendar: the rest as the template" cmp -s "$tmp/plain-less" "$tmp/diary-less"

# 3. another week, from the command line
run --new-update --calendar="$calendar" --week-ending=2026-12-04 >"$tmp/dec.md" 2>/dev/null
check "--week-ending: exit 0" test $? -eq 0
check "--week-ending: the title's week" grep -qx '# Weekly update – week ending Friday 4 December 2026' "$tmp/dec.md"
check "--week-ending: the week after's events" grep -qx -- '- Monday 7 December: Partnership Board, Leeds' "$tmp/dec.md"
check "--week-ending: eleven events" test "$(grep -c -- '^- ' "$tmp/dec.md")" -eq 11
check "--week-ending: nothing private" test "$(grep -cE 'Dentist|Recruitment|Rostering|Estates' "$tmp/dec.md")" -eq 0
# the checks take next week from the title, as the diary does: none of
# its dates is out of that week, nor a wrong weekday
run --check "$tmp/dec.md" >"$tmp/findings" 2>&1
check "--week-ending: the checks find no date to fix" test "$(grep -c ': date: ' "$tmp/findings")" -eq 0

# 4. last week's update carried forward, with the diary
run --new-update --after="$volunteers" --calendar="$calendar" --week-ending=2026-12-04 >"$tmp/after.md" 2>"$tmp/err"
check "--after: exit 0" test $? -eq 0
check "--after: last week's title kept" grep -qx '# Weekly update: thank you to our volunteers' "$tmp/after.md"
check "--after: last week's next-week items become tasks" \
  grep -qx -- '- \[ \] The partnership board meets on Monday 23 November to agree the plan for the cold months.' "$tmp/after.md"
check "--after: next week's diary under the heading" \
  sh -c "sed -n '/^## What’s happening next week?/,\$p' '$tmp/after.md' | grep -qx -- '- Friday 11 December: Carers Rights Day stall, Brookfield market'"
check "--after: no warning" test ! -s "$tmp/err"

# 5. bad input: exit 2, a message that says what, nothing on stdout
run --new-update --calendar="$tmp/no-such.ics" >"$tmp/out" 2>"$tmp/err"
check "missing calendar: exit 2" test $? -eq 2
check "missing calendar: says so" grep -qF 'no-such.ics” could not be found' "$tmp/err"
check "missing calendar: no output" test ! -s "$tmp/out"
run --new-update --calendar="$volunteers" >"$tmp/out" 2>"$tmp/err"
check "not a calendar: exit 2" test $? -eq 2
check "not a calendar: says so" grep -qF 'This file isn’t a calendar (.ics)' "$tmp/err"
check "not a calendar: no output" test ! -s "$tmp/out"
run --new-update --week-ending=2026-13-01 >"$tmp/out" 2>"$tmp/err"
check "bad date: exit 2" test $? -eq 2
check "bad date: says so" grep -qF '“2026-13-01” is not a date' "$tmp/err"
run --new-update --after="$tmp/no-such.md" >"$tmp/out" 2>"$tmp/err"
check "missing --after: exit 2" test $? -eq 2
check "missing --after: no output" test ! -s "$tmp/out"
run --new-update "$volunteers" >"$tmp/out" 2>"$tmp/err"
check "a file without --after: exit 2" test $? -eq 2
check "a file without --after: says how" grep -qF -- '--after=' "$tmp/err"

# 6. a calendar libical complains about: its complaints are not ours to
# print; with no event next week, the draft keeps its placeholder and a
# warning says why
printf 'BEGIN:VCALENDAR\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Board\nDTSTART:20261123T100000\nEND:VEVENT\nEND:VCALENDAR\n' >"$tmp/odd.ics"
run --new-update --calendar="$tmp/odd.ics" >"$tmp/out" 2>"$tmp/err"
check "odd calendar: exit 0" test $? -eq 0
check "odd calendar: the draft as the template" cmp -s "$tmp/out" "$tmp/plain.md"
check "odd calendar: nothing from libical on stderr" test "$(grep -c 'icalparser' "$tmp/err")" -eq 0
check "odd calendar: no events, it says" \
  grep -qF 'warning: the calendar has no events from Monday 23 November to Sunday 29 November' "$tmp/err"

# 7. its own help
run --new-update --help >"$tmp/help"
check "--help: exit 0" test $? -eq 0
for option in --after=LAST.md --calendar=FILE.ics --week-ending=YYYY-MM-DD; do
  check "--help: lists $option" grep -qF -- "$option" "$tmp/help"
done

tap_finish
