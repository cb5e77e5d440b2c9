"""Reading one cell of an imported row: a checked number, a coordinate pair; a bad cell raises ValueError naming it."""

from __future__ import annotations

import math

from geo.reading import shorten
from geo.store.schema import MAX_FATALITIES

__all__ = ["Ignored", "number", "whole", "required", "latlon"]


class Ignored(Exception):
    """A row that is valid but is not an event the map shows."""


def number(value: str, what: str, lo: float, hi: float) -> float | None:
    """A finite number in [lo, hi], None for an empty cell."""
    if not value.strip():
        return None
    try:
        x = float(value) if len(value) <= 60 else math.nan
    except ValueError:
        raise ValueError(f"{what} {shorten(value)} is not a number") from None
    if not math.isfinite(x):
        raise ValueError(f"{what} {shorten(value)} is not a finite number")
    if not lo <= x <= hi:
        raise ValueError(f"{what} {shorten(value)} outside [{lo:g}, {hi:g}]")
    return x


def whole(value: str, what: str, lo: int = 0, hi: int = MAX_FATALITIES) -> int:
    """A whole number in [lo, hi] (0 for an empty cell); '1e400', 'nan' and '2.5' are refused."""
    x = number(value, what, lo, hi)
    if x is None:
        return 0
    if not x.is_integer():
        raise ValueError(f"{what} {shorten(value)} is not a whole number")
    return int(x)


def required(row: dict[str, str], name: str) -> str:
    """A cell that must not be empty (an id)."""
    value = (row.get(name) or "").strip()
    if not value:
        raise ValueError(f"{name} is empty")
    return value


def latlon(row: dict[str, str], lat: str, lon: str) -> tuple[float | None, float | None]:
    y = number(row.get(lat, ""), lat, -90, 90)
    x = number(row.get(lon, ""), lon, -180, 180)
    if (y is None) != (x is None):
        raise ValueError(f"only one of {lat}/{lon} is given")
    return y, x
