# Cluster Atlas — two commands: `make run` (install, build the data layer, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
TEST_WORKERS ?= 2
export HOST PORT

# `make help` lists the targets with their one-line descriptions (the `##` comments).

.PHONY: messages translations
.PHONY: help graph settings-table run test test-fast serve serve-proxy proxy-deps render-user build lint bench bench-hostile load first-load bench-varied bench-misses system-deps clean refresh

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  \1\t/' | expand -t 16

$(VENV)/bin/activate:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c "import ensurepip" 2>/dev/null || \
	  (echo "python3-venv missing: installing it with apt-get" && apt-get update -qq && apt-get install -y -qq python3-venv)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# --no-compile: pip byte-compiled every installed file (about 30 s of a fresh install); Python compiles the modules
# it imports, once, on first use.
$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q --no-compile -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install -q --no-compile -r requirements-dev.txt
	touch $@

build: $(VENV)/.runtime translations ## build the data layer when missing or stale, compile the translations
	$(PY) -m data.build --if-stale

LANGS := fr de es it pl
INTERFACE_SOURCES := app.py components pages web api data/importing data/importing/columns.yaml
DOCUMENT_SOURCES := domain figures kinds exports downloads

messages: $(VENV)/.runtime ## extract the words into locales/*.pot and merge them into every language's .po
	$(PY) -m babel.messages.frontend -q extract -F babel.cfg --no-location --sort-output -o locales/interface.pot $(INTERFACE_SOURCES)
	$(PY) -m babel.messages.frontend -q extract -F babel.cfg --no-location --sort-output -o locales/documents.pot $(DOCUMENT_SOURCES)
	@for d in interface documents; do for l in $(LANGS); do \
	  if [ -f locales/$$l/LC_MESSAGES/$$d.po ]; then $(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete -D $$d -i locales/$$d.pot -d locales -l $$l; \
	  else $(VENV)/bin/pybabel -q init -D $$d -i locales/$$d.pot -d locales -l $$l; fi; done; done

translations: $(VENV)/.runtime ## compile the .po catalogues to .mo (the app reads .po directly when a .mo is missing)
	@for d in interface documents; do [ ! -f locales/$(firstword $(LANGS))/LC_MESSAGES/$$d.po ] || \
	  $(VENV)/bin/pybabel -q compile -D $$d -d locales --statistics; done

# Opt-in: fetch the newest Eurostat releases as dated snapshots (needs internet; see README "Refreshing Eurostat data").
# make refresh [TABLES="htec_emp_reg2 tgs00003"] [DRY_RUN=1]; then `make build` uses the accepted snapshots.
refresh: $(VENV)/.runtime ## fetch the newest Eurostat releases as snapshots (needs internet)
	$(PY) -m data.refresh $(if $(TABLES),--tables $(TABLES)) $(if $(DRY_RUN),--dry-run)

run: build ## install, build and serve on HOST:PORT (development server)
	@echo "Cluster Atlas on http://$(HOST):$(PORT)"
	$(PY) app.py

serve: build render-user ## gunicorn, as in production
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py app:server

# Production: nginx buffers slow clients in front of gunicorn (deploy/nginx.conf.template).
serve-proxy: build proxy-deps render-user ## nginx in front of gunicorn (facing the internet)
	GUNICORN=$(VENV)/bin/gunicorn deploy/serve-with-proxy.sh

# nginx and its stream module (the per-address connection limit of deploy/nginx.conf.template).
proxy-deps: ## nginx with its stream module
	@{ command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; } && \
	  { nginx -V 2>&1 | grep -qE -- '--with-stream( |$$)' || [ -f /usr/lib/nginx/modules/ngx_stream_module.so ]; } || \
	  (apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    nginx libnginx-mod-stream)

# The unprivileged user the export Chromium runs as (with its sandbox) when the server runs as root; `make serve`
# and `make serve-proxy` create it (as root only: an unprivileged server runs Chromium as itself).
render-user: ## create the unprivileged user the export Chromium runs as (as root)
	@[ "$$(id -u)" != 0 ] || id -u $${ATLAS_RENDER_USER:-atlas-render} >/dev/null 2>&1 || useradd --system --user-group \
	  --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin $${ATLAS_RENDER_USER:-atlas-render}

# chromium renders every export; poppler-utils (pdftotext, pdfinfo) and LibreOffice Impress read documents back in
# the tests (slides rendered to PDF); fonts-liberation has Arial's metrics, which the slide writer measures text with.
system-deps: ## Debian packages the tests need (Chromium, chromedriver, poppler, LibreOffice Impress, fonts)
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdftotext >/dev/null && \
	  command -v soffice >/dev/null && [ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils \
	   fonts-liberation && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-impress)

lint: $(VENV)/.dev ## ruff, import-linter and mypy (the core packages, pyproject [tool.mypy])
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: system-deps $(VENV)/.dev ## everything: lint, import contracts, type check, all three test tiers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile tests

# The unit tier: no data build, no browser; about a minute on 2 cores.
test-fast: $(VENV)/.dev ## the unit tier only (no data build, no browser)
	$(PY) -m pytest -q -n $(TEST_WORKERS) tests/unit

bench: build $(VENV)/.dev proxy-deps ## all benchmarks
	$(PY) -m bench

bench-hostile: build proxy-deps ## hostile-traffic benchmark
	$(PY) -m bench.hostile

load: build ## load benchmark, repeated requests (the best case: nearly all answer-cache hits; 50 users, 60 s)
	$(PY) -m bench.load --users 50 --seconds 60

first-load: build system-deps ## first load of every page in headless Chromium (gzip kB, goal 1 MB)
	$(PY) -m bench.first_load

# Varied sessions (mostly cache misses): what real use costs. BASELINE_REF=<git ref> compares with that code in the
# same run (default baseline: the answer cache off); SECONDS=30 for a short run on a shared machine.
bench-varied: build ## load benchmark, varied sessions (pages, views, regions, searches, downloads; 50 users)
	$(PY) -m bench.load --varied --users 50 --seconds $(or $(SECONDS),60) $(if $(BASELINE_REF),--baseline-ref $(BASELINE_REF)) \
	  $(if $(EXPORTS),--exports $(EXPORTS))

# The cost of each request of those sessions before it waits: one thread, no server, answer cache off.
bench-misses: build ## what a miss costs, per action (varied sessions replayed in one thread; BASELINE_REF=<git ref>)
	$(PY) -m bench.misses $(if $(BASELINE_REF),--baseline-ref $(BASELINE_REF))

graph: $(VENV)/.dev ## regenerate the import graph in docs/architecture.md
	$(PY) scripts/import_graph.py

settings-table: $(VENV)/.runtime ## regenerate the table of settings in docs/production.md from data/settings.py
	$(PY) scripts/settings_table.py

clean: ## remove built layers
	rm -rf data/processed data/.processed-builds
