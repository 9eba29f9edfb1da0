# The README's two commands. Each sets everything up from scratch (idempotently):
#   make demo   - venv, package, browser, then the whole job on the built-in demo site
#   make test   - venv, package, browser, then the test suite
#   make test-fast - the tests that need no browser (seconds; no browser is set up)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
# pytest-xdist workers for `make test`: each has its own demo site (a free port), Chromium and temp
# folders. --dist loadfile keeps a test module on one worker, so a module-scoped read (the fixtures'
# map coverage and smoke check, the wheel) is done once. Two suit a two-core machine;
# `make test WORKERS=0` runs everything in one process.
WORKERS ?= 2

.PHONY: demo test test-fast lint setup browser test-tools dist clean

demo: browser
	$(BIN)/linkedin-optout demo

test: browser test-tools lint
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile $(PYTEST_ARGS)

test-fast: setup lint
	$(BIN)/python -m pytest -m "not browser and not slow and not network" $(PYTEST_ARGS)

# ruff and mypy, as configured in pyproject.toml (part of both test commands)
lint: setup
	$(BIN)/ruff check automation tests benchmarks scripts
	$(BIN)/mypy

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml automation/version.py  # the installed version is read from version.py
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

browser: setup
	$(BIN)/python -m automation.session.browser_setup

# The sdist, and the wheel built from it (so the sdist is known to be complete), into dist/.
# .github/workflows/release.yml runs these same two lines (tests/test_release_workflow.py compares them).
dist: setup
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

# systemd-analyze and crontab for tests/test_schedule_real.py, Xvfb for tests/test_headed.py
# (root on Debian: apt-get; else those tests are skipped with the reason)
test-tools:
	sh scripts/test_tools.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .artifacts
