#!/usr/bin/env bash
# The test command: lint, types, then the whole suite with a real Secret Service and Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/ruff check .
$BIN/ruff format --check .
$BIN/mypy
exec scripts/with-session-bus.sh $BIN/python -m pytest "$@"
