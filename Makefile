# The project's commands. `make help` lists them.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export PATH := $(abspath $(VENV))/bin:$(PATH)
DATA ?=
OUT ?= build
REGIONS ?=
LAB_ARGS ?=
# JupyterLab refuses to start as root (containers, cloud VMs) unless told it may
LAB_AS_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)

.DEFAULT_GOAL := help
.PHONY: help install lab test notebooks briefings run validate export evaluate bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e '.[dev]'
	touch $@

install: $(VENV)/.installed  ## Create .venv and install the package with its dependencies

lab: install  ## Start JupyterLab on the notebooks; LAB_ARGS="--port=8899" adds options
	$(VENV)/bin/jupyter lab $(LAB_AS_ROOT) $(LAB_ARGS) notebooks/

test: install  ## Run the package tests and check the notebooks with nbval
	$(PY) -m pytest tests/
	ZEROCOVID_STATIC_TABLES=1 $(PY) -m pytest --nbval --nbval-current-env notebooks/

notebooks: install  ## Re-execute every notebook in place (outputs are committed)
	$(PY) -m zerocovid notebooks

briefings: install  ## Regenerate briefings/ from the corpus
	$(PY) -m zerocovid briefings

run: install  ## Run every notebook on DATA (default: data/) into OUT (default: build/); REGIONS="Yili,Korla" to choose
	$(PY) -m zerocovid run $(if $(DATA),--data $(DATA)) --out $(OUT) $(if $(REGIONS),--regions "$(REGIONS)")

validate: install  ## Check a corpus folder (DATA, default data/) and list every problem
	$(PY) -m zerocovid validate $(DATA)

export: install  ## Write every coded table of DATA (default: data/) to OUT: a .xlsx workbook, else a CSV folder (default: build/export/)
	$(PY) -m zerocovid export $(if $(DATA),--data $(DATA)) $(if $(filter build,$(OUT)),build/export,$(OUT))

evaluate: install  ## Measure the tool against the gold and the two human codings against each other (docs/accuracy.md)
	$(PY) -m zerocovid evaluate --out docs/accuracy.md

bench: install  ## Benchmark loading and the analyzers on a synthetic corpus
	$(PY) -m benchmarks.run

clean:  ## Remove build outputs and caches (keeps .venv)
	rm -rf build .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
