"""Dump left-out quote predictions on quotes-dev, list wrong speakers, compare two dumps.

    # predictions as `briefing eval` makes them (each outlet with the ranker fitted without it)
    PYTHONPATH=src python benchmarks/quote_errors.py dump ../shared/data/quotes-dev.jsonl OUT.jsonl
    # wrong or missing speakers of matched checked quotes, one block each
    PYTHONPATH=src python benchmarks/quote_errors.py errors ../shared/data/quotes-dev.jsonl OUT.jsonl
    # per-outlet speaker accuracy and F1, B against A, with paired-bootstrap 95% intervals
    PYTHONPATH=src python benchmarks/quote_errors.py compare ../shared/data/quotes-dev.jsonl A.jsonl B.jsonl
"""
from __future__ import annotations

import json
import sys

from briefing.evaluation.quotes import (
    _COUNTS, _predict_left_out, article_counts, has_gold_quotes, is_name, match, outlet_of, same_speaker, scores,
)


def _rows(path: str) -> list[dict]:
    return [r for r in (json.loads(line) for line in open(path, encoding="utf-8")) if has_gold_quotes(r)]


def dump(data: str, out: str) -> None:
    rows = _rows(data)
    preds = _predict_left_out(rows)
    with open(out, "w", encoding="utf-8") as f:
        for r, p in zip(rows, preds):
            f.write(json.dumps({"id": r.get("id"), "quotes": p}, ensure_ascii=False) + "\n")


def _load(path: str) -> dict[str, list[dict]]:
    return {d["id"]: d["quotes"] for d in (json.loads(line) for line in open(path, encoding="utf-8"))}


def errors(data: str, pred_path: str, only: str = "") -> None:
    preds = _load(pred_path)
    n = 0
    for r in _rows(data):
        if only and outlet_of(r) != only:
            continue
        gold = [g for g in r["attributions"] if g.get("direct")]
        ps = preds.get(r["id"], [])
        for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in ps]):
            src = gold[i].get("source")
            if not is_name(src) or same_speaker(src, ps[j].get("speaker")):
                continue
            n += 1
            print(f"## {r['id']}  gold={src!r}  ours={ps[j].get('speaker')!r}  cue={gold[i].get('cue')!r}/{ps[j].get('cue')!r}")
            a, b = ps[j]["start"], ps[j]["end"]
            t = r["text"]
            print("   " + (t[max(0, a - 200):a] + "[[" + t[a:b][:150] + "]]" + t[b:b + 150]).replace("\n", " | "))
    print(f"# {n} wrong", file=sys.stderr)


def compare(data: str, a_path: str, b_path: str, n: int = 1000, seed: int = 0) -> None:
    import numpy as np

    rows = _rows(data)
    a, b = _load(a_path), _load(b_path)
    groups: dict[str, list[int]] = {}
    ca = [article_counts(r, a.get(r["id"], [])) for r in rows]
    cb = [article_counts(r, b.get(r["id"], [])) for r in rows]
    for i, r in enumerate(rows):
        groups.setdefault(outlet_of(r), []).append(i)
    groups["all"] = list(range(len(rows)))
    ma = np.array([[c[k] for k in _COUNTS] for c in ca], dtype=float)
    mb = np.array([[c[k] for k in _COUNTS] for c in cb], dtype=float)
    K = {k: i for i, k in enumerate(_COUNTS)}
    rng = np.random.default_rng(seed)

    def metr(m):
        with np.errstate(invalid="ignore", divide="ignore"):
            spk = 100 * m[..., K["speaker_correct"]] / m[..., K["speaker_checked"]]
            f1 = 200 * m[..., K["matched"]] / (m[..., K["gold"]] + m[..., K["predicted"]])
        return spk, f1

    print(f"{'outlet':13s} {'spk A':>6s} {'spk B':>6s} {'diff':>6s} {'95% CI':>15s} {'F1 A':>6s} {'F1 B':>6s} {'diff':>6s} {'95% CI':>15s} {'+q':>4s} {'-q':>4s}")
    for name, idx in sorted(groups.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        idx = np.array(idx)
        sa, fa = metr(ma[idx].sum(0))
        sb, fb = metr(mb[idx].sum(0))
        res = rng.integers(0, len(idx), size=(n, len(idx)))
        ra, rb = ma[idx][res].sum(1), mb[idx][res].sum(1)
        dsa, dfa = metr(ra)
        dsb, dfb = metr(rb)
        ds, df = np.nan_to_num(dsb - dsa), np.nan_to_num(dfb - dfa)
        gained = int(sum(max(0, cb[i]["speaker_correct"] - ca[i]["speaker_correct"]) for i in idx))
        lost = int(sum(max(0, ca[i]["speaker_correct"] - cb[i]["speaker_correct"]) for i in idx))
        print(f"{name:13s} {sa:6.2f} {sb:6.2f} {sb - sa:+6.2f} ({np.percentile(ds, 2.5):+.2f}..{np.percentile(ds, 97.5):+.2f}) "
              f"{fa:6.2f} {fb:6.2f} {fb - fa:+6.2f} ({np.percentile(df, 2.5):+.2f}..{np.percentile(df, 97.5):+.2f}) {gained:4d} {lost:4d}")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"dump": dump, "errors": errors, "compare": compare}[cmd](*args)
