"""Reading one cell of an imported row: a checked number, a coordinate pair; a bad cell raises ValueError naming it."""

from __future__ import annotations

__all__ = ["Ignored", "number", "whole", "latlon"]


class Ignored(Exception):
    """A row that is valid but is not an event the map shows."""


def number(value: str, what: str, lo: float, hi: float) -> float | None:
    if not value.strip():
        return None
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not lo <= x <= hi:
        raise ValueError(f"{what} {value!r} outside [{lo:g}, {hi:g}]")
    return x


def whole(value: str, what: str) -> int:
    if not value.strip():
        return 0
    try:
        return int(float(value))
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None


def latlon(row: dict[str, str], lat: str, lon: str) -> tuple[float | None, float | None]:
    y = number(row.get(lat, ""), lat, -90, 90)
    x = number(row.get(lon, ""), lon, -180, 180)
    if (y is None) != (x is None):
        raise ValueError(f"only one of {lat}/{lon} is given")
    return y, x
