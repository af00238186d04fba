# partyevents — `make extract` then `make test` on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
IN     ?= data/raw
OUT    ?= data/out
GOLD   ?= tests/data/gold_dev.jsonl

.PHONY: install extract test lint eval bench report clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -c "import jionlp" >/dev/null  # unpacks JioNLP's dictionaries now, not mid-run
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install the package with its dependencies

extract: $(STAMP)  ## run the pipeline on data/raw -> data/out
	$(BIN)/partyevents extract $(IN) $(OUT)

test: $(STAMP)  ## run the test suite (unit, doctests, end-to-end)
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff + mypy
	$(BIN)/ruff check src tests
	$(BIN)/mypy

report: $(STAMP)  ## HTML review report of $(OUT) -> $(OUT)/report.html
	$(BIN)/partyevents report $(OUT)

eval: extract  ## score data/out against the shipped sample answers
	$(BIN)/partyevents evaluate --gold $(GOLD) --out $(OUT)

bench: $(STAMP)  ## throughput, peak RSS, ratio to spaCy+jieba: synthetic corpus (MB=200), real pages on one core (REAL_MB=40), start-up
	$(BIN)/python -m partyevents.bench --mb $${MB:-200} --real-mb $${REAL_MB:-40}
	$(BIN)/python -m partyevents.bench --mb 10 --memory-workers 1 2 4

clean:
	rm -rf $(VENV) data/out/*.parquet .pytest_cache .mypy_cache .ruff_cache
