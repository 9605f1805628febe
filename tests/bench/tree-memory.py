#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The memory of a group of processes (an app and its helpers), in kB:
#
#   tree-memory.py PID...
#
# prints one line "pss_kb alone_kb name:pss_kb,name:pss_kb...":
#   - pss_kb: the sum of the processes' proportional set sizes
#     (/proc/PID/smaps_rollup), what the desktop's tools call the memory
#     an app uses;
#   - alone_kb: the distinct physical pages the processes have resident,
#     which is what their PSS would add up to if nothing else ran. Needs
#     root (page frame numbers in /proc/PID/pagemap); "-" otherwise.
#
# PSS shares a page between every process that maps it, so on a machine
# where other WebKit and GTK programs run (other engineers' tests) a
# tree's PSS drops by tens of megabytes; the second figure does not move
# with them, and is the one to compare settings with.

import os
import struct
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")
PRESENT = 1 << 63
PFN_MASK = (1 << 55) - 1


def pss_kb(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def resident_ranges(pid):
    """Address ranges of the mappings that have any page resident."""
    ranges = []
    start = end = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            first = line.split(None, 1)[0]
            if "-" in first and not first.endswith(":"):
                lo, hi = first.split("-")
                start, end = int(lo, 16), int(hi, 16)
            elif first == "Rss:" and int(line.split()[1]) > 0:
                ranges.append((start, end))
    return ranges


# entries read at a time: WebKit reserves mappings of many gigabytes with
# a few pages resident, whose empty stretches are skipped whole
CHUNK = 65536
EMPTY = bytes(CHUNK * 8)


def frames(pid, into):
    fd = os.open(f"/proc/{pid}/pagemap", os.O_RDONLY)
    try:
        for start, end in resident_ranges(pid):
            first, last = start // PAGE, end // PAGE
            for at in range(first, last, CHUNK):
                n = min(CHUNK, last - at)
                data = os.pread(fd, n * 8, at * 8)
                if data == EMPTY[:len(data)]:
                    continue
                for entry in struct.unpack(f"{len(data) // 8}Q", data):
                    if entry & PRESENT:
                        pfn = entry & PFN_MASK
                        if pfn == 0:
                            # without CAP_SYS_ADMIN every frame reads as 0
                            return False
                        into.add(pfn)
    finally:
        os.close(fd)
    return True


def name_of(pid):
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/exe"))
    except OSError:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()


def main():
    total = 0
    parts = []
    seen = set()
    alone_ok = True
    for pid in sys.argv[1:]:
        try:
            kb = pss_kb(pid)
            name = name_of(pid)
            if alone_ok:
                alone_ok = frames(pid, seen)
        except (OSError, ValueError):
            # the process ended meanwhile
            continue
        total += kb
        parts.append(f"{name}:{kb}")
    alone = str(len(seen) * PAGE // 1024) if alone_ok and parts else "-"
    print(f"{total} {alone} {','.join(parts) or '-'}")


if __name__ == "__main__":
    main()
