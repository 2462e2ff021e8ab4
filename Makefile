# storyline — the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: setup browser java bench bench-views bench-watch demo test lint typecheck check eval eval-quotes screenshots clean

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

# quotes and speakers on the 40 held-out AllSides articles annotated by hand (opt-in, not in CI)
QUOTES_GOLD := tests/gold/allsides_quotes_gold.jsonl
QUOTES_DIR ?= /tmp/storyline-eval-quotes
eval-quotes: setup
	mkdir -p $(QUOTES_DIR)
	rm -f $(QUOTES_DIR)/held.db $(QUOTES_DIR)/held.db-wal $(QUOTES_DIR)/held.db-shm
	$(BIN)/python -m storyline.evaluation.allsides_quotes --gold $(QUOTES_GOLD) \
	  --pick-from $(SHARED)/corpus/allsides/foreign-affairs.jsonl.gz --out $(QUOTES_DIR)/held.jsonl
	$(BIN)/storyline analyze $(QUOTES_DIR)/held.jsonl --db $(QUOTES_DIR)/held.db --workers 1
	$(BIN)/storyline export --db $(QUOTES_DIR)/held.db -o $(QUOTES_DIR)/held.json --force
	$(BIN)/python -m storyline.evaluation.allsides_quotes $(QUOTES_DIR)/held.json --gold $(QUOTES_GOLD)

# every view's answer time on an analysed database: make bench-views DB=story.db
bench-views: setup
	$(BIN)/python -m storyline.bench_views $(DB)

# storyline watch on a local feed of 500 generated articles (a benchmark, not a test)
bench-watch: setup
	$(BIN)/python -m tests.watch.bench_feed 500

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
