"""The article as the tool sees it after ingestion, and the per-article result."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.errors import BriefingError, InputError

ARTICLE_SCHEMA = "briefing.article/v1"
ERROR_SCHEMA = "briefing.error/v1"
# the key under which a cached result keeps what its contract form leaves out (ArticleResult.to_cache)
CACHE_EXTRA = "_briefing_cache"


@dataclass
class Article:
    """Cleaned article text plus the metadata the source gave us.

    ``text`` is the body as the tool cleaned it: quote offsets index into it.
    ``highlights`` are the article's own bullet points ("•" lines), used as key points.
    """

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    highlights: list[str] = field(default_factory=list)
    line: int | None = None  # line number inside a .jsonl file


@dataclass
class Summary:
    short: str
    long: str
    # CONTRACT summary.sentences: [{"text", "start", "end", "compressed"}] with the offsets (into
    # Article.text) of the article sentence each long-summary sentence comes from; None when the
    # summary is generated (its sentences are not the article's)
    sentences: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"short": self.short, "long": self.long}
        if self.sentences is not None:
            d["sentences"] = [dict(s) for s in self.sentences]
        return d


@dataclass
class ArticleResult:
    """One article's output; ``to_dict`` is the CONTRACT's briefing.article/v1 object."""

    article: Article
    summary: Summary
    key_points: list[str]
    quotes: list[dict[str, Any]]
    engine: dict[str, Any]
    stats: dict[str, Any]
    summary_sentences: list[str] = field(default_factory=list)
    # every sentence the engine ranked, best first (verbatim); the daily briefing chooses a
    # story's summary across all its articles from these. Not part of briefing.article/v1.
    ranked_sentences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "schema": ARTICLE_SCHEMA,
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "byline": a.byline,
            "date": a.date,
            "source": a.source,
            "url": a.url,
            "summary": self.summary.to_dict(),
            "key_points": list(self.key_points),
            "quotes": list(self.quotes),
            "engine": dict(self.engine),
            "stats": dict(self.stats),
        }


    @classmethod
    def from_dict(cls, data: dict[str, Any], article: Article) -> "ArticleResult":
        """A result back from its ``to_dict`` form (a cached result), for ``article``."""
        summary = data.get("summary") or {}
        extra = data.get(CACHE_EXTRA) or {}
        sentences = summary.get("sentences")
        return cls(
            article=article,
            summary=Summary(short=summary.get("short") or "", long=summary.get("long") or "",
                            sentences=[dict(s) for s in sentences] if sentences is not None else None),
            key_points=list(data.get("key_points") or []),
            quotes=list(data.get("quotes") or []),
            engine=dict(data.get("engine") or {}),
            stats=dict(data.get("stats") or {}),
            summary_sentences=list(extra.get("summary_sentences") or []),
            ranked_sentences=list(extra.get("ranked_sentences") or []),
        )

    def to_cache(self) -> dict[str, Any]:
        """``to_dict`` plus what the daily briefing needs that the contract leaves out (the
        engine's ranking and the long summary's sentences), so a cached result tells a story as
        well as a fresh one. Only the summarize/daily result cache stores this form."""
        return {**self.to_dict(), CACHE_EXTRA: {"summary_sentences": list(self.summary_sentences),
                                                "ranked_sentences": list(self.ranked_sentences)}}


@dataclass
class ArticleError:
    """An article that could not be processed; ``to_dict`` is briefing.error/v1."""

    id: str | None
    path: str | None
    error: str
    line: int | None = None

    @classmethod
    def from_exception(cls, exc: BaseException, article: Article | None = None, path: str | None = None) -> "ArticleError":
        """The one conversion of an exception into an article's failure (pipeline and batch both use it).

        An InputError names its own file and line; anything else is attributed to ``article``
        and, unless it is a BriefingError (whose message is for users), shown with its type.
        """
        if isinstance(exc, InputError):
            return cls(id=None, path=exc.path, error=exc.reason, line=exc.line)
        reason = str(exc) if isinstance(exc, BriefingError) else f"{type(exc).__name__}: {exc}"
        if article is None:
            return cls(id=None, path=path, error=reason)
        return cls(id=article.id, path=article.path, error=reason, line=article.line)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": ERROR_SCHEMA, "id": self.id, "path": self.path, "error": self.error}

    def __str__(self) -> str:
        where = self.path or self.id or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.error}"
