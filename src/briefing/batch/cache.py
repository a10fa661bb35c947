"""The result cache: one JSON file per finished article, keyed by what decides its result."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from briefing.errors import InputError
    from briefing.pipeline import Outcome, Pipeline

from briefing.article import Article, ArticleError, ArticleResult
from briefing.batch.config import IDENTITY_FIELDS
from briefing.output import atomic_write


class ResultCache:
    """One JSON file per result under ``root/<key[:2]>/<key>.json``; ``root=None`` caches nothing."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    @staticmethod
    def key(article: Article, settings: dict[str, Any]) -> str:
        payload = {"text": article.text, "title": article.title, "highlights": list(article.highlights), "settings": settings}
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.root is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing, or unreadable: recompute rather than fail
        return data if isinstance(data, dict) and data.get("schema") == "briefing.article/v1" else None

    def put(self, key: str, result: dict[str, Any]) -> None:
        if self.root is not None:
            # no fsync: one per article cost the pipeline 0.57 s of waiting on 144 pages (4 ms
            # each on this disk, more on slow ones); a lost or torn entry is only a cache miss
            atomic_write(self._path(key), json.dumps(result, ensure_ascii=False), durable=False)

    def empty(self) -> bool:
        return self.root is None or not self.root.is_dir() or next(self.root.glob("*/*.json"), None) is None

    def __len__(self) -> int:
        return 0 if self.root is None or not self.root.is_dir() else sum(1 for _ in self.root.glob("*/*.json"))


def with_identity(result: dict[str, Any], article: Article) -> dict[str, Any]:
    out = dict(result)
    for name in IDENTITY_FIELDS:
        if name in out:
            out[name] = getattr(article, name)
    return out


_CODE: str | None = None


def code_fingerprint() -> str:
    """A hash of the package's own code: results cached by one checkout are never served by
    another that computes them differently (the version number alone changes too rarely)."""
    global _CODE
    if _CODE is None:
        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256()
        for f in sorted(root.rglob("*.py")):
            if "training" in f.relative_to(root).parts:
                continue
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
        _CODE = h.hexdigest()[:16]
    return _CODE


def result_settings(engine: str, model: str | None = None, quotes: bool = True, options: dict[str, Any] | None = None,
                    device: str = "auto", compress: bool = True) -> dict[str, Any]:
    """What decides a result for ``summarize`` and ``daily``: ``batch``'s settings (the engine's
    fingerprint with its options) and the code's fingerprint. Raises UsageError for an unknown
    engine or option."""
    from briefing.batch.config import BatchConfig

    settings = BatchConfig(engine=engine, model=model, device=device, quotes=quotes, options=dict(options or {}),
                           compress=compress).settings()
    settings["code"] = code_fingerprint()
    return settings


def cached_outcomes(
    items: Iterable["Article | InputError"],
    pipeline: "Callable[[], Pipeline]",
    cache: ResultCache,
    settings: dict[str, Any],
    *,
    force: bool = False,
    batch_size: int = 16,
    stats: dict[str, int] | None = None,
) -> Iterator["Outcome"]:
    """Outcomes in input order, taking finished articles from ``cache`` and running the rest
    through ``pipeline()`` (called once, on the first miss: an all-cached run loads no model).

    ``stats`` (if given) counts ``cached`` and ``summarized`` articles."""
    pipe: "Pipeline | None" = None
    counts = stats if stats is not None else {}
    counts.setdefault("cached", 0)
    counts.setdefault("summarized", 0)
    window: list[Any] = []

    def flush() -> Iterator["Outcome"]:
        nonlocal pipe
        slots: list[Any] = []
        misses: list[tuple[Article, str]] = []
        for item in window:
            if not isinstance(item, Article):
                slots.append(ArticleError.from_exception(item))
                continue
            key = cache.key(item, settings)
            hit = None if force else cache.get(key)
            if hit is not None:
                slots.append(ArticleResult.from_dict(with_identity(hit, item), item))
                counts["cached"] += 1
            else:
                slots.append(None)
                misses.append((item, key))
        done: list[Any] = []
        if misses:
            if pipe is None:
                pipe = pipeline()
            done = pipe.run_batch([a for a, _ in misses])
            for (_, key), out in zip(misses, done):
                if isinstance(out, ArticleResult):
                    cache.put(key, out.to_cache())
                    counts["summarized"] += 1
        it = iter(done)
        for slot in slots:
            yield next(it) if slot is None else slot

    for item in items:
        window.append(item)
        if len(window) >= batch_size:
            yield from flush()
            window = []
    if window:
        yield from flush()
