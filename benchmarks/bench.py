"""Speed benchmark: the whole CLI as a process, plus where the time goes.

    .venv/bin/python benchmarks/bench.py [DATA.jsonl] [--engine NAME] [--workers N]

1. Runs `briefing batch DATA --format jsonl --out TMP --force` as a child process and
   reports wall time, articles/s, peak RSS of the process tree, and time to the first result.
2. Runs the same pipeline in-process and splits the time into stages (imports and model
   load, sentence splitting, encoding/scoring, quotes, key points, rendering).
Results are appended to benchmarks/RESULTS.md with the command, CPU count and date.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cnndm-dev.jsonl"


def tree_rss(proc) -> int:
    total = 0
    try:
        for p in [proc, *proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:
                pass
    except Exception:
        pass
    return total


def run_cli(data: Path, engine: str, workers: int) -> dict:
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        cache = Path(tmp) / "cache"
        cmd = [str(ROOT / ".venv" / "bin" / "briefing"), "batch", str(data), "--format", "jsonl", "--out", str(out),
               "--force", "--engine", engine, "--cache-dir", str(cache)]
        if workers > 1:
            cmd += ["--workers", str(workers)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ps = psutil.Process(proc.pid)
        peak, first = 0, None
        while proc.poll() is None:
            peak = max(peak, tree_rss(ps))
            if first is None and cache.exists() and any(cache.rglob("*.json")):
                first = time.perf_counter() - start
            time.sleep(0.05)
        wall = time.perf_counter() - start
        err = proc.stderr.read()
        n = sum(1 for _ in out.open()) if out.exists() else 0
        return {"cmd": " ".join(cmd[1:]).replace(str(data), data.name), "exit": proc.returncode, "articles": n,
                "wall_s": wall, "articles_per_s": n / wall if wall else 0.0, "peak_rss_mb": peak / 2**20,
                "first_result_s": first, "stderr_tail": err.strip().splitlines()[-1:] if err.strip() else []}


def stage_split(data: Path, engine: str) -> dict:
    """In-process: same pipeline, timed by stage."""
    t0 = time.perf_counter()
    import spacy  # noqa: F401
    import torch  # noqa: F401  (import cost is part of the real run)

    if engine == "extractive":
        import model2vec  # noqa: F401  (the static table; the transformer is not loaded)
    elif engine != "lead":
        import transformers  # noqa: F401
    t_imports = time.perf_counter() - t0

    from briefing.ingest import read_all
    from briefing.nlp.sentences import load_spacy
    from briefing.pipeline import Pipeline
    from briefing.render import render

    t = time.perf_counter()
    items = list(read_all([str(data)]))
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    pipe = Pipeline(engine)
    load_spacy("senter")
    load_spacy("parser")
    t_load = time.perf_counter() - t
    pipe.timings.clear()
    results = list(pipe.process(items))
    t = time.perf_counter()
    for r in results:
        if hasattr(r, "to_dict"):
            d = r.to_dict()
            json.dumps(d)
            render("article", "md", {"a": d, "max_quotes": 5})
    t_render = time.perf_counter() - t
    stages = {"imports": t_imports, "read": t_read, "model load": t_load}
    stages.update({k: v for k, v in pipe.timings.items() if k != "load"})
    stages["render"] = t_render
    return stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--engine", default="extractive")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-split", action="store_true", help="skip the in-process stage split")
    ap.add_argument("--results", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = ap.parse_args()
    data = Path(args.data)
    cli = run_cli(data, args.engine, args.workers)
    first = "" if cli["first_result_s"] is None else f"{cli['first_result_s']:.1f}"
    lines = [
        f"### {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} — engine `{args.engine}`, workers {args.workers}, "
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()})",
        "",
        f"`briefing {cli['cmd']}` (exit {cli['exit']})",
        "",
        "| articles | wall s | articles/s | peak RSS MB | first result s |",
        "|---:|---:|---:|---:|---:|",
        f"| {cli['articles']} | {cli['wall_s']:.1f} | {cli['articles_per_s']:.2f} | {cli['peak_rss_mb']:.0f} | "
        f"{first} |",
    ]
    if not args.no_split:
        stages = stage_split(data, args.engine)
        total = sum(stages.values())
        lines += ["", "| stage (in-process) | seconds | share |", "|---|---:|---:|"]
        lines += [f"| {k} | {v:.2f} | {100 * v / total:.0f}% |" for k, v in stages.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    if cli["stderr_tail"]:
        print("stderr:", *cli["stderr_tail"])
    with open(args.results, "a", encoding="utf-8") as fh:
        fh.write("\n" + text)


if __name__ == "__main__":
    main()
