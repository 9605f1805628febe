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
words="Nested lists for the facilities rota"
banner="closed unexpectedly twice"

window_id() {
  local id
  id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] && echo "$id"
}

db_has() {
  sqlite3 "$db" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$1"
}

gone() {
  ! kill -0 "$1" 2>/dev/null
}

# atspi WHAT TEXT: over AT-SPI, in the running Bulletin: "text" succeeds
# when an editor holds TEXT, "shown" when a showing label says TEXT,
# "press" presses the button labelled TEXT (exits 3 without pyatspi)
atspi() {
  /usr/bin/python3 - "$1" "$2" <<'PY' 2>/dev/null
import sys
try:
    import pyatspi
except ImportError:
    sys.exit(3)
what, needle = sys.argv[1], sys.argv[2]
for app in pyatspi.Registry.getDesktop(0):
    if app is None or app.name != "bulletin":
        continue
    stack = [app]
    while stack:
        node = stack.pop()
        try:
            role = node.getRoleName()
            if what == "text" and role == "text":
                if needle in node.queryText().getText(0, -1):
                    sys.exit(0)
            elif what == "shown" and role == "label" and needle in (node.name or ""):
                # GTK 4 reports no "showing" state; a banner that is not
                # revealed has no size
                x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                if w > 0 and h > 0:
                    sys.exit(0)
            elif what == "press" and role in ("push button", "button") and needle in (node.name or ""):
                node.queryAction().doAction(0)
                sys.exit(0)
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            pass
sys.exit(1)
PY
}

not_shown() {
  ! atspi shown "$1"
}

# type_into X Y TEXT, as in test-crash-recovery.sh: retyped when a fresh X
# server dropped the first keystrokes
type_into() {
  local last=${3##* }
  local attempt
  for attempt in 1 2 3; do
    xdotool mousemove 5 5
    timeout "$patience" xdotool mousemove --sync "$1" "$2" click 1
    xdotool keyup ctrl shift alt 2>/dev/null
    xdotool key --clearmodifiers ctrl+End
    xdotool type --clearmodifiers --delay 15 -- "$3"
    wait_until "$patience" atspi text "$last" || return 1
    atspi text "$3" && return 0
    echo "# the typed text did not all arrive; typing it again" >&3
  done
  return 1
}

crashes() {
  sqlite3 "$db" "SELECT coalesce(max(crashes), 0) FROM draft_owners" 2>/dev/null
}

# start: runs Bulletin, waits for its window and the draft's words
start() {
  "$bulletin" >"$tmp/run$1.log" 2>&1 &
  pid=$!
  win=$(wait_until "$patience" window_id 'Bulletin$') || return 1
  eval "$(xdotool getwindowgeometry --shell "$win")"
  xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
}

crash() {
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
}

# 1: type, autosave, crash
start 1 || echo "# no window at the first start" >&3
type_into $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) "$words" || echo "# the typed text is not in the editor" >&3
wait_until "$patience" db_has "$words" || echo "# the typed text was not autosaved" >&3
crash

# 2: recovered as usual after one crash, then crashes again
start 2 || echo "# no window at the second start" >&3
if wait_until "$patience" atspi text "$words" && not_shown "$banner"; then
  echo "ok 1 after one crash the draft comes back as usual" >&3
else
  echo "not ok 1 after one crash the draft comes back as usual" >&3
  sed 's/^/# /' "$tmp/run2.log" >&3
fi
crash

# 3: open through two crashes: safe mode
start 3 || echo "# no window at the third start" >&3
if wait_until "$patience" atspi text "$words"; then
  echo "ok 2 after the second crash the draft still comes back" >&3
else
  echo "not ok 2 after the second crash the draft still comes back" >&3
fi
if wait_until "$patience" atspi shown "$banner"; then
  echo "ok 3 its window says it is open without preview and checks" >&3
else
  echo "not ok 3 its window says it is open without preview and checks" >&3
  sed 's/^/# /' "$tmp/run3.log" >&3
fi
n=$(crashes)
if [ "$n" = "2" ]; then
  echo "ok 4 the database counts two crashes with the draft open" >&3
else
  echo "not ok 4 the database counts two crashes with the draft open (found '$n')" >&3
fi
if atspi press "Turn Them Back On" && wait_until "$patience" not_shown "$banner"; then
  echo "ok 5 Turn Them Back On takes the banner away" >&3
else
  echo "not ok 5 Turn Them Back On takes the banner away" >&3
fi

# a clean exit (SIGTERM, as at logout) keeps the draft open for next
# time, but is no crash
kill -TERM "$pid"
wait_until "$patience" gone "$pid" || { echo "# SIGTERM did not end it; killing" >&3; crash; }
start 4 || echo "# no window at the fourth start" >&3
if wait_until "$patience" atspi text "$words" && not_shown "$banner" && [ "$(crashes)" = "0" ]; then
  echo "ok 6 after leaving cleanly the draft comes back as usual, the count reset" >&3
else
  echo "not ok 6 after leaving cleanly the draft comes back as usual, the count reset (count '$(crashes)')" >&3
fi

# closing it: nothing left open, nothing counted
xdotool windowraise "$win" windowfocus "$win" 2>/dev/null
xdotool key --clearmodifiers ctrl+q
wait_until "$patience" gone "$pid" || { echo "# ctrl+q did not quit; killing" >&3; crash; }
open=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM drafts WHERE owner_pid != 0) + (SELECT count(*) FROM draft_owners)" 2>/dev/null)
if [ "$open" = "0" ]; then
  echo "ok 7 after a clean quit no draft is open or counted" >&3
else
  echo "not ok 7 after a clean quit no draft is open or counted (found '$open')" >&3
fi
exit 0
INNER
exit 0
