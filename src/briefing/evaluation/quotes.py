"""Quote extraction scores as ../shared/docs/EVALUATION.md ("Quotes") defines them.

Gold rows follow ``quotes-dev.jsonl`` (PolNeAR): ``attributions`` with ``source``,
``cue``, ``content`` and ``direct``. Only ``direct`` attributions count. Text is compared
as bags of lower-cased alphanumeric tokens, so quote marks, the words around a partial
quote and the way a split quote is glued together only matter through token overlap.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable

MATCH_F1 = 0.6

_TOKEN = re.compile(r"[^\W_]+")

# Gold sources that are pronouns (personal, possessive, relative, demonstrative) are no
# name to check a speaker against, so EVALUATION.md leaves them out of speaker accuracy.
PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    who whom whose which that this these those one someone somebody""".split()
)


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def token_f1(a: Iterable[str], b: Iterable[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def is_name(source: str | None) -> bool:
    """A gold source counts for speaker accuracy unless it is empty or only a pronoun."""
    toks = tokens(source)
    return bool(toks) and not all(t in PRONOUNS for t in toks)


_DETERMINERS = frozenset("the a an this that these those one some another".split())


def is_proper_name(source: str | None) -> bool:
    """A gold source that names someone ("Sen. Warren", "the Cuban government"):
    a capitalised word other than a leading determiner. Reported beside speaker accuracy,
    because PolNeAR also gives descriptions ("the governor", "a friend") as sources."""
    words = re.findall(r"[^\W_][\w.'’-]*", source or "")
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return any(w[0].isupper() and w.lower() not in PRONOUNS for w in words)


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    g, p = tokens(gold), tokens(predicted)
    if not g or not p:
        return False
    return g[-1] == p[-1] or set(g) <= set(p) or set(p) <= set(g)


def has_gold_quotes(row: dict[str, Any]) -> bool:
    return isinstance(row.get("attributions"), list)


def _direct_gold(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in row.get("attributions") or [] if a.get("direct")]


def match(gold_texts: list[str], pred_texts: list[str]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, best token F1 first; returns (gold, pred, f1) pairs."""
    gt = [tokens(t) for t in gold_texts]
    pt = [tokens(t) for t in pred_texts]
    pairs = []
    for i, g in enumerate(gt):
        for j, p in enumerate(pt):
            f = token_f1(g, p)
            if f >= MATCH_F1:
                pairs.append((f, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for f, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, f))
    return out


def outlet_of(row: dict[str, Any]) -> str:
    """The outlet an article comes from: its id up to the first "_" ("nyt_2016-..." -> "nyt")."""
    rid = str(row.get("id") or "")
    return rid.split("_", 1)[0] if "_" in rid else (rid or "?")


COUNTS = ("gold", "predicted", "matched", "speaker_checked", "speaker_correct", "named_checked", "named_correct")


def article_counts(row: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, int]:
    """The counts one article adds to the scores (see :func:`scores`)."""
    gold = _direct_gold(row)
    c = dict.fromkeys(COUNTS, 0)
    c["gold"], c["predicted"] = len(gold), len(preds)
    for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in preds]):
        c["matched"] += 1
        source = gold[i].get("source")
        if is_name(source):
            c["speaker_checked"] += 1
            ok = same_speaker(source, preds[j].get("speaker"))
            c["speaker_correct"] += ok
            if is_proper_name(source):
                c["named_checked"] += 1
                c["named_correct"] += ok
    return c


def scores(counts: dict[str, int]) -> dict[str, float | int]:
    """Precision, recall, F1 and speaker accuracy (x 100) from summed counts."""
    n_pred, n_gold, n_match = counts["predicted"], counts["gold"], counts["matched"]
    precision = 100.0 * n_match / n_pred if n_pred else 0.0
    recall = 100.0 * n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    checked, named = counts["speaker_checked"], counts["named_checked"]
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": 100.0 * counts["speaker_correct"] / checked if checked else 0.0,
        "gold": n_gold,
        "predicted": n_pred,
        "matched": n_match,
        "speaker_checked": checked,
        "speaker_accuracy_named": 100.0 * counts["named_correct"] / named if named else 0.0,
        "speaker_checked_named": named,
    }


def _sum(counts: list[dict[str, int]]) -> dict[str, int]:
    return {k: sum(c[k] for c in counts) for k in COUNTS}


def _predict(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    from briefing.quotes import extract_quotes_many

    texts = [r.get("text") or r.get("article") or "" for r in rows]
    return [[q.to_dict() for q in qs] for qs in extract_quotes_many(texts)]


def evaluate_quotes(
    rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]] | None = None
) -> dict[str, float | int]:
    """Score predicted quotes against the rows' direct gold attributions.

    ``predictions[i]`` are ``Quote.to_dict()`` dicts for ``rows[i]``; when omitted the
    quotes are extracted here from each row's ``text`` (or ``article``). A prediction is
    matched by its ``content`` when it has one: a partial quote's reported clause is what
    the gold annotates (PolNeAR's content), while ``text`` holds only the verbatim words.
    """
    rows = [r for r in rows if has_gold_quotes(r)]
    if predictions is None:
        predictions = _predict(rows)
    return scores(_sum([article_counts(r, p) for r, p in zip(rows, predictions)]))


def bootstrap_intervals(counts: list[dict[str, int]], n: int = 1000, seed: int = 0) -> dict[str, tuple[float, float]]:
    """95% intervals of F1 and speaker accuracy over articles resampled with replacement
    (``{"f1": (lo, hi), "speaker_accuracy": (lo, hi)}``)."""
    import numpy as np

    m = np.array([[c[k] for k in COUNTS] for c in counts], dtype=float)
    idx = np.random.default_rng(seed).integers(0, len(m), size=(n, len(m)))
    tot = np.stack([m[:, k][idx].sum(axis=1) for k in range(len(COUNTS))], axis=1)
    gold, pred, matched, checked, correct = (tot[:, COUNTS.index(k)] for k in
                                             ("gold", "predicted", "matched", "speaker_checked", "speaker_correct"))
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.nan_to_num(200.0 * matched / (gold + pred))  # 2PR/(P+R) = 2 matched / (gold + predicted)
        spk = np.nan_to_num(100.0 * correct / checked)
    return {k: (float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))) for k, v in (("f1", f1), ("speaker_accuracy", spk))}


def predict_left_out(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Predictions where each outlet's articles get the speaker ranker fitted without that
    outlet (weights shipped for the quotes-dev outlets); other rows get the shipped one."""
    from briefing.quotes import attribution
    from briefing.quotes.ranker import left_out_outlets

    held = set(left_out_outlets())
    out: list[list[dict[str, Any]] | None] = [None] * len(rows)
    by: dict[str | None, list[int]] = {}
    for i, r in enumerate(rows):
        o = outlet_of(r)
        by.setdefault(o if o in held else None, []).append(i)
    saved = attribution.RANKER_WEIGHTS
    try:
        for o, idx in by.items():
            attribution.RANKER_WEIGHTS = f"outlet:{o}" if o is not None else saved
            for i, p in zip(idx, _predict([rows[i] for i in idx])):
                out[i] = p
    finally:
        attribution.RANKER_WEIGHTS = saved
    return [p or [] for p in out]


def evaluate_quotes_by_outlet(
    rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]] | None = None, n_boot: int = 1000
) -> dict[str, dict[str, Any]]:
    """Scores per outlet (:func:`outlet_of`), each with 95% bootstrap intervals of F1 and
    speaker accuracy (``f1_ci``, ``speaker_ci``), plus ``"all"`` for every row together.
    Left out: an outlet the speaker ranker was fitted on is scored with the weights fitted
    on the other outlets (the rules themselves are fitted to none)."""
    rows = [r for r in rows if has_gold_quotes(r)]
    if predictions is None:
        predictions = predict_left_out(rows)
    groups: dict[str, list[dict[str, int]]] = {}
    for r, p in zip(rows, predictions):
        c = article_counts(r, p)
        groups.setdefault(outlet_of(r), []).append(c)
        groups.setdefault("all", []).append(c)
    out: dict[str, dict[str, Any]] = {}
    for name, counts in groups.items():
        res: dict[str, Any] = dict(scores(_sum(counts)))
        res["articles"] = len(counts)
        if n_boot:
            ci = bootstrap_intervals(counts, n_boot)
            res["f1_ci"], res["speaker_ci"] = ci["f1"], ci["speaker_accuracy"]
        out[name] = res
    return out
