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

. "$(dirname "$0")/wait-until.sh"

tmp=$(mktemp -d)
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

export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset BULLETIN_DB
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas GSK_RENDERER=cairo
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1

# Looks for a node of the running bulletin (by pid) over AT-SPI, polling
# until it turns up or the time is over.
#   find ROLE NEEDLE SECONDS   a node of ROLE ('*': any) on screen whose name
#                              or text contains NEEDLE; prints its text
#   click NEEDLE SECONDS       activates the push button named NEEDLE
# Exits 0 when found, 1 when not, 3 without pyatspi.
cat >"$tmp/atspi.py" <<'PY'
import os
import sys
import time

try:
    import pyatspi
except ImportError:
    sys.exit(3)

pid = int(sys.argv[1])
mode = sys.argv[2]
if mode == "find":
    role, needle, seconds = sys.argv[3], sys.argv[4], float(sys.argv[5])
else:
    role, needle, seconds = "push button", sys.argv[3], float(sys.argv[4])


def texts(node):
    out = [node.name or ""]
    try:
        out.append(node.queryText().getText(0, -1) or "")
    except Exception:
        pass
    return out


def shown(node):
    # GTK 4.8 sets no SHOWING state, but a widget that is hidden, or inside
    # a closed revealer (the banner), gets an empty allocation
    while node is not None:
        try:
            e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except Exception:
            return False
        if e.width <= 0 or e.height <= 0:
            return False
        if node.getRoleName() in ("frame", "dialog", "alert", "window"):
            return True
        node = node.parent
    return False


def walk(node, depth=0):
    if node is None or depth > 60:
        return None
    try:
        if role == "*" or node.getRoleName() == role:
            for s in texts(node):
                if ((mode == "find" and needle in s) or
                        (mode == "click" and s.replace("_", "").startswith(needle))) and shown(node):
                    return node, s
        for i in range(node.childCount):
            r = walk(node.getChildAtIndex(i), depth + 1)
            if r:
                return r
    except Exception:
        pass
    return None


def search():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is None or app.name != "bulletin" or app.get_process_id() != pid:
                continue
        except Exception:
            continue
        r = walk(app)
        if r:
            return r
    return None


deadline = time.monotonic() + seconds
while True:
    r = search()
    if r:
        node, s = r
        if mode == "click":
            action = node.queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ("click", "activate", "press"):
                    action.doAction(i)
                    break
            else:
                action.doAction(0)
        print(s)
        sys.exit(0)
    if time.monotonic() >= deadline:
        sys.exit(1)
    time.sleep(float(os.environ.get("poll", "0.2")))
PY

# The chmod variant only means something without root (root writes
# through 0500), so it is planned only then: a skip would hide nothing.
if [ "$(id -u)" != 0 ]; then echo "1..22"; else echo "1..18"; fi

# TAP goes to fd 3: services the bus starts (the accessibility registry)
# chatter on stdout.
dbus-run-session -- bash -s "$bulletin" "$tmp" 3>&1 1>&2 <<'INNER' &
bulletin=$1
tmp=$2
echo $$ >"$tmp/inner.pid"
n=0
heading="Drafts Database Was Damaged"
banner="Your text is safe in this window"

ok() {
  n=$((n + 1))
  echo "ok $n $1" >&3
}
not_ok() {
  n=$((n + 1))
  echo "not ok $n $1" >&3
}
check() {   # check "description" command...
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
diag() {
  sed 's/^/# /' "$@" >&3
}

atspi() {
  /usr/bin/python3 "$tmp/atspi.py" "$pid" "$@" 2>/dev/null
}
atspi_quiet() {
  atspi "$@" >/dev/null
}

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

gone() {
  ! alive
}

window_id() {   # window_id NAME-REGEX: prints a visible window of $pid
  local id
  id=$(xdotool search --all --onlyvisible --pid "$pid" --name "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] && echo "$id"
}

no_window() {   # no_window NAME-REGEX: $pid shows no such window
  ! window_id "$1" >/dev/null
}

find_window() {   # find_window NAME-REGEX
  wait_until "$patience" window_id "$1"
}

# Click into the editor (left half of the window) and type, then wait
# until the editor holds the text (read over AT-SPI). Without a window
# manager the keyboard follows the pointer. `mousemove --sync` waits for
# a motion event, which never comes when the pointer is already there: go
# somewhere else first. A fresh X server sometimes drops the first
# synthetic keystrokes: keys arrive in order, so once the last word is
# in, whatever is missing was dropped, and it is typed again rather than
# failing on the input tool.
type_into() {   # type_into WINDOW TEXT
  local X Y WIDTH HEIGHT SCREEN WINDOW attempt
  eval "$(xdotool getwindowgeometry --shell "$1")"
  for attempt in 1 2 3; do
    # With no window manager every window sits at 0,0: put ours on top and
    # give it the keyboard, or keys go to whatever window is under the pointer.
    xdotool windowraise "$1" windowfocus "$1" 2>/dev/null
    xdotool mousemove 1279 799
    timeout "$patience" xdotool mousemove --sync $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) click 1
    xdotool keyup ctrl shift alt 2>/dev/null
    xdotool key --clearmodifiers ctrl+End
    xdotool type --clearmodifiers --delay 15 -- "$2"
    atspi_quiet find text "${2##* }" "$patience" || return 1
    atspi_quiet find text "$2" 0 && return 0
    echo "# the typed text did not all arrive; typing it again" >&3
  done
  return 1
}

db_has() {   # db_has DB TEXT
  sqlite3 "$1" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$2"
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
if atspi find label "$heading" "$patience" >/dev/null &&
   body=$(atspi find label "${aside##*/}" "$patience") && [ -n "$aside" ]; then
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
  wait_until "$patience" db_has "$db" "$words" || echo "# the typed text was not autosaved" >&3
  xdotool key ctrl+q
  wait_until "$patience" gone || echo "# ctrl+q did not quit; killing" >&3
  stop
fi
if [ -f "$db" ] && [ ! -s "$db-wal" ] && db_has "$db" "$words"; then
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

if find_window "^$heading\$" >/dev/null && atspi find label "$heading" "$patience" >/dev/null; then
  ok "truncated database: the user is told ('$heading')"
  atspi find label "nothing was deleted" 2 | sed 's/^/# /' >&3
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
atspi click OK "$patience" >/dev/null ||
  xdotool key --window "$(find_window "^$heading\$")" Return 2>/dev/null
wait_until "$patience" no_window "^$heading\$" || echo "# the dialog stayed" >&3
win=$(find_window 'Bulletin$') && type_into "$win" "$more"
# the autosave: after it, a banner would be showing if it had failed
wait_until "$patience" db_has "$db" "$more"
if db_has "$db" "$more" && integrity_ok "$db"; then
  ok "truncated database: text typed afterwards is autosaved to the fresh database"
else
  not_ok "truncated database: text typed afterwards is autosaved to the fresh database"
  sqlite3 "$db" "SELECT id, current_text FROM drafts" 2>&1 | diag
  diag "$tmp/truncated-2.log"
fi
if ! atspi find label "$banner" 0 >/dev/null; then
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
  if said=$(atspi find label "$banner" "$patience"); then
    ok "$name: a banner says '$said'"
  else
    not_ok "$name: a banner says '$banner...'"
    diag "$tmp/$name.log"
  fi

  check "$name: the typed text is still in the editor (AT-SPI)" \
    atspi_quiet find text "$text" "$patience"
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
