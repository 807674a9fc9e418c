# Ziming Liu's homepage: build, test, check links, preview.
#   make html        build the site into _build/html (creates .venv on first use)
#   make test        run the test suite (installs the test packages into .venv)
#   make linkcheck   check every external link (needs the internet)
#   make livehtml    rebuild and reload the browser on every save
#   make clean       remove _build; make distclean also removes .venv

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
BUILDDIR   := _build
# Warnings are errors and every reference must resolve, as on Read the Docs.
SPHINXOPTS ?= -W -n --keep-going
PYTESTOPTS ?=

.PHONY: html test linkcheck livehtml clean distclean

# The one bootstrap rule: .venv/<file>.installed is remade whenever <file>.txt changes,
# creating the virtual environment first if it is missing.
$(VENV)/%.installed: %.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# The test packages sit on top of the site's own.
$(VENV)/requirements-test.installed: $(VENV)/requirements.installed

html: $(VENV)/requirements.installed
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html

test: $(VENV)/requirements-test.installed
	$(BIN)/python -m pytest $(PYTESTOPTS)

linkcheck: $(VENV)/requirements.installed
	$(BIN)/sphinx-build -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck

livehtml: $(VENV)/requirements.installed
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/html --ignore "$(VENV)/*" --ignore "$(BUILDDIR)/*" --ignore "tests/*" --ignore "benchmarks/*" --watch _ext

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV)
