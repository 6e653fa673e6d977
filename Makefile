# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint check bench catalog screenshots lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs read the lock files (every package pinned, with its hashes): `make lock` makes them from pyproject.toml.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# serve.py: Streamlit with its static files sent compressed; `serve.py compress` prepares them once per version.
run: $(VENV)/.runtime
	$(PY) serve.py compress
	$(PY) -m streamlit run serve.py --server.port $(PORT)

# The checks the docs rely on: lint and format, the import contracts (the domain never imports Streamlit; imports only
# go down the floors), the types, no function above complexity C in the domain, then every test.
lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(VENV)/bin/xenon --max-absolute C dashboard serve.py

test: lint
	$(PY) serve.py compress
	$(PY) -m pytest

# Pictures for the README: each page at 1280 and 390 px and the handout's first page, into docs/img/.
screenshots: $(VENV)/.dev
	$(PY) scripts/screenshots.py

check: $(VENV)/.runtime
	$(PY) -m dashboard check $(or $(DIR),data)

# Interface text: extract the marked strings into locales/messages.pot and merge them into every language's
# catalog (new strings arrive empty; the test suite names any without a translation). A new language:
# `$(PY) -m babel.messages.frontend init -i locales/messages.pot -d locales -l fr`, then `make catalog`.
catalog: $(VENV)/.runtime
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k N_ -k NP_:1c,2 -k ngettext:1,2 -k pgettext:1c,2 --no-location --sort-output \
	  --add-comments TRANSLATORS: \
	  --project "recovery timeline" --omit-header --width=120 -o locales/messages.pot .
	$(PY) -m babel.messages.frontend update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete --width=120

# The lock files, from the pins in pyproject.toml: every package the app and the tests pull in, with its hashes.
lock: $(VENV)/.dev
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt pyproject.toml
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra dev -o requirements-dev.txt pyproject.toml

bench: $(VENV)/.dev
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
