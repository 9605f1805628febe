# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by build-aux/run, build-aux/test and build-aux/bench: installs the
# Debian 12 packages Bulletin needs (apt-get as root, sudo otherwise) and
# configures a build directory. Sourced, not run.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build_packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libwebkitgtk-6.0-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libsqlite3-dev zlib1g-dev libgmime-3.0-dev
  libenchant-2-dev hunspell-en-gb hunspell-en-us
  libical-dev
  desktop-file-utils appstream
)

test_packages=(
  xvfb xauth dbus dbus-x11 at-spi2-core xdotool python3-pyatspi sqlite3
  fonts-dejavu-core default-jre-headless hunspell-en-gb hunspell-en-us
  clang libclang-rt-14-dev llvm faketime groff-base man-db bsdextrautils
  locales hunspell-de-de
)

bench_packages=(
  pandoc gnome-text-editor hyperfine imagemagick valgrind
)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      echo "$pkg"
    fi
  done
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "Installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "error: these packages are missing and neither root nor sudo is available: ${missing[*]}" >&2
      exit 1
    fi
  fi

  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_build DIR [meson options...]
configure_build() {
  local dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$top" "$@" >/dev/null
  fi
}
