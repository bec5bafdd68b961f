#!/usr/bin/env bash
# System packages the app and its tests need on a bare Debian/Ubuntu machine: a virtual X server,
# a real Secret Service (gnome-keyring) on D-Bus, Qt's xcb libraries, headless Chromium and poppler
# for the report tests. Idempotent: does nothing when everything is already there.
set -euo pipefail
pkgs=(xvfb xauth gnome-keyring dbus dbus-x11 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-shape0
      libxcb-image0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 chromium poppler-utils
      curl procps iproute2 fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "setup-system: apt-get not found; install these yourself: ${missing[*]}" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
