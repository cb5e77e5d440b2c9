"""The offline vector basemap: country outlines from the `countryinfo` package.

Tiles need the network; this layer does not. Only the countries near the view are sent, with
coordinates rounded to what the view can show, so it stays a small part of the page.
"""

from __future__ import annotations

from functools import lru_cache

import folium

__all__ = ["country_outlines", "offline_layer", "basemap_pane", "LAND", "SEA", "BORDER"]

LAND = "#f2efe6"
SEA = "#cfe0ea"
BORDER = "#8a8a8a"


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str, tuple[float, float, float, float], dict], ...]:
    """(name, alpha2, (south, west, north, east), geometry) of every country with an outline."""
    import countryinfo

    out = []
    for country in countryinfo.all_countries():
        gj = country.geo_json() or {}
        for feature in gj.get("features", ()):
            geometry = feature.get("geometry") or {}
            polygons = _polygons(geometry)
            if not polygons:
                continue
            lons = [p[0] for poly in polygons for ring in poly for p in ring]
            lats = [p[1] for poly in polygons for ring in poly for p in ring]
            bbox = (min(lats), min(lons), max(lats), max(lons))
            code = (country.iso() or {}).get("alpha2", "")
            out.append((country.name(), code, bbox, geometry))
    return tuple(out)


def _polygons(geometry: dict) -> list:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _round_ring(ring: list, digits: int) -> list:
    out: list = []
    for lon, lat, *_ in ring:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) < 4:
        return []
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _simplify(geometry: dict, digits: int) -> dict | None:
    polygons = []
    for poly in _polygons(geometry):
        rings = [_round_ring(ring, digits) for ring in poly]
        if rings and rings[0]:
            polygons.append([r for r in rings if r])
    if not polygons:
        return None
    return {"type": "MultiPolygon", "coordinates": polygons}


def country_outlines(bounds: tuple[float, float, float, float] | None = None) -> dict:
    """A FeatureCollection of the countries whose box meets `bounds` (S, W, N, E) widened by its size.

    Coordinates are rounded to 3 decimals (~100 m) for a regional view, fewer for wider ones.
    """
    if bounds is None:
        bounds = (-90.0, -180.0, 90.0, 180.0)
    s, w, n, e = bounds
    span = max(n - s, e - w)
    margin = max(span, 5.0)
    s, w, n, e = s - margin, w - margin, n + margin, e + margin
    digits = 3 if span <= 8 else 2 if span <= 40 else 1
    features = []
    for name, code, (cs, cw, cn, ce), geometry in _countries():
        if cn < s or cs > n or ce < w or cw > e:
            continue
        simple = _simplify(geometry, digits)
        if simple is not None:
            features.append({"type": "Feature", "properties": {"name": name, "iso": code}, "geometry": simple})
    return {"type": "FeatureCollection", "features": features}


PANE = "cemBasemap"


def offline_layer(bounds: tuple[float, float, float, float] | None = None, *, show: bool = True) -> folium.FeatureGroup:
    """A base layer (radio button in the layer control) drawing land over the map's sea colour.

    It draws in its own pane at tile level (add `basemap_pane()` to the map first), so the
    halos and markers above it stay visible.
    """
    group = folium.FeatureGroup(name="Offline outlines", overlay=False, control=True, show=show)
    style = {"fillColor": LAND, "fillOpacity": 1.0, "color": BORDER, "weight": 0.8}
    folium.GeoJson(
        country_outlines(bounds),
        name="countries",
        style_function=lambda _feature: style,
        tooltip=None,
        control=False,
        interactive=False,
        pane=PANE,
    ).add_to(group)
    return group


def basemap_pane() -> folium.map.CustomPane:
    return folium.map.CustomPane(PANE, z_index=250, pointer_events=False)
