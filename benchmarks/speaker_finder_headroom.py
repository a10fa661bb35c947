"""How much a learned choice among the speaker finders could gain on quotes-dev.

For every quote with a cue, every finder in ``attribution.SPEAKER_FINDERS`` is asked (not
only until the first answers); each answer goes through the refiners and ``name_from``.
Over matched gold quotes whose gold source is a name, per outlet, it counts:
  first-right   the first finder's answer (the rule order) agrees with the gold speaker
  other-right   the first answer is wrong but a later finder's answer is right
                (what a perfect ranker over these candidates could add)
  none-right    no finder's answer is right
Answers are compared as the finders give them (before the people table names them).

    PYTHONPATH=src python benchmarks/speaker_finder_headroom.py ../shared/data/quotes-dev.jsonl
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict

from briefing.evaluation.quotes import is_name, match, outlet_of, same_speaker
from briefing.quotes import attribution, extract_quotes_many
from briefing.quotes import extract as extract_module

ANSWERS: dict[int, list[tuple[str, str | None]]] = {}  # first piece's start -> finder answers
CURRENT: list = []  # the frame and pieces being attributed
EXAMPLES: list = []


def _all_answers(c: attribution.CueContext, rank: bool = True):
    answers = [(n, attribution.name_from(s)[1]) for n, s in attribution.speaker_answers(c)]
    frame, pieces = CURRENT
    for pidx, a, b in frame.holes:
        if a <= c.quote.idx < b:
            ANSWERS.setdefault(pieces[pidx].segs[0][0], answers)
    return _first(c, rank)


def _attribute_frame(doc, fi, frame, pieces):
    CURRENT[:] = [frame, pieces]
    return _attribute(doc, fi, frame, pieces)


_first = attribution.find_speaker
_attribute = extract_module.attribute_frame


def main(path: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    counts: dict[str, Counter] = defaultdict(Counter)
    attribution.find_speaker = _all_answers
    extract_module.attribute_frame = _attribute_frame
    try:
        for row in rows:
            ANSWERS.clear()
            quotes = extract_quotes_many([row["text"]])[0]
            by_start = dict(ANSWERS)
            gold = [g for g in row["attributions"] if g.get("direct")]
            preds = [q.to_dict() for q in quotes]
            for i, j, _ in match([g.get("content") or "" for g in gold], [p.get("content") or p.get("text") or "" for p in preds]):
                src = gold[i].get("source")
                if not is_name(src) or quotes[j].cue is None:
                    continue
                answers = by_start.get(quotes[j].start, [])
                if not answers:
                    continue
                # raw surfaces on both sides: what the finders found, before the people table
                first_ok = same_speaker(src, answers[0][1])
                any_ok = any(same_speaker(src, a) for _, a in answers[1:])
                key = "first-right" if first_ok else "other-right" if any_ok else "none-right"
                counts[outlet_of(row)][key] += 1
                counts["all"][key] += 1
                if key == "other-right" and len(EXAMPLES) < 40:
                    EXAMPLES.append((src, answers))
                if len({a for _, a in answers}) > 1:
                    counts[outlet_of(row)]["disagree"] += 1
                    counts["all"]["disagree"] += 1
    finally:
        attribution.find_speaker = _first
        extract_module.attribute_frame = _attribute
    print(f"{'outlet':14s} {'checked':>8s} {'first-right':>12s} {'other-right':>12s} {'none-right':>11s} {'disagree':>9s}")
    for name, c in sorted(counts.items()):
        n = c["first-right"] + c["other-right"] + c["none-right"]
        print(f"{name:14s} {n:8d} {c['first-right']:12d} {c['other-right']:12d} {c['none-right']:11d} {c['disagree']:9d}")
    if "-v" in sys.argv:
        for src, answers in EXAMPLES:
            print(repr(src), answers)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    main(args[0] if args else "../shared/data/quotes-dev.jsonl")
