# The two commands of the README. Both create .venv when needed and reinstall only when
# pyproject.toml changed (the stamp file), so they are quick when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pipeline run data/raw --out data/processed

test: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/python -m pytest

# Synthetic archive (scripts/make_synthetic_archive.py) through cold, unchanged and 1%-changed
# runs; results into docs/benchmarks.md. BENCH_N="5000 20000" for several sizes (slow).
BENCH_N ?= 5000
BENCH_WORKERS ?= 2
bench: $(STAMP)
	$(BIN)/python scripts/bench.py -n $(BENCH_N) --workers $(BENCH_WORKERS) --write docs/benchmarks.md

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf data/processed/* data/.pipeline-cache build/bench .pytest_cache .ruff_cache
