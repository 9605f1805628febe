#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Startup time of the real Bulletin binary, launched with a file:
#   - "first preview painted" as the app itself logs it (G_MESSAGES_DEBUG),
#     counted from the start of main();
#   - the same log line as seen from outside, counted from the launch;
#   - the window mapped with the file's name in its title (xdotool), also
#     counted from the launch, and the same for gnome-text-editor when it
#     is installed, so the two are compared like with like.
#
#   bench-startup.sh [BUILD_DIR [FILE]]
#
# FILE defaults to tests/data/weekly-update-neighbourhood-teams.md.
# Environment: RUNS (default 5), STARTUP_TIMEOUT in seconds per launch
# (default 30), WARMUP (default 1: one uncounted launch per app first, so
# neither pays for a cold page cache). Needs an X display; without one it
# runs itself under xvfb-run, or exits 77 (skipped).

set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:-${BUILD:-$top/_build}}" && pwd) || { echo "error: no build directory" >&2; exit 2; }
runs=${RUNS:-5}
timeout_s=${STARTUP_TIMEOUT:-30}
warmup=${WARMUP:-1}
# how often a launch is looked at, in seconds: also the resolution of the
# figures
poll=0.01
# quiet between launches, in seconds, after the last one is gone, so each
# starts on an idle machine (pacing, not waiting for anything)
settle=0.2
bin=$build/src/bulletin
schemas=${GSETTINGS_SCHEMA_DIR:-$build/data}

if [ ! -x "$bin" ]; then
  echo "error: $bin is not built" >&2
  exit 2
fi

if [ -z "${DISPLAY:-}" ]; then
  if [ -z "${BULLETIN_BENCH_UNDER_XVFB:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    export BULLETIN_BENCH_UNDER_XVFB=1
    exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
  fi
  echo "SKIP: no X display and no xvfb-run"
  exit 77
fi

for tool in dbus-run-session setsid; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is missing"
    exit 77
  fi
done
have_xdotool=0
command -v xdotool >/dev/null 2>&1 && have_xdotool=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bulletin-bench-startup-XXXXXX")
current_pgid=

cleanup() {
  if [ -n "$current_pgid" ]; then
    kill -KILL -- "-$current_pgid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The file: a copy under a name no other window has, so xdotool finds
# exactly the window that shows it.
if [ -n "${2:-}" ]; then
  src=$2
else
  src=$top/tests/data/weekly-update-neighbourhood-teams.md
fi
if [ ! -r "$src" ]; then
  echo "error: cannot read $src" >&2
  exit 2
fi
base=bench-startup-draft-$$

now_us() {
  local t=${EPOCHREALTIME/./}
  echo "$t"
}

# run_once APP LOGVAR... : launches one app, prints "mapped_ms line_ms app_ms"
# (each "-" when not seen) on stdout.
run_once() {
  local app=$1 i=$2
  local home=$tmp/home-$app-$i
  local log=$tmp/$app-$i.log
  local cmd=()
  local t0 start now elapsed deadline pid
  local mapped=- line=- app_ms=-
  # a name of its own per launch, so no window of an earlier one can match
  local name=$base-$app-$i
  local file=$tmp/$name.md

  cp "$src" "$file"
  mkdir -p "$home/data" "$home/config" "$home/cache" "$home/runtime"
  chmod 700 "$home/runtime"

  case $app in
    bulletin) cmd=("$bin" "$file") ;;
    gnome-text-editor) cmd=(gnome-text-editor "$file") ;;
  esac

  start=$(now_us)
  env HOME="$home" \
      XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
      XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schemas" \
      G_MESSAGES_DEBUG=Bulletin \
      GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none \
      WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
      LIBGL_ALWAYS_SOFTWARE=1 \
      setsid dbus-run-session -- "${cmd[@]}" >"$log" 2>&1 </dev/null &
  pid=$!
  current_pgid=$pid
  deadline=$((start + timeout_s * 1000000))

  while :; do
    now=$(now_us)
    elapsed=$(( (now - start) / 1000 ))

    if [ "$mapped" = - ] && [ "$have_xdotool" = 1 ] &&
       xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; then
      mapped=$elapsed
    fi

    if [ "$app" = bulletin ] && [ "$line" = - ] &&
       grep -q 'Startup: first preview painted' "$log" 2>/dev/null; then
      line=$elapsed
      app_ms=$(sed -n 's/.*Startup: first preview painted \([0-9.]*\) ms.*/\1/p' "$log" | head -n 1)
      [ -n "$app_ms" ] || app_ms=-
    fi

    if { [ "$mapped" != - ] || [ "$have_xdotool" = 0 ]; } &&
       { [ "$line" != - ] || [ "$app" != bulletin ]; }; then
      break
    fi

    if ! kill -0 "$pid" 2>/dev/null; then
      echo "warning: $app exited early; its log:" >&2
      sed 's/^/  | /' "$log" >&2
      break
    fi

    if [ "$now" -ge "$deadline" ]; then
      echo "warning: $app run $i timed out after ${timeout_s} s" >&2
      break
    fi

    sleep "$poll"
  done

  # End the whole process group of this launch (the app, its web
  # processes and the session bus), and wait until it is gone so the next
  # launch starts on an idle machine.
  kill -TERM -- "-$pid" 2>/dev/null
  for _ in $(seq 100); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep "$poll"
  done
  kill -KILL -- "-$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  for _ in $(seq 100); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep "$poll"
  done
  current_pgid=
  sleep "$settle"

  echo "$mapped $line $app_ms"
}

# median of the numbers on stdin ("-" ignored); "-" when there are none
median() {
  grep -E '^[0-9.]+$' | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "-"; exit }
    if (NR % 2) printf "%.0f\n", v[(NR + 1) / 2]
    else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

minmax() {
  grep -E '^[0-9.]+$' | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END {
    if (NR == 0) print "-"; else printf "%.0f-%.0f\n", lo, hi }'
}

apps=(bulletin)
if command -v gnome-text-editor >/dev/null 2>&1; then
  apps+=(gnome-text-editor)
fi

declare -A results
for app in "${apps[@]}"; do
  echo "Launching $app $runs times..." >&2
  if [ "$warmup" = 1 ]; then
    run_once "$app" warmup >/dev/null
  fi
  : >"$tmp/$app.results"
  for i in $(seq "$runs"); do
    run_once "$app" "$i" >>"$tmp/$app.results"
  done
  results[$app]=$tmp/$app.results
done

echo "# Startup benchmark"
echo
echo "File: $(basename "$src") ($(wc -c <"$src") bytes), $runs launches per app$([ "$warmup" = 1 ] && echo ' after one uncounted warm-up launch'), each under dbus-run-session with fresh XDG directories, GSK_RENDERER=cairo, GTK_A11Y=none; times in ms."
echo
echo "| app | runs | window mapped with the file, from launch (median; range) | first preview painted, app's own clock from main() (median; range) | first preview log line seen, from launch (median; range) |"
echo "|---|---:|---:|---:|---:|"
for app in "${apps[@]}"; do
  f=${results[$app]}
  n=$(wc -l <"$f")
  mapped=$(cut -d' ' -f1 "$f" | median)
  mapped_r=$(cut -d' ' -f1 "$f" | minmax)
  if [ "$app" = bulletin ]; then
    app_med=$(cut -d' ' -f3 "$f" | median)
    app_r=$(cut -d' ' -f3 "$f" | minmax)
    line=$(cut -d' ' -f2 "$f" | median)
    line_r=$(cut -d' ' -f2 "$f" | minmax)
    echo "| Bulletin | $n | $mapped; $mapped_r | $app_med; $app_r | $line; $line_r |"
  else
    echo "| $app $(dpkg-query -W -f='${Version}' gnome-text-editor 2>/dev/null) | $n | $mapped; $mapped_r | n/a | n/a |"
  fi
done

if [ "$have_xdotool" = 0 ]; then
  echo
  echo "xdotool is not installed: window-mapped times were not measured."
fi
if [ "${#apps[@]}" = 1 ]; then
  echo
  echo "gnome-text-editor is not installed: no comparison."
fi

echo
echo "Raw (mapped line app) per run:"
for app in "${apps[@]}"; do
  echo "- $app: $(tr '\n' ',' <"${results[$app]}" | sed 's/,$//; s/,/, /g')"
done

# Fails when Bulletin did not report its first preview in every launch.
if [ "$(cut -d' ' -f3 "${results[bulletin]}" | grep -c '^[0-9]')" != "$runs" ]; then
  echo
  echo "FAILED: Bulletin did not report its first preview in every launch"
  exit 1
fi
