#!/usr/bin/env bash
# System packages the app and its tests need on a bare Debian/Ubuntu machine: a virtual X server,
# a real Secret Service (gnome-keyring) on D-Bus, Qt's xcb libraries, headless Chromium and poppler
# for the report tests, Node.js and npm for the npm SDKs of the label tests. Idempotent: does
# nothing when everything is already there.
set -euo pipefail
pkgs=(xvfb xauth gnome-keyring dbus dbus-x11 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-shape0
      libxcb-image0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 chromium poppler-utils
      curl procps iproute2 fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm run the npm telemetry SDKs of the label tests (tests/label/corpus/npm). A Node
# installed otherwise (NodeSource, nvm) is kept; only a missing one comes from apt.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

check_node() {
  command -v node >/dev/null || return 0
  # @sentry/node and posthog-node need Node.js 20.19 or newer.
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
                process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "setup-system: Node.js $(node --version) is too old for the npm SDKs of the label tests" \
         "(tests/label/corpus/npm needs Node.js 20.19 or newer); install a newer nodejs" >&2
    exit 1
  fi
}
if [ ${#missing[@]} -eq 0 ]; then
  check_node
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "setup-system: apt-get not found; install these yourself: ${missing[*]}" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
check_node
