#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: a draft that was open when Bulletin crashed twice in a row
# (kill -9 stands in for the crash) comes back the third time without
# the preview and the checks, and says so; before, a draft that crashed
# Bulletin was reopened into the same crash at every start. Leaving
# cleanly (SIGTERM, as at logout) is not a crash. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"

echo "1..7"

dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2
words="Nested lists for the facilities rota"
banner="closed unexpectedly twice"

not_shown() {
  ! atspi find label "$1" >/dev/null
}

crashes() {
  sqlite3 "$db" "SELECT coalesce(max(crashes), 0) FROM draft_owners" 2>/dev/null
}

# start N: runs Bulletin, logging to runN.log, and waits for its window
start() {
  "$bulletin" >"$tmp/run$1.log" 2>&1 &
  pid=$!
  win=$(find_window 'Bulletin$')
}

crash() {
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
}

# 1: type, autosave, crash
start 1 || echo "# no window at the first start" >&3
type_into "$win" "$words" || echo "# the typed text is not in the editor" >&3
wait_until "$patience" db_has "$words" || echo "# the typed text was not autosaved" >&3
crash

# 2: recovered as usual after one crash, then crashes again
start 2 || echo "# no window at the second start" >&3
if wait_until "$patience" editor_has "$words" && not_shown "$banner"; then
  ok "after one crash the draft comes back as usual"
else
  not_ok "after one crash the draft comes back as usual"
  diag "$tmp/run2.log"
fi
crash

# 3: open through two crashes: safe mode
start 3 || echo "# no window at the third start" >&3
if wait_until "$patience" editor_has "$words"; then
  ok "after the second crash the draft still comes back"
else
  not_ok "after the second crash the draft still comes back"
fi
if wait_until "$patience" atspi find label "$banner" >/dev/null; then
  ok "its window says it is open without preview and checks"
else
  not_ok "its window says it is open without preview and checks"
  diag "$tmp/run3.log"
fi
n=$(crashes)
if [ "$n" = "2" ]; then
  ok "the database counts two crashes with the draft open"
else
  not_ok "the database counts two crashes with the draft open (found '$n')"
fi
if atspi click "Turn Them Back On" >/dev/null && wait_until "$patience" not_shown "$banner"; then
  ok "Turn Them Back On takes the banner away"
else
  not_ok "Turn Them Back On takes the banner away"
fi

# a clean exit (SIGTERM, as at logout) keeps the draft open for next
# time, but is no crash
kill -TERM "$pid"
wait_until "$patience" gone "$pid" || { echo "# SIGTERM did not end it; killing" >&3; crash; }
start 4 || echo "# no window at the fourth start" >&3
if wait_until "$patience" editor_has "$words" && not_shown "$banner" && [ "$(crashes)" = "0" ]; then
  ok "after leaving cleanly the draft comes back as usual, the count reset"
else
  not_ok "after leaving cleanly the draft comes back as usual, the count reset (count '$(crashes)')"
fi

# closing it: nothing left open, nothing counted
xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
xdotool key --clearmodifiers ctrl+q
wait_until "$patience" gone "$pid" || { echo "# ctrl+q did not quit; killing" >&3; crash; }
open=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM drafts WHERE owner_pid != 0) + (SELECT count(*) FROM draft_owners)" 2>/dev/null)
if [ "$open" = "0" ]; then
  ok "after a clean quit no draft is open or counted"
else
  not_ok "after a clean quit no draft is open or counted (found '$open')"
fi
exit 0
INNER
exit 0
