# Two commands do all the set-up:  `make daily`  and  `make test`.
.PHONY: setup daily test test-fast bench clean

setup:
	@./scripts/setup.sh

## Set up, then write today's briefing of seeds/ to outputs/briefing-YYYY-MM-DD.md
daily: setup
	.venv/bin/briefing daily seeds/

## Set up, then run the whole test suite (slow model tests included)
test: setup
	@./scripts/test-deps.sh
	.venv/bin/python -m pytest -q

test-fast: setup
	.venv/bin/python -m pytest -q -m "not slow"

bench: setup
	.venv/bin/python benchmarks/bench.py

clean:
	rm -rf .venv outputs/briefing-*
