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
        from briefing.quotes import extract_quotes_many

        texts = [r.get("text") or r.get("article") or "" for r in rows]
        predictions = [[q.to_dict() for q in qs] for qs in extract_quotes_many(texts)]
    n_gold = n_pred = n_match = n_checked = n_correct = n_named = n_named_correct = 0
    for row, preds in zip(rows, predictions):
        gold = _direct_gold(row)
        n_gold += len(gold)
        n_pred += len(preds)
        for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in preds]):
            n_match += 1
            source = gold[i].get("source")
            if is_name(source):
                n_checked += 1
                ok = same_speaker(source, preds[j].get("speaker"))
                n_correct += ok
                if is_proper_name(source):
                    n_named += 1
                    n_named_correct += ok
    precision = 100.0 * n_match / n_pred if n_pred else 0.0
    recall = 100.0 * n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": 100.0 * n_correct / n_checked if n_checked else 0.0,
        "gold": n_gold,
        "predicted": n_pred,
        "matched": n_match,
        "speaker_checked": n_checked,
        "speaker_accuracy_named": 100.0 * n_named_correct / n_named if n_named else 0.0,
        "speaker_checked_named": n_named,
    }
