#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: Bulletin started on a write-protected drafts database. It
# says the file (not the folder) can't be written to; once the file can
# be written again, Try Again saves what was typed meanwhile, autosave
# goes on, and the words survive kill -9. Before, SQLite opened the file
# read-only without a word and the connection stayed so: nothing typed in
# that session was ever saved. CI runs as root, whom chmod does not stop,
# so the write protection comes from tests/fault-inject.c. Speaks TAP.

set -u
bulletin=$1
schemas=$2
shim=$3

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"

echo "1..6"

dbus-run-session -- bash -s "$e2e_lib" "$bulletin" "$shim" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2
shim=$3
words="Typed while the database was locked"
more="and after it"

# a first start makes the database; a clean quit leaves it closed
"$bulletin" >"$tmp/run1.log" 2>&1 &
pid=$!
win=$(find_window 'Bulletin$') && xdotool windowraise "$win" windowfocus "$win" key --clearmodifiers ctrl+q
wait_until "$patience" gone "$pid" || kill -9 "$pid"
wait "$pid" 2>/dev/null

# the file turns write-protected
touch "$db.read-only"
LD_PRELOAD=$shim BULLETIN_FAULT_READ_ONLY=$db "$bulletin" >"$tmp/run2.log" 2>&1 &
pid=$!
if win=$(find_window 'Bulletin$'); then
  ok "Bulletin starts on a write-protected database"
else
  not_ok "Bulletin starts on a write-protected database"
  diag "$tmp/run2.log"
fi
type_into "${win:-0}" "$words" || echo "# the typed text is not in the editor" >&3

label=$(wait_until "$patience" atspi find label "Your text is safe in this window")
case "$label" in
  *"drafts database ~/data/io.github.bulletin.Bulletin/bulletin.db can’t be written to"*)
    ok "the banner names the database file" ;;
  *)
    not_ok "the banner names the database file (it says '$label')" ;;
esac
case "$label" in
  *folder*) not_ok "the banner does not blame the folder" ;;
  *) ok "the banner does not blame the folder" ;;
esac

# the file can be written again: Try Again saves what was typed
rm -f "$db.read-only"
atspi click "Try Again" >/dev/null || echo "# no Try Again button to press" >&3
if wait_until "$patience" db_has "$words"; then
  ok "after Try Again the words typed meanwhile are in the database"
else
  not_ok "after Try Again the words typed meanwhile are in the database"
  diag "$tmp/run2.log"
fi

type_into "${win:-0}" " $more" || echo "# the typed text is not in the editor" >&3
if wait_until "$patience" db_has "$more"; then
  ok "autosave goes on after that"
else
  not_ok "autosave goes on after that"
fi

kill -9 "$pid"
wait "$pid" 2>/dev/null
if db_has "$words" && db_has "$more"; then
  ok "after kill -9 that session's text is in the database"
else
  not_ok "after kill -9 that session's text is in the database"
fi
exit 0
INNER
exit 0
