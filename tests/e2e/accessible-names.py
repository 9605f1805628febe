#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Walks the accessibility tree of the Bulletin of PID over AT-SPI and
# prints every control on screen (a button, toggle, menu button, check box,
# switch, entry...) and every row of a list on screen that a screen reader
# could not name: no name, or the name GTK falls back to, the widget's
# class ("GtkImage", "GtkMenuButton"). A list's row is what takes the focus
# as the user moves through the list: unnamed, Orca says nothing for it.
# Also a name said wrong: twice over ("Main Menu Main Menu", GTK 4.8 adds
# a menu button's name to that of the button inside it), or with its
# mnemonic's underscore ("_Open Open"). Prints "controls N rows M" first.
#
#   accessible-names.py [--rows] PID [LIST...]
#
# With --rows, also prints the name of each row on screen ("row NAME"), and
# of each control in a row with its description ("in row: NAME: DESC").
# Exits 2 when a LIST (a list named so) has no row on screen yet, so that
# a caller waits for the rows rather than passing on an empty list; 3
# without pyatspi, 1 when Bulletin is not found.

import sys

try:
    import pyatspi
except ImportError:
    sys.exit(3)

args = sys.argv[1:]
list_rows = args[:1] == ["--rows"]
if list_rows:
    args = args[1:]
pid = int(args[0])
lists = {name: 0 for name in args[1:]}
CONTROLS = {"push button", "toggle button", "button", "check box", "radio button",
            "combo box", "spin button", "switch", "menu item", "check menu item",
            "radio menu item", "link", "entry", "password text"}
ROWS = {"list item", "tree item", "table row"}


def shown(node):
    # GTK 4.8 sets no SHOWING state, but what is hidden has an empty
    # allocation. A stack's page is no widget and has no extents: its
    # child has. (A page once shown keeps its allocation when another
    # takes its place: it is walked too, which asks more, not less.)
    while node is not None:
        try:
            e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except NotImplementedError:
            node = node.parent
            continue
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


def said_wrong(name):
    words = (name or "").split()
    if any(w.startswith("_") for w in words):
        return True
    words = [w.replace("_", "") for w in words]
    half = len(words) // 2
    return len(words) % 2 == 0 and half > 0 and words[:half] == words[half:]


found = False
controls = 0
rows = 0
bad = []
names = []
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
            # the options of a combo box (AdwComboRow) are libadwaita's own
            # list, and the combo box says the option chosen as its value
            if role in ROWS and "/combo box" in where:
                pass
            elif (role in CONTROLS or role in ROWS) and shown(node):
                if role in ROWS:
                    rows += 1
                    names.append("row " + (node.name or ""))
                    parent = node.parent
                    if parent is not None and parent.name in lists:
                        lists[parent.name] += 1
                else:
                    controls += 1
                    if "/list item" in where:
                        names.append("in row: %s: %s" % (node.name or "", node.description or ""))
                if unnamed(node.name) or said_wrong(node.name):
                    bad.append("%s named %r in %s" % (role, node.name or "", where))
            for i in reversed(range(node.childCount)):
                stack.append((node.getChildAtIndex(i), here))
        except Exception:
            pass

if not found:
    sys.exit(1)
print("controls %d rows %d" % (controls, rows))
for b in bad:
    print(b)
if list_rows:
    for n in names:
        print(n)
empty = [name for name, n in lists.items() if n == 0]
if empty:
    print("no rows on screen yet in " + ", ".join(empty))
    sys.exit(2)
