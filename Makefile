# Two commands do everything on a fresh Debian machine:
#   make site   install what is missing, then build site/ from plans/
#   make test   install what is missing, then run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

# Debian packages: for the site build (Pango and CJK fonts for PDFs), and for the tests (a real Chromium).
SITE_PACKAGES := python3-venv git libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-noto-cjk fonts-cns11643-sung fonts-cns11643-kai
TEST_PACKAGES := chromium poppler-utils time

# A command a webmaster runs: when it fails it has said why in Chinese; make's own English line
# ("make: *** [Makefile:…] Error 1") would only repeat it. So a failing command stops make by
# SIGINT, which GNU make takes silently (exit status 130), instead of reporting an error. The shell
# lives on a moment so that make's signal handler still finds it to wait for: were it gone already,
# make could print "make: *** wait: No child processes" instead.
quietly = $(1) || { kill -INT $$PPID; sleep 1; }

# (scale is only an argument of bench)
.PHONY: site test unit lint check bench scale pdf serve validate generate schema import system-site system-test clean

site: system-site $(STAMP)
	@$(call quietly,$(BIN)/mkdocs build)

# Everything: lint first, then every test (fast tier and tests/e2e/).
test: system-site system-test $(STAMP) $(NODE_STAMP)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

# The fast tier: every test outside tests/e2e/ (no site build, no browser).
unit: system-site $(STAMP)
	$(BIN)/python -m pytest -m "not e2e"

# ruff (lint and format check) and mypy, configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check build_scripts tests
	$(BIN)/ruff format --check build_scripts tests
	$(BIN)/mypy

# Check a built site/ with every checker (Taiwan rules, axe-core, Nu Html Checker, PDF/UA-1); writes reports/.
check: system-site system-test $(STAMP) $(NODE_STAMP)
	@$(call quietly,$(BIN)/plansite check site)

# Speed and memory figures (prints tables; never fails on a slow machine). `make bench scale`: the
# figures at 5, 100 and 400 synthetic plans in two shapes (BENCH_SCALE=5,100,400,1000 for more; BENCH_SHAPE=city).
bench: system-site system-test $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tests.bench $(filter scale,$(MAKECMDGOALS))

# Only a word for `make bench scale`.
scale:
	@:

# One share of the PDFs into the cache, for CI on several machines: make pdf SHARD=2/4 (README 「多台機器建置」).
pdf: system-site $(STAMP)
	@$(call quietly,$(BIN)/plansite pdf --shard "$(or $(SHARD),1/1)")

serve: system-site $(STAMP)
	@$(call quietly,$(BIN)/mkdocs serve)

validate: $(STAMP)
	@$(call quietly,$(BIN)/plansite validate)

generate: $(STAMP)
	@$(call quietly,$(BIN)/plansite generate)

schema: $(STAMP)
	@$(call quietly,$(BIN)/plansite schema)

# Import an agency's own document: make import FILE=計畫.docx (also .odt, .pdf, .txt, or a folder of them).
import: $(STAMP)
	@test -n "$(FILE)" || { echo "用法：make import FILE=計畫.docx（也可以是 .odt、.pdf、.txt，或放著多份文件的資料夾）"; kill -INT $$PPID; sleep 1; }
	@$(call quietly,$(BIN)/plansite import "$(FILE)")

# Install only the Debian packages that are missing (apt-get update once, only if needed).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "正在安裝 Debian 套件（只有第一次需要）：$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

define apt_install_now
	{ $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(1); }
endef

system-site:
	$(call apt_install,$(SITE_PACKAGES))

system-test:
	$(call apt_install,$(TEST_PACKAGES))
	@command -v java >/dev/null || $(call apt_install_now,default-jre-headless)
	@command -v npm >/dev/null || $(call apt_install_now,npm)

# axe-core and the Nu Html Checker (vnu.jar), pinned in package-lock.json. --ignore-scripts: vnu-jar's
# install script would download a Java runtime; Debian's is used instead.
$(NODE_STAMP): package.json package-lock.json
	@echo "正在安裝檢測工具 axe-core 與 Nu Html Checker（npm，只有第一次需要）……"
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(STAMP): pyproject.toml
	@echo "正在建立 Python 環境 .venv 並安裝固定版本的套件（只有第一次或 pyproject.toml 改變時需要，約 1–2 分鐘）……"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@
	@echo "Python 環境已安裝完成。"

clean:
	rm -rf site content/disclosure content/sitemap.md .pytest_cache
