# The learner's console. `make` alone lists the targets.
# `make test-week 3`, `make test-day 25`, `make hint 3` ... take their number as a
# second word (N=3 works too); `make run P=blog_api` takes the project's name.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JOURNEY := $(BIN)/journey

# The word after test-week / test-day is their argument, not a target of its own.
NUMBERED := test-week test-day watch hint reset solution db-url
ifneq ($(filter $(NUMBERED),$(firstword $(MAKECMDGOALS))),)
  N ?= $(word 2,$(MAKECMDGOALS))
  # Only a number becomes a do-nothing target: any other word reaches journey, which says
  # what is valid (and never reaches $(eval), which would run it as make code).
  NON_DIGITS := $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst \
    6,,$(subst 7,,$(subst 8,,$(subst 9,,$(N)))))))))))
  ifneq ($(N),)
    ifeq ($(NON_DIGITS),)
      $(eval $(N):;@:)
    endif
  endif
endif

# journey prints its own report when a check fails; make's "*** [test] Error 1" line
# would only repeat it. On a terminal make is therefore stopped quietly (exit 130);
# scripts and CI, with no terminal, get journey's own exit status and make's line.
QUIET = || { status=$$?; [ -t 1 ] && kill -INT $$PPID; exit $$status; }

.DEFAULT_GOAL := help
.PHONY: help setup test test-week test-day progress start next watch hint reset solution \
	check-starters coverage mutation run db-url db-up db-down db-shell lint fmt typecheck clean

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
	@$(JOURNEY) test $(QUIET)

test-week: $(JOURNEY) ## make test-week N: the days of week N (1-8; week 3 is days 15-21)
	@test -n "$(N)" || { echo "usage: make test-week N, with N from 1 to 8" >&2; exit 2; }
	@$(JOURNEY) test --week "$(N)" $(QUIET)

test-day: $(JOURNEY) ## make test-day N: the tests tagged for day N (1-56)
	@test -n "$(N)" || { echo "usage: make test-day N, with N from 1 to 56" >&2; exit 2; }
	@$(JOURNEY) test --day "$(N)" $(QUIET)

progress: $(JOURNEY) ## the journey table, from cached results where nothing changed (JSON=1)
	@$(JOURNEY) progress $(if $(JSON),--json) $(QUIET)

start: $(JOURNEY) ## begin: a git branch where every built day is its starter
	@$(JOURNEY) start $(QUIET)

next: $(JOURNEY) ## the first day that is not done: its brief and how to check it
	@$(JOURNEY) next $(QUIET)

watch: $(JOURNEY) ## make watch [N]: rerun day N's tests on every save (default: the next day)
	@$(JOURNEY) watch "$(N)"

hint: $(JOURNEY) ## make hint N: the hints of day N's tests and the roadmap's advice
	@test -n "$(N)" || { echo "usage: make hint N, with N from 1 to 56" >&2; exit 2; }
	@$(JOURNEY) hint "$(N)" $(QUIET)

reset: $(JOURNEY) ## make reset N: day N back to its starter (your files are backed up)
	@test -n "$(N)" || { echo "usage: make reset N, with N from 1 to 56" >&2; exit 2; }
	@$(JOURNEY) reset "$(N)" $(QUIET)

solution: $(JOURNEY) ## make solution N: day N's reference under .journey/solutions (try first)
	@test -n "$(N)" || { echo "usage: make solution N, with N from 1 to 56" >&2; exit 2; }
	@$(JOURNEY) solution "$(N)" $(QUIET)

check-starters: $(JOURNEY) ## prove every starter fails its day's tests and earlier days pass
	@$(JOURNEY) check-starters $(QUIET)

run: $(JOURNEY) ## make run P=NAME: serve a project on 127.0.0.1 (migrated, seeded)
	@test -n "$(P)" || { $(JOURNEY) run ""; exit 2; }
	@$(JOURNEY) run "$(P)"

db-url: $(JOURNEY) ## make db-url [N]: URL of your database (day N's own) for DATABASE_URL
	@$(JOURNEY) db url "$(N)"

db-up: $(JOURNEY) ## PostgreSQL: docker compose where Docker runs, else the embedded server
	@if [ -z "$$DATABASE_URL" ] && docker info >/dev/null 2>&1; then \
		docker compose up -d --wait db && echo "export DATABASE_URL=postgresql://journey:journey@127.0.0.1:5432/journey"; \
	else $(JOURNEY) db up; fi

db-down: $(JOURNEY) ## stop the PostgreSQL that db-up started
	@if [ -z "$$DATABASE_URL" ] && docker info >/dev/null 2>&1; then docker compose down; fi
	@$(JOURNEY) db down

db-shell: $(JOURNEY) ## psql on the journey's server
	@$(JOURNEY) db shell

coverage: $(JOURNEY) ## one combined coverage report over every project (a measurement, no gate)
	@$(JOURNEY) coverage

mutation: $(JOURNEY) ## make mutation [P=NAME]: mutation scores (docs/mutation.md)
	@$(BIN)/python -m journey.mutation $(if $(P),"$(P)")

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
