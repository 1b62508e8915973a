# Two commands: `make run` (set up, then start the app) and `make test` (set up, then run every test; `make test-fast`
# leaves out the browser, proxy and slow tests).
# They install the lock files (every package pinned, as measured); `make lock` regenerates them after
# requirements.txt / requirements-test.txt (the hand-edited top-level lists) change.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run example test test-fast validate export bench lock clean

# Invalid data does not stop the server: it shows the problems in a banner (and the last valid data, once there was
# some), so they are printed here and the server starts anyway. TARGETS_CONFIG names another config.yaml, as for the app.
run: $(VENV)/.runtime
	@$(PY) -m targets validate $${TARGETS_CONFIG:-config.yaml} >/dev/null 2>&1 || { $(PY) -m targets validate $${TARGETS_CONFIG:-config.yaml}; \
	  echo "Starting anyway: the dashboard shows these problems in a banner until they are fixed." >&2; }
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(VENV)/.test
	bash scripts/ensure_browser.sh
	bash scripts/ensure_proxies.sh
	$(PY) -m pytest

# The quick loop while editing (under a minute): no Chromium, no HAProxy/nginx, none of the tests marked slow
# (pytest.ini lists the markers). `make test` still runs everything, as CI does.
# The progress views with made-up reports (examples/progress, 示例数据（非真实）): a copy of the project in .example/
# with the sample reports, revisions and slides; the project's own data/ is not touched.
example: $(VENV)/.runtime
	$(PY) scripts/make_example.py --out .example >/dev/null
	TARGETS_CONFIG=.example/config.yaml $(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test-fast: $(VENV)/.test
	$(PY) -m pytest -q -n 2 -m "not browser and not proxy and not slow"

validate: $(VENV)/.runtime
	$(PY) -m targets validate

# Writes docs/benchmarks.md (see bench/run.py). BENCH_ARGS passes options, e.g. BENCH_ARGS="--quick --only 1,2".
bench: $(VENV)/.test
	bash scripts/ensure_browser.sh
	$(PY) bench/run.py $(BENCH_ARGS)

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	touch $@

$(VENV)/.runtime: requirements.lock $(VENV)/.created
	$(VENV)/bin/pip install -q -r requirements.lock
	touch $@

$(VENV)/.test: requirements.lock requirements-test.lock $(VENV)/.created
	$(VENV)/bin/pip install -q -r requirements-test.lock
	touch $@ $(VENV)/.runtime

lock:
	PYTHON=$(PYTHON) bash scripts/lock.sh

clean:
	rm -rf $(VENV) artifacts .pytest_cache
