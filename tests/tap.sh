# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP for the shell tests, sourced by them:
#   ok NAME; not_ok NAME [LINE…]; check NAME CMD…; tap_finish
# tap_finish prints the plan and exits 0 only if nothing failed.

n=0
failed=0

ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}

# the lines after the name are printed as TAP comments
not_ok() {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

check() {
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

tap_finish() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
  exit
}
