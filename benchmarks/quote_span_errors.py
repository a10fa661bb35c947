"""Quote finding on quotes-dev: save predictions, dump what does not match, compare two runs.

Scores exactly as `briefing eval` does (briefing.evaluation.quotes: the same left-out
predictions, the same greedy token-F1 matching on a partial quote's reported clause).

    # extract every article (speaker ranker left out per outlet), keep the predictions
    PYTHONPATH=src python benchmarks/quote_span_errors.py predict ../shared/data/quotes-dev.jsonl /tmp/new.json
    # unmatched predicted and unmatched gold quotes per outlet, with their paragraph
    PYTHONPATH=src python benchmarks/quote_span_errors.py dump ../shared/data/quotes-dev.jsonl /tmp/new.json > errors.txt
    # paired bootstrap over articles of F1 (and speaker accuracy): new minus base, per outlet
    PYTHONPATH=src python benchmarks/quote_span_errors.py compare ../shared/data/quotes-dev.jsonl /tmp/base.json /tmp/new.json
"""
from __future__ import annotations

import json
import sys
import time

from briefing.evaluation.quotes import (
    _predict_left_out,
    article_counts,
    has_gold_quotes,
    match,
    outlet_of,
    scores,
)


def _load(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return [r for r in rows if has_gold_quotes(r)]


def predict(data: str, out: str) -> None:
    rows = _rows(data)
    t = time.perf_counter()
    preds = _predict_left_out(rows)
    print(f"{len(rows)} articles in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(preds, f, ensure_ascii=False)


def _context(text: str, s: int, e: int, width: int = 120) -> str:
    a, b = max(0, s - width), min(len(text), e + width)
    return (text[a:s] + "[[" + text[s:e] + "]]" + text[e:b]).replace("\n", " ¶ ")


def dump(data: str, preds_path: str) -> None:
    rows = _rows(data)
    preds = _load(preds_path)
    for r, ps in zip(rows, preds):
        gold = [g for g in r["attributions"] if g.get("direct")]
        pairs = match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in ps])
        mg, mp = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        text = r["text"]
        for j, p in enumerate(ps):
            if j not in mp:
                print(f"FP\t{outlet_of(r)}\t{r['id']}\t{p['start']}\t{_context(text, p['start'], p['end'])}")
        for i, g in enumerate(gold):
            if i not in mg:
                sp = g.get("content_spans") or [[0, 0]]
                print(f"FN\t{outlet_of(r)}\t{r['id']}\t{sp[0][0]}\t{_context(text, sp[0][0], sp[-1][1])}")


def compare(data: str, base_path: str, new_path: str, n: int = 1000, seed: int = 0) -> None:
    import numpy as np

    rows = _rows(data)
    runs = [_load(p) for p in (base_path, new_path)]
    keys = ("gold", "predicted", "matched", "speaker_checked", "speaker_correct")
    groups: dict[str, list[int]] = {"all": list(range(len(rows)))}
    for i, r in enumerate(rows):
        groups.setdefault(outlet_of(r), []).append(i)
    counts = [np.array([[article_counts(r, p)[k] for k in keys] for r, p in zip(rows, run)], dtype=float) for run in runs]
    rng = np.random.default_rng(seed)
    print("| outlet (left out) | F1 base (P/R) | F1 new (P/R) | ΔF1 (95% CI) | speaker base → new (Δ CI) |")
    print("|---|---|---|---|---|")
    for name, idx in sorted(groups.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        idx = np.array(idx)
        res = [scores(dict(zip(keys + ("named_checked", "named_correct"), list(c[idx].sum(0)) + [0, 0]))) for c in counts]
        samp = idx[rng.integers(0, len(idx), size=(n, len(idx)))]

        tb, tn = counts[0][samp].sum(1), counts[1][samp].sum(1)
        d = 200 * tn[:, 2] / (tn[:, 0] + tn[:, 1]) - 200 * tb[:, 2] / (tb[:, 0] + tb[:, 1])
        ds = 100 * tn[:, 4] / tn[:, 3] - 100 * tb[:, 4] / tb[:, 3]
        lo, hi = np.percentile(d, [2.5, 97.5])
        slo, shi = np.percentile(ds, [2.5, 97.5])
        b, w = res
        print(f"| {name} | {b['f1']:.2f} ({b['precision']:.2f}/{b['recall']:.2f}) | {w['f1']:.2f} ({w['precision']:.2f}/{w['recall']:.2f}) "
              f"| {w['f1'] - b['f1']:+.2f} ({lo:+.2f}..{hi:+.2f}) | {b['speaker_accuracy']:.2f} → {w['speaker_accuracy']:.2f} "
              f"({w['speaker_accuracy'] - b['speaker_accuracy']:+.2f}, {slo:+.2f}..{shi:+.2f}) |")


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("predict", "dump", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    {"predict": predict, "dump": dump, "compare": compare}[argv[0]](*argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
