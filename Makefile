# `make build` builds the embedded project into output/; `make test` runs every check.
# Both create .venv and install the pinned dependencies (requirements.lock) on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test lint pytest bench clean lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

build: $(STAMP)
	$(PY) -m timeline build .

test: lint pytest

lint: $(STAMP)
	$(PY) -m ruff check timeline tests bench
	$(PY) -m ruff format --check timeline tests bench
	$(PY) -m mypy

pytest: $(STAMP)
	$(PY) -m pytest

# The benchmark of bench/run.py, written to bench/RESULTS.md (about 15 minutes);
# e.g. `make bench BENCH_ARGS="--sizes 10,1000"` for a quick run.
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

# Re-pin every dependency after editing pyproject.toml (needs the network).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check --upgrade setuptools wheel
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[test]'
	.venv-lock/bin/pip freeze --all --exclude pip --exclude timeline | sort > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) output/.build-*
