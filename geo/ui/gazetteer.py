"""The Gazetteer page: the candidate table, and what a fix would move before it is saved."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import pandas as pd

from geo.geometry import haversine_km


__all__ = ["places_frame", "countries_differ", "would_move"]


def places_frame(places: Iterable[Any]) -> pd.DataFrame:
    """Gazetteer candidates as a table, most likely first, with the columns `maps.build_map` draws."""
    cols = ["name", "country_code", "admin1", "feature_code", "population", "lat", "lon", "geonameid", "source"]
    table = pd.DataFrame([{c: getattr(p, c, None) for c in cols} for p in places], columns=cols)
    table["event_id"] = table["geonameid"]
    table["location"] = table["name"]
    table["geo_precision"] = 1
    return table


def countries_differ(places: Sequence[Any]) -> bool:
    """Candidates in more than one country: the first is no safe default (Sinjar, Iraq vs Sinjar, Idlib)."""
    return len({getattr(p, "country_code", "") for p in places}) > 1


def would_move(events: pd.DataFrame, name: str, place: Any) -> pd.DataFrame:
    """The stored events placed by `name` and where `place` would put them, farthest move first."""
    cols = ["event_id", "date_start", "event_type", "location", "country_code", "to", "km"]
    if events is None or events.empty:
        return pd.DataFrame(columns=cols)
    mine = events[events["place"].fillna("").str.casefold() == name.strip().casefold()].copy()
    if mine.empty:
        return pd.DataFrame(columns=cols)
    mine["to"] = f"{place.name}, {place.admin1 + ', ' if place.admin1 else ''}{place.country_code}"
    mine["km"] = [
        round(haversine_km(lat, lon, place.lat, place.lon)) if pd.notna(lat) and pd.notna(lon) else None
        for lat, lon in zip(mine["lat"], mine["lon"])
    ]
    return mine.sort_values("km", ascending=False, na_position="first")[cols].reset_index(drop=True)
