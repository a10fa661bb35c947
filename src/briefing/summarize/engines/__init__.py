"""Summarization engines behind one small interface (see ``base.Engine``).

Engines are looked up by name; each module is imported only when its engine is asked
for, so ``briefing --help`` never pays for torch or transformers.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from briefing.errors import BriefingError
from briefing.summarize.engines.base import Engine, EngineOutput, Prepared

# name -> "module:Class"
ENGINES: dict[str, str] = {
    "extractive": "briefing.summarize.engines.trained:TrainedExtractiveEngine",
    "extractive-unsupervised": "briefing.summarize.engines.extractive:UnsupervisedExtractiveEngine",
    "lead": "briefing.summarize.engines.extractive:LeadEngine",
    "seq2seq": "briefing.summarize.engines.seq2seq:Seq2SeqEngine",
    "llm": "briefing.summarize.engines.llm:LLMEngine",
}
DEFAULT_ENGINE = "extractive"


def load_engine(name: str = DEFAULT_ENGINE, **options: Any) -> Engine:
    """Build an engine by name; options are passed to its constructor (model, device, ...)."""
    try:
        target = ENGINES[name]
    except KeyError:
        raise BriefingError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}") from None
    module, cls = target.split(":")
    return getattr(import_module(module), cls)(**options)


__all__ = ["ENGINES", "DEFAULT_ENGINE", "Engine", "EngineOutput", "Prepared", "load_engine"]
