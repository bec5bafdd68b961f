# The two commands of the README: `make run` (the app) and `make test` (the tests).
# Both set up what they need on a fresh machine first: `make run` only the app (system libraries,
# the package and its runtime dependencies); `make test` also the dev/test extras, the npm SDKs of
# the label tests and the Node.js they need.
PYTHON ?= $(shell command -v python3.12 || echo /root/.pyenv/versions/3.12.1/bin/python3.12)
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed

.PHONY: run test setup setup-app system system-app lint typecheck bench bundle wheel screenshots demo clean

# The app alone: the package and its runtime dependencies, no dev or test extras.
$(APP_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $(APP_STAMP)

# The app plus the dev and test extras (pytest, ruff, mypy, PyInstaller, telemetry SDKs).
$(STAMP): pyproject.toml $(APP_STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Real npm telemetry SDKs for the label tests (tests/label/corpus/npm), exact versions from the lock.
NPM_DIR := tests/label/corpus/npm
NPM_STAMP := $(NPM_DIR)/node_modules/.installed

$(NPM_STAMP): $(NPM_DIR)/package.json $(NPM_DIR)/package-lock.json
	cd $(NPM_DIR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NPM_STAMP)

setup-app: $(APP_STAMP)

setup: $(STAMP) $(NPM_STAMP)

system-app:
	scripts/setup-system.sh app

system:
	scripts/setup-system.sh test

run: system-app setup-app
	$(BIN)/auditor-gui

demo: system-app setup-app
	$(BIN)/auditor-gui --demo

test: system setup
	scripts/run-tests.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

bench: system setup
	scripts/with-session-bus.sh $(BIN)/python -m bench

bundle: setup
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/auditor.spec

wheel: setup
	$(BIN)/python -m pip wheel --no-deps -w dist .

screenshots: system setup
	scripts/with-session-bus.sh $(BIN)/python scripts/screenshots.py --dark

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
