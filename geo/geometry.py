"""Points and boxes on the sphere: one distance, one longitude wrap, one bounding-box check.

A box is (south, west, north, east) in degrees; west > east means it crosses the antimeridian.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from geo.errors import BBoxError

__all__ = ["BBox", "EARTH_RADIUS_KM", "KM_PER_DEGREE", "haversine_km", "wrap_lon", "parse_bbox", "clamp_bbox",
           "leaflet_bbox", "lon_span"]

BBox = tuple[float, float, float, float]
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # one degree of latitude, ~111.2 km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


def wrap_lon(lon: float) -> float:
    """A longitude past ±180 (a panned Leaflet map runs on) brought back into [-180, 180]."""
    return lon if -180.0 <= lon <= 180.0 else ((lon + 180.0) % 360.0) - 180.0


def lon_span(west: float, east: float) -> float:
    """Degrees of longitude from west to east, across the antimeridian when west > east."""
    return (east - west) % 360 or 360


def _four(value: str | Sequence[Any]) -> BBox:
    parts = value.split(",") if isinstance(value, str) else value
    try:
        s, w, n, e = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise BBoxError(f"bbox must be four numbers S,W,N,E: {value!r}") from None
    if not all(math.isfinite(x) for x in (s, w, n, e)):
        raise BBoxError(f"bbox must be finite numbers: {value!r}")
    return s, w, n, e


def parse_bbox(value: str | Sequence[Any]) -> BBox:
    """'S,W,N,E' (or four numbers) typed by a person -> a checked box: inside the world, south below north."""
    s, w, n, e = _four(value)
    if not (-90 <= s <= 90 and -90 <= n <= 90 and -180 <= w <= 180 and -180 <= e <= 180):
        raise BBoxError(f"bbox is outside the world (latitudes ±90, longitudes ±180): {value!r}")
    if s >= n:
        raise BBoxError(f"bbox south must be below north (order is S,W,N,E): {value!r}")
    if w == e:
        raise BBoxError(f"bbox west and east are equal: {value!r}")
    return s, w, n, e


def clamp_bbox(value: str | Sequence[Any], *, max_lat: float = 90.0) -> BBox:
    """A box as a panned Leaflet map reports it -> latitudes clamped to ±max_lat, longitudes wrapped.

    A view wider than the world (or of no width) becomes the whole world's longitudes.
    """
    s, w, n, e = _four(value)
    if s >= n:
        raise BBoxError(f"bbox south must be below north (order is S,W,N,E): {value!r}")
    s, n = max(s, -max_lat), min(n, max_lat)
    if e - w >= 360 or e == w:
        return s, -180.0, n, 180.0
    return s, wrap_lon(w), n, wrap_lon(e)


def leaflet_bbox(bounds: Mapping[str, Any] | None, *, max_lat: float = 90.0) -> BBox | None:
    """The box of Leaflet's bounds ({"_southWest": {"lat", "lng"}, "_northEast": ...}); None when absent."""
    if not bounds:
        return None
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        box = (sw["lat"], sw["lng"], ne["lat"], ne["lng"])
    except (KeyError, TypeError):
        raise BBoxError(f"not a Leaflet bounds object: {bounds!r}") from None
    return clamp_bbox(box, max_lat=max_lat)
