#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-scaling's ratios in instructions instead of time: callgrind counts
# what each operation executes at n and at 16n, which no cache, heap or
# other process changes. A ratio over 24 here is the work's own; one over
# 24 only in time is the memory hierarchy's.
#
#   bench-instructions.sh [BUILD_DIR] [bench-scaling options]
#
# About fifty times slower than the timed run: pick shapes with --shape.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
shift || true

command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

BENCH_CALLGRIND_OUT="$out/callgrind.out" \
  valgrind --tool=callgrind --quiet --collect-atstart=no \
    --callgrind-out-file="$out/callgrind.out" \
    "$build/tests/bench/bench-scaling" --instructions "$@"
