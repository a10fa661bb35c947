"""briefing: offline news summaries, quotes and a daily briefing.

Python use mirrors the CLI::

    from briefing import Pipeline, read_all
    pipe = Pipeline()                       # default engine, loaded once
    for result in pipe.process(read_all(["seeds/"])):
        print(result.to_dict())

Names are imported on first use (PEP 562) so that ``briefing --help`` stays instant.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from briefing.version import __version__

_EXPORTS = {
    "Article": "article", "ArticleError": "article", "ArticleResult": "article", "Summary": "article",
    "BriefingError": "errors", "InputError": "errors", "ModelNotFoundError": "errors", "TemplateError": "errors",
    "discover": "ingest", "read_all": "ingest", "Pipeline": "pipeline", "build_daily": "daily",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from briefing.article import Article, ArticleError, ArticleResult, Summary
    from briefing.daily import build_daily
    from briefing.errors import (
        BriefingError,
        InputError,
        ModelNotFoundError,
        TemplateError,
    )
    from briefing.ingest import discover, read_all
    from briefing.pipeline import Pipeline


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
