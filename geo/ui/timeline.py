"""The timeline: the map plays through dates in the browser; Python keeps only what crosses back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from geo.records import EventFilter
from geo.ui.url_state import span_days

__all__ = ["without_dates", "dates_from_map"]


def without_dates(flt: EventFilter) -> EventFilter:
    """The filter over the whole span: the map gets every date once and plays through them itself."""
    return replace(flt, date_from=None, date_to=None)


def dates_from_map(value: Any, span: tuple[str, str] | None) -> tuple[date, date] | None:
    """The date range the map's timeline sent (two ISO days), clamped to the data's span; None if unusable."""
    if not span or not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    try:
        lo, hi = sorted(date.fromisoformat(str(v)) for v in value)
    except ValueError:
        return None
    first, last = span_days(span)
    return min(max(lo, first), last), min(max(hi, first), last)
