"""Where briefing keeps what is slow to make again (converted LLM weights, sentence vectors).

One root for every cache, so ``BRIEFING_CACHE`` moves them all: ``$BRIEFING_CACHE``, else
``$XDG_CACHE_HOME/briefing``, else ``~/.cache/briefing``. (Batch results are kept beside the
output instead: see ``batch.default_cache_dir``.)
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    base = os.environ.get("BRIEFING_CACHE") or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "briefing")
    return Path(base)


def embedding_cache_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """``cache_dir`` when given (``--cache-dir``), else ``<cache root>/embeddings``."""
    return Path(cache_dir) if cache_dir else cache_root() / "embeddings"
