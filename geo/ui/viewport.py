"""The map's view as st_folium reports it: the query box, the rebuilt map's view, the clicked event."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Mapping

import pandas as pd

from geo.geometry import wrap_lon
from geo.records import EventFilter

__all__ = ["view_box", "viewport_filter", "map_view_args", "pick_event"]


def view_box(bounds: Mapping[str, Any] | None) -> tuple[float, float, float, float] | None:
    """The query box for a map view (st_folium's `bounds`): the view snapped outward to a grid.

    The grid step is at least half the view, so the box has a margin and a small pan or a
    rounding difference gives the same box, the same query and the same map (no reload loop).
    A view wider than the world, or no view yet, gives None (no box).
    """
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        s, w, n, e = (float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
    except (TypeError, KeyError, ValueError):
        return None
    if any(math.isnan(v) for v in (s, w, n, e)) or n <= s or e <= w or e - w >= 180:
        return None
    step = 2.0 ** math.ceil(math.log2(max(n - s, e - w) / 2))
    return (
        max((math.floor(s / step) - 1) * step, -90.0),
        max((math.floor(w / step) - 1) * step, -180.0),
        min((math.ceil(n / step) + 1) * step, 90.0),
        min((math.ceil(e / step) + 1) * step, 180.0),
    )


def viewport_filter(flt: EventFilter, bounds: Mapping[str, Any] | None) -> EventFilter:
    """`flt` restricted to the map's view (see `view_box`); unchanged when there is no usable view."""
    box = view_box(bounds)
    return replace(flt, bbox=box) if box else flt


def map_view_args(view: Mapping[str, Any] | None) -> dict[str, Any]:
    """`zoom` and `center` for `maps.build_map` from the view st_folium last returned.

    A map rebuilt for a new query area then opens where the user was, instead of fitting the
    (wider, grid-snapped) query box and zooming back out.
    """
    try:
        zoom = int(view["zoom"])
        center = (float(view["center"]["lat"]), float(view["center"]["lng"]))
    except (KeyError, TypeError, ValueError):
        return {}
    if not (0 <= zoom <= 18 and -90 <= center[0] <= 90 and math.isfinite(center[1])):
        return {}
    lng = wrap_lon(center[1])
    return {"zoom": zoom, "center": (center[0], round(lng, 6))}


def pick_event(events: pd.DataFrame, clicked: Mapping[str, Any] | None) -> str | None:
    """The event a map click points at.

    A clicked GeoJSON feature (st_folium's `last_active_drawing`) names its `event_id`; a feature
    without one (a grid cell of many events) selects nothing. A bare click position
    (`last_object_clicked`) selects the nearest event within about 50 km.
    """
    if not clicked or events is None or events.empty:
        return None
    if "properties" in clicked or "geometry" in clicked:
        event_id = (clicked.get("properties") or {}).get("event_id")
        return str(event_id) if event_id and event_id in set(events["event_id"]) else None
    try:
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    located = events.dropna(subset=["lat", "lon"])
    if located.empty:
        return None
    dist = (located["lat"] - lat) ** 2 + ((located["lon"] - lon) * math.cos(math.radians(lat))) ** 2
    best = dist.idxmin()
    return str(located.at[best, "event_id"]) if dist[best] <= 0.5**2 else None
