"""What every scorer reports the same way."""

from __future__ import annotations

__all__ = ["ratio"]


def ratio(a: int, b: int) -> float | None:
    """a/b to three places; None (not 0) when there is nothing to divide, so an empty class reads as absent."""
    return round(a / b, 3) if b else None
