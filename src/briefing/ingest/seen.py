"""Which articles earlier briefings in an output folder held (for ``daily --since last``).

The record is the one ``daily.state`` writes beside each briefing:
``<output folder>/.briefing-state/<YYYY-MM-DD>.json`` (schema ``briefing.state/v1``), whose
``articles`` list each article's ``id``, ``url`` and ``path``. This module only reads it (ingest
sits below daily, so it reads the files, not daily's code).

``--since last`` keeps an article none of whose keys is in *any* recorded briefing of the
folder, not only the latest: a story shown this morning is not shown again tonight, nor the
morning after, even when an intervening briefing left it out. An article's keys are its URL,
the feed link it was fetched from (when a redirect made them differ), and
``file:<absolute path>#<id>`` for a local file (``id:<id>`` when it has neither).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.article import Article

STATE_DIR = ".briefing-state"  # daily.state.STATE_DIR


def _is_http(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _file_key(path: str, id: str) -> str:
    try:
        return f"file:{Path(path).resolve()}#{id}"
    except OSError:
        return f"file:{path}#{id}"


def article_keys(article: Article, link: str | None = None) -> list[str]:
    """Every name under which ``article`` may be met again (URL, feed link, local path + id)."""
    return record_keys(article.id, article.url, article.path, link)


def record_keys(id: str | None, url: str | None, path: str | None, link: str | None = None) -> list[str]:
    keys: list[str] = []
    for u in (url, link):
        if _is_http(u) and u not in keys:
            keys.append(str(u))
    if path and not _is_http(path):
        keys.append(_file_key(str(path), str(id)))
    if not keys and id is not None:
        keys.append(f"id:{id}")
    return keys


@dataclass
class SeenLog:
    """The articles of every briefing recorded in ``folder``; ``load`` never fails (a damaged
    state file is skipped)."""

    folder: Path
    briefings: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> "SeenLog":
        log = cls(Path(folder))
        state = log.folder / STATE_DIR
        for f in sorted(state.glob("*.json")) if state.is_dir() else []:
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and isinstance(data.get("articles"), list):
                log.briefings.append(data)
        return log

    @property
    def exists(self) -> bool:
        return bool(self.briefings)

    def keys(self) -> set[str]:
        out: set[str] = set()
        for b in self.briefings:
            for a in b.get("articles") or []:
                if isinstance(a, dict):
                    out.update(record_keys(a.get("id"), a.get("url"), a.get("path")))
        return out
