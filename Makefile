# The few commands a person types. `make book` and `make test` are all a new user needs.
#
#   make book       create .venv, install the pinned environment, fetch and verify the
#                   data, execute the notebooks and build the HTML book in _build/html
#   make test       build the book and the PDF, then run every test: unit, integration,
#                   PDF and browser tests, nbval over every notebook (stored outputs vs
#                   a fresh run), and a check of every internal link and anchor
#   make pdf        build the PDF edition with XeLaTeX into _build/pdf/book.pdf
#   make check      lint the package, the tests and the notebooks (ruff)
#   make bench      time cold and incremental builds, nbval, each notebook and each
#                   dataset load; writes _build/bench/bench.md (about 15 minutes)
#   make notebooks  re-execute every notebook in place (after changing one, before nbval)
#   make lock       regenerate requirements.lock from pyproject.toml
#   make clean      remove the build; `make distclean` also the environment and data cache
#
# Data come from the data cache, then from $SCO_DATA_MIRROR (a folder of the raw files;
# CI sets it), then from the canonical URLs in data/registry.csv.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
PYTEST_WORKERS ?= 2
BUILD_DIR := $(or $(SCO_BUILD_DIR),_build)

.PHONY: book pdf test check bench notebooks data install lock clean distclean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

data: install
	$(PY) -m analysis.data verify

book: data
	$(PY) -m analysis.build

pdf: data
	$(PY) -m analysis.build --pdf

test: book pdf
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks
	$(BIN)/pytest --check-links --check-anchors --check-links-ignore 'https?://.*' \
	  -p no:cacheprovider $(BUILD_DIR)/html \
	  --ignore=$(BUILD_DIR)/html/_sources --ignore=$(BUILD_DIR)/html/_static

bench: data
	$(PY) -m analysis.bench

check: install
	$(BIN)/ruff check src tests notebooks

notebooks: data
	$(BIN)/jupyter execute --inplace $(NOTEBOOKS)

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[test]"
	{ sed -n '1,2p' requirements.lock; .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV) .data-cache
