# NIBRS Desk — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench screenshots translations clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Start the app on the local database in the platformdirs data folder.
run: $(STAMP)
	$(PY) -m desktop

## The whole test suite, headless (Qt offscreen).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

## Benchmarks (speed and memory); prints their figures.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/bench -p no:cacheprovider

## Screenshots of the office window and every wizard page, with sample data, into docs/screenshots.
screenshots: $(STAMP)
	QT_QPA_PLATFORM="offscreen:configfile=$(CURDIR)/tests/ui/screen-1080p.json" $(PY) -m desktop.ui.screenshots docs/screenshots

## The translation catalog resources/translations/nibrs-desk.ts (UI strings and the forms' texts).
translations: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m desktop.ui.translations

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
