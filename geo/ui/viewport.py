"""Where the map looks: the browser keeps the reader's view; a new area filter fits it once."""

from __future__ import annotations

from geo.records import EventFilter

__all__ = ["fit_key"]


def fit_key(flt: EventFilter) -> str:
    """What decides where the map looks: a new country or area filter fits the view to its events."""
    return repr((flt.countries, flt.admin1, flt.bbox))
