# Career mentoring platform. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
HTMX_VERSION := 2.0.11
AXE_VERSION := 4.14.1
QUEUES := mentoring-mail mentoring-default

.DEFAULT_GOAL := help
.PHONY: help setup run test bench screenshots lint fmt translations compile-translations worker tick vendor-htmx vendor-axe clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/$$(HTMX_VERSION)/$(HTMX_VERSION)/g; s/$$(AXE_VERSION)/$(AXE_VERSION)/g; s/$$(QUEUES)/$(QUEUES)/g' \
	  | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

compile-translations: $(STAMP) ## Compile the .po catalogs into .mo files
	@$(BIN)/pybabel compile --statistics -d translations 2>&1 | grep -v "^compiling" || true
	@$(BIN)/pybabel compile -d translations >/dev/null

setup: $(STAMP) compile-translations ## Create .venv, install, compile translations

run: setup ## Migrate, sync cities, seed demo data if empty, serve on PORT (5000)
	$(FLASK) db upgrade
	$(FLASK) tenants sync
	$(FLASK) demo seed --if-empty
	$(FLASK) benchmarks recompute --if-empty
	@echo "Network: http://localhost:$(PORT)/   Cities: http://lyngby-taarbaek.localhost:$(PORT)/ ..."
	PUBLIC_PORT=$(PORT) $(FLASK) run --host 127.0.0.1 --port $(PORT)

test: setup ## Run the whole test suite (PostgreSQL/Redis tests need TEST_DATABASE_URL/REDIS_URL)
	$(BIN)/pytest $(PYTEST_ARGS)

bench: setup ## Run the performance benchmarks and print a table
	$(BIN)/python -m mentoring.performance.run

screenshots: setup ## Picture each role's main pages (phone, desktop; da, en) into docs/screens/
	$(BIN)/python -m mentoring.showcase.screenshots docs/screens

lint: setup ## Ruff lint and format check
	$(BIN)/ruff check platform tests wsgi.py
	$(BIN)/ruff format --check platform tests wsgi.py

fmt: setup ## Format the code with ruff
	$(BIN)/ruff check --fix platform tests wsgi.py
	$(BIN)/ruff format platform tests wsgi.py

translations: setup ## Extract messages, update the da/en catalogs, compile
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -o translations/messages.pot --no-location --sort-output platform
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python translations/fill_source_language.py translations/en/LC_MESSAGES/messages.po
	$(MAKE) compile-translations

worker: setup ## Work the job queues (needs REDIS_URL)
	$(BIN)/rq worker -w mentoring.worker.Worker --url "$$REDIS_URL" $(QUEUES)

tick: setup ## Enqueue due work (run every minute in production)
	$(FLASK) jobs tick

vendor-htmx: ## Re-vendor htmx $(HTMX_VERSION) from the npm registry
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null && tar xzf htmx.org-$(HTMX_VERSION).tgz && \
	  cp package/dist/htmx.min.js $(CURDIR)/platform/mentoring/core/static/vendor/htmx-$(HTMX_VERSION).min.js

vendor-axe: ## Re-vendor axe-core $(AXE_VERSION) from npm for the browser tests (never served)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz && \
	  cp package/axe.min.js $(CURDIR)/tests/browser/vendor/axe-core-$(AXE_VERSION).min.js

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) instance
