#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Startup time of the real Bulletin binary, launched with a file:
#   - the window's first frame and "first preview painted" as the app
#     itself logs them (G_MESSAGES_DEBUG), counted from the start of
#     main();
#   - the same log line as seen from outside, counted from the launch;
#   - the window mapped with the file's name in its title (xdotool), also
#     counted from the launch, and the same for gnome-text-editor, so the
#     two are compared like with like;
#   - the proportional set size (PSS) of the app's whole process tree (for
#     Bulletin the app, its WebKit web process and network process) once
#     the window shows the file and, for Bulletin, the preview has painted,
#     read from /proc/PID/smaps_rollup of the app and all its descendants
#     when two readings in a row agree within 1 MB;
# and, from the same launches, the ratios Bulletin / GNOME Text Editor of
# the medians of both.
#
#   bench-startup.sh [BUILD_DIR [FILE]]
#
# FILE defaults to tests/data/weekly-update-neighbourhood-teams.md.
# Environment: RUNS (default 5), STARTUP_TIMEOUT in seconds per launch
# (default 30), WARMUP (default 1: one uncounted launch per app first, so
# neither pays for a cold page cache), REQUIRE_TEXT_EDITOR (default 0;
# build-aux/bench sets 1: fail, rather than leave the comparison out, when
# gnome-text-editor or xdotool is missing). Needs an X display; without one
# it runs itself under xvfb-run, or exits 77 (skipped).

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
# the tree's PSS is read this often once the app is ready, until two
# readings in a row differ by less than pss_stable_kb, at most pss_reads
# times (then the last reading counts)
pss_poll=0.25
pss_stable_kb=1024
pss_reads=20
require_peer=${REQUIRE_TEXT_EDITOR:-0}
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
if [ "$require_peer" = 1 ]; then
  for tool in gnome-text-editor xdotool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "FAILED: $tool is missing, so there is no comparison (build-aux/bench installs it)"
      exit 1
    fi
  done
fi

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

# tree_pids SESSION_PID: the app that dbus-run-session SESSION_PID runs
# (its child that is not the bus) and all the app's descendants, one pid a
# line. Processes started through the session bus (at-spi) are the bus's
# children, not the app's, and are not counted: a desktop runs them once
# for every app.
tree_pids() {
  ps -e -o pid=,ppid=,comm= | awk -v s="$1" '
    { parent[$1] = $2; comm[$1] = $3 }
    END {
      for (p in parent)
        if (parent[p] == s && comm[p] != "dbus-daemon")
          tree[p] = 1
      do {
        added = 0
        for (p in parent)
          if (!(p in tree) && (parent[p] in tree)) { tree[p] = 1; added = 1 }
      } while (added)
      for (p in tree) print p
    }'
}

# tree_pss SESSION_PID: the tree's PSS in kB, cheaply, to see it settle
tree_pss() {
  local total=0 p kb
  for p in $(tree_pids "$1"); do
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

now_us() {
  local t=${EPOCHREALTIME/./}
  echo "$t"
}

# run_once APP I: launches one app, prints
# "mapped_ms line_ms app_ms pss_kb alone_kb name:kb,... frame_ms" (each "-"
# when not seen) on stdout.
run_once() {
  local app=$1 i=$2
  local home=$tmp/home-$app-$i
  local log=$tmp/$app-$i.log
  local cmd=()
  local t0 start now elapsed deadline pid
  local mapped=- line=- app_ms=- pss=- alone=- parts=- frame_ms=- ready=0 last=-1 reading
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
      ready=1
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

  # Memory once the app is ready, and has settled: the text editor may
  # still be reading the file when its window maps, and WebKit frees some
  # of what the first paint took a moment later.
  if [ "$ready" = 1 ]; then
    for _ in $(seq "$pss_reads"); do
      reading=$(tree_pss "$pid")
      if [ "$reading" -gt 0 ] && [ "$last" -ge 0 ] &&
         [ $((reading - last)) -lt "$pss_stable_kb" ] &&
         [ $((last - reading)) -lt "$pss_stable_kb" ]; then
        break
      fi
      last=$reading
      sleep "$pss_poll"
    done
    # shellcheck disable=SC2046 # one pid a word
    read -r pss alone parts < <("$here/tree-memory.py" $(tree_pids "$pid"))
    [ "${pss:-0}" -gt 0 ] || { pss=-; alone=-; parts=-; }
  fi

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

  if [ "$app" = bulletin ]; then
    frame_ms=$(sed -n "s/.*Startup: window's first frame \([0-9.]*\) ms.*/\1/p" "$log" | head -n 1)
    [ -n "$frame_ms" ] || frame_ms=-
  fi

  echo "$mapped $line $app_ms $pss $alone $parts $frame_ms"
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

# ratio A B: A / B with two decimals, "-" unless both are numbers
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f\n", a / b
    else print "-" }'
}

# mb KB: the kilobytes /proc counts, in (binary) megabytes, rounded
mb() {
  awk -v k="$1" 'BEGIN { if (k ~ /^[0-9.]+$/) printf "%.0f\n", k / 1024; else print "-" }'
}

apps=(bulletin)
if command -v gnome-text-editor >/dev/null 2>&1; then
  apps+=(gnome-text-editor)
fi

# The apps take turns, launch by launch, so a machine that gets busier or
# quieter during the run weighs on both alike and the ratios hold.
declare -A results
for app in "${apps[@]}"; do
  if [ "$warmup" = 1 ]; then
    echo "Warming up $app..." >&2
    run_once "$app" warmup >/dev/null
  fi
  results[$app]=$tmp/$app.results
  : >"${results[$app]}"
done
echo "Launching ${apps[*]} $runs times each, in turn..." >&2
for i in $(seq "$runs"); do
  for app in "${apps[@]}"; do
    run_once "$app" "$i" >>"${results[$app]}"
  done
done

echo "# Startup benchmark"
echo
echo "File: $(basename "$src") ($(wc -c <"$src") bytes), $runs launches per app, the apps in turn,$([ "$warmup" = 1 ] && echo ' after one uncounted warm-up launch each,') each under dbus-run-session with fresh XDG directories, GSK_RENDERER=cairo, GTK_A11Y=none; times in ms. Tree PSS: the app and all its descendants (for Bulletin its WebKit web and network processes), in MB, once the window shows the file (for Bulletin, once the preview has painted) and memory has settled; \"alone\": the tree's distinct resident pages, what its PSS would be with nothing else running (PSS drops when other GTK and WebKit programs share the libraries, as on this shared machine)."
echo
echo "| app | runs | window mapped with the file, from launch (median; range) | window's first frame, app's own clock from main() (median; range) | first preview painted, app's own clock from main() (median; range) | first preview log line seen, from launch (median; range) | tree PSS, MB (median; range) | tree alone, MB (median; range) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
declare -A mapped_med pss_med alone_med
for app in "${apps[@]}"; do
  f=${results[$app]}
  n=$(wc -l <"$f")
  mapped=$(cut -d' ' -f1 "$f" | median)
  mapped_r=$(cut -d' ' -f1 "$f" | minmax)
  pss=$(cut -d' ' -f4 "$f" | median)
  pss_r=$(cut -d' ' -f4 "$f" | grep -E '^[0-9]+$' | awk '{ printf "%.0f\n", $1 / 1024 }' | minmax)
  alone=$(cut -d' ' -f5 "$f" | median)
  alone_r=$(cut -d' ' -f5 "$f" | grep -E '^[0-9]+$' | awk '{ printf "%.0f\n", $1 / 1024 }' | minmax)
  mapped_med[$app]=$mapped
  pss_med[$app]=$pss
  alone_med[$app]=$alone
  if [ "$app" = bulletin ]; then
    app_med=$(cut -d' ' -f3 "$f" | median)
    app_r=$(cut -d' ' -f3 "$f" | minmax)
    line=$(cut -d' ' -f2 "$f" | median)
    line_r=$(cut -d' ' -f2 "$f" | minmax)
    frame=$(cut -d' ' -f7 "$f" | median)
    frame_r=$(cut -d' ' -f7 "$f" | minmax)
    echo "| Bulletin | $n | $mapped; $mapped_r | $frame; $frame_r | $app_med; $app_r | $line; $line_r | $(mb "$pss"); $pss_r | $(mb "$alone"); $alone_r |"
  else
    echo "| GNOME Text Editor $(dpkg-query -W -f='${Version}' gnome-text-editor 2>/dev/null) | $n | $mapped; $mapped_r | n/a | n/a | n/a | $(mb "$pss"); $pss_r | $(mb "$alone"); $alone_r |"
  fi
done

# Each process's PSS, median over the launches, by program.
echo
echo "Tree PSS by process (median MB):"
for app in "${apps[@]}"; do
  line=$(cut -d' ' -f6 "${results[$app]}" | tr ',' '\n' | awk -F: '
    NF == 2 { n[$1]++; v[$1, n[$1]] = $2 }
    END {
      for (k in n) {
        m = n[k]
        for (i = 1; i <= m; i++) a[i] = v[k, i]
        for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
        printf "%s %.0f (%d)\n", k, med / 1024, m
      }
    }' | sort | awk '{ printf "%s%s %s MB in %s launches", (NR > 1 ? "; " : ""), $1, $2, substr($3, 2, length($3) - 2) } END { print "" }')
  echo "- $app: ${line:-not measured}"
done

if [ "$have_xdotool" = 0 ]; then
  echo
  echo "xdotool is not installed: window-mapped times were not measured."
fi
if [ "${#apps[@]}" = 1 ]; then
  echo
  echo "gnome-text-editor is not installed: no comparison."
else
  startup_ratio=$(ratio "${mapped_med[bulletin]}" "${mapped_med[gnome-text-editor]}")
  pss_ratio=$(ratio "${pss_med[bulletin]}" "${pss_med[gnome-text-editor]}")
  startup_goal=$(awk -v r="$startup_ratio" 'BEGIN { if (r !~ /^[0-9.]+$/) print "not measured"; else if (r <= 0.8) print "met"; else print "not met" }')
  alone_ratio=$(ratio "${alone_med[bulletin]}" "${alone_med[gnome-text-editor]}")
  pss_goal=$(awk -v k="${pss_med[bulletin]}" 'BEGIN { if (k !~ /^[0-9.]+$/) print "not measured"; else if (k / 1024 <= 250) print "met"; else print "not met" }')
  alone_goal=$(awk -v k="${alone_med[bulletin]}" 'BEGIN { if (k !~ /^[0-9.]+$/) print "not measured"; else if (k / 1024 <= 250) print "met"; else print "not met" }')
  echo
  echo "Bulletin / GNOME Text Editor, medians of this run:"
  echo
  echo "| measure | Bulletin | GNOME Text Editor | ratio | goal |"
  echo "|---|---:|---:|---:|---|"
  echo "| window mapped with the file, ms | ${mapped_med[bulletin]} | ${mapped_med[gnome-text-editor]} | $startup_ratio | ratio ≤ 0.80: $startup_goal |"
  echo "| tree PSS, MB | $(mb "${pss_med[bulletin]}") | $(mb "${pss_med[gnome-text-editor]}") | $pss_ratio | Bulletin ≤ 250 MB: $pss_goal |"
  echo "| tree alone, MB | $(mb "${alone_med[bulletin]}") | $(mb "${alone_med[gnome-text-editor]}") | $alone_ratio | Bulletin ≤ 250 MB: $alone_goal |"
fi

echo
echo "Raw (mapped line app pss_kb alone_kb) per run:"
for app in "${apps[@]}"; do
  echo "- $app: $(cut -d' ' -f1-5 "${results[$app]}" | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
done

# Fails when Bulletin did not report its first preview in every launch.
if [ "$(cut -d' ' -f3 "${results[bulletin]}" | grep -c '^[0-9]')" != "$runs" ]; then
  echo
  echo "FAILED: Bulletin did not report its first preview in every launch"
  exit 1
fi

# With the comparison required, both medians of both apps must exist; a
# launch lost to a loaded machine is said, and the others still count.
if [ "$require_peer" = 1 ]; then
  for app in "${apps[@]}"; do
    n_mapped=$(cut -d' ' -f1 "${results[$app]}" | grep -c '^[0-9]')
    n_pss=$(cut -d' ' -f4 "${results[$app]}" | grep -c '^[0-9]')
    if [ "$n_mapped" = 0 ] || [ "$n_pss" = 0 ]; then
      echo
      echo "FAILED: $app's window or memory was not measured in any launch"
      exit 1
    elif [ "$n_mapped" != "$runs" ] || [ "$n_pss" != "$runs" ]; then
      echo
      echo "Note: $app's window was measured in $n_mapped and its memory in $n_pss of $runs launches."
    fi
  done
fi
