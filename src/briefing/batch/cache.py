"""The result cache: one JSON file per finished article, keyed by what decides its result."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from briefing.article import Article
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
            atomic_write(self._path(key), json.dumps(result, ensure_ascii=False))

    def __len__(self) -> int:
        return 0 if self.root is None or not self.root.is_dir() else sum(1 for _ in self.root.glob("*/*.json"))


def with_identity(result: dict[str, Any], article: Article) -> dict[str, Any]:
    out = dict(result)
    for name in IDENTITY_FIELDS:
        if name in out:
            out[name] = getattr(article, name)
    return out
