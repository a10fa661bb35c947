"""A learned choice among the speaker finders' answers where they disagree.

Every finder in ``attribution.SPEAKER_FINDERS`` is asked; when their answers name more
than one speaker, a logistic-regression scorer (weights in ``speaker_ranker.json``, fitted
on quotes-dev's gold sources by ``benchmarks/train_speaker_ranker.py``) picks one. Features
are the finder that answered, its rank in the rule order, how many finders agree, and what
the answer looks like (a pronoun, a name, a description, a document). Where they agree, or
without weights, the first answer stands, as the rule order has it.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from briefing.quotes.people import is_document, is_pronoun_phrase

WEIGHTS = Path(__file__).with_name("speaker_ranker.json")
_CAP = re.compile(r"\b[A-Z][a-z]")


GRAMMAR = ["ent_person", "ent_org", "ent_place", "ent_time", "propn", "dep_subject", "dep_pobj", "dep_modifier",
           "after_cue", "after_quote", "in_cue_subtree", "distance", "same_sentence"]


def feature_names(finders: list[str], grammar: bool = True) -> list[str]:
    return [f"finder={n}" for n in finders] + [
        "pronoun", "capitalised", "two_capitalised", "lower_case", "document", "first", "rank", "agreeing", "bias"] + (
        GRAMMAR if grammar else [])


def grammar_features(tok, cue, quote) -> list[float]:
    """Where the answer's token stands relative to the cue and the quote (spaCy tokens):
    its entity type, part of speech and dependency, side, distance, sentence."""
    ent = tok.ent_type_
    return [float(ent == "PERSON"), float(ent in ("ORG", "NORP")), float(ent in ("GPE", "LOC", "FAC")),
            float(ent in ("DATE", "TIME")), float(tok.pos_ == "PROPN"), float(tok.dep_ in ("nsubj", "nsubjpass")),
            float(tok.dep_ == "pobj"), float(tok.dep_ in ("compound", "appos", "poss", "npadvmod", "dobj", "attr")),
            float(tok.i > cue.i), float(tok.i > quote.i), float(tok in cue.subtree),
            min(abs(tok.i - cue.i), 20) / 10.0, float(tok.sent == cue.sent)]


def features(answers: list[tuple[str, str]], k: int, finders: list[str], grammar: list[float] | None = None) -> list[float]:
    """Features of answer ``k`` among ``answers`` ((finder name, surface) in rule order), with
    its :func:`grammar_features` when given."""
    name, surface = answers[k]
    caps = _CAP.findall(surface)
    return [1.0 if name == n else 0.0 for n in finders] + [
        float(is_pronoun_phrase(surface)), float(bool(caps)), float(len(caps) >= 2), float(surface[:1].islower()),
        float(is_document(surface)), float(k == 0), float(k), float(sum(1 for _, s in answers if s == surface)), 1.0] + (
        grammar or [])


@lru_cache(maxsize=16)
def load(path: str | None = None) -> tuple[list[str], list[float]] | None:
    """(finder names, weights) from the shipped JSON (or the JSON at ``path``), or None when
    there is none. ``path`` "outlet:NAME" takes the shipped weights fitted without outlet
    NAME (``left_out``), which ``briefing eval`` uses to report left-out figures."""
    if path and path.startswith("outlet:"):
        data = _shipped()
        if data is None or path[7:] not in data.get("left_out", {}):
            return load(None)
        return data["finders"], data["left_out"][path[7:]]
    if path:
        p = Path(path)
        data = json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None
    else:
        data = _shipped()  # read once, shared with the left-out weights
    return (data["finders"], data["weights"]) if data is not None else None


def left_out_outlets() -> list[str]:
    """The outlets the shipped file has left-out weights for."""
    data = _shipped()
    return sorted((data or {}).get("left_out", {}))


@lru_cache(maxsize=1)
def _shipped() -> dict | None:
    return json.loads(WEIGHTS.read_text(encoding="utf-8")) if WEIGHTS.is_file() else None


def choose(answers: list[tuple[str, str]], path: str | None = None, grammar: list[list[float]] | None = None) -> int:
    """Index of the answer to keep: the best-scored where the answers disagree, else 0.
    ``grammar[k]`` are answer k's :func:`grammar_features` (used when the weights have them)."""
    if len({s for _, s in answers}) < 2:
        return 0
    model = load(path)
    if model is None:
        return 0
    finders, weights = model
    with_grammar = len(weights) == len(feature_names(finders, True)) and grammar is not None
    scores = [sum(w * x for w, x in zip(weights, features(answers, k, finders, grammar[k] if with_grammar else None)))
              for k in range(len(answers))]
    return max(range(len(answers)), key=lambda k: (scores[k], -k))
