# argmap: `make run` opens the Mosul map in the TUI, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MAP ?=
# Test processes: `auto` is one per core (PYTEST_XDIST_AUTO_NUM_WORKERS=N caps it), 0 runs the suite in this process.
TEST_JOBS ?= auto

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/argmap $(MAP)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/argmap fmt --check maps/*.yaml

test: install lint
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist loadfile

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
