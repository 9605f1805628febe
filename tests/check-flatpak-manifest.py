#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifest, offline: it parses, names the app and its command,
# pins every source (a git commit, or the sha256 of a download), asks for
# no broad permission, and every library the meson build asks for comes
# from the runtime or from a module of the manifest. Then the same checks
# run on broken copies of the manifest (a zeroed checksum, a tag with no
# commit, --filesystem=home, GMime left out…), each of which must fail.
# Speaks TAP.
#
#   check-flatpak-manifest.py SOURCE_ROOT              the real manifest, then the self-check
#   check-flatpak-manifest.py SOURCE_ROOT MANIFEST     that manifest only; exit 1 on a problem

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

APP_ID = "io.github.bulletin.Bulletin"
COMMAND = "bulletin"

# What org.gnome.Platform 50 provides of what Bulletin links against, read in
# gnome-build-meta at tag 50.4 (elements/sdk-platform.bst and the
# freedesktop-sdk 25.08 junction it builds on): GLib, GTK 4, libadwaita,
# GtkSourceView 5 and WebKitGTK 6.0 from its sdk/ elements, gdk-pixbuf,
# enchant 2.8 (sdk/enchant-2.bst, with Hunspell and Nuspell), and SQLite
# (built with --enable-fts5, which the drafts search needs) and zlib from
# freedesktop-sdk. It has no GMime, no libical (neither gnome-build-meta 50.3
# nor freedesktop-sdk has an element for it) and no cmark-gfm (only cmark,
# which is not the GFM fork). Bumping the runtime means checking these lists again,
# so the version is part of them.
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "50"
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gobject-2.0", "gmodule-2.0", "gtk4", "libadwaita-1",
    "gtksourceview-5", "webkitgtk-6.0", "gdk-pixbuf-2.0", "enchant-2",
    "hunspell", "sqlite3", "zlib",
}

# What each module of the manifest installs, by the names meson looks for
# (dependency() takes pkg-config names, find_library() library names).
MODULE_PROVIDES = {
    "cmark-gfm": {"libcmark-gfm", "cmark-gfm-extensions"},
    "gmime": {"gmime-3.0"},
    "libical": {"libical"},
}

# Hunspell dictionaries in the runtime itself: freedesktop-sdk 25.08.15's
# components/dictionaries.bst installs LibreOffice's English ones into
# /usr/share/hunspell (other languages come with the Locale extension, by
# the user's languages), where enchant's Hunspell provider looks
# ($XDG_DATA_DIRS/hunspell). A module may add more into /app/share/hunspell.
RUNTIME_DICTIONARIES = {"en_AU", "en_CA", "en_GB", "en_US", "en_ZA"}
DICTIONARY_DIR = "/app/share/hunspell"

# Every permission the app has, and why; anything else is refused, and these
# above all, as each one opens the sandbox wide.
JUSTIFIED = {
    "--share=ipc": "X11's shared memory, with fallback-x11",
    "--socket=wayland": "the window",
    "--socket=fallback-x11": "the window where there is no Wayland",
    "--device=dri": "GTK's and WebKit's GPU rendering",
}
BROAD = [
    "--filesystem=home", "--filesystem=host", "--filesystem=host-os",
    "--filesystem=host-etc", "--socket=session-bus", "--socket=system-bus",
    "--socket=x11", "--talk-name=org.freedesktop.Flatpak", "--device=all",
    "--share=network",
]

HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def meson_dependencies(root):
    """Every dependency('…') and find_library('…') name in the build."""
    names = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames
                       if not d.startswith((".", "_build"))
                       and d != "subprojects"]
        if "meson.build" not in filenames:
            continue
        with open(os.path.join(dirpath, "meson.build"), encoding="utf-8") as f:
            text = re.sub(r"#.*", "", f.read())
        names.update(re.findall(r"\bdependency\(\s*'([^']+)'", text))
        names.update(re.findall(r"\bfind_library\(\s*'([^']+)'", text))
    return names


def all_modules(modules):
    for module in modules:
        if isinstance(module, str):
            # a module in a file of its own: not used here, and not checked
            yield {"name": module, "sources": [{"type": "unchecked-file"}]}
            continue
        yield module
        yield from all_modules(module.get("modules", []))


def source_problem(module, source):
    kind = source.get("type")
    where = f"module {module.get('name')}: {kind} source {source.get('url') or source.get('path') or ''}".rstrip()
    if kind == "git":
        commit = source.get("commit")
        if commit is None:
            what = "a branch" if "branch" in source else "a tag" if "tag" in source else "nothing"
            return f"{where} is pinned by {what}, not by a commit"
        if not HEX40.match(commit):
            return f"{where}: commit {commit!r} is not 40 hex digits"
        return None
    if kind in ("archive", "file"):
        if "path" in source and "url" not in source:
            return None  # a file in this repository
        checksum = source.get("sha256")
        if checksum is None:
            return f"{where} has no sha256"
        if not HEX64.match(checksum) or set(checksum) == {"0"}:
            return f"{where}: sha256 {checksum!r} is not a real checksum"
        return None
    if kind == "dir":
        if module.get("name") == COMMAND and source.get("path") == "..":
            return None
        return f"{where}: only the app itself builds from a local folder"
    if kind in ("shell", "patch", "script"):
        if "url" in source:
            return f"{where}: a {kind} source comes from the repository, not a download"
        return None
    return f"{where}: unknown source type, cannot tell whether it is pinned"


def default_spelling_language(root):
    with open(os.path.join(root, "src", "core", "bulletin-spell.h"), encoding="utf-8") as f:
        return re.search(r'#define BULLETIN_SPELL_DEFAULT_LANGUAGE "([^"]+)"', f.read()).group(1)


def check_manifest(manifest, needed, language):
    """Returns [(name, problems)] for each check."""
    checks = []
    app_id = manifest.get("id", manifest.get("app-id"))
    checks.append(("app ID", [] if app_id == APP_ID else [f"id is {app_id!r}, not {APP_ID}"]))
    command = manifest.get("command")
    checks.append(("command", [] if command == COMMAND else [f"command is {command!r}, not {COMMAND}"]))

    runtime = []
    if manifest.get("runtime") != RUNTIME or manifest.get("sdk") != SDK:
        runtime.append(f"runtime {manifest.get('runtime')} / sdk {manifest.get('sdk')}, not {RUNTIME} / {SDK}")
    if manifest.get("runtime-version") != RUNTIME_VERSION:
        runtime.append(f"runtime-version {manifest.get('runtime-version')!r}: what it provides was "
                       f"checked for {RUNTIME_VERSION!r}; check again and update RUNTIME_PROVIDES")
    checks.append(("the GNOME runtime whose contents were checked", runtime))

    modules = list(all_modules(manifest.get("modules", [])))
    pins = []
    for module in modules:
        sources = module.get("sources", [])
        if not sources:
            pins.append(f"module {module.get('name')} has no sources")
        for source in sources:
            problem = source_problem(module, source)
            if problem:
                pins.append(problem)
    checks.append(("every source of every module is pinned", pins))

    args = manifest.get("finish-args", [])
    broad = [a for a in args if any(a == b or a.startswith(b + ":") for b in BROAD)
             or a.startswith("--filesystem=~") or a.startswith("--filesystem=/")]
    checks.append(("no broad permission", [f"{a} opens the sandbox" for a in broad]))
    checks.append(("every permission is justified",
                   [f"{a} is not among the justified permissions" for a in args if a not in JUSTIFIED]))

    last = modules[-1] if modules else {}
    own = [] if last.get("name") == COMMAND and last.get("sources") == [{"type": "dir", "path": ".."}] \
        else ["the last module is not the app built from the repository (dir ..)"]
    checks.append(("the app builds from this repository, after its dependencies", own))

    names = {m.get("name") for m in modules}
    provided = set(RUNTIME_PROVIDES)
    for name in names:
        provided |= MODULE_PROVIDES.get(name, set())
    checks.append(("every library the meson build needs comes from the runtime or a module",
                   [f"{dep}: neither in {RUNTIME} {RUNTIME_VERSION} nor built by a module"
                    for dep in sorted(needed - provided)]))

    dictionaries = []
    if language not in RUNTIME_DICTIONARIES:
        for ext in ("aff", "dic"):
            wanted = f"{language}.{ext}"
            ok = any(
                any(os.path.basename(s.get("dest-filename") or s.get("url", s.get("path", ""))) == wanted
                    for s in m.get("sources", []) if s.get("type") == "file")
                and any(DICTIONARY_DIR in c and wanted in c for c in m.get("build-commands", []))
                for m in modules)
            if not ok:
                dictionaries.append(f"no module installs {wanted} into {DICTIONARY_DIR}")
    checks.append((f"the default spelling language's dictionary ({language}) is in the runtime or a module",
                   dictionaries))
    return checks


def run(root, path):
    """TAP lines for one manifest; True when it passed."""
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [(f"{os.path.basename(path)} parses as JSON", [str(e)])]
    if not isinstance(manifest, dict):
        return [("the manifest is a JSON object", ["it is not"])]
    return [("the manifest parses as JSON", [])] + check_manifest(
        manifest, meson_dependencies(root), default_spelling_language(root))


def report(results, start=1):
    n = start
    failed = 0
    for name, problems in results:
        print(("ok" if not problems else "not ok") + f" {n} - {name}")
        for p in problems:
            print(f"# {p}")
        failed += bool(problems)
        n += 1
    return n, failed


def breakages(manifest):
    """Broken copies of the manifest, each with what is wrong with it."""
    def first(kind, m):
        for module in all_modules(m["modules"]):
            for source in module.get("sources", []):
                if source.get("type") == kind:
                    return source
        raise AssertionError(f"no {kind} source to break")

    def module(name, m):
        return next(x for x in m["modules"] if x.get("name") == name)

    def archive(checksum):
        return {"type": "archive", "url": "https://example.org/gmime-3.2.15.tar.xz",
                "sha256": checksum}

    # the manifest pins by commit only, so these try archives in its place
    def zero_sha(m):
        module("gmime", m)["sources"][0] = archive("0" * 64)

    def short_sha(m):
        module("gmime", m)["sources"][0] = archive(hashlib.sha256(b"gmime").hexdigest()[:32])

    def tag_only(m):
        del first("git", m)["commit"]

    def branch_only(m):
        s = first("git", m)
        del s["commit"]
        s.pop("tag", None)
        s["branch"] = "main"

    def short_commit(m):
        s = first("git", m)
        s["commit"] = s["commit"][:12]

    def archive_without_sha(m):
        module("gmime", m)["sources"] = [{"type": "archive",
                                          "url": "https://example.org/gmime-3.2.15.tar.xz"}]

    def home(m):
        m["finish-args"].append("--filesystem=home")

    def host_ro(m):
        m["finish-args"].append("--filesystem=host:ro")

    def session_bus(m):
        m["finish-args"].append("--socket=session-bus")

    def flatpak_portal_escape(m):
        m["finish-args"].append("--talk-name=org.freedesktop.Flatpak")

    def network(m):
        m["finish-args"].append("--share=network")

    def no_gmime(m):
        m["modules"] = [x for x in m["modules"] if x.get("name") != "gmime"]

    def no_cmark(m):
        m["modules"] = [x for x in m["modules"] if x.get("name") != "cmark-gfm"]

    def app_id(m):
        m["id"] = "org.example.Bulletin"

    def command(m):
        m["command"] = "bulletin-cli"

    def runtime(m):
        m["runtime-version"] = "44"

    return [
        ("a zeroed sha256", zero_sha),
        ("a sha256 cut short", short_sha),
        ("a git source with a tag and no commit", tag_only),
        ("a git source on a branch", branch_only),
        ("an abbreviated commit", short_commit),
        ("an archive without a checksum", archive_without_sha),
        ("--filesystem=home", home),
        ("--filesystem=host:ro", host_ro),
        ("--socket=session-bus", session_bus),
        ("--talk-name=org.freedesktop.Flatpak", flatpak_portal_escape),
        ("--share=network", network),
        ("GMime left out", no_gmime),
        ("cmark-gfm left out", no_cmark),
        ("another app ID", app_id),
        ("another command", command),
        ("a runtime whose contents were not checked", runtime),
    ]


def controls(manifest):
    """Changed copies that are still right, so the checks refuse only what is wrong."""
    def archive(m):
        gmime = next(x for x in m["modules"] if x.get("name") == "gmime")
        gmime["sources"][0] = {"type": "archive",
                               "url": "https://example.org/gmime-3.2.15.tar.xz",
                               "sha256": hashlib.sha256(b"gmime").hexdigest()}

    def module_dictionary(m):
        m["modules"].insert(0, {
            "name": "dictionary", "buildsystem": "simple",
            "build-commands": [f"install -Dm644 -t {DICTIONARY_DIR} en_GB.aff en_GB.dic"],
            "sources": [{"type": "file", "url": f"https://example.org/en_GB.{ext}",
                         "sha256": hashlib.sha256(ext.encode()).hexdigest()}
                        for ext in ("aff", "dic")]})

    return [
        ("an archive with a real sha256 in place of a commit", archive),
        ("one more module, with file sources", module_dictionary),
    ]


def self_check(root, path, n):
    """Each broken copy, checked by this script as a separate run, must fail;
    each control must pass."""
    with open(path, encoding="utf-8") as f:
        good = json.load(f)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in controls(good):
            changed = os.path.join(tmp, "changed.json")
            m = copy.deepcopy(good)
            fn(m)
            with open(changed, "w", encoding="utf-8") as f:
                json.dump(m, f)
            r = subprocess.run([sys.executable, __file__, root, changed],
                               capture_output=True, text=True)
            print(("ok" if r.returncode == 0 else "not ok") + f" {n} - the check accepts {name}")
            if r.returncode != 0:
                print("# " + r.stdout.strip().replace("\n", "\n# ") + " " + r.stderr.strip())
            failed += r.returncode != 0
            n += 1
        for name, fn in breakages(good) + [("text that is not JSON", None)]:
            broken = os.path.join(tmp, "broken.json")
            with open(broken, "w", encoding="utf-8") as f:
                if fn is None:
                    f.write(json.dumps(good)[:-10])
                else:
                    m = copy.deepcopy(good)
                    fn(m)
                    json.dump(m, f)
            r = subprocess.run([sys.executable, __file__, root, broken],
                               capture_output=True, text=True)
            caught = r.returncode == 1 and "not ok" in r.stdout
            print(("ok" if caught else "not ok") + f" {n} - the check refuses a manifest with {name}")
            if caught:
                for line in r.stdout.splitlines():
                    if line.startswith("# "):
                        print(f"#   {line[2:]}")
            else:
                print(f"# exit {r.returncode}: {r.stdout.strip()} {r.stderr.strip()}")
            failed += not caught
            n += 1
    return n, failed


def main():
    root = sys.argv[1]
    if len(sys.argv) > 2:
        n, failed = report(run(root, sys.argv[2]))
        print(f"1..{n - 1}")
        sys.exit(1 if failed else 0)
    path = os.path.join(root, "flatpak", APP_ID + ".json")
    n, failed = report(run(root, path))
    needed = meson_dependencies(root)
    print(("ok" if len(needed) >= 10 else "not ok") +
          f" {n} - the meson build's dependencies are found ({', '.join(sorted(needed))})")
    failed += len(needed) < 10
    n += 1
    n, failed2 = self_check(root, path, n)
    print(f"1..{n - 1}")
    sys.exit(1 if failed or failed2 else 0)


if __name__ == "__main__":
    main()
