"""The daily briefing: articles grouped into stories (briefing.daily/v1)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from .article import ArticleResult

DAILY_SCHEMA = "briefing.daily/v1"


def build_daily(results: Sequence[ArticleResult], date: dt.date | None = None, max_quotes: int = 3) -> dict[str, Any]:
    """One story per article, in input order (grouping comes with the stories work)."""
    date = date or dt.date.today()
    stories = []
    for r in results:
        d = r.to_dict()
        stories.append({
            "title": d["title"] or d["id"],
            "summary": d["summary"],
            "key_points": d["key_points"],
            "quotes": [
                {"text": q["text"], "speaker": q["speaker"], "speaker_title": q["speaker_title"], "article_id": d["id"]}
                for q in d["quotes"] if q.get("speaker")
            ][:max_quotes],
            "articles": [{"id": d["id"], "title": d["title"], "source": d["source"], "url": d["url"], "path": d["path"]}],
        })
    return {"schema": DAILY_SCHEMA, "date": date.isoformat(), "stories": stories}
