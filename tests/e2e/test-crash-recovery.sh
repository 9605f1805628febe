#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: type into the real Bulletin with xdotool, wait for the
# autosave to write the words, kill -9 it, start it again and find the
# words. Then the same after a clean close, which must not "recover"
# anything. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"

echo "1..7"

dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2
words="Directors of Finance will meet on Wednesday"

"$bulletin" >"$tmp/run1.log" 2>&1 &
pid=$!
win=$(find_window 'Untitled – Bulletin') || { not_ok "first start shows a window"; kill -9 "$pid"; exit 0; }
ok "first start shows a window"

type_into "$win" "$words" || echo "# the typed text is not in the editor" >&3
# the autosave (2 s after the first keystroke) has written it
wait_until "$patience" db_has "$words" || echo "# the typed text was not autosaved" >&3

kill -9 "$pid"
wait "$pid" 2>/dev/null

if [ -f "$db" ]; then
  ok "the draft database exists after SIGKILL"
else
  not_ok "the draft database exists after SIGKILL"
fi

"$bulletin" >"$tmp/run2.log" 2>&1 &
pid=$!
if win=$(find_window 'Bulletin$'); then
  # read the editor's text back over AT-SPI, once the draft is loaded
  wait_until "$patience" editor_has "$words"
  rc=$?
  if [ $rc -eq 0 ]; then
    ok "after restart the window shows the typed words (read over AT-SPI)"
  else
    not_ok "after restart the window shows the typed words (AT-SPI rc $rc)"
    diag "$tmp/run2.log"
  fi
else
  not_ok "after restart a window appears"
fi

if db_has "$words"; then
  ok "the database holds the typed words"
else
  not_ok "the database holds the typed words"
fi

# a clean close: nothing to recover next time
win=$(find_window 'Bulletin$')
xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
xdotool key --clearmodifiers ctrl+q
wait_until "$patience" gone "$pid" || echo "# ctrl+q did not quit; killing" >&3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
open=$(sqlite3 "$db" "SELECT count(*) FROM drafts WHERE owner_pid != 0" 2>/dev/null)
if [ "$open" = "0" ]; then
  ok "after a clean quit no draft is marked open"
else
  not_ok "after a clean quit no draft is marked open (found '$open')"
fi

# SIGTERM (logout, `kill`) right after typing, before the autosave timer:
# the words are written on the way out. The signal goes once the editor
# holds them (read over AT-SPI), not while keys may still be queued.
"$bulletin" >"$tmp/run3.log" 2>&1 &
pid=$!
late="Sent to staff before the weekend"
if win=$(find_window 'Bulletin$'); then
  type_into "$win" " $late" || echo "# the typed text is not in the editor" >&3
  # on a slow machine the 2 s autosave may win the race; say so
  db_has "$late" && echo "# the autosave had written the words before the signal" >&3
  kill -TERM "$pid"
  wait_until "$patience" gone "$pid" || echo "# SIGTERM did not end it; killing" >&3
fi
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if db_has "$late"; then
  ok "text typed just before SIGTERM is in the database"
else
  not_ok "text typed just before SIGTERM is in the database"
  diag "$tmp/run3.log"
fi

# the first run filled the section library with the shipped sections
n=$(sqlite3 "$db" "SELECT count(*) FROM sections WHERE deleted_at IS NULL" 2>/dev/null)
if [ "${n:-0}" -ge 7 ]; then
  ok "the first start loaded the default section library ($n sections)"
else
  not_ok "the first start loaded the default section library (found '$n')"
fi
exit 0
INNER
exit 0
