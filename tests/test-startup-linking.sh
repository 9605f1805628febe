#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The program starts without WebKit: linked in, WebKit and the hundred
# libraries it needs took 50 ms of CPU before main() (README →
# Performance). Only the preview's module, loaded after the window's
# first frame, may need it.
#
#   test-startup-linking.sh BULLETIN PREVIEW_MODULE

set -u

bin=$1
module=$2

echo "1..2"

needed() {
  readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

if ! command -v readelf >/dev/null 2>&1; then
  echo "not ok 1 - readelf is missing"
  echo "not ok 2 - readelf is missing"
  exit 1
fi

status=0
heavy=$(needed "$bin" | grep -E '^lib(webkit|javascriptcore)')
if [ -z "$heavy" ]; then
  echo "ok 1 - bulletin does not link WebKit"
else
  echo "not ok 1 - bulletin links $(echo "$heavy" | tr '\n' ' ')"
  status=1
fi

if needed "$module" | grep -q '^libwebkitgtk-6\.0'; then
  echo "ok 2 - the preview's module links WebKit"
else
  echo "not ok 2 - the preview's module does not link WebKit"
  status=1
fi

exit $status
