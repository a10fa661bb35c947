"""The local archive of everything fetched: pages, feeds and robots.txt, with their validators.

One entry per URL under ``root/<sha[:2]>/<sha>.json`` (metadata) and ``<sha>.body`` (the bytes
as received), written atomically. The metadata keeps ``ETag`` and ``Last-Modified`` so the next
fetch is conditional, and ``first_fetched`` (when this URL was first downloaded), which
``daily --since`` uses for articles that carry no date. The default root is
``<cache root>/web`` (``BRIEFING_CACHE`` moves the cache root; ``--cache-dir DIR`` uses
``DIR/web``).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from briefing.output import atomic_write

ARCHIVE_VERSION = 1


def default_archive_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    from briefing.cachedir import cache_root

    return Path(cache_dir) / "web" if cache_dir else cache_root() / "web"


@dataclass
class Entry:
    url: str
    final_url: str | None = None
    status: int = 200
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    first_fetched: float = 0.0  # first download (epoch seconds)
    fetched: float = 0.0  # last full download
    checked: float = 0.0  # last time the server was asked (a 304 counts)
    size: int = 0
    has_body: bool = False
    version: int = ARCHIVE_VERSION


class Archive:
    """Fetched bodies and their validators on disk; safe to share between threads of one run."""

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)

    @staticmethod
    def _key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()

    def _paths(self, url: str) -> tuple[Path, Path]:
        k = self._key(url)
        folder = self.root / k[:2]
        return folder / f"{k}.json", folder / f"{k}.body"

    def get(self, url: str) -> Entry | None:
        meta, _ = self._paths(url)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            entry = Entry(**{k: v for k, v in data.items() if k in Entry.__dataclass_fields__})
        except (OSError, ValueError, TypeError):
            return None  # missing or damaged: fetch again
        return entry if entry.version == ARCHIVE_VERSION and entry.url == url else None

    def body(self, entry: Entry) -> bytes | None:
        _, body = self._paths(entry.url)
        try:
            return body.read_bytes()
        except OSError:
            return None

    def body_path(self, url: str) -> Path:
        return self._paths(url)[1]

    def _save(self, entry: Entry) -> None:
        meta, _ = self._paths(entry.url)
        atomic_write(meta, json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8"))

    def put(self, resp: Any) -> Entry:
        """Store a 200 ``http.Response``; keeps the first-fetched time of an earlier download of the URL."""
        now = time.time()
        old = self.get(resp.url)
        entry = Entry(
            url=resp.url, final_url=resp.final_url, status=resp.status, content_type=resp.content_type,
            etag=resp.etag, last_modified=resp.last_modified, first_fetched=old.first_fetched if old and old.first_fetched else now,
            fetched=now, checked=now, size=len(resp.body), has_body=True,
        )
        atomic_write(self._paths(resp.url)[1], resp.body)
        self._save(entry)
        return entry

    def put_status(self, url: str, status: int, body: bytes = b"") -> Entry:
        """Remember an answer (robots.txt: its rules, or that there are none)."""
        now = time.time()
        entry = Entry(url=url, status=status, first_fetched=now, fetched=now, checked=now, size=len(body), has_body=bool(body))
        if body:
            atomic_write(self._paths(url)[1], body)
        self._save(entry)
        return entry

    def touch(self, entry: Entry) -> None:
        """The server said 304: the copy is still good as of now."""
        entry.checked = time.time()
        self._save(entry)

    def first_seen(self, url: str) -> float | None:
        entry = self.get(url)
        return entry.first_fetched if entry is not None and entry.first_fetched else None
