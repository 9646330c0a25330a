# chibo — every developer command. Needs only Python 3.11 and make; the venv lives in .venv.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
PROFILE ?= commune
SEED ?= 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE := chibo.settings

.PHONY: runtime-deps system-deps help install demo serve seed migrate test lint typecheck check-migrations pytest browser-test bench clean messages

help:
	@echo "make demo      - install, migrate, seed the commune demo once, serve on http://127.0.0.1:$(PORT)"
	@echo "make test      - ruff, mypy, makemigrations --check, pytest (SQLite; set DATABASE_URL for PostgreSQL)"
	@echo "make messages  - refresh and compile the English translation"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/chibo migrate --no-input -v 0

seed: migrate
	$(BIN)/chibo seed_demo --profile $(PROFILE) --seed $(SEED) --if-empty

demo: seed runtime-deps
	@echo "chibo: http://127.0.0.1:$(PORT)/ — đăng nhập bithu1 / chibo-demo (xem README)"
	$(BIN)/chibo run_demo --port $(PORT)

lint: install
	$(BIN)/ruff check chibo tests bench conftest.py manage.py

typecheck: install
	$(BIN)/mypy chibo

check-migrations: install
	$(BIN)/chibo makemigrations --check --dry-run

system-deps:
	@bash scripts/system-deps.sh

runtime-deps:
	@bash scripts/system-deps.sh runtime

pytest: install system-deps
	$(BIN)/pytest -q $(PYTEST_ARGS)

test: lint typecheck check-migrations pytest

# English catalogs. makemessages run from chibo/ writes each string to the catalog Django loads
# for it: the nearest locale/ dir, so an app with its own (chibo/meetings/locale) keeps its
# strings and every other app, chibo/templates and settings.py go to chibo/locale (LOCALE_PATHS).
# An app catalog is then refreshed from inside its app, which keeps its references relative to
# the app ("views.py:12") as its maintainers write them. .venv and the data dir are never walked
# (not under chibo/); no JavaScript uses gettext, so there is no djangojs catalog.
DJANGO_ADMIN := $(abspath $(BIN))/django-admin
MAKEMESSAGES := makemessages -l en --no-obsolete -i migrations
APPS_WITH_LOCALE = $(patsubst chibo/%/locale,%,$(wildcard chibo/*/locale))

messages: install
	cd chibo && $(DJANGO_ADMIN) $(MAKEMESSAGES)
	for app in $(APPS_WITH_LOCALE); do (cd chibo/$$app && $(DJANGO_ADMIN) $(MAKEMESSAGES)) || exit 1; done
	cd chibo && $(DJANGO_ADMIN) compilemessages -l en

bench: install
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) data
