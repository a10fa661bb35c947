"""The engine interface: prepared articles in, short/long summaries and ranked sentences out."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from briefing.article import Article
from briefing.nlp.sentences import Sentence

Progress = Callable[[int], None]  # called with the number of articles just finished


@dataclass
class Prepared:
    """An article split into sentences, ready for any engine."""

    article: Article
    sentences: list[Sentence]


@dataclass
class EngineOutput:
    short: str
    long: str
    long_sentences: list[str]
    # sentences ranked by importance (verbatim), used for key points
    ranked: list[str] = field(default_factory=list)
    chunks: int = 1
    # why generated text was replaced by extractive text, or None (CONTRACT: engine.fallback)
    fallback: str | None = None
    # extra, engine-specific facts (e.g. dropped sentences) shown in engine JSON
    details: dict[str, Any] = field(default_factory=dict)


class Engine(ABC):
    """A summarizer. Subclasses load their model once, in ``__init__``."""

    name: str = "engine"
    model: str | None = None

    @abstractmethod
    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        """Summarize a batch; batching lets engines share one forward pass across articles."""

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "model": self.model}
