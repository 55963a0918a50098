# The two commands a user needs: `make run` and `make test`. Each sets up .venv by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint soak fuzz translations bench screenshots labels-docs clean package

# The venv is rebuilt when pyproject.toml or the version changes (stale) or when it is missing.
$(STAMP): pyproject.toml src/tracedesk/__init__.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

# The system libraries Qt's window needs are checked first: all missing ones are named, with the
# apt and dnf commands that install them (src/tracedesk/syscheck.py), instead of a Qt abort.
run: $(STAMP)
	@$(BIN)/python -m tracedesk.syscheck
	$(BIN)/tracedesk

LINTED := src tests bench scripts tools

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Fast checks first: import layers, lint, formatting and types (seconds, before the suite's minutes).
# mypy reads its settings from pyproject.toml ([tool.mypy]) and keeps its cache in .mypy_cache.
lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# Long runs of the attacking tests (docs/reliability.md): a thousand SIGKILLs of a writer, and
# property tests with many more examples. FUZZ_SECONDS bounds `make fuzz`.
SOAK_KILLS ?= 1000
FUZZ_SECONDS ?= 600

soak: $(STAMP)
	TRACEDESK_KILLS=$(SOAK_KILLS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/crash -q -s -p no:cacheprovider -o timeout=0

fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python tools/fuzz.py --seconds $(FUZZ_SECONDS)

bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Pictures of every workspace with demo data, on a real X server (Xvfb; see scripts/screenshots.py).
# Qt's X11 (xcb) plugin needs these libraries too; a desktop has them, a server often lacks them.
X11_PACKAGES := xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
screenshots: $(STAMP)
	@command -v Xvfb >/dev/null || test -n "$$DISPLAY" || { echo "make screenshots needs Xvfb and the X11 libraries of Qt's xcb plugin (Debian/Ubuntu): sudo apt-get install $(X11_PACKAGES)"; exit 2; }
	$(BIN)/python scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist

# The installable program (PyInstaller, one folder) in dist/tracedesk/, then its smoke test: it
# starts, creates a database with its administrator, records a receipt, answers a trace.
# dist/ and build/ are never committed. Windows: docs/install.md.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller tracedesk.spec
	$(BIN)/python scripts/package_smoke.py dist/tracedesk/tracedesk-cli

# Pictures of every label template (docs/labels/), rendered from the shipped templates.
labels-docs: $(STAMP)
	$(BIN)/python -m tracedesk.labels.preview docs/labels

# Screen texts: collect them from ui/ into the .ts files, fill in the wording kept in
# scripts/zh_CN.py (and the English plural forms), compile the .qm files the app loads.
UI_SOURCES = $(shell find src/tracedesk -name '*.py')
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -extensions py $(UI_SOURCES) -ts resources/i18n/tracedesk_zh_CN.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly -extensions py $(UI_SOURCES) -ts resources/i18n/tracedesk_en.ts
	$(BIN)/python scripts/zh_CN.py resources/i18n/tracedesk_zh_CN.ts
	$(BIN)/python scripts/en.py resources/i18n/tracedesk_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/tracedesk_zh_CN.ts resources/i18n/tracedesk_en.ts
