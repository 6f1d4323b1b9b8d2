# Two commands for newcomers: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev

.PHONY: run test test-sqlite test-services lint format check audit install messages clean bench soak fonts

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

## Refresh the translation catalogues from the code (docs/translations.md)
messages: install
	$(DEV) $(PY) manage.py makemessages --all --add-location=file --ignore=.venv --ignore=staticfiles --ignore='tests/*' --ignore='*/tests/*'
	$(PY) -m core.vendor_messages
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

## Benchmarks against same-run baselines, written to docs/benchmarks.md (ARGS="--quick", "--only pages")
bench: install
	$(PY) -m tests.bench $(ARGS)

## Soak (not in CI): 200 members chatting plus page traffic for 10 minutes (ARGS="--minutes 2")
soak: install
	$(PY) -m tests.load $(ARGS)

## Rebuild the bundled Thai, Khmer and Burmese web fonts from Debian's fonts-noto-core (docs/design.md)
NOTO ?= /usr/share/fonts/truetype/noto
FONTS := site/static/fonts
# Each script's block (as in the unicode-range of site.css) plus what shaping needs: the
# zero-width space, non-joiner and joiner and the dotted circle drawn before a stray mark.
# Every OpenType layout feature (the scripts do not shape without them), every name (the
# licence), no hinting (half the size; phone screens do not need it), WOFF2.
SHAPING := U+200B-200D,U+25CC
SUBSET = $(VENV)/bin/pyftsubset --layout-features='*' --name-IDs='*' --no-hinting --flavor=woff2
fonts: install
	@test -f $(NOTO)/NotoSansThai-Regular.ttf || { echo "No Noto fonts in $(NOTO): apt-get install fonts-noto-core"; exit 1; }
	for weight in Regular Bold; do \
		$(SUBSET) $(NOTO)/NotoSansThai-$$weight.ttf --unicodes=U+0E00-0E7F,$(SHAPING) \
			--output-file=$(FONTS)/NotoSansThai-$$weight.woff2 && \
		$(SUBSET) $(NOTO)/NotoSansKhmer-$$weight.ttf --unicodes=U+1780-17FF,U+19E0-19FF,$(SHAPING) \
			--output-file=$(FONTS)/NotoSansKhmer-$$weight.woff2 && \
		$(SUBSET) $(NOTO)/NotoSansMyanmar-$$weight.ttf --unicodes=U+1000-109F,$(SHAPING) \
			--output-file=$(FONTS)/NotoSansMyanmar-$$weight.woff2 || exit 1; \
	done
	ls -l $(FONTS)/*.woff2

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .test-db*.sqlite3*
