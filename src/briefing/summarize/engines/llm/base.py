"""What the LLM engine needs from a model runtime: token counts, the context, and answers."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Sequence


class Backend(ABC):
    """One way of running the model: transformers, native llama.cpp, or an HTTP server."""

    kind: str = "backend"
    #: tokens the model attends to: prompt and answer together
    context: int = 2048
    #: whether answering many prompts in one call is cheaper than one by one (batched or in flight
    #: together); where it is not, the engine sends one article's prompts at a time, in a row
    batches: bool = True

    @abstractmethod
    def count(self, text: str) -> int:
        """Tokens of a piece of text, no special tokens."""

    def count_many(self, texts: Sequence[str]) -> list[int]:
        return [self.count(t) for t in texts]

    @abstractmethod
    def prompt_tokens(self, user: str) -> int:
        """Tokens of the whole chat prompt (template included) for this user message."""

    @abstractmethod
    def generate(self, users: Sequence[str], max_new: int, repetition_penalty: float) -> list[str]:
        """Greedy answers, one per user message, in order."""

    def describe(self) -> dict[str, Any]:
        return {"backend": self.kind, "context_tokens": self.context}

    def close(self) -> None:
        """Release connections or native memory (the engine is done)."""
