"""Key points: the article's own highlights when it has them, else its most informative
sentences that are not already the short summary."""
from __future__ import annotations

import re
from typing import Sequence

_WORD = re.compile(r"\w+")
MIN_POINTS, MAX_POINTS = 3, 6


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def too_similar(a: str, b: str, threshold: float = 0.6) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= threshold


def key_points(highlights: Sequence[str], ranked: Sequence[str], short: str, max_points: int = MAX_POINTS) -> list[str]:
    """3-6 distinct bullets: highlights first, topped up from ranked sentences."""
    points: list[str] = []
    for h in highlights:
        h = h.strip()
        if h and not any(too_similar(h, p) for p in points):
            points.append(h)
    if len(points) >= MIN_POINTS:
        return points[:max_points]
    target = max(MIN_POINTS, min(len(points) + 2, max_points)) if points else 4
    for s in ranked:
        if len(points) >= target:
            break
        if too_similar(s, short) or any(too_similar(s, p) for p in points):
            continue
        points.append(s.strip())
    # a very short article: relax the rule about repeating the short summary
    for s in ranked:
        if len(points) >= MIN_POINTS:
            break
        if s.strip() not in points:
            points.append(s.strip())
    return points[:max_points]
