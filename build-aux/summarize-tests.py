#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson's testlog.json files and prints
"N passed, N failed". TAP programs count one per test case; other tests
count once. A skipped case counts as failed: in CI a skip hides a broken
feature."""

import json
import os
import re
import sys

TAP_RESULT = re.compile(r"^(not ok|ok)\b(.*)$")


def count(path):
    """A failure is named with its log's base name (testlog, faketime-…),
    as the same test runs in several of them."""
    log = os.path.splitext(os.path.basename(path))[0]
    passed = failed = 0
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            entry = json.loads(line)
            name = entry.get("name", "?")
            result = entry.get("result", "")
            suite = ",".join(entry.get("suite", []))
            out = entry.get("stdout", "") or ""
            tap_pass = tap_fail = 0
            if entry.get("protocol") == "tap" or "TAP" in out[:200] or re.search(r"^1\.\.\d+", out, re.M):
                for row in out.splitlines():
                    m = TAP_RESULT.match(row.strip())
                    if not m:
                        continue
                    rest = m.group(2)
                    if m.group(1) == "not ok" or "# SKIP" in rest.upper():
                        tap_fail += 1
                        names.append(f"{log}: {suite}/{name}: {row.strip()}")
                    else:
                        tap_pass += 1
            if tap_pass or tap_fail:
                passed += tap_pass
                failed += tap_fail
                if result not in ("OK", "EXPECTEDFAIL") and tap_fail == 0:
                    failed += 1
                    names.append(f"{log}: {suite}/{name}: {result}")
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
                names.append(f"{log}: {suite}/{name}: {result}")
    return passed, failed, names


def main():
    total_pass = total_fail = 0
    failures = []
    for path in sys.argv[1:]:
        try:
            p, f, n = count(path)
        except FileNotFoundError:
            print(f"missing test log: {path}")
            total_fail += 1
            continue
        total_pass += p
        total_fail += f
        failures += n
    for name in failures:
        print(f"FAILED {name}")
    print(f"{total_pass} passed, {total_fail} failed")
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
