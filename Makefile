# Cluster Atlas — two commands: `make run` (install, build the data layer, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
export HOST PORT

.PHONY: run test test-fast serve serve-proxy proxy-deps render-user build lint bench bench-hostile load system-deps clean refresh

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

# Production: nginx buffers slow clients in front of gunicorn (deploy/nginx.conf.template).
serve-proxy: build proxy-deps
	GUNICORN=$(VENV)/bin/gunicorn deploy/serve-with-proxy.sh

proxy-deps:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || \
	  (apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx)

# The unprivileged user the export Chromium runs as (with its sandbox) when the server runs as root.
render-user:
	@id -u atlas-render >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent \
	  --shell /usr/sbin/nologin atlas-render

# chromium renders every export; poppler-utils (pdftotext, pdfinfo) and LibreOffice Impress read documents back in
# the tests (slides rendered to PDF); fonts-liberation has Arial's metrics, which the slide writer measures text with.
system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null && \
	  command -v soffice >/dev/null && [ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils \
	   fonts-liberation && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-impress)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: system-deps $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q tests

test-fast: $(VENV)/.dev
	$(PY) -m pytest -q tests/unit

bench: build $(VENV)/.dev proxy-deps
	$(PY) -m bench

bench-hostile: build proxy-deps
	$(PY) -m bench.hostile

load: build
	$(PY) -m bench.load --users 50 --seconds 60

clean:
	rm -rf data/processed data/.processed-builds
