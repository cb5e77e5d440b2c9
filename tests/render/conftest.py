"""One headless Chromium per test module of the render package (skipped where none is installed)."""

from __future__ import annotations

import pytest

from geo.errors import SnapshotError
from geo.render.browser import find_chromium, launch


@pytest.fixture(scope="module")
def browser():
    try:
        find_chromium()
    except SnapshotError as exc:
        pytest.skip(str(exc))
    b = launch()
    yield b
    b.close()
