"""Fit the speaker ranker (src/briefing/quotes/speaker_ranker.json) on quotes-dev and
measure it leaving each outlet out.

For every matched gold quote whose source is a name and whose speaker finders disagree,
each finder's answer is a candidate, labelled right when it agrees with the gold source
(EVALUATION.md's speaker rule). A logistic regression (numpy, L2) scores candidates; the
quote keeps the best-scored one. Leave-one-outlet-out: for each of the seven outlets, fit
on the other six and run the whole extractor on the seventh with those weights, against
the rule order (the first finder that answers) on the same articles.

    PYTHONPATH=src python benchmarks/train_speaker_ranker.py ../shared/data/quotes-dev.jsonl
    (--no-loo: fit and write the shipped weights only)
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from briefing.evaluation.quotes import (
    _sum,
    article_counts,
    bootstrap_intervals,
    is_name,
    match,
    outlet_of,
    same_speaker,
    scores,
)
from briefing.quotes import attribution, extract_quotes_many, ranker
from briefing.quotes import extract as extract_module

FINDERS = [f.__name__ for f in attribution.SPEAKER_FINDERS]
# grammar features (ranker.GRAMMAR: entity type, dependency, side and distance from the cue);
# --no-grammar fits the surface-only feature set
GRAMMAR = "--no-grammar" not in sys.argv
# label each answer by the speaker the whole extractor names when that answer is taken (a
# pronoun resolved, a surname made the full name, a document its author), not by its surface;
# --surface-labels: by the surface (a pronoun is then always wrong)
RESOLVED = "--surface-labels" not in sys.argv


def candidates(rows: list[dict]) -> list[tuple[str, list[tuple[list[float], bool]]]]:
    """(outlet, [(features, right)]) for each matched quote whose finders disagree."""
    answers: dict[int, list[tuple[str, str]]] = {}
    current: list = []
    force: list = []  # [quote start, answer index]: take that answer there (RESOLVED labels)
    first = attribution.find_speaker
    attribute = extract_module.attribute_frame

    def record(c, rank=True):
        if not rank:  # the reporting cue decides (see attribute_frame): no choice to learn
            return first(c, rank)
        toks = attribution.speaker_answers(c)
        got = [(n, attribution.name_from(t)[1]) for n, t in toks]
        got = [(n, s, ranker.grammar_features(t, c.cue, c.quote) if GRAMMAR else None) for (n, s), (_, t) in zip(got, toks)]
        frame, pieces = current
        for pidx, a, b in frame.holes:
            if a <= c.quote.idx < b:
                answers.setdefault(pieces[pidx].segs[0][0], got)
                if force and force[0] == pieces[pidx].segs[0][0] and force[1] < len(toks):
                    return toks[force[1]][1]
        return first(c, rank)

    def speaker_with(text: str, start: int, k: int) -> str | None:
        """The speaker the extractor names for the quote at ``start`` when answer k is taken."""
        force[:] = [start, k]
        try:
            qs = extract_quotes_many([text])[0]
        finally:
            force.clear()
        q = next((q for q in qs if q.start == start), None) or next((q for q in qs if q.start <= start < q.end), None)
        return q.speaker if q is not None else None

    def attribute_frame(doc, fi, frame, pieces):
        current[:] = [frame, pieces]
        return attribute(doc, fi, frame, pieces)

    out = []
    attribution.find_speaker, extract_module.attribute_frame = record, attribute_frame
    saved, attribution.RANKER_WEIGHTS = attribution.RANKER_WEIGHTS, ""
    try:
        for n, row in enumerate(rows):
            if n % 100 == 0:
                print(f"candidates: {n}/{len(rows)} articles", file=sys.stderr)
            answers.clear()
            quotes = extract_quotes_many([row["text"]])[0]
            gold = [g for g in row["attributions"] if g.get("direct")]
            preds = [q.to_dict() for q in quotes]
            for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in preds]):
                src = gold[i].get("source")
                got = answers.get(quotes[j].start, [])
                if not is_name(src) or quotes[j].cue is None or len({s for _, s, _ in got}) < 2:
                    continue
                pairs = [(n, s) for n, s, _ in got]
                start = quotes[j].start
                labels = [same_speaker(src, speaker_with(row["text"], start, k) if RESOLVED else s)
                          for k, (_, s, _) in enumerate(got)]
                answers[start] = got  # (the forced runs recorded their own)
                out.append((outlet_of(row), [(ranker.features(pairs, k, FINDERS, g), labels[k])
                                             for k, (_, s, g) in enumerate(got)]))
    finally:
        attribution.find_speaker, extract_module.attribute_frame = first, attribute
        attribution.RANKER_WEIGHTS = saved
    return out


def fit(items: list[tuple[list[float], bool]], l2: float = 1.0, steps: int = 50) -> list[float]:
    """L2-regularised logistic regression by Newton's method (the bias is a feature)."""
    x = np.array([f for f, _ in items], dtype=float)
    y = np.array([float(r) for _, r in items])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(v) for v in w]


def save(weights: list[float], path: Path, trained_on: list[str], left_out: dict[str, list[float]] | None = None) -> None:
    data = {"finders": FINDERS, "features": ranker.feature_names(FINDERS, GRAMMAR),
            "weights": [round(v, 6) for v in weights], "trained_on": trained_on,
            "made_by": "benchmarks/train_speaker_ranker.py"}
    if left_out:  # for briefing eval's left-out figures: weights fitted without each outlet
        data["left_out"] = {o: [round(v, 6) for v in w] for o, w in left_out.items()}
    path.write_text(json.dumps(data, indent=1) + "\n")


def run(rows: list[dict], weights: str) -> list[dict[str, int]]:
    attribution.RANKER_WEIGHTS = weights
    try:
        preds = [[q.to_dict() for q in qs] for qs in extract_quotes_many([r["text"] for r in rows])]
    finally:
        attribution.RANKER_WEIGHTS = None
    return [article_counts(r, p) for r, p in zip(rows, preds)]


def main(path: str, loo: bool) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    groups = candidates(rows)
    outlets = sorted({o for o, _ in groups})
    print(f"{len(groups)} matched quotes where the finders disagree, over {len(outlets)} outlets")
    left_out = {o: fit([c for g, items in groups if g != o for c in items]) for o in outlets}
    save(fit([c for _, items in groups for c in items]), ranker.WEIGHTS, outlets, left_out)
    print(f"wrote {ranker.WEIGHTS}")
    if not loo:
        return
    print(f"\n{'left out':14s} {'speaker-acc rules':>18s} {'ranker':>8s} {'delta (95% CI)':>22s} {'F1 rules':>9s} {'ranker':>7s}")
    all_rule, all_rank = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for o in outlets:
            wpath = Path(tmp) / f"{o}.json"
            save(fit([c for g, items in groups if g != o for c in items]), wpath, [g for g in outlets if g != o])
            ranker.load.cache_clear()
            held = [r for r in rows if outlet_of(r) == o]
            rule, rank = run(held, ""), run(held, str(wpath))
            all_rule += rule
            all_rank += rank
            a, b = scores(_sum(rule)), scores(_sum(rank))
            diff = _paired_delta(rule, rank)
            print(f"{o:14s} {a['speaker_accuracy']:18.2f} {b['speaker_accuracy']:8.2f} "
                  f"{b['speaker_accuracy'] - a['speaker_accuracy']:+8.2f} ({diff[0]:+.2f}, {diff[1]:+.2f}) "
                  f"{a['f1']:9.2f} {b['f1']:7.2f}")
    a, b = scores(_sum(all_rule)), scores(_sum(all_rank))
    print(f"{'all':14s} {a['speaker_accuracy']:18.2f} {b['speaker_accuracy']:8.2f} {b['speaker_accuracy'] - a['speaker_accuracy']:+8.2f}"
          f"{'':17s} {a['f1']:9.2f} {b['f1']:7.2f}")
    ci = bootstrap_intervals(all_rank)
    print(f"ranker, left out, all outlets: speaker accuracy 95% CI {ci['speaker_accuracy'][0]:.2f}-{ci['speaker_accuracy'][1]:.2f}")


def _paired_delta(rule: list[dict[str, int]], rank: list[dict[str, int]], n: int = 1000) -> tuple[float, float]:
    """95% paired-bootstrap interval of the speaker-accuracy difference (ranker - rules)."""
    rng = np.random.default_rng(0)
    keys = ("speaker_checked", "speaker_correct")
    a = np.array([[c[k] for k in keys] for c in rule], dtype=float)
    b = np.array([[c[k] for k in keys] for c in rank], dtype=float)
    idx = rng.integers(0, len(a), size=(n, len(a)))
    sa, sb = a[idx].sum(axis=1), b[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.nan_to_num(100 * sb[:, 1] / sb[:, 0] - 100 * sa[:, 1] / sa[:, 0])
    return float(np.percentile(d, 2.5)), float(np.percentile(d, 97.5))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0] if args else "../shared/data/quotes-dev.jsonl", "--no-loo" not in sys.argv)
