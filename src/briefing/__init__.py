"""briefing: offline news summaries, quotes and a daily briefing.

Python use mirrors the CLI::

    from briefing import Pipeline, read_all
    pipe = Pipeline()                       # default engine, loaded once
    for result in pipe.process(read_all(["seeds/"])):
        print(result.to_dict())
"""
from __future__ import annotations

__version__ = "0.1.0"

from .article import Article, ArticleError, ArticleResult, Summary
from .errors import BriefingError, InputError, ModelNotFoundError, TemplateError
from .ingest import discover, read_all
from .pipeline import Pipeline

__all__ = [
    "Article", "ArticleError", "ArticleResult", "Summary", "BriefingError", "InputError",
    "ModelNotFoundError", "TemplateError", "Pipeline", "discover", "read_all", "__version__",
]
