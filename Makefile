# Two commands for newcomers: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: run test test-sqlite test-services lint format check audit install messages clean bench soak

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

## Run the site with demo data over ASGI at http://127.0.0.1:8000, with one background worker
run: install
	$(DEV) $(PY) manage.py migrate --noinput -v 0
	$(DEV) $(PY) manage.py load_demo_data
	@echo "Serving the site at http://$(HOST):$(PORT)/ with a background worker (Ctrl+C to stop)"
	@$(DEV) $(PY) manage.py run_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --lifespan off

## Run the test suite: SQLite, then PostgreSQL + Redis when they answer (always under CI=true)
test: install
	$(PY) -m tests.run_suites $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install lint
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m tests.deploy_check
	$(MAKE) audit

## Known vulnerabilities in the installed packages (pip-audit, PyPI's data; see docs/security.md)
audit: install
	$(PY) -m tests.dependency_audit

messages: install
	$(DEV) $(PY) manage.py makemessages --all --ignore=.venv --ignore=staticfiles
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

## Benchmarks against same-run baselines, written to docs/benchmarks.md (ARGS="--quick", "--only pages")
bench: install
	$(PY) -m tests.bench $(ARGS)

## Soak (not in CI): 200 members chatting plus page traffic for 10 minutes (ARGS="--minutes 2")
soak: install
	$(PY) -m tests.load $(ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .test-db*.sqlite3*
