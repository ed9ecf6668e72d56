# 協働ポータル: the two commands a newcomer needs are `make run` and `make test`.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: one per CPU (pytest-xdist); WORKERS=0 runs the suite in one process.
WORKERS ?= auto

.PHONY: setup run test test-fast lint format messages browsers pdf-libraries accessibility-results clean

# The virtualenv, every Python and npm dependency, and the compiled messages.
setup: pdf-libraries $(VENV)/.installed node_modules/.installed

# WeasyPrint (the PDFs of notices/) draws with Debian's Pango and embeds the Japanese fonts
# of fonts-noto-cjk: installed only if missing.
pdf-libraries:
	@if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK\|Noto Sans CJK"; then \
		echo "Installing Pango and fonts-noto-cjk from Debian for the PDFs…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk; \
	fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)
	npm ci --silent --no-audit --no-fund
	touch $@

# Debian's Chromium and Japanese fonts for the browser tests (only if missing).
browsers:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "Installing chromium and fonts-noto-cjk from Debian…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

run: setup
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) load_demo
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	# The deployment checks on production's defaults: DEBUG off, a key, the host and the
	# address given, every HTTPS switch left to its default (docs/security.md).
	env -u SECURE_SSL_REDIRECT -u SESSION_COOKIE_SECURE -u CSRF_COOKIE_SECURE \
		-u SECURE_HSTS_SECONDS -u SECURE_HSTS_INCLUDE_SUBDOMAINS -u SECURE_HSTS_PRELOAD \
		DEBUG=false ALLOWED_HOSTS=kyodo.example.jp SITE_URL=https://kyodo.example.jp \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(MANAGE) check --deploy --fail-level WARNING
	@if [ -x ../shared/tools/app-cycles ]; then ../shared/tools/app-cycles .; fi

test: setup browsers lint
	$(MANAGE) collectstatic --noinput -v0
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n $(WORKERS)
	@# Search answers on SQLite as on PostgreSQL: where the run above was on PostgreSQL, the
	@# search tests run once more on SQLite (without the index).
	@if [ -n "$$DATABASE_URL" ]; then env -u DATABASE_URL $(BIN)/pytest tests/search -q -m "not e2e"; fi

# Everything but the browser tests, for a quick loop.
test-fast: setup
	$(BIN)/pytest -n $(WORKERS) -m "not e2e"

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The axe-core tests of every page (both widths, both languages); when they pass, their
# results are written to pages/accessibility-results.json, which /accessibility/ publishes.
# Run before a release and commit the file.
accessibility-results: setup browsers
	$(MANAGE) collectstatic --noinput -v0
	AXE_RESULTS=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest \
		tests/e2e/test_accessibility_public.py tests/e2e/test_staff_accessibility.py

# Refresh the English catalogue from the Japanese source strings and compile it.
messages: setup
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	$(MANAGE) makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*" --no-obsolete
	$(MANAGE) compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) node_modules staticfiles test-results .pytest_cache
