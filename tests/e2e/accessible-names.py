#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Walks the accessibility tree of the Bulletin of PID over AT-SPI and
# prints every control on screen (a button, toggle, menu button, check box,
# switch...) that a screen reader could not name: no name, or the name GTK
# falls back to, the widget's class ("GtkImage", "GtkMenuButton"). Prints
# "controls N" first. Exits 3 without pyatspi, 1 when Bulletin is not found.

import sys

try:
    import pyatspi
except ImportError:
    sys.exit(3)

pid = int(sys.argv[1])
ROLES = {"push button", "toggle button", "button", "check box", "radio button",
         "combo box", "spin button", "switch", "menu item", "check menu item",
         "radio menu item", "link"}


def shown(node):
    while node is not None:
        try:
            e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except Exception:
            return False
        if e.width <= 0 or e.height <= 0:
            return False
        if node.getRoleName() in ("frame", "dialog", "alert", "window"):
            return True
        node = node.parent
    return False


def unnamed(name):
    name = (name or "").strip()
    return name == "" or name.startswith("Gtk") or name.startswith("Adw")


found = False
controls = 0
bad = []
for app in pyatspi.Registry.getDesktop(0):
    try:
        if app is None or app.name != "bulletin" or app.get_process_id() != pid:
            continue
    except Exception:
        continue
    found = True
    stack = [(app, "")]
    while stack:
        node, where = stack.pop()
        try:
            role = node.getRoleName()
            here = where + "/" + role + (":" + node.name[:24] if node.name else "")
            if role in ROLES and shown(node):
                controls += 1
                if unnamed(node.name):
                    bad.append("%s named %r in %s" % (role, node.name or "", where))
            for i in reversed(range(node.childCount)):
                stack.append((node.getChildAtIndex(i), here))
        except Exception:
            pass

if not found:
    sys.exit(1)
print("controls %d" % controls)
for b in bad:
    print(b)
