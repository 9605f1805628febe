#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Peak memory of every export and of the checks, as `bulletin` runs them
# from the command line, on drafts of 5 MB and 50 MB: weekly updates one
# after another, and shapes that once made memory explode (a long run of
# "> " quotes, a wide table). The target is 10 times the input plus 50 MB.
#
#   bench-memory.sh BULLETIN FIXTURES_DIR
#
# Each run gets a 6 GB address-space limit and 5 minutes, so a runaway
# allocation is reported as a miss instead of taking the machine down.

set -uo pipefail

bulletin=$1
fixtures=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# make_updates FILE BYTES: the fixtures one after another, until BYTES
make_updates() {
  local out=$1 bytes=$2
  : >"$out"
  while [ "$(stat -c %s "$out")" -lt "$bytes" ]; do
    cat "$fixtures"/*.md >>"$out"
    printf '\n\n' >>"$out"
  done
}

make_quotes() {
  local out=$1 bytes=$2
  yes '> > a quoted line of a forwarded email, quoted again' | head -c "$bytes" >"$out"
}

make_wide_table() {
  local out=$1 bytes=$2
  python3 - "$out" "$bytes" <<'EOF'
import sys
out, size = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    f.write("|" + "|".join("c%d" % i for i in range(10000)) + "|\n")
    f.write("|" + "|".join("-" for _ in range(10000)) + "|\n")
    written = 0
    while written < size:
        row = "| a | b |\n"
        f.write(row)
        written += len(row)
EOF
}

# peak_mb MAX_OK CMD...: prints "PEAK_MB SECONDS", or "failed" when CMD
# exits above MAX_OK (--check exits 1 when it finds something)
peak_mb() {
  local max_ok=$1 report=$work/time.txt rc
  shift
  (ulimit -v 6000000; timeout 300 /usr/bin/time -f '%M %e' -o "$report" "$@" >/dev/null 2>"$work/err.txt")
  rc=$?
  if [ "$rc" -le "$max_ok" ] && [ -s "$report" ]; then
    tail -n 1 "$report" | awk '{ printf "%.0f %.2f", $1 / 1024, $2 }'
  else
    echo "failed"
  fi
}

echo "## Peak memory (\`bench-memory\`, \`bulletin\` on the command line)"
echo
echo "| draft | size | operation | peak RSS (MB) | seconds | target 10 × size + 50 MB |"
echo "|---|---:|---|---:|---:|---|"

for shape in updates quotes wide-table; do
  for mb in 5 50; do
    # the wide table is a 10,000-column header: 5 MB of rows is enough
    [ "$shape" = wide-table ] && [ "$mb" = 50 ] && continue
    draft=$work/$shape-$mb.md
    bytes=$((mb * 1024 * 1024))
    case $shape in
      updates) make_updates "$draft" "$bytes" ;;
      quotes) make_quotes "$draft" "$bytes" ;;
      wide-table) make_wide_table "$draft" "$bytes" ;;
    esac
    size_mb=$(( $(stat -c %s "$draft") / 1024 / 1024 ))
    target=$((size_mb * 10 + 50))
    for op in html text eml check; do
      if [ "$op" = check ]; then
        result=$(peak_mb 1 "$bulletin" --check "$draft")
      else
        result=$(peak_mb 0 "$bulletin" --export="$op" --output="$work/out" "$draft")
      fi
      if [ "$result" = failed ]; then
        echo "| $shape | $size_mb MB | $op | failed: $(head -c 80 "$work/err.txt" | tr '\n|' '  ') | | not met |"
        continue
      fi
      read -r peak secs <<<"$result"
      verdict="met"
      [ "$peak" -gt "$target" ] && verdict="not met"
      echo "| $shape | $size_mb MB | $op | $peak | $secs | ≤ $target: $verdict |"
    done
  done
done
