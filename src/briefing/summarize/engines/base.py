"""The engine interface: prepared articles in, short/long summaries and ranked sentences out.

Each engine declares its options as a dataclass (``Engine.Options``, a subclass of
``EngineOptions``): ``--gen KEY=VALUE`` and ``--model``/``--device`` are parsed against it, so an
unknown or mistyped key is a usage error that names the valid keys, for every engine alike.
Each engine also says what its results depend on (``Engine.fingerprint``), so the batch cache
never needs to know an engine by name.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping, Sequence

from briefing.article import Article
from briefing.errors import OptionError
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


@dataclass
class EngineOptions:
    """Options every engine takes. Subclasses add theirs; each field is a ``--gen`` key."""

    device: str = "auto"

    # keys that change how fast results come, not what they are (left out of the cache key)
    not_in_fingerprint: ClassVar[frozenset[str]] = frozenset({"device", "batch_size"})

    @classmethod
    def parse(cls, engine: str, values: Mapping[str, Any]) -> "EngineOptions":
        """Options from user values (strings from the command line, or typed values from code).

        Raises OptionError naming the valid keys for an unknown key or a value of the wrong type.
        """
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(k for k in values if k not in fields)
        if unknown:
            raise OptionError(engine, f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}", sorted(fields))
        hints = typing.get_type_hints(cls)
        typed = {k: _coerce(engine, k, v, hints[k], sorted(fields)) for k, v in values.items()}
        return cls(**typed)

    def fingerprint(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k not in self.not_in_fingerprint}


def _coerce(engine: str, key: str, value: Any, hint: Any, valid: list[str]) -> Any:
    """``value`` as the declared type: "3" -> 3 for an int, "none" -> None where None is allowed."""
    args = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    optional = type(None) in args
    kinds = [a for a in args if a is not type(None)]
    if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "null") and optional and str not in kinds):
        if optional:
            return None
        raise OptionError(engine, f"{key} cannot be empty", valid)
    for kind in kinds:
        if kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                return value.strip().lower() in ("1", "true", "yes", "on")
        elif kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, str):
                try:
                    return int(value.strip())
                except ValueError:
                    pass
        elif kind is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            if isinstance(value, str):
                try:
                    return float(value.strip())
                except ValueError:
                    pass
        elif kind is str:
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
        elif isinstance(kind, type) and isinstance(value, kind):
            return value
    want = " or ".join(getattr(k, "__name__", str(k)) for k in kinds)
    raise OptionError(engine, f"{key}={value!r} is not {want}", valid)


class Engine(ABC):
    """A summarizer. Subclasses load their model once, in ``__init__``, from their ``Options``'s
    fields passed as keyword arguments."""

    name: str = "engine"
    model: str | None = None
    Options: ClassVar[type[EngineOptions]] = EngineOptions

    @classmethod
    def fingerprint(cls, options: EngineOptions) -> dict[str, Any]:
        """What this engine's results depend on, for the batch cache key (no model is loaded)."""
        return {"engine": cls.name, **options.fingerprint()}

    @abstractmethod
    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        """Summarize a batch; batching lets engines share one forward pass across articles."""

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "model": self.model}
