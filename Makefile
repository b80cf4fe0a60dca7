.PHONY: test lint build bench
test:
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy
build:
	.venv/bin/pyinstaller --noconfirm build.spec
bench:
	for f in bench/bench_*.py; do .venv/bin/python $$f; done
