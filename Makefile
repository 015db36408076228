# Two commands on a fresh machine with Python 3.11:
#   make run   - create .venv, install, build data/boardcompare.duckdb when missing or stale, serve on :8501
#   make test  - create .venv with the test extras, run ruff and pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test build lint clean bench
# axe-core, which the browser test injects into each page to check accessibility (from the npm registry).
AXE := tests/browser/node_modules/axe-core/axe.min.js

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/boardcompare ingest --if-stale || test $$? -eq 1

run: build
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error \
		&& touch $@; else echo "npm is missing: the browser test needs it for axe-core (apt-get install npm)"; fi

test: $(VENV)/.installed-test $(AXE)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/benchmark.py

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.* tests/browser/node_modules
