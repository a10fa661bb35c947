"""Time trafilatura's own extraction and ``briefing batch`` on the same HTML pages, interleaved.

Each round runs, as separate processes started the same way (so both pay their start-up):

- ``trafilatura``: one process that reads every page and calls ``trafilatura.extract(html)``
  (its defaults: what ``trafilatura -i page.html`` does, one page after another);
- ``briefing``: ``briefing batch DIR --out FRESH.jsonl`` (default engine, quotes on, nothing
  cached): reading, extraction, sentences, summaries, key points, quotes, output.

The order alternates between rounds, so a machine that gets busier or quieter does not favour
one side. Printed: each run's wall time, the medians, pages/s and the ratio briefing/trafilatura
(issue 18 asks for at most 1.6), then what the batch output holds: pages with a title, and pages
whose summary, key points or quotes contain page boilerplate (the chrome phrases of
``make_pages.BOILERPLATE`` plus generic cookie/newsletter/related-stories patterns).

    python benchmarks/make_pages.py --out /tmp/pages --n 144     # as costly to extract as real pages
    python benchmarks/pages_bench.py /tmp/pages --rounds 3

Wall times only mean something on an otherwise idle machine (the load average is printed before
and after each round); the CPU seconds are steadier on a busy one.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_pages import BOILERPLATE  # noqa: E402

GENERIC = re.compile(
    r"\b(cookies?\b.*\b(accept|consent|policy|preferences)|newsletter|sign up (for|to) (our|the) (newsletter|briefing|emails?)|subscribe now|"
    r"related (stories|articles)|read more:|most read|share this (article|story)|all rights reserved|"
    r"skip to (main )?content|enter your email)",
    re.IGNORECASE,
)

TRAFILATURA = """
import sys, glob, trafilatura
n = 0
for f in sorted(glob.glob(sys.argv[1] + '/*.htm*')):
    with open(f, 'rb') as fh:
        out = trafilatura.extract(fh.read())
    n += out is not None
print(n)
"""


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_trafilatura(folder: Path) -> tuple[float, float]:
    """(wall, CPU) seconds; CPU includes every process it started."""
    t, c = time.perf_counter(), _cpu()
    subprocess.run([sys.executable, "-c", TRAFILATURA, str(folder)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t, _cpu() - c


def run_briefing(folder: Path, out: Path, env: dict[str, str]) -> tuple[float, float]:
    t, c = time.perf_counter(), _cpu()
    proc = subprocess.run([sys.executable, "-m", "briefing", "batch", str(folder), "--out", str(out)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - t, _cpu() - c
    if proc.returncode not in (0, 1):
        sys.exit(f"briefing batch failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took


def check_output(path: Path) -> dict[str, object]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ok = [r for r in rows if r.get("schema") == "briefing.article/v1"]
    titled = sum(1 for r in ok if r.get("title") and r.get("summary", {}).get("short"))
    dirty = []
    for r in ok:
        parts = [r["summary"]["short"], r["summary"]["long"], *r["key_points"], *[q["text"] for q in r["quotes"]]]
        text = " ".join(parts)
        low = text.lower()
        hits = [b for b in BOILERPLATE if b in low] + [m.group(0) for m in GENERIC.finditer(text)]
        if hits:
            dirty.append((r["id"], sorted(set(hits))[:3]))
    return {"pages": len(rows), "summarized": len(ok), "with_title": titled, "boilerplate": dirty}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a folder of .html pages")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    pages = sorted(args.folder.glob("*.htm*"))
    if not pages:
        sys.exit(f"no .html pages in {args.folder}")
    env = dict(os.environ)
    src = HERE.parent / "src"
    env["PYTHONPATH"] = f"{src}{os.pathsep}{env['PYTHONPATH']}" if env.get("PYTHONPATH") else str(src)
    tra, bri, tra_cpu, bri_cpu = [], [], [], []
    # wall times on a shared machine mean little: the load before the first round says how busy it was
    print(f"load average before: {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[1]:.1f} (5 min)", flush=True)
    with tempfile.TemporaryDirectory(prefix="pages-bench-") as tmp:
        last = None
        for k in range(args.rounds):
            out = Path(tmp) / f"run{k}.jsonl"
            order = ("t", "b") if k % 2 == 0 else ("b", "t")
            for side in order:
                if side == "t":
                    wall, cpu = run_trafilatura(args.folder)
                    tra.append(wall)
                    tra_cpu.append(cpu)
                else:
                    wall, cpu = run_briefing(args.folder, out, env)
                    bri.append(wall)
                    bri_cpu.append(cpu)
                    last = out
            print(f"round {k + 1}: trafilatura {tra[-1]:.1f} s (CPU {tra_cpu[-1]:.1f} s), briefing batch {bri[-1]:.1f} s "
                  f"(CPU {bri_cpu[-1]:.1f} s), ratio {bri[-1] / tra[-1]:.2f}; load average {os.getloadavg()[0]:.1f}", flush=True)
        report = check_output(last)  # type: ignore[arg-type]
    n = len(pages)
    t, b = statistics.median(tra), statistics.median(bri)
    ratios = [y / x for x, y in zip(tra, bri)]
    print(f"\n{n} pages, {args.rounds} rounds interleaved, {os.cpu_count()} cores")
    print(f"trafilatura extract: median {t:.1f} s ({n / t:.1f} pages/s)")
    print(f"briefing batch:      median {b:.1f} s ({n / b:.1f} pages/s)")
    print(f"ratio briefing/trafilatura: median {statistics.median(ratios):.2f} (runs: {', '.join(f'{r:.2f}' for r in ratios)})")
    print(f"CPU seconds (all processes): trafilatura {statistics.median(tra_cpu):.1f}, briefing {statistics.median(bri_cpu):.1f} "
          f"(ratio {statistics.median(bri_cpu) / max(statistics.median(tra_cpu), 1e-9):.2f}); load average now {os.getloadavg()[0]:.1f}")
    dirty = report["boilerplate"]
    print(f"summarized {report['summarized']}/{n}, with a title {report['with_title']}/{n} ({100 * report['with_title'] / n:.1f}%), "
          f"boilerplate in summary/key points/quotes: {len(dirty)}/{n} ({100 * len(dirty) / n:.1f}%)")
    for rid, hits in dirty[:10]:
        print(f"  {rid}: {hits}")


if __name__ == "__main__":
    main()
