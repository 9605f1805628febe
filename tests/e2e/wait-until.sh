# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by the end-to-end tests: the one way they wait. A test waits for
# something it can observe (a window, a database row, text read over
# AT-SPI, a process gone), never for a fixed time: a loaded machine is
# slow, not wrong.

# how often a condition is looked at, in seconds
export poll=${BULLETIN_TEST_POLL:-0.05}
# how long anything may take, in seconds: generous, so a loaded machine
# passes, but bounded, so a hang fails instead of stalling
export patience=${BULLETIN_TEST_PATIENCE:-60}

# wait_until SECONDS COMMAND [ARG...]: runs COMMAND every $poll seconds
# until it succeeds (returns 0) or SECONDS have passed (returns 1). What
# COMMAND prints on its successful run is the output.
wait_until() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000))
  shift
  until "$@"; do
    [ "$(date +%s%N)" -lt "$deadline" ] || return 1
    sleep "$poll"
  done
}
# the tests run their steps in a shell of their own on a private bus
export -f wait_until
