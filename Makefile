# socialgov — make run: the app on http://127.0.0.1:8000 with demo data; make test: the whole suite.
# Every target honours DATABASE_URL (default: SQLite under SOCIALGOV_DATA_DIR, default ./var).

VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
ASSETS  := node_modules/.installed-stamp
DATA    := $(or $(SOCIALGOV_DATA_DIR),var)
JUNIT   ?= $(DATA)/junit.xml
PYTEST_ARGS ?=

.PHONY: install run test lint requirements demo clean bench-classifiers bench-archive

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(ASSETS)

run: install
	$(BIN)/socialgov migrate --noinput
	$(BIN)/socialgov demo
	$(BIN)/socialgov run

demo: install
	$(BIN)/socialgov migrate --noinput
	$(BIN)/socialgov demo

test: install
	mkdir -p $(DATA)
	$(BIN)/pytest --junitxml=$(JUNIT) -o junit_family=xunit1 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Classifier quality and speed beside Presidio's pattern recognizers and alt-profanity-check.
bench-classifiers: install
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python -m bench.classifiers.run

# Archive ingest (1,000,000 generated items) and search, on SQLite then PostgreSQL; ITEMS=200000 for a shorter run.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/socialgov_bench
bench-archive: install
	$(BIN)/python -m bench.archive.run --database sqlite --items $(or $(ITEMS),1000000)
	$(BIN)/python -m bench.archive.run --database postgres --database-url $(BENCH_PG_URL) --items $(or $(ITEMS),1000000)

requirements: install
	$(BIN)/socialgov requirements

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
