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

. "$(dirname "$0")/wait-until.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT

export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas GSK_RENDERER=cairo
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1

echo "1..6"

dbus-run-session -- bash -s "$bulletin" "$tmp" "$shim" 3>&1 1>&2 <<'INNER'
bulletin=$1
tmp=$2
shim=$3
db=$XDG_DATA_HOME/io.github.bulletin.Bulletin/bulletin.db
words="Typed while the database was locked"
more="and after it"

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

# atspi WHAT TEXT: "text" succeeds when an editor holds TEXT, "label"
# prints the first label that says TEXT, "press" presses the button
# labelled TEXT (exits 3 without pyatspi)
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
            name = node.name or ""
            if what == "text" and role == "text":
                if needle in node.queryText().getText(0, -1):
                    sys.exit(0)
            elif what == "label" and role == "label" and needle in name:
                # a banner folded away has no size
                x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                if w > 0 and h > 0:
                    print(name)
                    sys.exit(0)
            elif what == "press" and role in ("push button", "button") and needle in name:
                node.queryAction().doAction(0)
                sys.exit(0)
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            pass
sys.exit(1)
PY
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

# a first start makes the database; a clean quit leaves it closed
"$bulletin" >"$tmp/run1.log" 2>&1 &
pid=$!
win=$(wait_until "$patience" window_id 'Bulletin$') && xdotool windowraise "$win" windowfocus "$win" key --clearmodifiers ctrl+q
wait_until "$patience" gone "$pid" || kill -9 "$pid"
wait "$pid" 2>/dev/null

# the file turns write-protected
touch "$db.read-only"
LD_PRELOAD=$shim BULLETIN_FAULT_READ_ONLY=$db "$bulletin" >"$tmp/run2.log" 2>&1 &
pid=$!
if win=$(wait_until "$patience" window_id 'Bulletin$'); then
  echo "ok 1 Bulletin starts on a write-protected database" >&3
else
  echo "not ok 1 Bulletin starts on a write-protected database" >&3
  sed 's/^/# /' "$tmp/run2.log" >&3
fi
eval "$(xdotool getwindowgeometry --shell "${win:-0}")"
xdotool windowraise "${win:-0}" windowfocus "${win:-0}" 2>/dev/null
type_into $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) "$words" || echo "# the typed text is not in the editor" >&3

label=$(wait_until "$patience" atspi label "Your text is safe in this window")
case "$label" in
  *"drafts database ~/data/io.github.bulletin.Bulletin/bulletin.db can’t be written to"*)
    echo "ok 2 the banner names the database file" >&3 ;;
  *)
    echo "not ok 2 the banner names the database file (it says '$label')" >&3 ;;
esac
case "$label" in
  *folder*) echo "not ok 3 the banner does not blame the folder" >&3 ;;
  *) echo "ok 3 the banner does not blame the folder" >&3 ;;
esac

# the file can be written again: Try Again saves what was typed
rm -f "$db.read-only"
atspi press "Try Again" || echo "# no Try Again button to press" >&3
if wait_until "$patience" db_has "$words"; then
  echo "ok 4 after Try Again the words typed meanwhile are in the database" >&3
else
  echo "not ok 4 after Try Again the words typed meanwhile are in the database" >&3
  sed 's/^/# /' "$tmp/run2.log" >&3
fi

type_into $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) " $more" || echo "# the typed text is not in the editor" >&3
if wait_until "$patience" db_has "$more"; then
  echo "ok 5 autosave goes on after that" >&3
else
  echo "not ok 5 autosave goes on after that" >&3
fi

kill -9 "$pid"
wait "$pid" 2>/dev/null
if db_has "$words" && db_has "$more"; then
  echo "ok 6 after kill -9 that session's text is in the database" >&3
else
  echo "not ok 6 after kill -9 that session's text is in the database" >&3
fi
exit 0
INNER
exit 0
