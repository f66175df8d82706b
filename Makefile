# The two commands of the README: `make site` and `make test` (and `make test-fast` while developing). Each installs
# what it needs.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_OF   ?=

.PHONY: site test test-fast browser-deps serve check clean refresh-constraints

# `make site AS_OF=2026-12-14` is a preview of that day in preview/2026-12-14/: the live site/ is built as of today only.
site: $(VENV)/.site-installed
	$(VENV)/bin/gongshi build $(if $(AS_OF),--preview --as-of $(AS_OF))

test: $(VENV)/.test-installed browser-deps
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest

# Everything but the browser and end-to-end tests (pytest markers `browser`, `e2e` in pyproject.toml): under two
# minutes on two cores, needs no Chromium or nginx. `make test` still runs everything.
test-fast: $(VENV)/.test-installed
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -m "not browser and not e2e"

serve: $(VENV)/.site-installed
	$(VENV)/bin/gongshi serve

check: $(VENV)/.site-installed
	$(VENV)/bin/gongshi check

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

# Exactly the versions the tests last passed with (constraints.txt), so that two servers set up
# months apart build the same site from the same data and date.
$(VENV)/.site-installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.site-installed

# New pins: the newest versions pyproject.toml allows, installed into a fresh venv, become
# constraints.txt only once `make test` passes with them there (tests/test_packaging.py then checks
# that venv against the candidate file). Takes as long as `make test`.
REFRESH := .venv-refresh
refresh-constraints:
	rm -rf $(REFRESH) constraints.txt.new
	$(PYTHON) -m venv $(REFRESH)
	$(REFRESH)/bin/python -m pip install -q --upgrade pip
	$(REFRESH)/bin/python -m pip install -q -e '.[test]'
	{ echo "# Written by make refresh-constraints: the versions make test passed with. Do not edit by hand."; \
	  $(REFRESH)/bin/python -m pip freeze --all --exclude-editable | grep -v -i '^pip=='; } > constraints.txt.new
	touch $(REFRESH)/.test-installed $(REFRESH)/.site-installed
	GONGSHI_CONSTRAINTS=constraints.txt.new $(MAKE) test VENV=$(REFRESH)
	mv constraints.txt.new constraints.txt
	rm -rf $(REFRESH)

# Headless Chromium and CJK fonts for the browser tests (never a downloaded browser), nginx to
# serve the built site with the README's lines, and LibreOffice with poppler's pdftotext to print
# the ledger and the forms as an office does: all from Debian.
DEBIAN_DEPS := chromium fonts-noto-cjk nginx libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! [ -x /usr/sbin/nginx ] || ! command -v libreoffice >/dev/null 2>&1 \
	  || ! command -v pdftotext >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk libreoffice-calc-nogui >/dev/null 2>&1; then \
	  echo "installing Debian packages $(DEBIAN_DEPS)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(DEBIAN_DEPS); \
	fi

# Only what gongshi made: leftovers of killed builds (as its journal names them) and previews. Never site/, the
# public record, nor a webmaster's backup beside it.
clean:
	@if [ -x $(VENV)/bin/gongshi ]; then $(VENV)/bin/gongshi clean; fi
	rm -rf .pytest_cache .venv-refresh constraints.txt.new
