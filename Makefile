# The two commands of the README: `make site` and `make test`. Each installs what it needs.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AS_OF   ?=

.PHONY: site test browser-deps serve check clean

# `make site AS_OF=2026-12-14` is a preview of that day in preview/2026-12-14/: the live site/ is built as of today only.
site: $(VENV)/.site-installed
	$(VENV)/bin/gongshi build $(if $(AS_OF),--preview --as-of $(AS_OF))

test: $(VENV)/.test-installed browser-deps
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest

serve: $(VENV)/.site-installed
	$(VENV)/bin/gongshi serve

check: $(VENV)/.site-installed
	$(VENV)/bin/gongshi check

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.site-installed

# Headless Chromium and CJK fonts for the browser tests (never a downloaded browser), and nginx to
# serve the built site with the README's lines: all from Debian.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 || ! [ -x /usr/sbin/nginx ]; then \
	  echo "installing Debian packages chromium, fonts-noto-cjk and nginx"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk nginx; \
	fi

# Only what gongshi made: leftovers of killed builds (as its journal names them) and previews. Never site/, the
# public record, nor a webmaster's backup beside it.
clean:
	@if [ -x $(VENV)/bin/gongshi ]; then $(VENV)/bin/gongshi clean; fi
	rm -rf .pytest_cache
