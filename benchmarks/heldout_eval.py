"""ROUGE of trained heads on held-out CNN stories, flattened as CNN/DailyMail dev articles are.

    .venv/bin/python benchmarks/heldout_eval.py --rows 6033:7033 --model my-head --model shipped

The 100 dev articles are too few to tell recipes apart (two five-head ensembles of one recipe
differ there by up to 0.8 ROUGE-1), so the README also reports training rows the shipped head
never saw: 2,500-3,499 and 6,033-7,032 of cnn-train.jsonl. Each story's paragraphs are joined
with a space, because dev articles come as one paragraph (captions without a full stop then glue
to the next sentence, which is what the run-on splitting has to undo). A head trained on more
than the first 2,500 rows has seen the first slice: use the last one for it.

Prints one row per model and slice, with Lead-3 (spaCy's default split, as `briefing eval`)
and the margin over it, unrounded to two places.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
_PARA = re.compile(r"\n\s*\n")


def flatten(text: str) -> str:
    """One paragraph, the form CNN/DailyMail dev articles come in."""
    return " ".join(p.strip() for p in _PARA.split(text) if p.strip())


def slice_rows(path: str, start: int, end: int) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= end:
                break
            if i >= start and line.strip():
                r = json.loads(line)
                rows.append({"id": r["id"], "article": flatten(r["article"]), "reference": r["reference"]})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(DATA / "cnn-train.jsonl"))
    ap.add_argument("--rows", action="append", help="START:END of the training file, END exclusive (repeatable; default 6033:7033)")
    ap.add_argument("--model", action="append", help="a head folder from `briefing train`, or 'shipped' (repeatable; default shipped)")
    ap.add_argument("--dev", action="store_true", help="also score ../shared/data/cnndm-dev.jsonl")
    args = ap.parse_args()
    from briefing.evaluate import lead_sentences, rouge, summary_sentences

    sets: list[tuple[str, list[dict]]] = []
    for spec in args.rows or ["6033:7033"]:
        start, _, end = spec.partition(":")
        sets.append((f"cnn-train rows {start}-{int(end) - 1}", slice_rows(args.train, int(start), int(end))))
    if args.dev:
        with open(DATA / "cnndm-dev.jsonl", encoding="utf-8") as fh:
            sets.append(("cnndm-dev", [json.loads(line) for line in fh if line.strip()]))
    models = args.model or ["shipped"]
    keys = ("rouge1", "rouge2", "rougeLsum")
    print("| set | model | R1 / R2 / RLsum | Lead-3 | margin |")
    print("|---|---|---|---|---|")
    for name, rows in sets:
        refs = [r["reference"] for r in rows]
        t = time.perf_counter()
        lead = rouge(lead_sentences([r["article"] for r in rows], 3), refs)
        print(f"{name}: Lead-3 in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        for model in models:
            longs, secs = summary_sentences(rows, "extractive", None if model == "shipped" else model, "cpu")
            got = rouge(longs, refs)
            print(f"{name}: {model} in {secs:.0f} s", file=sys.stderr)
            fig = "/".join(f"{got[k]:.2f}" for k in keys)
            base = "/".join(f"{lead[k]:.2f}" for k in keys)
            delta = "/".join(f"{got[k] - lead[k]:+.2f}" for k in keys)
            print(f"| {name} ({len(rows)}) | {model} | {fig} | {base} | {delta} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
