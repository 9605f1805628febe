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

. "$(dirname "$0")/wait-until.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT

export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas GSK_RENDERER=cairo
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1

echo "1..7"

dbus-run-session -- bash -s "$bulletin" "$tmp" 3>&1 1>&2 <<'INNER'
bulletin=$1
tmp=$2
db=$XDG_DATA_HOME/io.github.bulletin.Bulletin/bulletin.db
words="Directors of Finance will meet on Wednesday"

window_id() {   # window_id NAME-REGEX: prints a visible window's id
  local id
  id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] && echo "$id"
}

find_window() {
  wait_until "$patience" window_id "$1"
}

db_has() {
  sqlite3 "$db" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$1"
}

gone() {
  ! kill -0 "$1" 2>/dev/null
}

# editor_has TEXT: the editor of the running Bulletin holds TEXT, read
# over AT-SPI (exits 3 without pyatspi)
editor_has() {
  /usr/bin/python3 - "$1" <<'PY' 2>/dev/null
import sys
try:
    import pyatspi
except ImportError:
    sys.exit(3)
desktop = pyatspi.Registry.getDesktop(0)
for app in desktop:
    if app is None or app.name != "bulletin":
        continue
    def walk(node, depth=0):
        if depth > 40 or node is None:
            return None
        try:
            if node.getRoleName() == "text":
                t = node.queryText()
                s = t.getText(0, -1)
                if sys.argv[1] in s:
                    return s
        except Exception:
            pass
        for i in range(node.childCount):
            r = walk(node.getChildAtIndex(i), depth + 1)
            if r:
                return r
        return None
    r = walk(app)
    if r:
        print(r)
        sys.exit(0)
sys.exit(1)
PY
}

# type_into X Y TEXT: clicks into the editor at X,Y and types TEXT at
# the end of its text, then waits until the editor holds it. A fresh X
# server sometimes drops the first synthetic keystrokes: keys arrive in
# order, so once the last word is in, whatever is missing was dropped, and
# it is typed again rather than failing on the input tool.
type_into() {
  local last=${3##* }
  local attempt
  for attempt in 1 2 3; do
    # `mousemove --sync` waits for the pointer to move: start elsewhere
    xdotool mousemove 5 5
    timeout "$patience" xdotool mousemove --sync "$1" "$2" click 1
    xdotool keyup ctrl shift alt 2>/dev/null
    xdotool key --clearmodifiers ctrl+End
    xdotool type --clearmodifiers --delay 15 -- "$3"
    wait_until "$patience" editor_has "$last" >/dev/null || return 1
    editor_has "$3" >/dev/null && return 0
    echo "# the typed text did not all arrive; typing it again" >&3
  done
  return 1
}

"$bulletin" >"$tmp/run1.log" 2>&1 &
pid=$!
win=$(find_window 'Untitled – Bulletin') || { echo "not ok 1 first start shows a window" >&3; kill -9 "$pid"; exit 0; }
echo "ok 1 first start shows a window" >&3

# click into the editor (left half of the window) and type
eval "$(xdotool getwindowgeometry --shell "$win")"
# no window manager: raise and focus our window, or keys may go elsewhere
xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
type_into $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) "$words" ||
  echo "# the typed text is not in the editor" >&3
# the autosave (2 s after the first keystroke) has written it
wait_until "$patience" db_has "$words" || echo "# the typed text was not autosaved" >&3

kill -9 "$pid"
wait "$pid" 2>/dev/null

if [ -f "$db" ]; then
  echo "ok 2 the draft database exists after SIGKILL" >&3
else
  echo "not ok 2 the draft database exists after SIGKILL" >&3
fi

"$bulletin" >"$tmp/run2.log" 2>&1 &
pid=$!
if win=$(find_window 'Bulletin$'); then
  # read the editor's text back over AT-SPI, once the draft is loaded
  wait_until "$patience" editor_has "$words" >/dev/null
  rc=$?
  if [ $rc -eq 0 ]; then
    echo "ok 3 after restart the window shows the typed words (read over AT-SPI)" >&3
  else
    echo "not ok 3 after restart the window shows the typed words (AT-SPI rc $rc)" >&3
    sed 's/^/# /' "$tmp/run2.log" >&3
  fi
else
  echo "not ok 3 after restart a window appears" >&3
fi

if sqlite3 "$db" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$words"; then
  echo "ok 4 the database holds the typed words" >&3
else
  echo "not ok 4 the database holds the typed words" >&3
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
  echo "ok 5 after a clean quit no draft is marked open" >&3
else
  echo "not ok 5 after a clean quit no draft is marked open (found '$open')" >&3
fi

# SIGTERM (logout, `kill`) right after typing, before the autosave timer:
# the words are written on the way out. The signal goes once the editor
# holds them (read over AT-SPI), not while keys may still be queued.
"$bulletin" >"$tmp/run3.log" 2>&1 &
pid=$!
late="Sent to staff before the weekend"
if win=$(find_window 'Bulletin$'); then
  eval "$(xdotool getwindowgeometry --shell "$win")"
  xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
  type_into $((X + WIDTH / 4)) $((Y + HEIGHT * 3 / 4)) " $late" ||
    echo "# the typed text is not in the editor" >&3
  # on a slow machine the 2 s autosave may win the race; say so
  db_has "$late" && echo "# the autosave had written the words before the signal" >&3
  kill -TERM "$pid"
  wait_until "$patience" gone "$pid" || echo "# SIGTERM did not end it; killing" >&3
fi
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if sqlite3 "$db" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$late"; then
  echo "ok 6 text typed just before SIGTERM is in the database" >&3
else
  echo "not ok 6 text typed just before SIGTERM is in the database" >&3
  sed 's/^/# /' "$tmp/run3.log" >&3
fi

# the first run filled the section library with the shipped sections
n=$(sqlite3 "$db" "SELECT count(*) FROM sections WHERE deleted_at IS NULL" 2>/dev/null)
if [ "${n:-0}" -ge 7 ]; then
  echo "ok 7 the first start loaded the default section library ($n sections)" >&3
else
  echo "not ok 7 the first start loaded the default section library (found '$n')" >&3
fi
exit 0
INNER
exit 0
