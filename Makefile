# Signpost: `make serve` to see the site, `make test` to run every check. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_SYSTEM ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CATALOGUE ?= resources.yaml
PORT ?= 8000
ENGINE ?= mkdocs

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@$(PYTHON_SYSTEM) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Signpost needs Python 3.11 or newer"'
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

setup: $(STAMP) ## create .venv and install the pinned dependencies (fast when nothing changed)

validate: setup ## check resources.yaml against the schema and rules
	$(PY) scripts/validate.py $(CATALOGUE)

serve: setup ## serve the site on http://127.0.0.1:8000 (PORT=8001 for another port), rebuilding on edits
	$(PY) scripts/serve.py --port $(PORT) --engine $(ENGINE) --catalogue $(CATALOGUE)

build: setup ## build the site into site/ (ENGINE=properdocs or ENGINE=zensical to use another engine)
	$(PY) scripts/build.py --catalogue $(CATALOGUE) --out site --engine $(ENGINE)

test: setup lint ## run every test (offline; ENGINE=properdocs builds the site under test with another engine)
	SIGNPOST_ENGINE=$(ENGINE) $(PY) -m pytest

lint: setup ## ruff over scripts/ and tests/
	$(PY) -m ruff check scripts tests

bench: setup ## benchmark: validation time for 1,000 and 10,000 synthetic entries
	$(PY) scripts/bench_validate.py

bench-site: setup ## benchmark: site build time, size and download weight at 1,000 / 5,000 / 10,000 entries (minutes)
	$(PY) scripts/bench_site.py --engine $(ENGINE)

bench-exports: setup ## benchmark: time and compressed size of each open-data export at 1,000 and 10,000 entries (minutes)
	$(PY) scripts/bench_exports.py

check-links: setup ## check every catalogue URL on the live web (network; writes reports/)
	$(PY) scripts/check_links.py --report reports/links.json --summary reports/links.md --history reports/link-history.json

bench-links: setup ## benchmark: the link check against a local mirror with 100 ms latency (offline)
	$(PY) scripts/bench_links.py

lock: ## re-pin requirements.txt (with hashes) from requirements.in
	rm -rf .venv-lock && $(PYTHON_SYSTEM) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.txt requirements.in
	rm -rf .venv-lock

clean: ## remove the built site and caches
	rm -rf site .pytest_cache

.PHONY: help setup validate serve build test lint bench bench-site bench-exports check-links bench-links lock clean
