#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, with the real binary on its own D-Bus session: a second
# `bulletin FILE` hands the file to the running instance and exits, and the
# running instance opens it in a window of its own. Speaks TAP.

set -u
bulletin=$1
schemas=$2

. "$(dirname "$0")/wait-until.sh"

tmp=$(mktemp -d)
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
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

printf '# First update\n\nHave a good weekend\n' >"$tmp/first-update.md"
printf '# Second update\n\nHave a great week\n' >"$tmp/second-update.md"

echo "1..4"

# Everything below runs on one private bus, so the instances find each other
# and nothing else. TAP goes to fd 3: services the bus starts (the
# accessibility registry) chatter on stdout.
dbus-run-session -- bash -s "$bulletin" "$tmp" 3>&1 1>&2 <<'INNER'
bulletin=$1
tmp=$2

window_shown() {
  xdotool search --onlyvisible --name "$1" >/dev/null 2>&1
}

wait_for_window() {
  wait_until "$patience" window_shown "$1"
}

"$bulletin" "$tmp/first-update.md" >"$tmp/first.log" 2>&1 &
pid=$!

if wait_for_window '^first-update\.md – Bulletin$'; then
  echo "ok 1 the first instance shows first-update.md" >&3
else
  echo "not ok 1 the first instance shows first-update.md" >&3
  sed 's/^/# /' "$tmp/first.log" >&3
fi

start=$(date +%s%N)
timeout "$patience" "$bulletin" "$tmp/second-update.md" >"$tmp/second.log" 2>&1
rc=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
if [ $rc -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
  echo "ok 2 the second instance handed over and exited (rc $rc, ${elapsed} ms)" >&3
else
  echo "not ok 2 the second instance handed over and exited (rc $rc)" >&3
  sed 's/^/# /' "$tmp/second.log" >&3
fi

if wait_for_window '^second-update\.md – Bulletin$'; then
  echo "ok 3 the running instance opened second-update.md" >&3
else
  echo "not ok 3 the running instance opened second-update.md" >&3
fi

n=$(pgrep -c -f "^$bulletin( |$)" || true)
if [ "$n" = "1" ]; then
  echo "ok 4 exactly one Bulletin process" >&3
else
  echo "not ok 4 exactly one Bulletin process (found $n)" >&3
fi

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
INNER
exit 0
