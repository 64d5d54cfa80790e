# NIBRS Desk — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench screenshots translations clean venv package package-check package-tools

venv: $(STAMP)

$(STAMP): pyproject.toml desktop/__init__.py
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
	QT_QPA_PLATFORM="offscreen:configfile=$(CURDIR)/tests/ui/screen-1080p.json" $(PY) -m desktop.ui.dev.screenshots docs/screenshots

## The translation catalog resources/translations/nibrs-desk.ts (UI strings and the forms' texts).
translations: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m desktop.ui.dev.translations

## Installers (not part of `make test`): see packaging/README.md.
PKG_OUT   := packaging/out
PKG_STAMP := $(VENV)/.installed-package
PKG_DIST  := $(PKG_OUT)/dist/nibrs-desk
DEB        = $(PKG_OUT)/nibrs-desk_$(shell $(PYTHON) packaging/versions.py debian)_$(shell dpkg --print-architecture).deb
PKG_SOURCES := $(shell find desktop resources forms packaging -type f -not -path 'packaging/out/*' \
                 -not -name '*.pyc' -not -path '*/__pycache__/*') pyproject.toml CHANGELOG.md

$(PKG_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[package]'
	touch $(PKG_STAMP)

## Debian's tools the package targets use, and libpq5 (the built app's selftest loads the PostgreSQL
## driver against it), installed when missing (needs root).
package-tools:
	@missing=""; for t in dpkg-deb:dpkg fakeroot:fakeroot debootstrap:debootstrap \
	    desktop-file-validate:desktop-file-utils appstreamcli:appstream; do \
	  command -v $${t%%:*} >/dev/null || missing="$$missing $${t##*:}"; done; \
	/sbin/ldconfig -p 2>/dev/null | grep -q 'libpq\.so\.5 ' || missing="$$missing libpq5"; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; apt-get update -qq; \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

## The .deb: PyInstaller one-folder build, then the Debian package around it.
package: $(DEB)

$(DEB): $(PKG_STAMP) $(PKG_SOURCES) | package-tools
	rm -rf $(PKG_OUT)/dist $(PKG_OUT)/build $(PKG_OUT)/deb-root $(PKG_OUT)/nibrs-desk_*.deb
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	    --distpath $(PKG_OUT)/dist --workpath $(PKG_OUT)/build packaging/nibrs-desk.spec
	$(PKG_DIST)/nibrs-desk selftest
	$(PY) packaging/linux/build_deb.py --dist $(PKG_DIST) --out $(PKG_OUT)
	@ls -l $@; echo "installed size: $$(dpkg-deb -f $@ Installed-Size) KiB"

## Install the .deb into a bare Debian 12, run it there, upgrade it, remove it (needs root).
package-check: $(DEB) | package-tools
	packaging/linux/package_check.sh $(DEB)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache $(PKG_OUT)
