# Two commands do everything on a fresh clone:
#   make run   - install into .venv (if needed) and start the web app on the bundled call
#   make test  - install into .venv (if needed) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,e5]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/callqa serve

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

eval: $(STAMP)
	$(BIN)/callqa eval --gold eval/gold/alibaba-fy2025-q4.jsonl --out eval/out --baselines

clean:
	rm -rf $(VENV) .callqa .pytest_cache .mypy_cache .ruff_cache
