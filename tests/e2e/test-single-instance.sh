#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, with the real binary on its own D-Bus session: a second
# `bulletin FILE` hands the file to the running instance and exits, and the
# running instance opens it in a window of its own. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/e2e-lib.sh"

e2e_setup_env "$schemas"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp" 2>/dev/null || true
}
trap cleanup EXIT

printf '# First update\n\nHave a good weekend\n' >"$tmp/first-update.md"
printf '# Second update\n\nHave a great week\n' >"$tmp/second-update.md"

echo "1..4"

# Everything below runs on one private bus, so the instances find each other
# and nothing else. TAP goes to fd 3: services the bus starts (the
# accessibility registry) chatter on stdout.
dbus-run-session -- bash -s "$e2e_lib" "$bulletin" 3>&1 1>&2 <<'INNER'
. "$1"
bulletin=$2

"$bulletin" "$tmp/first-update.md" >"$tmp/first.log" 2>&1 &
pid=$!

if find_window '^first-update\.md – Bulletin$' >/dev/null; then
  ok "the first instance shows first-update.md"
else
  not_ok "the first instance shows first-update.md"
  diag "$tmp/first.log"
fi

start=$(date +%s%N)
timeout "$patience" "$bulletin" "$tmp/second-update.md" >"$tmp/second.log" 2>&1
rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
if [ $rc -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
  ok "the second instance handed over and exited (rc $rc, ${elapsed} ms)"
else
  not_ok "the second instance handed over and exited (rc $rc)"
  diag "$tmp/second.log"
fi

if find_window '^second-update\.md – Bulletin$' >/dev/null; then
  ok "the running instance opened second-update.md"
else
  not_ok "the running instance opened second-update.md"
fi

n=$(pgrep -c -f "^$bulletin( |$)" || true)
if [ "$n" = "1" ]; then
  ok "exactly one Bulletin process"
else
  not_ok "exactly one Bulletin process (found $n)"
fi

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
INNER
exit 0
