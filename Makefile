# 協働ポータル: the two commands a newcomer needs are `make run` and `make test`.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-fast lint format messages browsers clean

# The virtualenv, every Python and npm dependency, and the compiled messages.
setup: $(VENV)/.installed node_modules/.installed

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
	@if [ -x ../shared/tools/app-cycles ]; then ../shared/tools/app-cycles .; fi

test: setup browsers lint
	$(MANAGE) collectstatic --noinput -v0
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

# Everything but the browser tests, for a quick loop.
test-fast: setup
	$(BIN)/pytest -m "not e2e"

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the English catalogue from the Japanese source strings and compile it.
messages: setup
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)
	$(MANAGE) makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "staticfiles/*" --no-obsolete
	$(MANAGE) compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) node_modules staticfiles test-results .pytest_cache
