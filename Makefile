# samarkiv: `make demo` and `make test` do all set-up on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEBIAN_PACKAGES := tesseract-ocr tesseract-ocr-swe hunspell-sv fonts-dejavu-core chromium chromium-driver \
                   postgresql redis-server libreoffice-writer-nogui
DB ?= archive.sqlite
export OMP_THREAD_LIMIT = 1

.PHONY: help deps venv demo test lint fixtures model clean bench

help:
	@echo "make demo      install everything, ingest fixtures/ into $(DB) and show what was found"
	@echo "make test      install everything and run the test suite"
	@echo "make lint      ruff and mypy over the code (make test runs it first)"
	@echo "make fixtures  typeset the seeds as born-digital and scanned PDFs (fixtures/generated/)"
	@echo "make model     rebuild the Swedish NER model shipped in extract/model/"
	@echo "make bench     speed and memory against bare tesseract and OCRmyPDF (JSON in bench-results/)"

deps:
	@scripts/ensure-debian-packages.sh $(DEBIAN_PACKAGES)

$(BIN)/samarkiv: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

venv: $(BIN)/samarkiv

fixtures/generated/.done: $(BIN)/samarkiv samarkiv/synth.py
	$(BIN)/python -m samarkiv.synth fixtures/seeds/004_*.txt --out fixtures/generated --kind born
	$(BIN)/python -m samarkiv.synth fixtures/seeds/003_*.txt --out fixtures/generated --kind scan --seed 3
	touch $@

fixtures: deps fixtures/generated/.done

demo: deps venv fixtures
	$(BIN)/samarkiv ingest fixtures/seeds fixtures/generated --db $(DB)
	$(BIN)/samarkiv status --db $(DB)
	$(BIN)/samarkiv search 'bevilja*' --kind decision --db $(DB) --format table
	$(BIN)/samarkiv amounts --by forbund,year --db $(DB) --format table
	$(BIN)/samarkiv outcomes --by-insats --db $(DB) --format table

lint: venv
	$(BIN)/ruff check samarkiv ingest normalize extract store tests scripts benchmarks
	$(BIN)/mypy samarkiv ingest normalize extract store

test: deps venv lint
	$(BIN)/python -m pytest -q

model: venv
	$(BIN)/python -m samarkiv.extract.training.build

clean:
	rm -rf $(VENV) fixtures/generated *.egg-info build $(DB) $(DB)-wal $(DB)-shm

# Not part of `make test`: minutes of CPU. BENCH_ARGS passes options, e.g. BENCH_ARGS="--docs 200".
BENCH_DEBIAN_PACKAGES := ghostscript
BENCH_ARGS ?=

$(VENV)/.stamp-bench: $(BIN)/samarkiv pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@

bench: deps venv fixtures $(VENV)/.stamp-bench
	@scripts/ensure-debian-packages.sh $(BENCH_DEBIAN_PACKAGES)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
