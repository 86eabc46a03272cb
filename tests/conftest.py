"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_69c200a02ad8e96a.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsevents import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def quotes(nlp):
    """``quotes(text)``: the quotes extracted from ``text`` parsed by the session pipeline."""
    from newsevents.quotes import extract_quotes

    return lambda text: extract_quotes(nlp(text))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is not beside this checkout (CI-only development data)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article {SEED} not available (../shared is CI-only)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    """The seed processed once through the whole pipeline (published 2022-01-28)."""
    import newsevents

    return newsevents.extract(seed_text, published="2022-01-28")
