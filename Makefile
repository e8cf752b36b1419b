# quizapp: `make run` installs and starts the app; `make test` installs and runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint typecheck pytest bench snapshots catalogs clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(VENV)/bin/quizapp $(ARGS)

test: $(STAMP_TEST)
	$(PY) -m ruff check quizapp tests benchmarks
	$(PY) -m mypy
	$(PY) -m pytest -n 2 -q $(PYTEST_ARGS)

pytest: $(STAMP_TEST)
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP_TEST)
	$(PY) benchmarks/run.py

snapshots: $(STAMP_TEST)
	$(PY) -m pytest tests/ui/test_snapshots.py tests/classroom/test_snapshots.py --snapshot-update -q

# Re-extract the messages and merge them into the catalogs (see README, "Translating").
catalogs: $(STAMP_TEST)
	$(VENV)/bin/pybabel extract -F pyproject.toml -o locales/quizapp.pot --project quizapp --no-location --sort-output -c Translators: .
	$(VENV)/bin/pybabel update -D quizapp -i locales/quizapp.pot -d locales --ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
