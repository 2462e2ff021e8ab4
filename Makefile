# storyline — the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: setup browser java bench demo test lint typecheck check eval screenshots clean

setup: $(STAMP) browser java

# Java for the Spark engine and its tests (Debian's JRE; PySpark comes from PyPI).
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "warning: java missing and no root: Spark tests will skip (apt-get install openjdk-17-jre-headless)"; exit 0; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "warning: chromium missing and no root: browser tests will skip (apt-get install chromium)"; exit 0; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

demo: setup
	rm -f demo.db demo.db-wal demo.db-shm demo.json
	$(BIN)/storyline analyze examples --db demo.db
	$(BIN)/storyline export --db demo.db --format json -o demo.json
	$(BIN)/storyline info --db demo.db
	$(BIN)/storyline figures --db demo.db
	@echo "wrote demo.db (open it with sqlite3 or Datasette) and demo.json"

test: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -q

lint:
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck:
	$(BIN)/mypy

# throughput against the bare spaCy backbone, one process and N workers (a benchmark, not a test)
bench: setup
	$(BIN)/python -m storyline.bench $(SHARED)/datasets/polnear/train/text

eval: setup
	$(BIN)/python -m storyline.evaluation.conll $(SHARED)/datasets/conll2003/eng.testa
	$(BIN)/python -m storyline.evaluation.conll $(SHARED)/datasets/conll2003/eng.testa --through-cli
	$(BIN)/python -m storyline.evaluation.polnear --split dev
	$(BIN)/python -m storyline.evaluation.timebank
	$(BIN)/python -m storyline.evaluation.factrueval $(SHARED)/datasets/factrueval-2016/devset
	$(BIN)/python -m storyline.evaluation.zh_news
	$(BIN)/python -m storyline.evaluation.ask
	$(BIN)/python -m storyline.evaluation.brief
	$(BIN)/python -m storyline.evaluation.brief --corpus tests/framing/heldout/corpus --expected tests/framing/heldout/expected.json

screenshots: setup
	rm -f /tmp/storyline-screens.db*
	$(BIN)/storyline analyze examples --db /tmp/storyline-screens.db --quiet
	$(BIN)/python -m tests.web.screenshots /tmp/storyline-screens.db docs/img

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm demo.json .pytest_cache .mypy_cache .ruff_cache
