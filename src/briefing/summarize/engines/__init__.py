"""Summarization engines behind one small interface (see ``base.Engine``), registered here.

The built-in engines are listed in ``BUILTIN``; other packages add engines through the
``briefing.engines`` entry-point group, the way simonw/llm's plugins add models::

    # a plugin's pyproject.toml
    [project.entry-points."briefing.engines"]
    my-engine = "my_package.engine:MyEngine"    # an Engine subclass with its Options

Each module is imported only when its engine is asked for, so ``briefing --help`` never
pays for torch or transformers.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Any, Mapping

from briefing.errors import UsageError
from briefing.summarize.engines.base import (
    Engine,
    EngineOptions,
    EngineOutput,
    Prepared,
)

ENTRY_POINT_GROUP = "briefing.engines"

# name -> "module:Class"
BUILTIN: dict[str, str] = {
    "extractive": "briefing.summarize.engines.trained:TrainedExtractiveEngine",
    "extractive-unsupervised": "briefing.summarize.engines.extractive:UnsupervisedExtractiveEngine",
    "lead": "briefing.summarize.engines.extractive:LeadEngine",
    "seq2seq": "briefing.summarize.engines.seq2seq:Seq2SeqEngine",
    "llm": "briefing.summarize.engines.llm:LLMEngine",
}
DEFAULT_ENGINE = "extractive"


@lru_cache(maxsize=1)
def _plugins() -> dict[str, Any]:
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in BUILTIN}


def engine_names() -> list[str]:
    """Every engine that can be asked for by name: the built-in ones, then plugins'."""
    return [*BUILTIN, *sorted(_plugins())]


def engine_class(name: str) -> type[Engine]:
    """The Engine subclass registered under ``name``; UsageError naming the choices otherwise."""
    if name in BUILTIN:
        module, cls = BUILTIN[name].split(":")
        return getattr(import_module(module), cls)
    plugin = _plugins().get(name)
    if plugin is None:
        raise UsageError(f"unknown engine {name!r}; choose one of: {', '.join(engine_names())}")
    try:
        loaded = plugin.load()
    except Exception as exc:  # a broken plugin must not look like a briefing bug
        raise UsageError(f"engine {name!r} ({plugin.value}) could not be loaded: {type(exc).__name__}: {exc}") from exc
    if not (isinstance(loaded, type) and issubclass(loaded, Engine)):
        raise UsageError(f"engine {name!r} ({plugin.value}) is not a briefing Engine subclass")
    return loaded


def parse_options(name: str, options: Mapping[str, Any] | None = None) -> EngineOptions:
    """The engine's typed options from user values; OptionError (exit 2) names the valid keys."""
    return engine_class(name).Options.parse(name, dict(options or {}))


def engine_fingerprint(name: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What results of engine ``name`` with these options depend on (loads no model)."""
    cls = engine_class(name)
    return cls.fingerprint(cls.Options.parse(name, dict(options or {})))


def load_engine(name: str = DEFAULT_ENGINE, **options: Any) -> Engine:
    """Build an engine by name; options (model, device, and the engine's own) are checked first."""
    cls = engine_class(name)
    parsed = cls.Options.parse(name, options)
    return cls(**vars(parsed))


__all__ = ["BUILTIN", "DEFAULT_ENGINE", "ENTRY_POINT_GROUP", "Engine", "EngineOptions", "EngineOutput",
           "Prepared", "engine_class", "engine_fingerprint", "engine_names", "load_engine", "parse_options"]
