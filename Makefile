# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
HOST ?= 127.0.0.1
# Links in mail point at the address `make run` serves (a browser cannot open 0.0.0.0).
PORTAL_BASE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format migrations-check messages fonts check-deploy chromium bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files make the install steps re-run only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# The Japanese font embedded in PDF reports, with its licence, where settings.PDF_FONTS_DIR
# looks (the virtual environment's share/fonts); downloaded by its hash, never committed.
FONTS := $(VENV)/share/fonts
FONT_ARCHIVE := japanize-matplotlib-1.1.3
$(FONTS)/ipaexg.ttf: requirements-fonts.txt | $(PY)
	$(PIP) download --quiet --no-deps --no-binary :all: --require-hashes \
		-r requirements-fonts.txt -d $(VENV)/downloads
	mkdir -p $(FONTS)
	tar --no-same-owner -xzf $(VENV)/downloads/$(FONT_ARCHIVE).tar.gz -C $(FONTS) --strip-components=3 \
		$(FONT_ARCHIVE)/japanize_matplotlib/fonts/ipaexg.ttf \
		$(FONT_ARCHIVE)/japanize_matplotlib/fonts/IPA_Font_License_Agreement_v1.0.txt
	touch $@
fonts: $(FONTS)/ipaexg.ttf

run: $(VENV)/.runtime messages fonts
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

# Two workers (one per core here): the suite took 451 s alone, 362 s so on SQLite.
PYTEST_WORKERS ?= auto
test: $(VENV)/.dev messages fonts chromium lint migrations-check
	$(PY) -m pytest -n $(PYTEST_WORKERS)

# The layers (ARCHITECTURE.md) are import-linter's contracts in pyproject.toml.
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Compiled catalogues (.mo) are build output: made from locale/*/LC_MESSAGES/django.po with Babel,
# which needs no system gettext. Edit the .po files; `manage.py makemessages` refreshes them.
messages: $(VENV)/.runtime
	$(VENV)/bin/pybabel -q compile -d locale -D django
	$(VENV)/bin/pybabel -q compile -d locale -D djangojs
	$(VENV)/bin/pybabel -q compile -d locale/packages -D django

migrations-check: $(VENV)/.dev
	$(PY) manage.py makemigrations --check --dry-run

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline);
# the CJK fonts let screenshots of the Japanese pages show real characters.
BROWSER_PACKAGES := chromium fonts-noto-cjk
chromium:
	@missing=$$(for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $$missing for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing $$missing: install them with apt to run the browser tests."; \
	  fi; \
	fi

# The portal at national scale under load (gunicorn, PostgreSQL, locust); see benchmarks/run.py.
# BENCH_DATABASE_URL, BENCH_USERS, BENCH_SECONDS, BENCH_WORKERS, BENCH_SIZES tune it; measured,
# never asserted. The report is written to bench/results/.
$(VENV)/.bench: requirements-bench.txt requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements-bench.txt
	touch $@

bench: $(VENV)/.bench messages fonts
	$(PY) benchmarks/run.py

# The production settings must pass Django's deployment checklist.
check-deploy: $(VENV)/.runtime
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  DJANGO_ALLOWED_HOSTS=portal.example.org DJANGO_CACHE_URL=redis://127.0.0.1:6379/1 \
	  PORTAL_SECURITY_TXT_EXPIRES="$$($(PY) -c 'import datetime as d; print(d.date.today() + d.timedelta(200))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
