"""What a briefing remembers for the next one written to the same output folder.

Each briefing written to a folder leaves ``<folder>/.briefing-state/<YYYY-MM-DD>.json``
(``schema: "briefing.state/v1"``; written atomically, one file per briefing date, a re-run on
the same date replaces it)::

    {
      "schema": "briefing.state/v1",
      "date": "2026-11-27",                 # the briefing's date
      "written": "2026-11-27T07:00:00+00:00",
      "output": "briefing-2026-11-27.md",    # the briefing file it sits beside (or null)
      "vector_model": "all-MiniLM-L6-v2",    # what the story vectors are (daily.grouping.embed_results)
      "articles": [                          # every article of the briefing
        {"id": "...", "url": null, "path": "...", "title": "...", "source": "...", "date": null, "story": 0}
      ],
      "stories": [                           # in presentation order; "story" above indexes this
        {"title": "...", "section": "World", "status": "new",
         "article_ids": ["..."],
         "vector": [0.01, ...],              # mean of its articles' L2-normalised vectors, 4 decimals
         "told": ["sentence shown to the reader", ...]}   # summary + key points, verbatim
      ]
    }

``previous_state(folder, before=date)`` reads the latest state dated before ``date`` (the
"yesterday" a developing story is compared with); ``previous_state(folder)`` the latest of
all (what ``--since last`` needs); ``seen_articles(state)`` the ids and URLs it covered.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np

STATE_SCHEMA = "briefing.state/v1"
STATE_DIR = ".briefing-state"


def state_dir(folder: str | Path) -> Path:
    return Path(folder) / STATE_DIR


def snapshot(briefing: dict[str, Any], vectors: list[np.ndarray], output: str | None = None) -> dict[str, Any]:
    """The state of a finished briefing (``vectors``: one per story, in the briefing's order)."""
    stories, articles = [], []
    for n, (s, v) in enumerate(zip(briefing["stories"], vectors)):
        told = [x["text"] for x in s["summary"].get("sentences", [])] + list(s.get("key_points", []))
        stories.append({
            "title": s["title"], "section": s.get("section"), "status": s.get("status", "new"),
            "article_ids": [a["id"] for a in s["articles"]],
            "vector": [round(float(x), 4) for x in np.asarray(v, dtype=np.float64).ravel()],
            "told": told,
        })
        for a in s["articles"]:
            articles.append({k: a.get(k) for k in ("id", "url", "path", "title", "source", "date")} | {"story": n})
    return {
        "schema": STATE_SCHEMA, "date": briefing["date"],
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "output": output, "vector_model": "all-MiniLM-L6-v2", "articles": articles, "stories": stories,
    }


def write_state(folder: str | Path, state: dict[str, Any]) -> Path:
    from briefing.output import atomic_write

    path = state_dir(folder) / f"{state['date']}.json"
    atomic_write(path, json.dumps(state, ensure_ascii=False) + "\n")
    return path


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a damaged state only costs the "developing" marks, never the briefing
    return data if isinstance(data, dict) and data.get("schema") == STATE_SCHEMA else None


def previous_state(folder: str | Path, before: dt.date | None = None) -> dict[str, Any] | None:
    """The latest readable state in ``folder`` (dated strictly before ``before`` when given)."""
    d = state_dir(folder)
    if not d.is_dir():
        return None
    dated = []
    for p in d.glob("*.json"):
        try:
            day = dt.date.fromisoformat(p.stem)
        except ValueError:
            continue
        if before is None or day < before:
            dated.append((day, p))
    for _, p in sorted(dated, reverse=True):
        if (st := _read(p)) is not None:
            return st
    return None


def seen_articles(state: dict[str, Any] | None) -> set[str]:
    """Ids and URLs of the articles in a state (for --since last)."""
    out: set[str] = set()
    for a in (state or {}).get("articles", []):
        for k in ("id", "url"):
            if a.get(k):
                out.add(str(a[k]))
    return out
