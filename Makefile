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
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pipeline run data/raw --out data/processed

test: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf data/processed/* .pytest_cache .ruff_cache
