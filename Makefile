# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint check bench catalog screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# serve.py: Streamlit with its static files sent compressed; `serve.py compress` prepares them once per version.
run: $(VENV)/.runtime
	$(PY) serve.py compress
	$(PY) -m streamlit run serve.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m ruff check .
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

bench: $(VENV)/.dev
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
