# motcua: two commands set up a fresh machine (only Python 3.11 needed):
#   make demo   install into .venv and run motcua on the bundled sample data
#   make test   install into .venv and run the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint samples clean bench bench-large fuzz crash

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Byte-compile the package as pip does for a regular install (an editable one does
	# not): with PYTHONDONTWRITEBYTECODE set, every command would compile it again.
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/motcua inspect sample_data/* --samples 0 | grep -E "^(─|Định dạng|Số dòng)" || true
	$(BIN)/motcua report sample_data/* --period 2026-Q3 --by field
	mkdir -p out
	$(BIN)/motcua form sample_data/* --period 2026-Q3 --cutoff-day 14 --output out/bieu_II06a_{period}.xlsx
	$(BIN)/motcua report sample_data/* --period 2026-Q3 --by unit --output out/bao_cao_{period}.html
	$(BIN)/motcua overdue sample_data/* --as-of 2026-11-20 --within 2 --output out/xin_loi_{as_of}.xlsx

test: $(STAMP)
	$(BIN)/python -m pytest

# Style and types: ruff (lint and format) and mypy (strict on the core). CI runs it first.
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy src

# Regenerate sample_data/ and its ground truth (tests/data/) from the seeded generator.
samples: $(STAMP)
	$(BIN)/python scripts/make_sample_data.py

clean:
	rm -rf $(VENV) .pytest_cache

# Benchmarks (not part of the tests): motcua against Polars alone, pandas and DuckDB on the
# same generated data, in the same session; writes bench/results.md (about 15 minutes).
bench: $(STAMP)
	cd bench && ../$(BIN)/python suite.py

# A report over a 50-million-dossier store (built once, about 6 GB in ~/.cache/motcua-bench).
bench-large: $(STAMP)
	cd bench && ../$(BIN)/python store_large.py 50000000

# Mutation fuzzing of the sample files (tests/fuzz.py) for FUZZ_MINUTES (default 10);
# prints cases run and failures, copies failing inputs to fuzz-failures/.
FUZZ_MINUTES ?= 10
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --minutes $(FUZZ_MINUTES)

# Kill the store's writers (ingest, compact, repair) at random moments for CRASH_MINUTES
# (default 10); prints kills, damaged stores and lost dossiers (tests/crash.py).
CRASH_MINUTES ?= 10
crash: $(STAMP)
	$(BIN)/python -m tests.crash --minutes $(CRASH_MINUTES)
