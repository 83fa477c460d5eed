#!/usr/bin/env bash
# Build the Debian/Ubuntu package of SEB Launcher with dpkg-deb from a staged tree.
#
# usage: installer/linux/build-deb.sh [--app-dir DIR] [--out DIR] [--version VERSION]
#
#   --app-dir DIR   the self-contained one-folder app (PyInstaller's dist/seb-launcher, with the
#                   executable "seb-launcher" at its top). Default: dist/seb-launcher, built
#                   first with installer/pyinstaller/seb-launcher.spec when it is missing.
#   --out DIR       where the .deb goes (default: dist)
#   --version V     package version (default: the launcher's version in launcher/__init__.py)
#   --compress C    dpkg-deb compressor: xz (default, for releases), zstd, gzip or none
#   --fast          quick build for CI and tests: gzip at level 1 (same contents, bigger file)
#
# Package layout:
#   /opt/seb-launcher/                 the app folder (Python, Qt and QtWebEngine inside)
#   /usr/bin/seb-launcher              -> /opt/seb-launcher/seb-launcher
#   /usr/share/applications/seb-launcher.desktop      seb://, sebs:// and .seb handler
#   /usr/share/mime/packages/seb-launcher.xml         the application/seb file type
#   /usr/share/metainfo/org.seblauncher.Launcher.metainfo.xml
#   /usr/share/icons/hicolor/*/apps/seb-launcher.{png,svg}
#   /usr/share/wayland-sessions/seb-launcher-exam.desktop  the "Exam" login session (needs cage)
#   /usr/bin/seb-launcher-exam-session  cage -- seb-launcher open [link]; ends with the exam
#   /etc/seb-launcher/                 machine-wide client configuration (SebClientSettings.seb,
#                                      exam-session-link)
# postinst/postrm refresh the MIME, desktop and icon caches.
# Environment: DEB_COMPRESS (xz, zstd, gzip or none; default xz).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP_DIR=""
OUT_DIR="$ROOT/dist"
VERSION=""
COMPRESS="${DEB_COMPRESS:-xz}"
LEVEL=""

die() { echo "build-deb: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --app-dir) APP_DIR="${2:?--app-dir needs a directory}"; shift 2 ;;
    --out) OUT_DIR="${2:?--out needs a directory}"; shift 2 ;;
    --version) VERSION="${2:?--version needs a value}"; shift 2 ;;
    --compress) COMPRESS="${2:?--compress needs xz, zstd, gzip or none}"; shift 2 ;;
    --fast) COMPRESS="gzip"; LEVEL="1"; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

case "$COMPRESS" in
  xz|zstd|gzip|none) ;;
  *) die "unknown compressor '$COMPRESS' (xz, zstd, gzip or none)" ;;
esac

command -v dpkg-deb >/dev/null || die "dpkg-deb not found: install the package 'dpkg' (and 'dpkg-dev')"

if [ -z "$VERSION" ]; then
  VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/launcher/__init__.py")"
  [ -n "$VERSION" ] || die "could not read the version from launcher/__init__.py"
fi

if [ -z "$APP_DIR" ]; then
  APP_DIR="$ROOT/dist/seb-launcher"
  if [ ! -x "$APP_DIR/seb-launcher" ]; then
    PY="$ROOT/.venv/bin/python"
    "$PY" -c "import PyInstaller" 2>/dev/null \
      || die "no app folder at $APP_DIR and PyInstaller is missing: $PY -m pip install pyinstaller"
    echo "Building the app folder with PyInstaller (takes a few minutes)..."
    (cd "$ROOT" && "$PY" -m PyInstaller --noconfirm --distpath "$ROOT/dist" \
      --workpath "$ROOT/build/pyinstaller" installer/pyinstaller/seb-launcher.spec)
  fi
fi
APP_DIR="$(cd "$APP_DIR" && pwd)"
[ -x "$APP_DIR/seb-launcher" ] || die "$APP_DIR has no executable 'seb-launcher'"

ARCH="${DEB_ARCH:-$(dpkg --print-architecture)}"
RES="$ROOT/resources/linux"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/seb-launcher"

# The app and its command.
install -d "$PKG/opt" "$PKG/usr/bin"
cp -a "$APP_DIR" "$PKG/opt/seb-launcher"
ln -s /opt/seb-launcher/seb-launcher "$PKG/usr/bin/seb-launcher"

# Spell checking (allowSpellCheck): German, English and French dictionaries in the browser
# engine's .bdic format, converted from this machine's Hunspell ones with Qt's converter
# (qt6-webengine-dev-tools, hunspell-de-de, hunspell-en-us, hunspell-fr), as the launcher's
# shipped resources. Without the converter the package has none (users install them with
# 'seb-launcher dictionaries install').
CONVERT_DICT="$(command -v qwebengine_convert_dict || true)"
for d in /usr/lib/qt6/libexec /usr/lib/"$(uname -m)"-linux-gnu/qt6/libexec; do
  if [ -z "$CONVERT_DICT" ] && [ -x "$d/qwebengine_convert_dict" ]; then CONVERT_DICT="$d/qwebengine_convert_dict"; fi
done
DICT_DIR="$PKG/opt/seb-launcher/_internal/launcher/resources/dictionaries"
if [ -n "$CONVERT_DICT" ]; then
  for lang in de_DE en_US fr_FR; do
    src="/usr/share/hunspell/$lang.dic"
    if [ -f "$src" ] && [ -f "${src%.dic}.aff" ]; then
      install -d "$DICT_DIR"
      "$CONVERT_DICT" "$src" "$DICT_DIR/${lang/_/-}.bdic" >/dev/null \
        || die "converting the $lang dictionary failed"
      chmod 0644 "$DICT_DIR/${lang/_/-}.bdic"
    else
      echo "note: no Hunspell dictionary $src: the package has no ${lang/_/-} dictionary" >&2
    fi
  done
else
  echo "note: qwebengine_convert_dict not found (qt6-webengine-dev-tools): no spell-checking dictionaries shipped" >&2
fi

# Desktop integration: the same files 'seb-launcher register' installs per user.
install -D -m 0644 "$RES/seb-launcher.desktop" "$PKG/usr/share/applications/seb-launcher.desktop"
install -D -m 0644 "$RES/seb-launcher.xml" "$PKG/usr/share/mime/packages/seb-launcher.xml"
install -D -m 0644 "$RES/org.seblauncher.Launcher.metainfo.xml" \
  "$PKG/usr/share/metainfo/org.seblauncher.Launcher.metainfo.xml"
install -D -m 0644 "$RES/icons/scalable/seb-launcher.svg" \
  "$PKG/usr/share/icons/hicolor/scalable/apps/seb-launcher.svg"
for png in "$RES"/icons/*x*/seb-launcher.png; do
  size="$(basename "$(dirname "$png")")"
  install -D -m 0644 "$png" "$PKG/usr/share/icons/hicolor/$size/apps/seb-launcher.png"
done

# The "Exam" login session for managed exam machines: cage shows the launcher and nothing else
# (listed by the display manager once cage is installed: TryExec).
install -D -m 0644 "$RES/seb-launcher-exam.desktop" "$PKG/usr/share/wayland-sessions/seb-launcher-exam.desktop"
install -D -m 0755 "$RES/seb-launcher-exam-session" "$PKG/usr/bin/seb-launcher-exam-session"

# Where IT puts the machine-wide client configuration (SebClientSettings.seb).
install -d -m 0755 "$PKG/etc/seb-launcher"
cat > "$PKG/etc/seb-launcher/README" <<'EOF'
Put the machine-wide SEB client configuration here as SebClientSettings.seb (mode 0644,
owned by root). It applies to every user of this computer and wins over a user's own.
EOF
chmod 0644 "$PKG/etc/seb-launcher/README"

install -d "$PKG/usr/share/doc/seb-launcher"
cat > "$PKG/usr/share/doc/seb-launcher/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: seb-launcher

Files: *
License: MPL-2.0
 This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.
 On Debian systems the full text is in /usr/share/common-licenses/MPL-2.0.
EOF

# Maintainer scripts: refresh the caches the desktop reads (dpkg triggers do it too on
# current Debian and Ubuntu; calling the tools keeps older and minimal systems right).
install -d "$PKG/DEBIAN"
cat > "$PKG/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
    gtk-update-icon-cache -q -f /usr/share/icons/hicolor || true
  fi
fi
exit 0
EOF
cat > "$PKG/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  remove|purge)
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
      gtk-update-icon-cache -q -f /usr/share/icons/hicolor || true
    fi
    ;;
esac
if [ "$1" = "purge" ]; then
  rmdir --ignore-fail-on-non-empty /etc/seb-launcher 2>/dev/null || true
fi
exit 0
EOF
chmod 0755 "$PKG/DEBIAN/postinst" "$PKG/DEBIAN/postrm"
echo "/etc/seb-launcher/README" > "$PKG/DEBIAN/conffiles"

INSTALLED_KB="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
# The app folder carries Python and Qt; these are the system libraries QtWebEngine and Qt's
# xcb platform load from the OS (PyInstaller leaves them out on purpose).
cat > "$PKG/DEBIAN/control" <<EOF
Package: seb-launcher
Version: $VERSION
Architecture: $ARCH
Maintainer: SEB Launcher developers <seb-launcher@localhost>
Installed-Size: $INSTALLED_KB
Depends: libc6, libnss3, libnspr4, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, libgbm1, libfontconfig1, libfreetype6, libdbus-1-3, libxcomposite1, libxdamage1, libxrandr2, libxtst6, libxshmfence1, libxkbfile1, libasound2 | libasound2t64, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libpulse0, libwayland-client0, libwayland-cursor0, libxres1
Recommends: xdg-utils, shared-mime-info, desktop-file-utils
Suggests: cage
Section: education
Priority: optional
Description: open exam launcher compatible with Safe Exam Browser
 SEB Launcher opens Safe Exam Browser configurations (.seb files, seb:// and
 sebs:// links) and runs the exam in a locked full-screen web view. Exam
 servers see the same Config Key and Browser Exam Key as from SEB.
EOF

mkdir -p "$OUT_DIR"
DEB="$OUT_DIR/seb-launcher_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"$COMPRESS" ${LEVEL:+-z"$LEVEL"} --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
