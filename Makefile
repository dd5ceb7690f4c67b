# The learner's console. `make` alone lists the targets.
# `make test-week 3` and `make test-day 25` take their number as a second word
# (N=3 works too); `make run P=blog_api` takes the project's name.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JOURNEY := $(BIN)/journey

# The word after test-week / test-day is their argument, not a target of its own.
ifneq ($(filter test-week test-day,$(firstword $(MAKECMDGOALS))),)
  N ?= $(word 2,$(MAKECMDGOALS))
  ifneq ($(N),)
    $(eval $(N):;@:)
  endif
endif

.DEFAULT_GOAL := help
.PHONY: help setup test test-week test-day progress run db-up db-down db-shell lint fmt typecheck clean

help: ## this list
	@echo "Backend Journey: make TARGET"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

setup: ## create .venv and install every pinned dependency and the journey package
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@echo "Ready. Next: make test"

$(JOURNEY):
	@echo "The environment is not set up yet: run 'make setup' first." >&2; exit 2

test: $(JOURNEY) ## every day and milestone against real PostgreSQL, then the journey table
	@$(JOURNEY) test

test-week: $(JOURNEY) ## make test-week N: the week folder holding week N (1-8)
	@test -n "$(N)" || { echo "usage: make test-week N, with N from 1 to 8" >&2; exit 2; }
	@$(JOURNEY) test --week "$(N)"

test-day: $(JOURNEY) ## make test-day N: the tests tagged for day N (1-56)
	@test -n "$(N)" || { echo "usage: make test-day N, with N from 1 to 56" >&2; exit 2; }
	@$(JOURNEY) test --day "$(N)"

progress: $(JOURNEY) ## the journey table (JSON=1 prints JSON)
	@$(JOURNEY) progress $(if $(JSON),--json)

run: $(JOURNEY) ## make run P=NAME: serve a project on 127.0.0.1 (migrated, seeded)
	@test -n "$(P)" || { $(JOURNEY) run ""; exit 2; }
	@$(JOURNEY) run "$(P)"

db-up: $(JOURNEY) ## PostgreSQL: docker compose where Docker runs, else the embedded server
	@if [ -z "$$DATABASE_URL" ] && docker info >/dev/null 2>&1; then \
		docker compose up -d --wait db && echo "export DATABASE_URL=postgresql://journey:journey@127.0.0.1:5432/journey"; \
	else $(JOURNEY) db up; fi

db-down: $(JOURNEY) ## stop the PostgreSQL that db-up started
	@if [ -z "$$DATABASE_URL" ] && docker info >/dev/null 2>&1; then docker compose down; fi
	@$(JOURNEY) db down

db-shell: $(JOURNEY) ## psql on the journey's server
	@$(JOURNEY) db shell

lint: $(JOURNEY) ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(JOURNEY) ## ruff format (and safe fixes)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(JOURNEY) ## mypy --strict: weeks 1-2, every milestone, the harness
	@$(JOURNEY) typecheck

clean: ## remove caches and the journey's working folder (.journey/)
	-@$(JOURNEY) db down >/dev/null 2>&1
	rm -rf .journey .mypy_cache .ruff_cache
