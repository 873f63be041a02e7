# Cluster Atlas — two commands: `make run` (install, build the data layer, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
export HOST PORT

.PHONY: run test test-fast serve build lint bench load system-deps clean refresh

$(VENV)/bin/activate:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c "import ensurepip" 2>/dev/null || \
	  (echo "python3-venv missing: installing it with apt-get" && apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

build: $(VENV)/.runtime
	$(PY) -m data.build --if-stale

# Opt-in: fetch the newest Eurostat releases as dated snapshots (needs internet; see README "Refreshing Eurostat data").
# make refresh [TABLES="htec_emp_reg2 tgs00003"] [DRY_RUN=1]; then `make build` uses the accepted snapshots.
refresh: $(VENV)/.runtime
	$(PY) -m data.refresh $(if $(TABLES),--tables $(TABLES)) $(if $(DRY_RUN),--dry-run)

run: build
	@echo "Cluster Atlas on http://$(HOST):$(PORT)"
	$(PY) app.py

serve: build
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py app:server

system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: system-deps $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q tests

test-fast: $(VENV)/.dev
	$(PY) -m pytest -q tests/unit

bench: build $(VENV)/.dev
	$(PY) -m bench

load: build
	$(PY) -m bench.load --users 50 --seconds 60

clean:
	rm -rf data/processed data/.processed-builds
