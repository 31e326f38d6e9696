# Two commands: `make run` serves the demo, `make test` runs the whole suite.
# Both create .venv with a Python 3.12+ and install the locked dependencies first.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The first Python 3.12+ found: on PATH, then in pyenv's versions if pyenv is there.
FIND_PYTHON = for p in $$PYTHON python3.13 python3.12 python3 \
	$$(command -v pyenv >/dev/null 2>&1 && ls -d "$$(pyenv root)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  [ -n "$$p" ] && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; \
	done

.PHONY: install run test test-fast lint check clean browser tour

$(STAMP): requirements.lock pyproject.toml
	@py=$$($(FIND_PYTHON)); \
	  if [ -z "$$py" ]; then echo "Sanad needs Python 3.12 or newer; set PYTHON=/path/to/python3.12"; exit 1; fi; \
	  [ -x $(PY) ] || "$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

# Browser journeys need Chromium; .ci/browser installs it when it can, or says why not.
browser: install
	@bash .ci/browser

# Two workers: the suite is mostly waiting on the database and the browser.
PYTEST_ARGS ?= -n 2

test: install browser
	$(PY) -m pytest $(PYTEST_ARGS)

# The screenshot tour: every page of every role, English and Arabic, 360 and 1280 px,
# into test-artifacts/tour/ (a few minutes; not part of `make test`, where it is skipped).
tour: install browser
	SANAD_TOUR=1 $(PY) -m pytest -n 0 tests/e2e/test_tour.py

lint: install
	$(VENV)/bin/ruff check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media/ staticfiles/ test-artifacts/
