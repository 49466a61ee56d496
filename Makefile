# Two entry points for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo test test-browser lint bench bench-report clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(STAMP_TEST): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/ficlens demo -o ficlens-out

test: $(STAMP_TEST)
	$(BIN)/python -m pytest

test-browser: $(STAMP_TEST)
	$(BIN)/python -m pytest tests/browser

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_analyze.py

bench-report: $(STAMP_TEST)
	$(BIN)/python benchmarks/bench_report.py

clean:
	rm -rf $(VENV) ficlens-out build *.egg-info src/*.egg-info
