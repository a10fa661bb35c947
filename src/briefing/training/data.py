"""Training data: JSONL rows, and the split sentences + vectors of each article, cached on disk."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from briefing.errors import InputError
from briefing.training.config import TrainConfig

# stage, done, total
ProgressFn = Callable[[str, int, int], None]


def read_rows(path: str | os.PathLike[str], *, exclude_pool: bool = False) -> list[dict[str, Any]]:
    """JSONL(.gz) rows with ``article`` (or ``text``) and ``reference`` (one sentence per line, or a list).

    Lower-cased, tokenized rows (``cnndm-train-lower.jsonl.gz``) come back cleaned to the form
    user text takes (``evaluation.lower.clean_lower``). ``exclude_pool`` drops the validation-pool
    stories (``evaluation.pool``), which training never sees.
    """
    from briefing.evaluation.pool import as_user_text, in_pool, iter_jsonl

    rows = []
    try:
        for ln, line in iter_jsonl(path):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not JSON ({exc.msg})", ln) from None
            text = r.get("article") or r.get("text")
            ref = r.get("reference") or r.get("highlights")
            if isinstance(ref, list):
                ref = "\n".join(ref)
            if not text or not ref:
                raise InputError(str(path), "each row needs 'article' (or 'text') and 'reference'", ln)
            rid = r.get("id", str(ln))
            if exclude_pool and in_pool(rid):
                continue
            rows.append({"id": rid, "article": as_user_text(text), "reference": ref, "source": r.get("source")})
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read ({exc})") from None
    if not rows:
        raise InputError(str(path), "no rows")
    return rows


def _head_text(text: str, max_chars: int) -> tuple[str, bool]:
    """The article's beginning, cut at a paragraph break when there is one (the split is then exact)."""
    if len(text) <= max_chars:
        return text, False
    cut = text.find("\n\n", max_chars)
    if cut < 0 or cut > 2 * max_chars:
        return text[:max_chars], True
    return text[:cut], False


def encoder_key(encoder: Any) -> str:
    """What the cached vectors depend on: encoder weights, truncation, dtype."""
    if getattr(encoder, "key", None):
        return str(encoder.key)
    return f"{Path(encoder.path).parent.name}-{Path(encoder.path).name}-len{encoder.max_length}-{encoder.dtype}"


class EmbeddingCache:
    """Split sentences + MiniLM vectors per article, on disk, in append-only shards.

    Keyed by a hash of the article text, the split settings and the encoder settings, so
    changing any of them misses the cache instead of returning stale vectors.
    """

    def __init__(self, root: str | os.PathLike[str], key: str):
        self.dir = Path(root).expanduser() / key
        self.dir.mkdir(parents=True, exist_ok=True)
        self.items: dict[str, tuple[list[str], np.ndarray]] = {}
        for meta in sorted(self.dir.glob("shard-*.json")):
            vec_path = meta.with_suffix(".npy")
            if not vec_path.exists():
                continue
            try:
                index = json.loads(meta.read_text())
                vecs = np.load(vec_path)
            except (ValueError, OSError):  # a shard another process is still writing
                continue
            for h, (off, sents) in index.items():
                self.items[h] = (sents, vecs[off : off + len(sents)])

    def add(self, entries: dict[str, tuple[list[str], np.ndarray]]) -> dict[str, tuple[list[str], np.ndarray]]:
        """Store entries; returns them as a later run will read them back (float16), so that a
        cold and a warm run train exactly the same head."""
        if not entries:
            return entries
        n = len(list(self.dir.glob("shard-*.json")))
        index, parts, off = {}, [], 0
        stored: dict[str, tuple[list[str], np.ndarray]] = {}
        for h, (sents, vecs) in entries.items():
            index[h] = (off, sents)
            stored[h] = (sents, vecs.astype(np.float16))
            parts.append(stored[h][1])
            off += len(sents)
        self.items.update(stored)
        name = f"shard-{n:05d}-{os.getpid()}"
        np.save(self.dir / f"{name}.npy", np.concatenate(parts) if parts else np.zeros((0, 1), np.float16))
        (self.dir / f"{name}.json").write_text(json.dumps(index))  # written last: marks the shard complete
        return stored


def article_hash(text: str, cfg: TrainConfig, split_id: str) -> str:
    h = hashlib.sha1(f"{split_id}|{cfg.split_chars}|{cfg.max_sentences}|".encode())
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def embed_articles(
    texts: Sequence[str],
    cfg: TrainConfig,
    cache: EmbeddingCache | None,
    encoder: Any,
    progress: ProgressFn,
    stage: str = "embed",
    chunk: int = 100,
) -> list[tuple[list[str], np.ndarray]]:
    """Sentences (first ``max_sentences``) and their vectors for each article, via the cache."""
    from briefing.evaluation.lower import (
        LOWER_SPLIT_VERSION,
        is_lower_text,
        split_lower,
    )
    from briefing.nlp.sentences import SPLIT_VERSION, load_spacy, split_many

    nlp = load_spacy("senter")
    split_id = f"{nlp.meta['name']}-{nlp.meta['version']}-{SPLIT_VERSION}"
    lower = [is_lower_text(t) for t in texts]
    keys = [article_hash(t, cfg, LOWER_SPLIT_VERSION if lw else split_id) for t, lw in zip(texts, lower)]
    out: list[tuple[list[str], np.ndarray] | None] = [cache.items.get(k) if cache else None for k in keys]
    todo = [i for i, o in enumerate(out) if o is None]
    done = len(texts) - len(todo)
    progress(stage, done, len(texts))
    for b in range(0, len(todo), chunk):
        idx = todo[b : b + chunk]
        heads = [_head_text(texts[i], cfg.split_chars) for i in idx]
        # lower-cased training text is tokenized: a token-level split is as good as spaCy's and ~60x faster
        cased = [k for k, i in enumerate(idx) if not lower[i]]
        spacy_splits = iter(split_many([heads[k][0] for k in cased], nlp)) if cased else iter(())
        sents_per = []
        for k, ((head, cut), i) in enumerate(zip(heads, idx)):
            s = split_lower(head) if lower[i] else [x.text for x in next(spacy_splits)]
            if cut and len(s) > 1:
                s = s[:-1]  # may be a sentence cut in half
            sents_per.append(s[: cfg.max_sentences])
        flat = [s for ss in sents_per for s in ss]
        vecs = encoder.encode(flat)
        entries, off = {}, 0
        for i, ss in zip(idx, sents_per):
            entries[keys[i]] = (ss, vecs[off : off + len(ss)])
            off += len(ss)
        if cache:
            entries = cache.add(entries)
        for i in idx:
            out[i] = entries[keys[i]]
        done += len(idx)
        progress(stage, done, len(texts))
    return out  # type: ignore[return-value]
