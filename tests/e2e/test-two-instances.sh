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

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"
cleanup() {
  for f in "$tmp"/pid-*; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
  done
  touch "$tmp/quit-a" "$tmp/quit-b" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp" 2>/dev/null || true
}
trap cleanup EXIT

export bulletin
file=$tmp/team-update.md
printf '# Team update\n\nThe rota is out on Monday.\n' >"$file"
export file

echo "1..5"
# TAP goes to fd 3, as in the other end-to-end tests
exec 3>&1

# instance NAME: one Bulletin on a session bus of its own, until
# $tmp/quit-NAME appears; it writes its pid to $tmp/pid-NAME, and touches
# $tmp/copy-NAME once its window says it is editing a copy (read over
# AT-SPI, which lives on that session's bus).
instance() {
  dbus-run-session -- bash -s "$1" <<'INNER' >"$tmp/session-$1.log" 2>&1 3>&-
name=$1

# label_shown TEXT: a node of this session's Bulletin says TEXT. Not
# the shared `atspi find`, which wants it on screen: this is a toast,
# which may be on its way out by the time it is looked at.
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
    type_keys "$1" " $2"
    wait_until 10 db_has "$2" && return 0
    echo "# '$2' did not reach the database; typing it again"
  done
  return 1
}

instance a &
if pid_a=$(wait_until "$patience" pid_of a) && win_a=$(wait_until "$patience" window_of "$pid_a") &&
   wait_until "$patience" file_draft_open; then
  ok "the first Bulletin opened the file and holds its draft"
else
  not_ok "the first Bulletin opened the file and holds its draft"
  diag "$tmp/run-a.log"
fi

instance b &
if pid_b=$(wait_until "$patience" pid_of b) && win_b=$(wait_until "$patience" window_of "$pid_b"); then
  ok "the second Bulletin, on a session of its own, opened the same file"
else
  not_ok "the second Bulletin, on a session of its own, opened the same file"
  diag "$tmp/run-b.log"
fi

if wait_until "$patience" test -f "$tmp/copy-b"; then
  ok "the second window says it is editing a copy"
else
  not_ok "the second window says it is editing a copy"
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
  ok "every word typed in either window is in the database after kill -9"
else
  not_ok "every word typed in either window is in the database after kill -9 (drafts holding each: $a, $b, $c)"
  sqlite3 "$db" "SELECT id, owner_pid, file_uri, current_text FROM drafts" 2>&1 | diag
fi

# the words are in different drafts: neither window wrote over the other
both=$(sqlite3 "$db" "SELECT count(*) FROM drafts WHERE instr(current_text, 'Alderney') > 0 AND instr(current_text, 'Brecqhou') > 0" 2>/dev/null)
if [ "$both" = "0" ]; then
  ok "each Bulletin wrote a draft of its own"
else
  not_ok "each Bulletin wrote a draft of its own (found '$both' holding both words)"
fi
exit 0
