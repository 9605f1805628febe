#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install` into a staging folder (DESTDIR, with the configured
# prefix), then everything a distributor looks for, where the standard
# places say it is: the binary runs from there (--version, --help, an
# export of a fixture, byte for byte the build tree's), the desktop file
# validates and names that binary and an installed icon, the icons are in
# hicolor, the schema compiles and the installed binary reads its keys
# through XDG_DATA_DIRS, every language in po/LINGUAS has its catalogue,
# the metainfo validates with the installed tree, and man finds and
# renders the page. Speaks TAP.
#
#   test-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR MANDIR LOCALEDIR

set -u
meson=$1 build=$2 src=$3 prefix=$4 bindir=$5 datadir=$6 mandir=$7 localedir=$8
app_id=io.github.bulletin.Bulletin

. "$(dirname "$0")/tap.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/stage

# meson's options are relative to the prefix unless they are absolute
under_prefix() {
  case $1 in
    /*) echo "$dest$1" ;;
    *) echo "$dest$prefix/$1" ;;
  esac
}
bin=$(under_prefix "$bindir")/bulletin
share=$(under_prefix "$datadir")
man=$(under_prefix "$mandir")
locale=$(under_prefix "$localedir")

# the build tree is already built by `meson test`; no ninja while tests run
"$meson" install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1
status=$?
check "meson install into a staging folder" test $status -eq 0
[ $status -eq 0 ] || sed 's/^/# /' "$tmp/install.log"

# no display, no session bus, the schema only where the test says
run() {
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u GSETTINGS_SCHEMA_DIR \
    LC_ALL=C.UTF-8 "$@"
}

# The binary ------------------------------------------------------------------

check "the binary is in $bindir" test -x "$bin"
check "the binary does not look in the build tree for libraries" \
  sh -c "! readelf -d '$bin' | grep -E 'R(UN)?PATH' | grep -qF '$build'"
version=$(run "$bin" --version 2>&1)
check "--version runs from the staged tree: $version" \
  sh -c "printf '%s\n' '$version' | grep -qxE 'bulletin [0-9]+\.[0-9]+\.[0-9]+'"
check "--help runs from the staged tree and shows the FILE argument" \
  sh -c "'$bin' --help 2>&1 | grep -qF '[FILE…]'"
fixture=$src/tests/data/weekly-update-volunteers.md
run "$bin" --export=text "$fixture" >"$tmp/staged.txt" 2>"$tmp/err"
status=$?
check "--export=text of a fixture runs from the staged tree" test $status -eq 0
run "$build/src/bulletin" --export=text "$fixture" >"$tmp/built.txt" 2>/dev/null
check "the export is the build tree's, byte for byte" \
  sh -c "test -s '$tmp/staged.txt' && cmp -s '$tmp/staged.txt' '$tmp/built.txt'"

# The desktop file and the icons ---------------------------------------------

desktop=$share/applications/$app_id.desktop
check "the desktop file is in share/applications" test -f "$desktop"
# hints (another category that could be added) are advice, not faults
desktop-file-validate "$desktop" >"$tmp/desktop.txt" 2>&1
status=$?
check "the installed desktop file validates, with no error or warning" \
  sh -c "test $status -eq 0 && ! grep -qE ': (error|warning): ' '$tmp/desktop.txt'"
[ $status -eq 0 ] || sed 's/^/# /' "$tmp/desktop.txt"
exec_line=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
check "the desktop file runs the installed binary ($exec_line)" test -x "$(dirname "$bin")/$exec_line"
icon=$(sed -n 's/^Icon=//p' "$desktop")
check "the app icon is in hicolor/scalable/apps, by the desktop file's name" \
  test -f "$share/icons/hicolor/scalable/apps/$icon.svg"
check "the symbolic icon is in hicolor/symbolic/apps" \
  test -f "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

# The settings schema ---------------------------------------------------------

schemas=$share/glib-2.0/schemas
check "the schema is in share/glib-2.0/schemas" test -f "$schemas/$app_id.gschema.xml"
check "the staged schemas compile strictly" glib-compile-schemas --strict "$schemas"
keys=$(gsettings --schemadir "$schemas" list-keys "$app_id" 2>&1)
check "gsettings reads the compiled schema's keys" \
  sh -c "printf '%s\n' '$keys' | grep -qx 'spelling-language'"
# the installed binary finds the schema the standard way, through
# XDG_DATA_DIRS, and follows a stored setting: en_US flags "colour"
printf '# Update\n\nThe colour of the new signs is green.\n' >"$tmp/colour.md"
mkdir -p "$tmp/config/glib-2.0/settings"
printf "[io/github/bulletin/Bulletin]\nspelling-language='en_US'\n" >"$tmp/config/glib-2.0/settings/keyfile"
GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" \
  XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
  run "$bin" --check "$tmp/colour.md" >"$tmp/colour.txt" 2>&1
check "the installed binary reads its settings from the staged schema" \
  grep -qF '“colour” is not in the dictionary' "$tmp/colour.txt"

# Translations ----------------------------------------------------------------

languages=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$')
if [ -z "$languages" ]; then
  check "po/LINGUAS lists no language, and no catalogue is installed" \
    sh -c "! find '$dest' -name bulletin.mo | grep -q ."
fi
for lang in $languages; do
  mo=$locale/$lang/LC_MESSAGES/bulletin.mo
  check "$lang: the catalogue is in share/locale/$lang/LC_MESSAGES" test -f "$mo"
  check "$lang: the catalogue holds translations" \
    sh -c "msgunfmt '$mo' | grep -q '^msgstr \"[^\"]'"
done

# The metainfo ----------------------------------------------------------------

metainfo=$share/metainfo/$app_id.metainfo.xml
check "the metainfo is in share/metainfo" test -f "$metainfo"
check "the installed metainfo validates" sh -c 'appstreamcli validate --no-net --strict "$1" >&2' sh "$metainfo"
# the launchable, the icon and the desktop file seen together, as a software
# centre's indexer sees an installed tree
appstreamcli validate-tree --no-net "$dest$prefix" >"$tmp/tree.txt" 2>&1
status=$?
check "the installed tree validates as a whole (metainfo, desktop file, icon)" test $status -eq 0
[ $status -eq 0 ] || sed 's/^/# /' "$tmp/tree.txt"

# The man page ----------------------------------------------------------------

page=$(man --manpath="$man" -w bulletin 2>/dev/null)
check "man finds the page in man1 ($page)" test "$page" = "$man/man1/bulletin.1"
check "the installed page renders with its name" \
  sh -c "LC_ALL=C.UTF-8 man -l '$man/man1/bulletin.1' 2>/dev/null | col -b | grep -qE '^ +bulletin +- '"

tap_finish
