#!/usr/bin/env bash
# System packages on a bare Debian/Ubuntu machine. Idempotent: does nothing when everything is
# already there.
#
#   scripts/setup-system.sh app    what the desktop app needs (`make run`): Qt's xcb libraries,
#                                  fonts, D-Bus and a Secret Service (gnome-keyring) for the store key
#   scripts/setup-system.sh test   the app's packages plus what only the tests need (`make test`):
#                                  a virtual X server, headless Chromium and poppler for the report
#                                  tests, curl, and Node.js/npm for the npm SDKs of the label tests
set -euo pipefail
mode=${1:-test}
app_pkgs=(gnome-keyring dbus libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-image0 libegl1
          libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 procps iproute2 fonts-dejavu-core)
test_pkgs=(xvfb xauth dbus-x11 chromium poppler-utils curl)
case "$mode" in
  app) pkgs=("${app_pkgs[@]}") ;;
  test) pkgs=("${app_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Only the tests run Node.js (the npm telemetry SDKs of tests/label/corpus/npm): the app never
# does. A Node installed otherwise (NodeSource, nvm) is kept; only a missing one comes from apt.
if [ "$mode" = test ]; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi

check_node() {
  [ "$mode" = test ] || return 0
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
