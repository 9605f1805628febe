# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the end-to-end tests, twice: by the script itself, which
# calls e2e_setup_env, and by the steps it runs on a private bus
# (`dbus-run-session -- bash -s "$e2e_lib" "$bulletin" <<'INNER'`), which
# source it again as `. "$1"`: a shell reading its commands from stdin
# has no file of its own to find this one by.
#
# The helpers of the steps act on the Bulletin whose pid is in $pid, the
# drafts database in $db, and write TAP to fd 3 (services the bus starts,
# such as the accessibility registry, chatter on stdout).

e2e_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/e2e-lib.sh
. "${e2e_lib%/*}/wait-until.sh"

# e2e_setup_env SCHEMAS: makes $tmp, removed on exit (a test that has
# more to clean up sets a trap of its own after this), and a home of its
# own in it, so the test touches nothing of the user's and one test
# leaves nothing to the next; settings that let Bulletin start on Xvfb
# without a desktop. $tmp and $db, the drafts database, are exported for
# the steps on the private bus.
e2e_setup_env() {
  local schemas=$1
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT
  export tmp
  export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
  export XDG_RUNTIME_DIR=$tmp/runtime
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  # a database named from outside would be the user's
  unset BULLETIN_DB
  export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas GSK_RENDERER=cairo
  export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
  export db=$XDG_DATA_HOME/io.github.bulletin.Bulletin/bulletin.db
}

# ---------------------------------------------------------------------
# TAP, numbered in the order the checks run

tap_n=0
ok() {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n $1" >&3
}
not_ok() {
  tap_n=$((tap_n + 1))
  echo "not ok $tap_n $1" >&3
}
check() {   # check "description" command...
  local what=$1
  shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
diag() {   # diag [FILE...]: FILE, or stdin, as TAP comments
  sed 's/^/# /' "$@" >&3
}

# ---------------------------------------------------------------------
# the running Bulletin

gone() {   # gone [PID]: that process ($pid by default) has ended
  ! kill -0 "${1:-${pid:-}}" 2>/dev/null
}

window_id() {   # window_id NAME-REGEX: prints a visible window of $pid
  local id
  # --all: the name and the pid must both match, not either
  id=$(xdotool search --all --onlyvisible ${pid:+--pid "$pid"} --name "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] && echo "$id"
}

find_window() {   # find_window NAME-REGEX
  wait_until "$patience" window_id "$1"
}

db_has() {   # db_has TEXT: a draft in $db holds TEXT
  sqlite3 "$db" "SELECT current_text FROM drafts" 2>/dev/null | grep -qF "$1"
}

# Looks once, over AT-SPI, in the accessibility tree of the Bulletin of
# $pid (of any Bulletin on this bus when $pid is unset); wait for it with
# wait_until. Exits 0 when found, 1 when not, 3 without pyatspi.
#   atspi find ROLE NEEDLE   a node of ROLE ('*': any) on screen whose name
#                            or text contains NEEDLE; prints that name or text
#   atspi click NEEDLE       activates the button on screen whose label
#                            starts with NEEDLE (mnemonic underscores aside)
atspi() {
  /usr/bin/python3 - "${pid:-0}" "$@" <<'PY' 2>/dev/null
import sys

try:
    import pyatspi
except ImportError:
    sys.exit(3)

pid = int(sys.argv[1])
mode = sys.argv[2]
if mode == "find":
    roles, needle = (sys.argv[3],), sys.argv[4]
else:
    roles, needle = ("push button", "button"), sys.argv[3]


def texts(node):
    out = [node.name or ""]
    try:
        out.append(node.queryText().getText(0, -1) or "")
    except Exception:
        pass
    return out


def shown(node):
    # GTK 4.8 sets no SHOWING state, but a widget that is hidden, or inside
    # a closed revealer (a banner), gets an empty allocation
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


def matches(node):
    if roles != ("*",) and node.getRoleName() not in roles:
        return None
    for s in texts(node):
        if (needle in s if mode == "find" else s.replace("_", "").startswith(needle)) and shown(node):
            return s
    return None


def search(app):
    # depth first, in the order of the tree, without recursion
    stack = [app]
    while stack:
        node = stack.pop()
        try:
            s = matches(node)
            if s is not None:
                return node, s
            stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))
        except Exception:
            pass
    return None


for app in pyatspi.Registry.getDesktop(0):
    try:
        if app is None or app.name != "bulletin" or (pid and app.get_process_id() != pid):
            continue
    except Exception:
        continue
    r = search(app)
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
sys.exit(1)
PY
}

editor_has() {   # editor_has TEXT: the editor on screen holds TEXT
  atspi find text "$1" >/dev/null
}

# type_keys WINDOW TEXT: clicks into the editor (left half of WINDOW) and
# types TEXT at the end of its text. Without a window manager every
# window sits at 0,0 and the keyboard follows the pointer: ours goes on
# top and gets the focus, or keys go to whatever window is under the
# pointer. `mousemove --sync` waits for a motion event, which never comes
# when the pointer is already there: it goes somewhere else first.
type_keys() {
  local X Y WIDTH HEIGHT SCREEN WINDOW
  eval "$(xdotool getwindowgeometry --shell "$1")"
  xdotool windowraise "$1" windowfocus "$1" 2>/dev/null
  xdotool mousemove 5 5
  timeout "$patience" xdotool mousemove --sync $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) click 1
  xdotool keyup ctrl shift alt 2>/dev/null
  xdotool key --clearmodifiers ctrl+End
  xdotool type --clearmodifiers --delay 15 -- "$2"
}

# type_into WINDOW TEXT: type_keys, then waits until the editor holds
# TEXT (read over AT-SPI). A fresh X server sometimes drops the first
# synthetic keystrokes: keys arrive in order, so once the last word is
# in, whatever is missing was dropped, and it is typed again rather than
# failing on the input tool.
type_into() {
  local attempt
  for attempt in 1 2 3; do
    type_keys "$1" "$2"
    wait_until "$patience" editor_has "${2##* }" || return 1
    editor_has "$2" && return 0
    echo "# the typed text did not all arrive; typing it again" >&3
  done
  return 1
}
