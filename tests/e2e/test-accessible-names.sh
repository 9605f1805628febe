#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, with the real binary on its own D-Bus session: every button,
# toggle, menu button and entry on screen, in the window with each of its
# panels, in Preferences and in History, has a name a screen reader can
# say, once and without a mnemonic's underscore (GTK 4.8 otherwise names
# an icon-only button after its class, "GtkImage"), and so has every row
# of the lists they show, the drafts, the sections, the findings and the
# versions (GTK 4.8 gives a list's row no name of its own). Read over
# AT-SPI. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp" 2>/dev/null || true
}
trap cleanup EXIT

printf '# Weekly update\n\nHello, and welcome to this week’s update.\n\nHave a good weekend\n' >"$tmp/update.md"
export walker=$(cd "$(dirname "$0")" && pwd)/accessible-names.py

echo "1..10"

dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2

names() {   # names FILE [LIST...]: the walker's report, once Bulletin is in
            # the tree and each LIST (a list's name) has rows on screen
  local file=$1
  shift
  /usr/bin/python3 "$walker" "$pid" "$@" >"$file" 2>/dev/null
}

# all_named FILE: the report counts more than MIN controls and rows and
# names no control or row without a name (its first line is the count)
all_named() {
  local _c controls _r rows
  read -r _c controls _r rows <"$1" && [ "$controls" -gt 10 ] && [ "$rows" -gt 0 ] &&
    [ "$(wc -l <"$1")" -eq 1 ]
}

GTK_A11Y=atspi "$bulletin" "$tmp/update.md" >"$tmp/app.log" 2>&1 &
pid=$!

if win=$(find_window '^update\.md – Bulletin$'); then
  ok "Bulletin shows update.md"
else
  not_ok "Bulletin shows update.md"
  diag "$tmp/app.log"
fi

# Each panel with a list, open in turn, its rows on screen: a narrow
# window shows one sidebar at a time. The first click also waits for
# the accessibility registry, which the first AT-SPI client starts.
# panel BUTTON LIST FILE WHAT
panel() {
  if wait_until "$patience" atspi click "$1" >/dev/null &&
     wait_until "$patience" names "$3" "$2" && all_named "$3"; then
    read -r _ n _ rows <"$3"
    ok "with $4 open, every one of the window's $n controls and $rows rows has a name"
  else
    not_ok "with $4 open, every control and row of the window has a name"
    diag "$3"
  fi
}
panel Drafts Drafts "$tmp/drafts.txt" "the drafts"
panel "Section Library" Sections "$tmp/library.txt" "the section library"
panel Checks Findings "$tmp/checks.txt" "the checks"

# the checks button says what the checks found, as its tooltip does,
# not what they found when the window opened
if wait_until "$patience" atspi find "push button" "Checks: 2 findings" >/dev/null; then
  ok "the checks button is named after the findings"
else
  not_ok "the checks button is named after the findings"
  atspi find "push button" "Checks:" | diag
fi

# and named after what they show, as a screen reader should say them
/usr/bin/python3 "$walker" --rows "$pid" >"$tmp/rows.txt" 2>/dev/null
if grep -q '^row Weekly update, edited Today 09:00, 13 words$' "$tmp/rows.txt" &&
   grep -q '^row Have a good weekend, in Sign-offs$' "$tmp/rows.txt" &&
   grep -q '^row Line 5: The weekly template’s .* section is missing (Structure)$' "$tmp/rows.txt" &&
   grep -q '^in row: Draft Menu: Weekly update, edited Today 09:00, 13 words$' "$tmp/rows.txt"; then
  ok "a draft's, a section's and a finding's row are named after what they show, and so is a row's menu described"
else
  not_ok "a draft's, a section's and a finding's row are named after what they show, and so is a row's menu described"
  diag "$tmp/rows.txt"
fi

# Preferences, from the keyboard
type_keys "$win" "" 2>/dev/null
xdotool key --clearmodifiers ctrl+comma
if find_window '^Preferences$' >/dev/null; then
  ok "Preferences opened"
else
  not_ok "Preferences opened"
fi

if names "$tmp/preferences.txt" && [ "$(wc -l <"$tmp/preferences.txt")" -eq 1 ]; then
  read -r _ n _ rows <"$tmp/preferences.txt"
  ok "every one of the $n controls and $rows rows of the window and Preferences has a name"
else
  not_ok "every control and row of the window and Preferences has a name"
  diag "$tmp/preferences.txt"
fi

# the draft's history, with the version opening the file kept
xdotool key --clearmodifiers Escape
type_keys "$win" "" 2>/dev/null
xdotool key --clearmodifiers shift+ctrl+h
if find_window '^History$' >/dev/null; then
  ok "History opened"
else
  not_ok "History opened"
fi

if wait_until "$patience" names "$tmp/history.txt" Versions && all_named "$tmp/history.txt"; then
  read -r _ n _ rows <"$tmp/history.txt"
  ok "every one of the $n controls and $rows rows of the windows and History has a name"
else
  not_ok "every control and row of the windows and History has a name"
  diag "$tmp/history.txt"
fi
INNER
