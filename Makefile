# Ziming Liu's homepage: build, test, check links, preview.
#   make html          build the site into _build/html (creates .venv on first use; nothing to do when no
#                      input changed since the last build: make html FORCE=1 builds anyway)
#   make test          run the test suite (installs the test packages into .venv)
#   make linkcheck     check every external link (needs the internet)
#   make livehtml      rebuild and reload the browser on every save
#   make requirements  compile requirements*.in into the pinned requirements*.txt (after editing a .in)
#   make upgrade       the same, moving every pin to the newest release the .in files allow
#   make clean         remove _build; make distclean also removes .venv
#   make new-site DEST=<new folder>                 a blank site of your own, outside this repository
#   make import-alfolio SRC=<al-folio> DEST=<new folder>   your al-folio site, moved into a site of this layout

# The Pythons every pinned package has wheels for, newest first. Sphinx 9.2 needs 3.13.
SUPPORTED_PYTHONS := 3.14 3.13
VENV       := .venv
BIN        := $(VENV)/bin
BUILDDIR   := _build
# Warnings are errors and every reference must resolve, as on Read the Docs.
SPHINXOPTS ?= -W -n --keep-going
PYTESTOPTS ?=
# make test runs the suite on this many pytest-xdist workers (0: in one process, as -x and --pdb need), a module at
# a time, the longest first; the builds tests only read are made once for all workers (tests/conftest.py).
TEST_WORKERS ?= 2

# The first of the Python versions $(1) that runs here, as a command: python3.N on PATH, else one that pyenv
# holds but has not made active (its shim is on PATH and fails).
find_python = $(shell for v in $(1); do \
    for p in "python$$v" "$${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$v"*/bin/"python$$v"; do \
        "$$p" -c '' 2>/dev/null && { command -v "$$p"; exit; }; \
    done; done)

# `make PYTHON=...` (or PYTHON in the environment) names the interpreter; otherwise the newest supported one.
ifndef PYTHON
PYTHON := $(call find_python,$(SUPPORTED_PYTHONS))
endif
# Prints a Python's version as 3.N, for the one found and for the one in .venv.
PRINT_VERSION := -c 'import sys; print("%d.%d" % sys.version_info[:2])'
PYTHON_VERSION := $(if $(PYTHON),$(shell $(PYTHON) $(PRINT_VERSION) 2>/dev/null))
# A new Python (another version found or named) makes a new .venv, and so reinstalls everything.
VENV_MADE  := $(VENV)/made-with-python$(PYTHON_VERSION)

.PHONY: html test linkcheck livehtml requirements upgrade clean distclean new-site import-alfolio

space := $() $()
SUPPORTED_OR := $(subst $(space), or ,$(SUPPORTED_PYTHONS))
OLDEST := $(lastword $(SUPPORTED_PYTHONS))
NO_PYTHON := No Python $(SUPPORTED_OR) runs here. Install one (your distribution's python$(OLDEST) package, \
    python.org, or pyenv install $(OLDEST)) or name it: make PYTHON=/path/to/python$(OLDEST)
WRONG_PYTHON = $(PYTHON) is Python $(PYTHON_VERSION); the pinned packages need Python $(SUPPORTED_OR)

$(VENV_MADE):
	$(if $(PYTHON_VERSION),,$(error $(NO_PYTHON)))
	$(if $(filter $(PYTHON_VERSION),$(SUPPORTED_PYTHONS)),,$(error $(WRONG_PYTHON)))
	@if [ "$$($(BIN)/python $(PRINT_VERSION) 2>/dev/null)" != "$(PYTHON_VERSION)" ]; then \
	    echo "Making $(VENV) with $(PYTHON) (Python $(PYTHON_VERSION)), $(if $(filter file,$(origin PYTHON)),the newest supported Python found,as PYTHON says)"; \
	    if [ -f $(VENV)/pyvenv.cfg ]; then rm -rf $(VENV); fi; \
	    $(PYTHON) -m venv $(VENV); \
	fi
	@touch $@

# The one bootstrap rule: .venv/<file>.installed is remade whenever <file>.txt changes,
# and after .venv is made again.
$(VENV)/%.installed: %.txt $(VENV_MADE)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# The test packages sit on top of the site's own.
$(VENV)/requirements-test.installed: $(VENV)/requirements.installed

# Sphinx runs only when an input changed since the last successful build (the site's files, the commit, the
# packages, the options; sphinx_academic_homepage/uptodate.py lists them): make html FORCE=1 builds anyway.
UPTODATE   := $(BIN)/python -m sphinx_academic_homepage.uptodate $(if $(FORCE),--force)

html: $(VENV)/requirements.installed
	@$(UPTODATE) $(BUILDDIR)/html -- $(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html

test: $(VENV)/requirements-test.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTESTOPTS)

linkcheck: $(VENV)/requirements.installed
	$(BIN)/sphinx-build -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck

livehtml: $(VENV)/requirements-test.installed
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/html --ignore "$(VENV)/*" --ignore "$(BUILDDIR)/*" --ignore "tests/*" --ignore "benchmarks/*" --ignore ".image-cache/*" --watch src

# pip-compile runs in a venv of its own (the pins hold what the site and tests need, not the tool that made
# them), on the oldest supported Python, so that what only older Pythons need is pinned too.
PIP_TOOLS   := pip-tools==7.6.2
TOOLS       := $(BUILDDIR)/pip-tools
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make requirements" $(TOOLS)/bin/pip-compile --quiet --strip-extras \
               --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

$(TOOLS)/bin/pip-compile:
	$(eval COMPILE_PYTHON := $(call find_python,$(OLDEST)))
	$(if $(COMPILE_PYTHON),,$(error pip-compile runs on the oldest supported Python, $(OLDEST), which does not run here))
	$(COMPILE_PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)

requirements upgrade: $(TOOLS)/bin/pip-compile
	$(PIP_COMPILE) $(if $(filter upgrade,$@),--upgrade) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) $(if $(filter upgrade,$@),--upgrade) --output-file requirements-test.txt requirements-test.in

# A site of one's own, written by the package's sitemaker (it refuses a DEST that holds files). A missing
# folder is said in one line before anything is installed.
ifneq ($(filter new-site,$(MAKECMDGOALS)),)
ifeq ($(DEST),)
$(error usage: make new-site DEST=<a new folder>)
endif
endif
ifneq ($(filter import-alfolio,$(MAKECMDGOALS)),)
ifeq ($(and $(SRC),$(DEST)),)
$(error usage: make import-alfolio SRC=<an al-folio site> DEST=<a new folder>)
endif
endif

new-site: $(VENV)/requirements.installed
	$(BIN)/python -m sphinx_academic_homepage.sitemaker new-site "$(DEST)"

import-alfolio: $(VENV)/requirements.installed
	$(BIN)/python -m sphinx_academic_homepage.sitemaker import-alfolio "$(SRC)" "$(DEST)"

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV)
