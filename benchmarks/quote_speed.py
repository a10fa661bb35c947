"""Quote extraction speed on the 100 articles of cnndm-dev.jsonl (issue 20's budget: 1.5x of 1.7 s).

spaCy is loaded and warmed before the clock starts; the figure is the best of 3. Pass another
source folder to time an older version back to back with this one on the same machine, since
the figure moves with the machine more than with the code:

    .venv/bin/python benchmarks/quote_speed.py                 # this checkout's src/
    .venv/bin/python benchmarks/quote_speed.py /tmp/old/src    # a copy of an older src/

v0.2.3, the version the budget was set on, has the old flat layout; it is read too:

    mkdir -p /tmp/v023 && git archive 6bbe5a0 src | tar -x -C /tmp/v023
    .venv/bin/python benchmarks/quote_speed.py /tmp/v023/src
"""
from __future__ import annotations

import json
import sys
import time

SRC = sys.argv[1] if len(sys.argv) > 1 else "src"
DATA = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/cnndm-dev.jsonl"
sys.path.insert(0, SRC)

try:  # this layout (v0.3 on)
    from briefing.nlp.sentences import load_spacy  # noqa: E402
    from briefing.quotes.extract import extract_quotes_many  # noqa: E402
except ImportError:  # v0.2.3's flat layout, the code issue 20's 1.7 s was measured on
    from briefing.sentences import load_spacy  # type: ignore[no-redef]  # noqa: E402
    from briefing.quotes import extract_quotes_many  # type: ignore[no-redef]  # noqa: E402


def main() -> None:
    with open(DATA, encoding="utf-8") as f:
        texts = [r.get("article") or r.get("text") or "" for r in map(json.loads, f)]
    load_spacy("parser")
    extract_quotes_many(texts[:2])  # warm up
    best, best_cpu, found = float("inf"), float("inf"), 0
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        out = extract_quotes_many(texts)
        best, best_cpu = min(best, time.perf_counter() - t), min(best_cpu, time.process_time() - c)
        found = sum(map(len, out))
    # (CPU time as well: on a shared virtual machine the wall clock also counts time stolen by neighbours)
    print(f"{SRC}: {len(texts)} articles, {found} quotes, best of 3: {best:.2f} s (CPU {best_cpu:.2f} s)")


if __name__ == "__main__":
    main()
