"""What decides how a batch runs (``BatchConfig``) and the error that stops a whole run."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import RunError

CACHE_VERSION = 1


# Five times the longest news features (~85,000 words). Longer texts are not news articles,
# and they cost minutes each: a 300,000-character paragraph takes ~60 s and ~0.5 GB with
# quotes on (measured); a 5 MB one would pass spaCy's per-text limit. They fail alone, clearly.
MAX_ARTICLE_CHARS = 500_000


# Fields of a result that identify the input rather than follow from its text: a cached
# result is reused for the same text under another id or path, with these fields replaced.
IDENTITY_FIELDS = ("id", "path", "byline", "date", "source", "url")


class BatchError(RunError):
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
    # the engine's own options (--gen KEY=VALUE), checked against its Options before any work
    options: dict[str, Any] = field(default_factory=dict)
    compress: bool = True  # sentence compression of extractive summaries (--no-compress: False)

    def engine_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"device": self.device, **self.options}
        if self.model:
            options["model"] = self.model
        return options

    def settings(self) -> dict[str, Any]:
        """What decides a result, for the cache key: the engine says what its results depend on."""
        from briefing.summarize.compress import model_fingerprint
        from briefing.summarize.engines import engine_fingerprint
        from briefing.version import __version__

        # compressed and verbatim results differ; a retrained compressor invalidates the cache
        return {"engine": engine_fingerprint(self.engine, self.engine_options()), "quotes": self.quotes,
                "compress": model_fingerprint() if self.compress else False,
                "cache": CACHE_VERSION, "briefing": __version__}

    def pipeline_kwargs(self) -> dict[str, Any]:
        return {"engine": self.engine, "quotes": self.quotes, "batch_size": self.batch_size, "compress": self.compress,
                **self.engine_options()}
