# Two commands: `make run` (set up, then start the app) and `make test` (set up, then run every test).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test validate export bench clean

run: $(VENV)/.runtime
	$(PY) -m targets validate >/dev/null || $(PY) -m targets validate
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.test
	bash scripts/ensure_browser.sh
	bash scripts/ensure_proxies.sh
	$(PY) -m pytest

validate: $(VENV)/.runtime
	$(PY) -m targets validate

bench: $(VENV)/.test
	bash scripts/ensure_browser.sh
	$(PY) bench/run.py

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.created
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt $(VENV)/.created
	$(VENV)/bin/pip install -q -r requirements-test.txt
	touch $@ $(VENV)/.runtime

clean:
	rm -rf $(VENV) artifacts .pytest_cache
