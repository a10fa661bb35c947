"""Shared test helpers: paths to the repo's seeds and the shared dev data, and the quote
extractor the quote tests call."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "cnn-us-cuba-migration-talks.txt"
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("BRIEFING_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def extract():
    """``briefing.quotes.extract_quotes``, imported when a quote test first asks for it."""
    from briefing.quotes import extract_quotes

    return extract_quotes
