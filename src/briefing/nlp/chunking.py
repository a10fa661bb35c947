"""Token-bounded chunks on sentence boundaries.

Every engine sees long articles through the same chunker, sized with the engine's own
tokenizer, so nothing is silently truncated: a sentence longer than the limit is cut
into word windows rather than dropped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True)
class Chunk:
    text: str
    sentence_ids: tuple[int, ...]  # indices into the article's sentence list
    tokens: int


def _split_long(text: str, count: Callable[[str], int], max_tokens: int) -> list[str]:
    words, parts, cur = text.split(), [], []
    for w in words:
        cur.append(w)
        if count(" ".join(cur)) > max_tokens and len(cur) > 1:
            cur.pop()
            parts.append(" ".join(cur))
            cur = [w]
    if cur:
        parts.append(" ".join(cur))
    return parts


def chunk_sentences(
    sentences: Sequence[str],
    count_tokens: Callable[[str], int],
    max_tokens: int = 512,
    overlap: int = 1,
    token_counts: Sequence[int] | None = None,
) -> list[Chunk]:
    """Greedy packing of consecutive sentences into chunks of at most ``max_tokens``.

    ``overlap`` sentences from the end of one chunk start the next, for context.
    ``token_counts`` may be passed when the caller already tokenized the sentences.
    """
    if max_tokens < 8:
        raise ValueError("max_tokens must be at least 8")
    counts = list(token_counts) if token_counts is not None else [count_tokens(s) for s in sentences]
    units: list[tuple[str, int, int]] = []  # (text, tokens, sentence index)
    for i, (s, n) in enumerate(zip(sentences, counts)):
        if n > max_tokens:
            for part in _split_long(s, count_tokens, max_tokens):
                units.append((part, count_tokens(part), i))
        else:
            units.append((s, n, i))
    chunks: list[Chunk] = []
    start = 0
    while start < len(units):
        end, total = start, 0
        while end < len(units) and total + units[end][1] + (1 if end > start else 0) <= max_tokens:
            total += units[end][1] + (1 if end > start else 0)
            end += 1
        end = max(end, start + 1)
        piece = units[start:end]
        chunks.append(Chunk(" ".join(u[0] for u in piece), tuple(dict.fromkeys(u[2] for u in piece)), total))
        if end >= len(units):
            break
        start = max(end - overlap, start + 1) if overlap > 0 else end
    return chunks
