"""The Gazetteer page's candidate table."""

from __future__ import annotations

from typing import Any, Iterable

import pandas as pd


__all__ = ["places_frame"]


def places_frame(places: Iterable[Any]) -> pd.DataFrame:
    """Gazetteer candidates as a table, most likely first, with the columns `maps.build_map` draws."""
    cols = ["name", "country_code", "admin1", "feature_code", "population", "lat", "lon", "geonameid", "source"]
    table = pd.DataFrame([{c: getattr(p, c, None) for c in cols} for p in places], columns=cols)
    table["event_id"] = table["geonameid"]
    table["location"] = table["name"]
    table["geo_precision"] = 1
    return table
