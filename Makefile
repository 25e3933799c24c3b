# care_degraded — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VAULT ?= $(HOME)/.local/share/care_degraded/demo-ward
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# System packages the suite and the app need (age for recovery checks, poppler
# for PDF rendering, zbar for QR decoding, Xvfb and GL/xkb libraries for Qt,
# binutils for the ward executable's strip and objdump).
SYSTEM_PACKAGES := age poppler-utils zbar-tools xvfb fonts-dejavu-core binutils \
	libgl1 libegl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-xinerama0 libxcb-image0 \
	libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1

.PHONY: run test lint types contracts pytest bench system venv translations dist clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,build]'
	touch $(STAMP)

venv: $(STAMP)

system:
	@missing=""; \
	command -v age >/dev/null || missing="$$missing age"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null || missing="$$missing zbar-tools"; \
	command -v Xvfb >/dev/null || missing="$$missing xvfb"; \
	command -v strip >/dev/null && command -v objdump >/dev/null || missing="$$missing binutils"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	ldconfig -p | grep -q libEGL.so.1 || missing="$$missing libegl1"; \
	ldconfig -p | grep -q libxkbcommon.so.0 || missing="$$missing libxkbcommon0"; \
	ldconfig -p | grep -q libfontconfig.so.1 || missing="$$missing libfontconfig1"; \
	ldconfig -p | grep -q libGL.so.1 || missing="$$missing libgl1"; \
	for lib in cursor icccm keysyms xinerama image render-util randr shape xkb; do \
	  ldconfig -p | grep -q "libxcb-$$lib.so" || missing="$$missing libxcb-$$lib"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

# The real application on the demo ward (created on first run), ready to log in.
run: system $(STAMP) translations
	$(BIN)/care-degraded-gui --vault "$(VAULT)" --demo

# Interface translations: resources/i18n/*.ts -> .qm with the venv's pyside6-lrelease.
TS_FILES := $(wildcard resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# The standalone ward executable (build.spec): dist/care-degraded/, both programs in one folder.
dist: system $(STAMP) translations
	rm -rf dist/care-degraded
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	@du -sh dist/care-degraded

lint: $(STAMP)
	$(BIN)/ruff check care_degraded tests bench build_hooks

types: $(STAMP)
	$(BIN)/mypy care_degraded

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: system $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n auto

test: system $(STAMP) lint types contracts pytest

bench: system $(STAMP)
	$(BIN)/python bench/vault_bench.py
	$(BIN)/python bench/crash.py
	$(BIN)/python bench/census_bench.py
	$(BIN)/python bench/forms_bench.py
	$(BIN)/python bench/print_bench.py
	$(BIN)/python bench/sync_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/app_bench.py
	$(BIN)/python bench/dist_bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
