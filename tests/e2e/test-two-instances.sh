#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: two Bulletins that do not know each other (each on a D-Bus
# session of its own, as in two logins, or a Flatpak beside a native
# build) on one drafts database, both editing the same file. Each types a
# word; both words must survive, in the database, after both are killed.
# They used to share one draft, and the last autosave overwrote the other
# one's word for good. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/wait-until.sh"

tmp=$(mktemp -d)
cleanup() {
  for f in "$tmp"/pid-*; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
  done
  touch "$tmp/quit-a" "$tmp/quit-b" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp" 2>/dev/null || true
}
trap cleanup EXIT

export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$schemas GSK_RENDERER=cairo
export WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1
export bulletin tmp
db=$XDG_DATA_HOME/io.github.bulletin.Bulletin/bulletin.db
file=$tmp/team-update.md
printf '# Team update\n\nThe rota is out on Monday.\n' >"$file"
export file

echo "1..5"

# instance NAME: one Bulletin on a session bus of its own, until
# $tmp/quit-NAME appears; it writes its pid to $tmp/pid-NAME, and touches
# $tmp/copy-NAME once its window says it is editing a copy (read over
# AT-SPI, which lives on that session's bus).
instance() {
  dbus-run-session -- bash -s "$1" <<'INNER' >"$tmp/session-$1.log" 2>&1
name=$1

# label_shown TEXT: a label of this session's Bulletin says TEXT
label_shown() {
  /usr/bin/python3 - "$1" <<'PY' 2>/dev/null
import sys
import pyatspi
for app in pyatspi.Registry.getDesktop(0):
    if app is None or app.name != "bulletin":
        continue
    stack = [app]
    while stack:
        node = stack.pop()
        try:
            if sys.argv[1] in (node.name or ""):
                sys.exit(0)
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
        except Exception:
            pass
sys.exit(1)
PY
}

"$bulletin" "$file" >"$tmp/run-$name.log" 2>&1 &
echo $! >"$tmp/pid-$name"
wait_until "$patience" label_shown "editing a copy" && touch "$tmp/copy-$name"
wait_until "$patience" test -f "$tmp/quit-$name"
INNER
}

window_of() {   # window_of PID: the visible window of that process
  local id
  id=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -n 1)
  [ -n "$id" ] && echo "$id"
}

pid_of() {
  [ -s "$tmp/pid-$1" ] && cat "$tmp/pid-$1"
}

db_count() {    # db_count WORD: how many drafts hold WORD
  sqlite3 "$db" "SELECT count(*) FROM drafts WHERE instr(current_text, '$1') > 0" 2>/dev/null
}

db_has() {
  [ "$(db_count "$1")" -ge 1 ] 2>/dev/null
}

file_draft_open() {
  [ "$(sqlite3 "$db" "SELECT count(*) FROM drafts WHERE file_uri LIKE '%team-update.md' AND owner_pid != 0" 2>/dev/null)" -ge 1 ] 2>/dev/null
}

# type_word WINDOW WORD: types " WORD" at the end of the text, until the
# autosave has put it in the database. A fresh X server sometimes drops
# the first synthetic keystrokes; a word that did not arrive whole is
# typed again.
type_word() {
  local attempt
  for attempt in 1 2 3; do
    eval "$(xdotool getwindowgeometry --shell "$1")"
    xdotool windowraise "$1" windowfocus "$1" 2>/dev/null
    xdotool mousemove 5 5
    timeout "$patience" xdotool mousemove --sync $((X + WIDTH / 4)) $((Y + HEIGHT / 2)) click 1
    xdotool keyup ctrl shift alt 2>/dev/null
    xdotool key --clearmodifiers ctrl+End
    xdotool type --clearmodifiers --delay 15 -- " $2"
    wait_until 10 db_has "$2" && return 0
    echo "# '$2' did not reach the database; typing it again"
  done
  return 1
}

instance a &
if pid_a=$(wait_until "$patience" pid_of a) && win_a=$(wait_until "$patience" window_of "$pid_a") &&
   wait_until "$patience" file_draft_open; then
  echo "ok 1 the first Bulletin opened the file and holds its draft"
else
  echo "not ok 1 the first Bulletin opened the file and holds its draft"
  sed 's/^/# /' "$tmp/run-a.log"
fi

instance b &
if pid_b=$(wait_until "$patience" pid_of b) && win_b=$(wait_until "$patience" window_of "$pid_b"); then
  echo "ok 2 the second Bulletin, on a session of its own, opened the same file"
else
  echo "not ok 2 the second Bulletin, on a session of its own, opened the same file"
  sed 's/^/# /' "$tmp/run-b.log"
fi

if wait_until "$patience" test -f "$tmp/copy-b"; then
  echo "ok 3 the second window says it is editing a copy"
else
  echo "not ok 3 the second window says it is editing a copy"
fi

type_word "${win_a:-0}" "Alderney" || echo "# the first window's word was not saved"
type_word "${win_b:-0}" "Brecqhou" || echo "# the second window's word was not saved"
# and once more in the first, after the second has written
type_word "${win_a:-0}" "Coutances" || echo "# the first window's second word was not saved"

kill -9 "${pid_a:-0}" "${pid_b:-0}" 2>/dev/null
touch "$tmp/quit-a" "$tmp/quit-b"
wait

a=$(db_count Alderney) b=$(db_count Brecqhou) c=$(db_count Coutances)
if [ "${a:-0}" -ge 1 ] && [ "${b:-0}" -ge 1 ] && [ "${c:-0}" -ge 1 ]; then
  echo "ok 4 every word typed in either window is in the database after kill -9"
else
  echo "not ok 4 every word typed in either window is in the database after kill -9 (drafts holding each: $a, $b, $c)"
  sqlite3 "$db" "SELECT id, owner_pid, file_uri, current_text FROM drafts" 2>&1 | sed 's/^/# /'
fi

# the words are in different drafts: neither window wrote over the other
both=$(sqlite3 "$db" "SELECT count(*) FROM drafts WHERE instr(current_text, 'Alderney') > 0 AND instr(current_text, 'Brecqhou') > 0" 2>/dev/null)
if [ "$both" = "0" ]; then
  echo "ok 5 each Bulletin wrote a draft of its own"
else
  echo "not ok 5 each Bulletin wrote a draft of its own (found '$both' holding both words)"
fi
exit 0
