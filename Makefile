# Two commands: `make serve` sets up and serves the apps; `make test` sets up and runs the suite
# (`make check` is its fast gate: lint, types, fast tests). All are idempotent: a second run reuses
# the venv and only reinstalls when pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
LANG_UI ?= sv
PYTEST_ARGS ?=

AXE    := var/axe/node_modules/axe-core/axe.min.js

.PHONY: serve test setup setup-test chromium axe hub hub-proxy postgresql check bench clean

serve: $(VENV)/.kit-installed
	$(BIN)/strom-kit serve --port $(PORT) --lang $(LANG_UI)

test: $(VENV)/.test-installed chromium axe hub-proxy postgresql
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.kit-installed
setup-test: $(VENV)/.test-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.kit-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.kit-installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser tests drive Debian's chromium (a test tool's own browser download fails offline).
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium not found and not root: browser tests will be skipped"; fi

# Accessibility checks inject axe-core (from the npm registry) into the served pages.
axe: $(AXE)
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p var/axe && npm install --silent --no-audit --no-fund --prefix var/axe axe-core@4.14.1; \
	else echo "npm not found: accessibility tests will be skipped"; fi

# The region's hub (strom-kit hub): JupyterHub's proxy from the npm registry, PostgreSQL from Debian.
# `sudo make hub` sets it up and starts it (README, "Hosting for a region").
CHP    := var/chp/node_modules/.bin/configurable-http-proxy
HUB_PORT ?= 8000
hub: $(VENV)/.hub-installed hub-proxy postgresql
	$(BIN)/strom-kit hub --init-db --port $(HUB_PORT)

$(VENV)/.hub-installed: pyproject.toml $(VENV)/.kit-installed
	$(BIN)/python -m pip install --quiet -e '.[hub]'
	touch $@

hub-proxy: $(CHP)
$(CHP):
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p var/chp && npm install --silent --no-audit --no-fund --prefix var/chp configurable-http-proxy@5.3.0; \
	else echo "npm not found: the hub tests will be skipped"; fi

postgresql:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian postgresql for the hub and store tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "PostgreSQL not found and not root: the PostgreSQL tests will be skipped"; fi

# The fast gate, under a minute: the content, ruff and mypy (pyproject.toml's settings), then the
# unit and content tests not marked `slow` (no server, kernel or browser, no sweep: tests/unit/conftest.py),
# on two cores, a test module's tests in one process.
check: $(VENV)/.test-installed
	$(BIN)/strom-kit content check >/dev/null
	$(BIN)/ruff check kit tests bench
	$(BIN)/mypy
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m pytest -q -m "not slow" -n 2 --dist loadfile tests/unit tests/content $(PYTEST_ARGS)

bench: $(VENV)/.kit-installed
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/cases.py
	$(BIN)/python bench/nrm.py
	$(BIN)/python bench/mapping.py
	$(BIN)/python bench/voila.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
