#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, with the real binary on its own D-Bus session: every button,
# toggle and menu button on screen, in the window with its panels and in
# Preferences, has a name a screen reader can say (GTK 4.8 otherwise names
# an icon-only button after its class, "GtkImage"). Read over AT-SPI.
# Speaks TAP.

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

echo "1..4"

dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2

names() {   # names FILE: the walker's report, once Bulletin is in the tree
  /usr/bin/python3 "$walker" "$pid" >"$1" 2>/dev/null
}

GTK_A11Y=atspi "$bulletin" "$tmp/update.md" >"$tmp/app.log" 2>&1 &
pid=$!

if win=$(find_window '^update\.md – Bulletin$'); then
  ok "Bulletin shows update.md"
else
  not_ok "Bulletin shows update.md"
  diag "$tmp/app.log"
fi

# the panels are in the tree when open: open the three of them
for button in Drafts "Section Library" "Checks"; do
  atspi click "$button" >/dev/null
done

if wait_until "$patience" names "$tmp/window.txt" && read -r _ n <"$tmp/window.txt" && [ "$n" -gt 10 ] &&
   [ "$(wc -l <"$tmp/window.txt")" -eq 1 ]; then
  ok "every one of the window's $n controls has a name"
else
  not_ok "every control of the window has a name"
  diag "$tmp/window.txt"
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
  read -r _ n <"$tmp/preferences.txt"
  ok "every one of the $n controls of the window and Preferences has a name"
else
  not_ok "every control of the window and Preferences has a name"
  diag "$tmp/preferences.txt"
fi
INNER
