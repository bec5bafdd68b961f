#!/usr/bin/env bash
# Runs a command with a private D-Bus session, an unlocked gnome-keyring Secret Service and a
# virtual X server, all in a temporary HOME, so tests use a real keyring and real windows without
# touching the user's own.
set -euo pipefail
if [ -z "${AUDITOR_SESSION_BUS_READY:-}" ]; then
  export AUDITOR_SESSION_BUS_READY=1
  tmp_home=$(mktemp -d)
  trap 'rm -rf "$tmp_home"' EXIT
  export HOME="$tmp_home" XDG_DATA_HOME="$tmp_home/.local/share" XDG_CONFIG_HOME="$tmp_home/.config"
  export XDG_RUNTIME_DIR="$tmp_home/run"; mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
  # The X server of the caller is not ours to use: start a private one below.
  unset DISPLAY
  exec dbus-run-session -- "$0" "$@"
fi
# Inside the bus: unlock a fresh login keyring (without --unlock the first call hangs).
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
# A virtual screen for the tests that open real windows. Xvfb picks a free display number itself
# (-displayfd): a fixed or random one can collide with a server, or a stale lock, of another run.
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  display_file="$HOME/.xvfb-display"
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$display_file" >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  for _ in $(seq 200); do [ -s "$display_file" ] && break; sleep 0.05; done
  if [ ! -s "$display_file" ]; then
    echo "with-session-bus: Xvfb did not start" >&2
    exit 1
  fi
  DISPLAY=":$(tr -d '[:space:]' < "$display_file")"
  export DISPLAY
fi
"$@"
