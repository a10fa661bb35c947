"""What decides how a batch runs (``BatchConfig``) and the error that stops a whole run."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError

CACHE_VERSION = 1


# Five times the longest news features (~85,000 words). Longer texts are not news articles,
# and they cost minutes each: a 300,000-character paragraph takes ~60 s and ~0.5 GB with
# quotes on (measured); a 5 MB one would pass spaCy's per-text limit. They fail alone, clearly.
MAX_ARTICLE_CHARS = 500_000


# Fields of a result that identify the input rather than follow from its text: a cached
# result is reused for the same text under another id or path, with these fields replaced.
IDENTITY_FIELDS = ("id", "path", "byline", "date", "source", "url")


class BatchError(BriefingError):
    """The run as a whole cannot go on (e.g. the engine cannot be loaded): exit 2."""


@dataclass
class BatchConfig:
    """Everything that decides how a batch runs; ``settings`` is what decides its results."""

    engine: str = "extractive"
    model: str | None = None
    device: str = "auto"
    quotes: bool = True
    batch_size: int = 16
    workers: int = 1
    force: bool = False
    cache_dir: Path | None = None
    max_chars: int = MAX_ARTICLE_CHARS
    compress: bool = True  # sentence compression of extractive summaries (--no-compress: False)

    def settings(self) -> dict[str, Any]:
        from briefing import __version__

        settings = {"engine": self.engine, "model": self.model, "quotes": self.quotes, "cache": CACHE_VERSION, "briefing": __version__}
        if self.compress:
            from briefing.summarize.compress import model_fingerprint

            # compressed and verbatim results differ; a retrained compressor invalidates the cache
            settings["compress"] = model_fingerprint()
        else:
            settings["compress"] = False
        if self.engine == "extractive":
            from briefing.summarize.engines.trained import head_fingerprint

            # a retrained head (shipped or --model DIR, same path) must not serve cached results of the old one
            settings["head"] = head_fingerprint(self.model)
        return settings

    def pipeline_kwargs(self) -> dict[str, Any]:
        options: dict[str, Any] = {"device": self.device}
        if self.model:
            options["model"] = self.model
        return {"engine": self.engine, "quotes": self.quotes, "batch_size": self.batch_size, "compress": self.compress, **options}
