#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: the real Bulletin meets a bad drafts database.
#
#  1. garbage bytes where the database should be: the file is moved aside
#     byte for byte, a fresh database is made, the user is told, and
#     nothing else in the folder or the home folder is touched;
#  2. a real database cut in half: the same, and the app stays usable;
#  3. a data folder that cannot be written (a file where the folder
#     should be; chmod 0500 as well when not root): the app starts anyway,
#     keeps the typed text in the window and says so in a banner.
#
# Windows are found with xdotool, widgets read over AT-SPI. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"
session=
cleanup() {
  # only what this script started: the script on the private bus, the
  # app it is running (each records its pid), and the bus session
  local p
  for f in inner.pid app.pid; do
    p=$(cat "$tmp/$f" 2>/dev/null) && [ -n "$p" ] && kill -KILL "$p" 2>/dev/null
  done
  [ -n "$session" ] && kill "$session" 2>/dev/null
  wait 2>/dev/null
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 1' TERM INT HUP

# The chmod variant only means something without root (root writes
# through 0500), so it is planned only then: a skip would hide nothing.
if [ "$(id -u)" != 0 ]; then echo "1..22"; else echo "1..18"; fi

# TAP goes to fd 3: services the bus starts (the accessibility registry)
# chatter on stdout.
dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER' &
. "$1"
bulletin=$2
echo $$ >"$tmp/inner.pid"
heading="Drafts Database Was Damaged"
banner="Your text is safe in this window"

start() {   # start LOG: sets $pid
  "$bulletin" >"$1" 2>&1 &
  pid=$!
  echo "$pid" >"$tmp/app.pid"
}

stop() {   # also reaps an app that has quit by itself
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -f "$tmp/app.pid"
}

alive() {
  kill -0 "$pid" 2>/dev/null
}

no_window() {   # no_window NAME-REGEX: $pid shows no such window
  ! window_id "$1" >/dev/null
}

integrity_ok() {
  [ "$(sqlite3 "$1" "PRAGMA integrity_check" 2>&1)" = "ok" ]
}

use_data_home() {
  export XDG_DATA_HOME=$1
  dir=$XDG_DATA_HOME/io.github.bulletin.Bulletin
  db=$dir/bulletin.db
}

# ---------------------------------------------------------------------
# 1. garbage where the database should be

use_data_home "$tmp/garbage"
mkdir -p "$dir"
head -c 16384 /dev/urandom >"$db"
cp "$db" "$tmp/garbage.bytes"
printf '# Update\n\nThe figures are in.\n' >"$HOME/update.md"
cp "$HOME/update.md" "$dir/update.md"
cp "$HOME/update.md" "$tmp/update.md.orig"

start "$tmp/garbage.log"
if win=$(find_window 'Bulletin$'); then
  ok "garbage database: a window appears"
else
  not_ok "garbage database: a window appears"
  diag "$tmp/garbage.log"
fi

if dialog=$(find_window "^$heading\$"); then
  ok "garbage database: a window titled '$heading' is shown"
else
  not_ok "garbage database: a window titled '$heading' is shown"
  diag "$tmp/garbage.log"
fi

aside=$(ls -d "$db".damaged-* 2>/dev/null)
if wait_until "$patience" atspi find label "$heading" >/dev/null &&
   body=$(wait_until "$patience" atspi find label "${aside##*/}") && [ -n "$aside" ]; then
  ok "garbage database: over AT-SPI the dialog reads '$heading' and names the kept file"
else
  not_ok "garbage database: over AT-SPI the dialog reads '$heading' and names the kept file"
fi

if [ "$(echo "$aside" | grep -c .)" = 1 ] && [ -f "$aside" ] &&
   [[ ${aside##*/} =~ ^bulletin\.db\.damaged-[0-9]{8}-[0-9]{6}$ ]] &&
   cmp -s "$aside" "$tmp/garbage.bytes"; then
  ok "garbage database: moved aside as ${aside##*/}, byte for byte"
else
  not_ok "garbage database: moved aside as bulletin.db.damaged-*, byte for byte"
  ls -la "$dir" | diag
fi

if [ -f "$db" ] && integrity_ok "$db"; then
  ok "garbage database: a fresh database passes PRAGMA integrity_check"
else
  not_ok "garbage database: a fresh database passes PRAGMA integrity_check"
  sqlite3 "$db" "PRAGMA integrity_check" 2>&1 | diag
fi

if cmp -s "$HOME/update.md" "$tmp/update.md.orig" && cmp -s "$dir/update.md" "$tmp/update.md.orig"; then
  ok "garbage database: Markdown files next to it and in the home folder are untouched"
else
  not_ok "garbage database: Markdown files next to it and in the home folder are untouched"
fi

check "garbage database: the app is still running" alive
stop

# ---------------------------------------------------------------------
# 2. a real database, cut in half

use_data_home "$tmp/truncated"
words="Quarterly numbers are ready for review"
more="Next week we ship the second milestone"

start "$tmp/truncated-1.log"
if win=$(find_window 'Bulletin$'); then
  type_into "$win" "$words" || echo "# the typed text is not in the editor" >&3
  # the autosave, 2 s after the first keystroke
  wait_until "$patience" db_has "$words" || echo "# the typed text was not autosaved" >&3
  xdotool key ctrl+q
  wait_until "$patience" gone || echo "# ctrl+q did not quit; killing" >&3
  stop
fi
if [ -f "$db" ] && [ ! -s "$db-wal" ] && db_has "$words"; then
  ok "truncated database: a first run leaves a checkpointed database holding the draft"
else
  not_ok "truncated database: a first run leaves a checkpointed database holding the draft"
  ls -la "$dir" 2>&1 | diag
  diag "$tmp/truncated-1.log"
fi

size=$(stat -c %s "$db" 2>/dev/null || echo 0)
truncate -s $((size / 2)) "$db" 2>/dev/null
rm -f "$db-wal" "$db-shm"
cp "$db" "$tmp/truncated.bytes" 2>/dev/null
echo "# database of $size bytes cut to $((size / 2))" >&3

start "$tmp/truncated-2.log"
if win=$(find_window 'Bulletin$'); then
  ok "truncated database: a window appears"
else
  not_ok "truncated database: a window appears"
  diag "$tmp/truncated-2.log"
fi

if find_window "^$heading\$" >/dev/null && wait_until "$patience" atspi find label "$heading" >/dev/null; then
  ok "truncated database: the user is told ('$heading')"
  wait_until 2 atspi find label "nothing was deleted" | diag
else
  not_ok "truncated database: the user is told ('$heading')"
  diag "$tmp/truncated-2.log"
fi

aside=$(ls -d "$db".damaged-* 2>/dev/null)
if [ "$(echo "$aside" | grep -c .)" = 1 ] && cmp -s "$aside" "$tmp/truncated.bytes"; then
  ok "truncated database: moved aside as ${aside##*/}, byte for byte"
else
  not_ok "truncated database: moved aside as bulletin.db.damaged-*, byte for byte"
  ls -la "$dir" | diag
fi

# dismiss the dialog, then write something new
wait_until "$patience" atspi click OK >/dev/null ||
  xdotool key --window "$(find_window "^$heading\$")" Return 2>/dev/null
wait_until "$patience" no_window "^$heading\$" || echo "# the dialog stayed" >&3
win=$(find_window 'Bulletin$') && type_into "$win" "$more"
# the autosave: after it, a banner would be showing if it had failed
wait_until "$patience" db_has "$more"
if db_has "$more" && integrity_ok "$db"; then
  ok "truncated database: text typed afterwards is autosaved to the fresh database"
else
  not_ok "truncated database: text typed afterwards is autosaved to the fresh database"
  sqlite3 "$db" "SELECT id, current_text FROM drafts" 2>&1 | diag
  diag "$tmp/truncated-2.log"
fi
if ! atspi find label "$banner" >/dev/null; then
  ok "truncated database: no banner about saving drafts is shown"
else
  not_ok "truncated database: no banner about saving drafts is shown"
  diag "$tmp/truncated-2.log"
fi
stop

# ---------------------------------------------------------------------
# 3. a data folder that cannot be written

unwritable() {   # unwritable NAME: after $dir has been made unwritable
  local name=$1
  local text="Status report for the steering group $name"

  start "$tmp/$name.log"
  if win=$(find_window 'Bulletin$'); then
    ok "$name: a window appears"
    type_into "$win" "$text"
  else
    not_ok "$name: a window appears"
    diag "$tmp/$name.log"
  fi

  # the first autosave is 2 s after typing starts
  if said=$(wait_until "$patience" atspi find label "$banner"); then
    ok "$name: a banner says '$said'"
  else
    not_ok "$name: a banner says '$banner...'"
    diag "$tmp/$name.log"
  fi

  check "$name: the typed text is still in the editor (AT-SPI)" \
    wait_until "$patience" editor_has "$text"
  check "$name: the app is still running" alive
  stop
}

use_data_home "$tmp/not-a-folder"
mkdir -p "$XDG_DATA_HOME"
printf 'not a folder\n' >"$dir"
unwritable "data folder is a file"
if [ -f "$dir" ] && [ "$(cat "$dir")" = "not a folder" ]; then
  ok "data folder is a file: the file in its place is untouched"
else
  not_ok "data folder is a file: the file in its place is untouched"
fi

if [ "$(id -u)" != 0 ]; then
  use_data_home "$tmp/read-only"
  mkdir -p "$dir"
  chmod 0500 "$dir"
  unwritable "data folder is read-only"
  chmod 0700 "$dir"
fi
exit 0
INNER
session=$!
wait "$session"
session=
rm -f "$tmp/inner.pid"
exit 0
