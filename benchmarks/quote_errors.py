"""Dump left-out quote predictions on quotes-dev, list wrong speakers, compare two dumps.

    # predictions as `briefing eval` makes them (each outlet with the ranker fitted without it)
    PYTHONPATH=src python benchmarks/quote_errors.py dump ../shared/data/quotes-dev.jsonl OUT.jsonl
    # wrong or missing speakers of matched checked quotes, one block each
    PYTHONPATH=src python benchmarks/quote_errors.py errors ../shared/data/quotes-dev.jsonl OUT.jsonl
    # per-outlet speaker accuracy and F1, B against A, with paired-bootstrap 95% intervals
    PYTHONPATH=src python benchmarks/quote_errors.py compare ../shared/data/quotes-dev.jsonl A.jsonl B.jsonl
    # wrong speakers by kind (docs/quotes.md) and outlet, for each dump
    PYTHONPATH=src python benchmarks/quote_errors.py kinds ../shared/data/quotes-dev.jsonl A.jsonl [B.jsonl ...]
    # quote finding: every unmatched predicted (FP) and unmatched gold (FN) quote, one tab-separated
    # line each (outlet, id, offset, the quote in [[ ]] with its context; paragraph breaks as ¶)
    PYTHONPATH=src python benchmarks/quote_errors.py unmatched ../shared/data/quotes-dev.jsonl A.jsonl > unmatched.tsv
"""
from __future__ import annotations

import json
import re
import sys

from briefing.evaluation.quotes import (
    COUNTS, predict_left_out, article_counts, has_gold_quotes, is_name, match, outlet_of, same_speaker,
)


def _rows(path: str) -> list[dict]:
    return [r for r in (json.loads(line) for line in open(path, encoding="utf-8")) if has_gold_quotes(r)]


def dump(data: str, out: str) -> None:
    rows = _rows(data)
    preds = predict_left_out(rows)
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
    ma = np.array([[c[k] for k in COUNTS] for c in ca], dtype=float)
    mb = np.array([[c[k] for k in COUNTS] for c in cb], dtype=float)
    K = {k: i for i, k in enumerate(COUNTS)}
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




_DESCRIPTION_STARTS = frozenset("""the a an one another several some many most two three four his her their its
other others both all few only just about nearly more almost half""".split())


def kind_of(gold: str, ours: str | None) -> str:
    """The error kind of a wrong speaker (docs/quotes.md's breakdown), by one rule for all outlets."""
    from briefing.evaluation.quotes import is_proper_name, tokens
    from briefing.quotes.people import DOCUMENT_NOUNS

    g = tokens(gold)
    document = bool(g) and (g[-1] in DOCUMENT_NOUNS or g[-1].rstrip("s") in DOCUMENT_NOUNS)
    if document:
        return "gold a document, ours null" if not ours else "gold a document, ours its author or someone else"
    words = re.findall(r"[\w’'.-]+", gold)
    described = not is_proper_name(gold) or words[0].lower() in _DESCRIPTION_STARTS or words[0][:1].islower()
    if described and not (ours and set(g) & set(tokens(ours)) and "," in gold):
        return "gold a description, ours null" if not ours else "gold a description, ours the person it stands for"
    if not ours:
        return "none given although the gold names someone"
    if set(g) & set(tokens(ours)):
        return "gold carries its apposition" if "," in gold or " who " in gold else "acronym or partial name"
    return "wrong person or organisation"


def _context(text: str, s: int, e: int, width: int = 120) -> str:
    a, b = max(0, s - width), min(len(text), e + width)
    return (text[a:s] + "[[" + text[s:e] + "]]" + text[e:b]).replace("\n", " ¶ ")


def unmatched(data: str, pred_path: str) -> None:
    """Quote finding's errors: predicted quotes no gold quote matches, and gold quotes missed."""
    preds = _load(pred_path)
    for r in _rows(data):
        gold = [g for g in r["attributions"] if g.get("direct")]
        ps = preds.get(r["id"], [])
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


def kinds(data: str, *pred_paths: str) -> None:
    """Wrong speakers by kind and outlet, for each dump given."""
    from collections import Counter

    rows = _rows(data)
    outlets = sorted({outlet_of(r) for r in rows})
    for path in pred_paths:
        preds = _load(path)
        c: Counter = Counter()
        for r in rows:
            gold = [g for g in r["attributions"] if g.get("direct")]
            ps = preds.get(r["id"], [])
            for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in ps]):
                src = gold[i].get("source")
                if is_name(src) and not same_speaker(src, ps[j].get("speaker")):
                    k = kind_of(src, ps[j].get("speaker"))
                    c[k, "all"] += 1
                    c[k, outlet_of(r)] += 1
        print(f"# {path}: {sum(v for (k, o), v in c.items() if o == 'all')} wrong")
        print(f"{'kind':52s} {'all':>5s} " + " ".join(f"{o[:10]:>10s}" for o in outlets))
        for k in sorted({k for k, _ in c}, key=lambda k: -c[k, "all"]):
            print(f"{k:52s} {c[k, 'all']:5d} " + " ".join(f"{c[k, o]:10d}" for o in outlets))


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"dump": dump, "errors": errors, "compare": compare, "kinds": kinds, "unmatched": unmatched}[cmd](*args)
