#!/usr/bin/env bash
# Set up a development machine: system libraries QtWebEngine needs, the OS tools the
# desktop integration uses, a virtual environment in .venv and the launcher in it.
# Safe to run again; used by CI (.ci/run) and by README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # QtWebEngine (Chromium) and Qt's xcb platform
  libnss3 libnspr4 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libgbm1 libfontconfig1
  libfreetype6 libdbus-1-3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1
  libxkbfile1 libasound2 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libwayland-client0 libwayland-cursor0  # Qt's Wayland platform; the compositor's shortcuts inhibitor (ctypes)
  fonts-dejavu-core
  # desktop integration: link handlers and the .seb file type, checked with the OS's tools
  xdg-utils shared-mime-info desktop-file-utils
  libfile-mimeinfo-perl  # 'mimetype': xdg-mime's file-type query on a generic desktop
  appstream  # appstreamcli validates the AppStream metainfo
  libglib2.0-bin  # 'gio launch' runs our desktop entry the way GLib-based desktops do
  # packaging checks (the Linux .deb is built and inspected in CI)
  dpkg-dev
  binutils  # objdump/readelf: PyInstaller follows the app's shared libraries with them
  # PKCS#12 files written by the OS's own tool in the identity tests
  openssl
  # lockdown: a launcher under strace must refuse the exam
  strace
  # lockdown tests: a renamed copy of a real recorder must still be found (by its build-id),
  # and a real preload library (built with cc) must be found in the launcher's memory map
  ffmpeg gcc libc6-dev
  # the lockdown tests: a real X server with a window manager, keys and clipboard from outside
  xvfb openbox xdotool xclip x11-utils x11-xserver-utils
  dbus-daemon  # a private bus for the stand-in logind and screen saver
  # the Wayland tests: a real compositor on wlroots' headless backend (sway: key bindings and
  # its IPC; cage: the exam session), run as a plain user
  sway cage
  xwayland  # the X server inside sway: a launcher forced onto it must still lock when it is left
  # X11 lockdown: who made a window / which clients are connected (X-Resource); what clients
  # do (RECORD: captures, XTEST input) comes through libxtst6 above
  libxres1
  x11-apps  # xwd: the screen-capture attack tests take the exam's screen as a student would
  tint2 dunst libnotify-bin  # a real panel and notification daemon: a normal desktop must not lock an exam
  xserver-xephyr  # a nested X server: an exam started inside one must be refused
  # spell checking: Qt's dictionary converter and the Hunspell dictionaries the tests convert
  qt6-webengine-dev-tools hunspell-de-de hunspell-en-us hunspell-fr
  # sound: the audio keys go through libpulse (ctypes); the tests start a real PulseAudio
  # server with a null sink and read it back with pactl
  libpulse0 pulseaudio pulseaudio-utils
)

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  echo "apt-get not found: install QtWebEngine's system libraries with your package manager." >&2
fi

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for c in python3.11 python3 python; do
    if command -v "$c" >/dev/null 2>&1; then PY="$c"; break; fi
  done
fi
"$PY" - <<'PYCHECK'
import sys
if sys.version_info < (3, 11):
    sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0])
PYCHECK

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "Ready: .venv/bin/seb-launcher"
