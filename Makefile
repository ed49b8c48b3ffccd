# Flamingo: `make run` to try it, `make test` to test it. Nothing else is needed.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python

# Django 6 needs Python >= 3.12: take the first interpreter that is new enough
# (pyenv's included: the machine's default python3 may be 3.11).
PYTHON_CANDIDATES := python3.13 python3.12 python3 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[2-9]) $(wildcard /usr/bin/python3.1[2-9])
BASE_PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)


.PHONY: run test check lint format migrate demo clean lock

# The dependencies come from uv.lock (every package pinned, with hashes) through
# uv, itself pinned and installed from PyPI into .tools/ with the machine's Python.
UV_VERSION := 0.13.9
UV := .tools/bin/uv
# Never let uv download an interpreter: use the one found above.
export UV_PYTHON_DOWNLOADS := never
UV_SYNC = $(UV) sync --locked --python "$(BASE_PYTHON)"
STALE_LOCK := echo "uv.lock does not match pyproject.toml (or the install failed): run 'make lock' and commit uv.lock." >&2; exit 1

$(UV):
	@test -n "$(BASE_PYTHON)" || { echo "Flamingo needs Python >= 3.12 (python3.12 or python3.13 on PATH)."; exit 1; }
	$(BASE_PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# `make run` after `make test` keeps the dev tools (--inexact); every package
# it needs is still exactly the locked one.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV_SYNC) --inexact || { $(STALE_LOCK); }
	touch $@

$(VENV)/.installed-dev: pyproject.toml uv.lock | $(UV)
	$(UV_SYNC) --extra dev || { $(STALE_LOCK); }
	touch $(VENV)/.installed $@

# Re-resolve after editing pyproject.toml; keeps current pins where they still
# fit. `make lock UPGRADE=1` moves everything to the newest allowed versions.
lock: | $(UV)
	$(UV) lock --python "$(BASE_PYTHON)" $(if $(UPGRADE),--upgrade)

RUN_ADDR ?= 127.0.0.1:8000
run: export DEBUG ?= true
run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_data
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo ""
	@echo "Flamingo is running on http://$(RUN_ADDR)"
	@echo "Demo logins (password: flamingo):"
	@echo "  coach   - a coach with a roster of athletes"
	@echo "  ana     - an athlete of coach, with a few weeks of history"
	@echo "  editor  - a content editor (exercise library in the admin)"
	@echo "  (the task worker runs beside it: reminders, daily planning)"
	@echo ""
	@# The task worker and the web server side by side: when either ends (Ctrl-C
	@# ends both), the trap stops the other, so nothing is left running.
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' EXIT; \
	$(PY) manage.py worker & \
	$(PY) manage.py runserver $(RUN_ADDR) & \
	wait -n

test: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=coaching.settings.test $(BIN)/pytest $(PYTEST_ARGS)

check: $(VENV)/.installed-dev
	$(UV) lock --check --python "$(BASE_PYTHON)" || { $(STALE_LOCK); }
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .tools staticfiles db.sqlite3

# Benchmark and load test (docs/performance.md): seeds its own PostgreSQL
# database, serves with gunicorn on 127.0.0.1:8123, loads with wrk, stops by itself.
.PHONY: bench
bench: $(VENV)/.installed-dev
	bash bench/run.sh

# Several app servers behind HAProxy, and faults survived (docs/deploy.md,
# "A cluster on one machine"): bounded in time, stops everything it started.
.PHONY: cluster
cluster: $(VENV)/.installed-dev
	bash scripts/cluster/run.sh
