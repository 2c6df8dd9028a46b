# orglife — make help lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help install run demo test test-sqlite test-postgres e2e-deps lint format bench bench-web vendor clean

help: ## 列出命令 / list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## 创建 .venv 并安装 / create .venv and install

run: $(STAMP) ## 迁移、载入演示数据并启动 / migrate, load the demo, serve on 127.0.0.1:$(PORT)
	$(VENV)/bin/orglife demo
	$(VENV)/bin/orglife serve --port $(PORT)

demo: $(STAMP) ## 载入演示组织 / load the demo organization
	$(VENV)/bin/orglife demo

test: $(STAMP) ## 代码检查与全部测试（SQLite；设置 DATABASE_URL 时再跑 PostgreSQL）/ lint, then the whole suite
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "DATABASE_URL not set: PostgreSQL run skipped"; fi

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: $(STAMP) ## 仅数据库相关测试在 PostgreSQL 上 / database tests on $$DATABASE_URL
	ORGLIFE_DB_TESTS_ONLY=1 $(PY) -m pytest --create-db

# Playwright drives Debian's chromium itself (no chromedriver, no browser download); the font
# is checked on its own, so a machine that already had chromium still gets Chinese glyphs.
e2e-deps: ## 安装浏览器测试所需的 Debian 包：chromium 与中文字体（root）/ chromium and a CJK font
	@if command -v chromium >/dev/null && fc-list :lang=zh family | grep -q .; then \
	  echo "chromium and a Chinese font are installed"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; fi

lint: $(STAMP) ## ruff 与 mypy（整个 src，django-stubs）/ ruff and mypy over all of src
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

bench: $(STAMP) ## 运行性能基准 / run benchmarks/
	@for f in benchmarks/bench_*.py; do [ $$f = benchmarks/bench_web.py ] && continue; echo "== $$f"; $(PY) $$f || exit 1; done

bench-web: $(STAMP) ## 网站负载基准（全规模，设 DATABASE_URL 用 PostgreSQL）/ pages under load at full size
	$(PY) benchmarks/bench_web.py --size full

vendor: ## 从 npm 更新前端静态资源 / refresh vendored assets from npm
	bash scripts/vendor.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
