"""Shared fixtures. Each helper module's fixtures live in its own test file unless shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
SEEDS = PROJECT_ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_7a9f1f2f1cb3dd00.txt"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The team's evaluation data; absent in a user's clone, present in CI."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is absent (a user's clone): evaluation tests skipped")
    return path


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer, built once into data/ (as on the app's first start) and shared."""
    from geo.gazetteer import Gazetteer

    return Gazetteer.open()
