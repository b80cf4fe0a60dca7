.PHONY: test test-fast lint build bench
# The whole suite, as CI runs it (about 4 minutes on 2 cores).
test:
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q
# The developer loop: leaves out the tests marked slow and stops at the first failure.
test-fast:
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -x -m "not slow"
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy
build:
	.venv/bin/pyinstaller --noconfirm build.spec
bench:
	for f in bench/bench_*.py; do .venv/bin/python $$f; done
