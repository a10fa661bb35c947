"""Files that ship with briefing: model weights (``models/``), templates, and LLM prompts.

One place for these paths, so that moving a module never breaks a ``Path(__file__)`` walk.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MODELS_DIR = PACKAGE_DIR / "models"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
# prompts/ is copied into the wheel (pyproject force-include); in a checkout it is at the repo root
PROMPT_DIRS = (PACKAGE_DIR / "prompts", PACKAGE_DIR.parents[1] / "prompts")
