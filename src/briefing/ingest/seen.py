"""Which articles earlier briefings in an output folder held (for ``daily --since last``).

The record is ``<output folder>/.briefing-state.json``, written atomically after each briefing::

    {"schema": "briefing.state/v1",
     "briefings": [                                   # oldest first, the last MAX_BRIEFINGS kept
       {"file": "briefing-2026-12-01.json", "date": "2026-12-01",
        "written": "2026-12-01T07:00:03+00:00",
        "articles": [{"id": "...", "keys": ["https://...", "file:/abs/path#id"], "date": "2026-11-30"}]}
     ]}

An article's ``keys`` are every name it may come back under: its URL, the feed link it was
fetched from (when a redirect made them differ), and ``file:<absolute path>#<id>`` for a local
file. ``--since last`` keeps an article none of whose keys is in any recorded briefing: so a
story shown this morning is not shown again tonight, nor the morning after. Other readers of the
file must ignore keys they do not know (other features may add some, e.g. per-story records).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from briefing.article import Article

STATE_NAME = ".briefing-state.json"
STATE_SCHEMA = "briefing.state/v1"
MAX_BRIEFINGS = 60


def article_keys(article: Article, link: str | None = None) -> list[str]:
    """Every name under which ``article`` may be met again (URL, feed link, local path + id)."""
    keys: list[str] = []
    for url in (article.url, link):
        if url and url.lower().startswith(("http://", "https://")) and url not in keys:
            keys.append(url)
    if article.path and not article.path.lower().startswith(("http://", "https://")):
        try:
            keys.append(f"file:{Path(article.path).resolve()}#{article.id}")
        except OSError:
            keys.append(f"file:{article.path}#{article.id}")
    if not keys:
        keys.append(f"id:{article.id}")
    return keys


@dataclass
class SeenLog:
    """The state file of one output folder. ``load`` never fails: a damaged file counts as empty."""

    folder: Path
    briefings: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # other top-level keys, kept as they were

    @property
    def path(self) -> Path:
        return self.folder / STATE_NAME

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> "SeenLog":
        log = cls(Path(folder))
        try:
            data = json.loads(log.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return log
        if isinstance(data, dict) and isinstance(data.get("briefings"), list):
            log.briefings = [b for b in data["briefings"] if isinstance(b, dict)]
            log.extra = {k: v for k, v in data.items() if k not in ("schema", "briefings")}
        return log

    @property
    def exists(self) -> bool:
        return bool(self.briefings)

    def keys(self) -> set[str]:
        out: set[str] = set()
        for b in self.briefings:
            for a in b.get("articles") or []:
                out.update(str(k) for k in (a.get("keys") or []))
        return out

    def last_written(self) -> str | None:
        return self.briefings[-1].get("written") if self.briefings else None

    def record(self, file: str | os.PathLike[str], date: str, articles: Iterable[Article], links: dict[str, str] | None = None,
               now: dt.datetime | None = None) -> None:
        """Add one briefing (its file and articles) to the log; call ``save`` to write it."""
        links = links or {}
        when = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        entry = {
            "file": Path(file).name, "date": date, "written": when,
            "articles": [{"id": a.id, "keys": article_keys(a, links.get(a.id)), "date": a.date} for a in articles],
        }
        self.briefings = [*self.briefings, entry][-MAX_BRIEFINGS:]

    def save(self) -> None:
        from briefing.output import atomic_write

        data = {"schema": STATE_SCHEMA, **self.extra, "briefings": self.briefings}
        atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
